import {
  type AxisPadding,
  ConvArithmeticError,
  convOutputLength,
  dilatedKernelSize,
  samePadding,
  transposedConvOutputLength,
} from './conv-arithmetic';
import type { ShapeMathErrorCode, ShapeMathIssueDetails } from './errors';
import { quoteForMessage } from './quote';
import type { LayerKind, LayerOf, LayerSpec, Padding } from './schemas';

/** A `[height, width]` pair (kernel, stride, dilation). */
export type Pair = readonly [height: number, width: number];
/** Explicit padding of both spatial axes: `[[top, bottom], [left, right]]`. */
export type SpatialPadding = readonly [AxisPadding, AxisPadding];

/** What analysis knows about a tensor flowing between layers (batch axis excluded). */
export interface TensorInfo {
  readonly shape: readonly number[];
  /** Receptive field on the model input, in input pixels, per spatial axis. */
  readonly receptiveField: Pair;
  /** Distance in input pixels between neighbouring outputs (the output stride / jump). */
  readonly effectiveStride: Pair;
  /** For a flattened tensor: the spatial size it came from, so the next dense layer sees all of it. */
  readonly flattenedFrom?: Pair;
}

export interface LayerResult {
  readonly output: TensorInfo;
  readonly trainableParams: number;
  readonly nonTrainableParams: number;
  /** Multiply-accumulates of weights for one instance. */
  readonly macs: number;
  /** The explicit padding a windowed layer applied (TensorFlow's split for `same`). */
  readonly padding?: SpatialPadding;
}

export interface LayerContext {
  readonly index: number;
  readonly name: string;
  fail<Code extends ShapeMathErrorCode>(
    code: Code,
    message: string,
    field?: string,
    value?: unknown,
    details?: ShapeMathIssueDetails[Code],
  ): never;
}

/** A size given as one number or `[height, width]`, as `[height, width]`. */
export function toPair(value: number | readonly [number, number]): Pair {
  return typeof value === 'number' ? [value, value] : [value[0], value[1]];
}

export function product(values: readonly number[]): number {
  let result = 1;
  for (const value of values) result *= value;
  return result;
}

function formatShape(shape: readonly number[]): string {
  return shape.join('×');
}

function requireImage(ctx: LayerContext, input: TensorInfo, kind: string): readonly [number, number, number] {
  if (input.shape.length !== 3) {
    ctx.fail(
      'rank_mismatch',
      `${kind} needs a [height, width, channels] input, got [${input.shape.join(', ')}]: add a reshape or remove the flatten/dense before it`,
      'inputs',
    );
  }
  return input.shape as unknown as readonly [number, number, number];
}

function requireSingleInput(ctx: LayerContext, inputs: readonly TensorInfo[]): TensorInfo {
  const [first] = inputs;
  if (first === undefined || inputs.length !== 1) {
    ctx.fail(
      'merge_mismatch',
      `takes exactly one input, got ${inputs.length}: only add, multiply and concatenate merge several`,
      'inputs',
    );
  }
  return first;
}

function resolvePadding(
  padding: Padding,
): readonly [AxisPadding | 'same' | 'valid', AxisPadding | 'same' | 'valid'] {
  if (padding === 'same' || padding === 'valid') return [padding, padding];
  if (typeof padding === 'number')
    return [
      [padding, padding],
      [padding, padding],
    ];
  const [h, w] = padding;
  if (typeof h === 'number' && typeof w === 'number')
    return [
      [h, h],
      [w, w],
    ];
  return [h as AxisPadding, w as AxisPadding];
}

/**
 * Explicit padding as `[[top, bottom], [left, right]]`, or undefined for "same" and "valid" (the
 * modes TensorFlow applies itself). layers-gpu pads the real model with exactly this.
 */
export function explicitSpatialPadding(padding: Padding): SpatialPadding | undefined {
  const [height, width] = resolvePadding(padding);
  return typeof height === 'string' || typeof width === 'string' ? undefined : [height, width];
}

