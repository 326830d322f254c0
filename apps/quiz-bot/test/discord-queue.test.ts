import { describe, expect, test } from 'vitest';
import { onFirstResponse } from '../src/discord/dispatcher';
import { DEFER_BUDGET_MS, ReplyQueue, WorkLane } from '../src/discord/queue';
import { snowflake } from './discord-emulator/emulator';

/**
 * The deferral rule (issue 20): defer only when the measured queue predicts a reply past the
 * budget, counting only interactions that have no reply yet. The figures are worked out by hand
 * from the rule in queue.ts: predicted = waited + max(1, unreplied) × cost, cost = an EWMA (weight
 * 0.2) of each interaction's own busy time on the thread until its reply (the sum of its slices:
 * from `begin` or a `waitFor`'s continuation to the next `waitFor`, `aside` or another
 * interaction's slice). The clock is the test's: no timing here.
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

  /** Lets the continuations of settled `waitFor`s run (they resume their interaction's clock). */
  const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

  /**
   * One interaction handled alone, as the bot does: `ownMs` of its own work, then its reply sent
   * (a `waitFor` on the REST call) whose round trip takes `roundTripMs`, then `replied`.
   */
  async function alone(q: ReplyQueue, clock: { ms: number }, ownMs: number, roundTripMs: number) {
    const h = q.begin();
    clock.ms += ownMs;
    let arrive!: () => void;
    const sent = h.waitFor(new Promise<void>((resolve) => (arrive = resolve)));
    clock.ms += roundTripMs;
    arrive();
    await sent;
    h.replied();
    h.end();
  }

  test('a quiet bot never defers', () => {
    const { q } = queue();
    q.begin();
    expect(q.shouldDefer(snowflake(T0), T0)).toBe(false);
  });

  test("an interaction's cost is its own time on the thread: waits are left out, discord.js' parsing of its event is in", async () => {
    const { q, clock } = queue();
    // Its gateway event takes 3 ms to parse before the handler begins it, 2 ms more of handler,
    // then a 500 ms store query in another thread, then 1 ms building and sending the reply, whose
    // round trip takes 40 ms: own time 3 + 2 + 1 = 6 ms, a sample of 6, cost 0.2 × 6 = 1.2 ms.
    const h = q.gatewayEvent(() => {
      clock.ms += 3;
      return q.begin();
    });
    clock.ms += 2;
    let stored!: () => void;
    const storing = h.waitFor(new Promise<void>((resolve) => (stored = resolve)));
    clock.ms += 500;
    stored();
    await storing;
    clock.ms += 1;
    const sending = h.waitFor(Promise.resolve());
    clock.ms += 40;
    await sending;
    h.replied();
    expect(q.costMs).toBeCloseTo(1.2, 9);
  });

  test("a slice left running stops when another interaction's starts: the thread runs one at a time", async () => {
    const { q, clock } = queue();
    // `a` runs 4 ms, then (no waitFor: say an await the hot path forgot) `b` begins 100 ms later
    // and runs 2 ms: `a` is charged its 4 ms plus the 100 ms nobody else ran, never b's 2 ms.
    const a = q.begin();
    clock.ms += 104;
    const b = q.begin();
    clock.ms += 2;
    b.replied();
    a.replied();
    // Samples 2 (b) then 104 (a): 0.8 × (0.2 × 2) + 0.2 × 104 = 21.12 ms.
    expect(q.costMs).toBeCloseTo(21.12, 9);
  });

  test('interactions already replied to or deferred no longer count, though their work goes on', () => {
    const { q, clock } = queue();
    // 100 interactions begun at once, each 10 ms of its own work, then replied (or deferred).
    const handles = Array.from({ length: 100 }, () => q.begin());
    for (const [i, h] of handles.entries()) {
      clock.ms += 10;
      if (i % 2 === 0) h.replied();
      else h.deferred();
    }
    expect(q.waiting).toBe(0);
    // Their follow-up work (an announcement, a deferred answer's scoring) is still running, yet a
    // new interaction is alone in the queue: predicted 0 + 1 × cost (< 10 ms), far under the budget.
    q.begin();
    expect(q.shouldDefer(snowflake(T0), T0)).toBe(false);
    for (const h of handles) h.end();
  });

  test('a long queue of unreplied interactions defers: predicted past the budget', async () => {
    const { q, clock } = queue();
    // One interaction of 40 ms own work: cost = 0.2 × 40 = 8 ms.
    await alone(q, clock, 40, 25);
    expect(q.costMs).toBeCloseTo(8, 9);
    // 224 unreplied: 224 × 8 = 1,792 ms ≤ 1,800, no deferral; the 226th is predicted at
    // 226 × 8 = 1,808 ms > 1,800: deferred.
    const waiting = Array.from({ length: 224 }, () => q.begin());
    expect(q.shouldDefer(snowflake(T0), T0)).toBe(false);
    waiting.push(q.begin(), q.begin());
    expect(q.shouldDefer(snowflake(T0), T0)).toBe(true);
    // Once they are replied to, the same interaction is not deferred any more.
    for (const h of waiting) h.deferred();
    q.begin();
    expect(q.shouldDefer(snowflake(T0), T0)).toBe(false);
  });

  test('a burst of cheap interactions is not deferred wholesale, even after replies that came back slowly', async () => {
    const { q, clock } = queue();
    // A first burst of 400, each 0.5 ms of its own work (run one after another, from clock 0),
    // whose replies' round trips each take 3 s (a congested REST server): interaction k replies at
    // 0.5·(k + 1) + 3,000 ms. Its own time is 0.5 ms: the cost converges on 0.5 ms
    // (0.5 × (1 − 0.8⁴⁰⁰)). The wall-time rule sampled (0.5·(k + 1) + 3,000) / (k + 1), 8 ms for
    // the last, and ended near 8 ms: it would defer the next burst from its 226th interaction on.
    const first = Array.from({ length: 400 }, () => q.begin());
    const sends: Promise<void>[] = [];
    const arrivals: (() => void)[] = [];
    for (const h of first) {
      await h.waitFor(Promise.resolve()); // its turn: the continuation runs
      clock.ms += 0.5;
      sends.push(h.waitFor(new Promise<void>((resolve) => arrivals.push(resolve))));
    }
    for (const [k, h] of first.entries()) {
      clock.ms = 0.5 * (k + 1) + 3_000;
      arrivals[k]!();
      h.replied();
    }
    await Promise.all(sends);
    for (const h of first) h.end();
    const learnt = q.costMs;
    // The next burst of 400, all begun at once: the last is predicted at 400 × 0.5 = 200 ms.
    const now = T0 + 10_000;
    let deferred = 0;
    for (let i = 0; i < 400; i++) {
      q.begin();
      if (q.shouldDefer(snowflake(now), now)) deferred++;
    }
    expect(deferred).toBe(0);
    expect(learnt).toBeCloseTo(0.5, 6);
  });

  test('a thread whose real cost makes the last replies miss the budget defers exactly those', async () => {
    const { q, clock } = queue();
    // The thread learns the cost from 40 interactions handled alone, 10 ms of own work each and a
    // 40 ms round trip: cost 10 × (1 − 0.8⁴⁰) = 9.99987 ms. (The wall-time rule took no sample of a
    // lone interaction, so knew nothing; sampled, it would have learnt 50 ms.)
    for (let i = 0; i < 40; i++) await alone(q, clock, 10, 40);
    const learnt = q.costMs;
    // A burst of 200, begun at once: each decides at its start, then they run one after another,
    // 10 ms each, so the k-th (from 1) replies 10·k ms after the burst began.
    const burst = Array.from({ length: 200 }, () => {
      const h = q.begin();
      return { h, deferred: q.shouldDefer(snowflake(T0), T0) };
    });
    const start = clock.ms;
    const late: number[] = [];
    for (const [i, { h }] of burst.entries()) {
      await h.waitFor(Promise.resolve());
      clock.ms += 10;
      if (clock.ms - start > DEFER_BUDGET_MS) late.push(i + 1);
      h.replied();
    }
    // Independently: 10·k > 1,800 for k = 181…200, the last 20. Predicted k × 9.99987 > 1,800 for
    // the same k (180 × 9.99987 = 1,799.98).
    expect(late).toEqual(Array.from({ length: 20 }, (_, i) => 181 + i));
    expect(burst.flatMap(({ deferred }, i) => (deferred ? [i + 1] : []))).toEqual(late);
    expect(learnt).toBeCloseTo(10 * (1 - 0.8 ** 40), 9);
  });

  test("a deferral's own REST call, and its round trip, do not raise the predicted cost", async () => {
    /** 50 interactions: 1 ms of own work, (a deferral,) a 130 ms store wait, 1 ms more, the reply or edit. */
    async function run(deferring: boolean) {
      const { q, clock } = queue();
      // Begun together (a burst), then handled one after another.
      const handles = Array.from({ length: 50 }, () => q.begin());
      for (const h of handles) {
        await h.waitFor(Promise.resolve()); // its turn
        clock.ms += 1;
        // The deferral's send costs this thread 3 ms (answering.ts sends it inside `aside`).
        const deferral = deferring
          ? h.aside(() => {
              clock.ms += 3;
              return Promise.resolve();
            })
          : undefined;
        // The store wait (130 ms); the deferral's round trip (100 ms) ends during it.
        let store!: () => void;
        const stored = h.waitFor(new Promise<void>((resolve) => (store = resolve)));
        clock.ms += 100;
        if (deferral !== undefined) {
          await deferral;
          h.deferred();
        }
        clock.ms += 30;
        store();
        await stored;
        clock.ms += 1;
        const sent = h.waitFor(Promise.resolve());
        clock.ms += 20;
        await sent;
        h.replied();
        h.end();
        await settle();
      }
      return { cost: q.costMs };
    }
    const plain = await run(false);
    const deferred = await run(true);
    // Both: samples of 1 + 1 = 2 ms, cost 2 × (1 − 0.8⁵⁰).
    expect(deferred.cost).toBeCloseTo(plain.cost, 9);
    expect(plain.cost).toBeCloseTo(2 * (1 - 0.8 ** 50), 9);
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
    const h = q.begin();
    clock.ms = 60_000;
    h.detach();
    h.replied();
    h.end();
    expect(q.waiting).toBe(0);
    expect(q.costMs).toBe(0);
  });

  test('the dispatcher sees the first response, whichever method sends it, and whether it was a deferral', async () => {
    const calls: string[] = [];
    const interaction = {
      reply: async () => calls.push('reply'),
      deferReply: async () => calls.push('deferReply'),
      editReply: async () => calls.push('editReply'),
      showModal: async () => {
        throw new Error('refused');
      },
    };
    const seen: string[] = [];
    onFirstResponse(interaction as never, {
      replied: () => seen.push('replied'),
      deferred: () => seen.push('deferred'),
    });
    await interaction.deferReply();
    expect(calls).toEqual(['deferReply']);
    expect(seen).toEqual(['deferred']);
    await interaction.editReply();
    await interaction.reply();
    await expect(interaction.showModal()).rejects.toThrow('refused');
    // The queue's `replied` ignores all but the first.
    expect(seen).toEqual(['deferred', 'replied', 'replied', 'replied']);
  });

  test('an interaction wrapped twice sends its reply once and tells both entries, the earlier first', async () => {
    const calls: string[] = [];
    const interaction = { reply: async () => calls.push('reply') };
    const seen: string[] = [];
    onFirstResponse(interaction as never, { replied: () => seen.push('first'), deferred: () => {} });
    onFirstResponse(interaction as never, { replied: () => seen.push('second'), deferred: () => {} });
    await interaction.reply();
    expect(calls).toEqual(['reply']);
    expect(seen).toEqual(['first', 'second']);
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

  test('closed (the bot stopping): the answers waiting are refused, later ones too, and the one in the lane finishes', async () => {
    const lane = new WorkLane(1);
    const leave = await lane.enter();
    const waiting = lane.enter();
    let gradeBack!: () => void;
    const waitingForGrade = lane.enter(new Promise<void>((resolve) => (gradeBack = resolve)));
    expect(lane.queued).toBe(2);
    const reason = new Error('stopping');
    lane.close(reason);
    await expect(waiting).rejects.toBe(reason);
    await expect(waitingForGrade).rejects.toBe(reason);
    expect(lane.queued).toBe(0);
    await expect(lane.enter()).rejects.toBe(reason);
    // A grade coming back after the close starts nothing, and the answer in the lane leaves as usual.
    gradeBack();
    await null;
    leave();
    expect(lane.queued).toBe(0);
  });
});

