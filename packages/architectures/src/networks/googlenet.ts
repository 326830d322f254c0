import { type InceptionFilters, inceptionModule } from '@cnnkit/layers-gpu/blocks';
import type { LayerSpecInput, ModelSpecInput } from '@cnnkit/shape-math';
import { assertOptionsObject } from '../errors';
import {
  ARCHITECTURE_OPTION_KEYS,
  type Architecture,
  type ClassifierActivation,
  resolveClassifierActivation,
} from '../types';

/** (1×1, 3×3 reduce, 3×3, 5×5 reduce, 5×5, pool projection) per module, from the paper's table 1. */
const MODULES: readonly [string, InceptionFilters][] = [
  [
    '3a',
    {
      branch1x1: 64,
      branch3x3Reduce: 96,
      branch3x3: 128,
      branch5x5Reduce: 16,
      branch5x5: 32,
      poolProjection: 32,
    },
  ],
  [
    '3b',
    {
      branch1x1: 128,
      branch3x3Reduce: 128,
      branch3x3: 192,
      branch5x5Reduce: 32,
      branch5x5: 96,
      poolProjection: 64,
    },
  ],
  [
    '4a',
    {
      branch1x1: 192,
      branch3x3Reduce: 96,
      branch3x3: 208,
      branch5x5Reduce: 16,
      branch5x5: 48,
      poolProjection: 64,
    },
  ],
  [
    '4b',
    {
      branch1x1: 160,
      branch3x3Reduce: 112,
      branch3x3: 224,
      branch5x5Reduce: 24,
      branch5x5: 64,
      poolProjection: 64,
    },
  ],
  [
    '4c',
    {
      branch1x1: 128,
      branch3x3Reduce: 128,
      branch3x3: 256,
      branch5x5Reduce: 24,
      branch5x5: 64,
      poolProjection: 64,
    },
  ],
  [
    '4d',
    {
      branch1x1: 112,
      branch3x3Reduce: 144,
      branch3x3: 288,
      branch5x5Reduce: 32,
      branch5x5: 64,
      poolProjection: 64,
    },
  ],
  [
    '4e',
    {
      branch1x1: 256,
      branch3x3Reduce: 160,
      branch3x3: 320,
      branch5x5Reduce: 32,
      branch5x5: 128,
      poolProjection: 128,
    },
  ],
  [
    '5a',
    {
      branch1x1: 256,
      branch3x3Reduce: 160,
      branch3x3: 320,
      branch5x5Reduce: 32,
      branch5x5: 128,
      poolProjection: 128,
    },
  ],
  [
    '5b',
    {
      branch1x1: 384,
      branch3x3Reduce: 192,
      branch3x3: 384,
      branch5x5Reduce: 48,
      branch5x5: 128,
      poolProjection: 128,
    },
  ],
];

function basicConv(
  name: string,
  filters: number,
  kernelSize: number,
  strides = 1,
  padding: number | 'same' = 'same',
): LayerSpecInput[] {
  return [
    { kind: 'conv2d', name: `${name}_conv`, filters, kernelSize, strides, padding, useBias: false },
    { kind: 'batchNormalization', name: `${name}_bn`, epsilon: 1e-3 },
    { kind: 'activation', name, activation: 'relu' },
  ];
}

/**
 * Auxiliary classifier of torchvision's InceptionAux: 4×4 average pool, 1×1 conv to 128, dense 1024,
 * dense classes. Only used in training; adds (in·128 + 3·128) + (2048·1024 + 1024) + (1024·classes + classes).
 */
function auxiliaryClassifier(
  name: string,
  input: string,
  classes: number,
  activation: ClassifierActivation,
): LayerSpecInput[] {
  return [
    { kind: 'averagePooling2d', name: `${name}_pool`, inputs: [input], poolSize: 5, strides: 3 },
    ...basicConv(`${name}_proj`, 128, 1),
    { kind: 'flatten', name: `${name}_flatten` },
    { kind: 'dense', name: `${name}_fc1`, units: 1024, activation: 'relu' },
    { kind: 'dropout', name: `${name}_dropout`, rate: 0.7 },
    { kind: 'dense', name, units: classes, activation },
  ];
}

