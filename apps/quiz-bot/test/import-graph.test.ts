import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { probeImport } from '../../../scripts/probe-import';

const source = (path: string) => fileURLToPath(new URL(`../src/${path}`, import.meta.url));

// Each import runs in a fresh Node process: a module loaded by an earlier test cannot hide a load.
// Only the measurement worker builds models; it loads TensorFlow.js in its own thread.
describe('import graph: the quiz loads no @tensorflow/* module outside its measurement worker', () => {
  test.each([
    'engine.ts',
    'grading/grade.ts',
    'store/open.ts',
    'index.ts',
    // Question 8's picture: the service (and the Discord command) hand the training to the worker.
    'verify/service.ts',
    'discord/commands/explain.ts',
  ])('%s', (entry) => {
    const probe = probeImport(source(entry), { source: true });
    expect(probe.tensorflowModules).toEqual([]);
    expect(probe.tfjsEngineCreated).toBe(false);
  });

  test('the worker’s measure module does load it (the control: the probe sees real loads)', () => {
    const probe = probeImport(source('verify/measure.ts'), { source: true });
    expect(probe.tensorflowModules.some((m) => m.includes('@tensorflow/tfjs-core'))).toBe(true);
  });
});
