import { gradeNumeric, type NumericPart, QuizEngine } from '../src/index';
import { theoryMeasurement } from './theory';

/*
 * What the numeric grading suites share: a question's numeric part from the engine (no store, no
 * measurer: nothing is measured), and its grade against shape-math's theory (`theoryMeasurement`).
 */
const engine = new QuizEngine({
  store: undefined as never,
  measurer: { measure: () => Promise.reject(new Error('not used')) },
});

/** The numeric part `partId` of question `questionId` (of the variant `seed`, if given). */
export const numericPart = (questionId: number, partId: string, seed?: number): NumericPart => {
  const part = engine.part(engine.question(questionId, seed), partId);
  if (part.kind !== 'numeric') throw new Error(`${questionId}/${partId} is numeric`);
  return part;
};

/** `answer` to that part, graded against the theory's figure. */
export const grade = (questionId: number, partId: string, answer: string, seed?: number) => {
  const part = numericPart(questionId, partId, seed);
  return gradeNumeric(part, answer, theoryMeasurement(part.measure));
};

/** A grade's feedback as one text. */
export const text = (result: { feedback: readonly string[] }) => result.feedback.join('\n');
