import { readFileSync } from 'node:fs';
import { describeSpec, googlenetSpec } from '@cnnkit/architectures';
import { analyze, type ModelSpecInput, outputShape } from '@cnnkit/shape-math';
import { describe, expect, test } from 'vitest';
import { planFullyConvolutional, SegmentationError, toFullyConvolutional } from '../src/index';

/**
 * The FCN paper's arithmetic (Long et al. 2015, section 3.1 and figure 2): VGG16 has output stride
 * 32 and its fc6 reads a 7×7 map at 224, so it scores one 224-pixel window every 32 pixels:
 * (N − 224) / 32 + 1 windows per side for an N×N image (N a multiple of 32).
 */
const vggGridSide = (side: number) => (side - 224) / 32 + 1;

describe('toFullyConvolutional on VGG16', () => {
  const vgg = describeSpec('vgg16');

  test("fc1 (the paper's fc6) becomes a 7×7 valid conv with 4096 filters, the later dense layers 1×1 convs", () => {
    const plan = planFullyConvolutional(vgg);
    expect(plan.topInput).toEqual([7, 7, 512]);
    expect(plan.conversions).toEqual([
      { layer: 'flatten', from: 'flatten', to: 'removed' },
      { layer: 'fc1', from: 'dense', to: 'conv2d', window: [7, 7] },
      { layer: 'fc2', from: 'dense', to: 'conv2d', window: [1, 1] },
      { layer: 'predictions', from: 'dense', to: 'conv2d', window: [1, 1] },
    ]);
    const fc1 = plan.spec.layers.find((l) => l.name === 'fc1');
    expect(fc1).toMatchObject({
      kind: 'conv2d',
      filters: 4096,
      kernelSize: [7, 7],
      padding: 'valid',
      activation: 'relu',
    });
    expect(plan.spec.layers.find((l) => l.name === 'predictions')).toMatchObject({ activation: 'softmax' });
  });

  test('the conversion keeps every parameter: same count as the classifier (138,357,544)', () => {
    expect(analyze(toFullyConvolutional(vgg)).totals.params.total).toBe(analyze(vgg).totals.params.total);
  });

  test.each([224, 256, 384, 512])(
    "at %i×%i, shape-math predicts the grid the paper's arithmetic gives",
    (side) => {
      const fcn = toFullyConvolutional(vgg, { input: [side, side, 3] });
      const grid = vggGridSide(side);
      expect(outputShape(fcn)).toEqual([grid, grid, 1000]);
      // The grid's pitch is the output stride, 32; each score sees at least the 224-pixel window.
      const last = analyze(fcn).layers.at(-1)!;
      expect(last.effectiveStride).toEqual([32, 32]);
    },
  );

  test('VGG16 at 224 gives 1×1 and at 384 gives 6×6', () => {
    expect(outputShape(toFullyConvolutional(vgg, { input: [224, 224, 3] })).slice(0, 2)).toEqual([1, 1]);
    expect(outputShape(toFullyConvolutional(vgg, { input: [384, 384, 3] })).slice(0, 2)).toEqual([6, 6]);
  });

  test('an input smaller than the training window is refused with a clear error', () => {
    expect(() => toFullyConvolutional(vgg, { input: [160, 160, 3] })).toThrowError(
      expect.objectContaining({ code: 'invalid_options', message: expect.stringMatching(/reads a 7×7 map/) }),
    );
    expect(() => toFullyConvolutional(vgg, { input: [224, 224, 1] })).toThrowError(
      expect.objectContaining({ code: 'invalid_options', message: expect.stringMatching(/built for 3/) }),
    );
  });
});

describe('toFullyConvolutional on AlexNet (227×227, valid convs, overlapping pools)', () => {
  test.each(['alexnet', 'alexnet-one-tower'])(
    '%s: pool5 is 6×6, so fc1 becomes a 6×6 conv; grid = (N − 227)/32 + 1',
    (name) => {
      const plan = planFullyConvolutional(describeSpec(name));
      expect(plan.topInput).toEqual([6, 6, 256]);
      // AlexNet's output stride: 4 (conv1) × 2 × 2 × 2 (three stride-2 pools) = 32.
      for (const side of [227, 259, 355]) {
        const grid = (side - 227) / 32 + 1;
        expect(outputShape(toFullyConvolutional(describeSpec(name), { input: [side, side, 3] }))).toEqual([
          grid,
          grid,
          1000,
        ]);
      }
    },
  );
});

