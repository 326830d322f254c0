import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, test } from 'vitest';
import { initBackend, LayersGpuError, optimizeForInference } from '../src/index';
import { relativeError } from './folding-fixtures';

/*
 * The rules of optimizeForInference, one at a time, on tiny models (2 to 4 channels, 4×4 inputs)
 * on the pure-JavaScript cpu backend: the whole file runs in a few seconds, so mutation testing of
 * inference.ts is affordable (see docs/mutation-testing.md). inference.test.ts keeps the larger,
 * realistic graphs.
 *
 * Expected values come from two independent sources only:
 *   - hand derivations written out below (batch-norm folding into a 1×1 convolution);
 *   - the unoptimised model: tfjs-layers' own executor (`model.predict`) runs every batch norm,
 *     activation and padding as its own op, so an output-preserving rewrite must give its output
 *     (to float32 rounding: 1e-5 of the largest magnitude, while a wrong fold shows as 1e-2 or more).
 * Which rewrite fired is read from `rewrite`, the documented report of the optimiser.
 */

beforeAll(async () => {
  await initBackend({ env: { CNNKIT_BACKEND: 'cpu' } });
});

const RELATIVE_TOLERANCE = 1e-5;

type Sym = tfl.SymbolicTensor;
const on = (layer: tfl.layers.Layer, x: Sym | Sym[]): Sym => layer.apply(x) as Sym;

/** Deterministic non-trivial weights: kernels and biases N(0, 1); batch norms far from the identity. */
function fillWeights(model: tfl.LayersModel, seed = 1): void {
  let s = seed;
  for (const layer of model.layers) {
    const current = layer.getWeights();
    if (current.length === 0) continue;
    const names = layer.weights.map((w) => w.originalName);
    const weights = current.map((w, i) => {
      const name = names[i] ?? '';
      if (/moving_variance$/.test(name)) return tf.randomUniform(w.shape, 0.3, 2, 'float32', s++);
      if (/gamma$/.test(name)) return tf.randomUniform(w.shape, 0.5, 1.5, 'float32', s++);
      return tf.randomNormal(w.shape, 0, 1, 'float32', s++);
    });
    layer.setWeights(weights);
    tf.dispose(weights);
  }
}

/**
 * Optimises `model` with `options`, runs both on seeded inputs of the model's input shapes (batch
 * 2), checks that the outputs agree with model.predict's, and returns the rewrite report.
 */
function agreesWithPredict(model: tfl.LayersModel, options = {}, seed = 5) {
  const inputs = model.inputs.map((input, i) =>
    tf.randomNormal([2, ...(input.shape.slice(1) as number[])], 0, 1, 'float32', seed + i),
  );
  const optimized = optimizeForInference(model, options);
  const expected = model.predict(inputs.length === 1 ? inputs[0]! : inputs);
  const actual = optimized.predict(inputs);
  const e = Array.isArray(expected) ? expected : [expected];
  const a = Array.isArray(actual) ? actual : [actual];
  expect(a).toHaveLength(e.length);
  for (const [i, tensor] of e.entries())
    expect(relativeError(tensor, a[i]!)).toBeLessThan(RELATIVE_TOLERANCE);
  tf.dispose([...e, ...a, ...inputs]);
  optimized.dispose();
  return optimized.rewrite;
}

/** The rewrite report of a model whose only rewrites are `fused`, with `absorbed` layers gone. */
function report(layers: number, fused: string[], counts: { bn?: number; act?: number; pad?: number }) {
  const absorbed = fused.reduce((sum, name) => sum + name.split('+').length - 1, 0);
  return {
    foldedBatchNorms: counts.bn ?? 0,
    fusedActivations: counts.act ?? 0,
    foldedPaddings: counts.pad ?? 0,
    steps: layers - absorbed,
    layers,
    fused,
  };
}

/*
 * Batch-norm folding by hand. A 1×1 convolution, 2 channels in, 2 out, kernel W[in][out] and bias b:
 *   W = [[1, 2], [3, −1]], b = [0.5, −1].
 * The batch norm: γ = [2, 0.5], β = [1, −2], μ = [1.5, 0.5], σ² = [3.75, 0.75], ε = 0.25, so
 *   √(σ² + ε) = [2, 1] and s = γ/√(σ² + ε) = [1, 0.5];
 *   W' = W·s per output column = [[1, 1], [3, −0.5]];
 *   b' = (b − μ)·s + β = [(0.5 − 1.5)·1 + 1, (−1 − 0.5)·0.5 − 2] = [0, −2.75].
 * Four pixels x, and y = x·W' + b':
 *   [1, 2]    → [1 + 6 + 0, 1 − 1 − 2.75]      = [7, −2.75]
 *   [−1, 0.5] → [−1 + 1.5 + 0, −1 − 0.25 − 2.75] = [0.5, −4]
 *   [0, 0]    → [0, −2.75]
 *   [2, −2]   → [2 − 6 + 0, 2 + 1 − 2.75]       = [−4, 0.25]
 * (the unfolded way for the first pixel: x·W + b = [7.5, −1]; (7.5 − 1.5)/2·2 + 1 = 7 and
 * (−1 − 0.5)/1·0.5 − 2 = −2.75: the same).
 */
