/**
 * How long shape-math takes to analyse a 200-layer network (target: under 1 ms per layer).
 * Prints figures; it is not a timed test, so a busy machine cannot make CI flake.
 */
import { analyze, type LayerSpecInput, type ModelSpecInput } from '../src/index';

/** A 200-layer residual network with BN, skips and a head: a realistic graph, not a toy chain. */
function deepResidualSpec(units: number): ModelSpecInput {
  const layers: LayerSpecInput[] = [
    { kind: 'conv2d', name: 'stem', filters: 64, kernelSize: 3, padding: 'same' },
  ];
  let previous = 'stem';
  for (let u = 0; u < units; u++) {
    layers.push(
      {
        kind: 'conv2d',
        name: `u${u}_conv1`,
        inputs: [previous],
        filters: 64,
        kernelSize: 3,
        padding: 'same',
        useBias: false,
      },
      { kind: 'batchNormalization', name: `u${u}_bn1` },
      { kind: 'activation', name: `u${u}_relu1`, activation: 'relu' },
      { kind: 'conv2d', name: `u${u}_conv2`, filters: 64, kernelSize: 3, padding: 'same', useBias: false },
      { kind: 'batchNormalization', name: `u${u}_bn2` },
      { kind: 'add', name: `u${u}_add`, inputs: [previous, `u${u}_bn2`] },
      { kind: 'activation', name: `u${u}_out`, activation: 'relu' },
    );
    previous = `u${u}_out`;
  }
  layers.push(
    { kind: 'globalAveragePooling2d', name: 'pool' },
    { kind: 'dropout', name: 'drop', rate: 0.2 },
    { kind: 'dense', name: 'logits', units: 1000 },
  );
  return { name: 'bench', input: [224, 224, 3], layers };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function measure(label: string, spec: ModelSpecInput, runs: number): void {
  const layerCount = spec.layers.length;
  for (let i = 0; i < 20; i++) analyze(spec); // warm-up: let the JIT settle
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    analyze(spec, { batchSize: 32 });
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  const ms = median(times);
  const perLayerMs = ms / layerCount;
  const verdict = perLayerMs < 1 ? 'OK' : 'OVER TARGET';
  console.log(
    `${label.padEnd(34)} ${String(layerCount).padStart(5)} layers  median ${ms.toFixed(3).padStart(8)} ms  ` +
      `${(perLayerMs * 1000).toFixed(2).padStart(7)} µs/layer  p90 ${[...times].sort((a, b) => a - b)[Math.floor(runs * 0.9)]!.toFixed(3)} ms  target < 1 ms/layer: ${verdict}`,
  );
}

console.log(`@cnnkit/shape-math analyze() on Node ${process.version}, ${process.arch}`);
measure('residual network (200 layers)', deepResidualSpec(28), 200);
measure('residual network (~2,000 layers)', deepResidualSpec(285), 50);
