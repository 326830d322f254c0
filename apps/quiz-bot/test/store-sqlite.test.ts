import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, test } from 'vitest';
import { defaultSqlitePath, openStore } from '../src/index';
import { storeContract } from './store-contract';

const folder = mkdtempSync(join(tmpdir(), 'cnnkit-store-'));
let file = join(folder, 'quiz-0.db');
let generation = 0;
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('SQLite store (embedded default)', () => {
  storeContract(
    () => openStore({ sqlitePath: file }),
    async () => {
      file = join(folder, `quiz-${++generation}.db`);
    },
    {
      concurrency: {
        supported: false,
        why: "SQLite's connections block their thread while waiting for the write lock, so two in one process wait on each other; test/processes.test.ts races real processes instead",
      },
    },
  );

  test('uses WAL so readers never block the writer', async () => {
    const store = await openStore({ sqlitePath: file });
    await store.close();
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
  });

  test("the default file lives in the user's data folder", () => {
    expect(defaultSqlitePath({ XDG_DATA_HOME: '/data' })).toBe('/data/cnnkit/quiz.db');
    expect(defaultSqlitePath({ HOME: '/home/x' })).toMatch(/\.local\/share\/cnnkit\/quiz\.db$/);
  });

  test('a DATABASE_URL that is not PostgreSQL is refused with what is allowed', async () => {
    await expect(openStore({ databaseUrl: 'mysql://x' })).rejects.toThrow(
      'DATABASE_URL must be a postgres:// or postgresql:// URL',
    );
  });
});

describe("a user's groups, kept in memory between answers (issue 20)", () => {
  const answerIn = (store: Awaited<ReturnType<typeof openStore>>, key: string, groupId: string, at: number) =>
    store.recordAttempt({
      idempotencyKey: key,
      user: { id: 'ada', displayName: 'Ada' },
      group: { id: groupId, name: groupId },
      questionId: 1,
      partId: 'p',
      variantSeed: null,
      answer: '1',
      score: 1,
      correct: true,
      difficulty: 1,
      at,
    });
  const ids = async (store: Awaited<ReturnType<typeof openStore>>) =>
    (await store.groupsOf('ada', 'discord:1:')).map((g) => `${g.id}/${g.members}`);

  test("this store's own joins, leaves and first answers in a group are seen at once", async () => {
    const path = join(folder, 'kept-own.db');
    const store = await openStore({ sqlitePath: path });
    try {
      await store.createGroup({ id: 'discord:1:owls', name: 'Owls' }, 1);
      await store.createGroup({ id: 'discord:1:cats', name: 'Cats' }, 1);
      expect(await ids(store)).toEqual([]);
      await store.joinGroup('discord:1:owls', 'ada', 'Ada', 10);
      expect(await ids(store)).toEqual(['discord:1:owls/1']);
      // Another member changes the member count the kept list holds.
      await store.joinGroup('discord:1:owls', 'bob', 'Bob', 11);
      expect(await ids(store)).toEqual(['discord:1:owls/2']);
      // An answer in a group the user was not in makes them a member, joined last.
      await answerIn(store, 'k1', 'discord:1:cats', 20);
      expect(await ids(store)).toEqual(['discord:1:cats/1', 'discord:1:owls/2']);
      // A second answer there changes no membership: the list stays as it was.
      await answerIn(store, 'k2', 'discord:1:cats', 21);
      expect(await ids(store)).toEqual(['discord:1:cats/1', 'discord:1:owls/2']);
      expect(await store.leaveGroup('discord:1:cats', 'ada')).toBe(true);
      expect(await ids(store)).toEqual(['discord:1:owls/2']);
    } finally {
      await store.close();
    }
  });

  test('a change made by another store on the same file (another process) is seen at the next read', async () => {
    const path = join(folder, 'kept-other.db');
    const first = await openStore({ sqlitePath: path });
    const second = await openStore({ sqlitePath: path });
    try {
      await first.createGroup({ id: 'discord:1:owls', name: 'Owls' }, 1);
      await first.createGroup({ id: 'discord:1:cats', name: 'Cats' }, 1);
      await first.joinGroup('discord:1:owls', 'ada', 'Ada', 10);
      expect(await ids(first)).toEqual(['discord:1:owls/1']);
      expect(await ids(first)).toEqual(['discord:1:owls/1']);
      await second.joinGroup('discord:1:cats', 'ada', 'Ada', 20);
      expect(await ids(first)).toEqual(['discord:1:cats/1', 'discord:1:owls/1']);
      await second.joinGroup('discord:1:owls', 'bob', 'Bob', 21);
      expect(await ids(first)).toEqual(['discord:1:cats/1', 'discord:1:owls/2']);
      await answerIn(second, 'k1', 'discord:1:dogs', 30);
      expect(await ids(first)).toEqual(['discord:1:dogs/1', 'discord:1:cats/1', 'discord:1:owls/2']);
      expect(await second.leaveGroup('discord:1:dogs', 'ada')).toBe(true);
      expect(await ids(first)).toEqual(['discord:1:cats/1', 'discord:1:owls/2']);
    } finally {
      await first.close();
      await second.close();
    }
  });

  test('a list returned is a copy: changing it changes nothing kept', async () => {
    const path = join(folder, 'kept-copy.db');
    const store = await openStore({ sqlitePath: path });
    try {
      await store.createGroup({ id: 'discord:1:owls', name: 'Owls' }, 1);
      await store.joinGroup('discord:1:owls', 'ada', 'Ada', 10);
      const groups = await store.groupsOf('ada', 'discord:1:');
      groups.pop();
      expect(await ids(store)).toEqual(['discord:1:owls/1']);
    } finally {
      await store.close();
    }
  });
});
