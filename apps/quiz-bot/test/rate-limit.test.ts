import { describe, expect, test } from 'vitest';
import { QuizError } from '../src/errors';
import { DEFAULT_RATE_LIMIT, rateLimitedError, takeToken } from '../src/rate-limit';

/*
 * The token bucket, with every expected number worked out by hand from the rule stated in
 * rate-limit.ts: refill `perSecond` tokens per second up to `capacity`, take one if at least one
 * is there, else wait until the deficit (1 − tokens) has refilled: ceil((1 − tokens) / perSecond · 1000) ms.
 */
const policy = { capacity: 3, perSecond: 0.5 }; // three at once, then one every 2 s

describe('takeToken', () => {
  test('a new user starts with a full bucket and takes one token', () => {
    expect(takeToken(undefined, 1_000, policy)).toEqual({ state: { tokens: 2, at: 1_000 }, waitMs: 0 });
  });

  test('an empty bucket refills at perSecond: after 1 s half a token, so 1 s more to wait', () => {
    // 0 + 1 s · 0.5/s = 0.5 tokens < 1: wait (1 − 0.5) / 0.5 s = 1 s = 1,000 ms. Nothing is taken.
    expect(takeToken({ tokens: 0, at: 0 }, 1_000, policy)).toEqual({
      state: { tokens: 0.5, at: 1_000 },
      waitMs: 1_000,
    });
  });

  test('exactly one refilled token is enough: 2 s at 0.5/s gives 1, which is taken', () => {
    expect(takeToken({ tokens: 0, at: 0 }, 2_000, policy)).toEqual({
      state: { tokens: 0, at: 2_000 },
      waitMs: 0,
    });
  });

  test('refill stops at capacity: a bucket idle for an hour holds 3 tokens, not 1,800', () => {
    // 1 + 3,600 s · 0.5/s = 1,801, capped at 3; one taken → 2.
    expect(takeToken({ tokens: 1, at: 0 }, 3_600_000, policy)).toEqual({
      state: { tokens: 2, at: 3_600_000 },
      waitMs: 0,
    });
  });

  test('the wait rounds up to whole milliseconds: 1/3 token short at 3 tokens/s is 111.1… → 112 ms', () => {
    // perSecond 3: (1 − 2/3) / 3 s = 1/9 s = 111.11 ms, rounded up so the caller is never early.
    const fast = { capacity: 1, perSecond: 3 };
    const result = takeToken({ tokens: 2 / 3, at: 5_000 }, 5_000, fast);
    expect(result.waitMs).toBe(112);
    expect(result.state).toEqual({ tokens: 2 / 3, at: 5_000 });
  });

  test('a clock that went backwards refills nothing and keeps the later time', () => {
    // previous update at 10 s, now 4 s: elapsed counts as 0, tokens stay 0.5, at stays 10 s;
    // wait (1 − 0.5) / 0.5 s = 1,000 ms.
    expect(takeToken({ tokens: 0.5, at: 10_000 }, 4_000, policy)).toEqual({
      state: { tokens: 0.5, at: 10_000 },
      waitMs: 1_000,
    });
  });

  test('the default: ten answers at once, then the eleventh waits 3 s (one every 3 s)', () => {
    expect(DEFAULT_RATE_LIMIT).toEqual({ capacity: 10, perSecond: 1 / 3 });
    let state: { tokens: number; at: number } | undefined;
    for (let answer = 1; answer <= 10; answer++) {
      const result = takeToken(state, 0, DEFAULT_RATE_LIMIT);
      expect(result.waitMs).toBe(0);
      state = result.state;
    }
    // Empty bucket: (1 − 0) / (1/3) s = 3 s.
    expect(takeToken(state, 0, DEFAULT_RATE_LIMIT).waitMs).toBe(3_000);
    // 3 s later one token has refilled and is taken.
    expect(takeToken(state, 3_000, DEFAULT_RATE_LIMIT).waitMs).toBe(0);
  });
});

describe('rateLimitedError', () => {
  test('the refusal has code rate_limited, the wait in whole seconds rounded up, and waitMs as its context', () => {
    // 2,001 ms is 2.001 s, rounded up to 3 s so the user is never told a time that is too early.
    const error = rateLimitedError(2_001);
    expect(error).toBeInstanceOf(QuizError);
    expect(error.code).toBe('rate_limited');
    expect(error.message).toBe('too many answers at once: try again in 3 s');
    expect(error.context).toEqual({ waitMs: 2_001 });
  });
});
