import { parentPort, workerData } from 'node:worker_threads';
import { gradingProgress, serveGrading } from './grading-protocol';
import { gradeRubricRequest, warmupRequests } from './rubric-grading';

const data = workerData as { progress: SharedArrayBuffer; chunkReplies?: boolean; warmupGrades?: number };
const warmupGrades = data.warmupGrades ?? 0;
// The rubric grader's language model loads once, here, off the bot's thread; then, if asked, the
// grader is warmed up in the background on the question bank's own answers.
if (parentPort !== null)
  serveGrading(
    parentPort,
    gradingProgress(data.progress),
    gradeRubricRequest,
    data.chunkReplies === true,
    warmupGrades > 0 ? { requests: warmupRequests(), grades: warmupGrades } : undefined,
  );
