/**
 * Exercise 2's network (200×300×3 → 3 conv layers) on every backend available here:
 * forward pass at batch 1 and 8, and one training step at batch 8. Prints median times,
 * GFLOP/s and the share of this machine's fp32 peak. Figures, not a timed test.
 *
 * Targets on a 2-core machine: forward batch 1 ≤ 100 ms (ambition ≤ 50 ms),
 * training step batch 8 ≤ 5 s on the default backend.
 */

import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { exercise2Spec } from '@cnnkit/shape-math';
import * as tf from '@tensorflow/tfjs-core';
import { type BackendName, buildModel, describeBackend, initBackend } from '../src/index';

interface Peak {
  readonly gflops: number;
  readonly how: string;
}

/** fp32 peak from the CPU's flags: lanes × 2 (FMA) × FMA units × GHz × cores. */
function machinePeaks(): { native: Peak; wasm: Peak } {
  let flags = '';
  let mhz = cpus()[0]?.speed ?? 0;
  try {
    const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
    flags = cpuinfo.match(/^flags\s*:\s*(.*)$/m)?.[1] ?? '';
    // Virtual machines often report speed 0 to os.cpus(); /proc/cpuinfo still has the clock.
    if (mhz === 0) mhz = Number(cpuinfo.match(/^cpu MHz\s*:\s*([\d.]+)$/m)?.[1] ?? 0);
  } catch {
    // not Linux: fall back to SSE width and os.cpus()
  }
  if (mhz === 0) mhz = 2000; // unknown clock: assume 2 GHz and say so below
  const has = (flag: string) => flags.split(/\s+/).includes(flag);
  const cores = cpus().length;
  const ghz = mhz / 1000;
  const lanes = has('avx512f') ? 16 : has('avx2') || has('avx') ? 8 : 4;
  const fmaUnits = 2; // Intel server cores since Skylake-SP and AMD Zen have two FMA pipes
  const perCycle = lanes * (has('fma') ? 2 : 1) * fmaUnits;
  const native = {
    gflops: perCycle * ghz * cores,
    how: `${lanes} fp32 lanes (${has('avx512f') ? 'AVX-512' : has('avx2') ? 'AVX2' : 'SSE'}) × ${has('fma') ? '2 (FMA)' : '1'} × ${fmaUnits} FMA units × ${ghz.toFixed(2)} GHz × ${cores} cores`,
  };
  // WebAssembly SIMD is 128-bit: 4 lanes; cnnkit runs one wasm thread per core (wasm-threads.ts).
  const wasmPerCycle = 4 * 2 * fmaUnits;
  const threads = Math.min(cores, 8);
  return {
    native,
    wasm: {
      gflops: wasmPerCycle * ghz * threads,
      how: `4 lanes (wasm SIMD128) × 2 × ${fmaUnits} × ${ghz.toFixed(2)} GHz × ${threads} thread${threads === 1 ? '' : 's'}`,
    },
  };
}

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

function line(label: string, ms: number, flop: number, peak: Peak, target?: { ms: number; name: string }) {
  const gflops = flop / (ms / 1000) / 1e9;
  const verdict =
    target === undefined
      ? ''
      : `  target ${target.name} ≤ ${target.ms} ms: ${ms <= target.ms ? 'OK' : 'MISSED'}`;
  console.log(
    `  ${label.padEnd(28)} ${ms.toFixed(1).padStart(9)} ms  ${gflops.toFixed(1).padStart(6)} GFLOP/s  ${((100 * gflops) / peak.gflops).toFixed(1).padStart(5)}% of peak${verdict}`,
  );
}

const requested = (process.argv
  .find((a) => a.startsWith('--backends='))
  ?.split('=')[1]
  ?.split(',') ?? ['node-gpu', 'node', 'wasm', 'cpu']) as BackendName[];
const peaks = machinePeaks();
console.log(`Exercise 2 network on ${cpus().length} cores of ${cpus()[0]?.model ?? 'an unknown CPU'}`);
console.log(`  machine fp32 peak ${peaks.native.gflops.toFixed(1)} GFLOP/s = ${peaks.native.how}`);
console.log(`  wasm fp32 peak    ${peaks.wasm.gflops.toFixed(1)} GFLOP/s = ${peaks.wasm.how}`);

for (const backend of requested) {
  let report: Awaited<ReturnType<typeof initBackend>>;
  try {
    report = await initBackend({ force: backend, env: {} });
  } catch (error) {
    console.log(`\n${backend}: skipped (${(error as Error).message})`);
    continue;
  }
  const peak = backend === 'wasm' ? peaks.wasm : peaks.native;
  console.log(`\n${describeBackend(report)}`);
  const built = buildModel(exercise2Spec());
  const flopPerInstance = built.report.totals.flops;
  const model = built.model;
  for (const batch of backend === 'cpu' ? [1] : [1, 8]) {
    const x = tf.randomNormal([batch, 200, 300, 3]);
    const forward = async () => {
      const y = model.predict(x) as tf.Tensor;
      await y.data();
      y.dispose();
    };
    await forward(); // warm-up: kernels compile, the heap grows
    const ms = await median(backend === 'cpu' ? 3 : batch === 1 ? 9 : 5, forward);
    line(
      `forward, batch ${batch}`,
      ms,
      flopPerInstance * batch,
      peak,
      batch === 1 ? { ms: 100, name: 'forward batch 1' } : undefined,
    );
    x.dispose();
  }
  if (backend === 'cpu') {
    console.log(
      '  training step, batch 8     skipped: over 40 minutes on the pure-JS cpu backend (measured once)',
    );
  } else {
    model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    const x = tf.randomNormal([8, 200, 300, 3]);
    const target = tf.zeros([8, 25, 38, 400]);
    const step = async () => {
      await model.trainOnBatch(x, target);
    };
    await step();
    // Backward ≈ 2 × forward (gradients for inputs and for weights): 3 × forward FLOPs per step.
    const ms = await median(3, step);
    line('training step, batch 8', ms, 3 * flopPerInstance * 8, peak, {
      ms: 5000,
      name: 'training step batch 8',
    });
    tf.dispose([x, target]);
  }
  model.dispose();
}
