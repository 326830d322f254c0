import { initBackend } from '@cnnkit/layers-gpu';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildSegmenter, compareSegmenters, comparisonPng, trainSegmenter } from '../src/build';
import {
  comparisonSpec,
  formatComparison,
  progressLine,
  SHAPE_CLASSES,
  syntheticShapes,
  type TrainingProgress,
} from '../src/index';

beforeAll(async () => {
  await initBackend({ env: {}, wasmThreads: 1 }); // one thread in tests: see vitest.shared.ts
});

describe('training on synthetic shapes (tiny: 32×32, a few steps)', () => {
  test('the loss falls over three epochs and each epoch is reported', async () => {
    const data = syntheticShapes({ count: 24, size: 32, seed: 4 });
    const built = buildSegmenter(comparisonSpec('fcn8s', 32));
    const events: TrainingProgress[] = [];
    const history = await trainSegmenter(built.model, data, {
      classes: SHAPE_CLASSES.length,
      epochs: 3,
      batchSize: 8,
      // Adam at 1e-2 oscillates over so few steps (the epoch losses can end level); 3e-3 descends.
      learningRate: 3e-3,
      validation: syntheticShapes({ count: 4, size: 32, seed: 9 }),
      onProgress: (p) => events.push(p),
    });
    expect(history.losses).toHaveLength(3);
    expect(history.losses[2]!).toBeLessThan(history.losses[0]!);
    expect(events.map((e) => [e.model, e.epoch, e.epochs])).toEqual([
      ['fcn8s', 1, 3],
      ['fcn8s', 2, 3],
      ['fcn8s', 3, 3],
    ]);
    expect(events[0]!.meanIoU).toBeGreaterThanOrEqual(0);
    expect(progressLine(events[2]!)).toMatch(/^fcn8s epoch 3\/3 loss \d\.\d{3} IoU \d\.\d{3} \(\d+ s\)$/);
    built.model.dispose();
  });

  test('the event loop gets a turn after every batch (timers and messages are not starved)', async () => {
    // 16 images in batches of 4: 4 batches in one epoch. A setImmediate chain counts the loop's
    // turns while training runs; awaiting data() alone resolves as a microtask and gives it none.
    const data = syntheticShapes({ count: 16, size: 32, seed: 4 });
    const built = buildSegmenter(comparisonSpec('fcn32s', 32));
    let turns = 0;
    let running = true;
    const tick = () => {
      if (!running) return;
      turns++;
      setImmediate(tick);
    };
    setImmediate(tick);
    await trainSegmenter(built.model, data, { classes: SHAPE_CLASSES.length, epochs: 1, batchSize: 4 });
    running = false;
    expect(turns).toBeGreaterThanOrEqual(4);
    built.model.dispose();
  });

  test("a model whose output is not the masks' size is refused before training", async () => {
    const data = syntheticShapes({ count: 2, size: 64, seed: 4 });
    const built = buildSegmenter(comparisonSpec('fcn32s', 32));
    await expect(trainSegmenter(built.model, data, { classes: 5, epochs: 1 })).rejects.toMatchObject({
      code: 'model_mismatch',
    });
    built.model.dispose();
  });
});

test('compareSegmenters trains every model on the same data and scores it; no callback, no output', async () => {
  const comparison = await compareSegmenters({
    models: ['fcn32s', 'fcn16s', 'fcn8s', 'unet'],
    size: 32,
    trainCount: 8,
    testCount: 2,
    epochs: 1,
    unet: { depth: 2, baseFilters: 4 },
  });
  expect(comparison.rows.map((r) => [r.model, r.finestSkipStride])).toEqual([
    ['fcn32s', 32],
    ['fcn16s', 16],
    ['fcn8s', 8],
    ['unet', 1],
  ]);
  for (const row of comparison.rows) {
    expect(row.meanIoU).toBeGreaterThanOrEqual(0);
    expect(row.meanIoU).toBeLessThanOrEqual(1);
    expect(row.predicted).toHaveLength(2 * 32 * 32);
  }
  expect(formatComparison(comparison).split('\n')).toHaveLength(2 + 4);
  const png = comparisonPng(comparison, { examples: 2, scale: 2 });
  expect([...png.subarray(1, 4)]).toEqual([80, 78, 71]); // "PNG"
});

test('a seeded build draws the same kernels twice (so a comparison repeats on one backend)', () => {
  const kernels = () => {
    const built = buildSegmenter(comparisonSpec('fcn8s', 32), { seed: 3 });
    const values = built.model.getLayer('conv2').getWeights()[0]!.dataSync().slice(0, 20);
    built.model.dispose();
    return Array.from(values);
  };
  const first = kernels();
  expect(kernels()).toEqual(first);
  // Glorot-uniform for a 3×3 conv from 16 to 32 channels: |w| ≤ √(6 / (9·16 + 9·32)).
  expect(Math.max(...first.map(Math.abs))).toBeLessThanOrEqual(Math.sqrt(6 / (9 * 16 + 9 * 32)));
});

test('the same seed gives the same comparison, mask for mask', async () => {
  const run = () =>
    compareSegmenters({ models: ['fcn16s'], size: 32, trainCount: 8, testCount: 2, epochs: 2, seed: 5 });
  const [first, second] = [await run(), await run()];
  expect(second.rows[0]!.predicted).toEqual(first.rows[0]!.predicted);
  expect(second.rows[0]!.finalLoss).toBe(first.rows[0]!.finalLoss);
});

test('an image size the FCNs cannot upsample back to is refused', async () => {
  await expect(compareSegmenters({ size: 48 })).rejects.toThrowError(/size 48: must be a multiple of 32/);
});
