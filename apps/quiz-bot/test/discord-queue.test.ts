import { describe, expect, test } from 'vitest';
import { onFirstResponse } from '../src/discord/dispatcher';
import { COST_STALE_MS, DEFER_BUDGET_MS, ReplyQueue, WorkLane } from '../src/discord/queue';
import { snowflake } from './discord-emulator/emulator';

/**
 * The deferral rule (issue 20): defer only when the measured queue predicts a reply past the
 * budget, counting only interactions that have no reply yet. The figures are worked out by hand
 * from the rule in queue.ts: predicted = waited + max(1, unreplied) × cost, cost = an EWMA (weight
 * 0.2) of (time to reply) / (unreplied ahead + 1).
 */
describe('the measured reply queue', () => {
  const T0 = 1_800_000_000_000;

  /** A queue whose clock the test moves; one interaction created at T0 sets the skew baseline to 0. */
  function queue() {
    const clock = { ms: 0 };
    const q = new ReplyQueue(DEFER_BUDGET_MS, () => clock.ms);
    q.waitedMs(snowflake(T0), T0);
    return { q, clock };
  }

  /** `n` replies at the current clock (the first reply of all opens the first window). */
  const reply = (q: ReplyQueue, n: number) => {
    for (let i = 0; i < n; i++) q.begin().replied();
  };

  test('a quiet bot never defers', () => {
    const { q } = queue();
    q.begin();
    expect(q.shouldDefer(snowflake(T0), T0)).toBe(false);
  });

  test('the cost is the time the queue is occupied per reply: idle time is not counted', () => {
    const { q, clock } = queue();
    reply(q, 1); // opens the first window at 0 ms
    // 100 interactions at once, replied one every 2 ms: a window closes at every 10th reply
    // (≥ 8 replies and ≥ 20 ms), 20 ms occupied / 10 replies = 2 ms per reply.
    const handles = Array.from({ length: 100 }, () => q.begin());
    handles.forEach((h, k) => {
      clock.ms = 2 * (k + 1);
      h.replied();
    });
    expect(q.costMs).toBe(2);
    // 400 ms with nothing unreplied, then 10 more, replied 2 ms apart. The first reply closes the
    // window (open 402 ms ≥ 250) with 1 reply and 2 ms occupied: 2 ms again, the idle 400 ms not
    // counted (counted, the sample would be 402 ms and the cost 0.5 × 2 + 0.5 × 402 = 202 ms).
    clock.ms = 600;
    const later = Array.from({ length: 10 }, () => q.begin());
    later.forEach((h, k) => {
      clock.ms = 600 + 2 * (k + 1);
      h.replied();
    });
    expect(q.costMs).toBe(2);
    // 400 waiting now: 400 × 2 ms = 800 ms, under the budget.
    const burst = Array.from({ length: 400 }, () => q.begin());
    expect(q.shouldDefer(snowflake(T0), T0)).toBe(false);
    for (const h of burst) h.end();
  });

  test('a long queue of unreplied interactions defers: predicted past the budget', () => {
    const { q, clock } = queue();
    reply(q, 1);
    // One window: 8 interactions begun at 0 and replied at 64 ms: 64 ms occupied, 8 ms per reply.
    const eight = Array.from({ length: 8 }, () => q.begin());
    clock.ms = 64;
    for (const h of eight) h.replied();
    expect(q.costMs).toBe(8);
    // 224 unreplied: 224 × 8 = 1,792 ms ≤ 1,800, no deferral; the 226th is predicted at
    // 226 × 8 = 1,808 ms > 1,800: deferred.
    const waiting = Array.from({ length: 224 }, () => q.begin());
    expect(q.shouldDefer(snowflake(T0), T0)).toBe(false);
    waiting.push(q.begin(), q.begin());
    expect(q.shouldDefer(snowflake(T0), T0)).toBe(true);
    // Asked again later for the 226th, with 100 of those ahead of it replied: 126 × 8 = 1,008 ms.
    const last = waiting.at(-1)!;
    for (const h of waiting.slice(0, 100)) h.replied();
    expect(last.ahead()).toBe(125);
    expect(q.shouldDefer(snowflake(T0), T0, 0, last.ahead())).toBe(false);
    // Once they are all replied to, a new interaction is not deferred.
    for (const h of waiting) h.replied();
    q.begin();
    expect(q.shouldDefer(snowflake(T0), T0)).toBe(false);
  });

  test("a stale cost is unknown: a quiet bot's first burst is not judged by its start", () => {
    const { q, clock } = queue();
    reply(q, 1);
    // A cold start: 8 interactions replied 200 ms after they began (JIT, lazy loads): 25 ms per reply.
    const cold = Array.from({ length: 8 }, () => q.begin());
    clock.ms = 200;
    for (const h of cold) h.replied();
    expect(q.costMs).toBe(25);
    // Quiet for COST_STALE_MS and more: the cost is unknown (0), a burst of 400 is not deferred
    // on it (it would be, at 400 × 25 ms = 10 s).
    clock.ms = 200 + COST_STALE_MS + 1;
    expect(q.costMs).toBe(0);
    const burst = Array.from({ length: 400 }, () => q.begin());
    expect(q.shouldDefer(snowflake(T0), T0)).toBe(false);
    // The window open across the quiet spell is restarted at the next reply, 20 ms later, not
    // sampled (it would count the burst's 20 ms for one reply); the next 10 replies, 2 ms apart:
    // 20 ms / 10 = 2 ms per reply, which replaces the stale 25.
    clock.ms += 20;
    burst[0]!.replied();
    expect(q.costMs).toBe(0);
    burst.slice(1, 11).forEach((h) => {
      clock.ms += 2;
      h.replied();
    });
    expect(q.costMs).toBe(2);
    // 389 unreplied × 2 ms = 778 ms: still no deferral.
    expect(q.shouldDefer(snowflake(T0), T0)).toBe(false);
    for (const h of burst) h.end();
  });

  test('the time an interaction already waited counts, and bounds how long its work may run undeferred', () => {
    const { q } = queue();
    q.begin();
    // Created 1,500 ms before now; the skew baseline (0) drifts up 1 ms per second: waited
    // 1,500 − 1.5 = 1,498.5 ms, predicted 1,498.5 + 1 × 0 ≤ 1,800; 301.5 ms of the budget left.
    expect(q.shouldDefer(snowflake(T0), T0 + 1_500)).toBe(false);
    expect(q.deferAfterMs(snowflake(T0), T0 + 1_500)).toBeCloseTo(301.5, 6);
    // 400 ms later (baseline 1.9): waited 1,898.1 ms, past the budget.
    expect(q.shouldDefer(snowflake(T0), T0 + 1_900)).toBe(true);
    expect(q.deferAfterMs(snowflake(T0), T0 + 1_900)).toBe(0);
  });

  test('a burst of calls does not lift the skew baseline: 400 look-ups in one instant', () => {
    const { q } = queue();
    for (let i = 0; i < 400; i++) q.waitedMs(snowflake(T0), T0 + 1_000);
    // Baseline 0 + 1 ms (one second passed), whatever the number of calls: waited 999 ms.
    expect(q.waitedMs(snowflake(T0), T0 + 1_000)).toBeCloseTo(999, 6);
  });

  test('a detached interaction (waiting on a worker) leaves the queue without a cost sample', () => {
    const { q, clock } = queue();
    reply(q, 1);
    const h = q.begin();
    clock.ms = 60;
    h.detach();
    h.replied();
    expect(q.waiting).toBe(0);
    expect(q.replies).toBe(1);
    expect(q.costMs).toBe(0);
  });

  test('the dispatcher sees the first response, whichever method sends it', async () => {
    const calls: string[] = [];
    const interaction = {
      reply: async () => calls.push('reply'),
      deferReply: async () => calls.push('deferReply'),
      showModal: async () => {
        throw new Error('refused');
      },
    };
    let seen = 0;
    onFirstResponse(interaction as never, () => seen++);
    await interaction.deferReply();
    expect(calls).toEqual(['deferReply']);
    expect(seen).toBe(1);
    await interaction.reply();
    await expect(interaction.showModal()).rejects.toThrow('refused');
    expect(seen).toBe(3); // the queue's `replied` ignores all but the first
  });
});

