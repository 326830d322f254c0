import {
  type AnalyzedModel,
  analyzeModel,
  checkMemoryBudget,
  DEFAULT_MEMORY_BUDGET_BYTES,
  defaultLayerName,
  explicitSpatialPadding,
  formatBytes,
  type LayerKind,
  type LayerOf,
  type LayerSpec,
  type MemoryBudgetEstimate,
  type MemoryBudgetOptions,
  type ModelReport,
  type ModelSpecInput,
  type Padding,
  quoteForMessage,
} from '@cnnkit/shape-math';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { fuseBatchNormTraining } from './batch-norm-training';
import { GroupedConv2D, LocalResponseNormalization, registerCnnkitLayers } from './custom-layers';
import { assertOptionsObject, LayersGpuError } from './errors';
import { withFastInitializers } from './fast-init';
import { tfPair } from './tf-pair';
import { warmWasmHeap } from './wasm-heap';

type SymbolicTensor = tfl.SymbolicTensor;
type ActivationIdentifier = NonNullable<Parameters<typeof tfl.layers.activation>[0]>['activation'];

// The budget rule and its default (2 GiB: the wasm heap cannot grow past 4 GiB) live in shape-math.
export { DEFAULT_MEMORY_BUDGET_BYTES };

/** Options for `buildModel`: the memory budget and what it is checked for. */
export interface BuildOptions {
  /** Refuse, before allocating, a model whose estimate exceeds this (default 2 GiB). */
  readonly memoryBudgetBytes?: number;
  /** Which estimate the budget applies to (default `inference`, i.e. shape-math's method (a)). */
  readonly budgetFor?: 'inference' | 'training';
  /** Batch size for the training estimate (default 1). */
  readonly batchSize?: number;
  /**
   * Which estimate the budget is held against (default `tensors`: shape-math's own). `wasm-process`
   * uses the calibrated peak of a whole process on the wasm backend and also refuses a heap past the
   * 4 GiB wasm ceiling; it is calibrated for inference only.
   */
  readonly memoryEstimate?: MemoryBudgetEstimate;
}

// A record, not a list: a field added to BuildOptions and missing here is a compile error.
const BUILD_OPTION_FIELDS: { readonly [K in keyof Required<BuildOptions>]: true } = {
  memoryBudgetBytes: true,
  budgetFor: true,
  batchSize: true,
  memoryEstimate: true,
};

/** The keys `buildModel` takes, for packages that pass options on to it (architectures' `buildArchitecture`). */
export const BUILD_OPTION_KEYS = Object.keys(BUILD_OPTION_FIELDS) as readonly (keyof BuildOptions)[];

const BUDGET_USES = ['inference', 'training'] as const;
const MEMORY_ESTIMATES = ['tensors', 'wasm-process'] as const;

/** The options' values `buildModel` and `assertFitsMemoryBudget` read themselves (batchSize is analyze's). */
function assertBuildOptions(options: BuildOptions, label: string): void {
  assertOptionsObject(options, BUILD_OPTION_KEYS, label);
  const { memoryBudgetBytes, budgetFor, memoryEstimate } = options;
  if (memoryBudgetBytes !== undefined && !(typeof memoryBudgetBytes === 'number' && memoryBudgetBytes > 0))
    throw new LayersGpuError(
      'invalid_options',
      `${label}: memoryBudgetBytes ${String(memoryBudgetBytes)}: must be a positive number of bytes`,
      { check: 'too_small', minimum: 0, inclusive: false },
      { path: ['memoryBudgetBytes'] },
    );
  for (const [field, value, allowed] of [
    ['budgetFor', budgetFor, BUDGET_USES],
    ['memoryEstimate', memoryEstimate, MEMORY_ESTIMATES],
  ] as const) {
    if (value !== undefined && !(allowed as readonly unknown[]).includes(value))
      throw new LayersGpuError(
        'invalid_options',
        `${label}: ${field} ${typeof value === 'string' ? quoteForMessage(value) : String(value)}: must be one of ${allowed.join(', ')}`,
        { check: 'invalid_value', allowed },
        { path: [field] },
      );
  }
}

