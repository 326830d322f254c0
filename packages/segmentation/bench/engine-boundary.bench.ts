/**
 * Where exercise 2's `prepareInference` (auto → ONNX Runtime) time goes. Each variant runs in its
 * own child process (one ONNX Runtime session per process, as in vs-pytorch.bench.ts), the
 * variants alternating round by round; medians, p10/p90 and the process CPU time per run, with the
 * load average. `tsx --conditions=@cnnkit/source bench/engine-boundary.bench.ts [--rounds 4]
 * [--runs 30] [--variants plain,plain-tfjs,raw,auto]`
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { buildModel, initBackend, optimizeForInference, prepareInference } from '@cnnkit/layers-gpu';
import { createOnnxRunner, createOnnxSession } from '@cnnkit/layers-gpu/onnx';
import { exercise2Spec } from '@cnnkit/shape-math';
import * as tf from '@tensorflow/tfjs-core';
import { exercise2Onnx } from '../../architectures/bench/onnx-graphs';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : process.argv[i + 1]!;
};
const THREADS = 2;
const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
const pct = (v: number[], p: number) => [...v].sort((a, b) => a - b)[Math.floor(v.length * p)]!;
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

/** One variant in this process: samples (wall ms) and CPU ms per run. */
async function child(variant: string, runs: number): Promise<{ wall: number[]; cpu: number[] }> {
  let step: () => Promise<void>;
  const spinning = !variant.endsWith('-nospin');
  if (variant.startsWith('plain') && !variant.startsWith('plain-tfjs')) {
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
      step = async () => {
        const y = await runner.run(x);
        await y.data();
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

const childVariant = process.argv.indexOf('--child');
if (childVariant !== -1) {
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
