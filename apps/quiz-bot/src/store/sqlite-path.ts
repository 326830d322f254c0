import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  type Stats,
  statSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { QuizError } from '../errors';
import { errorCodes } from './error-codes';
import type { OpenStoreOptions } from './open';

/** What `checkSqlitePath` found out about the file before SQLite opens it. */
export interface SqlitePathCheck {
  /** A new (or zero-length) file: SQLite initialises it; it is removed again if that fails. */
  readonly created: boolean;
  /** The file cannot be written and the caller only reads: it is opened read-only. */
  readonly readOnly: boolean;
  /** Which of `-wal` and `-shm` existed before a read-only open (those it creates are removed). */
  readonly sidecarsBefore: readonly boolean[];
}

/**
 * Checks the path of a SQLite database before SQLite touches anything: not empty, not a folder or
 * a device, its folder there (created only when asked, or for the default path), and writable
 * unless the caller only reads. Every refusal is a QuizError that names the path and says what to do.
 */
export function checkSqlitePath(path: string, options: OpenStoreOptions): SqlitePathCheck {
  if (path === '') {
    throw new QuizError(
      'storage_path_empty',
      'the database path is empty: give a file name (--db quiz.db), or leave --db out to use the default file',
    );
  }
  const inMemory = path === ':memory:';
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
  return { created, readOnly, sidecarsBefore };
}

/** The files SQLite keeps beside a WAL-mode database: its write-ahead log and shared-memory index. */
export const SIDECARS = ['-wal', '-shm'] as const;

/**
 * A database this user cannot write, opened for reading. SQLite reads a WAL-mode file read-only
 * only when it can open or create `-shm` (sqlite.org/wal.html#readonly); on a read-only disk it
 * cannot, and nobody can have written a `-wal` there: the file alone is the whole database, and a
 * copy of it in memory (marked as a rollback-journal file: header bytes 18–19, sqlite.org/fileformat.html)
 * is read instead.
 */
export function openReadOnly(path: string): SqliteDatabase.Database {
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
export function removeOwnSidecars(path: string, before: readonly boolean[]): void {
  const wal = statSync(`${path}-wal`, { throwIfNoEntry: false });
  if (before[0] === true || (wal !== undefined && wal.size > 0)) return;
  SIDECARS.forEach((suffix, i) => {
    if (before[i] !== true) rmSync(`${path}${suffix}`, { force: true });
  });
}

/** A file this open created and could not initialise (disk full, lock): not left as a trap. */
export function removeEmptyFile(path: string): void {
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
export function writeBlocker(path: string, exists: boolean): string | undefined {
  const folder = dirname(path);
  if (exists && !canWrite(path)) return `the file ${path}`;
  // SQLite needs to create ${path}-wal and -shm (or the file itself) in the folder.
  const sidecarsWritable = SIDECARS.every((suffix) => canWrite(`${path}${suffix}`));
  if (!canWrite(folder) && !(exists && sidecarsWritable)) return `the folder ${folder}`;
  return undefined;
}

/** Whether this process may write `path` (false when it does not exist and cannot be created there). */
export function canWrite(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** A database this user cannot write, refused with what to do (`storage_read_only`). */
export const readOnlyError = (path: string, blocker: string, cause?: unknown) =>
  new QuizError(
    'storage_read_only',
    `the quiz database ${path} is read-only (${blocker} cannot be written by this user, or is on a read-only disk): give this user write access to the file and its folder (SQLite writes ${path}-wal and ${path}-shm beside it), or choose another --db; reading commands such as "leaderboard" still work`,
    { cause, context: { path } },
  );
