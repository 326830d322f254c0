import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterAll, describe } from 'vitest';
import { openStore } from '../src/index';
import { migrationContract } from './migrations-contract';

const folder = mkdtempSync(join(tmpdir(), 'cnnkit-migrations-'));
let file = join(folder, 'quiz-0.db');
let generation = 0;
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('migrations 0007 and 0008 on SQLite databases an older version wrote', () => {
  migrationContract({
    dialect: 'sqlite',
    raw: async () => {
      const sqlite = new SqliteDatabase(file);
      sqlite.pragma('journal_mode = WAL');
      return new Kysely<unknown>({ dialect: new SqliteDialect({ database: sqlite }) });
    },
    open: () => openStore({ sqlitePath: file }),
    reset: async () => {
      file = join(folder, `quiz-${++generation}.db`);
    },
  });
});
