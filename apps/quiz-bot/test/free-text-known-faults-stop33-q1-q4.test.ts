import { describe, expect, test } from 'vitest';
import { covers } from './bank-rubric';

/*
 * Stop 33 (questions 1, 3 and 4): faults of the free-text grader, each mended as a general rule of
 * reading, with answers the rule now grades right and the nearby answers it must leave alone. Every
 * answer here was written for this file (none is a row of a labelled set); each expectation is read
 * off the sentence by hand in the comment beside it (the concepts are those of src/questions/q0N-*.ts).
 */

describe('a thing named in a relative clause after the claim is that clause’s subject, not the claim’s', () => {
  test.each([
    // "the weights that a strided conv would need": what the strided conv needs is said of the
    // weights; the clause's own subject is the learner ("you"), and the claim is pooling's.
    'You save the parameters that a strided conv would need.',
    // The same with no "that" (a contact clause), and the name's own modifiers ("stride-2").
    'It spares you the 4k weights the stride-2 convolution would have to learn.',
    'You save the thousands of weights that the strided conv layer has.',
  ])('%j: no parameters to learn, said of pooling', (answer) => {
    expect(covers(4, answer)).toContain('no-params');
  });

  test.each([
    // The strided conv is the subject of the claim's own clause: it saves nothing of pooling's.
    'A strided conv saves the parameters that pooling would need.',
    // Named after a preposition, not a noun: still a comparison with the other thing.
    'It has as many weights as a strided conv.',
  ])('%j: unchanged, no credit', (answer) => {
    expect(covers(4, answer)).not.toContain('no-params');
  });
});

describe('a comparative in a relative clause after the phrase says what the thing does, not its size', () => {
  test.each([
    // "strides that shrink the maps": the shrinking is the stride's effect on the maps.
    'strides that shrink the feature maps early',
    // A larger stride "that reduces" the maps (credited before the rule too: a guard that the
    // effect's comparative is not read as the stride's).
    'a larger stride which reduces the activations in the first layer',
    'use strides that will shrink the maps right at the start',
  ])('%j: a larger stride early', (answer) => {
    expect(covers(3, answer)).toContain('stride');
  });

  test.each([
    // "that are smaller": the relative clause says the strides themselves are smaller.
    'strides that are smaller',
    'use a smaller stride that keeps the maps large',
  ])('%j: unchanged, no stride point', (answer) => {
    expect(covers(3, answer)).not.toContain('stride');
  });
});

describe('a phrase right after its denied opposite is what the answer puts in its place', () => {
  test.each([
    // "(fp16)" is the alternative to the full precision the learner need not keep.
    'You don’t have to keep full precision (fp16).',
    'No need to keep float32 (bf16).',
    'You needn’t keep double precision (float16).',
  ])('%j: 16-bit floats', (answer) => {
    expect(covers(3, answer)).toContain('precision');
  });

  test.each([
    // The phrase comes first and is itself denied; the bracket names the other precision.
    'Don’t use fp16 (full precision is safer).',
    'You don’t have to switch to fp16 at all.',
  ])('%j: unchanged, no credit', (answer) => {
    expect(covers(3, answer)).not.toContain('precision');
  });
});

describe('an "and" with no verb of its own after a denied verb and its object is a second object of it', () => {
  test.each([
    // "store weights and activations in float32" is denied whole: the learner keeps neither in float32.
    'Don’t store weights and activations in float32.',
    'Never keep weights and gradients in fp32.',
  ])('%j: 16-bit floats (the 32-bit ones denied)', (answer) => {
    expect(covers(3, answer)).toContain('precision');
  });

  test.each([
    // "no" is an article of the weights alone: the "less compute" after "and" stands.
    ['Max pooling has no weights and less compute.', 4, 'compute'],
  ] as const)('%j: unchanged, the second point still credited', (answer, question, concept) => {
    expect(covers(question, answer)).toContain(concept);
  });

  test('an "and" clause with its own verb is no second object: "… and fp32 works fine" is said, not denied', () => {
    expect(covers(3, 'Don’t store weights in fp16, and fp32 works fine.')).not.toContain('precision');
  });
});

