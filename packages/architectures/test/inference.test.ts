import { initBackend } from '@cnnkit/layers-gpu';
import { beforeAll, describe, expect, test } from 'vitest';
import { inferenceAgreement, RELATIVE_TOLERANCE } from './inference-agreement';

beforeAll(async () => {
  await initBackend({ env: {}, wasmThreads: 1 }); // one thread in tests: see vitest.shared.ts
});

// The small networks and one residual network; every network of the registry is in
// inference-every-network.slow.ts.
describe('optimizeForInference on registry networks gives model.predict’s output', () => {
  test.each([
    ['lenet5', undefined],
    ['exercise2', undefined],
    ['mobilenet', [64, 64, 3]],
    ['resnet18', [64, 64, 3]],
  ] as const)('%s', (name, inputShape) => {
    const result = inferenceAgreement(name, inputShape === undefined ? undefined : [...inputShape]);
    expect(result.shapes[0]).toEqual(result.shapes[1]);
    expect(result.relativeError).toBeLessThan(RELATIVE_TOLERANCE);
    // Every batch norm of these networks follows a convolution: each one is folded.
    expect(result.rewrite.foldedBatchNorms).toBe(result.batchNorms);
  });
});

describe('optimizeForInference with foldInPlace: the model’s own kernels folded, both paths keep the output', () => {
  // MobileNet folds into depthwise kernels too; ResNet-18 has 1×1 projections run as matrix products.
  test.each([
    ['mobilenet', [64, 64, 3]],
    ['resnet18', [64, 64, 3]],
  ] as const)('%s', (name, inputShape) => {
    const result = inferenceAgreement(name, [...inputShape], { foldInPlace: true });
    expect(result.relativeError).toBeLessThan(RELATIVE_TOLERANCE);
    expect(result.predictAfterError).toBeLessThan(RELATIVE_TOLERANCE);
    expect(result.rewrite.foldedBatchNorms).toBe(result.batchNorms);
  });
});
