import { describe, expect, test } from 'vitest';
import { onFirstResponse } from '../src/discord/dispatcher';
import { DEFER_BUDGET_MS, ReplyQueue, WorkLane } from '../src/discord/queue';
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

  test('a quiet bot never defers', () => {
    const { q } = queue();
    q.begin();
    expect(q.shouldDefer(snowflake(T0), T0)).toBe(false);
  });

  test('interactions already replied to no longer count, though their work goes on', () => {
    const { q, clock } = queue();
    // 100 interactions handled at once, each replied to 1,000 ms after it began: cost samples of
    // 1000/(k+1) for k = 0…99 ahead, in that order; the EWMA e ← 0.8e + 0.2·sample ends at 10.44 ms
    // (the last sample, 10 ms, weighs 0.2; the ones before it a little more each, 0.8 times less).
    const handles = Array.from({ length: 100 }, () => q.begin());
    clock.ms = 1_000;
    for (const h of handles) h.replied();
    expect(q.waiting).toBe(0);
    expect(q.costMs).toBeGreaterThan(9);
    expect(q.costMs).toBeLessThan(11);
    // Their follow-up work (an announcement) is still running, yet a new interaction is alone in
    // the queue: predicted 0 + 1 × ~10 ms, far under the budget.
    q.begin();
    expect(q.shouldDefer(snowflake(T0), T0)).toBe(false);
    for (const h of handles) h.end();
  });

  test('a long queue of unreplied interactions defers: predicted past the budget', () => {
    const { q, clock } = queue();
    // Two handled together, replied to 80 ms after they began: the first (nobody ahead) gives no
    // sample, the second one of 80 / 2 = 40 ms: cost = 0.2 × 40 = 8 ms.
    const first = q.begin();
    const second = q.begin();
    clock.ms = 80;
    first.replied();
    second.replied();
    expect(q.costMs).toBeCloseTo(8, 6);
    // 224 unreplied: 224 × 8 = 1,792 ms ≤ 1,800, no deferral; the 226th is predicted at
    // 226 × 8 = 1,808 ms > 1,800: deferred.
    const waiting = Array.from({ length: 224 }, () => q.begin());
    expect(q.shouldDefer(snowflake(T0), T0)).toBe(false);
    waiting.push(q.begin(), q.begin());
    expect(q.shouldDefer(snowflake(T0), T0)).toBe(true);
    // Once they are replied to, the same interaction is not deferred any more.
    for (const h of waiting) h.replied();
    q.begin();
    expect(q.shouldDefer(snowflake(T0), T0)).toBe(false);
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

  test("a lone interaction's time to reply is latency, not a cost: quiet replies teach the queue nothing", () => {
    const { q, clock } = queue();
    // Eight interactions one after another, each alone and replied to 40 ms after it began (the
    // round trip of its reply): had they been sampled, the cost would be 40 × (1 − 0.8⁸) ≈ 33 ms.
    for (let i = 0; i < 8; i++) {
      const h = q.begin();
      clock.ms += 40;
      h.replied();
    }
    expect(q.costMs).toBe(0);
    // So a burst of 300 that follows is not deferred up front (at 33 ms each, all but the first
    // 54 would be: 55 × 33 > 1,800); the lane's prediction and the deadline timer still guard it.
    const burst = Array.from({ length: 300 }, () => q.begin());
    expect(q.shouldDefer(snowflake(T0), T0)).toBe(false);
    for (const h of burst) h.end();
  });

  test('a detached interaction (waiting on a worker) leaves the queue without a cost sample', () => {
    const { q, clock } = queue();
    const h = q.begin();
    clock.ms = 60_000;
    h.detach();
    h.replied();
    expect(q.waiting).toBe(0);
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
  test('an idle spell is never an interval: the first answer of a burst leaving after it is not a sample', async () => {
    const clock = { ms: 0 };
    const lane = new WorkLane(1, () => clock.ms);
    // Two answers, the second waiting: both leave by 5 ms, the lane then idle for ten seconds.
    const a = await lane.enter();
    const b = lane.enter();
    a();
    clock.ms = 5;
    (await b)();
    // A burst of three at 10,000 ms: the first leaves at 10,000 (two waiting; the interval since
    // the last leave, 9,995 ms, is the idle spell: not sampled), the second 4 ms later (one
    // waiting: a sample of 4 ms, interval 0.2 × 4 = 0.8 ms).
    clock.ms = 10_000;
    const c = await lane.enter();
    const d = lane.enter();
    const e = lane.enter();
    c();
    clock.ms = 10_004;
    (await d)();
    // The last is in the lane, nobody waits: predicted (0 + 1) × 0.8 ms (the idle spell counted
    // would have made it 0.8 × 1,999 + 0.8 = 1,600 ms, and the whole burst deferred).
    expect(lane.predictedMs()).toBeCloseTo(0.8, 6);
    (await e)();
  });

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
