import {
  analyze,
  formatBytes,
  type LayerSpec,
  type ModelReport,
  type ModelSpec,
  type ModelSpecInput,
  modelSpecSchema,
  validate,
} from '@cnnkit/shape-math';
import * as tfl from '@tensorflow/tfjs-layers';
import { GroupedConv2D, LocalResponseNormalization, registerCnnkitLayers } from './custom-layers';
import { LayersGpuError } from './errors';

type SymbolicTensor = tfl.SymbolicTensor;
type ActivationIdentifier = NonNullable<Parameters<typeof tfl.layers.activation>[0]>['activation'];

/** Default ceiling for what one build may allocate: the wasm heap cannot grow past 4 GiB. */
export const DEFAULT_MEMORY_BUDGET_BYTES = 2 * 1024 ** 3;

/** Options for `buildModel`: the memory budget and what it is checked for. */
export interface BuildOptions {
  /** Refuse, before allocating, a model whose estimate exceeds this (default 2 GiB). */
  readonly memoryBudgetBytes?: number;
  /** Which estimate the budget applies to (default `inference`, i.e. shape-math's method (a)). */
  readonly budgetFor?: 'inference' | 'training';
  /** Batch size for the training estimate (default 1). */
  readonly batchSize?: number;
}

/** What `buildModel` returns: the real tfjs model and shape-math's report of the same spec. */
export interface BuiltModel {
  readonly model: tfl.LayersModel;
  /** shape-math's analysis of the same spec: the theory the real model is checked against. */
  readonly report: ModelReport;
  /** For each spec layer, the tfjs layers that implement it (helpers such as explicit padding first). */
  readonly layersBySpecName: ReadonlyMap<string, readonly tfl.layers.Layer[]>;
}

const pair = (v: number | readonly [number, number]): [number, number] =>
  typeof v === 'number' ? [v, v] : [v[0], v[1]];

function explicitPadding(
  padding: LayerSpec extends infer L ? (L extends { padding: infer P } ? P : never) : never,
) {
  if (padding === 'same' || padding === 'valid') return undefined;
  if (typeof padding === 'number')
    return [
      [padding, padding],
      [padding, padding],
    ] as [[number, number], [number, number]];
  const [h, w] = padding as readonly unknown[];
  if (typeof h === 'number' && typeof w === 'number')
    return [
      [h, h],
      [w, w],
    ] as [[number, number], [number, number]];
  return padding as unknown as [[number, number], [number, number]];
}

/** Checks a model against a memory budget with shape-math, before anything is allocated. */
export function assertFitsMemoryBudget(report: ModelReport, options: BuildOptions = {}): void {
  const budget = options.memoryBudgetBytes ?? DEFAULT_MEMORY_BUDGET_BYTES;
  const estimate =
    options.budgetFor === 'training' ? report.memory.trainingRealistic.bytes : report.memory.inference.bytes;
  if (estimate > budget) {
    throw new LayersGpuError(
      'memory_budget_exceeded',
      `model "${report.name}" needs about ${formatBytes(estimate)} for ${options.budgetFor ?? 'inference'} ` +
        `(${report.totals.params.total.toLocaleString('en-US')} parameters), over the budget of ${formatBytes(budget)}: ` +
        'use a smaller input, fewer filters or a smaller batch, or raise memoryBudgetBytes',
      { estimateBytes: estimate, budgetBytes: budget, params: report.totals.params.total },
    );
  }
}

/**
 * Builds a real tf.LayersModel from a shape-math description, after shape-math has validated it
 * and checked it against the memory budget. Each spec layer becomes the tfjs layer of the same
 * name (with a `<name>_pad` helper before it for explicit padding), so the real model can be
 * compared with shape-math layer by layer.
 */
