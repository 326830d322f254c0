import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type SqliteDatabase from 'better-sqlite3';

/** How often the checkpointer backfills the WAL into the database file (ms), while it makes progress. */
export const CHECKPOINT_INTERVAL_MS = 2_000;
/** SQLite's own default automatic checkpoint (WAL pages), put back when the checkpointer's thread ends. */
export const SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES = 1_000;
/**
 * Checkpoints in a row that failed or made no progress (busy, or held back by a reader) before the
 * checkpointer backs off (longer intervals) and the opener is told, once.
 */
export const NO_PROGRESS_TO_BACK_OFF = 5;
/** The longest interval of a checkpointer that backs off (ms; or its own interval, if longer). */
export const MAX_BACKOFF_MS = 60_000;
/**
 * The bot connection's own automatic checkpoint, kept as a backstop while the checkpointer runs:
 * 10,000 WAL pages (about 40 MB of 4 KB pages) instead of SQLite's 1,000, so it is reached only if
 * the checkpointer falls far behind (or its thread has ended: then SQLite's 1,000 are put back).
 */
export const BACKSTOP_AUTOCHECKPOINT_PAGES = 10_000;

/**
 * What one checkpoint of the worker saw: `PRAGMA wal_checkpoint(PASSIVE)`'s row (busy: 1 when
 * another connection's checkpoint held the lock, then log and checkpointed are -1; log: frames in
 * the WAL; checkpointed: how many of them are now in the database file,
 * https://www.sqlite.org/pragma.html#pragma_wal_checkpoint) and the WAL's generation (its header's
 * salt, read just before: SQLite changes it each time the WAL starts over from frame 0, after a
 * RESTART or TRUNCATE checkpoint or once a writer finds it fully checkpointed and unread); or the
 * error it failed with.
 */
export type CheckpointTick =
  | {
      readonly busy: number;
      readonly log: number;
      readonly checkpointed: number;
      readonly generation?: string;
    }
  | { readonly error: string };

/** The last checkpoint that got the lock (what the next one's progress is measured against). */
export interface CheckpointSeen {
  readonly log: number;
  readonly checkpointed: number;
  readonly generation?: string | undefined;
}

/**
 * Whether a checkpoint made progress, against the last one that got the lock (`seen`, undefined
 * before the first): the problem when it did not, and what the next one is measured against.
 * No progress:
 * - it failed (the file busy, gone);
 * - it found another connection's checkpoint holding the lock (busy = 1): that one did the work, or
 *   will, but this one did nothing;
 * - it stopped short of the WAL's end without getting further than the one before in the same WAL
 *   (a reader holds one old snapshot: a PASSIVE checkpoint never waits for readers, copies only the
 *   frames before it, and the WAL cannot start over while that lasts).
 * Progress: it copied the whole WAL (an empty one too); or it stopped short but copied more frames
 * than the one before (a checkpointer keeping up behind readers whose snapshots move on lags a few
 * frames at every tick, and is doing its job); or the WAL started over since the one before. Frame
 * counts of two WALs cannot be compared (the counter starts again at 0): a WAL starts over only once
 * every frame of the one before is in the database file, so a new WAL means the old one was
 * checkpointed to its end. A new WAL is seen by its generation, or by fewer frames than before (a
 * WAL only grows until it starts over).
 */
export function assessCheckpoint(
  seen: CheckpointSeen | undefined,
  tick: CheckpointTick,
): { problem: string | undefined; seen: CheckpointSeen | undefined } {
  if ('error' in tick) return { problem: `failed: ${tick.error}`, seen };
  if (tick.busy === 1 || tick.log < 0) return { problem: 'busy: another checkpoint held the lock', seen };
  const now = { log: tick.log, checkpointed: tick.checkpointed, generation: tick.generation };
  if (tick.checkpointed >= tick.log || seen === undefined) return { problem: undefined, seen: now };
  const newWal = tick.generation !== seen.generation || tick.log < seen.log;
  if (newWal || tick.checkpointed > seen.checkpointed) return { problem: undefined, seen: now };
  return {
    problem: `stopped short with no progress (a reader holds an old snapshot): ${tick.checkpointed} of ${tick.log} WAL frames copied`,
    seen: now,
  };
}

/** Told to the opener once per change of pace (not per checkpoint). */
export type CheckpointerEvent =
  /** NO_PROGRESS_TO_BACK_OFF checkpoints in a row made no progress: the intervals grow (`problem`: the last one's). */
  | { readonly state: 'backing-off'; readonly problem: string }
  /** A checkpoint made progress again after backing off: back to the normal interval. */
  | { readonly state: 'resumed' };

