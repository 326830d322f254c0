import { describe, expect, test } from 'vitest';
import { gradeRubric } from '../src/index';
import { questionRubric } from './bank-rubric';

/*
 * Free text is graded on meaning: negation in the clause, comparatives and verbs of the other
 * direction, opposites said plainly, and (where the question pairs them) the subject a claim is
 * made of. Each question gets a table of adversarial answers written from its model answer's
 * opposites: none of them may earn credit. The study notes' answers (seed-notes.md) and honest
 * paraphrases still earn what they deserve.
 */
const ADVERSARIAL: Record<number, string[]> = {
  1: [
    'not fewer parameters, not translation invariance, not spatial structure',
    'A CNN has more parameters than a fully connected network',
    'CNNs need more parameters and more training data',
    'A dense network has fewer parameters than a CNN',
    'There is no weight sharing in a CNN',
    'A CNN cannot detect a feature anywhere in the image',
    'CNNs are not translation invariant',
    'A CNN only detects a feature at a fixed position',
    'CNNs ignore the spatial structure of images',
    'A fully connected network exploits the spatial structure of images, a CNN does not',
    'CNNs overfit more',
    'A CNN does not share weights between positions',
    'Weight sharing is not an advantage',
    'CNNs have no local connections',
    'The dense network detects features anywhere',
    'Neither fewer parameters nor a hierarchy of features',
    'It is false that CNNs generalize better',
    "CNNs don't need less data",
    'A CNN treats the image without neighbouring pixel information',
    'Low-level and high-level features are not combined in a CNN',
    'A dense network, not a CNN, has fewer weights',
    'CNNs train slower and generalize worse',
    'A CNN flattens the image into an unordered vector and is sensitive to the position of a feature',
  ],
  3: [
    'increase the batch size, use 64-bit floats, add more layers',
    'use a larger mini-batch',
    'double the batch size',
    'use 32-bit floats instead of 16-bit',
    'switch to double precision',
    'use a smaller stride',
    'lower the number of GPUs and use a single device',
    'make the network deeper with more filters',
    "don't reduce the batch size",
    'increase the image resolution',
    'avoid mixed precision',
    'never use gradient checkpointing',
    'gradient accumulation does not help',
    'use bigger batches and fp64',
    'upsample the inputs',
    'remove the strides',
    'add more feature maps and channels',
    'turn off gradient checkpointing; disable gradient accumulation',
    'reduce the number of GPUs, increase the input size, and never use 16-bit floats',
    'use fewer devices instead of distributing the model',
    'keep all the activations in memory and raise the batch size',
    'use more layers, more filters and float64',
    'the batch size should be increased',
    'make the batch size much larger',
  ],
  4: [
    'pooling has more parameters and uses more memory',
    'Max pooling needs more computation than a strided convolution',
    'A strided conv layer has fewer parameters than max pooling',
    'Pooling is not cheaper and does not save memory',
    'Pooling increases the risk of overfitting',
    'Max pooling learns its downsampling, so it has more parameters',
    'Pooling removes translation invariance',
    'Pooling throws away the strongest activation',
    'Pooling is slower',
    'Conv layers need less memory than pooling',
    'Pooling does not reduce the number of parameters',
    'Pooling never helps against overfitting',
    'Pooling uses more RAM',
    'A convolution with the same stride is cheaper to compute',
    'Unlike pooling, a strided conv keeps the strongest activation',
    'Pooling makes the network less invariant to small shifts',
    'Pooling is more prone to overfitting',
    'Both have the same cost and the same memory',
    'Pooling has extra weights to learn and more computation',
    'A strided convolution needs fewer weights and less memory than pooling',
    'Pooling is more expensive and sensitive to small shifts',
  ],
  5: [
    'Before the ReLU in the last layers, to make all feature maps learn the same features',
    'It prevents feature maps from specialising',
    'LRN makes every feature map learn identical features',
    'It amplifies neighbouring feature maps instead of inhibiting them',
    'Its purpose is to increase overfitting',
    'It hurts generalization',
    'Only in the output layer, never in AlexNet',
    'It is still widely used and has replaced batch normalization',
    'It does not encourage specialization and does not improve generalization',
    'Add it before the ReLU of the final layers',
    'It reduces accuracy',
    'Neurons at the same position in neighbouring maps are not inhibited',
    'It causes overfitting',
    'Batch normalization never replaced it',
    'Use it when you want less diverse features',
    'It only matters in the top layers of the network',
    'It makes no difference to generalization',
    'It normalizes each activation within a single feature map, independently of its neighbours',
    'It is more popular than batch normalization today and standard nowadays',
    'AlexNet did not use it, and it does not suppress anything',
    'It is not about competition between feature maps',
  ],
  6: [
    'AlexNet: inception modules and 1x1 bottleneck layers. GoogLeNet: skip connections and batch norm. ResNet: squeeze-and-excitation blocks that recalibrate the channels. SENet: depthwise separable convolutions. Xception: ReLU, dropout and local response normalization.',
    'ResNet introduced inception modules; GoogLeNet introduced skip connections.',
    'Xception uses squeeze-and-excitation blocks. SENet uses depthwise separable convolutions.',
    'AlexNet: skip connections and global average pooling.',
    'GoogLeNet: ReLU, dropout, data augmentation and GPUs.',
    'ResNet: inception modules, 1x1 convolutions and global average pooling.',
    'SENet: residual learning and very deep networks with 152 layers.',
    'Xception: local response normalization and stacked conv layers.',
    'AlexNet did not use ReLU or dropout. GoogLeNet has no inception modules.',
    'ResNet has no skip connections. SENet has no squeeze-and-excitation blocks.',
    'Xception does not use depthwise separable convolutions.',
    'AlexNet was smaller and shallower than LeNet-5.',
    'GoogLeNet: squeeze and excitation. ResNet: depthwise separable. Xception: inception modules. SENet: skip connections. AlexNet: global average pooling.',
    'None of these networks used batch normalization, skip connections or inception modules.',
    'SENet recalibrates nothing; AlexNet was trained without GPUs.',
    'Inception modules, skip connections, SE blocks, depthwise separable convolutions and ReLU, without saying which network.',
    'LeNet-5 introduced ReLU, dropout and GPUs.',
    'GoogLeNet: residual units and batch norm; AlexNet: depthwise separable convolutions.',
    'ResNet: SE blocks that recalibrate channels. GoogLeNet: dropout and LRN.',
    'Xception: squeeze and excitation; SENet: separable convolutions, pointwise and depthwise separately.',
    'It is a myth that ResNet uses skip connections, and AlexNet never used dropout.',
  ],
  7: [
    'An FCN is a network made only of dense layers',
    'FCNs need a fixed input size',
    'It contains dense layers at the end',
    'Replace the dense layer with a 1x1 convolution using same padding',
    'The dense weights cannot be reused; retrain the network from scratch',
    'It outputs a single class vector, never a grid',
    'Use one filter in total',
    'An FCN cannot process images of different sizes',
    'Its kernel must be smaller than the feature map, with zero padding',
    'An FCN keeps its fully connected layers on top',
    'It only accepts the same size as the training images',
    'The conversion needs new random weights',
    'It looks at the image several times, one window at a time',
    'FCNs are not used for segmentation or detection',
    'Convert the first dense layer into a 1x1 conv with one filter per pixel',
    'It works only at one resolution and has dense layers at the end',
    'An FCN does not accept arbitrary input sizes',
    'The weights are thrown away and randomly initialized',
    'Dense layers cannot be replaced by convolutions, so FCNs use only dense layers',
    'You cannot reshape the dense weights; valid padding is not possible',
    'It gives one prediction per image and uses zero padding',
  ],
  8: [
    'there is no difficulty, pooling preserves spatial resolution perfectly so no upsampling is needed',
    'Spatial information is never lost in a CNN',
    'Pooling and strides increase the resolution',
    'Skip connections are useless here',
    'Every pixel does not need a class',
    'Upsampling destroys the location information, so avoid transposed convolutions',
    'Only the image-level label matters, one label per image',
    'A CNN keeps the full resolution, nothing is lost',
    'Do not upsample and do not use skip connections',
    'Dilated convolutions are there to shrink the maps',
    'No information is lost by pooling',
    'The network maintains all spatial details, so there is nothing to recover',
    'You never need to classify each pixel',
    'Transposed convolutions are not needed, and U-Net is irrelevant',
    'Pooling layers preserve the details',
    'There is one class for the whole image',
    'Resolution is not a problem; avoid dilated convolutions',
    'It is false that spatial information gets lost',
    'Skip connections are pointless and upsampling is unnecessary',
    'Strides keep the resolution of the input',
    'CNNs never lose location information, so no restoration is needed',
  ],
};

