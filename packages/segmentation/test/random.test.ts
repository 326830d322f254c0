import { describe, expect, test } from 'vitest';
import { seededRandom } from '../src/index';

/**
 * mulberry32 written again from its C definition (Tommy Ettinger, 2017), on BigInt with explicit
 * 32-bit masks instead of Math.imul and `>>> 0`, so it shares no trick with the implementation:
 *   z = (state += 0x6D2B79F5); z = (z ^ z >> 15) * (z | 1); z ^= z + (z ^ z >> 7) * (z | 61);
 *   return z ^ z >> 14;   (all uint32), divided by 2^32.
 */
function referenceMulberry32(seed: number): () => number {
  const mask = 0xffffffffn;
  let state = BigInt(seed) & mask;
  return () => {
    state = (state + 0x6d2b79f5n) & mask;
    let z = state;
    z = ((z ^ (z >> 15n)) * (z | 1n)) & mask;
    z = (z ^ ((z + (((z ^ (z >> 7n)) * (z | 61n)) & mask)) & mask)) & mask;
    return Number(z ^ (z >> 14n)) / 2 ** 32;
  };
}

describe('seededRandom (mulberry32, the one generator the dataset, training and the quiz variants use)', () => {
  test('its first draws for seeds 1, 0 and 42 are the reference values', () => {
    // Printed by python3 with the same C definition on masked ints (uint32), divided by 2**32.
    const draws = (seed: number) => {
      const random = seededRandom(seed);
      return [random(), random(), random(), random()];
    };
    expect(draws(1)).toEqual([
      0.6270739405881613, 0.002735721180215478, 0.5274470399599522, 0.9810509674716741,
    ]);
    expect(draws(0)).toEqual([
      0.26642920868471265, 0.0003297457005828619, 0.2232720274478197, 0.1462021479383111,
    ]);
    expect(draws(42)).toEqual([
      0.6011037519201636, 0.44829055899754167, 0.8524657934904099, 0.6697340414393693,
    ]);
  });

  test.each([1, 0, 7, 2 ** 31, 2 ** 32 - 1, 1_000_003])(
    'seed %d: 2,000 draws equal the BigInt reference',
    (seed) => {
      const random = seededRandom(seed);
      const reference = referenceMulberry32(seed);
      for (let i = 0; i < 2000; i++) expect(random()).toBe(reference());
    },
  );

  test('seeds are taken modulo 2^32 (-1 is 2^32 − 1), draws lie in [0, 1), and a seed replays its sequence', () => {
    const a = seededRandom(-1);
    const b = seededRandom(2 ** 32 - 1);
    const again = seededRandom(-1);
    for (let i = 0; i < 1000; i++) {
      const value = a();
      expect(value).toBe(b());
      expect(value).toBe(again());
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
    }
  });
});
