import { initBackend } from '@cnnkit/layers-gpu';
import type { ModelSpecInput } from '@cnnkit/shape-math';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, test } from 'vitest';
import {
  buildSegmenter,
  compareSegmenters,
  comparisonPng,
  convertDenseToConv,
  crossEntropyDiceLoss,
  diceLoss,
  evaluateSegmenter,
  pixelCrossEntropy,
  sideBySideSvg,
  trainSegmenter,
  writeComparisonPng,
} from '../src/build';
import {
  boundaryF1,
  type Comparison,
  compactVggBackbone,
  comparisonSpec,
  confusionMatrix,
  fcnSpec,
  planFullyConvolutional,
  SegmentationError,
  SHAPE_CLASSES,
  syntheticShapes,
  toFullyConvolutional,
  unetSpec,
} from '../src/index';

beforeAll(async () => {
  await initBackend({ env: {}, wasmThreads: 1 }); // one thread in tests: see vitest.shared.ts
});

/** Calls `run` and returns the SegmentationError it throws (or rejects with). */
async function refusal(run: () => unknown): Promise<SegmentationError> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(SegmentationError);
    return error as SegmentationError;
  }
  throw new Error('expected a SegmentationError, got none');
}

// Deliberately wrong options: each call below passes one misspelt key.
type Loose = never;
const classifier: ModelSpecInput = {
  input: [16, 16, 3],
  layers: [
    { kind: 'conv2d', filters: 4, kernelSize: 3, name: 'conv' },
    { kind: 'flatten' },
    { kind: 'dense', units: 3, name: 'fc' },
  ],
};
const labels = () => tf.zeros([1, 4, 4], 'int32') as tf.Tensor3D;
const logits = () => tf.zeros([1, 4, 4, 3]) as tf.Tensor4D;
const tiny = syntheticShapes({ count: 2, size: 32, seed: 1 });