describe.each(Object.entries(ADVERSARIAL))(
  'question %s: answers that say the opposite earn nothing',
  (id, answers) => {
    test('there are at least 20 of them', () => {
      expect(answers.length).toBeGreaterThanOrEqual(20);
    });
    test.each(answers)('%j', (answer) => {
      const grade = gradeRubric(questionRubric(Number(id)), answer);
      expect(grade.covered).toEqual([]);
      expect(grade.score).toBe(0);
    });
  },
);

describe('the feedback says what was contradicted', () => {
  test.each([
    [
      3,
      'increase the batch size, use 64-bit floats, add more layers',
      /"increase the batch size" contradicts: smaller mini-batch/,
    ],
    [
      3,
      'increase the batch size, use 64-bit floats, add more layers',
      /"use 64 bit floats" contradicts: 16-bit floats/,
    ],
    [
      4,
      'pooling has more parameters and uses more memory',
      /"pooling has more parameters" contradicts: no parameters to learn/,
    ],
    [
      1,
      'not fewer parameters, not translation invariance',
      /"not fewer parameters" denies: far fewer parameters/,
    ],
    [
      6,
      'ResNet introduced inception modules.',
      /"resnet introduced inception modules" is said of ResNet, but it belongs to GoogLeNet/,
    ],
    [
      8,
      'pooling preserves spatial resolution perfectly so no upsampling is needed',
      /"pooling preserves spatial resolution perfectly" contradicts: spatial resolution is lost/,
    ],
  ])('question %i: %j', (id, answer, message) => {
    expect(gradeRubric(questionRubric(id), answer).feedback.join(' ')).toMatch(message);
  });
});

