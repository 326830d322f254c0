export type { OnnxExport, OnnxExportOptions } from './export';
export { ONNX_EXPORTABLE_LAYERS, ONNX_OPSET, toOnnx } from './export';
export type {
  GpuFacts,
  OnnxEngineReport,
  OnnxExecutionProvider,
  OnnxRunner,
  OnnxRunnerOptions,
} from './runtime';
export {
  chooseExecutionProvider,
  createOnnxRunner,
  createOnnxSession,
  detectGpuProvider,
  probeGpu,
} from './runtime';
