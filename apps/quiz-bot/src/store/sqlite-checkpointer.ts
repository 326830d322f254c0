import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type SqliteDatabase from 'better-sqlite3';

/** How often the checkpointer backfills the WAL into the database file (ms). */
export const CHECKPOINT_INTERVAL_MS = 2_000;
/** SQLite's own default automatic checkpoint (WAL pages), put back when the checkpointer stops. */
export const SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES = 1_000;
/**
 * Checkpoints in a row that failed or made no progress (busy, or held back by a reader) before the
 * checkpointer stops itself and the opener is told.
 */
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
 * taking the write lock, so the bot's commits go on meanwhile.
 *
 * A tick counts against the checkpointer only when it did none of that work:
 * - it failed (the file busy, gone);
 * - it found another connection's checkpoint holding the lock (busy = 1; log and checkpointed are
 *   then -1): that one did the work, or will, but this tick did nothing;
 * - it stopped short of the WAL's end without getting further than the tick before (a reader holds
 *   one old snapshot: a PASSIVE checkpoint never waits for readers, copies only the frames before
 *   it, and the WAL cannot start over while that lasts).
 * A tick that copied more frames than the one before counts as progress, even if short of the end:
 * a checkpointer keeping up behind readers whose snapshots move on (the bot reading while the writer
 * thread commits) lags a few frames at every tick, and is doing its job.
 * After FAILURES_TO_REPORT such ticks in a row the worker reports the last one and stops (its
 * connection closed, its thread ended): the opener's report that it stopped is true, and SQLite's
 * own automatic checkpoint takes over (see checkpointOffThread). Any tick with progress starts the
 * count again. `tick` messages (tests) run one tick now and answer `ticked`.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma('busy_timeout = ' + Number(workerData.busyTimeoutMs));
// Never its own automatic checkpoint: it writes nothing.
db.pragma('wal_autocheckpoint = 0');
let failures = 0;
// WAL frames copied by the last tick that got the lock (-1 before the first).
let lastCheckpointed = -1;
let timer;
const tick = () => {
  let problem;
  try {
    // One row: busy (1 when another checkpoint holds the lock), log (WAL frames), checkpointed
    // (frames copied into the file).
    const result = db.pragma('wal_checkpoint(PASSIVE)')[0];
    if (result.busy === 1 || result.log < 0) problem = 'busy: another checkpoint held the lock';
    else {
      const short = result.checkpointed < result.log;
      if (short && result.checkpointed <= lastCheckpointed)
        problem =
          'stopped short with no progress (a reader holds an old snapshot): ' +
          result.checkpointed + ' of ' + result.log + ' WAL frames copied';
      lastCheckpointed = result.checkpointed;
    }
  } catch (error) {
    problem = 'failed: ' + String(error && error.message ? error.message : error);
  }
  if (problem === undefined) {
    failures = 0;
    return;
  }
  failures++;
  if (failures < workerData.failuresToReport) return;
  // Reported and stopped: the opener puts SQLite's own automatic checkpoint back.
  clearInterval(timer);
  parentPort.postMessage({ failed: problem });
  db.close();
  parentPort.close();
};
timer = setInterval(tick, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message === 'tick') {
    tick();
    if (db.open) parentPort.postMessage('ticked');
    return;
  }
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
 * promise settles, whoever checkpoints it later. A checkpointer whose thread dies, or whose
 * checkpoints keep failing or making no progress (busy, or behind a reader holding an old snapshot;
 * see WORKER_SOURCE) and which therefore stops itself, calls `onStopped` once (the opener puts SQLite's
 * own automatic checkpoint back and logs it): never silently, as the backstop alone would let the
 * WAL grow to 40 MB before one long stall.
 */
export class SqliteCheckpointer {
  private readonly worker: Worker;
  private closing: Promise<void> | undefined;
  private stopped = false;
  private exited = false;

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
    this.worker.on('exit', (code) => {
      this.exited = true;
      stop(new Error(`the WAL checkpointer thread exited (code ${code})`));
    });
    this.worker.on('message', (message: unknown) => {
      if (typeof message === 'object' && message !== null && 'failed' in message)
        stop(
          new Error(
            `${FAILURES_TO_REPORT} WAL checkpoints in a row failed or made no progress, the last ${String(message.failed)}`,
          ),
        );
    });
  }

  /** Whether the worker thread still runs (false once it stopped itself, failed or was closed). */
  get running(): boolean {
    return !this.exited;
  }

  /**
   * For tests: runs one checkpoint now, as a tick of the interval does, and resolves once it is done
   * (or once the worker has stopped).
   */
  tick(): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = () => {
        this.worker.off('message', onMessage);
        this.worker.off('exit', done);
        resolve();
      };
      const onMessage = (message: unknown) => {
        if (message === 'ticked') done();
      };
      if (this.exited) return resolve();
      this.worker.on('message', onMessage);
      this.worker.once('exit', done);
      this.worker.postMessage('tick');
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
 * checkpointer runs, and put back to SQLite's default (`SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES`) once it
 * has stopped (its thread died, or it stopped itself after checkpoints that kept failing or making no
 * progress), before `onStopped` is told: from then on the connection checkpoints as SQLite does by
 * default, on the caller's thread (behind a reader that stays, as far as that reader lets it).
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
