import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, test } from 'vitest';
import { optimizeForInference } from '../src/index';
import {
  expectSameAcrossBackendSwitch,
  randomizeBatchNorms,
  relativeError,
  weightBits,
} from './folding-fixtures';
import { useDefaultBackend } from './helpers';

/*
 * The rules of optimizeForInference that only the wasm backend reaches, one at a time, on tiny
 * models (2 to 3 channels, inputs of at most 8×8): the default fold that scales the model's own
 * kernel only while XNNPACK packs it (packConvSteps), the packing run on the smallest input a
 * convolution accepts (smallestInput), folding copies after the packed operators left with a backend
 * switch (unpackFolded), and foldInPlace. inference-rules.test.ts runs the other rules on the cpu
 * backend; inference.test.ts keeps the larger graphs. Expected values: the unoptimised model's own
 * `model.predict` (tfjs-layers runs each batch norm as its own op), and the fold worked out by hand
 * (W′ = W·s, b′ = (b − μ)·s + β, s = γ/√(σ² + ε)) where the model's weights are read back.
 */

beforeAll(async () => {
  await useDefaultBackend();
  expect(tf.getBackend()).toBe('wasm');
});

const RELATIVE_TOLERANCE = 1e-5;
type Sym = tfl.SymbolicTensor;
const on = (layer: tfl.layers.Layer, x: Sym): Sym => layer.apply(x) as Sym;

const values = (model: tfl.LayersModel, name: string) =>
  model
    .getLayer(name)
    .getWeights()
    .map((w) => Array.from(w.dataSync()));

/** input [6, 6, 2] → conv (3×3 'valid', 3 filters, bias or not) → batch norm (ε, center). */
function convBatchNorm(options: { useBias?: boolean; center?: boolean; epsilon?: number } = {}) {
  const input = tfl.input({ shape: [6, 6, 2] });
  const conv = on(
    tfl.layers.conv2d({ filters: 3, kernelSize: 3, useBias: options.useBias ?? false, name: 'c' }),
    input,
  );
  const output = on(
    tfl.layers.batchNormalization({
      name: 'bn',
      center: options.center ?? true,
      epsilon: options.epsilon ?? 1e-3,
    }),
    conv,
  );
  const model = tfl.model({ inputs: input, outputs: output });
  randomizeBatchNorms(model, 3);
  const c = model.getLayer('c');
  const drawn = c.getWeights().map((w, i) => tf.randomNormal(w.shape, 0, 1, 'float32', 40 + i));
  c.setWeights(drawn);
  tf.dispose(drawn);
  return model;
}

/** The optimised model's output against model.predict's, on a seeded batch of 2. */
function agreement(model: tfl.LayersModel, optimized: ReturnType<typeof optimizeForInference>, seed = 5) {
  const shape = model.inputs[0]!.shape.slice(1) as number[];
  const x = tf.randomNormal([2, ...shape], 0, 1, 'float32', seed);
  const expected = model.predict(x) as tf.Tensor;
  const actual = optimized.predict(x) as tf.Tensor;
  const error = relativeError(expected, actual);
  tf.dispose([x, expected, actual]);
  return error;
}

