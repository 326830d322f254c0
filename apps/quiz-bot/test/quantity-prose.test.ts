import { describe, expect, test } from 'vitest';
import { parseQuantity, type QuantityUnit } from '../src/grading/quantity';
import { refusal } from './quantity-refusal';

/*
 * How a prose answer is read, rule by rule: the reader behind `parseQuantity` for what the strict
 * reading refuses (numbers spelt out, asides in parentheses, names and denials, statements, running
 * totals, shares of the side, the length limit), one case per rule. It imports the grading module
 * alone, so mutation runs stay short. Every expected figure is worked out by hand in the comment
 * beside it; nothing is copied from the reader's output.
 */

/** What `FORMAT_EXAMPLES` tells a learner to write, per unit (the hint every refusal ends with). */
const EXPECTED: Record<QuantityUnit, string> = {
  count: 'a number such as 1234567, 1,234,567, 1 234 567, 1.234567e6, 1.234567M or 1.234567 million',
  bytes:
    'a number of bytes such as 1234567 or 1,234,567 bytes, or with a unit: kB, MB, GB (powers of 1000) or KiB, MiB, GiB (powers of 1024)',
  ratio: 'a whole number, optionally followed by x',
  pixels: 'a whole number, or a square grid written N×N',
};

describe('a share of the side is the factor inverted, when exactly one whole factor fits', () => {
  test.each([
    // 100 / 8 = 12.5 exactly; 100 / 7 = 14.3 and 100 / 9 = 11.1 are other shares.
    ['12.5%', 8, 'x'],
    // 100 / 8 = 12.5, which a whole percent rounds half up to 13; 100 / 7 = 14.3 → 14 and
    // 100 / 9 = 11.1 → 11. The factor sits at the very end of the range that rounds to 13.
    ['13%', 8, 'x'],
    // 5.0 to the tenth, with a space before the sign: 100 / 20 = 5.0; 100 / 19 = 5.26 → 5.3 and
    // 100 / 21 = 4.76 → 4.8. (A whole "5 %" fits 19, 20 and 21: no one factor.)
    ['5.0 %', 20, 'x'],
    ['5 %', 5, ''],
    // 100 / 12 = 8.33 → 8 and 100 / 13 = 7.69 → 8: two factors fit, so the share stays as written.
    ['8%', 8, ''],
    // 100 / 2 = 50 → 50 and nothing nearer 60 (100 / 1 is the whole side): no factor fits.
    ['60%', 60, ''],
    // 100% is the whole side, and 0% nothing: neither is a share to invert.
    ['100%', 100, ''],
    ['0%', 0, ''],
  ] as const)('%j as a ratio is %d', (answer, value, writtenUnit) => {
    expect(parseQuantity(answer, 'ratio')).toMatchObject({ value, writtenUnit });
  });

  test('only one over N is the share of a side; as a count, 1/4 is a quarter', () => {
    // "1/32", with or without spaces: 1/32 of the side is a factor of 32.
    expect(parseQuantity('1/32', 'ratio')).toMatchObject({ value: 32, writtenUnit: 'x' });
    expect(parseQuantity('1 / 32', 'ratio')).toMatchObject({ value: 32, writtenUnit: 'x' });
    // 11/32 = 0.34375 is a fraction, not one over a whole number: read as the quotient.
    expect(parseQuantity('11/32', 'ratio').value).toBeCloseTo(0.343_75, 12);
    // 1/32.5 is no share of a whole factor: 1 / 32.5 = 0.030769…
    expect(parseQuantity('1/32.5', 'ratio').value).toBeCloseTo(1 / 32.5, 12);
    expect(parseQuantity('1/4', 'count').value).toBe(0.25);
  });

  test('a share set equal to its decimal is working, checked as written: 1/32 = 0.03125', () => {
    // 1 / 32 = 0.03125 exactly: the step agrees, and the answer is the figure set equal to it.
    expect(parseQuantity('1/32 = 0.03125', 'ratio')).toMatchObject({
      value: 0.031_25,
      working: [{ text: '1/32', value: 0.031_25, shown: '0.03125', equals: '0.03125', agrees: true }],
    });
    expect(parseQuantity('1/32=0.03125', 'ratio').working).toMatchObject([{ text: '1/32', agrees: true }]);
  });
});

