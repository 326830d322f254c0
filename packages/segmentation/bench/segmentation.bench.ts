/**
 * One inference and one training step (forward, cross-entropy, backward, Adam update) of FCN-8s
 * and U-Net at 256×256, batch 1 and 8, on the default backend. Figures, not a timed test.
 * Targets on a 2-core machine: inference ≤ 1 s and a training step ≤ 5 s at batch 8.
 *
 * The models: FCN-8s on the comparison's compact five-stage VGG-style backbone (`comparisonSpec`),
 * and U-Net of depth 4 and width 8 (`--unet-depth`, `--unet-width` to change), with batch norm
 * (segmentation_models.pytorch's default) and without (the 2015 paper's). Width 8 at batch 8 grows
 * the wasm heap to about 3.2 GiB; width 16 at batch 8 would need about 6.4 GiB, past the 4 GiB a
 * wasm32 heap can address, and aborted ("table index is out of bounds"): trainSegmenter refuses it
 * up front (memory_budget_exceeded), and this bench should not be run at that size.
 */
import { describeBackend, initBackend } from '@cnnkit/layers-gpu';
import '@tensorflow/tfjs-backend-wasm'; // registers tfjs' own wasm kernels, kept below for the before/after
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { buildSegmenter, pixelCrossEntropy } from '../src/build';
import { comparisonSpec, SHAPE_CLASSES, unetSpec } from '../src/index';

const argument = (name: string, fallback: number) => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
};
const side = 256;
const classes = SHAPE_CLASSES.length;
const specs = {
  fcn8s: comparisonSpec('fcn8s', side),
  unet: unetSpec({
    input: [side, side, 3],
    classes,
    depth: argument('--unet-depth', 4),
    baseFilters: argument('--unet-width', 8),
    name: 'unet',
  }),
  'unet-no-bn': unetSpec({
    input: [side, side, 3],
    classes,
    depth: argument('--unet-depth', 4),
    baseFilters: argument('--unet-width', 8),
    batchNorm: false,
    name: 'unet_no_bn',
  }),
};

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

// tfjs' wasm kernels that layers-gpu replaces for batch norm's gradient (wasm-training-kernels.ts), taken before
// initBackend swaps them, to time one U-Net step with each set in the same process.
const REPLACED = ['Tile', 'Sum', 'Mean'] as const;
const tfjsKernels = REPLACED.map((name) => tf.getKernel(name, 'wasm'));
const backend = await initBackend();
const cnnkitKernels = REPLACED.map((name) => tf.getKernel(name, 'wasm'));
const useKernels = (configs: (tf.KernelConfig | undefined)[]) => {
  for (const config of configs) {
    if (config === undefined) continue;
    tf.unregisterKernel(config.kernelName, 'wasm');
    tf.registerKernel(config);
  }
};
console.log(`backend: ${describeBackend(backend)}`);
console.log(
  'model           params  GMACs/image  batch  inference ms  train step ms   (median of 3 after a warm-up)',
);
const verdicts: string[] = [];
for (const [name, spec] of Object.entries(specs)) {
  for (const batch of [1, 8]) {
    const built = buildSegmenter(spec, { budgetFor: 'training', batchSize: batch });
    const { model, report } = built;
    const images = tf.randomUniform([batch, side, side, 3]) as tf.Tensor4D;
    const labels = tf.randomUniform([batch, side, side], 0, classes, 'int32') as tf.Tensor3D;
    const optimizer = tf.train.adam(1e-3);
    const inference = async () => {
      const start = performance.now();
      const y = model.predict(images) as tf.Tensor;
      await y.data();
      y.dispose();
      return performance.now() - start;
    };
    const trainStep = timedTrainingStep(model, images, labels, optimizer);
    await inference();
    const inferenceMs = median([await inference(), await inference(), await inference()]);
    await trainStep();
    const trainMs = median([await trainStep(), await trainStep(), await trainStep()]);
    console.log(
      `${name.padEnd(11)} ${report.totals.params.total.toLocaleString('en-US').padStart(9)}  ${(report.totals.macs / 1e9).toFixed(2).padStart(11)}  ${String(batch).padStart(5)}  ${inferenceMs.toFixed(0).padStart(12)}  ${trainMs.toFixed(0).padStart(13)}`,
    );
    if (batch === 8) {
      verdicts.push(
        `${name} at ${side}×${side}, batch 8: inference ${inferenceMs.toFixed(0)} ms (target ≤ 1000 ms) ${inferenceMs <= 1000 ? 'met' : 'NOT met'}; training step ${trainMs.toFixed(0)} ms (target ≤ 5000 ms) ${trainMs <= 5000 ? 'met' : 'NOT met'}`,
      );
    }
    optimizer.dispose();
    tf.dispose([images, labels]);
    model.dispose();
  }
}
for (const line of verdicts) console.log(line);

if (backend.backend === 'wasm' && tfjsKernels.every((k) => k !== undefined)) {
  // Before/after: the same U-Net step (batch 8) with tfjs' Tile, Sum and Mean (as before issue 11's fix)
  // and with layers-gpu's; interleaved so that load from other processes hits both alike.
  const batch = 8;
  const { model } = buildSegmenter(specs.unet, { budgetFor: 'training', batchSize: batch });
  const images = tf.randomUniform([batch, side, side, 3]) as tf.Tensor4D;
  const labels = tf.randomUniform([batch, side, side], 0, classes, 'int32') as tf.Tensor3D;
  const optimizer = tf.train.adam(1e-3);
  const step = timedTrainingStep(model, images, labels, optimizer);
  const times = { tfjs: [] as number[], cnnkit: [] as number[] };
  for (let round = 0; round < 4; round++) {
    for (const [name, kernels] of [
      ['tfjs', tfjsKernels],
      ['cnnkit', cnnkitKernels],
    ] as const) {
      useKernels(kernels);
      const ms = await step();
      if (round > 0) times[name].push(ms); // round 0 warms both up
    }
  }
  useKernels(cnnkitKernels);
  console.log(
    `unet batch 8 training step, tfjs' wasm Tile/Sum/Mean ${median(times.tfjs).toFixed(0)} ms → layers-gpu's ${median(times.cnnkit).toFixed(0)} ms (median of 3, interleaved)`,
  );
  optimizer.dispose();
  tf.dispose([images, labels]);
  model.dispose();
}

/** One timed training step (forward, pixel cross-entropy, backward, Adam update) in milliseconds. */
function timedTrainingStep(
  model: tfl.LayersModel,
  images: tf.Tensor4D,
  labels: tf.Tensor3D,
  optimizer: tf.Optimizer,
): () => Promise<number> {
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  return async () => {
    const start = performance.now();
    const loss = optimizer.minimize(
      () => pixelCrossEntropy(labels, model.apply(images, { training: true }) as tf.Tensor4D),
      true,
      variables,
    )!;
    await loss.data();
    loss.dispose();
    return performance.now() - start;
  };
}
