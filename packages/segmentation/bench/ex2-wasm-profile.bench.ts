import { buildModel, initBackend, optimizeForInference } from '@cnnkit/layers-gpu';
import { exercise2Spec } from '@cnnkit/shape-math';
import * as tf from '@tensorflow/tfjs-core';
import { loadAverage as load } from './bench-helpers';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : process.argv[i + 1]!;
};
const runs = Number(arg('runs', '15'));
const threads = Number(arg('threads', '2'));
const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
await initBackend({ env: {}, wasmThreads: threads });
console.log(`threads ${threads}; load ${load()}`);
const built = buildModel(exercise2Spec());
const opt = optimizeForInference(built.model);
const x = tf.randomNormal([1, 200, 300, 3]) as tf.Tensor4D;
const convs = built.model.layers.filter((l) => l.getClassName() === 'Conv2D');
const weights = convs.map((l) => l.getWeights() as [tf.Tensor4D, tf.Tensor1D]);
const times = new Map<string, number[]>();
const add = (k: string, v: number) => times.set(k, [...(times.get(k) ?? []), v]);
// CPU time of the whole process (all threads) per convolution: on a shared machine, what the
// convolution itself used, whatever else ran; GFLOP per CPU-second compares with the per-thread
// ceiling that bench/wasm-simd-ceiling.bench.ts measures.
const cpuTimes = new Map<string, number[]>();
const addCpu = (k: string, v: number) => cpuTimes.set(k, [...(cpuTimes.get(k) ?? []), v]);
for (let r = 0; r < runs + 2; r++) {
  let t = performance.now();
  const y = opt.predict(x) as tf.Tensor;
  const yd = y.dataSync();
  if (r >= 2) add('optimizeForInference predict + dataSync', performance.now() - t);
  y.dispose();
  void yd;
  let h: tf.Tensor4D = x;
  weights.forEach(([w, b], i) => {
    t = performance.now();
    const cpu = process.cpuUsage();
    const out = tf.fused.conv2d({ x: h, filter: w, bias: b, strides: 2, pad: 'same', activation: 'relu' });
    const used = process.cpuUsage(cpu);
    const [, oh, ow, oc] = out.shape;
    // Multiply-adds: one per output value (oh·ow·oc) per tap (3·3) per input channel; 2 FLOP each.
    const gflop = (2 * oh * ow * oc * 9 * h.shape[3]) / 1e9;
    const key = `conv${i + 1} ${h.shape.slice(1).join('x')} -> ${out.shape.slice(1).join('x')} (${gflop.toFixed(2)} GFLOP)`;
    if (r >= 2) {
      add(key, performance.now() - t);
      addCpu(key, (used.user + used.system) / 1000);
    }
    if (h !== x) h.dispose();
    h = out;
  });
  t = performance.now();
  h.dataSync();
  if (r >= 2) add('dataSync of output', performance.now() - t);
  h.dispose();
}
for (const [k, v] of times) {
  const g = /\(([\d.]+) GFLOP\)/.exec(k);
  const rate = g === null ? '' : `  ${(Number(g[1]) / (median(v) / 1000)).toFixed(1)} GFLOP/s`;
  const cpu = cpuTimes.get(k);
  const perCpu =
    g === null || cpu === undefined
      ? ''
      : `; CPU ${median(cpu).toFixed(2)} ms, ${(Number(g[1]) / (median(cpu) / 1000)).toFixed(1)} GFLOP per CPU-second`;
  console.log(`${k.padEnd(60)} ${median(v).toFixed(2)} ms${rate}${perCpu}`);
}
console.log(`load ${load()}`);
