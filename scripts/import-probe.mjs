/**
 * Imports one module in this fresh process and reports, as one JSON line on stdout, how long the
 * import took and which `@tensorflow/*` modules it loaded. Evidence from three places, so that
 * neither module system can hide a load: a resolve hook (every ESM import and every import of CJS),
 * `require.cache` (every CommonJS `require`), and the global engine tfjs-core creates when it loads.
 *
 *   node [--import tsx] [--conditions=@cnnkit/source] scripts/import-probe.mjs <file>
 */
import { createRequire, register } from 'node:module';
import { pathToFileURL } from 'node:url';
import { MessageChannel } from 'node:worker_threads';

const target = process.argv[2];
if (!target) {
  console.error('usage: import-probe.mjs <file to import>');
  process.exit(2);
}

const resolved = new Set();
const { port1, port2 } = new MessageChannel();
port1.on('message', (url) => resolved.add(url));
port1.unref();
register('./import-probe-hooks.mjs', import.meta.url, { data: { port: port2 }, transferList: [port2] });

const start = performance.now();
await import(pathToFileURL(target).href);
const importMs = performance.now() - start;

// Let the hook thread's last messages arrive before reading them.
await new Promise((done) => setTimeout(done, 50));
const require = createRequire(import.meta.url);
const isTensorflow = (id) => /[\\/]@tensorflow[\\/]|^@tensorflow\//.test(id) || id.includes('@tensorflow+');
const tensorflowModules = [
  ...new Set([...resolved, ...Object.keys(require.cache)].filter(isTensorflow)),
].sort();
console.log(
  JSON.stringify({
    target,
    importMs: Math.round(importMs * 10) / 10,
    tensorflowModules,
    tfjsEngineCreated: '_tfengine' in globalThis,
  }),
);
process.exit(0);
