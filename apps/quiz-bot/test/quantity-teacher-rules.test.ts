import { describe, expect, test } from 'vitest';
import { parseQuantity } from '../src/grading/quantity';

/*
 * The prose reader's last step (`readAsTeacher`): which pieces of the final statement are figures and
 * which are working, and what an arrow's re-reading keeps. Each answer has words the strict reading
 * refuses, so the prose reader is the one read; it imports the grading module alone, so mutation runs
 * stay short. Every expected figure is worked out by hand in the comment beside it.
 */

describe('a product of three factors is working, not a grid', () => {
  test('"3 x 3 x 64" beside its product is checked against it', () => {
    // A 3×3 kernel over 64 channels: 3 · 3 · 64 = 9 · 64 = 576 weights, the figure stated after it.
    // Only "N x N" alone is a figure (a grid side); with a third factor it is arithmetic.
    expect(parseQuantity('the kernel has 3 x 3 x 64 weights, 576 in all', 'count')).toStrictEqual({
      value: 576,
      precision: 1,
      significantDigits: 3,
      written: '576',
      unitFactor: 1,
      writtenUnit: '',
      working: [{ text: '3 x 3 x 64', value: 576, shown: '576', equals: '576', agrees: true }],
    });
  });

  test('a slip in it is named, and the figure stated is still the answer', () => {
    // 3 · 3 · 64 = 576, not 567 (two digits swapped): the working disagrees with the figure.
    expect(parseQuantity('the kernel has 3 x 3 x 64 weights, 567 in all', 'count')).toMatchObject({
      value: 567,
      working: [{ text: '3 x 3 x 64', value: 576, shown: '576', equals: '567', agrees: false }],
    });
  });
});

describe('an arrow re-read keeps the working before it, once', () => {
  test('the step before the arrow is checked, the figure after it is the answer', () => {
    // A dense layer of 256 inputs and 64 units: 256 · 64 = 16,384 weights (agrees), plus one bias
    // per unit, 64: 16,384 + 64 = 16,448 after the arrow.
    // The figure the arrow leads to is the answer; "plus" is the sum 16,384 + 64 set equal to it,
    // and 256 x 64 is checked against 16,384, the figure that sum starts from (a running total):
    // each step is reported once.
    expect(parseQuantity('256 x 64 = 16,384 weights plus 64 biases -> 16,448', 'count')).toStrictEqual({
      value: 16_448,
      precision: 1,
      significantDigits: 5,
      written: '16,448',
      unitFactor: 1,
      writtenUnit: '',
      working: [
        { text: '256 x 64', value: 16_384, shown: '16,384', equals: '16,384', agrees: true },
        { text: '16,384 + 64', value: 16_448, shown: '16,448', equals: '16,448', agrees: true },
      ],
    });
  });

  test('a slip before the arrow is named', () => {
    // 256 · 64 = 16,384, not 16,448; 16,448 + 64 = 16,512 after the arrow is the answer.
    expect(parseQuantity('256 x 64 = 16,448 weights plus 64 biases -> 16,512', 'count')).toMatchObject({
      value: 16_512,
      working: [
        { text: '256 x 64', value: 16_384, shown: '16,384', equals: '16,448', agrees: false },
        { text: '16,448 + 64', value: 16_512, equals: '16,512', agrees: true },
      ],
    });
  });
});

describe('one figure restated in another unit', () => {
  test('is read as last written, with no step of working', () => {
    // 12.6 MB = 12.6 · 10^6 bytes = 12,600,000 bytes: the same figure twice, no arithmetic between.
    // The last one written is the answer; its trailing zeros leave it to the hundred thousand, as
    // "12.6 MB" is (0.1 MB = 100,000 bytes).
    expect(parseQuantity('12.6 MB which is 12,600,000 bytes', 'bytes')).toStrictEqual({
      value: 12_600_000,
      precision: 100_000,
      significantDigits: 3,
      written: '12,600,000 bytes',
      unitFactor: 1,
      writtenUnit: 'bytes',
    });
  });
});
