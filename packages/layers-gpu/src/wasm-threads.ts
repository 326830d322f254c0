import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os, { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs-core';
import { LayersGpuError } from './errors';
import { type PageToucher, setPageToucher } from './wasm-heap';

/*
 * tfjs-backend-wasm 4.22 ships a threaded-SIMD build (XNNPACK with a pthread pool) but turns it
 * off in Node (`WASM_HAS_MULTITHREAD_SUPPORT` is hard-wired to false there, tensorflow/tfjs#3830),
 * because its Emscripten loader starts its pthread workers from `blob:` URLs, which Node's
 * `Worker` refuses. It also defaults to logical cores / 2 threads (it assumes hyper-threading),
 * which is one thread on a 2-vCPU machine.
 *
 * Its C++ side also caps the pool at `emscripten_num_logical_cores() / 2`, read once from
 * `os.cpus().length` when the module starts, whatever count JavaScript asks for.
 *
 * The fix here, applied only while the backend initialises: `os.cpus` reports twice the
 * requested thread count (so the halving lands on it), and `Blob` and `URL.createObjectURL` are
 * wrapped so the two scripts the loader builds — the pthread worker and the "main script" each
 * worker evaluates — are written to a private temporary folder and handed to `Worker` by path.
 * The main script comes from the CommonJS node bundle, where rollup renamed the built-in
 * modules to `require$$N`; those names are put back in scope at the top of the file.
 */

/** Most threads we ask for: Emscripten preallocates 8 pthread workers at start-up. */
export const MAX_WASM_THREADS = 8;

/** Environment variable that sets the wasm thread count, e.g. `CNNKIT_WASM_THREADS=1`. */
export const WASM_THREADS_ENV_VAR = 'CNNKIT_WASM_THREADS';

/** How many threads the wasm backend will run, and why (from the option, the environment or the core count). */
export interface WasmThreadsPlan {
  /** Threads requested from XNNPACK (1 = the single-threaded SIMD build). */
  readonly threads: number;
  /** Why this count. */
  readonly reason: string;
}

/**
 * How many threads the wasm backend should use: every logical core (tfjs's own default halves
 * it), at most {@link MAX_WASM_THREADS}, or what `CNNKIT_WASM_THREADS` / the caller says.
 */
export function planWasmThreads(
  requested: number | undefined,
  env: Readonly<Record<string, string | undefined>> = process.env,
  cores: number = availableParallelism(),
): WasmThreadsPlan {
  const fromEnv = env[WASM_THREADS_ENV_VAR];
  const source =
    requested !== undefined
      ? 'options.wasmThreads'
      : fromEnv !== undefined && fromEnv !== ''
        ? `env ${WASM_THREADS_ENV_VAR}`
        : undefined;
  const value = requested ?? (source === undefined ? undefined : Number(fromEnv));
  if (value !== undefined) {
    if (!Number.isSafeInteger(value) || value < 1 || value > MAX_WASM_THREADS) {
      throw new LayersGpuError(
        'invalid_options',
        `${source}: wasm threads ${JSON.stringify(requested ?? fromEnv)} must be an integer from 1 to ${MAX_WASM_THREADS}`,
        { threads: requested ?? fromEnv },
      );
    }
    return { threads: value, reason: `${source} asked for ${value}` };
  }
  const threads = Math.max(1, Math.min(cores, MAX_WASM_THREADS));
  return {
    threads,
    reason: `one per logical core (${cores} here${cores > MAX_WASM_THREADS ? `, capped at ${MAX_WASM_THREADS}` : ''})`,
  };
}

/**
 * What the node bundle's Emscripten factory refers to from outside itself: the built-in modules
 * under rollup's `require$$N` names, rollup's `commonjsGlobal`, and three tslib helpers
 * (re-implemented with tslib's semantics for arrays and iterables).
 */
const BUNDLE_PRELUDE = [
  "var require$$0 = require('fs'), require$$1 = require('path'), require$$2 = require('worker_threads'), require$$3 = require('perf_hooks'), require$$4 = require('os');",
  'var commonjsGlobal = globalThis;',
  'var __values = function (o) { return o[Symbol.iterator](); };',
  'var __read = function (o, n) { var a = Array.from(o); return n === undefined ? a : a.slice(0, n); };',
  'var __spreadArray = function (to, from) { return to.concat(Array.prototype.slice.call(from)); };',
  '',
].join('\n');

const scriptFolders: string[] = [];
let cleanupRegistered = false;

function scriptFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'cnnkit-wasm-threads-'));
  scriptFolders.push(folder);
  if (!cleanupRegistered) {
    cleanupRegistered = true;
    // The workers read the scripts once, at start-up; the files are not needed after exit.
    process.once('exit', () => {
      for (const path of scriptFolders) rmSync(path, { recursive: true, force: true });
    });
  }
  return folder;
}

