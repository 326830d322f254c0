import type { ParameterCount } from '../analyze';
import { assertOptionsObject, ShapeMathError, type ShapeMathIssue } from '../errors';
import { peakLiveActivations } from '../memory';
import { quoteForMessage } from '../quote';
import {
  BYTES_BY_DATA_TYPE,
  decodeOnnxModel,
  FLOAT_DATA_TYPES,
  type OnnxAttribute,
  type OnnxModel,
  type OnnxNode,
  type OnnxTensor,
  tensorElements,
  tensorValues,
} from './onnx-decode';
import { WireError } from './wire';

/** Options of `readOnnx`. */
export interface ReadOnnxOptions {
  /** Sizes of the graph's symbolic dimensions, by name, e.g. `{ batch: 1 }` (the names are the file's `dim_param`). */
  readonly dynamicDimensions?: Readonly<Record<string, number>>;
  /**
   * Whole input shapes, in the file's own layout with the batch axis (e.g. `[1, 3, 224, 224]`), by
   * input name or as a list in the graph's input order.
   */
  readonly inputShapes?: Readonly<Record<string, readonly number[]>> | readonly (readonly number[])[];
}

const READ_ONNX_OPTION_KEYS = [
  'dynamicDimensions',
  'inputShapes',
] as const satisfies readonly (keyof ReadOnnxOptions)[];

/** One node of the graph, as `readOnnx` reports it. */
export interface OnnxNodeReport {
  readonly index: number;
  readonly name: string;
  readonly opType: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  /** Shape of each output, batch axis included, in the graph's own layout. */
  readonly outputShapes: readonly (readonly number[])[];
  /** Parameters this node reads from initializers (an initializer read by two nodes counts at each). */
  readonly params: ParameterCount;
  /** Weight multiply-accumulates (Conv, ConvTranspose, Gemm, MatMul), for the whole given batch. */
  readonly macs: number;
  /** True when every output is computed from constants only (shape arithmetic, Constant nodes). */
  readonly constant: boolean;
  /** Elements of the outputs; 0 for values computed from constants only (shape arithmetic). */
  readonly activationElements: number;
  readonly activationBytes: number;
}

/** What `readOnnx` returns: the graph's shapes and counts, node by node, and totals. */
export interface OnnxGraphReport {
  readonly format: 'onnx';
  readonly name: string;
  readonly producer: string;
  readonly irVersion: number;
  readonly opset: number;
  readonly inputs: readonly { readonly name: string; readonly shape: readonly number[] }[];
  readonly outputs: readonly { readonly name: string; readonly shape: readonly number[] }[];
  readonly nodes: readonly OnnxNodeReport[];
  readonly totals: {
    readonly params: ParameterCount;
    readonly parameterBytes: number;
    /** Every initializer's elements, each counted once (the file's own size, whatever reads them). */
    readonly initializerElements: number;
    readonly macs: number;
    readonly flops: number;
    readonly inputBytes: number;
    readonly activationElements: number;
    readonly activationBytes: number;
  };
  readonly memory: {
    /** Peak bytes of live activations over the node order (shape-math's liveness rule). */
    readonly peakActivationBytes: number;
    readonly peakAtNode: string;
    /** Peak activations plus the initializers' bytes: inference of the given batch (method (a)). */
    readonly inferenceBytes: number;
  };
  readonly conventions: typeof ONNX_CONVENTIONS;
}

/** How `readOnnx` counts, in words (the report carries them). */
export const ONNX_CONVENTIONS = {
  params:
    'A parameter is a floating-point initializer (or Constant) read as a weight: Conv/ConvTranspose W and B, Gemm/MatMul constant operands, ' +
    "BatchNormalization scale and B (trainable) and mean and var (non-trainable), Instance/LayerNormalization scale and B, PRelu slope, Add/Mul/Sub/Div constant operands of more than one element. It counts at every node that reads it, through Identity nodes (PyTorch's aliases of shared weights), as the model defines it. Scalars and integer tensors (shapes, pads, scales, Clip bounds) are not parameters. " +
    "ONNX's BatchNormalization always takes scale and B, so a Keras batch norm with scale=False or center=False shows its constant ones or zeros as parameters here.",
  macs:
    'MACs count weight multiply-accumulates for the given batch: Conv N·M·Ho·Wo·(C/group)·kh·kw, ConvTranspose N·C·H·W·(M/group)·kh·kw, Gemm M·K·N, MatMul batch·M·K·N. ' +
    "Normalisation, activations, pooling, resizing and element-wise ops count 0 (shape-math's convention; onnx-tool also counts those).",
  memory:
    'Activation bytes are each node output (its element type); outputs computed from constants only (shape arithmetic) count 0. ' +
    'Inference = the peak of live activations over the node order + the initializers.',
} as const;

/** Values held as numbers (shape arithmetic) when at most this many elements. */
const CONSTANT_LIMIT = 1 << 16;

interface Value {
  readonly shape: readonly number[];
  readonly elemType: number;
  /** The initializer (or Constant tensor) this value is, through Identity nodes. */
  readonly tensor?: OnnxTensor;
  /** The value's elements, when computed from constants (shape arithmetic). */
  readonly constant?: readonly number[];
}

function invalidFile(
  message: string,
  extra: { dimensions?: readonly string[] } = {},
  cause?: unknown,
): never {
  throw new ShapeMathError(
    [{ code: 'invalid_model_file', path: [], message, details: { format: 'onnx', ...extra } }],
    cause === undefined ? undefined : { cause },
  );
}

const product = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** numpy broadcasting of several shapes. */
function broadcast(shapes: readonly (readonly number[])[], fail: (why: string) => never): number[] {
  const rank = Math.max(...shapes.map((s) => s.length));
  const out: number[] = [];
  for (let axis = 0; axis < rank; axis++) {
    let size = 1;
    for (const shape of shapes) {
      const d = shape[shape.length - rank + axis] ?? 1;
      if (d === 1) continue;
      if (size !== 1 && size !== d)
        fail(`shapes [${shapes.map((s) => s.join(', ')).join('], [')}] do not broadcast`);
      size = d;
    }
    out.push(size);
  }
  return out;
}

