/*
 * The `@cnnkit/segmentation/build` entry: what loads TensorFlow.js or the native PNG renderer
 * (`@resvg/resvg-js`) — building and converting real models, losses, training, the comparison run
 * and its pictures. Kept apart from the main entry so that specs, conversion plans, the dataset and
 * the metrics load neither (and bundle for a browser).
 */
export type { BuildSegmenterOptions, ResizeMethod } from './build-segmenter';
export { buildSegmenter, resizeMaps } from './build-segmenter';
export { compareSegmenters } from './compare-run';
export type { ConvertDenseToConvOptions, ConvertedModel } from './convert';
export { convertDenseToConv } from './convert';
export type { CombinedLossOptions, DiceLossOptions, PixelLossOptions } from './losses';
export { crossEntropyDiceLoss, diceLoss, pixelCrossEntropy } from './losses';
export type { ComparisonPictureOptions, Panel, SideBySideOptions } from './render';
export { comparisonPng, MASK_PALETTE, sideBySideSvg, svgToPng, writeComparisonPng } from './render';
export type {
  Evaluation,
  EvaluationOptions,
  SegmentationData,
  SegmentationLoss,
  TrainingHistory,
  TrainOptions,
} from './train';
export { batchTensors, evaluateSegmenter, predictMasks, trainSegmenter } from './train';
