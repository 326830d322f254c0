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
  /**
   * Its reply (or a deferral's edit) went out: it no longer holds up the others. Its cost sample
   * (its own time on this thread since it began) is taken here, once.
   */
  replied(): void;
  /**
   * Its first response was a deferral (type 5): it no longer risks Discord's 3 s, so it leaves the
   * count of unreplied interactions, but its own time is still measured until `replied` or `end`.
   */
  deferred(): void;
  /** It waits on a worker (a model run, a training) instead of this thread: out of the queue, no sample. */
  detach(): void;
  /** Its handling ended (after the reply, or without one); a deferred one gives its sample here if it has none yet. */
  end(): void;
  /**
   * Awaits `waiting` with this interaction's clock stopped: the wait (a REST round trip, a store
   * query in another thread) is not its cost; the clock runs again when the code after the await
   * starts (until its next `waitFor`, its sample, or another interaction's slice).
   */
  waitFor<T>(waiting: Promise<T>): Promise<T>;
  /**
   * Runs `work` (synchronous) outside this interaction's own time: for work on this thread that is
   * not its answer's, such as sending a deferral (its extra REST call must not raise the cost).
   */
  aside<T>(work: () => T): T;
}

/** Why an interaction was deferred: counted by ReplyQueue.deferrals for the bench and the logs. */
export type DeferralReason = 'queue' | 'lane' | 'deadline' | 'model' | 'rate-limit';

/**
 * Decides from the measured queue whether an interaction should be deferred (type 5) before its
 * work: only when the reply is predicted to miss `budgetMs` of Discord's 3 s. The prediction is
 * the time it already waited (its snowflake time to now, less the smallest such delay seen lately,
 * which absorbs clock skew and network latency) plus, for itself and every interaction ahead of it
 * that has no reply yet, the recent cost of one interaction on this thread.
 *
 * That cost is the thread's own busy time per interaction, not the wall time to its reply: the
 * slices of work the interaction itself runs on this thread, from discord.js parsing its gateway
 * event (`gatewayEvent`) to its reply going out, with every await it makes through `waitFor`
 * (a REST round trip, a store query or a grade in another thread) and every deferral it sends
 * (`aside`) left out. Waiting is not a cost: the thread serves the others meanwhile. So the
 * prediction cannot feed on itself: a deferral's extra REST call and its round trip, a slow REST
 * server or a congested database make no interaction look costlier (the rule before sampled wall
 * time, which counted all of them; one burst's deferrals then deferred most of the next). Work that
 * is nobody's own (REST responses, the store writer's messages, GC) is not in the samples either:
 * the budget's 1.2 s margin, the lane's prediction and the deadline timer (`deferAfterMs`, for
 * waits off this thread) cover it; on a heavily loaded machine only in part, since that work is most
 * of the thread's (see bench/discord.bench.ts). Every interaction gives a sample, alone or in a crowd: busy time
 * is the same either way. Interactions already replied to or deferred, and those waiting on a
 * worker, are not counted ahead: they risk nobody's 3 s. A quiet bot never defers.
 */
export class ReplyQueue {
  private serviceMs = 0;
  private unreplied = 0;
  private baselineMs: number | undefined;
  private seenAt: number | undefined;
  private eventStartedAt: number | undefined;
  /** The interaction whose slice runs now: the thread runs one at a time (see `begin`). */
  private running: { pause(at: number): void } | undefined;
  /** Deferrals by reason since the bot started (see `countDeferral`). */
  readonly deferrals: Record<DeferralReason, number> = {
    queue: 0,
    lane: 0,
    deadline: 0,
    model: 0,
    'rate-limit': 0,
  };
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

  /** Interactions begun and not yet replied to (nor deferred, nor detached). */
  get waiting(): number {
    return this.unreplied;
  }

  /** The recent cost (ms) of one interaction: its own busy time on this thread until its reply (an EWMA). */
  get costMs(): number {
    return this.serviceMs;
  }

  /** Counts a deferral by its reason (see `deferrals`). */
  countDeferral(reason: DeferralReason): void {
    this.deferrals[reason]++;
  }