/**
 * Runs `initialise` with `Blob`/`URL.createObjectURL` wrapped so the wasm loader's scripts land
 * in files, then restores both globals.
 */
export async function withFileBackedWorkerScripts<T>(
  threads: number,
  initialise: () => Promise<T>,
): Promise<T> {
  const originalCpus = os.cpus;
  const OriginalBlob = globalThis.Blob;
  const originalCreate = URL.createObjectURL;
  const sources = new WeakMap<Blob, string>();
  let folder: string | undefined;
  let mainScriptPath: string | undefined;

  class RecordingBlob extends OriginalBlob {
    constructor(
      parts?: ConstructorParameters<typeof Blob>[0],
      options?: ConstructorParameters<typeof Blob>[1],
    ) {
      super(parts ?? [], options);
      if (parts?.every((part) => typeof part === 'string')) sources.set(this, parts.join(''));
    }
  }
  let scriptError: Error | undefined;
  const createObjectURL = (blob: Blob): string => {
    try {
      return writeScript(blob);
    } catch (error) {
      // tfjs turns a failed initialisation into `false`: keep the cause to report it.
      scriptError = error as Error;
      throw error;
    }
  };
  const writeScript = (blob: Blob): string => {
    const source = sources.get(blob);
    if (source === undefined) return originalCreate.call(URL, blob);
    folder ??= scriptFolder();
    if (source.startsWith('var WasmBackendModuleThreadedSimd')) {
      mainScriptPath = join(folder, 'tfjs-backend-wasm-threaded-simd.main.cjs');
      writeFileSync(mainScriptPath, BUNDLE_PRELUDE + source);
      return mainScriptPath;
    }
    // The pthread worker: the loader posts it the main script as a Blob, which the worker turns
    // into a `blob:` URL to read; point it at the file instead.
    const mainPath = mainScriptPath ?? join(folder, 'tfjs-backend-wasm-threaded-simd.main.cjs');
    const workerPath = join(folder, 'tfjs-backend-wasm-threaded-simd.worker.cjs');
    writeFileSync(
      workerPath,
      `URL.createObjectURL = () => ${JSON.stringify(mainPath)}; URL.revokeObjectURL = () => {};\n${source}`,
    );
    return workerPath;
  };

  // The loader creates the main-script Blob before any worker script: write it as soon as it exists.
  class MainScriptBlob extends RecordingBlob {
    constructor(
      parts?: ConstructorParameters<typeof Blob>[0],
      options?: ConstructorParameters<typeof Blob>[1],
    ) {
      super(parts, options);
      const source = sources.get(this);
      if (source?.startsWith('var WasmBackendModuleThreadedSimd')) createObjectURL(this);
    }
  }

  os.cpus = () => {
    const real = originalCpus();
    return Array.from({ length: 2 * threads }, (_, i) => real[i % real.length]!);
  };
  globalThis.Blob = MainScriptBlob;
  URL.createObjectURL = createObjectURL;
  try {
    const result = await initialise();
    if (scriptError !== undefined) throw scriptError;
    return result;
  } finally {
    globalThis.Blob = OriginalBlob;
    URL.createObjectURL = originalCreate;
    os.cpus = originalCpus;
  }
}

interface EmscriptenWorker {
  ref(): void;
  unref(): void;
}

/**
 * Emscripten `ref()`s a worker while its pthread runs, and XNNPACK's pool threads run for the
 * life of the process: Node would never exit. The pool's work is synchronous (the main thread
 * waits for it), so nothing is lost by letting the process exit past them.
 */
function releaseWorkersAtExit(): void {
  const backend = tf.findBackend('wasm') as {
    wasm?: { PThread?: { unusedWorkers: EmscriptenWorker[]; runningWorkers: EmscriptenWorker[] } };
  } | null;
  const pthreads = backend?.wasm?.PThread;
  if (pthreads === undefined) return;
  for (const worker of [...pthreads.unusedWorkers, ...pthreads.runningWorkers]) {
    worker.ref = () => {};
    worker.unref();
  }
}

/*
 * The helper thread of wasm-heap.ts' `warmWasmHeap`: it writes one byte per 4 KiB page of the range
 * it is given, with an atomic add of 0 (a write that changes nothing, even racing the main thread).
 */
