export type { AnalyzedModel, ElementCounts, LayerReport, ModelReport, ParameterCount } from './analyze';
export {
  analyze,
  analyzeModel,
  CONVENTIONS,
  countParams,
  indirectionBufferBytes,
  memoryForElementCounts,
  outputShape,
} from './analyze';
export type { BackendPeak } from './backend-peak';
export {
  WASM_ACTIVATION_FACTOR,
  WASM_HEAP_CEILING_BYTES,
  WASM_HEAP_SLACK_BYTES,
  WASM_KERNEL_TAP_FACTOR,
  WASM_PARAMETER_FACTOR,
  WASM_RUNTIME_BASELINE_BYTES,
  wasmBackendPeak,
} from './backend-peak';
export type { CnnkitErrorData, CnnkitErrorInit, ErrorLayer, ErrorPath } from './cnnkit-error';
export { CnnkitError, isCnnkitError } from './cnnkit-error';
export type { AxisPadding, ConvArithmeticProblem, PaddingMode } from './conv-arithmetic';
export {
  ConvArithmeticError,
  convOutputLength,
  dilatedKernelSize,
  samePadding,
  transposedConvOutputLength,
} from './conv-arithmetic';
export { BYTES_PER_ELEMENT, bytesPerElement } from './dtypes';
export type {
  InvalidSpecDetails,
  KernelTooLargeDetails,
  ShapeMathErrorCode,
  ShapeMathIssue,
  ShapeMathIssueBase,
  ShapeMathIssueDetails,
} from './errors';
export { formatIssue, ShapeMathError } from './errors';
export type { Exercise2Options } from './examples';
export { EXERCISE2_DEFAULTS, exercise2Spec } from './examples';
export { formatBytes, formatInteger, formatScaled, formatSummary } from './format';
export type { Pair, SpatialPadding } from './layers';
export { defaultLayerName, explicitSpatialPadding, toPair } from './layers';
export type {
  InferenceMemory,
  MemoryBudgetCheck,
  MemoryBudgetEstimate,
  MemoryBudgetOptions,
  MemoryBudgetUse,
  MemoryEstimates,
  MinimumTrainingMemory,
  RealisticTrainingMemory,
} from './memory';
export {
  checkMemoryBudget,
  DEFAULT_MEMORY_BUDGET_BYTES,
  INFERENCE_METHOD,
  MINIMUM_TRAINING_METHOD,
  OPTIMIZER_SLOTS_PER_PARAMETER,
  peakLiveActivations,
  REALISTIC_TRAINING_METHOD,
} from './memory';
export { MESSAGE_QUOTE_MAX_CHARACTERS, quoteForMessage } from './quote';
export type { KerasReadableLayerClass, ReadKerasModelOptions } from './read/keras';
export { KERAS_READABLE_CLASSES, readKerasModel } from './read/keras';
export type { OnnxGraphReport, OnnxNodeReport, OnnxReadableOp, ReadOnnxOptions } from './read/onnx';
export { ONNX_CONVENTIONS, ONNX_READABLE_OPS, readOnnx } from './read/onnx';
export { formatOnnxSummary } from './read/onnx-format';
export type {
  Activation,
  AnalyzeOptions,
  AnalyzeOptionsInput,
  DeepReadonly,
  Dtype,
  LayerKind,
  LayerOf,
  LayerSchema,
  LayerSpec,
  LayerSpecInput,
  ModelSpec,
  ModelSpecInput,
  Optimizer,
  Padding,
} from './schemas';
export {
  ANALYZE_OPTION_KEYS,
  activationSchema,
  analyzeOptionsSchema,
  dtypeSchema,
  inputShapeSchema,
  LAYER_KINDS,
  LAYER_SCHEMAS,
  layerSpecSchema,
  modelSpecSchema,
  optimizerSchema,
  paddingSchema,
  spatialPairSchema,
} from './schemas';
export type { OptionsObjectIssue } from './suggest';
export {
  checkOptionsObject,
  closestKey,
  describeNonObject,
  notAnObjectMessage,
  unknownKeysMessage,
} from './suggest';
export { invalidSpecDetails, validate } from './validate';
