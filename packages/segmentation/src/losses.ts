/*
 * Pixel-wise losses on logits `[batch, h, w, classes]` and integer label maps `[batch, h, w]`.
 * Cross-entropy with an ignore label follows PyTorch's `nn.CrossEntropyLoss(ignore_index=...)`
 * (mean over the pixels that count); Dice follows segmentation_models.pytorch's multiclass
 * `DiceLoss` (soft Dice per class over the batch, classes absent from the truth contribute 0, mean
 * over classes).
 */
import * as tf from '@tensorflow/tfjs-core';
import { optionKeys, rejectUnknownOptions } from './options';

/** Options of `pixelCrossEntropy`. */
export interface PixelLossOptions {
  /** Ground-truth label of pixels that do not count (VOC's 255); default none. */
  readonly ignoreLabel?: number;
}

/** Options of `diceLoss`. */
export interface DiceLossOptions extends PixelLossOptions {
  /** Added to numerator and denominator (default 0, as smp). */
  readonly smooth?: number;
  /** Floor of the denominator (default 1e-7, as smp). */
  readonly eps?: number;
}

/** One-hot targets and the mask of counted pixels, `[b, h, w, c]` and `[b, h, w, 1]`. */
function targets(labels: tf.Tensor3D, classes: number, ignoreLabel: number | undefined) {
  // Functional ops only: the chained forms (`x.toFloat()`) need tfjs' side-effect imports.
  const asInt = labels.dtype === 'int32' ? labels : tf.cast(labels, 'int32');
  const counted =
    ignoreLabel === undefined ? tf.onesLike(asInt) : tf.cast(tf.notEqual(asInt, ignoreLabel), 'int32');
  const safe = ignoreLabel === undefined ? asInt : tf.mul(asInt, counted);
  const oneHot = tf.cast(
    tf.reshape(tf.oneHot(tf.reshape(safe, [-1]), classes), [...labels.shape, classes]),
    'float32',
  );
  return { oneHot, mask: tf.expandDims(tf.cast(counted, 'float32'), -1) };
}

const PIXEL_LOSS_OPTION_KEYS = optionKeys<PixelLossOptions>()('ignoreLabel');
const DICE_LOSS_OPTION_KEYS = optionKeys<DiceLossOptions>()('ignoreLabel', 'smooth', 'eps');

/** Mean over counted pixels of −log softmax(logits)[label]; 0 when no pixel counts. */
export function pixelCrossEntropy(
  labels: tf.Tensor3D,
  logits: tf.Tensor4D,
  options: PixelLossOptions = {},
): tf.Scalar {
  rejectUnknownOptions('pixelCrossEntropy', options, PIXEL_LOSS_OPTION_KEYS);
  return crossEntropyOf(labels, logits, options.ignoreLabel);
}

function crossEntropyOf(
  labels: tf.Tensor3D,
  logits: tf.Tensor4D,
  ignoreLabel: number | undefined,
): tf.Scalar {
  return tf.tidy(() => {
    const classes = logits.shape[3];
    const { oneHot, mask } = targets(labels, classes, ignoreLabel);
    const logProbabilities = tf.logSoftmax(logits);
    const perPixel = tf.neg(tf.sum(tf.mul(tf.mul(oneHot, mask), logProbabilities)));
    return tf.div(perPixel, tf.maximum(tf.sum(mask), 1)) as tf.Scalar;
  });
}

/** 1 − mean over classes of soft Dice, `(2·Σ p·y + smooth) / max(Σ p + Σ y + smooth, eps)`. */
export function diceLoss(labels: tf.Tensor3D, logits: tf.Tensor4D, options: DiceLossOptions = {}): tf.Scalar {
  rejectUnknownOptions('diceLoss', options, DICE_LOSS_OPTION_KEYS);
  return diceOf(labels, logits, options);
}

function diceOf(labels: tf.Tensor3D, logits: tf.Tensor4D, options: DiceLossOptions): tf.Scalar {
  const smooth = options.smooth ?? 0;
  const eps = options.eps ?? 1e-7;
  return tf.tidy(() => {
    const classes = logits.shape[3];
    const { oneHot, mask } = targets(labels, classes, options.ignoreLabel);
    const probabilities = tf.mul(tf.softmax(logits), mask);
    const y = tf.mul(oneHot, mask);
    const axes = [0, 1, 2];
    const intersection = tf.sum(tf.mul(probabilities, y), axes);
    const cardinality = tf.add(tf.sum(probabilities, axes), tf.sum(y, axes));
    const score = tf.div(
      tf.add(tf.mul(intersection, 2), smooth),
      tf.maximum(tf.add(cardinality, smooth), eps),
    );
    const present = tf.cast(tf.greater(tf.sum(y, axes), 0), 'float32');
    return tf.mean(tf.mul(tf.sub(1, score), present)) as tf.Scalar;
  });
}

/** Options of `crossEntropyDiceLoss`. */
export interface CombinedLossOptions extends DiceLossOptions {
  /** Weight of the Dice term (default 1): loss = cross-entropy + diceWeight · Dice. */
  readonly diceWeight?: number;
}

/** Cross-entropy plus Dice: the first keeps every pixel's gradient, the second balances small classes. */
export function crossEntropyDiceLoss(
  labels: tf.Tensor3D,
  logits: tf.Tensor4D,
  options: CombinedLossOptions = {},
): tf.Scalar {
  rejectUnknownOptions('crossEntropyDiceLoss', options, [...DICE_LOSS_OPTION_KEYS, 'diceWeight']);
  return tf.tidy(() =>
    tf.add(
      crossEntropyOf(labels, logits, options.ignoreLabel),
      tf.mul(diceOf(labels, logits, options), options.diceWeight ?? 1),
    ),
  );
}
