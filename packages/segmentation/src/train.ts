import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { seededRandom } from './dataset';
import { SegmentationError } from './errors';
import { crossEntropyDiceLoss, diceLoss, pixelCrossEntropy } from './losses';
import {
  type BoundaryToleranceOptions,
  type MaskSetScores,
  resolveBoundaryTolerance,
  scorePredictedMasks,
} from './metrics';
import { optionKeys, rejectUnknownOptions } from './options';

/** Images and masks as plain arrays: `images` `[count, h, w, channels]`, `masks` `[count, h, w]`. */
export interface SegmentationData {
  readonly count: number;
  readonly height: number;
  readonly width: number;
  readonly images: Float32Array;
  readonly masks: Int32Array;
}

/** The loss `trainSegmenter` minimises. */
export type SegmentationLoss = 'crossEntropy' | 'dice' | 'crossEntropyDice';

/** What a progress display receives after each epoch. */
export interface TrainingProgress {
  readonly model: string;
  readonly epoch: number;
  readonly epochs: number;
  /** Mean training loss over the epoch's batches. */
  readonly loss: number;
  /** Mean IoU on the validation data, when some was given. */
  readonly meanIoU?: number;
  readonly elapsedMs: number;
}

/** Options of `trainSegmenter`. */
export interface TrainOptions {
  readonly classes: number;
  readonly epochs: number;
  readonly batchSize?: number;
  /** Adam's learning rate (default 1e-2). */
  readonly learningRate?: number;
  readonly loss?: SegmentationLoss;
  readonly ignoreLabel?: number;
  /** Shuffling seed (default 1). */
  readonly seed?: number;
  /** Scored after each epoch for the progress display. */
  readonly validation?: SegmentationData;
  /** Name shown in progress events (default the model's name). */
  readonly name?: string;
  /** Called after each epoch (nothing is printed here). */
  readonly onProgress?: (progress: TrainingProgress) => void;
}

/** What `trainSegmenter` returns: the mean loss of each epoch and the time it took. */
export interface TrainingHistory {
  readonly losses: readonly number[];
  readonly elapsedMs: number;
}

function channelsOf(data: SegmentationData): number {
  return data.images.length / (data.count * data.height * data.width);
}

/** Copies the given examples into one batch `[n, h, w, c]` and `[n, h, w]`. */
export function batchTensors(
  data: SegmentationData,
  indices: readonly number[],
): { images: tf.Tensor4D; masks: tf.Tensor3D } {
  const pixels = data.height * data.width;
  const channels = channelsOf(data);
  const images = new Float32Array(indices.length * pixels * channels);
  const masks = new Int32Array(indices.length * pixels);
  indices.forEach((example, k) => {
    images.set(
      data.images.subarray(example * pixels * channels, (example + 1) * pixels * channels),
      k * pixels * channels,
    );
    masks.set(data.masks.subarray(example * pixels, (example + 1) * pixels), k * pixels);
  });
  return {
    images: tf.tensor4d(images, [indices.length, data.height, data.width, channels]),
    masks: tf.tensor3d(masks, [indices.length, data.height, data.width], 'int32'),
  };
}

function lossFunction(kind: SegmentationLoss) {
  return kind === 'dice' ? diceLoss : kind === 'crossEntropy' ? pixelCrossEntropy : crossEntropyDiceLoss;
}

/** The most a wasm32 heap can grow to (emscripten's getHeapMax in tfjs-backend-wasm 4.22). */
const WASM_HEAP_CEILING_BYTES = 4_294_901_760;
/**
 * Peak wasm heap of one training step (forward, tape, backward, Adam) per byte of layer outputs,
 * measured on U-Nets at 256×256 with batch norm: width 8 batch 8 → 3,213 MiB for 479 MiB of
 * outputs (6.7×), width 16 batch 4 → 3,199 / 472 (6.8×), width 16 batch 2 → 1,641 / 236 (7.0×).
 * Batch-norm internals, gradients and allocator slack are what the outputs do not count.
 */
