import { defineConfig, type Options } from 'tsup';

/**
 * One tsup configuration for every publishable package (the discord.js pattern):
 * ESM + CJS + .d.ts for each entry, so a package's own tsup.config.ts is one line.
 */
export function createTsupConfig(options: Options = {}) {
  return defineConfig({
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    sourcemap: true,
    target: 'node20',
    platform: 'node',
    splitting: false,
    // esbuild already drops unused code; tsup's extra rollup tree-shaking pass appended a second
    // `//# sourceMappingURL` line to every file (checked by scripts/check-packages.ts).
    treeshake: false,
    ...options,
  });
}
