/**
 * `pnpm bench` (last step): what importing each entry point costs, in a fresh Node process each,
 * from the built JavaScript (run `pnpm build` first), median of 5. Figures, not a timed test.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { probeImport } from './probe-import';

const ENTRY_POINTS = [
  ['@cnnkit/shape-math', 'packages/shape-math/dist/index.js'],
  ['@cnnkit/layers-gpu/blocks', 'packages/layers-gpu/dist/blocks.js'],
  ['@cnnkit/architectures', 'packages/architectures/dist/index.js'],
  ['@cnnkit/segmentation', 'packages/segmentation/dist/index.js'],
  ['quiz-bot (engine, grading, store)', 'apps/quiz-bot/dist/index.js'],
  ['@cnnkit/layers-gpu', 'packages/layers-gpu/dist/index.js'],
  ['@cnnkit/architectures/build', 'packages/architectures/dist/build.js'],
  ['@cnnkit/segmentation/build', 'packages/segmentation/dist/build.js'],
] as const;

const RUNS = 5;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

console.log('entry point                          import ms (median of 5)  loads TensorFlow.js');
for (const [name, path] of ENTRY_POINTS) {
  const file = fileURLToPath(new URL(`../${path}`, import.meta.url));
  if (!existsSync(file)) {
    console.log(`${name.padEnd(37)}not built (${path}); run pnpm build`);
    continue;
  }
  const probes = Array.from({ length: RUNS }, () => probeImport(file, { source: false }));
  const loadsTf = probes.some((p) => p.tensorflowModules.length > 0);
  const ms = median(probes.map((p) => p.importMs));
  console.log(`${name.padEnd(37)}${ms.toFixed(0).padStart(9)}                ${loadsTf ? 'yes' : 'no'}`);
}
