import { bytesPerElement } from './dtypes';
import { ShapeMathError, type ShapeMathIssue } from './errors';
import {
  computeLayer,
  defaultLayerName,
  type LayerContext,
  type LayerResult,
  type Pair,
  product,
  type SpatialPadding,
  type TensorInfo,
  toPair,
} from './layers';
import { estimateMemory, type MemoryEstimates } from './memory';
import {
  type AnalyzeOptions,
  type AnalyzeOptionsInput,
  analyzeOptionsSchema,
  type Dtype,
  type LayerKind,
  type ModelSpec,
  type ModelSpecInput,
  modelSpecSchema,
  type Optimizer,
} from './schemas';
import { validate } from './validate';

/** Parameters of a layer or model: trainable, non-trainable (batch norm's moving statistics) and their sum. */
export interface ParameterCount {
  readonly trainable: number;
  readonly nonTrainable: number;
  readonly total: number;
}

/** One row per layer, in execution order. */
export interface LayerReport {
  readonly index: number;
  readonly name: string;
  readonly kind: LayerKind;
  readonly inputs: readonly string[];
  readonly outputShape: readonly number[];
  readonly params: ParameterCount;
  /** Weight multiply-accumulates for one instance. */
  readonly macs: number;
  /** 2 × MACs (one multiply and one add each). */
  readonly flops: number;
  readonly activationElements: number;
  readonly activationBytes: number;
  /** Receptive field on the model input, in pixels, as [height, width]. */
  readonly receptiveField: Pair;
  /** Output stride: input pixels between neighbouring outputs, as [height, width]. */
  readonly effectiveStride: Pair;
  /** Explicit padding the layer applies, `[[top, bottom], [left, right]]` (TensorFlow's split for `same`). */
  readonly padding?: SpatialPadding;
  /** The earlier layer whose weights this one uses (a shared layer's second call): its params are 0 here. */
  readonly sharesWeightsOf?: string;
}

/** What `analyze` returns: per-layer rows, totals, memory estimates and the conventions used. */
export interface ModelReport {
  readonly name: string;
  readonly inputShape: readonly number[];
  readonly outputs: readonly { name: string; shape: readonly number[] }[];
  readonly dtype: Dtype;
  readonly bytesPerElement: number;
  readonly layers: readonly LayerReport[];
  readonly totals: {
    readonly params: ParameterCount;
    readonly parameterBytes: number;
    readonly macs: number;
    readonly flops: number;
    readonly inputElements: number;
    readonly inputBytes: number;
    /** Sum of every layer's output, one instance. */
    readonly activationElements: number;
    readonly activationBytes: number;
  };
  readonly memory: MemoryEstimates;
  /** Conventions used, so every figure can be explained. */
  readonly conventions: {
    readonly flops: string;
    readonly shapes: string;
    readonly bytes: string;
  };
}

/** The counting conventions behind every figure (FLOPs, shapes, memory), in words, as reports carry them. */
export const CONVENTIONS = {
  flops:
    'MACs count the multiply-accumulates of weights (conv, dense); FLOPs = 2 × MACs. Bias additions, pooling, ' +
    "normalization, activations and merges are not counted, as in the papers' FLOP figures.",
  shapes:
    'Shapes exclude the batch axis and are channels-last. "same": ceil(in / stride), "valid": floor((in - span) / stride) + 1, ' +
    'span = dilation × (kernel - 1) + 1 (TensorFlow); explicit numbers pad like PyTorch.',
  bytes: 'Bytes are exact integers; MB = 10^6 bytes and MiB = 2^20 bytes.',
} as const;

const DEFAULT_INPUT_NAME = 'input';

/** The convolutions XNNPACK (TensorFlow.js' wasm backend) reads through an indirection buffer. */
const KERNEL_TAP_KINDS = new Set<string>(['conv2d', 'depthwiseConv2d', 'separableConv2d', 'conv2dTranspose']);
/** One pointer of the indirection buffer: wasm32 addresses are 4 bytes, whatever the dtype. */
const WASM_POINTER_BYTES = 4;

/**
 * One layer's XNNPACK indirection buffer on TensorFlow.js' wasm backend, in bytes: one 4-byte wasm32
 * pointer per output pixel and kernel tap (`outputShape` is the layer's [height, width, channels]),
 * for conv2d, depthwise, separable and transposed convolutions; 0 for any other layer and for a
 * 1×1 convolution at stride 1, which XNNPACK runs as a plain matrix product (no indirection). The
 * backend keeps each convolution's buffer with its operator until the weights are disposed, so a
 * pass holds every convolution's at once: `memory.inference.allKernelTapBytes` sums this over the
 * layers, `kernelTapBytes` is the largest. One definition for shape-math's `wasmBackendPeak` and
 * the quiz bot's memory estimate.
 */
