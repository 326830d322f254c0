import type { Interaction } from 'discord.js';
import type { QuizEngine } from '../engine';
import type { QuizStore } from '../store/store';
import type { SegmentationPictureSource } from '../verify/segmentation-picture';
import { BotError } from './errors';
import type { Logger } from './logger';

/** What every command handler gets: passed in, never imported, so tests build their own. */
export interface BotContext {
  readonly engine: QuizEngine;
  readonly store: QuizStore;
  readonly logger: Logger;
  readonly now: () => number;
  readonly hints: HintLedger;
  readonly timers: RoundTimers;
  readonly winners: RoundWinners;
  /** Draws question 8's segmentation picture in the worker pool (absent: `/explain 8` shows text only). */
  readonly pictures?: SegmentationPictureSource;
}

/** Who answered each round's part right first (the race of a trivia round), per process. */
export class RoundWinners {
  private readonly claimed = new Set<string>();
  /** True for the first claim of a round's part, false after. */
  claim(roundId: string, partId: string): boolean {
    const key = `${roundId}|${partId}`;
    if (this.claimed.has(key)) return false;
    this.claimed.add(key);
    if (this.claimed.size > 50_000) this.claimed.delete(this.claimed.values().next().value!);
    return true;
  }
}

/** Timers that close quiz rounds (edit the question when time is up); all cleared when the bot stops. */
export class RoundTimers {
  private readonly pending = new Set<NodeJS.Timeout>();
  schedule(delayMs: number, work: () => Promise<void>): void {
    const timer = setTimeout(() => {
      this.pending.delete(timer);
      void work();
    }, delayMs);
    timer.unref();
    this.pending.add(timer);
  }
  clear(): void {
    for (const timer of this.pending) clearTimeout(timer);
    this.pending.clear();
  }
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

/** The group a user plays in on a server: the named group joined last, else the whole server. */
export async function currentGroup(
  ctx: BotContext,
  interaction: Interaction,
): Promise<{ id: string; name: string }> {
  const guildId = guildIdOf(interaction);
  const [latest] = await ctx.store.groupsOf(quizUserId(interaction.user.id), `${guildGroupId(guildId)}-`);
  if (latest !== undefined) return { id: latest.id, name: latest.name };
  return { id: guildGroupId(guildId), name: interaction.guild?.name ?? 'this server' };
}

/** A named group of this server, which must exist. */
export async function namedGroup(ctx: BotContext, guildId: string, name: string) {
  const group = await ctx.store.group(namedGroupId(guildId, name));
  if (group === undefined)
    throw new BotError(
      'unknown_group',
      `there is no group "${name.slice(0, 40)}" on this server: see /group create`,
    );
  return group;
}

export async function questionSeconds(ctx: BotContext, guildId: string): Promise<number> {
  const stored = await ctx.store.setting(guildGroupId(guildId), 'question_seconds');
  const seconds = stored === undefined ? DEFAULT_QUESTION_SECONDS : Number(stored);
  return Number.isFinite(seconds) ? seconds : DEFAULT_QUESTION_SECONDS;
}

/**
 * Hints taken, per user and question, in this process: the next answer to that question earns half
 * its points. (Several shards each keep their own; a hint is only ever asked on the shard that answers.)
 */
export class HintLedger {
  private readonly taken = new Map<string, number>();
  constructor(private readonly ttlMs = 30 * 60_000) {}

  take(userId: string, questionId: number, now: number): void {
    this.taken.set(`${userId}|${questionId}`, now + this.ttlMs);
    if (this.taken.size > 50_000) this.taken.delete(this.taken.keys().next().value!);
  }

  /** True once per hint: the answer that pays for it. */
  consume(userId: string, questionId: number, now: number): boolean {
    const key = `${userId}|${questionId}`;
    const until = this.taken.get(key);
    if (until === undefined) return false;
    this.taken.delete(key);
    return until >= now;
  }
}

/** The store with hints paid for: an answer after a hint earns half its points. */
export function withHintPenalty(store: QuizStore, hints: HintLedger, now: () => number): QuizStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'recordAttempt') {
        return (attempt: Parameters<QuizStore['recordAttempt']>[0]) =>
          target.recordAttempt({
            ...attempt,
            pointsFor: (streakBefore, alreadyScored) => {
              const points = attempt.pointsFor(streakBefore, alreadyScored);
              return hints.consume(attempt.user.id, attempt.questionId, now())
                ? Math.floor(points / 2)
                : points;
            },
          });
      }
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