/**
 * GoogLeNet as torchvision builds it, as a shape-math description; `auxiliaryClassifiers` adds the
 * two training-time heads (not counted in the reference figure).
 */
export function googlenetSpec(options: {
  inputShape: readonly [number, number, number];
  classes: number;
  includeTop: boolean;
  auxiliaryClassifiers?: boolean;
  /** The main and auxiliary classifiers' activation (default `softmax`; `linear` or `null` for logits). */
  classifierActivation?: ClassifierActivation | null;
}): ModelSpecInput {
  assertOptionsObject(
    options,
    [...ARCHITECTURE_OPTION_KEYS, 'auxiliaryClassifiers'],
    'googlenetSpec options',
  );
  const activation = resolveClassifierActivation(options.classifierActivation);
  const layers: LayerSpecInput[] = [
    ...basicConv('conv1', 64, 7, 2, 'same'),
    { kind: 'maxPooling2d', name: 'pool1', poolSize: 3, strides: 2, padding: 'same' },
    ...basicConv('conv2', 64, 1),
    ...basicConv('conv3', 192, 3),
    { kind: 'maxPooling2d', name: 'pool2', poolSize: 3, strides: 2, padding: 'same' },
  ];
  let previous = 'pool2';
  const outputs: string[] = [];
  for (const [id, filters] of MODULES) {
    if (id === '4a') {
      layers.push({
        kind: 'maxPooling2d',
        name: 'pool3',
        inputs: [previous],
        poolSize: 3,
        strides: 2,
        padding: 'same',
      });
      previous = 'pool3';
    }
    if (id === '5a') {
      layers.push({
        kind: 'maxPooling2d',
        name: 'pool4',
        inputs: [previous],
        poolSize: 2,
        strides: 2,
        padding: 'same',
      });
      previous = 'pool4';
    }
    layers.push(
      ...inceptionModule({
        name: `inception${id}`,
        input: previous,
        filters,
        batchNorm: true,
        branch5x5Kernel: 3,
      }),
    );
    previous = `inception${id}`;
    if (options.auxiliaryClassifiers && options.includeTop && (id === '4a' || id === '4d')) {
      const auxName = id === '4a' ? 'aux1' : 'aux2';
      layers.push(...auxiliaryClassifier(auxName, previous, options.classes, activation));
      outputs.push(auxName);
    }
  }
  if (options.includeTop) {
    layers.push(
      { kind: 'globalAveragePooling2d', name: 'avgpool', inputs: [previous] },
      { kind: 'dropout', name: 'dropout', rate: 0.2 },
      { kind: 'dense', name: 'predictions', units: options.classes, activation },
    );
    previous = 'predictions';
  }
  const [height, width, channels] = options.inputShape;
  return {
    name: 'googlenet',
    input: [height, width, channels],
    layers,
    ...(outputs.length > 0 ? { outputs: [previous, ...outputs] } : {}),
  };
}

export const googlenet: Architecture = {
  name: 'googlenet',
  title: 'GoogLeNet (Inception v1)',
  year: 2014,
  paper: {
    title: 'Going deeper with convolutions',
    authors: 'Szegedy et al.',
    venue: 'CVPR 2015',
    year: 2014,
  },
  innovations: [
    'Inception modules: 1×1, 3×3 and 5×5 convolutions and a pooling branch side by side, concatenated, so each layer looks at several scales at once.',
    '1×1 "bottleneck" convolutions before the big kernels cut channels and cost, letting the network grow to 22 layers with about a tenth of AlexNet\'s parameters.',
    'Global average pooling instead of large fully connected layers at the top.',
    'Auxiliary classifiers on intermediate layers to help gradients reach the lower layers during training.',
  ],
  reference: {
    implementation: 'torchvision.models.googlenet (aux_logits off, as its pretrained weights ship)',
    params: 6_624_904,
    counts: 'trainable',
    gmacs: 1.5,
    convention:
      'torchvision\'s BasicConv2d (conv without bias + batch norm) and a 3×3 kernel in the "5×5" branch, kept for weight compatibility; the paper has plain convs with biases and 5×5 kernels',
  },
  defaultInputShape: [224, 224, 3],
  defaultClasses: 1000,
  minimumInputSide: 32,
  spec: (options) => googlenetSpec(options),
};
