import { describe, expect, test } from 'vitest';
import { analyseAnswer, foldCase } from '../src/grading/claims/analysis';
import { CONTRACTED_NEGATION, CONTRACTED_NOT } from '../src/grading/claims/negation';
import { tagWords } from '../src/grading/claims/nlp';
import { covers } from './bank-rubric';

/*
 * Issue 18, stop 28: the clause reader's tagging repairs and negation reading. Each row is an
 * answer written for this file (none is from a labelled evaluation set). Each rule's row was checked
 * to fail with the rule taken out of the grader (the mutant planted by hand).
 */

/** The part of speech of each word, by the word as written (lower case). */
const tagsOf = (text: string) =>
  Object.fromEntries(tagWords(text).map((t) => [t.norm, t.pos] as const)) as Record<string, string>;

describe('tagging repairs leave subject-less notes, clefts and shares alone (review 27, A5–A7)', () => {
  test('an order after a subordinator stays the verb ("because shrink maps")', () => {
    // wink reads "shrink" as a verb and "maps" as a noun; "shrink" is an order, the note has no
    // subject, so nothing is swapped.
    expect(tagsOf('Memory drops because shrink maps.')).toMatchObject({ shrink: 'VERB', maps: 'NOUN' });
    // The same with "when" and an adverb after the object: "when shrink maps early".
    expect(tagsOf('when shrink maps early, memory drops')).toMatchObject({ shrink: 'VERB', maps: 'NOUN' });
  });

  test('an "-s" word with nothing after it, or an "-ing" form, is no verb of a subject without article', () => {
    // "when pool maps": nothing after "maps" goes on as a verb's clause would ("moves a little"),
    // so it stays the plural object of "pool" (wink's own tags: pool VERB, maps NOUN).
    expect(tagsOf('when pool maps')).toMatchObject({ pool: 'VERB', maps: 'NOUN' });
    // "when pool using max": "using" is not finite; "pool" keeps its verb.
    expect(tagsOf('when pool using max')).toMatchObject({ pool: 'VERB' });
    // Control: "when object moves a little" still reads "object" as the subject of "moves".
    expect(tagsOf('When object moves a little, the output stays the same.')).toMatchObject({
      object: 'NOUN',
      moves: 'VERB',
    });
  });

  test('the focus of a cleft after "is not" stays a noun ("it\'s not memory that runs out")', () => {
    // After a copula, "not" denies a noun phrase: "memory" is what runs out, not a verb.
    expect(tagsOf("It's not memory that runs out, it's time.")).toMatchObject({ memory: 'NOUN' });
    expect(tagsOf('Pooling is not memory that matters.')).toMatchObject({ memory: 'NOUN' });
    // Control: with no copula before "not", the base-form word before an object is the verb.
    expect(tagsOf('Never use so many layers.')).toMatchObject({ use: 'VERB' });
  });

  test('"each half" after a noun is a share of it, not a verb', () => {
    // "across two cards each half on its own card": "half" counts, "on" opens its place.
    expect(tagsOf('Split the model across two cards each half on its own card.')).toMatchObject({
      half: 'NOUN',
    });
    // Control: "both land in" keeps its verb.
    expect(tagsOf('The two pixels both land in the same cell.')).toMatchObject({ land: 'VERB' });
  });
});

describe('one list of the verbs a "n\'t" contracts onto (review 27, C1–C2)', () => {
  // Each written without its apostrophe, as a hurried writer does; "ain't" was missing from two of
  // the three lists the grader kept before.
  const bare = ['dont', 'doesnt', 'isnt', 'cant', 'wont', 'shouldnt', 'hasnt', 'aint'];

  test.each(bare)('"%s" is put back with its apostrophe and read as a negation by every reader', (word) => {
    // The apostrophe goes back before the "t": "dont" → "don't", "aint" → "ain't".
    expect(foldCase(`it ${word} help`)).toBe(`it ${word.slice(0, -1)}'t help`);
    expect(CONTRACTED_NOT.test(word)).toBe(true);
    expect(CONTRACTED_NEGATION.test(word)).toBe(true);
  });

  test('words that only end in "nt" are no contraction', () => {
    // "important", "different", "redundant", "paint": no verb of the list before their "nt".
    for (const word of ['important', 'different', 'redundant', 'paint'])
      expect([foldCase(word), CONTRACTED_NOT.test(word), CONTRACTED_NEGATION.test(word)]).toEqual([
        word,
        false,
        false,
      ]);
  });
});