/**
 * Reads an ONNX model (the bytes of a `.onnx` file) without ONNX Runtime or protobuf library: its
 * graph, initializers and input shapes (symbolic dimensions sized by `dynamicDimensions`, or whole
 * shapes by `inputShapes`), and reports each node's output shapes, parameters (from initializers),
 * MACs and activation memory, with totals and the inference peak, as onnx-tool does
 * (see `ONNX_CONVENTIONS` for what counts). Weights are not copied: initializer sizes come from
 * their dims. Ops outside `ONNX_READABLE_OPS` make one `ShapeMathError` with an `unsupported_op`
 * issue per op type, all at once; a file that is not ONNX is `invalid_model_file`.
 */
export function readOnnx(bytes: Uint8Array, options: ReadOnnxOptions = {}): OnnxGraphReport {
  assertOptionsObject(options, READ_ONNX_OPTION_KEYS);
  if (!(bytes instanceof Uint8Array))
    invalidFile("readOnnx needs the file's bytes as a Uint8Array (a Buffer is one)");
  let model: OnnxModel | undefined;
  try {
    model = decodeOnnxModel(bytes);
  } catch (error) {
    if (error instanceof WireError) invalidFile(`not an ONNX model: ${error.message}`, {}, error);
    throw error;
  }
  if (model === undefined || model.graph.nodes.length === 0)
    invalidFile('not an ONNX model: no graph with nodes');
  const { graph } = model;
  const opset = model.opset || 13;

  const unsupported = new Map<string, string[]>();
  for (const node of graph.nodes) {
    const domainOk = node.domain === '' || node.domain === 'ai.onnx';
    const key = domainOk ? node.opType : `${node.domain}.${node.opType}`;
    if (!domainOk || !readableOp(node.opType))
      unsupported.set(key, [...(unsupported.get(key) ?? []), node.name]);
  }
  if (unsupported.size > 0) {
    throw new ShapeMathError(
      [...unsupported].map(([opType, names]): ShapeMathIssue => {
        const shown = names
          .slice(0, 3)
          .map((n) => quoteForMessage(n))
          .join(', ');
        const reason = `${names.length} node${names.length === 1 ? '' : 's'} (${shown}${names.length > 3 ? ', …' : ''})`;
        return {
          code: 'unsupported_op',
          path: ['nodes', names[0]!],
          message: `op ${quoteForMessage(opType)} is not supported: ${reason}; readable ops: ${ONNX_READABLE_OPS.join(', ')}`,
          details: { nodeName: names[0]!, opType, reason },
        };
      }),
    );
  }

  const values = new Map<string, Value>();
  let initializerElements = 0;
  let parameterBytesAll = 0;
  for (const tensor of graph.initializers) {
    values.set(tensor.name, { shape: tensor.dims, elemType: tensor.dataType, tensor });
    initializerElements += tensorElements(tensor);
    parameterBytesAll += tensorElements(tensor) * (BYTES_BY_DATA_TYPE[tensor.dataType] ?? 4);
  }

  // Inputs (those that are not initializers, as old IR versions also list initializers as inputs).
  const missing = new Set<string>();
  const inputs: { name: string; shape: number[] }[] = [];
  for (const info of graph.inputs) {
    if (values.has(info.name)) continue;
    const given = Array.isArray(options.inputShapes)
      ? (options.inputShapes as readonly (readonly number[])[])[inputs.length]
      : (options.inputShapes as Readonly<Record<string, readonly number[]>> | undefined)?.[info.name];
    let shape: number[];
    if (given !== undefined) {
      shape = [...given];
    } else {
      if (info.dims === undefined) {
        missing.add(`${info.name} (no shape)`);
        continue;
      }
      shape = info.dims.map((d, axis) => {
        if (typeof d === 'number' && d > 0) return d;
        const dimName = typeof d === 'string' && d !== '' ? d : `${info.name}[${axis}]`;
        const size = options.dynamicDimensions?.[dimName];
        if (size === undefined) {
          missing.add(dimName);
          return 0;
        }
        return size;
      });
    }
    values.set(info.name, { shape, elemType: info.elemType || 1 });
    inputs.push({ name: info.name, shape });
  }
  if (missing.size > 0) {
    const names = [...missing];
    invalidFile(
      `the graph's input sizes ${names.map((n) => quoteForMessage(n)).join(', ')} are not fixed: give them with ` +
        `{ dynamicDimensions: { ${names.map((n) => `${JSON.stringify(n)}: 1`).join(', ')} } } or whole shapes with inputShapes`,
      { dimensions: names },
    );
  }
  for (const { name, shape } of inputs)
    if (shape.some((d) => !(Number.isInteger(d) && d > 0)))
      invalidFile(`input ${quoteForMessage(name)}: shape [${shape.join(', ')}] must hold positive integers`);

  const rows: OnnxNodeReport[] = [];
  for (const [index, node] of graph.nodes.entries()) {
    const fail = (why: string): never => {
      throw new ShapeMathError([
        {
          code: 'invalid_model_file',
          path: ['nodes', index],
          message: `node ${index} ${quoteForMessage(node.name)} (${node.opType}): ${why}`,
          details: { format: 'onnx' },
        },
      ]);
    };
    const input = (i: number): Value | undefined => {
      const name = node.inputs[i];
      if (name === undefined || name === '') return undefined;
      const value = values.get(name);
      if (value === undefined) fail(`its input ${quoteForMessage(name)} is produced by no earlier node`);
      return value;
    };
    const result = inferNode(node, input, opset, fail);
    const params = countNodeParams(node, input);
    node.outputs.forEach((name, i) => {
      const value = result.outputs[i];
      if (name !== '' && value !== undefined) values.set(name, value);
    });
    const live = result.outputs.filter((v) => v.constant === undefined && v.tensor === undefined);
    const activationElements = live.reduce((sum, v) => sum + product(v.shape), 0);
    const activationBytes = live.reduce(
      (sum, v) => sum + product(v.shape) * (BYTES_BY_DATA_TYPE[v.elemType] ?? 4),
      0,
    );
    rows.push({
      index,
      name: node.name || node.outputs[0] || `${node.opType}_${index}`,
      opType: node.opType,
      inputs: node.inputs,
      outputs: node.outputs,
      outputShapes: result.outputs.map((v) => v.shape),
      params,
      macs: result.macs,
      constant: live.length === 0,
      activationElements,
      activationBytes,
    });
  }

  const outputs = graph.outputs.map((info) => {
    const value = values.get(info.name);
    if (value === undefined) invalidFile(`graph output ${quoteForMessage(info.name)} is produced by no node`);
    return { name: info.name, shape: value.shape };
  });

  // Liveness over the node order: step 0 holds the inputs, step i + 1 node i's outputs.
  const stepOf = new Map<string, number>(inputs.map((i) => [i.name, 0]));
  const lastUsedAt = Array.from({ length: rows.length + 1 }, () => -1);
  for (const row of rows) {
    for (const name of row.inputs) {
      const step = stepOf.get(name);
      if (step !== undefined) lastUsedAt[step] = Math.max(lastUsedAt[step]!, row.index + 1);
    }
    for (const name of row.outputs) stepOf.set(name, row.index + 1);
  }
  const outputSteps = new Set(outputs.map((o) => stepOf.get(o.name)));
  const inputBytes = inputs.reduce(
    (sum, i) => sum + product(i.shape) * (BYTES_BY_DATA_TYPE[values.get(i.name)!.elemType] ?? 4),
    0,
  );
  const peak = peakLiveActivations([
    { name: 'inputs', bytes: inputBytes, lastUsedAt: lastUsedAt[0]!, isOutput: false },
    ...rows.map((row) => ({
      name: row.name,
      bytes: row.activationBytes,
      lastUsedAt: lastUsedAt[row.index + 1]!,
      isOutput: outputSteps.has(row.index + 1),
    })),
  ]);

  const sum = (pick: (row: OnnxNodeReport) => number) => rows.reduce((total, row) => total + pick(row), 0);
  const trainable = sum((r) => r.params.trainable);
  const nonTrainable = sum((r) => r.params.nonTrainable);
  const macs = sum((r) => r.macs);
  const activationElements = sum((r) => r.activationElements);
  return {
    format: 'onnx',
    name: graph.name || 'model',
    producer: `${model.producerName} ${model.producerVersion}`.trim(),
    irVersion: model.irVersion,
    opset,
    inputs,
    outputs,
    nodes: rows,
    totals: {
      params: { trainable, nonTrainable, total: trainable + nonTrainable },
      parameterBytes: parameterBytesAll,
      initializerElements,
      macs,
      flops: 2 * macs,
      inputBytes,
      activationElements,
      activationBytes: sum((r) => r.activationBytes),
    },
    memory: {
      peakActivationBytes: peak.bytes,
      peakAtNode: rows[peak.step - 1]?.name ?? 'inputs',
      inferenceBytes: peak.bytes + parameterBytesAll,
    },
    conventions: ONNX_CONVENTIONS,
  };
}

