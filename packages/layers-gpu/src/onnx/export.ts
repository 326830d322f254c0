import { type LayerKind, samePadding } from '@cnnkit/shape-math';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { assertOptionsObject, LayersGpuError } from '../errors';
import { tfPair as pair } from '../tf-pair';
import { ATTRIBUTE_TYPE, modelProtoType, TENSOR_DATA_TYPE } from './onnx-proto';

/*
 * TensorFlow.js Layers → ONNX (opset 13). tfjs computes in NHWC; ONNX's Conv, pooling and
 * BatchNormalization are NCHW. The exported graph takes and returns NHWC tensors, exactly like the
 * tfjs model, with one Transpose at each boundary; inside, every rank-4 tensor is NCHW, and the few
 * layers whose meaning depends on memory order (Flatten, Reshape, Dense on feature maps) go back
 * to NHWC around themselves. ONNX Runtime's transpose optimiser folds the pairs that meet.
 *
 * One ONNX face per shape-math layer kind (`ONNX_FACES`, keyed by `LayerKind` like shape-math's
 * rules and layers-gpu's builders): a kind added to shape-math without its ONNX face here is a
 * compile error naming it.
 */

export const ONNX_OPSET = 13;
/** IR version 7 goes with opset 13 (onnx/onnx docs/Versioning.md). */
const IR_VERSION = 7;

export interface OnnxExportOptions {
  /** Graph name (default: the model's name). */
  readonly name?: string;
}

const ONNX_EXPORT_OPTION_KEYS = ['name'] as const satisfies readonly (keyof OnnxExportOptions)[];

export interface OnnxExport {
  /** The serialised ModelProto, ready to write to a `.onnx` file or hand to ONNX Runtime. */
  readonly bytes: Uint8Array;
  readonly inputName: string;
  readonly outputNames: readonly string[];
  /** Parameters written as initialisers (equal to `model.countParams()`, batch-norm statistics included). */
  readonly parameterCount: number;
  /** ONNX operator kinds used, with counts. */
  readonly operators: Readonly<Record<string, number>>;
}

type Layout = 'nchw' | 'plain';
interface Value {
  readonly name: string;
  /** NHWC shape as tfjs sees it, batch as null. */
  readonly shape: readonly (number | null)[];
  readonly layout: Layout;
}

interface Attribute {
  name: string;
  type: number;
  i?: number;
  f?: number;
  ints?: number[];
  floats?: number[];
  s?: Uint8Array;
}

const int = (name: string, value: number): Attribute => ({ name, type: ATTRIBUTE_TYPE.INT, i: value });
const ints = (name: string, value: number[]): Attribute => ({ name, type: ATTRIBUTE_TYPE.INTS, ints: value });
const float = (name: string, value: number): Attribute => ({ name, type: ATTRIBUTE_TYPE.FLOAT, f: value });
const str = (name: string, value: string): Attribute => ({
  name,
  type: ATTRIBUTE_TYPE.STRING,
  s: new TextEncoder().encode(value),
});

const TO_NCHW = [0, 3, 1, 2];
const TO_NHWC = [0, 2, 3, 1];

class GraphWriter {
  readonly nodes: object[] = [];
  readonly initializers: object[] = [];
  readonly operators: Record<string, number> = {};
  parameterCount = 0;
  private counter = 0;
  private readonly nodeNames = new Set<string>();

  fresh(base: string): string {
    this.counter += 1;
    return `${base}__${this.counter}`;
  }

  node(
    opType: string,
    inputs: string[],
    output: string,
    attributes: Attribute[] = [],
    name = output,
  ): string {
    // Node names must be unique in a graph; a layer may be called "output" like the graph output.
    const unique = this.nodeNames.has(name) ? this.fresh(name) : name;
    this.nodeNames.add(unique);
    this.nodes.push({
      op_type: opType,
      input: inputs,
      output: [output],
      name: unique,
      attribute: attributes,
    });
    this.operators[opType] = (this.operators[opType] ?? 0) + 1;
    return output;
  }

