import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, test } from 'vitest';
import { LayersGpuError, optimizeForInference } from '../src/index';
import {
  expectSameAcrossBackendSwitch,
  randomizeBatchNorms,
  relativeError,
  weightBits,
} from './folding-fixtures';
import { useDefaultBackend } from './helpers';

beforeAll(useDefaultBackend);

/*
 * The reference is tfjs-layers' own executor (`model.predict`), which runs every batch norm and
 * activation as its own op. Folding changes the order of float32 operations only, so the two agree
 * to rounding: measured ~1e-7 of the output's largest magnitude here; 1e-5 leaves room, while a
 * wrong fold (a scale on the wrong axis, a lost bias or β) shows as 1e-2 or more.
 */
const RELATIVE_TOLERANCE = 1e-5;

function agreement(model: tfl.LayersModel, inputs: tf.Tensor[], options = {}) {
  const optimized = optimizeForInference(model, options);
  const expected = model.predict(inputs.length === 1 ? inputs[0]! : inputs);
  const actual = optimized.predict(inputs);
  const e = Array.isArray(expected) ? expected : [expected];
  const a = Array.isArray(actual) ? actual : [actual];
  expect(a.length).toBe(e.length);
  const errors = e.map((tensor, i) => relativeError(tensor, a[i]!));
  tf.dispose([...e, ...a]);
  optimized.dispose();
  return { errors, rewrite: optimized.rewrite };
}

/** Every pattern the optimiser rewrites, and some it must leave alone. */
function patternsModel(): tfl.LayersModel {
  const input = tfl.input({ shape: [12, 10, 3], name: 'in' });
  let x = tfl.layers
    .zeroPadding2d({
      padding: [
        [1, 2],
        [2, 1],
      ],
      name: 'pad',
    })
    .apply(input) as tfl.SymbolicTensor;
  x = tfl.layers
    .conv2d({ filters: 8, kernelSize: 3, useBias: false, name: 'c1' })
    .apply(x) as tfl.SymbolicTensor;
  x = tfl.layers.batchNormalization({ name: 'bn1', epsilon: 1e-3 }).apply(x) as tfl.SymbolicTensor;
  x = tfl.layers.activation({ activation: 'relu', name: 'r1' }).apply(x) as tfl.SymbolicTensor;
  x = tfl.layers
    .conv2d({ filters: 6, kernelSize: 3, strides: 2, padding: 'same', name: 'c2' })
    .apply(x) as tfl.SymbolicTensor;
  x = tfl.layers.batchNormalization({ name: 'bn2', center: false }).apply(x) as tfl.SymbolicTensor;
  x = tfl.layers.reLU({ maxValue: 6, name: 'r2' }).apply(x) as tfl.SymbolicTensor;
  x = tfl.layers
    // tfjs-layers 4.22 ignores a depthwise dilationRate; the optimiser must do the same as predict.
    .depthwiseConv2d({ kernelSize: 3, depthMultiplier: 2, padding: 'same', dilationRate: 2, name: 'dw' })
    .apply(x) as tfl.SymbolicTensor;
  x = tfl.layers.batchNormalization({ name: 'bn3', scale: false }).apply(x) as tfl.SymbolicTensor;
  x = tfl.layers.leakyReLU({ alpha: 0.2, name: 'r3' }).apply(x) as tfl.SymbolicTensor;
  // A convolution with its own (non-linear) activation: the batch norm after it must not be folded.
  x = tfl.layers
    .conv2d({ filters: 5, kernelSize: 1, activation: 'elu', name: 'c4' })
    .apply(x) as tfl.SymbolicTensor;
  x = tfl.layers.batchNormalization({ name: 'bn4' }).apply(x) as tfl.SymbolicTensor;
  x = tfl.layers.conv2d({ filters: 4, kernelSize: 1, name: 'c5' }).apply(x) as tfl.SymbolicTensor;
  x = tfl.layers.activation({ activation: 'sigmoid', name: 's5' }).apply(x) as tfl.SymbolicTensor;
  x = tfl.layers.globalAveragePooling2d({ name: 'gap' }).apply(x) as tfl.SymbolicTensor;
  const output = tfl.layers
    .dense({ units: 3, activation: 'softmax', name: 'fc' })
    .apply(x) as tfl.SymbolicTensor;
  return tfl.model({ inputs: input, outputs: output });
}

