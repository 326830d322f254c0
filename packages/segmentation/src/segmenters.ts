/*
 * Segmentation networks as shape-math descriptions (pure: shape-math only, no TensorFlow.js), so
 * `describeSegmenter` shows every shape, parameter and output stride before anything is built.
 *
 * FCN-32s/16s/8s follow Long, Shelhamer, Darrell (CVPR 2015, section 4.2 and figure 3): score the
 * last feature map (stride 32) with a 1×1 conv, upsample ×2 with a transposed conv, add the scores
 * of the stride-16 map (FCN-16s), again with the stride-8 map (FCN-8s), and upsample the fused
 * scores to the input size. The classifier on the last map is torchvision's `FCNHead` (3×3 conv to
 * a quarter of the channels, batch norm, ReLU, dropout 0.1, then the 1×1 scorer).
 *
 * Batch norm uses momentum 0.9 and epsilon 1e-5: PyTorch's defaults (its momentum 0.1 weighs the
 * new batch, Keras' 0.9 the old average), so short trainings get usable running statistics.
 *
 * U-Net follows Ronneberger, Fischer, Brox (MICCAI 2015) with "same" padding instead of cropping, as
 * segmentation_models.pytorch and most modern versions do, so the output has the input's size.
 */
import {
  analyze,
  type LayerReport,
  type LayerSpecInput,
  type ModelReport,
  type ModelSpecInput,
  ShapeMathError,
} from '@cnnkit/shape-math';
import { bilinearKernelSize } from './bilinear';
import { SegmentationError } from './errors';
import { optionKeys, rejectUnknownOptions } from './options';

/** The FCN heads `fcnSpec` builds: skips from no, one or two earlier strides. */
export const FCN_VARIANTS = ['fcn32s', 'fcn16s', 'fcn8s'] as const;
/** One of `FCN_VARIANTS`. */
export type FcnVariant = (typeof FCN_VARIANTS)[number];

/** Options of `fcnSpec`. */
export interface FcnOptions {
  readonly variant: FcnVariant;
  /** Number of classes, background included. */
  readonly classes: number;
  /** Filters of the head's 3×3 conv (default: a quarter of the last map's channels, at least `classes`). */
  readonly headFilters?: number;
  /** Dropout rate in the head (default 0.1, as torchvision's FCNHead). */
  readonly headDropout?: number;
  /**
   * Backbone layers to take the skips from, deepest first (stride 16, then 8 on a stride-32
   * backbone). Default: the last pooling that reached each stride, else the last layer at it.
   */
  readonly skipLayers?: readonly string[];
  /** Model name (default: the variant and the backbone, e.g. `fcn8s_vgg16`). */
  readonly name?: string;
}

const COLLAPSING = new Set(['flatten', 'globalAveragePooling2d', 'globalMaxPooling2d']);
const TOP_KINDS = new Set(['dense', 'dropout', 'activation', 'reshape', 'conv2d']);

function invalid(message: string, details: Record<string, unknown> = {}): never {
  throw new SegmentationError('invalid_options', message, details);
}

function positiveInteger(value: number, what: string, maximum = 1_000_000) {
  if (!Number.isInteger(value) || value < 1 || value > maximum) {
    invalid(`${what} ${value}: must be an integer from 1 to ${maximum.toLocaleString('en-US')}`, {
      [what]: value,
    });
  }
}

/** Analyses a spec, turning a shape mismatch into an error that explains the alignment. */
function analyzeAligned(spec: ModelSpecInput, why: string): ModelReport {
  try {
    return analyze(spec);
  } catch (error) {
    if (
      error instanceof ShapeMathError &&
      (error.code === 'merge_mismatch' || error.code === 'kernel_too_large')
    ) {
      throw new SegmentationError(
        'misaligned_maps',
        `${spec.name ?? 'model'}: ${error.message}; ${why}`,
        {},
        { cause: error },
      );
    }
    throw error;
  }
}

/**
 * The backbone part of a spec: everything before its classifier top (Flatten, global pooling or
 * Dense), so a classifier from the architectures registry can be passed as it is.
 */
