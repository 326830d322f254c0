import { initBackend } from '@cnnkit/layers-gpu';
import { beforeAll, describe, expect, test } from 'vitest';
import { onnxAgreement, RELATIVE_TOLERANCE } from './onnx-agreement';

beforeAll(async () => {
  await initBackend({ env: {}, wasmThreads: 1 }); // one thread in tests: see vitest.shared.ts
});

// The small networks; every network of the registry is in onnx-every-network.slow.ts.
describe('ONNX Runtime on the exported network gives the tfjs output', () => {
  test.each(['lenet5', 'exercise2', 'mobilenet'] as const)('%s', async (name) => {
    const result = await onnxAgreement(name, name === 'mobilenet' ? [64, 64, 3] : undefined);
    expect(result.shapes[0]).toEqual(result.shapes[1]);
    expect(result.exportedParams).toBe(result.modelParams);
    expect(result.relativeError).toBeLessThan(RELATIVE_TOLERANCE);
  });
});
