import { describe, expect, test } from 'vitest';
import { readRubric } from '../src/grading/rubric';
import { covers, questionRubric } from './bank-rubric';

/*
 * Stop 34 (questions 1 to 4): faults of the free-text grader, each mended as a general rule of
 * reading, with answers the rule now grades right and the nearby answers it must leave alone. Every
 * answer here was written for this file (none is a row of a labelled set); each expectation is read
 * off the sentence by hand in the comment beside it (the concepts are those of src/questions/q0N-*.ts).
 */

describe('a word of degree says how much of the noun its phrase ends in, past the adjectives', () => {
  test.each([
    // "tiny … window of the image": the window is small, not the image, nor the data.
    'Every neuron looks at a tiny local window of the image.',
    'each filter sees a little local window of the examples',
  ])('%j: no "less data" from a small window', (answer) => {
    expect(covers(1, answer)).not.toContain('efficiency');
  });

  test.each([
    // The adjectives lead to the claim's own noun: fewer images, less data.
    'A CNN gets by with fewer labelled images than a dense net.',
    'Conv nets need less training data.',
  ])('%j: unchanged, less training data', (answer) => {
    expect(covers(1, answer)).toContain('efficiency');
  });
});

describe('only sentences that name something weigh in "mostly about something else"', () => {
  test.each([
    // One sentence of the field, then chat that names nothing ("it's free", "that's it").
    "nothing to learn, no weights. it's free. that's the whole idea.",
    "no params at all. seriously. that's it.",
  ])('%j: no parameters to learn, kept', (answer) => {
    expect(covers(4, answer)).toContain('no-params');
  });

  test.each([
    // Two of three naming sentences are about a cat and a dog: still mostly something else.
    "Pooling has no weights. It's free. My cat sat on the keyboard. The dog ate my homework.",
  ])('%j: unchanged, nothing credited', (answer) => {
    expect(covers(4, answer)).toEqual([]);
  });
});

describe('an analogy whose subject is the field’s thing is no story about something else', () => {
  test.each([
    // "max pooling works/acts like …": the scout and the referee are max pooling.
    'Max pooling works kind of like a talent scout: she only keeps the best singer of every group of four, she has nothing to learn (no weights), and if the singers move one chair over she still picks the same one.',
    'Max pooling acts like a referee who just points at the tallest player in each huddle of four: he has no weights to learn, and if the players step one pace sideways he still points at the same guy.',
  ])('%j: no parameters to learn', (answer) => {
    expect(covers(4, answer)).toContain('no-params');
  });

  test.each([
    // The bakery is likened to a family: a story told about a bakery, whatever its words.
    'My bakery is like a family: we use no weights on the scale and our best loaf still sells when it shifts a bit on the shelf.',
  ])('%j: unchanged, nothing credited', (answer) => {
    expect(covers(4, answer)).toEqual([]);
  });
});

describe('a consequence drawn from a premise that asserts none of the points is not credited', () => {
  test.each([
    // "so …", "which is why …": faster training or less data drawn from popularity, from depth.
    'CNNs are popular, so they need less data.',
    'It has fewer layers, which is why it trains faster.',
  ])('%j (question 1): no efficiency', (answer) => {
    expect(covers(1, answer)).not.toContain('efficiency');
  });

  test.each([
    // Drawn from a point (fewer weights, the reused kernel of the sentence before), or said bare.
    'A CNN has far fewer weights, so it trains faster.',
    'Conv layers reuse one small kernel everywhere. So they need much less data.',
    'CNNs need less data and train faster.',
  ])('%j (question 1): unchanged, efficiency', (answer) => {
    expect(covers(1, answer)).toContain('efficiency');
  });

  test.each([
    // Question 4: less computation drawn from a premise that is none of the reasons.
    'Max pooling is an older idea than strided convs, so it needs less computation.',
  ])('%j (question 4): no less computation', (answer) => {
    expect(covers(4, answer)).not.toContain('compute');
  });

  test.each([
    'Max pooling has no weights, so it needs less computation.',
    'Max pooling needs less memory and less compute.',
  ])('%j (question 4): unchanged, less computation', (answer) => {
    expect(covers(4, answer)).toContain('compute');
  });
});

