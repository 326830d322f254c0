import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterAll, expect, test } from 'vitest';
import type { AttemptToRecord, RecordOptions } from '../src/store/api';
import { migrateToLatest } from '../src/store/migrations';
import type { Database } from '../src/store/schema';
import { KyselyQuizStore } from '../src/store/store';

/*
 * Issue 20: on SQLite with its connection at hand, an answer's transaction reads everything it
 * reads in one statement and skips the inserts that could change nothing (a bucket, user, group,
 * membership or streak row that exists). The reference is the same store on a Kysely database
 * without the connection at hand, which reads and writes each row on its own as before: the same
 * answers, in the same order, must give the same results and leave the same rows in every table.
 */
const folder = mkdtempSync(join(tmpdir(), 'cnnkit-snapshot-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

async function open(name: string, direct: boolean) {
  const sqlite = new SqliteDatabase(join(folder, name));
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  await migrateToLatest(db as Kysely<unknown>, 'sqlite');
  const store = new KyselyQuizStore(db, 'sqlite', {}, undefined, direct ? sqlite : undefined);
  const tables = (): Record<string, unknown[]> =>
    Object.fromEntries(
      [
        'users',
        'study_groups',
        'memberships',
        'attempts',
        'streaks',
        'review_cards',
        'scoring_windows',
        'rate_buckets',
        'board_versions',
        'hints',
      ].map((table) => [table, sqlite.prepare(`select * from ${table}`).all()]),
    );
  return { store, tables, close: () => db.destroy() };
}

const RATE = { capacity: 3, perSecond: 0.5 };

/** One answer: who, where, what, when; `name` is the display name it carries. */
const answer = (
  key: string,
  user: string,
  group: string,
  at: number,
  more: Partial<AttemptToRecord> = {},
): AttemptToRecord => ({
  idempotencyKey: key,
  user: { id: user, displayName: user.toUpperCase() },
  group: { id: group, name: `Group ${group}` },
  questionId: 1,
  partId: 'p',
  variantSeed: null,
  answer: 'x',
  score: 1,
  correct: true,
  difficulty: 1,
  at,
  ...more,
});

const ANSWERS: [AttemptToRecord, RecordOptions][] = [
  // First answers (user, group, membership, bucket and streak rows made), then repeats.
  [answer('a1', 'ada', 'g', 1_000), { rateLimit: RATE }],
  [answer('b1', 'bob', 'g', 1_100), { rateLimit: RATE }],
  [answer('a2', 'ada', 'g', 1_200, { questionId: 2, correct: false, score: 0 }), { rateLimit: RATE }],
  // The same key again: the recorded result, no token taken.
  [answer('a2', 'ada', 'g', 1_300, { questionId: 2, correct: false, score: 0 }), { rateLimit: RATE }],
  // A new display name: written, the rest kept.
  [answer('a3', 'ada', 'g', 1_400, { user: { id: 'ada', displayName: 'Ada L.' } }), { rateLimit: RATE }],
  // Ada in a second group (a membership made, the user kept), a variant and another part.
  [answer('a4', 'ada', 'h', 1_500, { variantSeed: 7, partId: 'q' }), {}],
  // The bucket has run out (3 tokens at 1.0 s, taken at 1.0, 1.2 and 1.4 s, 0.5 a second back:
  // 0.3 left at 1.6 s): refused, nothing recorded.
  [answer('a5', 'ada', 'h', 1_600), { rateLimit: RATE }],
  [answer('a6', 'ada', 'h', 1_700), { rateLimit: RATE }],
  // Refilled 5 s later; the same question inside its scoring window, then a card due later.
  [answer('a7', 'ada', 'g', 7_000), { rateLimit: RATE }],
  [answer('b2', 'bob', 'g', 7_100, { questionId: 2 }), {}],
  [answer('b3', 'bob', 'g', 7_200, { questionId: 2, correct: false, score: 0.4 }), {}],
  [answer('b4', 'bob', 'g', 90_000_000, { questionId: 2 }), { rateLimit: RATE }],
];

test('one read per answer on SQLite records what the statements one by one record', async () => {
  const direct = await open('direct.db', true);
  const reference = await open('reference.db', false);
  try {
    const refused: string[] = [];
    for (const [attempt, options] of ANSWERS) {
      const settle = (p: Promise<unknown>) =>
        p.then(
          (value) => ({ value }),
          (error: { code?: string; message: string }) => ({ error: error.code ?? error.message }),
        );
      const [got, expected] = [
        await settle(direct.store.recordAttempt(attempt, options)),
        await settle(reference.store.recordAttempt(attempt, options)),
      ];
      expect([attempt.idempotencyKey, got]).toEqual([attempt.idempotencyKey, expected]);
      if ('error' in got) refused.push(`${attempt.idempotencyKey} ${got.error}`);
      // Every row the same after every answer (a3 renames ada to "Ada L.", a4 back to "ADA").
      const now = direct.tables();
      expect(now).toEqual(reference.tables());
      if (attempt.idempotencyKey === 'a3')
        expect(now.users!.map((u) => (u as { display_name: string }).display_name)).toContain('Ada L.');
    }
    // Answered twice in one turn (one group commit): the second reads what the first wrote.
    const turn = (store: KyselyQuizStore) =>
      Promise.all([
        store.recordAttempt(answer('c1', 'cy', 'g', 100_000_000), { rateLimit: RATE }),
        store.recordAttempt(answer('c2', 'cy', 'g', 100_000_001, { questionId: 3 }), { rateLimit: RATE }),
      ]);
    expect(await turn(direct.store)).toEqual(await turn(reference.store));
    const rows = direct.tables();
    expect(rows).toEqual(reference.tables());
    // The sequence did what it is meant to cover (counted by hand from ANSWERS and the turn):
    // 3 users, 4 memberships (ada in g and h, bob and cy in g), ada renamed, a5 and a6 refused,
    // 11 attempts (ada a1-a4 and a7, bob b1-b4, cy c1 and c2).
    expect(refused).toEqual(['a5 rate_limited', 'a6 rate_limited']);
    expect(rows.users!).toHaveLength(3);
    expect(rows.memberships).toHaveLength(4);
    expect(rows.attempts).toHaveLength(11);
  } finally {
    await direct.close();
    await reference.close();
  }
});
