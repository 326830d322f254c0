import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { assertOptionsObject, LayersGpuError } from '../errors';
import { type OnnxExport, toOnnx } from './export';

/*
 * ONNX Runtime is an optional peer dependency (`onnxruntime-node`): loaded on first use, never at
 * import. Its npm package carries the CPU build (and WebGPU); the CUDA provider is a separate
 * download its install script makes, so it is used only where that file is present and an NVIDIA
 * device exists.
 */

export type OnnxExecutionProvider = 'cpu' | 'cuda' | 'webgpu';

export interface OnnxRunnerOptions {
  /** Threads inside one operator (default: one per logical core). */
  readonly threads?: number;
  /** Force an execution provider; by default the GPU one where a GPU is present, else cpu. */
  readonly executionProvider?: OnnxExecutionProvider;
  /** What the machine offers (default: {@link probeGpu}); the provider is chosen from it when none is forced. */
  readonly gpu?: GpuFacts;
  /** How `onnxruntime-node` is loaded (tests inject a missing module here). */
  readonly importModule?: (specifier: string) => Promise<unknown>;
  /**
   * Whether ONNX Runtime's pool threads spin-wait for work after each operator (its
   * `session.intra_op.allow_spinning`). Default: false in {@link createOnnxRunner} (and so in
   * `prepareInference`), ONNX Runtime's own default (true) in {@link createOnnxSession}. Spinning
   * saves a thread wake-up per operator on an idle machine; in a Node process the spinning thread
   * competes with V8's garbage-collector threads and the caller's JavaScript for the same cores, and
   * on a busy machine it burns a core that other work needs.
   */
  readonly spinning?: boolean;
}

const ONNX_RUNNER_OPTION_KEYS = [
  'threads',
  'spinning',
  'executionProvider',
  'gpu',
  'importModule',
] as const satisfies readonly (keyof OnnxRunnerOptions)[];

export interface OnnxEngineReport {
  readonly engine: 'onnxruntime';
  readonly executionProvider: OnnxExecutionProvider;
  readonly threads: number;
  /** Whether the pool threads spin-wait between operators (`OnnxRunnerOptions.spinning`). */
  readonly spinning: boolean;
  /** Why this provider: a GPU found or not, a provider that failed. */
  readonly reason: string;
  readonly version: string;
}

export interface OnnxRunner {
  readonly report: OnnxEngineReport;
  readonly exported: OnnxExport;
  /**
   * Runs the model on an NHWC tensor, returning a new tfjs tensor of the model's output shape, which
   * the caller disposes. Each run's output is a fresh array that ONNX Runtime writes into and the
   * tensor keeps: on the wasm backend it stays in JavaScript memory (a host-side tfjs storage) until
   * a wasm op first uses the tensor, when tfjs moves it into the heap, so reading it with `data()` or
   * `dataSync()` returns that array itself (no copy; writing into it changes the tensor, as on the cpu
   * backend). No later run touches it.
   */
  run(input: tf.Tensor): Promise<tf.Tensor>;
  /**
   * Runs the model on an NHWC tensor and returns the output's values (row-major NHWC) and shape
   * without making a tensor. On the wasm backend `data` is the array ONNX Runtime wrote into, which
   * the runner reuses: the next run overwrites it, so copy what you keep. Reading a `run` output
   * with `data()` instead costs a fresh array a run (exercise 2: 1.5 MB, ~2 ms of CPU in page faults
   * and garbage collection, 40× the copy itself).
   */
  runValues(input: tf.Tensor): Promise<{ data: Float32Array; shape: readonly number[] }>;
  /** Runs on raw NHWC data (no tfjs tensors made): what the benchmarks time. */
  runRaw(
    data: Float32Array,
    shape: readonly number[],
  ): Promise<{ data: Float32Array; shape: readonly number[] }>;
  release(): Promise<void>;
}

interface OrtTensor {
  readonly data: unknown;
  readonly dims: readonly number[];
}
interface OrtSession {
  run(
    feeds: Record<string, OrtTensor>,
    fetches?: Record<string, OrtTensor>,
  ): Promise<Record<string, OrtTensor>>;
  release(): Promise<void>;
}
interface OrtModule {
  InferenceSession: { create(model: Uint8Array, options: object): Promise<OrtSession> };
  Tensor: new (type: 'float32', data: Float32Array, dims: readonly number[]) => OrtTensor;
  env: { versions?: { common?: string }; logLevel?: string };
}

