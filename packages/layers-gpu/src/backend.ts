import { invalidSpecDetails, quoteForMessage } from '@cnnkit/shape-math';
import * as tf from '@tensorflow/tfjs-core';
// zod/mini: zod's classic API alone is ~450 kB in a browser bundle. Every check has its own message
// (zod/mini has none of its own), naming the option.
import * as z from 'zod/mini';
import { assertOptionsObject, LayersGpuError } from './errors';
import { initWasmWithThreads, MAX_WASM_THREADS, planWasmThreads, type WasmThreadsPlan } from './wasm-threads';
import { registerWasmTrainingKernels } from './wasm-training-kernels';

/** Backends in the default order of preference: fastest first. */
export const BACKEND_NAMES = ['node-gpu', 'node', 'wasm', 'cpu'] as const;
/** A backend `initBackend` can choose: `node-gpu`, `node`, `wasm` or `cpu`. */
export type BackendName = (typeof BACKEND_NAMES)[number];

/** Environment variable that forces one backend, e.g. `CNNKIT_BACKEND=cpu`. */
export const BACKEND_ENV_VAR = 'CNNKIT_BACKEND';

interface BackendCandidate {
  /** The npm package that provides it. */
  readonly module: string;
  /** The name it registers with tfjs-core. */
  readonly tfName: string;
  readonly whenMissing: string;
}

const CANDIDATES: Readonly<Record<BackendName, BackendCandidate>> = {
  'node-gpu': {
    module: '@tensorflow/tfjs-node-gpu',
    tfName: 'tensorflow',
    whenMissing: 'not installed (optional: install @tensorflow/tfjs-node-gpu on a machine with CUDA)',
  },
  node: {
    module: '@tensorflow/tfjs-node',
    tfName: 'tensorflow',
    whenMissing:
      'not installed (optional: install @tensorflow/tfjs-node where libtensorflow can be downloaded)',
  },
  wasm: { module: '@tensorflow/tfjs-backend-wasm', tfName: 'wasm', whenMissing: 'not installed' },
  cpu: { module: '@tensorflow/tfjs-backend-cpu', tfName: 'cpu', whenMissing: 'not installed' },
};

/** What happened to one backend during `initBackend`: chosen, not installed, failed (why), or not tried. */
export interface BackendAttempt {
  readonly name: BackendName;
  readonly outcome: 'chosen' | 'not-installed' | 'failed' | 'not-tried';
  readonly reason: string;
}

/** The result of `initBackend`: the active backend and why each other one was not chosen. */
export interface BackendReport {
  /** The backend now active in tfjs-core. */
  readonly backend: BackendName;
  /** Its tfjs-core name (`tensorflow`, `wasm`, `cpu`). */
  readonly tfBackendName: string;
  /** Every candidate in order, with why it was chosen or skipped. */
  readonly attempts: readonly BackendAttempt[];
  /** Where the choice came from. */
  readonly source: 'default order' | 'options.prefer' | 'options.force' | `env ${typeof BACKEND_ENV_VAR}`;
  readonly wasm?: {
    readonly simd: boolean;
    readonly threads: number;
    /** Why this many threads, or why the threaded build was not used. */
    readonly threadsReason?: string;
  };
  /** Gradient kernels cnnkit registered because the backend lacks them. */
  readonly addedKernels: readonly string[];
  /** Things a user should know, e.g. the slow cpu backend was chosen because wasm failed. */
  readonly warnings: readonly string[];
}

const wasmThreadsMessage = `wasmThreads must be an integer from 1 to ${MAX_WASM_THREADS}`;

const backendNameSchema = z.enum(BACKEND_NAMES, {
  error: (issue) =>
    `unknown backend ${typeof issue.input === 'string' ? quoteForMessage(issue.input) : JSON.stringify(issue.input)}: allowed ${BACKEND_NAMES.join(', ')}`,
});

/** The options `initBackend` accepts (`prefer`, `force`, `addMissingKernels`), checked before any backend loads. */
export const initBackendOptionsSchema = z.object({
  /** Order in which to try backends; defaults to node-gpu, node, wasm, cpu. */
  prefer: z.optional(
    z
      .array(backendNameSchema, {
        error: `prefer must be a list of backend names (${BACKEND_NAMES.join(', ')})`,
      })
      .check(z.minLength(1, 'prefer must name at least one backend')),
  ),
  /** Use exactly this backend, or fail: no fallback. */
  force: z.optional(backendNameSchema),
  /** Register the gradient kernels the wasm backend lacks, so conv nets train on it (default true). */
  addMissingKernels: z._default(z.boolean({ error: 'addMissingKernels must be true or false' }), true),
  /** Threads for the wasm backend (default: one per logical core, or env CNNKIT_WASM_THREADS). */
  wasmThreads: z.optional(
    z
      .number({ error: wasmThreadsMessage })
      .check(
        z.int(wasmThreadsMessage),
        z.gte(1, wasmThreadsMessage),
        z.lte(MAX_WASM_THREADS, wasmThreadsMessage),
      ),
  ),
});

