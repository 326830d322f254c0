/**
 * Where a U-Net training step's time goes on the default wasm engine, kernel by kernel: the same
 * step as vs-pytorch.bench.ts' `unet-train` row (depth 4, 8 base filters, batch norm, 256×256×3,
 * 2 classes, batch 8, pixel cross-entropy, Adam, two threads). One warm-up step, then `tf.profile`
 * around each profiled step; each kernel's wall time is summed by name (and, with `--shapes`, by
 * name and input shapes; op wrappers such as `fusedConv2d__op`, and `unnamed scope` for the fused batch
 * norm's customGrad, contain the kernels listed under their own names, so the total counts those
 * twice). Before the profiled steps, `--steps` plain steps print their wall time,
 * the process's CPU time (all threads: less distorted than wall time on a shared machine) and the
 * minor page faults each took (a step that writes into memory the process has not touched before
 * pays for every fresh 4 KiB page, ~10 µs each on the VM this was written on). With `--pytorch`,
 * PyTorch's profile of the same step follows (bench/pytorch-train-profile.py, Debian's python3-torch,
 * the network built from the same validated spec). Figures, not a timed test; the load average is
 * printed beside them.
 *
 * `tsx --conditions=@cnnkit/source bench/unet-train-profile.bench.ts [--steps 2] [--top 25] [--shapes] [--pytorch]`
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildModel, initBackend } from '@cnnkit/layers-gpu';
import { modelSpecSchema, validate } from '@cnnkit/shape-math';
import * as tf from '@tensorflow/tfjs-core';
import { pixelCrossEntropy } from '../src/build';
import { unetSpec } from '../src/index';
import { arg, loadAverage as load } from './bench-helpers';

const BATCH = 8;
const CLASSES = 2;
const steps = Number(arg('steps') ?? 2);
const top = Number(arg('top') ?? 25);
const byShape = process.argv.includes('--shapes');

await initBackend({ env: {}, wasmThreads: 2 });
const spec = unetSpec({ input: [256, 256, 3], classes: CLASSES, depth: 4, baseFilters: 8, batchNorm: true });
const built = buildModel(spec, { budgetFor: 'training', batchSize: BATCH });
const x = tf.randomNormal([BATCH, 256, 256, 3]);
const labels = tf.randomUniform([BATCH, 256, 256], 0, CLASSES, 'int32') as tf.Tensor3D;
const optimizer = tf.train.adam(1e-3);
const variables = built.model.trainableWeights.map((weight) => weight.read() as tf.Variable);
const step = () => {
  const value = optimizer.minimize(
    () => pixelCrossEntropy(labels, built.model.apply(x, { training: true }) as tf.Tensor4D),
    true,
    variables,
  )!;
  const loss = value.dataSync()[0]!;
  value.dispose();
  return loss;
};
console.log(`${tf.getBackend()}; load ${load()}`);
let t = performance.now();
const warmUpFaults = process.resourceUsage().minorPageFault;
const warmUpCpu = process.cpuUsage();
step();
const warmUpUsed = process.cpuUsage(warmUpCpu);
console.log(
  `warm-up step ${(performance.now() - t).toFixed(0)} ms, CPU ${((warmUpUsed.user + warmUpUsed.system) / 1000).toFixed(0)} ms, ${process.resourceUsage().minorPageFault - warmUpFaults} minor page faults; parameters ${built.report.totals.params.total.toLocaleString('en-US')} (incl. batch-norm statistics)`,
);
for (let s = 0; s < steps; s++) {
  const faults = process.resourceUsage().minorPageFault;
  const cpu = process.cpuUsage();
  t = performance.now();
  const loss = step();
  const wallMs = performance.now() - t;
  const used = process.cpuUsage(cpu);
  console.log(
    `step ${s + 1}: wall ${wallMs.toFixed(0)} ms, CPU ${((used.user + used.system) / 1000).toFixed(0)} ms, ${process.resourceUsage().minorPageFault - faults} minor page faults, loss ${loss.toFixed(4)}; load ${load()}`,
  );
}
const totals = new Map<string, { ms: number; calls: number }>();
let wall = 0;
for (let s = 0; s < steps; s++) {
  t = performance.now();
  const info = await tf.profile(step);
  wall += performance.now() - t;
  for (const k of info.kernels) {
    const key = byShape ? `${k.name} ${JSON.stringify(k.inputShapes)}` : k.name;
    const entry = totals.get(key) ?? { ms: 0, calls: 0 };
    entry.ms += k.kernelTimeMs as number;
    entry.calls += 1;
    totals.set(key, entry);
  }
}
const sum = [...totals.values()].reduce((a, b) => a + b.ms, 0);
console.log(
  `profiled ${steps} steps: ${(wall / steps).toFixed(0)} ms per step (with profiling), kernels ${(sum / steps).toFixed(0)} ms per step; load ${load()}`,
);
for (const [key, { ms, calls }] of [...totals].sort((a, b) => b[1].ms - a[1].ms).slice(0, top))
  console.log(
    `${((100 * ms) / sum).toFixed(1).padStart(5)}%  ${(ms / steps).toFixed(1).padStart(8)} ms  ${String(calls / steps).padStart(5)} calls  ${key}`,
  );

if (process.argv.includes('--pytorch')) {
  const file = join(mkdtempSync(join(tmpdir(), 'cnnkit-unet-profile-')), 'unet.json');
  writeFileSync(file, JSON.stringify(validate(modelSpecSchema, spec)));
  const script = fileURLToPath(new URL('./pytorch-train-profile.py', import.meta.url));
  // Debian's python3-torch installs into /usr/bin/python3 (a pyenv python3 first on PATH lacks it).
  const python = process.env.CNNKIT_PYTHON ?? '/usr/bin/python3';
  const child = spawnSync(
    python,
    [script, '--spec', file, '--batch', String(BATCH), '--steps', String(steps), '--top', String(top)],
    { encoding: 'utf8' },
  );
  console.log(`\nPyTorch (load ${load()}):\n${child.stdout}${child.status === 0 ? '' : child.stderr}`);
}
