/*
 * The metric rules of src/metrics.ts on plain arrays, one rule per test: refusals (as data), the
 * ignore label, adding matrices, the boundary definition at every side of a pixel and at the image
 * border, the published tolerance rules, and scorePredictedMasks over a set of masks. Every
 * expected number is counted by hand in the comments; the boundary F1 property compares with a
 * brute-force reading of the definition written here (all pairs of pixels, 2-D coordinates).
 * Fast (no TensorFlow.js), so mutation testing reruns it for every mutant (docs/mutation-testing.md).
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  addConfusion,
  BOUNDARY_TOLERANCE_RULES,
  boundaryF1,
  boundaryPixels,
  boundaryTolerancePixels,
  type ConfusionMatrix,
  confusionMatrix,
  DEFAULT_BOUNDARY_TOLERANCE,
  resolveBoundaryTolerance,
  scorePredictedMasks,
  scoresFromConfusion,
} from '../src/index';
import { refusal } from './refusal';

describe('confusionMatrix', () => {
  test('classes must be a positive integer; one class is allowed', () => {
    for (const classes of [0, -2, 1.5, Number.NaN]) {
      const error = refusal(() => confusionMatrix([0], [0], { classes }));
      expect(error.code).toBe('invalid_options');
      expect(error.message).toBe(`classes ${classes}: must be a positive integer`);
    }
    expect(confusionMatrix([0, 0], [0, 0], { classes: 1 })).toEqual({
      classes: 1,
      counts: [[2]],
      ignored: 0,
    });
  });

  test('masks of different sizes are refused, naming both sizes', () => {
    const error = refusal(() => confusionMatrix([0], [0, 0], { classes: 2 }));
    expect(error.code).toBe('invalid_options');
    expect(error.message).toBe(
      'the ground truth has 1 pixels and the prediction 2: they must be the same size',
    );
  });

  test('a misspelt option is refused', () => {
    const error = refusal(() => confusionMatrix([0], [0], { classes: 2, ignore: 255 } as never));
    expect(error.code).toBe('unknown_option');
    expect(error.details).toMatchObject({ where: 'confusionMatrix', unknownKeys: ['ignore'] });
  });

  test.each([
    // [truth, predicted, which mask, pixel, label]: classes 3, so 0, 1 and 2 are the labels allowed
    [[0, -1], [0, 0], 'ground-truth', 1, -1],
    [[0.5], [0], 'ground-truth', 0, 0.5],
    [[3], [0], 'ground-truth', 0, 3],
    [[0, 1, 2], [0, 1, 3], 'predicted', 2, 3],
    [[0], [-1], 'predicted', 0, -1],
    [[0], [Number.NaN], 'predicted', 0, Number.NaN],
  ])('refuses %j against %j: the %s label at pixel %i is %d', (truth, predicted, where, index, value) => {
    const error = refusal(() => confusionMatrix(truth, predicted, { classes: 3 }));
    expect(error.code).toBe('invalid_options');
    expect(error.message).toBe(
      `${where} label ${value} at pixel ${index}: must be an integer from 0 to 2 (or the ignore label, in the ground truth)`,
    );
    expect(error.details).toEqual({ where, index, value });
  });

  test('the edge labels 0 and classes − 1 are counted', () => {
    // truth 0 predicted 2, truth 2 predicted 0, truth 2 predicted 2
    expect(confusionMatrix([0, 2, 2], [2, 0, 2], { classes: 3 }).counts).toEqual([
      [0, 0, 1],
      [0, 0, 0],
      [1, 0, 1],
    ]);
  });

  test('the ignore label leaves a pixel out whatever is predicted there (even a label out of range)', () => {
    // pixels 0 and 3 are void; the others: truth 0 → 0, truth 1 → 0
    const matrix = confusionMatrix([255, 0, 1, 255], [9, 0, 0, 1], { classes: 2, ignoreLabel: 255 });
    expect(matrix).toEqual({
      classes: 2,
      counts: [
        [1, 0],
        [1, 0],
      ],
      ignored: 2,
    });
    // Without ignoreLabel, 255 is a ground-truth label like any other, and out of range.
    expect(refusal(() => confusionMatrix([255], [0], { classes: 2 })).message).toMatch(
      /^ground-truth label 255/,
    );
  });

  test('typed arrays count as plain arrays', () => {
    const matrix = confusionMatrix(Uint8Array.from([0, 1, 1]), Int32Array.from([1, 1, 0]), { classes: 2 });
    expect(matrix.counts).toEqual([
      [0, 1],
      [1, 1],
    ]);
  });
});

describe('addConfusion', () => {
  test('adds counts cell by cell and the ignored pixels', () => {
    // a: truth 0→0, 1→1, 1→0: [[1, 0], [1, 1]]; b: truth 1→1, void, 0→1: [[0, 1], [0, 1]], 1 ignored
    const a = confusionMatrix([0, 1, 1], [0, 1, 0], { classes: 2 });
    const b = confusionMatrix([1, 255, 0], [1, 0, 1], { classes: 2, ignoreLabel: 255 });
    expect(addConfusion(a, b)).toEqual({
      classes: 2,
      counts: [
        [1, 1],
        [1, 2],
      ],
      ignored: 1,
    });
    expect(addConfusion(b, b).ignored).toBe(2);
  });

  test('matrices of different class counts are refused', () => {
    const two = confusionMatrix([0], [0], { classes: 2 });
    const three = confusionMatrix([0], [0], { classes: 3 });
    const error = refusal(() => addConfusion(two, three));
    expect(error.code).toBe('invalid_options');
    expect(error.message).toBe('cannot add a 2-class and a 3-class confusion matrix');
  });
});

describe('scoresFromConfusion', () => {
  test('a class only predicted, or only true, scores 0 (not null)', () => {
    // truth [0, 0, 1], predicted [0, 2, 0]: class 0 TP 1, FP 1 (pixel 2), FN 1 (pixel 1);
    // class 1 TP 0, FN 1; class 2 TP 0, FP 1.
    const scores = scoresFromConfusion(confusionMatrix([0, 0, 1], [0, 2, 0], { classes: 3 }));
    expect(scores.pixelAccuracy).toBeCloseTo(1 / 3, 12);
    expect(scores.iou).toEqual([1 / 3, 0, 0]); // 1 / (1 + 1 + 1)
    expect(scores.dice).toEqual([2 / 4, 0, 0]); // 2 / (2 + 1 + 1)
    expect(scores.meanIoU).toBeCloseTo(1 / 9, 12);
    expect(scores.meanDice).toBeCloseTo(1 / 6, 12);
  });

  test('a class with one FP and one FN but no TP scores 0: it is present, so not null', () => {
    // truth [0, 1], predicted [1, 0]: each class TP 0, FP 1, FN 1 → IoU 0 / 2 = 0, Dice 0 / 2 = 0.
    const scores = scoresFromConfusion(confusionMatrix([0, 1], [1, 0], { classes: 2 }));
    expect(scores.iou).toEqual([0, 0]);
    expect(scores.dice).toEqual([0, 0]);
    expect(scores.meanIoU).toBe(0);
    expect(scores.pixelAccuracy).toBe(0);
  });

  test('the TP, FP and FN of a class come from its row and its column', () => {
    // counts[truth][predicted] = [[4, 2], [1, 3]]: class 0 TP 4, FN 2 (row), FP 1 (column):
    // IoU 4/7, Dice 8/11; class 1 TP 3, FN 1, FP 2: IoU 3/6, Dice 6/9.
    const matrix: ConfusionMatrix = {
      classes: 2,
      counts: [
        [4, 2],
        [1, 3],
      ],
      ignored: 0,
    };
    const scores = scoresFromConfusion(matrix);
    expect(scores.pixelAccuracy).toBeCloseTo(7 / 10, 12);
    expect(scores.iou[0]).toBeCloseTo(4 / 7, 12);
    expect(scores.iou[1]).toBeCloseTo(3 / 6, 12);
    expect(scores.dice[0]).toBeCloseTo(8 / 11, 12);
    expect(scores.dice[1]).toBeCloseTo(6 / 9, 12);
    expect(scores.meanDice).toBeCloseTo((8 / 11 + 6 / 9) / 2, 12);
  });

  test('no counted pixel: accuracy and the means are NaN, every class null', () => {
    const scores = scoresFromConfusion(confusionMatrix([255, 255], [0, 1], { classes: 2, ignoreLabel: 255 }));
    expect(scores.pixelAccuracy).toBeNaN();
    expect(scores.iou).toEqual([null, null]);
    expect(scores.dice).toEqual([null, null]);
    expect(scores.meanIoU).toBeNaN();
    expect(scores.meanDice).toBeNaN();
  });
});

describe('boundaryPixels (4-neighbourhood, the image border is no boundary)', () => {
  test('one pixel in the middle of 5×5: itself, and its four neighbours for the background', () => {
    const labels = new Array<number>(25).fill(0);
    labels[12] = 1; // (2, 2)
    expect(boundaryPixels(labels, { height: 5, width: 5 }, 1)).toEqual([12]);
    // Above (1, 2) = 7, left (2, 1) = 11, right (2, 3) = 13, below (3, 2) = 17; not the diagonals.
    expect(boundaryPixels(labels, { height: 5, width: 5 }, 0)).toEqual([7, 11, 13, 17]);
    expect(boundaryPixels(labels, { height: 5, width: 5 }, 2)).toEqual([]);
  });

  test('one class everywhere has no boundary', () => {
    expect(boundaryPixels([3, 3, 3, 3, 3, 3], { height: 2, width: 3 }, 3)).toEqual([]);
  });

  test("a row's first and last pixels do not see the previous or next row's ends", () => {
    // 3×3, columns 0 and 1 class 1, column 2 class 0: (1, 0) = 3 touches only class 1 inside the
    // image, although pixel 2 (the row before's last) is class 0. Boundaries: column 1 and column 2.
    const left = [1, 1, 0, 1, 1, 0, 1, 1, 0];
    expect(boundaryPixels(left, { height: 3, width: 3 }, 1)).toEqual([1, 4, 7]);
    expect(boundaryPixels(left, { height: 3, width: 3 }, 0)).toEqual([2, 5, 8]);
    // Mirrored: (1, 2) = 5 touches only class 1, although pixel 6 (the next row's first) is class 0.
    const right = [0, 1, 1, 0, 1, 1, 0, 1, 1];
    expect(boundaryPixels(right, { height: 3, width: 3 }, 1)).toEqual([1, 4, 7]);
    expect(boundaryPixels(right, { height: 3, width: 3 }, 0)).toEqual([0, 3, 6]);
  });

  test('a horizontal edge: the rows on either side of it', () => {
    // 3 rows × 2: row 0 class 0, rows 1 and 2 class 1.
    const labels = [0, 0, 1, 1, 1, 1];
    expect(boundaryPixels(labels, { height: 3, width: 2 }, 0)).toEqual([0, 1]);
    expect(boundaryPixels(labels, { height: 3, width: 2 }, 1)).toEqual([2, 3]);
  });
});

describe('boundary tolerance rules', () => {
  test.each([
    // [height, width, DAVIS ⌈0.008·d⌉, Csurka 0.0075·d]; the diagonals d are 5, 100, 150, 90.51, 181.02
    [3, 4, 1, 0.0375], // 0.04 rounds up to 1: never below one pixel
    [60, 80, 1, 0.75], // 0.8 → 1
    [90, 120, 2, 1.125], // 1.2 → 2
    [64, 64, 1, 0.6788225], // 0.7241 → 1
    [128, 128, 2, 1.357645], // 1.4482 → 2
    // DAVIS' steps: 1 px up to a 125 px diagonal, 2 px up to 250 px.
    [88, 88, 1, 0.9333809], // 124.45 px: 0.9956 → 1
    [89, 89, 2, 0.9439875], // 125.87 px: 1.0069 → 2
    [176, 176, 2, 1.8667619], // 248.90 px: 1.9912 → 2
    [177, 177, 3, 1.8773685], // 250.32 px: 2.0025 → 3
  ])('%i×%i: davis2016 %i px, csurka2013 %s px', (height, width, davis, csurka) => {
    expect(boundaryTolerancePixels('davis2016', { height, width })).toBe(davis);
    expect(boundaryTolerancePixels('csurka2013', { height, width })).toBeCloseTo(csurka, 6);
  });

  test('the rules and the default, as documented', () => {
    expect(BOUNDARY_TOLERANCE_RULES).toEqual(['davis2016', 'csurka2013']);
    expect(DEFAULT_BOUNDARY_TOLERANCE).toBe('davis2016');
  });

  test('an unknown rule is refused, listing the rules', () => {
    const error = refusal(() => boundaryTolerancePixels('bfscore' as never, { height: 4, width: 4 }));
    expect(error.code).toBe('invalid_options');
    expect(error.message).toBe('boundary tolerance rule "bfscore": must be one of davis2016, csurka2013');
  });

  test('resolveBoundaryTolerance: a rule, pixels, or the default rule (DAVIS)', () => {
    const shape = { height: 90, width: 120 }; // diagonal 150
    expect(resolveBoundaryTolerance({}, shape)).toBe(2);
    expect(resolveBoundaryTolerance({ tolerance: 'csurka2013' }, shape)).toBeCloseTo(1.125, 12);
    expect(resolveBoundaryTolerance({ tolerancePixels: 2.5 }, shape)).toBe(2.5);
    expect(resolveBoundaryTolerance({ tolerancePixels: 0 }, shape)).toBe(0);
  });

  test('resolveBoundaryTolerance refuses both at once, and pixels that are negative, NaN or infinite', () => {
    const shape = { height: 4, width: 4 };
    const both = refusal(() =>
      resolveBoundaryTolerance({ tolerance: 'davis2016', tolerancePixels: 1 }, shape),
    );
    expect(both.code).toBe('invalid_options');
    expect(both.message).toBe('tolerance "davis2016" and tolerancePixels 1: give one of them, not both');
    for (const pixels of [-1, -0.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      const error = refusal(() => resolveBoundaryTolerance({ tolerancePixels: pixels }, shape));
      expect(error.code).toBe('invalid_options');
      expect(error.message).toBe(`tolerancePixels ${pixels}: must be a non-negative number`);
    }
  });
});

describe('boundaryF1', () => {
  test('a misspelt option and masks of the wrong size are refused', () => {
    const masks = [0, 1, 0, 1];
    const options = { height: 2, width: 2, classes: 2 };
    expect(refusal(() => boundaryF1(masks, masks, { ...options, tolerence: 1 } as never)).code).toBe(
      'unknown_option',
    );
    for (const [truth, predicted] of [
      [[0, 1, 0], masks],
      [masks, [0, 1, 0, 1, 0]],
    ] as const) {
      const error = refusal(() => boundaryF1(truth, predicted, options));
      expect(error.code).toBe('invalid_options');
      expect(error.message).toBe(
        `masks of ${truth.length} and ${predicted.length} pixels: both must have height × width = 4`,
      );
    }
  });

  test('height, width and classes must be positive integers, each named; labels must be classes', () => {
    // Before these checks a height of −2 and a width of −2 matched a 4-pixel mask (−2 × −2 = 4),
    // and a label past the last class was silently left out of every class's boundary.
    const masks = [0, 1, 0, 1];
    for (const [option, value] of [
      ['height', -2],
      ['width', 1.5],
      ['classes', 0],
    ] as const) {
      const options = { height: 2, width: 2, classes: 2, [option]: value };
      if (option === 'height') Object.assign(options, { width: -2 });
      const error = refusal(() => boundaryF1(masks, masks, options));
      expect(error.code).toBe('invalid_options');
      expect(error.message).toBe(`${option} ${value}: must be a positive integer`);
      expect(error.details).toEqual({ option, value });
    }
    const outside = refusal(() => boundaryF1([0, 1, 0, 2], masks, { height: 2, width: 2, classes: 2 }));
    expect(outside.message).toBe(
      'ground-truth label 2 at pixel 3: must be an integer from 0 to 1 (or the ignore label, in the ground truth)',
    );
    const predicted = refusal(() => boundaryF1(masks, [0, 1, 7, 1], { height: 2, width: 2, classes: 2 }));
    expect(predicted.details).toEqual({ where: 'predicted', index: 2, value: 7 });
    // The ignore label is a ground-truth label only.
    expect(
      boundaryF1([0, 255, 0, 1], masks, { height: 2, width: 2, classes: 2, ignoreLabel: 255 }).perClass,
    ).toHaveLength(2);
    expect(
      refusal(() => boundaryF1(masks, [0, 255, 0, 1], { height: 2, width: 2, classes: 2, ignoreLabel: 255 }))
        .code,
    ).toBe('invalid_options');
  });

  test('the tolerance is the Euclidean distance: a diagonal step is √2 px', () => {
    // 3×3; class 1 is the middle pixel (1, 1) = 4 in the truth, the corner (2, 2) = 8 predicted.
    const truth = [0, 0, 0, 0, 1, 0, 0, 0, 0];
    const predicted = [0, 0, 0, 0, 0, 0, 0, 0, 1];
    const options = { height: 3, width: 3, classes: 2 };
    // Class 1: true edge {4}, predicted edge {8}: √2 apart.
    // Class 0: true edge {1, 3, 5, 7} (around 4), predicted edge {5, 7} (beside 8): precision 1;
    // recall: 1 = (0, 1) and 3 = (1, 0) are √2 from 5 = (1, 2) and 7 = (2, 1) respectively, so
    // recall 2/4 at tolerance 1, F1 (2 · 1 · 1/2) / (3/2) = 2/3; recall 1 at 1.5.
    const at1 = boundaryF1(truth, predicted, { ...options, tolerancePixels: 1 });
    expect(at1.perClass[0]).toBeCloseTo(2 / 3, 12);
    expect(at1.perClass[1]).toBe(0);
    expect(at1.meanF1).toBeCloseTo(1 / 3, 12);
    expect(boundaryF1(truth, predicted, { ...options, tolerancePixels: 1.5 }).perClass).toEqual([1, 1]);
  });

  test('a match must lie inside the image, not across the row wrap', () => {
    // 2×3. Class 1: truth at (0, 2) = pixel 2, predicted at (1, 0) = pixel 3: adjacent indices, but
    // (dy 1, dx −2) apart, √5 px. At tolerance 1 neither edge pixel has a match.
    const truth = [0, 0, 1, 0, 0, 0];
    const predicted = [0, 0, 0, 1, 0, 0];
    const scores = boundaryF1(truth, predicted, { height: 2, width: 3, classes: 2, tolerancePixels: 1 });
    expect(scores.perClass[1]).toBe(0);
  });

  test('a tolerance rule is accepted as an option: Csurka on 6×6 is 0.0636 px, exact matches only', () => {
    // diagonal 6√2 = 8.485 px; 0.75 % of it is below a pixel. DAVIS would give 1 px (F1 1 here).
    const mask = (edge: number) => Array.from({ length: 36 }, (_, i) => (i % 6 >= edge ? 1 : 0));
    const options = { height: 6, width: 6, classes: 2 };
    expect(boundaryF1(mask(3), mask(4), { ...options, tolerance: 'csurka2013' }).meanF1).toBe(0);
    expect(boundaryF1(mask(3), mask(4), { ...options, tolerance: 'davis2016' }).meanF1).toBe(1);
    const error = refusal(() => boundaryF1(mask(3), mask(4), { ...options, tol: 1 } as never));
    expect(error.details).toMatchObject({ where: 'boundaryF1', unknownKeys: ['tol'] });
  });

  test('an edge only in the prediction scores 0, as one only in the truth', () => {
    // 3×3, truth all class 0 (no boundary); predicted class 1 in the corner (0, 0): predicted edges
    // class 1 {0}, class 0 {1, 3}; no true edge → precision undefined, the class scores 0.
    const scores = boundaryF1([0, 0, 0, 0, 0, 0, 0, 0, 0], [1, 0, 0, 0, 0, 0, 0, 0, 0], {
      height: 3,
      width: 3,
      classes: 2,
    });
    expect(scores.perClass).toEqual([0, 0]);
    expect(scores.meanF1).toBe(0);
  });

  test('the default tolerance is DAVIS: 1 px on a 6×6 image', () => {
    const mask = (edge: number) => Array.from({ length: 36 }, (_, i) => (i % 6 >= edge ? 1 : 0));
    expect(boundaryF1(mask(3), mask(4), { height: 6, width: 6, classes: 2 }).meanF1).toBe(1);
    expect(boundaryF1(mask(3), mask(5), { height: 6, width: 6, classes: 2 }).meanF1).toBe(0);
  });

  test('the ignore label: an edge predicted where the truth is void is not scored', () => {
    // 4×4, truth: pixel 0 void (255), rows 0-1 otherwise class 0, rows 2-3 class 1.
    // predicted: pixel 0 class 1, the rest as the truth.
    const truth = [255, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1];
    const predicted = [1, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1];
    const options = { height: 4, width: 4, classes: 2, tolerancePixels: 0 };
    // Class 0, both masks: 1 (next to pixel 0), 4 (below it) and 5, 6, 7 (above row 2): F1 1.
    // Class 1: true edge 8-11; predicted edge 0 and 8-11. With the ignore label pixel 0 is left out:
    // F1 1. Without it, precision 4/5, recall 1: F1 (2 · 4/5) / (9/5) = 8/9.
    expect(boundaryF1(truth, predicted, { ...options, ignoreLabel: 255 }).perClass).toEqual([1, 1]);
    // Without an ignore label 255 is an ordinary class (so 256 classes; a label past the last class
    // is refused), and pixel 0 is scored.
    const unignored = boundaryF1(truth, predicted, { ...options, classes: 256 });
    expect(unignored.perClass[0]).toBe(1);
    expect(unignored.perClass[1]).toBeCloseTo(8 / 9, 12);
  });

  test('a void band: the true edge beside it is still scored', () => {
    // 1×4: truth 0, 255, 1, 1; predicted 0, 0, 1, 1. True edges: class 0 {0} (next to the void),
    // class 1 {2}. Predicted: class 0 {1}, left out (void in the truth); class 1 {2}.
    // Class 0: a true edge and no scored predicted one → 0; class 1 → 1.
    const scores = boundaryF1([0, 255, 1, 1], [0, 0, 1, 1], {
      height: 1,
      width: 4,
      classes: 2,
      tolerancePixels: 1,
      ignoreLabel: 255,
    });
    expect(scores.perClass).toEqual([0, 1]);
    expect(scores.meanF1).toBe(0.5);
  });

  test('no boundary in either mask: null per class, NaN mean (even for two different classes)', () => {
    const scores = boundaryF1([0, 0, 0, 0], [1, 1, 1, 1], { height: 2, width: 2, classes: 2 });
    expect(scores.perClass).toEqual([null, null]);
    expect(scores.meanF1).toBeNaN();
  });

  /** The definition read literally: 2-D coordinates, all pairs of edge pixels, no search window. */
  function bruteForceF1(
    truth: readonly number[],
    predicted: readonly number[],
    height: number,
    width: number,
    classes: number,
    tolerance: number,
    ignoreLabel: number,
  ): (number | null)[] {
    const at = (labels: readonly number[], y: number, x: number) => labels[y * width + x];
    const edge = (labels: readonly number[], c: number) => {
      const points: [number, number][] = [];
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
          if (at(labels, y, x) !== c || at(truth, y, x) === ignoreLabel) continue;
          const neighbours = [
            [y - 1, x],
            [y + 1, x],
            [y, x - 1],
            [y, x + 1],
          ].filter(([ny, nx]) => ny! >= 0 && ny! < height && nx! >= 0 && nx! < width);
          if (neighbours.some(([ny, nx]) => at(labels, ny!, nx!) !== c)) points.push([y, x]);
        }
      }
      return points;
    };
    const share = (from: [number, number][], to: [number, number][]) =>
      from.filter(([y, x]) => to.some(([v, u]) => Math.hypot(y - v, x - u) <= tolerance)).length /
      from.length;
    return Array.from({ length: classes }, (_, c) => {
      const t = edge(truth, c);
      const p = edge(predicted, c);
      if (t.length === 0 && p.length === 0) return null;
      if (t.length === 0 || p.length === 0) return 0;
      const precision = share(p, t);
      const recall = share(t, p);
      return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    });
  }

  test('agrees with the definition computed over all pairs of pixels (random masks)', () => {
    const IGNORE = 9;
    const case_ = fc
      .record({
        height: fc.integer({ min: 1, max: 6 }),
        width: fc.integer({ min: 1, max: 6 }),
        tolerance: fc.constantFrom(0, 1, 1.5, 2, 2.9),
        ignore: fc.boolean(),
      })
      .chain(({ height, width, tolerance, ignore }) =>
        fc.record({
          height: fc.constant(height),
          width: fc.constant(width),
          tolerance: fc.constant(tolerance),
          ignore: fc.constant(ignore),
          truth: fc.array(fc.constantFrom(0, 1, 2, ...(ignore ? [IGNORE] : [])), {
            minLength: height * width,
            maxLength: height * width,
          }),
          predicted: fc.array(fc.constantFrom(0, 1, 2), {
            minLength: height * width,
            maxLength: height * width,
          }),
        }),
      );
    fc.assert(
      fc.property(case_, ({ height, width, tolerance, ignore, truth, predicted }) => {
        const scores = boundaryF1(truth, predicted, {
          height,
          width,
          classes: 3,
          tolerancePixels: tolerance,
          ...(ignore ? { ignoreLabel: IGNORE } : {}),
        });
        const expected = bruteForceF1(
          truth,
          predicted,
          height,
          width,
          3,
          tolerance,
          ignore ? IGNORE : Number.NaN,
        );
        expected.forEach((f1, c) => {
          if (f1 === null) expect(scores.perClass[c]).toBeNull();
          else expect(scores.perClass[c]).toBeCloseTo(f1, 12);
        });
      }),
      { seed: 17, numRuns: 300 },
    );
  });
});

