import { invalidSpecDetails } from '@cnnkit/shape-math';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
// zod/mini, as the rest of the package: zod's classic API alone is ~450 kB in a browser bundle.
import * as z from 'zod/mini';
import { assertOptionsObject, LayersGpuError } from './errors';
import { tfPair } from './tf-pair';
import { rewriteInPlace, tensorFilledInPlace, warmWasmHeap, wasmHeapValues, wasmTensorId } from './wasm-heap';

/*
 * Inference-time rewriting of a tf.LayersModel, the way ONNX Runtime and TF-Lite prepare a graph:
 *   - batch norm after a convolution is folded into the convolution's weights and bias
 *     (y = γ(Wx + b − μ)/√(σ² + ε) + β  ⇒  W' = W·s, b' = (b − μ)·s + β with s = γ/√(σ² + ε));
 *   - the activation after it runs inside the same `tf.fused.conv2d` call (the wasm backend clamps in
 *     XNNPACK's threaded kernel instead of a separate single-threaded pass);
 *   - a zero padding layer right before a 'valid' convolution becomes the convolution's own padding;
 *   - a 1×1 convolution without padding runs as a matrix product (below).
 * Every other layer runs as itself (`layer.apply` in inference mode), so any model works; only the
 * patterns above are rewritten. Intermediate tensors are freed as soon as their last reader ran.
 */

/** Activations that `tf.fused.conv2d` runs inside the convolution (wasm: in the same XNNPACK call). */
const FUSABLE_ACTIVATIONS = ['linear', 'relu', 'relu6', 'elu', 'sigmoid', 'leakyrelu'] as const;
type FusableActivation = (typeof FUSABLE_ACTIVATIONS)[number];

/** Options for {@link optimizeForInference}: each rewrite can be turned off (all on by default). */
export interface InferenceOptions {
  /** Fold a batch norm that follows a convolution into its weights and bias (default true). */
  readonly foldBatchNorm?: boolean;
  /** Run the activation that follows a convolution inside the convolution (default true). */
  readonly fuseActivation?: boolean;
  /** Turn a zero padding layer before a 'valid' convolution into the convolution's padding (default true). */
  readonly foldPadding?: boolean;
  /**
   * Fold each batch norm into the model's own convolution kernel, in place, instead of into a copy
   * (default false). The model then holds the folded weights: each folded kernel is W·s, and its
   * batch norm becomes the identity plus the folded bias (γ = 1, μ = 0, σ² = 1 − ε, β = b′; or, for
   * a convolution with a bias, the bias b′ and β = 0), so `model.predict` still computes the same
   * function (within float32 rounding), but `getWeights()` and a saved model hold the folded
   * values, and training the model afterwards starts from them. Meant for a model built only to
   * predict; on wasm the default makes no copy of the kernels either (see
   * {@link optimizeForInference}), so this saves little there. A kernel whose memory is shared with
   * another tensor, or a pair with nowhere in the model to hold b′ (no conv bias and no β), or
   * ε ≥ 1, or any backend other than wasm, is folded as by default.
   */
  readonly foldInPlace?: boolean;
}

/** The options `optimizeForInference` accepts, checked before anything is read from the model. */
export const inferenceOptionsSchema = z.strictObject({
  foldBatchNorm: z.optional(z.boolean({ error: 'expected a boolean (true or false)' })),
  fuseActivation: z.optional(z.boolean({ error: 'expected a boolean (true or false)' })),
  foldPadding: z.optional(z.boolean({ error: 'expected a boolean (true or false)' })),
  foldInPlace: z.optional(z.boolean({ error: 'expected a boolean (true or false)' })),
});

/** What {@link optimizeForInference} rewrote: counts, and the layers each fused step replaces. */
export interface InferenceRewrite {
  /** Batch norms folded into a convolution. */
  readonly foldedBatchNorms: number;
  /** Activation layers run inside a convolution. */
  readonly fusedActivations: number;
  /** Zero padding layers turned into a convolution's padding. */
  readonly foldedPaddings: number;
  /** Steps run per forward pass (fused convolutions plus layers run as themselves). */
  readonly steps: number;
  /** Layers in the original graph (input layers excluded). */
  readonly layers: number;
  /** For each fused step, the names of the layers it replaces, in order (e.g. `conv1_pad+conv1+bn1+relu`). */
  readonly fused: readonly string[];
}

