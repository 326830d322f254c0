import { describe, expect, test } from 'vitest';
import { gradeRubric } from '../src/grading/rubric';
import { rubric } from './bank-rubric';

/*
 * Terse, slang and paraphrased answers (issue 18's weak categories), written for this file as a
 * student would from the questions' prompts alone (none is taken from an evaluation set). Each row's
 * credit is the teacher's count, by hand, of the points the sentence asserts (fixture README's
 * marking rules: q1 3 points, q3 5, q4 2, q5 3, q7 4, q8 3; a consequence is no extra point).
 */

describe('paraphrases said through a synonym list or a claim of the concept (data, not patterns)', () => {
  test('question 5: "a neuron that fires hard damps the ones … in the neighbouring maps" is lateral inhibition', () => {
    // where (after the ReLU of the first layers) + inhibition (damps the same spot in the
    // neighbouring maps) + why (maps specialise, generalisation) = 3 of 3.
    const grade = gradeRubric(
      rubric(5, 'when'),
      'put it after the relu in the first couple of layers; a neuron that fires hard damps the ones at the same spot in the neighbouring maps, which pushes maps to specialise and helps generalisation',
    );
    expect(grade.covered).toContain('inhibition');
    expect(grade.score).toBe(1);
  });

  test.each([
    // no parameters ("free (zero params)") + invariance (the max stays the same when the thing moves).
    "it's free (zero params) and if the thing moves a pixel or two the max stays the same",
    // no parameters ("nothing to learn") + invariance (the max doesn't budge when the input moves).
    "It has nothing to learn, so it costs less, and the max doesn't budge much when the input moves slightly.",
  ])('question 4: %s → both reasons', (answer) => {
    const grade = gradeRubric(rubric(4, 'why'), answer);
    expect(grade.covered).toEqual(expect.arrayContaining(['no-params', 'invariance']));
    expect(grade.score).toBe(1);
  });

  test('question 4: "the max changes completely" when the input shifts is no invariance', () => {
    // Only "no weights" is a reason; the second clause says the opposite of invariance.
    const grade = gradeRubric(
      rubric(4, 'why'),
      'no weights, and if the input shifts a bit the max changes completely',
    );
    expect(grade.covered).not.toContain('invariance');
    expect(grade.score).toBe(0.5);
  });

  test('question 8: slang for all three points', () => {
    // "downsampling nukes the where-info" (resolution lost: a gerund subject and its verb) +
    // "upscaling with learned deconvs" (upsampling) + "wiring early high-res features into the
    // decoder" (skip connections) = 3 of 3.
    const grade = gradeRubric(
      rubric(8, 'difficulty'),
      'downsampling nukes the where-info; fix it by upscaling with learned deconvs and wiring early high-res features into the decoder',
    );
    expect(grade.covered).toEqual(expect.arrayContaining(['resolution-lost', 'upsample', 'skip']));
    expect(grade.score).toBe(1);
  });

  test('question 8: "isn\'t anywhere near the input\'s resolution", with the contraction kept whole', () => {
    // The tagger keeps "isn't" as one word; its "n't" still says the map is far from full
    // resolution: the first point (resolution lost), 1 of 3.
    const grade = gradeRubric(
      rubric(8, 'difficulty'),
      "after all those strides the output map isn't anywhere near the input's resolution",
    );
    expect(grade.covered).toContain('resolution-lost');
    expect(grade.score).toBe(0.333);
  });

  test('question 7: "the dense layers after the first one become convolutions over a single pixel" is 1×1', () => {
    // A convolution that sees one pixel (with all its channels) is a 1×1 convolution: the later
    // dense layers' point, 1 of 4. "the first one become …": "become" is the verb after "one".
    const grade = gradeRubric(
      rubric(7, 'what-and-how'),
      'The dense layers after the first one become convolutions that each look at a single pixel with all its channels.',
    );
    expect(grade.covered).toEqual(['one-by-one']);
    expect(grade.score).toBe(0.25);
  });

  test('question 8: a denied connection is no skip connection', () => {
    const grade = gradeRubric(rubric(8, 'difficulty'), "don't connect the early layers to the decoder");
    expect(grade.covered).not.toContain('skip');
  });
});

