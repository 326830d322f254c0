/*
 * The pure half of the FCN/U-Net comparison: model names, specs, settings and formatting (no
 * TensorFlow.js). `compareSegmenters`, which trains the models, is in `compare-run.ts` (the
 * `@cnnkit/segmentation/build` entry).
 */
import type { ModelSpecInput } from '@cnnkit/shape-math';
import { SHAPE_CLASSES, type SyntheticDataset } from './dataset';
import { SegmentationError } from './errors';
import { resolveBoundaryTolerance } from './metrics';
import { optionKeys, rejectUnknownOptions } from './options';
import { fcnSpec, unetSpec } from './segmenters';
import type { TrainingProgress } from './train';

/** The models `compareSegmenters` can train, by name. */
export const SEGMENTER_NAMES = ['fcn32s', 'fcn16s', 'fcn8s', 'unet'] as const;
/** One of `SEGMENTER_NAMES`. */
export type SegmenterName = (typeof SEGMENTER_NAMES)[number];

/**
 * The backbone every FCN in the comparison shares: five stages of a 3×3 conv and a 2×2 max
 * pooling (VGG's pattern, output stride 32), small enough to train on a CPU in a minute.
 */
export function compactVggBackbone(
  size: number,
  widths: readonly number[] = [16, 32, 64, 64, 64],
): ModelSpecInput {
  return {
    name: 'compact_vgg',
    input: [size, size, 3],
    layers: widths.flatMap((filters, stage) => [
      {
        kind: 'conv2d' as const,
        name: `conv${stage + 1}`,
        filters,
        kernelSize: 3,
        padding: 'same' as const,
        activation: 'relu' as const,
      },
      { kind: 'maxPooling2d' as const, name: `pool${stage + 1}`, poolSize: 2 },
    ]),
  };
}

/** Settings of `compareSegmenters`; each has a default. */
export interface CompareOptions {
  /** Which models to train (default FCN-32s, FCN-8s, U-Net). */
  readonly models?: readonly SegmenterName[];
  /** Image side (default 64; must be divisible by 32). */
  readonly size?: number;
  readonly trainCount?: number;
  readonly testCount?: number;
  readonly epochs?: number;
  readonly batchSize?: number;
  readonly learningRate?: number;
  readonly seed?: number;
  /**
   * Boundary F1 tolerance in pixels (default DAVIS' ⌈0.008 · diagonal⌉: 1 px at 32×32 and 64×64,
   * 2 px at 128×128; see `BOUNDARY_TOLERANCE_RULES`).
   */
  readonly tolerancePixels?: number;
  /** U-Net depth and width (default 3 and 8). */
  readonly unet?: { readonly depth?: number; readonly baseFilters?: number };
  /** Progress after each epoch; leave out for silence (e.g. under `--json`). */
  readonly onProgress?: (progress: TrainingProgress) => void;
}

/** One model's result in a comparison: size, scores on the test images, training time and its masks. */
export interface ComparisonRow {
  readonly model: SegmenterName;
  readonly params: number;
  /**
   * The finest output stride at which encoder detail reaches the output: 32 for FCN-32s (no skip),
   * 8 for FCN-8s (pool3's scores), 1 for U-Net (its last decoder level concatenates the full-size map).
   */
  readonly finestSkipStride: number;
  readonly pixelAccuracy: number;
  /** Pixel accuracy of answering background everywhere on the same test images (the floor). */
  readonly baselineAccuracy: number;
  /** Classes the model predicted on at least one test pixel (indices into `classNames`). */
  readonly classesPredicted: readonly number[];
  readonly meanIoU: number;
  readonly boundaryF1: number;
  readonly finalLoss: number;
  readonly trainMs: number;
  /** Predicted masks of the test images, `[testCount, size, size]`. */
  readonly predicted: Int32Array;
}

/** What `compareSegmenters` returns: the backend, the settings used, one row per model and the test images. */
export interface Comparison {
  readonly backend: string;
  readonly settings: Required<Omit<CompareOptions, 'onProgress' | 'unet' | 'models'>> & {
    readonly models: readonly SegmenterName[];
  };
  readonly classNames: readonly string[];
  readonly rows: readonly ComparisonRow[];
  readonly test: SyntheticDataset;
}

