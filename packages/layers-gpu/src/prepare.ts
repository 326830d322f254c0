import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { assertOptionsObject, LayersGpuError } from './errors';
import { type InferenceModel, type InferenceOptions, optimizeForInference } from './inference';
import type { OnnxRunner } from './onnx/runtime';
import { wasmHeapValues } from './wasm-heap';

/** The ONNX entry, loaded on demand by name (see `prepareInference`). */
const ONNX_ENTRY = '@cnnkit/layers-gpu/onnx';

/*
 * One call for the fastest inference engine. ONNX Runtime runs asynchronously and TensorFlow.js'
 * `predict` synchronously, so every engine is wrapped in one asynchronous `run`; the choice, and
 * the agreement check that guards it, happen once, in `prepareInference`.
 */

/** The engines {@link prepareInference} can choose from. */
export const INFERENCE_ENGINES = ['auto', 'tfjs', 'onnxruntime'] as const;
/** One of {@link INFERENCE_ENGINES}. */
export type InferenceEngine = (typeof INFERENCE_ENGINES)[number];

/**
 * How close ONNX Runtime must come to TensorFlow.js on one seeded random input before `auto` uses
 * it: `max |onnx − tfjs| ≤ 1e-4 · max |tfjs|`. The same tolerance as this package's ONNX tests and
 * the quiz's ONNX path: the two sum products in different orders (~1000 ulps of headroom), while a
 * wrong export is off by O(1).
 */
export const ONNX_AGREEMENT_TOLERANCE = 1e-4;

/** Options for {@link prepareInference}: the engine, and the tfjs rewrites of {@link InferenceOptions}. */
export interface PrepareInferenceOptions extends InferenceOptions {
  /**
   * Which engine runs the model (default `auto`): `auto` uses ONNX Runtime when `onnxruntime-node`
   * is installed, the model exports and ONNX Runtime agrees with TensorFlow.js within
   * {@link ONNX_AGREEMENT_TOLERANCE}, else TensorFlow.js through {@link optimizeForInference}.
   * `onnxruntime` insists (and fails with a coded error where `auto` would fall back); `tfjs` never
   * loads ONNX Runtime.
   */
  readonly engine?: InferenceEngine;
  /** ONNX Runtime's threads inside one operator (default: one per logical core). */
  readonly threads?: number;
  /** How `onnxruntime-node` is loaded (default: `import()`; tests inject a missing module here). */
  readonly importModule?: (specifier: string) => Promise<unknown>;
  /** Whether ONNX Runtime's pool threads spin-wait between operators (see `OnnxRunnerOptions.spinning`). */
  readonly spinning?: boolean;
}

const PREPARE_OPTION_FIELDS: { readonly [K in keyof Required<PrepareInferenceOptions>]: true } = {
  engine: true,
  threads: true,
  importModule: true,
  spinning: true,
  foldBatchNorm: true,
  fuseActivation: true,
  foldPadding: true,
  foldInPlace: true,
};

/** A model ready to run on the engine {@link prepareInference} chose; `run` is the same on every engine. */
export interface InferenceRunner {
  /** The engine that runs `run`. */
  readonly engine: 'tfjs' | 'onnxruntime';
  /** Why this engine, in a sentence (e.g. "onnxruntime-node is not installed"). */
  readonly reason: string;
  /**
   * The agreement check's result when ONNX Runtime was tried: the largest difference from
   * TensorFlow.js over the output's scale (`undefined` when it was not tried).
   */
  readonly agreement: number | undefined;
  /** The TensorFlow.js form, built in every case (it is what ONNX Runtime was checked against). */
  readonly tfjs: InferenceModel;
  /**
   * The forward pass in inference mode on one NHWC input tensor (any batch size): a new tensor of
   * the model's output shape, which the caller disposes. The input is not disposed.
   */
  run(input: tf.Tensor): Promise<tf.Tensor>;
  /**
   * The same forward pass, returning the output's values (row-major, the model's output layout)
   * and shape instead of a tensor: what a caller of `run` then reads with `data()`, without the
   * fresh array `data()` makes on every call. On the wasm backend (either engine) `data` is the
   * runner's own array, which the next call overwrites (copy what you keep); elsewhere it is a fresh
   * array. The input is not disposed.
   */
  runValues(input: tf.Tensor): Promise<{ data: Float32Array; shape: readonly number[] }>;
  /** Frees the folded weights and closes the ONNX Runtime session, if any. `run` fails afterwards. */
  dispose(): Promise<void>;
}