/** Weight inputs per op: [input index, trainable]. */
const WEIGHT_INPUTS: Readonly<Partial<Record<OnnxReadableOp, readonly (readonly [number, boolean])[]>>> = {
  Conv: [
    [1, true],
    [2, true],
  ],
  ConvTranspose: [
    [1, true],
    [2, true],
  ],
  Gemm: [
    [0, true],
    [1, true],
    [2, true],
  ],
  MatMul: [
    [0, true],
    [1, true],
  ],
  BatchNormalization: [
    [1, true],
    [2, true],
    [3, false],
    [4, false],
  ],
  InstanceNormalization: [
    [1, true],
    [2, true],
  ],
  LayerNormalization: [
    [1, true],
    [2, true],
  ],
  PRelu: [[1, true]],
  Add: [
    [0, true],
    [1, true],
  ],
  Sub: [
    [0, true],
    [1, true],
  ],
  Mul: [
    [0, true],
    [1, true],
  ],
  Div: [
    [0, true],
    [1, true],
  ],
};

function countNodeParams(node: OnnxNode, input: (i: number) => Value | undefined): ParameterCount {
  let trainable = 0;
  let nonTrainable = 0;
  for (const [i, isTrainable] of (readableOp(node.opType) ? WEIGHT_INPUTS[node.opType] : undefined) ?? []) {
    const value = input(i);
    const tensor = value?.tensor;
    if (tensor === undefined || !FLOAT_DATA_TYPES.has(tensor.dataType)) continue;
    const elements = tensorElements(tensor);
    // Element-wise ops: a scalar constant is an operator's constant, not a learnt tensor.
    if (isElementwise(node.opType) && elements <= 1) continue;
    if (isTrainable) trainable += elements;
    else nonTrainable += elements;
  }
  return { trainable, nonTrainable, total: trainable + nonTrainable };
}

function attribute(node: OnnxNode, name: string): OnnxAttribute | undefined {
  return node.attributes.get(name);
}
const intAttr = (node: OnnxNode, name: string, fallback: number) => attribute(node, name)?.i ?? fallback;
const intsAttr = (node: OnnxNode, name: string): readonly number[] | undefined => {
  const a = attribute(node, name);
  return a === undefined ? undefined : a.ints;
};
const stringAttr = (node: OnnxNode, name: string, fallback: string) => attribute(node, name)?.s ?? fallback;

/** The numbers a value holds, when known (a constant, or an initializer small enough to read). */
function constantOf(value: Value | undefined): readonly number[] | undefined {
  if (value === undefined) return undefined;
  if (value.constant !== undefined) return value.constant;
  if (value.tensor !== undefined && tensorElements(value.tensor) <= CONSTANT_LIMIT)
    return tensorValues(value.tensor);
  return undefined;
}

