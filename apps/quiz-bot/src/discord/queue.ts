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
  private recentReplyMs = 0;
  private baselineMs: number | undefined;
  constructor(private readonly budgetMs = 1_200) {}

  /** How long this interaction has waited on our side (ms), skew removed. */
  waitedMs(interactionId: string, now = Date.now()): number {
    const raw = now - interactionTime(interactionId);
    // The baseline follows the smallest raw delay, drifting up slowly so an old minimum does not stick.
    this.baselineMs = this.baselineMs === undefined ? raw : Math.min(raw, this.baselineMs + 1);
    return Math.max(0, raw - this.baselineMs);
  }

  /** True when a reply could miss Discord's limit: defer first. */
  shouldDefer(interactionId: string, now = Date.now()): boolean {
    return this.waitedMs(interactionId, now) + this.recentReplyMs > this.budgetMs;
  }

  /** Records how long an interaction took from arrival to its first reply (an EWMA, weight 0.2). */
  observe(replyMs: number): void {
    this.recentReplyMs = this.recentReplyMs * 0.8 + replyMs * 0.2;
  }
}
