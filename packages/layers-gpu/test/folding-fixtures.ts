import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { expect } from 'vitest';
import { relativeErrorOf } from '../../../scripts/relative-error';

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