/** The name a layer gets when its spec gives none, e.g. `conv2d_3`: one rule for every package. */
export function defaultLayerName(kind: string, index: number): string {
  return `${kind}_${index}`;
}

interface WindowResult {
  readonly height: number;
  readonly width: number;
  readonly padding: SpatialPadding;
  readonly receptiveField: Pair;
  readonly effectiveStride: Pair;
}

/** Output size, padding and receptive field of a sliding window (convolution or pooling). */
function slideWindow(
  ctx: LayerContext,
  input: TensorInfo,
  image: readonly [number, number, number],
  window: { kernel: Pair; strides: Pair; dilation: Pair; padding: Padding; kernelField: string },
): WindowResult {
  const modes = resolvePadding(window.padding);
  const sizes: number[] = [];
  const paddings: AxisPadding[] = [];
  for (const axis of [0, 1] as const) {
    const inputLength = image[axis];
    const kernel = window.kernel[axis];
    const stride = window.strides[axis];
    const dilation = window.dilation[axis];
    const mode = modes[axis];
    const span = dilatedKernelSize(kernel, dilation);
    const padded = mode === 'same' || mode === 'valid' ? inputLength : inputLength + mode[0] + mode[1];
    if (mode !== 'same' && padded < span) {
      const kernelText = formatShape(window.kernel);
      const dilationText = dilation > 1 ? ` (dilated span ${span})` : '';
      const paddingText = mode === 'valid' ? '"valid" padding' : `padding ${JSON.stringify(window.padding)}`;
      ctx.fail(
        'kernel_too_large',
        `${window.kernelField === 'poolSize' ? 'pool window' : 'kernel'} ${kernelText}${dilationText} does not fit the ${formatShape(image)} input with ${paddingText}: ` +
          `the ${axis === 0 ? 'height' : 'width'} allows a span of at most ${padded}; use "same" padding, more padding, or a smaller ${window.kernelField === 'poolSize' ? 'window' : 'kernel'}`,
        window.kernelField,
        typeof window.kernel[0] === 'number' && window.kernel[0] === window.kernel[1]
          ? window.kernel[0]
          : [...window.kernel],
        {
          window: window.kernelField === 'poolSize' ? 'pool' : 'kernel',
          axis: axis === 0 ? 'height' : 'width',
          span,
          largestAllowed: padded,
        },
      );
    }
    sizes.push(convOutputLength(inputLength, kernel, mode, stride, dilation));
    paddings.push(
      mode === 'same' ? samePadding(inputLength, kernel, stride, dilation) : mode === 'valid' ? [0, 0] : mode,
    );
  }
  // Receptive field recurrence (Araujo et al., "Computing Receptive Fields of CNNs", Distill 2019):
  // r_out = r_in + (span - 1) * j_in,  j_out = j_in * stride.
  const receptiveField: Pair = [
    input.receptiveField[0] +
      (dilatedKernelSize(window.kernel[0], window.dilation[0]) - 1) * input.effectiveStride[0],
    input.receptiveField[1] +
      (dilatedKernelSize(window.kernel[1], window.dilation[1]) - 1) * input.effectiveStride[1],
  ];
  const effectiveStride: Pair = [
    input.effectiveStride[0] * window.strides[0],
    input.effectiveStride[1] * window.strides[1],
  ];
  return {
    height: sizes[0]!,
    width: sizes[1]!,
    padding: [paddings[0]!, paddings[1]!],
    receptiveField,
    effectiveStride,
  };
}