const normaliseAxis = (axis: number, rank: number) => (axis < 0 ? axis + rank : axis);

/** Spatial output sizes of a window op (Conv, pooling): ONNX's pads, auto_pad, dilations, ceil_mode. */
function windowOutput(
  node: OnnxNode,
  spatial: readonly number[],
  kernel: readonly number[],
  fail: (why: string) => never,
  ceilMode = false,
): number[] {
  const n = spatial.length;
  const strides = intsAttr(node, 'strides') ?? Array(n).fill(1);
  const dilations = intsAttr(node, 'dilations') ?? Array(n).fill(1);
  const autoPad = stringAttr(node, 'auto_pad', 'NOTSET');
  const pads = intsAttr(node, 'pads') ?? Array(2 * n).fill(0);
  return spatial.map((size, axis) => {
    const stride = strides[axis] ?? 1;
    const span = (dilations[axis] ?? 1) * ((kernel[axis] ?? 1) - 1) + 1;
    if (autoPad === 'SAME_UPPER' || autoPad === 'SAME_LOWER') return Math.ceil(size / stride);
    const begin = autoPad === 'VALID' ? 0 : (pads[axis] ?? 0);
    const end = autoPad === 'VALID' ? 0 : (pads[axis + n] ?? 0);
    const padded = size + begin + end;
    if (padded < span)
      fail(`window of span ${span} does not fit axis ${axis + 2} of size ${padded} (with padding)`);
    let out = (ceilMode ? Math.ceil : Math.floor)((padded - span) / stride) + 1;
    // PyTorch's ceil_mode rule: the last window must start inside the input or its left padding.
    if (ceilMode && (out - 1) * stride >= size + begin) out -= 1;
    return out;
  });
}

/** What a shape rule of one op reads: the node, its inputs, the opset, and helpers. */
interface NodeContext {
  readonly node: OnnxNode;
  readonly input: (i: number) => Value | undefined;
  readonly opset: number;
  readonly fail: (why: string) => never;
  /** The first input, if any. */
  readonly x: Value | undefined;
  /** Input `i`, or a failure naming it. */
  readonly need: (i: number) => Value;
  /** A value of this shape (and type, and constant elements when known). */
  readonly same: (shape: readonly number[], elemType?: number, constant?: readonly number[]) => Value;
  readonly op: string;
}

/** The output values of one node and its weight multiply-accumulates. */
type OpRule = (context: NodeContext) => { outputs: Value[]; macs: number };

/** Identity. */
const identityRule: OpRule = ({ need }) => {
  const v = need(0);
  return { outputs: [v], macs: 0 };
};

/** Constant. */
const constantRule: OpRule = ({ node, fail, same }) => {
  const t = attribute(node, 'value')?.t;
  if (t !== undefined) {
    const tensor = { ...t, name: node.outputs[0] ?? t.name };
    const small = tensorElements(t) <= CONSTANT_LIMIT ? tensorValues(t) : undefined;
    return {
      outputs: [
        small === undefined
          ? { shape: t.dims, elemType: t.dataType, tensor }
          : { shape: t.dims, elemType: t.dataType, tensor, constant: small },
      ],
      macs: 0,
    };
  }
  const f = attribute(node, 'value_float')?.f;
  const fs = attribute(node, 'value_floats')?.floats;
  const i = attribute(node, 'value_int')?.i;
  const is = attribute(node, 'value_ints')?.ints;
  if (f !== undefined) return { outputs: [same([], 1, [f])], macs: 0 };
  if (i !== undefined) return { outputs: [same([], 7, [i])], macs: 0 };
  if (attribute(node, 'value_floats') !== undefined) return { outputs: [same([fs!.length], 1, fs)], macs: 0 };
  if (attribute(node, 'value_ints') !== undefined) return { outputs: [same([is!.length], 7, is)], macs: 0 };
  return fail('a Constant with no value it can read (value, value_float(s), value_int(s))');
};

/** Cast. */
const castRule: OpRule = ({ node, need, same }) => {
  const v = need(0);
  const to = intAttr(node, 'to', 1);
  const c = constantOf(v);
  return { outputs: [same(v.shape, to, c)], macs: 0 };
};

/** Shape. */
const shapeRule: OpRule = ({ node, need, same }) => {
  const v = need(0);
  const rank = v.shape.length;
  const start = normaliseAxis(intAttr(node, 'start', 0), rank);
  const end = normaliseAxis(intAttr(node, 'end', rank), rank);
  const dims = v.shape.slice(Math.max(0, start), Math.min(rank, end));
  return { outputs: [same([dims.length], 7, dims)], macs: 0 };
};

/** Conv. */
const convRule: OpRule = ({ node, fail, need, same }) => {
  const v = need(0);
  const w = need(1);
  if (v.shape.length < 3) return fail(`input of rank ${v.shape.length}: Conv needs [N, C, spatial...]`);
  const group = intAttr(node, 'group', 1);
  const [n, c] = v.shape as [number, number];
  const [m, cPerGroup] = w.shape as [number, number];
  const kernel = intsAttr(node, 'kernel_shape') ?? w.shape.slice(2);
  if (c !== cPerGroup * group)
    return fail(`input has ${c} channels but the weight expects ${cPerGroup} per group × ${group} groups`);
  const spatial = windowOutput(node, v.shape.slice(2), kernel, fail);
  return {
    outputs: [same([n, m, ...spatial])],
    macs: n * m * product(spatial) * cPerGroup * product(kernel),
  };
};