describe('optimizeForInference', () => {
  test('folds batch norms, fuses activations and paddings, and gives model.predict’s output', () => {
    const model = patternsModel();
    randomizeBatchNorms(model);
    const input = tf.randomNormal([3, 12, 10, 3], 0, 1, 'float32', 1);
    const { errors, rewrite } = agreement(model, [input]);
    expect(errors[0]).toBeLessThan(RELATIVE_TOLERANCE);
    expect(rewrite.fused).toEqual(['pad+c1+bn1+r1', 'c2+bn2+r2', 'dw+bn3+r3', 'c5+s5']);
    expect(rewrite).toMatchObject({ foldedBatchNorms: 3, fusedActivations: 4, foldedPaddings: 1 });
    // 16 layers; the padding, 3 batch norms and 4 activations are absorbed into the fused steps.
    expect(rewrite).toMatchObject({ layers: 16, steps: 16 - 8 });
    tf.dispose(input);
    model.dispose();
  });

  test('each rewrite can be turned off, with the same output', () => {
    const model = patternsModel();
    randomizeBatchNorms(model, 3);
    const input = tf.randomNormal([1, 12, 10, 3], 0, 1, 'float32', 2);
    const off = agreement(model, [input], {
      foldBatchNorm: false,
      fuseActivation: false,
      foldPadding: false,
    });
    expect(off.errors[0]).toBeLessThan(RELATIVE_TOLERANCE);
    expect(off.rewrite).toMatchObject({
      foldedBatchNorms: 0,
      fusedActivations: 0,
      foldedPaddings: 0,
      steps: 16,
    });
    const noBatchNorm = agreement(model, [input], { foldBatchNorm: false });
    expect(noBatchNorm.errors[0]).toBeLessThan(RELATIVE_TOLERANCE);
    // Without folding, only the conv with nothing between it and its activation fuses it (c5 + s5).
    expect(noBatchNorm.rewrite).toMatchObject({
      foldedBatchNorms: 0,
      fusedActivations: 1,
      foldedPaddings: 1,
    });
    tf.dispose(input);
    model.dispose();
  });

  test('folds a batch norm after a separable convolution into its 1×1 half (Xception), and padding into a depthwise one (MobileNet)', () => {
    const input = tfl.input({ shape: [11, 9, 4] });
    let x = tfl.layers.zeroPadding2d({ padding: 1, name: 'pad' }).apply(input) as tfl.SymbolicTensor;
    x = tfl.layers
      .separableConv2d({
        filters: 6,
        kernelSize: 3,
        strides: 2,
        depthMultiplier: 2,
        useBias: false,
        name: 's1',
      })
      .apply(x) as tfl.SymbolicTensor;
    x = tfl.layers.batchNormalization({ name: 'bn1' }).apply(x) as tfl.SymbolicTensor;
    x = tfl.layers.activation({ activation: 'relu', name: 'r1' }).apply(x) as tfl.SymbolicTensor;
    x = tfl.layers
      .separableConv2d({ filters: 5, kernelSize: 3, padding: 'same', dilationRate: 2, name: 's2' })
      .apply(x) as tfl.SymbolicTensor;
    x = tfl.layers.batchNormalization({ name: 'bn2' }).apply(x) as tfl.SymbolicTensor;
    // MobileNet's strided step: asymmetric zero padding, then a 'valid' depthwise convolution.
    x = tfl.layers
      .zeroPadding2d({
        padding: [
          [0, 1],
          [0, 1],
        ],
        name: 'pad3',
      })
      .apply(x) as tfl.SymbolicTensor;
    x = tfl.layers
      .depthwiseConv2d({ kernelSize: 3, strides: 2, useBias: false, name: 'dw3' })
      .apply(x) as tfl.SymbolicTensor;
    x = tfl.layers.batchNormalization({ name: 'bn3' }).apply(x) as tfl.SymbolicTensor;
    x = tfl.layers.reLU({ maxValue: 6, name: 'r3' }).apply(x) as tfl.SymbolicTensor;
    const model = tfl.model({ inputs: input, outputs: x });
    randomizeBatchNorms(model, 21);
    const batch = tf.randomNormal([2, 11, 9, 4], 0, 1, 'float32', 3);
    const { errors, rewrite } = agreement(model, [batch]);
    expect(errors[0]).toBeLessThan(RELATIVE_TOLERANCE);
    expect(rewrite.fused).toEqual(['pad+s1+bn1+r1', 's2+bn2', 'pad3+dw3+bn3+r3']);
    tf.dispose(batch);
    model.dispose();
  });

  test('leaves a tensor another layer or the output also reads unfused', () => {
    const input = tfl.input({ shape: [8, 8, 4] });
    // c1's output feeds bn1 and (twice) the three-way Add: bn1 cannot be folded into c1.
    const c1 = tfl.layers.conv2d({ filters: 4, kernelSize: 3, padding: 'same', name: 'c1' }).apply(input);
    const bn1 = tfl.layers.batchNormalization({ name: 'bn1' }).apply(c1);
    const sum = tfl.layers.add({ name: 'add' }).apply([c1, bn1, c1] as tfl.SymbolicTensor[]);
    // bn2's output is a model output and also feeds relu: bn2 folds into c2, the relu stays apart.
    const c2 = tfl.layers.conv2d({ filters: 4, kernelSize: 1, name: 'c2' }).apply(sum);
    const bn2 = tfl.layers.batchNormalization({ name: 'bn2' }).apply(c2) as tfl.SymbolicTensor;
    const relu = tfl.layers.activation({ activation: 'relu', name: 'relu' }).apply(bn2) as tfl.SymbolicTensor;
    const model = tfl.model({ inputs: input, outputs: [bn2, relu] });
    randomizeBatchNorms(model, 11);
    const x = tf.randomNormal([2, 8, 8, 4], 0, 1, 'float32', 5);
    const { errors, rewrite } = agreement(model, [x]);
    expect(errors.every((e) => e < RELATIVE_TOLERANCE)).toBe(true);
    expect(rewrite.fused).toEqual(['c2+bn2']);
    expect(rewrite).toMatchObject({ foldedBatchNorms: 1, fusedActivations: 0 });
    tf.dispose(x);
    model.dispose();
  });

  test('runs models with several inputs and outputs, dropout and concatenation, and Sequential models', () => {
    const a = tfl.input({ shape: [6, 6, 2], name: 'a' });
    const b = tfl.input({ shape: [6, 6, 3], name: 'b' });
    const joined = tfl.layers.concatenate({ name: 'cat' }).apply([a, b]) as tfl.SymbolicTensor;
    const dropped = tfl.layers.dropout({ rate: 0.5, name: 'drop' }).apply(joined) as tfl.SymbolicTensor;
    const conv = tfl.layers.conv2d({ filters: 3, kernelSize: 3, name: 'conv' }).apply(dropped);
    const bn = tfl.layers.batchNormalization({ name: 'bn' }).apply(conv) as tfl.SymbolicTensor;
    const flat = tfl.layers.flatten({ name: 'flat' }).apply(dropped) as tfl.SymbolicTensor;
    const model = tfl.model({ inputs: [a, b], outputs: [bn, flat] });
    randomizeBatchNorms(model, 2);
    const xa = tf.randomNormal([2, 6, 6, 2], 0, 1, 'float32', 8);
    const xb = tf.randomNormal([2, 6, 6, 3], 0, 1, 'float32', 9);
    const multi = agreement(model, [xa, xb]);
    expect(multi.errors).toHaveLength(2);
    expect(multi.errors.every((e) => e < RELATIVE_TOLERANCE)).toBe(true);

    const sequential = tfl.sequential({
      layers: [
        tfl.layers.conv2d({ inputShape: [9, 9, 1], filters: 4, kernelSize: 3, useBias: false }),
        tfl.layers.batchNormalization(),
        tfl.layers.activation({ activation: 'relu' }),
        tfl.layers.maxPooling2d({ poolSize: 2 }),
        tfl.layers.flatten(),
        tfl.layers.dense({ units: 2 }),
      ],
    });
    randomizeBatchNorms(sequential, 4);
    const xs = tf.randomNormal([2, 9, 9, 1], 0, 1, 'float32', 10);
    const seq = agreement(sequential, [xs]);
    expect(seq.errors[0]).toBeLessThan(RELATIVE_TOLERANCE);
    expect(seq.rewrite).toMatchObject({ foldedBatchNorms: 1, fusedActivations: 1 });
    tf.dispose([xa, xb, xs]);
    model.dispose();
    sequential.dispose();
  });

  test('leaves no tensor behind, neither the caller’s inputs disposed nor intermediates kept', () => {
    const model = patternsModel();
    randomizeBatchNorms(model);
    const optimized = optimizeForInference(model);
    const x = tf.randomNormal([1, 12, 10, 3]);
    const before = tf.memory().numTensors;
    const y = optimized.predict(x) as tf.Tensor;
    expect(tf.memory().numTensors).toBe(before + 1);
    expect(x.isDisposed).toBe(false);
    y.dispose();
    const held = tf.memory().numTensors;
    optimized.dispose();
    // The folded weights (3 batch norms: a filter and a bias each) and the [1, in, out] views of
    // the two 1×1 kernels (c4, c5: run as matrix products) are freed; the model's weights stay.
    expect(tf.memory().numTensors).toBe(held - 8);
    expect(model.getWeights().every((w) => !w.isDisposed)).toBe(true);
    tf.dispose(x);
    model.dispose();
  });
});

