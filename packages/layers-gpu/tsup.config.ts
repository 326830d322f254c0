import { createTsupConfig } from '../../tsup.config.base';

// `@cnnkit/layers-gpu/onnx` is its own entry, so users who never export do not load protobufjs.
export default createTsupConfig({
  entry: { index: 'src/index.ts', 'onnx/index': 'src/onnx/index.ts' },
  external: [/^@tensorflow\//, 'onnxruntime-node'],
});
