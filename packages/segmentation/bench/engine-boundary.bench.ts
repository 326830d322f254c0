/**
 * Where exercise 2's `prepareInference` (auto → ONNX Runtime) time goes. Each variant runs in its
 * own child process (one ONNX Runtime session per process, as in vs-pytorch.bench.ts), the
 * variants alternating round by round; medians, p10/p90 and the process CPU time per run, with the
 * load average. `tsx --conditions=@cnnkit/source bench/engine-boundary.bench.ts [--rounds 4]
 * [--runs 30] [--variants plain,auto,auto-nospin,plain-nospin,plain-tfjs,raw]`
 *
 * Variants: `plain` (ONNX Runtime on the graph written node by node, onnx-graphs.ts), `export`
 * (ONNX Runtime called directly on cnnkit's own export of the network: the same bytes `auto` runs,
 * without the tfjs boundary; `-random` feeds a non-zero input), `auto` (`prepareInference`'s `run`,
 * the caller reading the output with `data()`; `-nodata`: not reading it; `-values`: `runValues`),
 * `raw` (the runner's `runRaw` on arrays), `plain-tfjs` (plain after a tfjs prediction in the same
 * process). Suffixes: `-nospin` (pool threads never spin), `-runspin` (export only: spinning during a
 * run, stopped after each, ONNX Runtime's `session.force_spinning_stop`). Spinning is on otherwise.
 *
 * `--boundary`: the tfjs boundary's pieces alone (reading the input, making the output a tensor, the
 * caller's read-back), then the runner's own boundary code around a stand-in ONNX Runtime that only
 * writes the output: garbage collections, wall and CPU a call of `runValues`, `run` + `data()`, `run`
 * as it was before (output copied into the heap and out again) + `data()`, and a plain caller's fresh
 * output array. `--ort-profile`: ONNX
 * Runtime's own per-node profile of cnnkit's export on 1 thread. `--paired`: one runner in one
 * process, run by run: ONNX Runtime directly on the same bytes, `runRaw` (arrays only), `runValues`,
 * `run` (tensors in and out), `run` + the caller's `data()`, and `run` as it was before it kept ONNX
 * Runtime's output array (copied into the heap and out again) + `data()`, with major GCs per path.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { buildModel, initBackend, optimizeForInference, prepareInference } from '@cnnkit/layers-gpu';
import { createOnnxRunner, createOnnxSession } from '@cnnkit/layers-gpu/onnx';
import { exercise2Spec } from '@cnnkit/shape-math';
import * as tf from '@tensorflow/tfjs-core';
import { exercise2Onnx } from '../../architectures/bench/onnx-graphs';
import { loadAverage as load } from './bench-helpers';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : process.argv[i + 1]!;
};
const THREADS = 2;
const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
const pct = (v: number[], p: number) => [...v].sort((a, b) => a - b)[Math.floor(v.length * p)]!;

/** One variant in this process: samples (wall ms) and CPU ms per run. */
async function child(variant: string, runs: number): Promise<{ wall: number[]; cpu: number[] }> {
  let step: () => Promise<void>;
  const spinning = !variant.includes('-nospin');
  if (variant.startsWith('export')) {
    // ONNX Runtime called directly (no tfjs boundary) on cnnkit's own export of the same network:
    // the graph against the hand-written one, the runner against the graph.
    await initBackend({ env: {}, wasmThreads: THREADS });
    const { toOnnx } = await import('@cnnkit/layers-gpu/onnx');
    const exported = toOnnx(buildModel(exercise2Spec()).model);
    const opened = await createOnnxSession(exported.bytes, {
      threads: THREADS,
      executionProvider: 'cpu',
      spinning,
    });
    let plain = opened;
    if (variant.includes('-runspin')) {
      const spin = { allow_spinning: '1' };
      const session = await (
        opened.ort.InferenceSession as unknown as {
          create(b: Uint8Array, o: object): Promise<typeof opened.session>;
        }
      ).create(exported.bytes, {
        executionProviders: ['cpu'],
        intraOpNumThreads: THREADS,
        interOpNumThreads: 1,
        executionMode: 'sequential',
        graphOptimizationLevel: 'all',
        extra: { session: { intra_op: spin, inter_op: spin, force_spinning_stop: '1' } },
      });
      await opened.session.release();
      plain = { ...opened, session };
    }
    const data = new Float32Array(3 * 200 * 300);
    if (variant.includes('-random')) for (let i = 0; i < data.length; i++) data[i] = Math.sin(i);
    const input = new plain.ort.Tensor('float32', data, [1, 200, 300, 3]);
    step = async () => {
      await plain.session.run({ [exported.inputName]: input });
    };
  } else if (variant.startsWith('plain') && !variant.startsWith('plain-tfjs')) {
    const plain = await createOnnxSession(exercise2Onnx(), {
      threads: THREADS,
      executionProvider: 'cpu',
      spinning,
    });
    const input = new plain.ort.Tensor('float32', new Float32Array(3 * 200 * 300), [1, 3, 200, 300]);
    step = async () => {
      await plain.session.run({ input });
    };
  } else {
    await initBackend({ env: {}, wasmThreads: THREADS });
    const built = buildModel(exercise2Spec());
    const x = tf.randomNormal([1, 200, 300, 3]);
    if (variant === 'plain-tfjs') {
      // tfjs initialised and used once, then plain ONNX Runtime: does the wasm backend's presence cost?
      const opt = optimizeForInference(built.model);
      tf.dispose(opt.predict(x));
      const plain = await createOnnxSession(exercise2Onnx(), { threads: THREADS, executionProvider: 'cpu' });
      const input = new plain.ort.Tensor('float32', new Float32Array(3 * 200 * 300), [1, 3, 200, 300]);
      step = async () => {
        await plain.session.run({ input });
      };
    } else if (variant === 'raw') {
      const runner = await createOnnxRunner(built.model, { threads: THREADS, executionProvider: 'cpu' });
      const data = x.dataSync() as Float32Array;
      step = async () => {
        await runner.runRaw(data, x.shape);
      };
    } else {
      const runner = await prepareInference(built.model, { threads: THREADS, spinning });
      // `-nodata`: the caller never reads the output back (no fresh 1.5 MB array a run);
      // `-values`: the caller reads it through `runValues` (the runner's reused array).
      const read = !variant.includes('-nodata');
      step = variant.includes('-values')
        ? async () => {
            await runner.runValues(x);
          }
        : async () => {
            const y = await runner.run(x);
            if (read) await y.data();
            y.dispose();
          };
    }
  }
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs + 2; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    await step();
    const dt = performance.now() - t;
    const dc = process.cpuUsage(c);
    if (i >= 2) {
      wall.push(dt);
      cpu.push((dc.user + dc.system) / 1000);
    }
  }
  return { wall, cpu };
}