function backboneLayers(backbone: ModelSpecInput): LayerSpecInput[] {
  const named = backbone.layers.map((layer, index) => ({
    ...layer,
    name: layer.name ?? `${layer.kind}_${index}`,
  }));
  // The top starts at the last Flatten/global pooling followed only by a chain of dense-like
  // layers; squeeze-and-excitation blocks also pool and use dense layers, but end in a multiply.
  for (let c = named.length - 1; c >= 0; c--) {
    if (!COLLAPSING.has(named[c]!.kind)) continue;
    const rest = named.slice(c + 1);
    const isTop = rest.every(
      (layer, i) =>
        TOP_KINDS.has(layer.kind) &&
        (layer.inputs === undefined || (layer.inputs.length === 1 && layer.inputs[0] === named[c + i]!.name)),
    );
    return (isTop ? named.slice(0, c) : named) as LayerSpecInput[];
  }
  return named as LayerSpecInput[];
}

/**
 * The skip at output stride `stride`: the last pooling that brought the map down to that stride
 * (VGG's pool4 and pool3, the paper's taps), or else the last layer at that stride (a ResNet
 * stage's output, where downsampling happens in a strided conv at the start of the next stage).
 */
function skipAtStride(rows: readonly LayerReport[], stride: number): LayerReport | undefined {
  const atStride = rows.filter(
    (row) =>
      row.outputShape.length === 3 && row.effectiveStride[0] === stride && row.effectiveStride[1] === stride,
  );
  const strideOf = new Map(rows.map((row) => [row.name, row.effectiveStride[0]]));
  const pools = atStride.filter(
    (row) =>
      (row.kind === 'maxPooling2d' || row.kind === 'averagePooling2d') &&
      (strideOf.get(row.inputs[0]!) ?? 1) < stride,
  );
  return pools.at(-1) ?? atStride.at(-1);
}

/**
 * FCN-32s, FCN-16s or FCN-8s on any backbone spec (a registry classifier's top is dropped): the
 * skips are the last layers at output strides 16 and 8, found with shape-math, each scored by a
 * 1×1 conv and added to the ×2-upsampled deeper scores; the last transposed conv returns to the
 * input size. Upsampling kernels are `2f − f % 2` wide with stride f ("same"), the FCN reference's
 * bilinear deconvolutions. Outputs are logits, `[height, width, classes]`.
 */