const PIXELS = [
  [1, 2],
  [-1, 0.5],
  [0, 0],
  [2, -2],
];
const FOLDED = [7, -2.75, 0.5, -4, 0, -2.75, -4, 0.25];

interface HandModel {
  useBias?: boolean;
  scale?: boolean;
  center?: boolean;
  axis?: number;
  after?: tfl.layers.Layer;
}

/** The hand-derived model above: 1×1 conv → batch norm (→ `after`), on a 2×2 image. */
function handModel(options: HandModel = {}): tfl.LayersModel {
  const { useBias = true, scale = true, center = true } = options;
  const input = tfl.input({ shape: [2, 2, 2] });
  const conv = tfl.layers.conv2d({ filters: 2, kernelSize: 1, useBias, name: 'conv' });
  const bn = tfl.layers.batchNormalization({
    epsilon: 0.25,
    scale,
    center,
    ...(options.axis === undefined ? {} : { axis: options.axis }),
    name: 'bn',
  });
  let x = on(bn, on(conv, input));
  if (options.after) x = on(options.after, x);
  const model = tfl.model({ inputs: input, outputs: x });
  const kernel = tf.tensor4d([1, 2, 3, -1], [1, 1, 2, 2]);
  const bias = tf.tensor1d([0.5, -1]);
  conv.setWeights(useBias ? [kernel, bias] : [kernel]);
  const bnWeights = [
    ...(scale ? [tf.tensor1d([2, 0.5])] : []),
    ...(center ? [tf.tensor1d([1, -2])] : []),
    tf.tensor1d([1.5, 0.5]),
    tf.tensor1d([3.75, 0.75]),
  ];
  bn.setWeights(bnWeights);
  tf.dispose([kernel, bias, ...bnWeights]);
  return model;
}

/** optimizeForInference(model).predict on the four pixels, as plain numbers. */
function optimizedPixels(model: tfl.LayersModel, options = {}) {
  const optimized = optimizeForInference(model, options);
  const x = tf.tensor4d(PIXELS.flat(), [1, 2, 2, 2]);
  const y = optimized.predict(x) as tf.Tensor;
  const values = Array.from(y.dataSync());
  tf.dispose([x, y]);
  optimized.dispose();
  return { values, rewrite: optimized.rewrite };
}

function expectClose(actual: readonly number[], expected: readonly number[]) {
  expect(actual).toHaveLength(expected.length);
  for (const [i, value] of expected.entries()) expect(actual[i]).toBeCloseTo(value, 5);
}

describe('batch norm folded into a convolution: W′ = W·γ/√(σ² + ε), b′ = (b − μ)·γ/√(σ² + ε) + β', () => {
  test('the hand-derived 1×1 example', () => {
    const model = handModel();
    const { values, rewrite } = optimizedPixels(model);
    expectClose(values, FOLDED);
    expect(rewrite).toEqual(report(2, ['conv+bn'], { bn: 1 }));
    model.dispose();
  });

  test('with the batch norm on its channel axis written as 3 (the default is −1)', () => {
    const model = handModel({ axis: 3 });
    const { values, rewrite } = optimizedPixels(model);
    expectClose(values, FOLDED);
    expect(rewrite.foldedBatchNorms).toBe(1);
    model.dispose();
  });

  test('without the convolution’s bias (b = 0)', () => {
    // b′ = (0 − μ)·s + β = [−1.5 + 1, −0.25 − 2] = [−0.5, −2.25]; y = x·W′ + b′.
    const model = handModel({ useBias: false });
    const { values } = optimizedPixels(model);
    expectClose(values, [6.5, -2.25, 0, -3.5, -0.5, -2.25, -4.5, 0.75]);
    model.dispose();
  });

  test('without γ (scale: false, γ = 1) and without β (center: false, β = 0)', () => {
    // No γ: s = 1/√(σ² + ε) = [0.5, 1]; W′ = [[0.5, 2], [1.5, −1]]; b′ = (b − μ)·s + β = [0.5, −3.5].
    const noScale = handModel({ scale: false });
    expectClose(optimizedPixels(noScale).values, [4, -3.5, 0.75, -6, 0.5, -3.5, -1.5, 2.5]);
    noScale.dispose();
    // No β: s = [1, 0.5]; W′ = [[1, 1], [3, −0.5]]; b′ = (b − μ)·s = [−1, −0.75].
    const noCenter = handModel({ center: false });
    expectClose(optimizedPixels(noCenter).values, [6, -0.75, -0.5, -2, -1, -0.75, -5, 2.25]);
    noCenter.dispose();
  });

  test('the activation after the batch norm runs in the same step, on the folded values', () => {
    const relu = handModel({ after: tfl.layers.activation({ activation: 'relu', name: 'act' }) });
    const r = optimizedPixels(relu);
    expectClose(r.values, [7, 0, 0.5, 0, 0, 0, 0, 0.25]);
    expect(r.rewrite).toEqual(report(3, ['conv+bn+act'], { bn: 1, act: 1 }));
    relu.dispose();
    // ReLU capped at 6 (MobileNet's relu6): 7 becomes 6.
    const relu6 = handModel({ after: tfl.layers.reLU({ maxValue: 6, name: 'act' }) });
    expectClose(optimizedPixels(relu6).values, [6, 0, 0.5, 0, 0, 0, 0, 0.25]);
    relu6.dispose();
    // LeakyReLU with its own slope (0.1, not tfjs's fused default 0.2): negatives times 0.1.
    const leaky = handModel({ after: tfl.layers.leakyReLU({ alpha: 0.1, name: 'act' }) });
    expectClose(optimizedPixels(leaky).values, [7, -0.275, 0.5, -0.4, 0, -0.275, -0.4, 0.25]);
    leaky.dispose();
    // elu(v) = v for v > 0, e^v − 1 otherwise; sigmoid(v) = 1/(1 + e^−v).
    const elu = (v: number) => (v > 0 ? v : Math.exp(v) - 1);
    const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));
    for (const [name, fn] of [
      ['elu', elu],
      ['sigmoid', sigmoid],
      ['relu6', (v: number) => Math.min(Math.max(v, 0), 6)],
      ['linear', (v: number) => v],
    ] as const) {
      const model = handModel({ after: tfl.layers.activation({ activation: name, name: 'act' }) });
      const { values, rewrite } = optimizedPixels(model);
      expectClose(values, FOLDED.map(fn));
      expect(rewrite.fused, name).toEqual(['conv+bn+act']);
      model.dispose();
    }
  });

  test('each option turns its rewrite off, and the output stays the same', () => {
    const after = () => tfl.layers.activation({ activation: 'relu', name: 'act' });
    const reluFolded = [7, 0, 0.5, 0, 0, 0, 0, 0.25];
    const noFold = handModel({ after: after() });
    const a = optimizedPixels(noFold, { foldBatchNorm: false });
    expectClose(a.values, reluFolded);
    // The batch norm runs as itself, so the relu does not follow the convolution directly.
    expect(a.rewrite).toEqual(report(3, [], {}));
    noFold.dispose();
    const noFuse = handModel({ after: after() });
    const b = optimizedPixels(noFuse, { fuseActivation: false });
    expectClose(b.values, reluFolded);
    expect(b.rewrite).toEqual(report(3, ['conv+bn'], { bn: 1 }));
    noFuse.dispose();
    const defaults = handModel({ after: after() });
    const c = optimizedPixels(defaults, { foldBatchNorm: true, fuseActivation: true, foldPadding: false });
    expect(c.rewrite).toEqual(report(3, ['conv+bn+act'], { bn: 1, act: 1 }));
    defaults.dispose();
  });
});