describe('a comparison that says what another thing does is cut from the claim, comma or not', () => {
  // "… the way a dense layer is": the stand-in "is" repeats the denied predicate of ANOTHER thing;
  // its subject is no subject of the claim, and the claim "isn't sensitive to a shift" (invariance)
  // stands. With a comma the comparison was already a clause of its own.
  test.each([
    [4, "It isn't sensitive to a one-pixel shift the way a dense layer is.", 'invariance'],
    [4, 'It is not sensitive to a small shift of the input the way a convolution output is.', 'invariance'],
    // Question 1: the 2-D layout, kept by a CNN and thrown away by a dense net.
    [1, "It doesn't throw away which pixels are neighbours the way a dense net does.", 'spatial-hierarchy'],
  ])('q%i "%s" → %s', (question, answer, concept) => {
    expect(covers(question, answer)).toContain(concept);
  });
});

describe('emphatic and double negatives read as what they say', () => {
  test('"there\'s not a single weight" is "there\'s no weight"', () => {
    // Question 4 (max pooling): no parameters to learn.
    expect(covers(4, 'There is not a single weight to train in a pooling layer.')).toContain('no-params');
    expect(covers(4, "There's not a single parameter in a max pool.")).toContain('no-params');
  });

  test('a denied mixing is a separation ("doesn\'t mix spatial and channel filtering")', () => {
    // Question 6: Xception handles spatial and cross-channel patterns separately.
    expect(covers(6, "Xception doesn't mix spatial and channel filtering.")).toContain('xception-separately');
    expect(covers(6, "In Xception the spatial and cross-channel filters aren't mixed.")).toContain(
      'xception-separately',
    );
    // A bare "not mixed with" after "and": kept separate.
    expect(
      covers(6, 'Xception: spatial patterns are learned per channel and not mixed with cross-channel ones.'),
    ).toContain('xception-separately');
    // "mix up" is to confuse, not to combine: kept as written (no separation said).
    expect(foldCase("it doesn't mix up the channels")).toBe("it doesn't mix up the channels");
  });
});

describe('"not to X, only to Y": the correction says the verb of Y, and sets X aside', () => {
  // What is denied is the place the verb reaches, not the verb: the neuron IS connected, to a small
  // patch only (question 1: local connections, hence far fewer parameters).
  test.each([
    ['CNN neurons are not connected to every pixel, only to a small patch.'],
    ['CNN neurons are not connected to every pixel but only to a small patch.'],
    ['A neuron is not connected to the whole previous layer - only to a local patch of it.'],
  ])('"%s" → fewer-parameters', (answer) => {
    expect(covers(1, answer)).toContain('fewer-parameters');
  });

  test('the rewrite, as read', () => {
    // The verb and "only" go with the place that is said; the denied place follows after "not".
    expect(foldCase('They are not connected to every pixel, only to a patch.')).toBe(
      'They are connected only to a patch, not to every pixel.',
    );
    // "but" with no "only" as before (stop 26): "do" is dropped, the verb kept.
    expect(foldCase("They don't compete within a map but across maps.")).toBe(
      'They compete across maps, not within a map.',
    );
  });
});

describe('a counterfactual "Without X, S would V" says what X brings', () => {
  test.each([
    // Question 1: without sharing, as many weights as a dense net: sharing gives far fewer.
    [1, 'Without weight sharing, a CNN would need as many weights as a dense net.', 'fewer-parameters'],
    // Question 8: without skips the decoder could not recover the detail: the skips bring it back.
    [8, "Without skip connections, the decoder couldn't recover the fine detail.", 'skip'],
    // Question 6, no comma, after a semicolon: without the shortcuts deep nets would not train.
    [6, "ResNet: identity shortcuts; without them a 150-layer net wouldn't train.", 'resnet-depth'],
  ])('q%i "%s" → %s', (question, answer, concept) => {
    expect(covers(question, answer)).toContain(concept);
  });

  test('a modal of fact ("can\'t"), or "would be", is kept as written', () => {
    // "Without any weights, it can't overfit" says how max pooling is, not what weights would bring.
    expect(foldCase("Without any weights, it can't overfit.")).toBe("Without any weights, it can't overfit.");
    // A denied "be" after the subject would deny the subject: "would be too expensive" is kept.
    const costly =
      "Without its 1x1 bottleneck layers, GoogLeNet's inception modules would be far too expensive.";
    expect(foldCase(costly)).toBe(costly);
    // No comma and a modal not denied: left to the claims written with "without".
    expect(foldCase('Without LRN the maps might learn the same edge.')).toBe(
      'Without LRN the maps might learn the same edge.',
    );
    // "would still": what holds even without the thing, kept.
    expect(foldCase('Pooling is cheap, without weights it would still work.')).toBe(
      'Pooling is cheap, without weights it would still work.',
    );
    // The rewrite, as read: "with", and the modal's polarity turned.
    expect(foldCase('Without pooling, the maps would stay huge.')).toBe(
      'With pooling, the maps would not stay huge.',
    );
  });
});

