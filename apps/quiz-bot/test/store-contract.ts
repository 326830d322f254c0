import { expect, test } from 'vitest';
import type { AttemptToRecord, QuizStore } from '../src/index';
import { nextReviewCard, QuizError } from '../src/index';

/** Whether two connections can race inside one process; when not, why (and where the race is tested instead). */
export type ConcurrencyInOneProcess =
  | { readonly supported: true }
  | { readonly supported: false; readonly why: string };

/**
 * The behaviour every store must have, run against SQLite (always) and PostgreSQL (slow suite).
 * `open` returns a new connection to the same database each time, as a second process would.
 */
export function storeContract(
  open: () => Promise<QuizStore>,
  reset: () => Promise<void>,
  options: { concurrency: ConcurrencyInOneProcess },
) {
  const attempt = (overrides: Partial<AttemptToRecord> & { idempotencyKey: string }): AttemptToRecord => ({
    user: { id: 'u1', displayName: 'User One' },
    group: { id: 'g1', name: 'Group One' },
    questionId: 1,
    partId: 'advantages',
    variantSeed: null,
    answer: 'weight sharing',
    score: 1,
    correct: true,
    at: Date.UTC(2026, 0, 1),
    difficulty: 1,
    ...overrides,
  });

  test('migrations run on every open and are idempotent', async () => {
    await reset();
    const a = await open();
    const b = await open();
    expect(await a.countAttempts()).toBe(0);
    expect(await b.countAttempts()).toBe(0);
    await a.close();
    await b.close();
  });

  test('records an attempt once per idempotency key, with points and streak', async () => {
    await reset();
    const store = await open();
    const first = await store.recordAttempt(attempt({ idempotencyKey: 'k1' }));
    // A streak counts distinct questions, so the second answer is to another one.
    const second = await store.recordAttempt(attempt({ idempotencyKey: 'k2', questionId: 2 }));
    const replay = await store.recordAttempt(
      attempt({ idempotencyKey: 'k2', questionId: 2, score: 0, correct: false }),
    );
    expect(first).toMatchObject({ points: 10, streak: 1, duplicate: false });
    expect(second).toMatchObject({ points: 11, streak: 2, duplicate: false });
    expect(replay).toMatchObject({ attemptId: second.attemptId, points: 11, streak: 2, duplicate: true });
    expect(await store.countAttempts()).toBe(2);
    await store.close();
  });

  const { concurrency } = options;
  // Reported as skipped, with its reason in the name, where the database cannot race in one process.
  test.skipIf(!concurrency.supported)(
    `the same key from two connections at once is recorded once${concurrency.supported ? '' : ` (skipped: ${concurrency.why})`}`,
    async () => {
      await reset();
      const [a, b] = await Promise.all([open(), open()]);
      const keys = Array.from({ length: 20 }, (_, i) => `race-${i}`);
      const results = await Promise.all(
        keys.flatMap((key, i) => [
          a.recordAttempt(attempt({ idempotencyKey: key, questionId: i + 1 })),
          b.recordAttempt(attempt({ idempotencyKey: key, questionId: i + 1 })),
        ]),
      );
      expect(results.filter((r) => !r.duplicate)).toHaveLength(20);
      expect(await a.countAttempts()).toBe(20);
      // Streaks counted each attempt once: 20 in a row.
      const [row] = await a.leaderboard('g1');
      expect(row).toMatchObject({ attempts: 20, correct: 20, bestStreak: 20 });
      await a.close();
      await b.close();
    },
  );

  test.skipIf(!concurrency.supported)(
    `the rate limit holds for takes racing from two connections${concurrency.supported ? '' : ` (skipped: ${concurrency.why})`}`,
    async () => {
      await reset();
      const [a, b] = await Promise.all([open(), open()]);
      const policy = { capacity: 10, perSecond: 1 / 3 };
      const at = Date.UTC(2026, 0, 1);
      const waits = await Promise.all(
        Array.from({ length: 15 }, (_, i) => (i % 2 === 0 ? a : b).takeRateToken('racer', at, policy)),
      );
      // Exactly `capacity` takes get a token; each of the others is told to wait for one refill (3 s).
      expect(waits.filter((w) => w === 0)).toHaveLength(10);
      expect(waits.filter((w) => w > 0).every((w) => w <= 3000)).toBe(true);
      await a.close();
      await b.close();
    },
  );

  test('the rate limit: a bucket per user, refilled with time, shared by every connection', async () => {
    await reset();
    const a = await open();
    const b = await open();
    const policy = { capacity: 3, perSecond: 0.5 };
    const t0 = Date.UTC(2026, 0, 1);
    expect([await a.takeRateToken('ann', t0, policy), await b.takeRateToken('ann', t0, policy)]).toEqual([
      0, 0,
    ]);
    expect(await a.takeRateToken('ann', t0, policy)).toBe(0);
    // Empty: one token comes back after 1 / 0.5 = 2 s, whichever connection asks.
    expect(await b.takeRateToken('ann', t0, policy)).toBe(2000);
    expect(await a.takeRateToken('ann', t0 + 500, policy)).toBe(1500);
    // Another user has a bucket of their own.
    expect(await a.takeRateToken('ben', t0, policy)).toBe(0);
    // 2 s later one token is back, and only one.
    expect(await b.takeRateToken('ann', t0 + 2000, policy)).toBe(0);
    expect(await a.takeRateToken('ann', t0 + 2000, policy)).toBe(2000);
    // Long idle refills to capacity, never above it.
    for (let i = 0; i < 3; i++) expect(await a.takeRateToken('ann', t0 + 3_600_000, policy)).toBe(0);
    expect(await a.takeRateToken('ann', t0 + 3_600_000, policy)).toBeGreaterThan(0);
    await a.close();
    await b.close();
  });

  test('idempotency keys are scoped to the user and question; a key reused for another answer is refused', async () => {
    await reset();
    const store = await open();
    const ada = { id: 'ada', displayName: 'Ada' };
    const bob = { id: 'bob', displayName: 'Bob' };
    const first = await store.recordAttempt(attempt({ idempotencyKey: 'K1', user: ada }));
    // bob's K1 is bob's answer: recorded, with his own points.
    const bobs = await store.recordAttempt(
      attempt({ idempotencyKey: 'K1', user: bob, score: 0, correct: false }),
    );
    expect(bobs).toMatchObject({ duplicate: false, points: 0, streak: 0 });
    expect(bobs.attemptId).not.toBe(first.attemptId);
    // ada's K1 on another question is another answer.
    expect(
      await store.recordAttempt(attempt({ idempotencyKey: 'K1', user: ada, questionId: 2 })),
    ).toMatchObject({
      duplicate: false,
    });
    // ada's K1 again with the same payload: the first result, nothing recorded.
    const retry = await store.recordAttempt(attempt({ idempotencyKey: 'K1', user: ada }));
    expect(retry).toMatchObject({ duplicate: true, attemptId: first.attemptId, points: first.points });
    // ada's K1 with another answer: refused, with what to do.
    const error = await store
      .recordAttempt(attempt({ idempotencyKey: 'K1', user: ada, answer: 'something else' }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QuizError);
    expect((error as QuizError).code).toBe('idempotency_key_reused');
    expect((error as QuizError).message).toMatch(
      /already recorded a different answer to question 1.*use a new key/,
    );
    expect(await store.countAttempts({ userId: 'ada' })).toBe(2);
    expect(await store.countAttempts({ userId: 'bob' })).toBe(1);
    // Found without writing, for a retry that must not use a rate-limit token.
    const key = {
      idempotencyKey: 'K1',
      userId: 'ada',
      groupId: 'g1',
      questionId: 1,
      partId: 'advantages',
      variantSeed: null,
      answer: 'weight sharing',
    };
    expect(await store.findRecordedAttempt(key)).toMatchObject({
      duplicate: true,
      attemptId: first.attemptId,
    });
    expect(await store.findRecordedAttempt({ ...key, idempotencyKey: 'K2' })).toBeUndefined();
    await expect(store.findRecordedAttempt({ ...key, variantSeed: 7 })).rejects.toMatchObject({
      code: 'idempotency_key_reused',
    });
    await store.close();
  });

  test('leaderboard: by group, by period, ranked by points then id', async () => {
    await reset();
    const store = await open();
    const t0 = Date.UTC(2026, 0, 1);
    await store.recordAttempt(
      attempt({ idempotencyKey: 'a1', user: { id: 'ann', displayName: 'Ann' }, at: t0 }),
    );
    await store.recordAttempt(
      attempt({ idempotencyKey: 'b1', user: { id: 'ben', displayName: 'Ben' }, at: t0 + 1000 }),
    );
    // Half right on another question, with a streak of 1 before it:
    // 0.5 × 10 × difficulty 1 × (1 + 0.1 × 1) = 5.5, rounded to 6 (scoring.ts's rule, by hand).
    await store.recordAttempt(
      attempt({
        idempotencyKey: 'b2',
        user: { id: 'ben', displayName: 'Ben' },
        questionId: 2,
        at: t0 + 2000,
        score: 0.5,
        correct: false,
      }),
    );
    await store.recordAttempt(
      attempt({
        idempotencyKey: 'c1',
        user: { id: 'cat', displayName: 'Cat' },
        group: { id: 'g2', name: 'Other' },
        at: t0,
      }),
    );
    expect(await store.leaderboard('g1')).toEqual([
      { rank: 1, userId: 'ben', displayName: 'Ben', points: 16, attempts: 2, correct: 1, bestStreak: 1 },
      { rank: 2, userId: 'ann', displayName: 'Ann', points: 10, attempts: 1, correct: 1, bestStreak: 1 },
    ]);
    expect((await store.leaderboard('g1', { since: t0 + 1500 })).map((r) => [r.userId, r.points])).toEqual([
      ['ben', 6],
    ]);
    expect((await store.leaderboard('g2')).map((r) => r.userId)).toEqual(['cat']);
    expect(await store.leaderboard('nobody')).toEqual([]);
    await store.close();
  });

  test('a part scores once per review interval, whatever the variant: repeats add no points and do not extend the streak', async () => {
    await reset();
    const store = await open();
    const t0 = Date.UTC(2026, 0, 1);
    // The window lasts until the card's next review: FSRS's due date after a first full score.
    const due = nextReviewCard(undefined, 1, t0).due;
    const again = (key: string, at: number, extra: Partial<AttemptToRecord> = {}) =>
      store.recordAttempt(attempt({ idempotencyKey: key, at, ...extra }));
    const first = await again('w1', t0);
    const repeat = await again('w2', t0 + 1000);
    // Issue 18: a variant asks the same concept, so it shares the part's window (no farming).
    const variant = await again('w3', t0 + 2000, { variantSeed: 7 });
    const otherVariant = await again('w4', t0 + 3000, { variantSeed: 8 });
    const afterDue = await again('w5', due, { variantSeed: 9 });
    const results = [first, repeat, variant, otherVariant, afterDue];
    // 10 × (1 + 0.1 × streak before) for a first full score in a window; a repeat adds max(0, 1 − 1) = 0.
    expect(results.map((r) => r.points)).toEqual([10, 0, 0, 0, 11]);
    expect(results.map((r) => r.repeat)).toEqual([false, true, true, true, false]);
    expect(results.map((r) => r.streak)).toEqual([1, 1, 1, 1, 2]);
    expect(first.nextReviewAt).toBe(due);
    await store.close();
  });

  test('review: unseen questions, then the due ones, earliest first', async () => {
    await reset();
    const store = await open();
    const t0 = Date.UTC(2026, 0, 1);
    // A wrong answer (FSRS "Again") is due sooner than a right one ("Good").
    const rightDue = nextReviewCard(undefined, 1, t0).due;
    const wrongDue = nextReviewCard(undefined, 0, t0).due;
    expect(t0).toBeLessThan(wrongDue);
    expect(wrongDue).toBeLessThan(rightDue);
    await store.recordAttempt(attempt({ idempotencyKey: 'r1', questionId: 3, at: t0 }));
    await store.recordAttempt(
      attempt({ idempotencyKey: 'r2', questionId: 5, at: t0, score: 0, correct: false }),
    );
    expect(await store.dueQuestions('u1', t0, [1, 2, 3, 4, 5])).toEqual([1, 2, 4]);
    expect(await store.dueQuestions('u1', wrongDue, [1, 2, 3, 4, 5])).toEqual([5, 1, 2, 4]);
    expect(await store.dueQuestions('u1', rightDue, [1, 2, 3, 4, 5])).toEqual([5, 3, 1, 2, 4]);
    await store.close();
  });

  test('settings: per scope and key, last write wins', async () => {
    await reset();
    const store = await open();
    expect(await store.setting('discord:1', 'question_seconds')).toBeUndefined();
    await store.setSetting('discord:1', 'question_seconds', '30', 1);
    await store.setSetting('discord:1', 'question_seconds', '45', 2);
    await store.setSetting('discord:2', 'question_seconds', '10', 3);
    expect(await store.setting('discord:1', 'question_seconds')).toBe('45');
    expect(await store.setting('discord:2', 'question_seconds')).toBe('10');
    await store.close();
  });

  test("study groups: create once, join, leave, list a user's groups by id prefix", async () => {
    await reset();
    const store = await open();
    expect(await store.createGroup({ id: 'discord:1:owls', name: 'Owls' }, 1)).toBe(true);
    expect(await store.createGroup({ id: 'discord:1:owls', name: 'Other' }, 2)).toBe(false);
    expect(await store.createGroup({ id: 'discord:1:cats_x', name: 'Cats' }, 3)).toBe(true);
    await store.joinGroup('discord:1:owls', 'u1', 'User One', 10);
    await store.joinGroup('discord:1:cats_x', 'u1', 'User One', 20);
    await store.joinGroup('discord:1:owls', 'u2', 'User Two', 30);
    expect(await store.group('discord:1:owls')).toEqual({
      id: 'discord:1:owls',
      name: 'Owls',
      members: 2,
      createdAt: 1,
    });
    expect((await store.groupsOf('u1', 'discord:1:')).map((g) => g.id)).toEqual([
      'discord:1:cats_x',
      'discord:1:owls',
    ]);
    // `_` is no wildcard: the prefix is compared literally.
    expect(await store.groupsOf('u1', 'discord:1:cats')).toHaveLength(1);
    expect(await store.groupsOf('u1', 'discord:1:catsax')).toHaveLength(0);
    expect(await store.leaveGroup('discord:1:owls', 'u1')).toBe(true);
    expect(await store.leaveGroup('discord:1:owls', 'u1')).toBe(false);
    expect((await store.group('discord:1:owls'))!.members).toBe(1);
    expect(await store.group('nope')).toBeUndefined();
    await store.close();
  });

  test('user stats: attempts, correct and mean score per question, streak and points', async () => {
    await reset();
    const store = await open();
    await store.recordAttempt(attempt({ idempotencyKey: 's1', score: 1, correct: true }));
    await store.recordAttempt(attempt({ idempotencyKey: 's2', score: 0.5, correct: false }));
    await store.recordAttempt(
      attempt({ idempotencyKey: 's3', questionId: 2, partId: 'params', score: 1, correct: true }),
    );
    const stats = await store.userStats('u1', 'g1');
    expect(stats.perQuestion).toEqual([
      { questionId: 1, attempts: 2, correct: 1, meanScore: 0.75 },
      { questionId: 2, attempts: 1, correct: 1, meanScore: 1 },
    ]);
    expect(stats.streak).toBe(1);
    expect(stats.bestStreak).toBe(1);
    // 10 for the first; the second repeats a part already fully scored in its window, max(0, 0.5 − 1)
    // adds nothing; 10 again after the streak the wrong answer reset (10 × (1 + 0.1 × 0)).
    expect(stats.points).toBe(10 + 0 + 10);
    await store.close();
  });

  // Rounds and hints (migration 0006, store/rounds.ts): the Discord race, on every engine.
  const round = (id: string, deadline: number | null, createdAt = 1) => ({
    id,
    questionId: 2,
    variantSeed: id === 'r2' ? 9_007_199_254 : null,
    deadline,
    replyToken: `token-${id}`,
    applicationId: 'app-1',
    createdAt,
  });

  test('rounds: stored once, due by deadline (oldest first), closed by exactly one connection', async () => {
    await reset();
    const [a, b] = [await open(), await open()];
    await a.rounds.openRound(round('r1', 5_000));
    await a.rounds.openRound(round('r2', 3_000));
    await a.rounds.openRound(round('r3', null));
    await a.rounds.openRound(round('r4', 9_000));
    // Opening the same round again changes nothing.
    await b.rounds.openRound({ ...round('r1', 1), replyToken: 'other' });
    expect(await b.rounds.dueRounds(2_999, 10)).toEqual([]);
    expect(await b.rounds.dueRounds(5_000, 10)).toEqual([round('r2', 3_000), round('r1', 5_000)]);
    expect((await b.rounds.dueRounds(10_000, 2)).map((r) => r.id)).toEqual(['r2', 'r1']);
    expect(await a.rounds.claimClose('r1', 6_000)).toBe(true);
    expect(await b.rounds.claimClose('r1', 6_001)).toBe(false);
    expect(await b.rounds.claimClose('nope', 6_001)).toBe(false);
    expect((await a.rounds.dueRounds(10_000, 10)).map((r) => r.id)).toEqual(['r2', 'r4']);
    await a.close();
    await b.close();
  });

  test('rounds: the earliest right answer by interaction time wins, once an earlier one is graded', async () => {
    await reset();
    const [a, b] = [await open(), await open()];
    const entry = (user: string, answeredAt: number) => ({
      roundId: 'r1',
      partId: 'params',
      userId: user,
      interactionId: `i-${user}`,
      answeredAt,
    });
    expect(await a.rounds.claimAnnouncement('r1', 'params', 100, 1_000)).toBeUndefined();
    await a.rounds.enterAnswer(entry('ada', 10), 100);
    await b.rounds.enterAnswer(entry('bob', 20), 101);
    await b.rounds.enterAnswer(entry('bob', 20), 102); // entered twice: one entry
    await b.rounds.settleAnswer(entry('bob', 20), true);
    // Ada answered first and is still being graded: undecided.
    expect(await a.rounds.claimAnnouncement('r1', 'params', 150, 1_000)).toBe('undecided');
    await a.rounds.settleAnswer(entry('ada', 10), true);
    const first = await a.rounds.claimAnnouncement('r1', 'params', 200, 1_000);
    const second = await b.rounds.claimAnnouncement('r1', 'params', 201, 1_000);
    expect(first).toEqual({ winner: entry('ada', 10), claimed: true });
    expect(second).toEqual({ winner: entry('ada', 10), claimed: false });
    // Another part of the same round has its own race; a pending entry older than staleMs is lost.
    await a.rounds.enterAnswer({ ...entry('cat', 5), partId: 'macs' }, 100);
    await a.rounds.enterAnswer({ ...entry('dan', 8), partId: 'macs' }, 100);
    await a.rounds.settleAnswer({ ...entry('dan', 8), partId: 'macs' }, true);
    expect(await a.rounds.claimAnnouncement('r1', 'macs', 1_000, 1_000)).toBe('undecided');
    expect(await a.rounds.claimAnnouncement('r1', 'macs', 1_100, 1_000)).toMatchObject({
      winner: { userId: 'dan' },
      claimed: true,
    });
    await a.close();
    await b.close();
  });

  test('hints: tied to the interaction that asked, paid once by an answer after them', async () => {
    await reset();
    const [a, b] = [await open(), await open()];
    const hint = { userId: 'ada', questionId: 3, roundId: 'r1', interactionId: 'h1', hintedAt: 1_000 };
    await a.rounds.takeHint(hint);
    await a.rounds.takeHint({ ...hint, hintedAt: 5 }); // the same interaction again: ignored
    await a.rounds.takeHint({ ...hint, interactionId: 'h2', roundId: null, hintedAt: 2_000 });
    // An answer sent before the hint owes nothing; after it, the earliest unpaid hint.
    expect(await b.rounds.unpaidHint('ada', 3, 1_000, 0)).toBeUndefined();
    expect(await b.rounds.unpaidHint('ada', 3, 1_001, 0)).toEqual({ interactionId: 'h1' });
    expect(await b.rounds.unpaidHint('ada', 3, 5_000, 1_001)).toEqual({ interactionId: 'h2' });
    expect(await b.rounds.unpaidHint('bob', 3, 5_000, 0)).toBeUndefined();
    expect(await b.rounds.unpaidHint('ada', 4, 5_000, 0)).toBeUndefined();
    expect(await a.rounds.payHint('ada', 3, 'h1', 'answer-1')).toBe(true);
    expect(await b.rounds.payHint('ada', 3, 'h1', 'answer-2')).toBe(false);
    expect(await b.rounds.unpaidHint('ada', 3, 5_000, 0)).toEqual({ interactionId: 'h2' });
    await a.close();
    await b.close();
  });

  test('recording with a rate limit takes the token in its own transaction: a refusal records nothing, a duplicate takes none', async () => {
    await reset();
    const [a, b] = [await open(), await open()];
    const rateLimit = { capacity: 2, perSecond: 1 };
    const at = attempt({ idempotencyKey: 'x' }).at;
    expect(await a.recordAttempt(attempt({ idempotencyKey: 'k1' }), { rateLimit })).toMatchObject({
      duplicate: false,
    });
    await b.recordAttempt(attempt({ idempotencyKey: 'k2', questionId: 2 }), { rateLimit });
    // The bucket is empty now, but a retry of a recorded answer is checked first and takes nothing.
    expect(await b.recordAttempt(attempt({ idempotencyKey: 'k1' }), { rateLimit })).toMatchObject({
      duplicate: true,
    });
    await expect(
      a.recordAttempt(attempt({ idempotencyKey: 'k3', questionId: 3 }), { rateLimit }),
    ).rejects.toMatchObject({ code: 'rate_limited', context: { waitMs: 1000 } });
    expect(await a.countAttempts()).toBe(2);
    // The two recordings' tokens were committed with them; the refusal took none.
    expect(await b.takeRateToken('u1', at, rateLimit)).toBe(1000);
    expect(
      await a.recordAttempt(attempt({ idempotencyKey: 'k3', questionId: 3, at: at + 1000 }), { rateLimit }),
    ).toMatchObject({ duplicate: false });
    await a.close();
    await b.close();
  });

  test('recording with a hint: an answer after an unpaid hint owes it, and a right one pays it in the same transaction', async () => {
    await reset();
    const store = await open();
    const hint = (userId: string) => ({
      userId,
      questionId: 1,
      roundId: null,
      interactionId: `hint-${userId}`,
      hintedAt: 1_000,
    });
    await store.rounds.takeHint(hint('u1'));
    await store.rounds.takeHint(hint('u2'));
    const user = (id: string) => ({ id, displayName: id });
    // u2 answered right before the hint: full points, and the hint stays owed.
    const early = await store.recordAttempt(attempt({ idempotencyKey: 'e', user: user('u2') }), {
      hint: { answeredAt: 900, since: 0, interactionId: 'e' },
    });
    expect(early.points).toBe(10);
    expect(await store.rounds.unpaidHint('u2', 1, 5_000, 0)).toEqual({ interactionId: 'hint-u2' });
    // u1 answers wrong after it (nothing to halve, nothing paid), then right: half, and paid.
    const wrong = await store.recordAttempt(
      attempt({ idempotencyKey: 'w', user: user('u1'), score: 0, correct: false }),
      { hint: { answeredAt: 1_500, since: 0, interactionId: 'w' } },
    );
    expect(wrong.points).toBe(0);
    expect(await store.rounds.unpaidHint('u1', 1, 5_000, 0)).toEqual({ interactionId: 'hint-u1' });
    const right = await store.recordAttempt(attempt({ idempotencyKey: 'r', user: user('u1') }), {
      hint: { answeredAt: 2_000, since: 0, interactionId: 'r' },
    });
    expect(right.points).toBe(5);
    expect(await store.rounds.unpaidHint('u1', 1, 5_000, 0)).toBeUndefined();
    // Paid by that answer: paying it again is refused.
    expect(await store.rounds.payHint('u1', 1, 'hint-u1', 'other')).toBe(false);
    await store.close();
  });

  test('board versions: 0 before, then one more per bump, per group', async () => {
    await reset();
    const [a, b] = [await open(), await open()];
    expect(await a.rounds.boardVersion('g1')).toBe(0);
    await a.rounds.bumpBoard('g1');
    await b.rounds.bumpBoard('g1');
    await b.rounds.bumpBoard('g2');
    expect([await b.rounds.boardVersion('g1'), await a.rounds.boardVersion('g2')]).toEqual([2, 1]);
    await a.close();
    await b.close();
  });

  test("recording an answer moves its group's board version in the same transaction; a duplicate does not", async () => {
    await reset();
    const store = await open();
    expect(await store.rounds.boardVersion('g1')).toBe(0);
    await store.recordAttempt(attempt({ idempotencyKey: 'b1' }));
    expect(await store.rounds.boardVersion('g1')).toBe(1);
    await store.recordAttempt(attempt({ idempotencyKey: 'b1' }));
    await store.recordAttempt(attempt({ idempotencyKey: 'b2', group: { id: 'g2', name: 'Group Two' } }));
    expect([await store.rounds.boardVersion('g1'), await store.rounds.boardVersion('g2')]).toEqual([1, 1]);
    await store.close();
  });
}