/** The study notes (seed-notes.md), verbatim apart from their attachments. */
const NOTES: [number, string, number][] = [
  [
    1,
    "CNN use far less parameters when the dataset are big (a node only connected to relative node in previous layer) -> faster to train, less overfitting, requires less training data\nA trained kernel of CNN can detect its learned feature anywhere in the image, not like DNN is fixed to thew spot -> generalize better\nDNN has no prior knowledge of how pixels are organized (eg: it doesn't know pixel[0]'s next to pixel[1] (CNN does know). -> lower layer of CNN can detect feature in small areas of images, higher layers can combine those to bigger features -> work well with most images.",
    1,
  ],
  [
    3,
    'Reduce mini-batch size\nReduce dimensionality using a stride\nRemove layers\nUse 16-bit floats\nDistribute the CNN across multiple devices',
    1,
  ],
  // One reason (no parameters) with its consequences (less computation, memory, overfitting): a
  // consequence is no extra point (claims/points.ts; the labelled set's teacher gives these notes 0.5).
  [4, 'Reduce computational load, memory usage, # of params -> limit the risk of overfitting', 0.5],
  // The notes say why but not where, nor the mechanism: specialised maps that generalise better
  // are one point of three (claims/points.ts).
  [
    5,
    'When we need to improve generalization, since local response normalization layer encourages different feature maps to specialize, exploring a wider range of features.',
    0.333,
  ],
  [
    6,
    'AlexNet vs LeNet-5: The network is larger and deeper. Stacking convolutional layers on top of each other (instead of Conv-Pool-Conv-Pool). Local response normalization.\nGoogleNet: Deeper than AlexNet. Inception modules (use params much more effciently: 1/10 params of AlexNet). Using 1x1 kernels: Capture patterns along the depth dimension. Output fewer feature maps -> bottleneck layer -> Reduce dimensionality, computational cost. Global average pooling layer: Dimensionality reduction.\nResNet: Even deeper and deeper with fewer params. Skip connections (shortcut connections): signal feeding into a layer is also added to the output of the layer located higher up. -> Residual learning\nXception: Merge GoogleNet and ResNet, replace inception modules with depthwise separable convolutional layer: Look at spatial patterns and depthwise patterns separately\nSENet: Extends existing architectures with SE block. Add SE block to every unit in the original architecture. SEblock: Analyze the output of the unit it attached to. Focus exclusively on the depth dimension. Learn which features are most active together then recalibrate the feature maps',
    1,
  ],
  [
    7,
    'FCNs are neural networks composed of convolutional and pooling layers. FCNs can efficiently process images of any width and height (above minimum size). Useful for object detection and semantic segmentation (look at the image once). Replace the lowest dense layer with a conv layer with a kernel size equal to the layer\'s input size, with: One filter per neuron in the dense layer, using "valid" padding. Stride should be 1 (can be higher). Activation should be same as dense layer\'s. Others dense layers can be converted the same way with 1x1 filters',
    1,
  ],
  // Resolution lost while every pixel needs a class is one point; "restored" is read as recovering
  // the resolution (a stricter teacher gives 1/3: it does not say how): two of three.
  [
    8,
    'A lot of spatial informations get lost in CNN each layer after layer (most destructive in pooling layers, or layers with stride > 1). These informations needs to be restored somehow to accurately predict the class of the pixels',
    0.667,
  ],
];

