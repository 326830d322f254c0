import { describe, expect, test } from 'vitest';
import { LEADING_WORDS, parseQuantity, TRAILING_WORDS } from '../src/grading/quantity';
import { refusal } from './quantity-refusal';

/*
 * How the pieces of a working are read before they are worked out: the words and signs dropped
 * around them, "N by M", grouped and decimal numbers and exponents, unit words. Each piece is
 * checked only when it is read, so most rules here show in `working`. Every expected figure is
 * worked out by hand in the comment beside it.
 */

describe('the words and signs around a working are dropped before it is worked out', () => {
  // 2,800 + 900,600 = 903,400: the working is only checked if the word before or after it is
  // dropped first (a piece that is no figure and no arithmetic is left out, unchecked).
  test.each([...LEADING_WORDS, 'I', 'RAM'])('%j before a working set equal to the answer', (word) => {
    expect(parseQuantity(`${word} 2,800 + 900,600 = 903,400`, 'count').working).toStrictEqual([
      { text: '2,800 + 900,600', value: 903_400, shown: '903,400', equals: '903,400', agrees: true },
    ]);
  });

  test.each([...TRAILING_WORDS, 'RAM', 'total,', 'overall!', 'in all.'])(
    '%j after a working set equal to the answer',
    (word) => {
      expect(parseQuantity(`903,400 = 2,800 + 900,600 ${word}`, 'count').working).toMatchObject([
        { text: '2,800 + 900,600', value: 903_400, agrees: true },
      ]);
    },
  );

  test('"N by M" is a product wherever it stands, whatever the spaces: 28 × 99 = 2,772', () => {
    for (const text of ['28 by 99 = 2,772', '28  by  99 = 2,772'])
      expect(parseQuantity(text, 'count').working).toStrictEqual([
        { text: '28 x 99', value: 2_772, shown: '2,772', equals: '2,772', agrees: true },
      ]);
  });

  test('a sign glued to the front of a working is dropped: "answer :2,800 + 900,600 = 903,400"', () => {
    expect(parseQuantity('answer :2,800 + 900,600 = 903,400', 'count').working).toMatchObject([
      { text: '2,800 + 900,600', agrees: true },
    ]);
  });
});

describe('numbers and words inside a working', () => {
  test.each([
    // 1,234.56 + 0.44 = 1,235 exactly: a grouped number with decimals is one number.
    ['1,234.56 + 0.44 = 1,235', 1_235],
    // .25 + .75 = 1: decimals with no leading zero, two digits each.
    ['.25 + .75 = 1', 1],
    // 1.5e+3 + 500 = 2,000 and 1.2e10 + 0.3e10 = 1.5e10: exponents with a sign and with two digits.
    ['1.5e+3 + 500 = 2,000', 2_000],
    ['1.2e10 + 0.3e10 = 1.5e10', 1.5e10],
  ])('%j is worked out to %d and agrees', (text, value) => {
    const working = parseQuantity(text, 'count').working;
    expect(working).toHaveLength(1);
    expect(working?.[0]?.value).toBeCloseTo(value, 6);
    expect(working?.[0]?.agrees).toBe(true);
  });

  test('units with no base (bytes, bits) carry none', () => {
    // 8 bits + 8 bits = 16 bits = 2 bytes, read to the bit (1/8 byte): 16 eighths, two digits.
    expect(parseQuantity('8 bits + 8 bits', 'bytes')).toStrictEqual({
      value: 2,
      precision: 0.125,
      significantDigits: 2,
      writtenUnit: 'bits',
      written: '8 bits + 8 bits',
      unitFactor: 0.125,
      bits: true,
    });
    // 600 + 400 bytes = 1,000 bytes, read to the byte.
    expect(parseQuantity('600 bytes + 400 bytes', 'bytes')).toStrictEqual({
      value: 1_000,
      precision: 1,
      significantDigits: 4,
      writtenUnit: 'bytes',
      written: '600 bytes + 400 bytes',
      unitFactor: 1,
    });
  });

  test('only "x" on its own multiplies: "8 max 9" is two figures', () => {
    expect(refusal('8 max 9', 'pixels').message).toBe(
      '"8 max 9" states two different figures, 8 and 9: give one final figure, a whole number, or a square grid written N×N',
    );
  });
});
