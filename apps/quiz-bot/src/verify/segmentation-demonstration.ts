/*
 * Question 8's demonstration as committed: FCN-32s, FCN-8s and U-Net trained over several seeds by
 * `packages/segmentation/scripts/q8-demonstration.ts`, its numbers and picture stored in
 * `assets/q8-demonstration/`. The terminal and Discord show it at once (no training), and the
 * sentence they print is computed here from the numbers by pure functions. Loads no TensorFlow.js.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import {
  QUIZ_SEGMENTERS,
  type QuizSegmenter,
  type SegmentationPicture,
  segmenterDisplayName,
} from './segmentation-picture';

const share = z.number().min(0).max(1);

/** One model on one seed, as the demonstration script writes it. */
export const demonstrationRowSchema = z.object({
  model: z.enum(QUIZ_SEGMENTERS),
  seed: z.number().int().nonnegative(),
  params: z.number().int().nonnegative(),
  finestSkipStride: z.number().int().positive(),
  pixelAccuracy: share,
  /** Pixel accuracy of answering background everywhere, on the same test images. */
  baselineAccuracy: share,
  /** Names of the classes predicted on at least one test pixel. */
  classesPredicted: z.array(z.string()).min(1),
  meanIoU: share,
  /** Null when no test image had a boundary in either mask (JSON has no NaN). */
  boundaryF1: share.nullable(),
});
/** One model on one seed. */
export type DemonstrationRow = z.infer<typeof demonstrationRowSchema>;

/** The committed run: settings, seeds, versions and one row per model and seed. */
export const demonstrationRunSchema = z.object({
  settings: z.looseObject({
    size: z.number().int().positive(),
    trainCount: z.number().int().positive(),
    testCount: z.number().int().positive(),
    epochs: z.number().int().positive(),
    unet: z.looseObject({ batchNorm: z.boolean() }),
    boundaryTolerance: z.looseObject({ rule: z.string(), pixels: z.number() }),
  }),
  seeds: z.array(z.number().int().nonnegative()).min(1),
  backend: z.string(),
  wasmThreads: z.number().int().positive().nullable(),
  versions: z.record(z.string(), z.string()),
  wallMsBySeed: z.record(z.string(), z.number()),
  rows: z.array(demonstrationRowSchema).min(1),
});
/** The committed run. */
export type DemonstrationRun = z.infer<typeof demonstrationRunSchema>;

/** The folder of the committed run inside this package, wherever it is installed. */
export function demonstrationFolder(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@cnnkit/quiz-bot/package.json')), 'assets', 'q8-demonstration');
}

/** The committed run and the path of its picture (throws when the files are missing or malformed). */
export function readDemonstration(folder = demonstrationFolder()): { run: DemonstrationRun; png: string } {
  const run = demonstrationRunSchema.parse(JSON.parse(readFileSync(join(folder, 'run.json'), 'utf8')));
  return { run, png: join(folder, 'picture.png') };
}

/** Mean, smallest and largest of a figure over the seeds. */
export interface Spread {
  readonly mean: number;
  readonly min: number;
  readonly max: number;
}

const spread = (values: readonly number[]): Spread => ({
  mean: values.reduce((s, v) => s + v, 0) / values.length,
  min: Math.min(...values),
  max: Math.max(...values),
});

/** One model over every seed of a run. */
export interface ModelSummary {
  readonly model: QuizSegmenter;
  readonly seeds: readonly number[];
  readonly params: number;
  readonly pixelAccuracy: Spread;
  readonly baselineAccuracy: Spread;
  readonly meanIoU: Spread;
  /** Over the seeds where it is defined; null when none. */
  readonly boundaryF1: Spread | null;
  /** Classes predicted on some seed (union, in first-seen order). */
  readonly classesPredicted: readonly string[];
  /** Seeds on which it predicted a single class everywhere on the test images. */
  readonly degenerateSeeds: readonly number[];
  /** Seeds on which its pixel accuracy was below the all-background baseline. */
  readonly belowBaselineSeeds: readonly number[];
  /** True when on every seed its pixel accuracy is less than `NEAR_BASELINE` above the baseline. */
  readonly nearBaseline: boolean;
}

/**
 * A model whose pixel accuracy is less than this above the all-background baseline on every seed
 * (one percentage point) did no better than answering background everywhere.
 */
export const NEAR_BASELINE = 0.01;

