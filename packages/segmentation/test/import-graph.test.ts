import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, test } from 'vitest';
import { probeImport } from '../../../scripts/probe-import';

const source = (path: string) => fileURLToPath(new URL(`../src/${path}`, import.meta.url));

/**
 * esbuild's browser build of one entry, from the sources (the `@cnnkit/source` condition), nothing
 * external: a Node builtin or a native addon anywhere in the graph fails it. The inputs it read come
 * back with the result (TensorFlow.js itself would bundle, so its modules are checked by name).
 */
async function browserBundle(entry: string) {
  try {
    const result = await build({
      entryPoints: [source(entry)],
      // Inputs come back relative to the repository root.
      absWorkingDir: fileURLToPath(new URL('../../..', import.meta.url)),
      bundle: true,
      platform: 'browser',
      format: 'esm',
      conditions: ['@cnnkit/source'],
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    return { ok: true as const, inputs: Object.keys(result.metafile.inputs), errors: [] as string[] };
  } catch (error) {
    const errors = (error as { errors?: { text: string }[] }).errors ?? [];
    return { ok: false as const, inputs: [] as string[], errors: errors.map((e) => e.text) };
  }
}

// Each import runs in a fresh Node process: a module loaded by an earlier test cannot hide a load.
describe('import graph: what each entry point of @cnnkit/segmentation loads', () => {
  test('the main entry loads no @tensorflow/* module, no native addon and no Node builtin', () => {
    const probe = probeImport(source('index.ts'), { source: true });
    expect(probe.tensorflowModules).toEqual([]);
    expect(probe.tfjsEngineCreated).toBe(false);
    expect(probe.nativeModules).toEqual([]);
    expect(probe.nodeBuiltins).toEqual([]);
  });

  test('the ./build entry loads all three (the control: the probe sees real loads of each kind)', () => {
    const probe = probeImport(source('build.ts'), { source: true });
    expect(probe.tensorflowModules.some((m) => m.includes('@tensorflow/tfjs-core'))).toBe(true);
    expect(probe.tensorflowModules.some((m) => m.includes('@tensorflow/tfjs-layers'))).toBe(true);
    expect(probe.tfjsEngineCreated).toBe(true);
    expect(probe.nativeModules.some((m) => m.includes('@resvg/resvg-js'))).toBe(true);
    expect(
      probe.nodeBuiltins.some((m) => m.startsWith('node:fs/promises ← ') && m.endsWith('/render.ts')),
    ).toBe(true);
  });
});

describe('browser bundle (esbuild, platform browser, nothing external)', () => {
  test('the main entry bundles, and its inputs hold no TensorFlow.js and no resvg', async () => {
    const bundle = await browserBundle('index.ts');
    expect(bundle.errors).toEqual([]);
    expect(bundle.ok).toBe(true);
    expect(bundle.inputs.some((input) => input.includes('packages/segmentation/src/metrics.ts'))).toBe(true);
    expect(bundle.inputs.filter((input) => /@tensorflow|@resvg|\.node$/.test(input))).toEqual([]);
  });

  test('the ./build entry does not (the control: a Node builtin or a native addon fails the bundle)', async () => {
    const bundle = await browserBundle('build.ts');
    expect(bundle.ok).toBe(false);
    expect(bundle.errors.join('\n')).toMatch(/node:fs|\.node|resvg/);
  });
});
