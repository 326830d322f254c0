import { describe as describeArchitecture } from '@cnnkit/architectures';
import { analyze, convOutputLength, exercise2Spec } from '@cnnkit/shape-math';
import {
  type Measurement,
  type MeasurementRequest,
  type MeasurementRequestInput,
  type Measurer,
  measurementRequestSchema,
} from '../src/index';

/**
 * What a measurement would be, from shape-math (and the architectures' descriptions) alone: the
 * independent computation the grading tests compare with, with no worker and no model run. The
 * engine tests check the same figures on the real models.
 */
export function theoryMeasurement(input: MeasurementRequestInput): Measurement {
  const request: MeasurementRequest = measurementRequestSchema.parse(input);
  let value: number;
  let unit: Measurement['unit'] = 'count';
  if (request.kind === 'exercise2') {
    const report = analyze(exercise2Spec(request.network), {
      dtype: request.dtype,
      batchSize: request.batchSize,
    });
    value =
      request.quantity === 'params'
        ? report.totals.params.total
        : request.quantity === 'inferenceBytes'
          ? report.memory.inference.bytes
          : report.memory.trainingMinimum.bytes;
    unit = request.quantity === 'params' ? 'count' : 'bytes';
  } else if (request.kind === 'poolVersusConv') {
    const { channels, window } = request;
    value = analyze({
      name: 'c',
      input: [window * 4, window * 4, channels],
      layers: [{ kind: 'conv2d', name: 'c', filters: channels, kernelSize: window, strides: window }],
    }).totals.params.total;
  } else if (request.kind === 'architectureParams') {
    const params = describeArchitecture(request.architecture).totals.params;
    value = request.count === 'trainable' ? params.trainable : params.total;
  } else if (request.kind === 'outputStride') {
    const report = describeArchitecture(request.architecture, {
      inputShape: [224, 224, 3],
      includeTop: false,
    });
    value = report.layers[report.layers.length - 1]!.effectiveStride[0];
    unit = 'ratio';
  } else {
    // Five 2×2 "valid" poolings (output stride 32), then the 7×7 conv that replaced the dense layer.
    const map = (side: number) => {
      let s = side;
      for (let stage = 0; stage < 5; stage++) s = convOutputLength(s, 2, 'valid', 2);
      return s;
    };
    value = map(request.testSide) - map(request.trainSide) + 1;
    unit = 'pixels';
  }
  return {
    request,
    measured: value,
    theory: value,
    unit,
    backend: 'theory',
    engine: 'tfjs',
    elapsedMs: 0,
    details: [],
  };
}

/** A measurer that answers from `theoryMeasurement`: for engine tests about scoring, not measuring. */
export const theoryMeasurer: Measurer = {
  measure: async (request) => ({ ...theoryMeasurement(request), cached: false }),
};