/** A model prepared for inference by {@link optimizeForInference}: `predict` is a drop-in for the model's. */
export interface InferenceModel {
  /** The model it was made from (still usable; its weights are not changed). */
  readonly model: tfl.LayersModel;
  /** What was rewritten. */
  readonly rewrite: InferenceRewrite;
  /**
   * The forward pass in inference mode, as `model.predict(x)` computes it (within float32 rounding:
   * folding changes the order of operations). One tensor per model input; returns one tensor per
   * model output (a single tensor for a single-output model).
   */
  predict(inputs: tf.Tensor | readonly tf.Tensor[]): tf.Tensor | tf.Tensor[];
  /** Frees the folded weights (the model's own weights stay). `predict` fails afterwards. */
  dispose(): void;
}

// The parts of tfjs-layers' graph objects this module reads (public at runtime, not all in the typings).
interface GraphTensor {
  readonly id: number;
  readonly shape: readonly (number | null)[];
  readonly sourceLayer: GraphLayer;
  readonly nodeIndex: number;
}
interface GraphNode {
  readonly inputTensors: readonly GraphTensor[];
  readonly outputTensors: readonly GraphTensor[];
}
interface GraphLayer {
  readonly name: string;
  readonly inboundNodes: readonly GraphNode[];
  getClassName(): string;
  getConfig(): Record<string, unknown>;
  getWeights(): tf.Tensor[];
  /** The layer's variables, in getWeights' order. */
  readonly weights: readonly VariableLike[];
  apply(inputs: tf.Tensor | tf.Tensor[], kwargs?: Record<string, unknown>): tf.Tensor | tf.Tensor[];
}
interface VariableLike {
  read(): tf.Tensor;
  write(value: tf.Tensor): unknown;
}
interface BatchNormFields {
  readonly gamma?: VariableLike | null;
  readonly beta?: VariableLike | null;
  readonly movingMean: VariableLike;
  readonly movingVariance: VariableLike;
}

type ExplicitPadding = [[number, number], [number, number], [number, number], [number, number]];

interface ConvStep {
  readonly kind: 'conv';
  readonly input: number;
  readonly output: number;
  readonly depthwise: boolean;
  /** The filter (replaced by a folded copy if `foldedAtPack` has to be materialised). */
  filter: tf.Tensor4D;
  readonly bias: tf.Tensor1D | undefined;
  readonly strides: [number, number];
  readonly pad: 'same' | 'valid' | ExplicitPadding;
  readonly dilations: [number, number];
  readonly activation: FusableActivation;
  readonly leakyreluAlpha: number | undefined;
  /**
   * A 1×1 convolution of stride 1 without padding (not depthwise), run as a matrix product: the
   * filter as [1, in, out] (sharing the kernel's memory).
   */
  pointwise: { readonly filter: tf.Tensor3D } | undefined;
  /**
   * Set when `filter` shares the model's own kernel memory, which keeps the model's values: the
   * batch norm's per-channel scale s, applied to that memory only while XNNPACK packs the
   * operator (see `packConvSteps`).
   */
  foldedAtPack: Float32Array | undefined;
  /** A separable convolution's depthwise half, run first (unfused: tfjs has no fused form of it). */
  readonly depthwiseFirst:
    | {
        readonly filter: tf.Tensor4D;
        readonly strides: [number, number];
        readonly pad: 'same' | 'valid' | ExplicitPadding;
        readonly dilations: [number, number];
      }
    | undefined;
}
interface LayerStep {
  readonly kind: 'layer';
  readonly layer: GraphLayer;
  readonly inputs: readonly number[];
  readonly outputs: readonly number[];
  /**
   * An Add layer whose inputs all have one shape, summed directly: tfjs-layers' Add first copies its
   * first input (a real copy on wasm), then adds.
   */
  readonly directAdd: boolean;
}
type Step = ConvStep | LayerStep;

/** The nodes that compute the model's outputs from its inputs, each after the nodes it reads. */
function nodesInOrder(model: tfl.LayersModel): GraphNode[] {
  const inputIds = new Set((model.inputs as unknown as GraphTensor[]).map((t) => t.id));
  const seen = new Set<GraphNode>();
  const order: GraphNode[] = [];
  // Iterative depth-first walk: deep networks would overflow a recursive one only in theory, but cheaply avoided.
  const stack: { node: GraphNode; expanded: boolean }[] = [];
  const push = (t: GraphTensor) => {
    if (inputIds.has(t.id)) return;
    const node = t.sourceLayer.inboundNodes[t.nodeIndex]!;
    if (!seen.has(node)) stack.push({ node, expanded: false });
  };
  for (const t of model.outputs as unknown as GraphTensor[]) push(t);
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (seen.has(top.node)) {
      stack.pop();
      continue;
    }
    if (top.expanded) {
      stack.pop();
      seen.add(top.node);
      order.push(top.node);
      continue;
    }
    top.expanded = true;
    for (const t of [...top.node.inputTensors].reverse()) push(t);
  }
  return order;
}

