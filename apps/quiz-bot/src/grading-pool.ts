import { Worker } from 'node:worker_threads';
import { QuizError } from './errors';
import type { Grade } from './grading/grade';
import {
  type GradingProgress,
  type GradingWarmedUp,
  type GradingWorkerReply,
  type GradingWorkerRequest,
  gradingProgress,
} from './grading-protocol';
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
  /** False for the worker's first grade, which also loads its language model (no time limit). */
  readonly limited: boolean;
}

/** The default `gradeTimeoutMs`: a rubric grade takes about a millisecond; loading its model is not timed. */
export const DEFAULT_GRADE_TIMEOUT_MS = 5_000;

/**
 * The background warm-up grades the Discord bot's worker runs after each start (`discord` command,
 * main.ts; `GradingWorkerOptions.warmupGrades`). Measured (issue 20, stop 33): the grader's outer
 * functions reach TurboFan after ~50 to ~600 grades of a thread, some again at 850–1,150, and a
 * grade costs 5–45 ms for the first few, ~7 ms at the 100th, 0.2–0.3 ms from the 200th.
 */
export const BOT_WARMUP_GRADES = 1_000;

/** Options of a {@link GradingWorker}. */
export interface GradingWorkerOptions {
  /**
   * How long one grade may run in the worker, in milliseconds (default 5000, {@link DEFAULT_GRADE_TIMEOUT_MS}).
   * Past it the worker is terminated and a new one started; the answer that ran away is refused
   * with a `QuizError` coded `grading_timeout` (nothing is graded or recorded for it), and the
   * other answers the worker held are graded on the calling thread. The clock of an answer starts
   * when the worker begins grading it (it says so in shared memory), so a queue does not count
   * against it; the worker's first grade, which loads its model, has no limit. The limit is checked
   * by a timer on the calling thread: a grade is stopped at the limit or, when that thread is busy,
   * soon after.
   */
  readonly gradeTimeoutMs?: number;
  /** The worker's entry file (default: this package's grading worker). Tests give a worker that never returns. */
  readonly workerUrl?: URL;
  /**
   * The worker replies to a big batch in chunks, the first while the rest grade (see `serveGrading`);
   * default false: one message once the whole batch is graded (`--grade-replies chunked` in the bench).
   */
  readonly chunkReplies?: boolean;
  /**
   * Grades of the question bank's own answers (`warmupRequests`) each new worker runs in the
   * background once its model is loaded, so V8 has optimised the grader before real answers come
   * (default 0: none; the bot's `discord` command uses {@link BOT_WARMUP_GRADES}). A real answer
   * arriving meanwhile is graded before the next warm-up grade (`serveGrading`). Off by default so
   * the tests' many short-lived workers do not each spend a second or two of CPU on it.
   */
  readonly warmupGrades?: number;
}

/**
 * Grades rubric answers in one worker thread (issue 20: 0.7–1.0 ms of CPU per rubric answer, with
 * its language model, on the thread that answers every interaction). The answer's reply waits for
 * its grade; the thread does not. The worker starts on first use (or `warm`) and loads its model
 * with a first grade; until that grade is back (a few seconds after a start, under load), answers
 * are graded on the calling thread, so the first answers after a restart do not wait for the worker.
 * If it fails or exits, the answers it held are graded on the calling thread with the same function
 * (`gradeRubricRequest`), so no answer is lost or graded differently, and the next answer starts
 * another. A grade that runs past `gradeTimeoutMs` (default 5 s) never reaches the calling thread:
 * the worker is terminated and restarted, and that answer alone is refused (`grading_timeout`), so
 * an answer that makes the grader loop cannot stall the bot.
 */
