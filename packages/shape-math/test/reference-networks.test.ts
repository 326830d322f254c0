import { beforeEach, describe, expect, test } from 'vitest';
import { analyze, type LayerSpecInput, type ModelReport, type ModelSpecInput } from '../src/index';

/*
 * Whole networks whose parameter counts are published by reference implementations.
 * Described here by hand (architectures builds them for real); they exercise grouped convs,
 * depthwise convs, batch normalization, zero padding, reshape and receptive fields at scale.
 */

function vgg16(): ModelSpecInput {
  const layers: LayerSpecInput[] = [];
  for (const [block, [filters, convs]] of (
    [
      [64, 2],
      [128, 2],
      [256, 3],
      [512, 3],
      [512, 3],
    ] as const
  ).entries()) {
    for (let i = 1; i <= convs; i++) {
      layers.push({
        kind: 'conv2d',
        name: `block${block + 1}_conv${i}`,
        filters,
        kernelSize: 3,
        padding: 'same',
        activation: 'relu',
      });
    }
    layers.push({ kind: 'maxPooling2d', name: `block${block + 1}_pool`, poolSize: 2, strides: 2 });
  }
  layers.push(
    { kind: 'flatten', name: 'flatten' },
    { kind: 'dense', name: 'fc1', units: 4096, activation: 'relu' },
    { kind: 'dense', name: 'fc2', units: 4096, activation: 'relu' },
    { kind: 'dense', name: 'predictions', units: 1000, activation: 'softmax' },
  );
  return { name: 'vgg16', input: [224, 224, 3], layers };
}

/** Krizhevsky et al. 2012 as in Caffe's bvlc_alexnet: conv2, conv4 and conv5 split over two GPUs (groups = 2). */
function alexnet(groups: 1 | 2): ModelSpecInput {
  return {
    name: `alexnet_groups${groups}`,
    input: [227, 227, 3],
    layers: [
      { kind: 'conv2d', name: 'conv1', filters: 96, kernelSize: 11, strides: 4, activation: 'relu' },
      { kind: 'localResponseNormalization', name: 'norm1', depthRadius: 2, bias: 2, alpha: 1e-4, beta: 0.75 },
      { kind: 'maxPooling2d', name: 'pool1', poolSize: 3, strides: 2 },
      { kind: 'conv2d', name: 'conv2', filters: 256, kernelSize: 5, padding: 2, groups, activation: 'relu' },
      { kind: 'localResponseNormalization', name: 'norm2' },
      { kind: 'maxPooling2d', name: 'pool2', poolSize: 3, strides: 2 },
      { kind: 'conv2d', name: 'conv3', filters: 384, kernelSize: 3, padding: 1, activation: 'relu' },
      { kind: 'conv2d', name: 'conv4', filters: 384, kernelSize: 3, padding: 1, groups, activation: 'relu' },
      { kind: 'conv2d', name: 'conv5', filters: 256, kernelSize: 3, padding: 1, groups, activation: 'relu' },
      { kind: 'maxPooling2d', name: 'pool5', poolSize: 3, strides: 2 },
      { kind: 'flatten', name: 'flatten' },
      { kind: 'dense', name: 'fc6', units: 4096, activation: 'relu' },
      { kind: 'dropout', name: 'drop6', rate: 0.5 },
      { kind: 'dense', name: 'fc7', units: 4096, activation: 'relu' },
      { kind: 'dropout', name: 'drop7', rate: 0.5 },
      { kind: 'dense', name: 'fc8', units: 1000, activation: 'softmax' },
    ],
  };
}

/** keras.applications.MobileNet (alpha 1, depth multiplier 1, 224×224, include_top). */
function mobilenet(): ModelSpecInput {
  const layers: LayerSpecInput[] = [
    {
      kind: 'conv2d',
      name: 'conv1',
      filters: 32,
      kernelSize: 3,
      strides: 2,
      padding: 'same',
      useBias: false,
    },
    { kind: 'batchNormalization', name: 'conv1_bn' },
    { kind: 'activation', name: 'conv1_relu', activation: 'relu6' },
  ];
  const blocks: [filters: number, stride: number][] = [
    [64, 1],
    [128, 2],
    [128, 1],
    [256, 2],
    [256, 1],
    [512, 2],
    [512, 1],
    [512, 1],
    [512, 1],
    [512, 1],
    [512, 1],
    [1024, 2],
    [1024, 1],
  ];
  blocks.forEach(([filters, stride], i) => {
    const id = i + 1;
    if (stride === 2)
      layers.push({
        kind: 'zeroPadding2d',
        name: `conv_pad_${id}`,
        padding: [
          [0, 1],
          [0, 1],
        ],
      });
    layers.push(
      {
        kind: 'depthwiseConv2d',
        name: `conv_dw_${id}`,
        kernelSize: 3,
        strides: stride,
        padding: stride === 1 ? 'same' : 'valid',
        useBias: false,
      },
      { kind: 'batchNormalization', name: `conv_dw_${id}_bn` },
      { kind: 'activation', name: `conv_dw_${id}_relu`, activation: 'relu6' },
      { kind: 'conv2d', name: `conv_pw_${id}`, filters, kernelSize: 1, padding: 'same', useBias: false },
      { kind: 'batchNormalization', name: `conv_pw_${id}_bn` },
      { kind: 'activation', name: `conv_pw_${id}_relu`, activation: 'relu6' },
    );
  });
  layers.push(
    { kind: 'globalAveragePooling2d', name: 'global_average_pooling2d', keepDims: true },
    { kind: 'dropout', name: 'dropout', rate: 1e-3 },
    { kind: 'conv2d', name: 'conv_preds', filters: 1000, kernelSize: 1, padding: 'same' },
    { kind: 'reshape', name: 'reshape_2', targetShape: [1000] },
    { kind: 'activation', name: 'act_softmax', activation: 'softmax' },
  );
  return { name: 'mobilenet_1.00_224', input: [224, 224, 3], layers };
}

