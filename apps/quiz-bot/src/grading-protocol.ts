import type { MessagePort } from 'node:worker_threads';
import type { Grade } from './grading/grade';
import type { RubricRequest } from './rubric-grading';

/** A request to the grading worker: a rubric answer, numbered by the pool. */
export interface GradingWorkerRequest extends RubricRequest {
  readonly id: number;
}

/** The grading worker's reply: the grade, or the error's message (the pool then grades on its own thread). */
export type GradingWorkerReply =
  | { readonly id: number; readonly grade: Grade }
  | { readonly id: number; readonly error: string };

/**
 * What the worker shows the pool of the grade it is running, without a message (it may never send
 * one again: a grade that loops): the request's id (0 when idle) and when it began (epoch ms).
 */
export interface GradingProgress {
  readonly running: Int32Array;
  readonly startedAt: Float64Array;
}

/** The shared memory behind a {@link GradingProgress}: handed to the worker in `workerData`. */
export function gradingProgress(
  buffer = new SharedArrayBuffer(16),
): GradingProgress & { buffer: SharedArrayBuffer } {
  return { buffer, running: new Int32Array(buffer, 0, 1), startedAt: new Float64Array(buffer, 8, 1) };
}

/** The worker's message once its background warm-up is done (not an array, unlike its replies). */
export interface GradingWarmedUp {
  readonly warmedUp: number;
  /** Wall time from the warm-up's first grade to its last, in ms. */
  readonly ms: number;
  /** The longest warm-up grade, in ms: the most a real batch arriving meanwhile waited for one. */
  readonly longestMs: number;
}

/**
 * Grades the worker runs in the background after its first batch (the model load), to have V8
 * optimise the grader before real answers come: `grades` grades of `requests`, in turn.
 */
export interface GradingWarmup {
  readonly requests: readonly RubricRequest[];
  readonly grades: number;
}

/** Fewest replies the grading worker sends in one message before its batch is done (see `serveGrading`). */
export const MIN_REPLY_CHUNK = 8;

/**
 * The grading worker's loop: each message is a batch of requests (the pool sends those of one turn
 * of its event loop together: one message each way instead of one per answer, issue 20); each is
 * graded in order with `grade`. Before each grade the worker writes its id and start time in
 * `progress`, so the pool can find a grade that runs away.
 *
 * With `chunked`, the replies go back in chunks sized by the batch: a message once as many
 * grades are done since the last one as the larger of {@link MIN_REPLY_CHUNK} and the replies
 * already sent (8, 8, 16, 32, …): a batch of up to 8 is one message, a burst's batch of 200 six, so
 * the first answers of a big batch are scored and replied to while the rest grade, instead of all
 * ~200 coming back together after the last (0.6–0.8 s in the bench's burst). Without (the
 * default), one message at the end of the batch: measured on the shared 2-core machine (issue 20,
 * bench/discord.bench.ts header, stop 28b), chunks did not shorten the burst's p95 (its lane is
 * bound by the bot thread's CPU) and lengthened the paced mode's (a group commit per chunk).
 */
export function serveGrading(
  port: MessagePort,
  progress: GradingProgress,
  grade: (request: RubricRequest) => Grade,
  chunked = false,
  warmup?: GradingWarmup,
): void {
  let warming = warmup !== undefined && warmup.grades > 0 && warmup.requests.length > 0;
  port.on('message', (batch: readonly GradingWorkerRequest[]) => {
    if (warming) {
      warming = false;
      // After this first batch (the pool's model load), once it is replied to below.
      setImmediate(() => warmInBackground(port, grade, warmup!));
    }
    let replies: GradingWorkerReply[] = [];
    let sent = 0;
    for (const { id, ...request } of batch) {
      progress.startedAt[0] = Date.now();
      Atomics.store(progress.running, 0, id);
      try {
        replies.push({ id, grade: grade(request) });
      } catch (error) {
        replies.push({ id, error: error instanceof Error ? error.message : String(error) });
      }
      if (
        chunked &&
        replies.length >= Math.max(MIN_REPLY_CHUNK, sent) &&
        sent + replies.length < batch.length
      ) {
        sent += replies.length;
        port.postMessage(replies);
        replies = [];
      }
    }
    Atomics.store(progress.running, 0, 0);
    port.postMessage(replies);
  });
}

/**
 * The grader's warm-up (issue 20, stop 34): a new worker's first few hundred grades run cold (5–45
 * ms each for the first few, ~7 ms at the 100th, 0.2–0.3 ms from the 200th, while V8 optimises the
 * grader's functions), so a round that starts after a restart paid that JIT in its first answers.
 * One warm-up grade per turn of the worker's event loop (`setImmediate`): a batch of real answers
 * that arrives meanwhile is taken in the next poll phase, before the next warm-up grade, so it
 * waits for at most the one warm-up grade running. The warm-up grades are not real answers:
 * `progress` stays idle (the pool's time limit is for its answers), and their errors are ignored.
 * So a warm-up grade has no time limit: its answers are the bank's own, fixed, and each is graded
 * in test/grading-warmup.test.ts (one that made the grader loop would hang that test).
 * Posts {@link GradingWarmedUp} at the end.
 */
function warmInBackground(
  port: MessagePort,
  grade: (request: RubricRequest) => Grade,
  warmup: GradingWarmup,
): void {
  const started = performance.now();
  let done = 0;
  let longestMs = 0;
  const step = () => {
    const begun = performance.now();
    try {
      grade(warmup.requests[done % warmup.requests.length]!);
    } catch {
      // A request the grader refuses teaches V8 nothing less; the real answers are unaffected.
    }
    longestMs = Math.max(longestMs, performance.now() - begun);
    done++;
    if (done < warmup.grades) setImmediate(step);
    else
      port.postMessage({
        warmedUp: done,
        ms: performance.now() - started,
        longestMs,
      } satisfies GradingWarmedUp);
  };
  step();
}