describe('a number spelt out is read as the digits it says, and only in an answer with no digit', () => {
  test.each([
    // [said, value, place of the last digit said, significant digits]
    // 3 · 100 = 300, said to the hundred as "300" is written: one digit.
    ['three hundred', 300, 100, 1],
    // 2 · 10^6, to the million.
    ['two million', 2_000_000, 1_000_000, 1],
    // 99 · 1,000 = 99,000, to the thousand: two digits.
    ['ninety nine thousand', 99_000, 1_000, 2],
    // 1 · 100 + 5 = 105: every digit said.
    ['one hundred and five', 105, 1, 3],
    // 16 · 1,000 + 4 · 100 + 40 + 8 = 16,448, with no "and" and no hyphen.
    ['sixteen thousand four hundred forty eight', 16_448, 1, 5],
    ['nineteen', 19, 1, 2],
    ['zero', 0, 1, 1],
    // "point" then digits one by one: 2.56, to the hundredth.
    ['two point five six', 2.56, 0.01, 3],
    // An "and" with no number after it ends the number: 2 · 1,000.
    ['two thousand and', 2_000, 1_000, 1],
    // "point" with no digit after it is a word: twelve.
    ['twelve point', 12, 1, 2],
  ] as const)('%j is %d (to %d, %d digits)', (said, value, precision, digits) => {
    const parsed = parseQuantity(said, 'count');
    expect(parsed.value).toBeCloseTo(value, 9);
    expect(parsed.precision).toBeCloseTo(precision, 9);
    expect(parsed.significantDigits).toBe(digits);
  });

  test.each([
    // Two numbers said one after the other are two figures, never summed or joined.
    ['twenty twelve', '20', '12'],
    ['five twenty', '5', '20'],
    ['five and six', '5', '6'],
    // After "point" the digits come one by one: "twenty" is no digit, so it is another number.
    ['three point twenty', '3', '20'],
  ])('%j is two figures, %s and %s: refused', (said, first, second) => {
    expect(refusal(said, 'count').message).toBe(
      `"${said}" states two different figures, ${first} and ${second}: give one final figure, ${EXPECTED.count}`,
    );
  });

  test('a scale word alone is no number, and "one" beside digits is a pronoun', () => {
    expect(refusal('a hundred', 'count').message).toBe(
      `"a hundred" is not a number: expected ${EXPECTED.count}`,
    );
    // The answer has digits, so "one" is not read as 1 (which would make two figures).
    expect(parseQuantity('only one: 16448', 'count').value).toBe(16_448);
  });
});

describe('a parenthesis after a figure, or with words in it, is an aside: checked, never the answer', () => {
  test('the working in an aside is checked against the figure it is set equal to', () => {
    // 64 · 257 = 16,448: agrees. 64 · 256 = 16,384: the slip is named.
    expect(parseQuantity('16448 (64 x 257 = 16448)', 'count')).toStrictEqual({
      value: 16_448,
      precision: 1,
      significantDigits: 5,
      writtenUnit: '',
      written: '16448',
      unitFactor: 1,
      working: [{ text: '64 x 257', value: 16_448, shown: '16,448', equals: '16448', agrees: true }],
    });
    expect(parseQuantity('16448 (64 x 256 = 16448)', 'count').working).toStrictEqual([
      { text: '64 x 256', value: 16_384, shown: '16,384', equals: '16448', agrees: false },
    ]);
  });

  test('brackets inside an aside stay arithmetic: 14 − (7 − 1) = 8', () => {
    expect(parseQuantity('8 (14 − (7 − 1) = 8)', 'pixels').working).toMatchObject([
      { value: 8, equals: '8', agrees: true },
    ]);
  });

  test('an aside left open runs to the end; brackets around working alone are the working', () => {
    expect(parseQuantity('903,400 (see the notes', 'count')).toMatchObject({
      value: 903_400,
      precision: 100,
    });
    // 2,800 + 900,600 = 903,400, exact: all six digits.
    expect(parseQuantity('(2,800 + 900,600) parameters', 'count')).toMatchObject({
      value: 903_400,
      precision: 1,
      significantDigits: 6,
    });
  });
});

describe('a number that names something, or that the answer denies, is not a figure', () => {
  test.each([
    ['layer 2 has 16,448 weights', 'count', 16_448],
    ['option 2: 16448', 'count', 16_448],
    // "VGG16" is a name; 138M is 138 million.
    ['VGG16 has 138M parameters', 'count', 138_000_000],
    // "x32" is a factor, not a name glued to a word.
    ['the output is x32 smaller', 'ratio', 32],
  ] as const)('%j as %s is %d', (answer, unit, value) => {
    expect(parseQuantity(answer, unit).value).toBe(value);
  });

  test('commas that are not thousands separators make no number: "1,23,456"', () => {
    expect(refusal('total is 1,23,456', 'count').message).toBe(
      `"1,23,456" is not a number: expected ${EXPECTED.count}`,
    );
  });
});

