/**
 * What dense-to-conv conversion guarantees on an image larger than the training size, checked on
 * raw logits (no softmax) with signed weights, so that a wrongly ordered weight copy cannot hide:
 * - without padding, each grid cell equals the classifier run on the matching crop;
 * - with "same" padding that is false (the crop's border sees zeros where the full image has
 *   pixels), and what holds is: each cell equals the classifier's dense layers applied to the
 *   matching window of the last feature map.
 * Positive weights make every logit large and the softmax one-hot, so a scrambled copy of a kernel
 * still gives a difference of 0 after the softmax; signed weights and logits do not.
 */
import { buildModel, initBackend } from '@cnnkit/layers-gpu';
import type { ModelSpecInput } from '@cnnkit/shape-math';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, test } from 'vitest';
import { convertDenseToConv } from '../src/build';

beforeAll(async () => {
  await initBackend({ env: {}, wasmThreads: 1 }); // one thread in tests: see vitest.shared.ts
});

/** float32 sums of the same products in a different order (matmul vs conv) differ by rounding only. */
const TOLERANCE = 1e-4;
const TRAIN_SIDE = 20;
/** Three more output-stride-4 steps per side than the training size: a 4×4 grid. */
const SIDE = TRAIN_SIDE + 4 * 3;
const CELLS = [
  [0, 0],
  [1, 2],
  [3, 1],
  [3, 3],
] as const;

/** Two conv + 2×2 pool stages (output stride 4), a collapse, two dense layers ending on logits. */
function classifier(padding: 'valid' | 'same', top: 'flatten' | 'globalAveragePooling2d'): ModelSpecInput {
  return {
    name: `small_${padding}`,
    input: [TRAIN_SIDE, TRAIN_SIDE, 3],
    layers: [
      { kind: 'conv2d', name: 'conv1', filters: 6, kernelSize: 3, padding, activation: 'relu' },
      { kind: 'maxPooling2d', name: 'pool1', poolSize: 2 },
      { kind: 'conv2d', name: 'conv2', filters: 8, kernelSize: 3, padding, activation: 'relu' },
      { kind: 'batchNormalization', name: 'bn2' },
      { kind: 'maxPooling2d', name: 'pool2', poolSize: 2 },
      { kind: top, name: 'collapse' },
      { kind: 'dense', name: 'fc1', units: 16, activation: 'relu' },
      { kind: 'batchNormalization', name: 'fc1_bn' },
      { kind: 'dropout', name: 'drop', rate: 0.5 },
      { kind: 'dense', name: 'scores', units: 5, activation: 'linear' },
    ],
  };
}

/** Every weight uniform in [−1, 1), except batch norm's moving variance, in [0.5, 1.5). */
function signedWeights(model: tfl.LayersModel, seed: number) {
  model.weights.forEach((weight, i) => {
    const shape = weight.shape as number[];
    const value = weight.name.includes('moving_variance')
      ? tf.randomUniform(shape, 0.5, 1.5, 'float32', seed + i)
      : tf.randomUniform(shape, -1, 1, 'float32', seed + i);
    weight.write(value);
    value.dispose();
  });
}

/** Largest |a − b| over two logit vectors, and the largest |b| (to show the logits are not tiny). */
function gap(a: readonly number[], b: readonly number[]) {
  return {
    difference: Math.max(...a.map((v, k) => Math.abs(v - b[k]!))),
    scale: Math.max(...b.map(Math.abs)),
  };
}

/** The FCN's logit grid `[rows][columns][classes]` for one image. */
function grid(fcn: tfl.LayersModel, image: tf.Tensor4D): number[][][] {
  return tf.tidy(() => (fcn.predict(image) as tf.Tensor4D).arraySync()[0]!);
}

describe.each(['flatten', 'globalAveragePooling2d'] as const)('top %s', (top) => {
  test('valid padding: each cell equals the classifier on the matching crop, on raw logits', () => {
    const spec = classifier('valid', top);
    const built = buildModel(spec);
    signedWeights(built.model, 11);
    const fcn = convertDenseToConv(built.model, { spec, input: [SIDE, SIDE, 3] });
    const image = tf.randomUniform([1, SIDE, SIDE, 3], -1, 1, 'float32', 3) as tf.Tensor4D;
    const cells = grid(fcn.model, image);
    expect([cells.length, cells[0]!.length]).toEqual([4, 4]);
    for (const [row, column] of CELLS) {
      const crop = tf.tidy(() => {
        const window = tf.slice(image, [0, 4 * row, 4 * column, 0], [1, TRAIN_SIDE, TRAIN_SIDE, 3]);
        return (built.model.predict(window) as tf.Tensor2D).arraySync()[0]!;
      });
      const { difference, scale } = gap(cells[row]![column]!, crop);
      expect(scale).toBeGreaterThan(0.1); // real logits, not all near 0
      expect(difference).toBeLessThan(TOLERANCE);
    }
    tf.dispose(image);
    built.model.dispose();
    fcn.model.dispose();
  });

  test("same padding: the crop claim fails, and each cell equals the dense layers on the feature map's window", () => {
    const spec = classifier('same', top);
    const built = buildModel(spec);
    signedWeights(built.model, 23);
    const fcn = convertDenseToConv(built.model, { spec, input: [SIDE, SIDE, 3] });
    const image = tf.randomUniform([1, SIDE, SIDE, 3], -1, 1, 'float32', 5) as tf.Tensor4D;
    const cells = grid(fcn.model, image);
    // "same" padding: 32 → conv 32 → pool 16 → conv 16 → pool 8; at the training size 20 → 5. The
    // window is 5×5 and slides over 8×8 positions: 8 − 5 + 1 = 4 cells per side.
    expect([cells.length, cells[0]!.length]).toEqual([4, 4]);
    const features = tfl.model({ inputs: fcn.model.inputs, outputs: fcn.model.getLayer('pool2').output });
    const map = tf.tidy(() => features.predict(image) as tf.Tensor4D);
    expect(map.shape).toEqual([1, 8, 8, 8]);
    // The classifier's own layers after the collapse, applied to a window by hand: Flatten is a
    // row-major channels-last reshape; global average pooling is the window's mean.
    const denseLayers = ['fc1', 'fc1_bn', 'drop', 'scores'].map((name) => built.model.getLayer(name));
    let cropDiffers = false;
    for (const [row, column] of CELLS) {
      const expected = tf.tidy(() => {
        const window = tf.slice(map, [0, row, column, 0], [1, 5, 5, 8]);
        let x: tf.Tensor = top === 'flatten' ? tf.reshape(window, [1, 5 * 5 * 8]) : tf.mean(window, [1, 2]);
        for (const layer of denseLayers) x = layer.apply(x, { training: false }) as tf.Tensor;
        return (x as tf.Tensor2D).arraySync()[0]!;
      });
      const { difference, scale } = gap(cells[row]![column]!, expected);
      expect(scale).toBeGreaterThan(0.1);
      expect(difference).toBeLessThan(TOLERANCE);
      const crop = tf.tidy(() => {
        const window = tf.slice(image, [0, 4 * row, 4 * column, 0], [1, TRAIN_SIDE, TRAIN_SIDE, 3]);
        return (built.model.predict(window) as tf.Tensor2D).arraySync()[0]!;
      });
      if (gap(cells[row]![column]!, crop).difference > 100 * TOLERANCE) cropDiffers = true;
    }
    // The narrowed claim is needed: with padding, the classifier on a crop is another computation.
    expect(cropDiffers).toBe(true);
    tf.dispose([image, map]);
    built.model.dispose();
    fcn.model.dispose();
  });
});
