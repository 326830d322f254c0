/*
 * What a measurement really costs in resident memory, calibrated on this machine's runs of the
 * quiz's engines (scripts/calibrate-memory.ts measures the grid, bench/memory-calibration.json holds
 * the figures, `fitCalibration` below turns them into the coefficients, and
 * bench/memory-estimate.bench.ts prints how far the estimate is from every measured peak).
 *
 * Pure: no TensorFlow.js, no I/O. The service's admission and its ledger (memory-ledger.ts) use it.
 */
import type { ModelReport, ModelSpecInput } from '@cnnkit/shape-math';
import { minimize } from './linear-program';

/**
 * What the estimate reads of a model, in bytes:
 * - `parameterBytes`: the weights (TensorFlow.js holds them, XNNPACK packs a second copy);
 * - `peakActivationBytes`: shape-math's largest set of activations alive at once;
 * - `kernelTapBytes`: the largest convolution's output pixels × kernel taps × 4 bytes (shape-math's
 *   `memory.inference.kernelTapBytes`, which its own wasm estimate also adds). XNNPACK's
 *   indirection buffer holds one 4-byte pointer (wasm32) per output pixel and kernel tap, so a
 *   large kernel on a large map (LeNet-5's 5×5 or AlexNet's 11×11 first layer at thousands of
 *   pixels) costs more than its activations: what the first calibration missed (issue 22);
 * - `largestOutputBytes`: the largest single layer output (an activation or normalisation that the
 *   backend does not fuse into its convolution makes one more copy of it);
 * - `groupedConvBytes`: for the largest grouped convolution (AlexNet's two towers), its input plus
 *   twice its output (the groups are computed apart and joined: copies of both), else 0;
 * - `depthwiseBytes`: for the largest depthwise convolution (MobileNet's; not the separable
 *   ones, which the backend runs otherwise), its input plus its output (a padded copy), else 0;
 * - `allKernelTapBytes`: the same pointers summed over every convolution that has them (a kernel
 *   larger than 1×1 or a stride over 1; XNNPACK runs a 1×1, stride-1 convolution as a plain matrix
 *   product, with none). TensorFlow.js' wasm backend keeps each convolution's XNNPACK operator,
 *   indirection buffer included, until the model's weights are disposed, so at the end of a pass
 *   every convolution's buffer is alive at once: an exercise-2 variant at stride 1 (three 7×7
 *   convolutions on the same 2,048² map) added 2.69 GB where the largest alone (0.82 GB) and its
 *   activations were charged 1.80 GB (review 30, A3);
 * - `inputBytes`: the input image. The quiz's exercise-2 run (measure.ts, layers-gpu's
 *   `profileModel`) fills it with random numbers in JavaScript and copies them into the wasm heap,
 *   so it is resident twice or more; a 4,096-px image under three 3×3 convolutions of 1-4 filters
 *   added 853 MB against a charge of 682 MB without it.
 */
export interface PassFeatures {
  readonly parameterBytes: number;
  readonly peakActivationBytes: number;
  readonly kernelTapBytes: number;
  readonly largestOutputBytes: number;
  readonly groupedConvBytes: number;
  readonly depthwiseBytes: number;
  readonly allKernelTapBytes: number;
  readonly inputBytes: number;
}

/** The convolutions that may be grouped or depthwise (whose copies the estimate counts). */
const CONVOLUTIONS = new Set(['conv2d', 'depthwiseConv2d', 'separableConv2d', 'conv2dTranspose']);

/**
 * The features of one forward pass of `spec` (as built, batch 1), from shape-math's `report` of the
 * same spec (its memory estimate and each layer's output shape, found by layer name).
 */
export function passFeatures(spec: ModelSpecInput, report: ModelReport): PassFeatures {
  const layers = new Map(report.layers.map((layer) => [layer.name, layer]));
  const bytesOf = (name: string) =>
    name === 'input' ? report.totals.inputBytes : (layers.get(name)?.activationBytes ?? 0);
  let groupedConvBytes = 0;
  let depthwiseBytes = 0;
  let allKernelTapBytes = 0;
  for (const layer of spec.layers) {
    if (!CONVOLUTIONS.has(layer.kind) || layer.name === undefined) continue;
    const row = layers.get(layer.name);
    if (row === undefined) continue;
    allKernelTapBytes += kernelTapBytesOf(layer, row.outputShape);
    const input = row.inputs.reduce((sum, name) => sum + bytesOf(name), 0);
    if ('groups' in layer && (layer.groups ?? 1) > 1)
      groupedConvBytes = Math.max(groupedConvBytes, input + 2 * row.activationBytes);
    if (layer.kind === 'depthwiseConv2d')
      depthwiseBytes = Math.max(depthwiseBytes, input + row.activationBytes);
  }
  return {
    parameterBytes: report.memory.inference.parameterBytes,
    peakActivationBytes: report.memory.inference.peakActivationBytes,
    kernelTapBytes: report.memory.inference.kernelTapBytes,
    largestOutputBytes: Math.max(0, ...report.layers.map((layer) => layer.activationBytes)),
    groupedConvBytes,
    depthwiseBytes,
    allKernelTapBytes,
    inputBytes: report.totals.inputBytes,
  };
}

