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

/**
 * The grading worker's loop: each message is a batch of requests (the pool sends those of one turn
 * of its event loop together: one message each way instead of one per answer, issue 20); each is
 * graded in order with `grade` and the replies go back in one message. Before each grade the
 * worker writes its id and start time in `progress`, so the pool can find a grade that runs away.
 */
export function serveGrading(
  port: MessagePort,
  progress: GradingProgress,
  grade: (request: RubricRequest) => Grade,
): void {
  port.on('message', (batch: readonly GradingWorkerRequest[]) => {
    const replies: GradingWorkerReply[] = [];
    for (const { id, ...request } of batch) {
      progress.startedAt[0] = Date.now();
      Atomics.store(progress.running, 0, id);
      try {
        replies.push({ id, grade: grade(request) });
      } catch (error) {
        replies.push({ id, error: error instanceof Error ? error.message : String(error) });
      }
    }
    Atomics.store(progress.running, 0, 0);
    port.postMessage(replies);
  });
}