/** The names of the kernels one call of `fn` ran (tfjs' profiler). */
async function kernelNames(fn: () => tf.Tensor): Promise<string[]> {
  const info = await tf.profile(() => fn());
  tf.dispose(info.result as tf.Tensor);
  return info.kernels.map((k) => k.name);
}
const count = (names: readonly string[], name: string) => names.filter((n) => n === name).length;

describe('1×1 convolutions of stride 1 run as matrix products', () => {
  test('c4 and c5 (1×1, stride 1) run as _FusedMatMul with their activations; the others stay convolutions', async () => {
    const model = patternsModel();
    randomizeBatchNorms(model, 5);
    const input = tf.randomNormal([2, 12, 10, 3], 0, 1, 'float32', 3);
    const { errors } = agreement(model, [input]);
    expect(errors[0]).toBeLessThan(RELATIVE_TOLERANCE);
    const optimized = optimizeForInference(model);
    const names = await kernelNames(() => optimized.predict(input) as tf.Tensor);
    // c1 (3×3) and c2 (3×3, stride 2) are convolutions, dw a depthwise one; c4 (elu), c5 (sigmoid)
    // and the dense layer fc are matrix products.
    expect(count(names, 'FusedConv2D')).toBe(2);
    expect(count(names, 'FusedDepthwiseConv2D')).toBe(1);
    expect(count(names, '_FusedMatMul')).toBe(3);
    optimized.dispose();
    tf.dispose(input);
    model.dispose();
  });

  test('a strided or padded 1×1 convolution stays a convolution, with model.predict’s output', async () => {
    const input = tfl.input({ shape: [7, 7, 4] });
    let x = tfl.layers
      .conv2d({ filters: 5, kernelSize: 1, strides: 2, padding: 'same', name: 'strided' })
      .apply(input) as tfl.SymbolicTensor;
    x = tfl.layers.zeroPadding2d({ padding: 1 }).apply(x) as tfl.SymbolicTensor;
    x = tfl.layers.conv2d({ filters: 3, kernelSize: 1, name: 'padded' }).apply(x) as tfl.SymbolicTensor;
    x = tfl.layers
      .conv2d({ filters: 2, kernelSize: 1, activation: 'relu', name: 'plain' })
      .apply(x) as tfl.SymbolicTensor;
    const model = tfl.model({ inputs: input, outputs: x });
    const batch = tf.randomNormal([3, 7, 7, 4], 0, 1, 'float32', 9);
    const { errors, rewrite } = agreement(model, [batch]);
    expect(errors[0]).toBeLessThan(RELATIVE_TOLERANCE);
    expect(rewrite.foldedPaddings).toBe(1);
    const optimized = optimizeForInference(model);
    const names = await kernelNames(() => optimized.predict(batch) as tf.Tensor);
    expect(count(names, 'FusedConv2D')).toBe(2);
    expect(count(names, '_FusedMatMul')).toBe(1);
    optimized.dispose();
    tf.dispose(batch);
    model.dispose();
  });
});

