import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildModel, GroupedConv2D, LocalResponseNormalization, registerCnnkitLayers } from '../src/index';
import { useDefaultBackend } from './helpers';

beforeAll(useDefaultBackend);

/** AlexNet §3.3, written out: b = a / (k + α Σ_{j=c-r}^{c+r} a_j²)^β, straight from the formula. */
function lrnByHand(
  values: number[],
  depthRadius: number,
  bias: number,
  alpha: number,
  beta: number,
): number[] {
  return values.map((a, c) => {
    let sum = 0;
    for (let j = Math.max(0, c - depthRadius); j <= Math.min(values.length - 1, c + depthRadius); j++)
      sum += values[j]! ** 2;
    return a / (bias + alpha * sum) ** beta;
  });
}

describe('LocalResponseNormalization layer', () => {
  test('matches the AlexNet formula computed by hand', () => {
    const channels = [0.5, -1.5, 2, 3, -0.25, 1, 4];
    const layer = new LocalResponseNormalization({ depthRadius: 2, bias: 2, alpha: 1e-1, beta: 0.75 });
    const y = tf.tidy(() => layer.apply(tf.tensor4d(channels, [1, 1, 1, channels.length])) as tf.Tensor);
    const expected = lrnByHand(channels, 2, 2, 1e-1, 0.75);
    for (const [i, value] of Array.from(y.dataSync()).entries()) expect(value).toBeCloseTo(expected[i]!, 5);
    y.dispose();
  });

  test('has no parameters and keeps the shape', () => {
    const built = buildModel({
      input: [13, 13, 96],
      layers: [{ kind: 'localResponseNormalization', name: 'norm1' }],
    });
    expect(built.model.countParams()).toBe(0);
    expect(built.model.outputs[0]!.shape).toEqual([null, 13, 13, 96]);
    built.model.dispose();
  });
});

describe('GroupedConv2D layer', () => {
  test('equals a full convolution whose kernel is block-diagonal over the groups', () => {
    const layer = new GroupedConv2D({
      filters: 4,
      kernelSize: 3,
      groups: 2,
      padding: 'same',
      useBias: false,
    });
    const x = tf.randomNormal([1, 5, 5, 6]) as tf.Tensor4D;
    const y = layer.apply(x) as tf.Tensor;
    const kernel = layer.getWeights()[0]!; // [3, 3, 3, 4]: group g reads channels 3g..3g+2 and writes filters 2g..2g+1
    const k = kernel.arraySync() as number[][][][];
    const full = tf.buffer([3, 3, 6, 4]);
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++)
        for (let c = 0; c < 3; c++)
          for (let f = 0; f < 4; f++) {
            const group = Math.floor(f / 2);
            full.set(k[i]![j]![c]![f]!, i, j, group * 3 + c, f);
          }
    const expected = tf.conv2d(x, full.toTensor() as tf.Tensor4D, 1, 'same');
    expect(tf.max(tf.abs(tf.sub(y, expected))).dataSync()[0]).toBeLessThan(1e-4);
    tf.dispose([x, y, expected, kernel]);
  });

  test("has in/groups × k² × filters weights, as AlexNet's conv2 on two GPUs", () => {
    const built = buildModel({
      input: [27, 27, 96],
      layers: [{ kind: 'conv2d', filters: 256, kernelSize: 5, padding: 2, groups: 2 }],
    });
    expect(built.model.countParams()).toBe(5 * 5 * 48 * 256 + 256);
    built.model.dispose();
  });
});

describe('serialisation', () => {
  test('a model with the custom layers survives toJSON → modelFromJSON with the same outputs', async () => {
    registerCnnkitLayers();
    const built = buildModel({
      input: [9, 9, 4],
      layers: [
        { kind: 'conv2d', name: 'grouped', filters: 4, kernelSize: 3, groups: 2, activation: 'relu' },
        { kind: 'localResponseNormalization', name: 'lrn', depthRadius: 1 },
      ],
    });
    const json = built.model.toJSON(undefined, false) as unknown as tf.serialization.ConfigDict;
    const restored = await tfl.models.modelFromJSON({ modelTopology: json });
    restored.setWeights(built.model.getWeights());
    const x = tf.randomNormal([1, 9, 9, 4]);
    const a = built.model.predict(x) as tf.Tensor;
    const b = restored.predict(x) as tf.Tensor;
    expect(tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]).toBeLessThan(1e-6);
    const config = restored.getLayer('lrn').getConfig();
    expect(config).toMatchObject({ depthRadius: 1, bias: 2, alpha: 1e-4, beta: 0.75 });
    tf.dispose([x, a, b]);
    built.model.dispose();
    restored.dispose();
  });
});
