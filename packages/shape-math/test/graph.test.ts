import { describe, expect, test } from 'vitest';
import { analyze, peakLiveActivations } from '../src/index';

describe('branching networks described as graphs', () => {
  test('inception module 3a (Szegedy et al. 2015, table 1): 28×28×192 → 28×28×256', () => {
    const report = analyze({
      name: 'inception_3a',
      input: [28, 28, 192],
      layers: [
        { kind: 'conv2d', name: 'b1_1x1', inputs: ['input'], filters: 64, kernelSize: 1, activation: 'relu' },
        {
          kind: 'conv2d',
          name: 'b2_reduce',
          inputs: ['input'],
          filters: 96,
          kernelSize: 1,
          activation: 'relu',
        },
        { kind: 'conv2d', name: 'b2_3x3', filters: 128, kernelSize: 3, padding: 'same', activation: 'relu' },
        {
          kind: 'conv2d',
          name: 'b3_reduce',
          inputs: ['input'],
          filters: 16,
          kernelSize: 1,
          activation: 'relu',
        },
        { kind: 'conv2d', name: 'b3_5x5', filters: 32, kernelSize: 5, padding: 'same', activation: 'relu' },
        {
          kind: 'maxPooling2d',
          name: 'b4_pool',
          inputs: ['input'],
          poolSize: 3,
          strides: 1,
          padding: 'same',
        },
        { kind: 'conv2d', name: 'b4_proj', filters: 32, kernelSize: 1, activation: 'relu' },
        { kind: 'concatenate', name: 'output', inputs: ['b1_1x1', 'b2_3x3', 'b3_5x5', 'b4_proj'] },
      ],
    });
    expect(report.outputs).toEqual([{ name: 'output', shape: [28, 28, 256] }]);
    // (192+1)·64 + (192+1)·96 + (9·96+1)·128 + (192+1)·16 + (25·16+1)·32 + (192+1)·32
    expect(report.totals.params.total).toBe(12_352 + 18_528 + 110_720 + 3_088 + 12_832 + 6_176);
  });

  test('squeeze-and-excitation block (Hu et al. 2018): 2C²/r + C/r + C parameters, multiply broadcasts [1,1,C]', () => {
    const channels = 64;
    const reduction = 16;
    const report = analyze({
      input: [8, 8, channels],
      layers: [
        { kind: 'globalAveragePooling2d', name: 'squeeze' },
        { kind: 'dense', name: 'reduce', units: channels / reduction, activation: 'relu' },
        { kind: 'dense', name: 'expand', units: channels, activation: 'sigmoid' },
        { kind: 'reshape', name: 'scale', targetShape: [1, 1, channels] },
        { kind: 'multiply', name: 'excite', inputs: ['input', 'scale'] },
      ],
    });
    expect(report.outputs[0]!.shape).toEqual([8, 8, 64]);
    expect(report.totals.params.total).toBe(
      (2 * channels * channels) / reduction + channels / reduction + channels,
    );
    // The squeeze sees the whole 8×8 map.
    expect(report.layers[0]!.receptiveField).toEqual([8, 8]);
  });

  test('a residual unit keeps its shortcut alive: three activations at the peak, not two', () => {
    const report = analyze({
      input: [56, 56, 64],
      layers: [
        { kind: 'conv2d', name: 'conv1', filters: 64, kernelSize: 3, padding: 'same', useBias: false },
        { kind: 'batchNormalization', name: 'bn1' },
        { kind: 'activation', name: 'relu1', activation: 'relu' },
        { kind: 'conv2d', name: 'conv2', filters: 64, kernelSize: 3, padding: 'same', useBias: false },
        { kind: 'batchNormalization', name: 'bn2' },
        { kind: 'add', name: 'add', inputs: ['input', 'bn2'] },
        { kind: 'activation', name: 'out', activation: 'relu' },
      ],
    });
    const tensorBytes = 56 * 56 * 64 * 4;
    expect(report.memory.inference.peakActivationBytes).toBe(3 * tensorBytes);
    expect(report.memory.inference.liveTensorsAtPeak).toContain('input');
    // conv: 3·3·64·64 each; BN: gamma+beta trainable, mean+variance not (Keras' split).
    expect(report.totals.params).toEqual({
      trainable: 2 * 36_864 + 2 * 128,
      nonTrainable: 2 * 128,
      total: 74_240,
    });
  });

  test('an output that is not the last layer stays alive to the end', () => {
    const peak = peakLiveActivations([
      { name: 'input', bytes: 1, lastUsedAt: 1, isOutput: false },
      { name: 'a', bytes: 100, lastUsedAt: 2, isOutput: true },
      { name: 'b', bytes: 10, lastUsedAt: 3, isOutput: false },
      { name: 'c', bytes: 95, lastUsedAt: -1, isOutput: true },
    ]);
    expect(peak).toEqual({ bytes: 205, step: 3, live: ['a', 'b', 'c'] });
  });

  test('several outputs may be named', () => {
    const report = analyze({
      input: [16, 16, 3],
      layers: [
        { kind: 'conv2d', name: 'features', filters: 8, kernelSize: 3, padding: 'same' },
        { kind: 'globalMaxPooling2d', name: 'pooled' },
        { kind: 'dense', name: 'logits', units: 10 },
      ],
      outputs: ['features', 'logits'],
    });
    expect(report.outputs).toEqual([
      { name: 'features', shape: [16, 16, 8] },
      { name: 'logits', shape: [10] },
    ]);
  });
});

