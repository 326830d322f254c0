/*
 * What a measurement really costs in resident memory, calibrated on this machine's runs of the
 * quiz's engines (scripts/calibrate-memory.ts measures the grid, bench/memory-calibration.json holds
 * the figures, `fitCalibration` below turns them into the coefficients, and
 * bench/memory-estimate.bench.ts prints how far the estimate is from every measured peak).
 *
 * Pure: no TensorFlow.js, no I/O. The service's admission and its ledger (memory-ledger.ts) use it.
 */
import type { ModelReport, ModelSpecInput } from '@cnnkit/shape-math';

/**
 * What the estimate reads of a model, in bytes:
 * - `parameterBytes`: the weights (TensorFlow.js holds them, XNNPACK packs a second copy);
 * - `peakActivationBytes`: shape-math's largest set of activations alive at once;
 * - `kernelTapBytes`: the largest convolution's output pixels × kernel taps × 4 bytes. XNNPACK's
 *   indirection buffer holds one 4-byte pointer (wasm32) per output pixel and kernel tap, so a
 *   large kernel on a large map (LeNet-5's 5×5 or AlexNet's 11×11 first layer at thousands of
 *   pixels) costs more than its activations: what the first calibration missed (issue 22);
 * - `largestOutputBytes`: the largest single layer output (an activation or normalisation that the
 *   backend does not fuse into its convolution makes one more copy of it);
 * - `groupedConvBytes`: for the largest grouped convolution (AlexNet's two towers), its input plus
 *   twice its output (the groups are computed apart and joined: copies of both), else 0;
 * - `depthwiseBytes`: for the largest depthwise convolution (MobileNet's; not the separable
 *   ones, which the backend runs otherwise), its input plus its output (a padded copy), else 0.
 */
export interface PassFeatures {
  readonly parameterBytes: number;
  readonly peakActivationBytes: number;
  readonly kernelTapBytes: number;
  readonly largestOutputBytes: number;
  readonly groupedConvBytes: number;
  readonly depthwiseBytes: number;
}

/** The convolutions whose kernels XNNPACK reads through an indirection buffer. */
const CONVOLUTIONS = new Set(['conv2d', 'depthwiseConv2d', 'separableConv2d', 'conv2dTranspose']);

const pair = (value: unknown): [number, number] =>
  Array.isArray(value) ? [Number(value[0]), Number(value[1])] : [Number(value), Number(value)];

/**
 * The features of one forward pass of `spec` (as built, batch 1), from shape-math's `report` of the
 * same spec (its memory estimate and each layer's output shape, found by layer name).
 */
export function passFeatures(spec: ModelSpecInput, report: ModelReport): PassFeatures {
  const layers = new Map(report.layers.map((layer) => [layer.name, layer]));
  const bytesOf = (name: string) =>
    name === 'input' ? report.totals.inputBytes : (layers.get(name)?.activationBytes ?? 0);
  let kernelTapBytes = 0;
  let groupedConvBytes = 0;
  let depthwiseBytes = 0;
  for (const layer of spec.layers) {
    if (!CONVOLUTIONS.has(layer.kind) || layer.name === undefined) continue;
    const row = layers.get(layer.name);
    if (row === undefined || !('kernelSize' in layer)) continue;
    const [kh, kw] = pair(layer.kernelSize);
    const shape = row.outputShape;
    kernelTapBytes = Math.max(kernelTapBytes, shape[0]! * shape[1]! * kh * kw * 4);
    const input = row.inputs.reduce((sum, name) => sum + bytesOf(name), 0);
    if ('groups' in layer && (layer.groups ?? 1) > 1)
      groupedConvBytes = Math.max(groupedConvBytes, input + 2 * row.activationBytes);
    if (layer.kind === 'depthwiseConv2d')
      depthwiseBytes = Math.max(depthwiseBytes, input + row.activationBytes);
  }
  return {
    parameterBytes: report.memory.inference.parameterBytes,
    peakActivationBytes: report.memory.inference.peakActivationBytes,
    kernelTapBytes,
    largestOutputBytes: Math.max(0, ...report.layers.map((layer) => layer.activationBytes)),
    groupedConvBytes,
    depthwiseBytes,
  };
}

