import { assertOptionsObject, ShapeMathError, type ShapeMathIssue } from '../errors';
import { quoteForMessage } from '../quote';
import { type Activation, type LayerSpecInput, type ModelSpecInput, modelSpecSchema } from '../schemas';
import { validate } from '../validate';

/*
 * Keras / TensorFlow.js layers topology → shape-math spec, without TensorFlow. The formats read:
 * - tfjs `model.toJSON()` (a string) and `model.json` from `model.save()` (`{ modelTopology, ... }`),
 * - Keras 2 / tf.keras `model.to_json()` (`{ class_name, config }`, or `{ model_config }` in .h5 files),
 * - Keras 3 `model.to_json()` (inbound nodes as `{ args, kwargs }` with `keras_history`).
 * Sequential and Functional models, nested models (their layers inlined as `outer/inner`), shared
 * layers (each further call `sharesWeightsOf` the first, so its weights count once, as Keras'
 * `countParams()` does) and several inputs and outputs.
 */

/** Options of `readKerasModel`. */
export interface ReadKerasModelOptions {
  /**
   * Shapes (without the batch axis, in the file's own layout) for inputs the file leaves open, e.g.
   * `{ input_1: [224, 224, 3] }` for a fully convolutional model saved with `[null, null, 3]`, or a
   * list in the model's input order. A given shape replaces the file's.
   */
  readonly inputShapes?: Readonly<Record<string, readonly number[]>> | readonly (readonly number[])[];
}

const READ_KERAS_OPTION_KEYS = ['inputShapes'] as const satisfies readonly (keyof ReadKerasModelOptions)[];

type Json = Record<string, unknown>;
/** A Keras tensor reference: the layer that made it, which call of that layer, which of its outputs. */
type TensorRef = readonly [layer: string, node: number, tensor: number];

interface Tensor {
  /** The spec layer (or `input`) whose output this is. */
  readonly name: string;
  /** Rank without the batch axis, in the spec's channels-last order. */
  readonly rank: number;
}

interface Unsupported {
  readonly layerName: string;
  readonly className: string;
  readonly reason: string;
}

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function invalidFile(message: string, cause?: unknown): never {
  throw new ShapeMathError(
    [{ code: 'invalid_model_file', path: [], message, details: { format: 'keras' } }],
    cause === undefined ? undefined : { cause },
  );
}

/** A config field by its Keras (snake_case) or TensorFlow.js (camelCase) name. */
function field(config: Json, snake: string): unknown {
  if (snake in config) return config[snake];
  const camel = snake.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  return config[camel];
}

const ACTIVATIONS: Readonly<Record<string, Activation>> = {
  linear: 'linear',
  relu: 'relu',
  relu6: 'relu6',
  elu: 'elu',
  selu: 'selu',
  leakyrelu: 'leakyRelu',
  sigmoid: 'sigmoid',
  hardsigmoid: 'hardSigmoid',
  tanh: 'tanh',
  softmax: 'softmax',
  softplus: 'softplus',
  softsign: 'softsign',
  swish: 'swish',
  silu: 'swish',
  gelu: 'gelu',
};

/** The spec's activation for a Keras or tfjs identifier (`hard_sigmoid`, `hardSigmoid`, `{ class_name }`). */
function activationOf(value: unknown): Activation | string {
  if (value === undefined || value === null) return 'linear';
  const name = isObject(value) ? String(value.class_name ?? value.className ?? '') : String(value);
  return ACTIVATIONS[name.replace(/_/g, '').toLowerCase()] ?? name;
}

const pairOf = (value: unknown, fallback: number): number | [number, number] => {
  if (value === undefined || value === null) return fallback;
  if (Array.isArray(value)) {
    const [h, w] = value.map(Number);
    return h === w ? h! : [h!, w!];
  }
  return Number(value);
};

/** Keras' ZeroPadding2D padding (int, [h, w] or [[t, b], [l, r]]) as [[t, b], [l, r]]. */
function zeroPaddingOf(value: unknown): [[number, number], [number, number]] {
  if (typeof value === 'number')
    return [
      [value, value],
      [value, value],
    ];
  if (Array.isArray(value) && value.length === 2) {
    const [h, w] = value as unknown[];
    const axis = (v: unknown): [number, number] =>
      Array.isArray(v) ? [Number(v[0]), Number(v[1])] : [Number(v), Number(v)];
    return [axis(h), axis(w)];
  }
  return [
    [1, 1],
    [1, 1],
  ];
}

const MODEL_CLASSES = new Set(['Functional', 'Model', 'Sequential']);
const CHANNELS_FIRST = new Set(['channels_first', 'channelsFirst']);
const CHANNELS_LAST = new Set(['channels_last', 'channelsLast']);

