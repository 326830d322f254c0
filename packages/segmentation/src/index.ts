export type { ConvertDenseToConvOptions, ConvertedModel } from './convert';
export { convertDenseToConv } from './convert';
export type { SegmentationErrorCode } from './errors';
export { SegmentationError } from './errors';
export type { FullyConvolutionalOptions, FullyConvolutionalPlan, TopConversion } from './fully-convolutional';
export { planFullyConvolutional, toFullyConvolutional } from './fully-convolutional';
