import { optimizeForInference } from '@cnnkit/layers-gpu';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { buildArchitecture } from '../src/build';
import type { ArchitectureName } from '../src/index';
import { relativeError, testInputShape } from './onnx-agreement';

/*
 * optimizeForInference against tfjs-layers' own executor (model.predict) on the same weights.
 * Folding batch norm reorders float32 operations only; measured worst case ~1e-6 of the output's
 * largest magnitude on these networks. 1e-4 (the ONNX tests' bound) leaves room for the deepest,
 * while a wrong fold (scale on the wrong axis, a lost β) shows as 1e-2 or more.
 */
export const RELATIVE_TOLERANCE = 1e-4;

/**
 * Fresh batch norms are the identity (γ 1, β 0, μ 0, σ² 1), which folding would pass by luck:
 * give each one statistics and affine parameters away from that, from a fixed seed.
 */
export function randomizeBatchNorms(model: tfl.LayersModel, seed = 7): number {
  let s = seed;
  let count = 0;
  for (const layer of model.layers) {
    if (layer.getClassName() !== 'BatchNormalization') continue;
    count++;
    const config = layer.getConfig();
    const shape = layer.getWeights().at(-1)!.shape;
    const weights = [
      ...(config.scale ? [tf.randomUniform(shape, 0.7, 1.3, 'float32', s++)] : []),
      ...(config.center ? [tf.randomNormal(shape, 0, 0.2, 'float32', s++)] : []),
      tf.randomNormal(shape, 0, 0.2, 'float32', s++),
      tf.randomUniform(shape, 0.5, 1.5, 'float32', s++),
    ];
    layer.setWeights(weights);
    tf.dispose(weights);
  }
  return count;
}

/**
 * Builds `name`, gives its batch norms random statistics, and compares `optimizeForInference`'s
 * output with `model.predict`'s, computed first. With `foldInPlace`, which rewrites the model's own
 * weights, `model.predict` is also run again afterwards: `predictAfterError` is its distance from
 * the first output (0 when the model is not rewritten).
 */
export function inferenceAgreement(
  name: ArchitectureName,
  inputShape = testInputShape(name),
  options: { readonly foldInPlace?: boolean } = {},
) {
  const built = buildArchitecture(name, { inputShape });
  const batchNorms = randomizeBatchNorms(built.model);
  const input = tf.randomNormal([2, ...inputShape], 0, 1, 'float32', 11);
  const expected = built.model.predict(input) as tf.Tensor;
  const optimized = optimizeForInference(built.model, options);
  try {
    const actual = optimized.predict(input) as tf.Tensor;
    const after = built.model.predict(input) as tf.Tensor;
    const result = {
      shapes: [actual.shape, expected.shape],
      relativeError: relativeError(expected, actual),
      predictAfterError: relativeError(expected, after),
      batchNorms,
      rewrite: optimized.rewrite,
    };
    tf.dispose([actual, after]);
    return result;
  } finally {
    tf.dispose([input, expected]);
    optimized.dispose();
    built.model.dispose();
  }
}