  floats(name: string, dims: number[], values: Float32Array, countsAsParameters = true): string {
    this.initializers.push({
      name,
      dims,
      data_type: TENSOR_DATA_TYPE.FLOAT,
      raw_data: new Uint8Array(values.buffer, values.byteOffset, values.byteLength),
    });
    if (countsAsParameters) this.parameterCount += values.length;
    return name;
  }

  int64s(name: string, values: number[]): string {
    this.initializers.push({
      name,
      dims: [values.length],
      data_type: TENSOR_DATA_TYPE.INT64,
      int64_data: values,
    });
    return name;
  }

  /** A tfjs weight, permuted (and reshaped) into ONNX's order, as an initialiser. */
  weight(name: string, value: tf.Tensor, perm?: number[], reshape?: number[]): string {
    const data = tf.tidy(() => {
      let t = perm === undefined ? value : tf.transpose(value, perm);
      if (reshape !== undefined) t = tf.reshape(t, reshape);
      return t;
    });
    const dims = data.shape;
    const values = data.dataSync() as Float32Array;
    if (data !== value) data.dispose();
    return this.floats(name, dims, Float32Array.from(values));
  }
}

function unsupported(layer: tfl.layers.Layer, why: string): never {
  throw new LayersGpuError(
    'unsupported_layer',
    `layer "${layer.name}" (${layer.getClassName()}) cannot be exported to ONNX: ${why}`,
    { layer: layer.name, kind: layer.getClassName(), allowed: ONNX_EXPORTABLE_LAYERS },
  );
}

/** ONNX `pads` for a window: `[top, left, bottom, right]`, TensorFlow's SAME split from shape-math. */
function spatialPads(
  layer: tfl.layers.Layer,
  input: Value,
  padding: string,
  kernel: [number, number],
  strides: [number, number],
  dilation: [number, number] = [1, 1],
): number[] {
  if (padding === 'valid') return [0, 0, 0, 0];
  if (padding !== 'same') unsupported(layer, `padding "${padding}"`);
  const [h, w] = [input.shape[1], input.shape[2]];
  if (typeof h !== 'number' || typeof w !== 'number')
    unsupported(layer, 'SAME padding needs a fixed input height and width');
  // TensorFlow's SAME padding puts the extra row or column at the end (ONNX SAME_UPPER).
  const [top, bottom] = samePadding(h, kernel[0], strides[0], dilation[0]);
  const [left, right] = samePadding(w, kernel[1], strides[1], dilation[1]);
  return [top, left, bottom, right];
}

/** The value in NHWC order (a Transpose when it is held as NCHW). */
function asNhwc(g: GraphWriter, v: Value): string {
  return v.layout === 'nchw'
    ? g.node('Transpose', [v.name], g.fresh(`${v.name}_nhwc`), [ints('perm', TO_NHWC)])
    : v.name;
}

/** A value computed in tfjs order, converted to cnnkit's internal order. */
function fromNhwc(g: GraphWriter, name: string, shape: readonly (number | null)[]): Value {
  return shape.length === 4
    ? {
        name: g.node('Transpose', [name], g.fresh(`${name}_nchw`), [ints('perm', TO_NCHW)]),
        shape,
        layout: 'nchw',
      }
    : { name, shape, layout: 'plain' };
}

/** The axis to use in the internal layout for tfjs's channels-last axis. */
function channelAxis(v: Value, axis: number): number {
  const rank = v.shape.length;
  const positive = axis < 0 ? axis + rank : axis;
  if (v.layout !== 'nchw') return positive;
  return [0, 2, 3, 1][positive]!;
}