  /**
   * Runs `handle` (discord.js handling one gateway event, synchronously): an interaction begun
   * inside it counts the event's parsing since its start as its own time.
   */
  gatewayEvent<T>(handle: () => T): T {
    const outer = this.eventStartedAt;
    this.eventStartedAt = this.clock();
    try {
      return handle();
    } finally {
      this.eventStartedAt = outer;
    }
  }

  /**
   * The predicted time (ms) from the interaction's creation to its reply: what it waited, plus its
   * own cost and that of every unreplied interaction ahead of it (all of them: it has begun), or
   * `laneMs` when that is longer (the lane's own prediction, `WorkLane.predictedMs`).
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
   * An interaction starts being handled, and its own clock starts (at its gateway event's start
   * when begun inside `gatewayEvent`). The clock stops while it awaits through `waitFor`, around
   * `aside`, and whenever another interaction's slice starts (the thread runs one at a time, so a
   * slice can never overlap another's). Its cost sample, the sum of its slices, is taken once when
   * it is `replied` (for a deferred one, at its edit, or at `end`), into an EWMA of weight 0.2.
   * `detach`, and `end` before any response, take it out of the queue without a sample.
   */
  begin(): QueuedInteraction {
    return new Queued(this);
  }

  /** The interaction whose slice runs now (for `Queued`). */
  get runningSlice(): Queued | undefined {
    return this.running as Queued | undefined;
  }
  set runningSlice(slice: Queued | undefined) {
    this.running = slice;
  }
  /** The start of the gateway event being handled, if any (for `Queued`). */
  get eventStart(): number | undefined {
    return this.eventStartedAt;
  }
  /** `Queued`'s bookkeeping: one interaction more or less in `unreplied`, or its cost sample. */
  count(): void {
    this.unreplied++;
  }
  uncount(): void {
    this.unreplied--;
  }
  addSample(busyMs: number): void {
    this.serviceMs = this.serviceMs * 0.8 + busyMs * 0.2;
  }
  now(): number {
    return this.clock();
  }
}

/**
 * One interaction of a ReplyQueue (see `ReplyQueue.begin`): one object with its methods on the
 * prototype, not a dozen closures per interaction (issue 20: the bot thread's allocations per
 * answer), and `waitFor` resumes through two callbacks made once, not an async function per await.
 */
class Queued implements QueuedInteraction {
  /** In the queue's `unreplied`. */
  private counted = true;
  /** No sample taken yet, not detached. */
  private measuring = true;
  private busyMs = 0;
  private sliceFrom: number | undefined;
  private wasDeferred = false;
  private readonly resumeWith: (value: unknown) => unknown;
  private readonly resumeAndThrow: (error: unknown) => never;

  constructor(private readonly queue: ReplyQueue) {
    queue.count();
    // The first slice runs from the gateway event's start (discord.js' parsing is its own work).
    const now = queue.now();
    const from = queue.eventStart ?? now;
    queue.runningSlice?.pause(from);
    this.sliceFrom = from;
    queue.runningSlice = this;
    this.resumeWith = (value) => {
      this.resume();
      return value;
    };
    this.resumeAndThrow = (error) => {
      this.resume();
      throw error;
    };
  }

  pause(at: number): void {
    if (this.sliceFrom === undefined) return;
    this.busyMs += Math.max(0, at - this.sliceFrom);
    this.sliceFrom = undefined;
    if (this.queue.runningSlice === this) this.queue.runningSlice = undefined;
  }

  private resume(): void {
    if (!this.measuring || this.sliceFrom !== undefined) return;
    const now = this.queue.now();
    this.queue.runningSlice?.pause(now);
    this.sliceFrom = now;
    this.queue.runningSlice = this;
  }

  private uncount(): void {
    if (!this.counted) return;
    this.counted = false;
    this.queue.uncount();
  }

  private sample(): void {
    if (!this.measuring) return;
    this.pause(this.queue.now());
    this.measuring = false;
    this.queue.addSample(this.busyMs);
  }

  private stop(): void {
    this.pause(this.queue.now());
    this.measuring = false;
  }

  replied(): void {
    this.uncount();
    this.sample();
  }

  deferred(): void {
    this.wasDeferred = true;
    this.uncount();
  }

  detach(): void {
    this.uncount();
    this.stop();
  }

  end(): void {
    this.uncount();
    if (this.wasDeferred) this.sample();
    else this.stop();
  }

