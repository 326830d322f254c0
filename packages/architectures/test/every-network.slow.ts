import { compareWithShapeMath, initBackend } from '@cnnkit/layers-gpu';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildArchitecture } from '../src/build';
import { ARCHITECTURE_NAMES, ARCHITECTURES } from '../src/index';

// Slow suite (CI and `pnpm test:all`): every network built for real, weights and all (VGG16 is
// 138M parameters, 553 MB). About a minute on two cores.
beforeAll(async () => {
  await initBackend({ env: {}, wasmThreads: 1 }); // one thread in tests: see vitest.shared.ts
});

const trainableParams = (model: tfl.LayersModel) =>
  model.trainableWeights.reduce(
    (sum, weight) => sum + weight.shape.reduce<number>((a, b) => a * (b ?? 1), 1),
    0,
  );

describe('every network at its reference input: the real tfjs model has the reference parameter count', () => {
  test.each(ARCHITECTURE_NAMES)(
    '%s',
    (name) => {
      const architecture = ARCHITECTURES[name];
      const built = buildArchitecture(name);
      try {
        // Counted by tfjs, independently of shape-math: all weights, and the trainable ones.
        const real =
          architecture.reference.counts === 'trainable'
            ? trainableParams(built.model)
            : built.model.countParams();
        expect(real).toBe(architecture.reference.params);
        expect(built.model.countParams()).toBe(built.report.totals.params.total);
        expect(trainableParams(built.model)).toBe(built.report.totals.params.trainable);
        expect(compareWithShapeMath(built)).toEqual([]);
      } finally {
        built.model.dispose();
      }
    },
    120_000,
  );
});

describe('a forward pass at a reduced input size gives the shapes shape-math predicts', () => {
  test.each(ARCHITECTURE_NAMES)(
    '%s',
    (name) => {
      const architecture = ARCHITECTURES[name];
      const side = Math.max(architecture.minimumInputSide, 64);
      const channels = architecture.defaultInputShape[2];
      const before = tf.memory().numTensors;
      const built = buildArchitecture(name, { inputShape: [side, side, channels], classes: 7 });
      const outputs = tf.tidy(() => {
        const y = built.model.predict(tf.randomUniform([2, side, side, channels])) as tf.Tensor | tf.Tensor[];
        return Array.isArray(y) ? y : [y];
      });
      expect(outputs.map((t) => t.shape)).toEqual(built.report.outputs.map((o) => [2, ...o.shape]));
      for (const t of outputs) expect(Array.from(t.dataSync()).every(Number.isFinite)).toBe(true);
      tf.dispose(outputs);
      built.model.dispose();
      expect(tf.memory().numTensors).toBe(before);
    },
    120_000,
  );
});