describe('"and" opening a clause whose subject carries an article ("and a dense net …") starts a new subject', () => {
  test.each([
    // What the dense network does is said of it, the contrast of question 1: no contradiction of
    // the CNN's point, which the first clause makes.
    'CNNs keep the spatial structure, and a dense network flattens the image into a vector.',
    'Weights are shared in a CNN, and the fully connected net ignores which pixels are neighbours.',
  ])('%j: the 2-D structure point stands', (answer) => {
    expect(covers(1, answer)).toContain('spatial-hierarchy');
  });

  test('the CNN named after "and a" is now the subject: its flattening is no longer read as the dense net’s', () => {
    // Before the rule, "a CNN" after "and" was dropped and the dense net of the first clause took
    // the flattening: the contrast read it as the CNN keeping the structure.
    expect(covers(1, 'Dense nets need many weights, and a CNN flattens the image too.')).not.toContain(
      'spatial-hierarchy',
    );
  });

  test('"and so does a dense net": the CNN flattens, the dense net only agrees (unchanged, no credit)', () => {
    expect(covers(1, 'A CNN flattens the image into a vector, and so does a dense net.')).not.toContain(
      'spatial-hierarchy',
    );
  });
});

describe('what a CNN "avoids by" doing is avoided; the doing, the means, is asserted', () => {
  test.each([
    'Dense nets would need millions of weights, a blow-up which a CNN avoids by sharing its kernels.',
    'A dense net needs a weight per pixel, which a CNN avoids by sharing its filters.',
  ])('%j: far fewer parameters', (answer) => {
    expect(covers(1, answer)).toContain('fewer-parameters');
  });

  test.each([
    // The sharing is what is avoided: a denial.
    'A CNN avoids sharing kernels.',
    'A CNN avoids sharing its kernels by using a new filter at each position.',
  ])('%j: unchanged, no credit', (answer) => {
    expect(covers(1, answer)).not.toContain('fewer-parameters');
  });
});

describe('"so many" after a word of necessity ("not necessary so many …") is a degree, not the conjunction "so"', () => {
  test.each([
    // "not needed so many": the split at "so" left "so many weights" a clause of its own, undenied.
    'Kernels are shared, so it is not needed so many weights like a dense net.',
    'Shared kernels: it is not necessary so many weights.',
  ])('%j: far fewer parameters (a denied "so many")', (answer) => {
    expect(covers(1, answer)).toContain('fewer-parameters');
  });

  test('"so" before a clause still opens one: "…, so it needs many more parameters" is no denial', () => {
    expect(covers(1, 'A CNN is not local, so it needs many more parameters.')).not.toContain(
      'fewer-parameters',
    );
  });
});

describe('a clause’s subject may carry a place phrase before its verb ("and the dense layers at the end keep …")', () => {
  test.each([
    // The structure is said of the dense layers (the other network's kind of layer), a later clause's
    // subject: no point of the CNN's.
    'A CNN has fewer weights, and the dense layers at the end keep the spatial structure.',
    'Convolutions share weights, and the fully connected layers on the output side keep the 2D layout.',
  ])('%j: no 2-D structure point', (answer) => {
    expect(covers(1, answer)).not.toContain('spatial-hierarchy');
  });

  test('a third thing’s clause stays its own when our subject is named only in a later clause', () => {
    // Detection anywhere said of the pooling layers is still misattributed, though the dense layers
    // are named after it (before the rule the later name made the pooling clause ours).
    expect(
      covers(
        1,
        'The pooling layers are what find a feature in any position, and the dense layers at the end are what keep the spatial structure.',
      ),
    ).toEqual([]);
  });

  test('the CNN’s own point in its own clause stands (unchanged)', () => {
    expect(
      covers(1, 'A CNN keeps the spatial structure, and the dense layers at the end only classify.'),
    ).toContain('spatial-hierarchy');
  });
});

describe('an opposite said to cost more memory is the reason for the remedy, not advice to take it', () => {
  test.each([
    'float32 weights eat twice as much memory as fp16 ones, so train in fp16.',
    'Full precision needs far more VRAM than half precision; go with mixed precision.',
  ])('%j: 16-bit floats', (answer) => {
    expect(covers(3, answer)).toContain('precision');
  });

  test('"use 32-bit floats, they take more memory": the advice stands, the cost a clause of its own (unchanged)', () => {
    expect(covers(3, 'Use 32-bit floats, they take more memory but are precise. Also fp16.')).not.toContain(
      'precision',
    );
  });
});