/** The estimate's coefficients: bytes a pass adds to a warm worker = the sum of each factor × its feature, plus `slackBytes`. */
export interface MemoryCalibration {
  /** Heap growth steps and allocator slack of any pass. */
  readonly slackBytes: number;
  readonly parameterFactor: number;
  readonly activationFactor: number;
  readonly kernelTapFactor: number;
  readonly largestOutputFactor: number;
  readonly groupedConvFactor: number;
  readonly depthwiseFactor: number;
}

/**
 * Fitted by `fitCalibration` on bench/memory-calibration.json (the `pass` rows; a unit test checks
 * these are the fit of the committed data, and that none of its rows is under-estimated).
 */
export const PASS_CALIBRATION: MemoryCalibration = {
  slackBytes: 21904371,
  parameterFactor: 3.136,
  activationFactor: 0,
  kernelTapFactor: 2.083,
  largestOutputFactor: 1.749,
  groupedConvFactor: 1.688,
  depthwiseFactor: 3.213,
};

/**
 * Building a network without running it (`compute params`): its weights are initialised, held and
 * counted; no activation is allocated. Bytes = `slackBytes` + `parameterFactor` × parameter bytes,
 * fitted on the `build` rows the same way.
 */
export const BUILD_CALIBRATION: Pick<MemoryCalibration, 'slackBytes' | 'parameterFactor'> = {
  slackBytes: 68788149,
  parameterFactor: 1.455,
};

/**
 * What ONNX Runtime adds beside TensorFlow.js when the worker checks or uses it on a pass, beyond
 * its own activations (the exported model, its session's copy of the weights), fitted on the
 * `onnx` rows: their extra over twice the `pass` estimate (see {@link onnxExtraBytes}).
 */
export const ONNX_CALIBRATION: Pick<
  MemoryCalibration,
  'slackBytes' | 'parameterFactor' | 'activationFactor'
> = {
  slackBytes: 0,
  parameterFactor: 8.584,
  activationFactor: 0,
};

/**
 * Resident memory of the quiz's main thread with its MeasurementService and no worker, and what
 * each worker thread adds once its engine is warm (the `baseline` row of the calibration, rounded
 * up to 16 MiB).
 */
export const PROCESS_BASELINE_BYTES = 201326592;
/** See {@link PROCESS_BASELINE_BYTES}. */
export const WORKER_BASELINE_BYTES = 117440512;

/** Bytes one forward pass adds to a warm worker on TensorFlow.js' wasm backend. */
export function passBytes(features: PassFeatures, calibration: MemoryCalibration = PASS_CALIBRATION): number {
  return Math.ceil(
    calibration.slackBytes +
      calibration.parameterFactor * features.parameterBytes +
      calibration.activationFactor * features.peakActivationBytes +
      calibration.kernelTapFactor * features.kernelTapBytes +
      calibration.largestOutputFactor * features.largestOutputBytes +
      calibration.groupedConvFactor * features.groupedConvBytes +
      calibration.depthwiseFactor * features.depthwiseBytes,
  );
}

/** Bytes building a network (weights only, no pass) adds to a warm worker. */
export function buildBytes(parameterBytes: number): number {
  return Math.ceil(BUILD_CALIBRATION.slackBytes + BUILD_CALIBRATION.parameterFactor * parameterBytes);
}

/**
 * Bytes ONNX Runtime's check or run of a pass adds beside TensorFlow.js' own: its activations are
 * taken to cost as much as TensorFlow.js' whole pass (three ONNX rows cannot separate how they grow
 * with the side; a ResNet-50 request at 852 px through the real service peaked at 1.56 GB, over
 * what the rows alone predicted), plus the fitted weights' copies and slack.
 */
export function onnxExtraBytes(features: PassFeatures): number {
  return Math.ceil(
    passBytes(features) +
      ONNX_CALIBRATION.slackBytes +
      ONNX_CALIBRATION.parameterFactor * features.parameterBytes +
      ONNX_CALIBRATION.activationFactor * features.peakActivationBytes,
  );
}

/** wasm32 addresses 4 GiB at most: a pass whose heap would pass 90% of it cannot run, whatever the budget. */
export const WASM_HEAP_LIMIT_BYTES = 0.9 * 4 * 1024 ** 3;

/** One calibration measurement with the features of what it ran: `measuredBytes` is what the pass added. */
export interface CalibrationPoint {
  readonly features: PassFeatures;
  readonly measuredBytes: number;
  /** The resident memory of the process before the pass (the over-estimate is relative to the peak). */
  readonly beforeBytes: number;
}

