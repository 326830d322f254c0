import { type BackendPeak, wasmBackendPeak } from './backend-peak';
import { assertOptionsObject, type InvalidSpecDetails, ShapeMathError } from './errors';
import type { Optimizer } from './schemas';

/*
 * Memory estimates. Each is a documented lower bound, not a measurement: a framework adds
 * workspace, allocator slack and copies on top (layers-gpu measures the real figure).
 */

/** Extra tensors an optimizer keeps per trainable parameter (Keras/TF optimizer slots). */
export const OPTIMIZER_SLOTS_PER_PARAMETER: Readonly<Record<Optimizer, number>> = {
  sgd: 0,
  momentum: 1, // velocity
  rmsprop: 1, // mean square (no centering, no momentum)
  adagrad: 1, // accumulator
  adam: 2, // first and second moments
};

/** Memory estimate (a): one instance at inference. */
export interface InferenceMemory {
  /** Method (a), the exercise's reading, generalised to graphs. */
  readonly method: string;
  readonly bytes: number;
  readonly peakActivationBytes: number;
  readonly parameterBytes: number;
  /** The layer at whose execution the activations peak, and the tensors alive then. */
  readonly peakAtLayer: string;
  readonly liveTensorsAtPeak: readonly string[];
  /**
   * Not part of method (a): the largest convolution's output pixels × kernel taps × 4 bytes (over
   * conv2d, depthwise, separable and transposed convolutions; 0 without one). XNNPACK, TensorFlow.js'
   * wasm backend, reads each convolution's input through an indirection buffer of one 4-byte wasm32
   * pointer per output pixel and kernel tap: a large kernel on a large map (LeNet-5's 5×5 at
   * thousands of pixels) costs more than its activations. Per layer: `indirectionBufferBytes`.
   */
  readonly kernelTapBytes: number;
  /**
   * Not part of method (a): the indirection buffers of every convolution summed
   * (`indirectionBufferBytes` of each layer). The wasm backend keeps each convolution's buffer until
   * the model's weights are disposed, so at the end of a pass all are held at once (three 7×7
   * convolutions at stride 1 on a 2,048-px map: 2.47 GB, where the largest alone is 0.82 GB).
   * `wasmBackendPeak` adds it.
   */
  readonly allKernelTapBytes: number;
}

/** Memory estimate (b): a training batch, gradients neglected. */
export interface MinimumTrainingMemory {
  /** Method (b): every activation kept for the backward pass, gradients neglected. */
  readonly method: string;
  readonly batchSize: number;
  readonly bytes: number;
  readonly activationBytesPerInstance: number;
  readonly activationBytes: number;
  readonly inputBytes: number;
  readonly parameterBytes: number;
}

/** Memory estimate (c): estimate (b) plus gradients and optimizer state. */
export interface RealisticTrainingMemory {
  /** Method (c): (b) plus what a real training step also holds. */
  readonly method: string;
  readonly batchSize: number;
  readonly optimizer: Optimizer;
  readonly bytes: number;
  readonly activationBytes: number;
  readonly inputBytes: number;
  readonly parameterBytes: number;
  readonly gradientBytes: number;
  readonly optimizerStateBytes: number;
  /** Gradients of activations alive at once during back-propagation (the inference peak, per batch). */
  readonly activationGradientBytes: number;
}

/** The three memory estimates of a report (`report.memory`), each with its method. */
export interface MemoryEstimates {
  readonly inference: InferenceMemory;
  readonly trainingMinimum: MinimumTrainingMemory;
  readonly trainingRealistic: RealisticTrainingMemory;
}

export interface MemoryInputs {
  /** Tensors in execution order: the model input first, then one per layer. */
  readonly tensors: readonly { name: string; bytes: number; lastUsedAt: number; isOutput: boolean }[];
  readonly parameterBytes: number;
  readonly trainableParameterBytes: number;
  readonly batchSize: number;
  readonly optimizer: Optimizer;
  /**
   * See `InferenceMemory.kernelTapBytes`. Optional, so callers written before it keep compiling:
   * omitted means 0 (no convolution's indirection buffer is counted).
   */
  readonly kernelTapBytes?: number;
  /** See `InferenceMemory.allKernelTapBytes`; omitted means `kernelTapBytes` (one convolution's). */
  readonly allKernelTapBytes?: number;
}

/** How estimate (a), `memory.inference`, is computed, in words. */
export const INFERENCE_METHOD =
  "largest total of the activations alive at once while one instance runs (a layer's inputs, its output, and tensors " +
  'kept for later layers such as skip connections; for a plain stack: the largest sum of two consecutive activations), plus all parameters';
/** How estimate (b), `memory.trainingMinimum`, is computed, in words. */
export const MINIMUM_TRAINING_METHOD =
  "every layer's output × batch size (all are kept for back-propagation) + the input batch + all parameters; gradients and optimizer state neglected";