/** What `buildModel` returns: the real tfjs model and shape-math's report of the same spec. */
export interface BuiltModel {
  readonly model: tfl.LayersModel;
  /** shape-math's analysis of the same spec: the theory the real model is checked against. */
  readonly report: ModelReport;
  /** For each spec layer, the tfjs layers that implement it (helpers such as explicit padding first). */
  readonly layersBySpecName: ReadonlyMap<string, readonly tfl.layers.Layer[]>;
}

// tfjs-layers takes mutable arrays; the pair (tfPair) and padding rules themselves are shape-math's.

function explicitPadding(padding: Padding): [[number, number], [number, number]] | undefined {
  const explicit = explicitSpatialPadding(padding);
  return explicit === undefined ? undefined : [[...explicit[0]], [...explicit[1]]];
}

/**
 * Fails at once, with code `backend_not_initialised`, when tfjs-core has no backend set and none
 * registered: without this, building a big model spends seconds and memory before tfjs'
 * "No backend found in registry".
 */
function assertBackendInitialised(): void {
  const engine = tf.engine();
  if (engine.backendName == null && Object.keys(engine.registryFactory).length === 0)
    throw new LayersGpuError(
      'backend_not_initialised',
      'no TensorFlow.js backend is set: call `await initBackend()` (from @cnnkit/layers-gpu) before buildModel',
      {},
    );
}

/**
 * Checks a model against a memory budget with shape-math's one budget rule (`checkMemoryBudget`),
 * before anything is allocated.
 */
export function assertFitsMemoryBudget(report: ModelReport, options: BuildOptions = {}): void {
  assertBuildOptions(options, 'assertFitsMemoryBudget options');
  if (options.memoryEstimate === 'wasm-process' && options.budgetFor === 'training')
    throw new LayersGpuError(
      'invalid_options',
      'memoryEstimate "wasm-process" is calibrated for inference only: use budgetFor "inference", or memoryEstimate "tensors" for training',
      { memoryEstimate: 'wasm-process', budgetFor: 'training' },
    );
  const check = checkMemoryBudget(report.memory, {
    ...(options.memoryBudgetBytes === undefined ? {} : { budgetBytes: options.memoryBudgetBytes }),
    ...(options.budgetFor === undefined ? {} : { use: options.budgetFor }),
    ...(options.memoryEstimate === undefined ? {} : { estimate: options.memoryEstimate }),
  } as MemoryBudgetOptions);
  if (!check.fits) {
    const { estimateBytes: estimate, budgetBytes: budget } = check;
    const over =
      check.exceeds === 'wasm-heap-ceiling'
        ? 'over the 4 GiB a wasm backend can address'
        : `over the budget of ${formatBytes(budget)}`;
    throw new LayersGpuError(
      'memory_budget_exceeded',
      `model ${quoteForMessage(report.name)} needs about ${formatBytes(estimate)} for ${check.use} ` +
        `(${report.totals.params.total.toLocaleString('en-US')} parameters), ${over}: ` +
        'use a smaller input, fewer filters or a smaller batch, or raise memoryBudgetBytes',
      { estimateBytes: estimate, budgetBytes: budget, params: report.totals.params.total },
    );
  }
}

const tfPadding = (padding: unknown): 'same' | 'valid' => (padding === 'same' ? 'same' : 'valid');

/** What a builder gets: the layer's place and name, its inputs, and helpers that record what it creates. */
interface BuildContext {
  readonly index: number;
  readonly name: string;
  /** The first (for most kinds, the only) input. */
  readonly x: SymbolicTensor;
  readonly inputs: readonly SymbolicTensor[];
  readonly apply: (tfLayer: tfl.layers.Layer, x: SymbolicTensor | SymbolicTensor[]) => SymbolicTensor;
  readonly padFirst: (x: SymbolicTensor, padding: Padding) => SymbolicTensor;
}

type LayerBuilder<K extends LayerKind> = (layer: LayerOf<K>, b: BuildContext) => SymbolicTensor;

