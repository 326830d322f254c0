import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, expect, test } from 'vitest';
import { openStore } from '../src/index';

// Issue 20: a commit per answer was the largest single item of the bot's thread under a burst. The
// writes asked for in one turn of the event loop share one SQLite transaction, each in a savepoint.
const folder = mkdtempSync(join(tmpdir(), 'cnnkit-group-commit-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** A right answer of `user`'s to question 5, part "across" (choice), under `key`. */
const attempt = (user: string, key: string) => ({
  idempotencyKey: key,
  user: { id: user, displayName: user },
  group: { id: 'g', name: 'G' },
  questionId: 5,
  partId: 'across',
  variantSeed: null,
  answer: 'b',
  score: 1,
  correct: true,
  difficulty: 1 as const,
  at: 1_000,
});

test('answers recorded in one turn of the event loop are committed together: none is visible to another connection before the last is written', async () => {
  const path = join(folder, 'together.db');
  const seenByOthers: number[] = [];
  let reader: SqliteDatabase.Database | undefined;
  const store = await openStore({
    sqlitePath: path,
    testHooks: {
      // Runs inside each answer's write, before its commit: what another connection sees then.
      beforeCommit: async () => {
        reader ??= new SqliteDatabase(path, { readonly: true });
        seenByOthers.push((reader.prepare('select count(*) as n from attempts').get() as { n: number }).n);
      },
    },
  });
  try {
    const recorded = await Promise.all(
      ['ada', 'bob', 'cy'].map((user) => store.recordAttempt(attempt(user, user))),
    );
    expect(recorded.map((r) => r.duplicate)).toEqual([false, false, false]);
    // A commit per answer would have shown the earlier ones: 0, 1, 2.
    expect(seenByOthers).toEqual([0, 0, 0]);
    expect((reader!.prepare('select count(*) as n from attempts').get() as { n: number }).n).toBe(3);
    // The next turn's answer is a transaction of its own, after the first was committed.
    await store.recordAttempt(attempt('dee', 'dee'));
    expect(seenByOthers).toEqual([0, 0, 0, 3]);
  } finally {
    reader?.close();
    await store.close();
  }
});

test('an answer refused inside a group commit is undone alone: the others of its turn are kept', async () => {
  const path = join(folder, 'refused.db');
  const store = await openStore({
    sqlitePath: path,
    // cy's answer fails after its rows were written (just before its commit): they must be undone.
    testHooks: {
      beforeCommit: async (key) => {
        if (key === 'cy-1') throw new Error('the disk went away');
      },
    },
  });
  // One token, never refilled in this test: bob's second answer is refused by the rate limit.
  const rateLimit = { capacity: 1, perSecond: 1e-9 };
  try {
    const outcomes = await Promise.allSettled([
      store.recordAttempt(attempt('bob', 'bob-1'), { rateLimit }),
      store.recordAttempt(attempt('bob', 'bob-2'), { rateLimit }),
      store.recordAttempt(attempt('cy', 'cy-1'), { rateLimit }),
      store.recordAttempt(attempt('ada', 'ada-1'), { rateLimit }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toMatchObject({ code: 'rate_limited' });
    expect(String((outcomes[2] as PromiseRejectedResult).reason)).toMatch(/the disk went away/);
    const reader = new SqliteDatabase(path, { readonly: true });
    try {
      const users = (table: string) =>
        reader.prepare(`select user_id from ${table} order by rowid`).pluck().all();
      expect(users('attempts')).toEqual(['bob', 'ada']);
      // cy's streak row and membership went with its attempt.
      expect(users('streaks')).toEqual(['bob', 'ada']);
    } finally {
      reader.close();
    }
  } finally {
    await store.close();
  }
});

test('a lone answer that fails is undone whole, with its own error; the next one is recorded', async () => {
  const path = join(folder, 'lone.db');
  const store = await openStore({
    sqlitePath: path,
    // The only write of its turn fails after its rows were written: no savepoint to undo them to.
    testHooks: {
      beforeCommit: async (key) => {
        if (key === 'cy-1') throw new Error('the disk went away');
      },
    },
  });
  try {
    await expect(store.recordAttempt(attempt('cy', 'cy-1'))).rejects.toThrow(/the disk went away/);
    expect((await store.recordAttempt(attempt('ada', 'ada-1'))).duplicate).toBe(false);
    const reader = new SqliteDatabase(path, { readonly: true });
    try {
      const users = (table: string) =>
        reader.prepare(`select user_id from ${table} order by rowid`).pluck().all();
      // cy's attempt, streak row and membership are gone; ada's, the next turn's, are kept.
      expect(users('attempts')).toEqual(['ada']);
      expect(users('streaks')).toEqual(['ada']);
      expect(users('memberships')).toEqual(['ada']);
    } finally {
      reader.close();
    }
  } finally {
    await store.close();
  }
});

test('a group commit asked for while a later one is open waits for it: the kept connection is still taken under its lock', async () => {
  // The second group commit is the first to reuse the Kysely kept from the first (review 32b): an
  // answer recorded from inside it must wait for it, not start a transaction inside its transaction
  // ("cannot start a transaction within a transaction" without the lock).
  let calls = 0;
  let during: Promise<{ duplicate: boolean }> | undefined;
  const store = await openStore({
    sqlitePath: join(folder, 'held.db'),
    testHooks: {
      beforeCommit: async () => {
        if (++calls !== 2) return;
        during = store.recordAttempt(attempt('cy', 'cy'));
        await new Promise((resolve) => setTimeout(resolve, 20));
      },
    },
  });
  try {
    await store.recordAttempt(attempt('ada', 'ada'));
    await store.recordAttempt(attempt('bob', 'bob'));
    await expect(during).resolves.toMatchObject({ duplicate: false });
  } finally {
    await store.close();
  }
});
