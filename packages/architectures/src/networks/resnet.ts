import { residualUnit } from '@cnnkit/layers-gpu/blocks';
import type { LayerSpecInput, ModelSpecInput } from '@cnnkit/shape-math';
import { assertOptionsObject } from '../errors';
import {
  ARCHITECTURE_OPTION_KEYS,
  type Architecture,
  type ClassifierActivation,
  type ResolvedOptions,
  resolveClassifierActivation,
} from '../types';

type Convention = 'torchvision' | 'keras';

interface ResNetConfig {
  readonly name: string;
  readonly kind: 'basic' | 'bottleneck';
  readonly blocks: readonly [number, number, number, number];
  readonly convention: Convention;
  /** SENet's squeeze-and-excitation on every unit (Hu et al. 2018), reduction ratio r. */
  readonly seRatio?: number;
}

// A record, not a list: a field added to ResNetConfig and missing here is a compile error.
const RESNET_CONFIG_FIELDS: { readonly [K in keyof Required<ResNetConfig>]: true } = {
  name: true,
  kind: true,
  blocks: true,
  convention: true,
  seRatio: true,
};
const RESNET_CONFIG_KEYS = Object.keys(RESNET_CONFIG_FIELDS);

/**
 * ResNet v1 (He et al. 2016). `torchvision`: convs without bias (BN follows each), the stride of a
 * bottleneck on its 3×3 conv ("v1.5"), explicit padding in the stem. `keras`: convs with biases,
 * stride on the first 1×1, ZeroPadding2D in the stem (keras.applications.ResNet50). The classifier
 * ends in `options.classifierActivation`: softmax by default (probabilities, as every registry
 * network), `linear` or `null` for torchvision's logits.
 */
export function resnetSpec(
  config: ResNetConfig,
  options: Omit<ResolvedOptions, 'classifierActivation'> & {
    readonly classifierActivation?: ClassifierActivation | null;
  },
): ModelSpecInput {
  assertOptionsObject(config, RESNET_CONFIG_KEYS, 'resnetSpec config');
  assertOptionsObject(options, ARCHITECTURE_OPTION_KEYS, 'resnetSpec options');
  const keras = config.convention === 'keras';
  const layers: LayerSpecInput[] = keras
    ? [
        { kind: 'zeroPadding2d', name: 'conv1_pad', padding: 3 },
        { kind: 'conv2d', name: 'conv1_conv', filters: 64, kernelSize: 7, strides: 2 },
        { kind: 'batchNormalization', name: 'conv1_bn', epsilon: 1.001e-5 },
        { kind: 'activation', name: 'conv1_relu', activation: 'relu' },
        { kind: 'zeroPadding2d', name: 'pool1_pad', padding: 1 },
        { kind: 'maxPooling2d', name: 'pool1_pool', poolSize: 3, strides: 2 },
      ]
    : [
        { kind: 'conv2d', name: 'conv1', filters: 64, kernelSize: 7, strides: 2, padding: 3, useBias: false },
        { kind: 'batchNormalization', name: 'bn1', epsilon: 1e-5 },
        { kind: 'activation', name: 'relu', activation: 'relu' },
        { kind: 'maxPooling2d', name: 'maxpool', poolSize: 3, strides: 2, padding: 1 },
      ];
  let previous = layers[layers.length - 1]!.name!;
  let channels = 64;
  const expansion = config.kind === 'bottleneck' ? 4 : 1;
  config.blocks.forEach((count, stage) => {
    const filters = 64 * 2 ** stage;
    for (let block = 0; block < count; block++) {
      const stride = stage > 0 && block === 0 ? 2 : 1;
      const name = `conv${stage + 2}_block${block + 1}`;
      const outChannels = filters * expansion;
      layers.push(
        ...residualUnit({
          name,
          input: previous,
          kind: config.kind,
          filters,
          stride,
          shortcut: stride !== 1 || channels !== outChannels ? 'projection' : 'identity',
          useBias: keras,
          strideOn: keras || config.seRatio !== undefined ? '1x1' : '3x3',
          ...(config.seRatio === undefined ? {} : { squeezeExcitation: { ratio: config.seRatio } }),
        }),
      );
      previous = name;
      channels = outChannels;
    }
  });
  if (options.includeTop) {
    layers.push(
      { kind: 'globalAveragePooling2d', name: 'avg_pool', inputs: [previous] },
      {
        kind: 'dense',
        name: 'predictions',
        units: options.classes,
        activation: resolveClassifierActivation(options.classifierActivation),
      },
    );
  }
  return { name: config.name, input: [...options.inputShape], layers };
}