export function indirectionBufferBytes(
  layer: {
    readonly kind: string;
    readonly kernelSize?: number | readonly [number, number];
    readonly strides?: number | readonly [number, number];
  },
  outputShape: readonly number[],
): number {
  if (!KERNEL_TAP_KINDS.has(layer.kind) || layer.kernelSize === undefined) return 0;
  const [kh, kw] = toPair(layer.kernelSize);
  const [sh, sw] = layer.strides === undefined ? [1, 1] : toPair(layer.strides);
  if (kh * kw === 1 && sh * sw === 1) return 0;
  const [height = 1, width = 1] = outputShape;
  return height * width * kh * kw * WASM_POINTER_BYTES;
}

function safe(value: number, ctx: LayerContext, what: string): number {
  if (!Number.isSafeInteger(value)) {
    ctx.fail(
      'overflow',
      `${what} ${value} exceeds ${Number.MAX_SAFE_INTEGER}: the model is too large to describe exactly`,
      undefined,
      undefined,
      { quantity: what },
    );
  }
  return value;
}

/**
 * Analyses a model description: per-layer output shapes, parameters, MACs/FLOPs, activation
 * bytes, receptive fields and output strides, then totals and memory estimates.
 * Throws a {@link ShapeMathError} naming the layer, field, value and what is allowed.
 */
export function analyze(spec: ModelSpecInput, options: AnalyzeOptionsInput = {}): ModelReport {
  return analyzeModel(spec, options).report;
}

/**
 * A model description validated by shape-math (every default filled in) and its analysis, made
 * together from the same input by {@link analyzeModel}. Plain data: it crosses a worker-thread
 * boundary by structured clone.
 */
export interface AnalyzedModel {
  readonly spec: ModelSpec;
  readonly report: ModelReport;
}

/**
 * {@link analyze}, also returning the validated spec: validates the description once and analyses
 * it once. A caller that passes the model on (to layers-gpu's `buildAnalyzedModel`, or to a worker
 * thread) hands this on, so the same spec is neither validated nor analysed again. Same options,
 * defaults and errors as {@link analyze}.
 */
