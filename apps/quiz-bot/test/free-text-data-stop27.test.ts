import { describe, expect, test } from 'vitest';
import { gradeRubric } from '../src/grading/rubric';
import { covered, rubric } from './bank-rubric';

/*
 * Stop 27 (issue 18): the mechanism and consequence phrasings a teacher accepts for the concepts
 * missed most often, and the wrong claims a teacher names, as concept data
 * (./src/grading/claims: paraphrases.ts, meanings.ts). Each case is written for this file from the
 * questions' prompts and Géron ch. 14 (none is taken from an evaluation set); the expected concept
 * is the one a teacher would name for the sentence, worked out by reading it.
 */

describe('question 7: the conversion written as a terse note', () => {
  test('"kernel = size of the map": "=" between the kernel and its size is the kernel size', () => {
    // Géron: "a kernel size equal to the layer's input size"; "=" stands for "equal to".
    expect(covered(7, 'what-and-how', 'dense → conv, kernel = size of the previous feature map')).toContain(
      'kernel-size',
    );
  });

  test('"valid pad" is the "valid" padding of the recipe', () => {
    expect(covered(7, 'what-and-how', 'swap the dense for a conv, valid pad')).toContain('kernel-size');
  });

  test('a small kernel with "same" padding is not the kernel size', () => {
    // 3×3 is not the input map's size and "same" padding is the wrong padding: the opposite.
    expect(covered(7, 'what-and-how', 'dense → conv with 3x3 kernels and same padding')).not.toContain(
      'kernel-size',
    );
  });

  test('"#filters = 64" names no unit count', () => {
    expect(covered(7, 'what-and-how', 'The first dense becomes a conv, with #filters = 64.')).not.toContain(
      'filters-units',
    );
  });
});

describe('wrong claims a teacher names cancel the concept they would otherwise earn', () => {
  test('question 4: "halves the number of channels, which saves memory" earns no memory point', () => {
    // Max pooling keeps the number of maps and shrinks their height and width (Géron ch. 14).
    expect(covered(4, 'why', 'Max pooling halves the number of channels, which saves memory.')).not.toContain(
      'memory',
    );
  });

  test('question 4: the maps shrunk in height and width do save memory', () => {
    expect(
      covered(4, 'why', 'Max pooling shrinks the height and width of the maps, which saves memory.'),
    ).toContain('memory');
  });

  test('question 5: maps said to become more similar do not specialise', () => {
    // "more similar" is the opposite of LRN pushing the maps apart (Krizhevsky et al. 2012, §3.3).
    expect(
      covered(5, 'when', 'LRN makes the maps specialise; in fact it makes the feature maps more similar.'),
    ).not.toContain('specialise');
  });

  test('question 5: neighbouring maps made to agree are not inhibited', () => {
    expect(covered(5, 'when', 'LRN makes the neighbouring maps more similar.')).not.toContain('inhibition');
  });

  test('question 3: replacing the conv layers by dense ones is no smaller model', () => {
    // On an image a dense layer has a weight per input pixel: a far larger model, not a lighter one.
    expect(
      covered(
        3,
        'remedies',
        'Remove two layers, and replace the conv layers by dense ones, which are lighter.',
      ),
    ).not.toContain('smaller-model');
  });

  test('question 8: skip connections said to lose the resolution are not the remedy', () => {
    expect(
      covered(8, 'difficulty', 'The skip connections lose the fine detail, so U-Net drops them.'),
    ).not.toContain('skip');
  });

  test('question 8: skip connections that bring the lost detail back are the remedy, and the loss stands', () => {
    // "lost" is what pooling did; the skips bring it back: no verb of losing said of them.
    const grade = gradeRubric(
      rubric(8, 'difficulty'),
      'Pooling loses the resolution; skip connections bring the lost detail back.',
    );
    expect(grade.covered).toEqual(expect.arrayContaining(['resolution-lost', 'skip']));
  });
});

describe('question 5: the maps kept from all learning the same thing', () => {
  test('"the feature maps don\'t all learn the same thing" is specialising (its opposite denied)', () => {
    // Every map learning the same thing is the opposite of specialising; denied, it is the point.
    // The "feature" of "feature maps" is no "feature" of the opposite ("the same thing").
    expect(covered(5, 'when', "With LRN the feature maps don't all learn the same thing.")).toContain(
      'specialise',
    );
  });
});

