import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  type Stats,
  statfsSync,
  statSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { dataFolder } from '../data-folder';
import { QuizError, type StorageErrorCode } from '../errors';
import { namedStatements } from './compiled';
import { migrateToLatest, migrationNames } from './migrations';
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
  /**
   * What the caller will do (default `'write'`). `'read'` (leaderboard, review): a database this
   * user cannot write (a read-only file, folder or disk) is opened read-only instead of refused;
   * it is never migrated or created then. `'write'`: such a database is refused up front
   * (`storage_read_only`), before SQLite creates any file beside it.
   */
  readonly access?: 'read' | 'write' | undefined;
  /**
   * How long a write waits for another process's lock before `storage_locked` (default 5000 ms).
   */
  readonly busyTimeoutMs?: number | undefined;
  /**
   * Files up to this size get SQLite's full `integrity_check` at open, which also compares every
   * index with its table (default 64 MiB: about a second on a slow disk); larger files get
   * `quick_check` and the leaderboard index compared with the answers.
   */
  readonly integrityCheckMaxBytes?: number | undefined;
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
  // The store's compiled hot-path queries run as named prepared statements: parsed once per
  // connection (issue 20). The names are filled in as the store compiles them, before any runs.
  const named = new Map<string, string>();
  pool.on('connect', (client) => namedStatements(client, named));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    await sql`select 1`.execute(db);
    await migrateToLatest(db as Kysely<unknown>, 'postgres');
  } catch (error) {
    await db.destroy().catch(() => {});
    throw postgresError(error, target);
  }
  return new KyselyQuizStore(db, 'postgres', hooks, (text) => {
    if (!named.has(text)) named.set(text, `cnnkit_q${named.size + 1}`);
  });
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

/** Files up to this size get SQLite's full integrity_check at open (it also checks index contents). */
const FULL_CHECK_MAX_BYTES = 64 * 1024 * 1024;

async function openSqlite(options: OpenStoreOptions): Promise<QuizStore> {
  const path = options.sqlitePath ?? defaultSqlitePath();
  if (path === '') {
    throw new QuizError(
      'storage_path_empty',
      'the database path is empty: give a file name (--db quiz.db), or leave --db out to use the default file',
    );
  }
  const inMemory = path === ':memory:';
  const busyTimeoutMs = options.busyTimeoutMs ?? 5000;
  let created = false;
  let readOnly = false;
  let sidecarsBefore: readonly boolean[] = [];
  if (!inMemory) {
    const stats = statSync(path, { throwIfNoEntry: false });
    if (stats?.isDirectory()) {
      throw new QuizError(
        'storage_is_directory',
        `${path} is a folder, not a database file: give a file name such as ${join(path, 'quiz.db')}`,
        { context: { path } },
      );
    }
    // A device (/dev/null), a FIFO or a socket is no place for a database: SQLite would write
    // beside it (/dev/null-journal) and every answer would vanish.
    if (stats !== undefined && !stats.isFile()) {
      throw new QuizError(
        'storage_not_a_file',
        `${path} is ${describeFileType(stats)}, not a database file: give the path of a regular file (or of one to create)`,
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
    // A zero-length file is what a failed first open (or `touch`) leaves: SQLite treats it as new.
    created = stats === undefined || stats.size === 0;
    // Checked before SQLite touches anything: SQLite would open a read-only file read-only, create
    // read-only -wal and -shm files beside it, and fail only at the first write.
    const blocker = writeBlocker(path, stats !== undefined);
    if (blocker !== undefined) {
      if (options.access !== 'read' || created) throw readOnlyError(path, blocker);
      readOnly = true;
      sidecarsBefore = SIDECARS.map((suffix) => existsSync(`${path}${suffix}`));
    }
  }
  let sqlite: SqliteDatabase.Database | undefined;
  try {
    sqlite = readOnly ? openReadOnly(path) : new SqliteDatabase(path);
    sqlite.pragma(`busy_timeout = ${busyTimeoutMs}`);
    if (!readOnly) {
      sqlite.pragma('journal_mode = WAL');
      // In WAL mode, NORMAL keeps every committed transaction through a crash of the process (kill -9);
      // only a power loss can drop the last few commits.
      sqlite.pragma('synchronous = NORMAL');
    }
    sqlite.pragma('foreign_keys = ON');
    if (!created) assertIntact(sqlite, path, options.integrityCheckMaxBytes);
    if (readOnly) assertMigrated(sqlite, path);
  } catch (error) {
    sqlite?.close();
    if (readOnly) removeOwnSidecars(path, sidecarsBefore);
    else if (created) removeEmptyFile(path);
    throw sqliteError(error, path, busyTimeoutMs);
  }
  // Statements prepared once per SQL text (the hot path runs the same few queries again and again).
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  if (!readOnly) {
    try {
      await migrateToLatest(db as Kysely<unknown>, 'sqlite');
    } catch (error) {
      await db.destroy().catch(() => {});
      if (created) removeEmptyFile(path);
      throw sqliteError(error, path, busyTimeoutMs);
    }
  }
  if (created) options.onCreated?.(path);
  const store = withSqliteErrors(
    new KyselyQuizStore(db, 'sqlite', options.testHooks, undefined, sqlite),
    path,
    busyTimeoutMs,
  );
  if (!readOnly) return store;
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property !== 'close') return Reflect.get(target, property, receiver);
      return async () => {
        await target.close();
        removeOwnSidecars(path, sidecarsBefore);
      };
    },
  });
}

