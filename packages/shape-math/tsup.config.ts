import { createTsupConfig } from '../../tsup.config.base';

export default [
  createTsupConfig({ format: ['cjs'] }),
  // ESM with the zod schemas in a chunk of their own: the package has no side effects, so a bundler
  // drops that chunk (and zod with it) for code that uses only the pure helpers (convOutputLength, …).
  // `suggest` (which the schemas import too) is an entry of its own so that it lands in another
  // chunk than the schemas: without it, the pure helpers it shares a chunk with would pull zod in.
  // `pnpm bundle-size --check` fails when a pure helper grows past its limit again.
  createTsupConfig({
    format: ['esm'],
    entry: { index: 'src/index.ts', schemas: 'src/schemas.ts', suggest: 'src/suggest.ts' },
    splitting: true,
    dts: { entry: { index: 'src/index.ts' } },
    clean: false,
  }),
  // The command line tool ships as ESM only; it is a program, not an import target.
  createTsupConfig({
    entry: ['src/cli.ts'],
    format: ['esm'],
    dts: false,
    clean: false,
    banner: { js: '#!/usr/bin/env node' },
  }),
];
