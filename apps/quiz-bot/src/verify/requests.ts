import { ARCHITECTURE_NAMES } from '@cnnkit/architectures';
import { dtypeSchema, EXERCISE2_DEFAULTS } from '@cnnkit/shape-math';
import { z } from 'zod';
import { REQUEST_LIMITS as limits } from '../limits';
import { strictObject } from '../strict';

const side = z.number().int().min(1).max(limits.side);
const defaults = EXERCISE2_DEFAULTS;

/** Exercise 2 and its variants: three conv layers whose filters double. */
export const exercise2NetworkSchema = strictObject({
  height: side.default(defaults.height),
  width: side.default(defaults.width),
  channels: z.number().int().min(1).max(limits.channels).default(defaults.channels),
  kernelSize: z.number().int().min(1).max(limits.kernelSize).default(defaults.kernelSize),
  strides: z.number().int().min(1).max(limits.strides).default(defaults.strides),
  padding: z.enum(['same', 'valid']).default(defaults.padding),
  filters: z
    .tuple([
      z.number().int().min(1).max(limits.filters),
      z.number().int().min(1).max(limits.filters),
      z.number().int().min(1).max(limits.filters),
    ])
    .default([defaults.filters[0], defaults.filters[1], defaults.filters[2]]),
});
export type Exercise2Network = z.infer<typeof exercise2NetworkSchema>;

/**
 * What to build and measure to get the expected value of a numeric question. The engine sends
 * this to a worker that builds the real TensorFlow.js model and measures it.
 */
export const measurementRequestSchema = z.discriminatedUnion('kind', [
  strictObject({
    kind: z.literal('exercise2'),
    network: exercise2NetworkSchema.prefault({}),
    quantity: z.enum(['params', 'inferenceBytes', 'trainingBytes']),
    batchSize: z.number().int().min(1).max(limits.batch).default(1),
    dtype: z._default(dtypeSchema, 'float32'),
  }),
  strictObject({
    kind: z.literal('architectureParams'),
    architecture: z.enum(ARCHITECTURE_NAMES as [string, ...string[]]),
    /** PyTorch counts parameters() (trainable); Keras' "Total params" counts BN statistics too. */
    count: z.enum(['trainable', 'total']),
  }),
  strictObject({
    kind: z.literal('outputStride'),
    architecture: z.enum(ARCHITECTURE_NAMES as [string, ...string[]]),
    inputSide: side.default(64),
  }),
  strictObject({
    /** A classifier whose backbone has output stride 32 and a dense head, converted to a FCN. */
    kind: z.literal('fcnGrid'),
    trainSide: side.default(224),
    testSide: side.default(448),
  }),
  strictObject({
    /** Parameters a stride-s conv adds over a max pooling layer of the same stride. */
    kind: z.literal('poolVersusConv'),
    channels: z.number().int().min(1).max(2048).default(64),
    window: z.number().int().min(1).max(7).default(2),
  }),
]);
export type MeasurementRequest = z.output<typeof measurementRequestSchema>;
export type MeasurementRequestInput = z.input<typeof measurementRequestSchema>;

export interface Measurement {
  readonly request: MeasurementRequest;
  /** Measured on a real model. */
  readonly measured: number;
  /** shape-math's theoretical figure for the same quantity. */
  readonly theory: number;
  readonly unit: 'count' | 'bytes' | 'ratio' | 'pixels';
  /** How it was measured and how the theory reads, in sentences. */
  readonly details: readonly string[];
  readonly backend: string;
  /**
   * Which engine ran the forward passes: TensorFlow.js, ONNX Runtime (only for a network on which it
   * agreed with TensorFlow.js first; `details` says so), or both, one pass each.
   */
  readonly engine: MeasurementEngine;
  readonly elapsedMs: number;
}

/** Which engine ran a measurement's forward passes. */
export type MeasurementEngine = 'tfjs' | 'onnxruntime' | 'mixed';