export function fcnSpec(backbone: ModelSpecInput, options: FcnOptions): ModelSpecInput {
  rejectUnknownOptions('fcnSpec', options, FCN_OPTION_KEYS);
  if (!FCN_VARIANTS.includes(options.variant)) {
    invalid(`variant ${JSON.stringify(options.variant)}: must be one of ${FCN_VARIANTS.join(', ')}`);
  }
  positiveInteger(options.classes, 'classes', 100_000);
  const layers = backboneLayers(backbone);
  if (layers.length === 0)
    invalid(`backbone "${backbone.name}" has no feature layers before its classifier top`);
  const features = analyzeAligned(
    { ...backbone, layers, outputs: undefined } as ModelSpecInput,
    'the backbone alone does not analyse',
  );
  const last = features.layers[features.layers.length - 1]!;
  if (last.outputShape.length !== 3)
    invalid(`backbone "${backbone.name}" does not end on an [h, w, c] feature map`);
  const [lastStride] = last.effectiveStride;
  const [inputHeight, inputWidth] = features.inputShape as [number, number, number];
  const [mapHeight, mapWidth, mapChannels] = last.outputShape as [number, number, number];
  if (mapHeight * lastStride !== inputHeight || mapWidth * lastStride !== inputWidth) {
    throw new SegmentationError(
      'misaligned_maps',
      `backbone "${backbone.name}" maps ${inputHeight}×${inputWidth} to ${mapHeight}×${mapWidth} at output stride ${lastStride}: upsampling ×${lastStride} would give ${mapHeight * lastStride}×${mapWidth * lastStride}, not the input size. Use a backbone with "same" padding and an input side divisible by ${lastStride}`,
      { input: [inputHeight, inputWidth], map: [mapHeight, mapWidth], outputStride: lastStride },
    );
  }
  const skipsWanted = options.variant === 'fcn32s' ? 0 : options.variant === 'fcn16s' ? 1 : 2;
  const classes = options.classes;
  const headFilters = options.headFilters ?? Math.max(Math.floor(mapChannels / 4), classes);
  positiveInteger(headFilters, 'headFilters');
  const headDropout = options.headDropout ?? 0.1;
  if (!(headDropout >= 0 && headDropout < 1)) invalid(`headDropout ${headDropout}: must be in [0, 1)`);

  const head: LayerSpecInput[] = [
    {
      kind: 'conv2d',
      name: 'head_conv',
      inputs: [last.name],
      filters: headFilters,
      kernelSize: 3,
      padding: 'same',
      useBias: false,
    },
    { kind: 'batchNormalization', name: 'head_bn', epsilon: 1e-5, momentum: 0.9 },
    { kind: 'activation', name: 'head_relu', activation: 'relu' },
    ...(headDropout > 0 ? [{ kind: 'dropout', name: 'head_dropout', rate: headDropout } as const] : []),
    { kind: 'conv2d', name: `score_stride${lastStride}`, filters: classes, kernelSize: 1 },
  ];
  let scores = `score_stride${lastStride}`;
  let stride = lastStride;
  for (let skip = 0; skip < skipsWanted; skip++) {
    const skipStride = stride / 2;
    const chosen = options.skipLayers?.[skip];
    const tap =
      chosen !== undefined
        ? features.layers.find((row) => row.name === chosen)
        : Number.isInteger(skipStride)
          ? skipAtStride(features.layers, skipStride)
          : undefined;
    if (chosen !== undefined && (tap === undefined || tap.effectiveStride[0] !== skipStride)) {
      invalid(
        `skipLayers[${skip}] ${JSON.stringify(chosen)}: must name a backbone layer at output stride ${skipStride}${tap === undefined ? ' (no such layer)' : ` (it is at ${tap.effectiveStride[0]})`}`,
      );
    }
    if (tap === undefined) {
      invalid(
        `backbone "${backbone.name}" has no layer at output stride ${skipStride} for the skip of ${options.variant}: ${options.variant} needs feature maps at strides ${lastStride / 2}${skipsWanted > 1 ? ` and ${lastStride / 4}` : ''}`,
      );
    }
    const size = bilinearKernelSize(2);
    head.push(
      {
        kind: 'conv2dTranspose',
        name: `upscore_stride${stride}`,
        inputs: [scores],
        filters: classes,
        kernelSize: size,
        strides: 2,
        padding: 'same',
        useBias: false,
      },
      {
        kind: 'conv2d',
        name: `score_stride${skipStride}`,
        inputs: [tap.name],
        filters: classes,
        kernelSize: 1,
      },
      {
        kind: 'add',
        name: `fuse_stride${skipStride}`,
        inputs: [`upscore_stride${stride}`, `score_stride${skipStride}`],
      },
    );
    scores = `fuse_stride${skipStride}`;
    stride = skipStride;
  }
  head.push({
    kind: 'conv2dTranspose',
    name: 'upscore_final',
    inputs: [scores],
    filters: classes,
    kernelSize: bilinearKernelSize(stride),
    strides: stride,
    padding: 'same',
    useBias: false,
  });
  const spec: ModelSpecInput = {
    name: options.name ?? `${options.variant}_${backbone.name ?? 'backbone'}`,
    input: [...backbone.input],
    layers: [...layers, ...head],
  };
  analyzeAligned(
    spec,
    'the skip maps do not line up with the upsampled scores (use an input side divisible by the output stride)',
  );
  return spec;
}

/** Options of `unetSpec`. */
export interface UNetOptions {
  /** `[height, width, channels]`; each side must be divisible by 2^depth. */
  readonly input: readonly [number, number, number];
  readonly classes: number;
  /** Number of 2×2 poolings (default 4, as the paper). */
  readonly depth?: number;
  /** Filters of the first level, doubled at each level down (default 64, as the paper). */
  readonly baseFilters?: number;
  /** Batch norm after each conv (default true, as segmentation_models.pytorch). */
  readonly batchNorm?: boolean;
  readonly name?: string;
}

function doubleConv(prefix: string, filters: number, batchNorm: boolean, input?: string): LayerSpecInput[] {
  return [1, 2].flatMap((n): LayerSpecInput[] => {
    const conv: LayerSpecInput = {
      kind: 'conv2d',
      name: `${prefix}_conv${n}`,
      ...(n === 1 && input !== undefined ? { inputs: [input] } : {}),
      filters,
      kernelSize: 3,
      padding: 'same',
      useBias: !batchNorm,
      activation: batchNorm ? 'linear' : 'relu',
    };
    return batchNorm
      ? [
          conv,
          { kind: 'batchNormalization', name: `${prefix}_bn${n}`, epsilon: 1e-5, momentum: 0.9 },
          { kind: 'activation', name: `${prefix}_relu${n}`, activation: 'relu' },
        ]
      : [conv];
  });
}

