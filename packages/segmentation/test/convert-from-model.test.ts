import { initBackend } from '@cnnkit/layers-gpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, expect, test } from 'vitest';
import { convertDenseToConv } from '../src/build';

/*
 * convertDenseToConv with no spec: the description comes from the model's own topology
 * (readKerasModel(model.toJSON())), so a classifier cnnkit never built, saved and loaded back as
 * tf.loadLayersModel would, converts as it is.
 */

beforeAll(async () => {
  await initBackend({ env: {}, wasmThreads: 1 }); // one thread in tests: see vitest.shared.ts
});

/** float32 sums of the same products in a different order (matmul vs conv) differ by rounding only. */
const TOLERANCE = 1e-5;

/** A classifier written with tf.layers directly (tfjs' default names), "valid" only, output stride 4. */
function plainTfjsClassifier(side: number): tfl.LayersModel {
  const model = tfl.sequential({
    layers: [
      tfl.layers.conv2d({ inputShape: [side, side, 3], filters: 6, kernelSize: 3, activation: 'relu' }),
      tfl.layers.maxPooling2d({ poolSize: 2 }),
      tfl.layers.conv2d({ filters: 8, kernelSize: 3, activation: 'relu' }),
      tfl.layers.batchNormalization(),
      tfl.layers.maxPooling2d({ poolSize: 2 }),
      tfl.layers.flatten(),
      tfl.layers.dense({ units: 16, activation: 'relu' }),
      tfl.layers.dropout({ rate: 0.5 }),
      tfl.layers.dense({ units: 5, activation: 'softmax' }),
    ],
  });
  model.weights.forEach((weight, i) => {
    const value = tf.randomUniform(weight.shape as number[], 0.1, 1, 'float32', 40 + i);
    weight.write(value);
    value.dispose();
  });
  return model;
}

/** Saves the model to memory and loads it back, as a classifier read from disk arrives. */
async function roundTrip(model: tfl.LayersModel): Promise<tfl.LayersModel> {
  let artifacts: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (saved) => {
      artifacts = saved;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  return tfl.loadLayersModel(tf.io.fromMemory(artifacts!));
}

test('a tfjs classifier loaded from disk converts with no spec; each grid cell equals the classifier on its crop', async () => {
  const trainSide = 20;
  const original = plainTfjsClassifier(trainSide);
  const classifier = await roundTrip(original);
  original.dispose();
  const side = trainSide + 4 * 2;
  const fcn = convertDenseToConv(classifier, { input: [side, side, 3] });
  // The dense layer after the 3×3×8 flatten became a 3×3 conv; the last dense a 1×1 conv.
  expect(fcn.plan.conversions.map((c) => [c.from, c.to, c.window])).toEqual([
    ['flatten', 'removed', undefined],
    ['dense', 'conv2d', [3, 3]],
    ['dense', 'conv2d', [1, 1]],
  ]);
  expect(fcn.model.outputs[0]!.shape).toEqual([null, 3, 3, 5]);
  const image = tf.randomUniform([1, side, side, 3], 0, 1, 'float32', 5);
  const grid = tf.tidy(() => (fcn.model.predict(image) as tf.Tensor).arraySync() as number[][][][]);
  for (const [row, column] of [
    [0, 0],
    [1, 2],
    [2, 2],
  ] as const) {
    const crop = tf.tidy(() => {
      const window = tf.slice(image, [0, 4 * row, 4 * column, 0], [1, trainSide, trainSide, 3]);
      return (classifier.predict(window) as tf.Tensor).arraySync() as number[][];
    });
    crop[0]!.forEach((score, k) => {
      expect(Math.abs(grid[0]![row]![column]![k]! - score)).toBeLessThan(TOLERANCE);
    });
  }
  image.dispose();
  classifier.dispose();
  fcn.model.dispose();
});

test('a layer the reader cannot map is named in the error, not skipped', () => {
  const model = tfl.sequential({
    layers: [
      tfl.layers.conv2d({ inputShape: [8, 8, 3], filters: 2, kernelSize: 3 }),
      tfl.layers.flatten(),
      tfl.layers.dense({ units: 4 }),
      tfl.layers.prelu({ name: 'learnt_slope' }),
    ],
  });
  expect(() => convertDenseToConv(model)).toThrowError(
    expect.objectContaining({
      code: 'unsupported_layer',
      message: expect.stringContaining('"learnt_slope" (PReLU)'),
    }),
  );
  model.dispose();
});
