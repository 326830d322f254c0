/**
 * Per network: time to `describe` (shape-math only, no weights), time to build the real model,
 * and the forward-pass latency at the reference input, batch 1, on the default backend.
 * Figures, not a timed test. Target on a 2-core machine: ResNet-50 forward ≤ 1.5 s.
 *
 * `pnpm bench` runs it; `--only resnet50,vgg16` picks networks.
 */
import { describeBackend, initBackend } from '@cnnkit/layers-gpu';
import * as tf from '@tensorflow/tfjs-core';
import { buildArchitecture } from '../src/build';
import { ARCHITECTURE_NAMES, ARCHITECTURES, type ArchitectureName, describe } from '../src/index';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function timeMs(fn: () => void): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

const onlyArg = process.argv.indexOf('--only');
const names: ArchitectureName[] =
  onlyArg >= 0
    ? (process.argv[onlyArg + 1] ?? '')
        .split(',')
        .filter((n): n is ArchitectureName => (ARCHITECTURE_NAMES as string[]).includes(n))
    : ARCHITECTURE_NAMES;

const backend = await initBackend();
console.log(`backend: ${describeBackend(backend)}`);
console.log(
  'network       params (all)       GMACs  describe ms  build ms  forward ms (median of 3, batch 1, reference input)',
);

let resnet50Forward: number | undefined;
for (const name of names) {
  const architecture = ARCHITECTURES[name];
  const describeMs = median(Array.from({ length: 5 }, () => timeMs(() => describe(name))));
  const report = describe(name);
  let built: ReturnType<typeof buildArchitecture> | undefined;
  const buildMs = timeMs(() => {
    built = buildArchitecture(name);
  });
  const model = built!.model;
  const input = tf.randomUniform([1, ...architecture.defaultInputShape]);
  const forward = async () => {
    const start = performance.now();
    const y = model.predict(input) as tf.Tensor | tf.Tensor[];
    await Promise.all((Array.isArray(y) ? y : [y]).map((t) => t.data()));
    tf.dispose(y);
    return performance.now() - start;
  };
  await forward(); // warm-up: kernels compiled, weights uploaded
  const forwardMs = median([await forward(), await forward(), await forward()]);
  if (name === 'resnet50') resnet50Forward = forwardMs;
  input.dispose();
  model.dispose();
  console.log(
    `${name.padEnd(18)} ${report.totals.params.total.toLocaleString('en-US').padStart(11)}  ${(report.totals.macs / 1e9).toFixed(2).padStart(6)}  ${describeMs.toFixed(2).padStart(11)}  ${buildMs.toFixed(0).padStart(8)}  ${forwardMs.toFixed(0).padStart(10)}`,
  );
}
if (resnet50Forward !== undefined) {
  console.log(
    `ResNet-50 forward at 224×224, batch 1: ${resnet50Forward.toFixed(0)} ms (target ≤ 1500 ms): ${resnet50Forward <= 1500 ? 'met' : 'NOT met'}`,
  );
}