function conv2d(ctx: LayerContext, input: TensorInfo, spec: LayerOf<'conv2d'>): LayerResult {
  const image = requireImage(ctx, input, 'conv2d');
  const channels = image[2];
  if (channels % spec.groups !== 0 || spec.filters % spec.groups !== 0) {
    ctx.fail(
      'invalid_groups',
      `must divide both the input channels (${channels}) and the filters (${spec.filters})`,
      'groups',
      spec.groups,
    );
  }
  const kernel = toPair(spec.kernelSize);
  const window = slideWindow(ctx, input, image, {
    kernel,
    strides: toPair(spec.strides),
    dilation: toPair(spec.dilationRate),
    padding: spec.padding,
    kernelField: 'kernelSize',
  });
  const weightsPerFilter = kernel[0] * kernel[1] * (channels / spec.groups);
  return {
    output: {
      shape: [window.height, window.width, spec.filters],
      receptiveField: window.receptiveField,
      effectiveStride: window.effectiveStride,
    },
    trainableParams: weightsPerFilter * spec.filters + (spec.useBias ? spec.filters : 0),
    nonTrainableParams: 0,
    macs: window.height * window.width * spec.filters * weightsPerFilter,
    padding: window.padding,
  };
}

function depthwiseConv2d(
  ctx: LayerContext,
  input: TensorInfo,
  spec: LayerOf<'depthwiseConv2d'>,
): LayerResult {
  const image = requireImage(ctx, input, 'depthwiseConv2d');
  const kernel = toPair(spec.kernelSize);
  const window = slideWindow(ctx, input, image, {
    kernel,
    strides: toPair(spec.strides),
    dilation: toPair(spec.dilationRate),
    padding: spec.padding,
    kernelField: 'kernelSize',
  });
  const outChannels = image[2] * spec.depthMultiplier;
  return {
    output: {
      shape: [window.height, window.width, outChannels],
      receptiveField: window.receptiveField,
      effectiveStride: window.effectiveStride,
    },
    trainableParams: kernel[0] * kernel[1] * outChannels + (spec.useBias ? outChannels : 0),
    nonTrainableParams: 0,
    macs: window.height * window.width * outChannels * kernel[0] * kernel[1],
    padding: window.padding,
  };
}

function separableConv2d(
  ctx: LayerContext,
  input: TensorInfo,
  spec: LayerOf<'separableConv2d'>,
): LayerResult {
  const image = requireImage(ctx, input, 'separableConv2d');
  const kernel = toPair(spec.kernelSize);
  const window = slideWindow(ctx, input, image, {
    kernel,
    strides: toPair(spec.strides),
    dilation: toPair(spec.dilationRate),
    padding: spec.padding,
    kernelField: 'kernelSize',
  });
  const depthwiseChannels = image[2] * spec.depthMultiplier;
  const positions = window.height * window.width;
  return {
    output: {
      shape: [window.height, window.width, spec.filters],
      receptiveField: window.receptiveField,
      effectiveStride: window.effectiveStride,
    },
    trainableParams:
      kernel[0] * kernel[1] * depthwiseChannels +
      depthwiseChannels * spec.filters +
      (spec.useBias ? spec.filters : 0),
    nonTrainableParams: 0,
    macs:
      positions * depthwiseChannels * kernel[0] * kernel[1] + positions * depthwiseChannels * spec.filters,
    padding: window.padding,
  };
}