/** `model` runs as itself (`steps` layer steps, nothing folded or fused) and agrees with model.predict; then disposed. */
function expectRunsAsItself(model: tfl.LayersModel, steps: number): void {
  expect(agreesWithPredict(model)).toEqual(report(steps, [], {}));
  model.dispose();
}

/** input (4×4×3) → `layers` in a chain. */
function chain(...layers: tfl.layers.Layer[]): tfl.LayersModel {
  const input = tfl.input({ shape: [4, 4, 3] });
  let x: Sym = input;
  for (const layer of layers) x = on(layer, x);
  const model = tfl.model({ inputs: input, outputs: x });
  fillWeights(model);
  return model;
}

describe('which layer after a convolution is folded or fused', () => {
  test.each([
    ['relu', tfl.layers.activation({ activation: 'relu', name: 'a' }), true],
    ['relu6', tfl.layers.activation({ activation: 'relu6', name: 'a' }), true],
    ['elu', tfl.layers.activation({ activation: 'elu', name: 'a' }), true],
    ['sigmoid', tfl.layers.activation({ activation: 'sigmoid', name: 'a' }), true],
    ['linear', tfl.layers.activation({ activation: 'linear', name: 'a' }), true],
    ['ReLU()', tfl.layers.reLU({ name: 'a' }), true],
    ['ReLU(maxValue 6)', tfl.layers.reLU({ maxValue: 6, name: 'a' }), true],
    ['LeakyReLU(0.05)', tfl.layers.leakyReLU({ alpha: 0.05, name: 'a' }), true],
    // tf.fused.conv2d has no tanh, softmax or ReLU capped elsewhere than 6.
    ['tanh', tfl.layers.activation({ activation: 'tanh', name: 'a' }), false],
    ['softmax', tfl.layers.activation({ activation: 'softmax', name: 'a' }), false],
    ['ReLU(maxValue 0.5)', tfl.layers.reLU({ maxValue: 0.5, name: 'a' }), false],
    // A Softmax layer over axis −1 has the axis of a channels-last batch norm: it is neither.
    ['Softmax layer', tfl.layers.softmax({ axis: -1, name: 'a' }), false],
  ] as const)('%s', (_name, layer, fused) => {
    // Scaled weights: pre-activations beyond ±6, so relu, relu6 and a 0.5 cap all differ.
    const model = chain(tfl.layers.conv2d({ filters: 3, kernelSize: 3, name: 'c' }), layer);
    const scaled = model
      .getLayer('c')
      .getWeights()
      .map((w) => tf.mul(w, 4));
    model.getLayer('c').setWeights(scaled);
    tf.dispose(scaled);
    const rewrite = agreesWithPredict(model);
    expect(rewrite).toEqual(report(2, fused ? ['c+a'] : [], { act: fused ? 1 : 0 }));
    model.dispose();
  });

  test('strided and dilated convolutions keep their strides and dilation', () => {
    const strided = chain(
      tfl.layers.conv2d({ filters: 2, kernelSize: 3, strides: 2, padding: 'same', name: 'c' }),
      tfl.layers.batchNormalization({ name: 'bn' }),
    );
    expect(agreesWithPredict(strided)).toEqual(report(2, ['c+bn'], { bn: 1 }));
    strided.dispose();
    const dilated = chain(
      tfl.layers.conv2d({ filters: 2, kernelSize: 2, dilationRate: 2, name: 'c' }),
      tfl.layers.batchNormalization({ name: 'bn' }),
    );
    expect(agreesWithPredict(dilated)).toEqual(report(2, ['c+bn'], { bn: 1 }));
    dilated.dispose();
  });
});