const COMPARE_OPTION_KEYS = optionKeys<CompareOptions>()(
  'models',
  'size',
  'trainCount',
  'testCount',
  'epochs',
  'batchSize',
  'learningRate',
  'seed',
  'tolerancePixels',
  'unet',
  'onProgress',
);
const UNET_SETTING_KEYS = optionKeys<NonNullable<CompareOptions['unet']>>()('depth', 'baseFilters');

/** The spec of a named model of the comparison. */
export function comparisonSpec(
  name: SegmenterName,
  size: number,
  options: Pick<CompareOptions, 'unet'> = {},
): ModelSpecInput {
  rejectUnknownOptions('comparisonSpec', options, ['unet']);
  rejectUnknownOptions('comparisonSpec: unet', options.unet, UNET_SETTING_KEYS);
  const classes = SHAPE_CLASSES.length;
  if (name === 'unet') {
    return unetSpec({
      input: [size, size, 3],
      classes,
      depth: options.unet?.depth ?? 3,
      baseFilters: options.unet?.baseFilters ?? 8,
      name: 'unet',
    });
  }
  // No dropout in the head: tfjs draws dropout masks unseeded, and a short training on clean
  // synthetic data does not need it; without it the comparison repeats exactly on one backend.
  return fcnSpec(compactVggBackbone(size), { variant: name, classes, name, headDropout: 0 });
}

/**
 * The settings `compareSegmenters` runs with: each option or its default (FCN-32s, FCN-8s and U-Net;
 * 64×64; 256 training and 48 test images; 8 epochs of batch 8; learning rate 0.005; seed 1; DAVIS'
 * boundary tolerance), checked (known keys and models, a size divisible by 32) before anything trains.
 */
export function resolveCompareSettings(options: CompareOptions = {}): Comparison['settings'] {
  rejectUnknownOptions('compareSegmenters', options, COMPARE_OPTION_KEYS);
  rejectUnknownOptions('compareSegmenters: unet', options.unet, UNET_SETTING_KEYS);
  const models = options.models ?? (['fcn32s', 'fcn8s', 'unet'] as const);
  for (const name of models) {
    if (!SEGMENTER_NAMES.includes(name)) {
      throw new SegmentationError(
        'invalid_options',
        `model ${JSON.stringify(name)}: must be one of ${SEGMENTER_NAMES.join(', ')}`,
      );
    }
  }
  const size = options.size ?? 64;
  const settings = {
    models,
    size,
    trainCount: options.trainCount ?? 256,
    testCount: options.testCount ?? 48,
    epochs: options.epochs ?? 8,
    batchSize: options.batchSize ?? 8,
    learningRate: options.learningRate ?? 5e-3,
    seed: options.seed ?? 1,
    tolerancePixels: resolveBoundaryTolerance(
      options.tolerancePixels === undefined ? {} : { tolerancePixels: options.tolerancePixels },
      { height: size, width: size },
    ),
  };
  if (settings.size % 32 !== 0) {
    throw new SegmentationError(
      'invalid_options',
      `size ${settings.size}: must be a multiple of 32 (the FCNs' output stride)`,
    );
  }
  return settings;
}

/** A Markdown table of a comparison, for the README and the terminal. */
export function formatComparison(comparison: Comparison): string {
  const lines = [
    '| model | params | finest skip stride | pixel accuracy | mean IoU | boundary F1 | train time |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...comparison.rows.map(
      (row) =>
        `| ${row.model} | ${row.params.toLocaleString('en-US')} | ${row.finestSkipStride} | ${row.pixelAccuracy.toFixed(3)} | ${row.meanIoU.toFixed(3)} | ${row.boundaryF1.toFixed(3)} | ${(row.trainMs / 1000).toFixed(0)} s |`,
    ),
  ];
  return lines.join('\n');
}

/** A one-line progress display for a terminal: `fcn8s epoch 3/8 loss 0.412 IoU 0.61`. */
export function progressLine(progress: TrainingProgress): string {
  const iou = progress.meanIoU === undefined ? '' : ` IoU ${progress.meanIoU.toFixed(3)}`;
  return `${progress.model} epoch ${progress.epoch}/${progress.epochs} loss ${progress.loss.toFixed(3)}${iou} (${(progress.elapsedMs / 1000).toFixed(0)} s)`;
}