describe('more mechanism phrasings a teacher accepts', () => {
  test('question 4: a jitter of a pixel that leaves the max as it was is the invariance', () => {
    // "jitter" is a small shift; the max unchanged by it is max pooling's small-shift invariance.
    expect(covered(4, 'why', "A jitter of a pixel or two doesn't change the max.")).toContain('invariance');
  });

  test('question 5: maps that stop duplicating each other specialise', () => {
    // Less redundancy between the maps is what specialising means (Krizhevsky et al. 2012, §3.3).
    expect(covered(5, 'when', 'With LRN the maps stop duplicating each other.')).toContain('specialise');
  });

  test('question 5: maps made more redundant do not specialise', () => {
    expect(covered(5, 'when', 'LRN makes the maps more redundant.')).not.toContain('specialise');
  });

  test('question 8: the spatial information gone is the resolution lost', () => {
    expect(
      covered(8, 'difficulty', 'By the top of the CNN the spatial information is mostly gone.'),
    ).toContain('resolution-lost');
  });

  test('question 8: "no spatial information is gone" is not the resolution lost', () => {
    expect(covered(8, 'difficulty', 'No spatial information is gone.')).not.toContain('resolution-lost');
  });
});

describe('question 6: an innovation said by its steps', () => {
  test("Xception's two steps in order, a per-channel filter then a 1×1, are its separable convolution", () => {
    // A depthwise separable convolution is a per-channel spatial convolution followed by a
    // pointwise (1×1) one (Chollet 2017).
    expect(
      covered(
        6,
        'innovations',
        'Xception: first a per-channel spatial filter, then a 1×1 conv to mix the channels.',
      ),
    ).toContain('xception-separable');
  });

  test("SENet's block that averages each map to one number is its squeeze", () => {
    // The squeeze: global average pooling gives one number per channel (Hu et al. 2018, fig. 1).
    expect(covered(6, 'innovations', 'SENet: a block averages each feature map to one number.')).toContain(
      'senet-block',
    );
  });

  test('averaging the predictions to one number is no squeeze of the maps', () => {
    expect(covered(6, 'innovations', 'SENet averages the predictions into one number.')).not.toContain(
      'senet-block',
    );
  });
});

describe('question 8: wrong remedies a teacher names', () => {
  test('upsampling "with max pooling" is no upsampling', () => {
    // Max pooling shrinks the maps (Géron ch. 14): it cannot bring the resolution back.
    expect(covered(8, 'difficulty', 'You upsample the coarse maps with max pooling.')).not.toContain(
      'upsample',
    );
  });

  test('upsampling with max unpooling (SegNet) is an upsampling', () => {
    expect(covered(8, 'difficulty', 'Upsample with max unpooling, as SegNet does.')).toContain('upsample');
  });

  test('skip connections said to be removed are not the remedy', () => {
    expect(covered(8, 'difficulty', 'U-Net drops the skip connections.')).not.toContain('skip');
  });

  test('"don\'t drop the skip connections" keeps them: the remedy', () => {
    // The wrong remedy denied is the right one.
    expect(
      covered(8, 'difficulty', "Don't drop the skip connections: they bring back the fine detail."),
    ).toContain('skip');
  });
});

/*
 * One case per rule of the second round (each phrasing written for this file): [question, part,
 * answer, concept, whether a teacher credits it]. Why each holds is in its comment.
 */