describe('zero padding folded into a valid convolution', () => {
  const pad = (padding: [[number, number], [number, number]], dataFormat?: 'channelsFirst') =>
    tfl.layers.zeroPadding2d({ padding, name: 'pad', ...(dataFormat ? { dataFormat } : {}) });

  test('asymmetric padding (top 1, bottom 2, left 0, right 3) becomes the convolution’s own', () => {
    const model = chain(
      pad([
        [1, 2],
        [0, 3],
      ]),
      tfl.layers.conv2d({ filters: 2, kernelSize: 3, name: 'c' }),
    );
    expect(agreesWithPredict(model)).toEqual(report(2, ['pad+c'], { pad: 1 }));
    // Turned off, the padding runs as its own layer.
    expect(agreesWithPredict(model, { foldPadding: false })).toEqual(report(2, [], {}));
    model.dispose();
  });

  test('not before a "same" convolution, nor a channels-first padding', () => {
    const same = chain(
      pad([
        [1, 0],
        [0, 1],
      ]),
      tfl.layers.conv2d({ filters: 2, kernelSize: 3, padding: 'same', name: 'c' }),
    );
    expectRunsAsItself(same, 2);
    // Channels first, it pads the width and the channels of this channels-last tensor.
    const channelsFirst = chain(
      pad(
        [
          [1, 0],
          [0, 1],
        ],
        'channelsFirst',
      ),
      tfl.layers.conv2d({ filters: 2, kernelSize: 1, name: 'c' }),
    );
    expectRunsAsItself(channelsFirst, 2);
  });

  test('not when another layer also reads the padded tensor', () => {
    const input = tfl.input({ shape: [4, 4, 3] });
    const padded = on(tfl.layers.zeroPadding2d({ padding: 1, name: 'pad' }), input);
    const a = on(tfl.layers.conv2d({ filters: 2, kernelSize: 3, name: 'a' }), padded);
    const b = on(tfl.layers.conv2d({ filters: 2, kernelSize: 3, name: 'b' }), padded);
    const model = tfl.model({ inputs: input, outputs: on(tfl.layers.add({ name: 'add' }), [a, b]) });
    fillWeights(model);
    expectRunsAsItself(model, 4);
  });
});

describe('layers that look like the patterns but are not: every layer runs as itself', () => {
  // [what, the chain after the 4×4×3 input, its layer steps]: nothing folded, fused or removed.
  test.each([
    [
      'a convolution with its own non-linear activation keeps the batch norm and activation after it',
      () => [
        tfl.layers.conv2d({ filters: 3, kernelSize: 3, activation: 'relu', name: 'c' }),
        tfl.layers.batchNormalization({ name: 'bn' }),
        tfl.layers.activation({ activation: 'relu', name: 'a' }),
      ],
      3,
    ],
    [
      'a convolution with its own non-linear activation (elu) keeps the activation after it',
      () => [
        tfl.layers.conv2d({ filters: 3, kernelSize: 3, activation: 'elu', name: 'c' }),
        tfl.layers.activation({ activation: 'sigmoid', name: 'a' }),
      ],
      2,
    ],
    [
      'a convolution whose activation tf.fused cannot run is left as it is',
      () => [
        tfl.layers.conv2d({ filters: 3, kernelSize: 3, activation: 'tanh', name: 'c' }),
        tfl.layers.batchNormalization({ name: 'bn' }),
      ],
      2,
    ],
    ...[1, 2].map(
      (axis) =>
        [
          `a batch norm over axis ${axis} (not the channels) is not folded`,
          () => [
            tfl.layers.conv2d({ filters: 3, kernelSize: 1, name: 'c' }),
            tfl.layers.batchNormalization({ axis, name: 'bn' }),
            tfl.layers.activation({ activation: 'relu', name: 'a' }),
          ],
          3,
        ] as const,
    ),
    [
      'a channels-first convolution and its batch norm run as themselves',
      () => [
        tfl.layers.conv2d({ filters: 3, kernelSize: 3, dataFormat: 'channelsFirst', name: 'c' }),
        tfl.layers.batchNormalization({ axis: 1, name: 'bn' }),
        tfl.layers.activation({ activation: 'relu', name: 'a' }),
      ],
      3,
    ],
    [
      'max pooling before a valid convolution is not a zero padding',
      () => [
        tfl.layers.maxPooling2d({ poolSize: 2, strides: 1, name: 'p' }),
        tfl.layers.conv2d({ filters: 2, kernelSize: 2, name: 'c' }),
      ],
      2,
    ],
    [
      'upsampling before a valid convolution is not a zero padding',
      () => [
        tfl.layers.upSampling2d({ size: [2, 2], name: 'p' }),
        tfl.layers.conv2d({ filters: 2, kernelSize: 2, name: 'c' }),
      ],
      2,
    ],
    [
      'a transposed convolution (channels last, linear) keeps its batch norm and activation',
      () => [
        tfl.layers.conv2dTranspose({ filters: 2, kernelSize: 3, strides: 2, name: 't' }),
        tfl.layers.batchNormalization({ name: 'bn' }),
        tfl.layers.activation({ activation: 'relu', name: 'a' }),
      ],
      3,
    ],
  ] as const)('%s', (_what, layers, steps) => {
    expectRunsAsItself(chain(...layers()), steps);
  });
});

