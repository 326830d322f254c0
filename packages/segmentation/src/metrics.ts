/*
 * Segmentation metrics from a confusion matrix, as torchvision's segmentation reference
 * (`references/segmentation/utils.py`, ConfusionMatrix) and segmentation_models.pytorch compute
 * them, plus the boundary F1 score of Csurka, Larlus, Perronnin ("What is a good evaluation measure
 * for semantic segmentation?", BMVC 2013). Pure: plain arrays, no TensorFlow.js.
 */
import { SegmentationError } from './errors';
import { optionKeys, rejectUnknownOptions } from './options';

/** A label map: one class index per pixel, row by row. */
export type LabelMap = ArrayLike<number>;

/** Height and width of a mask stored as a flat row-major array. */
export interface MaskShape {
  readonly height: number;
  readonly width: number;
}

/** Pixel counts by true and predicted class, as `confusionMatrix` returns them. */
export interface ConfusionMatrix {
  readonly classes: number;
  /** `counts[truth][predicted]`: pixels of class `truth` predicted as `predicted`. */
  readonly counts: readonly (readonly number[])[];
  /** Pixels left out because their ground truth is the ignore label. */
  readonly ignored: number;
}

/** Options of `confusionMatrix`. */
export interface ConfusionOptions {
  readonly classes: number;
  /** Ground-truth label that marks pixels to leave out (VOC's 255 "void"); default none. */
  readonly ignoreLabel?: number;
}

function checkLabel(value: number, classes: number, where: string, index: number) {
  if (!Number.isInteger(value) || value < 0 || value >= classes) {
    throw new SegmentationError(
      'invalid_options',
      `${where} label ${value} at pixel ${index}: must be an integer from 0 to ${classes - 1} (or the ignore label, in the ground truth)`,
      { where, index, value },
    );
  }
}

/** Counts pixels by (true class, predicted class). */
export function confusionMatrix(
  truth: LabelMap,
  predicted: LabelMap,
  options: ConfusionOptions,
): ConfusionMatrix {
  rejectUnknownOptions('confusionMatrix', options, optionKeys<ConfusionOptions>()('classes', 'ignoreLabel'));
  const { classes, ignoreLabel } = options;
  if (!Number.isInteger(classes) || classes < 1) {
    throw new SegmentationError('invalid_options', `classes ${classes}: must be a positive integer`);
  }
  if (truth.length !== predicted.length) {
    throw new SegmentationError(
      'invalid_options',
      `the ground truth has ${truth.length} pixels and the prediction ${predicted.length}: they must be the same size`,
    );
  }
  const counts = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  let ignored = 0;
  for (let i = 0; i < truth.length; i++) {
    const t = truth[i]!;
    if (t === ignoreLabel) {
      ignored++;
      continue;
    }
    const p = predicted[i]!;
    checkLabel(t, classes, 'ground-truth', i);
    checkLabel(p, classes, 'predicted', i);
    counts[t]![p]!++;
  }
  return { classes, counts, ignored };
}

/** Adds confusion matrices (e.g. one per image of a validation set). */
export function addConfusion(a: ConfusionMatrix, b: ConfusionMatrix): ConfusionMatrix {
  if (a.classes !== b.classes) {
    throw new SegmentationError(
      'invalid_options',
      `cannot add a ${a.classes}-class and a ${b.classes}-class confusion matrix`,
    );
  }
  return {
    classes: a.classes,
    counts: a.counts.map((row, t) => row.map((n, p) => n + b.counts[t]![p]!)),
    ignored: a.ignored + b.ignored,
  };
}

function perClass(
  matrix: ConfusionMatrix,
  score: (tp: number, fp: number, fn: number) => number,
): (number | null)[] {
  return matrix.counts.map((row, c) => {
    const tp = row[c]!;
    const fn = row.reduce((s, n) => s + n, 0) - tp;
    const fp = matrix.counts.reduce((s, r) => s + r[c]!, 0) - tp;
    // A class absent from both truth and prediction has no score (torchvision's NaN).
    return tp + fp + fn === 0 ? null : score(tp, fp, fn);
  });
}

const meanOf = (values: readonly (number | null)[]): number => {
  const present = values.filter((v): v is number => v !== null);
  return present.length === 0 ? Number.NaN : present.reduce((s, v) => s + v, 0) / present.length;
};

/** Pixel accuracy, IoU and Dice, as `scoresFromConfusion` computes them. */
export interface SegmentationScores {
  /** Correct pixels over all counted pixels. */
  readonly pixelAccuracy: number;
  /** TP / (TP + FP + FN) per class; `null` for a class absent from both masks. */
  readonly iou: readonly (number | null)[];
  /** Mean of the per-class IoUs that exist (torchvision's `nanmean`). */
  readonly meanIoU: number;
  /** 2·TP / (2·TP + FP + FN) per class (the F1 score of the pixels); `null` when absent. */
  readonly dice: readonly (number | null)[];
  readonly meanDice: number;
}

