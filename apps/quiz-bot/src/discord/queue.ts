import { interactionTime } from './rounds';

/** Discord's limit for the first reply to an interaction. */
export const FIRST_REPLY_LIMIT_MS = 3_000;

/**
 * How much of Discord's 3 s a reply may be predicted to use before the bot defers instead: the
 * rest (1.2 s) is the margin for the reply's own round trip, an event loop running late under
 * load, and the error of the prediction.
 */
export const DEFER_BUDGET_MS = 1_800;

/**
 * How long a cost sample stays good (ms): past it, the queue's cost is unknown (see ReplyQueue).
 * A quiet bot's last sample (its start, JIT and all) says little about the next burst.
 */
export const COST_STALE_MS = 1_000;
/** A cost sample's window closes at a reply once it holds this many replies and 20 ms… */
const SAMPLE_REPLIES = 8;
const SAMPLE_MIN_MS = 20;
/** …or any reply once it is this long (a quiet bot: replies far apart). */
const SAMPLE_MAX_MS = 250;

/** One interaction in the measured queue (see ReplyQueue.begin). */
export interface QueuedInteraction {
  /** Interactions begun before it that have no reply yet (replies counted in any order). */
  ahead(): number;
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
 * that has no reply yet, the recent time the queue takes per reply.
 *
 * That cost is the queue's occupied time (wall time with at least one interaction unreplied) per
 * reply, over windows of at least 8 replies and 20 ms (or 250 ms), an EWMA of weight 0.5: in a
 * burst, the time between replies, whatever slows them (this thread's work, other processes on
 * the same cores, a slow disk); waits that overlap count once. (This thread's busy time alone, the
 * event loop's active time, was tried: on a machine shared by ~20 runnable threads it missed the
 * time the thread waits for a core, and a burst it predicted at 1 s took 5 s.)
 * A sample older than COST_STALE_MS is not used (the cost is unknown until the next window: the
 * caller asks again, see `shouldDefer`); without it a quiet bot's first burst was judged by the
 * cost of its start (a burst of 400 deferred 382 replies that then came in 0.7 s).
 * Interactions already replied to (working on after the reply) and those waiting on a worker are
 * not counted: they hold nobody's reply up. A quiet bot never defers: the final reply is the first.
 */
export class ReplyQueue {
  private serviceMs = 0;
  private sampledAt = Number.NEGATIVE_INFINITY;
  private windowStart: number | undefined;
  private windowOccupied = 0;
  private occupiedMs = 0;
  private occupiedSince: number | undefined;
  private windowReplies = 0;
  private repliedTotal = 0;
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

  /** The queue's occupied time so far (ms): wall time with at least one interaction unreplied. */
  private occupied(now: number): number {
    return this.occupiedMs + (this.occupiedSince === undefined ? 0 : now - this.occupiedSince);
  }

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

  /** Replies counted so far (first responses of interactions not detached before them). */
  get replies(): number {
    return this.repliedTotal;
  }

  /** Interactions begun and not yet replied to (nor detached). */
  get waiting(): number {
    return this.unreplied;
  }

  /**
   * The recent occupied time (ms) of the queue per reply; 0 while unknown (no sample in the last
   * COST_STALE_MS).
   */
  get costMs(): number {
    return this.clock() - this.sampledAt > COST_STALE_MS ? 0 : this.serviceMs;
  }

  /**
   * The predicted time (ms) from the interaction's creation to its reply: what it waited, plus its
   * own cost and that of the `ahead` unreplied interactions before it (default: all of them, as
   * for one that has just begun), or `laneMs` when that is longer (the lane's own prediction,
   * `WorkLane.predictedMs`, which follows a burst from its answers leaving the lane).
   */
  predictedMs(interactionId: string, now = Date.now(), laneMs = 0, ahead = this.unreplied - 1): number {
    return this.waitedMs(interactionId, now) + Math.max((Math.max(0, ahead) + 1) * this.costMs, laneMs);
  }