const SIDECARS = ['-wal', '-shm'] as const;

/**
 * A database this user cannot write, opened for reading. SQLite reads a WAL-mode file read-only
 * only when it can open or create `-shm` (sqlite.org/wal.html#readonly); on a read-only disk it
 * cannot, and nobody can have written a `-wal` there: the file alone is the whole database, and a
 * copy of it in memory (marked as a rollback-journal file: header bytes 18–19, sqlite.org/fileformat.html)
 * is read instead.
 */
function openReadOnly(path: string): SqliteDatabase.Database {
  const sqlite = new SqliteDatabase(path, { readonly: true, fileMustExist: true });
  try {
    sqlite.prepare('select count(*) from sqlite_master').get();
    return sqlite;
  } catch (error) {
    sqlite.close();
    const wal = statSync(`${path}-wal`, { throwIfNoEntry: false });
    if (!errorCodes(error).includes('SQLITE_CANTOPEN') || (wal !== undefined && wal.size > 0)) throw error;
    const image = readFileSync(path);
    if (image.length >= 20 && image[18] === 2 && image[19] === 2) {
      image[18] = 1;
      image[19] = 1;
    }
    return new SqliteDatabase(image, { readonly: true });
  }
}

/**
 * SQLite creates `-wal` and `-shm` files even for a read-only connection when the folder lets
 * it, and leaves them behind (read-only, owned by this user). Those this open created, with
 * nothing in the write-ahead log (nobody can write to the file), are removed again.
 */
function removeOwnSidecars(path: string, before: readonly boolean[]): void {
  const wal = statSync(`${path}-wal`, { throwIfNoEntry: false });
  if (before[0] === true || (wal !== undefined && wal.size > 0)) return;
  SIDECARS.forEach((suffix, i) => {
    if (before[i] !== true) rmSync(`${path}${suffix}`, { force: true });
  });
}

/** A file this open created and could not initialise (disk full, lock): not left as a trap. */
function removeEmptyFile(path: string): void {
  const stats = statSync(path, { throwIfNoEntry: false });
  if (stats?.isFile() && stats.size === 0) {
    for (const suffix of ['', ...SIDECARS]) rmSync(`${path}${suffix}`, { force: true });
  }
}