const ORT_MODULE = 'onnxruntime-node';
const defaultImport = (specifier: string): Promise<unknown> => import(/* @vite-ignore */ specifier);

/** What the machine offers ONNX Runtime: the facts {@link chooseExecutionProvider} decides from. */
export interface GpuFacts {
  /** An NVIDIA device or driver is present (`/dev/nvidia0` or `/proc/driver/nvidia/version`). */
  readonly nvidiaGpu: boolean;
  /** onnxruntime-node's CUDA provider library is installed (its install script downloads it). */
  readonly cudaProvider: boolean;
  /** A DRM render node (`/dev/dri/renderD*`): a GPU that WebGPU can drive. */
  readonly renderNode: boolean;
}

/** Looks at this machine for the facts {@link chooseExecutionProvider} needs (files only; loads nothing). */
export function probeGpu(): GpuFacts {
  const nvidiaGpu = existsSync('/dev/nvidia0') || existsSync('/proc/driver/nvidia/version');
  let cudaProvider = false;
  try {
    const ortDir = dirname(
      createRequire(join(process.cwd(), 'noop.js')).resolve(`${ORT_MODULE}/package.json`),
    );
    const bin = join(ortDir, 'bin');
    cudaProvider = readdirSync(bin, { recursive: true }).some((f) => String(f).includes('providers_cuda'));
  } catch {
    cudaProvider = false;
  }
  let renderNode = false;
  try {
    renderNode = existsSync('/dev/dri') && readdirSync('/dev/dri').some((f) => f.startsWith('renderD'));
  } catch {
    renderNode = false;
  }
  return { nvidiaGpu, cudaProvider, renderNode };
}

/**
 * The execution provider for a machine with these facts, and why: CUDA where an NVIDIA GPU and
 * onnxruntime-node's CUDA provider are both there, else WebGPU where any GPU is, else the CPU. Pure:
 * the same facts always give the same choice.
 */
export function chooseExecutionProvider(facts: GpuFacts): {
  provider: OnnxExecutionProvider;
  reason: string;
} {
  if (facts.nvidiaGpu && facts.cudaProvider)
    return { provider: 'cuda', reason: 'an NVIDIA GPU and the CUDA provider are present' };
  if (facts.nvidiaGpu || facts.renderNode)
    return {
      provider: 'webgpu',
      reason: `a GPU is present${facts.nvidiaGpu ? ' (NVIDIA, without the CUDA provider installed)' : ''}: WebGPU`,
    };
  return { provider: 'cpu', reason: 'no GPU found: CPU' };
}

/** Which GPU execution provider this machine can use, and why (none: cpu). */
export function detectGpuProvider(): { provider: OnnxExecutionProvider; reason: string } {
  return chooseExecutionProvider(probeGpu());
}

async function loadOrt(importModule: (specifier: string) => Promise<unknown>): Promise<OrtModule> {
  try {
    const loaded = (await importModule(ORT_MODULE)) as OrtModule & { default?: OrtModule };
    return loaded.InferenceSession === undefined && loaded.default !== undefined ? loaded.default : loaded;
  } catch (error) {
    throw new LayersGpuError(
      'backend_unavailable',
      `ONNX Runtime is not available: install the optional peer dependency ${ORT_MODULE} (${(error as Error).message})`,
      { module: ORT_MODULE },
      { cause: error },
    );
  }
}

/** The ONNX Runtime session options a session opens with. */
function sessionOptions(provider: OnnxExecutionProvider, threads: number, spinning: boolean): object {
  const spin = spinning ? '1' : '0';
  return {
    executionProviders: [provider],
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
    // Session config entries, flattened by onnxruntime-node to `session.intra_op.allow_spinning`.
    extra: { session: { intra_op: { allow_spinning: spin }, inter_op: { allow_spinning: spin } } },
  };
}

/**
 * Spinning in {@link createOnnxRunner} unless asked: off. Exercise 2 on a shared 2-core machine
 * (load 28–31, separate processes alternating): ONNX Runtime with spinning 157 ms a run and 39 ms of
 * CPU, without 123 ms and 26 ms (`packages/segmentation/bench/engine-boundary.bench.ts`).
 */