describe('the answers lane', () => {
  test('first in, first out, at most `concurrency` at once', async () => {
    const lane = new WorkLane(2);
    const started: number[] = [];
    const leaves: (() => void)[] = [];
    const entries = [0, 1, 2, 3].map((i) =>
      lane.enter().then((leave) => {
        started.push(i);
        leaves[i] = leave;
      }),
    );
    await Promise.all(entries.slice(0, 2));
    expect(started).toEqual([0, 1]);
    expect(lane.queued).toBe(2);
    leaves[1]!();
    leaves[1]!(); // leaving twice hands over one place only
    await entries[2];
    expect(started).toEqual([0, 1, 2]);
    expect(lane.queued).toBe(1);
    leaves[0]!();
    await entries[3];
    expect(started).toEqual([0, 1, 2, 3]);
  });

  test('the next answer starts from a fresh macrotask, not inside the microtasks of the one before', async () => {
    const lane = new WorkLane(1);
    const leave = await lane.enter();
    const next = lane.enter();
    leave();
    // What a scored answer does next (its reply, the store's promises): a long chain of microtasks.
    // It all runs before the next answer starts, and so does the I/O between two macrotasks.
    let chainDone = false;
    void (async () => {
      for (let i = 0; i < 100; i++) await null;
      chainDone = true;
    })();
    await next;
    expect(chainDone).toBe(true);
  });
});