describe('the default fold on wasm: the model’s kernel is scaled only while XNNPACK packs it', () => {
  test('no kernel copy (one new tensor memory: the folded bias), the model’s weights bit for bit, the output folded', () => {
    const model = convBatchNorm();
    const weights = weightBits(model);
    const ids = tf.engine().backend.numDataIds();
    const optimized = optimizeForInference(model);
    // The filter is a view of c's kernel (no data of its own); a copy would add one more.
    expect(tf.engine().backend.numDataIds() - ids).toBe(1);
    expect(weightBits(model)).toEqual(weights);
    // Folded: an unscaled kernel with the folded bias would be off by far more than rounding.
    expect(agreement(model, optimized)).toBeLessThan(RELATIVE_TOLERANCE);
    expect(agreement(model, optimized, 6)).toBeLessThan(RELATIVE_TOLERANCE);
    expect(weightBits(model)).toEqual(weights);
    // Predicting found its packed operator intact: still no folded copy made.
    expect(tf.engine().backend.numDataIds() - ids).toBe(1);
    const held = tf.memory().numTensors;
    optimized.dispose();
    // Its view and its bias are freed; the model's kernel is not.
    expect(tf.memory().numTensors).toBe(held - 2);
    expect(model.getLayer('c').getWeights()[0]!.isDisposed).toBe(false);
    model.dispose();
  });

  test('a folded 1×1 convolution (a matrix product) and a folded depthwise one, the model’s weights restored', () => {
    const input = tfl.input({ shape: [4, 4, 3] });
    let x = on(tfl.layers.conv2d({ filters: 2, kernelSize: 1, name: 'p' }), input);
    x = on(tfl.layers.batchNormalization({ name: 'bn1' }), x);
    x = on(tfl.layers.depthwiseConv2d({ kernelSize: 3, depthMultiplier: 2, name: 'd' }), x);
    x = on(tfl.layers.batchNormalization({ name: 'bn2' }), x);
    const model = tfl.model({ inputs: input, outputs: x });
    randomizeBatchNorms(model, 8);
    const weights = weightBits(model);
    const optimized = optimizeForInference(model);
    expect(optimized.rewrite.foldedBatchNorms).toBe(2);
    expect(weightBits(model)).toEqual(weights);
    expect(agreement(model, optimized)).toBeLessThan(RELATIVE_TOLERANCE);
    optimized.dispose();
    model.dispose();
  });

  test('each convolution is run once by optimizeForInference, on the smallest input it accepts', async () => {
    // pad (top 1, bottom 0; left 0, right 1) + a [4, 3] 'valid' kernel: 4 − 1 = 3 rows, 3 − 1 = 2
    // columns; a 3×3 'valid' kernel of dilation 2 spans (3 − 1)·2 + 1 = 5; 'same' needs 1; a
    // separable 2×2 'valid' convolution's depthwise half needs 2. Channels: 2, then 3 each.
    const input = tfl.input({ shape: [8, 8, 2] });
    let x = on(
      tfl.layers.zeroPadding2d({
        padding: [
          [1, 0],
          [0, 1],
        ],
      }),
      input,
    ); // [9, 9]
    x = on(tfl.layers.conv2d({ filters: 3, kernelSize: [4, 3], name: 'a' }), x); // [6, 7]
    x = on(tfl.layers.conv2d({ filters: 3, kernelSize: 3, dilationRate: 2, name: 'b' }), x); // [2, 3]
    x = on(tfl.layers.conv2d({ filters: 3, kernelSize: 3, padding: 'same', name: 'c' }), x);
    x = on(tfl.layers.separableConv2d({ filters: 3, kernelSize: 2, name: 's' }), x); // [1, 2]
    const model = tfl.model({ inputs: input, outputs: x });
    let optimized: ReturnType<typeof optimizeForInference> | undefined;
    const info = await tf.profile(() => {
      optimized = optimizeForInference(model);
      return [];
    });
    expect(optimized!.rewrite.foldedPaddings).toBe(1);
    const runs = info.kernels
      .filter((k) => k.name === 'FusedConv2D' || k.name === 'DepthwiseConv2dNative')
      .map((k) => [k.name, k.inputShapes[0]]);
    expect(runs).toEqual([
      ['FusedConv2D', [1, 3, 2, 2]],
      ['FusedConv2D', [1, 5, 5, 3]],
      ['FusedConv2D', [1, 1, 1, 3]],
      ['DepthwiseConv2dNative', [1, 2, 2, 3]],
      // The separable's 1×1 half runs on the depthwise half's 1×1 output.
      ['FusedConv2D', [1, 1, 1, 3]],
    ]);
    expect(agreement(model, optimized!)).toBeLessThan(RELATIVE_TOLERANCE);
    optimized!.dispose();
    model.dispose();
  });

  test('after a backend switch (the packed operators left with the data) it folds copies, the 1×1 one too', async () => {
    const input = tfl.input({ shape: [5, 5, 2] });
    let x = on(tfl.layers.conv2d({ filters: 3, kernelSize: 3, useBias: false, name: 'c' }), input);
    x = on(tfl.layers.batchNormalization({ name: 'bn1' }), x);
    x = on(tfl.layers.conv2d({ filters: 2, kernelSize: 1, name: 'p' }), x);
    x = on(tfl.layers.batchNormalization({ name: 'bn2' }), x);
    // Not folded (its own relu), then a layer that runs as itself: neither is unpacked.
    x = on(tfl.layers.conv2d({ filters: 2, kernelSize: 1, activation: 'relu', name: 'r' }), x);
    x = on(tfl.layers.activation({ activation: 'tanh', name: 't' }), x);
    const model = tfl.model({ inputs: input, outputs: x });
    randomizeBatchNorms(model, 9);
    const optimized = optimizeForInference(model);
    const weights = weightBits(model);
    const x0 = tf.randomNormal([1, 5, 5, 2], 0, 1, 'float32', 12);
    const expected = model.predict(x0) as tf.Tensor;
    await expectSameAcrossBackendSwitch(optimized, x0, expected, RELATIVE_TOLERANCE);
    expect(weightBits(model)).toEqual(weights);
    const held = tf.memory().numTensors;
    optimized.dispose();
    // Two folded copies, p's copy's [1, in, out] view, two biases and r's [1, in, out] view: 6
    // tensors (the views of the model's kernels were replaced).
    expect(tf.memory().numTensors).toBe(held - 6);
    tf.dispose([x0, expected]);
    model.dispose();
  });
});

