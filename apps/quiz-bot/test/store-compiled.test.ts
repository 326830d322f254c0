import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { DefaultQueryCompiler, Kysely, SqliteDialect } from 'kysely';
import { afterAll, describe, expect, test, vi } from 'vitest';
import { openStore, QuizEngine } from '../src/index';
import { compileStatement, namedStatements } from '../src/store/compiled';
import type { Database } from '../src/store/schema';

// Issue 20: the answer path ran Kysely's query building and compiling again on every call.
const folder = mkdtempSync(join(tmpdir(), 'cnnkit-compiled-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** One right answer of Ada's to question 2 (difficulty 3, full score: 30 points), under `key`. */
const attempt = (idempotencyKey: string) => ({
  idempotencyKey,
  user: { id: 'ada', displayName: 'Ada' },
  group: { id: 'g', name: 'G' },
  questionId: 2,
  partId: 'params',
  variantSeed: 3,
  answer: '903,400',
  score: 1,
  correct: true,
  difficulty: 3 as const,
  at: 1_000,
});

describe('compileStatement', () => {
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: new SqliteDatabase(':memory:') }),
  });

  test('binds each run’s values to their placeholders, in the order the SQL needs them; constants stay', () => {
    const statement = compileStatement<{ name: string; id: string; at: number }, unknown>(
      ['name', 'id', 'at'],
      (p) =>
        db
          .insertInto('users')
          .values({ id: p.id, display_name: p.name, created_at: p.at })
          .onConflict((oc) => oc.column('id').doUpdateSet({ display_name: p.name, created_at: 0 })),
    );
    expect(statement.sql).toBe(
      'insert into "users" ("id", "display_name", "created_at") values (?, ?, ?) on conflict ("id") do update set "display_name" = ?, "created_at" = ?',
    );
    const seen: unknown[][] = [];
    const executor = {
      executeQuery: async <R>(query: { parameters: readonly unknown[] }) => {
        seen.push([...query.parameters]);
        return { rows: [] as R[] };
      },
    };
    void statement.run(executor, { at: 5, id: 'ada', name: 'Ada' });
    void statement.run(executor, { at: 6, id: 'bob', name: 'Bob' });
    expect(seen).toEqual([
      ['ada', 'Ada', 5, 'Ada', 0],
      ['bob', 'Bob', 6, 'Bob', 0],
    ]);
  });

  test('a parameter the query does not use is refused when compiled', () => {
    expect(() =>
      compileStatement<{ id: string; typo: string }, unknown>(['id', 'typo'], (p) =>
        db.selectFrom('users').select('id').where('id', '=', p.id),
      ),
    ).toThrow(/does not use its parameter\(s\) typo/);
  });
});

test('PostgreSQL: the compiled texts run as named statements, every other query as it was', () => {
  const calls: unknown[][] = [];
  const client = { query: (...args: unknown[]) => calls.push(args) };
  namedStatements(client, new Map([['select $1', 'cnnkit_q1']]));
  client.query('select $1', [1]);
  client.query('select $1', [2]);
  client.query('select 2', [3]);
  client.query('begin');
  expect(calls).toEqual([
    [{ name: 'cnnkit_q1', text: 'select $1', values: [1] }],
    [{ name: 'cnnkit_q1', text: 'select $1', values: [2] }],
    ['select 2', [3]],
    ['begin'],
  ]);
});

