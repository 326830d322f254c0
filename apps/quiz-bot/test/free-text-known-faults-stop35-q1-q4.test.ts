import { describe, expect, test } from 'vitest';
import { covers } from './bank-rubric';

/*
 * Stop 35 (questions 1 to 4): faults of the free-text grader, each mended as a general rule of
 * reading, with answers the rule now grades right and the nearby answers it must leave alone. Every
 * answer here was written for this file (none is a row of a labelled set); each expectation is read
 * off the sentence by hand in the comment beside it (the concepts are those of src/questions/q0N-*.ts).
 */

describe('an elliptical denial ("so you shouldn\'t", "but a CNN has none") takes back the claim before it', () => {
  test.each([
    // The remedy is proposed, then advised against with the predicate left out.
    "You could train in 16-bit floats, but that hurts accuracy so you shouldn't.",
    "Half precision would save memory, but honestly I wouldn't.",
  ])('%j: no "lower precision"', (answer) => {
    expect(covers(3, answer)).not.toContain('precision');
  });

  test.each([
    // Named, then denied of our thing by "has none".
    'Shift invariance is the usual selling point, but a CNN has none.',
    'Translation equivariance gets quoted a lot, yet plain CNNs have none.',
  ])('%j: no translation point', (answer) => {
    expect(covers(1, answer)).not.toContain('translation');
  });

  test.each([
    // The invariance is named as a promise, then denied of pooling.
    'Pooling is supposed to give invariance to small shifts, but it has none.',
  ])('%j: no invariance point', (answer) => {
    expect(covers(4, answer)).not.toContain('invariance');
  });

  test.each([
    // Only the clause before is taken back: the batch of the sentence before stands.
    "Shrink the batch size. Going to fp16 is another option, but you shouldn't.",
  ])('%j: the batch stays, the precision goes', (answer) => {
    const covered = covers(3, answer);
    expect(covered).toContain('batch');
    expect(covered).not.toContain('precision');
  });

  test.each([
    // The modal has its own predicate: a claim about the remedy's cost, not advice against it.
    "Switch to half precision; you shouldn't lose much accuracy.",
  ])('%j: unchanged, lower precision', (answer) => {
    expect(covers(3, answer)).toContain('precision');
  });

  test.each([
    // "has none" is the clause's own claim here (no parameters), not a take-back of the clause before.
    'A strided conv layer learns a kernel, but max pooling has none.',
  ])('%j: unchanged, no parameters', (answer) => {
    expect(covers(4, answer)).toContain('no-params');
  });
});

describe('a thing named in an opening "with" phrase before "you"/"we" is what the clause is about', () => {
  test.each([
    // The weights are the strided conv's (the other thing), so they contradict nothing of pooling.
    "With a strided conv you'd have more weights to learn; pooling has none.",
    'With a strided convolution we must learn a kernel, but pooling learns nothing.',
  ])('%j: no parameters to learn', (answer) => {
    expect(covers(4, answer)).toContain('no-params');
  });

  test.each([
    // The dense net's millions of weights draw the contrast with the CNN's one small kernel.
    "With a dense net you'd need millions of weights; a CNN shares one small kernel.",
  ])('%j: fewer parameters', (answer) => {
    expect(covers(1, answer)).toContain('fewer-parameters');
  });

  test.each([
    // "with pooling" closes the clause here (an instrument after the verb): no topic, as before.
    'We replace the strided conv with pooling and we have no weights to learn.',
  ])('%j: unchanged, no parameters', (answer) => {
    expect(covers(4, answer)).toContain('no-params');
  });
});

describe('"only" the other thing of a contrast denies the point of ours', () => {
  test.each([
    // Said of ours first (the same filter at every position), then given to the dense net alone.
    'A CNN applies each filter at every position. Translation invariance is something only dense layers have.',
    'The kernel of a CNN is applied at every position, though only an MLP is truly translation invariant.',
    'A CNN reuses its filter at every location; shift invariance is what only fully connected networks give you.',
  ])('%j: no translation point', (answer) => {
    expect(covers(1, answer)).not.toContain('translation');
  });

  test.each([
    // Denied of the other thing (no "only"), or "only" our own: the contrast stands, the point too.
    'A CNN applies each filter at every position. A dense net is not translation invariant.',
    'A CNN applies each filter at every position. Only a CNN is translation invariant.',
  ])('%j: unchanged, the translation point', (answer) => {
    expect(covers(1, answer)).toContain('translation');
  });
});

