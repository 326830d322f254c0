import { describe, expect, test } from 'vitest';
import {
  boundaryF1,
  boundaryPixels,
  confusionMatrix,
  SegmentationError,
  scoresFromConfusion,
} from '../src/index';

// Hand-made 4×4 masks; every figure below is counted by hand in the comments.
const truth = [0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 2, 2, 2, 2];
const predicted = [0, 0, 0, 1, 0, 0, 1, 1, 0, 1, 1, 1, 2, 2, 1, 2];

describe('confusion matrix and the scores it gives', () => {
  test('counts[truth][predicted]', () => {
    // truth 0 (6 px): 5 predicted 0, 1 predicted 1 (row 2, col 1)
    // truth 1 (6 px): 1 predicted 0 (row 0, col 2), 5 predicted 1
    // truth 2 (4 px): 3 predicted 2, 1 predicted 1 (row 3, col 2)
    expect(confusionMatrix(truth, predicted, { classes: 3 }).counts).toEqual([
      [5, 1, 0],
      [1, 5, 0],
      [0, 1, 3],
    ]);
  });

  test('pixel accuracy, IoU and Dice per class', () => {
    const scores = scoresFromConfusion(confusionMatrix(truth, predicted, { classes: 3 }));
    expect(scores.pixelAccuracy).toBeCloseTo(13 / 16, 12);
    // IoU = TP / (TP + FP + FN): class 0 5/(5+1+1), class 1 5/(5+2+1), class 2 3/(3+0+1)
    expect(scores.iou[0]).toBeCloseTo(5 / 7, 12);
    expect(scores.iou[1]).toBeCloseTo(5 / 8, 12);
    expect(scores.iou[2]).toBeCloseTo(3 / 4, 12);
    expect(scores.meanIoU).toBeCloseTo((5 / 7 + 5 / 8 + 3 / 4) / 3, 12);
    // Dice = 2TP / (2TP + FP + FN): 10/12, 10/13, 6/7
    expect(scores.dice[0]).toBeCloseTo(10 / 12, 12);
    expect(scores.dice[1]).toBeCloseTo(10 / 13, 12);
    expect(scores.dice[2]).toBeCloseTo(6 / 7, 12);
  });

  test('ignored pixels leave every count; a class absent from both masks has no score', () => {
    const ignoredTruth = [...truth];
    ignoredTruth[9] = 255; // the truth-0 pixel predicted 1
    const matrix = confusionMatrix(ignoredTruth, predicted, { classes: 4, ignoreLabel: 255 });
    expect(matrix.ignored).toBe(1);
    const scores = scoresFromConfusion(matrix);
    expect(scores.pixelAccuracy).toBeCloseTo(13 / 15, 12);
    expect(scores.iou[0]).toBeCloseTo(5 / 6, 12); // the error at pixel 9 is gone
    expect(scores.iou[3]).toBeNull();
    expect(scores.meanIoU).toBeCloseTo((5 / 6 + 5 / 7 + 3 / 4) / 3, 12);
  });

  test('labels outside the classes and masks of different sizes are refused', () => {
    expect(() => confusionMatrix([0, 3], [0, 0], { classes: 3 })).toThrowError(
      /ground-truth label 3 at pixel 1: must be an integer from 0 to 2/,
    );
    expect(() => confusionMatrix([0], [0, 0], { classes: 3 })).toThrowError(SegmentationError);
  });
});

describe('boundary F1', () => {
  const shape = { height: 6, width: 6 };
  const mask = (rule: (y: number, x: number) => number) =>
    Array.from({ length: 36 }, (_, i) => rule(Math.floor(i / 6), i % 6));
  const edgeAt3 = mask((_, x) => (x >= 3 ? 1 : 0));

  test('boundary pixels touch another class inside the image (the image border is no boundary)', () => {
    // Class 1 from column 3: its boundary is column 3, class 0's is column 2.
    expect(boundaryPixels(edgeAt3, shape, 1)).toEqual([3, 9, 15, 21, 27, 33]);
    expect(boundaryPixels(edgeAt3, shape, 0)).toEqual([2, 8, 14, 20, 26, 32]);
  });

  test('an edge one pixel off scores 0 at tolerance 0 and 1 at tolerance 1', () => {
    const edgeAt4 = mask((_, x) => (x >= 4 ? 1 : 0));
    expect(boundaryF1(edgeAt3, edgeAt4, { ...shape, classes: 2, tolerancePixels: 0 }).meanF1).toBe(0);
    expect(boundaryF1(edgeAt3, edgeAt4, { ...shape, classes: 2, tolerancePixels: 1 }).meanF1).toBe(1);
    expect(boundaryF1(edgeAt3, edgeAt3, { ...shape, classes: 2, tolerancePixels: 0 }).meanF1).toBe(1);
  });

  test('a notch: precision 6/7, recall 1, F1 12/13 for each class at tolerance 1', () => {
    // As edgeAt3, but row 0 is class 1 only from column 5.
    // Predicted class-1 boundary: (1..5, 3), (1, 4), (0, 5): 7 pixels; (0, 5) is 2 px from the true
    // edge, the others within 1 → precision 6/7. Every true edge pixel has a predicted one within 1.
    // Class 0 likewise: (1..5, 2), (0, 3), (0, 4); (0, 4) is 2 px away → 6/7, recall 1.
    const notched = mask((y, x) => (y === 0 ? (x >= 5 ? 1 : 0) : x >= 3 ? 1 : 0));
    const scores = boundaryF1(edgeAt3, notched, { ...shape, classes: 2, tolerancePixels: 1 });
    expect(scores.perClass[0]).toBeCloseTo(12 / 13, 12);
    expect(scores.perClass[1]).toBeCloseTo(12 / 13, 12);
    expect(scores.meanF1).toBeCloseTo(12 / 13, 12);
  });

  test('a class with an edge in one mask only scores 0; one with none in either has no score', () => {
    const allZero = mask(() => 0);
    const scores = boundaryF1(edgeAt3, allZero, { ...shape, classes: 3 });
    expect(scores.perClass).toEqual([0, 0, null]);
  });
});
