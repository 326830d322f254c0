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
  // The last id read, kept: one interaction asks several times in a row (its deferral rule, its
  // round entry, its hint window; issue 20: each a BigInt parse on the bot's thread).
  if (interactionId === lastTime.id) return lastTime.ms;
  const ms = Number((BigInt(interactionId) >> 22n) + 1_420_070_400_000n);
  lastTime.id = interactionId;
  lastTime.ms = ms;
  return ms;
}
const lastTime: { id: string | undefined; ms: number } = { id: undefined, ms: 0 };

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
