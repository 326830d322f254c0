import { buildArchitecture } from '@cnnkit/architectures/build';
import { buildAnalyzedModel, buildModel, initBackend, profileModel } from '@cnnkit/layers-gpu';
import { convertDenseToConv } from '@cnnkit/segmentation/build';
import {
  type AnalyzedModel,
  analyzeModel,
  bytesPerElement,
  exercise2Spec,
  type ModelReport,
  memoryForElementCounts,
} from '@cnnkit/shape-math';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { fcnGridClassifierSpec, poolVersusConvSpec } from './admission';
import { type EngineChoice, OnnxCheckedPath } from './onnx-path';
import type { Measurement, MeasurementEngine, MeasurementRequest } from './requests';

let backendReady: Promise<string> | undefined;

/**
 * The default backend (wasm here, CUDA where tfjs-node-gpu is installed), initialised once per
 * thread. On wasm, one thread per worker: the service already runs requests side by side (a light
 * and a heavy lane) on the machine's cores, and the memory budget (memory-estimate.ts) is
 * calibrated on the single-threaded build; the threaded one added about 0.5 GiB to the largest
 * admitted request (2.07 GiB against the 2 GiB budget, `pnpm bench`).
 */
export function ensureBackend(): Promise<string> {
  backendReady ??= initBackend({ wasmThreads: 1 }).then((report) => report.backend);
  return backendReady;
}

const format = (n: number) => n.toLocaleString('en-US');

function trainableCount(model: tfl.LayersModel): number {
  return model.trainableWeights.reduce(
    (sum, w) => sum + w.shape.reduce<number>((a, b) => a * (b ?? 1), 1),
    0,
  );
}

/** How a measurement may run, as the service admitted it. */
export interface MeasureRunOptions {
  /**
   * Whether ONNX Runtime may run beside TensorFlow.js (default false): the service's memory ledger
   * admitted the request with both engines' estimate (admission.ts).
   */
  readonly allowOnnx?: boolean;
  /** The exercise-2 network as the service already analysed it (one analysis per answer). */
  readonly planned?: AnalyzedModel;
}

/**
 * Builds the real model a request names, runs it, and measures the quantity; shape-math's figure
 * comes along for comparison. Everything allocated is disposed before returning.
 */
export async function measure(
  request: MeasurementRequest,
  options: MeasureRunOptions = {},
): Promise<Measurement> {
  const backend = await ensureBackend();
  const start = performance.now();
  const { engine = 'tfjs', ...result } = await measureOn(request, options);
  return { request, backend, engine, elapsedMs: performance.now() - start, ...result };
}

/** This worker's ONNX Runtime path: used per network once it agreed with TensorFlow.js (onnx-path.ts). */
const onnxPath = new OnnxCheckedPath();

type Measured = Pick<Measurement, 'measured' | 'theory' | 'unit' | 'details'> & {
  readonly engine?: MeasurementEngine;
};

async function measureOn(request: MeasurementRequest, options: MeasureRunOptions): Promise<Measured> {
  const allowOnnx = options.allowOnnx === true;
  switch (request.kind) {
    case 'exercise2':
      return measureExercise2(request, options.planned);
    case 'architectureParams': {
      const built = buildArchitecture(request.architecture);
      try {
        const measured =
          request.count === 'trainable' ? trainableCount(built.model) : built.model.countParams();
        const params = built.report.totals.params;
        return {
          measured,
          theory: request.count === 'trainable' ? params.trainable : params.total,
          unit: 'count',
          details: [
            `Built ${request.architecture} for real and counted its ${request.count === 'trainable' ? "trainable weights (what PyTorch's parameters() counts)" : 'weights, batch norm\'s running statistics included (Keras\' "Total params")'}: ${format(measured)}.`,
          ],
        };
      } finally {
        built.model.dispose();
      }
    }
    case 'outputStride':
      return measureOutputStride(request.architecture, request.inputSide, allowOnnx);
    case 'fcnGrid':
      return measureFcnGrid(request.trainSide, request.testSide);
    case 'poolVersusConv': {
      const { channels, window } = request;
      const spec = poolVersusConvSpec(channels, window);
      const built = buildModel(spec);
      try {
        const count = (name: string) =>
          built.layersBySpecName.get(name)!.reduce((sum, layer) => sum + layer.countParams(), 0);
        const theoryRow = (name: string) => built.report.layers.find((l) => l.name === name)!.params.total;
        return {
          measured: count('strided_conv') - count('pool'),
          theory: theoryRow('strided_conv') - theoryRow('pool'),
          unit: 'count',
          details: [
            `A real ${window}×${window} max pooling layer with stride ${window} has ${count('pool')} parameters; a conv layer keeping ${channels} channels with the same window and stride has ${format(count('strided_conv'))} (${window}·${window}·${channels}·${channels} weights + ${channels} biases). Both output the same shape.`,
          ],
        };
      } finally {
        built.model.dispose();
      }
    }
  }
}

