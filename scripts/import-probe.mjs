/**
 * Imports one module in this fresh process and reports, as one JSON line on stdout, how long the
 * import took, which `@tensorflow/*` modules and native addons (`@resvg/*`, `.node` binaries) it
 * loaded, and which Node builtins the imported code (not the tooling) asked for. Evidence from three
 * places, so that neither module system can hide a load: a resolve hook (every ESM import and every
 * import of CJS), `require.cache` (every CommonJS `require`), and the global engine tfjs-core
 * creates when it loads.
 *
 *   node [--import tsx] [--conditions=@cnnkit/source] scripts/import-probe.mjs <file>
 */
import { builtinModules, createRequire, register } from 'node:module';
import { pathToFileURL } from 'node:url';
import { MessageChannel } from 'node:worker_threads';

const target = process.argv[2];
if (!target) {
  console.error('usage: import-probe.mjs <file to import>');
  process.exit(2);
}

const resolved = new Set();
/** `specifier ← importer` for every builtin asked for by a module that is not tsx's (the tooling). */
const builtinImports = new Set();
const isBuiltin = (specifier) =>
  specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0]);
const { port1, port2 } = new MessageChannel();
port1.on('message', ({ url, specifier, parentURL }) => {
  resolved.add(url);
  if (
    isBuiltin(specifier) &&
    parentURL !== null &&
    !/[\\/]node_modules[\\/](\.pnpm[\\/])?tsx/.test(parentURL)
  )
    builtinImports.add(`${specifier} ← ${parentURL}`);
});
port1.unref();
register('./import-probe-hooks.mjs', import.meta.url, { data: { port: port2 }, transferList: [port2] });

const start = performance.now();
await import(pathToFileURL(target).href);
const importMs = performance.now() - start;

// Let the hook thread's last messages arrive before reading them.
await new Promise((done) => setTimeout(done, 50));
const require = createRequire(import.meta.url);
const isTensorflow = (id) => /[\\/]@tensorflow[\\/]|^@tensorflow\//.test(id) || id.includes('@tensorflow+');
const loaded = [...new Set([...resolved, ...Object.keys(require.cache)])];
const tensorflowModules = loaded.filter(isTensorflow).sort();
const isNative = (id) => /[\\/]@resvg[\\/]|^@resvg\/|@resvg\+|\.node$/.test(id);
const nativeModules = loaded.filter(isNative).sort();
console.log(
  JSON.stringify({
    target,
    importMs: Math.round(importMs * 10) / 10,
    tensorflowModules,
    nativeModules,
    nodeBuiltins: [...builtinImports].sort(),
    tfjsEngineCreated: '_tfengine' in globalThis,
  }),
);
process.exit(0);