  waitFor<T>(waiting: Promise<T>): Promise<T> {
    this.pause(this.queue.now());
    return waiting.then(this.resumeWith, this.resumeAndThrow) as Promise<T>;
  }

  aside<T>(work: () => T): T {
    if (this.sliceFrom === undefined) return work();
    this.pause(this.queue.now());
    try {
      return work();
    } finally {
      this.resume();
    }
  }
}

/** An answer waiting for its place in the lane (see WorkLane.enter). */
interface LaneWaiter {
  /** Its place is given (it starts). */
  start: () => void;
  /** The lane was closed before it got a place (its `enter` rejects). */
  fail: (reason: Error) => void;
  /** Nothing it awaits before its work is still pending (its rubric grade is back, or it had none). */
  ready: boolean;
  /** Whose answer it is: one user's answers take their places in the order they were sent. */
  key: string | undefined;
}

/**
 * A first-in, first-out lane for the answers' work on this thread (store, grade, score): at most
 * `concurrency` at once, and each next one started from a fresh macrotask (`setImmediate`).
 * Without it, with a synchronous database every answer of a burst ran as one long chain of
 * microtasks: none of their replies or deferrals could be sent or acknowledged (that is I/O, between
 * macrotasks) until nearly all of them were scored, so everyone waited for the whole burst.
 * In the lane the first answers are replied to first, and deferrals and gateway events get the
 * event loop between answers.
 *
 * An answer that still awaits something off this thread before its work can start (a rubric
 * answer's grade in the grading worker: `enter(ready)`) waits in the lane, counted in its
 * prediction, but takes no place until that has settled: the first waiting answer that is ready
 * gets the next place. Otherwise a few free-text answers whose grades were slow to come back (a
 * worker's batch, a thread waiting for a core) held every place while the answers behind them,
 * ready, waited: the tail of the paced mode (bench/discord.bench.ts `--phases`). Only another user's
 * answer may pass one still awaiting its grade: one user's answers (`enter`'s `key`) are worked on
 * one at a time, in the order they were sent, as their scoring order decides streaks,
 * spaced-repetition cards and the rate limit (a user's later choice answer must not be scored
 * before, nor rate-limit, the free-text answer they sent first).
 */
export class WorkLane {
  private active = 0;
  private readonly waiting: LaneWaiter[] = [];
  /** Waiting answers per user key (an answer of a user with one waiting waits behind it). */
  private readonly waitingPerKey = new Map<string, number>();
  /** Users with an answer in the lane now (one at a time each: see `enter`). */
  private readonly activeKeys = new Set<string>();
  /** Waiting answers that are ready (each waits only for a place, or for its user's earlier one). */
  private readyWaiting = 0;
  private intervalMs = 0;
  private lastLeftAt: number | undefined;
  /** Why the lane was closed (`close`); undefined while open. */
  private closedBy: Error | undefined;

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
   * interval per answer waiting before it (ready or not), and its own. The interval is the recent
   * time between two answers leaving while ready ones wait (an EWMA, weight 0.2): the lane's
   * throughput now.
   */
  predictedMs(): number {
    return (this.waiting.length + 1) * this.intervalMs;
  }

  /** Answers waiting for their turn (ready or not). */
  get queued(): number {
    return this.waiting.length;
  }

  /** Answers in the lane now (holding a place). */
  get inLane(): number {
    return this.active;
  }