const WASM_TRAINING_HEAP_PER_OUTPUT_BYTE = 7;

/**
 * On the wasm backend, refuses before the first step a training whose heap would pass the 4 GiB a
 * wasm32 module can address: there an allocation inside XNNPACK fails unchecked and the process
 * aborts with "table index is out of bounds" (U-Net width 16, batch 8, 256×256 did, in the wasm
 * Conv2DBackpropFilter). The estimate is the layer outputs times the factor measured above.
 */
function assertFitsWasmHeap(model: tfl.LayersModel, batchSize: number): void {
  if (tf.getBackend() !== 'wasm') return;
  const outputValues = model.layers.reduce((sum, layer) => {
    const shapes = (Array.isArray(layer.outputShape[0]) ? layer.outputShape : [layer.outputShape]) as (
      | number
      | null
    )[][];
    return sum + shapes.reduce((s, shape) => s + shape.slice(1).reduce<number>((a, b) => a * (b ?? 1), 1), 0);
  }, 0);
  const perImage = outputValues * 4 * WASM_TRAINING_HEAP_PER_OUTPUT_BYTE;
  const estimate = perImage * batchSize;
  if (estimate <= WASM_HEAP_CEILING_BYTES) return;
  const largestBatch = Math.floor(WASM_HEAP_CEILING_BYTES / perImage);
  const mib = (bytes: number) => `${Math.round(bytes / 2 ** 20).toLocaleString('en-US')} MiB`;
  throw new SegmentationError(
    'memory_budget_exceeded',
    `training model "${model.name}" at batch size ${batchSize} needs about ${mib(estimate)} of wasm heap, over the 4 GiB a wasm backend can address (it would abort mid-step): ${largestBatch >= 1 ? `use a batch size of at most ${largestBatch}, ` : ''}fewer filters or a smaller input, or the node backend`,
    { estimateBytes: estimate, ceilingBytes: WASM_HEAP_CEILING_BYTES, batchSize, largestBatch },
  );
}

const TRAIN_OPTION_KEYS = optionKeys<TrainOptions>()(
  'classes',
  'epochs',
  'batchSize',
  'learningRate',
  'loss',
  'ignoreLabel',
  'seed',
  'validation',
  'name',
  'onProgress',
);

/** Resolves on the event loop's next turn (setImmediate where it exists, else a 0 ms timeout). */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) =>
    typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0),
  );
}

/**
 * Trains a segmenter whose output is `[batch, h, w, classes]` logits at the masks' size, with Adam
 * on shuffled mini-batches; reports each epoch through `onProgress` (nothing is printed here).
 */