function conv2dTranspose(
  ctx: LayerContext,
  input: TensorInfo,
  spec: LayerOf<'conv2dTranspose'>,
): LayerResult {
  const image = requireImage(ctx, input, 'conv2dTranspose');
  const kernel = toPair(spec.kernelSize);
  const strides = toPair(spec.strides);
  const dilation = toPair(spec.dilationRate);
  const outputPadding = spec.outputPadding === undefined ? undefined : toPair(spec.outputPadding);
  const padding =
    typeof spec.padding === 'string' || typeof spec.padding === 'number'
      ? ([spec.padding, spec.padding] as const)
      : spec.padding;
  const sizes: number[] = [];
  for (const axis of [0, 1] as const) {
    try {
      sizes.push(
        transposedConvOutputLength(
          image[axis],
          kernel[axis],
          padding[axis],
          strides[axis],
          dilation[axis],
          outputPadding?.[axis],
        ),
      );
    } catch (error) {
      if (!(error instanceof ConvArithmeticError)) throw error;
      const { problem } = error;
      if (problem.code === 'output_padding_too_large') {
        ctx.fail(
          'kernel_too_large',
          `must be smaller than the stride (${problem.stride}) or the dilation (${problem.dilation})`,
          'outputPadding',
          spec.outputPadding,
        );
      }
      if (problem.code === 'empty_output') {
        // The padding cuts more than the transposed conv produces: not a kernel that is too large.
        ctx.fail('empty_output', error.message, 'padding', spec.padding, {
          axis: axis === 0 ? 'height' : 'width',
          length: problem.length,
        });
      }
      ctx.fail('kernel_too_large', error.message, 'padding', spec.padding);
    }
  }
  const height = sizes[0]!;
  const width = sizes[1]!;
  // Each output sees ceil(span / stride) input positions per axis; the output grid is finer by `stride`.
  const receptiveField: Pair = [0, 1].map(
    (axis) =>
      input.receptiveField[axis]! +
      (Math.ceil(dilatedKernelSize(kernel[axis]!, dilation[axis]!) / strides[axis]!) - 1) *
        input.effectiveStride[axis]!,
  ) as unknown as Pair;
  const effectiveStride: Pair = [
    input.effectiveStride[0] / strides[0],
    input.effectiveStride[1] / strides[1],
  ];
  const params = kernel[0] * kernel[1] * image[2] * spec.filters + (spec.useBias ? spec.filters : 0);
  const trainable = spec.trainable !== false;
  return {
    output: { shape: [height, width, spec.filters], receptiveField, effectiveStride },
    trainableParams: trainable ? params : 0,
    nonTrainableParams: trainable ? 0 : params,
    // Every input position scatters kernel × filters products.
    macs: image[0] * image[1] * image[2] * kernel[0] * kernel[1] * spec.filters,
  };
}

function pooling2d(
  ctx: LayerContext,
  input: TensorInfo,
  spec: LayerOf<'maxPooling2d' | 'averagePooling2d'>,
): LayerResult {
  const image = requireImage(ctx, input, spec.kind);
  const poolSize = toPair(spec.poolSize);
  const window = slideWindow(ctx, input, image, {
    kernel: poolSize,
    strides: spec.strides === undefined ? poolSize : toPair(spec.strides),
    dilation: [1, 1],
    padding: spec.padding,
    kernelField: 'poolSize',
  });
  return {
    output: {
      shape: [window.height, window.width, image[2]],
      receptiveField: window.receptiveField,
      effectiveStride: window.effectiveStride,
    },
    trainableParams: 0,
    nonTrainableParams: 0,
    macs: 0,
    padding: window.padding,
  };
}

/** A layer that sees the whole feature map: its receptive field grows by the map's extent. */
function wholeMapField(input: TensorInfo, extent: Pair): Pair {
  return [
    input.receptiveField[0] + (extent[0] - 1) * input.effectiveStride[0],
    input.receptiveField[1] + (extent[1] - 1) * input.effectiveStride[1],
  ];
}

function globalPooling2d(
  ctx: LayerContext,
  input: TensorInfo,
  spec: LayerOf<'globalAveragePooling2d' | 'globalMaxPooling2d'>,
): LayerResult {
  const image = requireImage(ctx, input, spec.kind);
  return {
    output: {
      shape: spec.keepDims ? [1, 1, image[2]] : [image[2]],
      receptiveField: wholeMapField(input, [image[0], image[1]]),
      effectiveStride: input.effectiveStride,
    },
    trainableParams: 0,
    nonTrainableParams: 0,
    macs: 0,
  };
}

function dense(_ctx: LayerContext, input: TensorInfo, spec: LayerOf<'dense'>): LayerResult {
  const features = input.shape[input.shape.length - 1]!;
  const positions = product(input.shape) / features;
  const receptiveField =
    input.flattenedFrom === undefined ? input.receptiveField : wholeMapField(input, input.flattenedFrom);
  return {
    output: {
      shape: [...input.shape.slice(0, -1), spec.units],
      receptiveField,
      effectiveStride: input.effectiveStride,
    },
    trainableParams: features * spec.units + (spec.useBias ? spec.units : 0),
    nonTrainableParams: 0,
    macs: positions * features * spec.units,
  };
}

