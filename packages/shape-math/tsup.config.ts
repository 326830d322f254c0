import { createTsupConfig } from '../../tsup.config.base';

export default [
  createTsupConfig(),
  // The command line tool ships as ESM only; it is a program, not an import target.
  createTsupConfig({
    entry: ['src/cli.ts'],
    format: ['esm'],
    dts: false,
    clean: false,
    banner: { js: '#!/usr/bin/env node' },
  }),
];