const sameShape = (a: readonly (number | null)[], b: readonly (number | null)[]) =>
  a.length === b.length && a.every((d, i) => d === b[i]);

const layerOf = (node: GraphNode): GraphLayer => node.outputTensors[0]!.sourceLayer;

/** The activation an Activation/ReLU/LeakyReLU layer applies, if `tf.fused.conv2d` can run it. */
function fusableActivationOf(
  layer: GraphLayer,
): { activation: FusableActivation; alpha?: number } | undefined {
  const config = layer.getConfig();
  switch (layer.getClassName()) {
    case 'Activation': {
      const name = String(config.activation);
      return name !== 'leakyrelu' && (FUSABLE_ACTIVATIONS as readonly string[]).includes(name)
        ? { activation: name as FusableActivation }
        : undefined;
    }
    case 'ReLU':
      if (config.maxValue == null) return { activation: 'relu' };
      return config.maxValue === 6 ? { activation: 'relu6' } : undefined;
    case 'LeakyReLU':
      return { activation: 'leakyrelu', alpha: Number(config.alpha ?? 0.3) };
    default:
      return undefined;
  }
}

function isChannelsLastBatchNorm(layer: GraphLayer, rank: number): boolean {
  if (layer.getClassName() !== 'BatchNormalization') return false;
  const axis = layer.getConfig().axis;
  const single = Array.isArray(axis) ? (axis.length === 1 ? axis[0] : undefined) : axis;
  return single === -1 || single === rank - 1;
}

/** W·s in place over `out`: `w` is [rows, channels] flattened, `s` one factor per channel. */
function scaleChannels(out: Float32Array, w: Float32Array, s: Float32Array): void {
  const channels = s.length;
  for (let row = 0; row < w.length; row += channels)
    for (let c = 0; c < channels; c++) out[row + c] = w[row + c]! * s[c]!;
}

interface FoldedBatchNorm {
  readonly filter: tf.Tensor4D;
  readonly bias: tf.Tensor1D;
  /** Whether `filter` is the model's own kernel, folded in place (not a copy to dispose). */
  readonly inPlace: boolean;
  /**
   * Set when `filter` is a view of the model's kernel memory holding the model's own values: the
   * scale s to apply while XNNPACK packs the operator (see `packConvSteps`).
   */
  readonly foldedAtPack: Float32Array | undefined;
}

/**
 * W' = W·s and b' = (b − μ)·s + β per output channel. s and b' are computed in float64 and rounded
 * once; W·s is a float32 product of W and s rounded to float32 (in float64 then rounded once: the
 * same value as float32 multiplication gives), written straight into the wasm heap, so the kernel
 * is never read back into JavaScript nor uploaded again (ResNet-50: 94 MB each way).
 *
 * With `inPlace` (see InferenceOptions.foldInPlace), W' overwrites the model's own kernel and the
 * batch norm (and the convolution's bias, if it has one) are rewritten so that the model computes
 * the same function; when that cannot be done, W' is made as without it.
 *
 * Without it, on the wasm backend, no W' tensor is made at all: the filter is a view of the model's
 * kernel (its memory, the model's values) and `foldedAtPack` carries s, which `packConvSteps`
 * applies to that memory only while XNNPACK packs its own copy of the weights, then puts the
 * model's values back. Elsewhere W' is a folded copy.
 */
