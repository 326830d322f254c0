/*
 * Reads bench/memory-calibration.json (written by scripts/calibrate-memory.ts) into calibration
 * points with their features, fits the coefficients, and compares an estimator with the measured
 * peaks. Used by bench/memory-estimate.bench.ts and test/memory-estimate.test.ts.
 */
import { readFileSync } from 'node:fs';
import { describe, describeSpec } from '@cnnkit/architectures';
import { analyze, exercise2Spec } from '@cnnkit/shape-math';
import {
  buildBytes,
  type CalibrationPoint,
  fitCalibration,
  type MemoryCalibration,
  onnxExtraBytes,
  PASS_CALIBRATION,
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

/**
 * The committed calibration rows (`file`: or those of another file of this folder, such as
 * memory-charge-check.json, the passes measured outside the grid).
 */
export function calibrationRows(file = 'memory-calibration.json'): CalibrationRow[] {
  const url = new URL(`./${file}`, import.meta.url);
  return (JSON.parse(readFileSync(url, 'utf8')) as { rows: CalibrationRow[] }).rows;
}

/** An exercise-2 variant of the calibration grid: its kernel, three filter counts, channels and stride. */
export interface Exercise2Variant {
  readonly kernelSize: number;
  readonly filters: readonly [number, number, number];
  readonly channels: number;
  readonly strides: number;
}

/**
 * The exercise-2 variant a grid network name names, `exercise2/k<kernel>/f<a>,<b>,<c>` with
 * `/c<channels>` (default 3) and `/s<stride>` (default 2) optionally after it ("exercise2/k7/f1,2,4",
 * "exercise2/k11/f1,2,4/c1"), same padding; `undefined` for a registry network (plain "exercise2"
 * included).
 */
export function exercise2Variant(network: string): Exercise2Variant | undefined {
  const match = /^exercise2\/k(\d+)\/f(\d+),(\d+),(\d+)(?:\/c(\d+))?(?:\/s(\d+))?$/.exec(network);
  if (match === null) return undefined;
  const [kernelSize, a, b, c] = match.slice(1, 5).map(Number) as [number, number, number, number];
  return {
    kernelSize,
    filters: [a, b, c],
    channels: Number(match[5] ?? 3),
    strides: Number(match[6] ?? 2),
  };
}

const featureCache = new WeakMap<CalibrationRow, PassFeatures>();

/** The features of a pass or build row (computed once per row object: the held-out fits read them many times). */
export function featuresOf(row: CalibrationRow): PassFeatures {
  const cached = featureCache.get(row);
  if (cached !== undefined) return cached;
  const features = computeFeatures(row);
  featureCache.set(row, features);
  return features;
}

function computeFeatures(row: CalibrationRow): PassFeatures {
  if (row.mode === 'build') {
    const report = describe(row.network!);
    return {
      parameterBytes: report.totals.parameterBytes,
      peakActivationBytes: 0,
      kernelTapBytes: 0,
      largestOutputBytes: 0,
      groupedConvBytes: 0,
      depthwiseBytes: 0,
      allKernelTapBytes: 0,
      inputBytes: 0,
      profileInputBytes: 0,
      stepPeakBytes: 0,
      joinedStepPeakBytes: 0,
    };
  }
  const variant = exercise2Variant(row.network!);
  if (variant !== undefined) {
    const spec = exercise2Spec({
      ...variant,
      filters: [...variant.filters],
      height: row.side!,
      width: row.side!,
    });
    // Run as the quiz's worker runs it (measure.ts: layers-gpu's profileModel).
    return passFeatures(spec, analyze(spec), 'profile');
  }
  const options = { inputShape: [row.side!, row.side!, 3] as [number, number, number], includeTop: false };
  return passFeatures(describeSpec(row.network!, options), describe(row.network!, options));
}

const measured = (rows: CalibrationRow[], mode: CalibrationRow['mode']) =>
  rows.filter((r) => r.mode === mode && r.failed === undefined && r.passBytes !== undefined);

/**
 * The points of one kind of row (`onnx`: what ONNX Runtime added beyond the TensorFlow.js pass
 * estimate and its step peak (the least its activations are charged, `onnxExtraBytes`), which may be negative; its `beforeBytes` then counts that estimate, so that before +
 * measured is still the row's peak). `pass`: the pass calibration that estimate uses (default the committed one).
 */
export function pointsOf(
  rows: CalibrationRow[],
  mode: 'pass' | 'build' | 'onnx',
  pass: MemoryCalibration = PASS_CALIBRATION,
): CalibrationPoint[] {
  return measured(rows, mode).map((row) => {
    const features = featuresOf(row);
    const charged = mode === 'onnx' ? passBytes(features, pass) + features.stepPeakBytes : 0;
    return {
      features,
      beforeBytes: row.rssBeforeBytes! + charged,
      measuredBytes: row.passBytes! - charged,
    };
  });
}

/** What `fitFromRows` gives: the three calibrations and the two baselines. */
export interface FittedCalibration {
  readonly pass: MemoryCalibration;
  readonly build: MemoryCalibration;
  readonly onnx: MemoryCalibration;
  readonly processBaselineBytes: number;
  readonly workerBaselineBytes: number;
}

/** The coefficients the committed data give (what memory-estimate.ts must hold). */
export function fitFromRows(rows: CalibrationRow[]): FittedCalibration {
  // The largest main-thread and worker figures over the baseline rows, rounded up to 16 MiB.
  const baselines = rows.filter((r) => r.mode === 'baseline' && r.failed === undefined);
  if (baselines.length === 0) throw new Error('the calibration has no baseline row');
  const baseline = {
    mainRssBytes: Math.max(...baselines.map((r) => r.mainRssBytes!)),
    workerBytes: Math.max(...baselines.map((r) => r.withOneWorkerRssBytes! - r.mainRssBytes!)),
  };
  const up = (bytes: number) => Math.ceil(bytes / 16 / 1024 ** 2) * 16 * 1024 ** 2;
  const pass = fitCalibration(pointsOf(rows, 'pass'));
  const onnxPoints = pointsOf(rows, 'onnx', pass);
  return {
    pass,
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
          allKernelTapFactor: 0,
          inputFactor: 0,
          profileInputFactor: 0,
          stepPeakFactor: 0,
          joinedStepPeakFactor: 0,
        }
      : fitCalibration(onnxPoints, ['parameterBytes', 'stepPeakBytes']),
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

/**
 * Every measured row against the estimator: memory-estimate.ts's committed constants, or the
 * calibrations `fit` gives (a fit on other rows: the held-out comparison).
 */
export function compareWithEstimator(rows: CalibrationRow[], fit?: FittedCalibration): Comparison[] {
  const out: Comparison[] = [];
  for (const row of rows) {
    if (row.mode === 'baseline' || row.failed !== undefined || row.passBytes === undefined) continue;
    const features = featuresOf(row);
    const pass = fit?.pass ?? PASS_CALIBRATION;
    const estimate =
      row.mode === 'build'
        ? buildBytes(features.parameterBytes, fit?.build)
        : passBytes(features, pass) + (row.mode === 'onnx' ? onnxExtraBytes(features, fit?.onnx) : 0);
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

const isMeasured = (r: CalibrationRow) =>
  r.mode !== 'baseline' && r.failed === undefined && r.passBytes !== undefined;

/**
 * How the fit generalises: the rows `held` picks are left out of the fit, and compared with the
 * estimator fitted on the others (the baseline rows always stay in).
 */
export function heldOutComparison(
  rows: CalibrationRow[],
  held: (row: CalibrationRow) => boolean,
): Comparison[] {
  const kept = rows.filter((r) => !isMeasured(r) || !held(r));
  return compareWithEstimator(
    rows.filter((r) => isMeasured(r) && held(r)),
    fitFromRows(kept),
  );
}

/** Every 5th measured row of each kind (the 5th, 10th, … pass row in file order; none of a kind with fewer than 5). */
export function everyFifthOfEachKind(rows: CalibrationRow[]): (row: CalibrationRow) => boolean {
  const held = new Set<CalibrationRow>();
  for (const mode of ['pass', 'build', 'onnx'] as const)
    rows
      .filter((r) => r.mode === mode && isMeasured(r))
      .forEach((r, i) => {
        if (i % 5 === 4) held.add(r);
      });
  return (row) => held.has(row);
}

/** Leave-one-out: each measured row compared with the estimator fitted on all the others. */
export function leaveOneOutComparison(rows: CalibrationRow[]): Comparison[] {
  return rows.filter(isMeasured).flatMap((row) => heldOutComparison(rows, (r) => r === row));
}
