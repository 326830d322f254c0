/**
 * The measurement worker's two newer paths, as figures (not timed tests):
 *  1. question 8's picture: the first request trains FCN-32s, FCN-8s and U-Net (default settings),
 *     the second comes from the cache (target: instant, ≤ 50 ms);
 *  2. one forward pass of ResNet-50 (224, 448) and VGG16 (224) without their classifiers on one
 *     thread: TensorFlow.js (wasm) against ONNX Runtime once it agreed, export included,
 *     interleaved in one process, median of 3; and whether the quiz's rule (onnxPays) picks the faster.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildArchitecture } from '@cnnkit/architectures/build';
import { initBackend } from '@cnnkit/layers-gpu';
import * as tf from '@tensorflow/tfjs-core';
import { OnnxCheckedPath, onnxPays } from '../src/verify/onnx-path';
import { MeasurementService } from '../src/verify/service';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const load = () => loadavg()[0]!.toFixed(2);

// 1. Question 8's picture, first and cached (the worker thread, as the bot runs it).
{
  const folder = mkdtempSync(join(tmpdir(), 'cnnkit-bench-pictures-'));
  const service = new MeasurementService({ segmentationPicture: { cacheFolder: folder } });
  try {
    const first = await service.segmentationPicture();
    const cachedTimes: number[] = [];
    for (let i = 0; i < 5; i++) cachedTimes.push((await service.segmentationPicture()).elapsedMs);
    console.log(
      `question 8 picture (${first.settings.trainCount} images of ${first.settings.size}×${first.settings.size}, ${first.settings.epochs} epochs, ${first.backend}): first ${(first.elapsedMs / 1000).toFixed(1)} s (trains), cached ${median(cachedTimes).toFixed(1)} ms (target ≤ 50 ms: ${median(cachedTimes) <= 50 ? 'met' : 'NOT met'}); load ${load()}`,
    );
  } finally {
    await service.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

// 2. One forward pass, TensorFlow.js against ONNX Runtime after it agreed (export and session
// included: the worker builds a model per request), one thread each; what onnxPays is calibrated on.
{
  await initBackend({ env: {}, wasmThreads: 1 });
  const path = new OnnxCheckedPath();
  for (const [architecture, side] of [
    ['resnet50', 224],
    ['resnet50', 448],
    ['vgg16', 224],
  ] as const) {
    const built = buildArchitecture(architecture, { inputShape: [side, side, 3], includeTop: false });
    const input = tf.randomNormal([1, side, side, 3], 0, 1, 'float32', 1);
    const check = await path.predict(architecture, built.model, input); // the agreement check
    check.output.dispose();
    const times = { tfjs: [] as number[], onnxruntime: [] as number[] };
    for (let i = 0; i < 3; i++) {
      let start = performance.now();
      const fromTfjs = built.model.predict(input) as tf.Tensor;
      await fromTfjs.data();
      times.tfjs.push(performance.now() - start);
      fromTfjs.dispose();
      start = performance.now();
      const fromOrt = await path.predict(architecture, built.model, input);
      times.onnxruntime.push(performance.now() - start);
      if (fromOrt.engine !== 'onnxruntime') throw new Error(`ONNX Runtime was not used: ${fromOrt.note}`);
      fromOrt.output.dispose();
    }
    const cost = { macs: built.report.totals.macs, params: built.report.totals.params.total };
    const [tfjsMs, ortMs] = [median(times.tfjs), median(times.onnxruntime)];
    const chosen = onnxPays(cost) ? 'onnxruntime' : 'tfjs';
    const faster = ortMs < tfjsMs ? 'onnxruntime' : 'tfjs';
    console.log(
      `${architecture} backbone at ${side} (${Math.round(cost.macs / cost.params)} MACs per parameter), one pass, one thread: TensorFlow.js wasm ${tfjsMs.toFixed(0)} ms, ONNX Runtime with export ${ortMs.toFixed(0)} ms (median of 3, interleaved); the quiz uses ${chosen}${chosen === faster ? '' : ` (NOT the faster, ${faster})`}; load ${load()}`,
    );
    input.dispose();
    built.model.dispose();
  }
}