describe('a convolution that cannot run', () => {
  test('fails in optimizeForInference as in predict; what it made is freed and the model’s kernel is restored', () => {
    // tfjs-core's conv2D refuses strides and dilations both above 1; tfjs-layers builds the layer.
    const input = tfl.input({ shape: [9, 9, 2] });
    const conv = on(
      tfl.layers.conv2d({ filters: 2, kernelSize: 3, strides: 2, dilationRate: 2, name: 'c' }),
      input,
    );
    const model = tfl.model({
      inputs: input,
      outputs: on(tfl.layers.batchNormalization({ name: 'bn' }), conv),
    });
    randomizeBatchNorms(model, 4);
    const weights = weightBits(model);
    const x = tf.zeros([1, 9, 9, 2]);
    expect(() => model.predict(x)).toThrow(/Either strides or dilations must be 1/);
    const held = tf.memory().numTensors;
    expect(() => optimizeForInference(model)).toThrow(/Either strides or dilations must be 1/);
    expect(tf.memory().numTensors).toBe(held);
    expect(weightBits(model)).toEqual(weights);
    x.dispose();
    model.dispose();
  });
});

describe('on any other backend nothing is packed', () => {
  test('on cpu optimizeForInference runs no convolution (the filters are folded copies)', async () => {
    const model = convBatchNorm();
    await tf.setBackend('cpu');
    try {
      let optimized: ReturnType<typeof optimizeForInference> | undefined;
      const info = await tf.profile(() => {
        optimized = optimizeForInference(model);
        return [];
      });
      expect(info.kernels.filter((k) => k.name.includes('Conv')).map((k) => k.name)).toEqual([]);
      expect(agreement(model, optimized!)).toBeLessThan(RELATIVE_TOLERANCE);
      optimized!.dispose();
    } finally {
      await tf.setBackend('wasm');
    }
    model.dispose();
  });
});