function flatten(_ctx: LayerContext, input: TensorInfo): LayerResult {
  const flattenedFrom: Pair | undefined =
    input.shape.length === 3 ? [input.shape[0]!, input.shape[1]!] : input.flattenedFrom;
  return {
    output: {
      shape: [product(input.shape)],
      receptiveField: input.receptiveField,
      effectiveStride: input.effectiveStride,
      ...(flattenedFrom === undefined ? {} : { flattenedFrom }),
    },
    trainableParams: 0,
    nonTrainableParams: 0,
    macs: 0,
  };
}

function reshape(ctx: LayerContext, input: TensorInfo, spec: LayerOf<'reshape'>): LayerResult {
  const elements = product(input.shape);
  const unknownCount = spec.targetShape.filter((size) => size === -1).length;
  if (unknownCount > 1)
    ctx.fail('invalid_reshape', 'may contain -1 at most once', 'targetShape', spec.targetShape);
  const known = product(spec.targetShape.filter((size) => size !== -1));
  const shape = spec.targetShape.map((size) => (size === -1 ? elements / known : size));
  if (product(shape) !== elements || shape.some((size) => !Number.isInteger(size))) {
    ctx.fail(
      'invalid_reshape',
      `cannot hold the ${elements} elements of a [${input.shape.join(', ')}] input: the sizes must multiply to ${elements}`,
      'targetShape',
      spec.targetShape,
    );
  }
  return {
    output: { shape, receptiveField: input.receptiveField, effectiveStride: input.effectiveStride },
    trainableParams: 0,
    nonTrainableParams: 0,
    macs: 0,
  };
}

function zeroPadding2d(ctx: LayerContext, input: TensorInfo, spec: LayerOf<'zeroPadding2d'>): LayerResult {
  const image = requireImage(ctx, input, 'zeroPadding2d');
  const [[top, bottom], [left, right]] = resolvePadding(spec.padding) as readonly [AxisPadding, AxisPadding];
  return {
    output: {
      shape: [image[0] + top + bottom, image[1] + left + right, image[2]],
      receptiveField: input.receptiveField,
      effectiveStride: input.effectiveStride,
    },
    trainableParams: 0,
    nonTrainableParams: 0,
    macs: 0,
    padding: [
      [top, bottom],
      [left, right],
    ],
  };
}

/**
 * Keras' `Cropping2D`: the map loses `top + bottom` rows and `left + right` columns. Each output is
 * an input position, so the receptive field and the output stride are the input's; no weights.
 */
function cropping2d(ctx: LayerContext, input: TensorInfo, spec: LayerOf<'cropping2d'>): LayerResult {
  const image = requireImage(ctx, input, 'cropping2d');
  const [[top, bottom], [left, right]] = resolvePadding(spec.cropping) as readonly [AxisPadding, AxisPadding];
  const height = image[0] - top - bottom;
  const width = image[1] - left - right;
  for (const [axis, length, cut] of [
    ['height', image[0], top + bottom],
    ['width', image[1], left + right],
  ] as const) {
    if (length - cut < 1) {
      ctx.fail(
        'empty_output',
        `crops ${cut} of the ${length} ${axis === 'height' ? 'rows' : 'columns'} of the ${formatShape(image)} input: at least one must remain, so crop at most ${length - 1} on that axis`,
        'cropping',
        spec.cropping,
        { axis, length: length - cut },
      );
    }
  }
  return {
    output: {
      shape: [height, width, image[2]],
      receptiveField: input.receptiveField,
      effectiveStride: input.effectiveStride,
    },
    trainableParams: 0,
    nonTrainableParams: 0,
    macs: 0,
  };
}

function batchNormalization(
  _ctx: LayerContext,
  input: TensorInfo,
  spec: LayerOf<'batchNormalization'>,
): LayerResult {
  const channels = input.shape[input.shape.length - 1]!;
  return {
    output: input,
    // gamma and beta learn; the moving mean and variance are updated, not trained (Keras counts them non-trainable).
    trainableParams: (spec.scale ? channels : 0) + (spec.center ? channels : 0),
    nonTrainableParams: 2 * channels,
    macs: 0,
  };
}

