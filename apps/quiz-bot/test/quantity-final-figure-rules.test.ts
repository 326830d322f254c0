import { describe, expect, test } from 'vitest';
import { parseQuantity } from '../src/grading/quantity';

/*
 * Issue 18, the numeric reader's rules of this stop, one case per rule: a decimal comma, spelt-out
 * operators, spelt-out fractions, working after an arrow, and which stated value is the answer
 * when a description follows the working. Every expected figure is worked out by hand beside it;
 * the answers are written here, not taken from a labelled set.
 */

describe('a decimal comma: a comma followed by exactly three digits separates thousands, else it is the decimal point', () => {
  test.each([
    // "8,4 MB": eight point four megabytes = 8,400,000 bytes, read to 0.1 MB (100,000 bytes).
    ['8,4 MB', 'bytes', 8_400_000, 100_000],
    // Two decimals: 0.75 MB = 750,000 bytes to 0.01 MB (10,000 bytes).
    ['0,75 MB', 'bytes', 750_000, 10_000],
    // Four decimals are no thousands group either: 2,5125 MB = 2,512,500 bytes to 100 bytes.
    ['2,5125 MB', 'bytes', 2_512_500, 100],
    // A count: 1,5 million = 1,500,000 to the hundred thousand.
    ['1,5 million', 'count', 1_500_000, 100_000],
  ] as const)('%j (%s) is %d, to the nearest %d', (answer, unit, value, precision) => {
    const parsed = parseQuantity(answer, unit);
    expect(parsed.value).toBeCloseTo(value, 6);
    expect(parsed.precision).toBeCloseTo(precision, 6);
  });

  test('exactly three digits after the comma: "1,234" is one thousand two hundred and thirty-four', () => {
    expect(parseQuantity('1,234', 'count')).toMatchObject({ value: 1234, precision: 1 });
  });

  test('a decimal comma inside working is read the same way, and the sum is checked', () => {
    // 4 MB + 2,5 MB = 6.5 MB, the figure stated as "6,5 MB": the step agrees.
    expect(parseQuantity('4 MB + 2,5 MB = 6,5 MB', 'bytes')).toMatchObject({
      value: 6_500_000,
      working: [{ text: '4 MB + 2.5 MB', agrees: true }],
    });
  });

  test('a comma followed by a space is punctuation, not a decimal comma', () => {
    // "7, 5": two figures (7 and 5), not 7.5; two different figures in one statement are refused.
    expect(() => parseQuantity('7, 5', 'count')).toThrow('states two different figures, 7 and 5');
  });

  test('a number with a second comma is neither: "1,23,456" stays refused', () => {
    expect(() => parseQuantity('1,23,456', 'count')).toThrow('"1,23,456" is not a number');
  });
});

describe('an operator spelt out between two figures is working, checked like its symbol', () => {
  test.each([
    // 16,384 + 64 = 16,448, not 16,500: the slip is named.
    ['16,384 plus 64 = 16,500', '16,384 + 64', 16_448, false],
    // 32 − 7 = 25, not 24.
    ['32 minus 7 = 24', '32 - 7', 25, false],
    // 64 · 256 = 16,384: it agrees.
    ['64 multiplied by 256 = 16,384', '64 * 256', 16_384, true],
    // 448 / 32 = 14: it agrees.
    ['448 divided by 32 = 14', '448 / 32', 14, true],
  ] as const)('%j: the step %j makes %d', (answer, step, value, agrees) => {
    expect(parseQuantity(answer, 'count').working).toEqual([
      expect.objectContaining({ text: step, value, agrees }),
    ]);
  });

  test('words before a spelt operator label the term: "9 MB for the layers plus 3.5 MB …" is 9 MB + 3.5 MB', () => {
    // 9 MB + 3.5 MB = 12.5 MB, not the 12.6 MB stated: the step is checked and disagrees.
    expect(
      parseQuantity('9 MB for the two largest layers plus 3.5 MB for the weights = 12.6 MB', 'bytes').working,
    ).toEqual([expect.objectContaining({ text: '9 MB + 3.5 MB', value: 12_500_000, agrees: false })]);
  });

  test('"plus" with no figure after it is a word: "roughly 16,448 plus a few" is 16,448', () => {
    // Nothing is added: the one figure stated is the answer, and no step is read.
    const parsed = parseQuantity('roughly 16,448 plus a few', 'count');
    expect(parsed.value).toBe(16_448);
    expect(parsed.working).toBeUndefined();
  });
});