export function analyzeModel(spec: ModelSpecInput, options: AnalyzeOptionsInput = {}): AnalyzedModel {
  const model: ModelSpec = validate(modelSpecSchema, spec);
  const settings: AnalyzeOptions = validate(analyzeOptionsSchema, options, ['options']);
  const elementBytes = bytesPerElement(settings.dtype);

  const modelContext: LayerContext = {
    index: -1,
    name: DEFAULT_INPUT_NAME,
    fail(code, message, field, value, details): never {
      throw new ShapeMathError([
        {
          code,
          path: field === undefined ? [] : [field],
          message,
          ...(value === undefined ? {} : { value }),
          ...(details === undefined ? {} : { details }),
        } as ShapeMathIssue,
      ]);
    },
  };
  const inputElements = safe(product(model.input), modelContext, 'input elements');
  safe(inputElements * elementBytes, modelContext, 'input bytes');

  const tensors = new Map<string, { info: TensorInfo; step: number }>();
  tensors.set(DEFAULT_INPUT_NAME, {
    info: { shape: model.input, receptiveField: [1, 1], effectiveStride: [1, 1] },
    step: 0,
  });
  const rows: LayerReport[] = [];
  const totals = { trainable: 0, nonTrainable: 0, macs: 0, activationElements: 0 };
  let previousName = DEFAULT_INPUT_NAME;
  let kernelTapBytes = 0;
  let allKernelTapBytes = 0;

  model.layers.forEach((layer, index) => {
    const name = layer.name ?? defaultLayerName(layer.kind, index);
    const ctx: LayerContext = {
      index,
      name,
      fail(code, message, field, value, details): never {
        const issue = {
          code,
          path: field === undefined ? ['layers', index] : ['layers', index, field],
          layerIndex: index,
          layerName: name,
          message,
          ...(value === undefined ? {} : { value }),
          ...(details === undefined ? {} : { details }),
        } as ShapeMathIssue;
        throw new ShapeMathError([issue]);
      },
    };
    if (tensors.has(name)) {
      ctx.fail(
        'duplicate_name',
        `is already used by ${name === DEFAULT_INPUT_NAME ? 'the model input' : 'an earlier layer'}: names must be unique`,
        'name',
        name,
        { name },
      );
    }
    const inputNames = layer.kind === 'input' ? [] : (layer.inputs ?? [previousName]);
    const inputs = inputNames.map((inputName) => {
      const found = tensors.get(inputName);
      if (found === undefined) {
        ctx.fail(
          'unknown_input',
          `names no earlier layer: a layer may read "input" or a layer defined before it`,
          'inputs',
          inputName,
          { name: inputName },
        );
      }
      return found.info;
    });

    const computed = computeLayer(ctx, layer, inputs, inputNames);
    const owner = 'sharesWeightsOf' in layer ? layer.sharesWeightsOf : undefined;
    const result = owner === undefined ? computed : sharedCall(ctx, computed, layer.kind, owner, rows);
    const activationElements = safe(product(result.output.shape), ctx, 'output elements');
    const params = safe(result.trainableParams + result.nonTrainableParams, ctx, 'parameters');
    const macs = safe(result.macs, ctx, 'multiply-accumulates');
    const row: LayerReport = {
      index,
      name,
      kind: layer.kind,
      inputs: inputNames,
      outputShape: result.output.shape,
      params: { trainable: result.trainableParams, nonTrainable: result.nonTrainableParams, total: params },
      macs,
      flops: safe(2 * macs, ctx, 'FLOPs'),
      activationElements,
      activationBytes: safe(activationElements * elementBytes, ctx, 'activation bytes'),
      receptiveField: result.output.receptiveField,
      effectiveStride: result.output.effectiveStride,
      ...(result.padding === undefined ? {} : { padding: result.padding }),
      ...(owner === undefined ? {} : { sharesWeightsOf: owner }),
    };
    rows.push(row);
    const taps = safe(
      indirectionBufferBytes(layer as Parameters<typeof indirectionBufferBytes>[0], row.outputShape),
      ctx,
      'kernel-tap bytes',
    );
    kernelTapBytes = Math.max(kernelTapBytes, taps);
    allKernelTapBytes = safe(allKernelTapBytes + taps, ctx, 'kernel-tap bytes');
    tensors.set(name, { info: result.output, step: index + 1 });
    totals.trainable += row.params.trainable;
    totals.nonTrainable += row.params.nonTrainable;
    totals.macs = safe(totals.macs + macs, ctx, 'total multiply-accumulates');
    totals.activationElements = safe(
      totals.activationElements + activationElements,
      ctx,
      'total activation elements',
    );
    previousName = name;
  });

  const outputNames = model.outputs ?? [previousName];
  const outputs = outputNames.map((outputName, i) => {
    const found = tensors.get(outputName);
    if (found === undefined) {
      throw new ShapeMathError([
        {
          code: 'unknown_input',
          path: ['outputs', i],
          value: outputName,
          message: 'names no layer of the model',
          details: { name: outputName },
        },
      ]);
    }
    return { name: outputName, shape: found.info.shape, step: found.step };
  });

  const totalParams = totals.trainable + totals.nonTrainable;
  const parameterBytes = safe(totalParams * elementBytes, modelContext, 'parameter bytes');
  const memory = memoryOverGraph(
    { layers: rows, outputs },
    {
      input: inputElements,
      layers: rows.map((row) => row.activationElements),
      trainableParams: totals.trainable,
      totalParams,
    },
    {
      bytesPerElement: elementBytes,
      batchSize: settings.batchSize,
      optimizer: settings.optimizer,
      kernelTapBytes,
      allKernelTapBytes,
    },
  );

  const report: ModelReport = {
    name: model.name,
    inputShape: model.input,
    outputs: outputs.map(({ name, shape }) => ({ name, shape })),
    dtype: settings.dtype,
    bytesPerElement: elementBytes,
    layers: rows,
    totals: {
      params: { trainable: totals.trainable, nonTrainable: totals.nonTrainable, total: totalParams },
      parameterBytes,
      macs: totals.macs,
      flops: 2 * totals.macs,
      inputElements,
      inputBytes: inputElements * elementBytes,
      activationElements: totals.activationElements,
      activationBytes: totals.activationElements * elementBytes,
    },
    memory,
    conventions: CONVENTIONS,
  };
  return { spec: model, report };
}

