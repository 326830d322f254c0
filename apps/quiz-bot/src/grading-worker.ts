import { parentPort } from 'node:worker_threads';
import type { Grade } from './grading/grade';
import { gradeRubricRequest, type RubricRequest } from './rubric-grading';

/** A request to the grading worker: a rubric answer, numbered by the pool. */
export interface GradingWorkerRequest extends RubricRequest {
  readonly id: number;
}

/** The grading worker's reply: the grade, or the error's message (the pool then grades on its own thread). */
export type GradingWorkerReply =
  | { readonly id: number; readonly grade: Grade }
  | { readonly id: number; readonly error: string };

// The rubric grader's language model loads once, here, off the bot's thread.
parentPort?.on('message', (request: GradingWorkerRequest) => {
  let reply: GradingWorkerReply;
  try {
    const { id, ...rubric } = request;
    reply = { id, grade: gradeRubricRequest(rubric) };
  } catch (error) {
    reply = { id: request.id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(reply);
});
