/*
 * Question 8's picture: FCN-32s, FCN-8s and U-Net trained briefly on the same synthetic shapes by
 * @cnnkit/segmentation (in the measurement worker), their masks side by side with the input and
 * the ground truth. This module is the main thread's half: the settings, the cache on disk and the
 * sentence that reads the run's numbers. It loads no TensorFlow.js (test/import-graph.test.ts).
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
 * How the comparison is trained. The defaults are small on purpose (32×32 images, 96 of them, six
 * epochs: 15–30 s on one wasm thread of this 2-core machine, by its load), enough for U-Net's and FCN-8s' skips to show at
 * the edges; the package's README shows the full-size run.
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

/**
 * Which model won at the edges (highest boundary F1) in this run, with every model's figures: read
 * from the run's numbers, never a stored sentence. Says so when the model with the finest skips did
 * not win (a run too short to show it).
 */
export function edgeVerdict(run: Pick<SegmentationRun, 'rows'>): string {
  const rows = [...run.rows].sort((a, b) => b.boundaryF1 - a.boundaryF1);
  const best = rows[0]!;
  const tied = rows.filter((r) => r.boundaryF1 === best.boundaryF1);
  const figures = rows
    .map(
      (r) => `${segmenterDisplayName(r.model)} ${r.boundaryF1.toFixed(3)} (mean IoU ${r.meanIoU.toFixed(3)})`,
    )
    .join(', ');
  const finest = Math.min(...run.rows.map((r) => r.finestSkipStride));
  const head =
    tied.length > 1
      ? `At the edges ${tied.map((r) => segmenterDisplayName(r.model)).join(' and ')} tied`
      : `At the edges ${segmenterDisplayName(best.model)} won`;
  const reading =
    tied.length === 1 && best.finestSkipStride === finest
      ? `the model whose skips bring the finest maps back (stride ${finest}) drew the sharpest edges`
      : 'this short run did not separate the models by their skips: train longer to see it';
  return `${head}: boundary F1 ${figures}. In this run ${reading}.`;
}
