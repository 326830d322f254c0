export type { BackendAttempt, BackendName, BackendReport, InitBackendOptions } from './backend';
export {
  BACKEND_ENV_VAR,
  BACKEND_NAMES,
  describeBackend,
  initBackend,
  initBackendOptionsSchema,
} from './backend';
export type { BlockPlacement, InceptionFilters, ResidualUnitOptions } from './blocks';
export {
  depthwiseSeparableBlock,
  inceptionModule,
  residualUnit,
  squeezeExcitationBlock,
  xceptionEntryUnit,
  xceptionExitFlow,
  xceptionMiddleUnit,
} from './blocks';
export type { BuildOptions, BuiltModel } from './build';
export {
  assertFitsMemoryBudget,
  BUILD_OPTION_KEYS,
  buildAnalyzedModel,
  buildModel,
  DEFAULT_MEMORY_BUDGET_BYTES,
} from './build';
export type { LayerMismatch } from './compare';
export { compareWithShapeMath } from './compare';
export type { GroupedConv2DArgs, LocalResponseNormalizationArgs } from './custom-layers';
export {
  GroupedConv2D,
  groupedConv2d,
  LocalResponseNormalization,
  localResponseNormalization,
  registerCnnkitLayers,
} from './custom-layers';
export type { LayersGpuErrorCode, LayersGpuErrorDetails } from './errors';
export { LayersGpuError } from './errors';
export type { InferenceModel, InferenceOptions, InferenceRewrite } from './inference';
export { inferenceOptionsSchema, optimizeForInference } from './inference';
export type { InferenceEngine, InferenceRunner, PrepareInferenceOptions } from './prepare';
export { INFERENCE_ENGINES, ONNX_AGREEMENT_TOLERANCE, prepareInference } from './prepare';
export type { LayerProfile, ModelProfile, ProfileOptions, RunMeasurement } from './profile';
export { profileModel } from './profile';
export type { WasmThreadsPlan } from './wasm-threads';
export {
  MAX_WASM_THREADS,
  planWasmThreads,
  registerSingleThreadedWasm,
  WASM_THREADS_ENV_VAR,
} from './wasm-threads';
export { registerWasmTrainingKernels } from './wasm-training-kernels';