/** Each model's figures over the seeds, in the order the models first appear. */
export function summarizeDemonstration(rows: readonly DemonstrationRow[]): ModelSummary[] {
  const models = [...new Set(rows.map((r) => r.model))];
  return models.map((model) => {
    const mine = rows.filter((r) => r.model === model);
    const boundary = mine.map((r) => r.boundaryF1).filter((v): v is number => v !== null);
    return {
      model,
      seeds: mine.map((r) => r.seed),
      params: mine[0]!.params,
      pixelAccuracy: spread(mine.map((r) => r.pixelAccuracy)),
      baselineAccuracy: spread(mine.map((r) => r.baselineAccuracy)),
      meanIoU: spread(mine.map((r) => r.meanIoU)),
      boundaryF1: boundary.length === 0 ? null : spread(boundary),
      classesPredicted: [...new Set(mine.flatMap((r) => r.classesPredicted))],
      degenerateSeeds: mine.filter((r) => r.classesPredicted.length === 1).map((r) => r.seed),
      belowBaselineSeeds: mine.filter((r) => r.pixelAccuracy < r.baselineAccuracy).map((r) => r.seed),
      nearBaseline: mine.every((r) => r.pixelAccuracy - r.baselineAccuracy < NEAR_BASELINE),
    };
  });
}

/** True when the two models' seed ranges of a figure overlap: their difference is within seed noise. */
export function withinSeedNoise(a: Spread, b: Spread): boolean {
  return a.min <= b.max && b.min <= a.max;
}

const f3 = (v: number) => v.toFixed(3);
const range = (s: Spread, seeds: number) =>
  seeds > 1 ? `${f3(s.mean)} (seeds ${f3(s.min)}–${f3(s.max)})` : f3(s.mean);
const listSeeds = (seeds: readonly number[]) => `seed${seeds.length > 1 ? 's' : ''} ${seeds.join(', ')}`;

/** What the sentence needs to know of the run beyond its rows. */
export interface VerdictContext {
  /** How the run is introduced: "Committed run", "Live small run". */
  readonly label: string;
  readonly size: number;
  readonly trainCount: number;
  readonly testCount: number;
  readonly epochs: number;
  /** Whether U-Net had batch norm after its convolutions (the FCNs' backbone has none). */
  readonly unetBatchNorm: boolean;
}

/** The demonstration's text, in parts (Discord puts each in its own field). */
export interface DemonstrationVerdict {
  readonly header: string;
  /** One line per model: its figures beside the baseline, and "degenerate" where it is. */
  readonly models: readonly string[];
  /** What the boundary F1 figures do and do not show. */
  readonly reading: string;
  readonly confounds: string;
}

/**
 * The sentence question 8 prints, read from a run's numbers and nothing else: each model's pixel
 * accuracy beside the all-background baseline, the classes it predicts, mean IoU and boundary F1
 * (with the range over seeds); a model that predicts one class everywhere is named degenerate and
 * left out of the comparison at the edges; two models whose boundary-F1 ranges over the seeds
 * overlap are said to differ within seed noise (with one seed, noise is unknown and said so); and
 * the confounds the comparison cannot remove.
 */
