import type { ModelReport } from '@cnnkit/shape-math';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { assertOptionsObject, LayersGpuError } from './errors';
import { describeTfjsEngine } from './wasm-threads';

/** Options for `profileModel`. */
export interface ProfileOptions {
  /** Batch size of the random input (default 1). */
  readonly batchSize?: number;
  /** Also run and measure one real training step (SGD, mean squared error). */
  readonly train?: boolean;
  /** shape-math's analysis of the same model, shown beside the measurements. */
  readonly theory?: ModelReport;
  /** A specific input instead of a random one; its shape must match the model's. */
  readonly input?: tf.Tensor;
}

const PROFILE_OPTION_FIELDS: { readonly [K in keyof Required<ProfileOptions>]: true } = {
  batchSize: true,
  train: true,
  theory: true,
  input: true,
};
const PROFILE_OPTION_KEYS = Object.keys(PROFILE_OPTION_FIELDS);

/** One layer as measured by `profileModel`. */
export interface LayerProfile {
  readonly name: string;
  readonly className: string;
  readonly outputShape: readonly number[];
  /** Bytes of the real output tensor for the whole batch. */
  readonly outputBytes: number;
  readonly params: number;
  /** Wall time of this layer alone, run eagerly. */
  readonly timeMs: number;
}

/** One measured run (forward pass or training step): time, peak bytes, tensors and kernels. */
export interface RunMeasurement {
  readonly wallMs: number;
  /** Largest total of tensor bytes alive at once during the run (tf.profile). */
  readonly peakBytes: number;
  readonly newTensors: number;
  readonly kernels: number;
}

/** What `profileModel` returns: per-layer and whole-run measurements beside shape-math's figures. */
export interface ModelProfile {
  readonly backend: string;
  /** The engine that ran, in words, e.g. `tfjs wasm (2 threads)`. */
  readonly engine: string;
  readonly batchSize: number;
  readonly layers: readonly LayerProfile[];
  readonly forward: RunMeasurement;
  readonly training?: RunMeasurement;
  /** Tensors alive before and after profiling: equal when nothing leaked. */
  readonly tensorsBefore: number;
  readonly tensorsAfter: number;
  readonly theory?: {
    readonly inferenceBytes: number;
    readonly peakActivationBytes: number;
    readonly parameterBytes: number;
  };
  /** Why measured and theoretical figures differ, in words. */
  readonly notes: readonly string[];
}

/** A real tensor's bytes, by tfjs' own table of its runtime dtypes (float32, int32, bool, complex64). */
function bytesOf(t: tf.Tensor): number {
  return t.size * tf.util.bytesPerElement(t.dtype);
}

/**
 * Runs a real forward pass (and optionally a training step) and reports per-layer output shapes,
 * bytes, parameters and times, plus the engine's peak memory and tensor counts, beside
 * shape-math's theoretical figures. Leaves no tensor behind.
 */
export async function profileModel(
  model: tfl.LayersModel,
  options: ProfileOptions = {},
): Promise<ModelProfile> {
  assertOptionsObject(options, PROFILE_OPTION_KEYS, 'profileModel options');
  const batchSize = options.batchSize ?? 1;
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) {
    throw new LayersGpuError('invalid_options', `batchSize ${batchSize}: must be a positive integer`, {
      batchSize,
    });
  }
  const modelInput = model.inputs[0]!.shape.slice(1) as number[];
  if (options.input !== undefined) {
    const given = options.input.shape.slice(1);
    if (options.input.rank !== modelInput.length + 1 || given.some((size, i) => size !== modelInput[i])) {
      throw new LayersGpuError(
        'wrong_input_rank',
        `input of shape [${options.input.shape.join(', ')}] does not fit the model, which takes [batch, ${modelInput.join(', ')}]`,
        { given: options.input.shape, expected: ['batch', ...modelInput] },
      );
    }
  }
  // Compiling creates the optimizer's own tensors, which stay with the model: count after that.
  if (options.train && model.optimizer === undefined)
    model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
  const tensorsBefore = tf.memory().numTensors;
  const profile = await measure(model, options, batchSize, modelInput);
  return { ...profile, tensorsBefore, tensorsAfter: tf.memory().numTensors };
}

