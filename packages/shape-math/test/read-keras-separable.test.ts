import { describe, expect, test } from 'vitest';
import { analyze, readKerasModel } from '../src/index';

/*
 * Keras' SeparableConv2D read as shape-math's separableConv2d, counts derived by hand. (Issue 17:
 * with the readers table-driven, mapping this class to the plain conv rule passed every fast reader
 * test; this one fails then.)
 */
const model = {
  class_name: 'Sequential',
  config: {
    name: 'separable',
    layers: [
      { class_name: 'InputLayer', config: { batch_input_shape: [null, 16, 16, 4], name: 'image' } },
      {
        class_name: 'SeparableConv2D',
        config: {
          name: 'sep',
          filters: 8,
          kernel_size: [3, 3],
          strides: [2, 2],
          padding: 'same',
          depth_multiplier: 1,
          dilation_rate: [1, 1],
          use_bias: true,
          activation: 'linear',
        },
      },
    ],
  },
};

describe('readKerasModel: SeparableConv2D', () => {
  test('is a depthwise 3×3 then a pointwise 1×1 (params, shape)', () => {
    const spec = readKerasModel(model);
    expect(spec.layers.map((l) => l.kind)).toEqual(['separableConv2d']);
    const report = analyze(spec);
    // depthwise 3·3·4·1 = 36; pointwise 1·1·4·8 = 32; bias 8: 76 (Keras' SeparableConv2D count).
    // A plain 3×3 conv would have 3·3·4·8 + 8 = 296.
    expect(report.totals.params.total).toBe(36 + 32 + 8);
    // "same", stride 2: ceil(16 / 2) = 8.
    expect(report.outputs[0]!.shape).toEqual([8, 8, 8]);
  });
});
