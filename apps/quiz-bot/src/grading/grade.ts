import type { ChoicePart } from '../questions/schemas';
import { normaliseText } from './rubric';

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

export function gradeChoice(part: ChoicePart, answer: string): Grade | { invalid: string } {
  const trimmed = answer.trim().toLowerCase().replace(/[).]$/, '');
  let index = -1;
  if (/^[a-h]$/.test(trimmed)) index = trimmed.charCodeAt(0) - 97;
  else if (/^[1-8]$/.test(trimmed)) index = Number(trimmed) - 1;
  else index = part.options.findIndex((o) => normaliseText(o) === normaliseText(answer));
  if (index < 0 || index >= part.options.length) {
    const letters = part.options.map((_, i) => String.fromCharCode(97 + i));
    return { invalid: `choose one of ${letters.join(', ')} (or 1–${part.options.length})` };
  }
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