describe('depthwise and separable convolutions', () => {
  test('a padded, strided depthwise convolution with a depth multiplier folds its batch norm per output channel', () => {
    const model = chain(
      tfl.layers.zeroPadding2d({
        padding: [
          [0, 1],
          [1, 0],
        ],
        name: 'pad',
      }),
      tfl.layers.depthwiseConv2d({ kernelSize: 3, strides: 2, depthMultiplier: 2, name: 'dw' }),
      tfl.layers.batchNormalization({ name: 'bn' }),
      tfl.layers.reLU({ maxValue: 6, name: 'a' }),
    );
    expect(agreesWithPredict(model)).toEqual(report(4, ['pad+dw+bn+a'], { bn: 1, act: 1, pad: 1 }));
    model.dispose();
  });

  test('a dilated depthwise convolution runs as model.predict runs it (tfjs-layers 4.22 ignores the rate)', () => {
    const model = chain(
      tfl.layers.depthwiseConv2d({
        kernelSize: 2,
        dilationRate: 2,
        padding: 'same',
        useBias: false,
        name: 'dw',
      }),
      tfl.layers.batchNormalization({ name: 'bn' }),
    );
    expect(agreesWithPredict(model)).toEqual(report(2, ['dw+bn'], { bn: 1 }));
    model.dispose();
  });

  test('a padded, strided separable convolution folds padding into its depthwise half and the batch norm into its 1×1 half', () => {
    const model = chain(
      tfl.layers.zeroPadding2d({
        padding: [
          [1, 0],
          [0, 1],
        ],
        name: 'pad',
      }),
      tfl.layers.separableConv2d({ filters: 3, kernelSize: 3, strides: 2, depthMultiplier: 2, name: 's' }),
      tfl.layers.batchNormalization({ name: 'bn' }),
      tfl.layers.leakyReLU({ alpha: 0.05, name: 'a' }),
    );
    expect(agreesWithPredict(model)).toEqual(report(4, ['pad+s+bn+a'], { bn: 1, act: 1, pad: 1 }));
    model.dispose();
  });

  test('a dilated "same" separable convolution without bias', () => {
    const model = chain(
      tfl.layers.separableConv2d({
        filters: 2,
        kernelSize: 2,
        dilationRate: 2,
        padding: 'same',
        useBias: false,
        name: 's',
      }),
      tfl.layers.batchNormalization({ name: 'bn' }),
    );
    expect(agreesWithPredict(model)).toEqual(report(2, ['s+bn'], { bn: 1 }));
    model.dispose();
  });
});

describe('tensors read more than once', () => {
  test('a convolution output that is also a model output keeps its batch norm apart', () => {
    const input = tfl.input({ shape: [4, 4, 3] });
    const c = on(tfl.layers.conv2d({ filters: 2, kernelSize: 3, name: 'c' }), input);
    const bn = on(tfl.layers.batchNormalization({ name: 'bn' }), c);
    const model = tfl.model({ inputs: input, outputs: [c, bn] });
    fillWeights(model);
    expectRunsAsItself(model, 2);
  });

  test('a folded batch norm whose output is also a model output keeps the activation apart', () => {
    const input = tfl.input({ shape: [4, 4, 3] });
    const c = on(tfl.layers.conv2d({ filters: 2, kernelSize: 3, name: 'c' }), input);
    const bn = on(tfl.layers.batchNormalization({ name: 'bn' }), c);
    const relu = on(tfl.layers.activation({ activation: 'relu', name: 'a' }), bn);
    const model = tfl.model({ inputs: input, outputs: [bn, relu] });
    fillWeights(model);
    expect(agreesWithPredict(model)).toEqual(report(3, ['c+bn'], { bn: 1 }));
    model.dispose();
  });

  test('an output read by another layer as well is returned intact; intermediates read twice live until their last reader', () => {
    const input = tfl.input({ shape: [4, 4, 3] });
    const c = on(tfl.layers.conv2d({ filters: 3, kernelSize: 1, name: 'c' }), input);
    const t = on(tfl.layers.activation({ activation: 'tanh', name: 't' }), c);
    const u = on(tfl.layers.activation({ activation: 'softplus', name: 'u' }), c);
    const sum = on(tfl.layers.add({ name: 'add' }), [t, u]);
    const after = on(tfl.layers.activation({ activation: 'tanh', name: 'after' }), sum);
    const model = tfl.model({ inputs: input, outputs: [t, after] });
    fillWeights(model);
    expectRunsAsItself(model, 5);
  });

  test('the same convolution output read twice by one Add is computed once', () => {
    const input = tfl.input({ shape: [4, 4, 3] });
    const c = on(tfl.layers.conv2d({ filters: 3, kernelSize: 1, name: 'c' }), input);
    const model = tfl.model({ inputs: input, outputs: on(tfl.layers.add({ name: 'add' }), [c, c]) });
    fillWeights(model);
    expectRunsAsItself(model, 2);
  });
});

