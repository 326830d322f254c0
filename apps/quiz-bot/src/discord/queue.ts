import { interactionTime } from './rounds';

/** Discord's limit for the first reply to an interaction. */
export const FIRST_REPLY_LIMIT_MS = 3_000;

/**
 * How much of Discord's 3 s a reply may be predicted to use before the bot defers instead: the
 * rest (1.2 s) is the margin for the reply's own round trip, an event loop running late under
 * load, and the error of the prediction.
 */
export const DEFER_BUDGET_MS = 1_800;

/** One interaction in the measured queue (see ReplyQueue.begin). */
export interface QueuedInteraction {
  /** Its first response (a reply, a deferral, a modal) went out: it no longer holds up the others. */
  replied(): void;
  /** It waits on a worker (a model run, a training) instead of this thread: out of the queue, no sample. */
  detach(): void;
  /** Its handling ended (after the reply, or without one). */
  end(): void;
}

/**
 * Decides from the measured queue whether an interaction should be deferred (type 5) before its
 * work: only when the reply is predicted to miss `budgetMs` of Discord's 3 s. The prediction is
 * the time it already waited (its snowflake time to now, less the smallest such delay seen lately,
 * which absorbs clock skew and network latency) plus, for itself and every interaction ahead of it
 * that has no reply yet, the recent time one such interaction costs this thread until its reply.
 * Interactions already replied to (working on after the reply) and those waiting on a worker are
 * not counted: they hold nobody's reply up. A quiet bot never defers: the final reply is the first.
 */
export class ReplyQueue {
  private serviceMs = 0;
  private unreplied = 0;
  private baselineMs: number | undefined;
  private seenAt: number | undefined;
  /**
   * @param budgetMs - the predicted time to reply past which the bot defers (default DEFER_BUDGET_MS)
   * @param clock - a monotonic clock in ms for the cost samples (default `performance.now`; tests pass their own)
   */
  constructor(
    private readonly budgetMs = DEFER_BUDGET_MS,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  /** How long this interaction has waited on our side (ms), skew removed. */
  waitedMs(interactionId: string, now = Date.now()): number {
    const raw = now - interactionTime(interactionId);
    // The baseline follows the smallest raw delay, drifting up 1 ms per second so an old minimum
    // does not stick (per second, not per call: a burst of calls must not lift it to the queue's delay).
    const drift = this.seenAt === undefined ? 0 : Math.max(0, now - this.seenAt) / 1_000;
    this.seenAt = now;
    this.baselineMs = this.baselineMs === undefined ? raw : Math.min(raw, this.baselineMs + drift);
    return Math.max(0, raw - this.baselineMs);
  }

  /** Interactions begun and not yet replied to (nor detached). */
  get waiting(): number {
    return this.unreplied;
  }

  /** The recent cost (ms) of one interaction until its reply, when others are handled beside it. */
  get costMs(): number {
    return this.serviceMs;
  }

  /**
   * The predicted time (ms) from the interaction's creation to its reply: what it waited, plus its
   * own cost and that of every unreplied interaction ahead of it (all of them: it has begun), or
   * `laneMs` when that is longer (the lane's own prediction, `WorkLane.predictedMs`, which follows
   * a sudden burst sooner: it needs no reply to learn).
   */
  predictedMs(interactionId: string, now = Date.now(), laneMs = 0): number {
    return this.waitedMs(interactionId, now) + Math.max(Math.max(1, this.unreplied) * this.serviceMs, laneMs);
  }

  /**
   * True when the reply could miss Discord's limit: the predicted time to reply (`predictedMs`) is
   * past the budget. Called once, when the interaction's work starts (after `begin`).
   */
  shouldDefer(interactionId: string, now = Date.now(), laneMs = 0): boolean {
    return this.predictedMs(interactionId, now, laneMs) > this.budgetMs;
  }

  /**
   * How long (ms) the work may still run before the bot must defer to keep within the budget: the
   * budget less what the interaction already waited (0 when it is spent).
   */
  deferAfterMs(interactionId: string, now = Date.now()): number {
    return Math.max(0, this.budgetMs - this.waitedMs(interactionId, now));
  }

  /**
   * An interaction starts being handled. Its cost, shared by the unreplied interactions handled
   * beside it, is sampled when it is `replied` (an EWMA, weight 0.2), but only when it began behind
   * another unreplied one: alone, its time to reply is latency (the reply's round trip), not what it
   * costs the others waiting — a few quiet interactions before a burst would otherwise teach the
   * queue a cost of several ms each and defer half the burst for nothing. `detach` and `end` before
   * a reply take it out of the queue without a sample.
   */
  begin(): QueuedInteraction {
    const ahead = this.unreplied++;
    const started = this.clock();
    let open = true;
    const leave = () => {
      if (!open) return false;
      open = false;
      this.unreplied--;
      return true;
    };
    return {
      replied: () => {
        if (!leave() || ahead === 0) return;
        const cost = (this.clock() - started) / (ahead + 1);
        this.serviceMs = this.serviceMs * 0.8 + cost * 0.2;
      },
      detach: () => void leave(),
      end: () => void leave(),
    };
  }
}

/**
 * A first-in, first-out lane for the answers' work on this thread (store, grade, score): at most
 * `concurrency` at once, and each next one started from a fresh macrotask (`setImmediate`).
 * Without it, with a synchronous database every answer of a burst ran as one long chain of
 * microtasks: none of their replies or deferrals could be sent or acknowledged (that is I/O, between
 * macrotasks) until nearly all of them were scored, so everyone waited for the whole burst.
 * In the lane the first answers are replied to first, and deferrals and gateway events get the
 * event loop between answers.
 */
export class WorkLane {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private intervalMs = 0;
  private lastLeftAt: number | undefined;

  /**
   * @param concurrency - answers worked on at once (default 4: a network database keeps several queries in flight)
   * @param clock - a monotonic clock in ms (default `performance.now`; tests pass their own)
   */
  constructor(
    private readonly concurrency = 4,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  /**
   * How long (ms) an answer entering now is predicted to take until it leaves the lane: one
   * interval per answer waiting before it, and its own. The interval is the recent time between
   * two answers leaving while others wait (an EWMA, weight 0.2): the lane's throughput now.
   */
  predictedMs(): number {
    return (this.waiting.length + 1) * this.intervalMs;
  }

  /** Answers waiting for their turn. */
  get queued(): number {
    return this.waiting.length;
  }

  /** Waits for this answer's turn; resolves with the function that leaves the lane (idempotent). */
  async enter(): Promise<() => void> {
    if (this.active < this.concurrency && this.waiting.length === 0) this.active++;
    // The place is handed over by the one that leaves: `active` stays as it is.
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    let left = false;
    return () => {
      if (left) return;
      left = true;
      const now = this.clock();
      // Sampled only between two answers leaving while others wait: an idle gap says nothing about
      // its throughput (the first leave of a burst after a quiet spell would otherwise count the
      // whole spell as one interval, and every answer behind it would be deferred).
      if (this.waiting.length > 0 && this.lastLeftAt !== undefined)
        this.intervalMs = this.intervalMs * 0.8 + (now - this.lastLeftAt) * 0.2;
      this.lastLeftAt = this.waiting.length > 0 ? now : undefined;
      const next = this.waiting.shift();
      if (next === undefined) this.active--;
      else setImmediate(next);
    };
  }
}
