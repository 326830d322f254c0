import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { probeImport } from '../../../scripts/probe-import';

const source = (path: string) => fileURLToPath(new URL(`../src/${path}`, import.meta.url));

// Each import runs in a fresh Node process: a module loaded by an earlier test cannot hide a load.
describe('import graph: what each entry point of @cnnkit/layers-gpu loads', () => {
  test('./blocks (spec builders) loads no @tensorflow/* module', () => {
    const probe = probeImport(source('blocks.ts'), { source: true });
    expect(probe.tensorflowModules).toEqual([]);
    expect(probe.tfjsEngineCreated).toBe(false);
  });

  test('the main entry loads tfjs-core and tfjs-layers (the control: the probe sees real loads)', () => {
    const probe = probeImport(source('index.ts'), { source: true });
    expect(probe.tensorflowModules.some((m) => m.includes('@tensorflow/tfjs-core'))).toBe(true);
    expect(probe.tensorflowModules.some((m) => m.includes('@tensorflow/tfjs-layers'))).toBe(true);
    expect(probe.tfjsEngineCreated).toBe(true);
  });
});