describe('the order of steps and the Add shortcut', () => {
  test('a batch norm over axis [3] (a Keras config may list its one axis) is folded', () => {
    const model = chain(
      tfl.layers.conv2d({ filters: 2, kernelSize: 1, name: 'c' }),
      tfl.layers.batchNormalization({ axis: [3] as unknown as number, name: 'bn' }),
    );
    expect(agreesWithPredict(model)).toEqual(report(2, ['c+bn'], { bn: 1 }));
    model.dispose();
  });

  test('each step runs after the steps it reads, in the order the layer reads its inputs', () => {
    const twoBranches = (swap: boolean) => {
      const input = tfl.input({ shape: [4, 4, 3] });
      const a = on(
        tfl.layers.activation({ activation: 'relu', name: 'ra' }),
        on(tfl.layers.conv2d({ filters: 2, kernelSize: 1, name: 'ca' }), input),
      );
      const b = on(
        tfl.layers.activation({ activation: 'elu', name: 'rb' }),
        on(tfl.layers.conv2d({ filters: 2, kernelSize: 1, name: 'cb' }), input),
      );
      const model = tfl.model({
        inputs: input,
        outputs: on(tfl.layers.add({ name: 'add' }), swap ? [b, a] : [a, b]),
      });
      fillWeights(model);
      return model;
    };
    const ab = twoBranches(false);
    expect(agreesWithPredict(ab)).toEqual(report(5, ['ca+ra', 'cb+rb'], { act: 2 }));
    ab.dispose();
    const ba = twoBranches(true);
    expect(agreesWithPredict(ba)).toEqual(report(5, ['cb+rb', 'ca+ra'], { act: 2 }));
    ba.dispose();
  });

  /** How many times `layer.apply` runs during `fn`. */
  function countApplies(layer: tfl.layers.Layer, fn: () => void): number {
    const original = layer.apply.bind(layer);
    let calls = 0;
    layer.apply = ((...args: Parameters<typeof original>) => {
      calls++;
      return original(...args);
    }) as typeof layer.apply;
    try {
      fn();
    } finally {
      layer.apply = original;
    }
    return calls;
  }

  test.each([2, 3])(
    'an Add of %i tensors of one shape is summed directly, not through the layer',
    (terms) => {
      const input = tfl.input({ shape: [4, 4, 3] });
      const branches = Array.from({ length: terms }, (_, i) =>
        on(tfl.layers.conv2d({ filters: 2, kernelSize: 1, name: `c${i}` }), input),
      );
      const add = tfl.layers.add({ name: 'add' });
      const model = tfl.model({ inputs: input, outputs: on(add, branches) });
      fillWeights(model);
      const optimized = optimizeForInference(model);
      expect(countApplies(add, () => agreesWithPredict(model))).toBe(1); // model.predict's own call
      const x = tf.randomNormal([1, 4, 4, 3], 0, 1, 'float32', 3);
      expect(countApplies(add, () => tf.dispose(optimized.predict(x)))).toBe(0);
      tf.dispose(x);
      optimized.dispose();
      model.dispose();
    },
  );

  test('an Add of tensors of different ranks runs as the layer (Keras broadcasting, not tf.add’s)', () => {
    // The vector's shape [batch, 4] is the start of the image's [batch, 4, 4, 4]: only the ranks differ.
    const image = tfl.input({ shape: [4, 4, 4] });
    const vector = tfl.input({ shape: [4] });
    const add = tfl.layers.add({ name: 'add' });
    const model = tfl.model({ inputs: [image, vector], outputs: on(add, [image, vector]) });
    // tfjs-layers expands the [batch, 4] vector to [batch, 1, 1, 4]; tf.add would align it with the
    // image's last two axes instead ([4, 4] against [2, 4] at batch 2: an error, or the wrong sum).
    expect(countApplies(add, () => agreesWithPredict(model))).toBe(2);
    model.dispose();
    // Same rank, shapes that broadcast ([4, 4, 3] and [1, 1, 3]): also the layer's own sum.
    const big = tfl.input({ shape: [4, 4, 3] });
    const small = tfl.input({ shape: [1, 1, 3] });
    const addBroadcast = tfl.layers.add({ name: 'add' });
    const broadcast = tfl.model({ inputs: [big, small], outputs: on(addBroadcast, [big, small]) });
    expect(countApplies(addBroadcast, () => agreesWithPredict(broadcast))).toBe(2);
    broadcast.dispose();
  });

  test('a multi-input layer other than Add runs as itself, even on inputs of one shape', () => {
    const input = tfl.input({ shape: [4, 4, 3] });
    const a = on(tfl.layers.conv2d({ filters: 2, kernelSize: 1, name: 'a' }), input);
    const b = on(tfl.layers.conv2d({ filters: 2, kernelSize: 1, name: 'b' }), input);
    const joined = on(tfl.layers.concatenate({ name: 'cat' }), [a, b]);
    const product = on(tfl.layers.multiply({ name: 'mul' }), [a, b]);
    const model = tfl.model({ inputs: input, outputs: [joined, product] });
    fillWeights(model);
    expectRunsAsItself(model, 4);
  });
});

