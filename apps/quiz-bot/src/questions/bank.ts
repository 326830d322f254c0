import { type Question, questionSchema } from './schemas';

/*
 * The eight questions, in the project's own words. Numeric parts carry no expected value: they
 * name a model to build and a quantity to measure (see ../verify). Patterns are regular
 * expressions matched on the normalised answer (lower case, accents and punctuation removed,
 * "×" read as "x"), so "1×1" is matched as "1x1".
 */
const RAW_QUESTIONS = [
  {
    id: 1,
    title: 'CNN vs fully connected network',
    difficulty: 1,
    prompt: 'What are the advantages of a CNN over a fully connected deep network for image classification?',
    parts: [
      {
        id: 'advantages',
        kind: 'rubric',
        prompt: 'Name the advantages (three for full credit).',
        required: 3,
        modelAnswer:
          'A conv layer connects each unit to a small local window and shares one kernel across all positions, so it has far fewer parameters than a dense layer on the same image: faster training, less overfitting, less data needed. Because the same kernel slides everywhere, a feature learned in one place is detected anywhere (translation equivariance; with pooling, some invariance). And the architecture builds in the 2-D structure of images: low layers find small local features and higher layers combine them into larger ones, which a dense network that sees pixels as an unordered vector cannot exploit.',
        explanation:
          'Exercise 2 shows the scale: 903,400 parameters for three conv layers on a 200×300×3 image, while a single dense layer of just 100 units on the same flattened image would have 18,000,100.',
        sources: [
          'Géron, Hands-On ML (2nd ed.), ch. 14',
          'LeCun et al. 1998, "Gradient-based learning applied to document recognition"',
        ],
        concepts: [
          {
            id: 'fewer-parameters',
            label: 'far fewer parameters (local connections, shared weights)',
            patterns: [
              'fewer (param|weight)',
              'less (param|weight)',
              'far less param',
              'weight sharing',
              'shar(e|ed|es|ing) (the )?(same )?(weight|kernel|filter|param)',
              'param(eter)? sharing',
              'local(ly)? connect',
              'partially connected',
              'sparse connect',
            ],
          },
          {
            id: 'translation',
            label: 'detects a feature anywhere in the image (translation equivariance/invariance)',
            patterns: [
              'anywhere',
              'any (location|position|place|where)',
              'translation (in|equi)variance',
              'translation(ally)? (in|equi)variant',
              'shift (in|equi)varian',
              'regardless of (its )?(position|location)',
              'position independent',
            ],
          },
          {
            id: 'spatial-hierarchy',
            label: 'uses the 2-D structure of images: small local features combined into larger ones',
            patterns: [
              'spatial (structure|information|relation|locality)',
              'neighbou?r(ing)? pixel',
              'pixels? (are )?organi[sz]ed',
              'hierarch',
              'low(er)? (level|layer).{0,40}high(er)? (level|layer)',
              'small(er)? (local )?features?.{0,40}(larger|bigger|complex)',
              '2d structure',
              'local (pattern|feature)',
            ],
          },
          {
            id: 'efficiency',
            label: 'so: faster training, less overfitting, less training data needed',
            patterns: [
              'overfit',
              'faster (to )?train',
              'train(s|ing)? faster',
              'less (training )?data',
              'fewer (training )?(examples|images|samples)',
              'generali[sz]e better',
              'less memory',
              'less computation',
            ],
          },
        ],
      },
    ],
    correctionsToNotes: [],
  },
  {
    id: 2,
    title: 'Parameters and RAM of a three-layer CNN',
    difficulty: 3,
    prompt:
      'A CNN has three convolutional layers, each with 3×3 kernels, stride 2 and "same" padding. The lowest outputs 100 feature maps, the middle one 200, the top one 400. Inputs are RGB images of 200×300 pixels.',
    parts: [
      {
        id: 'params',
        kind: 'numeric',
        unit: 'count',
        tolerance: 0.005,
        prompt: 'What is the total number of parameters in the CNN?',
        modelAnswer:
          '903,400 parameters: (3·3·3 + 1)·100 = 2,800; (3·3·100 + 1)·200 = 180,200; (3·3·200 + 1)·400 = 720,400.',
        explanation:
          'A conv layer has (kernel height × kernel width × input channels + 1 bias) × filters parameters. The image size does not matter: the weights are shared across positions.',
        sources: [
          'Géron, Hands-On ML (2nd ed.), ch. 14 exercise 2',
          'measured: model.countParams() of the real tfjs model',
        ],
        measure: { kind: 'exercise2', quantity: 'params' },
      },
      {
        id: 'ram-inference',
        kind: 'numeric',
        unit: 'bytes',
        tolerance: 0.01,
        prompt:
          'With 32-bit floats, at least how much RAM does the network need to make a prediction for a single instance?',
        modelAnswer:
          'About 12.6 MB (12,613,600 bytes): with "same" padding and stride 2 the maps are 100×150×100, 50×75×200 and 25×38×400 (ceil(in/stride)); the largest two consecutive layers hold 6,000,000 + 3,000,000 bytes, and the 903,400 parameters take 3,613,600 bytes.',
        explanation:
          "During inference a layer's output can be released once the next layer has been computed, so at least two consecutive layers must fit at once, plus all parameters. 12,613,600 bytes is 12.03 MiB.",
        sources: [
          'Géron, Hands-On ML (2nd ed.), ch. 14 exercise 2 solution',
          'measured: real output tensors of a forward pass',
        ],
        measure: { kind: 'exercise2', quantity: 'inferenceBytes' },
      },
      {
        id: 'ram-training',
        kind: 'numeric',
        unit: 'bytes',
        tolerance: 0.01,
        prompt: 'And when training on a mini-batch of 50 images?',
        modelAnswer:
          "About 565.6 MB (565,613,600 bytes): every layer's output is kept for back-propagation, 10,520,000 bytes per image × 50 = 526,000,000; the input batch is 720,000 × 50 = 36,000,000; the parameters 3,613,600. Gradients are neglected; real frameworks need more.",
        explanation:
          'Training must keep all activations of every instance for the backward pass, so memory grows with the batch size; reducing the batch is the first remedy of question 3.',
        sources: [
          'Géron, Hands-On ML (2nd ed.), ch. 14 exercise 2 solution',
          'measured: real output tensors of a forward pass, × batch size',
        ],
        measure: { kind: 'exercise2', quantity: 'trainingBytes', batchSize: 50 },
      },
    ],
    correctionsToNotes: [
      'The notes compute the feature map with padding 0 and write "28 x 99"; with "same" padding the output is ceil(input/stride): 100×150, then 50×75, then 25×38 (38 = ceil(75/2)).',
      'The notes stop at the parameter count; the two RAM answers (12.6 MB for one prediction, 565.6 MB for a batch of 50) were missing.',
    ],
  },
  {
    id: 3,
    title: 'GPU out of memory',
    difficulty: 1,
    prompt: 'Your GPU runs out of memory while training a CNN. What are five things you could try?',
    parts: [
      {
        id: 'remedies',
        kind: 'rubric',
        prompt: 'Name five remedies.',
        required: 5,
        modelAnswer:
          'Reduce the mini-batch size; reduce dimensionality early with a larger stride (or smaller input images); remove layers or use fewer filters; use 16-bit floats (mixed precision) instead of 32-bit; distribute the CNN across several devices. Also: gradient checkpointing (recompute activations in the backward pass), gradient accumulation over smaller micro-batches.',
        explanation:
          'Training memory is dominated by the activations kept for back-propagation (question 2: 526 MB of 566 MB), which scale with batch size, map size and depth; precision halves every figure.',
        sources: [
          'Géron, Hands-On ML (2nd ed.), ch. 14 exercise 3',
          'Chen et al. 2016, "Training deep nets with sublinear memory cost"',
          'Micikevicius et al. 2018, "Mixed precision training"',
        ],
        concepts: [
          {
            id: 'batch',
            label: 'smaller mini-batch',
            patterns: [
              '(smaller|reduc\\w*|decreas\\w*|lower\\w*|fewer) (the )?(mini ?)?batch',
              '(mini ?)?batch size',
              'fewer images per batch',
            ],
          },
          {
            id: 'stride',
            label: 'reduce dimensionality with a larger stride or smaller inputs',
            patterns: [
              'stride',
              'downsampl',
              'smaller (input )?(images|inputs|resolution)',
              '(reduce|lower)\\w* (the )?(image|input) (size|resolution)',
              'reduce\\w* dimensionality',
              'resiz',
            ],
          },
          {
            id: 'smaller-model',
            label: 'remove layers or use fewer filters',
            patterns: [
              'remove (some )?layers',
              'fewer (layers|filters|feature maps|channels|neurons)',
              'less layers',
              'smaller (model|network)',
              'shallower',
              '(reduce|decrease)\\w* (the )?(number of )?(layers|filters|feature maps)',
            ],
          },
          {
            id: 'precision',
            label: '16-bit floats / mixed precision',
            patterns: [
              '16 ?bit',
              'float ?16',
              'fp16',
              'bfloat',
              'half precision',
              'mixed precision',
              'lower precision',
              'quantiz',
            ],
          },
          {
            id: 'distribute',
            label: 'distribute the network over several devices',
            patterns: [
              'distribut',
              'multiple (gpus|devices)',
              'several (gpus|devices)',
              'more (gpus|devices)',
              'model parallel',
              'across (gpus|devices)',
            ],
          },
          {
            id: 'checkpointing',
            label: 'gradient checkpointing (recompute activations)',
            patterns: ['checkpoint', 'recomput', 'rematerial'],
          },
          {
            id: 'accumulation',
            label: 'gradient accumulation over micro-batches',
            patterns: ['accumulat', 'micro ?batch'],
          },
        ],
      },
    ],
    correctionsToNotes: [
      "The notes' five are right; gradient checkpointing and gradient accumulation are two more that keep the model unchanged.",
    ],
  },
  {
    id: 4,
    title: 'Max pooling vs strided convolution',
    difficulty: 2,
    prompt: 'Why would you add a max pooling layer rather than a convolutional layer with the same stride?',
    parts: [
      {
        id: 'why',
        kind: 'rubric',
        prompt: 'Give the reasons (two for full credit).',
        required: 2,
        modelAnswer:
          'A max pooling layer has no parameters at all, while a convolutional layer with the same stride has kernel·kernel·channels·filters weights plus biases; pooling also costs less computation and memory (nothing to train, no weight gradients), and taking the maximum keeps the strongest activation while adding a little invariance to small shifts.',
        explanation:
          "The trade-off: a strided conv learns how to downsample and some modern networks (all-convolutional nets, ResNet's projection units) prefer it; pooling is the cheap, parameter-free choice.",
        sources: [
          'Géron, Hands-On ML (2nd ed.), ch. 14 exercise 4',
          'Springenberg et al. 2015, "Striving for simplicity: the all convolutional net"',
        ],
        concepts: [
          {
            id: 'no-params',
            label: 'no parameters to learn',
            patterns: [
              'no (trainable )?(param|weight)',
              'zero (param|weight)',
              'without (param|weight)',
              'parameter ?free',
              'nothing to (learn|train)',
              'fewer (param|weight)',
              'less (param|weight)',
              'reduc\\w* (the )?(number of )?(param|weight)',
            ],
          },
          {
            id: 'compute',
            label: 'less computation',
            patterns: ['comput', 'cheaper', 'faster', 'fewer (operations|flops|multipl)', 'less (work|cost)'],
          },
          { id: 'memory', label: 'less memory', patterns: ['memory', 'ram'] },
          {
            id: 'invariance',
            label: 'some invariance to small shifts; keeps the strongest activation',
            patterns: [
              'invarian',
              'strongest',
              'max(imum)? (activation|value|response)',
              'most (salient|important|active)',
              'small (shifts|translations)',
            ],
          },
          { id: 'overfitting', label: 'less risk of overfitting', patterns: ['overfit'] },
        ],
      },
      {
        id: 'extra-params',
        kind: 'numeric',
        unit: 'count',
        tolerance: 0.001,
        prompt:
          'On a 64-channel feature map, how many more parameters does a 2×2 conv layer with stride 2 (keeping 64 channels) have than a 2×2 max pooling layer with stride 2?',
        modelAnswer:
          '16,448: the conv has 2·2·64·64 = 16,384 weights plus 64 biases; the pooling layer has none.',
        explanation: 'Both halve the height and width; only one of them has to be trained.',
        sources: ['measured: countParams() of a real tfjs maxPooling2d and conv2d on the same input'],
        measure: { kind: 'poolVersusConv', channels: 64, window: 2 },
      },
    ],
    correctionsToNotes: [
      'The notes miss the trade-off: a strided conv can learn a better downsampling, which is why some modern networks use it.',
    ],
  },
  {
    id: 5,
    title: 'Local response normalization',
    difficulty: 2,
    prompt: 'When would you want to add a local response normalization layer?',
    parts: [
      {
        id: 'when',
        kind: 'rubric',
        prompt: 'When, and why? (three points for full credit)',
        required: 3,
        modelAnswer:
          'After the ReLU of early conv layers (as AlexNet did), to make the most strongly activated neurons inhibit the neurons at the same position in neighbouring feature maps (lateral inhibition, as in biological neurons). This competition encourages different feature maps to specialise, pushing them apart to explore a wider range of features, which improves generalisation. Today batch normalization has mostly replaced it.',
        explanation:
          'b_i = a_i / (k + α·Σ_j a_j²)^β, the sum running over the n channels around i at one position; AlexNet used k = 2, n = 5, α = 1e-4, β = 0.75 (layers-gpu implements it as a layer).',
        sources: [
          'Krizhevsky et al. 2012, "ImageNet classification with deep convolutional neural networks", §3.3',
          'Géron, Hands-On ML (2nd ed.), ch. 14 exercise 5',
        ],
        concepts: [
          {
            id: 'specialise',
            label: 'makes feature maps specialise / explore a wider range of features',
            patterns: ['speciali[sz]', 'wider range', 'divers', 'different features', 'decorrelat', 'compet'],
          },
          {
            id: 'inhibition',
            label: 'strong activations inhibit neighbouring feature maps (lateral inhibition)',
            patterns: [
              'inhibi',
              'neighbou?r\\w* (feature )?maps',
              'adjacent (feature )?maps',
              'nearby (feature )?maps',
              'same (position|location) in (neighbou?r|adjacent|nearby)',
              'across (channels|feature maps)',
              'suppress',
            ],
          },
          {
            id: 'generalisation',
            label: 'improves generalisation',
            patterns: ['generali[sz]', 'overfit', 'accuracy'],
          },
          {
            id: 'where',
            label: 'after the ReLU of the early (lower) layers, as in AlexNet',
            patterns: [
              'alexnet',
              'after (the )?relu',
              'early layers',
              'lower layers',
              'first (conv )?layers',
              'googlenet',
            ],
          },
          {
            id: 'superseded',
            label: 'mostly replaced by batch normalization today',
            patterns: ['batch ?norm', 'replaced', 'no longer', 'rarely used', 'out of fashion', 'superseded'],
          },
        ],
      },
      {
        id: 'across',
        kind: 'choice',
        prompt: 'Local response normalization divides each activation by a function of…',
        options: [
          'the activations of the same channel across the whole mini-batch',
          'the activations at the same position in neighbouring channels',
          'all the activations of the same feature map',
          "the layer's own weights",
        ],
        correct: 1,
        modelAnswer:
          'The activations at the same position in the n neighbouring channels (depth radius n/2).',
        explanation:
          'The first option is batch normalization; the third is closer to instance normalization.',
        sources: ['Krizhevsky et al. 2012, §3.3'],
      },
    ],
    correctionsToNotes: [
      'The notes omit where LRN goes (after ReLU in the early layers), its mechanism (lateral inhibition across neighbouring maps) and that batch normalization has largely replaced it.',
    ],
  },
  {
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
          'Géron, Hands-On ML (2nd ed.), ch. 14 exercise 6',
        ],
        concepts: [
          {
            id: 'alexnet-size',
            group: 'AlexNet',
            label: 'AlexNet: much larger and deeper',
            patterns: ['(larger|bigger|deeper|more layers)'],
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
            label: "Xception: replaces inception modules, keeps ResNet's skip connections",
            patterns: [
              'replac\\w* (the )?inception',
              'merg\\w* googlenet and resnet',
              'extreme inception',
              'with (skip|residual|shortcut)',
            ],
          },
        ],
      },
      {
        id: 'resnet50-params',
        kind: 'numeric',
        unit: 'count',
        tolerance: 0.02,
        prompt: "How many trainable parameters does ResNet-50 have (torchvision's version, 1,000 classes)?",
        modelAnswer:
          '25,557,032, about 25.6 million (Keras\' ResNet50 reports 25,636,712 "total" parameters: it adds conv biases and counts batch norm\'s running statistics).',
        explanation:
          'Most of them sit in the last stage (3 bottleneck units of 2,048 channels) and the 2,048×1,000 classifier.',
        sources: [
          'torchvision model documentation (resnet50: 25,557,032 params)',
          'measured: trainable weights of the real tfjs ResNet-50',
        ],
        measure: { kind: 'architectureParams', architecture: 'resnet50', count: 'trainable' },
      },
    ],
    correctionsToNotes: [
      'The notes put GoogLeNet\'s inception modules at "1/10 params of AlexNet" without numbers: the real models have 6,624,904 vs 60,965,224.',
      "The notes leave out AlexNet's ReLU, dropout, data augmentation and GPU training, and ResNet's batch normalization and bottleneck units.",
    ],
  },
  {
    id: 7,
    title: 'Fully convolutional networks',
    difficulty: 3,
    prompt:
      'What is a fully convolutional network? How can you convert a dense layer into a convolutional layer?',
    parts: [
      {
        id: 'what-and-how',
        kind: 'rubric',
        prompt: 'Define an FCN and explain the conversion (four points for full credit).',
        required: 4,
        modelAnswer:
          'An FCN has only convolutional and pooling layers (no dense layers), so it accepts images of any size (above a minimum) and outputs a grid of predictions instead of one vector, looking at the image once: useful for detection and semantic segmentation. To convert the lowest dense layer, replace it with a conv layer whose kernel is as large as its input feature map, with one filter per dense unit, "valid" padding and stride 1; the dense weights can be reshaped and copied in. Dense layers above it become 1×1 convolutions.',
        explanation:
          "On the training image size the converted network gives exactly the dense network's output (a 1×1 grid); on a larger image it slides that classifier over the image at the backbone's output stride.",
        sources: [
          'Long, Shelhamer, Darrell 2015, "Fully convolutional networks for semantic segmentation"',
          'Géron, Hands-On ML (2nd ed.), ch. 14 exercise 7',
        ],
        concepts: [
          {
            id: 'only-conv',
            label: 'only convolutional (and pooling) layers, no dense layers',
            patterns: [
              'only conv',
              'no (dense|fully connected)',
              'without (dense|fully connected)',
              'convolutional and pooling layers',
              'composed of conv',
              'all (layers are )?conv',
            ],
          },
          {
            id: 'any-size',
            label: 'accepts images of any size',
            patterns: [
              'any (input )?(size|width|height|resolution)',
              'arbitrary (input )?(size|resolution)',
              'variable (input )?size',
              'different (input )?sizes',
            ],
          },
          {
            id: 'kernel-size',
            label: 'kernel as large as the dense layer\'s input map, "valid" padding',
            patterns: [
              'kernel (size )?(equal|same|as large|the size)',
              'size of (the )?(input|feature map)',
              'valid padding',
              'padding valid',
              'whole (input|feature map)',
            ],
          },
          {
            id: 'filters-units',
            label: 'one filter per dense unit',
            patterns: [
              '(one )?filters? (per|for each|equal to the number of) (neuron|unit)',
              'number of (neurons|units)',
              'as many filters as',
            ],
          },
          {
            id: 'one-by-one',
            label: 'the dense layers above become 1×1 convolutions',
            patterns: ['1 ?x ?1', 'one by one'],
          },
          {
            id: 'weights-copied',
            label: 'the dense weights can be reshaped and reused',
            patterns: ['reshap', 'copy', 'reuse', 'same weights', 'transfer the weights'],
          },
          {
            id: 'uses',
            label: 'outputs a grid: detection, semantic segmentation',
            patterns: ['segmentation', 'detection', 'grid', 'once', 'dense prediction', 'per pixel'],
          },
        ],
      },
      {
        id: 'grid',
        kind: 'numeric',
        unit: 'pixels',
        tolerance: 0.001,
        prompt:
          'A classifier trained on 224×224 images has a backbone with output stride 32 (a 7×7 feature map) followed by dense layers. Converted to an FCN, how wide is its output grid on a 448×448 image?',
        modelAnswer:
          '8×8: the backbone gives a 14×14 map, and the 7×7 "valid" conv that replaced the first dense layer fits 14 − 7 + 1 = 8 times across.',
        explanation:
          'Each output cell is the classifier applied to a 224×224 window, the windows 32 pixels apart.',
        sources: ['measured: a real classifier converted to a FCN, weights copied, run on a 448×448 image'],
        measure: { kind: 'fcnGrid', trainSide: 224, testSide: 448 },
      },
    ],
    correctionsToNotes: [
      'The notes do not say the dense weights can be reshaped and copied into the conv layer, nor what the output grid is on a larger image.',
    ],
  },
  {
    id: 8,
    title: 'Semantic segmentation',
    difficulty: 2,
    prompt: 'What is the main technical difficulty of semantic segmentation?',
    parts: [
      {
        id: 'difficulty',
        kind: 'rubric',
        prompt: 'Explain the difficulty and how it is overcome (three points for full credit).',
        required: 3,
        modelAnswer:
          'Every pixel must be classified, but a regular CNN loses spatial resolution as the signal goes up (pooling layers and strides > 1 shrink the maps, e.g. by 32 in ResNet-50), so the fine location information needed at the pixel level is gone by the top. It must be recovered: upsample (transposed convolutions, bilinear upsampling) and add skip connections from lower, higher-resolution layers, as in FCN-8s and U-Net; or keep resolution with dilated convolutions.',
        explanation:
          'There is a tension between "what" (needs large receptive fields and deep, coarse maps) and "where" (needs fine maps).',
        sources: [
          'Long et al. 2015 (FCN)',
          'Ronneberger et al. 2015 (U-Net)',
          'Géron, Hands-On ML (2nd ed.), ch. 14 exercise 8',
        ],
        concepts: [
          {
            id: 'resolution-lost',
            label: 'spatial resolution is lost through pooling and strides',
            patterns: [
              '(spatial )?(information|resolution|detail) (is |gets |get )?lost',
              'los(e|es|ing|t) (the |much )?(spatial|resolution|location|detail)',
              'pooling',
              'stride',
              'downsampl',
              'coarse',
            ],
          },
          {
            id: 'per-pixel',
            label: 'every pixel must be classified',
            patterns: ['(each|every|per) pixel', 'pixel (level|wise)', 'class of (the |each )?pixels?'],
          },
          {
            id: 'upsample',
            label: 'upsampling (transposed convolutions) to recover resolution',
            patterns: ['upsampl', 'up sampl', 'transpose', 'deconvolution', 'restor', 'recover'],
          },
          {
            id: 'skip',
            label: 'skip connections from lower, finer layers',
            patterns: ['skip', 'lower layers', 'u ?net', 'fcn ?8'],
          },
          {
            id: 'dilated',
            label: 'or dilated (atrous) convolutions to keep resolution',
            patterns: ['dilat', 'atrous'],
          },
        ],
      },
      {
        id: 'output-stride',
        kind: 'numeric',
        unit: 'ratio',
        tolerance: 0.001,
        prompt:
          'By what factor does ResNet-50 (without its classifier) shrink the height and width of its input?',
        modelAnswer:
          '32: a 224×224 image becomes a 7×7 map (stride-2 stem conv, max pooling, and three stride-2 stages).',
        explanation: 'That is the resolution a segmentation head has to recover.',
        sources: ['measured: the real ResNet-50 without its top, run on a 64×64 image'],
        measure: { kind: 'outputStride', architecture: 'resnet50', inputSide: 64 },
      },
    ],
    correctionsToNotes: [
      'The notes state the problem but not the remedies: upsampling (transposed convolutions), skip connections, dilated convolutions.',
    ],
  },
] as const;

/** The eight questions, validated once at load. */
export const QUESTIONS: readonly Question[] = RAW_QUESTIONS.map((q) => questionSchema.parse(q));

export const QUESTION_IDS = QUESTIONS.map((q) => q.id);
