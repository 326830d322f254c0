import { describe, expect, test } from 'vitest';
import { gradeNumeric } from '../src/grading/grade';
import { handNumericPart, measuredAs } from './numeric-hand-parts';

/*
 * The rounding rule for a memory size (numeric.ts `withinRelative`, issue 18) at its edges, one case
 * each: N significant figures pin a size to within 10^(1−N) of itself, and only a size in bytes is
 * read that way; a count keeps its digit count. Every figure is worked out beside its case.
 */

const part = handNumericPart;
const measured = measuredAs;

describe('within 10^(1−N) of itself: a size in bytes only, the bound included', () => {
  test('"0.50 GB" for 500,000,000 bytes: two digits, ±0.005 GB = exactly 1% of 0.50 GB: right', () => {
    const request = { kind: 'exercise2', quantity: 'inferenceBytes' } as const;
    const memory = part({ unit: 'bytes', significantDigits: 3, measure: request });
    expect(gradeNumeric(memory, '0.50 GB', measured(request, 500_000_000)).score).toBe(1);
  });

  test('a computed count keeps its digits: "0.9 million" for 903,400 at two digits is too coarse', () => {
    // One digit where two are asked. Read as a size it would pass (±0.05 million is 5.6% of 0.9
    // million, within 10^(1−2) = 10%), but a count is not a size: too coarse, no credit. (A recalled
    // figure has its own rule, within 1%: numeric-recalled-rules.)
    const request = { kind: 'exercise2', quantity: 'params' } as const;
    const count = part({ unit: 'count', rule: 'computed', significantDigits: 2, measure: request });
    const grade = gradeNumeric(count, '0.9 million', measured(request, 903_400));
    expect(grade.score).toBe(0);
    expect(grade.feedback[0]).toMatch(
      /^Too coarse: 0\.9 million is 903,400 rounded to 0\.1 million, but the exact figure was asked for \(2 significant digits\)/,
    );
  });
});
