/**
 * The answer rate limit as a token bucket per user: `capacity` answers at once, refilled at
 * `perSecond`. The bucket's state lives in the store (see QuizStore.takeRateToken), so every bot
 * process and shard draws from the same bucket; this file is only the arithmetic, and the refusal.
 */
import { QuizError } from './errors';

export interface RateLimitPolicy {
  readonly capacity: number;
  readonly perSecond: number;
}

/** Ten answers at once, then one every 3 s. */
export const DEFAULT_RATE_LIMIT: RateLimitPolicy = { capacity: 10, perSecond: 1 / 3 };

export interface BucketState {
  readonly tokens: number;
  /** Epoch ms of the last update. */
  readonly at: number;
}

/**
 * Refills a bucket up to `now` and takes one token if there is one. Returns the new state and
 * the milliseconds to wait (0 when the token was taken). A clock that went backwards refills nothing.
 */
export function takeToken(
  previous: BucketState | undefined,
  now: number,
  policy: RateLimitPolicy,
): { state: BucketState; waitMs: number } {
  const start = previous ?? { tokens: policy.capacity, at: now };
  const elapsedMs = Math.max(0, now - start.at);
  const tokens = Math.min(policy.capacity, start.tokens + (elapsedMs / 1000) * policy.perSecond);
  const at = Math.max(now, start.at);
  if (tokens < 1) {
    return { state: { tokens, at }, waitMs: Math.ceil(((1 - tokens) / policy.perSecond) * 1000) };
  }
  return { state: { tokens: tokens - 1, at }, waitMs: 0 };
}

/** The refusal of an answer whose user's bucket is empty: `waitMs` until the next token. */
export function rateLimitedError(waitMs: number): QuizError {
  return new QuizError(
    'rate_limited',
    `too many answers at once: try again in ${Math.ceil(waitMs / 1000)} s`,
    {
      context: { waitMs },
    },
  );
}
