/**
 * Question 8's demonstration, run once and committed: FCN-32s, FCN-8s and U-Net trained on the same
 * seeded synthetic shapes at a size where each can draw a boundary, over several seeds, scored on
 * held-out images beside the all-background baseline. Too long for a Discord request or CI, so the
 * quiz shows the committed result (`apps/quiz-bot/assets/q8-demonstration/`).
 *
 *   node --conditions=@cnnkit/source --import tsx packages/segmentation/scripts/q8-demonstration.ts \
 *     --out apps/quiz-bot/assets/q8-demonstration [--size 64] [--epochs 6] [--train 128] [--test 32]
 *     [--seeds 1,2,3] [--measure] [--train-only] [--rescore]
 *
 * `--measure` trains each model one epoch on seed 1 and prints the time (to size the real run).
 * Training writes each seed's predicted masks to `reports/q8-demonstration/` (not committed), so
 * `--rescore` recomputes the scores and the picture from them without training again, and seeds
 * can be trained in separate processes (`--seeds 2 --train-only`), then scored together.
 *
 * The committed run is 64×64, 128 training images, 6 epochs, sized for a 2-core machine shared by
 * several people (load average about 20 while it ran): at 128×128, FCN-32s alone took 269 s for 4
 * epochs of 192 images, and U-Net costs about three FCNs, so three seeds would not have fit in
 * 25 minutes. The seeds ran side by side in three processes of one wasm thread each. After a new
 * run, `pnpm biome format --write` the JSON (the repository's formatter keeps short arrays on a line).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { describeBackend, initBackend } from '@cnnkit/layers-gpu';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { compareSegmenters, comparisonPng } from '../src/build';
import {
  boundaryTolerancePixels,
  type Comparison,
  DEFAULT_BOUNDARY_TOLERANCE,
  progressLine,
  type SegmenterName,
  SHAPE_CLASSES,
  scorePredictedMasks,
} from '../src/index';

const { values } = parseArgs({
  options: {
    out: { type: 'string' },
    size: { type: 'string', default: '64' },
    epochs: { type: 'string', default: '6' },
    train: { type: 'string', default: '128' },
    test: { type: 'string', default: '32' },
    seeds: { type: 'string', default: '1,2,3' },
    measure: { type: 'boolean', default: false },
    rescore: { type: 'boolean', default: false },
    'train-only': { type: 'boolean', default: false },
  },
});
const MODELS: readonly SegmenterName[] = ['fcn32s', 'fcn8s', 'unet'];
const UNET = { depth: 3, baseFilters: 8 } as const;
const settings = {
  size: Number(values.size),
  trainCount: Number(values.train),
  testCount: Number(values.test),
  epochs: Number(values.epochs),
  batchSize: 8,
  learningRate: 5e-3,
};
const seeds = values.seeds.split(',').map(Number);
const cacheFolder = join('reports', 'q8-demonstration');
const require = createRequire(import.meta.url);
const versionOf = (name: string) => (require(`${name}/package.json`) as { version: string }).version;

/** One thread: the figures then repeat exactly on the wasm backend (no split of the sums across threads). */
const backend = describeBackend(await initBackend({ env: {}, wasmThreads: 1 }));
const wasmThreads = tf.getBackend() === 'wasm' ? getThreadsCount() : null;
const say = (text: string) => process.stderr.write(`${text}\n`);
say(`${backend}; wasm threads: ${wasmThreads}`);

if (values.measure) {
  const run = await compareSegmenters({
    ...settings,
    trainCount: Math.min(settings.trainCount, 64),
    testCount: 4,
    epochs: 1,
    models: MODELS,
    unet: UNET,
    seed: 1,
  });
  for (const row of run.rows)
    say(
      `${row.model}: one epoch of ${Math.min(settings.trainCount, 64)} images at ${settings.size}×${settings.size} took ${(row.trainMs / 1000).toFixed(1)} s`,
    );
  process.exit(0);
}

if (values.out === undefined) {
  say('--out FOLDER is required');
  process.exit(2);
}
const out = values.out;
mkdirSync(out, { recursive: true });
mkdirSync(cacheFolder, { recursive: true });

interface CachedSeed {
  readonly seed: number;
  /** Wall time of this seed's training and prediction (machine shared, so load-dependent). */
  readonly wallMs: number;
  readonly backend: string;
  readonly wasmThreads: number | null;
  readonly settings: typeof settings;
  readonly height: number;
  readonly width: number;
  readonly count: number;
  readonly truth: string;
  readonly pictureImages: string;
  readonly rows: readonly {
    model: SegmenterName;
    params: number;
    finestSkipStride: number;
    finalLoss: number;
    trainMs: number;
    predicted: string;
  }[];
}
const toBase64 = (values: ArrayLike<number>, bytes: 'u8' | 'f32') =>
  Buffer.from(
    bytes === 'u8' ? Uint8Array.from(values) : new Uint8Array(Float32Array.from(values).buffer),
  ).toString('base64');
const u8 = (text: string) => Int32Array.from(Buffer.from(text, 'base64'));
const f32 = (text: string) => {
  const buffer = Buffer.from(text, 'base64');
  return new Float32Array(buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength));
};
const EXAMPLES = 3;