/**
 * A second call of a shared layer: the same weights, so no parameters of its own. The owner must be
 * an earlier layer of the same kind whose weights have the same count (else the weights could not
 * be the same tensors).
 */
function sharedCall(
  ctx: LayerContext,
  computed: LayerResult,
  kind: LayerKind,
  owner: string,
  rows: readonly LayerReport[],
): LayerResult {
  const ownerRow = rows.find((row) => row.name === owner);
  const own = computed.trainableParams + computed.nonTrainableParams;
  if (ownerRow === undefined || ownerRow.kind !== kind || ownerRow.params.total !== own) {
    ctx.fail(
      'shared_weights_mismatch',
      ownerRow === undefined
        ? 'names no earlier layer: a layer can share the weights of a layer defined before it'
        : `names a ${ownerRow.kind} layer with ${ownerRow.params.total} parameters, but this ${kind} layer needs ${own}: shared weights must be the same tensors`,
      'sharesWeightsOf',
      owner,
      { owner },
    );
  }
  return { ...computed, trainableParams: 0, nonTrainableParams: 0 };
}

/** Element counts of one instance's tensors and of the parameters, whatever their source. */
export interface ElementCounts {
  readonly input: number;
  /** One per layer, in the report's order. */
  readonly layers: readonly number[];
  readonly trainableParams: number;
  readonly totalParams: number;
}

/**
 * Liveness over the graph (which step last reads each tensor), then shape-math's memory methods.
 * The one place that turns a layer graph and its sizes into memory estimates.
 */
function memoryOverGraph(
  graph: {
    readonly layers: readonly { readonly name: string; readonly inputs: readonly string[] }[];
    readonly outputs: readonly { readonly name: string }[];
  },
  counts: ElementCounts,
  settings: {
    bytesPerElement: number;
    batchSize: number;
    optimizer: Optimizer;
    kernelTapBytes: number;
    allKernelTapBytes: number;
  },
): MemoryEstimates {
  const stepOf = new Map<string, number>([[DEFAULT_INPUT_NAME, 0]]);
  const lastUsedAt = Array.from({ length: graph.layers.length + 1 }, () => -1);
  for (const [i, layer] of graph.layers.entries()) {
    stepOf.set(layer.name, i + 1);
    for (const input of layer.inputs) lastUsedAt[stepOf.get(input)!] = i + 1;
  }
  const outputSteps = new Set(graph.outputs.map((output) => stepOf.get(output.name)));
  const bytes = settings.bytesPerElement;
  return estimateMemory({
    tensors: [
      { name: DEFAULT_INPUT_NAME, bytes: counts.input * bytes, lastUsedAt: lastUsedAt[0]!, isOutput: false },
      ...graph.layers.map((layer, i) => ({
        name: layer.name,
        bytes: counts.layers[i]! * bytes,
        lastUsedAt: lastUsedAt[i + 1]!,
        isOutput: outputSteps.has(i + 1),
      })),
    ],
    parameterBytes: counts.totalParams * bytes,
    trainableParameterBytes: counts.trainableParams * bytes,
    batchSize: settings.batchSize,
    optimizer: settings.optimizer,
    kernelTapBytes: settings.kernelTapBytes,
    allKernelTapBytes: settings.allKernelTapBytes,
  });
}

/**
 * shape-math's memory methods (a), (b) and (c) over `report`'s graph, dtype, batch size and
 * optimizer, with other element counts: for example those measured on the real model, so a
 * measurement and the theory differ only in the sizes, never in the rule.
 */
export function memoryForElementCounts(report: ModelReport, counts: ElementCounts): MemoryEstimates {
  if (counts.layers.length !== report.layers.length) {
    throw new RangeError(`${counts.layers.length} layer sizes for ${report.layers.length} layers`);
  }
  return memoryOverGraph(report, counts, {
    bytesPerElement: report.bytesPerElement,
    batchSize: report.memory.trainingMinimum.batchSize,
    optimizer: report.memory.trainingRealistic.optimizer,
    // Shapes, not element counts: the same model has the same kernel taps.
    kernelTapBytes: report.memory.inference.kernelTapBytes,
    allKernelTapBytes: report.memory.inference.allKernelTapBytes,
  });
}

/** Output shape of a whole model, without the batch axis. */
export function outputShape(spec: ModelSpecInput): readonly number[] {
  const report = analyze(spec);
  return report.outputs[0]!.shape;
}

/** Parameter count of a whole model. */
export function countParams(spec: ModelSpecInput): ParameterCount {
  return analyze(spec).totals.params;
}
