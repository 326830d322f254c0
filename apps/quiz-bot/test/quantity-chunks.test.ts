import { describe, expect, test } from 'vitest';
import { parseQuantity } from '../src/grading/quantity';
import { refusal } from './quantity-refusal';

/*
 * How the prose reader cuts a statement into figures and working (`splitAsides`, `proseTokens`,
 * `chunksOf`), one rule per case. Each answer has words the strict reading refuses, so the prose
 * reader is the one read. It imports the grading module alone, so mutation runs stay short. Every
 * figure is worked out by hand beside it.
 */

describe('brackets: an aside after a figure, arithmetic otherwise', () => {
  test('brackets of arithmetic first, words after them: the bracket is the working', () => {
    // 2,800 + 900,600 = 903,400, every digit worked out. Words after the closing bracket do not
    // make it an aside: only the words inside it would.
    expect(parseQuantity('(2,800 + 900,600) weights and biases in all', 'count')).toMatchObject({
      value: 903_400,
      precision: 1,
      written: '(2,800 + 900,600)',
    });
  });

  test('a bracket right after a figure, with no space, is an aside', () => {
    // 64 · 257 = 16,448: checked, and 16,448 is the answer.
    expect(parseQuantity('16448(64 x 257 = 16448)', 'count').working).toStrictEqual([
      { text: '64 x 257', value: 16_448, shown: '16,448', equals: '16448', agrees: true },
    ]);
  });

  test('a closing bracket with none open ("a)") leaves the aside after it an aside', () => {
    expect(parseQuantity('a) 16448 (64 x 257 = 16448)', 'count').working).toStrictEqual([
      { text: '64 x 257', value: 16_448, shown: '16,448', equals: '16448', agrees: true },
    ]);
  });
});

describe('numbers in prose', () => {
  test.each([
    // Two groups of thousands: 1,234,567, to the unit.
    ['about 1,234,567 weights in all', 'count', 1_234_567, 1],
    // Grouped, with decimals: 1,234.56 MB = 1,234,560,000 bytes, to 0.01 MB.
    ['1,234.56 MB of weights in all', 'bytes', 1_234_560_000, 10_000],
  ] as const)('%j as %s is %d (to %d)', (answer, unit, value, precision) => {
    expect(parseQuantity(answer, unit)).toMatchObject({ value, precision });
  });

  test('a malformed number anywhere in the last statement keeps the refusal', () => {
    // "1,23,456" cannot be read without guessing, so neither can the statement it is in.
    expect(refusal('16448 weights or 1,23,456', 'count').message).toMatch(/ is not a number: /);
  });

  test('only a label word hyphened right after a number names it', () => {
    // "3-layer" names the net; 16,448, whose hyphen comes later in the sentence, is still the figure.
    expect(parseQuantity('16448 weights in a 3-layer net', 'count').value).toBe(16_448);
  });

  test('"times" and "pixels" after a number stay with it as its unit', () => {
    expect(parseQuantity('each side is 32 times smaller', 'ratio')).toMatchObject({
      value: 32,
      writtenUnit: 'x',
      written: '32 times',
    });
    expect(parseQuantity('8 pixels on each side', 'pixels')).toMatchObject({
      value: 8,
      writtenUnit: 'pixels',
      written: '8 pixels',
    });
  });
});

describe('words naming a term inside a working, before each operator', () => {
  test.each([
    // 10 MB − 2 MB = 8 MB; 4 MB · 2 = 8 MB; 16 MB / 2 = 8 MB: each checked.
    ['10 MB of activations - 2 MB gives 8 MB', '10 MB - 2 MB'],
    ['4 MB of activations * 2 gives 8 MB', '4 MB * 2'],
    ['16 MB of activations / 2 gives 8 MB', '16 MB / 2'],
  ])('%j checks %s = 8 MB', (answer, text) => {
    expect(parseQuantity(answer, 'bytes')).toMatchObject({
      value: 8_000_000,
      working: [{ text, value: 8_000_000, equals: '8 MB', agrees: true }],
    });
  });
});