/** A pair from a number or a pair (a kernel size or a stride), 1 when absent. */
const pairOf = (value: unknown): [number, number] =>
  Array.isArray(value)
    ? [Number(value[0]), Number(value[1])]
    : typeof value === 'number'
      ? [value, value]
      : [1, 1];

/**
 * XNNPACK's indirection buffer of one convolution: a 4-byte pointer per output pixel and kernel tap,
 * none for a 1×1 kernel at stride 1 (a plain matrix product); the transposed convolution, which
 * the backend runs otherwise, is not counted.
 */
function kernelTapBytesOf(layer: ModelSpecInput['layers'][number], outputShape: readonly number[]): number {
  if (layer.kind === 'conv2dTranspose' || !('kernelSize' in layer)) return 0;
  const [kh, kw] = pairOf(layer.kernelSize);
  const [sh, sw] = pairOf('strides' in layer ? layer.strides : undefined);
  if (kh * kw === 1 && sh * sw === 1) return 0;
  const [height = 1, width = 1] = outputShape;
  return height * width * kh * kw * 4;
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
  readonly allKernelTapFactor: number;
  readonly inputFactor: number;
}

/**
 * Fitted by `fitCalibration` (the minimax fit) on bench/memory-calibration.json's `pass` rows; a
 * unit test checks these are the fit of the committed data, and that none of its rows is
 * under-estimated. `largestOutputFactor` is 0: shape-math's peak of live activations covers it.
 * The first grid stopped at 224-1,024 px for the ResNets, GoogLeNet, Inception-v3 and Xception,
 * where their weights dominate; there the largest output alone (× 1.547, activations × 0) fitted,
 * but a residual block keeps its input, its shortcut and its branch's output alive together
 * (ResNet-50 at 1,792 px: shape-math's live peak is 3 times its largest output, TensorFlow.js held
 * 0.90 GB of activations at once, 4.4 times, where the estimate counted 1.547 times, and the pass
 * added 1.17 GB against an estimate of 0.94 GB). With one larger side each for those networks
 * (stop 30), the fit counts the live activations instead.
 */
export const PASS_CALIBRATION: MemoryCalibration = {
  slackBytes: 20441812,
  parameterFactor: 2.976,
  activationFactor: 1.4,
  kernelTapFactor: 0,
  largestOutputFactor: 0,
  groupedConvFactor: 0,
  depthwiseFactor: 0.947,
  allKernelTapFactor: 0.973,
  inputFactor: 4.528,
};

/**
 * Building a network without running it (`compute params`): its weights are initialised, held and
 * counted; no activation is allocated. Bytes = `slackBytes` + `parameterFactor` × parameter bytes,
 * fitted on the `build` rows the same way.
 */
export const BUILD_CALIBRATION: Pick<MemoryCalibration, 'slackBytes' | 'parameterFactor'> = {
  slackBytes: 3728336,
  parameterFactor: 1.573,
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
  parameterFactor: 2.473,
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
      calibration.depthwiseFactor * features.depthwiseBytes +
      calibration.allKernelTapFactor * features.allKernelTapBytes +
      calibration.inputFactor * features.inputBytes,
  );
}

/** Bytes building a network (weights only, no pass) adds to a warm worker (`calibration`: default the committed one). */
export function buildBytes(
  parameterBytes: number,
  calibration: Pick<MemoryCalibration, 'slackBytes' | 'parameterFactor'> = BUILD_CALIBRATION,
): number {
  return Math.ceil(calibration.slackBytes + calibration.parameterFactor * parameterBytes);
}

/**
 * Bytes ONNX Runtime's check or run of a pass adds beside TensorFlow.js' own: its activations are
 * taken to cost as much as TensorFlow.js' whole pass (three ONNX rows cannot separate how they grow
 * with the side; a ResNet-50 request at 852 px through the real service peaked at 1.56 GB, over
 * what the rows alone predicted; with this estimate it is charged 1.66 GB, baselines included),
 * plus the fitted weights' copies and slack. `pass` and `onnx`: default the committed calibrations.
 */
