import { availableParallelism } from 'node:os';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, test } from 'vitest';
import { BACKEND_NAMES, describeBackend, initBackend, LayersGpuError } from '../src/index';

/** A loader where the native backends are absent, as on any machine without libtensorflow. */
function loaderWithout(missing: readonly string[], failing: Record<string, string> = {}) {
  return async (specifier: string) => {
    if (missing.includes(specifier)) {
      const error = new Error(`Cannot find package '${specifier}' imported from cnnkit`) as Error & {
        code: string;
      };
      error.code = 'ERR_MODULE_NOT_FOUND';
      throw error;
    }
    if (failing[specifier] !== undefined) throw new Error(failing[specifier]);
    return import(/* @vite-ignore */ specifier);
  };
}
const NATIVE = ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node'];

describe('initBackend', () => {
  test('without the native backends it chooses wasm with SIMD and says why the others were skipped', async () => {
    const report = await initBackend({ env: {}, importModule: loaderWithout(NATIVE) });
    expect(report.backend).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(report.attempts.map((a) => [a.name, a.outcome])).toEqual([
      ['node-gpu', 'not-installed'],
      ['node', 'not-installed'],
      ['wasm', 'chosen'],
      ['cpu', 'not-tried'],
    ]);
    expect(report.wasm?.simd).toBe(true);
    expect(report.warnings).toEqual([]);
    // By default one wasm thread per logical core, at most 8 (Emscripten's preallocated pthreads).
    const threads = Math.min(availableParallelism(), 8);
    expect(report.wasm?.threads).toBe(threads);
    expect(describeBackend(report)).toContain(
      `backend wasm (SIMD, ${threads} thread${threads === 1 ? '' : 's'}); skipped node-gpu: not installed`,
    );
  });

  test("with the real loader it picks the first backend that works and registers wasm's missing gradient kernels", async () => {
    const report = await initBackend({ env: {} });
    expect(BACKEND_NAMES).toContain(report.backend);
    expect(report.attempts.find((a) => a.outcome === 'chosen')?.name).toBe(report.backend);
    if (report.backend === 'wasm') {
      expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeDefined();
    }
  });

  test('the environment variable forces a backend', async () => {
    const report = await initBackend({ env: { CNNKIT_BACKEND: 'cpu' } });
    expect(report).toMatchObject({ backend: 'cpu', source: 'env CNNKIT_BACKEND', warnings: [] });
    expect(tf.getBackend()).toBe('cpu');
  });

  test('an unknown backend name is refused with the allowed names', async () => {
    await expect(initBackend({ env: { CNNKIT_BACKEND: 'cuda' } })).rejects.toThrowErrorMatchingInlineSnapshot(
      `[LayersGpuError: CNNKIT_BACKEND: unknown backend "cuda": allowed node-gpu, node, wasm, cpu]`,
    );
    await expect(initBackend({ force: 'webgpu' as never })).rejects.toMatchObject({
      code: 'unknown_backend',
    });
  });

  test('a forced backend that cannot load fails loudly instead of falling back', async () => {
    const error = await initBackend({
      force: 'node-gpu',
      env: {},
      importModule: loaderWithout(NATIVE),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LayersGpuError);
    expect((error as LayersGpuError).code).toBe('backend_unavailable');
    expect((error as Error).message).toMatchInlineSnapshot(
      `"backend node-gpu was forced (options.force) but cannot be used: not installed (optional: install @tensorflow/tfjs-node-gpu on a machine with CUDA)"`,
    );
  });

  test('when wasm fails, cpu is chosen with a warning, never silently', async () => {
    const report = await initBackend({
      env: {},
      importModule: loaderWithout(NATIVE, {
        '@tensorflow/tfjs-backend-wasm': 'WebAssembly.instantiate(): out of memory',
      }),
    });
    expect(report.backend).toBe('cpu');
    expect(report.attempts.find((a) => a.name === 'wasm')).toMatchObject({ outcome: 'failed' });
    expect(report.warnings.join('\n')).toContain(
      'wasm failed (@tensorflow/tfjs-backend-wasm failed to load: WebAssembly.instantiate(): out of memory)',
    );
  });

  test('a native module that loads but registers no backend with our tfjs-core is reported, not trusted', async () => {
    const report = await initBackend({
      env: {},
      prefer: ['node', 'wasm'],
      importModule: async (specifier) =>
        specifier === '@tensorflow/tfjs-node' ? {} : import(/* @vite-ignore */ specifier),
    });
    expect(report.source).toBe('options.prefer');
    expect(report.backend).toBe('wasm');
    expect(report.attempts[0]!.reason).toContain(
      'registered no "tensorflow" backend with this copy of @tensorflow/tfjs-core',
    );
  });
});