describe('every network in the architectures registry', () => {
  const names = [
    'lenet5',
    'alexnet',
    'alexnet-one-tower',
    'vgg16',
    'googlenet',
    'resnet18',
    'resnet50',
    'resnet50-keras',
    'seresnet50',
    'xception',
    'mobilenet',
  ];
  test.each(names)('%s: converts, keeps its parameter count, and is 1×1 at its training size', (name) => {
    const classifier = describeSpec(name);
    const fcn = toFullyConvolutional(classifier);
    const before = analyze(classifier);
    const after = analyze(fcn);
    expect(after.totals.params).toEqual(before.totals.params);
    const classes = before.outputs[0]!.shape.at(-1)!;
    expect(after.outputs[0]!.shape).toEqual([1, 1, classes]);
    // On a larger image it slides: a grid of class scores instead of one vector.
    const [h, w, c] = before.inputShape as [number, number, number];
    const larger = outputShape(toFullyConvolutional(classifier, { input: [h + 64, w + 64, c] }));
    expect(larger).toHaveLength(3);
    expect(larger[0]).toBeGreaterThan(1);
  });

  test('a ResNet (global average pooling) becomes a window-sized average pooling, then a 1×1 conv', () => {
    const plan = planFullyConvolutional(describeSpec('resnet18'), { input: [320, 320, 3] });
    expect(plan.conversions).toEqual([
      { layer: 'avg_pool', from: 'globalAveragePooling2d', to: 'averagePooling2d', window: [7, 7] },
      { layer: 'predictions', from: 'dense', to: 'conv2d', window: [1, 1] },
    ]);
    // Stride 32: 320 / 32 = 10, then a 7×7 window at stride 1: 4 positions per side.
    expect(outputShape(plan.spec)).toEqual([4, 4, 1000]);
  });
});

describe('tops it cannot convert get a coded error', () => {
  const base: ModelSpecInput['layers'] = [{ kind: 'conv2d', filters: 4, kernelSize: 3, padding: 'same' }];
  const cases: [string, ModelSpecInput, string][] = [
    ['no classifier top', { input: [8, 8, 3], layers: base }, 'no_dense_top'],
    ['Flatten but no dense', { input: [8, 8, 3], layers: [...base, { kind: 'flatten' }] }, 'no_dense_top'],
    [
      'a vector input',
      {
        input: [16],
        layers: [
          { kind: 'reshape', targetShape: [4, 4, 1] },
          { kind: 'flatten' },
          { kind: 'dense', units: 2 },
        ],
      },
      'unsupported_top',
    ],
    [
      'batch norm between Flatten and dense',
      {
        input: [8, 8, 3],
        layers: [...base, { kind: 'flatten' }, { kind: 'batchNormalization' }, { kind: 'dense', units: 2 }],
      },
      'unsupported_top',
    ],
    [
      'a branch in the top',
      {
        input: [8, 8, 3],
        layers: [
          ...base,
          { kind: 'flatten', name: 'f' },
          { kind: 'dense', name: 'a', units: 2 },
          { kind: 'dense', name: 'b', units: 2, inputs: ['f'] },
        ],
      },
      'unsupported_top',
    ],
    [
      'GoogLeNet with its auxiliary classifiers',
      googlenetSpec({ inputShape: [224, 224, 3], classes: 10, includeTop: true, auxiliaryClassifiers: true }),
      'unsupported_top',
    ],
  ];
  test.each(cases)('%s', (_, spec, code) => {
    try {
      toFullyConvolutional(spec);
      expect.unreachable('should have thrown');
    } catch (error) {
      expect(error).toBeInstanceOf(SegmentationError);
      expect((error as SegmentationError).code).toBe(code);
    }
  });
});

test('the conversion module imports nothing but shape-math (no TensorFlow.js in its module graph)', () => {
  const source = readFileSync(new URL('../src/fully-convolutional.ts', import.meta.url), 'utf8');
  const imports = [...source.matchAll(/from '([^']+)'/g)].map((m) => m[1]);
  expect(imports.sort()).toEqual(['./errors', './options', '@cnnkit/shape-math']);
  const errorsSource = readFileSync(new URL('../src/errors.ts', import.meta.url), 'utf8');
  expect([...errorsSource.matchAll(/from '([^']+)'/g)].map((m) => m[1])).toEqual(['@cnnkit/shape-math']);
  const optionsSource = readFileSync(new URL('../src/options.ts', import.meta.url), 'utf8');
  const optionsImports = [...optionsSource.matchAll(/from '([^']+)'/g)].map((m) => m[1]);
  expect(optionsImports.sort()).toEqual(['./errors', '@cnnkit/shape-math']);
});
