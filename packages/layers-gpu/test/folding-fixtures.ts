import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { expect } from 'vitest';
import { relativeErrorOf } from '../../../scripts/relative-error';
import type { InferenceModel } from '../src/index';

/*
 * What the inference suites (inference.test.ts: the folding rewrites; prepare.test.ts: the engine
 * choice) share: batch norms that are not the identity, and the error measure against tfjs-layers'
 * own `model.predict`.
 */

/**
 * Fresh batch norms are the identity (γ 1, β 0, μ 0, σ² 1): folding them proves nothing. Give each
 * one statistics and affine parameters far from that, from a fixed seed (seeds `seed`, `seed + 1`,
 * … in layer order: γ, β when the layer has them, then μ and σ²).
 */
export function randomizeBatchNorms(model: tfl.LayersModel, seed = 7): void {
  let s = seed;
  for (const layer of model.layers) {
    if (layer.getClassName() !== 'BatchNormalization') continue;
    const config = layer.getConfig();
    const shape = layer.getWeights().at(-1)!.shape;
    const next = () => s++;
    const weights = [
      ...(config.scale ? [tf.randomUniform(shape, 0.5, 1.5, 'float32', next())] : []),
      ...(config.center ? [tf.randomNormal(shape, 0, 0.3, 'float32', next())] : []),
      tf.randomNormal(shape, 0, 0.3, 'float32', next()),
      tf.randomUniform(shape, 0.3, 2, 'float32', next()),
    ];
    layer.setWeights(weights);
    tf.dispose(weights);
  }
}

/** The largest absolute difference over the largest magnitude of `expected` (same shape asserted). */
export function relativeError(expected: tf.Tensor, actual: tf.Tensor): number {
  expect(actual.shape).toEqual(expected.shape);
  return relativeErrorOf(expected.dataSync(), actual.dataSync());
}

/** Each weight's float32 bits, to compare bit for bit. */
export const weightBits = (model: tfl.LayersModel): number[][] =>
  model.getWeights().map((w) => Array.from(new Uint32Array(w.dataSync().slice().buffer)));

/**
 * After a switch to the cpu backend (the data moves with it, and an optimized model's filters are
 * then views of the model's own, unfolded values: they must be folded there too) the optimized model
 * still predicts `expected`, and again back on wasm (the data moved back under new ids).
 */
export async function expectSameAcrossBackendSwitch(
  optimized: InferenceModel,
  input: tf.Tensor,
  expected: tf.Tensor,
  tolerance: number,
): Promise<void> {
  const want = Array.from(expected.dataSync());
  await tf.setBackend('cpu');
  try {
    const onCpu = optimized.predict(input) as tf.Tensor;
    expect(relativeError(tf.tensor(want, expected.shape), onCpu)).toBeLessThan(tolerance);
    onCpu.dispose();
  } finally {
    await tf.setBackend('wasm');
  }
  const back = optimized.predict(input) as tf.Tensor;
  expect(relativeError(expected, back)).toBeLessThan(tolerance);
  back.dispose();
}