describe('"connected to all the pixels" is full connectivity, the opposite of local connections, with or without "fully"', () => {
  test.each([
    // Said of the CNN's own neurons after its fewer parameters: the answer holds both.
    'Conv nets have fewer parameters. Their neurons are connected to all the pixels of the image.',
  ])('%j: no fewer parameters (a contradiction)', (answer) => {
    expect(covers(1, answer)).not.toContain('fewer-parameters');
  });

  test.each([
    // Said of the dense layer in the contrast: ours is the local one.
    'In a dense layer every neuron is connected to all the pixels, while a conv neuron sees a small patch.',
  ])('%j: fewer parameters (the contrast)', (answer) => {
    expect(covers(1, answer)).toContain('fewer-parameters');
  });

  test.each([
    // Denied of ours: no contradiction, the point stands as before.
    'Conv layers have fewer parameters, since a neuron is not connected to all the pixels.',
  ])('%j: unchanged, fewer parameters', (answer) => {
    expect(covers(1, answer)).toContain('fewer-parameters');
  });
});

describe('"smaller filters" are smaller kernels, not fewer filters', () => {
  test.each([
    // A word of size before a noun counted one by one says how big each is.
    'Switch to smaller filters so the GPU copes.',
    'Go with tiny 3x3 filters everywhere.',
  ])('%j: no "fewer filters"', (answer) => {
    expect(covers(3, answer)).not.toContain('filters');
  });

  test.each([
    // Words of number or of cutting still say how many.
    'Use fewer filters per layer.',
    'Halve the filters in every layer.',
  ])('%j: unchanged, fewer filters', (answer) => {
    expect(covers(3, answer)).toContain('filters');
  });
});

describe('the other thing named in a "whereas" aside is not what the next clause with its own subject is about', () => {
  test.each([
    // "it" after the aside is pooling again, the thing the sentence began with.
    'Pooling learns nothing, whereas a strided conv has a kernel to train; and it makes the output robust to small shifts.',
  ])('%j: invariance, said of pooling', (answer) => {
    expect(covers(4, answer)).toContain('invariance');
  });

  test.each([
    // "it" is the CNN, not the dense net of the aside.
    'A CNN reuses one small filter, whereas a dense net learns a weight per pixel; and it spots a learned feature anywhere in the image.',
  ])('%j: the translation point, said of the CNN', (answer) => {
    expect(covers(1, answer)).toContain('translation');
  });

  test.each([
    // Our own thing in the aside: "so it has …" still goes on about it.
    'A dense layer wires everything to everything, while a conv layer shares its weights, so it has far fewer parameters.',
  ])('%j: unchanged, fewer parameters', (answer) => {
    expect(covers(1, answer)).toContain('fewer-parameters');
  });

  test.each([
    // A bare verb phrase after the aside ("and needs more memory") still carries the aside's subject.
    'Pooling has no weights, whereas a strided conv has a kernel and needs more memory.',
  ])('%j: unchanged, no parameters', (answer) => {
    expect(covers(4, answer)).toContain('no-params');
  });
});

describe('"also" in a later clause with a predicate of its own adds a claim, not a subject to the denial of the other thing', () => {
  test.each([
    // "it" and "they" are the dense net again: a second fault of the dense net, not "a CNN can't either".
    "A CNN shares each filter across the whole image, so it has far fewer weights. A dense net can't do that, and it also needs millions of weights per layer.",
    "A conv layer reuses one filter everywhere, so it needs far fewer weights. An MLP can't do that, and it also wastes a weight on every pixel.",
  ])('%j: the fewer-parameters claim before the contrast stands', (answer) => {
    expect(covers(1, answer)).toContain('fewer-parameters');
  });

  test.each([
    // Elliptical clauses that repeat the denial of our own thing still take the claim back.
    "A CNN shares each filter across the whole image, so it has far fewer weights. A dense net can't do that, and a CNN can't either.",
    "A CNN shares each filter across the whole image, so it has far fewer weights. A dense net can't do that, and nor can a CNN really.",
  ])('%j: unchanged, nothing credited', (answer) => {
    expect(covers(1, answer)).toEqual([]);
  });
});