function foldBatchNorm(
  kernelVariable: VariableLike,
  biasVariable: VariableLike | undefined,
  bn: GraphLayer,
  inPlace: boolean,
): FoldedBatchNorm {
  const kernel = kernelVariable.read() as tf.Tensor4D;
  const fields = bn as unknown as BatchNormFields;
  const epsilon = Number(bn.getConfig().epsilon);
  const mean = fields.movingMean.read().dataSync();
  const variance = fields.movingVariance.read().dataSync();
  const gamma = fields.gamma?.read().dataSync();
  const beta = fields.beta?.read().dataSync();
  const channels = mean.length;
  const scale64 = new Float64Array(channels);
  for (let c = 0; c < channels; c++) scale64[c] = (gamma?.[c] ?? 1) / Math.sqrt(variance[c]! + epsilon);
  const scale = Float32Array.from(scale64);
  const b = biasVariable?.read().dataSync();
  const foldedBias = new Float32Array(channels);
  for (let c = 0; c < channels; c++)
    foldedBias[c] = ((b?.[c] ?? 0) - mean[c]!) * scale64[c]! + (beta?.[c] ?? 0);
  // Conv2D kernels are [h, w, in, out]; depthwise kernels [h, w, in, multiplier] with output in·m + j.
  // Either way the output channel is the flat index modulo the channel count: [-1, channels] rows.
  if (
    inPlace &&
    epsilon < 1 &&
    (biasVariable !== undefined || fields.beta != null) &&
    rewriteInPlace(kernel, (values) => scaleChannels(values, values, scale))
  ) {
    // The batch norm becomes the identity plus b′ (σ² + ε = 1: its scale rounds to 1 in float32).
    const write = (variable: VariableLike | null | undefined, values: Float32Array) => {
      if (variable == null) return;
      const value = tf.tensor1d(values, 'float32');
      variable.write(value);
      value.dispose();
    };
    const filled = (value: number) => new Float32Array(channels).fill(value);
    write(fields.gamma, filled(1));
    write(fields.movingMean, filled(0));
    write(fields.movingVariance, filled(1 - epsilon));
    if (biasVariable !== undefined) {
      write(biasVariable, foldedBias);
      write(fields.beta, filled(0));
    } else write(fields.beta, foldedBias);
    return {
      filter: kernel,
      bias: tf.tensor1d(foldedBias, 'float32'),
      inPlace: true,
      foldedAtPack: undefined,
    };
  }
  if (wasmTensorId(kernel) !== undefined)
    return {
      filter: tf.reshape(kernel, kernel.shape),
      bias: tf.tensor1d(foldedBias, 'float32'),
      inPlace: false,
      foldedAtPack: scale,
    };
  const filter = tensorFilledInPlace(kernel.shape, (out) =>
    scaleChannels(out, wasmHeapValues(kernel) ?? kernel.dataSync<'float32'>(), scale),
  ) as tf.Tensor4D;
  return { filter, bias: tf.tensor1d(foldedBias, 'float32'), inPlace: false, foldedAtPack: undefined };
}

function parseOptions(options: InferenceOptions): Required<InferenceOptions> {
  // Keys and non-objects first, by the one rule every package uses; then the values' types.
  assertOptionsObject(options, Object.keys(inferenceOptionsSchema.shape), 'optimizeForInference options');
  const parsed = inferenceOptionsSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part));
    const message = `optimizeForInference options${path.length > 0 ? `.${path.join('.')}` : ''}: ${issue.message}`;
    throw new LayersGpuError('invalid_options', message, invalidSpecDetails(issue), {
      cause: parsed.error,
      path,
    });
  }
  return {
    foldBatchNorm: parsed.data.foldBatchNorm ?? true,
    fuseActivation: parsed.data.fuseActivation ?? true,
    foldPadding: parsed.data.foldPadding ?? true,
    foldInPlace: parsed.data.foldInPlace ?? false,
  };
}

/**
 * Prepares a tf.LayersModel for fast inference: folds each batch norm that follows a convolution
 * into the convolution's weights, runs the following activation inside the same fused convolution
 * (one threaded XNNPACK call on the wasm backend instead of three passes), and turns zero padding
 * before a 'valid' convolution into the convolution's padding. Every other layer runs as itself, so
 * any model works; outputs equal `model.predict`'s within float32 rounding.
 *
 * The folded weights are a snapshot: after training the model, call this again. The model itself
 * is not changed (unless `foldInPlace`). On the wasm backend no folded kernel is stored: each folded
 * step's XNNPACK operator is packed here, from the model's kernel scaled in place for the packing
 * and restored bit for bit right after; every other convolution is packed here too (one run on a
 * small input of zeros each), so this call does the weight packing a first `predict` would do.
 * Elsewhere the folded kernels are copies. `dispose()` frees what the optimised model holds.
 */