describe('foldInPlace: batch norms folded into the model’s own kernels', () => {
  // tf.memory() counts a reshape's bytes as new although the wasm backend shares the memory (see
  // rewriteInPlace's refusal of a reshaped tensor in wasm-heap.test.ts): c4 (12 → 5) and c5 (5 → 4).
  const VIEW_BYTES = 4 * (12 * 5 + 5 * 4);
  const layerWeights = (model: tfl.LayersModel, name: string) => model.getLayer(name).getWeights();

  test('the optimised model and the model itself keep the output, even after the model ran; no kernel is copied', () => {
    const model = patternsModel();
    randomizeBatchNorms(model, 11);
    const input = tf.randomNormal([2, 12, 10, 3], 0, 1, 'float32', 4);
    // Run first, so the backend holds operators packed from the unfolded kernels.
    const before = model.predict(input) as tf.Tensor;
    // The fold by hand for c1 (3×3, no bias; bn1 with γ and β): W′ = W·γ/√(σ² + ε), b′ = β − μ·s.
    const [gamma, beta, mean, variance] = layerWeights(model, 'bn1').map((w) => Array.from(w.dataSync()));
    const epsilon = 1e-3; // bn1's, as patternsModel builds it
    const s = gamma!.map((g, c) => g / Math.sqrt(variance![c]! + epsilon));
    const kernel = layerWeights(model, 'c1')[0]!;
    // float32 arithmetic: s rounded to float32, then the product rounded (the output channel is i mod 8).
    const expectedKernel = Array.from(kernel.dataSync(), (w, i) => Math.fround(w * Math.fround(s[i % 8]!)));
    const expectedBias = beta!.map((b, c) => b - mean![c]! * s[c]!);

    const { numTensors, numBytes } = tf.memory();
    const optimized = optimizeForInference(model, { foldInPlace: true });
    // New memory: only the 3 folded biases (8, 6 and 12 channels). tfjs-core also counts the bytes
    // of the two 1×1 kernels' [1, in, out] views (VIEW_BYTES), which share their kernels' memory.
    expect(tf.memory().numBytes - numBytes).toBe(4 * (8 + 6 + 12) + VIEW_BYTES);
    expect(tf.memory().numTensors - numTensors).toBe(3 + 2);
    expect(layerWeights(model, 'c1')[0]).toBe(kernel); // the same tensor, rewritten
    expect(Array.from(kernel.dataSync())).toEqual(expectedKernel);
    const [gamma1, beta1, mean1, variance1] = layerWeights(model, 'bn1').map((w) => Array.from(w.dataSync()));
    expect(gamma1).toEqual(Array(8).fill(1));
    expect(mean1).toEqual(Array(8).fill(0));
    expect(variance1).toEqual(Array(8).fill(Math.fround(1 - epsilon)));
    for (const [c, b] of beta1!.entries()) expect(b).toBeCloseTo(expectedBias[c]!, 5);

    const y = optimized.predict(input) as tf.Tensor;
    expect(relativeError(before, y)).toBeLessThan(RELATIVE_TOLERANCE);
    const after = model.predict(input) as tf.Tensor;
    expect(relativeError(before, after)).toBeLessThan(RELATIVE_TOLERANCE);
    tf.dispose([y, after, before, input]);

    const held = tf.memory().numTensors;
    optimized.dispose();
    // Its biases and views are freed; the model's kernels (now the folded ones) stay.
    expect(tf.memory().numTensors).toBe(held - 5);
    expect(kernel.isDisposed).toBe(false);
    model.dispose();
  });

  test('a kernel whose memory another tensor shares is folded into a copy, leaving that tensor as it was', () => {
    const model = patternsModel();
    randomizeBatchNorms(model, 12);
    const input = tf.randomNormal([1, 12, 10, 3], 0, 1, 'float32', 6);
    const before = model.predict(input) as tf.Tensor;
    const kernel = layerWeights(model, 'c1')[0]!;
    const shared = tf.reshape(kernel, [-1]); // the same memory as c1's kernel
    const values = Array.from(shared.dataSync());
    const { numBytes } = tf.memory();
    const optimized = optimizeForInference(model, { foldInPlace: true });
    // c1's kernel (3·3·3·8 floats) is copied; c2's and dw's are folded in place.
    expect(tf.memory().numBytes - numBytes).toBe(4 * (3 * 3 * 3 * 8) + 4 * (8 + 6 + 12) + VIEW_BYTES);
    expect(Array.from(shared.dataSync())).toEqual(values);
    const y = optimized.predict(input) as tf.Tensor;
    const after = model.predict(input) as tf.Tensor;
    expect(relativeError(before, y)).toBeLessThan(RELATIVE_TOLERANCE);
    expect(relativeError(before, after)).toBeLessThan(RELATIVE_TOLERANCE);
    tf.dispose([y, after, before, input, shared]);
    optimized.dispose();
    model.dispose();
  });
});

