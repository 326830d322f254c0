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
): void {
  port.on('message', (batch: readonly GradingWorkerRequest[]) => {
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