/** The boundary's pieces, and GCs/CPU of copies vs reused buffers (see the header). */
async function boundary(runs: number): Promise<void> {
  await initBackend({ env: {}, wasmThreads: THREADS });
  const built = buildModel(exercise2Spec());
  const x = tf.randomNormal([1, 200, 300, 3]);
  const out = new Float32Array(25 * 38 * 400).fill(1);
  const pieces: Record<string, number[]> = {
    'input data()': [],
    'tf.tensor(output)': [],
    'output data()': [],
  };
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    await x.data();
    pieces['input data()']!.push(performance.now() - t);
    t = performance.now();
    const y = tf.tensor(out, [1, 25, 38, 400]);
    pieces['tf.tensor(output)']!.push(performance.now() - t);
    t = performance.now();
    await y.data();
    pieces['output data()']!.push(performance.now() - t);
    y.dispose();
  }
  for (const [k, v] of Object.entries(pieces))
    console.log(`${k.padEnd(20)} median ${median(v).toFixed(3)} ms`);

  // The runner's own boundary code against a stand-in ONNX Runtime that only writes the output (the
  // same values each run) into the array it is handed, as ONNX Runtime's last node does: what the
  // runner adds around a run, without the run's own noise. `plain` is what a plain ONNX Runtime
  // caller gets: a fresh output array a run, filled (onnxruntime-node copies its output into one).
  const size = 25 * 38 * 400;
  const written = new Float32Array(size).map((_, i) => Math.sin(i));
  const standIn = async () => ({
    InferenceSession: {
      async create() {
        return {
          async run(_feeds: unknown, fetches?: Record<string, { data: Float32Array }>) {
            const target = Object.values(fetches ?? {})[0]?.data ?? new Float32Array(size);
            target.set(written);
            return new Proxy({}, { get: () => ({ data: target, dims: [1, 25, 38, 400] }) });
          },
          async release() {},
        };
      },
    },
    Tensor: class {
      constructor(
        readonly type: string,
        readonly data: Float32Array,
        readonly dims: readonly number[],
      ) {}
    },
    env: { versions: { common: 'stand-in' } },
  });
  const runner = await createOnnxRunner(built.model, {
    threads: THREADS,
    gpu: { nvidiaGpu: false, cudaProvider: false, renderNode: false },
    importModule: standIn,
  });
  const sink: unknown[] = [];
  const paths: Record<string, () => Promise<void>> = {
    'plain (fresh array)': async () => {
      const fresh = new Float32Array(size);
      fresh.set(written);
      sink[0] = fresh;
    },
    runValues: async () => {
      sink[0] = (await runner.runValues(x)).data;
    },
    'run + data()': async () => {
      const y = await runner.run(x);
      sink[0] = await y.data();
      y.dispose();
    },
    // `run` before it kept the array: the reused output copied into the heap, then out by data().
    'run (copy) + data()': async () => {
      const out = await runner.runValues(x);
      const y = tf.tensor(out.data, [...out.shape], 'float32');
      sink[0] = await y.data();
      y.dispose();
    },
  };
  let major = 0;
  let minor = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const kind = (e as unknown as { detail?: { kind?: number } }).detail?.kind;
      if (kind === constants.NODE_PERFORMANCE_GC_MINOR) minor++;
      else major++;
    }
  }).observe({ entryTypes: ['gc'] });
  const names = Object.keys(paths);
  for (const p of [...names, ...[...names].reverse()]) {
    await new Promise((r) => setTimeout(r, 100));
    major = 0;
    minor = 0;
    const c = process.cpuUsage();
    const t = performance.now();
    for (let i = 0; i < runs; i++) await paths[p]!();
    const wall = performance.now() - t;
    await new Promise((r) => setTimeout(r, 100));
    const d = process.cpuUsage(c);
    console.log(
      `${p.padEnd(20)} ${runs} calls: ${major} major/incremental GCs, ${minor} minor; wall ${(wall / runs).toFixed(2)} ms, CPU ${((d.user + d.system) / 1000 / runs).toFixed(2)} ms a call (+100 ms idle after)`,
    );
  }
  await runner.release();
}