describe('an "I" that hedges a claim ("I think", "if I recall correctly") tells no story', () => {
  test.each([
    // The ear and the sofa, the whisker and the blanket are what the network finds, hedged by "I".
    "I reckon the big one is weight sharing, so way fewer params than a dense net. If I recall correctly they also spot a cat's ear wherever it shows up in the photo, on the sofa or on the rug.",
    "I guess the main win is the shared weights: there are far fewer parameters. And I'm pretty sure a kitten's whisker gets found anywhere in the photo, even in the corner of the blanket.",
  ])('%j: a feature found anywhere', (answer) => {
    expect(covers(1, answer)).toContain('translation');
  });

  test.each([
    // "I baked bread with my grandmother": a story told by its narrator, whatever its words.
    'I baked bread with my grandmother: we shared the same weights on the scale for every loaf, so there were far fewer parameters in her recipe, and the dough rose anywhere in the oven.',
  ])('%j: unchanged, nothing credited', (answer) => {
    expect(covers(1, answer)).toEqual([]);
  });
});

describe('an adjective right before "one" says what that one is, not how many of a later noun', () => {
  const finding = (answer: string) => readRubric(questionRubric(1), answer).findings.get('fewer-parameters');
  test.each([
    // "the big one is weights": the main point is the weights, no claim of more of them.
    'ngl the big one is weights lol',
    'the huge one is params tbh, it finds a cat anywhere in the photo',
  ])('%j: no opposite of fewer parameters', (answer) => {
    expect(finding(answer)).not.toBe('opposite');
  });

  test.each([
    // A bigger number of parameters is more of them.
    'a CNN has a bigger number of parameters',
  ])('%j: unchanged, the opposite', (answer) => {
    expect(finding(answer)).toBe('opposite');
  });
});

describe('a session left running ("a zombie kernel", "a stale session") and killed frees memory', () => {
  test.each([
    'an idle jupyter session is still hogging the vram, just kill it',
    'some zombie jupyter kernel sits on the gpu memory, kill it first',
  ])('%j: free the memory other processes hold', (answer) => {
    expect(covers(3, answer)).toContain('free-memory');
  });

  test.each([
    // "other kernels" are convolution kernels: no process.
    'use other kernels and stop early',
  ])('%j: unchanged, no freed memory', (answer) => {
    expect(covers(3, answer)).not.toContain('free-memory');
  });
});

describe('small conv layers, said beside a dense layer, are fewer parameters', () => {
  test.each([
    'conv layers are tiny next to a dense layer on the same picture',
    'the convolutional layers stay small while a dense one on the full photo is enormous',
  ])('%j: far fewer parameters', (answer) => {
    expect(covers(1, answer)).toContain('fewer-parameters');
  });

  test.each([
    // Small layers as advice, with no comparison and no subject of ours: no claim about a CNN.
    'stack a few small layers',
  ])('%j: unchanged, nothing credited', (answer) => {
    expect(covers(1, answer)).not.toContain('fewer-parameters');
  });
});

describe('a claim read over a sentence takes the closest of its words said together', () => {
  test.each([
    // "… whereas a dense net must learn it anew": the relearning is the dense net's, in its own
    // clause; the kernel's "learned" earlier in the sentence is no part of it.
    'A filter that has learned a whisker spots it anywhere in the photo, while an MLP would need to learn it again for each position.',
    'Once a kernel has learned a wheel it finds it all over the image, whereas a dense net must learn it anew at every spot.',
  ])('%j: a feature found anywhere', (answer) => {
    expect(covers(1, answer)).toContain('translation');
  });

  test.each([
    // The relearning said of a conv net itself: the opposite, as before.
    'A conv net learns the same edge separately for each corner of the image, which wastes weights.',
  ])('%j: unchanged, no credit', (answer) => {
    expect(covers(1, answer)).not.toContain('translation');
  });
});

describe('"scrap that", "forget that", after a filler ("ok", "actually", "so"), withdraws the point before', () => {
  test.each([
    [
      'no weights to learn, and it’s invariant to small shifts. hmm wait no, scrap that, the max moves with the input.',
      4,
      'invariance',
    ],
    [
      'fewer weights, and it spots a cat anywhere in the photo. ok scrap that, it learns a hierarchy of features instead.',
      1,
      'translation',
    ],
  ] as const)('%j: the withdrawn point is not credited', (answer, question, concept) => {
    expect(covers(question, answer)).not.toContain(concept);
  });

  test.each([
    // "forget the rest": no "that", nothing withdrawn.
    'no weights to learn, and it’s invariant to small shifts. forget the rest of the theory.',
  ])('%j: unchanged, both points', (answer) => {
    expect(covers(4, answer)).toEqual(['no-params', 'invariance']);
  });
});
