import { expect, test } from 'vitest';
import { analyze } from '../src/index';

// FCN's final upsampler is fixed to bilinear (Caffe's lr_mult 0; Long et al. 2015, section 4.3):
// its weights exist but are not trained, so they count as non-trainable, as Keras counts a layer
// with trainable = False. Kernel 16, 21 → 21 channels, no bias: 16·16·21·21 = 112,896.
test.each([
  [undefined, { trainable: 112_896, nonTrainable: 0, total: 112_896 }],
  [true, { trainable: 112_896, nonTrainable: 0, total: 112_896 }],
  [false, { trainable: 0, nonTrainable: 112_896, total: 112_896 }],
] as const)('a transposed conv with trainable %s counts its 112,896 weights as %j', (trainable, params) => {
  const report = analyze({
    input: [9, 9, 21],
    layers: [
      {
        kind: 'conv2dTranspose',
        filters: 21,
        kernelSize: 16,
        strides: 8,
        useBias: false,
        ...(trainable === undefined ? {} : { trainable }),
      },
    ],
  });
  expect(report.layers[0]!.params).toEqual(params);
  expect(report.layers[0]!.outputShape).toEqual([(9 - 1) * 8 + 16, (9 - 1) * 8 + 16, 21]);
});