describe('a denied "full" resolution, size or precision is a reduced one', () => {
  test.each([
    // Question 8: the maps are no longer at full resolution: resolution is lost.
    [8, 'After the strides the feature maps are not at full resolution any more.', 'resolution-lost'],
    [8, 'Past the last pooling layer the map is no longer full resolution.', 'resolution-lost'],
    // Question 3: the inputs need not be full size: smaller inputs; nor the numbers full precision.
    [3, "The training images don't have to be full size.", 'smaller-input'],
    [3, "The activations needn't be full precision.", 'precision'],
  ])('q%i "%s" → %s', (question, answer, concept) => {
    expect(covers(question, answer)).toContain(concept);
  });

  test('an order to keep full resolution is left as written', () => {
    // No form of "be" before the "not": the rubric reads the order itself.
    expect(foldCase("Don't keep the input at full resolution.")).toBe(
      "Don't keep the input at full resolution.",
    );
  });
});

describe('a subordinate clause before the main one with no comma is a clause of its own', () => {
  /** The clauses' words, one string per clause. */
  const clausesOf = (answer: string) =>
    analyseAnswer(answer).clauses.map((c) => c.tokens.map((t) => t.norm).join(' '));

  test("the main clause starts at its subject pronoun, after the subordinate clause's verb", () => {
    // "since it has no weights" | "it adds nothing to train": cut before the second "it" (a
    // finite verb, "adds", follows it).
    expect(clausesOf('Since it has no weights it adds nothing to train.')).toEqual([
      'since it has no weights',
      'it adds nothing to train',
    ]);
    // "there" as the subject of "is".
    expect(clausesOf('Because there are no weights there is nothing to learn.')).toEqual([
      'because there are no weights',
      'there is nothing to learn',
    ]);
    // A pronoun before a bare verb is the object of a causative ("lets it run"): no cut.
    expect(clausesOf('since the stride makes the layer let it pass')).toEqual([
      'since the stride makes the layer let it pass',
    ]);
  });

  test('graded: each clause keeps its own negation ("no weights", "nothing to train")', () => {
    // Question 4: two claims of none, each in its own clause, say no parameters to learn (read as
    // one clause, the two negations cancelled and "contradicted" it).
    expect(covers(4, 'Since it has no weights it adds nothing to train.')).toContain('no-params');
    expect(covers(4, 'Because there are no weights there is nothing to learn.')).toContain('no-params');
  });
});

describe('a denied sufficiency ("X alone doesn\'t …", "X isn\'t enough to …") does not deny X', () => {
  test.each([
    // Question 8: upsampling is part of the fix, just not all of it.
    [
      8,
      "Transposed convolutions alone don't restore the fine detail; skips from early layers help.",
      'upsample',
    ],
    [8, 'Upsampling is not enough to get the pixel-level detail back.', 'upsample'],
    // Question 3: a smaller batch helps, but may not be all it takes.
    [3, "A smaller batch by itself won't make the model fit, so also use 16-bit floats.", 'batch'],
  ])('q%i "%s" → %s', (question, answer, concept) => {
    expect(covers(question, answer)).toContain(concept);
  });

  test('the rewrite, as read', () => {
    // The verb affirmed, the "alone" kept in a verbless gloss after it.
    expect(foldCase("Upsampling alone doesn't bring back fine detail.")).toBe(
      'Upsampling does bring back fine detail, but not alone.',
    );
    expect(foldCase('Upsampling is not enough to restore the detail.')).toBe(
      'Upsampling helps to restore the detail, but not alone.',
    );
  });
});

describe('a concession "X isn\'t free" states a cost of X, and does not deny it', () => {
  test.each([
    // Question 3: each remedy named, with what it costs.
    [
      3,
      "Recomputing activations isn't free, it slows the backward pass, but the memory drops a lot.",
      'checkpointing',
    ],
    [3, "Mixed precision isn't free either: you need loss scaling.", 'precision'],
  ])('q%i "%s" → %s', (question, answer, concept) => {
    expect(covers(question, answer)).toContain(concept);
  });

  test('"not free of", "not free to" are kept', () => {
    expect(foldCase("It's not free of weights.")).toBe("It's not free of weights.");
    expect(foldCase('Checkpointing is not free to use.')).toBe('Checkpointing is not free to use.');
  });
});

describe('a belief reported of others ("people think …") asserts nothing, for or against', () => {
  test('the myth named is no contradiction of the claim the writer then makes', () => {
    // Question 4: "people assume pooling has weights" is set aside; "it has none" is the claim.
    expect(covers(4, 'People assume max pooling has weights to learn. It has none at all.')).toContain(
      'no-params',
    );
    // Question 1: the myth's "because" clause is part of the belief, not a claim of the writer's.
    expect(
      covers(
        1,
        'Many think CNNs need more weights because they are deeper. In fact each filter is shared, so far fewer weights.',
      ),
    ).toContain('fewer-parameters');
  });

  test("nor is it a claim of the writer's", () => {
    // Question 1: the writer only reports, then denies: no credit for "fewer parameters".
    expect(
      covers(1, 'People say CNNs have fewer parameters, but that is not true in practice.'),
    ).not.toContain('fewer-parameters');
  });
});
