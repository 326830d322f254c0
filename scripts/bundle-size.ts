/**
 * What one of our packages costs in a browser bundle: for every public package, esbuild bundles
 * (ESM, minified, browser platform, tree-shaken) one import of each export from the built dist,
 * and the whole package, then prints the bytes (minified and gzipped). TensorFlow.js is left
 * external (the application brings its own copy; it is a peer dependency). For comparison it also
 * prints the floor of one small zod schema, classic `zod` vs `zod/mini`.
 *
 * Usage: pnpm build && pnpm bundle-size [--all] (by default: the smallest and largest export).
 *
 * `--check` (run by `npm test`, see scripts/quickstart.sh) measures only the exports in
 * BUNDLE_LIMITS and fails when one is over its limit, so a browser bundle cannot grow back
 * unnoticed (shape-math's `analyze` was 480 kB with zod classic; the pure helpers were ≥ 459 kB
 * while the schemas shared their chunk).
 */
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { publicPackages } from './public-packages';

async function bundledBytes(
  source: string,
  resolveDir: string,
): Promise<{ minified: number; gzipped: number }> {
  const result = await build({
    stdin: { contents: source, resolveDir, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    treeShaking: true,
    write: false,
    // Node-only code paths (architectures' fileSystemIO) import builtins lazily; a browser build never runs them.
    external: ['@tensorflow/*', 'node:*', ...builtinModules],
    // Native addons (segmentation's PNG renderer, resvg) are Node-only too: counted as empty.
    loader: { '.node': 'empty' },
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.contents;
  return { minified: code.byteLength, gzipped: gzipSync(code).byteLength };
}

/**
 * Minified-size limits, in bytes, per package and export, with room over the figures measured
 * when they were set (analyze 56.0 kB, modelSpecSchema 33.3 kB, everything 62.5 kB, the pure helpers
 * 0.3–3.0 kB; checkMemoryBudget 4.2 kB with the error it throws for a misspelt option). A limit
 * is raised on purpose, in the same commit as the growth, never to make CI pass.
 */
export const BUNDLE_LIMITS: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  '@cnnkit/shape-math': {
    // What validates a spec: zod/mini, our schemas, zod's English messages and the arithmetic.
    analyze: 70_000,
    countParams: 70_000,
    outputShape: 70_000,
    modelSpecSchema: 45_000,
    // The readers (issue 21) added ~40 kB to everything: readOnnx's wire decoder and op rules
    // (25.3 kB alone, no zod), readKerasModel (55.0 kB, most of it the spec schema it validates with).
    '*': 110_000,
    readKerasModel: 65_000,
    readOnnx: 30_000,
    formatOnnxSummary: 5_000,
    // Pure helpers: no schema, no zod.
    convOutputLength: 5_000,
    samePadding: 5_000,
    formatBytes: 5_000,
    formatSummary: 5_000,
    ShapeMathError: 5_000,
    checkOptionsObject: 5_000,
    checkMemoryBudget: 6_000,
  },
  // TensorFlow.js left out (a peer the application brings): what our code and zod/mini add
  // (measured: buildModel 69.2 kB, everything 91.4 kB; zod classic made the floor 460 kB).
  // Issue 23 added prepareInference (the engine choice, ONNX Runtime loaded on demand by name) and
  // the bulk weight initialisers: everything 110.6 kB, buildModel 75.8 kB. Issue 23's fused
  // batch-norm training kernels and in-place folding: everything 121.5 kB, buildModel 77.7 kB.
  '@cnnkit/layers-gpu': { buildModel: 85_000, '*': 130_000 },
  // The pure entry (no TensorFlow.js): describe 86.2 kB, with every network's spec (was 509 kB).
  '@cnnkit/architectures': { describe: 105_000, '*': 105_000 },
  // The pure main entry (building, training and pictures are in ./build): everything 84.1 kB,
  // toFullyConvolutional 64.6 kB (shape-math's analysis), the metrics 0.9–5.4 kB, seededRandom 0.6 kB.
  '@cnnkit/segmentation': {
    '*': 105_000,
    toFullyConvolutional: 80_000,
    scoresFromConfusion: 5_000,
    boundaryF1: 10_000,
    seededRandom: 5_000,
  },
};

async function checkLimits(): Promise<number> {
  let failures = 0;
  for (const pkg of publicPackages()) {
    const limits = BUNDLE_LIMITS[pkg.name];
    if (limits === undefined) continue;
    const entry = join(pkg.directory, 'dist', 'index.js');
    for (const [name, limit] of Object.entries(limits)) {
      const source =
        name === '*'
          ? `export * from ${JSON.stringify(entry)};`
          : `export { ${name} } from ${JSON.stringify(entry)};`;
      const size = await bundledBytes(source, pkg.directory);
      const label = name === '*' ? `${pkg.name} everything` : `${pkg.name} { ${name} }`;
      const over = size.minified > limit;
      if (over) failures++;
      console.log(`${row(label, size)}  limit ${kb(limit).padStart(9)}${over ? '  OVER THE LIMIT' : ''}`);
    }
  }
  if (failures > 0)
    console.error(
      `${failures} browser bundle(s) over the limit in scripts/bundle-size.ts: find what pulled the weight in ` +
        '(a module-level call the bundler cannot drop, zod classic, a chunk shared with the schemas), or raise the limit on purpose',
    );
  return failures === 0 ? 0 : 1;
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const row = (label: string, size: { minified: number; gzipped: number }) =>
  `  ${label.padEnd(50)} ${kb(size.minified).padStart(10)} min ${kb(size.gzipped).padStart(9)} gzip`;

async function main() {
  if (process.argv.includes('--check')) {
    process.exitCode = await checkLimits();
    return;
  }
  const showAll = process.argv.includes('--all');
  for (const pkg of publicPackages()) {
    const entry = join(pkg.directory, 'dist', 'index.js');
    const exportsOf = Object.keys(await import(pathToFileURL(entry).href)).filter(
      (name) => name !== 'default',
    );
    console.log(`${pkg.name} (${exportsOf.length} exports, browser, minified)`);
    const sizes: [string, { minified: number; gzipped: number }][] = [];
    for (const name of exportsOf) {
      sizes.push([
        `{ ${name} }`,
        await bundledBytes(`export { ${name} } from ${JSON.stringify(entry)};`, pkg.directory),
      ]);
    }
    sizes.sort((a, b) => a[1].minified - b[1].minified);
    const shown = showAll ? sizes : [sizes[0]!, sizes[sizes.length - 1]!];
    for (const [label, size] of shown) console.log(row(label, size));
    console.log(
      row('everything', await bundledBytes(`export * from ${JSON.stringify(entry)};`, pkg.directory)),
    );
  }
  const schema =
    'z.object({ kernelSize: z.number().check(z.int(), z.positive()) }).parse({ kernelSize: 3 });';
  const shapeMath = publicPackages().find((pkg) => pkg.name === '@cnnkit/shape-math');
  if (shapeMath) {
    console.log('one small zod schema, for comparison');
    console.log(
      row('zod (classic)', await bundledBytes(`import { z } from 'zod'; ${schema}`, shapeMath.directory)),
    );
    console.log(
      row('zod/mini', await bundledBytes(`import * as z from 'zod/mini'; ${schema}`, shapeMath.directory)),
    );
  }
}

await main();