describe('statements: arrows lead to the figure, and words start a new statement', () => {
  // 2,800 + 900,600 = 903,400: each arrow sets the working equal to the figure after it.
  test.each(['→', '->', '=>', '⇒', '⟹', '≈', '≃', '=~', '~'])('"2,800 + 900,600 %s 903,400"', (arrow) => {
    expect(parseQuantity(`2,800 + 900,600 ${arrow} 903,400 in all`, 'count')).toStrictEqual({
      value: 903_400,
      precision: 100,
      significantDigits: 4,
      writtenUnit: '',
      written: '903,400',
      unitFactor: 1,
      working: [
        { text: '2,800 + 900,600', value: 903_400, shown: '903,400', equals: '903,400', agrees: true },
      ],
    });
  });

  // 64 · 256 = 16,384 (the weights), then 16,384 + 64 = 16,448 (with the biases): both checked.
  test.each(['so', 'then', 'thus', 'hence', 'therefore'])('"… %s …" ends a statement', (word) => {
    expect(parseQuantity(`it is 64 x 256 = 16,384 ${word} 16,384 + 64 makes 16,448`, 'count')).toMatchObject({
      value: 16_448,
      written: '16,448',
      working: [
        { text: '64 x 256', value: 16_384, agrees: true },
        { text: '16,384 + 64', value: 16_448, agrees: true },
      ],
    });
  });

  test('a running total: a statement opening with an operator starts from the figure before it', () => {
    // 10.52 + 0.72 = 11.24 (MB); then × 50 = 562 MB, read as "11.24 MB x 50 = 562 MB".
    expect(parseQuantity('10.52 + 0.72 = 11.24 MB; x50 gives 562 MB', 'bytes').working).toMatchObject([
      { text: '10.52 + 0.72', value: 11_240_000, agrees: true },
      { text: '11.24 MB x 50', value: 562_000_000, agrees: true },
    ]);
  });

  test('two different figures are refused, the answer cut to 40 characters in the message', () => {
    // 44 characters: the first 39 and an ellipsis.
    expect(refusal('the output is 8 on one side or maybe it is 9', 'pixels').message).toBe(
      `"the output is 8 on one side or maybe it…" states two different figures, 8 and 9: give one final figure, ${EXPECTED.pixels}`,
    );
  });
});

describe('scientific notation and units as people type them', () => {
  test.each([
    // 1.2 × 10^-3 GB = 1.2 MB = 1,200,000 bytes, to 0.1 × 10^-3 GB = 100,000 bytes.
    ['1.2 × 10⁻³ GB', 'bytes', 1_200_000, 100_000],
    // 5 × 10^+2 = 500, to the hundred.
    ['5 × 10⁺²', 'count', 500, 100],
    ['9.034 x 10**5', 'count', 903_400, 100],
    // 12.6 kB = 12,600 bytes, to 0.1 kB.
    ['12.6 kilo bytes', 'bytes', 12_600, 100],
    // 100 Mbit = 10^8 bits = 12,500,000 bytes, read to 100 Mbit (a whole number's zeros say nothing).
    ['100 mega bits', 'bytes', 12_500_000, 12_500_000],
  ] as const)('%j as %s is %d (to %d)', (answer, unit, value, precision) => {
    const parsed = parseQuantity(answer, unit);
    expect(parsed.value).toBeCloseTo(value, 6);
    expect(parsed.precision).toBeCloseTo(precision, 6);
  });

  test('a dash before words is no minus; a sign before a figure is', () => {
    expect(parseQuantity('12.6 MB - that is my answer', 'bytes').value).toBe(12_600_000);
    expect(refusal('-5 MB', 'bytes').message).toBe(
      `a negative amount cannot be right: expected ${EXPECTED.bytes}`,
    );
  });
});

describe('the longest prose read is 600 characters', () => {
  // Filler words then the figure: 594 + 1 + 5 = 600 characters are read, 601 are not.
  test('600 characters are read as prose, 601 keep the first refusal', () => {
    expect(parseQuantity(`${'a'.repeat(594)} 16448`, 'count').value).toBe(16_448);
    expect(refusal(`${'a'.repeat(595)} 16448`, 'count').message).toBe(
      `the answer is 601 characters long, too long for a figure and its working: expected ${EXPECTED.count}`,
    );
  });
});

describe('faults found while writing these tests (each failed before its fix)', () => {
  test('a number hyphened to a label word names something: "a 3-layer net with 16448 params"', () => {
    // "3-layer" names the network as "layer 3" would; 16,448 is the figure. It was read as the
    // working 3 − 16,448 (the hyphen taken for a minus), negative, and the answer refused.
    expect(parseQuantity('a 3-layer net with 16448 params', 'count')).toMatchObject({
      value: 16_448,
      written: '16448',
    });
    expect(parseQuantity('a 2-stage net: 16448', 'count').value).toBe(16_448);
    // A figure hyphened to a word that names nothing is still the figure.
    expect(parseQuantity('a 16448-parameter layer', 'count').value).toBe(16_448);
  });

  test('a product that is not square, set equal to a figure, is working for a grid: 16 x 2 = 32', () => {
    // 16 · 2 = 32. It was taken for a grid 16×2, refused as "not square" although it was working.
    expect(parseQuantity('16 x 2 = 32', 'pixels')).toStrictEqual({
      value: 32,
      precision: 1,
      significantDigits: 2,
      writtenUnit: '',
      written: '32',
      unitFactor: 1,
      working: [{ text: '16 x 2', value: 32, shown: '32', equals: '32', agrees: true }],
    });
    // In an aside: 4 · 2 = 8, the side 8 is the answer.
    expect(parseQuantity('8 (4 x 2 = 8)', 'pixels')).toMatchObject({
      value: 8,
      working: [{ text: '4 x 2', value: 8, agrees: true }],
    });
    // Alone, a grid that is not square is still refused: the side is asked for.
    expect(refusal('16x2', 'pixels').message).toBe(
      `a 16×2 grid is not square; give its side: expected ${EXPECTED.pixels}`,
    );
  });
});
