import { loadavg } from 'node:os';

/*
 * What the PyTorch-anchor benches share (vs-pytorch, cold-start, engine-boundary, ex2-wasm-profile):
 * reading a `--name value` argument, the median of samples, and the load average as printed.
 */

/** The value after `--name` on the command line, or undefined. */
export const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? undefined : process.argv[i + 1];
};

/** The median; of an even count, the mean of the two middle values. */
export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** The 1, 5 and 15 minute load averages, two decimals each. */
export const loadAverage = (): string =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
