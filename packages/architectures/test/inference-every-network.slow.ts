import { initBackend } from '@cnnkit/layers-gpu';
import { beforeAll, describe, expect, test } from 'vitest';
import { ARCHITECTURE_NAMES } from '../src/index';
import { inferenceAgreement, RELATIVE_TOLERANCE } from './inference-agreement';
import { testInputShape } from './onnx-agreement';

beforeAll(async () => {
  await initBackend({ env: {}, wasmThreads: 1 }); // one thread in tests: see vitest.shared.ts
});

describe('every network of the registry, optimised for inference, gives model.predict’s output', () => {
  test.each(ARCHITECTURE_NAMES)(
    '%s',
    (name) => {
      const result = inferenceAgreement(name, testInputShape(name));
      expect(result.shapes[0]).toEqual(result.shapes[1]);
      expect(result.relativeError).toBeLessThan(RELATIVE_TOLERANCE);
      console.log(
        `${name}: relative error ${result.relativeError.toExponential(1)}; folded ${result.rewrite.foldedBatchNorms}/${result.batchNorms} batch norms, fused ${result.rewrite.fusedActivations} activations, ${result.rewrite.steps} steps for ${result.rewrite.layers} layers`,
      );
    },
    180_000,
  );
});
