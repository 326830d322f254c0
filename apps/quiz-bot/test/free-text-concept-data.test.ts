import { describe, expect, test } from 'vitest';
import { gradeRubric } from '../src/grading/rubric';
import { covered, rubric } from './bank-rubric';

/*
 * Concept data, second round (issue 18): each rule is a word list or a claim of a concept's data
 * (./src/grading/claims/paraphrases.ts, meanings.ts, lexicon.ts's carrier verbs, the question
 * rubrics), one case per rule. Every sentence was written for this file from the question's prompt
 * (none comes from an evaluation set); the expected concept is worked out by reading the sentence
 * as a teacher would, said in the comment.
 */

describe('question 1: a parameter count that runs away is the opposite of "fewer parameters"', () => {
  test('"millions of weights" said of the dense net is the contrast', () => {
    // The dense net has very many weights: the CNN's fewer parameters, said by contrast.
    expect(covered(1, 'advantages', 'a fully connected net on a photo needs millions of weights')).toContain(
      'fewer-parameters',
    );
  });
  test('"the weight count does not explode" is said of ours', () => {
    // A count that does not blow up is a small count: fewer parameters.
    expect(covered(1, 'advantages', 'with convolutions the weight count does not explode')).toContain(
      'fewer-parameters',
    );
  });
  test('"not weighed down by tons of weights" denies the opposite of ours', () => {
    // Not burdened by weights: it has few of them.
    expect(covered(1, 'advantages', 'a CNN is not weighed down by tons of weights')).toContain(
      'fewer-parameters',
    );
  });
  test('"a separate weight for every pixel" said of the dense layer is the contrast', () => {
    // One weight per pixel in the dense layer, against one kernel shared by all positions.
    expect(covered(1, 'advantages', 'a dense layer keeps a separate weight for every pixel')).toContain(
      'fewer-parameters',
    );
  });
  test('"a separate weight for every position" said of a CNN is no point', () => {
    // The opposite of weight sharing, said of the CNN itself: wrong, no credit.
    expect(covered(1, 'advantages', 'a CNN has separate weights for every position')).not.toContain(
      'fewer-parameters',
    );
  });
});

describe('question 7: any input size, only convolutions, a grid of predictions', () => {
  test('"not tied to one input resolution" is any size', () => {
    // Denying a single allowed size says any size is accepted.
    expect(covered(7, 'what-and-how', 'an FCN is not tied to one input resolution')).toContain('any-size');
  });
  test('"tied to one input size" is no point', () => {
    // The opposite of any size, said of the FCN.
    expect(covered(7, 'what-and-how', 'an FCN is tied to one input size')).not.toContain('any-size');
  });
  test('"still contains a single fully connected layer" contradicts "only conv layers"', () => {
    // Only convolutions, then a dense layer after all: the answer contradicts itself.
    expect(covered(7, 'what-and-how', 'an FCN has only conv layers.')).toContain('only-conv');
    expect(
      covered(
        7,
        'what-and-how',
        'an FCN has only conv layers. It still contains a single fully connected layer',
      ),
    ).not.toContain('only-conv');
  });
  test('"one prediction per window position" is the grid of outputs', () => {
    // The classifier slid over the image gives a prediction per position: the grid.
    expect(covered(7, 'what-and-how', 'it outputs one prediction per window position')).toContain('uses');
  });
});

describe('question 5: where LRN goes and what it does, in plain words', () => {
  test('"belongs" carries the place', () => {
    // "belongs in the early layers": the place in the network, carried by "belong".
    expect(covered(5, 'when', 'LRN belongs in the early layers')).toContain('where');
  });
  test('"does not let the neighbours fire as much" is inhibition', () => {
    // Keeping the neurons of the adjacent maps from firing: lateral inhibition.
    expect(
      covered(
        5,
        'when',
        'a strongly activated neuron does not let the neurons in adjacent maps fire as much',
      ),
    ).toContain('inhibition');
  });
  test('"lets the neighbouring neurons fire freely" is no inhibition', () => {
    // The opposite, said plainly.
    expect(covered(5, 'when', 'it lets the neighbouring neurons fire freely')).not.toContain('inhibition');
  });
});