function passThrough(_ctx: LayerContext, input: TensorInfo): LayerResult {
  return { output: { ...input }, trainableParams: 0, nonTrainableParams: 0, macs: 0 };
}

function mergeField(inputs: readonly TensorInfo[]): Pick<TensorInfo, 'receptiveField' | 'effectiveStride'> {
  return {
    receptiveField: [
      Math.max(...inputs.map((t) => t.receptiveField[0])),
      Math.max(...inputs.map((t) => t.receptiveField[1])),
    ],
    effectiveStride: [
      Math.max(...inputs.map((t) => t.effectiveStride[0])),
      Math.max(...inputs.map((t) => t.effectiveStride[1])),
    ],
  };
}

function shapesText(inputs: readonly TensorInfo[], names: readonly string[]): string {
  return inputs.map((t, i) => `${quoteForMessage(names[i] ?? '')} [${t.shape.join(', ')}]`).join(', ');
}

/** Element-wise merges broadcast size-1 axes, as Keras' merge layers do (an SE block multiplies [h,w,c] by [1,1,c]). */
function elementwiseMerge(
  ctx: LayerContext,
  inputs: readonly TensorInfo[],
  names: readonly string[],
  kind: 'add' | 'multiply',
): LayerResult {
  const rank = inputs[0]!.shape.length;
  if (inputs.some((t) => t.shape.length !== rank)) {
    ctx.fail(
      'merge_mismatch',
      `${kind} needs inputs of the same rank, got ${shapesText(inputs, names)}`,
      'inputs',
      names,
    );
  }
  const shape: number[] = [];
  for (let axis = 0; axis < rank; axis++) {
    const sizes = inputs.map((t) => t.shape[axis]!);
    const size = Math.max(...sizes);
    if (sizes.some((s) => s !== size && s !== 1)) {
      ctx.fail(
        'merge_mismatch',
        `${kind} needs equal shapes (or size 1 to broadcast), got ${shapesText(inputs, names)}: axis ${axis} differs`,
        'inputs',
        names,
      );
    }
    shape.push(size);
  }
  return { output: { shape, ...mergeField(inputs) }, trainableParams: 0, nonTrainableParams: 0, macs: 0 };
}

function concatenate(
  ctx: LayerContext,
  inputs: readonly TensorInfo[],
  names: readonly string[],
  spec: LayerOf<'concatenate'>,
): LayerResult {
  const rank = inputs[0]!.shape.length;
  if (inputs.some((t) => t.shape.length !== rank)) {
    ctx.fail(
      'merge_mismatch',
      `concatenate needs inputs of the same rank, got ${shapesText(inputs, names)}`,
      'inputs',
      names,
    );
  }
  const axis = spec.axis < 0 ? rank + spec.axis : spec.axis;
  if (axis < 0 || axis >= rank) {
    ctx.fail(
      'merge_mismatch',
      `is outside the inputs' ${rank} axes: allowed ${-rank} to ${rank - 1}`,
      'axis',
      spec.axis,
    );
  }
  const shape = [...inputs[0]!.shape];
  shape[axis] = 0;
  for (const tensor of inputs) {
    for (let a = 0; a < rank; a++) {
      if (a !== axis && tensor.shape[a] !== inputs[0]!.shape[a]) {
        ctx.fail(
          'merge_mismatch',
          `concatenate on axis ${spec.axis} needs every other axis equal, got ${shapesText(inputs, names)}`,
          'inputs',
          names,
        );
      }
    }
    shape[axis]! += tensor.shape[axis]!;
  }
  return { output: { shape, ...mergeField(inputs) }, trainableParams: 0, nonTrainableParams: 0, macs: 0 };
}

