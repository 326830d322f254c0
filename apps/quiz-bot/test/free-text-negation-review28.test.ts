import { describe, expect, test } from 'vitest';
import { foldCase } from '../src/grading/claims/analysis';
import { CONTRACTED_VERB } from '../src/grading/claims/negation';
import { covers } from './bank-rubric';

/*
 * Issue 18, review of stop 28 (items 1, 4, 5, 19, 23): the negation rewrites of the clause reader
 * must not fire on asides and idioms that only look like them. Each answer is written for this file
 * (none is from a labelled evaluation set); the reviewer's sentence first, then variations of what
 * is said or of whom. Expected values are worked out by hand in the comments.
 */

describe('"not X, just to be clear": an infinitive aside is no corrected place (review 28, #1)', () => {
  test('the denial stands: "doesn\'t save memory at inference, just to be clear"', () => {
    // Question 4 (max pooling): the answer denies a memory saving. "to be clear" is an infinitive,
    // not a place, so nothing is corrected: the sentence is read as written and memory is not
    // credited (before the fix it read "save memory just to be clear, not at inference").
    const denied = "Max pooling doesn't save memory at inference, just to be clear.";
    expect(foldCase(denied)).toBe(denied);
    expect(covers(4, denied)).not.toContain('memory');
    // "only to be sure": the same aside with "only".
    const sure = "Pooling doesn't cut memory at inference, only to be sure.";
    expect(foldCase(sure)).toBe(sure);
  });

  test('a right denial keeps its credit: "doesn\'t add weights to the network, just to be clear"', () => {
    // "doesn't add weights to the network" says max pooling has no parameters (no-params); the
    // aside changes nothing (before the fix: "add weights just to be clear, not to the network").
    const right = "Max pooling doesn't add weights to the network, just to be clear.";
    expect(foldCase(right)).toBe(right);
    expect(covers(4, right)).toContain('no-params');
  });

  test('"to" before a noun phrase is still a place ("only to a small patch")', () => {
    // Control: "to a small patch" opens a place (determiner "a"), the rewrite applies as before.
    expect(foldCase('They are not connected to every pixel, only to a patch.')).toBe(
      'They are connected only to a patch, not to every pixel.',
    );
  });
});

describe('a denied mixing is a separation only when two things are named (review 28, #4)', () => {
  test('"pointwise convs don\'t mix the channels together" credits no separation', () => {
    // Question 6: a 1x1 (pointwise) conv IS the channel mixing, so the sentence is false, and it
    // names one thing ("the channels"): nothing kept apart is said, no rewrite, no credit.
    const pointwise = "Xception's pointwise convs don't mix the channels together.";
    expect(foldCase(pointwise)).toBe(pointwise);
    expect(covers(6, pointwise)).not.toContain('xception-separately');
    // Of a depthwise conv it is true, but still names one thing: kept as written.
    expect(foldCase("Depthwise convs don't mix channels.")).toBe("Depthwise convs don't mix channels.");
    // The be-form with one thing named: kept.
    expect(foldCase('The channels are not mixed.')).toBe('The channels are not mixed.');
  });

  test('two things named ("X with Y", "the two") are still a separation', () => {
    // "X with Y": both sides named, the denied mix is a separation (question 6).
    expect(foldCase("Xception doesn't mix spatial filtering with channel mixing.")).toBe(
      'Xception does separate spatial filtering with channel mixing.',
    );
    expect(covers(6, "Xception doesn't mix spatial filtering with channel mixing.")).toContain(
      'xception-separately',
    );
    // "the two": both named by number.
    expect(foldCase("In Xception the two aren't entangled.")).toBe('In Xception the two are separated.');
  });
});

describe('"without a doubt" and "I would say" are no counterfactual (review 28, #5)', () => {
  test('the idiom leaves the claim as asserted', () => {
    // Question 1: the answer asserts far fewer parameters; "without a doubt" is certainty, and
    // "I would say" hedges the speaker's claim. Read as written, fewer-parameters is credited (the
    // same sentence without the opener is credited: the reviewer measured 0.33).
    const sure = 'Without a doubt, I would say a CNN has far fewer parameters than a dense net.';
    expect(foldCase(sure)).toBe('Certainly, I would say a CNN has far fewer parameters than a dense net.');
    expect(covers(1, sure)).toContain('fewer-parameters');
    // Question 3, an order: "without a doubt" reads "certainly", and the modal is kept.
    expect(foldCase('Without a doubt, you would lower the batch size.')).toBe(
      'Certainly, you would lower the batch size.',
    );
    // "without question" with a denied modal: still no counterfactual (the modal kept).
    expect(foldCase("Without question, a dense net couldn't match it.")).toBe(
      "Certainly, a dense net couldn't match it.",
    );
  });

  test('a modal of saying after a real "without" is kept too', () => {
    // "I would argue" hedges; turning it ("would not argue") would deny the claim that follows.
    expect(foldCase('Without pooling, I would argue the maps stay huge.')).toBe(
      'Without pooling, I would argue the maps stay huge.',
    );
    // Control: a counterfactual of the thing itself is still turned.
    expect(foldCase('Without pooling, the maps would stay huge.')).toBe(
      'With pooling, the maps would not stay huge.',
    );
  });
});

