import { describe, expect, test } from 'vitest';
import { parseQuantity } from '../src/grading/quantity';

/*
 * Issue 18, stop 32: which stated figure is the answer when the learner states it first and then
 * gives an example or a part of it. Answers are the lead's own phrasings (none from a labelled
 * set); every expected figure is worked out by hand beside it.
 */

describe('a stride in pixels is the factor', () => {
  test.each([
    // One output step per 32 input pixels: the factor is 32.
    ['32 px', 32],
    ['an output stride of 32 pixels', 32],
    ['the stride is 16 px', 16],
  ])('%j reads %d', (text, value) => {
    expect(parseQuantity(text, 'ratio').value).toBe(value);
  });

  test('a unit of memory is still refused for a factor', () => {
    expect(() => parseQuantity('32 MB', 'ratio')).toThrow(/unknown unit "MB"/);
  });
});

describe('for a factor, a statement in words naming two sizes the factor apart is an example of it', () => {
  test.each([
    // 224 / 7 = 32 (a square grid 7x7 is its side 7).
    ['32; a 224 image becomes 7x7', 32],
    // 448 / 14 = 32.
    ["it's 32, so a 448 input gives 14", 32],
    // 64 / 2 = 32.
    ['32, the final map is 2x2 for a 64 input', 32],
    // 224 / 7 = 32, sizes in pixels.
    ['32, e.g. 224 px in, 7 px out', 32],
    // 128 / 8 = 16: the wrong factor, read as stated.
    ['16, so a 128 input gives 8', 16],
    // "ResNet-50" and "conv5" name things: their numbers are no sizes (224 / 7 = 32).
    ['32; ResNet-50 turns a 224 image into 7x7', 32],
    ['32; conv5 outputs 7x7 for a 224 input', 32],
  ])('%j reads %d', (text, value) => {
    expect(parseQuantity(text, 'ratio').value).toBe(value);
  });

  test('sizes that are not the factor apart are another figure: two figures, refused', () => {
    // 448 / 12 is not 32: "12" is not an example of 32, so the answer states two figures.
    expect(() => parseQuantity('32, so a 448 input gives 12', 'ratio')).toThrow(/two different figures/);
  });

  test('a bare pair without words keeps its older reading (a step of its own): "16; 128 -> 8" is 8', () => {
    expect(parseQuantity('16; 128 -> 8', 'ratio').value).toBe(8);
  });

  test('a non-square grid is no example: "32, the map is 7x5 for 224" states other figures', () => {
    expect(() => parseQuantity('32, the map is 7x5 for 224', 'ratio')).toThrow(
      /two different figures|not square/,
    );
  });

  test('after a colon, two sizes the factor apart illustrate the figure before it', () => {
    // 224 / 7 = 32: "32: 224 -> 7" is 32, with no working slip (the arrow is no equation here).
    const read = parseQuantity('32: 224 -> 7', 'ratio');
    expect(read.value).toBe(32);
    expect(read.working ?? []).toEqual([]);
    // 224 / 14 = 16, not 32: the pair is not an example of 32, and the older reading (the figure
    // after the arrow) stands.
    expect(parseQuantity('32: 224 -> 14', 'ratio').value).toBe(14);
  });
});

describe('a figure introduced as a part of the one before is no answer', () => {
  test.each([
    // 25.6M is the answer; "about 2M" is the part in the dense layer.
    ["it's 25.6M, of which about 2M are in the final dense layer", 25_600_000],
    ['25.6M including 2M in the fc layer', 25_600_000],
    ['25,557,032, of which 2,049,000 in the classifier', 25_557_032],
  ])('%j reads %d', (text, value) => {
    expect(parseQuantity(text, 'count').value).toBe(value);
  });
});

describe('a number after a label word that an operator goes on from is a term of working', () => {
  test('"fc 2048*1000+1000 = 2,049,000" checks the sum: 2,048,000 + 1,000 = 2,049,000, no slip', () => {
    const read = parseQuantity('fc 2048*1000+1000 = 2,049,000', 'count');
    expect(read.value).toBe(2_049_000);
    expect(read.working).toEqual([expect.objectContaining({ value: 2_049_000, agrees: true })]);
  });

  test.each([
    // A size after "conv" names the layer: its product goes on to no operator (review 32).
    ['the conv 2×2 layer adds 16,448', 16_448],
    ['a conv 2x2 layer has 16,448 params', 16_448],
    ['16,448 for the conv 2x2', 16_448],
  ])('%j reads %d', (text, value) => {
    expect(parseQuantity(text, 'count').value).toBe(value);
  });

  test('"layer 2 180,200" keeps "layer 2" a name (no operator after the 2)', () => {
    expect(parseQuantity('layer 2: 180,200', 'count').value).toBe(180_200);
  });
});

describe("a grid's side: the times a window fits, and the map it slides over", () => {
  test.each([
    // 14 - 7 + 1 = 8 positions: "fits 8 times" states the side 8; the 14x14 map and the 7x7
    // window are what it is worked from.
    ['8 wide, the 7x7 window fits 8 times across the 14x14 map', 8],
    ['it fits 8 times', 8],
    ['the 7x7 conv slides to 8 positions on the 14x14 map', 8],
    // A map as the result stays the answer, with or without a preposition (review 32).
    ['the output is an 8x8 map', 8],
    ['predictions over an 8 × 8 map', 8],
    ['class scores on an 8x8 map', 8],
    ['8x8, from the 14x14 map', 8],
  ])('%j reads %d', (text, value) => {
    expect(parseQuantity(text, 'pixels').value).toBe(value);
  });
});

