import { initBackend } from '@cnnkit/layers-gpu';
import { beforeAll, describe, expect, test } from 'vitest';
import { ARCHITECTURE_NAMES } from '../src/index';
import { onnxAgreement, RELATIVE_TOLERANCE, testInputShape } from './onnx-agreement';

beforeAll(async () => {
  await initBackend({ env: {}, wasmThreads: 1 }); // one thread in tests: see vitest.shared.ts
});

describe('every network of the registry, exported to ONNX: ONNX Runtime gives the tfjs output', () => {
  test.each(ARCHITECTURE_NAMES)(
    '%s',
    async (name) => {
      const result = await onnxAgreement(name, testInputShape(name));
      expect(result.shapes[0]).toEqual(result.shapes[1]);
      expect(result.exportedParams).toBe(result.modelParams);
      expect(result.relativeError).toBeLessThan(RELATIVE_TOLERANCE);
    },
    180_000,
  );
});