describe('terse, slang and paraphrased answers keep the credit a teacher gives', () => {
  test.each([
    // 3: fewer weights (same filter reused), anywhere (top left or bottom right), hierarchy (edges → parts → objects).
    [
      1,
      'advantages',
      1,
      "conv nets reuse the same little filter all over the picture so way less weights, they spot a cat whether it's top left or bottom right, and they build edges into parts into whole objects layer by layer",
    ],
    // 1 of 3: fewer parameters.
    [1, 'advantages', 0.333, 'way fewer params'],
    // 3: fewer weights (shared kernels), anywhere (any position), hierarchy (small local bits → bigger shapes).
    [
      1,
      'advantages',
      1,
      'Shared kernels keep the weight count tiny; a pattern is recognised at any position; early layers catch small local bits and later layers put them together into bigger shapes.',
    ],
    // 5: batch, stride, remove layers, fp16, a second GPU.
    [
      3,
      'remedies',
      1,
      'halve the batch, use a bigger stride early on, chop off a few layers, go fp16, and put half the net on a second GPU',
    ],
    // 3 of 5: batch, mixed precision, checkpointing.
    [3, 'remedies', 0.6, 'smaller batches, mixed precision, gradient checkpointing'],
    // 2 of 5: batch, bfloat16.
    [3, 'remedies', 0.4, 'lower the batch size and train in bfloat16'],
    // 5: batch, stride, shallower, 16-bit, two cards.
    [
      3,
      'remedies',
      1,
      'Shrink the batch; downsample earlier with stride 2; make the model shallower; store activations as 16-bit floats; spread the layers over two cards.',
    ],
    // 2: no weights, shift tolerance.
    [4, 'why', 1, 'no weights to train and a bit of shift tolerance'],
    // 1 of 2: cheaper because nothing to learn is one reason with its consequence.
    [4, 'why', 0.5, "pooling is cheaper cos there's nothing to learn"],
    // 2 of 3: where (early layers) + inhibition of neighbours in adjacent channels.
    [5, 'when', 0.667, 'early layers. strong activations suppress their neighbours in adjacent channels'],
    // 3: low layers, inhibition (shush the same pixel in nearby maps), specialise/generalise.
    [
      5,
      'when',
      1,
      'low layers, loud neurons shush the same pixel in nearby feature maps, so each map learns something different and the net generalises better',
    ],
    // 4: conv/pool only, any size, first dense → kernel of its input size + valid + one filter per neuron, later → 1×1.
    [
      7,
      'what-and-how',
      1,
      'An FCN has only conv and pooling layers, so it takes any input size. The first dense layer turns into a conv whose kernel is as big as its input map, one filter per neuron, valid padding; the dense layers after it become 1x1 convs.',
    ],
    // 2 of 4: conv only, any size.
    [7, 'what-and-how', 0.5, 'no dense layers at all, just convs, so any image size works'],
    // 3: resolution lost (and every pixel needs a label), upsampling, skip connections.
    [
      8,
      'difficulty',
      1,
      'pooling and strides shrink the maps so you lose where things are, but every pixel needs a label; you upsample back with transposed convs and add skip connections from the early layers',
    ],
    // 2 of 3: resolution lost, upsampling.
    [
      8,
      'difficulty',
      0.667,
      'the resolution gets lost on the way down, so you upsample it back up with transposed convolutions',
    ],
    // 1 of 3: resolution lost.
    [8, 'difficulty', 0.333, 'the maps get tiny and you lose the spatial detail'],
  ] as const)('question %i %s: credit %f for "%s"', (question, part, credit, answer) => {
    expect(gradeRubric(rubric(question, part), answer).score).toBeCloseTo(credit, 2);
  });
});

describe('question 4: the shift said first, then the unchanged maximum', () => {
  // "Small movements … don't change the max" is the invariance point (the fresh README's Q4 point 2)
  // in the other order from "the output doesn't change with small shifts"; each written for this file.
  test.each([
    "Small movements of a feature don't change the max.",
    "Small movements don't change the output.",
    "tiny shifts of the input don't alter the maximum",
  ])('%j asserts the invariance point', (answer) => {
    expect(gradeRubric(rubric(4, 'why'), answer).covered).toContain('invariance');
  });
  test.each([
    // The change asserted, not denied.
    'small movements change the max a lot',
    'small movements of a feature do change the max',
  ])('%j does not', (answer) => {
    expect(gradeRubric(rubric(4, 'why'), answer).covered).not.toContain('invariance');
  });
});

describe('question 7: the kernel as large as its input map, said by example', () => {
  // The fresh README's Q7 point 3: the first dense layer's kernel equals its input map's size. Said
  // with the same N×N for both ("a 7x7 kernel if the last feature map is 7x7"); each written here.
  test.each([
    'You turn the first FC layer into a conv layer with a 7x7 kernel if the last feature map is 7x7.',
    'the last feature map is 7x7 so the first dense layer becomes a conv with 7x7 filters',
    'the map before the classifier is 5 x 5, so use 5x5 kernels for the first dense layer',
  ])('%j credits the kernel size', (answer) => {
    expect(gradeRubric(rubric(7, 'what-and-how'), answer).covered).toContain('kernel-size');
  });
  test('sizes that differ ("a 3x3 kernel … the feature map is 7x7") do not', () => {
    expect(
      gradeRubric(
        rubric(7, 'what-and-how'),
        'the first dense layer becomes a conv with a 3x3 kernel and the feature map is 7x7',
      ).covered,
    ).not.toContain('kernel-size');
  });
});
