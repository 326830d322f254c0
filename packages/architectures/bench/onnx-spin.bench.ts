/**
 * Why inference.bench.ts's "cnnkit via ONNX Runtime" row can miss 1.2× plain ONNX Runtime when the
 * runner is not slower: the two sessions share one process, and ONNX Runtime's pool threads spin-wait
 * for work after each run (`session.intra_op.allow_spinning`, on by default, so on in the plain
 * baseline; off in cnnkit's runners). The plain session's spinning thread then takes a core while
 * the runner's run that follows it computes, never the other way round.
 *
 * The same two rows and the same run-by-run alternation as inference.bench.ts (`runner.runRaw`
 * against `session.run` on bench/onnx-graphs.ts's graph), with each side's spinning settable, and
 * the CPU time of each thread group while each row runs, from `/proc/self/task/<tid>/schedstat`
 * (nanoseconds on a CPU, per thread): the caller's thread, the row's own ONNX Runtime pool and the
 * OTHER session's pool. The other pool's time during a row's runs is the interference; it does not
 * depend on the load, the wall times do. Linux only.
 *
 * `tsx bench/onnx-spin.bench.ts [--only exercise2|resnet50] [--batch 1] [--runs 30]
 *   [--runner-spin 0|1] [--plain-spin 0|1] [--row runner|plain]` (defaults: the runner's and ONNX
 * Runtime's own spinning; both rows. `--row` times one row alone, both sessions still open: run it
 * once per row in separate processes for each engine without the other's runs beside it.
 * `--json` prints each row's wall times as one line of JSON instead of the table.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { initBackend } from '@cnnkit/layers-gpu';
import { createOnnxRunner, createOnnxSession } from '@cnnkit/layers-gpu/onnx';
import * as tf from '@tensorflow/tfjs-core';
import { buildArchitecture } from '../src/build';
import { exercise2Onnx, resnet50Onnx } from './onnx-graphs';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? undefined : process.argv[i + 1];
};
const network = (arg('only') ?? 'exercise2') as 'exercise2' | 'resnet50';
const batch = Number(arg('batch') ?? 1);
const runs = Number(arg('runs') ?? 30);
const spin = (name: string) => (arg(name) === undefined ? {} : { spinning: arg(name) === '1' });

const threadIds = () => new Set(readdirSync('/proc/self/task'));
/** Nanoseconds on a CPU of these threads so far (a thread that has ended counts 0). */
const cpuNs = (ids: readonly string[]) => {
  let sum = 0;
  for (const id of ids) {
    try {
      sum += Number(readFileSync(`/proc/self/task/${id}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // the thread has ended
    }
  }
  return sum;
};

await initBackend({ env: {}, wasmThreads: 2 });
const built = buildArchitecture(network);
const [h, w, c] = (network === 'exercise2' ? [200, 300, 3] : [224, 224, 3]) as [number, number, number];
const options = { threads: 2, executionProvider: 'cpu' as const };
// The threads each session starts are those that appear while it opens.
const before = threadIds();
const plain = await createOnnxSession(network === 'exercise2' ? exercise2Onnx() : resnet50Onnx(), {
  ...options,
  ...spin('plain-spin'),
});
const afterPlain = threadIds();
const runner = await createOnnxRunner(built.model, { ...options, ...spin('runner-spin') });
const plainPool = [...afterPlain].filter((id) => !before.has(id));
const runnerPool = [...threadIds()].filter((id) => !afterPlain.has(id));
const caller = [String(process.pid)];

const nchw = new plain.ort.Tensor('float32', new Float32Array(batch * h * w * c), [batch, c, h, w]);
const x = tf.randomNormal([batch, h, w, c]);
const nhwc = (await x.data()) as Float32Array;
interface Row {
  readonly name: string;
  readonly run: () => Promise<unknown>;
  readonly own: readonly string[];
  readonly other: readonly string[];
  readonly wall: number[];
  /** CPU ns during this row's runs: caller thread, own pool, the other session's pool. */
  readonly cpu: [number, number, number];
}
const rows: Row[] = [
  {
    name: `cnnkit via ONNX Runtime (spinning ${runner.report.spinning})`,
    run: () => runner.runRaw(nhwc, x.shape),
    own: runnerPool,
    other: plainPool,
    wall: [],
    cpu: [0, 0, 0],
  },
  {
    name: `plain ONNX Runtime (spinning ${plain.report.spinning})`,
    run: () => plain.session.run({ input: nchw }),
    own: plainPool,
    other: runnerPool,
    wall: [],
    cpu: [0, 0, 0],
  },
];
const only = arg('row');
if (only !== undefined) rows.splice(only === 'runner' ? 1 : 0, 1);
for (const row of rows) await row.run(); // warm-up
for (let i = 0; i < runs; i++) {
  // The order flips every run, as in inference.bench.ts.
  for (const row of i % 2 === 0 ? rows : [...rows].reverse()) {
    const start = [cpuNs(caller), cpuNs(row.own), cpuNs(row.other)];
    const t = performance.now();
    await row.run();
    row.wall.push(performance.now() - t);
    row.cpu[0] += cpuNs(caller) - start[0]!;
    row.cpu[1] += cpuNs(row.own) - start[1]!;
    row.cpu[2] += cpuNs(row.other) - start[2]!;
  }
}

// `--json`: one line, each row's wall times (inference.bench.ts runs one row per child process).
if (process.argv.includes('--json')) {
  console.log(JSON.stringify(rows.map((row) => ({ name: row.name, wall: row.wall }))));
  process.exit(0);
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ms = (ns: number) => (ns / runs / 1e6).toFixed(1);
console.log(
  `${network} batch ${batch}, ${runs} runs a row; pool threads: runner ${runnerPool.length}, plain ${plainPool.length}`,
);
console.log('| row | wall ms (median) | CPU ms a run: caller | own pool | OTHER session’s pool |');
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const row of rows)
  console.log(
    `| ${row.name} | ${median(row.wall).toFixed(1)} | ${ms(row.cpu[0])} | ${ms(row.cpu[1])} | ${ms(row.cpu[2])} |`,
  );
console.log(
  `${rows.length === 2 ? `runner / plain: ${(median(rows[0]!.wall) / median(rows[1]!.wall)).toFixed(2)}×; ` : ''}load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
