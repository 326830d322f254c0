import { initBackend } from '@cnnkit/layers-gpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { crossEntropyDiceLoss, diceLoss, pixelCrossEntropy } from '../src/build';

beforeAll(async () => {
  await initBackend({ env: {}, wasmThreads: 1 }); // one thread in tests: see vitest.shared.ts
});

const value = (scalar: tf.Scalar) => {
  const v = scalar.dataSync()[0]!;
  scalar.dispose();
  return v;
};

// One image of 1×3 pixels, 2 classes. Logits [0, 0] give p = (1/2, 1/2); [ln 3, 0] give (3/4, 1/4).
const logits = () => tf.tensor4d([0, 0, Math.log(3), 0, 5, -5], [1, 1, 3, 2]);
const labels = (third: number) => tf.tensor3d([0, 0, third], [1, 1, 3], 'int32');

describe('pixel-wise cross-entropy', () => {
  test('mean of −log p(label) over the pixels that count; the ignore label drops a pixel', () => {
    // Pixels 1 and 2: −ln(1/2) and −ln(3/4). The third pixel is ignored.
    expect(value(pixelCrossEntropy(labels(255), logits(), { ignoreLabel: 255 }))).toBeCloseTo(
      (Math.log(2) + Math.log(4 / 3)) / 2,
      5,
    );
    // Counted with label 1: −ln(softmax([5, −5])[1]) = ln(1 + e^10).
    expect(value(pixelCrossEntropy(labels(1), logits()))).toBeCloseTo(
      (Math.log(2) + Math.log(4 / 3) + Math.log(1 + Math.exp(10))) / 3,
      4,
    );
  });

  test('no counted pixel gives 0, not NaN', () => {
    expect(
      Math.abs(
        value(
          pixelCrossEntropy(tf.fill([1, 1, 3], 255, 'int32') as tf.Tensor3D, logits(), { ignoreLabel: 255 }),
        ),
      ),
    ).toBe(0);
  });
});

describe('Dice loss', () => {
  test('1 − mean over classes of soft Dice, classes absent from the truth counting 0', () => {
    // Third pixel ignored. Class 0: p = (1/2, 3/4), y = (1, 1): 2·(5/4) / (5/4 + 2) = 10/13.
    // Class 1 is absent from the truth: contributes 0 (smp's convention). Loss = (1 − 10/13 + 0) / 2.
    expect(value(diceLoss(labels(255), logits(), { ignoreLabel: 255 }))).toBeCloseTo((1 - 10 / 13) / 2, 5);
  });

  test('cross-entropy + Dice is their sum', () => {
    const ce = (Math.log(2) + Math.log(4 / 3)) / 2;
    const dice = (1 - 10 / 13) / 2;
    expect(value(crossEntropyDiceLoss(labels(255), logits(), { ignoreLabel: 255 }))).toBeCloseTo(
      ce + dice,
      5,
    );
    expect(
      value(crossEntropyDiceLoss(labels(255), logits(), { ignoreLabel: 255, diceWeight: 0.5 })),
    ).toBeCloseTo(ce + 0.5 * dice, 5);
  });

  test('a confident, correct prediction has a Dice loss near 0', () => {
    const sure = tf.tensor4d([9, -9, -9, 9], [1, 1, 2, 2]);
    expect(value(diceLoss(tf.tensor3d([0, 1], [1, 1, 2], 'int32'), sure))).toBeLessThan(1e-3);
    sure.dispose();
  });
});