export async function trainSegmenter(
  model: tfl.LayersModel,
  data: SegmentationData,
  options: TrainOptions,
): Promise<TrainingHistory> {
  rejectUnknownOptions('trainSegmenter', options, TRAIN_OPTION_KEYS);
  const batchSize = options.batchSize ?? 8;
  const epochs = options.epochs;
  if (!Number.isInteger(epochs) || epochs < 1) {
    throw new SegmentationError('invalid_options', `epochs ${epochs}: must be a positive integer`);
  }
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new SegmentationError('invalid_options', `batchSize ${batchSize}: must be a positive integer`);
  }
  assertFitsWasmHeap(model, batchSize);
  const outputShape = model.outputs[0]!.shape;
  if (outputShape[1] !== data.height || outputShape[2] !== data.width || outputShape[3] !== options.classes) {
    throw new SegmentationError(
      'model_mismatch',
      `model "${model.name}" outputs [${outputShape.slice(1).join(', ')}]: training needs [${data.height}, ${data.width}, ${options.classes}] logits, the masks' size and the classes`,
    );
  }
  const optimizer = tf.train.adam(options.learningRate ?? 1e-2);
  const loss = lossFunction(options.loss ?? 'crossEntropy');
  const lossOptions = options.ignoreLabel === undefined ? {} : { ignoreLabel: options.ignoreLabel };
  const random = seededRandom(options.seed ?? 1);
  const variables = model.trainableWeights.map((weight) => weight.read() as tf.Variable);
  const start = performance.now();
  const losses: number[] = [];
  try {
    for (let epoch = 1; epoch <= epochs; epoch++) {
      const order = Array.from({ length: data.count }, (_, i) => i);
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      let sum = 0;
      let batches = 0;
      for (let first = 0; first < order.length; first += batchSize) {
        const batch = batchTensors(data, order.slice(first, first + batchSize));
        const value = optimizer.minimize(
          () => loss(batch.masks, model.apply(batch.images, { training: true }) as tf.Tensor4D, lossOptions),
          true,
          variables,
        );
        sum += (await value!.data())[0]!;
        batches++;
        tf.dispose([value!, batch.images, batch.masks]);
        // A turn for the event loop after each batch: awaiting a backend's data() resolves at once
        // (a microtask), so without this a long training starves timers, sockets and worker
        // messages (a Discord bot's heartbeats, a test runner's RPC) for minutes.
        await yieldToEventLoop();
      }
      losses.push(sum / batches);
      if (options.onProgress !== undefined) {
        const meanIoU =
          options.validation === undefined
            ? undefined
            : evaluateSegmenter(model, options.validation, { classes: options.classes }).meanIoU;
        options.onProgress({
          model: options.name ?? model.name,
          epoch,
          epochs,
          loss: sum / batches,
          ...(meanIoU === undefined ? {} : { meanIoU }),
          elapsedMs: performance.now() - start,
        });
      }
    }
  } finally {
    optimizer.dispose();
  }
  return { losses, elapsedMs: performance.now() - start };
}

/** Class index per pixel (argmax of the logits), `[count, h, w]`, predicted in batches. */
export function predictMasks(model: tfl.LayersModel, data: SegmentationData, batchSize = 16): Int32Array {
  const pixels = data.height * data.width;
  const result = new Int32Array(data.count * pixels);
  for (let first = 0; first < data.count; first += batchSize) {
    const indices = Array.from({ length: Math.min(batchSize, data.count - first) }, (_, k) => first + k);
    const batch = batchTensors(data, indices);
    const labels = tf.tidy(() => tf.argMax(model.predict(batch.images) as tf.Tensor4D, -1));
    result.set(labels.dataSync() as Int32Array, first * pixels);
    tf.dispose([labels, batch.images, batch.masks]);
  }
  return result;
}

/** Options of `evaluateSegmenter`: the classes, the ignore label and boundary F1's tolerance. */
export interface EvaluationOptions extends BoundaryToleranceOptions {
  readonly classes: number;
  readonly ignoreLabel?: number;
}

/** What `evaluateSegmenter` returns: `scorePredictedMasks`' scores and the predicted masks. */
export interface Evaluation extends MaskSetScores {
  readonly predicted: Int32Array;
}

/**
 * Scores a model on data: predicts each mask, then `scorePredictedMasks` (one confusion matrix over
 * all pixels; boundary F1 per image, averaged over the images that have a boundary in either mask,
 * so an image whose truth and prediction are both one class everywhere is dropped from that mean
 * and counted out of `boundaryImages`). Boundary F1's tolerance defaults to DAVIS' rule
 * (`DEFAULT_BOUNDARY_TOLERANCE`).
 */
export function evaluateSegmenter(
  model: tfl.LayersModel,
  data: SegmentationData,
  options: EvaluationOptions,
): Evaluation {
  rejectUnknownOptions(
    'evaluateSegmenter',
    options,
    optionKeys<EvaluationOptions>()('classes', 'ignoreLabel', 'tolerance', 'tolerancePixels'),
  );
  resolveBoundaryTolerance(options, data);
  const predicted = predictMasks(model, data);
  const scores = scorePredictedMasks(data.masks, predicted, {
    ...options,
    count: data.count,
    height: data.height,
    width: data.width,
  });
  return { ...scores, predicted };
}
