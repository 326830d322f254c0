import { describe, expect, test } from 'vitest';
import { parseQuantity } from '../src/grading/quantity';
import { EIGHT_BY_EIGHT_GRID, refusal } from './quantity-refusal';

/*
 * The prose reader's statements and chunks, one rule per case: labels inside a sum, words between
 * figures, "~" as "=", running totals, the area of a side, a grid beside its cells, the figure an
 * arrow leads to. Each answer here is one the strict reading refuses (words in the last statement),
 * so the prose reader is the one read. Every expected figure is worked out by hand beside it.
 */

describe('words inside a working: labels of its terms, or the end of it', () => {
  // 10.52 MB + 0.72 MB = 11.24 MB (Géron's per-image activations and input, ch. 14 ex. 2).
  const sum = {
    text: '10.52 MB + 0.72 MB',
    value: 11_240_000,
    shown: '11.24 MB',
    equals: '11.24 MB',
    agrees: true,
  };

  test.each([
    '10.52 MB of activations + 0.72 MB input makes 11.24 MB',
    'activations 10.52 MB + input 0.72 MB makes 11.24 MB',
  ])('%j: the words name the terms, the sum runs across them', (answer) => {
    expect(parseQuantity(answer, 'bytes')).toStrictEqual({
      value: 11_240_000,
      precision: 10_000,
      significantDigits: 4,
      writtenUnit: 'MB',
      written: '11.24 MB',
      unitFactor: 1_000_000,
      base: 'decimal',
      working: [sum],
    });
  });

  test('"times" between two figures multiplies; an aside of words is left out of the sum', () => {
    // 64 · 257 = 16,448.
    expect(parseQuantity('64 times 257 makes 16448', 'count').working).toStrictEqual([
      { text: '64 * 257', value: 16_448, shown: '16,448', equals: '16448', agrees: true },
    ]);
    // 6 MB + 3 MB = 9 MB; "(weights)" names the second term.
    expect(parseQuantity('6 MB + 3 MB (weights) makes 9 MB', 'bytes').working).toStrictEqual([
      { text: '6 MB + 3 MB', value: 9_000_000, shown: '9 MB', equals: '9 MB', agrees: true },
    ]);
  });

  test('a working left unfinished is no figure; a sign before a figure is kept, and refused', () => {
    expect(refusal('2,800 + makes', 'count').message).toMatch(/^"2,800 \+ makes" is not a number: /);
    expect(refusal('it is -5 MB', 'bytes').message).toMatch(/^a negative amount cannot be right: /);
  });
});

describe('statements, and "~" between figures', () => {
  test.each([
    // Two spaces before the "~", none after it, and after a bracket: each sets the sum equal to 903,400.
    ['2,800 + 900,600  ~ 903,400', '2,800 + 900,600'],
    ['(2,800 + 900,600) ~903,400', '(2,800 + 900,600)'],
  ])('%j is 2,800 + 900,600 = 903,400', (answer, text) => {
    expect(parseQuantity(answer, 'count')).toMatchObject({
      value: 903_400,
      working: [{ text, value: 903_400, agrees: true }],
    });
  });

  test('": " and a full stop before a capital end a statement; the last one is the answer', () => {
    // 16,384 weights, then 16,448 with the 64 biases: the last figure stated.
    expect(parseQuantity('the weights: 16,384. With biases: 16,448', 'count')).toMatchObject({
      value: 16_448,
      written: '16,448',
    });
  });

  test('a running total carries on from the figure the statement before arrived at', () => {
    // 10.52 + 0.72 = 11.24 (MB); × 50 = 562 MB; + 3.6 MB = 565.6 MB (Géron's training figure).
    expect(
      parseQuantity('10.52 + 0.72 = 11.24 MB; x 50 = 562 MB; + 3.6 MB weights makes 565.6 MB', 'bytes')
        .working,
    ).toMatchObject([
      { text: '10.52 + 0.72', value: 11_240_000, agrees: true },
      { text: '11.24 MB x 50', value: 562_000_000, agrees: true },
      { text: '562 MB + 3.6 MB', value: 565_600_000, agrees: true },
    ]);
    // "* 50" opens the statement as "x 50" does.
    expect(parseQuantity('10.52 + 0.72 = 11.24 MB; * 50 gives 562 MB', 'bytes').working).toMatchObject([
      { text: '10.52 + 0.72', agrees: true },
      { text: '11.24 MB * 50', value: 562_000_000, agrees: true },
    ]);
  });
});