const RUNNER_SPINNING = false;

/**
 * Opens an exported model in ONNX Runtime; cpu unless a GPU provider is asked for or found.
 * ONNX Runtime's own defaults otherwise (spinning on), so that it is the plain baseline.
 */
export async function createOnnxSession(
  bytes: Uint8Array,
  options: OnnxRunnerOptions = {},
): Promise<{ session: OrtSession; ort: OrtModule; report: OnnxEngineReport }> {
  assertOptionsObject(options, ONNX_RUNNER_OPTION_KEYS, 'ONNX Runtime options');
  const threads = options.threads ?? availableParallelism();
  if (!Number.isSafeInteger(threads) || threads < 1)
    throw new LayersGpuError('invalid_options', `threads ${threads}: must be a positive integer`, {
      threads,
    });
  if (options.spinning !== undefined && typeof options.spinning !== 'boolean')
    throw new LayersGpuError(
      'invalid_options',
      `spinning ${JSON.stringify(options.spinning)}: must be true or false`,
      { check: 'invalid_type', expected: 'boolean' },
      { path: ['spinning'] },
    );
  const spinning = options.spinning ?? true;
  const ort = await loadOrt(options.importModule ?? defaultImport);
  const version = ort.env.versions?.common ?? 'unknown';
  const chosen =
    options.executionProvider !== undefined
      ? { provider: options.executionProvider, reason: 'options.executionProvider' }
      : chooseExecutionProvider(options.gpu ?? probeGpu());
  try {
    const session = await ort.InferenceSession.create(
      bytes,
      sessionOptions(chosen.provider, threads, spinning),
    );
    return {
      session,
      ort,
      report: {
        engine: 'onnxruntime',
        executionProvider: chosen.provider,
        threads,
        spinning,
        reason: chosen.reason,
        version,
      },
    };
  } catch (error) {
    if (chosen.provider === 'cpu' || options.executionProvider !== undefined) {
      throw new LayersGpuError(
        'backend_unavailable',
        `ONNX Runtime could not open the model on ${chosen.provider}: ${(error as Error).message}`,
        { executionProvider: chosen.provider },
        { cause: error },
      );
    }
    const session = await ort.InferenceSession.create(bytes, sessionOptions('cpu', threads, spinning));
    return {
      session,
      ort,
      report: {
        engine: 'onnxruntime',
        executionProvider: 'cpu',
        threads,
        spinning,
        reason: `${chosen.reason}, but that provider failed (${(error as Error).message}): CPU`,
        version,
      },
    };
  }
}

/**
 * Exports a tfjs model with {@link toOnnx} and opens it in ONNX Runtime: the fast inference path.
 * Inputs and outputs stay NHWC, so `run` is a drop-in for `model.predict` on one input.
 */
