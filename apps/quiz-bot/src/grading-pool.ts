import { Worker } from 'node:worker_threads';
import type { Grade } from './grading/grade';
import type { GradingWorkerReply } from './grading-worker';
import { gradeRubricRequest, type RubricGrader, type RubricRequest } from './rubric-grading';

/** The worker file next to this module: the built one, or the source entry when running from TypeScript. */
function workerUrl(): URL {
  const fromSource = import.meta.url.endsWith('.ts');
  return new URL(fromSource ? './grading-worker-source.mjs' : './grading-worker.js', import.meta.url);
}

interface Pending {
  readonly request: RubricRequest;
  readonly resolve: (grade: Grade) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Grades rubric answers in one worker thread (issue 20: 0.7–1.0 ms of CPU per rubric answer, with
 * its language model, on the thread that answers every interaction). The answer's reply waits for
 * its grade; the thread does not. The worker starts on first use (or `warm`) and loads its model
 * with a first grade; until that grade is back (a few seconds after a start, under load), answers
 * are graded on the calling thread, so the first answers after a restart do not wait for the worker.
 * If it fails or exits, the answers it held are graded on the calling thread with the same function
 * (`gradeRubricRequest`), so no answer is lost or graded differently, and the next answer starts
 * another.
 */
export class GradingWorker implements RubricGrader {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;
  private here = 0;
  /** Settles once the worker running now has graded its first answer (ready), or failed. */
  private started: Promise<void> | undefined;
  private ready = false;

  /** How many answers were graded on the calling thread (the worker failed, or the pool was closed). */
  get gradedHere(): number {
    return this.here;
  }

  grade(request: RubricRequest): Promise<Grade> {
    const worker = this.start();
    if (worker === undefined || !this.ready) return this.gradeHere(request);
    return this.send(worker, request);
  }

  private send(worker: Worker, request: RubricRequest): Promise<Grade> {
    return new Promise<Grade>((resolve, reject) => {
      const id = this.nextId++;
      this.pending.set(id, { request, resolve, reject });
      // Held open only while it owes a grade: an idle worker never keeps the process alive.
      if (this.pending.size === 1) worker.ref();
      worker.postMessage({ id, ...request });
    });
  }

  /** Starts the worker now; settles once it has loaded its language model (one rubric grade) or failed. */
  warm(): Promise<void> {
    this.start();
    return this.started ?? Promise.resolve();
  }

  /** Stops the worker; answers still waiting are graded here. Later answers are graded on the calling thread. */
  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    if (worker === undefined) return;
    this.failed(worker);
    await worker.terminate();
  }

  private start(): Worker | undefined {
    if (this.closed) return undefined;
    if (this.worker !== undefined) return this.worker;
    const worker = new Worker(workerUrl(), {
      // Source mode resolves sibling packages to their src/ through this export condition.
      execArgv: import.meta.url.endsWith('.ts') ? ['--conditions=@cnnkit/source'] : [],
      // A runaway grade kills the worker alone (its answers are then graded here), not the bot.
      resourceLimits: { maxOldGenerationSizeMb: 512 },
    });
    worker.unref();
    worker.on('message', (reply: GradingWorkerReply) => {
      const pending = this.pending.get(reply.id);
      if (pending === undefined) return;
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      // An error there is graded again here: the same function throws the real error (or grades).
      if ('error' in reply) this.gradeHere(pending.request).then(pending.resolve, pending.reject);
      else pending.resolve(reply.grade);
    });
    worker.on('error', () => this.failed(worker));
    worker.on('exit', () => this.failed(worker));
    this.worker = worker;
    this.ready = false;
    // Its first grade loads the model; answers go to it once that is back.
    this.started = this.send(worker, { questionId: 1, partId: 'advantages', answer: 'weight sharing' }).then(
      () => {
        if (this.worker === worker) this.ready = true;
      },
      () => {},
    );
    return worker;
  }

  /** The worker is gone: what it owed is graded here; the next answer starts a new one. */
  private failed(worker: Worker): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    this.ready = false;
    const owed = [...this.pending.values()];
    this.pending.clear();
    for (const { request, resolve, reject } of owed) this.gradeHere(request).then(resolve, reject);
  }

  /** `gradeRubricRequest` on this thread, its error as a rejection. */
  private gradeHere(request: RubricRequest): Promise<Grade> {
    this.here++;
    try {
      return Promise.resolve(gradeRubricRequest(request));
    } catch (error) {
      return Promise.reject(error);
    }
  }
}
