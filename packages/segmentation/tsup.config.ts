import { createTsupConfig } from '../../tsup.config.base';

// Two entries: the pure one (specs, conversion plans, dataset, metrics) and `./build`, which loads
// TensorFlow.js and the native PNG renderer.
export default createTsupConfig({
  entry: ['src/index.ts', 'src/build.ts'],
  splitting: true,
  external: [/^@tensorflow\//, /^@resvg\//],
});