describe('question 8: resolution lost through pooling and strides, said in one clause', () => {
  test('"strided convolutions are destructive" is the resolution lost', () => {
    // What strides do to the maps, said of them: destructive downsampling.
    expect(covered(8, 'difficulty', 'the strided convolutions are destructive')).toContain('resolution-lost');
  });
  test('pooling in one clause and "reduces" in the next is no claim', () => {
    // The first clause only says pooling helps; what the classifier reduces in the second is the
    // scores, not the resolution. No point.
    expect(
      covered(8, 'difficulty', 'pooling helps, and the classifier then reduces the scores to one label'),
    ).not.toContain('resolution-lost');
  });
});

describe("more of the same data (practice sets' misses, new sentences)", () => {
  test('question 5: "does not let the neighbours stay strong" is inhibition', () => {
    // Keeping the neighbouring channels' neurons from staying strong: lateral inhibition.
    expect(
      covered(
        5,
        'when',
        'a strongly activated neuron does not let the neurons in the nearby channels stay strong',
      ),
    ).toContain('inhibition');
  });
  test('question 3: "don\'t keep the pictures at full resolution" is smaller inputs', () => {
    // Full-size images, denied: make them smaller.
    expect(covered(3, 'remedies', "don't keep the pictures at full resolution")).toContain('smaller-input');
  });
  test('question 3: "keep the pictures at full resolution" is no smaller input', () => {
    // The opposite, said plainly.
    expect(covered(3, 'remedies', 'keep the pictures at full resolution')).not.toContain('smaller-input');
  });
  test('question 1: "doesn\'t spend a separate weight on every pixel" is fewer parameters', () => {
    // One weight per pixel, denied of a CNN: it shares its weights.
    expect(covered(1, 'advantages', "a CNN doesn't spend a separate weight on every pixel")).toContain(
      'fewer-parameters',
    );
  });
  test('question 8: "the lost detail" after an upsampling in the same sentence is no loss by upsampling', () => {
    // Pooling makes the maps coarse (the loss); upsampling and skip connections bring detail back.
    expect(
      covered(
        8,
        'difficulty',
        'pooling makes the maps coarse, so they are upsampled and the lost detail is added back with skip connections',
      ),
    ).toContain('resolution-lost');
  });
});

/*
 * Concept data, stop 26 round 2 (issue 18). Sentences written for this file; the expected concept
 * is worked out by reading each sentence as a teacher would (the comment says how).
 */
describe('question 1: adjacency and "wherever it shows up"', () => {
  test('"which pixels sit next to each other" is the neighbourhood structure', () => {
    // Pixels next to each other are neighbours: the CNN keeps the 2-D locality.
    expect(covered(1, 'advantages', 'a CNN keeps track of which pixels sit next to each other')).toContain(
      'spatial-hierarchy',
    );
  });
  test('throwing away which pixels sit next to each other is no point', () => {
    // Discarding adjacency is what the dense net does: said of the CNN it is wrong.
    expect(covered(1, 'advantages', 'a CNN throws away which pixels sit next to each other')).not.toContain(
      'spatial-hierarchy',
    );
  });
  test('"at every place it might appear" is detection anywhere', () => {
    // A pattern caught at every place it appears: translation equivariance.
    expect(covered(1, 'advantages', 'the filter catches a whisker at every place it might appear')).toContain(
      'translation',
    );
  });
});

describe('question 3: a kind of layer between the count and "layers"', () => {
  test('"don\'t stack so many convolution layers" is a smaller model', () => {
    // Not so many layers (of any kind) is fewer layers: a smaller model.
    expect(covered(3, 'remedies', "don't stack so many convolution layers")).toContain('smaller-model');
  });
  test('"more convolution layers" is no remedy', () => {
    // More layers need more memory: the opposite of the remedy.
    expect(covered(3, 'remedies', 'use more convolution layers')).not.toContain('smaller-model');
  });
});

