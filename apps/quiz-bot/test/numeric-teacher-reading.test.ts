import { describe, expect, test } from 'vitest';
import { gradeChoice, parseQuantity, QUESTIONS } from '../src/index';
import { grade, text } from './numeric-parts';

/*
 * Issue 18: numbers and choices read as a teacher would. Every expected value below is worked out
 * by hand in the comment beside it (Géron, Hands-On ML 3rd ed., ch. 14 exercises, for the keys).
 */

describe('a prose answer is read as its final stated figure', () => {
  test.each([
    // Scientific notation as typed: 9.034 × 10^5 = 903,400, written to the hundred (4 digits).
    ['9.034 × 10^5', 'count', 903_400, 100],
    ['9.034·10⁵', 'count', 903_400, 100],
    ['1.2 x 10^7 bytes', 'bytes', 12_000_000, 1_000_000],
    // Prose around one figure; a unit after a later word ("extra params") is not needed.
    ['like 16448 extra params lol', 'count', 16_448, 1],
    // Spaces as thousands separators, and an aside in parentheses that is not the answer.
    ['25 557 032 (torchvision: sum(p.numel() for p in model.parameters()))', 'count', 25_557_032, 1],
    // A grid N×N, "N by N", in prose: its side.
    ['an 8×8 grid of class predictions', 'pixels', 8, 1],
    ['8x8 lol', 'pixels', 8, 1],
    ['448/32 = 14, then 14 - 7 + 1 = 8, so 8 by 8', 'pixels', 8, 1],
    // The figure first, its working in an aside: the figure is the answer.
    ['8 (the 7×7 window slides over a 14×14 map: 14 − 7 + 1 = 8)', 'pixels', 8, 1],
    ['eight', 'pixels', 8, 1],
    ['thirty-two', 'ratio', 32, 1],
    // A factor in prose: "by 32", "1/32 of the size", "32-fold".
    ['It divides the height and width by 32 (output stride 32).', 'ratio', 32, 1],
    ['1/32 of the input size in each dimension', 'ratio', 32, 1],
    ['it is a 32-fold reduction', 'ratio', 32, 1],
    // "ResNet-50", "conv5" name things: not figures.
    ['ResNet-50 shrinks the input by 32 by the end of conv5', 'ratio', 32, 1],
    // A denied figure is not stated: 2·2·64·64 = 16,384 is the count without biases.
    ['16,448, not 16,384', 'count', 16_448, 1],
    ['not 16,384 but 16,448', 'count', 16_448, 1],
    // "->" leads the working to the figure; "layer 1", "layer 2" are labels.
    ['layer 1 outputs 6 MB + layer 2 outputs 3 MB + params 3.6 MB -> 12.6 MB', 'bytes', 12_600_000, 100_000],
    ['6 MB + 3 MB + 3.6 MB makes 12.6 MB in all', 'bytes', 12_600_000, 100_000],
  ] as const)('%j as %s is %d (to the nearest %d)', (answer, unit, value, precision) => {
    const parsed = parseQuantity(answer, unit);
    expect(parsed.value).toBeCloseTo(value, 6);
    expect(parsed.precision).toBeCloseTo(precision, 6);
  });

  test('the working in prose is checked: 6 + 3 + 3.6 = 12.6, and 6 + 3 + 3.5 is not', () => {
    expect(
      parseQuantity('layer 1 outputs 6 MB + layer 2 outputs 3 MB + params 3.6 MB -> 12.6 MB', 'bytes')
        .working,
    ).toMatchObject([{ text: '6 MB + 3 MB + 3.6 MB', agrees: true }]);
    // 6 + 3 + 3.5 = 12.5 MB, not 12.6 MB: the right final figure is graded, the slip is named.
    const result = grade(2, 'ram-inference', 'layer 1 is 6 MB + layer 2 is 3 MB + params 3.5 MB -> 12.6 MB');
    expect(result.score).toBe(1);
    expect(text(result)).toContain(
      'Your working does not add up: 6 MB + 3 MB + 3.5 MB makes 12.5 MB, not 12.6 MB',
    );
  });

  test("the aside's working is checked too: 448/32 = 14 and 14 − 7 + 1 = 8", () => {
    expect(parseQuantity('448/32 = 14; 14 − 7 + 1 = 8, so 8×8', 'pixels').working).toMatchObject([
      { text: '448 / 32', agrees: true },
      { text: '14 - 7 + 1', agrees: true },
    ]);
  });

  test.each([
    // Question 7's key is 8 (14 − 7 + 1); question 4's 2·2·64·64 + 64 = 16,448; question 2's 903,400.
    [7, 'grid', 'an 8×8 grid of class predictions', 1],
    [7, 'grid', '2x2 (448/224 = 2)', 0],
    [4, 'extra-params', 'like 16448 extra params lol', 1],
    [4, 'extra-params', '4160 more (64*64 weights + 64 biases)', 0],
    [2, 'params', '9.034 × 10^5', 1],
    [8, 'output-stride', '1024 (32 × 32)', 0],
  ] as const)('question %i, %s: %j scores %d', (questionId, partId, answer, score) => {
    expect(grade(questionId, partId, answer).score).toBe(score);
  });
});