test('the answer path, rate limit, idempotency, rounds, hints and leaderboard compile nothing per call', async () => {
  const store = await openStore({ sqlitePath: join(folder, 'quiz.db') });
  const compiles = vi.spyOn(DefaultQueryCompiler.prototype, 'compileQuery');
  try {
    const answer = attempt('k1');
    const key = { ...answer, userId: 'ada', groupId: 'g' };
    expect(await store.takeRateToken('ada', 1_000, { capacity: 5, perSecond: 1 })).toBe(0);
    expect(await store.findRecordedAttempt(key)).toBeUndefined();
    expect((await store.recordAttempt(answer)).points).toBe(30);
    expect((await store.recordAttempt(answer)).duplicate).toBe(true);
    expect(await store.findRecordedAttempt(key)).toMatchObject({ duplicate: true });
    expect(await store.leaderboard('g', { since: 0, limit: 10 })).toHaveLength(1);
    // The Discord answer path's current group, read the first time and kept the second.
    expect(await store.groupsOf('ada', 'g')).toMatchObject([{ id: 'g', members: 1 }]);
    expect(await store.groupsOf('ada', 'g')).toMatchObject([{ id: 'g', members: 1 }]);
    const round = {
      id: 'r1',
      questionId: 2,
      variantSeed: 3,
      deadline: 5_000,
      replyToken: 't',
      applicationId: 'a',
      createdAt: 1_000,
    };
    await store.rounds.openRound(round);
    const entry = { roundId: 'r1', partId: 'params', userId: 'ada', interactionId: 'i1', answeredAt: 1_000 };
    await store.rounds.enterAnswer(entry, 1_000);
    await store.rounds.settleAnswer(entry, true);
    expect(await store.rounds.claimAnnouncement('r1', 'params', 1_100, 60_000)).toMatchObject({
      claimed: true,
    });
    await store.rounds.takeHint({
      userId: 'ada',
      questionId: 2,
      roundId: 'r1',
      interactionId: 'h1',
      hintedAt: 900,
    });
    expect(await store.rounds.unpaidHint('ada', 2, 1_000, 0)).toEqual({ interactionId: 'h1' });
    expect(await store.rounds.payHint('ada', 2, 'h1', 'i1')).toBe(true);
    // One bump by the recorded answer (the duplicate moves nothing), one here.
    await store.rounds.bumpBoard('g');
    expect(await store.rounds.boardVersion('g')).toBe(2);
    expect(await store.rounds.dueRounds(6_000, 5)).toHaveLength(1);
    expect(await store.rounds.claimClose('r1', 6_000)).toBe(true);
    expect(compiles).not.toHaveBeenCalled();
    // The spy sees what it should: one query built the ordinary way compiles once.
    await store.countAttempts({ userId: 'ada' });
    expect(compiles).toHaveBeenCalledTimes(1);
  } finally {
    compiles.mockRestore();
    await store.close();
  }
});

