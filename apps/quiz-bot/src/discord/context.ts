import type { Interaction } from 'discord.js';
import type { QuizEngine } from '../engine';
import type { QuizStore } from '../store/store';
import type { SegmentationPictureSource } from '../verify/segmentation-picture';
import type { PicturePool } from '../views/picture-pool';
import type { LeaderboardCache } from './boards';
import { BotError } from './errors';
import type { CommandLimiter } from './limits';
import type { Logger } from './logger';
import type { GroupMemberships } from './memberships';
import type { PhaseProbe } from './phases';
import type { QueuedInteraction, ReplyQueue, WorkLane } from './queue';
import { clip, escapeUserText } from './render';
import type { RoundCloser } from './rounds';

/** What every command handler gets: passed in, never imported, so tests build their own. */
export interface BotContext {
  readonly engine: QuizEngine;
  readonly store: QuizStore;
  readonly logger: Logger;
  readonly now: () => number;
  /** Closes timed rounds kept in the store (here or on any shard, after a restart too). */
  readonly rounds: RoundCloser;
  /** The named group each user plays in on each server, remembered until /group changes it. */
  readonly memberships: GroupMemberships;
  /** Leaderboards and their pictures, cached until an answer changes them. */
  readonly boards: LeaderboardCache;
  /** Draws pictures (SVG to PNG) in a worker thread. */
  readonly picturePool: PicturePool;
  /** The measured queue: whether a reply could miss Discord's 3 s (then defer first). */
  readonly queue: ReplyQueue;
  /** The answers' work on this thread, in arrival order, a few at a time. */
  readonly lane: WorkLane;
  /**
   * The current interaction in the measured queue: `detach` when it waits on a worker; `replied` /
   * `deferred` for a response sent by a direct REST call (discord.js' reply methods report it
   * themselves; see `onFirstResponse`); `waitFor` around the awaits of the hot path and `aside`
   * around a deferral's send, so that only its own time on this thread is its cost.
   */
  readonly queued?: QueuedInteraction;
  /** Per-user and per-server limits of /leaderboard, /explain and /compute. */
  readonly limiter: CommandLimiter;
  /** Draws question 8's segmentation picture in the worker pool (absent: `/explain 8` shows text only). */
  readonly pictures?: SegmentationPictureSource;
  /** This bot's phase marks (the bench's `--phases`; absent in the bot). */
  readonly phases?: PhaseProbe;
}

/** Seconds a question stays open when a server has not chosen (admins change it with /admin timer). */
export const DEFAULT_QUESTION_SECONDS = 120;
export const MAX_QUESTION_SECONDS = 3600;

/** A Discord user's id in the quiz: their snowflake, never their (changeable) name. */
export const quizUserId = (discordUserId: string) => `discord:${discordUserId}`;
/**
 * A server's group id: the form the terminal's `--group` makes from a name, so
 * `cnnkit-quiz leaderboard --group discord-<server id>` shows a server's players on the same database.
 */
export const guildGroupId = (guildId: string) => `discord-${guildId}`;
export const namedGroupId = (guildId: string, name: string) => `discord-${guildId}-${groupSlug(name)}`;

export function groupSlug(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  if (slug.length === 0)
    throw new BotError('invalid_option', 'a group name needs at least one letter or digit');
  return slug;
}

export function displayNameOf(interaction: Interaction): string {
  return interaction.user.globalName ?? interaction.user.username;
}

export function guildIdOf(interaction: Interaction): string {
  if (interaction.guildId === null) throw new BotError('guild_only', 'interaction outside a server');
  return interaction.guildId;
}

/**
 * The group a user plays in on a server: the named group joined last (remembered by
 * `ctx.memberships`), else the whole server.
 */
export async function currentGroup(
  ctx: BotContext,
  interaction: Interaction,
): Promise<{ id: string; name: string }> {
  const guildId = guildIdOf(interaction);
  const latest = await ctx.memberships.of(quizUserId(interaction.user.id), `${guildGroupId(guildId)}-`);
  if (latest !== null) return latest;
  return { id: guildGroupId(guildId), name: interaction.guild?.name ?? 'this server' };
}

/** A named group of this server, which must exist. */
export async function namedGroup(ctx: BotContext, guildId: string, name: string) {
  const group = await ctx.store.group(namedGroupId(guildId, name));
  if (group === undefined)
    throw new BotError(
      'unknown_group',
      `there is no group "${escapeUserText(clip(name, 40))}" on this server: see /group create`,
    );
  return group;
}

export async function questionSeconds(ctx: BotContext, guildId: string): Promise<number> {
  const stored = await ctx.store.setting(guildGroupId(guildId), 'question_seconds');
  const seconds = stored === undefined ? DEFAULT_QUESTION_SECONDS : Number(stored);
  return Number.isFinite(seconds) ? seconds : DEFAULT_QUESTION_SECONDS;
}
