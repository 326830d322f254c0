import { Worker } from 'node:worker_threads';
import { QuizError } from '../errors';
import type { AttemptToRecord, QuizStore, RecordedAttempt, RecordOptions } from './api';
import {
  fromWriterError,
  REPEATABLE_METHODS,
  storeMethod,
  WRITER_METHODS,
  type WriterMethod,
  type WriterReply,
  type WriterRequest,
} from './writer-protocol';

/** The worker file next to this module: the built one, or the source entry when running from TypeScript. */
function writerUrl(): URL {
  const fromSource = import.meta.url.endsWith('.ts');
  return new URL(fromSource ? './writer-worker-source.mjs' : './store-writer-worker.js', import.meta.url);
}

interface Pending {
  readonly request: WriterRequest;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Runs the store's writes (`WRITER_METHODS`: answers, rate tokens, rounds, hints, groups, settings)
 * in a worker thread with its own connection to the same SQLite file (issue 20: an answer's write
 * transaction, its ~18 statements and its scoring, was the largest part of the bot thread's own work
 * per answer). A write's promise settles once the worker's transaction has committed (or failed):
 * what the reply says recorded is on disk, so `kill -9` loses nothing the user was told, and the
 * idempotency key (checked inside the transaction) doubles nothing. The writes of one turn of the
 * event loop go in one message, run in order, committed in groups. Until the worker has opened its
 * connection, and after it failed or exited, writes run on `fallback` (the calling thread's store).
 * A write the worker held when it failed is run there again when that is safe (`REPEATABLE_METHODS`:
 * a committed answer is found by its key and comes back as the duplicate it is); any other is
 * refused with `storage_failed`, since it may have been done.
 */
export class StoreWriter {
  private worker: Worker | undefined;
  private ready = false;
  private closed = false;
  private readonly pending = new Map<number, Pending>();
  private outbox: WriterRequest[] = [];
  private flushing: NodeJS.Immediate | undefined;
  private nextId = 1;
  private here = 0;
  private there = 0;

  /**
   * @param sqlitePath - the SQLite file (already opened, migrated and checked by `fallback`'s opener)
   * @param fallback - the store on this thread: used before the worker is ready and after it failed
   * @param options - `busyTimeoutMs` of the worker's connection (default 5000); `workerUrl` (tests)
   */
  constructor(
    private readonly sqlitePath: string,
    private readonly fallback: QuizStore,
    private readonly options: { busyTimeoutMs?: number; workerUrl?: URL } = {},
  ) {}

  /** Writes run on the calling thread (worker not ready yet, failed, or closed). */
  get recordedHere(): number {
    return this.here;
  }

  /** Writes the worker ran and answered (committed or refused there). */
  get ranInWorker(): number {
    return this.there;
  }

  /** Starts the worker (opening its connection takes a moment); resolves once it is ready or failed. */
  warm(): Promise<void> {
    const worker = this.start();
    if (worker === undefined || this.ready) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        worker.off('message', onMessage);
        worker.off('exit', done);
        resolve();
      };
      const onMessage = (message: unknown) => message === 'ready' && done();
      worker.on('message', onMessage);
      worker.on('exit', done);
    });
  }

  /** Records one answer (see the class): in the worker when it is ready, else here. */
  record(attempt: AttemptToRecord, options?: RecordOptions): Promise<RecordedAttempt> {
    return this.write('recordAttempt', [attempt, options]) as Promise<RecordedAttempt>;
  }

  /** Runs one of the store's writes (see the class): in the worker when it is ready, else here. */
  write(method: WriterMethod, args: readonly unknown[]): Promise<unknown> {
    const worker = this.start();
    if (worker === undefined || !this.ready) return this.writeHere(method, args);
    return new Promise<unknown>((resolve, reject) => {
      const request: WriterRequest = { id: this.nextId++, method, args };
      this.pending.set(request.id, { request, resolve, reject });
      // Held open only while it owes a reply: an idle writer never keeps the process alive.
      if (this.pending.size === 1) worker.ref();
      this.outbox.push(request);
      this.flushing ??= setImmediate(() => this.flush(worker));
    });
  }

  /** Stops the worker once it has answered what it holds (5 s at most); later writes run here. */
  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    if (worker === undefined) return;
    if (this.flushing !== undefined) {
      clearImmediate(this.flushing);
      this.flush(worker);
    }
    const deadline = Date.now() + 5_000;
    while (this.pending.size > 0 && Date.now() < deadline && this.worker === worker)
      await new Promise((resolve) => setTimeout(resolve, 10));
    this.failed(worker);
    await worker.terminate();
  }

  private writeHere(method: WriterMethod, args: readonly unknown[]): Promise<unknown> {
    this.here++;
    return storeMethod(this.fallback, method)(...args);
  }

  private flush(worker: Worker): void {
    const batch = this.outbox;
    this.outbox = [];
    this.flushing = undefined;
    if (batch.length > 0 && this.worker === worker) worker.postMessage(batch);
  }

  private start(): Worker | undefined {
    if (this.closed) return undefined;
    if (this.worker !== undefined) return this.worker;
    const worker = new Worker(this.options.workerUrl ?? writerUrl(), {
      workerData: { sqlitePath: this.sqlitePath, busyTimeoutMs: this.options.busyTimeoutMs ?? 5_000 },
      // Source mode resolves sibling packages to their src/ through this export condition.
      execArgv: import.meta.url.endsWith('.ts') ? ['--conditions=@cnnkit/source'] : [],
    });
    this.worker = worker;
    this.ready = false;
    worker.unref();
    worker.on('message', (message: 'ready' | readonly WriterReply[]) => {
      if (message === 'ready') {
        if (this.worker === worker) this.ready = true;
        return;
      }
      for (const reply of message) {
        const pending = this.pending.get(reply.id);
        if (pending === undefined) continue;
        this.pending.delete(reply.id);
        this.there++;
        if ('error' in reply) pending.reject(fromWriterError(reply.error));
        else pending.resolve(reply.value);
      }
      if (this.pending.size === 0) worker.unref();
    });
    worker.on('error', () => this.failed(worker));
    worker.on('exit', () => this.failed(worker));
    return worker;
  }

  /**
   * The worker failed or stopped: the next write starts another (unless closed); of the writes it
   * still owed, the repeatable ones run here, the others are refused (they may have been done).
   */
  private failed(worker: Worker): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    this.ready = false;
    const owed = [...this.pending.values()];
    this.pending.clear();
    this.outbox = [];
    for (const { request, resolve, reject } of owed) {
      if (REPEATABLE_METHODS.has(request.method))
        this.writeHere(request.method, request.args).then(resolve, reject);
      else
        reject(
          new QuizError(
            'storage_failed',
            'the quiz database could not be used: its writer stopped before saying whether this was saved; please check and try again',
            { context: { method: request.method } },
          ),
        );
    }
  }
}