const ALIASES: Readonly<Record<string, string>> = {
  Convolution2D: 'Conv2D',
  Conv2d: 'Conv2D',
  SeparableConvolution2D: 'SeparableConv2D',
  Convolution2DTranspose: 'Conv2DTranspose',
  MaxPool2D: 'MaxPooling2D',
  AvgPool2D: 'AveragePooling2D',
  AveragePool2D: 'AveragePooling2D',
  GlobalAvgPool2D: 'GlobalAveragePooling2D',
  GlobalMaxPool2D: 'GlobalMaxPooling2D',
};

/** Kinds whose layers hold weights: their further calls share the first call's. */
const WEIGHTED = new Set([
  'conv2d',
  'depthwiseConv2d',
  'separableConv2d',
  'conv2dTranspose',
  'dense',
  'batchNormalization',
]);

/** A layer's own Keras config, whatever the format: `{ class_name, config, name?, inbound_nodes? }`. */
interface KerasLayer {
  readonly className: string;
  readonly name: string;
  readonly config: Json;
  readonly inboundNodes: readonly (readonly TensorRef[])[];
}

function layerName(layer: Json, config: Json): string {
  const name = layer.name ?? config.name;
  if (typeof name !== 'string') invalidFile(`a layer of class ${String(layer.class_name)} has no name`);
  return name;
}

/** Every tensor reference in a Keras 3 call (`{ args, kwargs }` with `keras_history`), in order. */
function kerasHistories(value: unknown, out: TensorRef[]): void {
  if (Array.isArray(value)) {
    for (const item of value) kerasHistories(item, out);
  } else if (isObject(value)) {
    const history = isObject(value.config) ? value.config.keras_history : undefined;
    if (value.class_name === '__keras_tensor__' && Array.isArray(history)) {
      out.push([String(history[0]), Number(history[1] ?? 0), Number(history[2] ?? 0)]);
    } else if ('args' in value) {
      kerasHistories(value.args, out);
    }
  }
}

function inboundNodesOf(layer: Json): TensorRef[][] {
  const nodes = layer.inbound_nodes;
  if (!Array.isArray(nodes)) return [];
  return nodes.map((node) => {
    if (Array.isArray(node)) {
      // Keras 2 / tfjs: [[layer, node, tensor, kwargs], ...]
      return node.map((ref) => {
        const r = ref as unknown[];
        return [String(r[0]), Number(r[1] ?? 0), Number(r[2] ?? 0)] as TensorRef;
      });
    }
    const refs: TensorRef[] = [];
    kerasHistories(node, refs);
    return refs;
  });
}

function kerasLayer(layer: unknown): KerasLayer {
  if (!isObject(layer) || typeof layer.class_name !== 'string')
    invalidFile('every entry of a model\'s "layers" must be an object with a "class_name"');
  const config = isObject(layer.config) ? layer.config : {};
  const className = layer.class_name as string;
  return {
    className: ALIASES[className] ?? className,
    name: layerName(layer, config),
    config,
    inboundNodes: inboundNodesOf(layer),
  };
}

/** `input_layers` / `output_layers`: a list of [name, node, tensor], or (Keras 3) one such triple. */
function refList(value: unknown): TensorRef[] {
  if (!Array.isArray(value)) return [];
  const list = typeof value[0] === 'string' ? [value] : value;
  return list.map((ref) => {
    const r = ref as unknown[];
    return [String(r[0]), Number(r[1] ?? 0), Number(r[2] ?? 0)] as TensorRef;
  });
}

/** The batch-less shape an InputLayer (or a Sequential model's first layer) declares, `null` for open sizes. */
function declaredShape(config: Json): (number | null)[] | undefined {
  const shape = field(config, 'batch_input_shape') ?? field(config, 'batch_shape');
  if (Array.isArray(shape)) return shape.slice(1).map((d) => (d === null ? null : Number(d)));
  const inputShape = field(config, 'input_shape');
  if (Array.isArray(inputShape)) return inputShape.map((d) => (d === null ? null : Number(d)));
  return undefined;
}

/**
 * The weight shapes a `model.json` lists (`weightsManifest[].weights[]`, by weight name), when the
 * file has them: they settle what a topology leaves out (tfjs' SeparableConv2D config omits
 * `depth_multiplier`, see `getConfig` in tfjs-layers' convolutional.ts).
 */
function manifestShapes(value: unknown): Map<string, readonly number[]> {
  const shapes = new Map<string, readonly number[]>();
  const manifest = isObject(value) ? value.weightsManifest : undefined;
  if (!Array.isArray(manifest)) return shapes;
  for (const group of manifest) {
    const weights = isObject(group) ? group.weights : undefined;
    if (!Array.isArray(weights)) continue;
    for (const w of weights)
      if (isObject(w) && typeof w.name === 'string' && Array.isArray(w.shape))
        shapes.set(w.name, w.shape.map(Number));
  }
  return shapes;
}

