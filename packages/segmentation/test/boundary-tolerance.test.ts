import { initBackend } from '@cnnkit/layers-gpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, test } from 'vitest';
import { evaluateSegmenter } from '../src/build';
import {
  BOUNDARY_TOLERANCE_RULES,
  boundaryF1,
  boundaryTolerancePixels,
  DEFAULT_BOUNDARY_TOLERANCE,
  scorePredictedMasks,
} from '../src/index';

/** A `height × width` mask from a rule giving each pixel's class. */
const mask = (height: number, width: number, rule: (y: number, x: number) => number) =>
  Array.from({ length: height * width }, (_, i) => rule(Math.floor(i / width), i % width));

describe('the published tolerance rules, by hand', () => {
  test.each([
    // DAVIS 2016 (davis-2017 toolkit, f_boundary): bound_pix = ceil(0.008 · ‖(h, w)‖).
    // 32×32: ‖·‖ = 32·√2 = 45.2548; × 0.008 = 0.3620 → 1.
    ['davis2016', 32, 32, 1],
    // 64×64: 64·√2 = 90.5097; × 0.008 = 0.7241 → 1.
    ['davis2016', 64, 64, 1],
    // 128×128: 128·√2 = 181.0193; × 0.008 = 1.4482 → 2.
    ['davis2016', 128, 128, 2],
    // DAVIS' own 480×854 frames: √(480² + 854²) = √(230,400 + 729,316) = √959,716 = 979.65; × 0.008 = 7.837 → 8.
    ['davis2016', 480, 854, 8],
    // Csurka et al. 2013 / MATLAB bfscore: 0.75 % of the diagonal, not rounded.
    // 128×128: 181.0193 × 0.0075 = 1.35764.
    ['csurka2013', 128, 128, 1.357645],
    // 64×64: 90.5097 × 0.0075 = 0.67882.
    ['csurka2013', 64, 64, 0.678823],
  ] as const)('%s at %i×%i: %f px', (rule, height, width, pixels) => {
    expect(boundaryTolerancePixels(rule, { height, width })).toBeCloseTo(pixels, 5);
  });

  test('the default is DAVIS', () => {
    expect(DEFAULT_BOUNDARY_TOLERANCE).toBe('davis2016');
    expect(BOUNDARY_TOLERANCE_RULES).toEqual(['davis2016', 'csurka2013']);
  });
});

describe('boundaryF1 with a rule', () => {
  // Class 1 from column `edge` on, class 0 left of it: one vertical edge.
  const split = (side: number, edge: number) => mask(side, side, (_, x) => (x >= edge ? 1 : 0));

  test('at 64×64 the default (1 px) no longer forgives an edge 2 px off; 2 px did', () => {
    // Truth: class 1's boundary is column 32, class 0's column 31. Prediction: columns 34 and 33.
    // Each predicted boundary pixel is exactly 2 px from the nearest true one of its class, and back.
    const truth = split(64, 32);
    const guess = split(64, 34);
    const shape = { height: 64, width: 64, classes: 2 };
    expect(boundaryF1(truth, guess, shape).meanF1).toBe(0);
    expect(boundaryF1(truth, guess, { ...shape, tolerancePixels: 2 }).meanF1).toBe(1);
  });

  test('at 128×128 Csurka (1.36 px) takes an edge 1 px off but not 2; DAVIS (2 px) takes both', () => {
    const truth = split(128, 64);
    const shape = { height: 128, width: 128, classes: 2 };
    expect(boundaryF1(truth, split(128, 65), { ...shape, tolerance: 'csurka2013' }).meanF1).toBe(1);
    expect(boundaryF1(truth, split(128, 66), { ...shape, tolerance: 'csurka2013' }).meanF1).toBe(0);
    expect(boundaryF1(truth, split(128, 66), shape).meanF1).toBe(1);
  });

  test('a rule and pixels together, or an unknown rule, are refused', () => {
    const one = { height: 1, width: 1, classes: 2 };
    expect(() => boundaryF1([0], [0], { ...one, tolerance: 'davis2016', tolerancePixels: 1 })).toThrowError(
      expect.objectContaining({ code: 'invalid_options', message: expect.stringMatching(/not both/) }),
    );
    expect(() => boundaryF1([0], [0], { ...one, tolerance: 'bsds' as 'davis2016' })).toThrowError(
      expect.objectContaining({ message: expect.stringMatching(/must be one of davis2016, csurka2013/) }),
    );
  });
});