/** Runs `run` after `ms`; returns how to cancel it (tests pass one that runs nothing by itself). */
export type CheckpointSchedule = (run: () => void, ms: number) => () => void;

const unrefTimeout: CheckpointSchedule = (run, ms) => {
  const timer = setTimeout(run, ms);
  timer.unref();
  return () => clearTimeout(timer);
};

/*
 * The worker's whole code: plain CommonJS (no build step, no TypeScript loader), better-sqlite3
 * required by the absolute path the opener resolved. On each `tick` message a PASSIVE checkpoint on
 * a connection of its own: it copies what the WAL holds into the database file and syncs it,
 * without taking the write lock, so the bot's commits go on meanwhile. It answers with what it saw
 * (a CheckpointTick): the opener's thread decides progress and when the next one runs.
 * The WAL's generation: its header's salt-1 and salt-2 (bytes 16–23, https://sqlite.org/fileformat2.html#walformat),
 * read before the checkpoint (a WAL that starts over between the two is then taken for a new one
 * one checkpoint late, never the other way round).
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const Database = require(workerData.module);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma('busy_timeout = ' + Number(workerData.busyTimeoutMs));
// Never its own automatic checkpoint: it writes nothing.
db.pragma('wal_autocheckpoint = 0');
const header = Buffer.alloc(24);
const generation = () => {
  let fd;
  try {
    fd = fs.openSync(workerData.path + '-wal', 'r');
    return fs.readSync(fd, header, 0, 24, 0) === 24 ? header.toString('hex', 16, 24) : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
};
parentPort.on('message', (message) => {
  if (message === 'tick') {
    let tick;
    try {
      const wal = generation();
      const row = db.pragma('wal_checkpoint(PASSIVE)')[0];
      tick = { busy: row.busy, log: row.log, checkpointed: row.checkpointed, generation: wal };
    } catch (error) {
      tick = { error: String(error && error.message ? error.message : error) };
    }
    parentPort.postMessage({ tick });
    return;
  }
  if (message !== 'close') return;
  db.close();
  parentPort.postMessage('closed');
  parentPort.close();
});
parentPort.postMessage('ready');
`;

/** How a checkpointer runs (see {@link SqliteCheckpointer} and {@link checkpointOffThread}). */
export interface CheckpointerOptions {
  busyTimeoutMs: number;
  intervalMs?: number | undefined;
  onStopped?: (error: Error) => void;
  onState?: ((event: CheckpointerEvent) => void) | undefined;
  /** When the next checkpoint runs (default: an unref'd setTimeout; tests run them with `tick`). */
  schedule?: CheckpointSchedule | undefined;
}

/**
 * Moves SQLite's WAL checkpoints off the bot's thread (issue 20). A commit that finds the WAL past
 * 1,000 pages runs the checkpoint itself, synchronously: it copies the WAL into the database file
 * and syncs both, 10–60 ms on a shared disk, during which the bot's thread answers nobody (four
 * such commits per 400 answers of the bench, every one in the p95 tail of the answers then in
 * flight). With the checkpointer a worker thread of its own checkpoints every `intervalMs` on its own
 * connection, and the bot connection's automatic checkpoint is raised to a backstop
 * (`BACKSTOP_AUTOCHECKPOINT_PAGES`). Durability is unchanged: a commit is in the WAL before its
 * promise settles, whoever checkpoints it later.
 *
 * Checkpoints that keep failing or making no progress (busy, or behind a reader holding an old
 * snapshot: a backup's integrity check, an open `sqlite3` shell, a long read; see
 * `assessCheckpoint`) never stop it: after NO_PROGRESS_TO_BACK_OFF in a row it backs off (each
 * further interval twice the one before, up to MAX_BACKOFF_MS) and tells `onState` once; the first
 * checkpoint with progress brings back the normal interval and tells `onState` once more. A
 * checkpointer whose thread dies calls `onStopped` once (the opener puts SQLite's own automatic
 * checkpoint back and logs it): never silently, as the backstop alone would let the WAL grow to
 * 40 MB before one long stall.
 */
export class SqliteCheckpointer {
  private readonly worker: Worker;
  private readonly intervalMs: number;
  private readonly schedule: CheckpointSchedule;
  private readonly onState: ((event: CheckpointerEvent) => void) | undefined;
  private closing: Promise<void> | undefined;
  private stopped = false;
  private exited = false;
  private seen: CheckpointSeen | undefined;
  private noProgress = 0;
  private backingOff = false;
  private delay: number;
  private cancelNext: (() => void) | undefined;
  /** The checkpoint asked of the worker and not yet answered (one at a time). */
  private pending: { done: Promise<void>; resolve: () => void } | undefined;

