import { buildModel, compareWithShapeMath, initBackend } from '@cnnkit/layers-gpu';
import { type ModelSpecInput, outputShape } from '@cnnkit/shape-math';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, test } from 'vitest';
import { convertDenseToConv } from '../src/build';
import { toFullyConvolutional } from '../src/index';

beforeAll(async () => {
  await initBackend({ env: {}, wasmThreads: 1 }); // one thread in tests: see vitest.shared.ts
});

/**
 * float32 sums of the same products in a different order (matmul vs conv) differ by rounding only;
 * signed weights give logits of order 10, so the bound is relative to them.
 */
const TOLERANCE = 1e-4;

/**
 * A small classifier with "valid" convs and pools only, output stride 4: without padding, shifting
 * the image by a multiple of the stride shifts every map by whole positions, so each FCN grid cell
 * must equal the classifier run on the matching crop, exactly up to rounding.
 */
function smallClassifier(side: number, top: 'flatten' | 'globalAveragePooling2d'): ModelSpecInput {
  return {
    name: 'small',
    input: [side, side, 3],
    layers: [
      { kind: 'conv2d', name: 'conv1', filters: 6, kernelSize: 3, activation: 'relu' },
      { kind: 'maxPooling2d', name: 'pool1', poolSize: 2 },
      { kind: 'conv2d', name: 'conv2', filters: 8, kernelSize: 3, activation: 'relu' },
      { kind: 'batchNormalization', name: 'bn2' },
      { kind: 'maxPooling2d', name: 'pool2', poolSize: 2 },
      { kind: top, name: 'collapse' },
      { kind: 'dense', name: 'fc1', units: 16, activation: 'relu' },
      { kind: 'batchNormalization', name: 'fc1_bn' },
      { kind: 'dropout', name: 'drop', rate: 0.5 },
      // Logits, not probabilities: a softmax of large logits is one-hot, and hides a scrambled copy.
      { kind: 'dense', name: 'scores', units: 5, activation: 'linear' },
    ],
  };
}

/**
 * Gives every weight a signed random value in [−1, 1) (batch norm's moving variance in [0.1, 1)),
 * so the copy is really tested: with positive weights only, a channels-first copy still passed.
 */
function randomiseWeights(model: tfl.LayersModel, seed: number) {
  model.weights.forEach((weight, i) => {
    const [low, high] = weight.name.includes('moving_variance') ? [0.1, 1] : [-1, 1];
    const value = tf.randomUniform(weight.shape as number[], low, high, 'float32', seed + i);
    weight.write(value);
    value.dispose();
  });
}

describe.each(['flatten', 'globalAveragePooling2d'] as const)('convertDenseToConv, top %s', (top) => {
  const trainSide = 20;
  const spec = smallClassifier(trainSide, top);

  test("at the training size the FCN returns the classifier's outputs (1×1 grid)", () => {
    const classifier = buildModel(spec);
    randomiseWeights(classifier.model, 7);
    const fcn = convertDenseToConv(classifier.model, { spec });
    expect(compareWithShapeMath(fcn)).toEqual([]);
    const [fromDense, fromConv] = tf.tidy(() => {
      const images = tf.randomUniform([3, trainSide, trainSide, 3], 0, 1, 'float32', 1);
      return [
        (classifier.model.predict(images) as tf.Tensor).arraySync() as number[][],
        (fcn.model.predict(images) as tf.Tensor).arraySync() as number[][][][],
      ];
    });
    expect(fcn.model.outputs[0]!.shape).toEqual([null, 1, 1, 5]);
    fromDense.forEach((scores, n) => {
      scores.forEach((score, k) => {
        expect(Math.abs(fromConv[n]![0]![0]![k]! - score)).toBeLessThan(TOLERANCE);
      });
    });
    classifier.model.dispose();
    fcn.model.dispose();
  });

  // Without padding only: with "same" padding see test/convert-logits.test.ts.
  test('on a larger image each grid cell equals the classifier on the matching crop', () => {
    const classifier = buildModel(spec);
    randomiseWeights(classifier.model, 11);
    const side = trainSide + 4 * 3; // three more stride-4 steps per side
    const fcn = convertDenseToConv(classifier.model, { spec, input: [side, side, 3] });
    const predicted = outputShape(toFullyConvolutional(spec, { input: [side, side, 3] }));
    expect(predicted).toEqual([4, 4, 5]);
    expect(fcn.model.outputs[0]!.shape).toEqual([null, ...predicted]);
    const image = tf.randomUniform([1, side, side, 3], 0, 1, 'float32', 3);
    const grid = tf.tidy(() => (fcn.model.predict(image) as tf.Tensor).arraySync() as number[][][][]);
    for (const [row, column] of [
      [0, 0],
      [1, 2],
      [3, 3],
    ] as const) {
      const crop = tf.tidy(() => {
        const window = tf.slice(image, [0, 4 * row, 4 * column, 0], [1, trainSide, trainSide, 3]);
        return (classifier.model.predict(window) as tf.Tensor).arraySync() as number[][];
      });
      crop[0]!.forEach((score, k) => {
        expect(Math.abs(grid[0]![row]![column]![k]! - score)).toBeLessThan(TOLERANCE);
      });
    }
    image.dispose();
    classifier.model.dispose();
    fcn.model.dispose();
  });
});

test("a spec that is not the classifier's is refused with model_mismatch", () => {
  const classifier = buildModel(smallClassifier(20, 'flatten'));
  const other = smallClassifier(24, 'flatten'); // pool2 is 4×4 here, 3×3 in the real model
  expect(() => convertDenseToConv(classifier.model, { spec: other })).toThrowError(
    expect.objectContaining({ code: 'model_mismatch', message: expect.stringMatching(/fc1.*cannot fill/) }),
  );
  classifier.model.dispose();
});