/** Finds the topology in whatever wraps it (a JSON string, `model.json`, an .h5 file's `model_config`). */
function topologyOf(modelJson: unknown): { topology: Json; weightShapes: Map<string, readonly number[]> } {
  let value = modelJson;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch (error) {
      invalidFile(`not JSON: ${(error as Error).message}`, error);
    }
  }
  const weightShapes = manifestShapes(value);
  if (isObject(value) && isObject(value.modelTopology)) value = value.modelTopology;
  if (isObject(value) && isObject(value.model_config)) value = value.model_config;
  if (!isObject(value) || typeof value.class_name !== 'string' || !MODEL_CLASSES.has(value.class_name)) {
    invalidFile(
      'not a Keras / TensorFlow.js layers model: expected { class_name: "Sequential" | "Functional" | "Model", config }, ' +
        'a model.json with "modelTopology", or the string model.toJSON() returns',
    );
  }
  return { topology: value, weightShapes };
}

class KerasReader {
  readonly layers: LayerSpecInput[] = [];
  readonly unsupported: Unsupported[] = [];
  readonly extraInputs: LayerSpecInput[] = [];
  private readonly usedNames = new Set<string>(['input']);
  /** The spec name that owns the weights of a Keras layer (by its path through nested models). */
  private readonly owners = new Map<string, string>();
  private previous = 'input';
  modelInput: number[] | undefined;
  private inputCount = 0;
  private readonly channelsFirst: boolean;

  constructor(
    private readonly options: ReadKerasModelOptions,
    channelsFirst: boolean,
    private readonly weightShapes: ReadonlyMap<string, readonly number[]>,
  ) {
    this.channelsFirst = channelsFirst;
  }

  /** A valid, unused spec name for a Keras name. */
  uniqueName(wanted: string): string {
    let base = wanted.replace(/[^A-Za-z0-9_.\-/]/g, '_');
    if (!/^[A-Za-z_]/.test(base)) base = `_${base}`;
    base = base.slice(0, 120);
    let name = base;
    for (let i = 1; this.usedNames.has(name); i++) name = `${base}_${i}`;
    this.usedNames.add(name);
    return name;
  }

  /** A model input: the first is the spec's `input`, others become `input` layers. */
  addInput(kerasName: string, declared: (number | null)[] | undefined): Tensor {
    const shapes = this.options.inputShapes;
    const given = Array.isArray(shapes)
      ? (shapes as readonly (readonly number[])[])[this.inputCount]
      : (shapes as Readonly<Record<string, readonly number[]>> | undefined)?.[kerasName];
    this.inputCount++;
    const shape = given === undefined ? declared : [...given];
    if (shape === undefined || shape.some((d) => d === null || !(Number(d) > 0))) {
      invalidFile(
        `input ${quoteForMessage(kerasName)} has shape [${(shape ?? []).map((d) => (d === null ? 'None' : d)).join(', ')}]: ` +
          `give its sizes with the inputShapes option, e.g. { inputShapes: { ${JSON.stringify(kerasName)}: [224, 224, 3] } }`,
      );
    }
    let sizes = shape as number[];
    if (this.channelsFirst && sizes.length === 3) sizes = [sizes[1]!, sizes[2]!, sizes[0]!];
    if (this.modelInput === undefined) {
      this.modelInput = sizes;
      return { name: 'input', rank: sizes.length };
    }
    const name = this.uniqueName(kerasName);
    this.extraInputs.push({ kind: 'input', name, shape: sizes as [number, number, number] });
    return { name, rank: sizes.length };
  }

  emit(spec: LayerSpecInput & { name: string }, inputs: readonly Tensor[], ownerKey: string): void {
    const names = inputs.map((t) => t.name);
    const layer: Record<string, unknown> = { ...spec };
    const merges = spec.kind === 'add' || spec.kind === 'multiply' || spec.kind === 'concatenate';
    if (merges || names.length !== 1 || names[0] !== this.previous) layer.inputs = names;
    if (WEIGHTED.has(spec.kind)) {
      const owner = this.owners.get(ownerKey);
      if (owner === undefined) this.owners.set(ownerKey, spec.name);
      else layer.sharesWeightsOf = owner;
    }
    this.layers.push(layer as LayerSpecInput);
    this.previous = spec.name;
  }