/** How estimate (c), `memory.trainingRealistic`, is computed, in words. */
export const REALISTIC_TRAINING_METHOD =
  'method (b) + one gradient per trainable parameter + optimizer state + the activation gradients alive at once during ' +
  'back-propagation; still excludes framework workspace (cuDNN, allocator slack)';

/**
 * Liveness over the execution order: at step i, a tensor is alive if it was produced by then and
 * is read at step i or later (or is a model output). One pass with a running total, so O(tensors).
 */
export function peakLiveActivations(tensors: MemoryInputs['tensors']): {
  bytes: number;
  step: number;
  live: string[];
} {
  const releasedAfter = new Map<number, number>();
  let alive = tensors[0]?.bytes ?? 0;
  let peakBytes = -1;
  let peakStep = 0;
  const release = (t: number) => {
    const tensor = tensors[t]!;
    if (tensor.isOutput) return;
    const at = Math.max(tensor.lastUsedAt, t);
    releasedAfter.set(at, (releasedAfter.get(at) ?? 0) + tensor.bytes);
  };
  release(0);
  for (let step = 1; step < tensors.length; step++) {
    alive += tensors[step]!.bytes;
    release(step);
    if (alive > peakBytes) {
      peakBytes = alive;
      peakStep = step;
    }
    alive -= releasedAfter.get(step) ?? 0;
  }
  const live = tensors
    .slice(0, peakStep + 1)
    .filter((tensor, t) => t === peakStep || tensor.isOutput || tensor.lastUsedAt >= peakStep)
    .map((tensor) => tensor.name);
  return { bytes: peakBytes, step: peakStep, live };
}

function checkedSum(values: readonly number[]): number {
  const total = values.reduce((sum, v) => sum + v, 0);
  if (!Number.isSafeInteger(total))
    throw new RangeError(`memory total ${total} exceeds ${Number.MAX_SAFE_INTEGER} bytes`);
  return total;
}

export function estimateMemory(inputs: MemoryInputs): MemoryEstimates {
  const [inputTensor, ...layerTensors] = inputs.tensors;
  if (inputTensor === undefined) throw new RangeError('no tensors');
  const peak = peakLiveActivations(inputs.tensors);
  const activationBytesPerInstance = checkedSum(layerTensors.map((t) => t.bytes));
  const activationBytes = checkedSum([activationBytesPerInstance * inputs.batchSize]);
  const inputBytes = checkedSum([inputTensor.bytes * inputs.batchSize]);
  const gradientBytes = inputs.trainableParameterBytes;
  const optimizerStateBytes =
    inputs.trainableParameterBytes * OPTIMIZER_SLOTS_PER_PARAMETER[inputs.optimizer];
  const activationGradientBytes = checkedSum([peak.bytes * inputs.batchSize]);
  const minimumBytes = checkedSum([activationBytes, inputBytes, inputs.parameterBytes]);
  return {
    inference: {
      method: INFERENCE_METHOD,
      bytes: checkedSum([peak.bytes, inputs.parameterBytes]),
      peakActivationBytes: peak.bytes,
      parameterBytes: inputs.parameterBytes,
      peakAtLayer: inputs.tensors[peak.step]!.name,
      liveTensorsAtPeak: peak.live,
      kernelTapBytes: inputs.kernelTapBytes ?? 0,
      allKernelTapBytes: inputs.allKernelTapBytes ?? inputs.kernelTapBytes ?? 0,
    },
    trainingMinimum: {
      method: MINIMUM_TRAINING_METHOD,
      batchSize: inputs.batchSize,
      bytes: minimumBytes,
      activationBytesPerInstance,
      activationBytes,
      inputBytes,
      parameterBytes: inputs.parameterBytes,
    },
    trainingRealistic: {
      method: REALISTIC_TRAINING_METHOD,
      batchSize: inputs.batchSize,
      optimizer: inputs.optimizer,
      bytes: checkedSum([minimumBytes, gradientBytes, optimizerStateBytes, activationGradientBytes]),
      activationBytes,
      inputBytes,
      parameterBytes: inputs.parameterBytes,
      gradientBytes,
      optimizerStateBytes,
      activationGradientBytes,
    },
  };
}

/** The memory budget a model must fit before anything is allocated (2 GiB; layers-gpu and the quiz use it). */
export const DEFAULT_MEMORY_BUDGET_BYTES = 2 * 1024 ** 3;

/** What the budget is checked for: one instance at inference, or a training step. */
export type MemoryBudgetUse = 'inference' | 'training';

/**
 * Which estimate the budget is held against:
 * - `tensors`: shape-math's own (inference: method (a); training: method (c)), the tensors alone;
 * - `wasm-process`: the calibrated peak of the whole process running one image on TensorFlow.js'
 *   wasm backend (`wasmBackendPeak`), which must also stay under the 4 GiB the wasm heap can
 *   address. Calibrated for inference only.
 */
export type MemoryBudgetEstimate = 'tensors' | 'wasm-process';