export function demonstrationVerdict(
  rows: readonly DemonstrationRow[],
  context: VerdictContext,
): DemonstrationVerdict {
  const summaries = summarizeDemonstration(rows);
  const seeds = [...new Set(rows.map((r) => r.seed))];
  const name = (s: ModelSummary) => segmenterDisplayName(s.model);
  const header = `${context.label}: ${summaries.map(name).join(', ')} trained from scratch on ${context.trainCount} synthetic ${context.size}×${context.size} images for ${context.epochs} epoch${context.epochs === 1 ? '' : 's'}, scored on ${context.testCount} held-out images; ${listSeeds(seeds)}.`;
  const models = summaries.map((s) => {
    const n = s.seeds.length;
    const always = s.degenerateSeeds.length === n;
    const degenerate = always
      ? ` Degenerate: it predicts ${s.classesPredicted.join(' / ')} everywhere on ${n > 1 ? 'every seed' : 'this run'}${s.classesPredicted.length === 1 && s.classesPredicted[0] === 'background' ? ', so its accuracy is the baseline' : ''}.`
      : s.degenerateSeeds.length > 0
        ? ` Degenerate on ${listSeeds(s.degenerateSeeds)} (one class everywhere).`
        : '';
    const below =
      s.belowBaselineSeeds.length > 0 ? ` Below the baseline on ${listSeeds(s.belowBaselineSeeds)}.` : '';
    const near =
      s.nearBaseline && !always
        ? ` No better than answering background everywhere (less than ${NEAR_BASELINE} above the baseline on ${n > 1 ? 'every seed' : 'this run'}).`
        : '';
    const boundary = s.boundaryF1 === null ? 'no boundary to score' : range(s.boundaryF1, n);
    return `${name(s)}: pixel accuracy ${range(s.pixelAccuracy, n)} vs all-background ${range(s.baselineAccuracy, n)}; classes predicted${n > 1 ? ' (any seed)' : ''}: ${s.classesPredicted.join(', ')}; mean IoU ${range(s.meanIoU, n)}; boundary F1 ${boundary}.${degenerate}${near}${below}`;
  });

  const drawing = summaries
    .filter((s) => s.degenerateSeeds.length < s.seeds.length && s.boundaryF1 !== null)
    .sort((a, b) => b.boundaryF1!.mean - a.boundaryF1!.mean);
  const degenerate = summaries.filter((s) => s.degenerateSeeds.length === s.seeds.length);
  const parts: string[] = [];
  if (degenerate.length > 0)
    parts.push(
      `${degenerate.map(name).join(' and ')} never drew an edge, so ${degenerate.length > 1 ? 'their' : 'its'} boundary F1 says nothing about skips.`,
    );
  if (drawing.length === 1) parts.push(`Only ${name(drawing[0]!)} drew edges; there is nothing to rank.`);
  for (let k = 0; k + 1 < drawing.length; k++) {
    const [better, worse] = [drawing[k]!, drawing[k + 1]!];
    const [a, b] = [better.boundaryF1!, worse.boundaryF1!];
    if (seeds.length < 2) {
      parts.push(
        `${name(better)} scored higher at the edges than ${name(worse)} (${f3(a.mean)} vs ${f3(b.mean)}), on one seed: the spread across seeds is unknown, so this may be noise.`,
      );
    } else if (withinSeedNoise(a, b)) {
      parts.push(
        `${name(better)} and ${name(worse)} differ at the edges by ${f3(a.mean - b.mean)}, within seed noise (their ranges over the seeds overlap).`,
      );
    } else {
      parts.push(
        `${name(better)} drew sharper edges than ${name(worse)} on every seed (boundary F1 ${f3(a.min)}–${f3(a.max)} vs ${f3(b.min)}–${f3(b.max)}).`,
      );
    }
  }
  const confounds = `Confounds: ${context.unetBatchNorm ? 'U-Net has batch norm after every convolution, while the FCNs’ backbone has none (only their head has one); ' : ''}the models differ in size (${summaries.map((s) => `${name(s)} ${s.params.toLocaleString('en-US')}`).join(', ')} parameters); and all are trained from scratch on synthetic shapes, where the FCN paper starts from ImageNet-trained VGG16 weights.`;
  return { header, models, reading: parts.join(' '), confounds };
}

/** The verdict as one block of text (the terminal). */
export function verdictText(verdict: DemonstrationVerdict): string {
  return [verdict.header, ...verdict.models.map((m) => `  ${m}`), verdict.reading, verdict.confounds].join(
    '\n',
  );
}

/** The committed run's verdict. */
export function committedVerdict(run: DemonstrationRun): DemonstrationVerdict {
  return demonstrationVerdict(run.rows, {
    label: 'Committed run',
    size: run.settings.size,
    trainCount: run.settings.trainCount,
    testCount: run.settings.testCount,
    epochs: run.settings.epochs,
    unetBatchNorm: run.settings.unet.batchNorm,
  });
}

/** Per model, the figures `explain -q 8 --json` reports for the committed run. */
export function demonstrationJson(run: DemonstrationRun) {
  return {
    source: 'committed' as const,
    seeds: run.seeds,
    settings: run.settings,
    backend: run.backend,
    wasmThreads: run.wasmThreads,
    versions: run.versions,
    models: summarizeDemonstration(run.rows).map((s) => ({
      model: s.model,
      pixelAccuracy: s.pixelAccuracy.mean,
      baselineAccuracy: s.baselineAccuracy.mean,
      classesPredicted: s.classesPredicted,
      meanIoU: s.meanIoU.mean,
      boundaryF1: s.boundaryF1?.mean ?? null,
      degenerateSeeds: s.degenerateSeeds,
      perSeed: run.rows
        .filter((r) => r.model === s.model)
        .map(({ seed, pixelAccuracy, baselineAccuracy, classesPredicted, meanIoU, boundaryF1 }) => ({
          seed,
          pixelAccuracy,
          baselineAccuracy,
          classesPredicted,
          meanIoU,
          boundaryF1,
        })),
    })),
  };
}

/** A live run of the small settings (one seed), read by the same rules and labelled as such. */
export function liveVerdict(picture: SegmentationPicture): DemonstrationVerdict {
  const { settings } = picture;
  return demonstrationVerdict(
    picture.rows.map((row) => ({ ...row, seed: settings.seed })),
    {
      label: `Live small run (not the committed result; ${settings.size}×${settings.size} is too small for FCN-32s to draw an edge)`,
      size: settings.size,
      trainCount: settings.trainCount,
      testCount: settings.testCount,
      epochs: settings.epochs,
      unetBatchNorm: true,
    },
  );
}
