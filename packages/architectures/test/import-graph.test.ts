import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { probeImport } from '../../../scripts/probe-import';

const source = (path: string) => fileURLToPath(new URL(`../src/${path}`, import.meta.url));

// Each import runs in a fresh Node process: a module loaded by an earlier test cannot hide a load.
describe('import graph: what each entry point of @cnnkit/architectures loads', () => {
  test('the main entry (specs, registry, describe) loads no @tensorflow/* module', () => {
    const probe = probeImport(source('index.ts'), { source: true });
    expect(probe.tensorflowModules).toEqual([]);
    expect(probe.tfjsEngineCreated).toBe(false);
  });

  test('the ./build entry loads TensorFlow.js (so the probe above can see a load when there is one)', () => {
    const probe = probeImport(source('build.ts'), { source: true });
    expect(probe.tensorflowModules.some((m) => m.includes('@tensorflow/tfjs-layers'))).toBe(true);
    expect(probe.tfjsEngineCreated).toBe(true);
  });
});