/** Pixel accuracy, per-class and mean IoU and Dice from a confusion matrix (a class absent from both masks gets `null`). */
export function scoresFromConfusion(matrix: ConfusionMatrix): SegmentationScores {
  let correct = 0;
  let total = 0;
  matrix.counts.forEach((row, t) => {
    row.forEach((n, p) => {
      total += n;
      if (t === p) correct += n;
    });
  });
  const iou = perClass(matrix, (tp, fp, fn) => tp / (tp + fp + fn));
  const dice = perClass(matrix, (tp, fp, fn) => (2 * tp) / (2 * tp + fp + fn));
  return {
    pixelAccuracy: total === 0 ? Number.NaN : correct / total,
    iou,
    meanIoU: meanOf(iou),
    dice,
    meanDice: meanOf(dice),
  };
}

/**
 * Pixels of the class that touch (4-neighbourhood) a pixel of another class inside the image;
 * the image border is not a boundary.
 */
export function boundaryPixels(labels: LabelMap, shape: MaskShape, label: number): number[] {
  const { height, width } = shape;
  const found: number[] = [];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (labels[i] !== label) continue;
      if (
        (y > 0 && labels[i - width] !== label) ||
        (y + 1 < height && labels[i + width] !== label) ||
        (x > 0 && labels[i - 1] !== label) ||
        (x + 1 < width && labels[i + 1] !== label)
      ) {
        found.push(i);
      }
    }
  }
  return found;
}

/** Share of `from` pixels with a `to` pixel within `tolerance` (Euclidean distance, in pixels). */
function matchedShare(
  from: readonly number[],
  to: readonly number[],
  shape: MaskShape,
  tolerance: number,
): number {
  const targets = new Set(to);
  const reach = Math.floor(tolerance);
  let matched = 0;
  for (const i of from) {
    const y = Math.floor(i / shape.width);
    const x = i % shape.width;
    search: for (let dy = -reach; dy <= reach; dy++) {
      for (let dx = -reach; dx <= reach; dx++) {
        if (dy * dy + dx * dx > tolerance * tolerance) continue;
        const yy = y + dy;
        const xx = x + dx;
        if (yy < 0 || yy >= shape.height || xx < 0 || xx >= shape.width) continue;
        if (targets.has(yy * shape.width + xx)) {
          matched++;
          break search;
        }
      }
    }
  }
  return matched / from.length;
}

/** Options of `boundaryF1`: the mask size, the number of classes and the tolerance. */
export interface BoundaryF1Options extends MaskShape {
  readonly classes: number;
  /** Distance in pixels within which a predicted boundary pixel counts as right (default 2). */
  readonly tolerancePixels?: number;
}

/** What `boundaryF1` returns: the F1 per class and their mean. */
export interface BoundaryScores {
  /** F1 of boundary precision and recall per class; `null` for a class with no boundary in either mask. */
  readonly perClass: readonly (number | null)[];
  /** Mean over the classes that have a score (Csurka et al.'s per-image BF score). */
  readonly meanF1: number;
}

/**
 * Boundary F1 (BF score): for each class, the boundary pixels of its predicted and true masks;
 * precision is the share of predicted boundary pixels within the tolerance of a true one, recall
 * the reverse, F1 their harmonic mean. It measures what IoU hardly sees: edges a pixel or two off.
 */
export function boundaryF1(truth: LabelMap, predicted: LabelMap, options: BoundaryF1Options): BoundaryScores {
  rejectUnknownOptions(
    'boundaryF1',
    options,
    optionKeys<BoundaryF1Options>()('height', 'width', 'classes', 'tolerancePixels'),
  );
  const { classes, height, width } = options;
  const tolerance = options.tolerancePixels ?? 2;
  if (!(tolerance >= 0) || !Number.isFinite(tolerance)) {
    throw new SegmentationError(
      'invalid_options',
      `tolerancePixels ${tolerance}: must be a non-negative number`,
    );
  }
  if (truth.length !== height * width || predicted.length !== height * width) {
    throw new SegmentationError(
      'invalid_options',
      `masks of ${truth.length} and ${predicted.length} pixels: both must have height × width = ${height * width}`,
    );
  }
  const perClassF1 = Array.from({ length: classes }, (_, c) => {
    const trueEdge = boundaryPixels(truth, options, c);
    const predictedEdge = boundaryPixels(predicted, options, c);
    if (trueEdge.length === 0 && predictedEdge.length === 0) return null;
    if (trueEdge.length === 0 || predictedEdge.length === 0) return 0;
    const precision = matchedShare(predictedEdge, trueEdge, options, tolerance);
    const recall = matchedShare(trueEdge, predictedEdge, options, tolerance);
    return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  });
  return { perClass: perClassF1, meanF1: meanOf(perClassF1) };
}
