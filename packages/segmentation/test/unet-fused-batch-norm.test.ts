import { type BuiltModel, buildModel, initBackend } from '@cnnkit/layers-gpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, expect, test } from 'vitest';
import { buildSegmenter, pixelCrossEntropy } from '../src/build';
import { unetSpec } from '../src/index';

beforeAll(async () => {
  const report = await initBackend({ env: {}, wasmThreads: 1 }); // one thread in tests: see vitest.shared.ts
  expect(report.backend).toBe('wasm');
});

/** Training-mode BatchNormalization layers of a built model, with the call buildModel gave them. */
const batchNormLayers = (model: BuiltModel['model']) =>
  model.layers.filter((layer) => layer.getClassName() === 'BatchNormalization');

test("a U-Net's losses over three Adam steps with the fused batch norm stay within 1e-4 (relative) of tfjs-layers' own", async () => {
  const spec = unetSpec({ input: [32, 32, 3], classes: 2, depth: 2, baseFilters: 4, batchNorm: true });
  const x = tf.tensor4d(
    Array.from({ length: 2 * 32 * 32 * 3 }, (_, i) => Math.sin(i * 0.013) + 0.3 * Math.cos(i * 0.7)),
    [2, 32, 32, 3],
  );
  const labels = tf.tensor3d(
    Array.from({ length: 2 * 32 * 32 }, (_, i) => (Math.sin(i * 0.05) > 0 ? 1 : 0)),
    [2, 32, 32],
    'int32',
  );
  // Seeded kernels: Adam's first steps move every weight by about ±lr whatever the gradient's size, so
  // a random start can put a near-zero gradient where float32 against double sums flips its sign;
  // with fixed weights the comparison is the same every run (one wasm thread is deterministic).
  const fused = buildSegmenter(spec, { seed: 3 }).model;
  const reference = buildModel(spec).model;
  reference.setWeights(fused.getWeights());
  // buildModel gives each BatchNormalization its own `call`; removing it restores tfjs-layers' method.
  for (const layer of batchNormLayers(reference)) {
    expect(Object.hasOwn(layer, 'call')).toBe(true);
    delete (layer as unknown as { call?: unknown }).call;
  }
  const train = async (model: BuiltModel['model']) => {
    const optimizer = tf.train.adam(1e-2);
    const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
    const losses: number[] = [];
    let fusedCalls = 0;
    for (let step = 0; step < 3; step++) {
      const info = await tf.profile(() => {
        const loss = optimizer.minimize(
          () => pixelCrossEntropy(labels, model.apply(x, { training: true }) as tf.Tensor4D),
          true,
          variables,
        )!;
        losses.push(loss.dataSync()[0]!);
        loss.dispose();
      });
      fusedCalls += info.kernels.filter((k) => k.name === 'CnnkitBatchNormTraining').length;
    }
    optimizer.dispose();
    return { losses, fusedCalls };
  };
  const withFused = await train(fused);
  const withTfjs = await train(reference);
  // Every batch norm of the built U-Net ran fused in every step; the reference never did.
  expect(withFused.fusedCalls).toBe(3 * batchNormLayers(fused).length);
  expect(batchNormLayers(fused).length).toBeGreaterThan(0);
  expect(withTfjs.fusedCalls).toBe(0);
  expect(withFused.losses[2]!).toBeLessThan(withFused.losses[0]!);
  for (let i = 0; i < 3; i++)
    expect(Math.abs(withFused.losses[i]! - withTfjs.losses[i]!) / withTfjs.losses[i]!).toBeLessThan(1e-4);
  tf.dispose([x, labels]);
  fused.dispose();
  reference.dispose();
});