/** ConvTranspose. */
const convTransposeRule: OpRule = ({ node, need, same }) => {
  const v = need(0);
  const w = need(1);
  const group = intAttr(node, 'group', 1);
  const [n, c] = v.shape as [number, number];
  const mPerGroup = w.shape[1]!;
  const kernel = intsAttr(node, 'kernel_shape') ?? w.shape.slice(2);
  const spatialIn = v.shape.slice(2);
  const r = spatialIn.length;
  const strides = intsAttr(node, 'strides') ?? Array(r).fill(1);
  const dilations = intsAttr(node, 'dilations') ?? Array(r).fill(1);
  const outputPadding = intsAttr(node, 'output_padding') ?? Array(r).fill(0);
  const outputShape = intsAttr(node, 'output_shape');
  const autoPad = stringAttr(node, 'auto_pad', 'NOTSET');
  const pads = intsAttr(node, 'pads') ?? Array(2 * r).fill(0);
  const spatial = spatialIn.map((size, a) => {
    if (outputShape !== undefined && outputShape.length > 0) return outputShape[outputShape.length - r + a]!;
    const stride = strides[a] ?? 1;
    if (autoPad === 'SAME_UPPER' || autoPad === 'SAME_LOWER') return size * stride;
    const full =
      stride * (size - 1) + (outputPadding[a] ?? 0) + ((kernel[a] ?? 1) - 1) * (dilations[a] ?? 1) + 1;
    return full - (autoPad === 'VALID' ? 0 : (pads[a] ?? 0) + (pads[a + r] ?? 0));
  });
  return {
    outputs: [same([n, mPerGroup * group, ...spatial])],
    macs: n * c * product(spatialIn) * mPerGroup * product(kernel),
  };
};

/** Gemm. */
const gemmRule: OpRule = ({ node, fail, need, same }) => {
  const a = need(0);
  const b = need(1);
  const [am, ak] = intAttr(node, 'transA', 0) ? [a.shape[1]!, a.shape[0]!] : [a.shape[0]!, a.shape[1]!];
  const [bk, bn] = intAttr(node, 'transB', 0) ? [b.shape[1]!, b.shape[0]!] : [b.shape[0]!, b.shape[1]!];
  if (ak !== bk) return fail(`inner sizes differ: A is ${am}×${ak}, B is ${bk}×${bn}`);
  return { outputs: [same([am, bn])], macs: am * ak * bn };
};

/** MatMul. */
const matMulRule: OpRule = ({ fail, need, same }) => {
  const a = need(0);
  const b = need(1);
  const aShape = a.shape.length === 1 ? [1, a.shape[0]!] : a.shape;
  const bShape = b.shape.length === 1 ? [b.shape[0]!, 1] : b.shape;
  const m = aShape[aShape.length - 2]!;
  const k = aShape[aShape.length - 1]!;
  const n = bShape[bShape.length - 1]!;
  if (bShape[bShape.length - 2] !== k)
    return fail(`inner sizes differ: [${a.shape.join(', ')}] × [${b.shape.join(', ')}]`);
  const batch = broadcast([aShape.slice(0, -2), bShape.slice(0, -2)], fail);
  const shape = [...batch, ...(a.shape.length === 1 ? [] : [m]), ...(b.shape.length === 1 ? [] : [n])];
  return { outputs: [same(shape)], macs: product(batch) * m * k * n };
};

/** MaxPool, AveragePool. */
const windowPoolRule: OpRule = ({ node, fail, need, same }) => {
  const v = need(0);
  const kernel = intsAttr(node, 'kernel_shape');
  if (kernel === undefined) return fail('needs kernel_shape');
  const spatial = windowOutput(node, v.shape.slice(2), kernel, fail, intAttr(node, 'ceil_mode', 0) === 1);
  const out = same([v.shape[0]!, v.shape[1]!, ...spatial]);
  return { outputs: node.outputs.length > 1 ? [out, same(out.shape, 7)] : [out], macs: 0 };
};

/** GlobalAveragePool, GlobalMaxPool. */
const globalPoolRule: OpRule = ({ need, same }) => {
  const v = need(0);
  return { outputs: [same([v.shape[0]!, v.shape[1]!, ...v.shape.slice(2).map(() => 1)])], macs: 0 };
};

/** Add, Sub, Mul, Div, Pow, Max, Min, Sum. */
const elementwiseRule: OpRule = ({ node, fail, need, same, op }) => {
  const operands = node.inputs.map((_, i) => need(i));
  const shape = broadcast(
    operands.map((v) => v.shape),
    fail,
  );
  const constants = operands.map(constantOf);
  let constant: number[] | undefined;
  if (constants.every((c) => c !== undefined) && product(shape) <= CONSTANT_LIMIT && operands.length === 2) {
    const [p, q] = constants as [readonly number[], readonly number[]];
    const integer = operands[0]!.elemType === 7 || operands[0]!.elemType === 6;
    constant = Array.from({ length: product(shape) }, (_, i) => {
      const u = p.length === 1 ? p[0]! : p[i]!;
      const w = q.length === 1 ? q[0]! : q[i]!;
      switch (op) {
        case 'Add':
          return u + w;
        case 'Sub':
          return u - w;
        case 'Mul':
          return u * w;
        case 'Div':
          return integer ? Math.trunc(u / w) : u / w;
        case 'Pow':
          return u ** w;
        case 'Max':
          return Math.max(u, w);
        case 'Min':
          return Math.min(u, w);
        default:
          return u + w;
      }
    });
  }
  return { outputs: [same(shape, operands[0]!.elemType, constant)], macs: 0 };
};

/** Concat. */
const concatRule: OpRule = ({ node, fail, need, same }) => {
  const operands = node.inputs.filter((name) => name !== '').map((_, i) => need(i));
  const rank = operands[0]!.shape.length;
  const axis = normaliseAxis(intAttr(node, 'axis', 0), rank);
  const shape = [...operands[0]!.shape];
  shape[axis] = operands.reduce((sum, v) => sum + (v.shape[axis] ?? 0), 0);
  for (const v of operands)
    if (v.shape.length !== rank || v.shape.some((d, a) => a !== axis && d !== operands[0]!.shape[a]))
      return fail(
        `inputs [${operands.map((o) => o.shape.join(', ')).join('], [')}] differ outside axis ${axis}`,
      );
  const constants = operands.map(constantOf);
  const constant =
    rank === 1 && constants.every((c) => c !== undefined) ? constants.flatMap((c) => [...c!]) : undefined;
  return { outputs: [same(shape, operands[0]!.elemType, constant)], macs: 0 };
};