describe('VGG16 (keras.applications.VGG16, torchvision vgg16)', () => {
  let report: ModelReport;
  // Computed per test (not once while the file loads) so mutation testing sees which tests read each rule.
  beforeEach(() => {
    report = analyze(vgg16());
  });
  test('138,357,544 parameters (Keras model.summary(), torchvision num_params)', () => {
    expect(report.totals.params.total).toBe(138_357_544);
  });
  test('block5_pool outputs 7×7×512', () => {
    expect(report.layers.find((l) => l.name === 'block5_pool')!.outputShape).toEqual([7, 7, 512]);
  });
  test('15.47 GMACs at 224×224 (torchvision VGG16_Weights "_ops": 15.47)', () => {
    expect(Number((report.totals.macs / 1e9).toFixed(2))).toBe(15.47);
  });
  test('receptive field 212 and output stride 32 at pool5 (Araujo et al., Distill 2019, table 1)', () => {
    const pool5 = report.layers.find((l) => l.name === 'block5_pool')!;
    expect(pool5.receptiveField).toEqual([212, 212]);
    expect(pool5.effectiveStride).toEqual([32, 32]);
  });
});

describe('AlexNet (Caffe bvlc_alexnet)', () => {
  test('two-group original: 60,965,224 parameters', () => {
    expect(analyze(alexnet(2)).totals.params.total).toBe(60_965_224);
  });
  test('single tower: 62,378,344 parameters', () => {
    expect(analyze(alexnet(1)).totals.params.total).toBe(62_378_344);
  });
  test('overlapping pooling 3/2 takes 55 → 27 → 13 → 6', () => {
    const shapes = Object.fromEntries(analyze(alexnet(2)).layers.map((l) => [l.name, l.outputShape]));
    expect([shapes['conv1'], shapes['pool1'], shapes['pool2'], shapes['pool5']]).toEqual([
      [55, 55, 96],
      [27, 27, 96],
      [13, 13, 256],
      [6, 6, 256],
    ]);
  });
});

describe('MobileNet v1 (keras.applications.MobileNet)', () => {
  let report: ModelReport;
  beforeEach(() => {
    report = analyze(mobilenet());
  });
  test('4,253,864 parameters, 21,888 of them non-trainable (BN moving statistics)', () => {
    expect(report.totals.params).toEqual({ total: 4_253_864, trainable: 4_231_976, nonTrainable: 21_888 });
  });
  test('the last depthwise stage runs on 7×7 and the model outputs 1000 classes', () => {
    expect(report.layers.find((l) => l.name === 'conv_pw_13_relu')!.outputShape).toEqual([7, 7, 1024]);
    expect(report.outputs).toEqual([{ name: 'act_softmax', shape: [1000] }]);
  });
});

test('LeNet-5, modern variant (full C3, parameter-free pooling, 10 classes): 61,706 parameters', () => {
  const report = analyze({
    name: 'lenet5',
    input: [32, 32, 1],
    layers: [
      { kind: 'conv2d', filters: 6, kernelSize: 5, activation: 'tanh' },
      { kind: 'averagePooling2d', poolSize: 2 },
      { kind: 'conv2d', filters: 16, kernelSize: 5, activation: 'tanh' },
      { kind: 'averagePooling2d', poolSize: 2 },
      { kind: 'flatten' },
      { kind: 'dense', units: 120, activation: 'tanh' },
      { kind: 'dense', units: 84, activation: 'tanh' },
      { kind: 'dense', units: 10, activation: 'softmax' },
    ],
  });
  // 156 + 2,416 + 48,120 + 10,164 + 850, each (inputs + 1) × outputs.
  expect(report.layers.map((l) => l.params.total)).toEqual([156, 0, 2_416, 0, 0, 48_120, 10_164, 850]);
  expect(report.totals.params.total).toBe(61_706);
});
