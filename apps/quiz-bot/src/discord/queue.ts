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
export type DeferralReason = 'queue' | 'thread' | 'lane' | 'deadline' | 'model' | 'rate-limit';

/** Responses (replies, deferrals, a deferral's edit) per sample of the thread's cost (see ReplyQueue). */
export const THREAD_SAMPLE_RESPONSES = 8;

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
 *
 * A second term covers the work that is nobody's own: the thread's cost per response, its
 * event-loop active time (everything it ran, REST responses, the workers' messages and GC included,
 * and, on a loaded machine, the time it waited for a core while running) divided by the responses
 * it sent meanwhile (a reply, a deferral, a deferral's edit: each one REST call), measured only
 * while interactions are in flight (an idle spell's timers and heartbeats are nobody's cost), in
 * samples of THREAD_SAMPLE_RESPONSES responses (an EWMA of weight 0.2 from 0, as the own cost: a
 * bot's first answers, which load and compile what it loads lazily, count a fifth). Each unreplied interaction ahead needs at least one response, so the prediction takes the
 * larger of the two costs per interaction. A deferral adds its REST call's work and a response
 * alike, so deferring does not raise this cost either (it lowers it: a deferral is cheaper than an
 * answer). On a quiet machine it stays near the thread's CPU per interaction (1–3 ms: 400 at once
 * predict under 1.2 s, nothing deferred); under load it grows with the wait for a core, and a burst
 * is deferred up front instead of by the deadline timer, whose hundreds of deferrals at once then
 * came out late (bench/discord.bench.ts).
 */
export class ReplyQueue {
  private serviceMs = 0;
  private unreplied = 0;
  private baselineMs: number | undefined;
  private seenAt: number | undefined;
  private eventStartedAt: number | undefined;
  /** The interaction whose slice runs now: the thread runs one at a time (see `begin`). */
  private running: { pause(at: number): void } | undefined;
  /** The thread's cost per response (ms, an EWMA). */
  private threadCostMs = 0;
  /** Interactions begun and not ended: the thread's cost is measured only while there are some. */
  private inFlight = 0;
  /** The sample being gathered: event-loop active time at its start, and responses since. */
  private window: { activeAt: number; responses: number } | undefined;
  /** Deferrals by reason since the bot started (see `countDeferral`). */
  readonly deferrals: Record<DeferralReason, number> = {
    queue: 0,
    thread: 0,
    lane: 0,
    deadline: 0,
    model: 0,
    'rate-limit': 0,
  };
  /**
   * @param budgetMs - the predicted time to reply past which the bot defers (default DEFER_BUDGET_MS)
   * @param clock - a monotonic clock in ms for the cost samples (default `performance.now`; tests pass their own)
   * @param activeClock - the thread's event-loop active time in ms (default from
   *   `performance.eventLoopUtilization()`; tests pass their own)
   */
  constructor(
    private readonly budgetMs = DEFER_BUDGET_MS,
    private readonly clock: () => number = () => performance.now(),
    private readonly activeClock: () => number = () => performance.eventLoopUtilization().active,
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

  /** The thread's recent cost (ms) per response while interactions are in flight (an EWMA from 0). */
  get threadMs(): number {
    return this.threadCostMs;
  }

  /** One response sent (a reply, a deferral, a deferral's edit): a sample every THREAD_SAMPLE_RESPONSES. */
  private responded(): void {
    const window = this.window;
    if (window === undefined) return;
    window.responses++;
    if (window.responses < THREAD_SAMPLE_RESPONSES) return;
    const activeAt = this.activeClock();
    const sample = Math.max(0, activeAt - window.activeAt) / window.responses;
    this.threadCostMs = this.threadCostMs * 0.8 + sample * 0.2;
    this.window = { activeAt, responses: 0 };
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
    const ahead = Math.max(1, this.unreplied);
    return (
      this.waitedMs(interactionId, now) + Math.max(ahead * this.serviceMs, ahead * this.threadMs, laneMs)
    );
  }

  /**
   * True when the reply could miss Discord's limit: the predicted time to reply (`predictedMs`) is
   * past the budget. Called once, when the interaction's work starts (after `begin`).
   */
  shouldDefer(interactionId: string, now = Date.now(), laneMs = 0): boolean {
    return this.deferralReason(interactionId, now, laneMs) !== undefined;
  }

  /**
   * Why the reply should be deferred (`shouldDefer`), or undefined when it should not: `queue` when
   * the interactions' own cost alone predicts it past the budget, else `thread` when the thread's
   * cost per response does, else `lane`.
   */
  deferralReason(
    interactionId: string,
    now = Date.now(),
    laneMs = 0,
  ): 'queue' | 'thread' | 'lane' | undefined {
    const waited = this.waitedMs(interactionId, now);
    const ahead = Math.max(1, this.unreplied);
    if (waited + ahead * this.serviceMs > this.budgetMs) return 'queue';
    if (waited + ahead * this.threadMs > this.budgetMs) return 'thread';
    if (waited + laneMs > this.budgetMs) return 'lane';
    return undefined;
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
    this.unreplied++;
    this.inFlight++;
    this.window ??= { activeAt: this.activeClock(), responses: 0 };
    const queue = this;
    let counted = true; // in `unreplied`
    let ended = false;
    let answered = false; // its reply (or a deferral's edit) counted as a response
    let acknowledged = false; // its deferral counted as a response
    let measuring = true; // no sample taken yet, not detached
    let busyMs = 0;
    let sliceFrom: number | undefined;
    let wasDeferred = false;
    const slice = {
      pause(at: number) {
        if (sliceFrom === undefined) return;
        busyMs += Math.max(0, at - sliceFrom);
        sliceFrom = undefined;
        if (queue.running === slice) queue.running = undefined;
      },
    };
    const resume = () => {
      if (!measuring || sliceFrom !== undefined) return;
      const now = this.clock();
      this.running?.pause(now);
      sliceFrom = now;
      this.running = slice;
    };
    const uncount = () => {
      if (!counted) return;
      counted = false;
      this.unreplied--;
    };
    const sample = () => {
      if (!measuring) return;
      slice.pause(this.clock());
      measuring = false;
      this.serviceMs = this.serviceMs * 0.8 + busyMs * 0.2;
    };
    const stop = () => {
      slice.pause(this.clock());
      measuring = false;
    };
    // The first slice runs from the gateway event's start (discord.js' parsing is its own work).
    const now = this.clock();
    this.running?.pause(this.eventStartedAt ?? now);
    sliceFrom = this.eventStartedAt ?? now;
    this.running = slice;
    return {
      replied: () => {
        uncount();
        sample();
        if (answered) return;
        answered = true;
        this.responded();
      },
      deferred: () => {
        wasDeferred = true;
        uncount();
        if (acknowledged || answered) return;
        acknowledged = true;
        this.responded();
      },
      detach: () => {
        uncount();
        stop();
      },
      end: () => {
        uncount();
        if (wasDeferred) sample();
        else stop();
        if (ended) return;
        ended = true;
        // Nothing in flight: the thread's work from now on is nobody's (timers, heartbeats).
        if (--this.inFlight === 0) this.window = undefined;
      },
      async waitFor<T>(waiting: Promise<T>): Promise<T> {
        slice.pause(queue.clock());
        try {
          return await waiting;
        } finally {
          resume();
        }
      },
      aside<T>(work: () => T): T {
        if (sliceFrom === undefined) return work();
        slice.pause(queue.clock());
        try {
          return work();
        } finally {
          resume();
        }
      },
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