  constructor(path: string, options: CheckpointerOptions) {
    this.intervalMs = options.intervalMs ?? CHECKPOINT_INTERVAL_MS;
    this.delay = this.intervalMs;
    this.schedule = options.schedule ?? unrefTimeout;
    this.onState = options.onState;
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        module: createRequire(import.meta.url).resolve('better-sqlite3'),
        path,
        busyTimeoutMs: options.busyTimeoutMs,
      },
      resourceLimits: { maxOldGenerationSizeMb: 64 },
    });
    // Never keeps the process alive; an error ends the checkpointer only, and the opener is told.
    this.worker.unref();
    const stop = (error: Error) => {
      this.cancelNext?.();
      this.pending?.resolve();
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
      if (typeof message === 'object' && message !== null && 'tick' in message)
        this.checkpointed(message.tick as CheckpointTick);
    });
    this.scheduleNext();
  }

  /** Whether the worker thread still runs (false once it failed or was closed). */
  get running(): boolean {
    return !this.exited;
  }

  /**
   * Checkpoints in a row without progress, whether it backs off, the interval before the next one
   * (ms), and the last checkpoint that got the lock.
   */
  get pace(): { noProgress: number; backingOff: boolean; nextMs: number; seen: CheckpointSeen | undefined } {
    return { noProgress: this.noProgress, backingOff: this.backingOff, nextMs: this.delay, seen: this.seen };
  }

  /**
   * Runs one checkpoint now, as the schedule does (the next one is then scheduled after it), and
   * resolves once its outcome is counted (or once the worker has stopped).
   */
  tick(): Promise<void> {
    if (this.pending !== undefined) return this.pending.done;
    if (this.exited || this.stopped || this.closing !== undefined) return Promise.resolve();
    this.cancelNext?.();
    this.cancelNext = undefined;
    let resolve!: () => void;
    const done = new Promise<void>((r) => {
      resolve = r;
    });
    this.pending = { done, resolve };
    this.worker.postMessage('tick');
    return done;
  }

  private scheduleNext(): void {
    if (this.exited || this.stopped || this.closing !== undefined) return;
    this.cancelNext = this.schedule(() => {
      this.cancelNext = undefined;
      void this.tick();
    }, this.delay);
  }

  /** Counts one checkpoint's outcome, changes pace if it must (told once), schedules the next. */
  private checkpointed(tick: CheckpointTick): void {
    const { problem, seen } = assessCheckpoint(this.seen, tick);
    this.seen = seen;
    if (problem === undefined) {
      this.noProgress = 0;
      this.delay = this.intervalMs;
      if (this.backingOff) {
        this.backingOff = false;
        this.onState?.({ state: 'resumed' });
      }
    } else {
      this.noProgress++;
      const over = this.noProgress - NO_PROGRESS_TO_BACK_OFF;
      if (over >= 0) {
        this.delay = Math.min(
          this.intervalMs * 2 ** Math.min(over + 1, 30),
          Math.max(MAX_BACKOFF_MS, this.intervalMs),
        );
        if (!this.backingOff) {
          this.backingOff = true;
          this.onState?.({ state: 'backing-off', problem });
        }
      }
    }
    const pending = this.pending;
    this.pending = undefined;
    this.scheduleNext();
    pending?.resolve();
  }

  /** Stops the worker (its connection closed first). */
  close(): Promise<void> {
    this.cancelNext?.();
    this.cancelNext = undefined;
    this.closing ??= new Promise<void>((resolve) => {
      const done = () => {
        this.pending?.resolve();
        resolve();
      };
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
 * checkpointer runs (backing off included: behind a reader that stays, a checkpoint on the caller's
 * thread would get no further than the checkpointer's), and put back to SQLite's default
 * (`SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES`) once its thread has died, before `onStopped` is told: from
 * then on the connection checkpoints as SQLite does by default, on the caller's thread.
 */
export function checkpointOffThread(
  connection: SqliteDatabase.Database,
  options: CheckpointerOptions,
): SqliteCheckpointer {
  connection.pragma(`wal_autocheckpoint = ${BACKSTOP_AUTOCHECKPOINT_PAGES}`);
  return new SqliteCheckpointer(connection.name, {
    busyTimeoutMs: options.busyTimeoutMs,
    intervalMs: options.intervalMs,
    onState: options.onState,
    schedule: options.schedule,
    onStopped: (error) => {
      if (connection.open) connection.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES}`);
      options.onStopped?.(error);
    },
  });
}
