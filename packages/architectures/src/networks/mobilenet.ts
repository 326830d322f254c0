import { depthwiseSeparableBlock } from '@cnnkit/layers-gpu/blocks';
import type { LayerSpecInput } from '@cnnkit/shape-math';
import type { Architecture } from '../types';

const BLOCKS: readonly [filters: number, stride: number][] = [
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

export const mobilenet: Architecture = {
  name: 'mobilenet',
  title: 'MobileNet v1 (α = 1)',
  year: 2017,
  paper: {
    title: 'MobileNets: efficient convolutional neural networks for mobile vision applications',
    authors: 'Howard et al.',
    venue: 'arXiv:1704.04861',
    year: 2017,
  },
  innovations: [
    'Builds the whole network from depthwise separable convolutions, for about 1/8 of the multiplies of standard 3×3 convolutions.',
    'Width and resolution multipliers trade accuracy for size and speed with one number each.',
  ],
  reference: {
    implementation: 'keras.applications.MobileNet',
    params: 4_253_864,
    counts: 'total',
    convention: 'the classifier is a 1×1 conv with bias after global average pooling, as in Keras',
  },
  defaultInputShape: [224, 224, 3],
  defaultClasses: 1000,
  minimumInputSide: 32,
  spec: (options) => {
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
    let previous = 'conv1_relu';
    BLOCKS.forEach(([filters, stride], i) => {
      layers.push(...depthwiseSeparableBlock({ name: `block${i + 1}`, input: previous, filters, stride }));
      previous = `block${i + 1}`;
    });
    if (options.includeTop) {
      layers.push(
        { kind: 'globalAveragePooling2d', name: 'global_average_pooling2d', keepDims: true },
        { kind: 'dropout', name: 'dropout', rate: 1e-3 },
        { kind: 'conv2d', name: 'conv_preds', filters: options.classes, kernelSize: 1, padding: 'same' },
        { kind: 'reshape', name: 'reshape', targetShape: [options.classes] },
        { kind: 'activation', name: 'predictions', activation: options.classifierActivation },
      );
    }
    return { name: 'mobilenet', input: [...options.inputShape], layers };
  },
};