/** Options for `initBackend`. */
export type InitBackendOptions = z.input<typeof initBackendOptionsSchema> & {
  /** Environment to read CNNKIT_BACKEND from (default `process.env`). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** How modules are loaded (default dynamic `import`); tests inject failures here. */
  readonly importModule?: (specifier: string) => Promise<unknown>;
};

// Every key InitBackendOptions has (the schema's and the two hooks): a missing one is a compile error.
const INIT_BACKEND_OPTION_FIELDS: { readonly [K in keyof Required<InitBackendOptions>]: true } = {
  prefer: true,
  force: true,
  addMissingKernels: true,
  wasmThreads: true,
  env: true,
  importModule: true,
};
const INIT_BACKEND_OPTION_KEYS = Object.keys(INIT_BACKEND_OPTION_FIELDS);

function isModuleNotFound(error: unknown, specifier: string): boolean {
  const code = (error as { code?: unknown }).code;
  const message = String((error as { message?: unknown }).message ?? '');
  return (
    (code === 'ERR_MODULE_NOT_FOUND' ||
      code === 'MODULE_NOT_FOUND' ||
      message.includes('Cannot find') ||
      message.includes('Failed to load url')) &&
    message.includes(specifier)
  );
}

const defaultImport = (specifier: string): Promise<unknown> => import(/* @vite-ignore */ specifier);

async function tryBackend(
  name: BackendName,
  importModule: (specifier: string) => Promise<unknown>,
  wasmThreads?: WasmThreadsPlan,
): Promise<
  | { ok: true; module: unknown; threads?: { count: number; reason: string; fellBack: boolean } }
  | { ok: false; outcome: 'not-installed' | 'failed'; reason: string }
> {
  const candidate = CANDIDATES[name];
  let loaded: unknown;
  try {
    loaded = await importModule(candidate.module);
  } catch (error) {
    if (isModuleNotFound(error, candidate.module))
      return { ok: false, outcome: 'not-installed', reason: candidate.whenMissing };
    return {
      ok: false,
      outcome: 'failed',
      reason: `${candidate.module} failed to load: ${(error as Error).message}`,
    };
  }
  if (tf.findBackendFactory(candidate.tfName) === null && tf.findBackend(candidate.tfName) === null) {
    return {
      ok: false,
      outcome: 'failed',
      reason: `${candidate.module} loaded but registered no "${candidate.tfName}" backend with this copy of @tensorflow/tfjs-core (align its version with tfjs-core ${tf.version_core})`,
    };
  }
  if (name === 'wasm' && wasmThreads !== undefined) {
    // Both cores: the threaded-SIMD build, falling back to one thread with the reason (wasm-threads.ts).
    const threaded = await initWasmWithThreads(loaded, wasmThreads);
    if (!threaded.ok)
      return {
        ok: false,
        outcome: 'failed',
        reason: `${candidate.module} failed to initialise: ${threaded.reason}`,
      };
    return {
      ok: true,
      module: loaded,
      threads: { count: threaded.threads, reason: threaded.reason, fellBack: threaded.fellBack },
    };
  }
  try {
    const ready = await tf.setBackend(candidate.tfName);
    if (!ready)
      return {
        ok: false,
        outcome: 'failed',
        reason: `${candidate.module} loaded but its backend failed to initialise`,
      };
    await tf.ready();
  } catch (error) {
    return {
      ok: false,
      outcome: 'failed',
      reason: `${candidate.module} failed to initialise: ${(error as Error).message}`,
    };
  }
  return { ok: true, module: loaded };
}

/**
 * Picks the fastest backend that really works, in a preference order the caller may override,
 * and reports why each other one was skipped. The native backends are optional peers, loaded
 * only if installed; the default that installs from npm alone is wasm (SIMD), and the pure-JS
 * cpu backend is never chosen silently when a faster one failed.
 */
