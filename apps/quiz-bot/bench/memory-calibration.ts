/*
 * Reads bench/memory-calibration.json (written by scripts/calibrate-memory.ts) into calibration
 * points with their features, fits the coefficients, and compares an estimator with the measured
 * peaks. Used by bench/memory-estimate.bench.ts and test/memory-estimate.test.ts.
 */
import { readFileSync } from 'node:fs';
import { describe, describeSpec } from '@cnnkit/architectures';
import {
  buildBytes,
  type CalibrationPoint,
  fitCalibration,
  type MemoryCalibration,
  onnxExtraBytes,
  type PassFeatures,
  passBytes,
  passFeatures,
} from '../src/verify/memory-estimate';

/** One measured row of the calibration file. */
export interface CalibrationRow {
  readonly mode: 'pass' | 'build' | 'onnx' | 'baseline';
  readonly network?: string;
  readonly side?: number;
  readonly rssBeforeBytes?: number;
  readonly peakRssBytes?: number;
  readonly passBytes?: number;
  readonly mainRssBytes?: number;
  readonly withOneWorkerRssBytes?: number;
  readonly failed?: string;
}

/** The committed calibration rows. */
export function calibrationRows(): CalibrationRow[] {
  const file = new URL('./memory-calibration.json', import.meta.url);
  return (JSON.parse(readFileSync(file, 'utf8')) as { rows: CalibrationRow[] }).rows;
}

/** The features of a pass or build row. */
export function featuresOf(row: CalibrationRow): PassFeatures {
  if (row.mode === 'build') {
    const report = describe(row.network!);
    return {
      parameterBytes: report.totals.parameterBytes,
      peakActivationBytes: 0,
      kernelTapBytes: 0,
      largestOutputBytes: 0,
      groupedConvBytes: 0,
      depthwiseBytes: 0,
    };
  }
  const options = { inputShape: [row.side!, row.side!, 3] as [number, number, number], includeTop: false };
  return passFeatures(describeSpec(row.network!, options), describe(row.network!, options));
}

const measured = (rows: CalibrationRow[], mode: CalibrationRow['mode']) =>
  rows.filter((r) => r.mode === mode && r.failed === undefined && r.passBytes !== undefined);

/** The points of one kind of row (`onnx`: what ONNX Runtime added beyond twice the TensorFlow.js pass estimate). */
export function pointsOf(rows: CalibrationRow[], mode: 'pass' | 'build' | 'onnx'): CalibrationPoint[] {
  return measured(rows, mode).map((row) => {
    const features = featuresOf(row);
    return {
      features,
      beforeBytes: row.rssBeforeBytes!,
      measuredBytes: mode === 'onnx' ? row.passBytes! - 2 * passBytes(features) : row.passBytes!,
    };
  });
}

/** The coefficients the committed data give (what memory-estimate.ts must hold). */
export function fitFromRows(rows: CalibrationRow[]): {
  pass: MemoryCalibration;
  build: MemoryCalibration;
  onnx: MemoryCalibration;
  processBaselineBytes: number;
  workerBaselineBytes: number;
} {
  // The largest main-thread and worker figures over the baseline rows, rounded up to 16 MiB.
  const baselines = rows.filter((r) => r.mode === 'baseline' && r.failed === undefined);
  if (baselines.length === 0) throw new Error('the calibration has no baseline row');
  const baseline = {
    mainRssBytes: Math.max(...baselines.map((r) => r.mainRssBytes!)),
    workerBytes: Math.max(...baselines.map((r) => r.withOneWorkerRssBytes! - r.mainRssBytes!)),
  };
  const up = (bytes: number) => Math.ceil(bytes / 16 / 1024 ** 2) * 16 * 1024 ** 2;
  const onnxPoints = pointsOf(rows, 'onnx');
  return {
    pass: fitCalibration(pointsOf(rows, 'pass')),
    build: fitCalibration(pointsOf(rows, 'build'), ['parameterBytes']),
    onnx: onnxPoints.every((p) => p.measuredBytes <= 0)
      ? {
          slackBytes: 0,
          parameterFactor: 0,
          activationFactor: 0,
          kernelTapFactor: 0,
          largestOutputFactor: 0,
          groupedConvFactor: 0,
          depthwiseFactor: 0,
        }
      : fitCalibration(onnxPoints, ['parameterBytes', 'peakActivationBytes']),
    processBaselineBytes: up(baseline.mainRssBytes!),
    workerBaselineBytes: up(baseline.workerBytes),
  };
}

/** One row against the current estimator: the estimated and measured peak of its process. */
export interface Comparison {
  readonly label: string;
  readonly estimatedPeakBytes: number;
  readonly measuredPeakBytes: number;
  /** (estimated − measured) / measured: negative is an under-estimate. */
  readonly relative: number;
}

/** Every measured row against the current estimator (memory-estimate.ts's committed constants). */
export function compareWithEstimator(rows: CalibrationRow[]): Comparison[] {
  const out: Comparison[] = [];
  for (const row of rows) {
    if (row.mode === 'baseline' || row.failed !== undefined || row.passBytes === undefined) continue;
    const features = featuresOf(row);
    const estimate =
      row.mode === 'build'
        ? buildBytes(features.parameterBytes)
        : passBytes(features) + (row.mode === 'onnx' ? onnxExtraBytes(features) : 0);
    const estimatedPeakBytes = row.rssBeforeBytes! + estimate;
    out.push({
      label: `${row.mode} ${row.network}${row.mode === 'build' ? '' : ` ${row.side} px`}`,
      estimatedPeakBytes,
      measuredPeakBytes: row.peakRssBytes!,
      relative: (estimatedPeakBytes - row.peakRssBytes!) / row.peakRssBytes!,
    });
  }
  return out;
}