async function measureExercise2(
  request: Extract<MeasurementRequest, { kind: 'exercise2' }>,
  planned?: AnalyzedModel,
): Promise<Measured> {
  // The service's plan analysed this network at the request's number format and batch: built from
  // and priced from, not redone (issue 17: one analysis per answer, float16 and bfloat16 included).
  const analyzed =
    planned !== undefined && planned.report.dtype === request.dtype
      ? planned
      : analyzeModel(exercise2Spec(request.network), { dtype: request.dtype, batchSize: request.batchSize });
  const report = analyzed.report;
  // The budget check reads the report's format (2 bytes an element for float16) although
  // TensorFlow.js allocates float32: a backstop only, the service's ledger admitted the run on its
  // float32 charge (admission.ts) before it reached this worker.
  const built = buildAnalyzedModel(analyzed, { budgetFor: 'inference' });
  try {
    const params = built.model.countParams();
    const bytes = bytesPerElement(request.dtype);
    const dtypeNote =
      request.dtype === 'float32'
        ? ''
        : ` TensorFlow.js computes in float32; the element counts are measured and multiplied by ${bytes} bytes for ${request.dtype}.`;
    if (request.quantity === 'params') {
      return {
        measured: params,
        theory: report.totals.params.total,
        unit: 'count',
        details: [
          `Built the network for real and counted its weights: ${built.report.layers.map((l) => `${l.name} ${format(l.params.total)}`).join(' + ')} = ${format(params)}.`,
        ],
      };
    }
    // One real forward pass at batch 1: the real output tensor of every layer.
    const profile = await profileModel(built.model, { batchSize: 1 });
    const [height, width, channels] = [
      request.network.height,
      request.network.width,
      request.network.channels,
    ];
    const inputElements = height * width * channels;
    // Sizes from the real output tensors; the memory rule is shape-math's, applied to them.
    const layerElements = profile.layers.map((layer) => layer.outputShape.reduce((a, b) => a * b, 1));
    const real = memoryForElementCounts(report, {
      input: inputElements,
      layers: layerElements,
      trainableParams: trainableCount(built.model),
      totalParams: params,
    });
    const shapes = profile.layers.map((layer) => `${layer.name} ${layer.outputShape.join('×')}`).join(', ');
    if (request.quantity === 'inferenceBytes') {
      const { bytes: measured, peakActivationBytes, liveTensorsAtPeak } = real.inference;
      const peakValues = peakActivationBytes / bytes;
      return {
        measured,
        theory: report.memory.inference.bytes,
        unit: 'bytes',
        details: [
          `Ran one image through the real network: ${shapes}.`,
          `The largest set of activations alive at once is ${liveTensorsAtPeak.join(' + ')}: ${format(peakValues)} values; with the ${format(params)} parameters that is ${format(peakValues + params)} values × ${bytes} bytes = ${format(measured)} bytes.${dtypeNote}`,
        ],
      };
    }
    const batch = request.batchSize;
    const minimum = real.trainingMinimum;
    const activations = minimum.activationBytesPerInstance / bytes;
    return {
      measured: minimum.bytes,
      theory: report.memory.trainingMinimum.bytes,
      unit: 'bytes',
      details: [
        `Ran one image through the real network: ${shapes}; its activations total ${format(activations)} values. Training keeps all of them for back-propagation, for each of the ${batch} images.`,
        `activations ${format(minimum.activationBytes)} + input batch ${format(minimum.inputBytes)} + parameters ${format(minimum.parameterBytes)} = ${format(minimum.bytes)} bytes (gradients and optimizer state neglected, as the exercise does).${dtypeNote}`,
      ],
    };
  } finally {
    built.model.dispose();
  }
}

/**
 * The output stride is the product of the layers' strides (what shape-math reports). Measured for
 * real: the network without its classifier runs on two images whose sides differ by twice that
 * product; each output position stands for `stride` input pixels, so the last map grows by
 * exactly two positions whatever the padding. (Dividing one side by the last map's side is wrong
 * wherever "valid" windows or rounding shrink the map: LeNet-5 on 64 pixels gives 64/13.) A
 * measurement that disagrees with the theory fails loudly.
 */
