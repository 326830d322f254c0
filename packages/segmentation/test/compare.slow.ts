import { initBackend } from '@cnnkit/layers-gpu';
import { beforeAll, expect, test } from 'vitest';
import { compareSegmenters } from '../src/build';
import { formatComparison, progressLine } from '../src/index';

// One thread, like every other suite (vitest.shared.ts); compareSegmenters' own initBackend() keeps
// the backend already there. On the threaded default this suite once ran past its 900 s in CI
// (about 55 s on a quiet machine, 125 s with both cores held by busy loops: not reproduced).
beforeAll(async () => {
  await initBackend({ env: {}, wasmThreads: 1 });
});

// The README's comparison with its default settings (64×64, 256 training images, 8 epochs):
// a few minutes on the wasm backend of a 2-core machine. Seeded, so the figures repeat there.
test('skip connections win at the edges: FCN-8s and U-Net beat FCN-32s on boundary F1 and mean IoU', async () => {
  // Each epoch on its own line as it ends, so a run that stops short shows where.
  const comparison = await compareSegmenters({
    onProgress: (progress) => console.log(progressLine(progress)),
  });
  const by = Object.fromEntries(comparison.rows.map((row) => [row.model, row]));
  console.log(formatComparison(comparison));
  const fcn32s = by.fcn32s!;
  const fcn8s = by.fcn8s!;
  const unet = by.unet!;
  // "Measurably": at least 0.1 of boundary F1 (tolerance 2 px) and of mean IoU.
  expect(fcn8s.boundaryF1 - fcn32s.boundaryF1).toBeGreaterThan(0.1);
  expect(unet.boundaryF1 - fcn32s.boundaryF1).toBeGreaterThan(0.1);
  expect(fcn8s.meanIoU - fcn32s.meanIoU).toBeGreaterThan(0.1);
  expect(unet.meanIoU - fcn32s.meanIoU).toBeGreaterThan(0.1);
}, 900_000);
