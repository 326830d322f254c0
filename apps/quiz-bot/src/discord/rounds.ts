import { EmbedBuilder, type REST, Routes } from 'discord.js';
import type { QuizEngine } from '../engine';
import type { StoredRound } from '../store/rounds';
import type { QuizStore } from '../store/store';
import type { Logger } from './logger';
import { questionMessage } from './render';

/** How long a hint stays owed: an answer this long after it no longer pays (30 min). */
export const HINT_TTL_MS = 30 * 60_000;
/** An entered answer still "being graded" after this long is taken as lost (its process died). */
export const ENTRY_STALE_MS = 180_000;

/** The time a user acted: the interaction's snowflake time, whatever the queue did after. */
export function interactionTime(interactionId: string): number {
  return Number((BigInt(interactionId) >> 22n) + 1_420_070_400_000n);
}

/**
 * The answers in progress that owe a hint, by idempotency key (set around one engine.answer call).
 * A map, not an AsyncLocalStorage: one of those turns on Node's promise hooks for every promise of
 * the process, a cost the whole interaction path paid under load.
 */
const owingHint = new Map<string, number>();

/**
 * The store with the hint penalty applied inside its transaction: a right answer that owes a hint
 * earns half its points (the rule is `scoreAnswer`'s, in scoring.ts; this only says which answer owes).
 * Which answer owes is decided before (by `runOwingHint`), from the hint's and the answer's
 * interaction times, so concurrent answers never trade penalties.
 */
export function withHintPenalty(store: QuizStore): QuizStore {
  const recordAttempt: QuizStore['recordAttempt'] = (attempt) =>
    store.recordAttempt({ ...attempt, hintOwed: owingHint.has(attempt.idempotencyKey) });
  const bound = new Map<PropertyKey, unknown>();
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'recordAttempt') return recordAttempt;
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      // Bound once per method, not on every call.
      let method = bound.get(property);
      if (method === undefined) {
        method = value.bind(target);
        bound.set(property, method);
      }
      return method;
    },
  });
}

/**
 * Scores an answer, halving it when the user took a hint on this question before the answer's
 * interaction (and has not paid it yet): an answer sent before the hint never pays, and the hint is
 * paid by the first right answer after it. `idempotencyKey` is the one `score` records the attempt
 * under.
 */
export async function runOwingHint<T extends { grade: { correct: boolean }; duplicate: boolean }>(
  store: QuizStore,
  answer: { userId: string; questionId: number; interactionId: string; idempotencyKey: string },
  score: () => Promise<T>,
): Promise<T> {
  const answeredAt = interactionTime(answer.interactionId);
  const hint = await store.rounds.unpaidHint(
    answer.userId,
    answer.questionId,
    answeredAt,
    answeredAt - HINT_TTL_MS,
  );
  let result: T;
  if (hint === undefined) result = await score();
  else {
    // Counted: a redelivered interaction scored twice at once (same key) keeps owing until both end.
    const key = answer.idempotencyKey;
    owingHint.set(key, (owingHint.get(key) ?? 0) + 1);
    try {
      result = await score();
    } finally {
      const left = (owingHint.get(key) ?? 1) - 1;
      if (left === 0) owingHint.delete(key);
      else owingHint.set(key, left);
    }
  }
  if (hint !== undefined && result.grade.correct && !result.duplicate)
    await store.rounds.payHint(answer.userId, answer.questionId, hint.interactionId, answer.interactionId);
  return result;
}

/**
 * Closes timed rounds: a local timer for the rounds this process opened, and a sweep of the store
 * for every other (opened by another shard, or before a restart). Whoever claims a round in the
 * store edits its message, so it is closed once.
 */
export class RoundCloser {
  private readonly pending = new Set<NodeJS.Timeout>();
  private readonly sweep: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly deps: {
      store: QuizStore;
      engine: QuizEngine;
      rest: REST;
      logger: Logger;
      now: () => number;
      sweepMs: number;
    },
  ) {
    this.sweep = setInterval(() => void this.closeDue(), deps.sweepMs);
    this.sweep.unref();
  }

  /** Stores the round, and closes it at its deadline (here, or by whichever process sweeps first). */
  async open(round: StoredRound): Promise<void> {
    await this.deps.store.rounds.openRound(round);
    if (round.deadline === null) return;
    const timer = setTimeout(
      () => {
        this.pending.delete(timer);
        void this.close(round);
      },
      Math.max(0, round.deadline - this.deps.now()),
    );
    timer.unref();
    this.pending.add(timer);
  }

  /** Closes every round whose deadline has passed and that nobody closed. */
  async closeDue(): Promise<void> {
    if (this.stopped) return;
    try {
      const now = this.deps.now();
      for (const round of await this.deps.store.rounds.dueRounds(now, 20))
        if (await this.deps.store.rounds.claimClose(round.id, now)) await this.editClosed(round);
    } catch (error) {
      this.deps.logger.warn({ err: error }, 'could not close rounds');
    }
  }

  /** Closes one round now, unless another process (or the sweep) closed it already. */
  private async close(round: StoredRound): Promise<void> {
    if (this.stopped) return;
    try {
      if (await this.deps.store.rounds.claimClose(round.id, this.deps.now())) await this.editClosed(round);
    } catch (error) {
      this.deps.logger.warn({ round: round.id, err: error }, 'could not close the round');
    }
  }

  /** The question message says time is up and loses its buttons (built again from the question). */
  private async editClosed(round: StoredRound): Promise<void> {
    const question = this.deps.engine.question(round.questionId, round.variantSeed ?? undefined);
    const message = questionMessage(question, {
      questionId: round.questionId,
      variantSeed: round.variantSeed ?? undefined,
      deadline: round.deadline ?? undefined,
      roundId: round.id,
    });
    const closed = EmbedBuilder.from(message.embeds[0]!.toJSON())
      .spliceFields(-1, 1, {
        name: 'Time',
        value: `⏱️ Time's up: answers are closed. \`/explain question:${question.id}\` shows the model answer.`,
      })
      .setColor(0x888888);
    try {
      await this.deps.rest.patch(Routes.webhookMessage(round.applicationId, round.replyToken, '@original'), {
        body: { embeds: [closed.toJSON()], components: [], allowed_mentions: { parse: [] } },
        auth: false,
      });
    } catch (error) {
      this.deps.logger.warn({ round: round.id, err: error }, 'could not close the round');
    }
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.sweep);
    for (const timer of this.pending) clearTimeout(timer);
    this.pending.clear();
  }
}