function upSampling2d(ctx: LayerContext, input: TensorInfo, spec: LayerOf<'upSampling2d'>): LayerResult {
  const image = requireImage(ctx, input, 'upSampling2d');
  const size = toPair(spec.size);
  // Nearest: each output copies one input pixel (same field); bilinear reads two neighbours per axis.
  const extra = spec.interpolation === 'bilinear' ? 1 : 0;
  return {
    output: {
      shape: [image[0] * size[0], image[1] * size[1], image[2]],
      receptiveField: [
        input.receptiveField[0] + extra * input.effectiveStride[0],
        input.receptiveField[1] + extra * input.effectiveStride[1],
      ],
      effectiveStride: [input.effectiveStride[0] / size[0], input.effectiveStride[1] / size[1]],
    },
    trainableParams: 0,
    nonTrainableParams: 0,
    macs: 0,
  };
}

/** A further model input: reads nothing, outputs its own shape with a one-pixel field. */
function inputLayer(ctx: LayerContext, spec: LayerOf<'input'>, inputs: readonly TensorInfo[]): LayerResult {
  if (inputs.length !== 0)
    ctx.fail('merge_mismatch', 'a model input reads no layer: remove its inputs', 'inputs');
  return {
    output: { shape: [...spec.shape], receptiveField: [1, 1], effectiveStride: [1, 1] },
    trainableParams: 0,
    nonTrainableParams: 0,
    macs: 0,
  };
}

/**
 * A kind's rule: from its spec and input tensors, the output (shape, receptive field, output
 * stride), its parameters and its multiply-accumulates.
 */
type LayerRule<K extends LayerKind> = (
  ctx: LayerContext,
  spec: LayerOf<K>,
  inputs: readonly TensorInfo[],
  inputNames: readonly string[],
) => LayerResult;

/**
 * Rules for the kinds that read exactly one tensor. Marked free of side effects so that a bundler
 * can drop the rule table (and the arithmetic it reaches) for code that never analyses a model.
 */
/* @__NO_SIDE_EFFECTS__ */
function single<K extends LayerKind>(
  rule: (ctx: LayerContext, input: TensorInfo, spec: LayerOf<K>) => LayerResult,
) {
  return ((ctx, spec, inputs) => rule(ctx, requireSingleInput(ctx, inputs), spec)) satisfies LayerRule<K>;
}

/**
 * One rule per layer kind, keyed by the kinds of `LAYER_SCHEMAS` (fvcore's handler table is the
 * model): a kind without a rule here is a compile error that names it.
 */
export const LAYER_RULES: { readonly [K in LayerKind]: LayerRule<K> } = {
  conv2d: single(conv2d),
  depthwiseConv2d: single(depthwiseConv2d),
  separableConv2d: single(separableConv2d),
  conv2dTranspose: single(conv2dTranspose),
  maxPooling2d: single(pooling2d),
  averagePooling2d: single(pooling2d),
  globalAveragePooling2d: single(globalPooling2d),
  globalMaxPooling2d: single(globalPooling2d),
  dense: single(dense),
  flatten: single(flatten),
  reshape: single(reshape),
  zeroPadding2d: single(zeroPadding2d),
  cropping2d: single(cropping2d),
  batchNormalization: single(batchNormalization),
  localResponseNormalization: single(passThrough),
  activation: single(passThrough),
  dropout: single(passThrough),
  add: (ctx, spec, inputs, inputNames) => elementwiseMerge(ctx, inputs, inputNames, spec.kind),
  multiply: (ctx, spec, inputs, inputNames) => elementwiseMerge(ctx, inputs, inputNames, spec.kind),
  concatenate: (ctx, spec, inputs, inputNames) => concatenate(ctx, inputs, inputNames, spec),
  upSampling2d: single(upSampling2d),
  input: (ctx, spec, inputs) => inputLayer(ctx, spec, inputs),
};

export function computeLayer(
  ctx: LayerContext,
  spec: LayerSpec,
  inputs: readonly TensorInfo[],
  inputNames: readonly string[],
): LayerResult {
  return (LAYER_RULES[spec.kind] as LayerRule<LayerKind>)(ctx, spec as never, inputs, inputNames);
}
