import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterAll, expect, test, vi } from 'vitest';
import { openStore, type QuizStore } from '../src/index';
import { migrateToLatest } from '../src/store/migrations';
import type { Database } from '../src/store/schema';
import { KyselyQuizStore } from '../src/store/store';
import { attemptFor } from './helpers';

/*
 * Issue 20: reads the Discord answer path makes on every answer (a user's groups, the hint penalty)
 * are kept in memory on SQLite between answers, and must read the same as the database at every
 * answer: after this store's own writes, another connection's (another process), and a group
 * commit rolled back whole.
 */
const folder = mkdtempSync(join(tmpdir(), 'cnnkit-kept-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const TTL_MS = 60_000;

/** A right answer of ada's to `questionId`'s part `partId`, owing any hint taken in the minute before. */
const rightAnswer = (store: QuizStore, key: string, questionId: number, partId: string, answeredAt: number) =>
  store.recordAttempt(
    {
      idempotencyKey: key,
      user: { id: 'ada', displayName: 'Ada' },
      group: { id: 'g', name: 'G' },
      questionId,
      partId,
      variantSeed: null,
      answer: 'x',
      score: 1,
      correct: true,
      difficulty: 1,
      at: answeredAt,
    },
    { hint: { answeredAt, since: answeredAt - TTL_MS, interactionId: key } },
  );

const hint = (questionId: number, interactionId: string, hintedAt: number) => ({
  userId: 'ada',
  questionId,
  roundId: null,
  interactionId,
  hintedAt,
});

/** Who paid a hint, read on a connection of its own (undefined: nobody). */
function paidBy(path: string, interactionId: string): string | undefined {
  const reader = new SqliteDatabase(path, { readonly: true });
  try {
    const row = reader.prepare('select paid_by from hints where interaction_id = ?').get(interactionId) as
      | { paid_by: string | null }
      | undefined;
    return row?.paid_by ?? undefined;
  } finally {
    reader.close();
  }
}

test('a hint taken through another connection (another process) is owed by the next right answer here', async () => {
  const path = join(folder, 'other.db');
  const here = await openStore({ sqlitePath: path });
  const there = await openStore({ sqlitePath: path });
  try {
    // No hint yet: the (empty) list of ada's unpaid hints on question 1 is read, and kept.
    await rightAnswer(here, 'a1', 1, 'p', 1_000);
    await rightAnswer(here, 'a2', 1, 'q', 1_100);
    await there.rounds.takeHint(hint(1, 'h1', 1_500));
    await rightAnswer(here, 'a3', 1, 'r', 2_000);
    expect(paidBy(path, 'h1')).toBe('a3');
  } finally {
    await here.close();
    await there.close();
  }
});

test("this store's own hints are seen at once: one taken is owed, one paid is not owed again", async () => {
  const path = join(folder, 'own.db');
  const store = await openStore({ sqlitePath: path });
  // The same answers with no hint: what a right answer earns when it owes nothing.
  const control = await openStore({ sqlitePath: join(folder, 'own-control.db') });
  try {
    await rightAnswer(store, 'b1', 2, 'p', 1_000);
    await store.rounds.takeHint(hint(2, 'h2', 1_500));
    const paying = await rightAnswer(store, 'b2', 2, 'q', 2_000);
    expect(paidBy(path, 'h2')).toBe('b2');
    // Paid once: the next right answer (another part) owes nothing, and earns in full.
    const after = await rightAnswer(store, 'b3', 2, 'r', 3_000);
    await rightAnswer(control, 'b1', 2, 'p', 1_000);
    const unpaidControl = await rightAnswer(control, 'b2', 2, 'q', 2_000);
    const afterControl = await rightAnswer(control, 'b3', 2, 'r', 3_000);
    expect(paying.points).toBe(Math.floor(unpaidControl.points / 2));
    expect(after.points).toBe(afterControl.points);
    expect(paidBy(path, 'h2')).toBe('b2');
  } finally {
    await store.close();
    await control.close();
  }
});

test('a hint paid inside a group commit that is then rolled back whole is owed again', async () => {
  const path = join(folder, 'rolled-back.db');
  const sqlite = new SqliteDatabase(path);
  sqlite.pragma('journal_mode = WAL');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  await migrateToLatest(db as Kysely<unknown>, 'sqlite');
  // The third write of the turn ends the whole transaction, as SQLITE_FULL or SQLITE_IOERR would.
  const store = new KyselyQuizStore(
    db,
    'sqlite',
    {
      beforeCommit: async (key) => {
        if (key !== 'c-fails') return;
        sqlite.prepare('rollback').run();
        throw new Error('the disk is full');
      },
    },
    undefined,
    sqlite,
  );
  try {
    await store.rounds.takeHint(hint(3, 'h3', 500));
    // One turn: c1 pays h3, c2 reads ada's unpaid hints after that payment (none), then all is undone.
    const outcomes = await Promise.allSettled([
      rightAnswer(store, 'c1', 3, 'p', 1_000),
      rightAnswer(store, 'c2', 3, 'q', 1_100),
      rightAnswer(store, 'c-fails', 3, 'r', 1_200),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(paidBy(path, 'h3')).toBeUndefined();
    // The payment never happened: the next right answer owes the hint.
    await rightAnswer(store, 'c3', 3, 'q', 2_000);
    expect(paidBy(path, 'h3')).toBe('c3');
  } finally {
    await store.close();
  }
});

test("a user's groups stay kept through first answers in the whole-server group, and are read again when a group in them changes", async () => {
  const path = join(folder, 'groups.db');
  const store = await openStore({ sqlitePath: path });
  // Counts the runs of the groups query on the store's connection.
  const statement = Object.getPrototypeOf(new SqliteDatabase(':memory:').prepare('select 1')) as {
    all: (...args: unknown[]) => unknown;
  };
  const runs = vi.spyOn(statement, 'all');
  const groupReads = () =>
    runs.mock.contexts.filter((s) => (s as { source: string }).source.includes('"memberships"."user_id" ='))
      .length;
  const firstAnswer = (user: string, groupId: string, at: number) =>
    store.recordAttempt(attemptFor(`${user}-${at}`, user, groupId, at));
  const adasGroups = async () =>
    (await store.groupsOf('ada', 'discord-1-')).map((g) => `${g.id}/${g.members}`);
  try {
    await store.createGroup({ id: 'discord-1-owls', name: 'Owls' }, 1);
    await store.joinGroup('discord-1-owls', 'ada', 'Ada', 10);
    expect(await adasGroups()).toEqual(['discord-1-owls/1']);
    expect(groupReads()).toBe(1);
    // Others' first answers on the server (the whole-server group, not in ada's list): still kept.
    for (const [i, user] of ['bob', 'cy', 'dee'].entries()) await firstAnswer(user, 'discord-1', 20 + i);
    expect(await adasGroups()).toEqual(['discord-1-owls/1']);
    expect(groupReads()).toBe(1);
    // Ada's own first answer there: a group outside the prefix of her list ("discord-1-"). Still kept.
    await firstAnswer('ada', 'discord-1', 25);
    expect(await adasGroups()).toEqual(['discord-1-owls/1']);
    expect(groupReads()).toBe(1);
    // A first answer in a group ada's list holds changes its member count: read again.
    await firstAnswer('eve', 'discord-1-owls', 30);
    expect(await adasGroups()).toEqual(['discord-1-owls/2']);
    expect(groupReads()).toBe(2);
  } finally {
    runs.mockRestore();
    await store.close();
  }
});
