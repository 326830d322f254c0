import { statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import { QuizError } from '../errors';
import { errorCodes, innermostMessage } from './error-codes';
import { damaged } from './sqlite-integrity';
import { readOnlyError } from './sqlite-path';
import type { QuizStore } from './store';

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
export function sqliteFault(
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

/** An error met while opening a SQLite file, as a QuizError that names the file and says what to do. */
export function sqliteError(error: unknown, path: string, busyTimeoutMs = 5000): QuizError {
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
export function withSqliteErrors(store: QuizStore, path: string, busyTimeoutMs: number): QuizStore {
  const translate = (error: unknown): unknown => {
    if (error instanceof QuizError && error.code !== 'storage_failed') return error;
    // "the answer could not be saved: …" keeps its first half: what was being done.
    const doing =
      error instanceof QuizError ? error.message.split(': ')[0]! : 'the quiz database could not be used';
    return sqliteFault(error, path, doing, busyTimeoutMs) ?? error;
  };
  // One wrapper per method, made on its first use, not on every call (issue 20: a closure more per
  // store call on the bot's thread).
  const wrappers = new WeakMap<object, unknown>();
  return new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      let wrapper = wrappers.get(value);
      if (wrapper !== undefined) return wrapper;
      wrapper = (...args: unknown[]) => {
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
      wrappers.set(value, wrapper);
      return wrapper;
    },
  });
}
