/**
 * Side by side, in one process, interleaved round by round: the same network run by
 *   - cnnkit on tfjs wasm, 1 thread and 2 threads (the default on 2 cores), each both as the plain
 *     `model.predict` and through `optimizeForInference(model).predict` (batch norm folded, activation
 *     and padding fused: the default inference path),
 *   - cnnkit via ONNX Runtime (toOnnx + createOnnxRunner, CPU, 2 threads),
 *   - plain ONNX Runtime on a graph written node by node without cnnkit (bench/onnx-graphs.ts),
 *     these two each in a process of its own (bench/onnx-spin.bench.ts --row), round by round in
 *     alternating order: ONNX Runtime's default pool spins after a run (the plain session's does,
 *     cnnkit's runner's does not), and on 2 cores, in one process, the row after it was timed against
 *     that spinning thread (10–17 ms of its CPU during each of the runner's runs). Under load the
 *     plain session's own spinning slows it too, which favours the runner: read the ratio from a
 *     quiet machine (the load average is printed before and after),
 * for exercise 2 and ResNet-50 at batch 1 and 8. Prints one table with median ms (over every run of
 * every round), GFLOP/s (FLOPs from shape-math) and the ratio to plain ONNX Runtime, then
 * optimizeForInference's speed-up over model.predict per engine. Figures, not a timed test.
 *
 * Targets on a 2-core machine: default backend exercise 2 ≤ 50 ms, ResNet-50 ≤ 180 ms (batch 1);
 * the ONNX path within 1.2× of plain ONNX Runtime.
 *
 * `tsx bench/inference.bench.ts [--rounds 3] [--only exercise2|resnet50] [--batch 1|8]`
 */
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
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
const batches = arg('batch') === undefined ? [1, 8] : [Number(arg('batch'))];
const THREADS = 2;

interface Row {
  readonly network: string;
  readonly batch: number;
  readonly engine: string;
  readonly flop: number;
  readonly run: () => Promise<void>;
  readonly before?: () => Promise<void>;
  /** Rows of one group run on one engine: their samples alternate run by run (see below). */
  readonly group: string;
  readonly samples: number[];
  /** Timed in a child process of its own (bench/onnx-spin.bench.ts `--row`), not in the loop below. */
  readonly alone?: 'runner' | 'plain';
  readonly arch?: string;
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
  for (const batch of batches) {
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
        group: '1 thread',
      }),
      row({
        engine: 'cnnkit, tfjs wasm, 1 thread, optimized',
        run: optimizedForward,
        before: async () => void (await tf.setBackend(singleThread)),
        group: '1 thread',
      }),
      row({
        engine: `cnnkit, tfjs wasm, ${THREADS} threads, model.predict`,
        run: forward,
        before: async () => void (await tf.setBackend('wasm')),
        group: `${THREADS} threads`,
      }),
      row({
        engine: `cnnkit, tfjs wasm, ${THREADS} threads, optimized (default)`,
        run: optimizedForward,
        before: async () => void (await tf.setBackend('wasm')),
        group: `${THREADS} threads`,
      }),
      row({
        engine: `cnnkit via ONNX Runtime, ${THREADS} threads`,
        run: async () => void (await runner.runRaw(nhwc, x.shape)),
        group: 'onnxruntime',
        alone: 'runner',
        arch: network.arch,
      }),
      row({
        engine: `plain ONNX Runtime, ${THREADS} threads`,
        run: async () => void (await plain.session.run({ input: nchw })),
        group: 'onnxruntime',
        alone: 'plain',
        arch: network.arch,
      }),
    );
  }
}

console.log(
  `${cpus().length} logical cores of ${cpus()[0]?.model ?? 'an unknown CPU'}; load average before: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
/*
 * Rows on one engine alternate run by run (plain, optimised, optimised, plain, ...), so a burst of load from
 * another process hits both; a switch between the 1- and 2-thread backends moves every weight, so
 * it happens once per group, before its warm-up runs. `speedups` holds, per group, the ratio
 * model.predict / optimised of each adjacent pair: its median is robust to a busy machine.
 */
const speedups = new Map<string, number[]>();
for (let round = 0; round < rounds; round++) {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    if (row.alone !== undefined) continue;
    const key = `${row.network}|${row.batch}|${row.group}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  for (const [key, group] of groups) {
    await group[0]!.before?.();
    for (const row of group) await row.run(); // warm-up: weights move to this backend, kernels are prepared
    for (let i = 0; i < (group[0]!.batch === 1 ? 5 : 2); i++) {
      // The order flips every other run: whichever row runs second in a pair was measured slower
      // (the first one's garbage, caches), which a fixed order would charge to one row only.
      const times = new Map<Row, number>();
      for (const row of i % 2 === 0 ? group : [...group].reverse()) {
        const start = performance.now();
        await row.run();
        times.set(row, performance.now() - start);
        row.samples.push(times.get(row)!);
      }
      if (!key.endsWith('onnxruntime'))
        speedups.set(key, [...(speedups.get(key) ?? []), times.get(group[0]!)! / times.get(group[1]!)!]);
    }
  }
  // The ONNX Runtime rows, each in a fresh process of its own, the order flipped every round.
  const alone = rows.filter((row) => row.alone !== undefined);
  for (const row of round % 2 === 0 ? alone : [...alone].reverse()) {
    const child = spawnSync(
      process.execPath,
      [
        ...process.execArgv,
        fileURLToPath(new URL('./onnx-spin.bench.ts', import.meta.url)),
        ...['--only', row.arch!, '--batch', String(row.batch), '--row', row.alone!, '--json'],
        ...['--runs', String(row.batch === 1 ? 10 : 4)],
      ],
      { encoding: 'utf8', timeout: 600_000 },
    );
    const line = child.stdout.trim().split('\n').at(-1) ?? '';
    try {
      row.samples.push(...(JSON.parse(line) as { wall: number[] }[])[0]!.wall);
    } catch {
      throw new Error(
        `${row.engine} (${row.network}, batch ${row.batch}): the child run failed: ${child.stderr.slice(-300)}`,
      );
    }
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
  for (const batch of batches) {
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
// Before/after for optimizeForInference on the same engine: medians, and the median of paired ratios.
for (const [key, ratios] of speedups) {
  const [network, batch, threads] = key.split('|');
  const of = (suffix: string) =>
    med(
      rows.find(
        (r) =>
          r.network === network && String(r.batch) === batch && r.engine.includes(`${threads}, ${suffix}`),
      )!.samples,
    );
  console.log(
    `optimizeForInference ${network} batch ${batch}, ${threads}: model.predict ${of('model.predict').toFixed(1)} ms, optimised ${of('optimized').toFixed(1)} ms; paired speed-up ${med(ratios).toFixed(2)}× (${ratios.length} pairs)`,
  );
}
