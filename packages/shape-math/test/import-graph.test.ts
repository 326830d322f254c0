import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { probeImport } from '../../../scripts/probe-import';

test('import graph: @cnnkit/shape-math loads no @tensorflow/* module (in a fresh process)', () => {
  const probe = probeImport(fileURLToPath(new URL('../src/index.ts', import.meta.url)), { source: true });
  expect(probe.tensorflowModules).toEqual([]);
  expect(probe.tfjsEngineCreated).toBe(false);
});