async function measureOutputStride(
  architecture: string,
  side: number,
  allowOnnx: boolean,
): Promise<Measured> {
  const small = buildArchitecture(architecture, { inputShape: [side, side, 3], includeTop: false });
  let theory: number;
  let first: number;
  const passes: EngineChoice[] = [];
  try {
    const last = small.report.layers[small.report.layers.length - 1]!;
    theory = last.effectiveStride[0];
    first = await lastMapSide(`${architecture} without its classifier`, small, side, passes, allowOnnx);
  } finally {
    small.model.dispose();
  }
  const larger = side + 2 * theory;
  const second = buildArchitecture(architecture, { inputShape: [larger, larger, 3], includeTop: false });
  let grown: number;
  try {
    grown = await lastMapSide(`${architecture} without its classifier`, second, larger, passes, allowOnnx);
  } finally {
    second.model.dispose();
  }
  const measured = (larger - side) / (grown - first);
  if (measured !== theory)
    throw new Error(
      `${architecture}: the real network's last map grows from ${first} to ${grown} when the input grows from ${side} to ${larger} pixels, a stride of ${measured}, but shape-math says ${theory}: the theory or the network is wrong`,
    );
  const engines = new Set(passes.map((p) => p.engine));
  return {
    measured,
    theory,
    unit: 'ratio',
    engine: engines.size === 1 ? [...engines][0]! : 'mixed',
    details: [
      `Ran ${architecture} without its classifier on ${side}×${side} and ${larger}×${larger} images: its last feature map grew from ${first}×${first} to ${grown}×${grown}, so each output position stands for (${larger} − ${side}) / (${grown} − ${first}) = ${measured} input pixels: the product of its layers' strides.`,
      ...new Set(passes.map((p) => p.note)),
    ],
  };
}

/** The side of the last feature map of one forward pass (on ONNX Runtime once it agreed on the network). */
async function lastMapSide(
  network: string,
  built: { model: tfl.LayersModel; report: ModelReport },
  side: number,
  passes: EngineChoice[],
  allowOnnx: boolean,
): Promise<number> {
  const input = tf.zeros([1, side, side, 3]);
  try {
    const { output, engine, note } = await onnxPath.predict(network, built.model, input, {
      macs: built.report.totals.macs,
      params: built.report.totals.params.total,
      admittedWithBothEngines: allowOnnx,
    });
    passes.push({ engine, note });
    const outputSide = output.shape[1]!;
    output.dispose();
    return outputSide;
  } finally {
    input.dispose();
  }
}

/**
 * A small classifier (five conv+pool stages: output stride 32, then dense layers) converted to a
 * fully convolutional network: the first dense layer becomes a conv whose kernel covers the whole
 * feature map ("valid" padding), the next a 1×1 conv. The dense weights are copied into the convs,
 * the outputs are compared on a training-size image, and the FCN then runs on a larger image.
 */
async function measureFcnGrid(trainSide: number, testSide: number): Promise<Measured> {
  // The classifier the ledger charged (admission.ts describes the same models).
  const dense = fcnGridClassifierSpec(trainSide);
  const denseModel = buildModel(dense);
  // @cnnkit/segmentation does the conversion: dense layers become convs, weights copied and reshaped.
  const fcnTrain = convertDenseToConv(denseModel.model, { spec: dense });
  const fcnTest = convertDenseToConv(denseModel.model, { spec: dense, input: [testSide, testSide, 3] });
  const grid = fcnTrain.plan.topInput;
  try {
    const [agree, outputSide] = tf.tidy(() => {
      const image = tf.randomUniform([1, trainSide, trainSide, 3], 0, 1, 'float32', 1);
      const fromDense = denseModel.model.predict(image) as tf.Tensor;
      const fromConv = tf.reshape(fcnTrain.model.predict(image) as tf.Tensor, fromDense.shape);
      const difference = tf.max(tf.abs(tf.sub(fromDense, fromConv))).dataSync()[0]!;
      const large = fcnTest.model.predict(tf.zeros([1, testSide, testSide, 3])) as tf.Tensor;
      return [difference, large.shape[1]!] as const;
    });
    // The converted network must compute the same function, or the grid it reports means nothing.
    if (!(agree <= 1e-3))
      throw new Error(
        `the converted FCN disagrees with the dense classifier by ${agree}: the conversion is wrong`,
      );
    const theory = fcnTest.report.outputs[0]!.shape[0]!;
    return {
      measured: outputSide,
      theory,
      unit: 'pixels',
      details: [
        `A classifier for ${trainSide}×${trainSide} images ends its conv part on a ${grid[0]}×${grid[1]} map; its first dense layer became a ${grid[0]}×${grid[1]} "valid" conv and the second a 1×1 conv, with the dense weights copied in (outputs agree within ${formatTolerance(agree)}).`,
        `On a ${testSide}×${testSide} image the real FCN's last map is ${outputSide}×${outputSide}: one class-score vector per ${32}-pixel step of a ${trainSide}-pixel window.`,
      ],
    };
  } finally {
    denseModel.model.dispose();
    fcnTrain.model.dispose();
    fcnTest.model.dispose();
  }
}

const formatTolerance = (value: number) => (value < 1e-4 ? '1e-4' : value.toExponential(1));