describe('the default fold on wasm: the batch norm is applied while XNNPACK packs, no kernel copied', () => {
  const dataIds = () => tf.engine().backend.numDataIds();

  test('the model’s weights stay bit for bit, no kernel memory is added, and both outputs agree', () => {
    expect(tf.getBackend()).toBe('wasm');
    const model = patternsModel();
    randomizeBatchNorms(model, 13);
    const input = tf.randomNormal([2, 12, 10, 3], 0, 1, 'float32', 8);
    const weights = weightBits(model);
    const ids = dataIds();
    const optimized = optimizeForInference(model);
    // New memory: the 3 folded biases only. The filters of c1, c2 and dw are views of the model's
    // kernels (a view shares its tensor's memory: no new data id), as are the [1, in, out] views of
    // the 1×1 kernels; the tensors of the packing runs are freed. A copy would add 3 ids here.
    expect(dataIds() - ids).toBe(3);
    expect(weightBits(model)).toEqual(weights);
    const expected = model.predict(input) as tf.Tensor;
    const first = optimized.predict(input) as tf.Tensor;
    const second = optimized.predict(input) as tf.Tensor;
    expect(relativeError(expected, first)).toBeLessThan(RELATIVE_TOLERANCE);
    expect(Array.from(second.dataSync())).toEqual(Array.from(first.dataSync()));
    expect(weightBits(model)).toEqual(weights);
    tf.dispose([expected, first, second, input]);
    optimized.dispose();
    model.dispose();
  });

  test('the optimised model is a snapshot: training the model afterwards changes neither it nor the fold', () => {
    const model = patternsModel();
    randomizeBatchNorms(model, 14);
    const input = tf.randomNormal([1, 12, 10, 3], 0, 1, 'float32', 9);
    const optimized = optimizeForInference(model);
    const before = model.predict(input) as tf.Tensor;
    // New kernels, as an optimiser step writes them (Variable.assign: the old data is released).
    const c1 = model.getLayer('c1');
    const [kernel] = c1.getWeights();
    const changed = tf.randomNormal(kernel!.shape, 0, 1, 'float32', 21);
    c1.setWeights([changed]);
    const trained = model.predict(input) as tf.Tensor;
    // Far beyond the tolerance: the model did change (the softmax output damps it to ~1e-2).
    expect(relativeError(before, trained)).toBeGreaterThan(100 * RELATIVE_TOLERANCE);
    const y = optimized.predict(input) as tf.Tensor;
    expect(relativeError(before, y)).toBeLessThan(RELATIVE_TOLERANCE);
    // A fresh optimisation folds the new kernels.
    const again = optimizeForInference(model);
    const z = again.predict(input) as tf.Tensor;
    expect(relativeError(trained, z)).toBeLessThan(RELATIVE_TOLERANCE);
    tf.dispose([before, changed, trained, y, z, input]);
    optimized.dispose();
    again.dispose();
    model.dispose();
  });

  test('every convolution, folded or not, is run (packed) once by optimizeForInference itself', async () => {
    const model = patternsModel();
    randomizeBatchNorms(model, 16);
    let optimized: ReturnType<typeof optimizeForInference> | undefined;
    const info = await tf.profile(() => {
      optimized = optimizeForInference(model);
      return [];
    });
    const names = info.kernels.map((k) => k.name);
    // c1 and c2 (folded, 3×3), dw (folded, depthwise), c4 and c5 (1×1, not folded: elu, sigmoid)
    // as matrix products; the dense layer fc is not a convolution step.
    expect(count(names, 'FusedConv2D')).toBe(2);
    expect(count(names, 'FusedDepthwiseConv2D')).toBe(1);
    expect(count(names, '_FusedMatMul')).toBe(2);
    optimized!.dispose();
    model.dispose();
  });

  test('after a backend switch (the packed operators left with the data) it folds copies instead', async () => {
    const model = patternsModel();
    randomizeBatchNorms(model, 15);
    const input = tf.randomNormal([1, 12, 10, 3], 0, 1, 'float32', 10);
    const expected = model.predict(input) as tf.Tensor;
    const optimized = optimizeForInference(model);
    const weights = weightBits(model);
    await expectSameAcrossBackendSwitch(optimized, input, expected, RELATIVE_TOLERANCE);
    expect(weightBits(model)).toEqual(weights);
    tf.dispose([expected, input]);
    optimized.dispose();
    model.dispose();
  });
});