  /**
   * Expands a Functional or Sequential model. `supplied` are the tensors it is called on (for a
   * nested model), or undefined for the outermost model, whose InputLayers become model inputs.
   * `prefix` names this call's layers; `ownerPrefix` identifies its layers' weights across calls.
   */
  expandModel(
    model: Json,
    supplied: readonly Tensor[] | undefined,
    prefix: string,
    ownerPrefix: string,
  ): Tensor[] {
    const className = String(model.class_name);
    const config = model.config;
    if (className === 'Sequential') {
      const layers = (Array.isArray(config) ? config : isObject(config) ? config.layers : undefined) as
        | unknown[]
        | undefined;
      if (!Array.isArray(layers)) invalidFile('a Sequential model needs a "layers" list in its config');
      // Keras 3 keeps a built Sequential's input shape beside its layers (`build_input_shape`).
      const built = isObject(config)
        ? declaredShape({ batch_input_shape: config.build_input_shape })
        : undefined;
      return [this.expandSequential(layers.map(kerasLayer), supplied, prefix, ownerPrefix, built)];
    }
    if (!isObject(config) || !Array.isArray(config.layers))
      invalidFile(`a ${className} model needs a config with "layers", "input_layers" and "output_layers"`);
    return this.expandFunctional(config, supplied, prefix, ownerPrefix);
  }

  private expandSequential(
    layers: readonly KerasLayer[],
    supplied: readonly Tensor[] | undefined,
    prefix: string,
    ownerPrefix: string,
    builtShape: (number | null)[] | undefined,
  ): Tensor {
    let current: Tensor | undefined = supplied?.[0];
    for (const [i, layer] of layers.entries()) {
      if (layer.className === 'InputLayer') {
        current ??= this.addInput(layer.name, declaredShape(layer.config));
        continue;
      }
      if (current === undefined) {
        const declared = declaredShape(layer.config) ?? builtShape;
        if (declared === undefined && i === 0)
          invalidFile(
            `Sequential model: its first layer ${quoteForMessage(layer.name)} declares no input shape (batch_input_shape)`,
          );
        current = this.addInput(`${layer.name}_input`, declared);
      }
      const outputs: Tensor[] = this.callLayer(layer, 0, [current], prefix, ownerPrefix);
      current = outputs[0]!;
    }
    if (current === undefined) invalidFile('a Sequential model without layers');
    return current;
  }

  private expandFunctional(
    config: Json,
    supplied: readonly Tensor[] | undefined,
    prefix: string,
    ownerPrefix: string,
  ): Tensor[] {
    const layers = (config.layers as unknown[]).map(kerasLayer);
    const byName = new Map(layers.map((layer) => [layer.name, layer]));
    const inputRefs = refList(config.input_layers);
    const outputRefs = refList(config.output_layers);
    if (outputRefs.length === 0) invalidFile('a Functional model needs "output_layers"');
    const tensors = new Map<string, Tensor>();
    const key = (ref: TensorRef) => `${ref[0]}\u0000${ref[1]}\u0000${ref[2]}`;
    for (const [i, ref] of inputRefs.entries()) {
      const layer = byName.get(ref[0]);
      if (layer === undefined)
        invalidFile(`input_layers names ${quoteForMessage(ref[0])}, which is not a layer`);
      const tensor =
        supplied === undefined ? this.addInput(layer.name, declaredShape(layer.config)) : supplied[i];
      if (tensor === undefined)
        invalidFile(`nested model ${quoteForMessage(prefix)} is called on fewer tensors than its inputs`);
      tensors.set(key([ref[0], 0, 0]), tensor);
    }
    // A nested model's node 0 is its own construction, which Keras and tfjs do not save: their refs
    // to its calls then start at 1 (tfjs `buildNodeConversionMap`, Keras `_should_skip_first_node`).
    const highestRef = new Map<string, number>();
    for (const ref of [...layers.flatMap((l) => l.inboundNodes.flat()), ...outputRefs])
      highestRef.set(ref[0], Math.max(highestRef.get(ref[0]) ?? 0, ref[1]));
    const nodeOffset = (layer: KerasLayer) =>
      MODEL_CLASSES.has(layer.className) && highestRef.get(layer.name) === layer.inboundNodes.length ? 1 : 0;
    // Calls in dependency order (a shared layer's later call may read layers listed after it).
    const pending: { layer: KerasLayer; node: number }[] = [];
    for (const layer of layers) {
      if (layer.className === 'InputLayer') continue;
      for (let node = 0; node < layer.inboundNodes.length; node++) pending.push({ layer, node });
    }
    while (pending.length > 0) {
      const ready = pending.findIndex(({ layer, node }) =>
        layer.inboundNodes[node]!.every((ref) => tensors.has(key(ref))),
      );
      if (ready === -1) {
        const names = pending.map(({ layer }) => quoteForMessage(layer.name)).join(', ');
        invalidFile(`the inbound nodes of ${names} name tensors no layer produces (or form a cycle)`);
      }
      const [{ layer, node }] = pending.splice(ready, 1) as [{ layer: KerasLayer; node: number }];
      const inputs = layer.inboundNodes[node]!.map((ref) => tensors.get(key(ref))!);
      const outputs = this.callLayer(layer, node, inputs, prefix, ownerPrefix);
      const offset = nodeOffset(layer);
      for (const [t, tensor] of outputs.entries()) tensors.set(key([layer.name, node + offset, t]), tensor);
    }
    return outputRefs.map((ref) => {
      const tensor = tensors.get(key(ref));
      if (tensor === undefined)
        invalidFile(`output_layers names ${quoteForMessage(ref.join(', '))}, which no layer produces`);
      return tensor;
    });
  }