function describeFileType(stats: Stats): string {
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** Why this process cannot write the database (the file, or its folder for -wal/-shm), if it cannot. */
function writeBlocker(path: string, exists: boolean): string | undefined {
  const folder = dirname(path);
  if (exists && !canWrite(path)) return `the file ${path}`;
  // SQLite needs to create ${path}-wal and -shm (or the file itself) in the folder.
  const sidecarsWritable = SIDECARS.every((suffix) => canWrite(`${path}${suffix}`));
  if (!canWrite(folder) && !(exists && sidecarsWritable)) return `the folder ${folder}`;
  return undefined;
}

function canWrite(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

const readOnlyError = (path: string, blocker: string, cause?: unknown) =>
  new QuizError(
    'storage_read_only',
    `the quiz database ${path} is read-only (${blocker} cannot be written by this user, or is on a read-only disk): give this user write access to the file and its folder (SQLite writes ${path}-wal and ${path}-shm beside it), or choose another --db; reading commands such as "leaderboard" still work`,
    { cause, context: { path } },
  );

/**
 * A read-only database cannot be migrated: it is read only when it already has every migration
 * this version knows (an older file is refused with what to do rather than misread).
 */
function assertMigrated(sqlite: SqliteDatabase.Database, path: string): void {
  const table = sqlite
    .prepare("select name from sqlite_master where type = 'table' and name = 'kysely_migration'")
    .get();
  const applied =
    table === undefined
      ? []
      : (sqlite.prepare('select name from kysely_migration').all() as { name: string }[]).map((r) => r.name);
  const missing = migrationNames().filter((name) => !applied.includes(name));
  if (missing.length === 0) return;
  throw new QuizError(
    'storage_read_only',
    `the quiz database ${path} is read-only and needs an upgrade (${missing.join(', ')}) that cannot be written: run any command once with write access to it, then read it read-only`,
    { context: { path, missing } },
  );
}

/**
 * Checks a file before anything is read from or written to it. Up to `fullCheckMaxBytes`,
 * SQLite's integrity_check (every page, and every index entry against its row: a changed byte in
 * an index passes quick_check, sqlite.org/pragma.html#pragma_quick_check). Above it, quick_check
 * (O(N)) and the leaderboard's covering index checked against the table it indexes, so the
 * leaderboard cannot silently drop points.
 */
function assertIntact(
  sqlite: SqliteDatabase.Database,
  path: string,
  fullCheckMaxBytes = FULL_CHECK_MAX_BYTES,
): void {
  const size = statSync(path, { throwIfNoEntry: false })?.size ?? 0;
  const full = size <= fullCheckMaxBytes;
  const pragma = full ? 'integrity_check(5)' : 'quick_check(5)';
  const problems = (sqlite.pragma(pragma) as Record<string, string>[]).map((r) => Object.values(r)[0]);
  if (!(problems.length === 1 && problems[0] === 'ok')) throw damaged(path, problems.join('; '));
  if (!full) assertLeaderboardIndexAgrees(sqlite, path);
}

/** The leaderboard's sums read through its covering index, and from the table: they must agree. */
function assertLeaderboardIndexAgrees(sqlite: SqliteDatabase.Database, path: string): void {
  const hasIndex = sqlite
    .prepare("select 1 from sqlite_master where type = 'index' and name = 'attempts_leaderboard'")
    .get();
  if (hasIndex === undefined) return;
  const totals = (source: string) =>
    JSON.stringify(
      sqlite
        .prepare(`select count(*) as n, total(points) as points, total(correct) as correct from ${source}`)
        .get(),
    );
  const viaIndex = totals("attempts indexed by attempts_leaderboard where group_id >= ''");
  const viaTable = totals('attempts not indexed');
  if (viaIndex !== viaTable)
    throw damaged(path, `the leaderboard index disagrees with the answers (${viaIndex} against ${viaTable})`);
}

const damaged = (path: string, detail: string, cause?: unknown) =>
  new QuizError(
    'storage_damaged',
    `the quiz database ${path} is damaged (SQLite: ${detail.slice(0, 200)}): nothing more is written to it; restore your latest backup over it (make one with "cnnkit-quiz backup FILE"), or move the file aside to start a new, empty one`,
    { cause, context: { path } },
  );

/** Free bytes on the disk holding `path`, or undefined when the system cannot say. */
function freeBytes(path: string): number | undefined {
  try {
    const stats = statfsSync(dirname(path));
    return stats.bavail * stats.bsize;
  } catch {
    return undefined;
  }
}

/** Less than this free (a few pages and a -shm) is a full disk, whatever error SQLite chose. */
const NEARLY_FULL_BYTES = 256 * 1024;

const diskFull = (path: string, doing: string, cause: unknown) => {
  const free = freeBytes(path);
  return new QuizError(
    'storage_disk_full',
    `${doing}: the disk holding the quiz database ${path} is full${free === undefined ? '' : ` (${free.toLocaleString('en-US')} bytes free)`}; nothing was written. Free some space on it (or move the database elsewhere with --db), then try again`,
    { cause, context: { path, freeBytes: free } },
  );
};

const locked = (path: string, doing: string, busyTimeoutMs: number, cause: unknown) =>
  new QuizError(
    'storage_locked',
    `${doing}: the quiz database ${path} is locked by another process (waited ${(busyTimeoutMs / 1000).toLocaleString('en-US')} s for it). Another cnnkit-quiz, the Discord bot, a backup or a sqlite3 shell with an open transaction holds it: let it finish or close it, then try again`,
    { cause, context: { path, waitedMs: busyTimeoutMs } },
  );

/**
 * The SQLite error behind a failure (its code, on the error or its cause) in words that name
 * the file, or undefined when it is not one of the storage faults below.
 */
function sqliteFault(
  error: unknown,
  path: string,
  doing: string,
  busyTimeoutMs: number,
): QuizError | undefined {
  const codes = errorCodes(error);
  const has = (prefix: string) => codes.some((c) => c === prefix || c.startsWith(`${prefix}_`));
  const message = innermostMessage(error);
  if (has('SQLITE_FULL')) return diskFull(path, doing, error);
  if (has('SQLITE_IOERR') || has('SQLITE_CANTOPEN')) {
    // A full disk often shows as an I/O error (the -shm cannot grow) or a file that cannot be created.
    const free = freeBytes(path);
    if (free !== undefined && free < NEARLY_FULL_BYTES) return diskFull(path, doing, error);
  }
  if (has('SQLITE_BUSY') || has('SQLITE_LOCKED')) return locked(path, doing, busyTimeoutMs, error);
  if (has('SQLITE_CORRUPT') || codes.includes('SQLITE_IOERR_SHORT_READ'))
    return damaged(path, message, error);
  if (has('SQLITE_READONLY')) return readOnlyError(path, 'SQLite could not write it', error);
  return undefined;
}

function innermostMessage(error: unknown): string {
  let current = error;
  while (current instanceof Error && current.cause instanceof Error) current = current.cause;
  return current instanceof Error ? current.message : String(current);
}

function sqliteError(error: unknown, path: string, busyTimeoutMs = 5000): QuizError {
  if (error instanceof QuizError) return error;
  const codes = errorCodes(error);
  const message = error instanceof Error ? error.message : String(error);
  const context = { path, codes };
  if (codes.some((c) => c === 'SQLITE_NOTADB'))
    return new QuizError(
      'storage_not_a_database',
      `${path} is not a SQLite database: check --db (it names another file?), or move that file aside`,
      { cause: error, context },
    );
  const fault = sqliteFault(error, path, `cannot open the quiz database ${path}`, busyTimeoutMs);
  if (fault !== undefined) return fault;
  return new QuizError(
    'storage_cannot_open',
    `cannot open the quiz database ${path} (SQLite: ${message.slice(0, 200)}): check that the file and its folder exist and are readable and writable`,
    { cause: error, context },
  );
}

/**
 * The store, with every SQLite fault of its calls (disk full, lock, damage, read-only) said in
 * words that name the file; the store's own errors (bad input, a reused key) pass unchanged.
 */
function withSqliteErrors(store: QuizStore, path: string, busyTimeoutMs: number): QuizStore {
  const translate = (error: unknown): unknown => {
    if (error instanceof QuizError && error.code !== 'storage_failed') return error;
    // "the answer could not be saved: …" keeps its first half: what was being done.
    const doing =
      error instanceof QuizError ? error.message.split(': ')[0]! : 'the quiz database could not be used';
    return sqliteFault(error, path, doing, busyTimeoutMs) ?? error;
  };
  return new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        try {
          const result = (value as (...a: unknown[]) => unknown).apply(target, args);
          return result instanceof Promise
            ? result.catch((error: unknown) => {
                throw translate(error);
              })
            : result;
        } catch (error) {
          throw translate(error);
        }
      };
    },
  });
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
  // The destination is checked here, so its faults name it, never the source.
  if (!canWrite(dirname(destination))) {
    throw new QuizError(
      'storage_backup_failed',
      `cannot write the backup ${destination}: its folder ${dirname(destination)} is read-only for this user (or on a read-only disk); choose a folder you can write to`,
      { context: { path: destination } },
    );
  }
  let sqlite: SqliteDatabase.Database | undefined;
  try {
    try {
      sqlite = new SqliteDatabase(source, {
        fileMustExist: true,
        readonly: writeBlocker(source, true) !== undefined,
      });
      sqlite.pragma('busy_timeout = 5000');
      assertIntact(sqlite, source);
    } catch (error) {
      throw sqliteError(error, source);
    }
    try {
      const result = await sqlite.backup(destination);
      return { pages: result.totalPages };
    } catch (error) {
      // A half-written copy is no backup.
      rmSync(destination, { force: true });
      throw (
        sqliteFault(error, destination, `the backup ${destination} could not be written`, 5000) ??
        new QuizError(
          'storage_backup_failed',
          `the backup ${destination} could not be written (SQLite: ${innermostMessage(error).slice(0, 200)}): check that its folder is writable and has room`,
          { cause: error, context: { path: destination } },
        )
      );
    }
  } finally {
    sqlite?.close();
  }
}
