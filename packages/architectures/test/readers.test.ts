import { initBackend } from '@cnnkit/layers-gpu';
import { beforeAll, describe, expect, test } from 'vitest';
import { readerAgreement } from './reader-agreement';

beforeAll(async () => {
  await initBackend({ env: {}, wasmThreads: 1 }); // one thread in tests: see vitest.shared.ts
});

// The small networks; every network of the registry is in readers-every-network.slow.ts.
describe('tfjs toJSON → readKerasModel and toOnnx → readOnnx give describe’s counts and shapes', () => {
  test.each([
    ['lenet5', undefined],
    ['exercise2', undefined],
    ['mobilenet', [64, 64, 3]],
  ] as const)('%s', (name, inputShape) => {
    const r = readerAgreement(name, inputShape);
    // Keras topology: every layer of describe's report is there under its name, equal.
    expect(r.layerDifferences).toEqual([]);
    expect(r.matchedLayers).toBe(r.described.layers.length);
    expect(r.fromKeras.totals.params).toEqual(r.described.totals.params);
    expect(r.fromKeras.totals.params.total).toBe(r.tfjsParams);
    expect(r.fromKeras.totals.macs).toBe(r.described.totals.macs);
    expect(r.fromKeras.outputs.map((o) => o.shape)).toEqual(r.described.outputs.map((o) => o.shape));
    // ONNX: the same parameters (batch-norm statistics non-trainable) and MACs, batch 1, NHWC output.
    expect(r.fromOnnx.totals.params).toEqual(r.described.totals.params);
    expect(r.fromOnnx.totals.macs).toBe(r.described.totals.macs);
    expect(r.fromOnnx.outputs.map((o) => o.shape.slice(1))).toEqual(r.described.outputs.map((o) => o.shape));
  });
});
