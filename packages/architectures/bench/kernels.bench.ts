/**
 * Where a forward pass spends its time, kernel by kernel, on 1 and on 2 wasm threads, for the plain
 * `model.predict` and for `optimizeForInference`: which ops the thread pool speeds up (XNNPACK's
 * convolutions) and which run on one thread whatever the setting (batch norm, ReLU, add passes).
 * Times come from `tf.profile` (wasm kernels are synchronous, so a kernel's time is its wall time);
 * each figure is the median of `--runs` profiled passes, the engines interleaved run by run.
 *
 * `tsx bench/kernels.bench.ts [--network resnet50] [--runs 3]`
 */
import { loadavg } from 'node:os';
import { initBackend, optimizeForInference, registerSingleThreadedWasm } from '@cnnkit/layers-gpu';
import * as tf from '@tensorflow/tfjs-core';
import { buildArchitecture } from '../src/build';
import { ARCHITECTURES, type ArchitectureName } from '../src/index';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? undefined : process.argv[i + 1];
};
const network = (arg('network') ?? 'resnet50') as ArchitectureName;
const runs = Number(arg('runs') ?? 3);

await initBackend({ env: {}, wasmThreads: 2 });
const singleThread = await registerSingleThreadedWasm();
const built = buildArchitecture(network);
const optimized = optimizeForInference(built.model);
const x = tf.randomNormal([1, ...ARCHITECTURES[network].defaultInputShape]);

const engines = [
  { name: 'model.predict', predict: () => built.model.predict(x) as tf.Tensor },
  { name: 'optimized', predict: () => optimized.predict(x) as tf.Tensor },
];
const backends = [
  { name: '1 thread', tfName: singleThread },
  { name: '2 threads', tfName: 'wasm' },
];

/** kernel name → per-run total ms, per engine and backend. */
const samples = new Map<string, Map<string, number[]>>();
const totals = new Map<string, number[]>();
console.log(`${network}, batch 1; load average before: ${loadavg()[0]!.toFixed(2)}`);
for (const backend of backends) {
  await tf.setBackend(backend.tfName);
  for (const engine of engines) tf.dispose(engine.predict()); // warm-up: weights move, kernels are prepared
  for (let run = 0; run < runs; run++) {
    for (const engine of run % 2 === 0 ? engines : [...engines].reverse()) {
      const key = `${engine.name}, ${backend.name}`;
      const start = performance.now();
      const profile = await tf.profile(() => {
        const y = engine.predict();
        y.dataSync();
        y.dispose();
      });
      totals.set(key, [...(totals.get(key) ?? []), performance.now() - start]);
      const perKernel = new Map<string, number>();
      // Top-level kernels only: a fused op's wrapper (e.g. `fusedConv2d__op`) would count its kernel twice.
      for (const kernel of profile.kernels)
        if (!kernel.name.includes('__op'))
          perKernel.set(kernel.name, (perKernel.get(kernel.name) ?? 0) + (kernel.kernelTimeMs as number));
      for (const [name, ms] of perKernel) {
        const byKey = samples.get(name) ?? new Map<string, number[]>();
        byKey.set(key, [...(byKey.get(key) ?? []), ms]);
        samples.set(name, byKey);
      }
    }
  }
}

const med = (values: readonly number[] | undefined) =>
  values === undefined || values.length === 0
    ? 0
    : [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
for (const engine of engines) {
  console.log(
    `\n${engine.name}:\n| kernel | 1 thread ms | 2 threads ms | speed-up |\n| --- | ---: | ---: | ---: |`,
  );
  const rows = [...samples]
    .map(([name, byKey]) => ({
      name,
      one: med(byKey.get(`${engine.name}, 1 thread`)),
      two: med(byKey.get(`${engine.name}, 2 threads`)),
    }))
    .filter((row) => row.one + row.two > 0.05)
    .sort((a, b) => b.one - a.one);
  for (const row of rows)
    console.log(
      `| ${row.name} | ${row.one.toFixed(1)} | ${row.two.toFixed(1)} | ${row.two > 0 ? (row.one / row.two).toFixed(2) : '-'}× |`,
    );
  const one = med(totals.get(`${engine.name}, 1 thread`));
  const two = med(totals.get(`${engine.name}, 2 threads`));
  console.log(
    `| whole pass (wall, profiled) | ${one.toFixed(1)} | ${two.toFixed(1)} | ${(one / two).toFixed(2)}× |`,
  );
}
console.log(`\nload average after: ${loadavg()[0]!.toFixed(2)}`);
optimized.dispose();
built.model.dispose();
tf.dispose(x);