/** Transpose. */
const transposeRule: OpRule = ({ node, need, same }) => {
  const v = need(0);
  const perm = intsAttr(node, 'perm') ?? v.shape.map((_, i) => v.shape.length - 1 - i);
  return {
    outputs: [
      same(
        perm.map((p) => v.shape[p]!),
        v.elemType,
      ),
    ],
    macs: 0,
  };
};

/** Flatten. */
const flattenRule: OpRule = ({ node, need, same }) => {
  const v = need(0);
  const axis = normaliseAxis(intAttr(node, 'axis', 1), v.shape.length);
  return {
    outputs: [
      same([product(v.shape.slice(0, axis)), product(v.shape.slice(axis))], v.elemType, constantOf(v)),
    ],
    macs: 0,
  };
};

/** Reshape. */
const reshapeRule: OpRule = ({ node, opset, fail, need, same }) => {
  const v = need(0);
  const target = opset >= 5 ? constantOf(need(1)) : intsAttr(node, 'shape');
  if (target === undefined)
    return fail(
      'its shape is computed at run time from values no constant gives (only constant shapes and Shape→Gather→Concat chains are read)',
    );
  const allowZero = intAttr(node, 'allowzero', 0) === 1;
  const shape = target.map((d, i) => (d === 0 && !allowZero ? v.shape[i]! : d));
  const known = product(shape.filter((d) => d !== -1));
  const total = product(v.shape);
  const resolved = shape.map((d) => (d === -1 ? total / known : d));
  if (product(resolved) !== total || resolved.some((d) => !Number.isInteger(d) || d < 0))
    return fail(`cannot reshape [${v.shape.join(', ')}] to [${target.join(', ')}]`);
  return { outputs: [same(resolved, v.elemType, constantOf(v))], macs: 0 };
};

/** Squeeze, Unsqueeze. */
const squeezeRule: OpRule = ({ node, input, opset, fail, need, same, op }) => {
  const v = need(0);
  const axesValue = opset >= 13 ? constantOf(input(1)) : intsAttr(node, 'axes');
  if (op === 'Unsqueeze') {
    if (axesValue === undefined) return fail('needs constant axes');
    const rank = v.shape.length + axesValue.length;
    const axes = new Set(axesValue.map((a) => normaliseAxis(a, rank)));
    const shape: number[] = [];
    let next = 0;
    for (let a = 0; a < rank; a++) shape.push(axes.has(a) ? 1 : v.shape[next++]!);
    return { outputs: [same(shape, v.elemType, constantOf(v))], macs: 0 };
  }
  const axes =
    axesValue === undefined
      ? new Set(v.shape.flatMap((d, a) => (d === 1 ? [a] : [])))
      : new Set(axesValue.map((a) => normaliseAxis(a, v.shape.length)));
  return {
    outputs: [
      same(
        v.shape.filter((_, a) => !axes.has(a)),
        v.elemType,
        constantOf(v),
      ),
    ],
    macs: 0,
  };
};

/** Gather. */
const gatherRule: OpRule = ({ node, need, same }) => {
  const data = need(0);
  const indices = need(1);
  const axis = normaliseAxis(intAttr(node, 'axis', 0), data.shape.length);
  const shape = [...data.shape.slice(0, axis), ...indices.shape, ...data.shape.slice(axis + 1)];
  const d = constantOf(data);
  const idx = constantOf(indices);
  let constant: number[] | undefined;
  if (d !== undefined && idx !== undefined && data.shape.length === 1)
    constant = idx.map((i) => d[normaliseAxis(i, data.shape[0]!)]!);
  return { outputs: [same(shape, data.elemType, constant)], macs: 0 };
};

/** Slice. */
const sliceRule: OpRule = ({ node, input, opset, fail, need, same }) => {
  const v = need(0);
  const starts = opset >= 10 ? constantOf(input(1)) : intsAttr(node, 'starts');
  const ends = opset >= 10 ? constantOf(input(2)) : intsAttr(node, 'ends');
  if (starts === undefined || ends === undefined) return fail('needs constant starts and ends');
  const axes = (opset >= 10 ? constantOf(input(3)) : intsAttr(node, 'axes')) ?? starts.map((_, i) => i);
  const steps = (opset >= 10 ? constantOf(input(4)) : undefined) ?? starts.map(() => 1);
  const shape = [...v.shape];
  const ranges = v.shape.map((d) => [0, d, 1] as [number, number, number]);
  axes.forEach((axisValue, i) => {
    const axis = normaliseAxis(axisValue, v.shape.length);
    const size = v.shape[axis]!;
    const step = steps[i] ?? 1;
    const clamp = (p: number, lo: number, hi: number) => Math.min(Math.max(p < 0 ? p + size : p, lo), hi);
    const start = step > 0 ? clamp(starts[i]!, 0, size) : clamp(starts[i]!, -1, size - 1);
    const end = step > 0 ? clamp(ends[i]!, 0, size) : clamp(ends[i]!, -1, size - 1);
    shape[axis] = Math.max(0, Math.ceil((end - start) / step));
    ranges[axis] = [start, end, step];
  });
  const c = constantOf(v);
  const constant =
    c !== undefined && v.shape.length === 1
      ? Array.from({ length: shape[0]! }, (_, i) => c[ranges[0]![0] + i * ranges[0]![2]]!)
      : undefined;
  return { outputs: [same(shape, v.elemType, constant)], macs: 0 };
};

