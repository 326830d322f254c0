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
