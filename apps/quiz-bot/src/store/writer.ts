import { Worker } from 'node:worker_threads';
import type { AttemptToRecord, QuizStore, RecordedAttempt, RecordOptions } from './api';
import { fromWriterError, type WriterReply, type WriterRequest } from './writer-protocol';

/** The worker file next to this module: the built one, or the source entry when running from TypeScript. */
function writerUrl(): URL {
  const fromSource = import.meta.url.endsWith('.ts');
  return new URL(fromSource ? './writer-worker-source.mjs' : './store-writer-worker.js', import.meta.url);
}

interface Pending {
  readonly request: WriterRequest;
  readonly resolve: (recorded: RecordedAttempt) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Records answers in a worker thread with its own connection to the same SQLite file (issue 20:
 * the answer's write transaction, its ~18 statements and its scoring, was the largest part of the
 * bot thread's own work per answer). The caller's promise settles once the worker's transaction
 * has committed (or failed): what the reply says recorded is on disk, so `kill -9` loses nothing
 * the user was told, and the idempotency key (checked inside the transaction) doubles nothing.
 * The requests of one turn of the event loop go in one message; the worker commits them in groups.
 * Until the worker has opened its connection, and after it failed or exited, answers are recorded
 * on `fallback` (the calling thread's store): a request the worker held when it failed is recorded
 * there again, which its idempotency key makes safe (a committed one comes back as `duplicate`).
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

  /**
   * @param sqlitePath - the SQLite file (already opened, migrated and checked by `fallback`'s opener)
   * @param fallback - the store on this thread: used before the worker is ready and after it failed
   * @param options - `busyTimeoutMs` of the worker's connection (default 5000); `workerUrl` (tests)
   */
  constructor(
    private readonly sqlitePath: string,
    private readonly fallback: Pick<QuizStore, 'recordAttempt'>,
    private readonly options: { busyTimeoutMs?: number; workerUrl?: URL } = {},
  ) {}

  /** Answers recorded on the calling thread (worker not ready yet, failed, or closed). */
  get recordedHere(): number {
    return this.here;
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
    const worker = this.start();
    if (worker === undefined || !this.ready) return this.recordHere(attempt, options);
    return new Promise<RecordedAttempt>((resolve, reject) => {
      const request: WriterRequest = { id: this.nextId++, attempt, options };
      this.pending.set(request.id, { request, resolve, reject });
      // Held open only while it owes a reply: an idle writer never keeps the process alive.
      if (this.pending.size === 1) worker.ref();
      this.outbox.push(request);
      this.flushing ??= setImmediate(() => this.flush(worker));
    });
  }

  /** Stops the worker once it has answered what it holds; later answers are recorded here. */
  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    if (worker === undefined) return;
    if (this.flushing !== undefined) {
      clearImmediate(this.flushing);
      this.flush(worker);
    }
    // What it holds is being committed: waited for (bounded), then anything left is recorded here.
    const deadline = Date.now() + 5_000;
    while (this.pending.size > 0 && Date.now() < deadline && this.worker === worker)
      await new Promise((resolve) => setTimeout(resolve, 10));
    this.failed(worker);
    await worker.terminate();
  }

  private recordHere(attempt: AttemptToRecord, options?: RecordOptions): Promise<RecordedAttempt> {
    this.here++;
    return this.fallback.recordAttempt(attempt, options);
  }

  private flush(worker: Worker): void {
    const batch = this.outbox;
    this.outbox = [];
    this.flushing = undefined;
    if (batch.length === 0) return;
    if (this.worker === worker) worker.postMessage(batch);
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
        if ('recorded' in reply) pending.resolve(reply.recorded);
        else pending.reject(fromWriterError(reply.error));
      }
      if (this.pending.size === 0) worker.unref();
    });
    worker.on('error', () => this.failed(worker));
    worker.on('exit', () => this.failed(worker));
    return worker;
  }

  /**
   * The worker failed or stopped: the next answer starts another (unless closed), and the answers
   * it still owed are recorded here (a committed one comes back as the duplicate it is).
   */
  private failed(worker: Worker): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    this.ready = false;
    const owed = [...this.pending.values()];
    this.pending.clear();
    this.outbox = this.outbox.filter((r) => !owed.some((p) => p.request === r));
    for (const { request, resolve, reject } of owed)
      this.recordHere(request.attempt, request.options).then(resolve, reject);
  }
}

/**
 * `store` with its answers (`recordAttempt`) recorded by a {@link StoreWriter} on the SQLite file
 * at `sqlitePath`; every other method is the store's own. `close` stops the writer first.
 */
export function withStoreWriter(
  store: QuizStore,
  sqlitePath: string,
  options: { busyTimeoutMs?: number; workerUrl?: URL } = {},
): QuizStore & { readonly writer: StoreWriter } {
  const writer = new StoreWriter(sqlitePath, store, options);
  void writer.warm();
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'writer') return writer;
      if (property === 'recordAttempt') return writer.record.bind(writer);
      if (property === 'close')
        return async () => {
          await writer.close();
          await target.close();
        };
      return Reflect.get(target, property, receiver);
    },
  }) as QuizStore & { readonly writer: StoreWriter };
}