/** The largest difference between two outputs over the first's scale (Infinity when shapes differ or NaN). */
function relativeDifference(expected: tf.Tensor, actual: tf.Tensor): number {
  if (expected.shape.join('×') !== actual.shape.join('×')) return Number.POSITIVE_INFINITY;
  const e = expected.dataSync();
  const a = actual.dataSync();
  let scale = 0;
  let worst = 0;
  for (let i = 0; i < e.length; i++) {
    scale = Math.max(scale, Math.abs(e[i]!));
    worst = Math.max(worst, Math.abs(e[i]! - a[i]!));
  }
  return Number.isNaN(worst) || Number.isNaN(scale)
    ? Number.POSITIVE_INFINITY
    : worst / Math.max(scale, 1e-6);
}

/** What `run` and `runValues` of a disposed ONNX Runtime runner reject with. */
function disposedError(): LayersGpuError {
  return new LayersGpuError(
    'invalid_options',
    'this InferenceRunner was disposed: call prepareInference(model) again',
    { check: 'disposed' },
  );
}

/** Why ONNX Runtime was not used, from the error `createOnnxRunner` threw. */
function onnxRefusal(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof LayersGpuError && error.code === 'backend_unavailable' && 'module' in error.details)
    return 'onnxruntime-node is not installed (an optional peer dependency): TensorFlow.js';
  return `the model could not be run on ONNX Runtime (${message.slice(0, 300)}): TensorFlow.js`;
}

/**
 * Prepares a tf.LayersModel for inference on the fastest engine available, and says which and why.
 * It always builds the TensorFlow.js form ({@link optimizeForInference}, with the given rewrites).
 * With `engine: 'auto'` (the default) it then exports the model to ONNX (`toOnnx`), opens it in
 * ONNX Runtime (`createOnnxRunner`, CPU unless a GPU provider is present) and runs both engines on
 * one seeded random input of batch 1: ONNX Runtime is used only when it agrees within
 * {@link ONNX_AGREEMENT_TOLERANCE}. Where `onnxruntime-node` is not installed, the model does not
 * export (an unsupported layer, several inputs or outputs) or the engines disagree, `run` uses
 * TensorFlow.js and `reason` says why. Like `optimizeForInference`, the weights are a snapshot:
 * after training, prepare again.
 */
