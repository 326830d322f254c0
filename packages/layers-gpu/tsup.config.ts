import { createTsupConfig } from '../../tsup.config.base';

// `./blocks` is its own entry: pure spec builders that load no TensorFlow.js. `./onnx` too, so
// users who never export do not load protobufjs.
export default createTsupConfig({
  entry: { index: 'src/index.ts', blocks: 'src/blocks.ts', 'onnx/index': 'src/onnx/index.ts' },
  // prepareInference loads `./onnx` by the package's own name, on demand: never bundled into `.`.
  external: [/^@tensorflow\//, 'onnxruntime-node', '@cnnkit/layers-gpu/onnx'],
});
