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

/**
 * "8 x 8" read as a grid side in pixels: the 8×8 grid, side 8 to the unit, one significant digit
 * (shared by the quantity-* suites that read a grid beside its cells or its working).
 */
export const EIGHT_BY_EIGHT_GRID = {
  value: 8,
  precision: 1,
  significantDigits: 1,
  writtenUnit: 'grid',
  written: '8 x 8',
  unitFactor: 1,
} as const;