export async function prepareInference(
  model: tfl.LayersModel,
  options: PrepareInferenceOptions = {},
): Promise<InferenceRunner> {
  assertOptionsObject(options, Object.keys(PREPARE_OPTION_FIELDS), 'prepareInference options');
  const { engine = 'auto', threads, importModule, spinning, ...rewrites } = options;
  if (!(INFERENCE_ENGINES as readonly unknown[]).includes(engine))
    throw new LayersGpuError(
      'invalid_options',
      `prepareInference options.engine ${JSON.stringify(engine)}: must be one of ${INFERENCE_ENGINES.join(', ')}`,
      { check: 'invalid_value', allowed: INFERENCE_ENGINES },
      { path: ['engine'] },
    );
  const tfjs = optimizeForInference(model, rewrites);
  const tfjsRun = async (input: tf.Tensor): Promise<tf.Tensor> => {
    const output = tfjs.predict(input);
    if (Array.isArray(output)) {
      tf.dispose(output);
      throw new LayersGpuError(
        'invalid_options',
        `InferenceRunner.run returns one tensor; this model has ${output.length} outputs: use runner.tfjs.predict`,
        { check: 'invalid_type', expected: 'a single-output model' },
      );
    }
    return output;
  };
  // The tfjs engine's `runValues` array on the wasm backend (see `InferenceRunner.runValues`).
  let tfjsValues = new Float32Array(0);
  const onTfjs = (reason: string, agreement?: number): InferenceRunner => ({
    engine: 'tfjs',
    reason,
    agreement,
    tfjs,
    run: tfjsRun,
    async runValues(input) {
      const output = await tfjsRun(input);
      try {
        // On wasm: copied out of the heap into the runner's array, reused while the size holds.
        const heap = wasmHeapValues(output);
        if (heap === undefined) return { data: (await output.data()) as Float32Array, shape: output.shape };
        if (tfjsValues.length !== heap.length) tfjsValues = new Float32Array(heap.length);
        tfjsValues.set(heap);
        return { data: tfjsValues, shape: output.shape };
      } finally {
        output.dispose();
      }
    },
    async dispose() {
      tfjs.dispose();
    },
  });
  if (engine === 'tfjs') return onTfjs('engine "tfjs" was asked for');

  let runner: OnnxRunner;
  try {
    // By the package's own name, through a variable: neither tsup nor an application's bundler
    // pulls the ONNX exporter and protobufjs into the main entry (the `./onnx` entry's promise,
    // held by scripts/bundle-size.ts); Node loads it only when ONNX Runtime is wanted.
    const { createOnnxRunner } = (await import(ONNX_ENTRY)) as typeof import('./onnx');
    runner = await createOnnxRunner(model, {
      ...(threads === undefined ? {} : { threads }),
      ...(importModule === undefined ? {} : { importModule }),
      ...(spinning === undefined ? {} : { spinning }),
    });
  } catch (error) {
    if (engine === 'onnxruntime') {
      tfjs.dispose();
      throw error;
    }
    return onTfjs(onnxRefusal(error));
  }

  // The check: both engines on one seeded random input (zeros would hide a wrong weight layout).
  const shape = (model.inputs[0]!.shape as (number | null)[]).map((d) => d ?? 1);
  const probe = tf.randomUniform(shape, -1, 1, 'float32', 7);
  let worst: number;
  try {
    const expected = await tfjsRun(probe);
    const actual = await runner.run(probe);
    worst = relativeDifference(expected, actual);
    tf.dispose([expected, actual]);
  } catch (error) {
    await runner.release();
    if (engine === 'onnxruntime') {
      tfjs.dispose();
      throw error;
    }
    return onTfjs(onnxRefusal(error));
  } finally {
    probe.dispose();
  }
  if (!(worst <= ONNX_AGREEMENT_TOLERANCE)) {
    await runner.release();
    const reason = `ONNX Runtime ${runner.report.version} disagreed with TensorFlow.js on this model (worst ${
      Number.isFinite(worst) ? worst.toExponential(1) : 'a different shape or NaN'
    } of the output's scale, allowed ${ONNX_AGREEMENT_TOLERANCE})`;
    if (engine === 'onnxruntime') {
      tfjs.dispose();
      throw new LayersGpuError('backend_unavailable', `prepareInference: ${reason}`, {
        executionProvider: runner.report.executionProvider,
      });
    }
    return onTfjs(`${reason}: TensorFlow.js`, worst);
  }
  let released = false;
  return {
    engine: 'onnxruntime',
    reason: `${
      engine === 'onnxruntime'
        ? 'engine "onnxruntime" was asked for'
        : 'onnxruntime-node is installed and the model exports'
    }; ONNX Runtime ${runner.report.version} (${runner.report.executionProvider}, ${runner.report.threads} threads, spinning ${runner.report.spinning ? 'on' : 'off'}) agreed with TensorFlow.js within ${worst.toExponential(1)} of the output's scale (allowed ${ONNX_AGREEMENT_TOLERANCE})`,
    agreement: worst,
    tfjs,
    run(input) {
      return released ? Promise.reject(disposedError()) : runner.run(input);
    },
    runValues(input) {
      return released ? Promise.reject(disposedError()) : runner.runValues(input);
    },
    async dispose() {
      if (released) return;
      released = true;
      tfjs.dispose();
      await runner.release();
    },
  };
}