describe('a contraction the tagger keeps whole is read as its verb (review 28, #19)', () => {
  test.each([
    // The tagger keeps every contracted negation whole (checked with tagWords: "ain't",
    // "shouldn't", "hasn't" are one token each); the map gives the verb under it.
    ["ain't", 'be'],
    ["isn't", 'be'],
    ["hasn't", 'have'],
    ["can't", 'can'],
    ["won't", 'will'],
    ["shouldn't", 'should'],
  ])('%s → %s', (written, verb) => {
    expect(CONTRACTED_VERB.get(written)).toBe(verb);
  });

  test('"aint" written without its apostrophe is read as "ain\'t"', () => {
    expect(foldCase('it aint learning weights')).toBe("it ain't learning weights");
  });
});

describe('"X stops Y from V-ing" says that Y does not V, because of X (stop 28 tune misses)', () => {
  test.each([
    // Question 5 (LRN): the maps not learning the same feature is their specialisation.
    [5, 'LRN stops the maps from learning the same feature.', 'specialise'],
    // Question 4 (max pooling): a small shift not changing the output is invariance ("keeps",
    // past tense: "kept … from moving").
    [4, 'Pooling stops a small shift from changing the output.', 'invariance'],
    [4, 'Pooling kept the output from moving.', 'invariance'],
  ])('q%i "%s" → %s', (question, answer, concept) => {
    expect(covers(question, answer)).toContain(concept);
  });

  test('the rewrite, as read, and kept after a negation', () => {
    // "stops" → "makes" (same person and tense), then "not" before the -ing verb.
    expect(foldCase('LRN stops the maps from learning the same feature.')).toBe(
      'LRN makes the maps not learning the same feature.',
    );
    // "Nothing prevents you from V-ing" allows the V: read as such, no denial in it.
    expect(foldCase('Nothing prevents you from rewriting a dense layer as a conv.')).toBe(
      'so you can go on rewriting a dense layer as a conv.',
    );
  });
});

describe('"Without X, the …": the comma does not cut the condition off (stop 28 tune misses)', () => {
  test('read as one clause, as with no comma', () => {
    // Question 5: "Without LRN several maps learn the same edge" (no comma) was credited
    // specialisation (measured); the comma after "LRN" says the same.
    expect(foldCase('Without LRN, several maps learn the same edge.')).toBe(
      'Without LRN several maps learn the same edge.',
    );
    expect(covers(5, 'Without LRN, several maps learn the same edge.')).toContain('specialise');
  });

  test('kept before a bare noun, and for an idiom', () => {
    // "Without weights pooling" would read as one noun phrase: the comma stays, and no-params
    // (question 4) is still credited as before.
    expect(foldCase('Without weights, pooling adds nothing to train.')).toBe(
      'Without weights, pooling adds nothing to train.',
    );
    expect(covers(4, 'Without weights, pooling adds nothing to train.')).toContain('no-params');
    // "Without a doubt, the …": certainty, no condition (read as "certainly").
    expect(foldCase('Without a doubt, the maps shrink.')).toBe('Certainly, the maps shrink.');
  });
});

describe('"without question" with no comma is certainty, no denial of its clause (final review of stop 28)', () => {
  test.each([
    // Question 4: max pooling has no parameters; asserting it has some is false: no no-params point.
    [4, 'Without question max pooling has parameters.', 'no-params', false],
    // Question 1: a dense net needing fewer parameters than a CNN is false: no fewer-parameters point.
    [1, 'Without question a dense net needs fewer parameters than a CNN.', 'fewer-parameters', false],
    // Question 1: the true statement, with the same idiom, earns the point.
    [1, 'Without question a CNN needs far fewer parameters than a dense net.', 'fewer-parameters', true],
    [1, 'Without a doubt a CNN needs far fewer parameters than a dense net.', 'fewer-parameters', true],
  ])('q%i %j: %s credited %s', (question, answer, concept, credited) => {
    expect(covers(question, answer).includes(concept)).toBe(credited);
  });

  test('read as "certainly", keeping its capital', () => {
    expect(foldCase('Without question max pooling has parameters.')).toBe(
      'Certainly max pooling has parameters.',
    );
    expect(foldCase('It works, without fail, on any size.')).toBe('It works, certainly, on any size.');
  });
});

describe('"X doesn\'t stop Y from V-ing" and "nothing stops Y from V-ing" let Y V (final review of stop 28)', () => {
  test.each([
    // Question 4: a small shift changing the output is the opposite of invariance: no point.
    [4, "Pooling doesn't stop a small shift from changing the output.", 'invariance', false],
    [4, 'Nothing stops a small shift from changing the output.', 'invariance', false],
    [4, 'Max pooling does not keep a small shift from moving the output.', 'invariance', false],
    // Control: without the negation, the shift does not change the output: invariance.
    [4, 'Pooling stops a small shift from changing the output.', 'invariance', true],
  ])('q%i %j: %s credited %s', (question, answer, concept, credited) => {
    expect(covers(question, answer).includes(concept)).toBe(credited);
  });

  test('read as letting Y go on V-ing', () => {
    expect(foldCase("Pooling doesn't stop a small shift from changing the output.")).toBe(
      'Pooling lets a small shift go on changing the output.',
    );
  });
});
