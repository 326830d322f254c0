/**
 * Side by side, in one process, interleaved round by round: the same network run by
 *   - cnnkit on tfjs wasm, 1 thread and 2 threads (the default on 2 cores), each both as the plain
 *     `model.predict` and through `optimizeForInference(model).predict` (batch norm folded, activation
 *     and padding fused: the default inference path),
 *   - cnnkit via ONNX Runtime (toOnnx + createOnnxRunner, CPU, 2 threads),
 *   - plain ONNX Runtime on a graph written node by node without cnnkit (bench/onnx-graphs.ts),
 * for exercise 2 and ResNet-50 at batch 1 and 8. Prints one table with median ms, GFLOP/s (FLOPs
 * from shape-math) and the ratio to plain ONNX Runtime. Figures, not a timed test.
 *
 * Targets on a 2-core machine: default backend exercise 2 ≤ 50 ms, ResNet-50 ≤ 180 ms (batch 1);
 * the ONNX path within 1.2× of plain ONNX Runtime.
 *
 * `tsx bench/inference.bench.ts [--rounds 3] [--only exercise2|resnet50]`
 */
import { cpus, loadavg } from 'node:os';
import { initBackend, optimizeForInference, registerSingleThreadedWasm } from '@cnnkit/layers-gpu';
import { createOnnxRunner, createOnnxSession } from '@cnnkit/layers-gpu/onnx';
import * as tf from '@tensorflow/tfjs-core';
import { buildArchitecture } from '../src/build';
import { exercise2Onnx, resnet50Onnx } from './onnx-graphs';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? undefined : process.argv[i + 1];
};
const rounds = Number(arg('rounds') ?? 3);
const only = arg('only');
const THREADS = 2;

