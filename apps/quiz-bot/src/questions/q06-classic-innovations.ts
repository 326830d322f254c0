import type { ModelSpecInput } from '@cnnkit/shape-math';
import { defineQuestion } from './define';

// The networks its pictures draw, one block each, from the papers' own tables.

/** GoogLeNet's inception (3a): four branches concatenated (Szegedy et al. 2015, table 1). */
export const INCEPTION_3A: ModelSpecInput = {
  name: 'inception_3a',
  input: [28, 28, 192],
  layers: [
    {
      kind: 'conv2d',
      name: 'branch1_1x1',
      inputs: ['input'],
      filters: 64,
      kernelSize: 1,
      activation: 'relu',
    },
    {
      kind: 'conv2d',
      name: 'branch2_reduce_1x1',
      inputs: ['input'],
      filters: 96,
      kernelSize: 1,
      activation: 'relu',
    },
    {
      kind: 'conv2d',
      name: 'branch2_3x3',
      inputs: ['branch2_reduce_1x1'],
      filters: 128,
      kernelSize: 3,
      padding: 'same',
      activation: 'relu',
    },
    {
      kind: 'conv2d',
      name: 'branch3_reduce_1x1',
      inputs: ['input'],
      filters: 16,
      kernelSize: 1,
      activation: 'relu',
    },
    {
      kind: 'conv2d',
      name: 'branch3_5x5',
      inputs: ['branch3_reduce_1x1'],
      filters: 32,
      kernelSize: 5,
      padding: 'same',
      activation: 'relu',
    },
    {
      kind: 'maxPooling2d',
      name: 'branch4_pool',
      inputs: ['input'],
      poolSize: 3,
      strides: 1,
      padding: 'same',
    },
    {
      kind: 'conv2d',
      name: 'branch4_proj_1x1',
      inputs: ['branch4_pool'],
      filters: 32,
      kernelSize: 1,
      activation: 'relu',
    },
    {
      kind: 'concatenate',
      name: 'output',
      inputs: ['branch1_1x1', 'branch2_3x3', 'branch3_5x5', 'branch4_proj_1x1'],
    },
  ],
};

/** A ResNet-50 bottleneck unit of stage conv2_x with its identity shortcut (He et al. 2016, table 1). */
export const RESIDUAL_UNIT: ModelSpecInput = {
  name: 'residual_unit',
  input: [56, 56, 256],
  layers: [
    { kind: 'conv2d', name: 'reduce_1x1', inputs: ['input'], filters: 64, kernelSize: 1, activation: 'relu' },
    { kind: 'conv2d', name: 'conv_3x3', filters: 64, kernelSize: 3, padding: 'same', activation: 'relu' },
    { kind: 'conv2d', name: 'expand_1x1', filters: 256, kernelSize: 1 },
    { kind: 'add', name: 'add_shortcut', inputs: ['expand_1x1', 'input'] },
  ],
};

/** A squeeze-and-excitation block with reduction ratio 16 (Hu et al. 2018, fig. 2). */
export const SE_BLOCK: ModelSpecInput = {
  name: 'se_block',
  input: [56, 56, 256],
  layers: [
    { kind: 'globalAveragePooling2d', name: 'squeeze', inputs: ['input'], keepDims: true },
    { kind: 'dense', name: 'excite_fc1', units: 16, activation: 'relu' },
    { kind: 'dense', name: 'excite_fc2', units: 256, activation: 'sigmoid' },
    { kind: 'multiply', name: 'scale', inputs: ['input', 'excite_fc2'] },
  ],
};

/** MobileNet's depthwise separable convolution: 3×3 depthwise, then 1×1 pointwise (Howard et al. 2017, fig. 3). */
export const DEPTHWISE_SEPARABLE: ModelSpecInput = {
  name: 'depthwise_separable',
  input: [112, 112, 32],
  layers: [
    {
      kind: 'depthwiseConv2d',
      name: 'depthwise_3x3',
      inputs: ['input'],
      kernelSize: 3,
      padding: 'same',
      activation: 'relu',
    },
    { kind: 'conv2d', name: 'pointwise_1x1', filters: 64, kernelSize: 1, activation: 'relu' },
  ],
};

