import { describe, expect, test } from 'vitest';
import { readChoice } from '../src/grading/choice';
import { parseQuantity, QUESTIONS } from '../src/index';
import type { ChoicePart } from '../src/questions/schemas';
import { grade, text } from './numeric-parts';

/*
 * Issue 18, stop 26: figures and choices as students write them, one case per rule. Each expected
 * value is worked out by hand in the comment beside it; the keys are Géron's (ch. 14 exercises):
 * 903,400 parameters, 12,613,600 bytes for inference, 565,613,600 bytes for training, 16,448,
 * ResNet-50's 25,557,032, an 8×8 grid, a factor of 32.
 */

describe('a memory size within 1% of the key is right (the teacher\'s standard)', () => {
  // 12.5 MB is 0.1136/12.6136 = 0.90% under 12,613,600 bytes: within 1%, though it rounds 12.6 to no
  // figure written to 0.1 MB.
  test('"12.5 MB" is 0.90% off 12.61 MB: right', () => {
    const result = grade(2, 'ram-inference', '12.5 MB');
    expect(result.score).toBe(1);
    expect(result.feedback[0]).toBe(
      'Correct: 12.5 MB is 0.90% off 12,613,600 bytes (12.61 MB, 12.03 MiB): within 1%, close enough for a memory size.',
    );
  });
  // 12.4 MB is 0.2136/12.6136 = 1.69% off: too far.
  test('"12.4 MB" is 1.69% off: wrong', () => {
    expect(grade(2, 'ram-inference', '12.4 MB').score).toBe(0);
  });
  // 526 + 36 = 562 MB is the training batch without the parameters (3.6136 MB): 0.64% off the key,
  // but it is a known mistake's figure, which a teacher who sees it names.
  test('"562 MB" is within 1% but is the parameters left out: wrong, with that said', () => {
    const result = grade(2, 'ram-training', '562 MB');
    expect(result.score).toBe(0);
    expect(text(result)).toContain('parameters must be in memory too');
  });
  // Bits are never within 1% of a size in bytes: 12.6 Mb is 1.575 MB.
  test('"12.6 Mb" (megabits) stays a wrong unit', () => {
    expect(grade(2, 'ram-inference', '12.6 Mb').score).toBe(0);
  });
});

describe('figures in words and slang', () => {
  test.each([
    // "mill" is a million as "mil" is: 25.6 × 10⁶.
    ['25.6 mill', 'count', 25_600_000],
    // "and a half" after a whole number: 12 + 0.5 = 12.5 MB; "twenty-five and a half million" 25.5 × 10⁶.
    ['roughly 12 and a half megs', 'bytes', 12_500_000],
    ['twenty-five and a half million', 'count', 25_500_000],
    // "half a gig" alone: 0.5 × 10⁹ bytes.
    ['half a gig', 'bytes', 500_000_000],
    // Beside a figure, "half a gigabyte" is a comparison: the figure, 565.6 MB, is the answer.
    ['565.6 MB, so roughly half a gigabyte', 'bytes', 565_600_000],
    // "M bytes" is MB: 12.6 × 10⁶.
    ['12.6 M bytes', 'bytes', 12_600_000],
    // A comma after the scale word of a number in words: 903 × 1000 + 400.
    ['Nine hundred and three thousand, four hundred.', 'count', 903_400],
    // "not 100% sure" says how sure, no figure: "eight" is the answer.
    ["I think it's eight but not 100% sure", 'pixels', 8],
  ] as const)('%j as %s is %d', (answer, unit, value) => {
    expect(parseQuantity(answer, unit).value).toBeCloseTo(value, 6);
  });
});

describe('numbers in a sentence that are not the answer', () => {
  test.each([
    // A denial with a verb: "doesn't give 14", then the working 14 − 7 + 1 = 8 after "so".
    ["It doesn't give 14: the valid 7×7 conv eats 6 of the 14 cells, so 8.", 'pixels', 8],
    ["it isn't 14, it is 8", 'pixels', 8],
    // A size before the thing it measures names it: "the 200×300 image" is no figure.
    ["903400 parameters, and none of them depend on the 200×300 image size, unlike a dense layer's.", 'count', 903_400],
    ['448/32 = 14, then the 7×7 conv that replaced the first dense layer gives 14 − 7 + 1 = 8 positions across.', 'pixels', 8],
    // What follows ", each" after a figure describes each thing counted: an aside.
    ['Width: 8 cells, each looking at a 224-pixel window, 32 pixels apart.', 'pixels', 8],
    // "x32" alone after a corrected figure is the factor, no running product (16 × 32).
    ['first I got x16 but then I redid it, so x32', 'ratio', 32],
  ] as const)('%j as %s is %d', (answer, unit, value) => {
    expect(parseQuantity(answer, unit).value).toBe(value);
  });
  // "an 8×8 grid" is a grid, the answer: a size before "grid" names no other thing.
  test('"an 8×8 grid of class predictions" is the grid 8', () => {
    expect(parseQuantity('an 8×8 grid of class predictions', 'pixels').value).toBe(8);
  });
  // "a 16448-parameter layer" states the count: only measures of a thing (pixel, bit…) make a name.
  test('"a 16448-parameter layer" is 16,448', () => {
    expect(parseQuantity('a 16448-parameter layer', 'count').value).toBe(16_448);
  });
});

describe('a choice read as a teacher reads it', () => {
  const part = QUESTIONS.find((q) => q.id === 5)!.parts.find((p) => p.kind === 'choice') as ChoicePart;
  // Options: a) same channel across the whole mini-batch, b) same position in neighbouring
  // channels (the key), c) all the activations of the same feature map, d) the layer's own weights.
  test.each([
    // "across" channels: the neighbouring channels (b).
    ['across channels', 1],
    ['cross-channel, same position', 1],
    // A neighbour word after its noun: "channels around it", "depth neighbours" (b).
    ['the channels around it', 1],
    ['depth neighbours', 1],
    // The whole feature map is all of one map (c).
    ['the whole feature map', 2],
    // An ordinal with hedges around it; "the last one" is the fourth (d).
    ['def the second', 1],
    ['the 2nd one i think', 1],
    ['the last one', 3],
    // "a" before a hedge or a question mark is the letter.
    ['a I think', 0],
    ['is it a?', 0],
    // Bare nouns that only one option has: "batch" is a's, "weights" d's.
    ['the batch', 0],
    ['the layer weights', 3],
  ] as const)('%j picks option %i (0 = a)', (answer, index) => {
    expect(readChoice(part, answer)).toEqual({ index });
  });
  test.each([
    // "across the batch" is all of the batch (a's), "channels around it" b's: two options.
    ['across the batch, channels around it'],
    // A noun named to be rejected picks nothing: "not the batch".
    ['not the batch'],
  ])('%j picks nothing', (answer) => {
    expect(readChoice(part, answer)).toHaveProperty('invalid');
  });
});