function activation(
  g: GraphWriter,
  layer: tfl.layers.Layer,
  name: string,
  input: string,
  output: string,
  axis = -1,
): string {
  switch (name) {
    case 'linear':
      return g.node('Identity', [input], output);
    case 'relu':
      return g.node('Relu', [input], output);
    case 'relu6':
      return g.node(
        'Clip',
        [
          input,
          g.floats(g.fresh('zero'), [], new Float32Array([0]), false),
          g.floats(g.fresh('six'), [], new Float32Array([6]), false),
        ],
        output,
      );
    case 'sigmoid':
      return g.node('Sigmoid', [input], output);
    case 'tanh':
      return g.node('Tanh', [input], output);
    case 'elu':
      return g.node('Elu', [input], output, [float('alpha', 1)]);
    case 'selu':
      return g.node('Selu', [input], output);
    case 'softplus':
      return g.node('Softplus', [input], output);
    case 'softsign':
      return g.node('Softsign', [input], output);
    case 'hardSigmoid':
      return g.node('HardSigmoid', [input], output, [float('alpha', 0.2), float('beta', 0.5)]);
    case 'swish': {
      const s = g.node('Sigmoid', [input], g.fresh(`${output}_sigmoid`));
      return g.node('Mul', [input, s], output);
    }
    case 'softmax':
      return g.node('Softmax', [input], output, [int('axis', axis)]);
    default:
      return unsupported(layer, `activation "${name}"`);
  }
}

function activationName(config: tf.serialization.ConfigDict, key = 'activation'): string {
  const value = config[key];
  if (value === undefined || value === null) return 'linear';
  if (typeof value === 'string') return value;
  return String((value as { className?: unknown }).className ?? value);
}

/** What one layer's exporter gets: the layer, its config and weights, its inputs, and the graph. */
interface LayerExport {
  readonly g: GraphWriter;
  readonly layer: tfl.layers.Layer;
  /** The tfjs class name, e.g. `Conv2D`. */
  readonly kind: string;
  readonly config: tf.serialization.ConfigDict;
  readonly weights: tf.Tensor[];
  readonly inputs: readonly Value[];
  /** The first (for most layers, the only) input. */
  readonly x: Value;
  readonly outShape: readonly (number | null)[];
  /** The layer name as an ONNX-safe identifier. */
  readonly base: string;
}

/** How one tfjs class becomes ONNX nodes: returns the value that holds its output. */
type ClassExporter = (c: LayerExport) => Value;
/** A kind's ONNX face: every tfjs class layers-gpu's builder makes for it, with its exporter. */
type OnnxFace = Readonly<Record<string, ClassExporter>>;

function requireNchw({ layer, x }: LayerExport): void {
  if (x.layout !== 'nchw' || x.shape.length !== 4)
    unsupported(layer, `it needs a 4-D feature map, got rank ${x.shape.length}`);
}

function withActivation({ g, layer, config }: LayerExport, pre: string, out: Value): string {
  const name = activationName(config);
  if (name === 'linear') return pre;
  return activation(g, layer, name, pre, g.fresh(`${layer.name}_${name}`), channelAxis(out, -1));
}

/** Conv2D, cnnkit's grouped conv, DepthwiseConv2D and SeparableConv2D: ONNX Conv (one or two). */
const convolution: ClassExporter = (c) => {
  const { g, layer, kind, config, weights, x, base } = c;
  requireNchw(c);
  if (config.dataFormat !== undefined && config.dataFormat !== 'channelsLast')
    unsupported(layer, `dataFormat ${String(config.dataFormat)}`);
  const kernelSize = pair(config.kernelSize);
  const strides = pair(config.strides ?? 1);
  const dilation = pair(config.dilationRate ?? 1);
  const pads = spatialPads(layer, x, String(config.padding ?? 'valid'), kernelSize, strides, dilation);
  const channels = x.shape[3] as number;
  const convAttrs = (group: number) => [
    ints('kernel_shape', kernelSize),
    ints('strides', strides),
    ints('dilations', dilation),
    ints('pads', pads),
    int('group', group),
  ];
  const useBias = config.useBias !== false;
  let pre: string;
  if (kind === 'Conv2D' || kind === 'CnnkitGroupedConv2D') {
    const groups =
      kind === 'Conv2D' ? 1 : Number(config.groups ?? (layer as unknown as { groups: number }).groups);
    const w = g.weight(`${base}_W`, weights[0]!, [3, 2, 0, 1]);
    const b = useBias ? [g.weight(`${base}_B`, weights[1]!)] : [];
    pre = g.node('Conv', [x.name, w, ...b], g.fresh(base), convAttrs(groups), base);
  } else {
    // depthwise kernel [kh, kw, in, mult] → [in·mult, 1, kh, kw]; output channel c·mult + m.
    const mult = Number(config.depthMultiplier ?? 1);
    const dw = g.weight(
      `${base}_depthwise_W`,
      weights[0]!,
      [2, 3, 0, 1],
      [channels * mult, 1, kernelSize[0], kernelSize[1]],
    );
    if (kind === 'DepthwiseConv2D') {
      const b = useBias ? [g.weight(`${base}_B`, weights[1]!)] : [];
      pre = g.node('Conv', [x.name, dw, ...b], g.fresh(base), convAttrs(channels), base);
    } else {
      const depthwise = g.node(
        'Conv',
        [x.name, dw],
        g.fresh(`${base}_depthwise`),
        convAttrs(channels),
        `${base}_depthwise`,
      );
      const pw = g.weight(`${base}_pointwise_W`, weights[1]!, [3, 2, 0, 1]);
      const b = useBias ? [g.weight(`${base}_B`, weights[2]!)] : [];
      pre = g.node('Conv', [depthwise, pw, ...b], g.fresh(base), [ints('kernel_shape', [1, 1])], base);
    }
  }
  const out: Value = { name: pre, shape: c.outShape, layout: 'nchw' };
  return { ...out, name: withActivation(c, pre, out) };
};