/** Pad. */
const padRule: OpRule = ({ node, input, opset, fail, need, same }) => {
  const v = need(0);
  const pads = opset >= 11 ? constantOf(input(1)) : (intsAttr(node, 'pads') ?? intsAttr(node, 'paddings'));
  if (pads === undefined) return fail('needs constant pads');
  const rank = v.shape.length;
  const axesValue = opset >= 18 ? constantOf(input(3)) : undefined;
  const axes = axesValue?.map((a) => normaliseAxis(a, rank)) ?? v.shape.map((_, a) => a);
  const shape = [...v.shape];
  axes.forEach((axis, i) => {
    shape[axis] = shape[axis]! + (pads[i] ?? 0) + (pads[i + axes.length] ?? 0);
  });
  return { outputs: [same(shape, v.elemType)], macs: 0 };
};

/** Resize, Upsample. */
const resizeRule: OpRule = ({ node, input, opset, fail, need, same, op }) => {
  const v = need(0);
  let scales: readonly number[] | undefined;
  let sizes: readonly number[] | undefined;
  if (op === 'Upsample') scales = opset >= 9 ? constantOf(input(1)) : attribute(node, 'scales')?.floats;
  else if (opset <= 10) scales = constantOf(input(1));
  else {
    const s = constantOf(input(2));
    scales = s !== undefined && s.length > 0 ? s : undefined;
    sizes = constantOf(input(3));
  }
  if (sizes !== undefined && sizes.length > 0) {
    const axes = intsAttr(node, 'axes');
    const shape = [...v.shape];
    (axes ?? v.shape.map((_, a) => a)).forEach((axis, i) => {
      shape[normaliseAxis(axis, v.shape.length)] = sizes![i]!;
    });
    return { outputs: [same(shape, v.elemType)], macs: 0 };
  }
  if (scales === undefined) return fail('needs constant scales or sizes');
  const axes = intsAttr(node, 'axes') ?? v.shape.map((_, a) => a);
  const shape = [...v.shape];
  axes.forEach((axis, i) => {
    const a = normaliseAxis(axis, v.shape.length);
    shape[a] = Math.floor(v.shape[a]! * scales![i]!);
  });
  return { outputs: [same(shape, v.elemType)], macs: 0 };
};

/** LayerNormalization. */
const layerNormalizationRule: OpRule = ({ node, need, same }) => {
  const v = need(0);
  // Optional Mean and InvStdDev outputs keep the axes before `axis`, size 1 from there on.
  const axis = normaliseAxis(intAttr(node, 'axis', -1), v.shape.length);
  const reduced = v.shape.map((d, a) => (a < axis ? d : 1));
  return {
    outputs: node.outputs.map((_, i) => same(i === 0 ? v.shape : reduced, v.elemType)),
    macs: 0,
  };
};

/** Split. */
const splitRule: OpRule = ({ node, input, opset, fail, need, same }) => {
  const v = need(0);
  const axis = normaliseAxis(intAttr(node, 'axis', 0), v.shape.length);
  const size = v.shape[axis]!;
  const count = node.outputs.length;
  const given = opset >= 13 ? constantOf(input(1)) : intsAttr(node, 'split');
  const parts =
    given !== undefined && given.length > 0
      ? given
      : Array.from({ length: count }, (_, i) => {
          const each = Math.ceil(size / count);
          return Math.max(0, Math.min(each, size - i * each));
        });
  if (parts.reduce((a, b) => a + b, 0) !== size)
    return fail(`split sizes [${parts.join(', ')}] do not add up to ${size}`);
  return {
    outputs: parts.map((part) =>
      same(
        v.shape.map((d, a) => (a === axis ? part : d)),
        v.elemType,
      ),
    ),
    macs: 0,
  };
};

/** Expand. */
const expandRule: OpRule = ({ fail, need, same }) => {
  const v = need(0);
  const shape = constantOf(need(1));
  if (shape === undefined) return fail('needs a constant shape');
  return { outputs: [same(broadcast([v.shape, shape], fail), v.elemType)], macs: 0 };
};

/** Tile. */
const tileRule: OpRule = ({ fail, need, same }) => {
  const v = need(0);
  const repeats = constantOf(need(1));
  if (repeats === undefined) return fail('needs constant repeats');
  return {
    outputs: [
      same(
        v.shape.map((d, a) => d * (repeats[a] ?? 1)),
        v.elemType,
      ),
    ],
    macs: 0,
  };
};

/** ConstantOfShape. */
const constantOfShapeRule: OpRule = ({ node, fail, need, same }) => {
  const shape = constantOf(need(0));
  if (shape === undefined) return fail('needs a constant shape');
  const t = attribute(node, 'value')?.t;
  const fill = t === undefined ? 0 : (tensorValues(t)?.[0] ?? 0);
  const elements = product(shape);
  const elemType = t?.dataType ?? 1;
  return {
    outputs: [same(shape, elemType, elements <= CONSTANT_LIMIT ? Array(elements).fill(fill) : undefined)],
    macs: 0,
  };
};

/** ArgMax. */
const argMaxRule: OpRule = ({ node, need, same }) => {
  const v = need(0);
  const axis = normaliseAxis(intAttr(node, 'axis', 0), v.shape.length);
  const keep = intAttr(node, 'keepdims', 1) === 1;
  const shape = keep ? v.shape.map((d, a) => (a === axis ? 1 : d)) : v.shape.filter((_, a) => a !== axis);
  return { outputs: [same(shape, 7)], macs: 0 };
};

/** ReduceMean, ReduceMax, ReduceSum. */
const reduceRule: OpRule = ({ node, input, opset, need, same, op }) => {
  const v = need(0);
  const fromInput = op === 'ReduceSum' ? opset >= 13 : opset >= 18;
  const axesValue = fromInput ? constantOf(input(1)) : intsAttr(node, 'axes');
  const keep = intAttr(node, 'keepdims', 1) === 1;
  const axes = new Set((axesValue ?? v.shape.map((_, a) => a)).map((a) => normaliseAxis(a, v.shape.length)));
  const shape = keep ? v.shape.map((d, a) => (axes.has(a) ? 1 : d)) : v.shape.filter((_, a) => !axes.has(a));
  return { outputs: [same(shape, v.elemType)], macs: 0 };
};