describe('SQLite: compiled statements run straight on the connection (issue 20)', () => {
  test('`now` runs one at once and returns its result; on the database while a transaction is open it runs nothing', () => {
    const sqlite = new SqliteDatabase(':memory:');
    sqlite.exec('create table t (n integer)');
    const root = new Kysely<{ t: { n: number } }>({ dialect: new SqliteDialect({ database: sqlite }) });
    const connection = { executeQuery: () => Promise.reject(new Error('not through Kysely')) };
    const direct = { database: sqlite, root };
    const insert = compileStatement<{ n: number }, unknown>(
      ['n'],
      (p) => root.insertInto('t').values({ n: p.n }) as never,
      undefined,
      direct,
    );
    const count = compileStatement<{ min: number }, { c: number }>(
      ['min'],
      (p) =>
        root
          .selectFrom('t')
          .select((eb) => eb.fn.countAll<number>().as('c'))
          .where('n', '>=', p.min) as never,
      undefined,
      direct,
    );
    // One row inserted (1 change, the first rowid), then counted: 1 row has n >= 2, none n >= 3.
    expect(insert.now(connection, { n: 2 })).toEqual({ rows: [], numAffectedRows: 1n, insertId: 1n });
    expect(count.now(connection, { min: 2 })?.rows).toEqual([{ c: 1 }]);
    expect(count.now(root, { min: 3 })?.rows).toEqual([{ c: 0 }]);
    // Another caller's transaction is open on the connection: not on the database itself.
    sqlite.exec('begin');
    expect(insert.now(root, { n: 5 })).toBeUndefined();
    sqlite.exec('rollback');
    expect(count.now(root, { min: 0 })?.rows).toEqual([{ c: 1 }]);
    sqlite.close();
  });

  test('without going through Kysely, outside a transaction and inside one', async () => {
    const store = await openStore({ sqlitePath: join(folder, 'direct.db') });
    const executed = vi.spyOn(Kysely.prototype, 'executeQuery');
    try {
      await store.rounds.bumpBoard('g');
      expect(await store.rounds.boardVersion('g')).toBe(1);
      expect(
        await store.findRecordedAttempt({ ...attempt('k1'), userId: 'ada', groupId: 'g' }),
      ).toBeUndefined();
      expect(executed).not.toHaveBeenCalled();
      // Recording and the rate limit run their statements on the transaction's connection, and
      // their BEGIN IMMEDIATE and COMMIT too: prepared once, nothing through Kysely's query path.
      expect(await store.takeRateToken('ada', 1_000, { capacity: 5, perSecond: 1 })).toBe(0);
      expect((await store.recordAttempt(attempt('k1'))).points).toBe(30);
      expect(
        await store.findRecordedAttempt({ ...attempt('k1'), userId: 'ada', groupId: 'g' }),
      ).toMatchObject({
        duplicate: true,
        points: 30,
      });
      expect(executed).not.toHaveBeenCalled();
    } finally {
      executed.mockRestore();
      await store.close();
    }
  });

  test('a statement issued while another answer holds a transaction open never runs inside it', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const store = await openStore({
      sqlitePath: join(folder, 'direct-beside.db'),
      testHooks: {
        // The transaction stays open until released, then fails: everything in it is rolled back.
        beforeCommit: async () => {
          entered();
          await held;
          throw new Error('planted failure before commit');
        },
      },
    });
    try {
      const recording = store.recordAttempt(attempt('k1'));
      await inside;
      // Issued while the transaction is open: it must wait its turn and commit on its own.
      const bumped = store.rounds.bumpBoard('g');
      release();
      await expect(recording).rejects.toThrow(/planted failure/);
      await bumped;
      expect(await store.rounds.boardVersion('g')).toBe(1);
      expect(await store.countAttempts()).toBe(0);
    } finally {
      await store.close();
    }
  });
});

test('SQLite: a model-free answer is one write transaction (duplicate check, rate token, attempt, hint), one commit', async () => {
  const store = await openStore({ sqlitePath: join(folder, 'one-transaction.db') });
  const engine = new QuizEngine({
    store,
    measurer: { measure: () => Promise.reject(new Error('no model runs in this test')) },
    now: () => 1_000,
  });
  // Every statement run on any connection, with the SQL it runs (better-sqlite3 keeps it in `source`).
  const statementPrototype = Object.getPrototypeOf(new SqliteDatabase(':memory:').prepare('select 1'));
  const run = vi.spyOn(statementPrototype, 'run');
  const begins = () =>
    (run.mock.contexts as { source: string }[]).filter((s) => s.source === 'begin immediate').length;
  const answer = (idempotencyKey: string, questionId: number, partId: string, text: string) =>
    engine.answer(
      { userId: 'ada', displayName: 'Ada', groupId: 'g', questionId, partId, answer: text, idempotencyKey },
      { hint: { answeredAt: 1_000, since: 0, interactionId: idempotencyKey } },
    );
  try {
    // A choice and a rubric part: graded on the thread, then stored with its rate token at once.
    expect((await answer('c1', 5, 'across', 'b')).duplicate).toBe(false);
    expect(begins()).toBe(1);
    await answer('r1', 1, 'advantages', 'weight sharing');
    expect(begins()).toBe(2);
    // A redelivered interaction: the same single transaction, which finds it recorded.
    expect((await answer('c1', 5, 'across', 'b')).duplicate).toBe(true);
    expect(begins()).toBe(3);
    expect(await store.countAttempts()).toBe(2);
    // Each was alone in its turn: no savepoint (one is only needed beside other writes of a group
    // commit, store-group-commit.test.ts), so BEGIN, the statements and COMMIT only.
    const sources = (run.mock.contexts as { source: string }[]).map((s) => s.source);
    expect(sources.filter((source) => /cnnkit_write/.test(source))).toEqual([]);
  } finally {
    run.mockRestore();
    await store.close();
  }
});
