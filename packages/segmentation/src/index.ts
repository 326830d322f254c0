/*
 * The main entry is pure: specs, conversion plans, the synthetic dataset and the metrics on plain
 * arrays. It loads no `@tensorflow/*` module, no native addon and no Node builtin, so it bundles for
 * a browser (test/import-graph.test.ts holds this). Building, converting real models, losses,
 * training and pictures live in `@cnnkit/segmentation/build`.
 */
export { bilinearKernel, bilinearKernelSize, bilinearTransposedConvWeights } from './bilinear';
export type { CompareOptions, Comparison, ComparisonRow, SegmenterName } from './compare';
export {
  compactVggBackbone,
  comparisonSpec,
  formatComparison,
  progressLine,
  SEGMENTER_NAMES,
} from './compare';
export type { ShapeClass, SyntheticDataset, SyntheticOptions } from './dataset';
export { SHAPE_CLASSES, seededRandom, syntheticShapes } from './dataset';
export type { SegmentationErrorCode } from './errors';
export { SegmentationError } from './errors';
export type { FullyConvolutionalOptions, FullyConvolutionalPlan, TopConversion } from './fully-convolutional';
export { planFullyConvolutional, toFullyConvolutional } from './fully-convolutional';
export type {
  BoundaryF1Options,
  BoundaryScores,
  BoundaryToleranceOptions,
  BoundaryToleranceRule,
  ConfusionMatrix,
  ConfusionOptions,
  LabelMap,
  MaskSetOptions,
  MaskSetScores,
  MaskShape,
  SegmentationScores,
} from './metrics';
export {
  addConfusion,
  BOUNDARY_TOLERANCE_RULES,
  boundaryF1,
  boundaryPixels,
  boundaryTolerancePixels,
  confusionMatrix,
  DEFAULT_BOUNDARY_TOLERANCE,
  resolveBoundaryTolerance,
  scorePredictedMasks,
  scoresFromConfusion,
} from './metrics';
export type {
  FcnHead,
  FcnOptions,
  FcnVariant,
  SegmenterDescription,
  SegmenterHead,
  UNetOptions,
  UNetPadding,
} from './segmenters';
export { describeSegmenter, FCN_HEADS, FCN_VARIANTS, fcnSpec, UNET_PADDINGS, unetSpec } from './segmenters';
// The type `progressLine` takes; trainSegmenter (in /build) produces it.
export type { TrainingProgress } from './train';
