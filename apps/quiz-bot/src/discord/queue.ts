import { interactionTime } from './rounds';

/** Discord's limit for the first reply to an interaction. */
export const FIRST_REPLY_LIMIT_MS = 3_000;

/**
 * Decides from the measured queue whether an interaction should be deferred (type 5) before any
 * work: when the time it already waited (its snowflake time to now, less the smallest such delay
 * seen lately, which absorbs clock skew and network latency) plus the recent time to reply is past
 * `budgetMs` of Discord's 3 s. Not always: a quiet bot replies at once, and the final reply is then
 * the first.
 */
export class ReplyQueue {
  private serviceMs = 0;
  private inFlight = 0;
  private baselineMs: number | undefined;
  constructor(private readonly budgetMs = 1_200) {}

  /** How long this interaction has waited on our side (ms), skew removed. */
  waitedMs(interactionId: string, now = Date.now()): number {
    const raw = now - interactionTime(interactionId);
    // The baseline follows the smallest raw delay, drifting up slowly so an old minimum does not stick.
    this.baselineMs = this.baselineMs === undefined ? raw : Math.min(raw, this.baselineMs + 1);
    return Math.max(0, raw - this.baselineMs);
  }

  /**
   * True when a reply could miss Discord's limit: the time this interaction already waited, plus
   * the interactions ahead of it (in flight here) times the recent time each one costs, is past the
   * budget. Called once per interaction, when its handling starts.
   */
  shouldDefer(interactionId: string, now = Date.now()): boolean {
    return this.waitedMs(interactionId, now) + this.inFlight * this.serviceMs > this.budgetMs;
  }

  /**
   * An interaction starts being handled. `end` records its cost when it is done; `detach` takes it
   * out of the queue without a sample when it waits on a worker (a model run, a training) instead of
   * this thread: it delays nobody here, and its seconds are not a cost of this thread.
   */
  begin(): { end(): void; detach(): void } {
    const ahead = this.inFlight++;
    const started = performance.now();
    let open = true;
    return {
      end: () => {
        if (!open) return;
        open = false;
        this.inFlight--;
        // What one interaction cost: its time here shared by those handled beside it (an EWMA, weight 0.2).
        const cost = (performance.now() - started) / (ahead + 1);
        this.serviceMs = this.serviceMs * 0.8 + cost * 0.2;
      },
      detach: () => {
        if (!open) return;
        open = false;
        this.inFlight--;
      },
    };
  }
}