const transposedConvolution: ClassExporter = (c) => {
  const { g, layer, config, weights, x, base } = c;
  requireNchw(c);
  const kernelSize = pair(config.kernelSize);
  const strides = pair(config.strides ?? 1);
  const dilation = pair(config.dilationRate ?? 1);
  if (dilation[0] !== 1 || dilation[1] !== 1) unsupported(layer, 'dilated transposed convolution');
  // tfjs: [kh, kw, out, in]; ONNX ConvTranspose: [in, out, kh, kw].
  const w = g.weight(`${base}_W`, weights[0]!, [3, 2, 0, 1]);
  const b = config.useBias !== false ? [g.weight(`${base}_B`, weights[1]!)] : [];
  const attrs = [ints('kernel_shape', kernelSize), ints('strides', strides)];
  if (config.padding === 'same') {
    // SAME: output = input · stride, the gradient of a SAME convolution (extra at the end).
    const pad = kernelSize.map((k, i) => Math.max(k - strides[i]!, 0));
    const begin = pad.map((p) => Math.floor(p / 2));
    attrs.push(ints('pads', [begin[0]!, begin[1]!, pad[0]! - begin[0]!, pad[1]! - begin[1]!]));
    attrs.push(
      ints(
        'output_padding',
        kernelSize.map((k, i) => Math.max(strides[i]! - k, 0)),
      ),
    );
  }
  const pre = g.node('ConvTranspose', [x.name, w, ...b], g.fresh(base), attrs, base);
  const out: Value = { name: pre, shape: c.outShape, layout: 'nchw' };
  return { ...out, name: withActivation(c, pre, out) };
};

const pooling: ClassExporter = (c) => {
  const { g, layer, kind, config, x, base } = c;
  requireNchw(c);
  const poolSize = pair(config.poolSize);
  const strides = pair(config.strides ?? config.poolSize);
  const pads = spatialPads(layer, x, String(config.padding ?? 'valid'), poolSize, strides);
  // tfjs averages over the valid cells only at a SAME border: ONNX's count_include_pad = 0.
  return {
    name: g.node(
      kind === 'MaxPooling2D' ? 'MaxPool' : 'AveragePool',
      [x.name],
      g.fresh(base),
      [ints('kernel_shape', poolSize), ints('strides', strides), ints('pads', pads)],
      base,
    ),
    shape: c.outShape,
    layout: 'nchw',
  };
};