/**
 * `store` with its writes (`WRITER_METHODS`, those of its round store too) run by a
 * {@link StoreWriter} on the SQLite file at `sqlitePath`; every read is the store's own, on this
 * thread. `close` stops the writer first.
 */
export function withStoreWriter(
  store: QuizStore,
  sqlitePath: string,
  options: { busyTimeoutMs?: number; workerUrl?: URL } = {},
): QuizStore & { readonly writer: StoreWriter } {
  const writer = new StoreWriter(sqlitePath, store, options);
  void writer.warm();
  const forwarded = (prefix: string) =>
    new Map(
      WRITER_METHODS.filter((m) => (prefix === '' ? !m.includes('.') : m.startsWith(prefix))).map((m) => [
        m.slice(prefix.length),
        (...args: unknown[]) => writer.write(m, args),
      ]),
    );
  const own = forwarded('');
  const roundWrites = forwarded('rounds.');
  const rounds = new Proxy(store.rounds, {
    get: (target, property, receiver) =>
      (typeof property === 'string' ? roundWrites.get(property) : undefined) ??
      Reflect.get(target, property, receiver),
  });
  return new Proxy(store, {
    has: (target, property) => property === 'writer' || Reflect.has(target, property),
    get(target, property, receiver) {
      if (property === 'writer') return writer;
      if (property === 'rounds') return rounds;
      if (property === 'close')
        return async () => {
          await writer.close();
          await target.close();
        };
      return (
        (typeof property === 'string' ? own.get(property) : undefined) ??
        Reflect.get(target, property, receiver)
      );
    },
  }) as QuizStore & { readonly writer: StoreWriter };
}