describe('answers that wait for their grade in the lane', () => {
  /** A promise settled from outside (a rubric grade still in the worker). */
  const pending = () => {
    let settle!: (ok: boolean) => void;
    const promise = new Promise<void>((resolve, reject) => {
      settle = (ok) => (ok ? resolve() : reject(new Error('grading failed')));
    });
    promise.catch(() => {});
    return { promise, settle };
  };
  /** Lets every queued macrotask (the lane's setImmediate hand-over) and microtask run. */
  const turn = () => new Promise((resolve) => setImmediate(resolve)).then(() => new Promise(setImmediate));

  test('an answer whose grade is not back takes no place: the ready answer behind it starts first', async () => {
    const lane = new WorkLane(1);
    const started: string[] = [];
    const first = await lane.enter();
    const grade = pending();
    const slow = lane.enter(grade.promise).then((leave) => {
      started.push('slow');
      return leave;
    });
    const ready = lane.enter().then((leave) => {
      started.push('ready');
      return leave;
    });
    expect(lane.queued).toBe(2);
    first();
    await turn();
    // The one place went to the ready answer, though it came second.
    expect(started).toEqual(['ready']);
    grade.settle(true);
    await turn();
    // Its grade is back, but the place is still held.
    expect(started).toEqual(['ready']);
    (await ready)();
    (await slow)();
    expect(started).toEqual(['ready', 'slow']);
    expect(lane.queued).toBe(0);
  });

  test("one user's answers keep their order: only another user's ready answer passes one awaiting its grade", async () => {
    const lane = new WorkLane(1);
    const started: string[] = [];
    const enter = (name: string, user: string, ready?: Promise<void>) =>
      lane.enter(ready, user).then((leave) => {
        started.push(name);
        return leave;
      });
    const first = await lane.enter(undefined, 'someone');
    const grade = pending();
    const aliceText = enter('alice free text (sent first)', 'alice', grade.promise);
    const aliceChoice = enter('alice choice (sent second)', 'alice');
    const bobChoice = enter('bob choice', 'bob');
    first();
    await turn();
    // The place went to Bob: Alice's choice is ready, but her free text, sent before it, is not.
    expect(started).toEqual(['bob choice']);
    (await bobChoice)();
    await turn();
    // No ready answer may start: the place stays free.
    expect(started).toEqual(['bob choice']);
    grade.settle(true);
    (await aliceText)();
    (await aliceChoice)();
    expect(started).toEqual(['bob choice', 'alice free text (sent first)', 'alice choice (sent second)']);
    expect(lane.queued).toBe(0);
  });

  test("with places free, a user's answers still run one at a time, in the order sent", async () => {
    const lane = new WorkLane(2);
    const started: string[] = [];
    const grade = pending();
    const text = lane.enter(grade.promise, 'alice').then((leave) => {
      started.push('text');
      return leave;
    });
    const choice = lane.enter(undefined, 'alice').then((leave) => {
      started.push('choice');
      return leave;
    });
    // Another user's answer takes a free place at once.
    (await lane.enter(undefined, 'bob'))();
    await turn();
    expect(started).toEqual([]);
    grade.settle(true);
    await turn();
    // Her free text starts once graded; her choice waits for it to leave, though a place is free.
    expect(started).toEqual(['text']);
    (await text)();
    await turn();
    expect(started).toEqual(['text', 'choice']);
    (await choice)();
    expect(lane.queued).toBe(0);
    // Her next answer, with nothing of hers in the lane, starts at once.
    (await lane.enter(undefined, 'alice'))();
  });

  test('an answer its user holds back is no throughput sample: the lane was not full', async () => {
    const clock = { ms: 0 };
    const lane = new WorkLane(2, () => clock.ms);
    const alice = await lane.enter(undefined, 'alice');
    const held = lane.enter(undefined, 'alice'); // ready, held back by her first; one place free
    const bob = await lane.enter(undefined, 'bob');
    clock.ms = 100;
    bob(); // the lane was full, but no waiting answer could take a place: no sample point
    clock.ms = 300;
    alice(); // not full any more (one place was free): no sample point either
    // Had either counted, the interval would be 0.2 × 200 = 40 ms, predicting (0 + 1) × 40 = 40 ms.
    expect(lane.predictedMs()).toBe(0);
    (await held)();
  });

  test("a user's second answer waits for the first to leave, even when both were ready", async () => {
    const lane = new WorkLane(4);
    const first = await lane.enter(undefined, 'alice');
    let second = false;
    const next = lane.enter(undefined, 'alice').then((leave) => {
      second = true;
      return leave;
    });
    // Bob is not held up by Alice's answers.
    (await lane.enter(undefined, 'bob'))();
    await turn();
    expect(second).toBe(false);
    first();
    (await next)();
    expect(second).toBe(true);
  });

  test('with a place free, it starts as soon as its grade settles, a failed grade too', async () => {
    const lane = new WorkLane(1);
    const grade = pending();
    let started = false;
    const entered = lane.enter(grade.promise).then((leave) => {
      started = true;
      return leave;
    });
    await turn();
    expect(started).toBe(false);
    expect(lane.queued).toBe(1);
    grade.settle(false);
    const leave = await entered;
    expect(started).toBe(true);
    expect(lane.queued).toBe(0);
    // It holds the one place: an answer entering now waits until it leaves.
    let next = false;
    const after = lane.enter().then((l) => {
      next = true;
      return l;
    });
    await turn();
    expect(next).toBe(false);
    leave();
    (await after)();
    expect(next).toBe(true);
  });

  test('waiting for grades is not the throughput: a leave while no ready answer waits is no sample point', async () => {
    const clock = { ms: 0 };
    const lane = new WorkLane(1, () => clock.ms);
    const first = await lane.enter();
    const grade = pending();
    const slow = lane.enter(grade.promise);
    clock.ms = 500;
    // Only an answer awaiting its grade waits: the place is left free, and 500 ms is no sample point.
    first();
    const second = await lane.enter(); // takes the free place at once
    const third = lane.enter(); // ready, waits for the place
    clock.ms = 900;
    // A ready answer waits now: this leave is a sample point, but there is none before it to
    // measure from. Had the 500 ms leave counted, the interval would be 0.2 × 400 = 80 ms and
    // the prediction (1 + 1) × 80 = 160 ms.
    second();
    // The answer still awaiting its grade is counted ahead of a newcomer: (1 + 1) × 0 ms.
    expect(lane.queued).toBe(1);
    expect(lane.predictedMs()).toBe(0);
    (await third)();
    grade.settle(true);
    (await slow)();
    expect(lane.queued).toBe(0);
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