const PAGE_TOUCHER_SOURCE = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', ({ heap, start, end }) => {
  const bytes = new Uint8Array(heap);
  for (let i = start; i < end; i += 4096) Atomics.add(bytes, i, 0);
  parentPort.postMessage(end);
});
`;

/**
 * Starts a page-touching helper thread (see wasm-heap.ts' `warmWasmHeap`) and returns the function
 * that hands it a range, or undefined if no thread could start. The thread is `unref`'d (the process
 * exits past it). `onTouched` (tests) is called with each range's end once it is touched.
 */
export function startPageToucher(onTouched?: (end: number) => void): PageToucher | undefined {
  let worker: Worker;
  try {
    worker = new Worker(PAGE_TOUCHER_SOURCE, { eval: true });
  } catch {
    return undefined;
  }
  worker.unref();
  if (onTouched !== undefined) worker.on('message', (end: number) => onTouched(end));
  let failed = false;
  worker.on('error', () => {
    failed = true;
  });
  return (heap, start, end) => {
    if (!failed) worker.postMessage({ heap, start, end });
  };
}

interface WasmModule {
  setThreadsCount?: (threads: number) => void;
  getThreadsCount?: () => number;
}

export interface WasmThreadsResult {
  readonly ok: boolean;
  /** Threads XNNPACK really runs with (getThreadsCount after initialisation). */
  readonly threads: number;
  readonly reason: string;
  /** True when threads were asked for but the single-threaded build runs instead. */
  readonly fellBack: boolean;
}

/**
 * Initialises tfjs's wasm backend with `plan.threads` threads. With more than one it turns on
 * the threaded-SIMD build; if that fails it re-initialises single-threaded and says why.
 */
export async function initWasmWithThreads(
  wasmModule: unknown,
  plan: WasmThreadsPlan,
): Promise<WasmThreadsResult> {
  const wasm = wasmModule as WasmModule;
  const single = async (why: string): Promise<WasmThreadsResult> => {
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    wasm.setThreadsCount?.(1);
    const ok = await tf.setBackend('wasm');
    if (ok) await tf.ready();
    return { ok, threads: ok ? (wasm.getThreadsCount?.() ?? 1) : 0, reason: why, fellBack: plan.threads > 1 };
  };
  if (plan.threads === 1 || wasm.setThreadsCount === undefined) {
    if (plan.threads === 1) return { ...(await single(`1 thread: ${plan.reason}`)), fellBack: false };
    return single('1 thread, because this tfjs-backend-wasm cannot set a thread count');
  }
  // tfjs initialises a backend once per process: an existing one keeps its thread count.
  if (tf.findBackend('wasm') !== null) {
    const ok = await tf.setBackend('wasm');
    const threads = wasm.getThreadsCount?.() ?? 1;
    return {
      ok,
      threads,
      reason: `${threads} thread${threads === 1 ? '' : 's'}: the wasm backend was already initialised in this process`,
      fellBack: false,
    };
  }
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', true);
  wasm.setThreadsCount(plan.threads);
  let failure: string | undefined;
  try {
    const ok = await withFileBackedWorkerScripts(plan.threads, async () => {
      const ready = await tf.setBackend('wasm');
      if (ready) await tf.ready();
      return ready;
    });
    if (!ok) failure = 'the threaded-SIMD build failed to initialise';
  } catch (error) {
    failure = `the threaded-SIMD build failed: ${(error as Error).message}`;
  }
  if (failure === undefined) {
    releaseWorkersAtExit();
    setPageToucher(startPageToucher());
    const threads = wasm.getThreadsCount?.() ?? 1;
    if (threads < plan.threads)
      return {
        ok: true,
        threads,
        reason: `${threads} thread${threads === 1 ? '' : 's'} though ${plan.threads} were asked for (${plan.reason}): the runtime lacks SIMD or shared memory`,
        fellBack: true,
      };
    return { ok: true, threads, reason: `${threads} threads: ${plan.reason}`, fellBack: false };
  }
  return single(`1 thread, because ${failure}`);
}

/**
 * Registers a second, single-threaded wasm backend under `name` beside the initialised (threaded)
 * `wasm` one, with the same kernels, so one process can compare 1 thread with N
 * (`tf.setBackend(name)` switches; tensors move on first use). Call after `initBackend`.
 */
export async function registerSingleThreadedWasm(name = 'wasm-1thread'): Promise<string> {
  const wasm = (await import('@tensorflow/tfjs-backend-wasm')) as WasmModule;
  const factory = tf.findBackendFactory('wasm');
  if (factory === null) throw new Error('the wasm backend is not registered: call initBackend first');
  const previous = tf.getBackend();
  if (tf.findBackendFactory(name) === null) {
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    wasm.setThreadsCount?.(1);
    tf.registerBackend(name, factory, 0);
    for (const kernel of tf.getKernelsForBackend('wasm')) tf.registerKernel({ ...kernel, backendName: name });
  }
  if (!(await tf.setBackend(name)))
    throw new Error(`the single-threaded wasm backend "${name}" failed to initialise`);
  await tf.setBackend(previous);
  return name;
}

/** Which engine runs tfjs kernels now, in words: `tfjs wasm (2 threads)`, `tfjs cpu`. */
export function describeTfjsEngine(): string {
  const name = tf.getBackend();
  const backend = tf.findBackend(name) as { wasm?: { tfjs?: { getThreadsCount?: () => number } } } | null;
  const threads = backend?.wasm?.tfjs?.getThreadsCount?.();
  return threads === undefined
    ? `tfjs ${name}`
    : `tfjs ${name} (${threads} thread${threads === 1 ? '' : 's'})`;
}