/** Options for `checkMemoryBudget`: the budget, the use and the estimate held against it. */
export type MemoryBudgetOptions =
  | {
      /** Default 2 GiB (`DEFAULT_MEMORY_BUDGET_BYTES`). */
      readonly budgetBytes?: number;
      /** Default `inference`. */
      readonly use?: MemoryBudgetUse;
      /** Default `tensors`. */
      readonly estimate?: 'tensors';
    }
  | {
      readonly budgetBytes?: number;
      /** The wasm-process estimate is calibrated for one inference run only. */
      readonly use?: 'inference';
      readonly estimate: 'wasm-process';
    };

// A record, not a list: an option added to MemoryBudgetOptions and missing here is a compile error.
const MEMORY_BUDGET_OPTION_FIELDS: { readonly [K in keyof Required<MemoryBudgetOptions>]: true } = {
  budgetBytes: true,
  use: true,
  estimate: true,
};
const MEMORY_BUDGET_OPTION_KEYS = Object.keys(MEMORY_BUDGET_OPTION_FIELDS);

/** The result of `checkMemoryBudget`: whether the model fits, the figures compared, and why not. */
export interface MemoryBudgetCheck {
  readonly fits: boolean;
  /**
   * The estimate compared: for `tensors`, method (a) for inference and method (c) for training;
   * for `wasm-process`, the whole process's calibrated peak (`wasmBackendPeak(…).processBytes`).
   */
  readonly estimateBytes: number;
  readonly budgetBytes: number;
  readonly use: MemoryBudgetUse;
  readonly estimate: MemoryBudgetEstimate;
  /**
   * Why it does not fit (absent when it fits): over the budget, or (wasm-process only) a wasm heap
   * over the 4 GiB wasm32 ceiling, which no budget can lift; the ceiling is named first.
   */
  readonly exceeds?: 'budget' | 'wasm-heap-ceiling';
  /** For `wasm-process`: the calibrated peak the check used (heap, process, ceiling). */
  readonly wasm?: BackendPeak;
}

function budgetOptionError(
  option: keyof MemoryBudgetOptions,
  message: string,
  details: InvalidSpecDetails,
): ShapeMathError {
  return new ShapeMathError([{ code: 'invalid_spec', path: ['options', option], message, details }]);
}

/**
 * The one budget rule for every caller (layers-gpu's `buildModel`, the quiz's measurement
 * service): a model fits when the chosen estimate for its use is at most the budget, and, for the
 * wasm-process estimate, its wasm heap stays under the wasm32 ceiling. Returns data; each caller
 * words the refusal.
 */
export function checkMemoryBudget(
  memory: MemoryEstimates,
  options: MemoryBudgetOptions = {},
): MemoryBudgetCheck {
  assertOptionsObject(options, MEMORY_BUDGET_OPTION_KEYS);
  const budgetBytes = options.budgetBytes ?? DEFAULT_MEMORY_BUDGET_BYTES;
  const use = options.use ?? 'inference';
  const estimate = options.estimate ?? 'tensors';
  // A wrong value must not fall back to a default: the check would pass for the wrong use.
  if (!(typeof budgetBytes === 'number' && Number.isFinite(budgetBytes) && budgetBytes > 0))
    throw budgetOptionError('budgetBytes', `must be a positive number of bytes, got ${String(budgetBytes)}`, {
      check: 'too_small',
      minimum: 0,
      inclusive: false,
    });
  if (use !== 'inference' && use !== 'training')
    throw budgetOptionError('use', `must be "inference" or "training", got ${JSON.stringify(use)}`, {
      check: 'invalid_value',
      allowed: ['inference', 'training'],
    });
  if (estimate !== 'tensors' && estimate !== 'wasm-process')
    throw budgetOptionError(
      'estimate',
      `must be "tensors" or "wasm-process", got ${JSON.stringify(estimate)}`,
      {
        check: 'invalid_value',
        allowed: ['tensors', 'wasm-process'],
      },
    );
  if (estimate === 'wasm-process') {
    if (use !== 'inference')
      throw budgetOptionError(
        'use',
        'the wasm-process estimate is calibrated for inference only: use estimate "tensors" for training',
        { check: 'invalid_value', allowed: ['inference'] },
      );
    const wasm = wasmBackendPeak({ memory });
    const estimateBytes = wasm.processBytes;
    const exceeds = !wasm.fitsWasmHeap
      ? 'wasm-heap-ceiling'
      : estimateBytes > budgetBytes
        ? 'budget'
        : undefined;
    return {
      fits: exceeds === undefined,
      estimateBytes,
      budgetBytes,
      use,
      estimate: 'wasm-process',
      ...(exceeds === undefined ? {} : { exceeds }),
      wasm,
    };
  }
  const estimateBytes = use === 'training' ? memory.trainingRealistic.bytes : memory.inference.bytes;
  const fits = estimateBytes <= budgetBytes;
  return {
    fits,
    estimateBytes,
    budgetBytes,
    use,
    estimate: 'tensors',
    ...(fits ? {} : { exceeds: 'budget' as const }),
  };
}
