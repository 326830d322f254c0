import { createTsupConfig } from '../../tsup.config.base';

// Two entries: the pure one (specs, registry, describe) and `./build`, which loads TensorFlow.js.
export default createTsupConfig({
  entry: ['src/index.ts', 'src/build.ts'],
  splitting: true,
  external: [/^@tensorflow\//],
});
