/**
 * The figures bench/discord-compare.ts prints: latencies are measured to a fraction of a
 * millisecond (performance.now() in the users' thread) and printed to 0.1 ms, since the arrival
 * mode's p95 is a few milliseconds and whole milliseconds made its ratio coarse (one millisecond
 * moved it by 0.5×); the ratio is computed from the unrounded percentiles.
 */

/** The printing's resolution, and the smallest denominator of a ratio (no division by zero). */
export const RESOLUTION_MS = 0.1;

/** The p-th percentile (nearest rank, the value at floor(p% of n) of the sorted list); NaN when empty. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** A latency in ms as printed: to 0.1 ms. */
export const formatMs = (ms: number): string => ms.toFixed(1);

/** `ours` over `bare`, both unrounded (`bare` at least RESOLUTION_MS). */
export const latencyRatio = (ours: number, bare: number): number => ours / Math.max(RESOLUTION_MS, bare);