export class GradingWorker implements RubricGrader {
  private readonly gradeTimeoutMs: number;
  private readonly workerFile: URL;
  private readonly chunkReplies: boolean;
  private readonly warmupGrades: number;
  /** Settles once the worker running now has finished its background warm-up, or is gone. */
  private warmedUpNow: Promise<GradingWarmedUp | undefined> = Promise.resolve(undefined);
  private endWarmUp: ((warmed: GradingWarmedUp | undefined) => void) | undefined;
  private worker: Worker | undefined;
  /** What the worker running now is grading (written by the worker). */
  private progress: GradingProgress | undefined;
  /** Requests of this turn of the event loop, sent to the worker together (`flush`). */
  private outbox: GradingWorkerRequest[] = [];
  private flushing: NodeJS.Immediate | undefined;
  /** Checks the grade the worker is running now against `gradeTimeoutMs`, while it owes any. */
  private deadline: NodeJS.Timeout | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;
  private here = 0;
  /** Settles once the worker running now has graded its first answer (ready), or failed. */
  private started: Promise<void> | undefined;
  private ready = false;
  private runaways = 0;

  constructor(options: GradingWorkerOptions = {}) {
    const limit = options.gradeTimeoutMs ?? DEFAULT_GRADE_TIMEOUT_MS;
    if (!Number.isFinite(limit) || limit <= 0)
      throw new QuizError(
        'invalid_input',
        `gradeTimeoutMs ${limit}: must be a positive number of milliseconds`,
        {
          context: { gradeTimeoutMs: limit },
        },
      );
    this.gradeTimeoutMs = limit;
    this.workerFile = options.workerUrl ?? workerUrl();
    this.chunkReplies = options.chunkReplies === true;
    const warmupGrades = options.warmupGrades ?? 0;
    if (!Number.isSafeInteger(warmupGrades) || warmupGrades < 0)
      throw new QuizError(
        'invalid_input',
        `warmupGrades ${warmupGrades}: must be a whole number, 0 or more`,
        {
          context: { warmupGrades },
        },
      );
    this.warmupGrades = warmupGrades;
  }

  /** How many answers were refused because their grade ran past `gradeTimeoutMs` (each restarted the worker). */
  get timedOut(): number {
    return this.runaways;
  }

  /** How many answers were graded on the calling thread (the worker failed, or the pool was closed). */
  get gradedHere(): number {
    return this.here;
  }

  grade(request: RubricRequest): Promise<Grade> {
    const worker = this.start();
    if (worker === undefined || !this.ready) return this.gradeHere(request);
    return this.send(worker, request, true);
  }

  private send(worker: Worker, request: RubricRequest, limited: boolean): Promise<Grade> {
    return new Promise<Grade>((resolve, reject) => {
      const id = this.nextId++;
      this.pending.set(id, { request, resolve, reject, limited });
      // Held open only while it owes a grade: an idle worker never keeps the process alive.
      if (this.pending.size === 1) {
        worker.ref();
        this.watch(worker, this.gradeTimeoutMs);
      }
      // Sent with the others of this turn of the event loop: one message for them all.
      this.outbox.push({ id, ...request });
      this.flushing ??= setImmediate(() => this.flush(worker));
    });
  }

  private flush(worker: Worker): void {
    const batch = this.outbox;
    this.outbox = [];
    this.flushing = undefined;
    if (this.worker === worker && batch.length > 0) worker.postMessage(batch);
  }

  /**
   * Looks, in `ms`, at the grade the worker is running (from the shared `progress`): past the limit,
   * it ran away; else looks again when it would reach the limit. Stops when nothing is owed.
   */
  private watch(worker: Worker, ms: number): void {
    clearTimeout(this.deadline);
    this.deadline = setTimeout(() => {
      this.deadline = undefined;
      if (this.worker !== worker || this.pending.size === 0) return;
      const id = Atomics.load(this.progress!.running, 0);
      const ranMs = Date.now() - this.progress!.startedAt[0]!;
      // Only a timed grade (not the first, which loads the model) that the pool still waits for.
      const timed = id !== 0 && this.pending.get(id)?.limited === true;
      if (timed && ranMs >= this.gradeTimeoutMs) this.ranAway(worker, id);
      else this.watch(worker, timed ? Math.max(1, this.gradeTimeoutMs - ranMs) : this.gradeTimeoutMs);
    }, ms);
    // The clock alone never keeps the process alive (the worker's ref does while it owes a grade).
    this.deadline.unref();
  }

