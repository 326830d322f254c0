import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, test } from 'vitest';
import { BATCH_NORM_TRAINING_KERNEL, fuseBatchNormTraining } from '../src/batch-norm-training';
import { useDefaultBackend } from './helpers';

beforeAll(async () => {
  const report = await useDefaultBackend();
  expect(report.backend).toBe('wasm');
  expect(report.addedKernels).toContain(BATCH_NORM_TRAINING_KERNEL);
});

function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}
const maxAbs = (a: ArrayLike<number>) => Math.max(...Array.from(a, Math.abs));

/** Runs `fn` on the cpu backend (the reference: tfjs-core's own ops and gradients there). */
async function onCpu<T>(fn: () => T): Promise<T> {
  await tf.setBackend('cpu');
  try {
    return fn();
  } finally {
    await tf.setBackend('wasm');
  }
}

/** A training-mode BatchNormalization layer with the given γ and β, fused or tfjs-layers' own. */
function batchNormLayer(
  shape: readonly number[],
  gamma: number[],
  beta: number[],
  fused: boolean,
  momentum = 0.9,
) {
  const channels = shape[shape.length - 1]!;
  const layer = tfl.layers.batchNormalization({ axis: -1, momentum, epsilon: 1e-3 });
  layer.build([null, ...shape.slice(1)]);
  layer.setWeights([
    tf.tensor1d(gamma),
    tf.tensor1d(beta),
    tf.tensor1d(Array.from({ length: channels }, (_, c) => 0.1 * c)), // moving mean
    tf.tensor1d(Array.from({ length: channels }, (_, c) => 1 + 0.5 * c)), // moving variance
  ]);
  return fused ? fuseBatchNormTraining(layer) : layer;
}