function depthwiseArgs(layer: LayerOf<'depthwiseConv2d'> | LayerOf<'separableConv2d'>, name: string) {
  // The depthwise part's arguments are the same; a separable conv adds its pointwise filters.
  return {
    kernelSize: tfPair(layer.kernelSize),
    strides: tfPair(layer.strides),
    dilationRate: tfPair(layer.dilationRate),
    padding: tfPadding(layer.padding),
    depthMultiplier: layer.depthMultiplier,
    useBias: layer.useBias,
    activation: tfActivation(layer.activation, name),
    name,
  };
}

function poolArgs(layer: LayerOf<'maxPooling2d'> | LayerOf<'averagePooling2d'>, name: string) {
  // Explicit padding pads with zeros first, as Keras' ZeroPadding2D + pooling does;
  // after a ReLU this equals PyTorch's -inf padding for max pooling.
  const poolSize = tfPair(layer.poolSize);
  return {
    poolSize,
    strides: layer.strides === undefined ? poolSize : tfPair(layer.strides),
    padding: tfPadding(layer.padding),
    name,
  };
}

function globalPool(
  layer: LayerOf<'globalAveragePooling2d'> | LayerOf<'globalMaxPooling2d'>,
  { name, x, apply }: BuildContext,
): SymbolicTensor {
  const poolName = layer.keepDims ? `${name}_pool` : name;
  const pooled = apply(
    layer.kind === 'globalAveragePooling2d'
      ? tfl.layers.globalAveragePooling2d({ name: poolName })
      : tfl.layers.globalMaxPooling2d({ name: poolName }),
    x,
  );
  const channels = x.shape[x.shape.length - 1] as number;
  return layer.keepDims ? apply(tfl.layers.reshape({ targetShape: [1, 1, channels], name }), pooled) : pooled;
}

/**
 * One builder per shape-math layer kind, keyed by the same kinds: a kind added to shape-math's
 * table and missing here is a compile error naming it.
 */