describe('foldInPlace on wasm: the model’s own kernel and batch norm hold the fold', () => {
  test('no conv bias: W′ = W·s in the kernel; the batch norm is γ 1, μ 0, σ² 1 − ε, β = b′ = β − μ·s', () => {
    const model = convBatchNorm();
    const [gamma, beta, mean, variance] = values(model, 'bn');
    const epsilon = 1e-3;
    const s = gamma!.map((g, c) => g / Math.sqrt(variance![c]! + epsilon));
    const kernel = model.getLayer('c').getWeights()[0]!;
    // float32: s rounded once, then each product rounded (output channel = flat index mod 3).
    const expectedKernel = Array.from(kernel.dataSync(), (w, i) => Math.fround(w * Math.fround(s[i % 3]!)));
    const expectedBias = beta!.map((b, c) => b - mean![c]! * s[c]!);
    const before = tf.randomNormal([1, 6, 6, 2], 0, 1, 'float32', 3);
    const y0 = model.predict(before) as tf.Tensor;
    const optimized = optimizeForInference(model, { foldInPlace: true });
    expect(model.getLayer('c').getWeights()[0]).toBe(kernel);
    expect(Array.from(kernel.dataSync())).toEqual(expectedKernel);
    const [gamma1, beta1, mean1, variance1] = values(model, 'bn');
    expect(gamma1).toEqual([1, 1, 1]);
    expect(mean1).toEqual([0, 0, 0]);
    expect(variance1).toEqual(Array(3).fill(Math.fround(1 - epsilon)));
    for (const [c, b] of beta1!.entries()) expect(b).toBeCloseTo(expectedBias[c]!, 5);
    // Both the model and the optimised one still compute the function.
    const y1 = model.predict(before) as tf.Tensor;
    expect(relativeError(y0, y1)).toBeLessThan(RELATIVE_TOLERANCE);
    expect(agreement(model, optimized)).toBeLessThan(RELATIVE_TOLERANCE);
    const held = tf.memory().numTensors;
    optimized.dispose();
    // Only its bias is freed: the kernel is the model's.
    expect(tf.memory().numTensors).toBe(held - 1);
    expect(kernel.isDisposed).toBe(false);
    tf.dispose([before, y0, y1]);
    model.dispose();
  });

  test('with a conv bias: the conv bias becomes b′ = (b − μ)·s + β and β becomes 0', () => {
    const model = convBatchNorm({ useBias: true });
    const [gamma, beta, mean, variance] = values(model, 'bn');
    const [, bias] = values(model, 'c');
    const s = gamma!.map((g, c) => g / Math.sqrt(variance![c]! + 1e-3));
    const expectedBias = bias!.map((b, c) => (b - mean![c]!) * s[c]! + beta![c]!);
    const optimized = optimizeForInference(model, { foldInPlace: true });
    const [, bias1] = values(model, 'c');
    for (const [c, b] of bias1!.entries()) expect(b).toBeCloseTo(expectedBias[c]!, 5);
    expect(values(model, 'bn')[1]).toEqual([0, 0, 0]);
    expect(agreement(model, optimized)).toBeLessThan(RELATIVE_TOLERANCE);
    optimized.dispose();
    model.dispose();
  });

  test('a conv bias and no β (center false): the conv bias holds b′ = (b − μ)·s, the kernel W·s', () => {
    const model = convBatchNorm({ useBias: true, center: false });
    const [gamma, mean, variance] = values(model, 'bn');
    const [kernel, bias] = values(model, 'c');
    const s = gamma!.map((g, c) => g / Math.sqrt(variance![c]! + 1e-3));
    const expectedBias = bias!.map((b, c) => (b - mean![c]!) * s[c]!);
    const optimized = optimizeForInference(model, { foldInPlace: true });
    const [kernel1, bias1] = values(model, 'c');
    expect(kernel1).toEqual(kernel!.map((w, i) => Math.fround(w * Math.fround(s[i % 3]!))));
    for (const [c, b] of bias1!.entries()) expect(b).toBeCloseTo(expectedBias[c]!, 5);
    expect(values(model, 'bn')[0]).toEqual([1, 1, 1]);
    expect(agreement(model, optimized)).toBeLessThan(RELATIVE_TOLERANCE);
    optimized.dispose();
    model.dispose();
  });

  test.each([
    ['no conv bias and no β (center false): nowhere to hold b′', { center: false }],
    ['ε = 1: σ² would be 1 − ε = 0', { epsilon: 1 }],
  ])('%s, so folded as by default, the model unchanged', (_why, options) => {
    const model = convBatchNorm(options);
    const weights = weightBits(model);
    const optimized = optimizeForInference(model, { foldInPlace: true });
    expect(weightBits(model)).toEqual(weights);
    expect(agreement(model, optimized)).toBeLessThan(RELATIVE_TOLERANCE);
    optimized.dispose();
    model.dispose();
  });
});