export function buildModel(spec: ModelSpecInput, options: BuildOptions = {}): BuiltModel {
  const model: ModelSpec = validate(modelSpecSchema, spec);
  const report = analyze(model, { batchSize: options.batchSize ?? 1 });
  assertFitsMemoryBudget(report, options);
  registerCnnkitLayers();

  const input = tfl.input({ shape: [...model.input], name: 'input' });
  const tensors = new Map<string, SymbolicTensor>([['input', input]]);
  const layersBySpecName = new Map<string, tfl.layers.Layer[]>();
  let previous = 'input';

  for (const [index, layer] of model.layers.entries()) {
    const name = layer.name ?? `${layer.kind}_${index}`;
    const inputs = (layer.inputs ?? [previous]).map((inputName) => tensors.get(inputName)!);
    const created: tfl.layers.Layer[] = [];
    const apply = (tfLayer: tfl.layers.Layer, x: SymbolicTensor | SymbolicTensor[]): SymbolicTensor => {
      created.push(tfLayer);
      return tfLayer.apply(x) as SymbolicTensor;
    };
    const padFirst = (x: SymbolicTensor, padding: Parameters<typeof explicitPadding>[0]): SymbolicTensor => {
      const explicit = explicitPadding(padding);
      return explicit === undefined
        ? x
        : apply(tfl.layers.zeroPadding2d({ padding: explicit, name: `${name}_pad` }), x);
    };
    const tfPadding = (padding: unknown): 'same' | 'valid' => (padding === 'same' ? 'same' : 'valid');
    const x = inputs[0]!;
    let output: SymbolicTensor;

    switch (layer.kind) {
      case 'conv2d': {
        const padded = padFirst(x, layer.padding);
        const common = {
          filters: layer.filters,
          kernelSize: pair(layer.kernelSize),
          strides: pair(layer.strides),
          dilationRate: pair(layer.dilationRate),
          padding: tfPadding(layer.padding),
          useBias: layer.useBias,
          name,
        };
        output =
          layer.groups === 1
            ? apply(
                tfl.layers.conv2d({ ...common, activation: tfActivation(layer.activation, name) }),
                padded,
              )
            : apply(
                new GroupedConv2D({ ...common, groups: layer.groups, activation: layer.activation }),
                padded,
              );
        break;
      }
      case 'depthwiseConv2d':
      case 'separableConv2d': {
        // The depthwise part's arguments are the same; a separable conv adds its pointwise filters.
        const depthwise = {
          kernelSize: pair(layer.kernelSize),
          strides: pair(layer.strides),
          dilationRate: pair(layer.dilationRate),
          padding: tfPadding(layer.padding),
          depthMultiplier: layer.depthMultiplier,
          useBias: layer.useBias,
          activation: tfActivation(layer.activation, name),
          name,
        };
        output = apply(
          layer.kind === 'depthwiseConv2d'
            ? tfl.layers.depthwiseConv2d(depthwise)
            : tfl.layers.separableConv2d({ ...depthwise, filters: layer.filters }),
          padFirst(x, layer.padding),
        );
        break;
      }
      case 'conv2dTranspose': {
        if (
          typeof layer.padding !== 'string' ||
          layer.outputPadding !== undefined ||
          pair(layer.dilationRate).some((d) => d !== 1)
        ) {
          throw new LayersGpuError(
            'unsupported_layer',
            `layer ${index} ("${name}"): tfjs' conv2dTranspose supports "same"/"valid" padding without outputPadding or dilation; ` +
              'shape-math can analyse the PyTorch form, but it cannot be built on TensorFlow.js',
            { layer: name },
          );
        }
        output = apply(
          tfl.layers.conv2dTranspose({
            filters: layer.filters,
            kernelSize: pair(layer.kernelSize),
            strides: pair(layer.strides),
            padding: layer.padding,
            useBias: layer.useBias,
            activation: tfActivation(layer.activation, name),
            name,
          }),
          x,
        );
        break;
      }
      case 'maxPooling2d':
      case 'averagePooling2d': {
        // Explicit padding pads with zeros first, as Keras' ZeroPadding2D + pooling does;
        // after a ReLU this equals PyTorch's -inf padding for max pooling.
        const poolSize = pair(layer.poolSize);
        const args = {
          poolSize,
          strides: layer.strides === undefined ? poolSize : pair(layer.strides),
          padding: tfPadding(layer.padding),
          name,
        };
        output = apply(
          layer.kind === 'maxPooling2d' ? tfl.layers.maxPooling2d(args) : tfl.layers.averagePooling2d(args),
          padFirst(x, layer.padding),
        );
        break;
      }
      case 'globalAveragePooling2d':
      case 'globalMaxPooling2d': {
        const poolName = layer.keepDims ? `${name}_pool` : name;
        const pooled = apply(
          layer.kind === 'globalAveragePooling2d'
            ? tfl.layers.globalAveragePooling2d({ name: poolName })
            : tfl.layers.globalMaxPooling2d({ name: poolName }),
          x,
        );
        const channels = x.shape[x.shape.length - 1] as number;
        output = layer.keepDims
          ? apply(tfl.layers.reshape({ targetShape: [1, 1, channels], name }), pooled)
          : pooled;
        break;
      }
      case 'dense':
        output = apply(
          tfl.layers.dense({
            units: layer.units,
            useBias: layer.useBias,
            activation: tfActivation(layer.activation, name),
            name,
          }),
          x,
        );
        break;
      case 'flatten':
        output = apply(tfl.layers.flatten({ name }), x);
        break;
      case 'reshape':
        output = apply(tfl.layers.reshape({ targetShape: [...layer.targetShape], name }), x);
        break;
      case 'zeroPadding2d':
        output = apply(tfl.layers.zeroPadding2d({ padding: explicitPadding(layer.padding)!, name }), x);
        break;
      case 'batchNormalization':
        output = apply(
          tfl.layers.batchNormalization({
            axis: -1,
            center: layer.center,
            scale: layer.scale,
            epsilon: layer.epsilon,
            momentum: layer.momentum,
            name,
          }),
          x,
        );
        break;
      case 'localResponseNormalization':
        output = apply(
          new LocalResponseNormalization({
            depthRadius: layer.depthRadius,
            bias: layer.bias,
            alpha: layer.alpha,
            beta: layer.beta,
            name,
          }),
          x,
        );
        break;
      case 'activation':
        output =
          layer.activation === 'leakyRelu'
            ? apply(tfl.layers.leakyReLU({ name }), x)
            : apply(tfl.layers.activation({ activation: tfActivation(layer.activation, name), name }), x);
        break;
      case 'dropout':
        output = apply(tfl.layers.dropout({ rate: layer.rate, name }), x);
        break;
      case 'add':
        output = apply(tfl.layers.add({ name }), inputs);
        break;
      case 'multiply':
        output = apply(tfl.layers.multiply({ name }), inputs);
        break;
      case 'concatenate':
        output = apply(tfl.layers.concatenate({ axis: layer.axis, name }), inputs);
        break;
      default: {
        const unreachable: never = layer;
        throw new Error(`unknown layer ${JSON.stringify(unreachable)}`);
      }
    }
    tensors.set(name, output);
    layersBySpecName.set(name, created);
    previous = name;
  }

  const outputs = (model.outputs ?? [previous]).map((name) => tensors.get(name)!);
  return {
    model: tfl.model({
      inputs: input,
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
      `layer "${layerName}": tfjs has no "leakyRelu" activation identifier: use a separate { kind: 'activation', activation: 'leakyRelu' } layer`,
      { layer: layerName },
    );
  }
  return activation as ActivationIdentifier;
}
