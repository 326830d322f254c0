import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { migrateToLatest } from './migrations';
import type { Database } from './schema';
import { KyselyQuizStore, type QuizStore } from './store';

export interface OpenStoreOptions {
  /** A postgres:// URL: PostgreSQL, for several bot processes or shards. */
  readonly databaseUrl?: string | undefined;
  /** SQLite file (default: the user's data directory); ":memory:" for a throwaway database. */
  readonly sqlitePath?: string | undefined;
}

/** `$XDG_DATA_HOME/cnnkit/quiz.db`, or `~/.local/share/cnnkit/quiz.db`. */
export function defaultSqlitePath(env: NodeJS.ProcessEnv = process.env): string {
  const base =
    env.XDG_DATA_HOME && env.XDG_DATA_HOME.length > 0
      ? env.XDG_DATA_HOME
      : join(homedir(), '.local', 'share');
  return join(base, 'cnnkit', 'quiz.db');
}

/** Opens (and migrates) the store: PostgreSQL when a URL is given, else embedded SQLite in WAL mode. */
export async function openStore(options: OpenStoreOptions = {}): Promise<QuizStore> {
  if (options.databaseUrl !== undefined && options.databaseUrl !== '') {
    if (!/^postgres(ql)?:\/\//.test(options.databaseUrl)) {
      throw new Error(
        'DATABASE_URL must be a postgres:// or postgresql:// URL; leave it unset for the embedded SQLite database',
      );
    }
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: 5,
      // COUNT and SUM come back as int8; every figure here fits a double exactly.
      types: {
        getTypeParser: (oid: number, format?: string) =>
          oid === 20 ? Number : pg.types.getTypeParser(oid, format as 'text'),
      },
    } as pg.PoolConfig);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    await migrateToLatest(db as Kysely<unknown>, 'postgres');
    return new KyselyQuizStore(db, 'postgres');
  }
  const path = options.sqlitePath ?? defaultSqlitePath();
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SqliteDatabase(path);
  sqlite.pragma('journal_mode = WAL');
  // In WAL mode, NORMAL keeps every committed transaction through a crash of the process (kill -9);
  // only a power loss can drop the last few commits.
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  await migrateToLatest(db as Kysely<unknown>, 'sqlite');
  return new KyselyQuizStore(db, 'sqlite');
}
