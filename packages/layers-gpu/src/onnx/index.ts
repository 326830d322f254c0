export type { OnnxExport, OnnxExportOptions } from './export';
export { ONNX_EXPORTABLE_LAYERS, ONNX_OPSET, toOnnx } from './export';
export type { OnnxEngineReport, OnnxExecutionProvider, OnnxRunner, OnnxRunnerOptions } from './runtime';
export { createOnnxRunner, createOnnxSession, detectGpuProvider } from './runtime';
