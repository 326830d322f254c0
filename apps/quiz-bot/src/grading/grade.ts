import type { ChoicePart } from '../questions/schemas';
import { readChoice } from './choice';

export interface Grade {
  /** 0 to 1. */
  readonly score: number;
  readonly correct: boolean;
  /** Sentences for the learner: what was right, what was missed or contradicted, and why. */
  readonly feedback: readonly string[];
  readonly covered?: readonly string[];
  readonly missed?: readonly string[];
}

export { type ConventionFigure, describeValue, gradeNumeric } from './numeric';
export { gradeRubric, normaliseText } from './rubric';

/**
 * Grades a choice part: the option picked (`readChoice`: a letter in any common form, the option's
 * text or a paraphrase of it) is right or wrong; an answer that picks none, or two, is `invalid`.
 */
export function gradeChoice(part: ChoicePart, answer: string): Grade | { invalid: string } {
  const read = readChoice(part, answer);
  if ('invalid' in read) return read;
  const index = read.index;
  const correct = index === part.correct;
  return {
    score: correct ? 1 : 0,
    correct,
    feedback: [
      correct
        ? 'Correct.'
        : `Not this one: the answer is ${String.fromCharCode(97 + part.correct)}) ${part.options[part.correct]}.`,
    ],
  };
}