describe('intermediate tensors', () => {
  /** Counts the live tensors when `layer` starts (the forward pass in progress). */
  function liveTensorsAt(layer: tfl.layers.Layer, fn: () => void): number {
    const original = layer.apply.bind(layer);
    let live = -1;
    layer.apply = ((...args: Parameters<typeof original>) => {
      live = tf.memory().numTensors;
      return original(...args);
    }) as typeof layer.apply;
    try {
      fn();
    } finally {
      layer.apply = original;
    }
    return live;
  }

  test('are freed once their last reader ran; the caller’s inputs are not', () => {
    // input → linear → tanh → linear → conv → dropout → linear → separable conv (its depthwise half an
    // intermediate of its own) → probe. Layers that pass a tensor through (linear, dropout at
    // inference) return a copy in tfjs-layers 4.22, freed like any other. When the probe starts, the
    // only tensor of this pass still alive is the separable convolution's output.
    const probe = tfl.layers.activation({ activation: 'tanh', name: 'probe' });
    const model = chain(
      tfl.layers.activation({ activation: 'linear', name: 'l1' }),
      tfl.layers.activation({ activation: 'tanh', name: 't' }),
      tfl.layers.activation({ activation: 'linear', name: 'l2' }),
      tfl.layers.conv2d({ filters: 3, kernelSize: 1, activation: 'relu', name: 'c' }),
      tfl.layers.dropout({ rate: 0.5, name: 'd' }),
      tfl.layers.activation({ activation: 'linear', name: 'l3' }),
      tfl.layers.separableConv2d({ filters: 2, kernelSize: 3, name: 's' }),
      tfl.layers.batchNormalization({ name: 'bn' }),
      probe,
    );
    const optimized = optimizeForInference(model);
    const x = tf.randomNormal([1, 4, 4, 3], 0, 1, 'float32', 4);
    const before = tf.memory().numTensors;
    let y: tf.Tensor | undefined;
    expect(
      liveTensorsAt(probe, () => {
        y = optimized.predict(x) as tf.Tensor;
      }),
    ).toBe(before + 1);
    expect(tf.memory().numTensors).toBe(before + 1);
    expect(x.isDisposed).toBe(false);
    expect(y?.shape).toEqual([1, 2, 2, 2]);
    tf.dispose([x, y!]);
    optimized.dispose();
    model.dispose();
  });

  test('a model input that is also a model output is returned, not freed', () => {
    const input = tfl.input({ shape: [4, 4, 3] });
    const c = on(tfl.layers.conv2d({ filters: 2, kernelSize: 1, name: 'c' }), input);
    const d = on(tfl.layers.dropout({ rate: 0.5, name: 'd' }), input);
    const model = tfl.model({ inputs: input, outputs: [c, d] });
    fillWeights(model);
    expectRunsAsItself(model, 2);
  });
});

