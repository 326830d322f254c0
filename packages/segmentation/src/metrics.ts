/*
 * Segmentation metrics from a confusion matrix, as torchvision's segmentation reference
 * (`references/segmentation/utils.py`, ConfusionMatrix) and segmentation_models.pytorch compute
 * them, plus the boundary F1 score of Csurka, Larlus, Perronnin ("What is a good evaluation measure
 * for semantic segmentation?", BMVC 2013). Pure: plain arrays, no TensorFlow.js.
 *
 * The mean over classes leaves out a class absent from both masks: that is the FCN reference's
 * convention (shelhamer/fcn.berkeleyvision.org `score.py`: `np.nanmean(iu)`), not torchvision's,
 * whose `iu.mean()` returns NaN as soon as one class is absent.
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

/** Refuses a count, size or class number that is not a positive integer, naming the option. */
function checkPositiveIntegers(values: Readonly<Record<string, number>>) {
  for (const [name, value] of Object.entries(values)) {
    if (!Number.isInteger(value) || value < 1) {
      throw new SegmentationError('invalid_options', `${name} ${value}: must be a positive integer`, {
        option: name,
        value,
      });
    }
  }
}

/** Refuses a label outside 0…classes − 1 (the ignore label is allowed in the ground truth only). */
function checkLabels(truth: LabelMap, predicted: LabelMap, classes: number, ignoreLabel: number | undefined) {
  for (let i = 0; i < truth.length; i++) {
    const t = truth[i]!;
    if (t !== ignoreLabel) checkLabel(t, classes, 'ground-truth', i);
    checkLabel(predicted[i]!, classes, 'predicted', i);
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
  checkPositiveIntegers({ classes });
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
    // A class absent from both truth and prediction has no score: 0/0, NaN in the FCN reference's
    // score.py, which then leaves it out of the mean with np.nanmean.
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
  /**
   * Mean of the per-class IoUs that exist: a class absent from both masks is left out, as the FCN
   * reference's `score.py` (`np.nanmean`); torchvision's `iu.mean()` would give NaN instead.
   */
  readonly meanIoU: number;
  /** 2·TP / (2·TP + FP + FN) per class (the F1 score of the pixels); `null` when absent. */
  readonly dice: readonly (number | null)[];
  /** Mean of the per-class Dice scores that exist (absent classes left out, as `meanIoU`). */
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

/**
 * The published rules for boundary F1's distance tolerance, each a fraction of the image diagonal:
 * - `'davis2016'`: ⌈0.008 · diagonal⌉ pixels, as the DAVIS benchmark's `f_boundary`
 *   (Perazzi et al., CVPR 2016; `bound_th = 0.008`, `bound_pix = ceil(bound_th · ‖shape‖)`): never
 *   below 1 px, so 1 px up to a 125 px diagonal (88×88 images), 2 px up to 250 px (176×176).
 * - `'csurka2013'`: 0.75 % of the diagonal, not rounded, as Csurka et al. (BMVC 2013) and MATLAB's
 *   `bfscore` default: below 1 px (exact matches only) up to about 94×94 images.
 */
export const BOUNDARY_TOLERANCE_RULES = ['davis2016', 'csurka2013'] as const;
/** One of `BOUNDARY_TOLERANCE_RULES`. */
export type BoundaryToleranceRule = (typeof BOUNDARY_TOLERANCE_RULES)[number];
/** The tolerance rule `boundaryF1`, `evaluateSegmenter` and `compareSegmenters` use by default. */
export const DEFAULT_BOUNDARY_TOLERANCE: BoundaryToleranceRule = 'davis2016';

/** The tolerance in pixels that a published rule gives for an image of this size. */
export function boundaryTolerancePixels(rule: BoundaryToleranceRule, shape: MaskShape): number {
  const diagonal = Math.hypot(shape.height, shape.width);
  switch (rule) {
    case 'davis2016':
      return Math.ceil(0.008 * diagonal);
    case 'csurka2013':
      return 0.0075 * diagonal;
    default:
      throw new SegmentationError(
        'invalid_options',
        `boundary tolerance rule ${JSON.stringify(rule)}: must be one of ${BOUNDARY_TOLERANCE_RULES.join(', ')}`,
      );
  }
}

/** How far a boundary pixel may be from its match: a published rule, or pixels. */
export interface BoundaryToleranceOptions {
  /**
   * A published rule, scaled to the image (default `'davis2016'`: ⌈0.008 · diagonal⌉ px, 1 px at
   * 64×64, 2 px at 128×128). Give this or `tolerancePixels`, not both.
   */
  readonly tolerance?: BoundaryToleranceRule;
  /** A fixed distance in pixels (Euclidean) instead of a rule. */
  readonly tolerancePixels?: number;
}

/** Resolves `tolerance` / `tolerancePixels` to pixels for an image of this size. */
export function resolveBoundaryTolerance(options: BoundaryToleranceOptions, shape: MaskShape): number {
  if (options.tolerance !== undefined && options.tolerancePixels !== undefined) {
    throw new SegmentationError(
      'invalid_options',
      `tolerance ${JSON.stringify(options.tolerance)} and tolerancePixels ${options.tolerancePixels}: give one of them, not both`,
    );
  }
  if (options.tolerancePixels !== undefined) {
    const pixels = options.tolerancePixels;
    if (!(pixels >= 0) || !Number.isFinite(pixels)) {
      throw new SegmentationError(
        'invalid_options',
        `tolerancePixels ${pixels}: must be a non-negative number`,
      );
    }
    return pixels;
  }
  return boundaryTolerancePixels(options.tolerance ?? DEFAULT_BOUNDARY_TOLERANCE, shape);
}

/** Options of `boundaryF1`: the mask size, the number of classes, the tolerance and the ignore label. */
export interface BoundaryF1Options extends MaskShape, BoundaryToleranceOptions {
  readonly classes: number;
  /**
   * Ground-truth label of pixels to leave out (VOC's 255): such a pixel is no boundary pixel of
   * either mask, so what is predicted there is not scored. A true class's pixel next to one still
   * is a true boundary pixel (VOC's void band lies along the objects' edges). Default none.
   */
  readonly ignoreLabel?: number;
}

/** What `boundaryF1` returns: the F1 per class and their mean. */
export interface BoundaryScores {
  /** F1 of boundary precision and recall per class; `null` for a class with no boundary in either mask. */
  readonly perClass: readonly (number | null)[];
  /**
   * Mean over the classes that have a score (Csurka et al.'s per-image BF score). NaN when no class
   * has a boundary in either mask, e.g. both masks one class everywhere (the image border is not a
   * boundary) — even two different classes: boundary F1 does not see that error, pixel accuracy does.
   */
  readonly meanF1: number;
}

/**
 * Boundary F1 (BF score): for each class, the boundary pixels of its predicted and true masks;
 * precision is the share of predicted boundary pixels within the tolerance of a true one, recall
 * the reverse, F1 their harmonic mean. It measures what IoU hardly sees: edges a pixel or two off.
 * The tolerance defaults to DAVIS' ⌈0.008 · diagonal⌉ pixels (see `BOUNDARY_TOLERANCE_RULES`). A
 * class with a boundary in one mask only scores 0; with none in either, `null` (left out of the mean).
 */
export function boundaryF1(truth: LabelMap, predicted: LabelMap, options: BoundaryF1Options): BoundaryScores {
  rejectUnknownOptions(
    'boundaryF1',
    options,
    optionKeys<BoundaryF1Options>()(
      'height',
      'width',
      'classes',
      'tolerance',
      'tolerancePixels',
      'ignoreLabel',
    ),
  );
  const { classes, height, width, ignoreLabel } = options;
  checkPositiveIntegers({ height, width, classes });
  const tolerance = resolveBoundaryTolerance(options, options);
  if (truth.length !== height * width || predicted.length !== height * width) {
    throw new SegmentationError(
      'invalid_options',
      `masks of ${truth.length} and ${predicted.length} pixels: both must have height × width = ${height * width}`,
    );
  }
  // A label past the last class would otherwise be silently left out of every class's boundary.
  checkLabels(truth, predicted, classes, ignoreLabel);
  const scored = (edge: number[]) =>
    ignoreLabel === undefined ? edge : edge.filter((i) => truth[i] !== ignoreLabel);
  const perClassF1 = Array.from({ length: classes }, (_, c) => {
    const trueEdge = scored(boundaryPixels(truth, options, c));
    const predictedEdge = scored(boundaryPixels(predicted, options, c));
    if (trueEdge.length === 0 && predictedEdge.length === 0) return null;
    if (trueEdge.length === 0 || predictedEdge.length === 0) return 0;
    const precision = matchedShare(predictedEdge, trueEdge, options, tolerance);
    const recall = matchedShare(trueEdge, predictedEdge, options, tolerance);
    return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  });
  return { perClass: perClassF1, meanF1: meanOf(perClassF1) };
}

/** Options of `scorePredictedMasks`: how many masks, their size, the classes, tolerance and ignore label. */
export interface MaskSetOptions extends MaskShape, BoundaryToleranceOptions {
  /** Number of masks in each array (`[count, height, width]`, row-major). */
  readonly count: number;
  readonly classes: number;
  readonly ignoreLabel?: number;
}

/** What `scorePredictedMasks` returns for a set of masks. */
export interface MaskSetScores {
  /** One confusion matrix over all pixels of all masks. */
  readonly confusion: ConfusionMatrix;
  readonly pixelAccuracy: number;
  /**
   * The pixel accuracy of predicting class 0 (background) everywhere: its share of the counted
   * pixels. A model at this accuracy has learned nothing a constant answer would not give.
   */
  readonly allBackgroundAccuracy: number;
  readonly iou: readonly (number | null)[];
  readonly meanIoU: number;
  readonly meanDice: number;
  /** The classes predicted on at least one counted pixel, ascending. */
  readonly classesPredicted: readonly number[];
  /**
   * Mean over masks of each one's boundary F1 (Csurka et al.'s per-image BF, averaged). A mask
   * pair with no boundary in either (BF NaN) is left out of the mean: `boundaryImages` says how
   * many were scored; NaN when none was.
   */
  readonly boundaryF1: number;
  /** The masks whose boundary F1 entered the mean. */
  readonly boundaryImages: number;
}

/**
 * Scores predicted masks against the truth: one confusion matrix over every pixel (pixel accuracy,
 * IoU, Dice, the all-background baseline, the classes predicted), and boundary F1 per mask, then
 * averaged over the masks that have a boundary. Pure; `evaluateSegmenter` calls it after predicting.
 */
export function scorePredictedMasks(
  truth: LabelMap,
  predicted: LabelMap,
  options: MaskSetOptions,
): MaskSetScores {
  rejectUnknownOptions(
    'scorePredictedMasks',
    options,
    optionKeys<MaskSetOptions>()(
      'count',
      'height',
      'width',
      'classes',
      'tolerance',
      'tolerancePixels',
      'ignoreLabel',
    ),
  );
  const { count, height, width, classes, ignoreLabel } = options;
  checkPositiveIntegers({ count, height, width, classes });
  const pixels = height * width;
  if (truth.length !== count * pixels || predicted.length !== count * pixels) {
    throw new SegmentationError(
      'invalid_options',
      `masks of ${truth.length} and ${predicted.length} pixels: both must have count × height × width = ${count * pixels}`,
    );
  }
  const tolerancePixels = resolveBoundaryTolerance(options, options);
  const confusionOptions = { classes, ...(ignoreLabel === undefined ? {} : { ignoreLabel }) };
  const confusion = confusionMatrix(truth, predicted, confusionOptions);
  let boundarySum = 0;
  let boundaryImages = 0;
  const slice = (labels: LabelMap, n: number): LabelMap =>
    ArrayBuffer.isView(labels)
      ? (labels as unknown as Int32Array).subarray(n * pixels, (n + 1) * pixels)
      : Array.prototype.slice.call(labels, n * pixels, (n + 1) * pixels);
  for (let n = 0; n < count; n++) {
    const bf = boundaryF1(slice(truth, n), slice(predicted, n), {
      height,
      width,
      classes,
      tolerancePixels,
      ...(ignoreLabel === undefined ? {} : { ignoreLabel }),
    }).meanF1;
    if (!Number.isNaN(bf)) {
      boundarySum += bf;
      boundaryImages++;
    }
  }
  const scores = scoresFromConfusion(confusion);
  const counted = confusion.counts.reduce((sum, row) => sum + row.reduce((s, v) => s + v, 0), 0);
  const background = confusion.counts[0]!.reduce((s, v) => s + v, 0);
  return {
    confusion,
    pixelAccuracy: scores.pixelAccuracy,
    allBackgroundAccuracy: counted === 0 ? Number.NaN : background / counted,
    iou: scores.iou,
    meanIoU: scores.meanIoU,
    meanDice: scores.meanDice,
    classesPredicted: Array.from({ length: classes }, (_, c) => c).filter((c) =>
      confusion.counts.some((row) => row[c]! > 0),
    ),
    boundaryF1: boundaryImages === 0 ? Number.NaN : boundarySum / boundaryImages,
    boundaryImages,
  };
}