const globalPooling: ClassExporter = (c) => {
  const { g, kind, x, base } = c;
  requireNchw(c);
  const pooled = g.node(
    kind === 'GlobalAveragePooling2D' ? 'GlobalAveragePool' : 'GlobalMaxPool',
    [x.name],
    g.fresh(`${base}_pooled`),
    [],
    base,
  );
  return {
    name: g.node('Flatten', [pooled], g.fresh(base), [int('axis', 1)]),
    shape: c.outShape,
    layout: 'plain',
  };
};

const batchNormalization: ClassExporter = (c) => {
  const { g, layer, config, weights, x, base } = c;
  const axis = Number(Array.isArray(config.axis) ? config.axis[0] : (config.axis ?? -1));
  const rank = x.shape.length;
  if ((axis < 0 ? axis + rank : axis) !== rank - 1)
    unsupported(layer, `normalisation over axis ${axis} (only the channel axis)`);
  const channels = x.shape[rank - 1] as number;
  let next = 0;
  const scale =
    config.scale !== false
      ? g.weight(`${base}_scale`, weights[next++]!)
      : g.floats(`${base}_scale`, [channels], new Float32Array(channels).fill(1), false);
  const center =
    config.center !== false
      ? g.weight(`${base}_B`, weights[next++]!)
      : g.floats(`${base}_B`, [channels], new Float32Array(channels), false);
  const mean = g.weight(`${base}_mean`, weights[next++]!);
  const variance = g.weight(`${base}_var`, weights[next++]!);
  // ONNX normalises over axis 1: an NCHW map or a [batch, features] matrix.
  if (x.layout !== 'nchw' && rank !== 2) unsupported(layer, `rank ${rank} input`);
  return {
    name: g.node(
      'BatchNormalization',
      [x.name, scale, center, mean, variance],
      g.fresh(base),
      [float('epsilon', Number(config.epsilon ?? 1e-3))],
      base,
    ),
    shape: c.outShape,
    layout: x.layout,
  };
};

const dense: ClassExporter = (c) => {
  const { g, layer, config, weights, x, base } = c;
  if (x.shape.length !== 2) {
    if (x.shape.length !== 4) unsupported(layer, `rank ${x.shape.length} input`);
    unsupported(layer, 'Dense applied to a feature map (flatten first)');
  }
  const w = g.weight(`${base}_W`, weights[0]!);
  const b = config.useBias !== false ? [g.weight(`${base}_B`, weights[1]!)] : [];
  const pre = g.node('Gemm', [x.name, w, ...b], g.fresh(base), [], base);
  const out: Value = { name: pre, shape: c.outShape, layout: 'plain' };
  return { ...out, name: withActivation(c, pre, out) };
};

const activationLayer: ClassExporter = ({ g, layer, config, x, base, outShape }) => ({
  name: activation(g, layer, activationName(config), x.name, g.fresh(base), channelAxis(x, -1)),
  shape: outShape,
  layout: x.layout,
});

const relu: ClassExporter = ({ g, layer, config, x, base, outShape }) => {
  const max = config.maxValue;
  if (max !== undefined && max !== null) {
    return {
      name: activation(
        g,
        layer,
        Number(max) === 6 ? 'relu6' : `relu max ${String(max)}`,
        x.name,
        g.fresh(base),
      ),
      shape: outShape,
      layout: x.layout,
    };
  }
  return { name: g.node('Relu', [x.name], g.fresh(base), [], base), shape: outShape, layout: x.layout };
};

const leakyRelu: ClassExporter = ({ g, config, x, base, outShape }) => ({
  name: g.node('LeakyRelu', [x.name], g.fresh(base), [float('alpha', Number(config.alpha ?? 0.3))], base),
  shape: outShape,
  layout: x.layout,
});

const softmax: ClassExporter = ({ g, config, x, base, outShape }) => ({
  name: g.node(
    'Softmax',
    [x.name],
    g.fresh(base),
    [int('axis', channelAxis(x, Number(config.axis ?? -1)))],
    base,
  ),
  shape: outShape,
  layout: x.layout,
});

