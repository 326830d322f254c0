import { parentPort, workerData } from 'node:worker_threads';
import { gradingProgress, serveGrading } from './grading-protocol';
import { gradeRubricRequest } from './rubric-grading';

// The rubric grader's language model loads once, here, off the bot's thread.
if (parentPort !== null)
  serveGrading(
    parentPort,
    gradingProgress((workerData as { progress: SharedArrayBuffer }).progress),
    gradeRubricRequest,
    (workerData as { chunkReplies?: boolean }).chunkReplies === true,
  );