describe('question 7: indifference to the input size', () => {
  test('"doesn\'t care about the input size" is any size', () => {
    // A network indifferent to the size accepts any size.
    expect(covered(7, 'what-and-how', "an FCN doesn't care about the input size")).toContain('any-size');
  });
  test('"cares about the input size" is no point', () => {
    // Caring about the size (a fixed one) is the opposite.
    expect(covered(7, 'what-and-how', 'an FCN cares about the input size')).not.toContain('any-size');
  });
});

describe('question 8: keeping the fine spatial detail', () => {
  test('"don\'t keep the fine spatial detail" is the loss', () => {
    // Not keeping the detail is losing it.
    expect(covered(8, 'difficulty', "the strided layers don't keep the fine spatial detail")).toContain(
      'resolution-lost',
    );
  });
  test('"keep the input\'s fine spatial detail" is no loss', () => {
    // Keeping the detail says nothing is lost.
    expect(covered(8, 'difficulty', "the strided layers keep the input's fine spatial detail")).not.toContain(
      'resolution-lost',
    );
  });
});

describe("question 6: GoogLeNet's auxiliary classifiers are a point of their own", () => {
  test('"auxiliary classifiers" is the concept', () => {
    // Szegedy et al. 2015, sec. 5: auxiliary classifiers on intermediate layers.
    expect(
      covered(6, 'innovations', 'GoogLeNet added auxiliary classifiers in the middle of the net'),
    ).toContain('googlenet-aux');
  });
  test('two GoogLeNet points with it: inception and the auxiliary classifiers earn two of ten', () => {
    // 2 points of the 10 the part needs (2 per network): 2/10 = 0.2.
    const grade = gradeRubric(
      rubric(6, 'innovations'),
      'GoogLeNet used inception modules and auxiliary classifiers during training.',
    );
    expect(grade.score).toBeCloseTo(0.2);
  });
});

describe('question 1: a smaller model, local features, and a relative "where"', () => {
  test('"the memory for the model is small" is fewer parameters', () => {
    // A small model is a model with few weights.
    expect(covered(1, 'advantages', 'a CNN keeps the model small')).toContain('fewer-parameters');
  });
  test('"features that are local" is the locality prior', () => {
    // Local features: the 2-D neighbourhood structure.
    expect(covered(1, 'advantages', 'a CNN learns features that are local')).toContain('spatial-hierarchy');
  });
  test('a relative "where" about other things contradicts nothing', () => {
    // "where neighbouring pixels matter" says what images are like, not that the position matters:
    // the "any position" point stands.
    expect(
      covered(
        1,
        'advantages',
        'photos have a layout where neighbouring pixels matter together, and a CNN spots a pattern in any position',
      ),
    ).toContain('translation');
  });
  test('"doesn\'t care where the dog is" is the point', () => {
    // Indifference to the place, denied caring: the position does not matter.
    expect(covered(1, 'advantages', "a CNN doesn't care where the dog is in the photo")).toContain(
      'translation',
    );
  });
  test('a relative "where" about other things is no claim of the point either', () => {
    // Nothing here says the position does not matter: no "any position" point.
    expect(
      covered(1, 'advantages', 'photos have a layout where neighbouring pixels matter together'),
    ).not.toContain('translation');
  });
  test('"where the cat sits matters" contradicts the point', () => {
    // The thing placed named after "where", then "matters": the position matters, no point.
    expect(
      covered(1, 'advantages', 'a CNN spots a pattern in any position, but where the cat sits matters'),
    ).not.toContain('translation');
  });
  test('"it matters where the cat is" still contradicts the point', () => {
    // The position mattering is the opposite of translation invariance: no point.
    expect(
      covered(1, 'advantages', 'a CNN spots a pattern in any position, but it matters where the cat is'),
    ).not.toContain('translation');
  });
});
