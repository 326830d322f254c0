import { describe, expect, test } from 'vitest';
import { boundaryPixels, SHAPE_CLASSES, syntheticShapes } from '../src/index';

describe('synthetic shapes', () => {
  test('same seed, same data; another seed, other data', () => {
    const a = syntheticShapes({ count: 3, size: 32, seed: 5 });
    const b = syntheticShapes({ count: 3, size: 32, seed: 5 });
    const c = syntheticShapes({ count: 3, size: 32, seed: 6 });
    expect(a.images).toEqual(b.images);
    expect(a.masks).toEqual(b.masks);
    expect(a.masks).not.toEqual(c.masks);
  });

  test('any size; images in [0, 1]; every class appears over a few images', () => {
    for (const size of [16, 48, 100]) {
      const data = syntheticShapes({ count: 20, size, seed: 2 });
      expect(data.images).toHaveLength(20 * size * size * 3);
      expect(data.masks).toHaveLength(20 * size * size);
      expect(data.images.every((v) => v >= 0 && v <= 1)).toBe(true);
      expect(new Set(data.masks)).toEqual(new Set(SHAPE_CLASSES.map((_, i) => i)));
    }
  });

  test('the crosses are thin: most of their pixels lie on their own boundary', () => {
    const data = syntheticShapes({ count: 40, size: 64, seed: 3 });
    const cross = SHAPE_CLASSES.indexOf('cross');
    let pixels = 0;
    let edge = 0;
    for (let n = 0; n < data.count; n++) {
      const mask = data.masks.subarray(n * 64 * 64, (n + 1) * 64 * 64);
      pixels += mask.filter((label) => label === cross).length;
      edge += boundaryPixels(mask, { height: 64, width: 64 }, cross).length;
    }
    expect(pixels).toBeGreaterThan(0);
    expect(edge / pixels).toBeGreaterThan(0.8);
  });

  test('bad sizes are refused with what is allowed', () => {
    expect(() => syntheticShapes({ count: 1, size: 8 })).toThrowError(
      /size 8: must be an integer from 16 to 2048/,
    );
    expect(() => syntheticShapes({ count: 0, size: 32 })).toThrowError(/count 0/);
  });
});