const LAYER_BUILDERS: { readonly [K in LayerKind]: LayerBuilder<K> } = {
  conv2d: (layer, { name, x, apply, padFirst }) => {
    const padded = padFirst(x, layer.padding);
    const common = {
      filters: layer.filters,
      kernelSize: tfPair(layer.kernelSize),
      strides: tfPair(layer.strides),
      dilationRate: tfPair(layer.dilationRate),
      padding: tfPadding(layer.padding),
      useBias: layer.useBias,
      name,
    };
    return layer.groups === 1
      ? apply(tfl.layers.conv2d({ ...common, activation: tfActivation(layer.activation, name) }), padded)
      : apply(new GroupedConv2D({ ...common, groups: layer.groups, activation: layer.activation }), padded);
  },
  depthwiseConv2d: (layer, { name, x, apply, padFirst }) =>
    apply(tfl.layers.depthwiseConv2d(depthwiseArgs(layer, name)), padFirst(x, layer.padding)),
  separableConv2d: (layer, { name, x, apply, padFirst }) =>
    apply(
      tfl.layers.separableConv2d({ ...depthwiseArgs(layer, name), filters: layer.filters }),
      padFirst(x, layer.padding),
    ),
  conv2dTranspose: (layer, { index, name, x, apply }) => {
    if (
      typeof layer.padding !== 'string' ||
      layer.outputPadding !== undefined ||
      tfPair(layer.dilationRate).some((d) => d !== 1)
    ) {
      throw new LayersGpuError(
        'unsupported_layer',
        `layer ${index} (${quoteForMessage(name)}): tfjs' conv2dTranspose supports "same"/"valid" padding without outputPadding or dilation; ` +
          'shape-math can analyse the PyTorch form, but it cannot be built on TensorFlow.js',
        { layer: name, unsupported: 'transposed_conv_form' },
        { path: ['layers', index], layer: { index, name } },
      );
    }
    return apply(
      tfl.layers.conv2dTranspose({
        filters: layer.filters,
        kernelSize: tfPair(layer.kernelSize),
        strides: tfPair(layer.strides),
        padding: layer.padding,
        useBias: layer.useBias,
        activation: tfActivation(layer.activation, name),
        // Fixed weights (shape-math counts them non-trainable), e.g. FCN's final bilinear upsampler.
        trainable: layer.trainable !== false,
        name,
      }),
      x,
    );
  },
  maxPooling2d: (layer, { name, x, apply, padFirst }) =>
    apply(tfl.layers.maxPooling2d(poolArgs(layer, name)), padFirst(x, layer.padding)),
  averagePooling2d: (layer, { name, x, apply, padFirst }) =>
    apply(tfl.layers.averagePooling2d(poolArgs(layer, name)), padFirst(x, layer.padding)),
  globalAveragePooling2d: globalPool,
  globalMaxPooling2d: globalPool,
  dense: (layer, { name, x, apply }) =>
    apply(
      tfl.layers.dense({
        units: layer.units,
        useBias: layer.useBias,
        activation: tfActivation(layer.activation, name),
        name,
      }),
      x,
    ),
  flatten: (_layer, { name, x, apply }) => apply(tfl.layers.flatten({ name }), x),
  reshape: (layer, { name, x, apply }) =>
    apply(tfl.layers.reshape({ targetShape: [...layer.targetShape], name }), x),
  zeroPadding2d: (layer, { name, x, apply }) =>
    apply(tfl.layers.zeroPadding2d({ padding: explicitPadding(layer.padding)!, name }), x),
  cropping2d: (layer, { name, x, apply }) =>
    apply(tfl.layers.cropping2D({ cropping: explicitPadding(layer.cropping)!, name }), x),
  batchNormalization: (layer, { name, x, apply }) =>
    apply(
      // Training mode runs on fused kernels on wasm (batch-norm-training.ts); the layer is unchanged.
      fuseBatchNormTraining(
        tfl.layers.batchNormalization({
          axis: -1,
          center: layer.center,
          scale: layer.scale,
          epsilon: layer.epsilon,
          momentum: layer.momentum,
          name,
        }),
      ),
      x,
    ),
  localResponseNormalization: (layer, { name, x, apply }) =>
    apply(
      new LocalResponseNormalization({
        depthRadius: layer.depthRadius,
        bias: layer.bias,
        alpha: layer.alpha,
        beta: layer.beta,
        name,
      }),
      x,
    ),
  activation: (layer, { name, x, apply }) =>
    layer.activation === 'leakyRelu'
      ? apply(tfl.layers.leakyReLU({ name }), x)
      : apply(tfl.layers.activation({ activation: tfActivation(layer.activation, name), name }), x),
  dropout: (layer, { name, x, apply }) => apply(tfl.layers.dropout({ rate: layer.rate, name }), x),
  add: (_layer, { name, inputs, apply }) => apply(tfl.layers.add({ name }), [...inputs]),
  multiply: (_layer, { name, inputs, apply }) => apply(tfl.layers.multiply({ name }), [...inputs]),
  concatenate: (layer, { name, inputs, apply }) =>
    apply(tfl.layers.concatenate({ axis: layer.axis, name }), [...inputs]),
  upSampling2d: (layer, { name, x, apply }) =>
    apply(tfl.layers.upSampling2d({ size: tfPair(layer.size), interpolation: layer.interpolation, name }), x),
  // A further model input: buildModel collects it as one of the model's inputs.
  input: (layer, { name }) => tfl.input({ shape: [...layer.shape], name }),
};

function buildLayer(layer: LayerSpec, context: BuildContext): SymbolicTensor {
  return (LAYER_BUILDERS[layer.kind] as LayerBuilder<LayerKind>)(layer as never, context);
}

/**
 * Builds a real tf.LayersModel from a shape-math description, after shape-math has validated it
 * and checked it against the memory budget. Each spec layer becomes the tfjs layer of the same
 * name (with a `<name>_pad` helper before it for explicit padding), so the real model can be
 * compared with shape-math layer by layer.
 */