/** Question 6, in the project's own words: text, rubric together. */
export const classicInnovations = defineQuestion({
  base: {
    id: 6,
    title: 'Innovations of the classic CNNs',
    difficulty: 2,
    prompt:
      'Name the main innovations of AlexNet (compared with LeNet-5), GoogLeNet, ResNet, SENet and Xception.',
    parts: [
      {
        id: 'innovations',
        kind: 'rubric',
        prompt: 'Give at least one innovation for each of the five networks (two each for full marks).',
        required: 10,
        perGroup: 2,
        modelAnswer:
          "AlexNet: much larger and deeper, conv layers stacked directly on one another, ReLU, local response normalization, dropout and data augmentation, trained on GPUs. GoogLeNet: inception modules with parallel 1×1, 3×3, 5×5 and pooling branches; 1×1 bottleneck layers that cut cost; global average pooling instead of big dense layers; about a tenth of AlexNet's parameters. ResNet: skip (shortcut) connections, so units learn residuals; very deep networks (152 layers) that still train; bottleneck units and batch norm. SENet: squeeze-and-excitation blocks added to every unit of an existing architecture; they pool each map, learn which channels matter together, and recalibrate the maps. Xception: replaces inception modules with depthwise separable convolutions, which look at spatial patterns and cross-channel patterns separately, combined with ResNet's skip connections.",
        explanation:
          'The numbers come from the real models in @cnnkit/architectures: AlexNet 60,965,224 parameters vs GoogLeNet 6,624,904; SE blocks add about 10% to ResNet-50.',
        sources: [
          'Krizhevsky 2012',
          'Szegedy 2015',
          'He 2016',
          'Hu 2018',
          'Chollet 2017',
          'Géron, Hands-On ML (3rd ed., 2022), ch. 14 exercise 6',
        ],
        subjects: {
          rule: 'owns',
          list: [
            { id: 'AlexNet', patterns: ['alex ?net'] },
            { id: 'GoogLeNet', patterns: ['google ?(le)? ?net', 'inception v1'] },
            { id: 'ResNet', patterns: ['res ?nets?( ?\\d+)?', 'residual networks?'] },
            {
              id: 'SENet',
              patterns: ['se ?nets?', 'se res ?net( ?\\d+)?', 'squeeze and excitation networks?'],
            },
            { id: 'Xception', patterns: ['xception'] },
            { id: 'LeNet-5', patterns: ['le ?net( ?5)?'] },
          ],
        },
        concepts: [
          {
            id: 'alexnet-size',
            group: 'AlexNet',
            label: 'AlexNet: much larger and deeper',
            direction: 'more',
            patterns: ['(larger|bigger|deeper|more layers)', '(smaller|shallower|fewer layers)'],
          },
          {
            id: 'alexnet-stacked',
            group: 'AlexNet',
            label: 'AlexNet: conv layers stacked directly on one another',
            patterns: [
              'stack',
              'conv(olutional)? layers? (directly )?on top',
              'without (a )?pooling (layer )?(between|in between)',
            ],
          },
          {
            id: 'alexnet-relu',
            group: 'AlexNet',
            label: 'AlexNet: ReLU activations',
            patterns: ['relu', 'rectified'],
          },
          {
            id: 'alexnet-lrn',
            group: 'AlexNet',
            label: 'AlexNet: local response normalization',
            patterns: ['local response', '\\blrn\\b'],
          },
          {
            id: 'alexnet-regularisation',
            group: 'AlexNet',
            label: 'AlexNet: dropout and data augmentation',
            patterns: ['dropout', 'augment'],
            // Dropout by what it does: "randomly switched off neurons during training".
            claims: [
              'random|randomly switch|switched|switches|turn|turned|turns|shut|shuts|drop|dropped|drops|zero|zeroed|kill|killed|disable|disabled ... neuron|neurons|unit|units|activation|activations',
            ],
          },
          {
            id: 'alexnet-gpu',
            group: 'AlexNet',
            label: 'AlexNet: trained on GPUs',
            patterns: ['\\bgpus?\\b'],
          },
          {
            id: 'googlenet-inception',
            group: 'GoogLeNet',
            label: 'GoogLeNet: inception modules',
            patterns: ['inception'],
          },
          {
            id: 'googlenet-1x1',
            group: 'GoogLeNet',
            label: 'GoogLeNet: 1×1 bottleneck convolutions',
            patterns: ['1 ?x ?1', 'one by one', 'bottleneck'],
          },
          {
            id: 'googlenet-gap',
            group: 'GoogLeNet',
            label: 'GoogLeNet: global average pooling',
            patterns: ['global (average )?pool', '\\bgap\\b'],
            // The average as it is written short ("global avg pool", "global mean pooling").
            claims: ['global avg|mean pool|pooling|pools'],
          },
          {
            id: 'googlenet-params',
            group: 'GoogLeNet',
            label: "GoogLeNet: about a tenth of AlexNet's parameters",
            patterns: [
              '(fewer|less) param',
              'tenth',
              '1 ?/ ?10',
              '10 ?x fewer',
              'ten times fewer',
              'parameters? (much )?more efficient',
            ],
          },
          {
            // Szegedy et al. 2015, sec. 5: classifiers on intermediate layers, their losses added
            // (weighted 0.3) during training to help the gradient flow; the fresh set's standard lists them.
            id: 'googlenet-aux',
            group: 'GoogLeNet',
            label: 'GoogLeNet: auxiliary classifiers on intermediate layers during training',
            patterns: [
              'auxiliar\\w* (classifier|output|head|loss|softmax)',
              '(intermediate|side) (classifier|softmax)',
            ],
          },
          {
            id: 'resnet-skip',
            group: 'ResNet',
            label: 'ResNet: skip (shortcut) connections, residual learning',
            patterns: ['skip', 'shortcut', 'residual', 'identity (mapping|connection)'],
          },
          {
            id: 'resnet-depth',
            group: 'ResNet',
            label: 'ResNet: very deep networks that still train',
            patterns: ['152', 'very deep', 'much deeper', 'even deeper', 'vanishing', 'hundreds of layers'],
          },
          {
            id: 'resnet-bn',
            group: 'ResNet',
            label: 'ResNet: bottleneck units and batch normalization',
            patterns: ['batch ?norm', 'bottleneck (unit|block)', 'residual unit'],
          },
          {
            id: 'senet-block',
            group: 'SENet',
            label: 'SENet: squeeze-and-excitation blocks added to existing units',
            patterns: ['squeeze', 'excitation', '\\bse ?blocks?\\b'],
          },
          {
            id: 'senet-recalibrate',
            group: 'SENet',
            label: 'SENet: learns which channels matter and recalibrates the feature maps',
            patterns: [
              'recalibrat',
              'rescal',
              'channel (wise )?(attention|weight)',
              'which (features|channels) (are|matter)',
              'depth dimension',
            ],
          },
          {
            id: 'xception-separable',
            group: 'Xception',
            label: 'Xception: depthwise separable convolutions',
            patterns: ['depthwise', 'separable'],
          },
          {
            id: 'xception-separately',
            group: 'Xception',
            label: 'Xception: spatial and cross-channel patterns handled separately',
            patterns: [
              'spatial (patterns )?(and|vs) (depthwise|cross channel|channel)',
              'separately',
              'cross channel',
              'pointwise',
            ],
          },
          {
            id: 'xception-merge',
            group: 'Xception',
            label: 'Xception: replaces inception modules (with depthwise separable convolutions)',
            patterns: ['replac\\w* (the )?inception', 'merg\\w* googlenet and resnet', 'extreme inception'],
          },
          {
            id: 'xception-skip',
            group: 'Xception',
            label: "Xception: keeps ResNet's skip connections",
            patterns: ['with (skip|residual|shortcut)'],
          },
        ],
      },
      {
        id: 'resnet50-params',
        kind: 'numeric',
        unit: 'count',
        rule: 'recalled',
        significantDigits: 3,
        conventions: [
          {
            name: 'Keras trainable',
            measure: { kind: 'architectureParams', architecture: 'resnet50-keras', count: 'trainable' },
            note: "Keras' ResNet50 has 25,583,592 trainable parameters: its convolutions keep their biases (one per output channel, 26,560 in all), which torchvision leaves out since batch norm follows each convolution; torchvision's count, 25,557,032, is the key.",
          },
          {
            name: 'Keras',
            measure: { kind: 'architectureParams', architecture: 'resnet50-keras', count: 'total' },
            note: "Keras' ResNet50 counts 25,636,712 \"total\" parameters: its convolutions keep their biases and it counts batch norm's running mean and variance; torchvision's 25,557,032 counts trainable weights only (no conv biases before batch norm).",
          },
        ],
        prompt: "How many trainable parameters does ResNet-50 have (torchvision's version, 1,000 classes)?",
        modelAnswer:
          '25,557,032, about 25.6 million (Keras\' ResNet50 has 25,583,592 trainable parameters, as its convolutions keep their biases, and reports 25,636,712 "total" parameters, counting batch norm\'s running statistics too).',
        explanation:
          'Most of them sit in the last stage (3 bottleneck units of 2,048 channels) and the 2,048×1,000 classifier.',
        sources: [
          'torchvision model documentation (resnet50: 25,557,032 params)',
          'measured: trainable weights of the real tfjs ResNet-50',
        ],
        measure: { kind: 'architectureParams', architecture: 'resnet50', count: 'trainable' },
      },
    ],
    pictures: [
      {
        kind: 'blockDiagram',
        name: 'inception-module',
        title: 'GoogLeNet: an inception module (3a)',
        spec: INCEPTION_3A,
        source: 'Szegedy et al. 2015, table 1.',
      },
      {
        kind: 'blockDiagram',
        name: 'residual-unit',
        title: 'ResNet-50: a bottleneck residual unit',
        spec: RESIDUAL_UNIT,
        source: 'He et al. 2016, table 1.',
      },
      {
        kind: 'blockDiagram',
        name: 'se-block',
        title: 'SENet: a squeeze-and-excitation block (r = 16)',
        spec: SE_BLOCK,
        source: 'Hu et al. 2018, fig. 2.',
      },
      {
        kind: 'blockDiagram',
        name: 'depthwise-separable',
        title: 'MobileNet: a depthwise separable convolution',
        spec: DEPTHWISE_SEPARABLE,
        source: 'Howard et al. 2017, fig. 3.',
      },
    ],
    correctionsToNotes: [
      'The notes put GoogLeNet\'s inception modules at "1/10 params of AlexNet" without numbers: the real models have 6,624,904 vs 60,965,224.',
      "The notes leave out AlexNet's ReLU, dropout, data augmentation and GPU training, and ResNet's batch normalization and bottleneck units.",
    ],
  },
});
