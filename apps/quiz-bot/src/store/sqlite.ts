import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { migrateToLatest } from './migrations';
import type { OpenStoreOptions } from './open';
import { withStatementCache } from './prepared';
import type { Database } from './schema';
import { checkpointOffThread } from './sqlite-checkpointer';
import { sqliteError, withSqliteErrors } from './sqlite-errors';
import { assertIntact, assertMigrated } from './sqlite-integrity';
import { checkSqlitePath, openReadOnly, removeEmptyFile, removeOwnSidecars } from './sqlite-path';
import { KyselyQuizStore, type QuizStore } from './store';
import { withStoreWriter } from './writer';

/**
 * Opens (and migrates) the SQLite database at `path` in WAL mode: the path checked first, the file
 * checked for damage, a file this user cannot write opened read-only when the caller only reads.
 */
export async function openSqlite(path: string, options: OpenStoreOptions): Promise<QuizStore> {
  const busyTimeoutMs = options.busyTimeoutMs ?? 5000;
  const { created, readOnly, sidecarsBefore } = checkSqlitePath(path, options);
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
  if (!readOnly) {
    // The answers' write transactions in a worker (the Discord bot): not for a throwaway database,
    // which a second connection would not see, nor with test hooks, which run on this thread.
    const opened =
      options.writerThread === true && path !== ':memory:' && options.testHooks === undefined
        ? withStoreWriter(store, path, { busyTimeoutMs })
        : store;
    if (options.checkpointThread !== true || path === ':memory:') return opened;
    // The WAL's checkpoints in a worker of their own (the Discord bot): this connection's own
    // automatic checkpoint only as a backstop.
    // With `writerThread` the answers commit on the writer's connection, which keeps SQLite's own
    // automatic checkpoint: one there holds up that group commit, never this thread.
    // Its thread died: this connection checkpoints as SQLite does by default again, and the opener
    // is told. Checkpoints that make no progress only slow it down (told once per change of pace).
    const checkpointer = checkpointOffThread(sqlite, {
      busyTimeoutMs,
      intervalMs: options.checkpointIntervalMs,
      ...(options.onCheckpointerStopped === undefined ? {} : { onStopped: options.onCheckpointerStopped }),
      onState: options.onCheckpointerState,
    });
    return new Proxy(opened, {
      get(target, property, receiver) {
        if (property !== 'close') return Reflect.get(target, property, receiver);
        return async () => {
          await checkpointer.close();
          await target.close();
        };
      },
    });
  }
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
