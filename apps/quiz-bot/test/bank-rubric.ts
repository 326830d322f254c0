import { gradeRubric } from '../src/grading/rubric';
import { QUESTIONS } from '../src/questions/bank';
import type { RubricPart } from '../src/questions/schemas';

/** A rubric part of the question bank, by question and part id (throws for anything else). */
export const rubric = (question: number, id: string): RubricPart => {
  const part = QUESTIONS.find((q) => q.id === question)?.parts.find((p) => p.id === id);
  if (part?.kind !== 'rubric') throw new Error(`question ${question} has a rubric part ${id}`);
  return part;
};

/** The concept ids an answer to a bank rubric part is credited with. */
export const covered = (question: number, id: string, answer: string) =>
  gradeRubric(rubric(question, id), answer).covered ?? [];

/** A question's free-text (rubric) part, the one each question has (throws if it has none). */
export const questionRubric = (question: number): RubricPart => {
  const part = QUESTIONS.find((q) => q.id === question)?.parts.find((p) => p.kind === 'rubric');
  if (part?.kind !== 'rubric') throw new Error(`question ${question} has a rubric part`);
  return part;
};

/** The concept ids an answer to a question's rubric part is credited with. */
export const covers = (question: number, answer: string) =>
  gradeRubric(questionRubric(question), answer).covered ?? [];
