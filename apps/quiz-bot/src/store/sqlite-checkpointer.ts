import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type SqliteDatabase from 'better-sqlite3';

/** How often the checkpointer backfills the WAL into the database file (ms). */
export const CHECKPOINT_INTERVAL_MS = 2_000;
/** SQLite's own default automatic checkpoint (WAL pages), put back when the checkpointer stops. */
export const SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES = 1_000;
/** Checkpoints failed or stopped short in a row before the opener is told the checkpointer is not keeping up. */
export const FAILURES_TO_REPORT = 5;
/**
 * The bot connection's own automatic checkpoint, kept as a backstop while the checkpointer runs:
 * 10,000 WAL pages (about 40 MB of 4 KB pages) instead of SQLite's 1,000, so it is reached only if
 * the checkpointer has stopped or falls far behind.
 */
export const BACKSTOP_AUTOCHECKPOINT_PAGES = 10_000;

/*
 * The worker's whole code: plain CommonJS (no build step, no TypeScript loader), better-sqlite3
 * required by the absolute path the opener resolved. Every `intervalMs` a PASSIVE checkpoint on a
 * connection of its own: it copies what the WAL holds into the database file and syncs it, without
 * taking the write lock, so the bot's commits go on meanwhile. A checkpoint that fails (the file
 * busy, gone) is tried again at the next tick; the backstop covers a checkpointer that never runs.
 * A PASSIVE checkpoint never waits for readers: one that finds a reader on an older snapshot copies
 * only the frames before it and stops short (its result's `checkpointed` below `log`), and the WAL
 * cannot start over while that lasts. It is tried again at the next tick as a failure is, and
 * counts with the failures (neither did the checkpoint's work).
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma('busy_timeout = ' + Number(workerData.busyTimeoutMs));
// Never its own automatic checkpoint: it writes nothing.
db.pragma('wal_autocheckpoint = 0');
// A checkpoint that fails or stops short is tried again at the next tick; after several in a row
// the opener is told (once), as its backstop then does the work on the bot's thread.
let failures = 0;
const timer = setInterval(() => {
  let problem;
  try {
    // One row: busy (0 for PASSIVE), log (WAL frames), checkpointed (frames copied into the file).
    const result = db.pragma('wal_checkpoint(PASSIVE)')[0];
    if (result.checkpointed < result.log)
      problem = 'stopped short (readers busy): ' + result.checkpointed + ' of ' + result.log + ' WAL frames copied';
  } catch (error) {
    problem = 'failed: ' + String(error && error.message ? error.message : error);
  }
  if (problem === undefined) {
    failures = 0;
    return;
  }
  failures++;
  if (failures === workerData.failuresToReport) parentPort.postMessage({ failed: problem });
}, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'close') return;
  clearInterval(timer);
  db.close();
  parentPort.postMessage('closed');
  parentPort.close();
});
parentPort.postMessage('ready');
`;

/**
 * Moves SQLite's WAL checkpoints off the bot's thread (issue 20). A commit that finds the WAL past
 * 1,000 pages runs the checkpoint itself, synchronously: it copies the WAL into the database file
 * and syncs both, 10–60 ms on a shared disk, during which the bot's thread answers nobody (four
 * such commits per 400 answers of the bench, every one in the p95 tail of the answers then in
 * flight). With the checkpointer a worker thread of its own checkpoints every `intervalMs` on its own
 * connection, and the bot connection's automatic checkpoint is raised to a backstop
 * (`BACKSTOP_AUTOCHECKPOINT_PAGES`). Durability is unchanged: a commit is in the WAL before its
 * promise settles, whoever checkpoints it later. A checkpointer that dies, or whose checkpoints keep
 * failing or stopping short (a reader holding an old snapshot), calls `onStopped` once (the opener puts SQLite's own automatic checkpoint back and logs
 * it): never silently, as the backstop alone would let the WAL grow to 40 MB before one long stall.
 */
export class SqliteCheckpointer {
  private readonly worker: Worker;
  private closing: Promise<void> | undefined;
  private stopped = false;

  constructor(
    path: string,
    options: { busyTimeoutMs: number; intervalMs?: number | undefined; onStopped?: (error: Error) => void },
  ) {
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        module: createRequire(import.meta.url).resolve('better-sqlite3'),
        path,
        busyTimeoutMs: options.busyTimeoutMs,
        intervalMs: options.intervalMs ?? CHECKPOINT_INTERVAL_MS,
        failuresToReport: FAILURES_TO_REPORT,
      },
      resourceLimits: { maxOldGenerationSizeMb: 64 },
    });
    // Never keeps the process alive; an error ends the checkpointer only, and the opener is told.
    this.worker.unref();
    const stop = (error: Error) => {
      if (this.stopped || this.closing !== undefined) return;
      this.stopped = true;
      options.onStopped?.(error);
    };
    this.worker.on('error', (error) =>
      stop(new Error(`the WAL checkpointer thread failed: ${error.message}`)),
    );
    this.worker.on('exit', (code) => stop(new Error(`the WAL checkpointer thread exited (code ${code})`)));
    this.worker.on('message', (message: unknown) => {
      if (typeof message === 'object' && message !== null && 'failed' in message)
        stop(
          new Error(
            `WAL checkpoints keep failing (${FAILURES_TO_REPORT} in a row), the last ${String(message.failed)}`,
          ),
        );
    });
  }

  /** Stops the worker (its connection closed first). */
  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => {
      const done = () => resolve();
      this.worker.once('exit', done);
      this.worker.on('message', (message) => {
        if (message === 'closed') void this.worker.terminate().then(done, done);
      });
      this.worker.postMessage('close');
      // A worker that died already never answers.
      if (this.worker.threadId === -1) done();
    });
    return this.closing;
  }
}

/**
 * Hands `connection`'s WAL checkpoints to a `SqliteCheckpointer` on the same file: the connection's
 * own automatic checkpoint is raised to the backstop (`BACKSTOP_AUTOCHECKPOINT_PAGES`) while the
 * checkpointer runs, and put back to SQLite's default (`SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES`) if it
 * stops (its thread died, or its checkpoints keep failing or stopping short), before `onStopped`
 * is told: from then on the connection checkpoints as SQLite does by default.
 */
export function checkpointOffThread(
  connection: SqliteDatabase.Database,
  options: { busyTimeoutMs: number; intervalMs?: number | undefined; onStopped?: (error: Error) => void },
): SqliteCheckpointer {
  connection.pragma(`wal_autocheckpoint = ${BACKSTOP_AUTOCHECKPOINT_PAGES}`);
  return new SqliteCheckpointer(connection.name, {
    busyTimeoutMs: options.busyTimeoutMs,
    intervalMs: options.intervalMs,
    onStopped: (error) => {
      if (connection.open) connection.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES}`);
      options.onStopped?.(error);
    },
  });
}
