import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { gradeChoice, parseQuantity, QUESTIONS } from '../src/index';
import { grade, text } from './numeric-parts';

/*
 * Issue 18, more of the ways students write figures and picks. Every expected value is worked out
 * by hand in the comment beside it; the keys are Géron's (Hands-On ML 3rd ed., ch. 14 exercises).
 */

describe('a number spelt out is read as its digits, to the place it was said to', () => {
  test.each([
    // 9·100 = 900, + 3 = 903, ×1000 = 903,000, + 4·100 = 903,400; said to the hundred (like "903,400").
    ['nine hundred and three thousand four hundred', 'count', 903_400, 100],
    // 16·1000 + 4·100 + 48 = 16,448, to the unit.
    ['sixteen thousand four hundred and forty-eight', 'count', 16_448, 1],
    // 25 + 0.6 = 25.6, then "million": 25,600,000 to the 0.1 million.
    ['twenty-five point six million', 'count', 25_600_000, 100_000],
    // 12.6 megabytes = 12,600,000 bytes, to 0.1 MB.
    ['twelve point six megabytes', 'bytes', 12_600_000, 100_000],
    // 25·10^6 + (5·100 + 57)·10^3 + 32 = 25,557,032.
    ['twenty five million five hundred fifty-seven thousand and thirty-two', 'count', 25_557_032, 1],
    // "eight by eight" is the grid "8 by 8": its side, 8.
    ['eight by eight', 'pixels', 8, 1],
    ['a factor of thirty two', 'ratio', 32, 1],
  ] as const)('%j as %s is %d (to the nearest %d)', (answer, unit, value, precision) => {
    const parsed = parseQuantity(answer, unit);
    expect(parsed.value).toBeCloseTo(value, 6);
    expect(parsed.precision).toBeCloseTo(precision, 6);
  });

  test('a scale word with no number before it states no figure', () => {
    expect(() => parseQuantity('a lot, close to a million', 'count')).toThrow('is not a number');
    expect(() => parseQuantity('tens of millions', 'count')).toThrow('is not a number');
  });

  test('the figure said in words is graded as the figure: 903,400 is the parameter count', () => {
    expect(grade(2, 'params', 'nine hundred and three thousand four hundred').score).toBe(1);
    // 902,700 (without the biases) said in words is wrong, with the same diagnosis as in digits.
    const wrong = grade(2, 'params', 'nine hundred and two thousand seven hundred');
    expect(wrong.score).toBe(0);
    expect(text(wrong)).toContain('without the biases');
  });
});

describe('a running total: a statement opening with an operator carries on from the last figure', () => {
  // Per image 10.52 MB + 0.72 MB = 11.24 MB; × 50 = 562 MB; + 3.6 MB = 565.6 MB (Géron's figure).
  const answer =
    'per image 10.52 MB of activations + 0.72 MB input = 11.24 MB; x50 = 562 MB; + 3.6 MB weights ≈ 565.6 MB';

  test('each step is worked out again, with the figure it starts from', () => {
    const parsed = parseQuantity(answer, 'bytes');
    expect(parsed.value).toBe(565_600_000);
    expect(parsed.working).toMatchObject([
      { text: '10.52 MB + 0.72 MB', value: 11_240_000, agrees: true },
      { text: '11.24 MB x 50', value: 562_000_000, agrees: true },
      { text: '562 MB + 3.6 MB', value: 565_600_000, agrees: true },
    ]);
    expect(grade(2, 'ram-training', answer).score).toBe(1);
  });

  test('a slip in a step beside the right final figure is right, and the slip is named', () => {
    // 11.24 × 50 = 562, not 552: the final 565.6 MB is right, so full marks, and the feedback says so.
    const slipped = answer.replace('x50 = 562 MB; + 3.6 MB', 'x50 = 552 MB; + 3.6 MB');
    const result = grade(2, 'ram-training', slipped);
    expect(result.score).toBe(1);
    expect(text(result)).toContain('11.24 MB x 50 makes 562 MB, not 552 MB');
  });
});

