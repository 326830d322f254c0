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
 * U-Net follows Ronneberger, Fischer, Brox (MICCAI 2015): by default with "same" padding instead of
 * cropping, as segmentation_models.pytorch and most modern versions do, so the output has the
 * input's size; `padding: 'valid'` builds the paper's crop-and-copy network.
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

/**
 * The classifier heads `fcnSpec` builds on the backbone's last map: `torchvision` (FCNHead: 3×3 conv
 * to a quarter of the channels, batch norm, ReLU, dropout 0.1, 1×1 scorer) or `paper` (Long,
 * Shelhamer, Darrell's fc6/fc7 as convolutions, padding 100 and final crops).
 */
export const FCN_HEADS = ['torchvision', 'paper'] as const;
/** One of `FCN_HEADS`. */
export type FcnHead = (typeof FCN_HEADS)[number];

/** Options of `fcnSpec`. */
export interface FcnOptions {
  readonly variant: FcnVariant;
  /** Number of classes, background included. */
  readonly classes: number;
  /**
   * Which network: `torchvision` (default; torchvision's FCNHead, inputs a multiple of the output
   * stride) or `paper` (the reference's fc6 7×7×4096, fc7 1×1×4096 with dropout 0.5, padding 100 on
   * the first conv and crops: any input size comes back at its own size). See `fcnSpec`.
   */
  readonly head?: FcnHead;
  /** Filters of the head's 3×3 conv (torchvision head only; default: a quarter of the last map's channels, at least `classes`). */
  readonly headFilters?: number;
  /** Dropout rate in the head (default 0.1, as torchvision's FCNHead; 0.5 after fc6 and fc7 for `paper`). */
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

/**
 * Batch norm then ReLU after a bias-free conv: the FCN head's and each U-Net conv's block, with
 * PyTorch's batch-norm defaults (momentum 0.9 here is PyTorch's 0.1; epsilon 1e-5).
 */
function batchNormRelu(bnName: string, reluName: string): LayerSpecInput[] {
  return [
    { kind: 'batchNormalization', name: bnName, epsilon: 1e-5, momentum: 0.9 },
    { kind: 'activation', name: reluName, activation: 'relu' },
  ];
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
 * The layer a skip reads at output stride `skipStride`: the one `skipLayers` names (`chosen`), else
 * `skipAtStride`'s pick; undefined when there is none (the caller says why). Both FCN heads use it.
 */
function skipTap(
  rows: readonly LayerReport[],
  skipStride: number,
  chosen: string | undefined,
): LayerReport | undefined {
  if (chosen !== undefined) return rows.find((row) => row.name === chosen);
  return Number.isInteger(skipStride) ? skipAtStride(rows, skipStride) : undefined;
}

/**
 * An FCN upsampler: a transposed conv of the class scores ×`factor` (kernel `2f − f % 2`, stride f,
 * no bias; `buildSegmenter` initialises it to bilinear). The torchvision head pads "same"; the
 * paper's is valid (cropped afterwards), its final one fixed (`trainable: false`).
 */
function upscoreLayer(
  name: string,
  input: string,
  classes: number,
  factor: number,
  options: { readonly padding?: 'same'; readonly trainable?: false } = {},
): LayerSpecInput {
  return {
    kind: 'conv2dTranspose',
    name,
    inputs: [input],
    filters: classes,
    kernelSize: bilinearKernelSize(factor),
    strides: factor,
    ...(options.padding === undefined ? {} : { padding: options.padding }),
    useBias: false,
    ...(options.trainable === undefined ? {} : { trainable: options.trainable }),
  };
}

/** The 1×1 conv that scores a skip's map (`score_strideN`), as both FCN heads do. */
function skipScorer(skipStride: number, tap: string, classes: number): LayerSpecInput {
  return {
    kind: 'conv2d',
    name: `score_stride${skipStride}`,
    inputs: [tap],
    filters: classes,
    kernelSize: 1,
  };
}

/** The sum of the ×2-upsampled deeper scores and a skip's scores (`fuse_strideN`). */
function fuseLayer(skipStride: number, upscore: string, skipScores: string): LayerSpecInput {
  return { kind: 'add', name: `fuse_stride${skipStride}`, inputs: [upscore, skipScores] };
}

/**
 * FCN-32s, FCN-16s or FCN-8s on a backbone spec (a registry classifier's top is dropped). `head`
 * chooses which network it builds:
 *
 * - `torchvision` (the default): torchvision's `FCNHead` on the last map (3×3 conv to a quarter of
 *   the channels, batch norm, ReLU, dropout 0.1, then the 1×1 scorer), on any backbone. The skips
 *   are the last layers at output strides 16 and 8, found with shape-math, each scored by a 1×1 conv
 *   and added to the ×2-upsampled deeper scores; the last transposed conv returns to the input
 *   size. Upsampling kernels are `2f − f % 2` wide with stride f ("same"). Each input side must be
 *   a multiple of the backbone's output stride (32 for VGG16).
 * - `paper`: Long, Shelhamer and Darrell's network (CVPR 2015; the reference `voc-fcn*s/net.py` of
 *   shelhamer/fcn.berkeleyvision.org) on a VGG-like backbone (a chain of convs and 2×2 poolings):
 *   padding 100 on the first conv, fc6 as a 7×7×4096 "valid" conv and fc7 as a 1×1×4096 conv (ReLU
 *   and dropout 0.5 after each), a 1×1 scorer, skips from the poolings at strides 16 and 8 (pool4,
 *   pool3) cropped to the ×2 upsampled scores, and a final crop to the input, so any input size
 *   (e.g. 500×500) comes back at its own size. Poolings round up, as Caffe's do ("same" 2×2/2
 *   pooling gives Caffe's sizes and windows). The crop offsets come from the layers' coordinate maps
 *   (Caffe's `crop` layer computes them the same way): 5 and 9 for the skips, and 19, 27 or 31 for
 *   the final crop of FCN-32s, 16s or 8s on VGG16. The ×2 upsamplers (kernel 4, stride 2, no bias)
 *   are learned, the final one (kernel 2f, stride f) is fixed bilinear and marked `trainable: false`
 *   (Caffe's `lr_mult: 0`), so its weights count as non-trainable; see the paper's section 4.3.
 *
 * Outputs are logits, `[height, width, classes]`.
 */
export function fcnSpec(backbone: ModelSpecInput, options: FcnOptions): ModelSpecInput {
  rejectUnknownOptions('fcnSpec', options, FCN_OPTION_KEYS);
  if (!FCN_VARIANTS.includes(options.variant)) {
    invalid(`variant ${JSON.stringify(options.variant)}: must be one of ${FCN_VARIANTS.join(', ')}`);
  }
  positiveInteger(options.classes, 'classes', 100_000);
  const headKind = options.head ?? 'torchvision';
  if (!FCN_HEADS.includes(headKind)) {
    invalid(`head ${JSON.stringify(headKind)}: must be one of ${FCN_HEADS.join(', ')}`, {
      head: headKind,
      allowed: FCN_HEADS,
    });
  }
  const layers = backboneLayers(backbone);
  if (layers.length === 0)
    invalid(`backbone "${backbone.name}" has no feature layers before its classifier top`);
  if (headKind === 'paper') return fcnPaperSpec(backbone, layers, options);
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
    ...batchNormRelu('head_bn', 'head_relu'),
    ...(headDropout > 0 ? [{ kind: 'dropout', name: 'head_dropout', rate: headDropout } as const] : []),
    { kind: 'conv2d', name: `score_stride${lastStride}`, filters: classes, kernelSize: 1 },
  ];
  let scores = `score_stride${lastStride}`;
  let stride = lastStride;
  for (let skip = 0; skip < skipsWanted; skip++) {
    const skipStride = stride / 2;
    const chosen = options.skipLayers?.[skip];
    const tap = skipTap(features.layers, skipStride, chosen);
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
    head.push(
      upscoreLayer(`upscore_stride${stride}`, scores, classes, 2, { padding: 'same' }),
      skipScorer(skipStride, tap.name, classes),
      fuseLayer(skipStride, `upscore_stride${stride}`, `score_stride${skipStride}`),
    );
    scores = `fuse_stride${skipStride}`;
    stride = skipStride;
  }
  head.push(upscoreLayer('upscore_final', scores, classes, stride, { padding: 'same' }));
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

/** Layers a coordinate map can follow in the paper head's backbone: one input, no branching. */
const PAPER_BACKBONE_KINDS = new Set([
  'conv2d',
  'maxPooling2d',
  'averagePooling2d',
  'activation',
  'batchNormalization',
  'dropout',
  'localResponseNormalization',
]);

/**
 * Where each position of a map lies on the input, per axis: position y of the map is centred on
 * input coordinate `scale · y + shift` (Caffe's `coord_map`, which its `crop` layer uses to
 * compute offsets). A window layer (conv, pooling) with top padding p, span k and stride s maps
 * output y to input `s·y − p + (k − 1)/2`; a transposed conv with kernel k and stride s maps input
 * x to output `s·x + (k − 1)/2`; a crop of c shifts by c.
 */
interface CoordinateMap {
  readonly scale: number;
  readonly shift: number;
}

/** The coordinate map of a window layer's output from its input's, read off shape-math's row. */
function throughWindow(
  before: CoordinateMap,
  row: LayerReport,
  previous: LayerReport | undefined,
  axis: 0 | 1,
) {
  const inputStride = previous?.effectiveStride[axis] ?? 1;
  const inputField = previous?.receptiveField[axis] ?? 1;
  // r_out = r_in + (span − 1)·j_in (Araujo et al. 2019): the span from the receptive fields.
  const span = (row.receptiveField[axis] - inputField) / inputStride + 1;
  const top = row.padding?.[axis][0] ?? 0;
  return { scale: row.effectiveStride[axis], shift: before.shift + before.scale * ((span - 1) / 2 - top) };
}

/**
 * The paper's FCN (see `fcnSpec`, `head: 'paper'`): the backbone with padding 100 on its first conv
 * and Caffe-sized (rounding up) poolings, fc6/fc7 as convolutions, the scorer, the skips with their
 * crops, the fixed final upsampler and the crop back to the input.
 */
function fcnPaperSpec(
  backbone: ModelSpecInput,
  backboneSpec: readonly LayerSpecInput[],
  options: FcnOptions,
): ModelSpecInput {
  const name = backbone.name ?? 'backbone';
  const first = backboneSpec[0]!;
  if (first.kind !== 'conv2d') {
    invalid(
      `head "paper" pads the backbone's first conv by 100 (as the reference's conv1_1): backbone "${name}" starts with ${first.kind}`,
      { head: 'paper' },
    );
  }
  for (const [index, layer] of backboneSpec.entries()) {
    const readsPrevious =
      layer.inputs === undefined ||
      (layer.inputs.length === 1 &&
        layer.inputs[0] === (index === 0 ? 'input' : backboneSpec[index - 1]!.name));
    if (!PAPER_BACKBONE_KINDS.has(layer.kind) || !readsPrevious) {
      invalid(
        `head "paper" follows the reference's VGG16: the backbone must be a chain of ${[...PAPER_BACKBONE_KINDS].join(', ')} layers; "${layer.name}" of "${name}" is ${readsPrevious ? `a ${layer.kind}` : 'a branch'}. Use head "torchvision" for this backbone`,
        { head: 'paper', layer: layer.name },
      );
    }
  }
  if (options.headFilters !== undefined)
    invalid('headFilters: the paper head has fc6 and fc7 of 4096 filters, not a head conv; leave it out', {
      head: 'paper',
    });
  const dropout = options.headDropout ?? 0.5;
  if (!(dropout >= 0 && dropout < 1)) invalid(`headDropout ${dropout}: must be in [0, 1)`);
  const classes = options.classes;
  const layers: LayerSpecInput[] = backboneSpec.map((layer, index) =>
    index === 0
      ? { ...layer, padding: 100 } // conv1_1's pad=100 in the reference net.py
      : layer.kind === 'maxPooling2d' || layer.kind === 'averagePooling2d'
        ? { ...layer, padding: 'same' } // Caffe's pooling rounds up; "same" gives its sizes
        : layer,
  ) as LayerSpecInput[];
  const last = layers.at(-1)!.name!;
  layers.push(
    { kind: 'conv2d', name: 'fc6', inputs: [last], filters: 4096, kernelSize: 7, activation: 'relu' },
    ...(dropout > 0 ? [{ kind: 'dropout', name: 'drop6', rate: dropout } as const] : []),
    { kind: 'conv2d', name: 'fc7', filters: 4096, kernelSize: 1, activation: 'relu' },
    ...(dropout > 0 ? [{ kind: 'dropout', name: 'drop7', rate: dropout } as const] : []),
    { kind: 'conv2d', name: 'score_stride32', filters: classes, kernelSize: 1 },
  );
  const input = [...backbone.input] as ModelSpecInput['input'];
  const specNow = (): ModelSpecInput => ({ name: 'partial', input, layers });
  const rowsNow = () => analyzeAligned(specNow(), 'the paper head does not fit this backbone').layers;

  /** The coordinate map of every layer so far, per axis, following each layer's first input. */
  const coordinateMaps = (rows: readonly LayerReport[]) => {
    const maps = new Map<string, readonly [CoordinateMap, CoordinateMap]>([
      [
        'input',
        [
          { scale: 1, shift: 0 },
          { scale: 1, shift: 0 },
        ],
      ],
    ]);
    const byName = new Map(rows.map((row) => [row.name, row]));
    for (const row of rows) {
      const source = row.inputs[0]!;
      const before = maps.get(source)!;
      const previous = byName.get(source);
      const spec = layers.find((layer) => layer.name === row.name);
      const axes = ([0, 1] as const).map((axis): CoordinateMap => {
        if (row.kind === 'conv2d' || row.kind === 'maxPooling2d' || row.kind === 'averagePooling2d')
          return throughWindow(before[axis]!, row, previous, axis);
        if (row.kind === 'conv2dTranspose' && spec?.kind === 'conv2dTranspose') {
          const kernel = spec.kernelSize as number;
          const stride = spec.strides as number;
          return {
            scale: before[axis]!.scale / stride,
            shift: before[axis]!.shift - (before[axis]!.scale * (kernel - 1)) / 2 / stride,
          };
        }
        if (row.kind === 'cropping2d' && spec?.kind === 'cropping2d') {
          const [[top], [left]] = spec.cropping as [[number, number], [number, number]];
          return {
            scale: before[axis]!.scale,
            shift: before[axis]!.shift + before[axis]!.scale * (axis === 0 ? top : left),
          };
        }
        return before[axis]!; // activation, dropout, batch norm, add: position by position
      }) as unknown as readonly [CoordinateMap, CoordinateMap];
      maps.set(row.name, axes);
    }
    return maps;
  };

  /** A crop of `source` that aligns it with `target` (same scale), with Caffe's offsets. */
  const cropTo = (cropName: string, source: string, target: string) => {
    const rows = rowsNow();
    const maps = coordinateMaps(rows);
    const shape = (layer: string) =>
      layer === 'input' ? input : rows.find((row) => row.name === layer)!.outputShape;
    const cropping = ([0, 1] as const).map((axis) => {
      const from = maps.get(source)![axis];
      const to = maps.get(target)![axis];
      const offset = (to.shift - from.shift) / from.scale;
      const extra = shape(source)[axis]! - offset - shape(target)[axis]!;
      if (!Number.isInteger(offset) || offset < 0 || extra < 0) {
        throw new SegmentationError(
          'misaligned_maps',
          `${cropName}: "${source}" (${shape(source).slice(0, 2).join('×')}) cannot be cropped onto "${target}" (${shape(target).slice(0, 2).join('×')}) at offset ${offset}: the backbone's maps do not line up as the reference's VGG16 does`,
          { layer: cropName, offset },
        );
      }
      return [offset, extra] as [number, number];
    });
    layers.push({
      kind: 'cropping2d',
      name: cropName,
      inputs: [source],
      cropping: [cropping[0]!, cropping[1]!],
    });
  };

  const skipsWanted = options.variant === 'fcn32s' ? 0 : options.variant === 'fcn16s' ? 1 : 2;
  const rows = rowsNow();
  let scores = 'score_stride32';
  let stride = rows.find((row) => row.name === 'score_stride32')!.effectiveStride[0];
  for (let skip = 0; skip < skipsWanted; skip++) {
    const skipStride = stride / 2;
    const chosen = options.skipLayers?.[skip];
    const tap = skipTap(rows, skipStride, chosen);
    if (tap === undefined || tap.effectiveStride[0] !== skipStride) {
      invalid(
        `${chosen === undefined ? `backbone "${name}" has no layer` : `skipLayers[${skip}] ${JSON.stringify(chosen)} is not a backbone layer`} at output stride ${skipStride} for the skip of ${options.variant}`,
      );
    }
    // The reference's upscore2 / upscore_pool4: kernel 4, stride 2, no bias, learned.
    layers.push(
      upscoreLayer(`upscore_stride${stride}`, scores, classes, 2),
      skipScorer(skipStride, tap.name, classes),
    );
    cropTo(`score_stride${skipStride}_crop`, `score_stride${skipStride}`, `upscore_stride${stride}`);
    layers.push(fuseLayer(skipStride, `upscore_stride${stride}`, `score_stride${skipStride}_crop`));
    scores = `fuse_stride${skipStride}`;
    stride = skipStride;
  }
  // The reference's upscore8 / upscore16 / upscore: fixed bilinear (lr_mult 0), no bias.
  layers.push(upscoreLayer('upscore_final', scores, classes, stride, { trainable: false }));
  cropTo('score', 'upscore_final', 'input');
  const spec: ModelSpecInput = {
    name: options.name ?? `${options.variant}_paper_${name}`,
    input,
    layers,
  };
  analyzeAligned(spec, 'the paper head does not fit this backbone');
  return spec;
}

/** The padding of U-Net's 3×3 convolutions: `same` (modern, output = input size) or `valid` (the paper). */
export const UNET_PADDINGS = ['same', 'valid'] as const;
/** One of `UNET_PADDINGS`. */
export type UNetPadding = (typeof UNET_PADDINGS)[number];

/** Options of `unetSpec`. */
export interface UNetOptions {
  /**
   * `[height, width, channels]`. With `same` padding each side must be divisible by 2^depth; with
   * `valid` padding every map a 2×2 pooling reads must have even sides (572 for the paper's depth 4).
   */
  readonly input: readonly [number, number, number];
  readonly classes: number;
  /** Number of 2×2 poolings (default 4, as the paper). */
  readonly depth?: number;
  /** Filters of the first level, doubled at each level down (default 64, as the paper). */
  readonly baseFilters?: number;
  /** Batch norm after each conv (default true, as segmentation_models.pytorch; the paper has none). */
  readonly batchNorm?: boolean;
  /**
   * The 3×3 convolutions' padding (default `same`, as segmentation_models.pytorch: the output has the
   * input's size). `valid` is the paper's: each conv loses a border of 1, the skip is cropped to the
   * decoder's size (crop-and-copy) and the output is smaller than the input (572 → 388).
   */
  readonly padding?: UNetPadding;
  readonly name?: string;
}

function doubleConv(
  prefix: string,
  filters: number,
  batchNorm: boolean,
  padding: UNetPadding,
  input?: string,
): LayerSpecInput[] {
  return [1, 2].flatMap((n): LayerSpecInput[] => {
    const conv: LayerSpecInput = {
      kind: 'conv2d',
      name: `${prefix}_conv${n}`,
      ...(n === 1 && input !== undefined ? { inputs: [input] } : {}),
      filters,
      kernelSize: 3,
      padding,
      useBias: !batchNorm,
      activation: batchNorm ? 'linear' : 'relu',
    };
    return batchNorm ? [conv, ...batchNormRelu(`${prefix}_bn${n}`, `${prefix}_relu${n}`)] : [conv];
  });
}

const FCN_OPTION_KEYS = optionKeys<FcnOptions>()(
  'variant',
  'classes',
  'head',
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
  'padding',
  'name',
);

/**
 * Whether a side works for a U-Net with valid 3×3 convolutions: every 2×2 pooling must read a map
 * with an even side (Ronneberger et al. 2015, section 2: "select the input tile size such that all
 * 2x2 max-pooling operations are applied to a layer with an even x- and y-size"), and every conv
 * must still have a 3×3 window to read, down to the decoder's last conv.
 */
function validUNetSide(side: number, depth: number): boolean {
  let size = side;
  for (let level = 0; level < depth; level++) {
    size -= 4; // two valid 3×3 convs
    if (size < 2 || size % 2 !== 0) return false;
    size /= 2;
  }
  size -= 4; // the bottleneck's two convs
  if (size < 1) return false;
  for (let level = 0; level < depth; level++) size = 2 * size - 4; // up ×2, two convs
  return size >= 1;
}

/** The valid sides nearest to `side`, below (when there is one) and above. */
function nearestValidUNetSides(side: number, depth: number): number[] {
  const found: number[] = [];
  for (let below = side - 1; below >= 1; below--) {
    if (validUNetSide(below, depth)) {
      found.push(below);
      break;
    }
  }
  for (let above = side + 1; ; above++) {
    if (validUNetSide(above, depth)) {
      found.push(above);
      break;
    }
  }
  return found;
}

/**
 * U-Net (Ronneberger, Fischer, Brox, MICCAI 2015): `depth` levels of two 3×3 convs and a 2×2 max
 * pooling, a bottleneck, then as many levels of a 2×2 stride-2 transposed conv (halving the
 * filters), concatenation with the encoder map of that level (the skip), and two 3×3 convs; a 1×1
 * conv gives the class logits. The options choose which network it builds:
 *
 * - Defaults (`padding: 'same'`, `batchNorm: true`): the modern form of segmentation_models.pytorch —
 *   "same" 3×3 convs, each followed by batch norm and ReLU, so the output has the input's size and
 *   each side must be divisible by 2^depth.
 * - `padding: 'valid'`: the paper's crop-and-copy — valid 3×3 convs, and each skip cropped
 *   (`cropping2d`, equally on every side) to the up-convolution's size before the concatenation.
 *   Sides must give even maps at every pooling, else `misaligned_maps` names the nearest valid sides.
 *   With `batchNorm: false`, depth 4, 64 base filters, a `[572, 572, 1]` input and 2 classes it is
 *   the paper's network exactly (Fig. 1): 572×572×1 → 388×388×2, 31,030,658 parameters.
 */
export function unetSpec(options: UNetOptions): ModelSpecInput {
  rejectUnknownOptions('unetSpec', options, UNET_OPTION_KEYS);
  const depth = options.depth ?? 4;
  const base = options.baseFilters ?? 64;
  const batchNorm = options.batchNorm ?? true;
  const padding = options.padding ?? 'same';
  positiveInteger(depth, 'depth', 8);
  positiveInteger(base, 'baseFilters', 4096);
  positiveInteger(options.classes, 'classes', 100_000);
  if (!UNET_PADDINGS.includes(padding)) {
    invalid(`padding ${JSON.stringify(padding)}: must be one of ${UNET_PADDINGS.join(', ')}`, {
      padding,
      allowed: UNET_PADDINGS,
    });
  }
  const [height, width] = options.input;
  if (padding === 'same') {
    const multiple = 2 ** depth;
    if (height % multiple !== 0 || width % multiple !== 0) {
      throw new SegmentationError(
        'misaligned_maps',
        `input ${height}×${width}: a U-Net of depth ${depth} halves it ${depth} times, so each side must be divisible by ${multiple}`,
        { input: options.input, depth },
      );
    }
  } else {
    for (const [axis, side] of [
      ['height', height],
      ['width', width],
    ] as const) {
      if (validUNetSide(side, depth)) continue;
      const nearest = nearestValidUNetSides(side, depth);
      throw new SegmentationError(
        'misaligned_maps',
        `input ${axis} ${side}: with valid padding a U-Net of depth ${depth} needs an even map at each of its ${depth} poolings (each level loses 4 pixels to two 3×3 convs), and ${side} gives an odd one or none; the nearest valid sides are ${nearest.join(' and ')}`,
        { input: options.input, depth, axis, nearestValidSides: nearest },
      );
    }
  }
  const layers: LayerSpecInput[] = [];
  const outputOf = (prefix: string, n: number) => (batchNorm ? `${prefix}_relu${n}` : `${prefix}_conv${n}`);
  for (let level = 0; level < depth; level++) {
    layers.push(...doubleConv(`enc${level}`, base * 2 ** level, batchNorm, padding));
    layers.push({ kind: 'maxPooling2d', name: `enc${level}_pool`, poolSize: 2 });
  }
  layers.push(...doubleConv('bottleneck', base * 2 ** depth, batchNorm, padding));
  const input: [number, number, number] = [...options.input];
  let previous = outputOf('bottleneck', 2);
  for (let level = depth - 1; level >= 0; level--) {
    const filters = base * 2 ** level;
    const skip = outputOf(`enc${level}`, 2);
    layers.push({
      kind: 'conv2dTranspose',
      name: `dec${level}_up`,
      inputs: [previous],
      filters,
      kernelSize: 2,
      strides: 2,
      // 2×2 stride 2: "same" and "valid" both double the side exactly; "valid" says no padding.
      padding,
    });
    let copied = skip;
    if (padding === 'valid') {
      // Crop-and-copy: the skip loses (its side − the up-convolution's side) / 2 on every side.
      // Sizes come from shape-math's analysis of the network so far.
      const rows = analyze({ input, layers } as ModelSpecInput).layers;
      const sideOf = (name: string) => rows.find((row) => row.name === name)!.outputShape;
      const [skipHeight, skipWidth] = sideOf(skip) as [number, number];
      const [upHeight, upWidth] = sideOf(`dec${level}_up`) as [number, number];
      layers.push({
        kind: 'cropping2d',
        name: `enc${level}_crop`,
        inputs: [skip],
        cropping: [(skipHeight - upHeight) / 2, (skipWidth - upWidth) / 2],
      });
      copied = `enc${level}_crop`;
    }
    layers.push(
      { kind: 'concatenate', name: `dec${level}_concat`, inputs: [`dec${level}_up`, copied] },
      ...doubleConv(`dec${level}`, filters, batchNorm, padding),
    );
    previous = outputOf(`dec${level}`, 2);
  }
  layers.push({ kind: 'conv2d', name: 'score', inputs: [previous], filters: options.classes, kernelSize: 1 });
  const variant = padding === 'valid' ? '_valid' : '';
  return { name: options.name ?? `unet_d${depth}_w${base}${variant}`, input, layers };
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
