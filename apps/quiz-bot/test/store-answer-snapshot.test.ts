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
import { attemptFor } from './helpers';

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
  return { store, tables, path: join(folder, name), close: () => db.destroy() };
}

const RATE = { capacity: 3, perSecond: 0.5 };

/** One answer: who, where, what, when; `name` is the display name it carries. */
const answer = (
  key: string,
  user: string,
  group: string,
  at: number,
  more: Partial<AttemptToRecord> = {},
): AttemptToRecord =>
  attemptFor(key, user, group, at, {
    user: { id: user, displayName: user.toUpperCase() },
    group: { id: group, name: `Group ${group}` },
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

/** An answer's result or its refusal's code, to compare the two stores'. */
const settle = (p: Promise<unknown>) =>
  p.then(
    (value) => ({ value }),
    (error: { code?: string; message: string }) => ({ error: error.code ?? error.message }),
  );

test('a hint, a membership left, a failing write inside a group commit and another connection: the same rows', async () => {
  const direct = await open('direct-more.db', true);
  const reference = await open('reference-more.db', false);
  // One connection more to each file (another process, as a second bot or the CLI would be).
  const others = [new SqliteDatabase(direct.path), new SqliteDatabase(reference.path)];
  const hinted = (at: number, key: string) => ({
    hint: { answeredAt: at, since: at - 60_000, interactionId: key },
  });
  try {
    const steps: [string, (s: KyselyQuizStore, other: SqliteDatabase.Database) => Promise<unknown>][] = [
      ['first answer', (s) => s.recordAttempt(answer('h1', 'hal', 'g', 2_000), {})],
      // A hint on question 2, then a right answer to it: it pays the hint (owes its penalty).
      [
        'hint',
        (s) =>
          s.rounds.takeHint({
            userId: 'hal',
            questionId: 2,
            roundId: null,
            interactionId: 'i-hint',
            hintedAt: 2_100,
          }),
      ],
      [
        'answer paying the hint',
        (s) => s.recordAttempt(answer('h2', 'hal', 'g', 2_200, { questionId: 2 }), hinted(2_200, 'h2')),
      ],
      // Paid once: a second right answer owes nothing.
      [
        'answer after the paid hint',
        (s) =>
          s.recordAttempt(
            answer('h3', 'hal', 'g', 2_300, { questionId: 2, partId: 'q' }),
            hinted(2_300, 'h3'),
          ),
      ],
      // Hal leaves g, then answers in it again: the membership is made again.
      ['leave', (s) => s.leaveGroup('g', 'hal')],
      ['answer after leaving', (s) => s.recordAttempt(answer('h4', 'hal', 'g', 2_400), {})],
      // One group commit of two writes, the second refused inside it (its key again with another
      // answer: idempotency_key_reused): the first is kept, the second undone alone.
      [
        'group commit with a failing write',
        (s) =>
          Promise.all([
            settle(s.recordAttempt(answer('h5', 'hal', 'g', 2_500, { questionId: 3 }), hinted(2_500, 'h5'))),
            settle(s.recordAttempt(answer('h4', 'hal', 'g', 2_500, { answer: 'y' }), {})),
          ]),
      ],
      // Another connection removes hal from g and gives him a hint on question 3: the next answers
      // must see both (the direct store keeps what h5 read of hal's unpaid hints on question 3 in
      // memory until another connection commits).
      [
        "another connection's writes",
        async (_s, other) => {
          other.prepare("delete from memberships where group_id = 'g' and user_id = 'hal'").run();
          other
            .prepare(
              "insert into hints (user_id, question_id, interaction_id, round_id, hinted_at, paid_by) values ('hal', 3, 'i-other', null, 2_550, null)",
            )
            .run();
        },
      ],
      [
        'answer after them',
        (s) =>
          s.recordAttempt(
            answer('h6', 'hal', 'g', 2_600, { questionId: 3, partId: 'q' }),
            hinted(2_600, 'h6'),
          ),
      ],
    ];
    const results: unknown[] = [];
    for (const [name, step] of steps) {
      const got = await settle(step(direct.store, others[0]!));
      const expected = await settle(step(reference.store, others[1]!));
      expect([name, got]).toEqual([name, expected]);
      expect([name, direct.tables()]).toEqual([name, reference.tables()]);
      results.push(got);
    }
    // What the steps were meant to cover, read from the rows (worked out from the steps above):
    const rows = direct.tables();
    const hints = rows.hints as { interaction_id: string; paid_by: string | null }[];
    // The hint taken through the store was paid by h2 (not h3), the other connection's by h6.
    expect(hints.map((h) => [h.interaction_id, h.paid_by]).sort()).toEqual([
      ['i-hint', 'h2'],
      ['i-other', 'h6'],
    ]);
    // Hal is in g again (made by h4 after leaving, and by h6 after the other connection's delete).
    expect(rows.memberships).toEqual([expect.objectContaining({ group_id: 'g', user_id: 'hal' })]);
    // h1-h6 recorded once each; the second h4 (another answer under its key) refused, h5 kept.
    // (The stored key is scoped: [user, question, key] in JSON.)
    const keys = (rows.attempts as { idempotency_key: string }[]).map(
      (a) => (JSON.parse(a.idempotency_key) as [string, number, string])[2],
    );
    expect(keys.sort()).toEqual(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
    expect((results[6] as { value: { error?: string }[] }).value[1]).toEqual({
      error: 'idempotency_key_reused',
    });
  } finally {
    for (const other of others) other.close();
    await direct.close();
    await reference.close();
  }
});