describe('inputs, outputs and dispose', () => {
  function twoInTwoOut() {
    const a = tfl.input({ shape: [4, 4, 2], name: 'a' });
    const b = tfl.input({ shape: [4, 4, 3], name: 'b' });
    const joined = on(tfl.layers.concatenate({ name: 'cat' }), [a, b]);
    const c = on(tfl.layers.conv2d({ filters: 2, kernelSize: 3, name: 'c' }), joined);
    const bn = on(tfl.layers.batchNormalization({ name: 'bn' }), c);
    const flat = on(tfl.layers.flatten({ name: 'flat' }), b);
    const model = tfl.model({ inputs: [a, b], outputs: [bn, flat] });
    fillWeights(model);
    return model;
  }

  test('several inputs (in the model’s order) and outputs: an array comes back', () => {
    const model = twoInTwoOut();
    expect(agreesWithPredict(model)).toEqual(report(4, ['c+bn'], { bn: 1 }));
    const optimized = optimizeForInference(model);
    const a = tf.ones([1, 4, 4, 2]);
    const b = tf.zeros([1, 4, 4, 3]);
    const out = optimized.predict([a, b]);
    expect(Array.isArray(out)).toBe(true);
    expect((out as tf.Tensor[]).map((t) => t.shape)).toEqual([
      [1, 2, 2, 2],
      [1, 48],
    ]);
    tf.dispose([a, b, ...(out as tf.Tensor[])]);
    optimized.dispose();
    model.dispose();
  });

  test('one input as a tensor or a one-element array; one output as a tensor', () => {
    const model = chain(tfl.layers.conv2d({ filters: 2, kernelSize: 3, name: 'c' }));
    const optimized = optimizeForInference(model);
    const x = tf.randomNormal([3, 4, 4, 3], 0, 1, 'float32', 6);
    const expected = model.predict(x) as tf.Tensor;
    for (const given of [x, [x]]) {
      const y = optimized.predict(given);
      expect(y).toBeInstanceOf(tf.Tensor);
      expect(relativeError(expected, y as tf.Tensor)).toBeLessThan(RELATIVE_TOLERANCE);
      tf.dispose(y);
    }
    tf.dispose([x, expected]);
    optimized.dispose();
    model.dispose();
  });

  test('dispose frees the folded copies (a filter and a bias per batch norm), once; predict then refuses', () => {
    const model = twoInTwoOut();
    const optimized = optimizeForInference(model);
    const held = tf.memory().numTensors;
    optimized.dispose();
    expect(tf.memory().numTensors).toBe(held - 2);
    optimized.dispose();
    expect(tf.memory().numTensors).toBe(held - 2);
    const a = tf.zeros([1, 4, 4, 2]);
    const b = tf.zeros([1, 4, 4, 3]);
    expect(() => optimized.predict([a, b])).toThrow(
      expect.objectContaining({
        name: 'LayersGpuError',
        code: 'invalid_options',
        message: 'this InferenceModel was disposed: call optimizeForInference(model) again',
        details: { check: 'disposed' },
      }),
    );
    tf.dispose([a, b]);
    model.dispose();
  });

  test('a wrong number of inputs, or a wrong shape or rank, is refused with what the model expects', () => {
    const model = twoInTwoOut();
    const optimized = optimizeForInference(model);
    const a = tf.zeros([2, 4, 4, 2]);
    const b = tf.zeros([2, 4, 4, 3]);
    expect(() => optimized.predict(a)).toThrow(
      expect.objectContaining({
        code: 'invalid_options',
        message: 'predict got 1 input tensor(s); the model has 2 input(s)',
        details: { inputs: 1 },
      }),
    );
    expect(() => optimized.predict([a, b, b])).toThrow(expect.objectContaining({ details: { inputs: 3 } }));
    expect(() => optimized.predict([b, a])).toThrow(
      expect.objectContaining({
        code: 'wrong_input_rank',
        message: 'predict input 0 has shape [2, 4, 4, 3]; the model expects [batch, 4, 4, 2]',
        details: { given: [2, 4, 4, 3], expected: ['batch', 4, 4, 2] },
      }),
    );
    const rank5 = tf.zeros([2, 4, 4, 3, 1]);
    const rank3 = tf.zeros([4, 4, 3]);
    for (const wrong of [rank5, rank3])
      expect(() => optimized.predict([a, wrong])).toThrow(
        expect.objectContaining({
          code: 'wrong_input_rank',
          message: `predict input 1 has shape [${wrong.shape.join(', ')}]; the model expects [batch, 4, 4, 3]`,
        }),
      );
    tf.dispose([a, b, rank5, rank3]);
    optimized.dispose();
    model.dispose();
  });
});

describe('bad options and non-models are refused before anything runs', () => {
  test('an unknown option is refused with the one code every package uses', () => {
    const model = chain(tfl.layers.conv2d({ filters: 2, kernelSize: 1, name: 'c' }));
    expect(() => optimizeForInference(model, { foldBatchNorms: true } as never)).toThrow(
      expect.objectContaining({
        code: 'unknown_option',
        message: expect.stringMatching(
          /^optimizeForInference options: .*unknown field "foldBatchNorms": did you mean "foldBatchNorm"\?/,
        ),
      }),
    );
    model.dispose();
  });

  test.each(['foldBatchNorm', 'fuseActivation', 'foldPadding'])('%s must be a boolean', (key) => {
    const model = chain(tfl.layers.conv2d({ filters: 2, kernelSize: 1, name: 'c' }));
    let error: unknown;
    try {
      optimizeForInference(model, { [key]: 'yes' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(LayersGpuError);
    expect(error).toMatchObject({
      code: 'invalid_options',
      message: `optimizeForInference options.${key}: expected a boolean (true or false)`,
      details: { check: 'invalid_type', expected: 'boolean' },
      path: [key],
    });
    expect((error as Error).cause).toBeInstanceOf(Error);
    model.dispose();
  });

  test.each([
    [undefined, 'undefined'],
    [null, 'null'],
    [{}, 'an object without inputs and outputs'],
    [{ inputs: [] }, 'an object without inputs and outputs'],
    [{ outputs: [] }, 'an object without inputs and outputs'],
    ['resnet50', 'string'],
    [50, 'number'],
  ])('%j is not a tf.LayersModel', (given, got) => {
    expect(() => optimizeForInference(given as never)).toThrow(
      expect.objectContaining({
        code: 'invalid_options',
        message: `optimizeForInference needs a tf.LayersModel (from tf.model, tf.sequential or tf.loadLayersModel); got ${got}`,
        details: { check: 'invalid_type', expected: 'tf.LayersModel' },
      }),
    );
  });
});
