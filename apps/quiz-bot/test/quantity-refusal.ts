import { QuizError } from '../src/errors';
import { parseQuantity, type QuantityUnit } from '../src/grading/quantity';

/**
 * The refusal of `text` read as `unit`, as the learner reads it; fails the test when the text is
 * read instead (shared by the quantity-* suites).
 */
export function refusal(text: string, unit: QuantityUnit): QuizError {
  try {
    parseQuantity(text, unit);
  } catch (error) {
    if (error instanceof QuizError) return error;
    throw error;
  }
  throw new Error(`${JSON.stringify(text)} was read`);
}