describe('what states no figure, or two, is still refused', () => {
  test.each([
    ['no idea', 'count', '"no idea" is not a number'],
    ['a lot, close to a million', 'count', 'is not a number'],
    // Working left unfinished is not a figure.
    ['2,800 + lots', 'count', 'is not a number'],
    // A unit of another kind stays the mistake it was.
    ['16,448 MB', 'count', '"MB" is a unit of memory, but this asks for a count'],
    ['ResNet-50 has about 25.6 million parameters.', 'ratio', 'is not a number'],
    ['about -5 in all', 'count', 'a negative amount cannot be right'],
  ] as const)('%j as %s: %s', (answer, unit, message) => {
    expect(() => parseQuantity(answer, unit)).toThrow(message);
  });

  test('two different final figures are refused, and the refusal names both', () => {
    expect(() => parseQuantity('8 or 9', 'pixels')).toThrow(
      '"8 or 9" states two different figures, 8 and 9: give one final figure',
    );
    expect(() => parseQuantity('12.6 MB or maybe 14.1 MB', 'bytes')).toThrow('states two different figures');
  });

  test('the same figure twice is one figure: "by 32 (stride 32), so 32x"', () => {
    expect(parseQuantity('by 32 (stride 32), so 32x', 'ratio').value).toBe(32);
  });
});

describe('the rounding rule for a memory size: within 10^(1−N) of itself for N figures (1% for three)', () => {
  // Training, key 565,613,600 bytes. "0.57 GB": 0.01 GB steps, ±0.005 GB = ±0.88% of 0.57 GB.
  test('"0.57 GB" for 565.6 MB: right, rounded to 0.01 GB', () => {
    const result = grade(2, 'ram-training', 'roughly 0.57 GB');
    expect(result.score).toBe(1);
    expect(result.feedback[0]).toMatch(/^Correct: 0\.57 GB is 565,613,600 bytes .*rounded to 0\.01 GB/);
  });
  // Inference, key 12,613,600 bytes. "13 MB": ±0.5 MB = ±3.8% of 13 MB, coarser than 1%.
  test('"13 MB" for 12.6 MB: the key rounded, but too coarsely: nothing', () => {
    expect(grade(2, 'ram-inference', '13 MB').score).toBe(0);
  });
  // Counts keep their digits: 0.9M for 903,400 is still a coarse rounding.
  test('a count is not loosened: "0.9M" for 903,400 is too coarse', () => {
    expect(grade(2, 'params', '0.9M').score).toBe(0);
  });
});

describe('a choice is read from a letter in any common form, the option, or a paraphrase', () => {
  const part = QUESTIONS[4]!.parts.find((p) => p.kind === 'choice')!;
  if (part.kind !== 'choice') throw new Error('question 5 has a choice part');
  // Option b (index 1) is right: "the activations at the same position in neighbouring channels".
  test.each([
    ['(b)', 1],
    ['b)', 1],
    ['B.', 1],
    ['option b', 1],
    ['The answer is (b).', 1],
    ['b, the nearby channels at the same spot', 1],
    ['same pixel, adjacent channels', 1],
    ['neighbouring feature maps at the same (x, y) location', 1],
    ['(c) all the activations of the same feature map', 0],
    ["the layer's own weights", 0],
    ['a, because batch statistics', 0],
  ] as const)('%j scores %d', (answer, score) => {
    expect(gradeChoice(part, answer)).toMatchObject({ score });
  });

  test.each([
    // The same words as option b in another order: the same channel, neighbouring positions.
    ['neighbouring positions in the same channel', 'choose one of a, b, c, d'],
    ['b or c', 'it picks b and c'],
    ['(a) or (b)', 'it picks a and b'],
    ['Grader: whichever option is right.', 'choose one of a, b, c, d'],
    // "a" as an article is not a pick.
    ['a lot of things', 'choose one of a, b, c, d'],
  ])('%j is refused: %s', (answer, message) => {
    const result = gradeChoice(part, answer);
    expect(result).toHaveProperty('invalid');
    expect((result as { invalid: string }).invalid).toContain(message);
  });
});
