import { initBackend } from '@cnnkit/layers-gpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, expect, test } from 'vitest';
import { buildSegmenter, trainSegmenter } from '../src/build';
import { syntheticShapes, unetSpec } from '../src/index';

beforeAll(async () => {
  const report = await initBackend({ env: {}, wasmThreads: 1 });
  expect(report.backend).toBe('wasm');
});

test('the largest batch the heap check allows (U-Net width 16 at 256×256: 4) trains a step without aborting', async () => {
  const built = buildSegmenter(
    unetSpec({ input: [256, 256, 3], classes: 5, depth: 4, baseFilters: 16, name: 'unet16' }),
  );
  try {
    const history = await trainSegmenter(built.model, syntheticShapes({ count: 4, size: 256, seed: 2 }), {
      classes: 5,
      epochs: 1,
      batchSize: 4,
    });
    expect(history.losses).toHaveLength(1);
    expect(Number.isFinite(history.losses[0])).toBe(true);
    // The wasm heap never shrinks: its size now is the step's peak, under the 4 GiB ceiling.
    const heapBytes = (tf.backend() as unknown as { wasm: { HEAPU8: Uint8Array } }).wasm.HEAPU8.length;
    expect(heapBytes).toBeLessThan(4 * 2 ** 30);
  } finally {
    built.model.dispose();
  }
}, 300_000);