describe('a part included in the answer', () => {
  test('"903,400 once you include the 700 biases" is 903,400 (the 700 biases are part of it)', () => {
    expect(parseQuantity('903,400 once you include the 700 biases', 'count').value).toBe(903_400);
  });

  test.each([
    // With no figure before it, "includes" is a verb like any other (review 32).
    ['The CNN includes 903,400 parameters', 'count', 903_400],
    ['total including about 903,400', 'count', 903_400],
    // The part that is the question's own quantity is the answer: trainable, one instance.
    ['25,663,325 in the state dict, including 25,557,032 trainable', 'count', 25_557_032],
    ['565.6 MB for a batch of 50, of which 12.6 MB for a single instance', 'bytes', 12_600_000],
  ] as const)('%j as %s reads %d', (text, unit, value) => {
    expect(parseQuantity(text, unit).value).toBe(value);
  });
});

describe('"-ish" after a figure says "about"', () => {
  test.each([
    ['903k-ish', 'count', 903_000],
    ['12.6MB-ish', 'bytes', 12_600_000],
    ['32ish', 'ratio', 32],
  ] as const)('%j as %s reads %d', (text, unit, value) => {
    expect(parseQuantity(text, unit).value).toBe(value);
  });

  test('a rough figure then the exact one: "like 903k-ish, 903,400 exactly" is 903,400', () => {
    expect(parseQuantity('like 903k-ish, 903,400 exactly', 'count').value).toBe(903_400);
  });
});

describe('a spaced hyphen after the first figure, with words after it, opens its explanation', () => {
  test('"903,400 - 2,800 for the first, 180,200 for the second and 720,400 for the third" is 903,400', () => {
    // 2,800 + 180,200 + 720,400 = 903,400: the breakdown of the answer, not a subtraction.
    expect(
      parseQuantity(
        '903,400 - 2,800 for the first, 180,200 for the second and 720,400 for the third',
        'count',
      ).value,
    ).toBe(903_400);
  });

  test('without words it stays a subtraction: "903,400 - 2,800" is 900,600', () => {
    expect(parseQuantity('903,400 - 2,800', 'count').value).toBe(900_600);
  });

  test.each([
    // Figures after the hyphen that do not add up to the one before, or working: a subtraction
    // (review 32). 14 - 7 + 1 = 8; 903,400 - 700 = 902,700; 565.6 MB - 36 MB = 529.6 MB.
    ['14 - 7 + 1 gives 8', 'pixels', 8],
    ['903,400 - 700 biases', 'count', 902_700],
    ['565.6 MB - 36 MB for the inputs', 'bytes', 529_600_000],
  ] as const)('%j as %s reads %d', (text, unit, value) => {
    expect(parseQuantity(text, unit).value).toBeCloseTo(value, 0);
  });
});

describe('the other quantity said beside the answer: memory beside a count, a count of values beside memory', () => {
  test.each([
    // 25.6M parameters; "~100 MB in float32" is their size in memory (25.6M x 4 bytes), a remark.
    ['25.6M params, ~100 MB in float32', 25_600_000],
    ['25.6M params which is ~102MB at fp32', 25_600_000],
    ['25.6 million parameters, about 102 million bytes', 25_600_000],
  ])('%j as a count reads %d', (text, value) => {
    expect(parseQuantity(text, 'count').value).toBe(value);
  });

  test('a figure in a unit of memory alone is still refused for a count', () => {
    expect(() => parseQuantity('3.6 MB', 'count')).toThrow(/unit of memory/);
  });

  test.each([
    // The memory is the answer when it comes first, or when working goes on to it: a count was
    // asked, the memory of 903,400 float32 weights (3.6 MB) was given.
    '3.6 MB, since there are 903,400 parameters',
    '903,400 * 4 bytes = 3.6 MB',
    '903,400 params = 3.6 MB',
  ])('%j answers with the memory: refused for a count', (text) => {
    expect(() => parseQuantity(text, 'count')).toThrow(/unit of memory|not a number/);
  });

  test.each([
    // 12.6 MB holds 3.15 million 4-byte floats: the count is a remark on the figure in bytes.
    ["12.6 MB, that's 3.15 million floats", 12_600_000],
    // "12.6 million bytes" is 12.6 MB.
    ['12.6 million bytes', 12_600_000],
    // With an operator it is working: 3.15M x 4 bytes = 12.6 MB.
    ['3.15M floats x 4 bytes = 12.6 MB', 12_600_000],
    // A count an "=" arrives at is a step of the working, kept (review 32).
    ['2,250,000 activations + 903,400 params = 3,153,400 floats = 12.6 MB', 12_600_000],
  ])('%j as bytes reads %d', (text, value) => {
    expect(parseQuantity(text, 'bytes').value).toBe(value);
  });
});

test('a count an "=" arrives at keeps its working whole: 2,250,000 + 903,400 = 3,153,400 agrees (review 32)', () => {
  const read = parseQuantity('2,250,000 activations + 903,400 params = 3,153,400 floats = 12.6 MB', 'bytes');
  expect(read.value).toBe(12_600_000);
  // No step is said not to add up (bf686c9 cut "= 3,153,400 floats" and set the sum against 12.6 MB).
  expect((read.working ?? []).filter((step) => !step.agrees)).toEqual([]);
});