async function measure(
  model: tfl.LayersModel,
  options: ProfileOptions,
  batchSize: number,
  modelInput: number[],
): Promise<Omit<ModelProfile, 'tensorsBefore' | 'tensorsAfter'>> {
  const input = options.input ?? tf.randomNormal([batchSize, ...modelInput]);
  const actualBatch = input.shape[0]!;
  try {
    // 1. Layer by layer, eagerly: each layer's real output and its time.
    const layers: LayerProfile[] = [];
    tf.tidy(() => {
      const outputs = new Map<string, tf.Tensor>([[model.inputLayers[0]!.name, input]]);
      const rows = layers;
      for (const layer of model.layers) {
        if (outputs.has(layer.name)) continue; // the input layer
        const inbound = layer.inboundNodes[0]!.inboundLayers.map((l) => outputs.get(l.name)!);
        const start = performance.now();
        const out = layer.apply(inbound.length === 1 ? inbound[0]! : inbound, {
          training: false,
        }) as tf.Tensor;
        const timeMs = performance.now() - start;
        outputs.set(layer.name, out);
        rows.push({
          name: layer.name,
          className: layer.getClassName(),
          outputShape: out.shape.slice(1),
          outputBytes: bytesOf(out),
          params: layer.countParams(),
          timeMs,
        });
      }
    });

    // 2. The whole forward pass, as predict runs it, under the engine's profiler.
    let wallMs = 0;
    let prediction: tf.Tensor | tf.Tensor[] = [];
    const forwardInfo = await tf.profile(() => {
      const start = performance.now();
      prediction = model.predict(input) as tf.Tensor | tf.Tensor[];
      wallMs = performance.now() - start;
      return prediction;
    });
    tf.dispose(prediction);
    const forward: RunMeasurement = {
      wallMs,
      peakBytes: forwardInfo.peakBytes,
      newTensors: forwardInfo.newTensors,
      kernels: forwardInfo.kernels.length,
    };

    // 3. Optionally one real training step.
    let training: RunMeasurement | undefined;
    if (options.train) {
      const outputShape = model.outputs[0]!.shape.slice(1) as number[];
      const target = tf.zeros([actualBatch, ...outputShape]);
      let trainMs = 0;
      const trainInfo = await tf.profile(async () => {
        const start = performance.now();
        await model.trainOnBatch(input, target);
        trainMs = performance.now() - start;
        return [];
      });
      target.dispose();
      training = {
        wallMs: trainMs,
        peakBytes: trainInfo.peakBytes,
        newTensors: trainInfo.newTensors,
        kernels: trainInfo.kernels.length,
      };
    }

    const notes: string[] = [];
    let theory: ModelProfile['theory'];
    if (options.theory !== undefined) {
      const t = options.theory.memory.inference;
      theory = {
        inferenceBytes: t.bytes,
        peakActivationBytes: t.peakActivationBytes,
        parameterBytes: t.parameterBytes,
      };
      const measuredTotal = forward.peakBytes + t.parameterBytes;
      const perInstanceMeasured = forward.peakBytes / actualBatch;
      notes.push(
        `shape-math's minimum for one instance is ${t.bytes.toLocaleString('en-US')} bytes (peak activations ${t.peakActivationBytes.toLocaleString('en-US')} + parameters ${t.parameterBytes.toLocaleString('en-US')}); ` +
          `the engine's peak during predict was ${forward.peakBytes.toLocaleString('en-US')} bytes of new tensors (${Math.round(perInstanceMeasured).toLocaleString('en-US')} per instance) on top of the ` +
          `${t.parameterBytes.toLocaleString('en-US')} bytes of weights already held, ${measuredTotal.toLocaleString('en-US')} in all.`,
        'The measured figure is higher because the engine also holds the input batch and intermediate tensors (padding, activation outputs) ' +
          'that it frees only after the next kernel has run; the theoretical minimum assumes only two consecutive activations exist at once.',
      );
    }
    return {
      backend: tf.getBackend(),
      engine: describeTfjsEngine(),
      batchSize: actualBatch,
      layers,
      forward,
      ...(training === undefined ? {} : { training }),
      ...(theory === undefined ? {} : { theory }),
      notes,
    };
  } finally {
    if (options.input === undefined) input.dispose();
  }
}
