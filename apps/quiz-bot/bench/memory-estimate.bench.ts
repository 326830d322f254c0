/**
 * The memory estimate against the committed calibration (bench/memory-calibration.json, measured by
 * scripts/calibrate-memory.ts): for every measured row, the estimated and the measured peak RSS of
 * its process. Targets (issue 22): worst under-estimate ≤ 0 (no admitted run passes its estimate),
 * worst over-estimate ≤ 25% (useful sizes are not refused). Reads data only: it runs no model.
 */
import { loadavg } from 'node:os';
import { formatBytes } from '@cnnkit/shape-math';
import { calibrationRows, compareWithEstimator } from './memory-calibration';

const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
const percent = (x: number) => `${(100 * x).toFixed(1)}%`;
const comparisons = compareWithEstimator(calibrationRows());
const under = comparisons.reduce((a, b) => (b.relative < a.relative ? b : a));
const over = comparisons.reduce((a, b) => (b.relative > a.relative ? b : a));
const load = loadavg()
  .map((x) => x.toFixed(2))
  .join(' ');
const underBy = Math.max(0, -under.relative);
console.log(
  `memory estimate over ${comparisons.length} measured runs: worst under-estimate ${percent(underBy)} (${under.label}: estimated ${formatBytes(under.estimatedPeakBytes)}, measured ${formatBytes(under.measuredPeakBytes)}; target ≤ 0): ${verdict(underBy <= 0)}`,
);
console.log(
  `memory estimate: worst over-estimate ${percent(over.relative)} (${over.label}: estimated ${formatBytes(over.estimatedPeakBytes)}, measured ${formatBytes(over.measuredPeakBytes)}; target ≤ 25%): ${verdict(over.relative <= 0.25)}  [load average ${load}]`,
);
for (const mode of ['pass', 'build', 'onnx']) {
  const rows = comparisons.filter((c) => c.label.startsWith(`${mode} `));
  if (rows.length === 0) continue;
  const worst = rows.reduce((a, b) => (b.relative > a.relative ? b : a));
  const least = rows.reduce((a, b) => (b.relative < a.relative ? b : a));
  console.log(
    `  ${mode} rows (${rows.length}): over-estimate from ${percent(least.relative)} (${least.label}) to ${percent(worst.relative)} (${worst.label})`,
  );
}