const FCN_OPTION_KEYS = optionKeys<FcnOptions>()(
  'variant',
  'classes',
  'headFilters',
  'headDropout',
  'skipLayers',
  'name',
);
const UNET_OPTION_KEYS = optionKeys<UNetOptions>()(
  'input',
  'classes',
  'depth',
  'baseFilters',
  'batchNorm',
  'name',
);

/**
 * U-Net: `depth` levels of two 3×3 convs and a 2×2 max pooling, a bottleneck, then as many levels
 * of a 2×2 stride-2 transposed conv (halving the filters), concatenation with the encoder map of
 * the same size (the skip), and two 3×3 convs; a 1×1 conv gives the class logits.
 */
export function unetSpec(options: UNetOptions): ModelSpecInput {
  rejectUnknownOptions('unetSpec', options, UNET_OPTION_KEYS);
  const depth = options.depth ?? 4;
  const base = options.baseFilters ?? 64;
  const batchNorm = options.batchNorm ?? true;
  positiveInteger(depth, 'depth', 8);
  positiveInteger(base, 'baseFilters', 4096);
  positiveInteger(options.classes, 'classes', 100_000);
  const [height, width] = options.input;
  const multiple = 2 ** depth;
  if (height % multiple !== 0 || width % multiple !== 0) {
    throw new SegmentationError(
      'misaligned_maps',
      `input ${height}×${width}: a U-Net of depth ${depth} halves it ${depth} times, so each side must be divisible by ${multiple}`,
      { input: options.input, depth },
    );
  }
  const layers: LayerSpecInput[] = [];
  const outputOf = (prefix: string, n: number) => (batchNorm ? `${prefix}_relu${n}` : `${prefix}_conv${n}`);
  for (let level = 0; level < depth; level++) {
    layers.push(...doubleConv(`enc${level}`, base * 2 ** level, batchNorm));
    layers.push({ kind: 'maxPooling2d', name: `enc${level}_pool`, poolSize: 2 });
  }
  layers.push(...doubleConv('bottleneck', base * 2 ** depth, batchNorm));
  let previous = outputOf('bottleneck', 2);
  for (let level = depth - 1; level >= 0; level--) {
    const filters = base * 2 ** level;
    layers.push(
      {
        kind: 'conv2dTranspose',
        name: `dec${level}_up`,
        inputs: [previous],
        filters,
        kernelSize: 2,
        strides: 2,
        padding: 'same',
      },
      {
        kind: 'concatenate',
        name: `dec${level}_concat`,
        inputs: [`dec${level}_up`, outputOf(`enc${level}`, 2)],
      },
      ...doubleConv(`dec${level}`, filters, batchNorm),
    );
    previous = outputOf(`dec${level}`, 2);
  }
  layers.push({ kind: 'conv2d', name: 'score', inputs: [previous], filters: options.classes, kernelSize: 1 });
  return { name: options.name ?? `unet_d${depth}_w${base}`, input: [...options.input], layers };
}

/** A scoring or upsampling layer of a segmenter, with its output stride. */
export interface SegmenterHead {
  /** A layer that scores classes (`score_*`) or upsamples scores (`upscore_*`). */
  readonly layer: string;
  readonly shape: readonly number[];
  /** Input pixels between neighbouring outputs of this layer. */
  readonly outputStride: number;
  readonly params: number;
}

/** What `describeSegmenter` returns: shape-math's report, the heads and the output stride. */
export interface SegmenterDescription {
  readonly report: ModelReport;
  /** Scoring and upsampling layers in order, each with its output stride: the resolution story. */
  readonly heads: readonly SegmenterHead[];
  /** Output stride of the model's output (1 for a full-resolution mask). */
  readonly outputStride: number;
}

/** shape-math's analysis of a segmenter, with the output stride of each scoring and upsampling layer. */
export function describeSegmenter(spec: ModelSpecInput): SegmenterDescription {
  const report = analyze(spec);
  const heads = report.layers
    .filter((row) => /^(up)?score/.test(row.name) || row.name.startsWith('fuse'))
    .map((row) => ({
      layer: row.name,
      shape: row.outputShape,
      outputStride: row.effectiveStride[0],
      params: row.params.total,
    }));
  const lastRow = report.layers.find((row) => row.name === report.outputs[0]!.name)!;
  return { report, heads, outputStride: lastRow.effectiveStride[0] };
}