export function optimizeForInference(model: tfl.LayersModel, options: InferenceOptions = {}): InferenceModel {
  const settings = parseOptions(options);
  const graph = model as unknown as { inputs?: unknown; outputs?: unknown } | null | undefined;
  if (graph == null || !Array.isArray(graph.inputs) || !Array.isArray(graph.outputs))
    throw new LayersGpuError(
      'invalid_options',
      `optimizeForInference needs a tf.LayersModel (from tf.model, tf.sequential or tf.loadLayersModel); got ${
        graph == null
          ? String(graph)
          : typeof graph === 'object'
            ? 'an object without inputs and outputs'
            : typeof graph
      }`,
      { check: 'invalid_type', expected: 'tf.LayersModel' },
    );
  const nodes = nodesInOrder(model);
  const outputIds = new Set((model.outputs as unknown as GraphTensor[]).map((t) => t.id));
  const readers = new Map<number, GraphNode[]>();
  for (const node of nodes)
    for (const t of node.inputTensors) readers.set(t.id, [...(readers.get(t.id) ?? []), node]);
  // The one node that reads `t`, when nothing else (another node or the model's output) needs it.
  const onlyReader = (t: GraphTensor): GraphNode | undefined => {
    const r = readers.get(t.id);
    return r?.length === 1 && !outputIds.has(t.id) ? r[0] : undefined;
  };
  const producer = new Map<number, GraphNode>();
  for (const node of nodes) for (const t of node.outputTensors) producer.set(t.id, node);

  const absorbed = new Set<GraphNode>();
  const fusedAt = new Map<GraphNode, ConvStep>();
  const fusedNames: string[] = [];
  const owned: tf.Tensor[] = [];
  let foldedBatchNorms = 0;
  let fusedActivations = 0;
  let foldedPaddings = 0;

  for (const node of nodes) {
    const layer = layerOf(node);
    const kind = layer.getClassName();
    if (!['Conv2D', 'DepthwiseConv2D', 'SeparableConv2D'].includes(kind) || node.inputTensors.length !== 1)
      continue;
    const config = layer.getConfig();
    if (config.dataFormat !== 'channelsLast' || (config.dtype !== undefined && config.dtype !== 'float32'))
      continue;
    let activation = String(config.activation);
    if (!(FUSABLE_ACTIVATIONS as readonly string[]).includes(activation) || activation === 'leakyrelu')
      continue;
    const names = [layer.name];
    let input = node.inputTensors[0]!;
    let output = node.outputTensors[0]!;
    let pad: ConvStep['pad'] = config.padding === 'same' ? 'same' : 'valid';

    const padNode = settings.foldPadding ? producer.get(input.id) : undefined;
    if (
      padNode !== undefined &&
      pad === 'valid' &&
      layerOf(padNode).getClassName() === 'ZeroPadding2D' &&
      layerOf(padNode).getConfig().dataFormat === 'channelsLast' &&
      onlyReader(input) === node
    ) {
      const [[top, bottom], [left, right]] = layerOf(padNode).getConfig().padding as [
        [number, number],
        [number, number],
      ];
      pad = [
        [0, 0],
        [top, bottom],
        [left, right],
        [0, 0],
      ];
      absorbed.add(padNode);
      names.unshift(layerOf(padNode).name);
      input = padNode.inputTensors[0]!;
      foldedPaddings++;
    }

    // A separable convolution is a depthwise one then a 1×1 one: the batch norm folds into the 1×1.
    const separable = kind === 'SeparableConv2D';
    const weights = layer.getWeights();
    const [kernel, ownBias] = separable ? weights.slice(1) : weights;
    const [kernelVariable, biasVariable] = separable ? layer.weights.slice(1) : layer.weights;
    const depthwiseFirst: ConvStep['depthwiseFirst'] = separable
      ? {
          filter: weights[0] as tf.Tensor4D,
          strides: tfPair(config.strides),
          pad,
          dilations: tfPair(config.dilationRate),
        }
      : undefined;
    let filter = kernel as tf.Tensor4D;
    let bias = ownBias as tf.Tensor1D | undefined;
    let foldedAtPack: Float32Array | undefined;
    const depthwise = kind === 'DepthwiseConv2D';
    let next = onlyReader(output);
    if (
      settings.foldBatchNorm &&
      activation === 'linear' &&
      next !== undefined &&
      isChannelsLastBatchNorm(layerOf(next), output.shape.length)
    ) {
      const folded = foldBatchNorm(kernelVariable!, biasVariable, layerOf(next), settings.foldInPlace);
      owned.push(...(folded.inPlace ? [] : [folded.filter]), folded.bias);
      ({ filter, bias, foldedAtPack } = folded);
      absorbed.add(next);
      names.push(layerOf(next).name);
      output = next.outputTensors[0]!;
      foldedBatchNorms++;
      next = onlyReader(output);
    }
    let leakyreluAlpha: number | undefined;
    const fusable = next === undefined ? undefined : fusableActivationOf(layerOf(next));
    if (settings.fuseActivation && activation === 'linear' && next !== undefined && fusable !== undefined) {
      activation = fusable.activation;
      leakyreluAlpha = fusable.alpha;
      absorbed.add(next);
      names.push(layerOf(next).name);
      output = next.outputTensors[0]!;
      fusedActivations++;
    }
    const strides = separable ? ([1, 1] as [number, number]) : tfPair(config.strides);
    const [kh, kw, inChannels, outChannels] = filter.shape;
    // A 1×1 convolution without padding is a matrix product of the pixels by the kernel. On wasm it
    // runs as one XNNPACK fully connected operator, which packs the kernel as it is; the convolution
    // operator keeps a transposed copy of every kernel besides its packed one (tfjs-backend-wasm
    // 4.22, conv2d_impl.cc): ResNet-50's 1×1 convolutions of stride 1 hold a third of its weights.
    // 'same' and 'valid' are one padding for a 1×1 window. Strided ones stay convolutions:
    // subsampling first (a strided slice) made ResNet-50's steady predict ~20 % slower (measured).
    const pointwise: ConvStep['pointwise'] =
      !depthwise &&
      !separable &&
      kh === 1 &&
      kw === 1 &&
      typeof pad === 'string' &&
      strides[0] === 1 &&
      strides[1] === 1
        ? { filter: tf.reshape(filter, [1, inChannels, outChannels]) }
        : undefined;
    if (pointwise !== undefined) owned.push(pointwise.filter);
    fusedAt.set(node, {
      kind: 'conv',
      input: input.id,
      output: output.id,
      depthwise,
      filter,
      bias,
      strides,
      pad: separable ? 'valid' : pad,
      // tfjs-layers 4.22's DepthwiseConv2D ignores its dilationRate (it passes none to the op; a
      // TODO there): do the same, so that the output is model.predict's.
      dilations: depthwise || separable ? [1, 1] : tfPair(config.dilationRate),
      activation: activation as FusableActivation,
      leakyreluAlpha,
      pointwise,
      depthwiseFirst,
      foldedAtPack,
    });
    if (names.length > 1) fusedNames.push(names.join('+'));
  }

  const steps: Step[] = [];
  for (const node of nodes) {
    if (absorbed.has(node)) continue;
    steps.push(
      fusedAt.get(node) ?? {
        kind: 'layer',
        layer: layerOf(node),
        inputs: node.inputTensors.map((t) => t.id),
        outputs: node.outputTensors.map((t) => t.id),
        directAdd:
          layerOf(node).getClassName() === 'Add' &&
          node.inputTensors.length >= 2 &&
          node.inputTensors.every((t) => sameShape(t.shape, node.inputTensors[0]!.shape)),
      },
    );
  }
  // How many steps read each tensor: freed after the last one (model inputs and outputs never).
  const readCounts = new Map<number, number>();
  for (const step of steps)
    for (const id of step.kind === 'conv' ? [step.input] : step.inputs)
      readCounts.set(id, (readCounts.get(id) ?? 0) + 1);

  const modelInputs = model.inputs as unknown as GraphTensor[];
  const modelOutputs = model.outputs as unknown as GraphTensor[];
  let disposed = false;

  let packed: PackedStep[];
  try {
    packed = packConvSteps(steps);
  } catch (error) {
    tf.dispose(owned);
    throw error;
  }
  // The packed operators are gone or may be (the filter's or the bias' data left the wasm backend,
  // e.g. through a backend switch): fold into copies, as on any other backend, from then on.
  const unpackFolded = () => {
    for (const { step } of packed.splice(0)) {
      const view = step.filter;
      const scale = step.foldedAtPack!;
      step.filter = tensorFilledInPlace(view.shape, (out) =>
        scaleChannels(out, view.dataSync<'float32'>(), scale),
      ) as tf.Tensor4D;
      step.foldedAtPack = undefined;
      const replaced: tf.Tensor[] = [view];
      if (step.pointwise !== undefined) {
        replaced.push(step.pointwise.filter);
        step.pointwise = { filter: tf.reshape(step.filter, step.pointwise.filter.shape) };
        owned.push(step.pointwise.filter);
      }
      owned.push(step.filter);
      for (const tensor of replaced) owned.splice(owned.indexOf(tensor), 1);
      tf.dispose(replaced);
    }
  };

  const predict = (given: tf.Tensor | readonly tf.Tensor[]): tf.Tensor | tf.Tensor[] => {
    if (disposed)
      throw new LayersGpuError(
        'invalid_options',
        'this InferenceModel was disposed: call optimizeForInference(model) again',
        { check: 'disposed' },
      );
    const inputs = given instanceof tf.Tensor ? [given] : [...given];
    checkInputs(inputs, modelInputs);
    if (packed.some((p) => !p.intact())) unpackFolded();
    const outputs = tf.tidy(() => {
      const values = new Map<number, tf.Tensor>();
      // A layer may return its input object itself (Dropout at inference): count holders per object.
      const holders = new Map<tf.Tensor, number>();
      const set = (id: number, value: tf.Tensor) => {
        values.set(id, value);
        holders.set(value, (holders.get(value) ?? 0) + 1);
      };
      modelInputs.forEach((t, i) => {
        set(t.id, inputs[i]!);
      });
      const remaining = new Map(readCounts);
      const release = (id: number) => {
        const left = (remaining.get(id) ?? 0) - 1;
        remaining.set(id, left);
        if (left > 0 || outputIds.has(id)) return;
        const value = values.get(id);
        if (value === undefined) return;
        values.delete(id);
        const held = (holders.get(value) ?? 1) - 1;
        holders.set(value, held);
        if (held === 0 && !inputs.includes(value)) value.dispose();
      };
      for (const step of steps) {
        if (step.kind === 'conv') {
          set(step.output, runConvStep(step, values.get(step.input) as tf.Tensor4D));
          release(step.input);
        } else {
          const args = step.inputs.map((id) => values.get(id)!);
          const result = step.directAdd
            ? args.slice(1).reduce((sum, term) => tf.add(sum, term), args[0]!)
            : step.layer.apply(args.length === 1 ? args[0]! : args, { training: false });
          const results = Array.isArray(result) ? result : [result];
          step.outputs.forEach((id, i) => {
            set(id, results[i]!);
          });
          for (const id of step.inputs) release(id);
        }
      }
      return modelOutputs.map((t) => values.get(t.id)!);
    });
    return outputs.length === 1 ? outputs[0]! : outputs;
  };

  return {
    model,
    rewrite: {
      foldedBatchNorms,
      fusedActivations,
      foldedPaddings,
      steps: steps.length,
      layers: nodes.length,
      fused: fusedNames,
    },
    predict,
    dispose() {
      if (disposed) return;
      disposed = true;
      tf.dispose(owned);
    },
  };
}

