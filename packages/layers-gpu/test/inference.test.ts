import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, test } from 'vitest';
import { LayersGpuError, optimizeForInference } from '../src/index';
import { randomizeBatchNorms, relativeError } from './folding-fixtures';
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
    // The folded weights (3 batch norms: a filter and a bias each) are freed; the model's stay.
    expect(tf.memory().numTensors).toBe(held - 6);
    tf.dispose(x);
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