const localResponseNormalization: ClassExporter = (c) => {
  const { g, layer, x, base } = c;
  requireNchw(c);
  const lrn = layer as unknown as { depthRadius: number; bias: number; alpha: number; beta: number };
  const size = 2 * lrn.depthRadius + 1;
  // tf.localResponseNormalization scales the window sum by α; ONNX LRN by α / size.
  return {
    name: g.node(
      'LRN',
      [x.name],
      g.fresh(base),
      [int('size', size), float('alpha', lrn.alpha * size), float('beta', lrn.beta), float('bias', lrn.bias)],
      base,
    ),
    shape: c.outShape,
    layout: 'nchw',
  };
};

/** Add, Multiply and Concatenate. */
const merge: ClassExporter = ({ g, kind, config, inputs, base, outShape }) => {
  // Inputs of one merge must share a layout; a plain rank-4 value is brought to NCHW.
  const layout: Layout = inputs.some((v) => v.layout === 'nchw') ? 'nchw' : 'plain';
  const names = inputs.map((v) =>
    layout === 'nchw' && v.layout !== 'nchw' ? fromNhwc(g, v.name, v.shape).name : v.name,
  );
  const reference: Value = { name: '', shape: outShape, layout };
  if (kind === 'Concatenate') {
    const axis = channelAxis(reference, Number(config.axis ?? -1));
    return {
      name: g.node('Concat', names, g.fresh(base), [int('axis', axis)], base),
      shape: outShape,
      layout,
    };
  }
  const op = kind === 'Add' ? 'Add' : 'Mul';
  let acc = names[0]!;
  for (const [i, next] of names.slice(1).entries())
    acc = g.node(
      op,
      [acc, next],
      i === names.length - 2 ? g.fresh(base) : g.fresh(`${base}_partial`),
      [],
      i === names.length - 2 ? base : `${base}_${i}`,
    );
  return { name: acc, shape: outShape, layout };
};

// tfjs flattens in NHWC order: go back to it first.
const flatten: ClassExporter = ({ g, x, base, outShape }) => ({
  name: g.node('Flatten', [asNhwc(g, x)], g.fresh(base), [int('axis', 1)], base),
  shape: outShape,
  layout: 'plain',
});

const reshape: ClassExporter = ({ g, config, x, base, outShape }) => {
  const target = (config.targetShape as number[]).map(Number);
  const shape = g.int64s(`${base}_shape`, [0, ...target]);
  const reshaped = g.node('Reshape', [asNhwc(g, x), shape], g.fresh(`${base}_nhwc`), [], base);
  return fromNhwc(g, reshaped, outShape);
};

const dropout: ClassExporter = ({ g, x, base, outShape }) => ({
  name: g.node('Identity', [x.name], g.fresh(base), [], base),
  shape: outShape,
  layout: x.layout,
});

const zeroPadding: ClassExporter = (c) => {
  const { g, config, x, base } = c;
  requireNchw(c);
  const [[top, bottom], [left, right]] = config.padding as [[number, number], [number, number]];
  const pads = g.int64s(`${base}_pads`, [0, 0, top, left, 0, 0, bottom, right]);
  return {
    name: g.node('Pad', [x.name, pads], g.fresh(base), [str('mode', 'constant')], base),
    shape: c.outShape,
    layout: 'nchw',
  };
};

/**
 * Keras' Cropping2D as ONNX Slice (opset 13: starts, ends and axes as int64 inputs) on the NCHW
 * height and width axes: rows `top … h − bottom`, columns `left … w − right`.
 */
const cropping: ClassExporter = (c) => {
  const { g, layer, config, x, base } = c;
  requireNchw(c);
  const [[top, bottom], [left, right]] = (config.cropping as [[number, number], [number, number]]).map(
    (axis) => axis.map(Number),
  ) as [[number, number], [number, number]];
  const [height, width] = [x.shape[1], x.shape[2]];
  if (typeof height !== 'number' || typeof width !== 'number')
    unsupported(layer, 'cropping needs a fixed input height and width');
  const starts = g.int64s(`${base}_starts`, [top, left]);
  const ends = g.int64s(`${base}_ends`, [height - bottom, width - right]);
  const axes = g.int64s(`${base}_axes`, [2, 3]);
  return {
    name: g.node('Slice', [x.name, starts, ends, axes], g.fresh(base), [], base),
    shape: c.outShape,
    layout: 'nchw',
  };
};