export function onnxExtraBytes(
  features: PassFeatures,
  pass: MemoryCalibration = PASS_CALIBRATION,
  onnx: Pick<MemoryCalibration, 'slackBytes' | 'parameterFactor' | 'activationFactor'> = ONNX_CALIBRATION,
): number {
  return Math.ceil(
    passBytes(features, pass) +
      onnx.slackBytes +
      onnx.parameterFactor * features.parameterBytes +
      onnx.activationFactor * features.peakActivationBytes,
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

/** The slack and each feature a calibration can use, in the order of its columns. */
const FEATURES: readonly (keyof PassFeatures)[] = [
  'parameterBytes',
  'peakActivationBytes',
  'kernelTapBytes',
  'largestOutputBytes',
  'groupedConvBytes',
  'depthwiseBytes',
  'allKernelTapBytes',
  'inputBytes',
];

/**
 * The minimax fit: the coefficients (the slack and one factor per feature `use` names, all ≥ 0: no
 * feature frees memory) that make the worst relative over-estimate of a process peak, max over the
 * points of (estimate − measured) / (before + measured), as small as it can be while no point is
 * under-estimated (estimate ≥ measured on every point). A linear program in the coefficients and
 * the worst over-estimate t, solved exactly by the simplex method (linear-program.ts):
 *   minimise t  subject to  x_i · c ≥ m_i  and  x_i · c − m_i ≤ t × peak_i  for every point i.
 * Its optimum is often reached by many coefficient vectors; a second program picks, among those
 * within the optimal t, the one with the smallest sum of relative over-estimates (the typical run is
 * estimated as closely as the worst allows). The coefficients are then rounded up (3 decimals, the
 * slack to a byte), which cannot make any point under-estimated, as every feature is ≥ 0.
 */
export function fitCalibration(
  points: readonly CalibrationPoint[],
  use: readonly (keyof PassFeatures)[] = FEATURES,
): MemoryCalibration {
  if (points.length === 0) throw new Error('no calibration points to fit');
  // Each row divided by its peak (the error is relative to it), each column by its largest entry,
  // so that the simplex method sees numbers of about 1; a feature zero on every point is left out.
  const peaks = points.map((p) => p.beforeBytes + p.measuredBytes);
  if (peaks.some((peak) => !(peak > 0))) throw new RangeError('a calibration point has no positive peak');
  const raw = (name: keyof PassFeatures | 'slack', p: CalibrationPoint) =>
    name === 'slack' ? 1 : p.features[name];
  const columns = (['slack', ...use] as const).filter((name) => points.some((p) => raw(name, p) > 0));
  const scales = columns.map((name) => Math.max(...points.map((p, i) => raw(name, p) / peaks[i]!)));
  const a = points.map((p, i) => columns.map((name, j) => raw(name, p) / peaks[i]! / scales[j]!));
  const y = points.map((p, i) => p.measuredBytes / peaks[i]!);
  const k = columns.length;
  const covers = a.map((row, i) => ({ coefficients: [...row, 0], relation: '>=' as const, bound: y[i]! }));
  const worst = minimize(
    [...new Array<number>(k).fill(0), 1],
    [
      ...covers,
      ...a.map((row, i) => ({ coefficients: [...row, -1], relation: '<=' as const, bound: y[i]! })),
    ],
  );
  if (worst.status !== 'optimal') throw new Error(`the minimax calibration fit is ${worst.status}`);
  const t = worst.objective;
  // Among the minimax coefficients, the smallest sum of relative estimates (t loosened by 1e-7 for rounding).
  const sums = columns.map((_, j) => a.reduce((sum, row) => sum + row[j]!, 0));
  const typical = minimize(sums, [
    ...covers.map((c) => ({ ...c, coefficients: c.coefficients.slice(0, k) })),
    ...a.map((row, i) => ({ coefficients: row, relation: '<=' as const, bound: y[i]! + t + 1e-7 })),
  ]);
  if (typical.status !== 'optimal') throw new Error(`the second calibration fit is ${typical.status}`);
  const coefficient = (name: keyof PassFeatures | 'slack') => {
    const j = columns.indexOf(name);
    return j < 0 ? 0 : typical.x[j]! / scales[j]!;
  };
  const fitted = rounded({
    slackBytes: coefficient('slack'),
    parameterFactor: coefficient('parameterBytes'),
    activationFactor: coefficient('peakActivationBytes'),
    kernelTapFactor: coefficient('kernelTapBytes'),
    largestOutputFactor: coefficient('largestOutputBytes'),
    groupedConvFactor: coefficient('groupedConvBytes'),
    depthwiseFactor: coefficient('depthwiseBytes'),
    allKernelTapFactor: coefficient('allKernelTapBytes'),
    inputFactor: coefficient('inputBytes'),
  });
  // The simplex method works in floating point: a point short by a few bytes raises the slack.
  const shortfall = Math.max(0, ...points.map((p) => p.measuredBytes - passBytes(p.features, fitted)));
  return { ...fitted, slackBytes: fitted.slackBytes + Math.ceil(shortfall) };
}

/** The coefficients, each rounded up. */
function rounded(c: MemoryCalibration): MemoryCalibration {
  return {
    slackBytes: Math.ceil(c.slackBytes),
    parameterFactor: round(c.parameterFactor),
    activationFactor: round(c.activationFactor),
    kernelTapFactor: round(c.kernelTapFactor),
    largestOutputFactor: round(c.largestOutputFactor),
    groupedConvFactor: round(c.groupedConvFactor),
    depthwiseFactor: round(c.depthwiseFactor),
    allKernelTapFactor: round(c.allKernelTapFactor),
    inputFactor: round(c.inputFactor),
  };
}

/** Rounded up to 3 decimals, so the committed constants read well and never fall below the fit. */
const round = (value: number) => Math.ceil(value * 1000) / 1000;
