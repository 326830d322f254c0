import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import {
  committedVerdict,
  type DemonstrationRow,
  demonstrationJson,
  demonstrationVerdict,
  readDemonstration,
  summarizeDemonstration,
  withinSeedNoise,
} from '../src/verify/segmentation-demonstration';

const context = {
  label: 'Test run',
  size: 64,
  trainCount: 192,
  testCount: 32,
  epochs: 8,
  unetBatchNorm: true,
};

/** A row with the figures that matter here; the rest fixed. */
const row = (
  model: DemonstrationRow['model'],
  seed: number,
  figures: { accuracy: number; baseline?: number; classes?: string[]; iou?: number; bf: number | null },
): DemonstrationRow => ({
  model,
  seed,
  params: { fcn32s: 100, fcn8s: 120, unet: 90 }[model],
  finestSkipStride: { fcn32s: 32, fcn8s: 8, unet: 1 }[model],
  pixelAccuracy: figures.accuracy,
  baselineAccuracy: figures.baseline ?? 0.7,
  classesPredicted: figures.classes ?? ['background', 'rectangle', 'disk'],
  meanIoU: figures.iou ?? 0.5,
  boundaryF1: figures.bf,
});

/** FCN-32s answering background everywhere on every seed: accuracy = baseline = 0.7, no edges. */
const degenerate32 = [1, 2, 3].map((seed) =>
  row('fcn32s', seed, { accuracy: 0.7, classes: ['background'], iou: 0.14, bf: 0 }),
);

describe('degenerate models are named, not ranked', () => {
  test('one class everywhere on every seed: "degenerate", its accuracy the baseline, no reading of its BF', () => {
    const rows = [
      ...degenerate32,
      ...[0.5, 0.55, 0.6].map((bf, k) => row('fcn8s', k + 1, { accuracy: 0.8, bf })),
      ...[0.7, 0.72, 0.75].map((bf, k) => row('unet', k + 1, { accuracy: 0.9, bf })),
    ];
    const verdict = demonstrationVerdict(rows, context);
    expect(verdict.models[0]).toBe(
      'FCN-32s: pixel accuracy 0.700 (seeds 0.700–0.700) vs all-background 0.700 (seeds 0.700–0.700); classes predicted (any seed): background; mean IoU 0.140 (seeds 0.140–0.140); boundary F1 0.000 (seeds 0.000–0.000). Degenerate: it predicts background everywhere on every seed, so its accuracy is the baseline.',
    );
    expect(verdict.reading).toMatch(
      /^FCN-32s never drew an edge, so its boundary F1 says nothing about skips\./,
    );
    // Ranked are only the two that drew edges: U-Net [0.70, 0.75] and FCN-8s [0.50, 0.60] do not overlap.
    expect(verdict.reading).toContain(
      'U-Net drew sharper edges than FCN-8s on every seed (boundary F1 0.700–0.750 vs 0.500–0.600).',
    );
    expect(verdict.reading).not.toMatch(/than FCN-32s/);
  });

  test('one class on some seeds only, and below the baseline, are said per seed', () => {
    const rows = [
      row('fcn8s', 1, { accuracy: 0.75, bf: 0.3 }),
      row('fcn8s', 2, { accuracy: 0.7, classes: ['background'], bf: 0 }),
      row('fcn8s', 3, { accuracy: 0.69, bf: 0.2 }),
    ];
    const [line] = demonstrationVerdict(rows, context).models;
    expect(line).toContain('Degenerate on seed 2 (one class everywhere).');
    expect(line).toContain('Below the baseline on seed 3.');
    expect(summarizeDemonstration(rows)[0]).toMatchObject({ degenerateSeeds: [2], belowBaselineSeeds: [3] });
  });

  test('less than 0.01 above the baseline on every seed is "no better than answering background"', () => {
    // Baseline 0.7 on each seed; accuracies 0.709, 0.699, 0.70: +0.009, −0.001, 0 → all < 0.01.
    const near = [0.709, 0.699, 0.7].map((accuracy, k) => row('fcn32s', k + 1, { accuracy, bf: 0.05 }));
    expect(demonstrationVerdict(near, context).models[0]).toContain(
      'No better than answering background everywhere (less than 0.01 above the baseline on every seed). Below the baseline on seed 2.',
    );
    // 0.711 on seed 1 is 0.011 above: no longer said.
    const above = [0.711, 0.699, 0.7].map((accuracy, k) => row('fcn32s', k + 1, { accuracy, bf: 0.05 }));
    expect(demonstrationVerdict(above, context).models[0]).not.toContain('No better than');
  });
});