describe('layer kinds', () => {
  test('separable conv (Keras SeparableConv2D): k²·C·m depthwise + C·m·F pointwise + F bias', () => {
    const report = analyze({
      input: [19, 19, 728],
      layers: [{ kind: 'separableConv2d', filters: 728, kernelSize: 3, padding: 'same', useBias: false }],
    });
    // Xception middle flow: 3·3·728 + 728·728 = 536,536 (Keras block5_sepconv1).
    expect(report.totals.params.total).toBe(536_536);
  });

  test('transposed conv: k²·C_in·F + F, and the FCN-32s upsampler restores 224 from 7', () => {
    const report = analyze({
      input: [7, 7, 21],
      layers: [
        {
          kind: 'conv2dTranspose',
          filters: 21,
          kernelSize: 64,
          strides: 32,
          padding: 'same',
          useBias: false,
        },
      ],
    });
    expect(report.outputs[0]!.shape).toEqual([224, 224, 21]);
    expect(report.totals.params.total).toBe(64 * 64 * 21 * 21);
    expect(report.layers[0]!.effectiveStride).toEqual([1 / 32, 1 / 32]);
  });

  test('dense on a [h, w, c] input acts at every position (Keras Dense on rank 3)', () => {
    const report = analyze({ input: [4, 5, 6], layers: [{ kind: 'dense', units: 3 }] });
    expect(report.outputs[0]!.shape).toEqual([4, 5, 3]);
    expect(report.totals.params.total).toBe(6 * 3 + 3);
    expect(report.totals.macs).toBe(4 * 5 * 6 * 3);
  });

  test('dense-to-conv conversion: a 7×7 valid conv equals Dense after Flatten in parameters and MACs', () => {
    const dense = analyze({
      input: [7, 7, 512],
      layers: [{ kind: 'flatten' }, { kind: 'dense', units: 4096 }],
    });
    const conv = analyze({ input: [7, 7, 512], layers: [{ kind: 'conv2d', filters: 4096, kernelSize: 7 }] });
    expect(conv.totals.params).toEqual(dense.totals.params);
    expect(conv.totals.macs).toBe(dense.totals.macs);
    expect(conv.outputs[0]!.shape).toEqual([1, 1, 4096]);
    // Both see the whole 7×7 map.
    expect(conv.layers[0]!.receptiveField).toEqual(dense.layers[1]!.receptiveField);
  });

  test('grouped conv divides weights by the group count', () => {
    const full = analyze({
      input: [8, 8, 32],
      layers: [{ kind: 'conv2d', filters: 64, kernelSize: 3, useBias: false }],
    });
    const grouped = analyze({
      input: [8, 8, 32],
      layers: [{ kind: 'conv2d', filters: 64, kernelSize: 3, useBias: false, groups: 4 }],
    });
    expect(grouped.totals.params.total * 4).toBe(full.totals.params.total);
  });

  test('zero padding, explicit conv padding and asymmetric padding', () => {
    const report = analyze({
      input: [224, 224, 3],
      layers: [
        { kind: 'zeroPadding2d', padding: 3 },
        { kind: 'conv2d', filters: 64, kernelSize: 7, strides: 2 },
        {
          kind: 'zeroPadding2d',
          padding: [
            [0, 1],
            [0, 1],
          ],
        },
        { kind: 'maxPooling2d', poolSize: 3, strides: 2 },
      ],
    });
    // Keras ResNet50 stem: 230 → conv 112 → pad 113 → pool 56.
    expect(report.layers.map((l) => l.outputShape)).toEqual([
      [230, 230, 3],
      [112, 112, 64],
      [113, 113, 64],
      [56, 56, 64],
    ]);
  });

  test('batch normalization without center/scale has only moving statistics', () => {
    const report = analyze({
      input: [10],
      layers: [{ kind: 'batchNormalization', center: false, scale: false }],
    });
    expect(report.totals.params).toEqual({ trainable: 0, nonTrainable: 20, total: 20 });
  });

  test('concatenate on another axis, reshape with -1', () => {
    const report = analyze({
      input: [4, 6, 2],
      layers: [
        { kind: 'activation', name: 'a', activation: 'relu' },
        { kind: 'concatenate', name: 'rows', inputs: ['input', 'a'], axis: 0 },
        { kind: 'reshape', name: 'r', targetShape: [-1, 4] },
      ],
    });
    expect(report.layers.map((l) => l.outputShape)).toEqual([
      [4, 6, 2],
      [8, 6, 2],
      [24, 4],
    ]);
  });
});