export async function initBackend(options: InitBackendOptions = {}): Promise<BackendReport> {
  assertOptionsObject(options, INIT_BACKEND_OPTION_KEYS, 'initBackend options');
  const env = options.env ?? process.env;
  const importModule = options.importModule ?? defaultImport;
  const parsed = initBackendOptionsSchema.safeParse({
    prefer: options.prefer,
    force:
      options.force ??
      (env[BACKEND_ENV_VAR] === undefined || env[BACKEND_ENV_VAR] === '' ? undefined : env[BACKEND_ENV_VAR]),
    addMissingKernels: options.addMissingKernels,
    wasmThreads: options.wasmThreads,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const fromEnv = options.force === undefined && issue.path[0] === 'force';
    const message = fromEnv ? `${BACKEND_ENV_VAR}: ${issue.message}` : issue.message;
    const path = issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part));
    // The code comes from zod's issue data: a name outside the enum is an unknown backend.
    if (issue.code === 'invalid_value' && (path[0] === 'force' || path[0] === 'prefer')) {
      const given =
        path[0] === 'force'
          ? (options.force ?? env[BACKEND_ENV_VAR])
          : (options.prefer as readonly unknown[] | undefined)?.[path[1] as number];
      throw new LayersGpuError(
        'unknown_backend',
        message,
        { ...invalidSpecDetails(issue), given, allowed: BACKEND_NAMES },
        { cause: parsed.error, path },
      );
    }
    throw new LayersGpuError('invalid_options', message, invalidSpecDetails(issue), {
      cause: parsed.error,
      path,
    });
  }
  const settings = parsed.data;
  const forced = settings.force;
  const order: readonly BackendName[] = forced !== undefined ? [forced] : (settings.prefer ?? BACKEND_NAMES);
  const source: BackendReport['source'] =
    forced !== undefined
      ? options.force !== undefined
        ? 'options.force'
        : `env ${BACKEND_ENV_VAR}`
      : settings.prefer
        ? 'options.prefer'
        : 'default order';

  let wasmThreads: WasmThreadsPlan;
  try {
    wasmThreads = planWasmThreads(settings.wasmThreads, env);
  } catch (error) {
    throw new LayersGpuError(
      'invalid_options',
      (error as Error).message,
      { threads: settings.wasmThreads ?? env.CNNKIT_WASM_THREADS },
      { path: ['wasmThreads'], cause: error },
    );
  }
  const attempts: BackendAttempt[] = [];
  for (const [position, name] of order.entries()) {
    const result = await tryBackend(name, importModule, wasmThreads);
    if (!result.ok) {
      attempts.push({ name, outcome: result.outcome, reason: result.reason });
      continue;
    }
    attempts.push({ name, outcome: 'chosen', reason: position === 0 ? 'first choice' : 'first that worked' });
    for (const rest of order.slice(position + 1))
      attempts.push({ name: rest, outcome: 'not-tried', reason: `${name} was chosen first` });

    const warnings: string[] = [];
    const failedFaster = attempts.filter((a) => a.outcome === 'failed');
    if (name === 'cpu' && failedFaster.length > 0) {
      warnings.push(
        `using the pure-JavaScript cpu backend because ${failedFaster.map((a) => `${a.name} failed (${a.reason})`).join('; ')}: ` +
          'expect convolutions about 30× slower than wasm',
      );
    }
    let addedKernels: string[] = [];
    let wasmInfo: BackendReport['wasm'];
    if (name === 'wasm') {
      const wasmModule = result.module as { getThreadsCount?: () => number };
      wasmInfo = {
        simd: tf.env().getBool('WASM_HAS_SIMD_SUPPORT'),
        threads: result.threads?.count ?? wasmModule.getThreadsCount?.() ?? 1,
        ...(result.threads === undefined ? {} : { threadsReason: result.threads.reason }),
      };
      if (result.threads?.fellBack) warnings.push(`the wasm backend runs on ${result.threads.reason}`);
      if (!wasmInfo.simd)
        warnings.push(
          'the wasm backend runs without SIMD on this runtime: convolutions will be several times slower',
        );
      if (settings.addMissingKernels) addedKernels = await registerWasmTrainingKernels();
    }
    return {
      backend: name,
      tfBackendName: CANDIDATES[name].tfName,
      attempts,
      source,
      ...(wasmInfo === undefined ? {} : { wasm: wasmInfo }),
      addedKernels,
      warnings,
    };
  }

  if (forced !== undefined) {
    throw new LayersGpuError(
      'backend_unavailable',
      `backend ${forced} was forced (${source}) but cannot be used: ${attempts[0]?.reason}`,
      {
        attempts,
      },
    );
  }
  throw new LayersGpuError(
    'no_backend',
    `no TensorFlow.js backend could be used: ${attempts.map((a) => `${a.name}: ${a.reason}`).join('; ')}`,
    { attempts },
  );
}

/** One line for logs: `backend wasm (SIMD, 1 thread); skipped node-gpu: not installed ...`. */
export function describeBackend(report: BackendReport): string {
  const wasm =
    report.wasm === undefined
      ? ''
      : ` (${report.wasm.simd ? 'SIMD' : 'no SIMD'}, ${report.wasm.threads} thread${report.wasm.threads === 1 ? '' : 's'})`;
  const skipped = report.attempts.filter((a) => a.outcome === 'not-installed' || a.outcome === 'failed');
  return `backend ${report.backend}${wasm}${skipped.length > 0 ? `; skipped ${skipped.map((a) => `${a.name}: ${a.reason}`).join('; ')}` : ''}`;
}