/** ONNX Runtime's per-node profile of cnnkit's export (1 thread): kernel time per node, medians. */
async function ortProfile(runs: number): Promise<void> {
  await initBackend({ env: {}, wasmThreads: 1 });
  const built = buildModel(exercise2Spec());
  const { toOnnx } = await import('@cnnkit/layers-gpu/onnx');
  const exported = toOnnx(built.model);
  const { ort } = await createOnnxSession(exported.bytes, { threads: 1, executionProvider: 'cpu' });
  const prefix = join(mkdtempSync(join(tmpdir(), 'cnnkit-ort-profile-')), 'ex2');
  const session = await (
    ort.InferenceSession as unknown as {
      create(b: Uint8Array, o: object): Promise<{ run(f: object): Promise<unknown>; endProfiling(): void }>;
    }
  ).create(exported.bytes, {
    executionProviders: ['cpu'],
    intraOpNumThreads: 1,
    graphOptimizationLevel: 'all',
    enableProfiling: true,
    profileFilePrefix: prefix,
  });
  const data = new Float32Array(200 * 300 * 3).map((_, i) => Math.sin(i));
  for (let i = 0; i < runs; i++)
    await session.run({ [exported.inputName]: new ort.Tensor('float32', data, [1, 200, 300, 3]) });
  session.endProfiling();
  const dir = dirname(prefix);
  const file = readdirSync(dir).find((f) => f.endsWith('.json'))!;
  const events = JSON.parse(readFileSync(join(dir, file), 'utf8')) as {
    cat: string;
    name: string;
    dur: number;
    args: { op_name?: string };
  }[];
  const perNode = new Map<string, number[]>();
  for (const e of events)
    if ((e.cat === 'Node' && e.name.endsWith('_kernel_time')) || e.name === 'model_run') {
      const key =
        e.name === 'model_run' ? 'whole run' : `${e.name.replace('_kernel_time', '')} (${e.args.op_name})`;
      perNode.set(key, [...(perNode.get(key) ?? []), e.dur / 1000]);
    }
  for (const [k, v] of perNode) console.log(`${k.padEnd(40)} median ${median(v).toFixed(2)} ms`);
}

/**
 * One runner, its paths alternating run by run: wall and CPU medians, and the garbage collections
 * each path's runs saw. `session` is ONNX Runtime called directly on the same bytes with the
 * runner's options (the floor); `run (copy) + data()` is `run` as it was before it kept ONNX
 * Runtime's array (the output copied into the wasm heap by `tf.tensor`, then out again by `data()`).
 */