  /** One call of one Keras layer on `inputs`: spec layers emitted, its output tensors returned. */
  private callLayer(
    layer: KerasLayer,
    node: number,
    inputs: readonly Tensor[],
    prefix: string,
    ownerPrefix: string,
  ): Tensor[] {
    const callName = `${prefix}${layer.name}${node === 0 ? '' : `_call${node}`}`;
    if (MODEL_CLASSES.has(layer.className)) {
      return this.expandModel(
        { class_name: layer.className, config: layer.config },
        inputs,
        `${callName}/`,
        `${ownerPrefix}${layer.name}/`,
      );
    }
    const mapped = this.mapLayer(layer, inputs);
    if (typeof mapped === 'string') {
      this.unsupported.push({ layerName: layer.name, className: layer.className, reason: mapped });
      // Keep reading, so that one error lists every unsupported layer.
      return [{ name: inputs[0]?.name ?? 'input', rank: inputs[0]?.rank ?? 1 }];
    }
    const name = this.uniqueName(callName);
    this.emit(
      { ...mapped.spec, name } as LayerSpecInput & { name: string },
      inputs,
      `${ownerPrefix}${layer.name}`,
    );
    return [{ name, rank: mapped.rank }];
  }

  /** The spec of one Keras layer and the rank of its output, or why it cannot be mapped. */
  private mapLayer(
    layer: KerasLayer,
    inputs: readonly Tensor[],
  ): { spec: LayerSpecInput; rank: number } | string {
    const c = layer.config;
    const rank = inputs[0]?.rank ?? 0;
    const same = (spec: LayerSpecInput) => ({ spec, rank });
    const format = field(c, 'data_format');
    if (format !== undefined && format !== null) {
      const first = CHANNELS_FIRST.has(String(format));
      if (!first && !CHANNELS_LAST.has(String(format))) return `data_format ${String(format)}`;
      if (first !== this.channelsFirst)
        return `data_format ${String(format)} in a model whose other layers are ${this.channelsFirst ? 'channels_first' : 'channels_last'}: mixed layouts are not supported`;
    }
    const activation = activationOf(field(c, 'activation'));
    const known = (a: string): a is Activation => Object.values(ACTIVATIONS).includes(a as Activation);
    if (!known(activation))
      return `activation ${quoteForMessage(activation)} (allowed: ${[...new Set(Object.values(ACTIVATIONS))].join(', ')})`;
    const rule = readableLayerClass(layer.className) ? KERAS_LAYER_RULES[layer.className] : undefined;
    if (rule === undefined)
      return `no shape-math kind for class ${layer.className}; readable classes: ${KERAS_READABLE_CLASSES.join(', ')}`;
    return rule({
      className: layer.className,
      layerName: layer.name,
      c,
      rank,
      same,
      activation,
      channelsFirst: this.channelsFirst,
      weightShapes: this.weightShapes,
    });
  }
}

/** What the rule of one Keras class reads: the layer's config and what the reader knows around it. */
interface KerasLayerContext {
  readonly className: string;
  readonly layerName: string;
  readonly c: Json;
  /** Rank of the input (no batch axis). */
  readonly rank: number;
  /** The spec, with the input's rank kept. */
  readonly same: (spec: LayerSpecInput) => { spec: LayerSpecInput; rank: number };
  /** The layer's `activation`, already checked. */
  readonly activation: Activation;
  readonly channelsFirst: boolean;
  readonly weightShapes: ReadonlyMap<string, readonly number[]>;
}

/** The spec of one Keras layer and the rank of its output, or why it cannot be mapped. */
type KerasLayerRule = (context: KerasLayerContext) => { spec: LayerSpecInput; rank: number } | string;

/**
 * The fields every convolution and pooling class shares (`padding` "same" or "valid", kernel,
 * strides, dilation, bias, activation), read once, or why the padding cannot be mapped.
 */
function convFields({ c, activation }: KerasLayerContext) {
  const padding = field(c, 'padding') ?? 'valid';
  if (padding !== 'same' && padding !== 'valid') return `padding ${quoteForMessage(String(padding))}`;
  return {
    kernelSize: pairOf(field(c, 'kernel_size'), 1),
    strides: pairOf(field(c, 'strides'), 1),
    dilationRate: pairOf(field(c, 'dilation_rate'), 1),
    padding: padding as 'same' | 'valid',
    useBias: field(c, 'use_bias') !== false,
    activation,
  };
}