/** One convolution step on `input` (not disposed): a new tensor. */
function runConvStep(step: ConvStep, input: tf.Tensor4D): tf.Tensor4D {
  if (step.pointwise !== undefined) return pointwiseConv(input, step);
  const first = step.depthwiseFirst;
  const x =
    first === undefined
      ? input
      : tf.depthwiseConv2d(input, first.filter, first.strides, first.pad, 'NHWC', first.dilations);
  const args = {
    x,
    filter: step.filter,
    strides: step.strides,
    pad: step.pad,
    dilations: step.dilations,
    activation: step.activation,
    ...(step.bias === undefined ? {} : { bias: step.bias }),
    ...(step.leakyreluAlpha === undefined ? {} : { leakyreluAlpha: step.leakyreluAlpha }),
  };
  const y = step.depthwise
    ? tf.fused.depthwiseConv2d(args as Parameters<typeof tf.fused.depthwiseConv2d>[0])
    : tf.fused.conv2d(args as Parameters<typeof tf.fused.conv2d>[0]);
  if (x !== input) x.dispose();
  return y as tf.Tensor4D;
}

/** The smallest input height (or width) that gives a convolution window one output pixel. */
function smallestInput(
  kernel: number,
  dilation: number,
  pad: 'same' | 'valid' | ExplicitPadding,
  axis: 1 | 2,
): number {
  if (pad === 'same') return 1;
  const padded = pad === 'valid' ? 0 : pad[axis][0] + pad[axis][1];
  return Math.max(1, (kernel - 1) * dilation + 1 - padded);
}

