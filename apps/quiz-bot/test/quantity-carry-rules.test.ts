import { describe, expect, test } from 'vitest';
import { parseQuantity } from '../src/grading/quantity';
import { refusal } from './quantity-refusal';

/*
 * Rules of the whole-file mutation run at 6676fbb that no case pinned (docs/mutation-testing.md,
 * "quantity.ts whole file"): how ", plus N" carries a running total on, when a strict reading that
 * skipped a piece is read again as prose, and where a sentence ends. Each answer is read through
 * `parseQuantity` (this file imports the grading module alone); every figure is worked out by hand
 * in the comment beside it.
 */

/** Each step of the working as "what it makes → what it was set equal to: agrees?". */
const steps = (answer: string, unit: 'count' | 'bytes' = 'count') =>
  (parseQuantity(answer, unit).working ?? []).map((s) => `${s.shown} → ${s.equals}: ${s.agrees}`);

describe('", plus N" carries the running total on, however it is spaced', () => {
  // 64 × 256 = 16,384 weights; 16,384 + 64 biases = 16,448: both steps are right.
  const right = ['16,384 → 16,384: true', '16,448 → 16,448: true'];

  test('", and adding 64" as ", plus 64"', () => {
    expect(steps('64 x 256 = 16,384, and adding 64 = 16,448')).toEqual(right);
  });

  test('no space after the comma (",plus 64")', () => {
    expect(steps('64 x 256 = 16,384,plus 64 = 16,448')).toEqual(right);
  });

  test('two spaces after "and" and after "adding"', () => {
    expect(steps('64 x 256 = 16,384, and  adding  64 = 16,448')).toEqual(right);
  });
});

describe('a strict reading that skipped a piece, read again as prose', () => {
  test('the prose reading is refused when one of its steps is a bare figure that disagrees', () => {
    // "lots of 5" names something; as prose the first step would be "5 = 903,400", a slip nobody
    // made, so the strict reading stands even though the prose's other step (2,800 + 900,600 =
    // 903,400) is right: only that sum is checked.
    expect(steps('lots of 5 = 2,800 + 900,600 = 903,400')).toEqual(['903,400 → 903,400: true']);
  });

  test('an answer with a unit of length in it is not read again as prose', () => {
    // The strict reading leaves out "2,800 + 900,000 ~" (the "~" is prose) and the "3 cm"
    // statement (not a figure it reads): no step is checked. Read as prose, 2,800 + 900,000 =
    // 902,800 would be a step set equal to 903,400; an answer with centimetres in it keeps the
    // strict reading (as `parseQuantity` keeps the refusal that names such a unit).
    const read = parseQuantity('the map is 3 cm; 2,800 + 900,000 ~= 903,400', 'count');
    expect(read.value).toBe(903_400);
    expect(read.working ?? []).toEqual([]);
  });
});

describe('a sentence ends at ". " before a capital only', () => {
  test('"16,448 params vs. 16,384 for the weights" states two figures in one sentence', () => {
    // "vs. 16,384" continues the sentence ("vs." is an abbreviation): 16,448 and 16,384 are two
    // different figures in the final statement, and there is no one answer to grade. (Said to be
    // "without biases", 16,384 would be a remark on another convention: numeric-corrections-rules.)
    expect(refusal('16,448 params vs. 16,384 for the weights', 'count').message).toContain(
      'states two different figures, 16,448 and 16,384',
    );
  });
});
