import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { dataFolder } from '../data-folder';
import { QuizError, type StorageErrorCode } from '../errors';
import { migrateToLatest } from './migrations';
import { withStatementCache } from './prepared';
import type { Database } from './schema';
import { KyselyQuizStore, type QuizStore, type StoreTestHooks } from './store';

export interface OpenStoreOptions {
  /** A postgres:// URL: PostgreSQL, for several bot processes or shards. */
  readonly databaseUrl?: string | undefined;
  /** SQLite file (default: the user's data directory); ":memory:" for a throwaway database. */
  readonly sqlitePath?: string | undefined;
  /**
   * Create the folder of `sqlitePath` when it is missing. Off by default: a missing folder is
   * more often a typo than a wish, and a typo would start an empty leaderboard. The default path
   * (no `sqlitePath`) always creates its folder.
   */
  readonly createFolder?: boolean | undefined;
  /** Told when a new SQLite file was created (the CLI says so on stderr). */
  readonly onCreated?: ((path: string) => void) | undefined;
  /** For crash tests only (a pause inside a transaction, to kill the process there). */
  readonly testHooks?: StoreTestHooks | undefined;
}

/** `$XDG_DATA_HOME/cnnkit/quiz.db`, or `~/.local/share/cnnkit/quiz.db`. */
export function defaultSqlitePath(env: NodeJS.ProcessEnv = process.env): string {
  return join(dataFolder(env), 'quiz.db');
}

/**
 * Opens (and migrates) the store: PostgreSQL when a URL is given, else embedded SQLite in WAL
 * mode. Every failure to open is a QuizError with a `storage_*` code whose message names the file
 * or host (never a password) and says what to do.
 */
export async function openStore(options: OpenStoreOptions = {}): Promise<QuizStore> {
  if (options.databaseUrl !== undefined && options.databaseUrl !== '') {
    return openPostgres(options.databaseUrl, options.testHooks);
  }
  return openSqlite(options);
}

async function openPostgres(url: string, hooks: StoreTestHooks | undefined): Promise<QuizStore> {
  const target = describePostgresUrl(url);
  const pool = new pg.Pool({
    connectionString: url,
    max: 5,
    // A black-holed host fails in 10 s with a sentence, instead of hanging.
    connectionTimeoutMillis: 10_000,
    // COUNT and SUM come back as int8; every figure here fits a double exactly.
    types: {
      getTypeParser: (oid: number, format?: string) =>
        oid === 20 ? Number : pg.types.getTypeParser(oid, format as 'text'),
    },
  } as pg.PoolConfig);
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    await sql`select 1`.execute(db);
    await migrateToLatest(db as Kysely<unknown>, 'postgres');
  } catch (error) {
    await db.destroy().catch(() => {});
    throw postgresError(error, target);
  }
  return new KyselyQuizStore(db, 'postgres', hooks);
}

interface PostgresTarget {
  readonly host: string;
  readonly port: string;
  readonly user: string;
  readonly database: string;
}

