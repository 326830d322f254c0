import { join } from 'node:path';
import { dataFolder } from '../data-folder';
import { openPostgres } from './postgres';
import { openSqlite } from './sqlite';
import type { CheckpointerEvent } from './sqlite-checkpointer';
import type { QuizStore, StoreTestHooks } from './store';

/*
 * Opening a store, by concern: this file picks the backend; `postgres.ts` opens PostgreSQL and
 * says its faults; `sqlite.ts` opens SQLite, with the path checked first (`sqlite-path.ts`), the
 * file checked for damage (`sqlite-integrity.ts`) and SQLite's faults said in words
 * (`sqlite-errors.ts`); `sqlite-backup.ts` copies a live file. Both backends run one migrations
 * list (`migrations.ts`).
 */

/** How `openStore` opens the quiz database: which backend, which file, and what the caller will do. */
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
  /**
   * Record answers (`recordAttempt`) in a worker thread with its own connection to the SQLite file
   * (default false; the Discord bot turns it on): each answer's write transaction then runs off the
   * calling thread, and its promise settles once it has committed. Ignored for PostgreSQL, a
   * read-only or `:memory:` database. See `StoreWriter` (store/writer.ts).
   */
  readonly writerThread?: boolean | undefined;
  /**
   * Run SQLite's WAL checkpoints in a worker thread with its own connection, every 2 s (default
   * false; the Discord bot turns it on): a commit on the calling thread then never runs one itself
   * (10–60 ms on a shared disk, with every answer in flight waiting), except as a backstop past
   * 10,000 WAL pages. Ignored for PostgreSQL, a read-only or `:memory:` database. See
   * `SqliteCheckpointer` (store/sqlite-checkpointer.ts).
   */
  readonly checkpointThread?: boolean | undefined;
  /** With `checkpointThread`: ms between two checkpoints (default 2,000; tests pass less). */
  readonly checkpointIntervalMs?: number | undefined;
  /**
   * With `checkpointThread`: called once if the checkpointer's thread dies. The store has then put
   * SQLite's own automatic checkpoint back on its connection (1,000 pages, checkpointed on the
   * caller's thread); the caller logs it.
   */
  readonly onCheckpointerStopped?: ((error: Error) => void) | undefined;
  /**
   * With `checkpointThread`: called once each time the checkpointer changes pace: it backs off
   * after five checkpoints in a row that failed or made no progress (busy, or behind a reader holding
   * an old snapshot), and resumes its interval at the first one with progress. The caller logs it.
   */
  readonly onCheckpointerState?: ((event: CheckpointerEvent) => void) | undefined;
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
  return openSqlite(options.sqlitePath ?? defaultSqlitePath(), options);
}