export async function createOnnxRunner(
  model: tfl.LayersModel,
  options: OnnxRunnerOptions = {},
): Promise<OnnxRunner> {
  assertOptionsObject(options, ONNX_RUNNER_OPTION_KEYS, 'createOnnxRunner options');
  const exported = toOnnx(model);
  // Spinning off unless asked: see `OnnxRunnerOptions.spinning` and the README's measurements.
  const { session, ort, report } = await createOnnxSession(exported.bytes, {
    ...options,
    spinning: options.spinning ?? RUNNER_SPINNING,
  });
  const outputName = exported.outputNames[0]!;
  // Reused run after run on the wasm backend (see `runValues`): one allocation per shape instead of
  // 2.2 MB of fresh arrays a run for exercise 2, which the garbage collector then sweeps.
  const knownOutputShape = ((model.outputs[0]?.shape ?? [null]) as (number | null)[]).slice(1);
  const host = await hostStorage();
  let inBuffer = new Float32Array(0);
  let outBuffer = new Float32Array(0);
  let busy = false;
  const runRaw = async (data: Float32Array, shape: readonly number[]) => {
    const result = await session.run({ [exported.inputName]: new ort.Tensor('float32', data, shape) });
    const out = result[outputName]!;
    return { data: out.data as Float32Array, shape: out.dims };
  };
  /**
   * One run with the input copied into the reused input array and ONNX Runtime writing into `output`
   * (`outBuffer` when `fresh` is false, else a new array), or undefined where the reused input array
   * may not be used: the backend keeps what `tf.tensor` is given (only wasm copies it; the cpu
   * backend keeps the array itself), the output shape is unknown before the run, or another run
   * holds the buffers.
   */
  const runInto = async (
    input: tf.Tensor,
    fresh: boolean,
  ): Promise<{ data: Float32Array; shape: readonly number[] } | undefined> => {
    const heap = wasmHeapView(input);
    if (heap === undefined || busy || knownOutputShape.some((d) => d === null)) return undefined;
    busy = true;
    try {
      const outShape = [input.shape[0]!, ...knownOutputShape] as number[];
      const size = outShape.reduce((a, b) => a * b, 1);
      if (inBuffer.length !== heap.length) inBuffer = new Float32Array(heap.length);
      if (!fresh && outBuffer.length !== size) outBuffer = new Float32Array(size);
      const output = fresh ? new Float32Array(size) : outBuffer;
      inBuffer.set(heap);
      await session.run(
        { [exported.inputName]: new ort.Tensor('float32', inBuffer, input.shape) },
        { [outputName]: new ort.Tensor('float32', output, outShape) },
      );
      return { data: output, shape: outShape };
    } finally {
      busy = false;
    }
  };
  /** The output's values: into the reused buffers where it may (see above), else fresh arrays. */
  const runValues = async (input: tf.Tensor): Promise<{ data: Float32Array; shape: readonly number[] }> =>
    (await runInto(input, false)) ?? runRaw((await input.data()) as Float32Array, input.shape);
  return {
    report,
    exported,
    runRaw,
    runValues,
    async run(input: tf.Tensor) {
      // A fresh output array every run (ONNX Runtime's own on the fallback path), which the tensor keeps.
      const out =
        (await runInto(input, true)) ?? (await runRaw((await input.data()) as Float32Array, input.shape));
      return host(out.data, out.shape);
    },
    release: () => session.release(),
  };
}

/**
 * How `run` makes its output tensor from a fresh array it owns: a tensor that keeps the array. On
 * the cpu backend `tf.tensor` does that itself. On any other backend (wasm: `tf.tensor` would copy
 * it into the heap, and `data()` would copy it out again into another fresh array) the tensor is
 * stored in a private instance of tfjs' cpu backend, a host-side storage that the active backend
 * never runs kernels on: tfjs-core moves the values into the active backend when an op first uses
 * the tensor (the engine's own move between backends), and `data()` before that returns the array
 * itself. Where `@tensorflow/tfjs-backend-cpu` cannot be loaded, `tf.tensor` copies as before.
 */
async function hostStorage(): Promise<(data: Float32Array, shape: readonly number[]) => tf.Tensor> {
  let storage: tf.KernelBackend | undefined;
  try {
    const { MathBackendCPU } = await import('@tensorflow/tfjs-backend-cpu');
    const backend = new MathBackendCPU();
    // Only a store here: its first write would print the "slow cpu backend" hint for Node.
    (backend as unknown as { firstUse: boolean }).firstUse = false;
    storage = backend as unknown as tf.KernelBackend;
  } catch {
    storage = undefined;
  }
  return (data, shape) =>
    storage === undefined || tf.getBackend() === 'cpu'
      ? tf.tensor(data, [...shape], 'float32')
      : tf.engine().makeTensor(data, [...shape], 'float32', storage);
}

/**
 * The input's float32 values as a view of the wasm backend's heap (no copy), or undefined on any
 * other backend or dtype. Only there does `tf.tensor(values)` copy its argument (into the heap), so
 * only there may the runner hand ONNX Runtime buffers it reuses run after run. ONNX Runtime refuses
 * the view itself (the threaded heap is a SharedArrayBuffer: `Invalid argument`), so it is copied
 * once into the reused input buffer.
 */
function wasmHeapView(input: tf.Tensor): Float32Array | undefined {
  if (input.dtype !== 'float32' || tf.getBackend() !== 'wasm') return undefined;
  const backend = tf.backend() as unknown as { typedArrayFromHeap?: (t: tf.Tensor) => Float32Array };
  try {
    return typeof backend.typedArrayFromHeap === 'function' ? backend.typedArrayFromHeap(input) : undefined;
  } catch {
    return undefined; // not (yet) on the wasm heap, e.g. made before a backend switch: `data()` moves it
  }
}
