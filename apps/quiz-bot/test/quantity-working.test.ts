import { describe, expect, test } from 'vitest';
import { parseQuantity } from '../src/grading/quantity';
import { refusal } from './quantity-refusal';

/*
 * The strict reader of a figure with its working ("2,800 + 180,200 = 183,000"), rule by rule: the
 * arithmetic (brackets, powers, units, what is not arithmetic), the figure a working makes, and how
 * each piece set equal to the answer is checked. It imports the grading module alone, so mutation
 * runs stay short. Every expected figure is worked out by hand in the comment beside it.
 */

const COUNT_HINT =
  'expected a number such as 1234567, 1,234,567, 1 234 567, 1.234567e6, 1.234567M or 1.234567 million';

describe('the arithmetic of a working', () => {
  test('a power binds to the right: 2^2^3 is 2^8 = 256, not 4^3 = 64', () => {
    expect(parseQuantity('2^2^3', 'count')).toMatchObject({ value: 256, precision: 1, significantDigits: 3 });
    // A power binds tighter than a product: 3 · 2^3 = 24, not 6^3 = 216.
    expect(parseQuantity('3 * 2^3', 'count').value).toBe(24);
  });

  test('the unit of a product is the unit of whichever factor has one', () => {
    // 4 · 2 MB = 8 MB and 2 MB · 4 = 8 MB, each read to the megabyte (one digit).
    for (const text of ['4 * 2 MB', '2 MB * 4'])
      expect(parseQuantity(text, 'bytes')).toMatchObject({
        value: 8_000_000,
        precision: 1_000_000,
        writtenUnit: 'MB',
        unitFactor: 1_000_000,
      });
  });

  test('a sum of two decimals is read to the finer place: 2.5 + 1.25 = 3.75, three digits', () => {
    expect(parseQuantity('2.5 + 1.25', 'count')).toMatchObject({ value: 3.75, significantDigits: 3 });
    expect(parseQuantity('2.5 + 1.25', 'count').precision).toBeCloseTo(0.01, 12);
  });

  test.each([
    // No number can be divided by zero, and 10^400 is no number a float holds.
    ['5 / 0'],
    ['10^400'],
    // A bracket left open is not arithmetic.
    ['(2,800 + 900,600'],
  ])('%j is not a figure', (text) => {
    expect(refusal(text, 'count').message).toMatch(/is not a number: expected a number such as/);
  });

  test('a working that makes a negative amount, or a bare fraction of bytes, is refused', () => {
    // 5 − 8 = −3.
    expect(refusal('5 - 8', 'count').message).toBe(`a negative amount cannot be right: ${COUNT_HINT}`);
    // 600 + 399 = 999 bytes with no unit: under the 1,000-byte floor, so surely in a unit left out
    // (600 + 400 = 1,000 is read as bytes: quantity-reading).
    expect(refusal('600 + 399', 'bytes').message).toBe(
      '"600 + 399" needs a unit: is it bytes, MB or MiB? Write for example 600 + 399 MB, or the whole number of bytes',
    );
  });
});

describe('each piece set equal to the answer is checked', () => {
  test('a chain of three: both earlier pieces are checked against the last figure', () => {
    // 2,800 + 900,600 = 903,400 and 903,400 are both within 500 of 903k (read to the thousand).
    expect(parseQuantity('2,800 + 900,600 = 903,400 = 903k', 'count')).toStrictEqual({
      value: 903_000,
      precision: 1_000,
      significantDigits: 3,
      writtenUnit: 'thousand',
      written: '903k',
      unitFactor: 1_000,
      working: [
        { text: '2,800 + 900,600', value: 903_400, shown: '903,400', equals: '903k', agrees: true },
        { text: '903,400', value: 903_400, shown: '903,400', equals: '903k', agrees: true },
      ],
    });
  });

  test('a working in a unit is held to its own unit: 3 bytes + 3 bytes is 6 bytes, not 6 kB', () => {
    // Only a working with no unit may be read in the answer's unit ("6 + 3 + 3.6 = 12.6 MB").
    expect(parseQuantity('3 B + 3 B = 6 kB', 'bytes').working).toStrictEqual([
      { text: '3 B + 3 B', value: 6, shown: '6 bytes', equals: '6 kB', agrees: false },
    ]);
  });

  test('a separator after the answer opens no statement: "903,400;"', () => {
    expect(parseQuantity('903,400;', 'count')).toStrictEqual({
      value: 903_400,
      precision: 100,
      significantDigits: 4,
      writtenUnit: '',
      written: '903,400',
      unitFactor: 1,
    });
  });

  test('a grid side set equal to a figure that is not its cells: the figure is the answer', () => {
    // 8 × 8 = 64 cells, not 60: 60 is stated, and the grid (side 8) does not make it.
    expect(parseQuantity('8 x 8 = 60', 'pixels')).toMatchObject({
      value: 60,
      working: [{ text: '8 x 8', value: 8, shown: '8 x 8', equals: '60', agrees: false }],
    });
  });
});