describe("the study notes' answers are still graded as they deserve", () => {
  test.each(NOTES)('question %i', (id, answer, score) => {
    expect(gradeRubric(questionRubric(id), answer).score).toBe(score);
  });
});

describe('honest paraphrases, comparisons and contrasts are credited', () => {
  test.each([
    [
      1,
      'A dense network has far more parameters than a CNN, and unlike a CNN it cannot detect a feature anywhere',
      ['fewer-parameters', 'translation'],
    ],
    [
      3,
      'use a smaller batch size; use a larger stride; use fp16 rather than fp32; switch from 32-bit to 16-bit floats',
      ['batch', 'stride', 'precision'],
    ],
    [
      3,
      'reduce the number of layers and filters, and spread the model across several GPUs',
      ['smaller-model', 'distribute'],
    ],
    [
      4,
      'A strided conv layer has more parameters and needs more memory than max pooling',
      ['no-params', 'memory'],
    ],
    [
      4,
      'Pooling has no weights at all, so it is cheaper to compute and reduces the risk of overfitting',
      ['no-params', 'compute', 'overfitting'],
    ],
    [4, 'Max pooling has no trainable parameters and uses less memory', ['no-params', 'memory']],
    [
      4,
      "Max pooling layers don't have parameters; the batch of maps needs less RAM",
      ['no-params', 'memory'],
    ],
    [3, 'The batch size should be reduced, and the stride increased', ['batch', 'stride']],
    [
      8,
      'Downsampling loses the spatial information, so every pixel is hard to classify',
      ['resolution-lost', 'per-pixel'],
    ],
    [
      4,
      'A strided convolution has to learn k*k*C*C weights, pooling learns nothing and is cheaper',
      ['no-params', 'compute'],
    ],
    [
      7,
      'A fully convolutional network has no dense layers, so it can take any input size',
      ['only-conv', 'any-size'],
    ],
    [
      6,
      'SENet extends ResNet with SE blocks that recalibrate the channels.',
      ['senet-block', 'senet-recalibrate'],
    ],
    [6, 'SENet: SE blocks on ResNet units. In ResNet, skip connections.', ['senet-block', 'resnet-skip']],
    [
      6,
      'Inception modules (GoogLeNet) and skip connections (ResNet).',
      ['googlenet-inception', 'resnet-skip'],
    ],
    [
      5,
      'After the ReLU of the first layers, as AlexNet did: strong neurons inhibit the same position in neighbouring maps, so maps specialise. Batch norm has mostly replaced it.',
      ['specialise', 'inhibition', 'where', 'superseded'],
    ],
    [
      6,
      "GoogLeNet's inception modules have about a tenth of AlexNet's parameters; ResNet adds skip connections.",
      ['googlenet-inception', 'googlenet-params', 'resnet-skip'],
    ],
    [
      8,
      'Pooling shrinks the maps so detail is lost; every pixel needs a class; upsample with transposed convolutions and skip connections.',
      ['resolution-lost', 'per-pixel', 'upsample', 'skip'],
    ],
  ])('question %i: %j', (id, answer, covered) => {
    expect(gradeRubric(questionRubric(id), answer).covered).toEqual(expect.arrayContaining(covered));
  });
});
