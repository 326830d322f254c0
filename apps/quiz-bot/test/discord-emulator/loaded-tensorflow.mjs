// Imports the module given as argument, then reports whether TensorFlow.js was loaded: tfjs-core
// creates its engine (globalThis._tfengine) when its module is evaluated, ESM or CommonJS.
import { createRequire } from 'node:module';

await import(process.argv[2]);
const require = createRequire(import.meta.url);
const cjs = Object.keys(require.cache).filter((path) => path.includes('@tensorflow'));
process.stdout.write(JSON.stringify({ tfEngine: globalThis._tfengine !== undefined, tfModules: cjs.length }));