describe('optimizeForInference: bad input gets a clear error with a stable code', () => {
  test('an unknown option names the one it most likely meant', () => {
    const model = patternsModel();
    let error: unknown;
    try {
      optimizeForInference(model, { foldBatchNorms: true } as never);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(LayersGpuError);
    expect((error as LayersGpuError).code).toBe('unknown_option');
    expect((error as Error).message).toMatch(
      /unknown field "foldBatchNorms": did you mean "foldBatchNorm"\?/,
    );
    expect(() => optimizeForInference(model, { foldPadding: 'yes' } as never)).toThrow(
      /optimizeForInference options\.foldPadding: .*boolean/,
    );
    model.dispose();
  });

  test('something that is not a tf.LayersModel is refused with what is needed', () => {
    for (const given of [undefined, {}, 'resnet50'])
      expect(() => optimizeForInference(given as never)).toThrow(
        expect.objectContaining({
          code: 'invalid_options',
          message: expect.stringMatching(/needs a tf\.LayersModel/),
        }),
      );
  });

  test('a wrong input shape or count, or a disposed optimiser, is refused before running', () => {
    const model = patternsModel();
    const optimized = optimizeForInference(model);
    const wrong = tf.zeros([1, 10, 12, 3]);
    expect(() => optimized.predict(wrong)).toThrow(
      expect.objectContaining({
        code: 'wrong_input_rank',
        message: 'predict input 0 has shape [1, 10, 12, 3]; the model expects [batch, 12, 10, 3]',
      }),
    );
    expect(() => optimized.predict([wrong, wrong])).toThrow(
      expect.objectContaining({ code: 'invalid_options' }),
    );
    optimized.dispose();
    const right = tf.zeros([1, 12, 10, 3]);
    expect(() => optimized.predict(right)).toThrow(/disposed/);
    tf.dispose([wrong, right]);
    model.dispose();
  });
});
