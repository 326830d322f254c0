import { initBackend } from '@cnnkit/layers-gpu';
import { beforeAll, expect, test } from 'vitest';
import { buildSegmenter, trainSegmenter } from '../src/build';
import { SegmentationError, syntheticShapes, unetSpec } from '../src/index';

beforeAll(async () => {
  const report = await initBackend({ env: {}, wasmThreads: 1 }); // one thread in tests: see vitest.shared.ts
  expect(report.backend).toBe('wasm');
});

test('a U-Net step past the 4 GiB wasm heap is refused before it starts, with the batch that fits', async () => {
  // Width 16, depth 4 at 256×256: batch 8 aborted mid-step ("table index is out of bounds"); batch 4
  // trained with a 3,199 MiB heap (measured, see train.ts). Building it allocates only the weights.
  const built = buildSegmenter(
    unetSpec({ input: [256, 256, 3], classes: 5, depth: 4, baseFilters: 16, name: 'unet16' }),
  );
  const data = syntheticShapes({ count: 8, size: 256, seed: 1 });
  let progressCalls = 0;
  try {
    const refused = await trainSegmenter(built.model, data, {
      classes: 5,
      epochs: 1,
      batchSize: 8,
      onProgress: () => progressCalls++,
    }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(SegmentationError);
    const error = refused as SegmentationError;
    expect(error.code).toBe('memory_budget_exceeded');
    expect(error.message).toMatch(
      /^training model "unet16" at batch size 8 needs about [\d,]+ MiB of wasm heap, over the 4 GiB .* use a batch size of at most 4,/,
    );
    expect(error.details).toMatchObject({ batchSize: 8, largestBatch: 4 });
    expect(progressCalls).toBe(0);
  } finally {
    built.model.dispose();
  }
});