const conv2dRule: KerasLayerRule = (context) => {
  const conv = convFields(context);
  if (typeof conv === 'string') return conv;
  const { c, same } = context;
  return same({
    kind: 'conv2d',
    filters: Number(field(c, 'filters')),
    ...conv,
    groups: Number(field(c, 'groups') ?? 1),
  });
};

const depthwiseRule: KerasLayerRule = (context) => {
  const conv = convFields(context);
  if (typeof conv === 'string') return conv;
  const { c, same, className, layerName, weightShapes } = context;
  const common = {
    ...conv,
    depthMultiplier: Number(
      field(c, 'depth_multiplier') ?? weightShapes.get(`${layerName}/depthwise_kernel`)?.[3] ?? 1,
    ),
  };
  return className === 'DepthwiseConv2D'
    ? same({ kind: 'depthwiseConv2d', ...common })
    : same({ kind: 'separableConv2d', filters: Number(field(c, 'filters')), ...common });
};

const conv2dTransposeRule: KerasLayerRule = (context) => {
  const conv = convFields(context);
  if (typeof conv === 'string') return conv;
  const { c, same } = context;
  const outputPadding = field(c, 'output_padding');
  return same({
    kind: 'conv2dTranspose',
    filters: Number(field(c, 'filters')),
    ...conv,
    ...(outputPadding === undefined || outputPadding === null
      ? {}
      : { outputPadding: pairOf(outputPadding, 0) }),
  });
};

const poolingRule: KerasLayerRule = (context) => {
  const conv = convFields(context);
  if (typeof conv === 'string') return conv;
  const { c, same, className } = context;
  const poolStrides = field(c, 'strides');
  return same({
    kind: className === 'MaxPooling2D' ? 'maxPooling2d' : 'averagePooling2d',
    poolSize: pairOf(field(c, 'pool_size'), 2),
    ...(poolStrides === undefined || poolStrides === null ? {} : { strides: pairOf(poolStrides, 1) }),
    padding: conv.padding,
  });
};

const globalPoolingRule: KerasLayerRule = ({ c, className }) => {
  const keepDims = field(c, 'keepdims') === true || field(c, 'keep_dims') === true;
  return {
    spec: {
      kind: className === 'GlobalAveragePooling2D' ? 'globalAveragePooling2d' : 'globalMaxPooling2d',
      keepDims,
    },
    rank: keepDims ? 3 : 1,
  };
};

const denseRule: KerasLayerRule = ({ c, same, rank, channelsFirst, activation }) => {
  if (channelsFirst && rank === 3)
    return 'Dense on a channels_first feature map acts on the width axis, which shape-math cannot express';
  return same({
    kind: 'dense',
    units: Number(field(c, 'units')),
    useBias: field(c, 'use_bias') !== false,
    activation,
  });
};

const reshapeRule: KerasLayerRule = ({ c, channelsFirst }) => {
  let target = (field(c, 'target_shape') as unknown[] | undefined)?.map(Number) ?? [];
  if (channelsFirst && target.length === 3) target = [target[1]!, target[2]!, target[0]!];
  return { spec: { kind: 'reshape', targetShape: target }, rank: target.length };
};

const batchNormalizationRule: KerasLayerRule = ({ c, same, rank, channelsFirst }) => {
  const axisValue = field(c, 'axis');
  const axis = Number(Array.isArray(axisValue) ? axisValue[0] : (axisValue ?? -1));
  if (Array.isArray(axisValue) && axisValue.length !== 1) return 'normalisation over several axes';
  // Keras' axis counts the batch axis; the channel axis is the last (or axis 1 for channels_first).
  const channelAxis = channelsFirst && rank === 3 ? [1, -3] : [-1, rank];
  if (!channelAxis.includes(axis)) return `normalisation over axis ${axis} (only the channel axis)`;
  return same({
    kind: 'batchNormalization',
    center: field(c, 'center') !== false,
    scale: field(c, 'scale') !== false,
    epsilon: Number(field(c, 'epsilon') ?? 1e-3),
    momentum: Number(field(c, 'momentum') ?? 0.99),
  });
};

const reluRule: KerasLayerRule = ({ c, same }) => {
  const max = field(c, 'max_value');
  const slope = Number(field(c, 'negative_slope') ?? 0);
  const threshold = Number(field(c, 'threshold') ?? 0);
  if (threshold !== 0) return `threshold ${threshold}`;
  if (max !== undefined && max !== null && Number(max) !== 6) return `max_value ${String(max)}`;
  if (slope !== 0 && max !== undefined && max !== null) return 'negative_slope with max_value';
  return same({
    kind: 'activation',
    activation: slope !== 0 ? 'leakyRelu' : max === undefined || max === null ? 'relu' : 'relu6',
  });
};

