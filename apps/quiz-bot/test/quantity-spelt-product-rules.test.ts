/**
 * A product spelt "x" or "times" after a labelled figure is working (stop 33): "903,400 parameters x
 * 4 bytes = 3.6 MB" arrives at the memory, as "903,400 x 4 bytes = 3.6 MB" does, so for a count its
 * final value is a unit of memory (the labelling standard reads a figure with working as its final
 * value). The figures: 903,400 float32 parameters take 903,400 × 4 = 3,613,600 bytes; 3,153,400
 * float32 values 12,613,600 bytes (Géron ch. 14, exercise 2).
 */
import { describe, expect, test } from 'vitest';
import { parseQuantity } from '../src/grading/quantity';

describe('a labelled figure times a size in bytes is working that arrives at memory', () => {
  test.each([
    '903,400 parameters x 4 bytes = 3.6 MB',
    '903,400 params × 4 B = 3.6 MB',
    '25.6M weights times 4 bytes is 102.4 MB',
  ])('%j answers with the memory: refused for a count', (text) => {
    expect(() => parseQuantity(text, 'count')).toThrow(/unit of memory|not a number/);
  });

  test.each([
    ['3,153,400 floats x 4 bytes = 12.6 MB', 12_600_000],
    ['3,153,400 values times 4 bytes = 12.6 MB', 12_600_000],
  ] as const)('%j as bytes reads %d, its working checked and agreeing', (text, value) => {
    const read = parseQuantity(text, 'bytes');
    expect(read.value).toBe(value);
    expect(read.working?.length ?? 0).toBeGreaterThan(0);
    expect((read.working ?? []).filter((step) => !step.agrees)).toEqual([]);
  });

  test('a wrong product is said not to add up: 3,153,400 floats x 4 bytes is not 13.6 MB', () => {
    const read = parseQuantity('3,153,400 floats x 4 bytes = 13.6 MB', 'bytes');
    expect(read.value).toBe(13_600_000);
    expect((read.working ?? []).some((step) => !step.agrees)).toBe(true);
  });
});

describe('the memory of a count, told with its precision, stays a remark beside the count', () => {
  test.each([
    ['903,400 params which at 32 bits is 3.6 MB', 903_400],
    ['25.6 million parameters, which in fp32 is about 102 MB', 25_600_000],
    // Near miss (unchanged): the remark without a precision phrase.
    ['25.6M params which is ~102MB at fp32', 25_600_000],
  ] as const)('%j as a count reads %d', (text, value) => {
    expect(parseQuantity(text, 'count').value).toBe(value);
  });
});

/*
 * One list of lead words for both directions (stop 34): "that's", "which at 32 bits is" lead to the
 * same figure restated in the other unit, for a count (its memory) as for memory (its values). Before,
 * the memory side had no precision phrase: "12.6 MB, which at 32 bits is 3.15M floats" was read as
 * two different figures. (The count side's rows passed before too: its lead words are optional, so
 * "that's" only left a word behind; they guard the shared list.)
 */
describe('the words that lead to a restated figure are one list for counts and for memory', () => {
  test.each([
    ["903,400 params, that's 3.6 MB", 903_400],
    ["16,448 weights and biases, that's about 64 KB", 16_448],
  ] as const)('%j as a count reads %d', (text, value) => {
    expect(parseQuantity(text, 'count').value).toBe(value);
  });

  test('memory restated as its values at a precision: "12.6 MB, which at 32 bits is 3.15M floats"', () => {
    expect(parseQuantity('12.6 MB, which at 32 bits is 3.15M floats', 'bytes').value).toBe(12_600_000);
  });

  test('near miss (unchanged): working that arrives at the memory still answers with it', () => {
    expect(() => parseQuantity("903,400 params x 4 bytes, that's 3.6 MB", 'count')).toThrow(
      /unit of memory|not a number|two different/,
    );
  });
});