  /**
   * Waits for this answer's turn; resolves with the function that leaves the lane (idempotent).
   * With `ready`, the answer takes no place before `ready` settles (either way), and waits for it
   * in the lane; without, it is ready now. With `key` (the user), it also takes no place before the
   * answers of the same key that entered before it have left: one user's answers are worked on one at
   * a time, in the order they were sent, so they are scored in that order.
   */
  async enter(ready?: Promise<unknown>, key?: string): Promise<() => void> {
    if (this.closedBy !== undefined) throw this.closedBy;
    // A ready answer takes a free place at once unless its user has an answer waiting or in the lane
    // (a ready answer waiting while a place is free is one its user holds back).
    if (ready === undefined && this.active < this.concurrency && !this.heldBack(key)) {
      this.active++;
      if (key !== undefined) this.activeKeys.add(key);
    } else
      await new Promise<void>((start, fail) => {
        const waiter: LaneWaiter = { start, fail, ready: ready === undefined, key };
        this.waiting.push(waiter);
        if (key !== undefined) this.waitingPerKey.set(key, (this.waitingPerKey.get(key) ?? 0) + 1);
        if (ready === undefined) this.readyWaiting++;
        else {
          const settled = () => {
            if (this.closedBy !== undefined) return; // refused by `close`, no longer waiting
            waiter.ready = true;
            this.readyWaiting++;
            // Places free now go to the ready answers first in line (this one, if its user has none before it).
            while (this.active < this.concurrency && this.startNext(false));
          };
          ready.then(settled, settled);
        }
      });
    let left = false;
    return () => {
      if (left) return;
      left = true;
      if (key !== undefined) this.activeKeys.delete(key);
      const now = this.clock();
      // Sampled only between two answers leaving while ready ones wait: an idle gap says nothing
      // about its throughput (the first leave of a burst after a quiet spell would otherwise count
      // the whole spell as one interval, and every answer behind it would be deferred), and nor
      // does a gap in which the answers waiting were all still awaiting their grades, or held back
      // by their users: only a gap in which the lane was full and an answer ready to take a place is.
      // (The first startable waiter is looked for once: nothing changes it before it starts below.)
      const first = this.active === this.concurrency ? this.firstStartable() : -1;
      const saturated = first >= 0;
      if (saturated && this.lastLeftAt !== undefined)
        this.intervalMs = this.intervalMs * 0.8 + (now - this.lastLeftAt) * 0.2;
      this.lastLeftAt = saturated ? now : undefined;
      // The place goes to the first ready answer waiting that no earlier answer of its user holds
      // back, started from a fresh macrotask; this user's next answer may now start too.
      this.active--;
      if (saturated) this.startAt(first, true);
      while (this.active < this.concurrency && this.startNext(true));
    };
  }

  /**
   * Closes the lane (the bot is stopping): every answer still waiting for a place is refused now
   * (its `enter` rejects with `reason`), and so is every later one; the answers in the lane finish.
   */
  close(reason: Error): void {
    if (this.closedBy !== undefined) return;
    this.closedBy = reason;
    const refused = this.waiting.splice(0);
    this.waitingPerKey.clear();
    this.readyWaiting = 0;
    for (const waiter of refused) waiter.fail(reason);
  }

  /** An answer of this user waits, or is in the lane: the next one waits behind it. */
  private heldBack(key: string | undefined): boolean {
    return key !== undefined && (this.waitingPerKey.has(key) || this.activeKeys.has(key));
  }

  /** Gives a place to the first waiter that may start; false when none may. */
  private startNext(fromFreshMacrotask: boolean): boolean {
    const index = this.firstStartable();
    if (index < 0) return false;
    this.startAt(index, fromFreshMacrotask);
    return true;
  }

  /** Gives a place to the waiter at `index` (one `firstStartable` found). */
  private startAt(index: number, fromFreshMacrotask: boolean): void {
    // The first in line, nearly always: shift, not splice (no array of the removed one made).
    const waiter = (index === 0 ? this.waiting.shift() : this.waiting.splice(index, 1)[0])!;
    this.readyWaiting--;
    if (waiter.key !== undefined) {
      const left = this.waitingPerKey.get(waiter.key)! - 1;
      if (left === 0) this.waitingPerKey.delete(waiter.key);
      else this.waitingPerKey.set(waiter.key, left);
      this.activeKeys.add(waiter.key);
    }
    this.active++;
    if (fromFreshMacrotask) setImmediate(waiter.start);
    else waiter.start();
  }

  /** The first waiter that may start now (ready, its user with nothing before it), or -1. */
  private firstStartable(): number {
    if (this.readyWaiting === 0) return -1;
    // Users with an earlier waiter, made only once one is passed over (the first in line starts, mostly).
    let heldBack: Set<string> | undefined;
    for (let index = 0; index < this.waiting.length; index++) {
      const { ready, key } = this.waiting[index]!;
      if (ready && (key === undefined || (heldBack?.has(key) !== true && !this.activeKeys.has(key))))
        return index;
      if (key === undefined) continue;
      heldBack ??= new Set();
      heldBack.add(key);
    }
    return -1;
  }
}