/** Ops whose output has their input's shape and type (activations, normalisations, Dropout). */
const sameShapeRule: OpRule = ({ node, need, same, op }) => {
  const v = need(0);
  const outputs = [same(v.shape, v.elemType)];
  // Dropout's optional mask output.
  if (op === 'Dropout' && node.outputs.length > 1) outputs.push(same(v.shape, 9));
  return { outputs, macs: 0 };
};

/** Equal, Less, Greater, And, Or. */
const comparisonRule: OpRule = ({ node, fail, need, same }) => {
  const operands = node.inputs.map((_, i) => need(i));
  // Comparisons and logic give booleans (ONNX type 9), broadcast; readOnnx does not compute their values.
  return {
    outputs: [
      same(
        broadcast(
          operands.map((v) => v.shape),
          fail,
        ),
        9,
      ),
    ],
    macs: 0,
  };
};

/** Mean, Where. */
const broadcastRule: OpRule = ({ node, fail, need, same, op }) => {
  const operands = node.inputs.map((_, i) => need(i));
  // Where's type is its second operand's (the first is the condition).
  const elemType = operands[op === 'Where' ? 1 : 0]!.elemType;
  return {
    outputs: [
      same(
        broadcast(
          operands.map((v) => v.shape),
          fail,
        ),
        elemType,
      ),
    ],
    macs: 0,
  };
};

/**
 * Every op `readOnnx` reads (default domain), one entry each: its shape rule. A new op is one entry
 * here; {@link ONNX_READABLE_OPS} is this table's keys.
 */
const ONNX_OP_RULES = {
  Conv: convRule,
  ConvTranspose: convTransposeRule,
  Gemm: gemmRule,
  MatMul: matMulRule,
  BatchNormalization: sameShapeRule,
  InstanceNormalization: sameShapeRule,
  LayerNormalization: layerNormalizationRule,
  LRN: sameShapeRule,
  Relu: sameShapeRule,
  LeakyRelu: sameShapeRule,
  PRelu: sameShapeRule,
  Clip: sameShapeRule,
  Sigmoid: sameShapeRule,
  HardSigmoid: sameShapeRule,
  HardSwish: sameShapeRule,
  Tanh: sameShapeRule,
  Elu: sameShapeRule,
  Selu: sameShapeRule,
  Softplus: sameShapeRule,
  Softsign: sameShapeRule,
  Softmax: sameShapeRule,
  LogSoftmax: sameShapeRule,
  Gelu: sameShapeRule,
  Mish: sameShapeRule,
  Erf: sameShapeRule,
  Exp: sameShapeRule,
  Log: sameShapeRule,
  Sqrt: sameShapeRule,
  Neg: sameShapeRule,
  Abs: sameShapeRule,
  Reciprocal: sameShapeRule,
  Floor: sameShapeRule,
  Ceil: sameShapeRule,
  Cast: castRule,
  MaxPool: windowPoolRule,
  AveragePool: windowPoolRule,
  GlobalAveragePool: globalPoolRule,
  GlobalMaxPool: globalPoolRule,
  Add: elementwiseRule,
  Sub: elementwiseRule,
  Mul: elementwiseRule,
  Div: elementwiseRule,
  Pow: elementwiseRule,
  Max: elementwiseRule,
  Min: elementwiseRule,
  Sum: elementwiseRule,
  Concat: concatRule,
  Transpose: transposeRule,
  Flatten: flattenRule,
  Reshape: reshapeRule,
  Squeeze: squeezeRule,
  Unsqueeze: squeezeRule,
  Pad: padRule,
  Resize: resizeRule,
  Upsample: resizeRule,
  Dropout: sameShapeRule,
  Identity: identityRule,
  Constant: constantRule,
  Shape: shapeRule,
  Gather: gatherRule,
  Slice: sliceRule,
  ReduceMean: reduceRule,
  ReduceMax: reduceRule,
  ReduceSum: reduceRule,
  ArgMax: argMaxRule,
  Split: splitRule,
  Expand: expandRule,
  Tile: tileRule,
  ConstantOfShape: constantOfShapeRule,
  Mean: broadcastRule,
  Equal: comparisonRule,
  Less: comparisonRule,
  Greater: comparisonRule,
  And: comparisonRule,
  Or: comparisonRule,
  Not: sameShapeRule,
  Where: broadcastRule,
} as const satisfies Readonly<Record<string, OpRule>>;

/** The name of an op `readOnnx` reads. */
export type OnnxReadableOp = keyof typeof ONNX_OP_RULES;

/** The ops `readOnnx` analyses (default domain): the keys of its table of shape rules. */
// Pure: a bundle that never reads ONNX drops the op table (scripts/bundle-size.ts).
export const ONNX_READABLE_OPS = /* @__PURE__ */ Object.keys(ONNX_OP_RULES) as readonly OnnxReadableOp[];

const readableOp = (op: string): op is OnnxReadableOp => Object.hasOwn(ONNX_OP_RULES, op);

/** Ops whose constant operands of more than one element are parameters (scalars are not). */
const isElementwise = (op: string): boolean => readableOp(op) && ONNX_OP_RULES[op] === elementwiseRule;

function inferNode(
  node: OnnxNode,
  input: (i: number) => Value | undefined,
  opset: number,
  fail: (why: string) => never,
): { outputs: Value[]; macs: number } {
  const x = input(0);
  const need = (i: number): Value => {
    const v = input(i);
    if (v === undefined) fail(`needs input ${i}`);
    return v;
  };
  const same = (
    shape: readonly number[],
    elemType = x?.elemType ?? 1,
    constant?: readonly number[],
  ): Value => (constant === undefined ? { shape, elemType } : { shape, elemType, constant });
  const op = node.opType;
  const rule = readableOp(op) ? ONNX_OP_RULES[op] : undefined;
  if (rule === undefined) return fail(`no shape rule for ${op}`);
  return rule({ node, input, opset, fail, x, need, same, op });
}
