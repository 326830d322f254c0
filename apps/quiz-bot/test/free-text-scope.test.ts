import { describe, expect, test } from 'vitest';
import { gradeRubric } from '../src/index';
import { covers, questionRubric } from './bank-rubric';

/*
 * Issue 18: the scope of a claim. Each row is an answer written for this file (none is from the
 * labelled evaluation set) and the concept a careful teacher credits or refuses in it, with why.
 * Each row was checked to fail when its rule is taken out of the grader.
 */
describe('a concept asserted and its opposite asserted elsewhere earns nothing', () => {
  test.each([
    // Asserted, then denied with the concept's own words in another sentence.
    [
      1,
      'fewer-parameters',
      'CNNs have far fewer parameters than dense networks. A CNN does not have fewer parameters.',
    ],
    [
      4,
      'no-params',
      'A pooling layer has no parameters. Actually it has as many parameters as a conv layer.',
    ],
    [
      4,
      'invariance',
      'Pooling gives invariance to small shifts, but a small shift changes its output completely.',
    ],
    [7, 'only-conv', 'An FCN has no dense layers, but its last layers are dense.'],
    [4, 'no-params', 'Max pooling has no weights, and its weights are learned by backprop.'],
    [7, 'any-size', 'An FCN accepts any input size; it only works on 224x224 images though.'],
    // Asserted, then its opposite said in other words (a paraphrase of the counterclaim).
    [
      1,
      'translation',
      'A CNN recognises a feature wherever it appears in the image, yet it can only detect a feature at the position where it was learned.',
    ],
    [
      1,
      'translation',
      'A CNN can detect a feature anywhere in the image, but a feature it learned at the top-left is never recognised at the bottom-right.',
    ],
  ])('question %i, %s: %s', (question, concept, answer) => {
    expect(covers(question, answer)).not.toContain(concept);
  });
  test('a conclusion drawn from the contradicted claim stands on nothing', () => {
    // "which is why it generalises better" follows from "many more parameters", which the answer
    // also denies; said on its own, the same conclusion is credited.
    const answer =
      'A CNN has far fewer weights than a dense network. It also has many more weights than a dense network, which is why it overfits less.';
    expect(covers(1, answer)).not.toContain('efficiency');
    expect(covers(1, 'A CNN overfits less than a dense network.')).toContain('efficiency');
  });
  test('each half alone is credited (so the pair is refused for the contradiction, not for its words)', () => {
    expect(covers(1, 'CNNs have far fewer parameters than dense networks.')).toContain('fewer-parameters');
    expect(covers(1, 'A CNN can detect a feature anywhere in the image.')).toContain('translation');
  });
});

describe('negation is read in its own clause and its own predicate', () => {
  test.each([
    // A negation after the phrase with another verb between negates that verb, not the phrase; a
    // negated obligation denies nothing ("doesn't have to learn").
    [
      6,
      'resnet-skip',
      "ResNet's skip connections mean a residual unit doesn't have to learn the whole mapping, only the residual.",
    ],
    // "Checkpointing means the GPU doesn't keep …": the negation belongs to "keep", not to the
    // subject of "means".
    [3, 'checkpointing', "Gradient checkpointing means the GPU doesn't keep every activation."],
    // Negating a verb of losing keeps the thing: "doesn't throw away the 2D layout".
    [1, 'spatial-hierarchy', "A CNN doesn't throw away the 2D layout of the image the way a dense net does."],
    // A directed concept named without its direction under a negation is no denial of it.
    [3, 'stride', "Don't keep stride 1 everywhere, use stride 2 in some layers."],
  ])('question %i credits %s: %s', (question, concept, answer) => {
    expect(covers(question, answer)).toContain(concept);
  });
});

describe('a denial that stands alone takes back what came before', () => {
  test('"… but in fact it does nothing of the sort"', () => {
    expect(
      covers(5, 'LRN supposedly makes feature maps specialise, but in fact it does nothing of the sort.'),
    ).not.toContain('specialise');
  });
});

describe('the subject of a clause', () => {
  test('denying the concept of the network the question contrasts is no denial of it', () => {
    // "A dense layer can't take inputs of varying size" is true and about dense layers.
    expect(
      covers(
        7,
        "A dense layer can't take inputs of varying size. An FCN has only convolutional layers, so it accepts inputs of any size.",
      ),
    ).toContain('any-size');
  });
  test('the opposite said of the network the question contrasts is no contradiction', () => {
    expect(
      covers(
        7,
        'Dense layers need a fixed input size; an FCN has only convolutional layers, so it accepts any input size.',
      ),
    ).toContain('any-size');
  });
  test('a network named right after another describes it ("AlexNet = LeNet but huge")', () => {
    expect(gradeRubric(questionRubric(6), 'alexnet = lenet but huge, relu, dropout').covered).toContain(
      'alexnet-relu',
    );
  });
  test('a network named after a preposition past the verb is no subject of the next clause', () => {
    // "for a dense net" is a complement: the clause after the colon still speaks of the CNN.
    expect(
      covers(
        1,
        'It keeps the 2D layout, unlike what flattening for a dense net does: small local patterns are combined into larger ones in deeper layers.',
      ),
    ).toContain('spatial-hierarchy');
  });
});

describe('paraphrases from the concept lexicon', () => {
  test.each([
    // "..." slots: simple things low down, bigger ones higher up, anywhere later in the sentence.
    [1, 'spatial-hierarchy', 'early layers pick up edges -> later layers turn them into shapes and objects'],
    [1, 'spatial-hierarchy', 'first edges, then shapes, then whole objects'],
    [
      1,
      'spatial-hierarchy',
      'Early layers pick out simple edges and corners in small patches of the picture, and the last layers respond to whole faces.',
    ],
    [1, 'translation', 'a cat in the corner still gets detected, whether it is top left or bottom right'],
    // A counterclaim ("one GPU") inside a larger claim of the concept is part of it.
    [3, 'distribute', 'Put half the layers on one GPU and the other half on a second GPU.'],
    [3, 'accumulation', 'Keep the batch tiny but sum the gradients over several steps before updating.'],
    [4, 'no-params', "It doesn't have anything to learn."],
    // A negation between a claim's words is part of the claim only where a slot asks for it.
    [
      4,
      'invariance',
      "It keeps the largest value in each window, so small shifts of a feature don't change the result.",
    ],
    [3, 'accumulation', 'Run several micro-batches before each update.'],
    [8, 'resolution-lost', 'The output is coarse because pooling throws away spatial detail.'],
    // "almost no computation" is little computation, not a denial of it.
    [4, 'compute', 'It has zero trainable weights and costs almost no computation.'],
    [4, 'invariance', 'A max pool barely reacts to a one-pixel shift.'],
    [8, 'skip', 'Reuse high-resolution features from the encoder.'],
  ])('question %i credits %s: %s', (question, concept, answer) => {
    expect(covers(question, answer)).toContain(concept);
  });
  test('a word of the lexicon alone is no claim ("corners" is not "the bottom-right corner")', () => {
    expect(
      covers(1, 'Early layers pick out simple edges and corners in small patches of the picture.'),
    ).not.toContain('translation');
  });
  test('said of the layers that restore resolution, losing it is the opposite claim', () => {
    expect(covers(8, 'Upsampling throws away the spatial detail.')).not.toContain('resolution-lost');
  });
});