describe("the lane's prediction", () => {
  test('learns the throughput from answers leaving while others wait, before any reply', async () => {
    const clock = { ms: 0 };
    const lane = new WorkLane(1, () => clock.ms);
    expect(lane.predictedMs()).toBe(0);
    const first = await lane.enter();
    const rest = [lane.enter(), lane.enter(), lane.enter()];
    // Leaves at 0 (first sample point), then 30 ms apart while others wait:
    // interval 0 → 0.2·30 = 6 → 0.8·6 + 0.2·30 = 10.8 ms.
    first();
    clock.ms = 30;
    (await rest[0]!)();
    clock.ms = 60;
    (await rest[1]!)();
    // One still to leave, none waiting: an answer entering now is predicted at (0 + 1) × 10.8 ms.
    expect(lane.predictedMs()).toBeCloseTo(10.8, 6);
    const q = new ReplyQueue(DEFER_BUDGET_MS, () => 0);
    q.waitedMs(snowflake(1_800_000_000_000), 1_800_000_000_000);
    q.begin();
    // The reply queue alone (no cost sample yet) predicts 0; the lane's 2,000 ms wins: deferred.
    expect(q.shouldDefer(snowflake(1_800_000_000_000), 1_800_000_000_000)).toBe(false);
    expect(q.shouldDefer(snowflake(1_800_000_000_000), 1_800_000_000_000, 2_000)).toBe(true);
    (await rest[2]!)();
  });
});

describe("the lane's prediction after a quiet spell", () => {
  test('the idle gap before a busy spell is not sampled, and a throughput long gone is unknown', async () => {
    const clock = { ms: 0 };
    const lane = new WorkLane(1, () => clock.ms);
    // A busy spell: three answers, leaving at 0, 10 and 20 ms. Only the second leave samples (the
    // lane was busy at the leave before it, and still is): interval 0.2 × 10 = 2 ms.
    const first = await lane.enter();
    const spell = [lane.enter(), lane.enter()];
    first();
    clock.ms = 10;
    (await spell[0]!)();
    clock.ms = 20;
    (await spell[1]!)();
    clock.ms = 1_000;
    expect(lane.predictedMs()).toBe(2); // (0 waiting + 1) × 2 ms, sampled 980 ms ago
    // Five seconds quiet: no answer left within COST_STALE_MS, the throughput is unknown.
    clock.ms = 5_000;
    expect(lane.predictedMs()).toBe(0);
    // A new busy spell. Its first leave must not take the 4,980 ms since the last one as an
    // interval (it did: 0.8 × 2 + 0.2 × 4,980 = 997.6 ms, and every answer waiting behind it was
    // predicted seconds late and deferred).
    const a = await lane.enter();
    const waiting = [lane.enter(), lane.enter()];
    a();
    expect(lane.predictedMs()).toBe(2 * 2); // (1 waiting + 1) × 2 ms
    (await waiting[0]!)();
    (await waiting[1]!)();
  });
});
