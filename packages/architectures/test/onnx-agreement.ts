import { createOnnxRunner } from '@cnnkit/layers-gpu/onnx';
import * as tf from '@tensorflow/tfjs-core';
import { expect } from 'vitest';
import { relativeErrorOf } from '../../../scripts/relative-error';
import { buildArchitecture } from '../src/build';
import { ARCHITECTURES, type ArchitectureName } from '../src/index';

/*
 * ONNX Runtime and tfjs (XNNPACK) sum products in different orders and ORT fuses batch norm into
 * convolutions, so float32 outputs differ by rounding only; measured worst case here ~1e-6 of the
 * output's largest magnitude. 1e-4 leaves room for deep stacks while any mapping error (a wrong
 * transpose or padding) shows as O(1e-2) or more.
 */
export const RELATIVE_TOLERANCE = 1e-4;

/** max |expected − actual| over max |expected|: the measure both agreement tests bound (same shape asserted). */
export function relativeError(expected: tf.Tensor, actual: tf.Tensor): number {
  expect(actual.shape).toEqual(expected.shape);
  return relativeErrorOf(expected.dataSync(), actual.dataSync());
}

/** Reduced input for the networks whose reference input makes a test slow; big enough for each. */
export function testInputShape(name: ArchitectureName): [number, number, number] {
  const [h, w, c] = ARCHITECTURES[name].defaultInputShape;
  return h > 128 ? [128, Math.round((128 * w) / h), c] : [h, w, c];
}

export async function onnxAgreement(name: ArchitectureName, inputShape = testInputShape(name)) {
  const built = buildArchitecture(name, { inputShape });
  const runner = await createOnnxRunner(built.model, { threads: 2 });
  try {
    const input = tf.randomNormal([2, ...inputShape], 0, 1, 'float32', 11);
    const expected = built.model.predict(input) as tf.Tensor;
    const actual = await runner.run(input);
    const result = {
      shapes: [actual.shape, expected.shape],
      relativeError: relativeError(expected, actual),
      exportedParams: runner.exported.parameterCount,
      modelParams: built.model.countParams(),
    };
    tf.dispose([input, expected, actual]);
    return result;
  } finally {
    await runner.release();
    built.model.dispose();
  }
}