const upSampling: ClassExporter = (c) => {
  const { g, config, x, base } = c;
  requireNchw(c);
  const [sh, sw] = pair(config.size ?? 2);
  const interpolation = String(config.interpolation ?? 'nearest');
  const scales = g.floats(`${base}_scales`, [4], new Float32Array([1, 1, sh, sw]), false);
  // tfjs resizes with alignCorners = false, halfPixelCenters = false: ONNX "asymmetric".
  return {
    name: g.node(
      'Resize',
      [x.name, '', scales],
      g.fresh(base),
      [
        str('mode', interpolation === 'bilinear' ? 'linear' : 'nearest'),
        str('coordinate_transformation_mode', 'asymmetric'),
        str('nearest_mode', 'floor'),
      ],
      base,
    ),
    shape: c.outShape,
    layout: 'nchw',
  };
};

/**
 * A model input is the ONNX graph's input, which `toOnnx` writes itself; it exports models with one
 * input (it refuses others before any layer), so a further input layer never reaches this face.
 */
const modelInput: ClassExporter = ({ layer }) =>
  unsupported(layer, 'a further model input: toOnnx exports models with one input');

/**
 * One ONNX face per shape-math layer kind, keyed by `LayerKind` (fvcore's handler table is the
 * model): the tfjs classes layers-gpu's builder makes for the kind (explicit padding's
 * `ZeroPadding2D` helper, the `Reshape` of a pooling with `keepDims`, `LeakyReLU` for that
 * activation), each with its ONNX nodes. A kind missing here is a compile error.
 */
export const ONNX_FACES: { readonly [K in LayerKind]: OnnxFace } = {
  conv2d: { Conv2D: convolution, CnnkitGroupedConv2D: convolution, ZeroPadding2D: zeroPadding },
  depthwiseConv2d: { DepthwiseConv2D: convolution, ZeroPadding2D: zeroPadding },
  separableConv2d: { SeparableConv2D: convolution, ZeroPadding2D: zeroPadding },
  conv2dTranspose: { Conv2DTranspose: transposedConvolution },
  maxPooling2d: { MaxPooling2D: pooling, ZeroPadding2D: zeroPadding },
  averagePooling2d: { AveragePooling2D: pooling, ZeroPadding2D: zeroPadding },
  globalAveragePooling2d: { GlobalAveragePooling2D: globalPooling, Reshape: reshape },
  globalMaxPooling2d: { GlobalMaxPooling2D: globalPooling, Reshape: reshape },
  dense: { Dense: dense },
  flatten: { Flatten: flatten },
  reshape: { Reshape: reshape },
  zeroPadding2d: { ZeroPadding2D: zeroPadding },
  cropping2d: { Cropping2D: cropping },
  batchNormalization: { BatchNormalization: batchNormalization },
  localResponseNormalization: { CnnkitLocalResponseNormalization: localResponseNormalization },
  activation: { Activation: activationLayer, LeakyReLU: leakyRelu },
  dropout: { Dropout: dropout },
  add: { Add: merge },
  multiply: { Multiply: merge },
  concatenate: { Concatenate: merge },
  upSampling2d: { UpSampling2D: upSampling },
  input: { InputLayer: modelInput },
};

/** tfjs classes no shape-math kind builds that a hand-made tfjs model may hold. */
const OTHER_TFJS_CLASSES: OnnxFace = { ReLU: relu, Softmax: softmax };

/** Every exporter by tfjs class name: the kinds' faces, then the other classes. */
const EXPORTERS: ReadonlyMap<string, ClassExporter> = new Map(
  [...Object.values(ONNX_FACES), OTHER_TFJS_CLASSES].flatMap((face) => Object.entries(face)),
);

/** Layers cnnkit builds, by tfjs class name; anything else fails with `unsupported_layer`. */
export const ONNX_EXPORTABLE_LAYERS: readonly string[] = [...EXPORTERS.keys()];

