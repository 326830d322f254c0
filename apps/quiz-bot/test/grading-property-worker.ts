import { describeGradingCase, gradeWithoutError, gradingCase } from './grading-property';
import { checkInWorker } from './property-watchdog';

// The never-crash property in the worker that `assertGradingNeverCrashes` starts and watches: a case
// fails with what went wrong (an error other than `invalid_answer`, or a malformed grade).
checkInWorker(
  gradingCase,
  ([drawn, answer]) => describeGradingCase(drawn, answer),
  ([drawn, answer]) => {
    const problem = gradeWithoutError(drawn.part, answer);
    if (problem !== undefined) throw new Error(problem);
    return true;
  },
);