/** A packed step, and whether its XNNPACK operator, packed from the folded weights, is still there. */
interface PackedStep {
  readonly step: ConvStep;
  intact(): boolean;
}

/*
 * The default fold on the wasm backend without a copy of the kernels. tfjs-backend-wasm 4.22 creates
 * one XNNPACK operator per filter on its first run, packing the filter's values into memory of its
 * own, and keeps it, keyed on the filter's and the bias' tensor ids (with the strides, padding and
 * activation), until either tensor is disposed (conv2d_impl.cc, batch_mat_mul_impl.cc); the filter's
 * memory is not read again. So for each step whose batch norm folds (foldedAtPack), the model's
 * kernel memory is scaled by s in place (W·s, the values a folded copy would hold), the step runs once
 * on a small input of zeros, which creates its operator from W·s, and the model's values are copied
 * back. The model never shows W·s (this is synchronous and the values are restored even if the run
 * throws) and its own layers' operators are keyed on other bias ids, so they pack the model's values.
 * ResNet-50: no 94 MB folded copy, which was ~a third of its cold start's fresh memory.
 *
 * The other convolutions run once here too (no scaling), so that a first `predict` finds every
 * operator packed and all the packing's fresh memory is written in one pass, touched ahead by the
 * helper thread (wasm-heap.ts' warmWasmHeap). A step that cannot run fails here, as it would in
 * `predict`.
 *
 * The operator stays while the step's filter view and folded bias (which the InferenceModel owns)
 * stay on the wasm backend: `intact` checks their ids (see wasmTensorId); if either left, the
 * operator may be gone and would be created again from the model's values, so predict folds copies.
 */
