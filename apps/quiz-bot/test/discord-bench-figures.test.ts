import { describe, expect, test } from 'vitest';
import { formatMs, latencyRatio, percentile } from '../bench/compare-figures';

/*
 * The Discord bench's printed figures (bench/compare-figures.ts): latencies to 0.1 ms, and the
 * cnnkit/bare ratio from the unrounded percentiles. Expected values worked out by hand beside them.
 */
describe('the discord bench figures', () => {
  test('a percentile is the nearest rank of the sorted values, unrounded', () => {
    // 20 values 0.25, 0.5, … 5.0 ms: p95 is the value at floor(0.95 × 20) = 19 (0-based), 5.0;
    // p50 the one at 10, 2.75.
    const values = Array.from({ length: 20 }, (_, i) => (i + 1) * 0.25).reverse();
    expect(percentile(values, 95)).toBe(5);
    expect(percentile(values, 50)).toBe(2.75);
    expect(percentile([], 95)).toBeNaN();
  });

  test('latencies print to 0.1 ms', () => {
    expect(formatMs(4.26)).toBe('4.3');
    expect(formatMs(3)).toBe('3.0');
    expect(formatMs(1234.04)).toBe('1234.0');
  });

  test('the ratio comes from the unrounded figures', () => {
    // 4.44 / 2.96 = 1.5 exactly; from the printed 4.4 and 3.0 it would read 1.47.
    expect(latencyRatio(4.44, 2.96)).toBeCloseTo(1.5, 12);
    // 3.4 / 2.6 = 1.3077 (whole milliseconds, 3 / 3, would read 1.00).
    expect(latencyRatio(3.4, 2.6)).toBeCloseTo(1.3077, 4);
    // A bare p95 under the resolution counts as 0.1 ms: 0.5 / 0.1 = 5.
    expect(latencyRatio(0.5, 0)).toBeCloseTo(5, 12);
  });
});
