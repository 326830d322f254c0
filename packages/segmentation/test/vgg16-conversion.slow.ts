import { describeSpec } from '@cnnkit/architectures';
import { buildArchitecture } from '@cnnkit/architectures/build';
import { initBackend } from '@cnnkit/layers-gpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, expect, test } from 'vitest';
import { convertDenseToConv } from '../src/build';

beforeAll(async () => {
  await initBackend({ env: {}, wasmThreads: 1 }); // one thread in tests: see vitest.shared.ts
});

// VGG16 at full size: 138M parameters, the FCN paper's own example (fc6 → 7×7 conv, fc7 → 1×1).
test("VGG16: the converted FCN gives the classifier's probabilities at 224 and a 6×6 grid at 384", () => {
  const spec = describeSpec('vgg16');
  const classifier = buildArchitecture('vgg16');
  const image = tf.randomUniform([1, 224, 224, 3], 0, 1, 'float32', 5);
  const atTraining = convertDenseToConv(classifier.model, { spec });
  const difference = tf.tidy(() => {
    const fromDense = classifier.model.predict(image) as tf.Tensor;
    const fromConv = tf.reshape(atTraining.model.predict(image) as tf.Tensor, fromDense.shape);
    return tf.max(tf.abs(tf.sub(fromDense, fromConv))).dataSync()[0]!;
  });
  atTraining.model.dispose();
  // Softmax probabilities over 1000 classes; float32 rounding of 25,088-term sums stays far below this.
  expect(difference).toBeLessThan(1e-5);

  const larger = convertDenseToConv(classifier.model, { spec, input: [384, 384, 3] });
  const shape = tf.tidy(() => (larger.model.predict(tf.zeros([1, 384, 384, 3])) as tf.Tensor).shape);
  // (384 − 224) / 32 + 1 = 6 (Long et al. 2015, section 3.1).
  expect(shape).toEqual([1, 6, 6, 1000]);
  larger.model.dispose();
  classifier.model.dispose();
  image.dispose();
}, 600_000);
