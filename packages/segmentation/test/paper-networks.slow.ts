import { compareWithShapeMath, initBackend } from '@cnnkit/layers-gpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildSegmenter } from '../src/build';
import { fcnSpec } from '../src/index';
import { miniVgg } from './mini-vgg';

beforeAll(async () => {
  await initBackend({ env: {}, wasmThreads: 1 }); // one thread in tests: see vitest.shared.ts
});

// The paper head keeps fc6/fc7 at 4,096 filters whatever the backbone: fc7 alone is 16.8 M
// parameters, so even on a small backbone a real build takes seconds (a slow suite).
describe('the paper FCN built for real through layers-gpu', () => {
  test('paper FCN-8s on a small VGG-like backbone at 37×37: same size out, the final upsampler frozen', () => {
    const built = buildSegmenter(fcnSpec(miniVgg(37), { variant: 'fcn8s', classes: 3, head: 'paper' }));
    expect(compareWithShapeMath(built)).toEqual([]);
    const shape = tf.tidy(() => (built.model.predict(tf.randomUniform([1, 37, 37, 3])) as tf.Tensor).shape);
    expect(shape).toEqual([1, 37, 37, 3]);
    expect(built.model.getLayer('upscore_final').trainable).toBe(false);
    // tfjs' own count of what it would train equals shape-math's trainable parameters.
    const trainable = built.model.trainableWeights.reduce(
      (sum, weight) => sum + tf.util.sizeFromShape(weight.shape as number[]),
      0,
    );
    expect(trainable).toBe(built.report.totals.params.trainable);
    built.model.dispose();
  });
});
