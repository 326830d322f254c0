import type { LayerSpecInput } from '@cnnkit/shape-math';
import type { Architecture, ResolvedOptions } from '../types';

function classifier(
  options: ResolvedOptions,
  hidden: readonly number[],
  dropout: number | undefined,
): LayerSpecInput[] {
  if (!options.includeTop) return [];
  const layers: LayerSpecInput[] = [{ kind: 'flatten', name: 'flatten' }];
  hidden.forEach((units, i) => {
    layers.push({ kind: 'dense', name: `fc${i + 1}`, units, activation: 'relu' });
    if (dropout !== undefined) layers.push({ kind: 'dropout', name: `dropout${i + 1}`, rate: dropout });
  });
  layers.push({
    kind: 'dense',
    name: 'predictions',
    units: options.classes,
    activation: options.classifierActivation,
  });
  return layers;
}

export const lenet5: Architecture = {
  name: 'lenet5',
  title: 'LeNet-5 (common modern variant)',
  year: 1998,
  paper: {
    title: 'Gradient-based learning applied to document recognition',
    authors: 'LeCun, Bottou, Bengio, Haffner',
    venue: 'Proceedings of the IEEE',
    year: 1998,
  },
  innovations: [
    'Trained convolutions end to end with back-propagation, so the feature extractors are learned rather than designed by hand.',
    'Alternated convolution and subsampling layers, building shift tolerance into the architecture with shared weights.',
  ],
  reference: {
    implementation: 'the common Keras/PyTorch tutorial version',
    params: 61_706,
    counts: 'total',
    convention:
      "full C3 connections, parameter-free average pooling and a 10-way softmax; the 1998 paper's C1..F6, with its partial C3 table and trainable subsampling, has 60,000",
  },
  defaultInputShape: [32, 32, 1],
  defaultClasses: 10,
  minimumInputSide: 28,
  spec: (options) => ({
    name: 'lenet5',
    input: [...options.inputShape],
    layers: [
      { kind: 'conv2d', name: 'c1', filters: 6, kernelSize: 5, activation: 'tanh' },
      { kind: 'averagePooling2d', name: 's2', poolSize: 2 },
      { kind: 'conv2d', name: 'c3', filters: 16, kernelSize: 5, activation: 'tanh' },
      { kind: 'averagePooling2d', name: 's4', poolSize: 2 },
      ...(options.includeTop
        ? ([
            { kind: 'flatten', name: 'flatten' },
            { kind: 'dense', name: 'c5', units: 120, activation: 'tanh' },
            { kind: 'dense', name: 'f6', units: 84, activation: 'tanh' },
            {
              kind: 'dense',
              name: 'output',
              units: options.classes,
              activation: options.classifierActivation,
            },
          ] satisfies LayerSpecInput[])
        : []),
    ],
  }),
};

function alexnetLayers(options: ResolvedOptions, groups: 1 | 2): LayerSpecInput[] {
  return [
    { kind: 'conv2d', name: 'conv1', filters: 96, kernelSize: 11, strides: 4, activation: 'relu' },
    { kind: 'localResponseNormalization', name: 'norm1', depthRadius: 2, bias: 2, alpha: 1e-4, beta: 0.75 },
    { kind: 'maxPooling2d', name: 'pool1', poolSize: 3, strides: 2 },
    { kind: 'conv2d', name: 'conv2', filters: 256, kernelSize: 5, padding: 2, groups, activation: 'relu' },
    { kind: 'localResponseNormalization', name: 'norm2', depthRadius: 2, bias: 2, alpha: 1e-4, beta: 0.75 },
    { kind: 'maxPooling2d', name: 'pool2', poolSize: 3, strides: 2 },
    { kind: 'conv2d', name: 'conv3', filters: 384, kernelSize: 3, padding: 1, activation: 'relu' },
    { kind: 'conv2d', name: 'conv4', filters: 384, kernelSize: 3, padding: 1, groups, activation: 'relu' },
    { kind: 'conv2d', name: 'conv5', filters: 256, kernelSize: 3, padding: 1, groups, activation: 'relu' },
    { kind: 'maxPooling2d', name: 'pool5', poolSize: 3, strides: 2 },
    ...classifier(options, [4096, 4096], 0.5),
  ];
}

const alexnetPaper = {
  title: 'ImageNet classification with deep convolutional neural networks',
  authors: 'Krizhevsky, Sutskever, Hinton',
  venue: 'NeurIPS',
  year: 2012,
} as const;

const alexnetInnovations = [
  'Far larger and deeper than LeNet-5 (60 million parameters, five conv layers), trained on ImageNet with GPUs.',
  'ReLU activations instead of tanh, which trained several times faster.',
  'Stacked convolutional layers directly on top of each other, without a pooling layer between every pair.',
  'Local response normalization, making neighbouring feature maps compete so they specialise.',
  'Overlapping max pooling (3×3 windows with stride 2) and heavy regularisation with dropout and data augmentation.',
] as const;

export const alexnet: Architecture = {
  name: 'alexnet',
  title: 'AlexNet (original, split over two GPUs)',
  year: 2012,
  paper: alexnetPaper,
  innovations: alexnetInnovations,
  reference: {
    implementation: 'Caffe bvlc_alexnet',
    params: 60_965_224,
    counts: 'total',
    convention:
      'conv2, conv4 and conv5 are grouped in two (one group per GPU), as in the paper; 227×227 input',
  },
  defaultInputShape: [227, 227, 3],
  defaultClasses: 1000,
  minimumInputSide: 67,
  spec: (options) => ({ name: 'alexnet', input: [...options.inputShape], layers: alexnetLayers(options, 2) }),
};

export const alexnetOneTower: Architecture = {
  ...alexnet,
  name: 'alexnet-one-tower',
  title: 'AlexNet (single tower)',
  reference: {
    implementation: 'AlexNet with full connections between the two halves (CaffeNet-style, no groups)',
    params: 62_378_344,
    counts: 'total',
    convention:
      "no grouped convolutions; torchvision's alexnet (61,100,840) also narrows the filters to 64/192/384/256/256",
  },
  spec: (options) => ({
    name: 'alexnet_one_tower',
    input: [...options.inputShape],
    layers: alexnetLayers(options, 1),
  }),
};

export const vgg16: Architecture = {
  name: 'vgg16',
  title: 'VGG16',
  year: 2014,
  paper: {
    title: 'Very deep convolutional networks for large-scale image recognition',
    authors: 'Simonyan, Zisserman',
    venue: 'ICLR 2015',
    year: 2014,
  },
  innovations: [
    'Only 3×3 convolutions, stacked: two of them see a 5×5 window and three a 7×7, with fewer parameters and more non-linearities.',
    'Showed that depth (16–19 layers) with a plain, uniform design improves accuracy.',
  ],
  reference: {
    implementation: 'keras.applications.VGG16, torchvision.models.vgg16',
    params: 138_357_544,
    counts: 'total',
    convention: 'both agree (no batch norm, so trainable = total)',
    gmacs: 15.47,
  },
  defaultInputShape: [224, 224, 3],
  defaultClasses: 1000,
  minimumInputSide: 32,
  spec: (options) => {
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
    if (options.includeTop) {
      layers.push(
        { kind: 'flatten', name: 'flatten' },
        { kind: 'dense', name: 'fc1', units: 4096, activation: 'relu' },
        { kind: 'dense', name: 'fc2', units: 4096, activation: 'relu' },
        {
          kind: 'dense',
          name: 'predictions',
          units: options.classes,
          activation: options.classifierActivation,
        },
      );
    }
    return { name: 'vgg16', input: [...options.inputShape], layers };
  },
};
