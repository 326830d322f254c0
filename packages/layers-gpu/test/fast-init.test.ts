import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, test } from 'vitest';
import { fans, fillTruncatedNormal, withFastInitializers } from '../src/fast-init';
import { buildModel } from '../src/index';
import { useDefaultBackend } from './helpers';

beforeAll(useDefaultBackend);

/*
 * buildModel draws variance-scaling weights in one loop (fast-init.ts) instead of tfjs-core's
 * per-value generator. The distribution must stay the initializer's. References:
 *   - a normal truncated at ±2σ has standard deviation σ·√(1 − 4φ(2)/(2Φ(2) − 1)) = 0.8796256610342398·σ
 *     (the constant TensorFlow's VarianceScaling divides by; φ(2) = 0.05399096651, Φ(2) = 0.97724986805),
 *     and P(|x| > σ | |x| ≤ 2σ) = (2Φ(2) − 2Φ(1)) / (2Φ(2) − 1) = 0.2718 / 0.9545 = 0.2847;
 *   - U(−a, a) has standard deviation a/√3;
 *   - tfjs-core's own truncatedNormal, drawn here beside ours, for the same statistics.
 */
const TRUNCATED_STD = 0.8796256610342398;
const BEYOND_ONE_SIGMA = (2 * 0.9772498680518208 - 2 * 0.8413447460685429) / (2 * 0.9772498680518208 - 1);

function stats(values: ArrayLike<number>, sigma: number) {
  let sum = 0;
  let squares = 0;
  let max = 0;
  let beyond = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    sum += v;
    squares += v * v;
    max = Math.max(max, Math.abs(v));
    if (Math.abs(v) > sigma) beyond++;
  }
  const mean = sum / values.length;
  return { mean, std: Math.sqrt(squares / values.length - mean * mean), max, beyond: beyond / values.length };
}

describe('fillTruncatedNormal: a normal truncated at 2σ, as tfjs-core draws it', () => {
  // 1e6 draws: the standard error of the std estimate is ~0.0006σ, of the tail share ~0.0005.
  const n = 1_000_000;
  const sigma = 0.05;

  test('mean 0, std 0.8796σ, nothing beyond 2σ, 28.5% beyond σ', () => {
    const ours = new Float32Array(n);
    fillTruncatedNormal(ours, sigma);
    const s = stats(ours, sigma);
    expect(Math.abs(s.mean)).toBeLessThan(0.003 * sigma);
    expect(s.std / sigma).toBeCloseTo(TRUNCATED_STD, 2);
    expect(s.max).toBeLessThanOrEqual(2 * sigma * (1 + 1e-7));
    expect(s.beyond).toBeCloseTo(BEYOND_ONE_SIGMA, 2);
  });

  test('its histogram follows the truncated density: χ² over 32 bins of ±2σ', () => {
    // Each bin's probability by Simpson's rule on φ (200 steps: error ~1e-12), over P(|x| ≤ 2).
    const phi = (x: number) => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
    const integral = (a: number, b: number) => {
      const steps = 200;
      const h = (b - a) / steps;
      let sum = phi(a) + phi(b);
      for (let k = 1; k < steps; k++) sum += (k % 2 === 1 ? 4 : 2) * phi(a + k * h);
      return (sum * h) / 3;
    };
    const bins = 32;
    const draws = 4_000_000;
    const mass = integral(-2, 2);
    const ours = new Float32Array(draws);
    fillTruncatedNormal(ours, sigma);
    const counts = new Array<number>(bins).fill(0);
    for (const v of ours) counts[Math.min(bins - 1, Math.floor(((v / sigma + 2) / 4) * bins))]!++;
    let chiSquare = 0;
    for (let b = 0; b < bins; b++) {
      const expected = (draws * integral(-2 + (4 * b) / bins, -2 + (4 * (b + 1)) / bins)) / mass;
      chiSquare += (counts[b]! - expected) ** 2 / expected;
    }
    // The 1 − 1e-6 quantile of χ² with k = 31 degrees of freedom, by Wilson–Hilferty:
    // k·(1 − 2/(9k) + z·√(2/(9k)))³ with z = 4.753 (the normal's 1 − 1e-6 quantile) ≈ 84.2.
    const k = bins - 1;
    const limit = k * (1 - 2 / (9 * k) + 4.753 * Math.sqrt(2 / (9 * k))) ** 3;
    expect(chiSquare).toBeLessThan(limit);
  });

  test("the same statistics as tfjs-core's truncatedNormal", () => {
    const theirs = tf.truncatedNormal([n], 0, sigma, 'float32');
    const reference = stats(theirs.dataSync(), sigma);
    theirs.dispose();
    const ours = new Float32Array(n);
    fillTruncatedNormal(ours, sigma);
    const s = stats(ours, sigma);
    expect(Math.abs(s.std - reference.std)).toBeLessThan(0.004 * sigma);
    expect(Math.abs(s.beyond - reference.beyond)).toBeLessThan(0.004);
  });
});

describe('buildModel draws weights from each layer’s own initializer', () => {
  test('a Glorot-normal conv kernel: σ = √(2 / (fan_in + fan_out)), truncated; the layer keeps its initializer', () => {
    const { model } = buildModel({
      input: [8, 8, 64],
      layers: [{ kind: 'conv2d', name: 'c', filters: 128, kernelSize: 3 }],
    });
    const kernel = model.getLayer('c').getWeights()[0]!;
    const [fanIn, fanOut] = fans(kernel.shape);
    expect([fanIn, fanOut]).toEqual([3 * 3 * 64, 3 * 3 * 128]); // tfjs' computeFans, channels last
    const sigma = Math.sqrt(1 / ((fanIn + fanOut) / 2));
    const s = stats(kernel.dataSync(), sigma);
    expect(s.std / sigma).toBeCloseTo(TRUNCATED_STD, 2);
    expect(s.max).toBeLessThanOrEqual(2 * sigma * (1 + 1e-6));
    expect(model.getLayer('c').getConfig().kernelInitializer).toMatchObject({
      // tfjs-layers serialises GlorotNormal as its VarianceScaling parameters.
      className: 'VarianceScaling',
      config: { scale: 1, mode: 'fanAvg', distribution: 'normal', seed: null },
    });
  });

  test('a uniform variance-scaling initializer: U(−√(3·scale), √(3·scale))', () => {
    const layer = tfl.layers.dense({ units: 400, kernelInitializer: 'heUniform' });
    withFastInitializers(layer, () => layer.apply(tfl.input({ shape: [300] })));
    const kernel = layer.getWeights()[0]!;
    const limit = Math.sqrt(3 * (2 / 300)); // He: scale 2 over fan_in
    const s = stats(kernel.dataSync(), limit);
    expect(s.max).toBeLessThanOrEqual(limit);
    expect(s.std / (limit / Math.sqrt(3))).toBeCloseTo(1, 2);
    expect(layer.getConfig().kernelInitializer).toMatchObject({
      className: 'VarianceScaling',
      config: { scale: 2, mode: 'fanIn', distribution: 'uniform' },
    });
  });

  test("a seeded initializer keeps tfjs' own draw, bit for bit", () => {
    const make = () =>
      tfl.layers.dense({ units: 16, kernelInitializer: tfl.initializers.glorotNormal({ seed: 42 }) });
    const fast = make();
    withFastInitializers(fast, () => fast.apply(tfl.input({ shape: [8] })));
    const plain = make();
    plain.apply(tfl.input({ shape: [8] }));
    expect(Array.from(fast.getWeights()[0]!.dataSync())).toEqual(
      Array.from(plain.getWeights()[0]!.dataSync()),
    );
  });
});
