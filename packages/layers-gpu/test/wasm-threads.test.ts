import { readdirSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, test } from 'vitest';
import { describeBackend, initBackend } from '../src/index';
import { describeTfjsEngine, MAX_WASM_THREADS, planWasmThreads } from '../src/wasm-threads';
import { runScriptInFreshProcess } from './helpers';

describe('planWasmThreads', () => {
  test.each([
    // tfjs's own default is cores / 2 (one thread on 2 vCPUs); cnnkit uses every logical core.
    { requested: undefined, env: {}, cores: 2, threads: 2 },
    { requested: undefined, env: {}, cores: 1, threads: 1 },
    { requested: undefined, env: {}, cores: 64, threads: MAX_WASM_THREADS },
    { requested: undefined, env: { CNNKIT_WASM_THREADS: '1' }, cores: 2, threads: 1 },
    { requested: 3, env: { CNNKIT_WASM_THREADS: '1' }, cores: 2, threads: 3 },
  ])('$requested / $env on $cores cores → $threads', ({ requested, env, cores, threads }) => {
    expect(planWasmThreads(requested, env, cores).threads).toBe(threads);
  });

  test('a count outside 1..8 is refused with what is allowed', () => {
    expect(() =>
      planWasmThreads(undefined, { CNNKIT_WASM_THREADS: 'two' }, 2),
    ).toThrowErrorMatchingInlineSnapshot(
      `[LayersGpuError: env CNNKIT_WASM_THREADS: wasm threads "two" must be an integer from 1 to 8]`,
    );
    expect(() => planWasmThreads(9, {}, 2)).toThrow(/from 1 to 8/);
  });
});

describe('the wasm backend on two threads', () => {
  test('initBackend runs the threaded-SIMD build with the asked thread count, and its pthreads really start', async () => {
    const tasksBefore = readdirSync('/proc/self/task').length;
    const report = await initBackend({ force: 'wasm', env: {}, wasmThreads: 2 });
    expect(report.wasm).toMatchObject({ simd: true, threads: 2 });
    expect(report.wasm?.threadsReason).toBe('2 threads: options.wasmThreads asked for 2');
    expect(report.warnings).toEqual([]);
    expect(describeBackend(report)).toContain('backend wasm (SIMD, 2 threads)');

    // XNNPACK's pool reports its size, and Emscripten runs one pthread per extra thread.
    const backend = tf.backend() as unknown as {
      wasm: { tfjs: { getThreadsCount(): number }; PThread: { runningWorkers: unknown[] } };
    };
    expect(backend.wasm.tfjs.getThreadsCount()).toBe(2);
    expect(backend.wasm.PThread.runningWorkers.length).toBeGreaterThanOrEqual(1);
    expect(readdirSync('/proc/self/task').length).toBeGreaterThan(tasksBefore);
    expect(describeTfjsEngine()).toBe('tfjs wasm (2 threads)');

    // The threaded build computes what the pure-JS cpu backend computes.
    const x = tf.randomNormal([1, 40, 60, 3], 0, 1, 'float32', 7);
    const w = tf.randomNormal([5, 5, 3, 16], 0, 0.2, 'float32', 8);
    const onWasm = await tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 2, 'same').data();
    await tf.setBackend('cpu');
    const onCpu = await tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 2, 'same').data();
    await tf.setBackend('wasm');
    expect(onWasm.length).toBe(onCpu.length);
    let worst = 0;
    for (let i = 0; i < onCpu.length; i++) worst = Math.max(worst, Math.abs(onWasm[i]! - onCpu[i]!));
    expect(worst).toBeLessThan(1e-4);
  });
});

describe('a process on the threaded wasm backend', () => {
  test('exits by itself once its work is done (the pool threads do not hold it open)', () => {
    const script = [
      "import * as tf from '@tensorflow/tfjs-core';",
      "import { initBackend } from './src/index';",
      'const report = await initBackend({ force: "wasm", env: {}, wasmThreads: 2 });',
      'const y = tf.conv2d(tf.ones([1, 32, 32, 8]), tf.ones([3, 3, 8, 8]), 1, "same");',
      'console.log(report.wasm.threads, (await y.data())[0]);',
    ];
    const result = runScriptInFreshProcess('exit-check', script);
    // 8 channels × a 2×2 corner window of ones = 32 at the top-left output.
    expect(result.stdout.trim()).toBe('2 32');
    expect(result.status).toBe(0);
  }, 70_000);
});