/**
 * Exports a TensorFlow.js Layers model (any model cnnkit builds) to ONNX, opset 13. The ONNX model
 * takes and returns NHWC tensors with a free batch dimension, like the tfjs model. A layer it
 * cannot express fails with `unsupported_layer`, naming the layer and its kind.
 */
export function toOnnx(model: tfl.LayersModel, options: OnnxExportOptions = {}): OnnxExport {
  assertOptionsObject(options, ONNX_EXPORT_OPTION_KEYS, 'toOnnx options');
  const g = new GraphWriter();
  const values = new Map<number, Value>();
  const symbolicId = (t: tfl.SymbolicTensor) => t.id;
  if (model.inputs.length !== 1)
    throw new LayersGpuError(
      'invalid_options',
      `toOnnx exports models with one input; this one has ${model.inputs.length}`,
      {
        inputs: model.inputs.length,
      },
    );
  const modelInput = model.inputs[0]!;
  const inputName = 'input';
  const inputShape = modelInput.shape;
  if (inputShape.length === 4) {
    values.set(symbolicId(modelInput), {
      name: g.node('Transpose', [inputName], g.fresh('input_nchw'), [ints('perm', TO_NCHW)]),
      shape: inputShape,
      layout: 'nchw',
    });
  } else {
    values.set(symbolicId(modelInput), { name: inputName, shape: inputShape, layout: 'plain' });
  }

  for (const layer of model.layers) {
    const kind = layer.getClassName();
    const node = layer.inboundNodes[0];
    if (node === undefined) unsupported(layer, 'it is not connected to the model');
    if (kind === 'InputLayer') continue;
    const exporter = EXPORTERS.get(kind);
    if (exporter === undefined)
      unsupported(
        layer,
        `no ONNX mapping for ${kind}; exportable kinds: ${ONNX_EXPORTABLE_LAYERS.join(', ')}`,
      );
    const inputs = node.inputTensors.map((t) => {
      const v = values.get(symbolicId(t));
      if (v === undefined) unsupported(layer, `its input ${t.name} comes from outside the exported graph`);
      return v;
    });
    const outputSymbol = node.outputTensors[0]!;
    const out = exporter({
      g,
      layer,
      kind,
      config: layer.getConfig(),
      weights: layer.getWeights(),
      inputs,
      x: inputs[0]!,
      outShape: outputSymbol.shape,
      base: layer.name.replace(/[^A-Za-z0-9_]/g, '_'),
    });
    if (node.outputTensors.length !== 1) unsupported(layer, 'it has several outputs');
    values.set(symbolicId(outputSymbol), out);
  }

  const outputNames = model.outputs.map((_, i) => (model.outputs.length === 1 ? 'output' : `output_${i}`));
  const outputInfos = model.outputs.map((symbol, i) => {
    const v = values.get(symbolicId(symbol));
    if (v === undefined)
      throw new LayersGpuError('invalid_options', `model output ${symbol.name} was not produced`, {
        output: symbol.name,
      });
    g.node('Identity', [asNhwc(g, v)], outputNames[i]!, [], `${outputNames[i]!}_identity`);
    return valueInfo(outputNames[i]!, symbol.shape);
  });

  const message = {
    ir_version: IR_VERSION,
    producer_name: 'cnnkit',
    producer_version: '0.1.0',
    opset_import: [{ domain: '', version: ONNX_OPSET }],
    graph: {
      name: options.name ?? model.name,
      node: g.nodes,
      initializer: g.initializers,
      input: [valueInfo(inputName, inputShape)],
      output: outputInfos,
    },
  };
  const type = modelProtoType();
  const bytes = type.encode(type.fromObject(message)).finish();
  return { bytes, inputName, outputNames, parameterCount: g.parameterCount, operators: { ...g.operators } };
}

function valueInfo(name: string, shape: readonly (number | null)[]) {
  return {
    name,
    type: {
      tensor_type: {
        elem_type: TENSOR_DATA_TYPE.FLOAT,
        shape: { dim: shape.map((d) => (d === null ? { dim_param: 'batch' } : { dim_value: d })) },
      },
    },
  };
}