describe('fused batch normalization in training mode', () => {
  test.each([
    { shape: [3, 5, 7, 6], offset: 0 }, // odd sizes
    { shape: [2, 9, 4, 3], offset: 40 }, // |mean| ≫ σ: the variance must not cancel
    { shape: [13, 5], offset: -3 }, // rank 2 (a dense layer's activations)
    { shape: [1, 1, 1, 4], offset: 0 }, // one value per channel: variance 0
  ] as const)(
    'output, moving statistics and gradients of x, γ and β for $shape (offset $offset) agree with tfjs-layers on the cpu backend',
    async ({ shape, offset }) => {
      const dims = shape as unknown as number[];
      const channels = dims[dims.length - 1]!;
      const xValues = Array.from(tf.randomNormal(dims, offset, 2).dataSync());
      const upstream = Array.from(tf.randomNormal(dims).dataSync());
      const gamma = Array.from({ length: channels }, (_, c) => 0.5 + 0.25 * c);
      const beta = Array.from({ length: channels }, (_, c) => 0.3 * c - 0.2);
      const run = (fused: boolean) => {
        const layer = batchNormLayer(dims, gamma, beta, fused);
        const x = tf.tensor(xValues, dims);
        const dy = tf.tensor(upstream, dims);
        const [gammaVar, betaVar] = layer.trainableWeights.map((w) => w.read() as tf.Variable);
        let y: number[] = [];
        const { value, grads } = tf.variableGrads(() => {
          const out = layer.apply(x, { training: true }) as tf.Tensor;
          y = Array.from(out.dataSync());
          return tf.sum(tf.mul(out, dy)) as tf.Scalar;
        }, [gammaVar!, betaVar!]);
        const dx = tf.grad((input: tf.Tensor) =>
          tf.sum(tf.mul(layer.apply(input, { training: true }) as tf.Tensor, dy)),
        )(x);
        const [, , movingMean, movingVariance] = layer.getWeights().map((w) => Array.from(w.dataSync()));
        const result = {
          y,
          dx: Array.from(dx.dataSync()),
          dGamma: Array.from(grads[gammaVar!.name]!.dataSync()),
          dBeta: Array.from(grads[betaVar!.name]!.dataSync()),
          movingMean: movingMean!,
          movingVariance: movingVariance!,
        };
        tf.dispose([x, dy, dx, value, ...Object.values(grads)]);
        for (const w of layer.weights) w.dispose();
        return result;
      };
      const fused = run(true);
      const reference = await onCpu(() => run(false));
      // float32 arithmetic in tfjs against double accumulators here: a few ulps of the largest value.
      for (const key of ['y', 'dx', 'dGamma', 'dBeta', 'movingMean', 'movingVariance'] as const) {
        const scale = Math.max(1, maxAbs(reference[key]));
        expect(maxAbsDifference(fused[key], reference[key]) / scale, key).toBeLessThan(2e-5);
      }
      // The moving statistics were updated twice (two training calls) and differ from the start.
      expect(
        maxAbsDifference(fused.movingMean, [0, 0.1, 0.2, 0.3, 0.4, 0.5].slice(0, channels)),
      ).toBeGreaterThan(0);
    },
  );

  test('channels whose mean is 10⁶ times their spread keep their variance (double-precision reference computed here)', () => {
    // float32 inputs cannot carry this case through tfjs' float32 moments, so the reference is the
    // two-pass mean and variance in double precision of the same float32 values. A one-pass Σx² − (Σx)²/N
    // without the shift loses about 1e-4 of the variance here (x² ≈ 10¹³, its double ulp ≈ 2e-3).
    const [pixels, channels] = [60, 5]; // a block of four channels and one left over
    const values = new Float32Array(pixels * channels);
    const noise = tf.randomNormal([pixels * channels]).dataSync();
    for (let i = 0; i < values.length; i++) values[i] = 1e6 * (1 + (i % channels)) + noise[i]!;
    const x = tf.tensor2d(values, [pixels, channels]);
    const [y, mean, variance] = tf.engine().runKernel(
      BATCH_NORM_TRAINING_KERNEL,
      { x, scale: tf.ones([channels]), offset: tf.zeros([channels]) },
      {
        epsilon: 1e-3,
      },
    ) as tf.Tensor[];
    const got = { mean: mean!.dataSync(), variance: variance!.dataSync() };
    for (let c = 0; c < channels; c++) {
      let sum = 0;
      for (let p = 0; p < pixels; p++) sum += values[p * channels + c]!;
      const mu = sum / pixels;
      let squares = 0;
      for (let p = 0; p < pixels; p++) squares += (values[p * channels + c]! - mu) ** 2;
      const sigma2 = squares / pixels;
      expect(Math.abs(got.mean[c]! - mu) / mu, `mean ${c}`).toBeLessThan(1e-7);
      expect(Math.abs(got.variance[c]! - sigma2) / sigma2, `variance ${c}`).toBeLessThan(1e-5);
    }
    tf.dispose([x, y!, mean!, variance!]);
  });

  test('inference mode and the cpu backend run the layer’s own code (no fused kernel call)', async () => {
    const layer = batchNormLayer([2, 4, 4, 3], [1, 2, 3], [0, 0, 0], true);
    const x = tf.randomNormal([2, 4, 4, 3]);
    const count = () => {
      let fusedCalls = 0;
      const profileKernels = (fn: () => unknown) =>
        tf
          .profile(() => {
            tf.tidy(() => {
              fn();
            });
          })
          .then((info) => {
            fusedCalls = info.kernels.filter((k) => k.name === BATCH_NORM_TRAINING_KERNEL).length;
            return fusedCalls;
          });
      return profileKernels;
    };
    expect(await count()(() => layer.apply(x, { training: false }))).toBe(0);
    expect(await count()(() => layer.apply(x, { training: true }))).toBe(1);
    const onCpuCalls = await onCpu(async () => {
      const xc = tf.randomNormal([2, 4, 4, 3]);
      const calls = await count()(() => layer.apply(xc, { training: true }));
      xc.dispose();
      return calls;
    });
    expect(onCpuCalls).toBe(0);
    x.dispose();
    for (const w of layer.weights) w.dispose();
  });

  test('a conv + batch norm network trains to the same losses over five Adam steps (relative 1e-4)', () => {
    const losses = (fused: boolean) => {
      const input = tfl.input({ shape: [12, 10, 3] });
      const conv1 = tfl.layers.conv2d({
        filters: 6,
        kernelSize: 3,
        padding: 'same',
        useBias: false,
        kernelInitializer: tfl.initializers.glorotUniform({ seed: 1 }),
      });
      const conv2 = tfl.layers.conv2d({
        filters: 2,
        kernelSize: 1,
        kernelInitializer: tfl.initializers.glorotUniform({ seed: 2 }),
      });
      const bn = tfl.layers.batchNormalization({ axis: -1 });
      const output = conv2.apply(
        tfl.layers
          .activation({ activation: 'relu' })
          .apply((fused ? fuseBatchNormTraining(bn) : bn).apply(conv1.apply(input))),
      ) as tfl.SymbolicTensor;
      const model = tfl.model({ inputs: input, outputs: output });
      const x = tf.tensor4d(
        Array.from({ length: 4 * 12 * 10 * 3 }, (_, i) => Math.sin(i * 0.37) * 2 + 0.5),
        [4, 12, 10, 3],
      );
      const target = tf.tensor4d(
        Array.from({ length: 4 * 12 * 10 * 2 }, (_, i) => Math.cos(i * 0.11)),
        [4, 12, 10, 2],
      );
      const optimizer = tf.train.adam(1e-2);
      const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
      const values: number[] = [];
      for (let step = 0; step < 5; step++) {
        const loss = optimizer.minimize(
          () =>
            tf.mean(tf.square(tf.sub(model.apply(x, { training: true }) as tf.Tensor, target))) as tf.Scalar,
          true,
          variables,
        )!;
        values.push(loss.dataSync()[0]!);
        loss.dispose();
      }
      tf.dispose([x, target]);
      optimizer.dispose();
      model.dispose();
      return values;
    };
    const before = tf.memory().numTensors;
    const fused = losses(true);
    expect(tf.memory().numTensors).toBe(before); // nothing left behind by the fused path
    const reference = losses(false);
    expect(fused[4]!).toBeLessThan(fused[0]!);
    for (let i = 0; i < 5; i++)
      expect(Math.abs(fused[i]! - reference[i]!) / reference[i]!).toBeLessThan(1e-4);
  });
});
