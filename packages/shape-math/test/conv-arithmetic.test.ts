import { describe, expect, test } from 'vitest';
import {
  ConvArithmeticError,
  convOutputLength,
  dilatedKernelSize,
  samePadding,
  transposedConvOutputLength,
} from '../src/index';

describe('convOutputLength', () => {
  // Sources: TensorFlow tf.nn.convolution docs ("same": ceil(in/stride); "valid": ceil((in - span + 1)/stride)),
  // PyTorch torch.nn.Conv2d docs (explicit padding), and exercise 2 (200×300, k3, s2, same → 100×150).
  test.each([
    {
      input: 200,
      kernel: 3,
      padding: 'same',
      stride: 2,
      dilation: 1,
      expected: 100,
      source: 'exercise 2, height',
    },
    {
      input: 300,
      kernel: 3,
      padding: 'same',
      stride: 2,
      dilation: 1,
      expected: 150,
      source: 'exercise 2, width',
    },
    {
      input: 75,
      kernel: 3,
      padding: 'same',
      stride: 2,
      dilation: 1,
      expected: 38,
      source: 'exercise 2, layer 3 width: ceil(75/2)',
    },
    {
      input: 224,
      kernel: 11,
      padding: 'valid',
      stride: 4,
      dilation: 1,
      expected: 54,
      source: 'AlexNet conv1 at 224 (valid)',
    },
    {
      input: 227,
      kernel: 11,
      padding: 'valid',
      stride: 4,
      dilation: 1,
      expected: 55,
      source: 'AlexNet conv1 at 227',
    },
    {
      input: 55,
      kernel: 3,
      padding: 'valid',
      stride: 2,
      dilation: 1,
      expected: 27,
      source: 'AlexNet overlapping pool 3/2',
    },
    {
      input: 224,
      kernel: 7,
      padding: [3, 3],
      stride: 2,
      dilation: 1,
      expected: 112,
      source: 'torchvision ResNet conv1, padding=3',
    },
    {
      input: 112,
      kernel: 3,
      padding: [1, 1],
      stride: 2,
      dilation: 1,
      expected: 56,
      source: 'torchvision ResNet maxpool, padding=1',
    },
    { input: 32, kernel: 5, padding: 'valid', stride: 1, dilation: 1, expected: 28, source: 'LeNet-5 C1' },
    {
      input: 10,
      kernel: 3,
      padding: 'valid',
      stride: 1,
      dilation: 2,
      expected: 6,
      source: 'span 5: floor((10-5)/1)+1',
    },
    { input: 10, kernel: 3, padding: 'same', stride: 3, dilation: 1, expected: 4, source: 'ceil(10/3)' },
    {
      input: 7,
      kernel: 7,
      padding: 'valid',
      stride: 1,
      dilation: 1,
      expected: 1,
      source: 'dense-to-conv: kernel = input',
    },
  ] as const)(
    '$source: in $input, k $kernel, $padding, s $stride, d $dilation → $expected',
    ({ input, kernel, padding, stride, dilation, expected }) => {
      expect(convOutputLength(input, kernel, padding, stride, dilation)).toBe(expected);
    },
  );

  test('refuses a window that does not fit, instead of returning 0 or a negative size', () => {
    expect(() => convOutputLength(4, 5, 'valid')).toThrowErrorMatchingInlineSnapshot(
      `[ConvArithmeticError: kernel span 5 is larger than the padded input length 4: use "same" padding, more padding or a smaller kernel]`,
    );
    expect(() => convOutputLength(10, 3, 'valid', 0)).toThrowErrorMatchingInlineSnapshot(
      `[ConvArithmeticError: stride 0: must be a positive integer]`,
    );
    expect(() => convOutputLength(Number.NaN, 3, 'same')).toThrow(ConvArithmeticError);
  });
});

describe('samePadding (TensorFlow puts the odd row after)', () => {
  test.each([
    { input: 200, kernel: 3, stride: 2, expected: [0, 1], why: 'total = (100-1)*2 + 3 - 200 = 1' },
    { input: 224, kernel: 7, stride: 2, expected: [2, 3], why: 'total = 111*2 + 7 - 224 = 5' },
    { input: 5, kernel: 3, stride: 1, expected: [1, 1], why: 'total = 4 + 3 - 5 = 2' },
    { input: 10, kernel: 1, stride: 2, expected: [0, 0], why: '1×1 kernel needs none' },
  ] as const)('in $input, k $kernel, s $stride → $expected ($why)', ({ input, kernel, stride, expected }) => {
    expect(samePadding(input, kernel, stride)).toEqual(expected);
  });
});

describe('transposedConvOutputLength', () => {
  // Keras deconv_output_length and torch.nn.ConvTranspose2d docs.
  test.each([
    {
      input: 7,
      kernel: 3,
      padding: 'same',
      stride: 2,
      outputPadding: undefined,
      expected: 14,
      source: 'Keras same: in*stride',
    },
    {
      input: 7,
      kernel: 3,
      padding: 'valid',
      stride: 2,
      outputPadding: undefined,
      expected: 15,
      source: 'Keras valid: 14 + max(3-2,0)',
    },
    {
      input: 7,
      kernel: 64,
      padding: 'valid',
      stride: 32,
      outputPadding: undefined,
      expected: 256,
      source: 'FCN-32s upsampling: 7*32 + 32',
    },
    {
      input: 7,
      kernel: 3,
      padding: 1,
      stride: 2,
      outputPadding: 1,
      expected: 14,
      source: 'PyTorch: (7-1)*2 - 2 + 3 + 1',
    },
    {
      input: 16,
      kernel: 4,
      padding: 1,
      stride: 2,
      outputPadding: undefined,
      expected: 32,
      source: 'DCGAN upsampling: (16-1)*2 - 2 + 4',
    },
    {
      input: 5,
      kernel: 3,
      padding: 'same',
      stride: 2,
      outputPadding: 1,
      expected: 10,
      source: 'Keras with output_padding: 4*2 + 3 - 2 + 1',
    },
  ] as const)('$source → $expected', ({ input, kernel, padding, stride, outputPadding, expected }) => {
    expect(transposedConvOutputLength(input, kernel, padding, stride, 1, outputPadding)).toBe(expected);
  });

  test('output padding must be smaller than the stride or the dilation (PyTorch rule)', () => {
    expect(() => transposedConvOutputLength(7, 3, 1, 2, 1, 2)).toThrowErrorMatchingInlineSnapshot(
      `[ConvArithmeticError: output padding 2: must be smaller than the stride (2) or the dilation (1)]`,
    );
  });
});

test('dilatedKernelSize is dilation × (kernel − 1) + 1', () => {
  expect([
    dilatedKernelSize(3, 1),
    dilatedKernelSize(3, 2),
    dilatedKernelSize(3, 4),
    dilatedKernelSize(1, 9),
  ]).toEqual([3, 5, 9, 1]);
});