const paper = {
  title: 'Deep residual learning for image recognition',
  authors: 'He, Zhang, Ren, Sun',
  venue: 'CVPR 2016',
  year: 2015,
} as const;
const innovations = [
  "Skip (shortcut) connections add a unit's input to its output, so each unit learns a residual F(x) = H(x) − x, which is easy to push to zero.",
  'With identity paths for the signal and the gradient, networks of 50 to 152 layers train without degrading.',
  'Bottleneck units (1×1 → 3×3 → 1×1) keep very deep networks affordable; batch normalization after every convolution.',
] as const;

function resnet(
  name: string,
  kind: 'basic' | 'bottleneck',
  blocks: ResNetConfig['blocks'],
  params: number,
  depth: number,
  gmacs: number,
): Architecture {
  return {
    name,
    title: `ResNet-${depth}`,
    year: 2015,
    paper,
    innovations,
    reference: {
      implementation: `torchvision.models.${name}`,
      params,
      counts: 'trainable',
      gmacs,
      convention:
        'convs without bias, each followed by batch norm; bottleneck stride on the 3×3 conv ("ResNet v1.5")',
    },
    defaultInputShape: [224, 224, 3],
    defaultClasses: 1000,
    minimumInputSide: 32,
    spec: (options) => resnetSpec({ name, kind, blocks, convention: 'torchvision' }, options),
  };
}

export const resnet18 = resnet('resnet18', 'basic', [2, 2, 2, 2], 11_689_512, 18, 1.81);
export const resnet34 = resnet('resnet34', 'basic', [3, 4, 6, 3], 21_797_672, 34, 3.66);
export const resnet50 = resnet('resnet50', 'bottleneck', [3, 4, 6, 3], 25_557_032, 50, 4.09);
export const resnet101 = resnet('resnet101', 'bottleneck', [3, 4, 23, 3], 44_549_160, 101, 7.8);
export const resnet152 = resnet('resnet152', 'bottleneck', [3, 8, 36, 3], 60_192_808, 152, 11.51);

export const resnet50Keras: Architecture = {
  ...resnet50,
  name: 'resnet50-keras',
  title: 'ResNet-50 (Keras convention)',
  reference: {
    implementation: 'keras.applications.ResNet50',
    params: 25_636_712,
    counts: 'total',
    convention:
      "convs with biases (26,560 more parameters) and the bottleneck stride on the first 1×1 conv; its total also counts BN's 53,120 running statistics, which PyTorch's parameters() leaves out",
  },
  spec: (options) =>
    resnetSpec(
      { name: 'resnet50_keras', kind: 'bottleneck', blocks: [3, 4, 6, 3], convention: 'keras' },
      options,
    ),
};

export const seresnet50: Architecture = {
  name: 'seresnet50',
  title: 'SE-ResNet-50',
  year: 2017,
  paper: {
    title: 'Squeeze-and-excitation networks',
    authors: 'Hu, Shen, Sun',
    venue: 'CVPR 2018',
    year: 2017,
  },
  innovations: [
    'The squeeze-and-excitation block: global average pooling squeezes each feature map to one number, two small dense layers learn which channels matter together, and their sigmoid outputs rescale (recalibrate) the maps.',
    'It plugs into any existing architecture, unit by unit, for about 10% more parameters on ResNet-50 and a clear accuracy gain (ILSVRC 2017 winner).',
  ],
  reference: {
    implementation: 'pretrainedmodels.se_resnet50 (Cadene, the reference PyTorch port of SENet)',
    params: 28_088_024,
    counts: 'trainable',
    convention:
      'torchvision-style ResNet-50 (bias-free convs + BN) with an SE block (r = 16) on every bottleneck, stride on the first 1×1',
  },
  defaultInputShape: [224, 224, 3],
  defaultClasses: 1000,
  minimumInputSide: 32,
  spec: (options) =>
    resnetSpec(
      {
        name: 'seresnet50',
        kind: 'bottleneck',
        blocks: [3, 4, 6, 3],
        convention: 'torchvision',
        seRatio: 16,
      },
      options,
    ),
};