const start = performance.now();
if (!values.rescore) {
  for (const seed of seeds) {
    const seedStart = performance.now();
    const comparison: Comparison = await compareSegmenters({
      ...settings,
      models: MODELS,
      unet: UNET,
      seed,
      onProgress: (p) => say(`seed ${seed} ${progressLine(p)}`),
    });
    const { test } = comparison;
    const cached: CachedSeed = {
      seed,
      wallMs: Math.round(performance.now() - seedStart),
      backend,
      wasmThreads,
      settings,
      height: test.height,
      width: test.width,
      count: test.count,
      truth: toBase64(test.masks, 'u8'),
      pictureImages: toBase64(test.images.subarray(0, EXAMPLES * test.height * test.width * 3), 'f32'),
      rows: comparison.rows.map((row) => ({
        model: row.model,
        params: row.params,
        finestSkipStride: row.finestSkipStride,
        finalLoss: row.finalLoss,
        trainMs: row.trainMs,
        predicted: toBase64(row.predicted, 'u8'),
      })),
    };
    writeFileSync(join(cacheFolder, `seed-${seed}.json`), JSON.stringify(cached));
    say(`seed ${seed} done after ${((performance.now() - start) / 1000).toFixed(0)} s`);
  }
}
if (values['train-only']) process.exit(0);

const classes = SHAPE_CLASSES.length;
const runs = seeds.map((seed) => {
  const cached = JSON.parse(readFileSync(join(cacheFolder, `seed-${seed}.json`), 'utf8')) as CachedSeed;
  const truth = u8(cached.truth);
  const shape = { count: cached.count, height: cached.height, width: cached.width };
  const rows = cached.rows.map((row) => {
    const predicted = u8(row.predicted);
    const scores = scorePredictedMasks(truth, predicted, { ...shape, classes });
    return {
      model: row.model,
      seed,
      params: row.params,
      finestSkipStride: row.finestSkipStride,
      pixelAccuracy: scores.pixelAccuracy,
      baselineAccuracy: scores.allBackgroundAccuracy,
      classesPredicted: scores.classesPredicted.map((c) => SHAPE_CLASSES[c]!),
      meanIoU: scores.meanIoU,
      boundaryF1: scores.boundaryF1,
      boundaryImages: scores.boundaryImages,
      finalLoss: row.finalLoss,
      trainMs: Math.round(row.trainMs),
    };
  });
  return { cached, truth, rows };
});

const first = runs[0]!;
for (const run of runs) {
  if (run.cached.backend !== first.cached.backend || run.cached.wasmThreads !== first.cached.wasmThreads)
    throw new Error(
      `seed ${run.cached.seed} ran on another backend or thread count than seed ${first.cached.seed}`,
    );
  if (JSON.stringify(run.cached.settings) !== JSON.stringify(settings))
    throw new Error(
      `seed ${run.cached.seed} was trained with other settings than these: ${JSON.stringify(run.cached.settings)}`,
    );
}
const { height, width } = first.cached;
const pixels = height * width;
const pictureTest = {
  count: EXAMPLES,
  height,
  width,
  images: f32(first.cached.pictureImages),
  masks: first.truth.subarray(0, EXAMPLES * pixels),
  classNames: SHAPE_CLASSES,
};
const png = comparisonPng(
  {
    backend,
    settings: { ...settings, models: MODELS, seed: seeds[0]!, tolerancePixels: 0 },
    classNames: SHAPE_CLASSES,
    test: pictureTest,
    rows: first.cached.rows.map((row) => ({
      model: row.model,
      params: row.params,
      finestSkipStride: row.finestSkipStride,
      pixelAccuracy: 0,
      baselineAccuracy: 0,
      classesPredicted: [],
      meanIoU: 0,
      boundaryF1: 0,
      finalLoss: row.finalLoss,
      trainMs: row.trainMs,
      predicted: u8(row.predicted).subarray(0, EXAMPLES * pixels),
    })),
  },
  { examples: EXAMPLES, scale: height >= 128 ? 1 : 2 },
);
writeFileSync(join(out, 'picture.png'), png);

const result = {
  question: 8,
  description:
    'FCN-32s, FCN-8s and U-Net trained from scratch on the same seeded synthetic shapes, scored on held-out images (pixel accuracy beside the all-background baseline, classes predicted, mean IoU, boundary F1)',
  settings: {
    ...settings,
    models: MODELS,
    unet: { ...UNET, batchNorm: true },
    fcn: {
      backbone: 'compact VGG (five 3×3 conv + 2×2 max-pool stages, widths 16-32-64-64-64, no batch norm)',
      head: "torchvision's FCNHead (3×3 conv, batch norm, ReLU), no dropout",
    },
    optimizer: 'Adam',
    loss: 'pixel cross-entropy',
    boundaryTolerance: {
      rule: DEFAULT_BOUNDARY_TOLERANCE,
      pixels: boundaryTolerancePixels(DEFAULT_BOUNDARY_TOLERANCE, { height, width }),
    },
    pictureSeed: seeds[0],
    pictureExamples: EXAMPLES,
  },
  seeds,
  backend: first.cached.backend,
  wasmThreads: first.cached.wasmThreads,
  versions: {
    '@cnnkit/segmentation': versionOf('@cnnkit/segmentation'),
    '@tensorflow/tfjs-core': versionOf('@tensorflow/tfjs-core'),
    '@tensorflow/tfjs-backend-wasm': versionOf('@tensorflow/tfjs-backend-wasm'),
    node: process.versions.node,
  },
  /** Per seed: training and prediction wall time on a shared machine (seeds may run side by side). */
  wallMsBySeed: Object.fromEntries(runs.map((run) => [run.cached.seed, run.cached.wallMs])),
  rows: runs.flatMap((run) => run.rows),
};
writeFileSync(join(out, 'run.json'), `${JSON.stringify(result, null, 2)}\n`);
say(`wrote ${join(out, 'run.json')} and ${join(out, 'picture.png')}`);