describe('statement rules of the 09:44 mutation run, one case each', () => {
  test('an arrow needs no spaces around it: "2,800 + 900,600→903,400"', () => {
    expect(parseQuantity('2,800 + 900,600→903,400', 'count').working).toStrictEqual([
      { text: '2,800 + 900,600', value: 903_400, shown: '903,400', equals: '903,400', agrees: true },
    ]);
    // In a statement before the answer too, where only the arrow sets the sum equal to the figure.
    expect(parseQuantity('2,800 + 900,600→903,400; so 903,400 it is', 'count').working).toStrictEqual([
      { text: '2,800 + 900,600', value: 903_400, shown: '903,400', equals: '903,400', agrees: true },
    ]);
  });

  // "~" sets the sum equal to 903,400 in a statement before the answer, so that statement is
  // checked too; left as a gap, the sum and the figure would be two pieces, and nothing checked.
  test.each([
    ['2,800 + 900,600 ~903,400; so 903,400 it is'],
    ['2,800 + 900,600  ~ 903,400; so 903,400 it is'],
  ])('%j checks 2,800 + 900,600 = 903,400', (answer) => {
    expect(parseQuantity(answer, 'count')).toMatchObject({
      value: 903_400,
      working: [{ text: '2,800 + 900,600', value: 903_400, agrees: true }],
    });
  });

  // 16,384 weights, then 16,448 with the 64 biases: a comma, a full stop or a colon before words
  // ends a statement whatever the spaces after it, and the last figure is the answer.
  test.each([
    '16,384 weights,  with biases 16,448',
    '16,384 weights.  With biases 16,448',
    'weights 16,384 biases:  16,448',
  ])('%j is 16,448', (answer) => {
    expect(parseQuantity(answer, 'count')).toMatchObject({ value: 16_448, written: '16,448' });
  });

  test('"per cent" in two words is a share: 3.125 per cent is a factor of 32 (100 / 32 = 3.125)', () => {
    expect(parseQuantity('3.125 per cent of the side', 'ratio')).toMatchObject({
      value: 32,
      writtenUnit: 'x',
    });
  });

  test('two figures in one statement are one when each fits the other at the coarser place', () => {
    // 16,448 to the thousand is 16k (448 < 500): the same figure, the last one written is the answer.
    expect(parseQuantity('16,448 or 16k', 'count')).toMatchObject({ value: 16_000, precision: 1_000 });
  });
});

describe('a ratio: the side, not its area; a share of the side; a factor in words', () => {
  test.each([
    // 32² = 1,024 positions: the area beside the side. "x" after each figure changes nothing.
    ['32x on each side, so 1024x fewer positions', 32],
    // 5.5² = 30.25: a side need not be whole.
    ['5.5 on each side, so 30.25 positions', 5.5],
    // 100 / 32 = 3.125 exactly, in prose.
    ['down to 3.125% of the height and width', 32],
    // 100/32 = 3.125 → 3.1 and no other whole factor rounds to 3.1 (100/31 → 3.2, 100/33 → 3.0).
    ['a 3.1 percent share of the side', 32],
    // 100/n rounds to 1 for n = 67 … 200, and to 2e-11 for some 10^12 whole numbers: no one factor,
    // so the share stays the figure written. (Both are worked out as a range, never walked.)
    ['1%', 1],
    ['0.00000000002%', 2e-11],
    ['1/32 of the input size in each dimension', 32],
    ['it is a 32-fold reduction', 32],
    // "ResNet-50" and "conv5" are names.
    ['ResNet-50 shrinks the input by 32 by the end of conv5', 32],
  ] as const)('%j is %d', (answer, value) => {
    expect(parseQuantity(answer, 'ratio').value).toBe(value);
  });
});

describe('a grid: the side beside its cells, and the grid an arrow leads to', () => {
  test.each([
    // 8 × 8 = 64 cells: the grid's area, stated beside it, before or after.
    '64 cells, 8x8',
    '8 by 8 (64 cells)',
    '8x8 grid, 64 predictions',
    // 14 − 7 + 1 = 8: the arrow leads to the result; the map and the kernel are what it came from.
    '14x14 map, 7x7 kernel -> 8x8',
  ])('%j is the 8×8 grid', (answer) => {
    expect(parseQuantity(answer, 'pixels')).toStrictEqual(EIGHT_BY_EIGHT_GRID);
  });

  test('cells that are not the square of the side are another figure', () => {
    // 8² = 64, not 60.
    expect(refusal('8x8 grid, 60 predictions', 'pixels').message).toMatch(
      /^"8x8 grid, 60 predictions" states two different figures, 8 x 8 and 60: /,
    );
  });
});

describe('numbers spelt out, in every unit', () => {
  test.each([
    // 25 + 0.6 = 25.6, then "million": 25,600,000, to 0.1 million.
    ['twenty-five point six million', 'count', 25_600_000, 100_000],
    // 12.6 megabytes = 12,600,000 bytes, to 0.1 MB.
    ['twelve point six megabytes', 'bytes', 12_600_000, 100_000],
    // 9 · 100 + 3 = 903 thousand + 4 · 100 = 903,400, to the hundred.
    ['nine hundred and three thousand four hundred', 'count', 903_400, 100],
    ['eight by eight', 'pixels', 8, 1],
    ['a factor of thirty two', 'ratio', 32, 1],
  ] as const)('%j as %s is %d (to %d)', (said, unit, value, precision) => {
    const parsed = parseQuantity(said, unit);
    expect(parsed.value).toBeCloseTo(value, 6);
    expect(parsed.precision).toBeCloseTo(precision, 6);
  });
});

describe('figures a teacher reads past: denied, or said in passing', () => {
  test.each([
    // 2·2·64·64 = 16,384 is the count without biases; the answer says it is not that.
    ['16,448, not 16,384', 16_448],
    ['not 16,384 but 16,448', 16_448],
    ['like 16448 extra params lol', 16_448],
  ] as const)('%j is %d', (answer, value) => {
    expect(parseQuantity(answer, 'count').value).toBe(value);
  });
});

describe('a fault found while writing these tests (it failed before its fix)', () => {
  test('"i.e." ends a statement as "so" does', () => {
    // 64 · 256 = 16,384 without biases, i.e. 16,448 with them: the last figure stated. The split
    // on "i.e." needed a word character right after its last dot ("\b"), so with the usual space
    // it never split, and the answer was refused as stating two figures.
    expect(parseQuantity('64 x 256 gives 16,384 i.e. with biases 16,448', 'count')).toMatchObject({
      value: 16_448,
      written: '16,448',
    });
  });
});
