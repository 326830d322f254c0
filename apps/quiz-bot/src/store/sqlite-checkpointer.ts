import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** How often the checkpointer backfills the WAL into the database file (ms). */
export const CHECKPOINT_INTERVAL_MS = 2_000;
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
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma('busy_timeout = ' + Number(workerData.busyTimeoutMs));
// Never its own automatic checkpoint: it writes nothing.
db.pragma('wal_autocheckpoint = 0');
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {}
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
 * promise settles, whoever checkpoints it later.
 */
export class SqliteCheckpointer {
  private readonly worker: Worker;
  private closing: Promise<void> | undefined;

  constructor(path: string, options: { busyTimeoutMs: number; intervalMs?: number }) {
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        module: createRequire(import.meta.url).resolve('better-sqlite3'),
        path,
        busyTimeoutMs: options.busyTimeoutMs,
        intervalMs: options.intervalMs ?? CHECKPOINT_INTERVAL_MS,
      },
      resourceLimits: { maxOldGenerationSizeMb: 64 },
    });
    // Never keeps the process alive; an error ends the checkpointer only (the backstop remains).
    this.worker.unref();
    this.worker.on('error', () => {});
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
