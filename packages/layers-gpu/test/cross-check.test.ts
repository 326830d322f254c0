import type { LayerSpecInput } from '@cnnkit/shape-math';
import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { beforeAll, expect, test } from 'vitest';
import { buildModel, compareWithShapeMath } from '../src/index';
import { useDefaultBackend } from './helpers';

beforeAll(useDefaultBackend);

const padding = fc.constantFrom('same' as const, 'valid' as const);
const windowLayer: fc.Arbitrary<LayerSpecInput> = fc.oneof(
  fc.record({
    kind: fc.constant('conv2d' as const),
    filters: fc.integer({ min: 1, max: 6 }),
    kernelSize: fc.oneof(
      fc.integer({ min: 1, max: 4 }),
      fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 })),
    ),
    strides: fc.integer({ min: 1, max: 3 }),
    padding: fc.oneof(padding, fc.integer({ min: 0, max: 2 })),
    useBias: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('conv2d' as const),
    filters: fc.integer({ min: 1, max: 6 }),
    kernelSize: fc.integer({ min: 1, max: 3 }),
    dilationRate: fc.integer({ min: 2, max: 3 }),
    padding,
  }),
  fc.record({
    kind: fc.constantFrom('maxPooling2d' as const, 'averagePooling2d' as const),
    poolSize: fc.integer({ min: 1, max: 3 }),
    strides: fc.integer({ min: 1, max: 3 }),
    padding,
  }),
  fc.record({
    kind: fc.constant('depthwiseConv2d' as const),
    kernelSize: fc.integer({ min: 1, max: 3 }),
    strides: fc.integer({ min: 1, max: 2 }),
    padding,
    depthMultiplier: fc.integer({ min: 1, max: 2 }),
  }),
  fc.record({
    kind: fc.constant('separableConv2d' as const),
    filters: fc.integer({ min: 1, max: 6 }),
    kernelSize: fc.integer({ min: 1, max: 3 }),
    strides: fc.integer({ min: 1, max: 2 }),
    padding,
  }),
  fc.record({ kind: fc.constant('batchNormalization' as const), center: fc.boolean(), scale: fc.boolean() }),
  // Keras' three cropping forms: every side, per axis, per side.
  fc.record({
    kind: fc.constant('cropping2d' as const),
    cropping: fc.oneof(
      fc.integer({ min: 0, max: 2 }),
      fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 })),
      fc.tuple(
        fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 })),
        fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 })),
      ),
    ),
  }),
);
const head: fc.Arbitrary<LayerSpecInput[]> = fc.oneof(
  fc.constant([] as LayerSpecInput[]),
  fc
    .tuple(fc.integer({ min: 1, max: 10 }))
    .map(([units]) => [{ kind: 'flatten' as const }, { kind: 'dense' as const, units }]),
  fc
    .tuple(fc.integer({ min: 1, max: 10 }))
    .map(([units]) => [{ kind: 'globalAveragePooling2d' as const }, { kind: 'dense' as const, units }]),
);

/**
 * The heart of layers-gpu: for random valid conv/pool/dense stacks, shape-math's output shapes
 * and parameter counts equal the real tfjs model's, layer by layer, and a real forward pass
 * produces the predicted output shape. A disagreement is a bug in one of them.
 */
test('shape-math agrees with real TensorFlow.js models on random stacks', () => {
  let compared = 0;
  fc.assert(
    fc.property(
      fc.tuple(
        fc.integer({ min: 6, max: 24 }),
        fc.integer({ min: 6, max: 24 }),
        fc.integer({ min: 1, max: 4 }),
      ),
      fc.array(windowLayer, { minLength: 1, maxLength: 5 }),
      head,
      ([height, width, channels], body, top) => {
        let built: ReturnType<typeof buildModel>;
        try {
          built = buildModel({ input: [height, width, channels], layers: [...body, ...top] });
        } catch (error) {
          // A random stack may shrink the map below a kernel: shape-math must say so, and that is all.
          expect((error as Error).name).toBe('ShapeMathError');
          fc.pre(false);
          return;
        }
        try {
          expect(compareWithShapeMath(built)).toEqual([]);
          compared++;
          const y = tf.tidy(() => built.model.predict(tf.ones([1, height, width, channels])) as tf.Tensor);
          expect(y.shape.slice(1)).toEqual(built.report.outputs[0]!.shape);
          y.dispose();
        } finally {
          built.model.dispose();
        }
      },
    ),
    { numRuns: 150 },
  );
  // Most random stacks must be valid, or the property says little.
  expect(compared).toBe(150);
});

test('a transposed conv with trainable: false is frozen in tfjs, and tfjs trains what shape-math counts as trainable', () => {
  const built = buildModel({
    input: [5, 5, 3],
    layers: [
      { kind: 'conv2d', name: 'score', filters: 3, kernelSize: 1 },
      {
        kind: 'conv2dTranspose',
        name: 'fixed_up',
        filters: 3,
        kernelSize: 4,
        strides: 2,
        useBias: false,
        trainable: false,
      },
    ],
  });
  try {
    expect(built.model.getLayer('fixed_up').trainable).toBe(false);
    const tfTrainable = built.model.trainableWeights.reduce(
      (sum, weight) => sum + tf.util.sizeFromShape(weight.shape as number[]),
      0,
    );
    // score: 1·1·3·3 + 3 = 12 trainable; fixed_up: 4·4·3·3 = 144 fixed.
    expect(tfTrainable).toBe(12);
    expect(built.report.totals.params).toEqual({ trainable: 12, nonTrainable: 144, total: 156 });
  } finally {
    built.model.dispose();
  }
});
