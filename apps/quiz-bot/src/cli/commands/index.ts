import type { CliCommand } from '../command';
import { answer } from './answer';
import { backup } from './backup';
import { compute } from './compute';
import { explain } from './explain';
import { leaderboard } from './leaderboard';
import { play } from './play';
import { questions } from './questions';
import { review } from './review';
import { show } from './show';

/**
 * Every terminal command that runs over the quiz, in one typed static list (the dispatcher in
 * `main.ts` reads it). `discord` is apart (`./discord.ts`): it runs before the quiz exists.
 */
export const CLI_COMMANDS = [
  play,
  questions,
  show,
  answer,
  leaderboard,
  review,
  compute,
  backup,
  explain,
] as const satisfies readonly CliCommand[];
