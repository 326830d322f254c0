import type { ComponentHandler, SlashCommand } from '../command';
import { admin } from './admin';
import { answer } from './answer';
import { compute } from './compute';
import { explain } from './explain';
import { group } from './group';
import { leaderboard } from './leaderboard';
import { quiz, quizComponents } from './quiz';
import { review } from './review';
import { stats } from './stats';

/** Every slash command, in one typed static list: registration and dispatch both read it. */
export const COMMANDS = [
  quiz,
  answer,
  leaderboard,
  group,
  review,
  stats,
  explain,
  compute,
  admin,
] as const satisfies readonly SlashCommand[];

export const COMPONENT_HANDLERS = [quizComponents] as const satisfies readonly ComponentHandler[];