describe('boundaryF1 honours the ignore label', () => {
  // 6×6: class 1 from column 3; the truth's pixel (0, 0) is void (255), and the prediction puts a
  // stray class-1 pixel there.
  const truth = mask(6, 6, (y, x) => (y === 0 && x === 0 ? 255 : x >= 3 ? 1 : 0));
  const guess = mask(6, 6, (y, x) => (y === 0 && x === 0 ? 1 : x >= 3 ? 1 : 0));
  const shape = { height: 6, width: 6, classes: 2, tolerancePixels: 0 };

  test('without it the stray pixel costs class 1 precision: 6/7, F1 12/13', () => {
    // Without an ignore label 255 is an ordinary class (a label past the last class is refused),
    // so this reads the masks with 256 classes.
    // Class 0: truth edge = column 2 (6 px) + (0, 1), (1, 0) (next to the 255 pixel); the
    // prediction's is the same 8 pixels (next to its class-1 pixel) → F1 1.
    // Class 1: truth edge = column 3 (6 px); predicted = column 3 + (0, 0) = 7 px → precision 6/7,
    // recall 1, F1 = 2·(6/7)·1 / (6/7 + 1) = 12/13.
    // Class 255: a true edge (the pixel itself) and no predicted one → 0. Classes 2-254: no
    // boundary in either mask, left out. Mean (1 + 12/13 + 0) / 3 = 25/39.
    const scores = boundaryF1(truth, guess, { ...shape, classes: 256 });
    expect(scores.perClass[0]).toBe(1);
    expect(scores.perClass[1]).toBeCloseTo(12 / 13, 12);
    expect(scores.perClass[255]).toBe(0);
    expect(scores.perClass.filter((f) => f !== null)).toHaveLength(3);
    expect(scores.meanF1).toBeCloseTo(25 / 39, 12);
  });

  test('with it, what is predicted on the void pixel is not scored: F1 1', () => {
    // (0, 0) leaves the predicted class-1 edge → column 3 only, as the truth's → F1 1. Class 0's
    // pixels next to the void one stay true edge pixels (VOC's void band lies on object edges).
    expect(boundaryF1(truth, guess, { ...shape, ignoreLabel: 255 }).perClass).toEqual([1, 1]);
  });
});

describe('an image with no boundary in either mask', () => {
  const zeros = mask(6, 6, () => 0);
  const ones = mask(6, 6, () => 1);
  const shape = { height: 6, width: 6, classes: 2 };

  test('scores NaN (no class has a score), even when its one class is the wrong one', () => {
    // The image border is not a boundary: one class everywhere has no boundary pixel at all.
    expect(boundaryF1(zeros, zeros, shape)).toEqual({ perClass: [null, null], meanF1: Number.NaN });
    expect(boundaryF1(zeros, ones, shape)).toEqual({ perClass: [null, null], meanF1: Number.NaN });
  });

  test('scorePredictedMasks leaves it out of the mean boundary F1 and says how many it scored', () => {
    // Image A: class 1 from column 3, predicted exactly → BF 1. Image B: all background, predicted
    // all class 1 → no boundary in either, BF NaN, dropped. Mean over 1 image: 1.
    // Pixels: A 36 right; B 0 right of 36 → accuracy 36/72 = 0.5. Background in the truth: A 18
    // (columns 0-2), B 36 → all-background accuracy 54/72 = 0.75. Classes predicted: 0 and 1.
    const imageA = mask(6, 6, (_, x) => (x >= 3 ? 1 : 0));
    const scores = scorePredictedMasks([...imageA, ...zeros], [...imageA, ...ones], { ...shape, count: 2 });
    expect(scores.boundaryF1).toBe(1);
    expect(scores.boundaryImages).toBe(1);
    expect(scores.pixelAccuracy).toBe(0.5);
    expect(scores.allBackgroundAccuracy).toBe(0.75);
    expect(scores.classesPredicted).toEqual([0, 1]);
  });

  describe('evaluateSegmenter drops it too', () => {
    beforeAll(async () => {
      await initBackend({ env: {}, wasmThreads: 1 }); // one thread in tests: see vitest.shared.ts
    });

    test('a model that answers background everywhere: BF over the one image with a boundary', () => {
      // A 1×1 conv with zero kernel and bias [1, 0]: logits (1, 0) at every pixel → class 0.
      const model = tfl.sequential({
        layers: [
          tfl.layers.conv2d({
            inputShape: [4, 4, 1],
            filters: 2,
            kernelSize: 1,
            kernelInitializer: 'zeros',
            biasInitializer: tfl.initializers.constant({ value: 0 }),
          }),
        ],
      });
      const bias = tf.tensor1d([1, 0]);
      model.layers[0]!.setWeights([model.layers[0]!.getWeights()[0]!, bias]);
      // Image 0: all background (no boundary either side → dropped). Image 1: a 2×2 class-1 square
      // at the bottom right; the prediction has no class-1 pixel → class 1 scores 0, and class 0
      // has a true boundary but no predicted one → 0: BF 0. Mean over the 1 image scored: 0 (had the
      // boundary-less image counted as 1, the mean would be 0.5; as 0, boundaryImages would be 2).
      const masks = Int32Array.from([
        ...mask(4, 4, () => 0),
        ...mask(4, 4, (y, x) => (y >= 2 && x >= 2 ? 1 : 0)),
      ]);
      const evaluation = evaluateSegmenter(
        model,
        { count: 2, height: 4, width: 4, images: new Float32Array(32), masks },
        { classes: 2 },
      );
      expect(evaluation.boundaryF1).toBe(0);
      expect(evaluation.boundaryImages).toBe(1);
      // 28 background pixels of 32, all predicted right; the 4 class-1 pixels wrong.
      expect(evaluation.pixelAccuracy).toBe(28 / 32);
      expect(evaluation.allBackgroundAccuracy).toBe(28 / 32);
      expect(evaluation.classesPredicted).toEqual([0]);
      bias.dispose();
      model.dispose();
    });
  });
});
