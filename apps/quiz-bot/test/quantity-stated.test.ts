import { describe, expect, test } from 'vitest';
import { parseQuantity } from '../src/grading/quantity';
import { EIGHT_BY_EIGHT_GRID } from './quantity-refusal';

/*
 * The strict reading of a stated figure, rule by rule: how scientific notation, superscripts,
 * "32×" and "mega bytes" are written plainly before anything is read (`withPlainExponents`), and
 * how the statements and the pieces set equal to each other are read (`parseStated`). It imports
 * the grading module alone, so mutation runs stay short. Every expected figure is worked out by
 * hand in the comment beside it; nothing is copied from the reader's output.
 */

describe('scientific notation is one figure, read to the digits of its mantissa', () => {
  // 9 × 10^5 = 900,000. The learner wrote one digit, so it is read to the 10^5 (a rounding to one
  // digit of 903,400), as "9e5" is: not the exact product 9 · 100,000, which would be wrong.
  test.each([
    '9 × 10^5',
    '9×10^5',
    '9 x 10 ^ 5',
    '9 X 10^5',
    '9 * 10**5',
    '9*10**5',
    '9 · 10^5',
    '9·10^+5',
    // A superscript exponent, with no sign.
    '9 × 10⁵',
    '9×10⁵',
  ])('%j is 900,000 to the 100,000', (answer) => {
    expect(parseQuantity(answer, 'count')).toMatchObject({
      value: 900_000,
      precision: 100_000,
      significantDigits: 1,
    });
  });

  test('a two-digit exponent: 1.5 × 10^12 = 1,500,000,000,000, to 10^11', () => {
    // 1.5 has one decimal: read to 0.1 × 10^12 = 10^11; two significant digits.
    for (const answer of ['1.5 × 10^12', '1.5 × 10¹²']) {
      const parsed = parseQuantity(answer, 'count');
      expect(parsed.value).toBe(1.5e12);
      expect(parsed.precision).toBeCloseTo(1e11, 0);
      expect(parsed.significantDigits).toBe(2);
    }
  });

  test('a power written "**" (as in Python) is a power, as "^" is: 2**5 = 32, not 25', () => {
    // 2^5 = 32: five halvings of the side are a factor of 32.
    expect(parseQuantity('2**5 = 32', 'ratio')).toMatchObject({
      value: 32,
      working: [{ text: '2^5', value: 32, shown: '32', equals: '32', agrees: true }],
    });
  });

  test.each([
    // U+2212 (the minus sign of a word processor) and U+2013 (an en dash) are a minus in the
    // exponent: 1.2 × 10^-3 GB = 1.2 MB = 1,200,000 bytes, read to 0.1 × 10^-3 GB = 100,000 bytes.
    '1.2 × 10^−3 GB',
    '1.2 × 10^–3 GB',
    '1.2 × 10⁻³ GB',
  ])('%j is 1,200,000 bytes, to 100,000', (answer) => {
    const parsed = parseQuantity(answer, 'bytes');
    expect(parsed).toMatchObject({ value: 1_200_000, writtenUnit: 'GB', significantDigits: 2 });
    expect(parsed.precision).toBeCloseTo(100_000, 3);
  });

  test('a minus written U+2212 or as a dash in a working subtracts: 903,400 − 700 = 902,700', () => {
    for (const answer of ['903,400 − 700 = 902,700', '903,400 – 700 = 902,700'])
      expect(parseQuantity(answer, 'count').working).toStrictEqual([
        { text: '903,400 - 700', value: 902_700, shown: '902,700', equals: '902,700', agrees: true },
      ]);
  });

  test('a working typed in full-width characters (a CJK keyboard) is read as ASCII', () => {
    // ２，８００ + ９００，６００ = 2,800 + 900,600 = 903,400: the working is checked, not skipped.
    expect(parseQuantity('２，８００ + ９００，６００ = ９０３，４００', 'count')).toMatchObject({
      value: 903_400,
      working: [{ text: '2,800 + 900,600', value: 903_400, agrees: true }],
    });
  });
});

describe('"32×" is the factor 32x; "×" before an operand multiplies', () => {
  test.each(['32×', '32 ×', 'a 32× reduction', '32 × fewer pixels'])(
    '%j as a ratio is the factor 32',
    (answer) => {
      expect(parseQuantity(answer, 'ratio')).toMatchObject({ value: 32, precision: 1, writtenUnit: 'x' });
    },
  );

  test.each([
    // 16 · 2 = 32, 2 · 16 = 32 and 64 · 0.5 = 32: an operand after "×" (a digit, a bracket, a
    // decimal point) makes it a product, checked against the figure it is set equal to.
    ['16 × 2 = 32', '16 × 2'],
    ['2 × (16) = 32', '2 × (16)'],
    ['64 × .5 = 32', '64 × .5'],
  ])('%j is a product that makes 32', (answer, text) => {
    expect(parseQuantity(answer, 'ratio')).toMatchObject({
      value: 32,
      working: [{ text, value: 32, agrees: true }],
    });
  });
});