async function paired(runs: number): Promise<void> {
  await initBackend({ env: {}, wasmThreads: THREADS });
  const built = buildModel(exercise2Spec());
  const runner = await createOnnxRunner(built.model, { threads: THREADS });
  const direct = await createOnnxSession(runner.exported.bytes, {
    threads: THREADS,
    executionProvider: 'cpu',
    spinning: runner.report.spinning,
  });
  const x = tf.randomNormal([1, 200, 300, 3]);
  const data = x.dataSync() as Float32Array;
  const feed = new direct.ort.Tensor('float32', Float32Array.from(data), x.shape);
  const paths: Record<string, () => Promise<void>> = {
    session: async () => {
      await direct.session.run({ [runner.exported.inputName]: feed });
    },
    runRaw: async () => {
      await runner.runRaw(data, x.shape);
    },
    runValues: async () => {
      await runner.runValues(x);
    },
    run: async () => {
      (await runner.run(x)).dispose();
    },
    'run + data()': async () => {
      const y = await runner.run(x);
      await y.data();
      y.dispose();
    },
    'run (copy) + data()': async () => {
      const out = await runner.runValues(x);
      const y = tf.tensor(out.data, [...out.shape], 'float32');
      await y.data();
      y.dispose();
    },
  };
  const wall = new Map<string, number[]>();
  const cpu = new Map<string, number[]>();
  const gcs = new Map<string, number>();
  let current = '';
  new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      if (
        (e as unknown as { detail?: { kind?: number } }).detail?.kind !== constants.NODE_PERFORMANCE_GC_MINOR
      )
        gcs.set(current, (gcs.get(current) ?? 0) + 1);
  }).observe({ entryTypes: ['gc'] });
  for (let i = 0; i < runs + 2; i++)
    for (const [name, step] of Object.entries(paths)) {
      current = i < 2 ? '' : name;
      const c = process.cpuUsage();
      const t = performance.now();
      await step();
      const dt = performance.now() - t;
      const dc = process.cpuUsage(c);
      // The observer reports a collection after it ends: let it land while `current` still names this path.
      await new Promise((r) => setImmediate(r));
      if (i < 2) continue;
      wall.set(name, [...(wall.get(name) ?? []), dt]);
      cpu.set(name, [...(cpu.get(name) ?? []), (dc.user + dc.system) / 1000]);
    }
  for (const [name, w] of wall)
    console.log(
      `${name.padEnd(20)} wall ${median(w).toFixed(1)} ms  CPU ${median(cpu.get(name)!).toFixed(1)} ms  major GCs ${gcs.get(name) ?? 0} in ${w.length} runs`,
    );
  await direct.session.release();
  await runner.release();
}

const childVariant = process.argv.indexOf('--child');
if (process.argv.includes('--paired')) {
  console.log(`load ${load()}`);
  await paired(Number(arg('runs', '30')));
  console.log(`load ${load()}`);
} else if (process.argv.includes('--boundary')) {
  console.log(`load ${load()}`);
  await boundary(Number(arg('runs', '200')));
  console.log(`load ${load()}`);
} else if (process.argv.includes('--ort-profile')) {
  console.log(`load ${load()}`);
  await ortProfile(Number(arg('runs', '30')));
  console.log(`load ${load()}`);
} else if (childVariant !== -1) {
  console.log(JSON.stringify(await child(process.argv[childVariant + 1]!, Number(arg('runs', '30')))));
} else {
  const variants = arg('variants', 'plain,auto,auto-nospin,plain-nospin').split(',');
  const rounds = Number(arg('rounds', '4'));
  const runs = arg('runs', '30');
  console.log(
    `exercise 2 batch 1, ONNX Runtime ${THREADS} threads; ${rounds} rounds × ${runs} runs; load ${load()}`,
  );
  const all = new Map<string, { wall: number[]; cpu: number[]; loads: number[] }>();
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < variants.length; k++) {
      const v = variants[(k + round) % variants.length]!;
      const r = spawnSync(
        process.execPath,
        [...process.execArgv, fileURLToPath(import.meta.url), '--child', v, '--runs', runs],
        { encoding: 'utf8' },
      );
      const line = r.stdout.split('\n').find((l) => l.startsWith('{'));
      if (line === undefined) throw new Error(`${v}: ${r.stderr}`);
      const got = JSON.parse(line) as { wall: number[]; cpu: number[] };
      const cell = all.get(v) ?? { wall: [], cpu: [], loads: [] };
      cell.wall.push(...got.wall);
      cell.cpu.push(...got.cpu);
      cell.loads.push(loadavg()[0]!);
      all.set(v, cell);
    }
  }
  const base = median(all.get(variants[0]!)!.wall);
  for (const [v, c] of all)
    console.log(
      `${v.padEnd(12)} wall median ${median(c.wall).toFixed(2)} ms (${(median(c.wall) / base).toFixed(2)}× ${variants[0]})  p10 ${pct(c.wall, 0.1).toFixed(2)}  p90 ${pct(c.wall, 0.9).toFixed(2)}  cpu/run ${median(c.cpu).toFixed(2)} ms  load ${median(c.loads).toFixed(2)}`,
    );
  console.log(`load at end ${load()}`);
}