export function buildModel(spec: ModelSpecInput, options: BuildOptions = {}): BuiltModel {
  assertBuildOptions(options, 'buildModel options');
  assertBackendInitialised();
  return buildAnalyzedModel(analyzeModel(spec, { batchSize: options.batchSize ?? 1 }), options);
}

/**
 * {@link buildModel} for a model shape-math has already validated and analysed (its
 * `analyzeModel`): the spec is trusted as validated and the report as its own analysis, so neither
 * is redone. The report's batch size is the one the training budget uses (`options.batchSize` is
 * not read); the memory budget is still checked, before anything is allocated. For callers that
 * analysed the model anyway (the quiz's measurement service plans a request with it, then builds).
 */
export function buildAnalyzedModel(analyzed: AnalyzedModel, options: BuildOptions = {}): BuiltModel {
  assertBuildOptions(options, 'buildAnalyzedModel options');
  assertBackendInitialised();
  const { spec: model, report } = analyzed;
  assertFitsMemoryBudget(report, options);
  registerCnnkitLayers();
  // The weights (float32) are most of what building writes to fresh memory: have it touched ahead
  // in another thread where the wasm backend runs threaded (wasm-heap.ts).
  warmWasmHeap(report.totals.params.total * 4);

  const input = tfl.input({ shape: [...model.input], name: 'input' });
  const modelInputs = [input];
  const tensors = new Map<string, SymbolicTensor>([['input', input]]);
  const layersBySpecName = new Map<string, tfl.layers.Layer[]>();
  let previous = 'input';

  for (const [index, layer] of model.layers.entries()) {
    const name = layer.name ?? defaultLayerName(layer.kind, index);
    const inputs =
      layer.kind === 'input' ? [] : (layer.inputs ?? [previous]).map((inputName) => tensors.get(inputName)!);
    const created: tfl.layers.Layer[] = [];
    // A shared layer's second call applies the owner's tfjs layer (its weights), not a new one.
    const owner =
      'sharesWeightsOf' in layer && layer.sharesWeightsOf !== undefined
        ? layersBySpecName.get(layer.sharesWeightsOf)?.find((l) => l.name === layer.sharesWeightsOf)
        : undefined;
    const apply = (tfLayer: tfl.layers.Layer, x: SymbolicTensor | SymbolicTensor[]): SymbolicTensor => {
      const applied = owner !== undefined && tfLayer.name === name ? owner : tfLayer;
      created.push(applied);
      // Building the layer draws its weights: fast, from its own initializer's distribution (fast-init.ts).
      return withFastInitializers(applied, () => applied.apply(x) as SymbolicTensor);
    };
    const padFirst = (x: SymbolicTensor, padding: Padding): SymbolicTensor => {
      const explicit = explicitPadding(padding);
      return explicit === undefined
        ? x
        : apply(tfl.layers.zeroPadding2d({ padding: explicit, name: `${name}_pad` }), x);
    };
    const output = buildLayer(layer, { index, name, x: inputs[0]!, inputs, apply, padFirst });
    if (layer.kind === 'input') {
      modelInputs.push(output);
      created.push(output.sourceLayer as tfl.layers.Layer);
    }
    tensors.set(name, output);
    layersBySpecName.set(name, created);
    previous = name;
  }

  const outputs = (model.outputs ?? [previous]).map((name) => tensors.get(name)!);
  return {
    model: tfl.model({
      inputs: modelInputs.length === 1 ? input : modelInputs,
      outputs: outputs.length === 1 ? outputs[0]! : outputs,
      name: model.name,
    }),
    report,
    layersBySpecName,
  };
}

function tfActivation(activation: string, layerName: string): ActivationIdentifier {
  if (activation === 'leakyRelu') {
    throw new LayersGpuError(
      'unsupported_layer',
      `layer ${quoteForMessage(layerName)}: tfjs has no "leakyRelu" activation identifier: use a separate { kind: 'activation', activation: 'leakyRelu' } layer`,
      { layer: layerName, unsupported: 'leaky_relu_activation' },
    );
  }
  return activation as ActivationIdentifier;
}
