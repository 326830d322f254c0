export { bilinearKernel, bilinearKernelSize, bilinearTransposedConvWeights } from './bilinear';
export type { BuildSegmenterOptions, ResizeMethod } from './build';
export { buildSegmenter, resizeMaps } from './build';
export type { CompareOptions, Comparison, ComparisonRow, SegmenterName } from './compare';
export {
  compactVggBackbone,
  compareSegmenters,
  comparisonSpec,
  formatComparison,
  progressLine,
  SEGMENTER_NAMES,
} from './compare';
export type { ConvertDenseToConvOptions, ConvertedModel } from './convert';
export { convertDenseToConv } from './convert';
export type { ShapeClass, SyntheticDataset, SyntheticOptions } from './dataset';
export { SHAPE_CLASSES, seededRandom, syntheticShapes } from './dataset';
export type { SegmentationErrorCode } from './errors';
export { SegmentationError } from './errors';
export type { FullyConvolutionalOptions, FullyConvolutionalPlan, TopConversion } from './fully-convolutional';
export { planFullyConvolutional, toFullyConvolutional } from './fully-convolutional';
export type { CombinedLossOptions, DiceLossOptions, PixelLossOptions } from './losses';
export { crossEntropyDiceLoss, diceLoss, pixelCrossEntropy } from './losses';
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
export type { ComparisonPictureOptions, Panel, SideBySideOptions } from './render';
export { comparisonPng, MASK_PALETTE, sideBySideSvg, svgToPng, writeComparisonPng } from './render';
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
export type {
  Evaluation,
  EvaluationOptions,
  SegmentationData,
  SegmentationLoss,
  TrainingHistory,
  TrainingProgress,
  TrainOptions,
} from './train';
export { batchTensors, evaluateSegmenter, predictMasks, trainSegmenter } from './train';