describe('differences within seed noise', () => {
  test('overlapping ranges over the seeds are "within seed noise", with the difference of the means', () => {
    // U-Net 0.60, 0.70, 0.65: mean 0.65, range [0.60, 0.70]. FCN-8s 0.62, 0.50, 0.55: mean
    // 1.67 / 3 = 0.556667, range [0.50, 0.62]. They overlap on [0.60, 0.62]; 0.65 − 0.556667 = 0.093.
    const rows = [
      ...[0.6, 0.7, 0.65].map((bf, k) => row('unet', k + 1, { accuracy: 0.9, bf })),
      ...[0.62, 0.5, 0.55].map((bf, k) => row('fcn8s', k + 1, { accuracy: 0.85, bf })),
    ];
    expect(demonstrationVerdict(rows, context).reading).toBe(
      'U-Net and FCN-8s differ at the edges by 0.093, within seed noise (their ranges over the seeds overlap).',
    );
  });

  test('ranges that touch overlap; ranges apart do not', () => {
    expect(withinSeedNoise({ mean: 0.5, min: 0.4, max: 0.6 }, { mean: 0.7, min: 0.6, max: 0.8 })).toBe(true);
    expect(withinSeedNoise({ mean: 0.5, min: 0.4, max: 0.59 }, { mean: 0.7, min: 0.6, max: 0.8 })).toBe(
      false,
    );
  });

  test('one seed: the noise is unknown and the text says so', () => {
    const rows = [row('unet', 1, { accuracy: 0.9, bf: 0.7 }), row('fcn8s', 1, { accuracy: 0.8, bf: 0.5 })];
    expect(demonstrationVerdict(rows, context).reading).toBe(
      'U-Net scored higher at the edges than FCN-8s (0.700 vs 0.500), on one seed: the spread across seeds is unknown, so this may be noise.',
    );
  });
});

describe('the confounds', () => {
  const rows = [row('fcn8s', 1, { accuracy: 0.8, bf: 0.5 }), row('unet', 1, { accuracy: 0.9, bf: 0.7 })];
  test('batch norm in U-Net only, the sizes, and training from scratch instead of ImageNet weights', () => {
    expect(demonstrationVerdict(rows, context).confounds).toBe(
      'Confounds: U-Net has batch norm after every convolution, while the FCNs’ backbone has none (only their head has one); the models differ in size (FCN-8s 120, U-Net 90 parameters); and all are trained from scratch on synthetic shapes, where the FCN paper starts from ImageNet-trained VGG16 weights.',
    );
  });
  test('without batch norm in U-Net that confound is not claimed', () => {
    expect(demonstrationVerdict(rows, { ...context, unetBatchNorm: false }).confounds).not.toMatch(
      /batch norm/,
    );
  });
});

describe('the committed run (assets/q8-demonstration)', () => {
  const { run, png } = readDemonstration();

  test('is the size the issue asks for: three models, at least 3 seeds, 32 test images, inputs ≥ 64', () => {
    expect(run.seeds.length).toBeGreaterThanOrEqual(3);
    expect(run.settings.testCount).toBeGreaterThanOrEqual(32);
    expect(run.settings.size).toBeGreaterThanOrEqual(64);
    for (const model of ['fcn32s', 'fcn8s', 'unet'] as const)
      expect(run.rows.filter((r) => r.model === model).map((r) => r.seed)).toEqual(run.seeds);
    expect(run.wasmThreads).toBe(1);
    expect(readFileSync(png).subarray(1, 4).toString('latin1')).toBe('PNG');
  });

  test('--json figures are the means over the seeds of the rows, with the seeds', () => {
    const json = demonstrationJson(run);
    expect(json.seeds).toEqual(run.seeds);
    for (const model of json.models) {
      const mine = run.rows.filter((r) => r.model === model.model);
      const mean = (pick: (r: (typeof mine)[number]) => number) =>
        mine.reduce((s, r) => s + pick(r), 0) / mine.length;
      expect(model.pixelAccuracy).toBeCloseTo(
        mean((r) => r.pixelAccuracy),
        12,
      );
      expect(model.baselineAccuracy).toBeCloseTo(
        mean((r) => r.baselineAccuracy),
        12,
      );
      expect(model.meanIoU).toBeCloseTo(
        mean((r) => r.meanIoU),
        12,
      );
      expect(model.perSeed.map((s) => s.seed)).toEqual(run.seeds);
    }
  });

  test('its text names each model that predicted one class everywhere as degenerate', () => {
    const verdict = committedVerdict(run);
    summarizeDemonstration(run.rows).forEach((summary, k) => {
      if (summary.degenerateSeeds.length === summary.seeds.length)
        expect(verdict.models[k]).toContain('Degenerate: it predicts');
      else expect(verdict.models[k]).not.toContain('Degenerate: it predicts');
    });
  });
});