describe('an arrow (or "=") leads to the result: the figures before it are what it was worked from', () => {
  test('"feature map 14x14, 7x7 kernel with valid padding -> 8x8" is the 8×8 grid', () => {
    expect(parseQuantity('feature map 14x14, 7x7 kernel with valid padding -> 8x8', 'pixels').value).toBe(8);
    // 14 − 7 + 1 = 8: the key of question 7.
    expect(grade(7, 'grid', 'feature map 14x14, 7x7 kernel with valid padding -> 8x8').score).toBe(1);
  });

  test('with no arrow, two different figures are still two answers', () => {
    expect(() => parseQuantity('feature map 14x14, 7x7 kernel, 8x8', 'pixels')).toThrow(
      'states two different figures',
    );
  });
});

describe('a ratio: a share of the side is the factor inverted; an area beside a side is its square', () => {
  test.each([
    // 100 / 32 = 3.125: exactly the share written.
    ['down to 3.125% of the height and width', 32],
    // 100/31 = 3.23 → 3.2, 100/32 = 3.125 → 3.1, 100/33 = 3.03 → 3.0: only 32 rounds to 3.1.
    ['3.1 percent of the side', 32],
    // 100 / 2 = 50.
    ['50% of the side', 2],
    // 100/n rounds to 3 for n = 29 … 40: no one factor, so the share stays the figure written.
    ['3%', 3],
    // 100/n rounds to 1 for n = 67 … 200: ambiguous too. Before, this share walked 10^11 values.
    ['1%', 1],
    ['1 per cent', 1],
    // 100/n rounds to 2e-11 for some 10^12 whole numbers n.
    ['0.00000000002%', 2e-11],
  ] as const)('%j is %d', (answer, value) => {
    expect(parseQuantity(answer, 'ratio').value).toBe(value);
  });

  test('the factor read from a share is the one whole number a direct search finds, or none', () => {
    // The independent computation: every n from 2 up, 100/n rounded at the share's precision.
    const bySearch = (tenths: number, decimals: number): number[] => {
      const step = 10 ** -decimals;
      const found: number[] = [];
      for (let n = 2; n <= 100 / ((tenths - 0.5) * step) + 1; n++)
        if (Math.round(100 / n / step + 1e-9) === tenths) found.push(n);
      return found;
    };
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 99_999 }), (decimals, units) => {
        const p = units * 10 ** -decimals;
        fc.pre(p < 100 && 100 / ((units - 0.5) * 10 ** -decimals) < 2e5);
        const share = `${p.toFixed(decimals)}%`;
        const found = bySearch(units, decimals);
        expect(parseQuantity(share, 'ratio').value).toBeCloseTo(found.length === 1 ? found[0]! : p, 9);
      }),
      { numRuns: 300 },
    );
  });

  test('"32 on each side, so 1024 times fewer positions": 1024 = 32², the area; the answer is 32', () => {
    expect(parseQuantity('32 on each side, so 1024 times fewer positions', 'ratio').value).toBe(32);
    expect(grade(8, 'output-stride', '32 on each side, so 1024 times fewer positions').score).toBe(1);
  });

  test('an area alone, or one that is not the square of the side, is not read back to a side', () => {
    expect(parseQuantity('1024 times fewer positions', 'ratio').value).toBe(1024);
    // 16² = 256 ≠ 1024: the last figure stated is the answer.
    expect(parseQuantity('16 on each side, so 1024 times fewer positions', 'ratio').value).toBe(1024);
    // No word of area: "32, so 1024" states 1024.
    expect(parseQuantity('32, so 1024', 'ratio').value).toBe(1024);
  });
});