/**
 * Least squares on the relative error of the process peak (each row: (before + estimate) / peak
 * against 1), over the features `use` names, then every coefficient scaled up by the smallest factor
 * that leaves no row under-estimated. A coefficient the fit makes negative is dropped and the fit
 * redone without it.
 */
export function fitCalibration(
  points: readonly CalibrationPoint[],
  use: readonly (keyof PassFeatures)[] = [
    'parameterBytes',
    'peakActivationBytes',
    'kernelTapBytes',
    'largestOutputBytes',
    'groupedConvBytes',
    'depthwiseBytes',
  ],
): MemoryCalibration {
  if (points.length === 0) throw new Error('no calibration points to fit');
  let names = [...use];
  for (;;) {
    const columns = (p: CalibrationPoint) => [1, ...names.map((n) => p.features[n])];
    const k = names.length + 1;
    // Normal equations of min Σ ((x·c) / peak − measured / peak)².
    const a = Array.from({ length: k }, () => new Array<number>(k).fill(0));
    const b = new Array<number>(k).fill(0);
    for (const p of points) {
      const peak = p.beforeBytes + p.measuredBytes;
      const x = columns(p).map((v) => v / peak);
      const y = p.measuredBytes / peak;
      for (let i = 0; i < k; i++) {
        b[i]! += x[i]! * y;
        for (let j = 0; j < k; j++) a[i]![j]! += x[i]! * x[j]!;
      }
    }
    const c = solve(a, b);
    const negative = c.slice(1).findIndex((v) => v < 0);
    if (negative >= 0 && names.length > 0) {
      names = names.filter((_, i) => i !== negative);
      continue;
    }
    const coefficient = (name: keyof PassFeatures) => {
      const index = names.indexOf(name);
      return index < 0 ? 0 : c[index + 1]!;
    };
    const fitted: MemoryCalibration = {
      slackBytes: Math.max(0, c[0]!),
      parameterFactor: coefficient('parameterBytes'),
      activationFactor: coefficient('peakActivationBytes'),
      kernelTapFactor: coefficient('kernelTapBytes'),
      largestOutputFactor: coefficient('largestOutputBytes'),
      groupedConvFactor: coefficient('groupedConvBytes'),
      depthwiseFactor: coefficient('depthwiseBytes'),
    };
    // Two ways to leave no point under-estimated: scale every coefficient, or raise the slack by
    // the largest shortfall. The one whose worst over-estimate of a process peak is smaller wins.
    const scale = Math.max(1, ...points.map((p) => p.measuredBytes / passBytes(p.features, fitted)));
    const scaled = rounded(fitted, scale, 0);
    const shortfall = Math.max(
      0,
      ...points.map((p) => p.measuredBytes - passBytes(p.features, rounded(fitted, 1, 0))),
    );
    const shifted = rounded(fitted, 1, shortfall);
    const worstOver = (c: MemoryCalibration) =>
      Math.max(
        ...points.map((p) => (p.beforeBytes + passBytes(p.features, c)) / (p.beforeBytes + p.measuredBytes)),
      );
    return worstOver(shifted) < worstOver(scaled) ? shifted : scaled;
  }
}

/** The coefficients × `scale`, the slack raised by `extraBytes`, each rounded up. */
function rounded(c: MemoryCalibration, scale: number, extraBytes: number): MemoryCalibration {
  return {
    slackBytes: Math.ceil(c.slackBytes * scale + extraBytes),
    parameterFactor: round(c.parameterFactor * scale),
    activationFactor: round(c.activationFactor * scale),
    kernelTapFactor: round(c.kernelTapFactor * scale),
    largestOutputFactor: round(c.largestOutputFactor * scale),
    groupedConvFactor: round(c.groupedConvFactor * scale),
    depthwiseFactor: round(c.depthwiseFactor * scale),
  };
}

/** Rounded up to 3 decimals, so the committed constants read well and never fall below the fit. */
const round = (value: number) => Math.ceil(value * 1000) / 1000;

/** Gaussian elimination with partial pivoting (k ≤ 4 here). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    const p = m[col]![col]!;
    if (Math.abs(p) < 1e-300)
      throw new Error('calibration fit is singular: the grid does not vary every feature');
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = m[r]![col]! / p;
      for (let c = col; c <= n; c++) m[r]![c]! -= f * m[col]![c]!;
    }
  }
  return m.map((row, i) => row[n]! / row[i]!);
}