describe('slang, terse and paraphrased phrasings a teacher accepts, and their look-alikes', () => {
  test.each([
    // Inhibition said, then its wrong effect in a later stretch: the inhibition still stands.
    [
      5,
      'when',
      'A strong neuron inhibits the neurons in nearby maps, so the maps become more similar.',
      'inhibition',
      true,
    ],
    // "lighter floats" is the precision, not a smaller model.
    [3, 'remedies', 'Use lighter floats, half precision.', 'smaller-model', false],
    // "layers down", "image size down", "filters down": a count or size brought down.
    [3, 'remedies', 'To save memory, bring the layers down.', 'smaller-model', true],
    [3, 'remedies', 'To save memory, bring the image size down.', 'smaller-input', true],
    [3, 'remedies', 'To save memory, bring the filters down.', 'filters', true],
    // "slash" the batch size: cut it hard.
    [3, 'remedies', 'Slash the batch size.', 'batch', true],
    // Room left for a small shift, and indifference to a nudge, are the small-shift invariance.
    [4, 'why', 'Max pooling leaves some slack for tiny moves.', 'invariance', true],
    [
      4,
      'why',
      'With max pooling the network stops caring if an edge gets nudged a pixel.',
      'invariance',
      true,
    ],
    // The resolution lost, named as a noun ("loss of"), by the squeeze, by blurry boundaries and by
    // maps that end up tiny; the loss function is no loss of resolution.
    [8, 'difficulty', 'The main difficulty is the loss of spatial resolution.', 'resolution-lost', true],
    [8, 'difficulty', 'The CNN squeezes the picture 32 times.', 'resolution-lost', true],
    [8, 'difficulty', 'So the object boundaries come out blurry.', 'resolution-lost', true],
    [8, 'difficulty', 'The feature maps end up tiny.', 'resolution-lost', true],
    [8, 'difficulty', 'The weighted loss of the network helps.', 'resolution-lost', false],
    // "skips" as a noun is the skip connections; "skipped a step" is not.
    [8, 'difficulty', 'Upsample, then add skips.', 'skip', true],
    [8, 'difficulty', 'The decoder skipped a step.', 'skip', false],
    // "any res": any resolution.
    [7, 'what-and-how', 'An FCN takes any res.', 'any-size', true],
    // All the dense layers swapped for convolutions is an all-convolutional net; one dense layer
    // converted is the recipe's first step, not the definition.
    [7, 'what-and-how', 'An FCN: swap its dense layers for convolutions.', 'only-conv', true],
    [7, 'what-and-how', 'Convert a dense layer into a conv layer.', 'only-conv', false],
    // "several of them learn the same edge" without LRN: what LRN prevents, so it specialises them;
    // said of LRN it is the opposite.
    [5, 'when', 'Without LRN several of the maps might learn the same edge.', 'specialise', true],
    [5, 'when', 'With LRN several maps learn the same edge.', 'specialise', false],
    // Indifference to how big the image is: any size.
    [
      7,
      'what-and-how',
      'An FCN has no dense layers, so it does not care how big the image is.',
      'any-size',
      true,
    ],
    // What is learned at one spot carrying over to the whole image: detected anywhere.
    [1, 'advantages', 'What a CNN learns in one spot carries over to the whole image.', 'translation', true],
    // Fooled by a shift is the opposite of detecting it anywhere; denied, it is the point.
    [1, 'advantages', 'A CNN is not fooled when the object is shifted.', 'translation', true],
    [1, 'advantages', 'A CNN is fooled when the object is shifted.', 'translation', false],
    // "a ton of weights" is many; denied of a CNN, it is the fewer parameters.
    [1, 'advantages', 'A CNN does not need a ton of weights.', 'fewer-parameters', true],
    // "spots" is a verb of finding here, not WordNet's "spot" for "blob": finding a wheel is no
    // hierarchy of blobs assembled into wheels; the blobs themselves still are.
    [1, 'advantages', 'A CNN spots a wheel.', 'spatial-hierarchy', false],
    [
      1,
      'advantages',
      'The first layers find blobs and the later ones combine them into wheels.',
      'spatial-hierarchy',
      true,
    ],
    // Pooling added early is the remedy's earlier pooling; pooling layers removed keep the maps
    // large (its opposite).
    [3, 'remedies', 'Add a pooling layer early on.', 'stride', true],
    [3, 'remedies', 'Remove the early pooling layers.', 'stride', false],
    // A heatmap of class scores is the grid of predictions.
    [7, 'what-and-how', 'It gives a heatmap of class scores.', 'uses', true],
  ] as const)('question %i (%s): %s → %s %s', (question, id, answer, concept, credited) => {
    expect(covered(question, id, answer).includes(concept)).toBe(credited);
  });
});