const softmaxRule: KerasLayerRule = ({ c, same, rank }) => {
  const axis = field(c, 'axis');
  const a = Array.isArray(axis) ? axis : [axis ?? -1];
  if (a.length !== 1 || (Number(a[0]) !== -1 && Number(a[0]) !== rank))
    return `softmax over axis ${JSON.stringify(axis)} (only the last axis)`;
  return same({ kind: 'activation', activation: 'softmax' });
};

const dropoutRule: KerasLayerRule = ({ c, same }) =>
  same({ kind: 'dropout', rate: Number(field(c, 'rate') ?? 0) });

const mergeRule: KerasLayerRule = ({ className, same }) =>
  same({ kind: className === 'Add' ? 'add' : 'multiply', inputs: ['', ''] });

const concatenateRule: KerasLayerRule = ({ c, same, rank, channelsFirst }) => {
  const axis = Number(field(c, 'axis') ?? -1);
  // Keras counts the batch axis; channels_first's channel axis 1 is the spec's last.
  const specAxis =
    channelsFirst && rank === 3 && (axis === 1 || axis === -3) ? -1 : axis > 0 ? axis - 1 : axis;
  return same({ kind: 'concatenate', inputs: ['', ''], axis: specAxis });
};

const upSamplingRule: KerasLayerRule = ({ c, same }) => {
  const interpolation = String(field(c, 'interpolation') ?? 'nearest');
  if (interpolation !== 'nearest' && interpolation !== 'bilinear')
    return `interpolation ${quoteForMessage(interpolation)}`;
  return same({ kind: 'upSampling2d', size: pairOf(field(c, 'size'), 2), interpolation });
};

/**
 * Every Keras / tfjs layer class `readKerasModel` maps, one entry each: the rule that makes its
 * spec. A new class is one entry here; {@link KERAS_READABLE_CLASSES} lists these keys.
 */
const KERAS_LAYER_RULES = {
  Conv2D: conv2dRule,
  DepthwiseConv2D: depthwiseRule,
  SeparableConv2D: depthwiseRule,
  Conv2DTranspose: conv2dTransposeRule,
  MaxPooling2D: poolingRule,
  AveragePooling2D: poolingRule,
  GlobalAveragePooling2D: globalPoolingRule,
  GlobalMaxPooling2D: globalPoolingRule,
  Dense: denseRule,
  Flatten: () => ({ spec: { kind: 'flatten' }, rank: 1 }),
  Reshape: reshapeRule,
  ZeroPadding2D: ({ c, same }) =>
    same({ kind: 'zeroPadding2d', padding: zeroPaddingOf(field(c, 'padding')) }),
  // The same three forms as ZeroPadding2D's padding (Keras' docs).
  Cropping2D: ({ c, same }) => same({ kind: 'cropping2d', cropping: zeroPaddingOf(field(c, 'cropping')) }),
  BatchNormalization: batchNormalizationRule,
  Activation: ({ same, activation }) => same({ kind: 'activation', activation }),
  ReLU: reluRule,
  LeakyReLU: ({ same }) => same({ kind: 'activation', activation: 'leakyRelu' }),
  ELU: ({ same }) => same({ kind: 'activation', activation: 'elu' }),
  Softmax: softmaxRule,
  Dropout: dropoutRule,
  SpatialDropout2D: dropoutRule,
  Add: mergeRule,
  Multiply: mergeRule,
  Concatenate: concatenateRule,
  UpSampling2D: upSamplingRule,
  CnnkitGroupedConv2D: conv2dRule,
  CnnkitLocalResponseNormalization: ({ c, same }) =>
    same({
      kind: 'localResponseNormalization',
      depthRadius: Number(field(c, 'depth_radius') ?? 2),
      bias: Number(field(c, 'bias') ?? 2),
      alpha: Number(field(c, 'alpha') ?? 1e-4),
      beta: Number(field(c, 'beta') ?? 0.75),
    }),
} as const satisfies Readonly<Record<string, KerasLayerRule>>;

/** A Keras / tfjs layer class `readKerasModel` maps to a shape-math layer. */
export type KerasReadableLayerClass = keyof typeof KERAS_LAYER_RULES;

const readableLayerClass = (className: string): className is KerasReadableLayerClass =>
  Object.hasOwn(KERAS_LAYER_RULES, className);