describe('a prefix written apart from its unit is one unit', () => {
  test.each([
    // 1 MB = 10^6 bytes, one digit: to the megabyte.
    ['1 mega byte', 1_000_000, 1_000_000, 'MB'],
    // 4 KiB = 4 · 1,024 = 4,096 bytes, to 1,024.
    ['4 kibi bytes', 4_096, 1_024, 'KiB'],
    ['4 KIBI  BYTES', 4_096, 1_024, 'KiB'],
    // 2 Gbit = 2 · 10^9 bits = 2.5 · 10^8 bytes, to 1 Gbit = 1.25 · 10^8 bytes.
    ['2 giga bits', 250_000_000, 125_000_000, 'Gbit'],
    // A singular too: 3 Mbit = 3 · 10^6 / 8 = 375,000 bytes, to 1 Mbit = 125,000 bytes.
    ['3 mega bit', 375_000, 125_000, 'Mbit'],
  ] as const)('%j is %d bytes, to %d', (answer, value, precision, writtenUnit) => {
    expect(parseQuantity(answer, 'bytes')).toMatchObject({ value, precision, writtenUnit });
  });
});

describe('a grid beside its cells (pixels)', () => {
  // 8 × 8 = 64: the grid's side is 8, and 64 is its area, stated beside it, not another answer.
  test('"8 x 8 = 64" states the 8×8 grid; its cells are no step of the working', () => {
    expect(parseQuantity('8 x 8 = 64', 'pixels')).toStrictEqual(EIGHT_BY_EIGHT_GRID);
  });

  test('as a count, "8 x 8 = 64" is a product that makes 64: there is no grid', () => {
    expect(parseQuantity('8 x 8 = 64', 'count')).toMatchObject({
      value: 64,
      working: [{ text: '8 x 8', value: 64, agrees: true }],
    });
  });
});

describe('the statements of an answer', () => {
  test('a line that ends in "=" leaves no empty piece: it is still checked', () => {
    // The learner goes on on the next line: 2,800 + 900,600 = 903,400 is checked, then
    // 903,400 − 700 = 902,700 (the answer).
    expect(
      parseQuantity('2,800 + 900,600 = 903,400 =\n903,400 - 700 = 902,700', 'count').working,
    ).toStrictEqual([
      { text: '2,800 + 900,600', value: 903_400, shown: '903,400', equals: '903,400', agrees: true },
      { text: '903,400 - 700', value: 902_700, shown: '902,700', equals: '902,700', agrees: true },
    ]);
  });
});

describe('faults found while writing these tests (each failed before its fix)', () => {
  test('a superscript exponent after any number is a power: 2⁵ = 32, not 25', () => {
    // 2^5 = 32: five halvings of the side are a factor of 32. NFKC alone reads "2⁵" as "25".
    expect(parseQuantity('2⁵ = 32', 'ratio')).toMatchObject({
      value: 32,
      working: [{ text: '2^5', value: 32, agrees: true }],
    });
    expect(parseQuantity('2⁵', 'ratio').value).toBe(32);
    // 28² = 784 positions of a 28×28 map.
    expect(parseQuantity('28² = 784', 'count').working).toMatchObject([
      { text: '28^2', value: 784, agrees: true },
    ]);
  });

  test('the cells written before the grid are its area too: "64 = 8 x 8" is the 8×8 grid', () => {
    // 8² = 64: the learner states the cells, then the grid they make. It was reported as the slip
    // "you set 64 equal to 8 x 8, but they differ" (64 checked against the side, 8).
    expect(parseQuantity('64 = 8 x 8', 'pixels')).toStrictEqual(EIGHT_BY_EIGHT_GRID);
    // 2 · 32 = 64 = 8²: a working that makes the cells is their area as well, not a side of 64.
    expect(parseQuantity('2 x 32 = 64 = 8 x 8', 'pixels').working).toBeUndefined();
    // 60 is no 8²: still checked against the side, and it differs.
    expect(parseQuantity('60 = 8 x 8', 'pixels').working).toStrictEqual([
      { text: '60', value: 60, shown: '60', equals: '8 x 8', agrees: false },
    ]);
  });

  test('a bit unit spelt out in the singular is a unit: 1 megabit = 125,000 bytes', () => {
    // 1 Mbit = 10^6 bits = 125,000 bytes; 8 kbit = 8,000 bits = 1,000 bytes; 1 Gbit = 1.25 · 10^8
    // bytes. Each was refused as an unknown unit, though "megabits" and "1 megabyte" were read.
    expect(parseQuantity('1 megabit', 'bytes')).toMatchObject({
      value: 125_000,
      writtenUnit: 'Mbit',
      bits: true,
    });
    expect(parseQuantity('8 kilobit', 'bytes')).toMatchObject({ value: 1_000, writtenUnit: 'kbit' });
    expect(parseQuantity('1 gigabit', 'bytes')).toMatchObject({ value: 125_000_000, writtenUnit: 'Gbit' });
  });
});