describe('scorePredictedMasks', () => {
  // Three 2×3 masks, classes 4, ignore label 255 (counted by hand):
  //   A truth 0 0 1 / 0 0 1, predicted 0 1 1 / 0 0 1: (0,0)×3, (0,1)×1, (1,1)×2
  //   B truth and predicted 2 everywhere: (2,2)×6, no boundary in either (left out of the BF mean)
  //   C truth 0 0 0 / void void 0, predicted 0 0 0 / 3 3 0: (0,0)×4; 2 ignored (class 3 predicted
  //     only on void pixels: not "predicted" on a counted pixel)
  const truth = [0, 0, 1, 0, 0, 1, 2, 2, 2, 2, 2, 2, 0, 0, 0, 255, 255, 0];
  const predicted = [0, 1, 1, 0, 0, 1, 2, 2, 2, 2, 2, 2, 0, 0, 0, 3, 3, 0];
  const options = { count: 3, height: 2, width: 3, classes: 4, ignoreLabel: 255 };

  test('count, height, width and classes must be positive integers, each named', () => {
    for (const [option, value] of [
      ['count', 0],
      ['height', 2.5],
      ['width', -3],
      ['classes', Number.NaN],
    ] as const) {
      const error = refusal(() => scorePredictedMasks(truth, predicted, { ...options, [option]: value }));
      expect(error.code).toBe('invalid_options');
      expect(error.message).toBe(`${option} ${value}: must be a positive integer`);
    }
  });

  test('one confusion matrix over every mask, and the scores from it', () => {
    const scores = scorePredictedMasks(truth, predicted, { ...options, tolerancePixels: 0 });
    expect(scores.confusion).toEqual({
      classes: 4,
      counts: [
        [7, 1, 0, 0],
        [0, 2, 0, 0],
        [0, 0, 6, 0],
        [0, 0, 0, 0],
      ],
      ignored: 2,
    });
    expect(scores.pixelAccuracy).toBeCloseTo(15 / 16, 12);
    expect(scores.allBackgroundAccuracy).toBeCloseTo(8 / 16, 12); // 8 true-background pixels of 16
    // IoU: class 0 7/(7+0+1), class 1 2/(2+1+0), class 2 6/6, class 3 absent
    expect(scores.iou[0]).toBeCloseTo(7 / 8, 12);
    expect(scores.iou[1]).toBeCloseTo(2 / 3, 12);
    expect(scores.iou[2]).toBe(1);
    expect(scores.iou[3]).toBeNull();
    expect(scores.meanIoU).toBeCloseTo((7 / 8 + 2 / 3 + 1) / 3, 12);
    // Dice: 14/15, 4/5, 1
    expect(scores.meanDice).toBeCloseTo((14 / 15 + 4 / 5 + 1) / 3, 12);
    expect(scores.classesPredicted).toEqual([0, 1, 2]);
  });

  test('boundary F1 per mask, averaged over the masks with a boundary', () => {
    // At tolerance 0. A: class 0 true edge {1, 4}, predicted {0, 4}: P = R = 1/2, F1 1/2;
    //   class 1 true {2, 5}, predicted {1, 5}: F1 1/2. Mean 1/2.
    // B: no boundary, left out. C: class 0 true and predicted {0, 1, 5}: F1 1; the predicted class-3
    //   edge {3, 4} lies on void pixels and is not scored. Mean 1.
    // Over A and C: (1/2 + 1) / 2 = 3/4.
    const scores = scorePredictedMasks(truth, predicted, { ...options, tolerancePixels: 0 });
    expect(scores.boundaryImages).toBe(2);
    expect(scores.boundaryF1).toBeCloseTo(3 / 4, 12);
    // With no tolerance given, DAVIS' rule on a 2×3 mask gives 1 px: A's edges match, F1 1.
    expect(scorePredictedMasks(truth, predicted, options).boundaryF1).toBe(1);
    // Csurka's 0.75 % of the diagonal is below a pixel here: exact matches only, as at 0.
    expect(
      scorePredictedMasks(truth, predicted, { ...options, tolerance: 'csurka2013' }).boundaryF1,
    ).toBeCloseTo(3 / 4, 12);
  });

  test('typed arrays give the same scores as plain arrays', () => {
    const plain = scorePredictedMasks(truth, predicted, { ...options, tolerancePixels: 0 });
    const typed = scorePredictedMasks(Int32Array.from(truth), Uint8Array.from(predicted), {
      ...options,
      tolerancePixels: 0,
    });
    expect(typed).toEqual(plain);
  });

  test('without an ignore label every pixel counts', () => {
    // A alone: 6 pixels, 5 correct, 4 true background.
    const scores = scorePredictedMasks(truth.slice(0, 6), predicted.slice(0, 6), {
      count: 1,
      height: 2,
      width: 3,
      classes: 2,
      tolerancePixels: 0,
    });
    expect(scores.confusion.ignored).toBe(0);
    expect(scores.pixelAccuracy).toBeCloseTo(5 / 6, 12);
    expect(scores.allBackgroundAccuracy).toBeCloseTo(4 / 6, 12);
    expect(scores.boundaryF1).toBeCloseTo(1 / 2, 12);
    expect(scores.boundaryImages).toBe(1);
  });

  test('nothing counted: NaN accuracies and boundary F1, no image scored, no class predicted', () => {
    const scores = scorePredictedMasks([255, 255], [0, 1], {
      count: 1,
      height: 1,
      width: 2,
      classes: 2,
      ignoreLabel: 255,
    });
    expect(scores.pixelAccuracy).toBeNaN();
    expect(scores.allBackgroundAccuracy).toBeNaN();
    expect(scores.boundaryF1).toBeNaN();
    expect(scores.boundaryImages).toBe(0);
    expect(scores.classesPredicted).toEqual([]);
  });

  test('masks of the wrong size and misspelt options are refused', () => {
    for (const [t, p] of [
      [truth.slice(1), predicted],
      [truth, predicted.slice(1)],
    ] as const) {
      const error = refusal(() => scorePredictedMasks(t, p, options));
      expect(error.code).toBe('invalid_options');
      expect(error.message).toBe(
        `masks of ${t.length} and ${p.length} pixels: both must have count × height × width = 18`,
      );
    }
    const error = refusal(() =>
      scorePredictedMasks(truth, predicted, { ...options, tolerance_pixels: 1 } as never),
    );
    expect(error.code).toBe('unknown_option');
    expect(error.details).toMatchObject({ where: 'scorePredictedMasks', unknownKeys: ['tolerance_pixels'] });
  });
});