describe('powers, shares, grids with their cells, and units as people spell them', () => {
  test.each([
    // 2^5 = 2·2·2·2·2 = 32: five halvings; "**" is the same power.
    ['2^5', 'ratio', 32, 1],
    ['2**5', 'ratio', 32, 1],
    ['five stride-2 stages: 2^5 = 32', 'ratio', 32, 1],
    // 1/32 of the side is a factor of 32, however the share is written.
    ['1/32', 'ratio', 32, 1],
    // "32×" with nothing after the sign is the factor 32x.
    ['32×', 'ratio', 32, 1],
    ['32× smaller', 'ratio', 32, 1],
    // 8 × 8 = 64 cells: the grid's area beside its side; the side, 8, is the answer.
    ['8 x 8 = 64 cells', 'pixels', 8, 1],
    ['8x8 grid, 64 predictions', 'pixels', 8, 1],
    ['8 by 8 = 64', 'pixels', 8, 1],
    // Units spelt the ways people write them: all 12.6 MB = 12,600,000 bytes, to 0.1 MB.
    ['12.6 megs', 'bytes', 12_600_000, 100_000],
    ['12.6 mega bytes', 'bytes', 12_600_000, 100_000],
    ['12.6 MBs', 'bytes', 12_600_000, 100_000],
    ['12.6MByte', 'bytes', 12_600_000, 100_000],
    // "mln" is a million: 25,600,000 to the 0.1 million (not 25.6 with the word dropped).
    ['25.6 mln', 'count', 25_600_000, 100_000],
  ] as const)('%j as %s is %d (to the nearest %d)', (answer, unit, value, precision) => {
    const parsed = parseQuantity(answer, unit);
    expect(parsed.value).toBeCloseTo(value, 6);
    expect(parsed.precision).toBeCloseTo(precision, 6);
  });

  test('a power in the working is checked: 2^5 is 32, not 30', () => {
    expect(parseQuantity('2^5 = 30', 'ratio').working).toMatchObject([
      { text: '2^5', value: 32, agrees: false },
    ]);
  });

  test('cells that are not the square of the side are another figure: refused as two answers', () => {
    // 8² = 64 ≠ 60.
    expect(() => parseQuantity('8x8 grid, 60 predictions', 'pixels')).toThrow('states two different figures');
    // The cells alone are the figure stated: 64, and wrong for question 7 (8).
    expect(parseQuantity('64', 'pixels').value).toBe(64);
  });
});

describe('a choice: option numbers in words, ordinals, a letter alone, and a letter against its text', () => {
  const part = QUESTIONS[4]!.parts.find((p) => p.kind === 'choice')!;
  if (part.kind !== 'choice') throw new Error('question 5 has a choice part');
  // Option b (index 1) is right: "the activations at the same position in neighbouring channels".
  test.each([
    ['option two', 1],
    ['answer: two', 1],
    ['#2', 1],
    ['the second one', 1],
    ['2nd option', 1],
    ['second', 1],
    ['I would go with B', 1],
    ['b because it is the neighbouring channels', 1],
    ['the fourth option', 0],
    ['It is d.', 0],
    ['I pick a', 0],
    // "b" opens the answer; "c" in the reason is not a second pick.
    ['b, because c is batch norm', 1],
    // A text that rejects another option agrees with its letter.
    ['b, not the weights of the layer', 1],
  ] as const)('%j scores %d', (answer, score) => {
    expect(gradeChoice(part, answer)).toMatchObject({ score });
  });

  test('a letter with the text of another option picks two: refused, naming both', () => {
    const result = gradeChoice(part, 'b, the weights of the layer');
    expect(result).toEqual({
      invalid:
        "its letter picks b but its text describes d) the layer's own weights; choose one of a, b, c, d (or 1–4)",
    });
    // The text of option a (its exact words) beside the letter c.
    expect(
      gradeChoice(part, 'c) the activations of the same channel across the whole mini-batch'),
    ).toHaveProperty('invalid');
  });

  test.each([
    // Only b has "neighbouring channels" (neighbouring feature maps): a shorter paraphrase of b.
    ['neighbouring channels', 1],
    ['the neighbouring feature maps', 1],
    // Only c has "the same feature map": c, wrong.
    ['the same feature map', 0],
  ] as const)('a shorter paraphrase %j, only pairs of one option, scores %d', (answer, score) => {
    expect(gradeChoice(part, answer)).toMatchObject({ score });
  });

  test.each([
    // "neighbouring channels" (b's) and "whole batch" (a's): two options touched, no pick.
    'neighbouring channels across the whole batch',
    // "neighbouring positions" is no option's pair: the word-order trap still picks nothing.
    'neighbouring positions in the same channel',
  ])('%j makes pairs of no single option: no pick', (answer) => {
    expect(gradeChoice(part, answer)).toHaveProperty('invalid');
  });

  test.each([
    // "first" qualifies a noun that is no option: not a pick.
    'the first layers',
    // "e.g." is an abbreviation, not the letter e (and a choice of 4 has no e).
    'e.g. something',
    'a lot of things',
  ])('%j picks nothing', (answer) => {
    expect(gradeChoice(part, answer)).toHaveProperty('invalid');
  });
});
