/**
 * What one of our packages costs in a browser bundle: for every public package, esbuild bundles
 * (ESM, minified, browser platform, tree-shaken) one import of each export from the built dist,
 * and the whole package, then prints the bytes (minified and gzipped). TensorFlow.js is left
 * external (the application brings its own copy; it is a peer dependency). For comparison it also
 * prints the floor of one small zod schema, classic `zod` vs `zod/mini`.
 *
 * Usage: pnpm build && pnpm bundle-size [--all] (by default: the smallest and largest export).
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
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.contents;
  return { minified: code.byteLength, gzipped: gzipSync(code).byteLength };
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const row = (label: string, size: { minified: number; gzipped: number }) =>
  `  ${label.padEnd(40)} ${kb(size.minified).padStart(10)} min ${kb(size.gzipped).padStart(9)} gzip`;

async function main() {
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