  /**
   * True when the reply could miss Discord's limit: the predicted time to reply (`predictedMs`) is
   * past the budget. Asked when the interaction's work starts (after `begin`), and again while its
   * reply has not started (see `submitAnswer`): the cost may be unknown at first (stale), and
   * the time waited grows.
   */
  shouldDefer(interactionId: string, now = Date.now(), laneMs = 0, ahead?: number): boolean {
    return this.predictedMs(interactionId, now, laneMs, ahead) > this.budgetMs;
  }

  /**
   * How long (ms) the work may still run before the bot must defer to keep within the budget: the
   * budget less what the interaction already waited (0 when it is spent).
   */
  deferAfterMs(interactionId: string, now = Date.now()): number {
    return Math.max(0, this.budgetMs - this.waitedMs(interactionId, now));
  }

  /** A reply went out: counted in the cost sample's window, which closes when it is full. */
  private sample(): void {
    this.repliedTotal++;
    const now = this.clock();
    const held = this.occupied(now);
    if (this.windowStart === undefined) {
      // The first reply opens the first window.
      this.windowStart = now;
      this.windowOccupied = held;
      this.windowReplies = 0;
      return;
    }
    const elapsed = now - this.windowStart;
    if (elapsed > COST_STALE_MS) {
      // A window open across a quiet spell holds whatever else the thread did meanwhile: restarted.
      this.windowStart = now;
      this.windowOccupied = held;
      this.windowReplies = 0;
      return;
    }
    this.windowReplies++;
    if (!((this.windowReplies >= SAMPLE_REPLIES && elapsed >= SAMPLE_MIN_MS) || elapsed >= SAMPLE_MAX_MS))
      return;
    const cost = (held - this.windowOccupied) / this.windowReplies;
    // A stale estimate is replaced, not blended: it was about another load.
    this.serviceMs = now - this.sampledAt > COST_STALE_MS ? cost : this.serviceMs * 0.5 + cost * 0.5;
    this.sampledAt = now;
    this.windowStart = now;
    this.windowOccupied = held;
    this.windowReplies = 0;
  }

  /**
   * An interaction starts being handled. Its reply counts in the cost samples (see the class);
   * `detach` and `end` before a reply take it out of the queue without one.
   */
  begin(): QueuedInteraction {
    const aheadAtBegin = this.unreplied++;
    if (aheadAtBegin === 0) this.occupiedSince = this.clock();
    const repliedAtBegin = this.repliedTotal;
    let open = true;
    const leave = () => {
      if (!open) return false;
      open = false;
      if (--this.unreplied === 0 && this.occupiedSince !== undefined) {
        this.occupiedMs += this.clock() - this.occupiedSince;
        this.occupiedSince = undefined;
      }
      return true;
    };
    return {
      ahead: () => Math.max(0, aheadAtBegin - (this.repliedTotal - repliedAtBegin)),
      replied: () => {
        if (leave()) this.sample();
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
  private busyAtLastLeave = false;

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
   * two answers leaving while others waited all along (an EWMA, weight 0.2): the lane's throughput
   * now. 0 (unknown) when no answer left in the last COST_STALE_MS: the throughput of a busy spell
   * long gone says nothing about this one.
   */
  predictedMs(): number {
    if (this.lastLeftAt === undefined || this.clock() - this.lastLeftAt > COST_STALE_MS) return 0;
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
      // Sampled only while the lane is busy, since the last leave too: an idle gap (the time from
      // the last busy spell to this one's first answer) says nothing about its throughput.
      const busy = this.waiting.length > 0;
      if (busy && this.busyAtLastLeave && this.lastLeftAt !== undefined)
        this.intervalMs = this.intervalMs * 0.8 + (now - this.lastLeftAt) * 0.2;
      this.lastLeftAt = now;
      this.busyAtLastLeave = busy;
      const next = this.waiting.shift();
      if (next === undefined) this.active--;
      else setImmediate(next);
    };
  }
}