/** The Keras / tfjs classes `readKerasModel` maps, for messages: the input, every layer rule's class, and the model classes. */
export const KERAS_READABLE_CLASSES: readonly (
  | KerasReadableLayerClass
  | 'InputLayer'
  | 'Functional'
  | 'Sequential'
)[] = /* @__PURE__ */ (() => [
  // Built in a pure call: a bundle that never reads Keras drops the rule table (scripts/bundle-size.ts).
  'InputLayer' as const,
  ...(Object.keys(KERAS_LAYER_RULES) as KerasReadableLayerClass[]),
  'Functional' as const,
  'Sequential' as const,
])();

/** Whether the model's layers say channels_first; throws when the layouts are mixed. */
function usesChannelsFirst(topology: Json): boolean {
  const formats: { name: string; className: string; first: boolean }[] = [];
  const visit = (layers: unknown) => {
    if (!Array.isArray(layers)) return;
    for (const layer of layers) {
      if (!isObject(layer) || !isObject(layer.config)) continue;
      const format = field(layer.config, 'data_format');
      if (format !== undefined && format !== null)
        formats.push({
          name: String(layer.name ?? layer.config.name),
          className: String(layer.class_name),
          first: CHANNELS_FIRST.has(String(format)),
        });
      if (MODEL_CLASSES.has(String(layer.class_name))) {
        const inner = layer.config;
        visit(Array.isArray(inner) ? inner : inner.layers);
      }
    }
  };
  const config = topology.config;
  visit(Array.isArray(config) ? config : isObject(config) ? config.layers : undefined);
  const first = formats.filter((f) => f.first);
  if (first.length > 0 && first.length < formats.length) {
    throw new ShapeMathError(
      formats
        .filter((f) => !f.first)
        .map((f) => ({
          code: 'unsupported_layer' as const,
          path: ['layers', f.name],
          message: `layer ${quoteForMessage(f.name)} (${f.className}) is channels_last in a model whose other layers are channels_first: mixed layouts cannot be converted`,
          details: { layerName: f.name, className: f.className, reason: 'mixed data_format' },
        })),
    );
  }
  return first.length > 0;
}

/**
 * Reads a Keras / TensorFlow.js layers topology — the string `model.toJSON()` returns, the
 * `model.json` that `model.save()` writes (`{ modelTopology, weightsManifest }`; its weight shapes
 * supply the depth multiplier tfjs leaves out of a SeparableConv2D's config), or Keras'
 * `model.to_json()` (Keras 2 and 3) — and returns the shape-math spec of the same network, without
 * TensorFlow.js. Sequential and Functional models, nested models (inlined, their layers named
 * `outer/inner`), shared layers (later calls `sharesWeightsOf` the first, so each weight counts
 * once, as `countParams()` does) and several inputs (the first is the spec's `input`, others
 * `input` layers) and outputs. A channels_first model is converted to the spec's channels-last
 * order (input `[C, H, W]` → `[H, W, C]`); mixing layouts is refused. Every layer is mapped with all
 * its attributes; any it cannot map make one `ShapeMathError` whose issues (`unsupported_layer`)
 * name every such layer and class at once. A file that is not a topology is `invalid_model_file`.
 */
export function readKerasModel(modelJson: unknown, options: ReadKerasModelOptions = {}): ModelSpecInput {
  assertOptionsObject(options, READ_KERAS_OPTION_KEYS);
  const { topology, weightShapes } = topologyOf(modelJson);
  const reader = new KerasReader(options, usesChannelsFirst(topology), weightShapes);
  const outputs = reader.expandModel(topology, undefined, '', '');
  if (reader.unsupported.length > 0) {
    throw new ShapeMathError(
      reader.unsupported.map(
        (u): ShapeMathIssue => ({
          code: 'unsupported_layer',
          path: ['layers', u.layerName],
          message: `layer ${quoteForMessage(u.layerName)} (${u.className}) cannot be read: ${u.reason}`,
          details: u,
        }),
      ),
    );
  }
  if (reader.modelInput === undefined) invalidFile('the model has no input');
  const config = topology.config;
  const name =
    isObject(config) && typeof config.name === 'string' && config.name !== '' ? config.name : 'model';
  const first = reader.layers[0] as { inputs?: string[] } | undefined;
  // The input layers go first: the first real layer must then name the input it reads.
  if (reader.extraInputs.length > 0 && first !== undefined && first.inputs === undefined)
    first.inputs = ['input'];
  const layers = [...reader.extraInputs, ...reader.layers];
  const last = layers[layers.length - 1] as { name: string } | undefined;
  const outputNames = outputs.map((t) => t.name);
  const spec: ModelSpecInput = {
    name: name.slice(0, 128),
    input: reader.modelInput as [number, number, number],
    layers,
    ...(outputNames.length === 1 && outputNames[0] === last?.name ? {} : { outputs: outputNames }),
  };
  // Validated here, so that a file with out-of-range values fails as a file, before any analysis.
  validate(modelSpecSchema, spec);
  return spec;
}
