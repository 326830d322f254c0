/*
 * Question 8's live small run (`explain -q 8 --live`): FCN-32s, FCN-8s and U-Net trained briefly on
 * the same synthetic shapes by @cnnkit/segmentation (in the measurement worker), their masks side by
 * side with the input and the ground truth. This module is the main thread's half: the settings and
 * the cache on disk; the text for it and for the committed run is in segmentation-demonstration.ts.
 * It loads no TensorFlow.js (test/import-graph.test.ts).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { z } from 'zod';
import { strictObject } from '../strict';

/** The models the quiz compares: no skip, skips down to stride 8, skips at every level. */
export const QUIZ_SEGMENTERS = ['fcn32s', 'fcn8s', 'unet'] as const;
/** One of the quiz's compared models. */
export type QuizSegmenter = (typeof QUIZ_SEGMENTERS)[number];

const count = (name: string, min: number, max: number, fallback: number) =>
  z
    .number({ error: `${name} must be a whole number from ${min} to ${max}` })
    .int(`${name} must be a whole number from ${min} to ${max}`)
    .min(min, `${name} must be at least ${min}`)
    .max(max, `${name} must be at most ${max}`)
    .default(fallback);

/**
 * How the live comparison is trained. The defaults are small on purpose (32×32 images, 96 of them,
 * six epochs: 15–30 s on one wasm thread of this 2-core machine, by its load) and too small to
 * show what skips do: at 32×32 FCN-32s has a 1×1 score map and can only predict one class
 * everywhere. The quiz shows the committed multi-seed run (`segmentation-demonstration.ts`); this
 * live run is offered beside it, labelled as such.
 */
export const segmentationPictureSettingsSchema = strictObject({
  /** Image side: a multiple of 32 (the FCNs' output stride). */
  size: z.union([z.literal(32), z.literal(64)], { error: 'size must be 32 or 64' }).default(32),
  trainCount: count('trainCount', 4, 512, 96),
  testCount: count('testCount', 1, 64, 8),
  epochs: count('epochs', 1, 20, 6),
  seed: count('seed', 0, 2 ** 31, 1),
  /** Test images drawn, one row each. */
  examples: count('examples', 1, 6, 3),
});
/** The settings as given (every field optional). */
export type SegmentationPictureSettingsInput = z.input<typeof segmentationPictureSettingsSchema>;
/** The settings with their defaults filled in. */
export type SegmentationPictureSettings = z.output<typeof segmentationPictureSettingsSchema>;

/** U-Net's shape in the quiz's comparison (small, like the images). */
export const QUIZ_UNET = { depth: 2, baseFilters: 8 } as const;

/** One model's scores on the held-out images. */
export const segmenterScoreSchema = z.object({
  model: z.enum(QUIZ_SEGMENTERS),
  params: z.number().int().nonnegative(),
  finestSkipStride: z.number().int().positive(),
  pixelAccuracy: z.number().min(0).max(1),
  /** Pixel accuracy of answering background everywhere on the same test images. */
  baselineAccuracy: z.number().min(0).max(1),
  /** Names of the classes predicted on at least one test pixel. */
  classesPredicted: z.array(z.string()).min(1),
  meanIoU: z.number().min(0).max(1),
  boundaryF1: z.number().min(0).max(1),
  trainMs: z.number().nonnegative(),
});
/** One model's scores on the held-out images. */
export type SegmenterScore = z.infer<typeof segmenterScoreSchema>;

/** What the worker reports of a run, and what the cache keeps beside the PNG. */
export const segmentationRunSchema = z.object({
  backend: z.string(),
  rows: z.array(segmenterScoreSchema).min(1),
});
/** What the worker reports of a run, and what the cache keeps beside the PNG. */
export type SegmentationRun = z.infer<typeof segmentationRunSchema>;

/** One epoch of training, as the worker reports it (the terminal prints `line`). */
export interface SegmentationProgress {
  readonly model: string;
  readonly epoch: number;
  readonly epochs: number;
  readonly loss: number;
  readonly line: string;
}

/** Question 8's picture: where the PNG is, and the numbers of the run that drew it. */
export interface SegmentationPicture extends SegmentationRun {
  /** The PNG in the cache folder. */
  readonly path: string;
  readonly settings: SegmentationPictureSettings;
  /** True when the PNG came from the cache (no training). */
  readonly cached: boolean;
  readonly elapsedMs: number;
}

/** Anything that can produce question 8's picture: the measurement service, or a test's stand-in. */
export interface SegmentationPictureSource {
  segmentationPicture(options?: {
    readonly onProgress?: (progress: SegmentationProgress) => void;
  }): Promise<SegmentationPicture>;
  /** Cached, being trained now, or neither (absent: unknown, the caller just waits). */
  segmentationPictureState?(): 'cached' | 'training' | 'none';
}

const require = createRequire(import.meta.url);
const versionOf = (name: string) => (require(`${name}/package.json`) as { version: string }).version;

/**
 * The cache key: the settings and the versions of the code that trains (segmentation) and draws
 * (the quiz), so an upgrade never serves an old picture.
 */
export function segmentationPictureKey(settings: SegmentationPictureSettings): string {
  const identity = {
    settings,
    models: QUIZ_SEGMENTERS,
    unet: QUIZ_UNET,
    segmentation: versionOf('@cnnkit/segmentation'),
    quiz: versionOf('@cnnkit/quiz-bot'),
  };
  return createHash('sha256').update(JSON.stringify(identity)).digest('hex').slice(0, 16);
}

/** The PNG and its numbers (JSON) for a key, in a cache folder. */
export function segmentationPictureFiles(folder: string, key: string): { png: string; json: string } {
  return {
    png: join(folder, `segmentation-comparison-${key}.png`),
    json: join(folder, `segmentation-comparison-${key}.json`),
  };
}

/** The cached run for a key, or undefined when either file is missing or the numbers do not parse. */
export function readCachedSegmentationRun(files: { png: string; json: string }): SegmentationRun | undefined {
  if (!existsSync(files.png) || !existsSync(files.json)) return undefined;
  try {
    const parsed = segmentationRunSchema.safeParse(JSON.parse(readFileSync(files.json, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

const DISPLAY_NAMES: Record<QuizSegmenter, string> = { fcn32s: 'FCN-32s', fcn8s: 'FCN-8s', unet: 'U-Net' };
/** FCN-32s, FCN-8s, U-Net: the names the papers use. */
export const segmenterDisplayName = (model: QuizSegmenter) => DISPLAY_NAMES[model];
