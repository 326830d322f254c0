import { defineConfig } from 'tsup';

// An application, not a library: ESM only, with the worker as its own entry so the pool can load it.
export default defineConfig({
  entry: {
    index: 'src/index.ts',
    cli: 'src/cli/main.ts',
    worker: 'src/verify/worker.ts',
    'picture-worker': 'src/views/picture-worker.ts',
    'grading-worker': 'src/grading-worker.ts',
    'store-writer-worker': 'src/store/writer-worker.ts',
  },
  format: ['esm'],
  dts: { entry: { index: 'src/index.ts' } },
  clean: true,
  sourcemap: true,
  target: 'node20',
  platform: 'node',
  splitting: true,
  external: [
    /^@tensorflow\//,
    'better-sqlite3',
    'pg',
    'tinypool',
    'kysely',
    'ts-fsrs',
    'picocolors',
    'zod',
    'discord.js',
    'pino',
    '@resvg/resvg-js',
    'ws',
    /^@cnnkit\//,
    // The English model is a 3.8 MB CommonJS package: loaded from node_modules, not bundled.
    'wink-nlp',
    'wink-eng-lite-web-model',
  ],
});