describe('every option object rejects a key it does not know, naming it and the close one', () => {
  test.each([
    {
      where: 'fcnSpec',
      key: 'skiplayers',
      meant: 'skipLayers',
      run: () => fcnSpec(compactVggBackbone(64), { variant: 'fcn8s', classes: 5, skiplayers: [] } as Loose),
    },
    {
      where: 'unetSpec',
      key: 'baseFilter',
      meant: 'baseFilters',
      run: () => unetSpec({ input: [32, 32, 3], classes: 2, baseFilter: 8 } as Loose),
    },
    {
      where: 'unetSpec',
      key: 'batch_norm',
      meant: 'batchNorm',
      run: () => unetSpec({ input: [32, 32, 3], classes: 2, batch_norm: false } as Loose),
    },
    {
      where: 'toFullyConvolutional',
      key: 'inputs',
      meant: 'input',
      run: () => toFullyConvolutional(classifier, { inputs: [32, 32, 3] } as Loose),
    },
    {
      where: 'planFullyConvolutional',
      key: 'nmae',
      meant: 'name',
      run: () => planFullyConvolutional(classifier, { nmae: 'x' } as Loose),
    },
    {
      where: 'convertDenseToConv',
      key: 'memoryBudget',
      meant: 'memoryBudgetBytes',
      run: () =>
        convertDenseToConv(tfl.sequential({ layers: [tfl.layers.dense({ units: 1, inputShape: [1] })] }), {
          spec: classifier,
          memoryBudget: 1,
        } as Loose),
    },
    {
      where: 'buildSegmenter',
      key: 'sead',
      meant: 'seed',
      run: () =>
        buildSegmenter(unetSpec({ input: [32, 32, 3], classes: 2, depth: 1, baseFilters: 4 }), {
          sead: 1,
        } as Loose),
    },
    {
      where: 'pixelCrossEntropy',
      key: 'ignore_label',
      meant: 'ignoreLabel',
      run: () => pixelCrossEntropy(labels(), logits(), { ignore_label: 255 } as Loose),
    },
    {
      where: 'diceLoss',
      key: 'smoth',
      meant: 'smooth',
      run: () => diceLoss(labels(), logits(), { smoth: 1 } as Loose),
    },
    {
      where: 'crossEntropyDiceLoss',
      key: 'diceWieght',
      meant: 'diceWeight',
      run: () => crossEntropyDiceLoss(labels(), logits(), { diceWieght: 2 } as Loose),
    },
    {
      where: 'confusionMatrix',
      key: 'class',
      meant: 'classes',
      run: () => confusionMatrix([0], [0], { classes: 2, class: 2 } as Loose),
    },
    {
      where: 'boundaryF1',
      key: 'tolerancePixel',
      meant: 'tolerancePixels',
      run: () => boundaryF1([0], [0], { height: 1, width: 1, classes: 2, tolerancePixel: 1 } as Loose),
    },
    {
      where: 'syntheticShapes',
      key: 'shapesPerImages',
      meant: 'shapesPerImage',
      run: () => syntheticShapes({ count: 1, size: 32, shapesPerImages: [1, 2] } as Loose),
    },
    {
      where: 'trainSegmenter',
      key: 'learningrate',
      meant: 'learningRate',
      run: () =>
        trainSegmenter(tfl.sequential({ layers: [tfl.layers.dense({ units: 1, inputShape: [1] })] }), tiny, {
          classes: 5,
          epochs: 1,
          learningrate: 0.1,
        } as Loose),
    },
    {
      where: 'evaluateSegmenter',
      key: 'tolerancePixel',
      meant: 'tolerancePixels',
      run: () =>
        evaluateSegmenter(
          tfl.sequential({ layers: [tfl.layers.dense({ units: 1, inputShape: [1] })] }),
          tiny,
          {
            classes: 5,
            tolerancePixel: 1,
          } as Loose,
        ),
    },
    {
      where: 'compareSegmenters',
      key: 'epoch',
      meant: 'epochs',
      run: () => compareSegmenters({ epoch: 1 } as Loose),
    },
    {
      where: 'compareSegmenters: unet',
      key: 'base_filters',
      meant: 'baseFilters',
      run: () => compareSegmenters({ unet: { base_filters: 4 } } as Loose),
    },
    {
      where: 'comparisonSpec',
      key: 'unte',
      meant: 'unet',
      run: () => comparisonSpec('unet', 32, { unte: {} } as Loose),
    },
    {
      where: 'sideBySideSvg',
      key: 'classNmes',
      meant: 'classNames',
      run: () => sideBySideSvg([], { height: 1, width: 1, classNmes: [] } as Loose),
    },
    {
      where: 'comparisonPng',
      key: 'example',
      meant: 'examples',
      run: () => comparisonPng({} as Comparison, { example: 1 } as Loose),
    },
    {
      where: 'writeComparisonPng',
      key: 'scal',
      meant: 'scale',
      run: () => writeComparisonPng('never-written.png', {} as Comparison, { scal: 2 } as Loose),
    },
  ])('$where: "$key" → did you mean "$meant"?', async ({ where, key, meant, run }) => {
    const error = await refusal(() => tf.tidy(() => run() as never));
    expect(error.code).toBe('unknown_option');
    expect(error.message).toContain(`${where}: unknown field "${key}": did you mean "${meant}"?`);
    expect(error.details).toMatchObject({ where, unknownKeys: [key] });
    expect(error.details.allowed).toContain(meant);
  });

  test('a key with nothing close is named, with the allowed keys and no guess', async () => {
    const error = await refusal(() => syntheticShapes({ count: 1, size: 32, colour: 'red' } as Loose));
    expect(error.message).toBe(
      'syntheticShapes: unknown field "colour" (allowed: count, size, seed, shapesPerImage)',
    );
  });

  test('options that are not an object are refused with invalid_options', async () => {
    const error = await refusal(() => unetSpec(null as Loose));
    expect(error.code).toBe('invalid_options');
    expect(error.message).toBe(
      'unetSpec: must be an object (allowed keys: input, classes, depth, baseFilters, batchNorm, padding, name), got null',
    );
  });

  test('the correct spellings still work (the keys lists are complete)', () => {
    expect(() => syntheticShapes({ count: 1, size: 32, seed: 3, shapesPerImage: [1, 2] })).not.toThrow();
    expect(() =>
      unetSpec({
        input: [32, 32, 3],
        classes: SHAPE_CLASSES.length,
        depth: 1,
        baseFilters: 4,
        batchNorm: false,
        name: 'u',
      }),
    ).not.toThrow();
    expect(() => confusionMatrix([0, 1], [0, 1], { classes: 2, ignoreLabel: 255 })).not.toThrow();
  });
});
