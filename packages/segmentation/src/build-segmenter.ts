import { BUILD_OPTION_KEYS, type BuildOptions, type BuiltModel, buildModel } from '@cnnkit/layers-gpu';
import type { ModelSpecInput } from '@cnnkit/shape-math';
import * as tf from '@tensorflow/tfjs-core';
import { bilinearKernelSize, bilinearTransposedConvWeights } from './bilinear';
import { rejectUnknownOptions } from './options';

export interface BuildSegmenterOptions extends BuildOptions {
  /**
   * Keep the last upsampling fixed at bilinear interpolation (default true): the FCN paper fixes
   * the final deconvolution and learns only the intermediate ones (section 4.2).
   */
  readonly freezeFinalUpsampling?: boolean;
  /**
   * Draw every kernel from Glorot-uniform with this seed (Keras' default initialiser, seeded), so
   * a training run repeats on the same backend. Without it tfjs draws them unseeded.
   */
  readonly seed?: number;
}

/** Keras' `glorot_uniform`: U(−l, l), l = √(6 / (fanIn + fanOut)), fans × the kernel's window. */
function reseedKernels(built: BuiltModel, seed: number) {
  built.model.weights.forEach((weight, index) => {
    if (!weight.originalName.endsWith('kernel')) return;
    const shape = weight.shape as number[];
    const window = shape.length === 4 ? shape[0]! * shape[1]! : 1;
    const fanIn = window * shape[shape.length - 2]!;
    const fanOut = window * shape[shape.length - 1]!;
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    const value = tf.randomUniform(shape, -limit, limit, 'float32', seed + index);
    weight.write(value);
    value.dispose();
  });
}

/** The transposed convs that upsample scores channel by channel, by name: FCN's `upscore_*`. */
function bilinearCandidates(built: BuiltModel): string[] {
  return built.report.layers
    .filter((row) => row.kind === 'conv2dTranspose' && row.name.startsWith('upscore'))
    .map((row) => row.name);
}

/**
 * Builds a segmenter described by `fcnSpec` or `unetSpec` (or any spec) as a real tfjs model
 * through layers-gpu, then initialises each `upscore_*` transposed conv to bilinear interpolation
 * (FCN's "interp" surgery: kernel `2f − f % 2`, stride f, channel c to channel c), and zeroes
 * the skip scorers (`score_strideN` but the deepest), as the paper initialises new layers.
 */
export function buildSegmenter(spec: ModelSpecInput, options: BuildSegmenterOptions = {}): BuiltModel {
  rejectUnknownOptions('buildSegmenter', options, ['freezeFinalUpsampling', 'seed', ...BUILD_OPTION_KEYS]);
  const { freezeFinalUpsampling = true, seed, ...buildOptions } = options;
  const built = buildModel(spec, buildOptions);
  if (seed !== undefined) reseedKernels(built, seed);
  const upsamplers = bilinearCandidates(built);
  for (const name of upsamplers) {
    const layer = built.model.getLayer(name);
    const [kernel] = layer.getWeights();
    if (kernel === undefined) continue;
    const [size, , outChannels, inChannels] = kernel.shape as [number, number, number, number];
    const stride = (layer.getConfig() as { strides: number[] }).strides[0]!;
    if (outChannels !== inChannels || size !== bilinearKernelSize(stride)) continue;
    const weights = tf.tensor4d(bilinearTransposedConvWeights(size, inChannels), [
      size,
      size,
      outChannels,
      inChannels,
    ]);
    layer.setWeights([weights, ...layer.getWeights().slice(1)]);
    weights.dispose();
  }
  if (freezeFinalUpsampling && upsamplers.includes('upscore_final')) {
    built.model.getLayer('upscore_final').trainable = false;
  }
  const scorers = built.report.layers.filter((row) => /^score_stride\d+$/.test(row.name));
  const deepest = Math.max(...scorers.map((row) => row.effectiveStride[0]));
  for (const row of scorers) {
    if (row.effectiveStride[0] === deepest) continue;
    const layer = built.model.getLayer(row.name);
    const zeros = layer.getWeights().map((w) => tf.zerosLike(w));
    layer.setWeights(zeros);
    tf.dispose(zeros);
  }
  return built;
}

/** How `resizeMaps` interpolates: bilinear for scores and images, nearest for label masks. */
export type ResizeMethod = 'bilinear' | 'nearest';

/**
 * Resizes score maps or images `[batch, h, w, c]` to `[height, width]` with half-pixel centres
 * (PyTorch's `align_corners=False`, what torchvision's FCN applies to its logits).
 */
export function resizeMaps(
  maps: tf.Tensor4D,
  size: readonly [number, number],
  method: ResizeMethod = 'bilinear',
): tf.Tensor4D {
  const target: [number, number] = [size[0], size[1]];
  return method === 'bilinear'
    ? tf.image.resizeBilinear(maps, target, false, true)
    : tf.image.resizeNearestNeighbor(maps, target, false, true);
}