/** The parts of a URL that may be shown: never the password. */
function describePostgresUrl(url: string): PostgresTarget {
  if (!/^postgres(ql)?:\/\//.test(url)) {
    throw new QuizError(
      'storage_invalid_url',
      'DATABASE_URL must be a postgres:// or postgresql:// URL; leave it unset for the embedded SQLite database',
    );
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (error) {
    throw new QuizError(
      'storage_invalid_url',
      'DATABASE_URL is not a valid URL: write it as postgres://USER:PASSWORD@HOST:PORT/DATABASE',
      { cause: error },
    );
  }
  return {
    host: parsed.hostname || 'localhost',
    port: parsed.port || '5432',
    user: decodeURIComponent(parsed.username) || '(default user)',
    database: decodeURIComponent(parsed.pathname.replace(/^\//, '')) || '(default database)',
  };
}

/** Error codes on an error, its cause and its aggregated errors (Node reports IPv4 and IPv6 attempts together). */
function errorCodes(error: unknown, seen = new Set<unknown>()): string[] {
  if (error === null || typeof error !== 'object' || seen.has(error)) return [];
  seen.add(error);
  const own = (error as { code?: unknown }).code;
  return [
    ...(typeof own === 'string' ? [own] : []),
    ...errorCodes((error as { cause?: unknown }).cause, seen),
    ...((error as { errors?: unknown[] }).errors ?? []).flatMap((e) => errorCodes(e, seen)),
  ];
}

function postgresError(error: unknown, target: PostgresTarget): QuizError {
  if (error instanceof QuizError) return error;
  const codes = errorCodes(error);
  const at = `PostgreSQL at ${target.host}:${target.port}`;
  const context = { host: target.host, port: target.port, database: target.database, codes };
  const make = (code: StorageErrorCode, message: string) =>
    new QuizError(code, message, { cause: error, context });
  if (codes.includes('ECONNREFUSED'))
    return make(
      'storage_connection_refused',
      `${at} refused the connection: check that the server is running and that DATABASE_URL names the right host and port`,
    );
  if (codes.includes('ENOTFOUND') || codes.includes('EAI_AGAIN'))
    return make(
      'storage_host_not_found',
      `the PostgreSQL host ${target.host} was not found: check the host name in DATABASE_URL`,
    );
  // SQLSTATE 28P01 invalid_password, 28000 invalid_authorization_specification (postgresql.org/docs/current/errcodes-appendix.html).
  if (codes.includes('28P01') || codes.includes('28000'))
    return make(
      'storage_auth_failed',
      `${at} refused user "${target.user}" (wrong password, or not allowed to connect): check the user and password in DATABASE_URL`,
    );
  // 3D000 invalid_catalog_name: the database does not exist.
  if (codes.includes('3D000'))
    return make(
      'storage_database_missing',
      `the database "${target.database}" does not exist on ${at}: create it (createdb ${target.database}) or fix DATABASE_URL`,
    );
  return make(
    'storage_unreachable',
    `could not use ${at}, database "${target.database}" (${codes[0] ?? 'no error code'}): check that the server is up and reachable, then try again`,
  );
}

async function openSqlite(options: OpenStoreOptions): Promise<QuizStore> {
  const path = options.sqlitePath ?? defaultSqlitePath();
  if (path === '') {
    throw new QuizError(
      'storage_path_empty',
      'the database path is empty: give a file name (--db quiz.db), or leave --db out to use the default file',
    );
  }
  const inMemory = path === ':memory:';
  let created = false;
  if (!inMemory) {
    const stats = statSync(path, { throwIfNoEntry: false });
    if (stats?.isDirectory()) {
      throw new QuizError(
        'storage_is_directory',
        `${path} is a folder, not a database file: give a file name such as ${join(path, 'quiz.db')}`,
        { context: { path } },
      );
    }
    const folder = dirname(path);
    if (!existsSync(folder)) {
      if (options.createFolder !== true && options.sqlitePath !== undefined) {
        throw new QuizError(
          'storage_folder_missing',
          `the folder ${folder} for the database ${path} does not exist: check the path for a typo, or pass --create to create it`,
          { context: { path, folder } },
        );
      }
      mkdirSync(folder, { recursive: true });
    }
    created = stats === undefined;
  }
  let sqlite: SqliteDatabase.Database | undefined;
  try {
    sqlite = new SqliteDatabase(path);
    sqlite.pragma('journal_mode = WAL');
    // In WAL mode, NORMAL keeps every committed transaction through a crash of the process (kill -9);
    // only a power loss can drop the last few commits.
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('foreign_keys = ON');
    assertIntact(sqlite, path);
  } catch (error) {
    sqlite?.close();
    throw sqliteError(error, path);
  }
  // Statements prepared once per SQL text (the hot path runs the same few queries again and again).
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  try {
    await migrateToLatest(db as Kysely<unknown>, 'sqlite');
  } catch (error) {
    await db.destroy().catch(() => {});
    throw sqliteError(error, path);
  }
  if (created) options.onCreated?.(path);
  return new KyselyQuizStore(db, 'sqlite', options.testHooks);
}

/**
 * SQLite's quick_check reads every page and checks its structure (not index contents: that is
 * integrity_check, O(N log N)); a damaged file is refused before anything is read from or written
 * to it. sqlite.org/pragma.html#pragma_quick_check
 */
function assertIntact(sqlite: SqliteDatabase.Database, path: string): void {
  const problems = (sqlite.pragma('quick_check(5)') as { quick_check: string }[]).map((r) => r.quick_check);
  if (problems.length === 1 && problems[0] === 'ok') return;
  throw damaged(path, problems.join('; '));
}

const damaged = (path: string, detail: string, cause?: unknown) =>
  new QuizError(
    'storage_damaged',
    `the quiz database ${path} is damaged (SQLite: ${detail.slice(0, 200)}): restore your latest backup over it (make one with "cnnkit-quiz backup FILE"), or move the file aside to start a new, empty one`,
    { cause, context: { path } },
  );

function sqliteError(error: unknown, path: string): QuizError {
  if (error instanceof QuizError) return error;
  const codes = errorCodes(error);
  const message = error instanceof Error ? error.message : String(error);
  const has = (prefix: string) => codes.some((c) => c === prefix || c.startsWith(`${prefix}_`));
  const context = { path, codes };
  if (has('SQLITE_NOTADB'))
    return new QuizError(
      'storage_not_a_database',
      `${path} is not a SQLite database: check --db (it names another file?), or move that file aside`,
      { cause: error, context },
    );
  if (has('SQLITE_CORRUPT') || codes.includes('SQLITE_IOERR_SHORT_READ'))
    return damaged(path, message, error);
  if (has('SQLITE_READONLY'))
    return new QuizError(
      'storage_read_only',
      `the quiz database ${path} is read-only: give this user write access to it and to its folder (SQLite writes ${path}-wal and ${path}-shm beside it), or choose another --db`,
      { cause: error, context },
    );
  return new QuizError(
    'storage_cannot_open',
    `cannot open the quiz database ${path} (SQLite: ${message.slice(0, 200)}): check that the file and its folder exist and are readable and writable`,
    { cause: error, context },
  );
}

/**
 * Copies a SQLite quiz database while it may be in use, through SQLite's online backup API
 * (sqlite.org/backup.html): the copy is a consistent snapshot even with writers running. The
 * source is checked first (a damaged file is not copied over a good backup), and an existing
 * destination is never overwritten.
 */
export async function backupSqliteDatabase(source: string, destination: string): Promise<{ pages: number }> {
  if (destination === '' || source === '') {
    throw new QuizError('storage_path_empty', 'backup needs a file name: cnnkit-quiz backup FILE');
  }
  if (existsSync(destination)) {
    throw new QuizError(
      'storage_backup_failed',
      `${destination} already exists: choose a new file name (a backup never overwrites a file)`,
      { context: { path: destination } },
    );
  }
  if (!existsSync(dirname(destination))) {
    throw new QuizError(
      'storage_folder_missing',
      `the folder ${dirname(destination)} for the backup does not exist: create it first or choose another path`,
      { context: { path: destination } },
    );
  }
  if (!existsSync(source)) {
    throw new QuizError(
      'storage_cannot_open',
      `there is no quiz database at ${source} to back up: check --db`,
      { context: { path: source } },
    );
  }
  let sqlite: SqliteDatabase.Database | undefined;
  try {
    sqlite = new SqliteDatabase(source, { fileMustExist: true });
    sqlite.pragma('busy_timeout = 5000');
    assertIntact(sqlite, source);
    const result = await sqlite.backup(destination);
    return { pages: result.totalPages };
  } catch (error) {
    throw sqliteError(error, source);
  } finally {
    sqlite?.close();
  }
}