  /** Answer `id` ran past the limit: refuse it, grade the rest here, and replace the worker. */
  private ranAway(worker: Worker, id: number): void {
    const runaway = this.pending.get(id);
    if (this.worker !== worker || runaway === undefined) return;
    this.pending.delete(id);
    this.runaways++;
    runaway.reject(
      new QuizError(
        'grading_timeout',
        `I could not grade that answer: grading it took longer than ${this.gradeTimeoutMs} ms, so it was stopped and nothing was recorded. Please rephrase it (shorter, plainer sentences) and send it again.`,
        {
          context: {
            questionId: runaway.request.questionId,
            partId: runaway.request.partId,
            limitMs: this.gradeTimeoutMs,
          },
        },
      ),
    );
    this.failed(worker);
    void worker.terminate();
    // A new worker loads its model now, in the background, rather than on the next answer.
    this.start();
  }

  /** Starts the worker now; settles once it has loaded its language model (one rubric grade) or failed. */
  warm(): Promise<void> {
    this.start();
    return this.started ?? Promise.resolve();
  }

  /**
   * Starts the worker now; settles once its background warm-up (`warmupGrades`) is done, with how
   * many grades it ran and how long it took, or with undefined when there is none (or the worker
   * failed first). The bench waits for it so that its window meets the grader as a round that
   * starts a few seconds after the bot would. Like an idle worker, a warming one does not keep the
   * process alive: a process with nothing else to do exits before this settles.
   */
  warmedUp(): Promise<GradingWarmedUp | undefined> {
    this.start();
    return this.warmedUpNow;
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
    const progress = gradingProgress();
    const worker = new Worker(this.workerFile, {
      workerData: {
        progress: progress.buffer,
        chunkReplies: this.chunkReplies,
        warmupGrades: this.warmupGrades,
      },
      // Source mode resolves sibling packages to their src/ through this export condition.
      execArgv: import.meta.url.endsWith('.ts') ? ['--conditions=@cnnkit/source'] : [],
      // A runaway grade kills the worker alone (its answers are then graded here), not the bot.
      resourceLimits: { maxOldGenerationSizeMb: 512 },
    });
    worker.unref();
    worker.on('message', (replies: readonly GradingWorkerReply[] | GradingWarmedUp) => {
      if (!Array.isArray(replies)) {
        if (this.worker === worker) this.finishWarmUp(replies as GradingWarmedUp);
        return;
      }
      for (const reply of replies) {
        const pending = this.pending.get(reply.id);
        if (pending === undefined) continue;
        this.pending.delete(reply.id);
        // An error there is graded again here: the same function throws the real error (or grades).
        if ('error' in reply) this.gradeHere(pending.request).then(pending.resolve, pending.reject);
        else pending.resolve(reply.grade);
      }
      if (this.worker === worker && this.pending.size === 0) {
        worker.unref();
        clearTimeout(this.deadline);
        this.deadline = undefined;
      }
    });
    worker.on('error', () => this.failed(worker));
    worker.on('exit', () => this.failed(worker));
    this.worker = worker;
    this.progress = progress;
    this.ready = false;
    this.finishWarmUp(undefined);
    if (this.warmupGrades > 0)
      this.warmedUpNow = new Promise((resolve) => {
        this.endWarmUp = resolve;
      });
    // Its first grade loads the model; answers go to it once that is back.
    this.started = this.send(
      worker,
      { questionId: 1, partId: 'advantages', answer: 'weight sharing' },
      false,
    ).then(
      () => {
        if (this.worker === worker) this.ready = true;
      },
      () => {},
    );
    return worker;
  }

  private finishWarmUp(warmed: GradingWarmedUp | undefined): void {
    const end = this.endWarmUp;
    this.endWarmUp = undefined;
    if (end === undefined) return;
    end(warmed);
    this.warmedUpNow = Promise.resolve(warmed);
  }

  /** The worker is gone: what it owed is graded here; the next answer starts a new one. */
  private failed(worker: Worker): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    this.ready = false;
    this.finishWarmUp(undefined);
    clearTimeout(this.deadline);
    this.deadline = undefined;
    clearImmediate(this.flushing);
    this.flushing = undefined;
    this.outbox = [];
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
