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