function packConvSteps(steps: readonly Step[]): PackedStep[] {
  // Every convolution on the wasm backend: the folded ones must be packed here (their filters hold
  // the model's values); the others are packed here too, so that all packing, and its fresh memory,
  // happens in one pass whose pages the helper thread touches ahead.
  const convs = steps.filter((s): s is ConvStep => s.kind === 'conv' && wasmTensorId(s.filter) !== undefined);
  if (convs.length === 0) return [];
  // What packing writes to fresh memory, touched ahead in another thread where it can be
  // (wasm-heap.ts): XNNPACK's packed copy of each filter, and the transposed copy tfjs keeps of a
  // convolution's (not of a depthwise one's, nor of a matrix product's).
  warmWasmHeap(
    convs.reduce((bytes, s) => bytes + 4 * s.filter.size * (s.depthwise || s.pointwise ? 1 : 2), 0),
  );
  const saved = new Float32Array(
    Math.max(0, ...convs.map((s) => (s.foldedAtPack === undefined ? 0 : s.filter.size))),
  );
  const packed: PackedStep[] = [];
  for (const step of convs) {
    const { filter, bias, foldedAtPack: scale } = step;
    const original = saved.subarray(0, scale === undefined ? 0 : filter.size);
    if (scale !== undefined) {
      original.set(wasmHeapValues(filter)!);
      const heap = wasmHeapValues(filter)!;
      scaleChannels(heap, heap, scale);
    }
    try {
      const first = step.depthwiseFirst;
      const [kh, kw] = (first ?? step).filter.shape;
      const [dh, dw] = (first ?? step).dilations;
      const pad = (first ?? step).pad;
      const shape: [number, number, number, number] = [
        1,
        smallestInput(kh, dh, pad, 1),
        smallestInput(kw, dw, pad, 2),
        (first ?? step).filter.shape[2],
      ];
      tf.tidy(() => {
        runConvStep(step, tf.zeros(shape));
      });
    } finally {
      // A fresh view: the run's allocations may have grown the heap, replacing its buffer.
      if (scale !== undefined) wasmHeapValues(filter)!.set(original);
    }
    if (scale === undefined) continue;
    const filterId = wasmTensorId(filter);
    const biasId = bias === undefined ? undefined : wasmTensorId(bias);
    packed.push({
      step,
      intact: () =>
        wasmTensorId(filter) === filterId && (bias === undefined || wasmTensorId(bias) === biasId),
    });
  }
  return packed;
}

/** A 1×1 convolution step as a matrix product: [1, pixels, in] × [1, in, out], then the image shape back. */
function pointwiseConv(input: tf.Tensor4D, step: ConvStep): tf.Tensor4D {
  const { filter } = step.pointwise!;
  // Its own tidy: the flat views are freed now, not at the pass's end.
  return tf.tidy(() => {
    const [batch, height, width, channels] = input.shape;
    const y = tf.fused.matMul({
      a: tf.reshape(input, [1, batch * height * width, channels]),
      b: filter,
      activation: step.activation,
      ...(step.bias === undefined ? {} : { bias: step.bias }),
      ...(step.leakyreluAlpha === undefined ? {} : { leakyreluAlpha: step.leakyreluAlpha }),
    });
    return tf.reshape<tf.Rank.R4>(y, [batch, height, width, filter.shape[2]]);
  });
}

/** One tensor per model input, each of the input's shape (any batch size). */
function checkInputs(inputs: readonly tf.Tensor[], expected: readonly GraphTensor[]): void {
  if (inputs.length !== expected.length)
    throw new LayersGpuError(
      'invalid_options',
      `predict got ${inputs.length} input tensor(s); the model has ${expected.length} input(s)`,
      { inputs: inputs.length },
    );
  inputs.forEach((input, i) => {
    const want = expected[i]!.shape;
    const fits =
      input.shape.length === want.length && want.every((d, axis) => d === null || d === input.shape[axis]);
    if (!fits)
      throw new LayersGpuError(
        'wrong_input_rank',
        `predict input ${i} has shape [${input.shape.join(', ')}]; the model expects [${want
          .map((d) => (d === null ? 'batch' : d))
          .join(', ')}]`,
        { given: input.shape, expected: want.map((d) => (d === null ? 'batch' : d)) },
      );
  });
}