describe('which convolutions run as matrix products (1×1, stride 1, no explicit padding, not depthwise)', () => {
  test('two 1×1 convolutions of stride 1 run as _FusedMatMul; [3, 1], [1, 3], strided, padded and depthwise ones stay convolutions', async () => {
    const input = tfl.input({ shape: [6, 6, 2] });
    const conv = (args: Omit<Parameters<typeof tfl.layers.conv2d>[0], 'filters'>, x: Sym = input) =>
      on(tfl.layers.conv2d({ filters: 3, ...args }), x);
    const padded = on(
      tfl.layers.zeroPadding2d({
        padding: [
          [1, 0],
          [0, 1],
        ],
      }),
      input,
    );
    const outputs = [
      conv({ kernelSize: 1, name: 'valid' }),
      conv({ kernelSize: 1, padding: 'same', name: 'same' }),
      conv({ kernelSize: [3, 1], name: 'tall' }),
      conv({ kernelSize: [1, 3], name: 'wide' }),
      conv({ kernelSize: 1, strides: [2, 1], name: 'rows' }),
      conv({ kernelSize: 1, strides: [1, 2], name: 'columns' }),
      conv({ kernelSize: 1, name: 'padded' }, padded),
      on(tfl.layers.depthwiseConv2d({ kernelSize: 1, name: 'depthwise' }), input),
    ];
    const model = tfl.model({ inputs: input, outputs });
    const held = tf.memory().numTensors;
    const x = tf.randomNormal([2, 6, 6, 2], 0, 1, 'float32', 7);
    const optimized = optimizeForInference(model);
    // Beside x, its only tensors: the [1, in, out] views of the two matrix products' kernels.
    expect(tf.memory().numTensors - held).toBe(1 + 2);
    const expected = model.predict(x) as tf.Tensor[];
    const actual = optimized.predict(x) as tf.Tensor[];
    for (const [i, tensor] of expected.entries())
      expect(relativeError(tensor, actual[i]!)).toBeLessThan(RELATIVE_TOLERANCE);
    const info = await tf.profile(() => optimized.predict(x) as tf.Tensor[]);
    const names = info.kernels.map((k) => k.name);
    const count = (name: string) => names.filter((n) => n === name).length;
    expect([count('_FusedMatMul'), count('FusedConv2D'), count('FusedDepthwiseConv2D')]).toEqual([2, 5, 1]);
    tf.dispose([x, ...expected, ...actual, ...(info.result as tf.Tensor[])]);
    optimized.dispose();
    expect(tf.memory().numTensors).toBe(held);
    model.dispose();
  });

  test('a separable convolution with no batch norm after it runs with its own 1×1 kernel and bias', () => {
    const input = tfl.input({ shape: [5, 5, 2] });
    const output = on(
      tfl.layers.separableConv2d({ filters: 3, kernelSize: 3, depthMultiplier: 2, name: 's' }),
      input,
    );
    const model = tfl.model({ inputs: input, outputs: output });
    const s = model.getLayer('s');
    const drawn = s.getWeights().map((w, i) => tf.randomNormal(w.shape, 0, 1, 'float32', 50 + i));
    s.setWeights(drawn);
    tf.dispose(drawn);
    const optimized = optimizeForInference(model);
    expect(agreement(model, optimized)).toBeLessThan(RELATIVE_TOLERANCE);
    optimized.dispose();
    model.dispose();
  });
});