async function median(runs: number, fn: () => Promise<void>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

interface Row {
  readonly network: string;
  readonly batch: number;
  readonly engine: string;
  readonly flop: number;
  readonly run: () => Promise<void>;
  readonly before?: () => Promise<void>;
  readonly samples: number[];
}

const report = await initBackend({ env: {}, wasmThreads: THREADS });
if (report.backend !== 'wasm' || report.wasm?.threads !== THREADS)
  console.log(
    `warning: default backend is ${report.backend} with ${report.wasm?.threads} threads (${report.wasm?.threadsReason})`,
  );
const singleThread = await registerSingleThreadedWasm();

const rows: Row[] = [];
const networks = [
  { name: 'exercise 2', arch: 'exercise2' as const, input: [200, 300, 3], plain: exercise2Onnx },
  { name: 'ResNet-50', arch: 'resnet50' as const, input: [224, 224, 3], plain: resnet50Onnx },
].filter((n) => only === undefined || n.arch === only);

for (const network of networks) {
  const built = buildArchitecture(network.arch);
  const flop = built.report.totals.flops;
  const optimized = optimizeForInference(built.model);
  console.log(
    `${network.name}: optimizeForInference folded ${optimized.rewrite.foldedBatchNorms} batch norms, fused ${optimized.rewrite.fusedActivations} activations and ${optimized.rewrite.foldedPaddings} paddings: ${optimized.rewrite.steps} steps for ${optimized.rewrite.layers} layers`,
  );
  const runner = await createOnnxRunner(built.model, { threads: THREADS, executionProvider: 'cpu' });
  const plain = await createOnnxSession(network.plain(), { threads: THREADS, executionProvider: 'cpu' });
  for (const batch of [1, 8]) {
    const x = tf.randomNormal([batch, ...network.input]);
    const nhwc = (await x.data()) as Float32Array;
    const [h, w, c] = network.input as [number, number, number];
    const nchw = new plain.ort.Tensor('float32', new Float32Array(batch * h * w * c), [batch, c, h, w]);
    const forward = async () => {
      const y = built.model.predict(x) as tf.Tensor;
      await y.data();
      y.dispose();
    };
    const optimizedForward = async () => {
      const y = optimized.predict(x) as tf.Tensor;
      await y.data();
      y.dispose();
    };
    const common = { network: network.name, batch, flop: flop * batch };
    const row = (fields: Omit<Row, 'samples' | keyof typeof common>): Row => ({
      ...common,
      ...fields,
      samples: [],
    });
    rows.push(
      row({
        engine: 'cnnkit, tfjs wasm, 1 thread, model.predict',
        run: forward,
        before: async () => void (await tf.setBackend(singleThread)),
      }),
      row({
        engine: 'cnnkit, tfjs wasm, 1 thread, optimized',
        run: optimizedForward,
        before: async () => void (await tf.setBackend(singleThread)),
      }),
      row({
        engine: `cnnkit, tfjs wasm, ${THREADS} threads, model.predict`,
        run: forward,
        before: async () => void (await tf.setBackend('wasm')),
      }),
      row({
        engine: `cnnkit, tfjs wasm, ${THREADS} threads, optimized (default)`,
        run: optimizedForward,
        before: async () => void (await tf.setBackend('wasm')),
      }),
      row({
        engine: `cnnkit via ONNX Runtime, ${THREADS} threads`,
        run: async () => void (await runner.runRaw(nhwc, x.shape)),
      }),
      row({
        engine: `plain ONNX Runtime, ${THREADS} threads`,
        run: async () => void (await plain.session.run({ input: nchw })),
      }),
    );
  }
}

console.log(
  `${cpus().length} logical cores of ${cpus()[0]?.model ?? 'an unknown CPU'}; load average before: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
for (let round = 0; round < rounds; round++) {
  for (const row of rows) {
    await row.before?.();
    await row.run(); // warm-up: weights move to this backend, kernels are prepared
    row.samples.push(await median(row.batch === 1 ? 5 : 2, row.run));
  }
  console.log(`round ${round + 1}/${rounds} done, load average ${loadavg()[0]!.toFixed(2)}`);
}

const med = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
console.log('\n| network | batch | engine | ms (median) | GFLOP/s | × plain ORT |');
console.log('| --- | ---: | --- | ---: | ---: | ---: |');
for (const row of rows) {
  const ms = med(row.samples);
  const plainRow = rows.find(
    (r) => r.network === row.network && r.batch === row.batch && r.engine.startsWith('plain'),
  )!;
  const ratio = ms / med(plainRow.samples);
  console.log(
    `| ${row.network} | ${row.batch} | ${row.engine} | ${ms.toFixed(1)} | ${(row.flop / (ms / 1000) / 1e9).toFixed(1)} | ${ratio.toFixed(2)} |`,
  );
}
console.log(
  `\nload average after: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
const target = (network: string, engine: string, limit: number) => {
  const row = rows.find((r) => r.network === network && r.batch === 1 && r.engine.includes(engine));
  if (row === undefined) return;
  const ms = med(row.samples);
  console.log(
    `target ${network} ${engine} batch 1 ≤ ${limit} ms: ${ms.toFixed(1)} ms ${ms <= limit ? 'OK' : 'MISSED'}`,
  );
};
target('exercise 2', '(default)', 50);
target('ResNet-50', '(default)', 180);
for (const network of networks) {
  for (const batch of [1, 8]) {
    const of = (prefix: string) =>
      med(
        rows.find((r) => r.network === network.name && r.batch === batch && r.engine.startsWith(prefix))!
          .samples,
      );
    const ratio = of('cnnkit via') / of('plain');
    console.log(
      `target ${network.name} batch ${batch} ONNX path ≤ 1.2× plain ORT: ${ratio.toFixed(2)}× ${ratio <= 1.2 ? 'OK' : 'MISSED'}`,
    );
  }
}
// Before/after for optimizeForInference: the same engine, model.predict over the optimised predict.
for (const network of networks) {
  for (const batch of [1, 8]) {
    for (const threads of ['1 thread', `${THREADS} threads`]) {
      const of = (suffix: string) =>
        med(
          rows.find(
            (r) =>
              r.network === network.name && r.batch === batch && r.engine.includes(`${threads}, ${suffix}`),
          )!.samples,
        );
      const plainMs = of('model.predict');
      const optimizedMs = of('optimized');
      console.log(
        `optimizeForInference ${network.name} batch ${batch}, ${threads}: ${plainMs.toFixed(1)} → ${optimizedMs.toFixed(1)} ms (${(plainMs / optimizedMs).toFixed(2)}× faster)`,
      );
    }
  }
}
