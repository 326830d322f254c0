/**
 * The memory estimate against the committed calibration (bench/memory-calibration.json, measured by
 * scripts/calibrate-memory.ts): for every measured row, the estimated and the measured peak RSS of
 * its process. Targets (issue 22): worst under-estimate ≤ 0 (no admitted run passes its estimate),
 * worst over-estimate ≤ 25% (useful sizes are not refused). Then how the minimax fit generalises:
 * the same figures for rows left out of the fit (every 5th row of each kind, then each row alone).
 * Reads data only: it runs no model.
 */
import { loadavg } from 'node:os';
import { formatBytes } from '@cnnkit/shape-math';
import {
  type Comparison,
  calibrationRows,
  compareWithEstimator,
  everyFifthOfEachKind,
  heldOutComparison,
  leaveOneOutComparison,
} from './memory-calibration';

const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
const percent = (x: number) => `${(100 * x).toFixed(1)}%`;
const lowest = (rows: Comparison[]) => rows.reduce((a, b) => (b.relative < a.relative ? b : a));
const highest = (rows: Comparison[]) => rows.reduce((a, b) => (b.relative > a.relative ? b : a));
const figures = (c: Comparison) =>
  `${c.label}: estimated ${formatBytes(c.estimatedPeakBytes)}, measured ${formatBytes(c.measuredPeakBytes)}`;
const rows = calibrationRows();
const comparisons = compareWithEstimator(rows);
const under = lowest(comparisons);
const underBy = Math.max(0, -under.relative);
const load = loadavg()
  .map((x) => x.toFixed(2))
  .join(' ');
console.log(
  `memory estimate over ${comparisons.length} measured runs: worst under-estimate ${percent(underBy)} (${figures(under)}; target ≤ 0): ${verdict(underBy <= 0)}  [load average ${load}]`,
);

/** Per kind of row: the worst under- and over-estimate, and whether the targets hold. */
function byKind(title: string, list: Comparison[], target: boolean): void {
  console.log(title);
  for (const mode of ['pass', 'build', 'onnx']) {
    const of = list.filter((c) => c.label.startsWith(`${mode} `));
    if (of.length === 0) {
      console.log(`  ${mode} rows: none`);
      continue;
    }
    const least = lowest(of);
    const worst = highest(of);
    const underOf = Math.max(0, -least.relative);
    console.log(
      `  ${mode} rows (${of.length}): worst under-estimate ${percent(underOf)} (${least.label}), worst over-estimate ${percent(worst.relative)} (${figures(worst)})` +
        (target ? `; targets under ≤ 0, over ≤ 25%: ${verdict(underOf <= 0 && worst.relative <= 0.25)}` : ''),
    );
  }
}
byKind('fitted on every run (the committed coefficients):', comparisons, true);
byKind(
  'held out (every 5th run of each kind left out of the fit, estimated by the fit of the others; a check of how the fit generalises, no target):',
  heldOutComparison(rows, everyFifthOfEachKind(rows)),
  false,
);
byKind(
  'leave-one-out (each run estimated by the fit of all the others; no target):',
  leaveOneOutComparison(rows),
  false,
);
