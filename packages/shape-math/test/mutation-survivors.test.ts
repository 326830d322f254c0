import { describe, expect, test } from 'vitest';
import { analyze } from '../src/index';

/*
 * Rules that planted bugs once survived every other suite (issue 17). Each expected number is
 * derived by hand in the comment next to it, from the source named there, never from this library.
 */

describe('separable convolution: depthwise then pointwise parameters, as Keras SeparableConv2D counts them', () => {
  // Keras SeparableConv2D: depthwise kernel k_h·k_w·C_in·depth_multiplier (no bias of its own),
  // pointwise kernel 1·1·(C_in·depth_multiplier)·filters, one bias of `filters` on the pointwise part.

  test('Xception block2_sepconv1: 3×3, 64 → 128 channels, no bias: 3·3·64 + 64·128 = 8,768', () => {
    // Chollet, "Xception" (2017), entry flow; Keras' Xception summary lists block2_sepconv1 with
    // 8,768 parameters (576 depthwise + 8,192 pointwise, use_bias=False).
    const report = analyze({
      input: [147, 147, 64],
      layers: [{ kind: 'separableConv2d', filters: 128, kernelSize: 3, padding: 'same', useBias: false }],
    });
    expect(report.layers[0]!.params.total).toBe(8_768);
    expect(report.layers[0]!.outputShape).toEqual([147, 147, 128]);
  });

  test('depth multiplier 2: the pointwise part reads C_in·2 channels, not C_in', () => {
    // 8 input channels, depth_multiplier 2 → 16 depthwise channels.
    // depthwise 3·3·8·2 = 144; pointwise 16·32 = 512; bias 32 → 688.
    // (A pointwise count on C_in alone would give 144 + 8·32 + 32 = 432.)
    const report = analyze({
      input: [10, 10, 8],
      layers: [{ kind: 'separableConv2d', filters: 32, kernelSize: 3, depthMultiplier: 2, padding: 'valid' }],
    });
    expect(report.layers[0]!.params).toEqual({ trainable: 688, nonTrainable: 0, total: 688 });
  });

  test('non-square kernel with a bias: 5×3 depthwise on 3 channels, pointwise to 4', () => {
    // depthwise 5·3·3 = 45; pointwise 3·4 = 12; bias 4 → 61.
    const report = analyze({
      input: [9, 9, 3],
      layers: [{ kind: 'separableConv2d', filters: 4, kernelSize: [5, 3], padding: 'valid' }],
    });
    expect(report.layers[0]!.params.total).toBe(61);
    // valid: 9 − 5 + 1 = 5 rows, 9 − 3 + 1 = 7 columns.
    expect(report.layers[0]!.outputShape).toEqual([5, 7, 4]);
  });

  test('MACs: depthwise positions·C_in·dm·k² plus pointwise positions·C_in·dm·filters', () => {
    // 10×10 valid 3×3 → 8×8 = 64 positions; dm 2 on 8 channels → 16 channels.
    // depthwise 64·16·9 = 9,216; pointwise 64·16·32 = 32,768; total 41,984.
    const report = analyze({
      input: [10, 10, 8],
      layers: [{ kind: 'separableConv2d', filters: 32, kernelSize: 3, depthMultiplier: 2, padding: 'valid' }],
    });
    expect(report.layers[0]!.macs).toBe(41_984);
  });
});

