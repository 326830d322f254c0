import type { LayerSpecInput } from '@cnnkit/shape-math';
import type { Architecture } from '../types';

/**
 * torchvision's AlexNet (`torchvision.models.alexnet`): one tower, no local response
 * normalization, 64/192/384/256/256 filters ("One weird trick…", Krizhevsky 2014), explicit
 * padding. torchvision pools adaptively to 6×6 before the classifier; at its 224×224 input the
 * map is already 6×6, so the classifier sees 9,216 features either way.
 */
export const alexnetTorchvision: Architecture = {
  name: 'alexnet-torchvision',
  title: 'AlexNet (torchvision, single tower)',
  year: 2014,
  paper: {
    title: 'One weird trick for parallelizing convolutional neural networks',
    authors: 'Krizhevsky',
    venue: 'arXiv:1404.5997',
    year: 2014,
  },
  innovations: [
    'The single-tower AlexNet: no split over two GPUs, no local response normalization, and narrower conv layers (64, 192, 384, 256, 256 filters).',
  ],
  reference: {
    implementation: 'torchvision.models.alexnet',
    params: 61_100_840,
    counts: 'total',
    convention:
      "PyTorch's parameters(); no batch norm, so trainable = total; 224×224 input, where the adaptive 6×6 average pooling changes nothing",
  },
  defaultInputShape: [224, 224, 3],
  defaultClasses: 1000,
  // torchvision's AlexNet_Weights meta: "min_size": (63, 63).
  minimumInputSide: 63,
  spec: (options) => {
    const layers: LayerSpecInput[] = [
      {
        kind: 'conv2d',
        name: 'conv1',
        filters: 64,
        kernelSize: 11,
        strides: 4,
        padding: 2,
        activation: 'relu',
      },
      { kind: 'maxPooling2d', name: 'pool1', poolSize: 3, strides: 2 },
      { kind: 'conv2d', name: 'conv2', filters: 192, kernelSize: 5, padding: 2, activation: 'relu' },
      { kind: 'maxPooling2d', name: 'pool2', poolSize: 3, strides: 2 },
      { kind: 'conv2d', name: 'conv3', filters: 384, kernelSize: 3, padding: 1, activation: 'relu' },
      { kind: 'conv2d', name: 'conv4', filters: 256, kernelSize: 3, padding: 1, activation: 'relu' },
      { kind: 'conv2d', name: 'conv5', filters: 256, kernelSize: 3, padding: 1, activation: 'relu' },
      { kind: 'maxPooling2d', name: 'pool5', poolSize: 3, strides: 2 },
    ];
    if (options.includeTop) {
      layers.push(
        { kind: 'flatten', name: 'flatten' },
        { kind: 'dropout', name: 'dropout1', rate: 0.5 },
        { kind: 'dense', name: 'fc1', units: 4096, activation: 'relu' },
        { kind: 'dropout', name: 'dropout2', rate: 0.5 },
        { kind: 'dense', name: 'fc2', units: 4096, activation: 'relu' },
        {
          kind: 'dense',
          name: 'predictions',
          units: options.classes,
          activation: options.classifierActivation,
        },
      );
    }
    return { name: 'alexnet_torchvision', input: [...options.inputShape], layers };
  },
};
