import { xceptionEntryUnit, xceptionExitFlow, xceptionMiddleUnit } from '@cnnkit/layers-gpu/blocks';
import type { LayerSpecInput } from '@cnnkit/shape-math';
import type { Architecture } from '../types';

export const xception: Architecture = {
  name: 'xception',
  title: 'Xception',
  year: 2016,
  paper: {
    title: 'Xception: deep learning with depthwise separable convolutions',
    authors: 'Chollet',
    venue: 'CVPR 2017',
    year: 2016,
  },
  innovations: [
    'Replaces inception modules with depthwise separable convolutions: a per-channel spatial filter, then a 1×1 convolution across channels, treating spatial and cross-channel patterns separately.',
    'Combines that with ResNet-style shortcut connections around every module (entry, middle and exit flows).',
  ],
  reference: {
    implementation: 'keras.applications.Xception',
    params: 22_910_480,
    counts: 'total',
    convention: 'separable convs without bias, each followed by batch norm',
  },
  defaultInputShape: [299, 299, 3],
  defaultClasses: 1000,
  minimumInputSide: 71,
  spec: (options) => {
    const layers: LayerSpecInput[] = [
      { kind: 'conv2d', name: 'block1_conv1', filters: 32, kernelSize: 3, strides: 2, useBias: false },
      { kind: 'batchNormalization', name: 'block1_conv1_bn' },
      { kind: 'activation', name: 'block1_conv1_act', activation: 'relu' },
      { kind: 'conv2d', name: 'block1_conv2', filters: 64, kernelSize: 3, useBias: false },
      { kind: 'batchNormalization', name: 'block1_conv2_bn' },
      { kind: 'activation', name: 'block1_conv2_act', activation: 'relu' },
      ...xceptionEntryUnit({ name: 'block2', input: 'block1_conv2_act', filters: 128, reluFirst: false }),
      ...xceptionEntryUnit({ name: 'block3', input: 'block2', filters: 256, reluFirst: true }),
      ...xceptionEntryUnit({ name: 'block4', input: 'block3', filters: 728, reluFirst: true }),
    ];
    let previous = 'block4';
    for (let block = 5; block <= 12; block++) {
      layers.push(...xceptionMiddleUnit({ name: `block${block}`, input: previous }));
      previous = `block${block}`;
    }
    layers.push(...xceptionExitFlow({ name: 'exit', input: previous }));
    if (options.includeTop) {
      layers.push(
        { kind: 'globalAveragePooling2d', name: 'avg_pool' },
        {
          kind: 'dense',
          name: 'predictions',
          units: options.classes,
          activation: options.classifierActivation,
        },
      );
    }
    return { name: 'xception', input: [...options.inputShape], layers };
  },
};