describe('dilation in the receptive field: r_out = r_in + (d·(k − 1) + 1 − 1)·jump_in', () => {
  test('Yu & Koltun (2016): 3×3 convolutions dilated 1, 2, 4 see 3, 7, 15 pixels', () => {
    // "Multi-scale context aggregation by dilated convolutions", section 2: F_{i+1} has a
    // receptive field of (2^{i+2} − 1)²: 3 → 3 + 2·2 = 7 → 7 + 2·4 = 15 (stride 1, jump 1).
    const report = analyze({
      input: [32, 32, 1],
      layers: [1, 2, 4].map((dilationRate) => ({
        kind: 'conv2d' as const,
        filters: 1,
        kernelSize: 3,
        dilationRate,
        padding: 'same' as const,
      })),
    });
    expect(report.layers.map((layer) => layer.receptiveField)).toEqual([
      [3, 3],
      [7, 7],
      [15, 15],
    ]);
  });

  test('after a stride-2 layer the dilated span is multiplied by the jump: 3 + (5 − 1)·2 = 11', () => {
    // conv 3×3 stride 2: r = 3, jump 2. Then a 3×3 conv dilated 2 spans 2·(3 − 1) + 1 = 5 input
    // positions of a map whose neighbours are 2 pixels apart: r = 3 + (5 − 1)·2 = 11, jump stays 2.
    const report = analyze({
      input: [32, 32, 1],
      layers: [
        { kind: 'conv2d', filters: 1, kernelSize: 3, strides: 2, padding: 'same' },
        { kind: 'conv2d', filters: 1, kernelSize: 3, dilationRate: 2, padding: 'same' },
      ],
    });
    expect(report.layers[1]!.receptiveField).toEqual([11, 11]);
    expect(report.layers[1]!.effectiveStride).toEqual([2, 2]);
  });

  test('each axis uses its own kernel and dilation: 3×1 dilated [2, 1] sees 5×1', () => {
    // height: 2·(3 − 1) + 1 = 5; width: 1·(1 − 1) + 1 = 1.
    const report = analyze({
      input: [16, 16, 1],
      layers: [{ kind: 'conv2d', filters: 1, kernelSize: [3, 1], dilationRate: [2, 1], padding: 'same' }],
    });
    expect(report.layers[0]!.receptiveField).toEqual([5, 1]);
  });

  test('depthwise and separable convolutions dilate their receptive field the same way', () => {
    // 3×3 dilated 3: span 3·2 + 1 = 7, so r = 7 on the input.
    const report = analyze({
      input: [16, 16, 4],
      layers: [
        { kind: 'depthwiseConv2d', kernelSize: 3, dilationRate: 3, padding: 'same' },
        { kind: 'separableConv2d', filters: 4, kernelSize: 3, dilationRate: 3, padding: 'same' },
      ],
    });
    // Second layer: 7 + (7 − 1)·1 = 13.
    expect(report.layers.map((layer) => layer.receptiveField[0])).toEqual([7, 13]);
  });
});

describe('transposed convolution layers (Keras Conv2DTranspose; PyTorch ConvTranspose2d for numeric padding)', () => {
  test('DCGAN-style 5×5 stride 2 "same", 8×8×128 → 16×16×64: shape, parameters and MACs', () => {
    // same: out = in·stride = 16. Kernel 5·5·128·64 = 204,800 weights + 64 biases = 204,864.
    // Each of the 8·8·128 input values scatters 5·5·64 products: 8,192 · 1,600 = 13,107,200 MACs.
    const report = analyze({
      input: [8, 8, 128],
      layers: [{ kind: 'conv2dTranspose', filters: 64, kernelSize: 5, strides: 2, padding: 'same' }],
    });
    const layer = report.layers[0]!;
    expect(layer.outputShape).toEqual([16, 16, 64]);
    expect(layer.params.total).toBe(204_864);
    expect(layer.macs).toBe(13_107_200);
  });

  test('each axis its own kernel and stride, "valid", no bias', () => {
    // valid: out = in·s + max(k − s, 0): height 3·1 + 2 = 5, width 4·2 + 0 = 8.
    // weights 3·2·2·3 = 36; MACs 3·4·2 input values · 3·2·3 = 24 · 18 = 432.
    // Receptive field: each output sees ceil(k / s) inputs per axis: height 3 → r = 3, width 1 → r = 1;
    // the output grid is finer by the stride: jumps 1/1 and 1/2.
    const report = analyze({
      input: [3, 4, 2],
      layers: [
        {
          kind: 'conv2dTranspose',
          filters: 3,
          kernelSize: [3, 2],
          strides: [1, 2],
          padding: 'valid',
          useBias: false,
        },
      ],
    });
    const layer = report.layers[0]!;
    expect(layer.outputShape).toEqual([5, 8, 3]);
    expect(layer.params.total).toBe(36);
    expect(layer.macs).toBe(432);
    expect(layer.receptiveField).toEqual([3, 1]);
    expect(layer.effectiveStride).toEqual([1, 0.5]);
  });

  test('numeric padding and output padding follow PyTorch: (4 − 1)·2 − 2·1 + 3 + 1 = 8', () => {
    const report = analyze({
      input: [4, 4, 1],
      layers: [
        { kind: 'conv2dTranspose', filters: 1, kernelSize: 3, strides: 2, padding: 1, outputPadding: 1 },
      ],
    });
    expect(report.layers[0]!.outputShape).toEqual([8, 8, 1]);
  });
});
