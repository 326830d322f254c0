import { ARCHITECTURE_NAMES } from '@cnnkit/architectures';
import { z } from 'zod';

const side = z.number().int().min(1).max(4096);
const dtype = z.enum(['float32', 'float16', 'bfloat16', 'int8']);

/** Exercise 2 and its variants: three conv layers whose filters double. */
export const exercise2NetworkSchema = z.object({
  height: side.default(200),
  width: side.default(300),
  channels: z.number().int().min(1).max(64).default(3),
  kernelSize: z.number().int().min(1).max(11).default(3),
  strides: z.number().int().min(1).max(8).default(2),
  padding: z.enum(['same', 'valid']).default('same'),
  filters: z
    .tuple([
      z.number().int().min(1).max(2048),
      z.number().int().min(1).max(2048),
      z.number().int().min(1).max(2048),
    ])
    .default([100, 200, 400]),
});
export type Exercise2Network = z.infer<typeof exercise2NetworkSchema>;

/**
 * What to build and measure to get the expected value of a numeric question. The engine sends
 * this to a worker that builds the real TensorFlow.js model and measures it.
 */
export const measurementRequestSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('exercise2'),
    network: exercise2NetworkSchema.prefault({}),
    quantity: z.enum(['params', 'inferenceBytes', 'trainingBytes']),
    batchSize: z.number().int().min(1).max(4096).default(1),
    dtype: dtype.default('float32'),
  }),
  z.object({
    kind: z.literal('architectureParams'),
    architecture: z.enum(ARCHITECTURE_NAMES as [string, ...string[]]),
    /** PyTorch counts parameters() (trainable); Keras' "Total params" counts BN statistics too. */
    count: z.enum(['trainable', 'total']),
  }),
  z.object({
    kind: z.literal('outputStride'),
    architecture: z.enum(ARCHITECTURE_NAMES as [string, ...string[]]),
    inputSide: side.default(64),
  }),
  z.object({
    /** A classifier whose backbone has output stride 32 and a dense head, converted to a FCN. */
    kind: z.literal('fcnGrid'),
    trainSide: side.default(224),
    testSide: side.default(448),
  }),
  z.object({
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
  readonly elapsedMs: number;
}
