import { describe, expect, test } from 'vitest';
import { readChoice } from '../src/grading/choice';
import { QUESTIONS } from '../src/questions/bank';

/*
 * choice.ts, one case per rule: a letter beside another option's text (`otherOptionDescribed`,
 * `nounsOf`), the marked and weaker forms of a pick (`lettersOf`, `indexOfMark`: letters, digits,
 * number words, ordinals, lone letters), and the option read from its text (`pairsOf`), on
 * question 5's options: a) the activations of the same channel across the whole mini-batch,
 * b) the activations at the same position in neighbouring channels (right), c) all the activations
 * of the same feature map, d) the layer's own weights. The reading a teacher gives each answer is
 * worked out beside it.
 */

const part = QUESTIONS[4]!.parts.find((p) => p.kind === 'choice')!;
if (part.kind !== 'choice') throw new Error('question 5 has a choice part');
const twoPicks = (letter: string, other: string) =>
  `its letter picks ${letter} but its text describes ${other}; choose one of a, b, c, d (or 1–4)`;
const allowed = 'choose one of a, b, c, d (or 1–4)';

describe('a letter with a text beside it (otherOptionDescribed)', () => {
  test("the letter's own option written out agrees with it: one pick", () => {
    expect(readChoice(part, 'b, the activations at the same position in neighbouring channels')).toEqual({
      index: 1,
    });
  });

  test("another option's exact text beside the letter is a second pick", () => {
    expect(readChoice(part, "b, the layer's own weights")).toEqual({
      invalid: twoPicks('b', "d) the layer's own weights"),
    });
  });

  test('a text that sets options against each other is no description: the letter stands', () => {
    // "not the weights" rejects d; it does not describe it.
    expect(readChoice(part, 'b, not the weights')).toEqual({ index: 1 });
  });

  test('the nouns that only one other option names describe that option', () => {
    // "weights" is d's alone: "b, the weights" picks b and describes d. "the mini batch" is a's alone.
    expect(readChoice(part, 'b, the weights')).toEqual({
      invalid: twoPicks('b', "d) the layer's own weights"),
    });
    expect(readChoice(part, 'b, every activation in the mini batch')).toEqual({
      invalid: twoPicks('b', 'a) the activations of the same channel across the whole mini-batch'),
    });
  });

  test("a noun of the letter's own option beside it agrees: one pick", () => {
    // "position" is b's alone; "d, the weights" names d's own noun.
    expect(readChoice(part, 'b, the weights at each position')).toEqual({ index: 1 });
    expect(readChoice(part, 'd, the weights')).toEqual({ index: 3 });
  });
});

describe('marked forms of a pick (lettersOf, indexOfMark)', () => {
  test.each([
    // An opening letter followed by a word: "b because …" picks b (the reason names nothing else).
    ['b because it is local', 1],
    // A letter in brackets anywhere.
    ['I think (c)', 2],
    ['my pick: [c]', 2],
    // After "option", "answer is", "#", "no.", "number": a letter, a digit or a number word.
    ['the answer is c', 2],
    ['option 3', 2],
    ['option two', 1],
    ['option four', 3],
    ['#4', 3],
    ['no. 3', 2],
    ['number 1', 0],
  ])('%s picks option %i (0 = a)', (answer, index) => {
    expect(readChoice(part, answer)).toEqual({ index });
  });

  test('an opening "a" followed by a word is the article, not a pick', () => {
    // "a lot of things": no letter, no option text, no pair of a qualifier and a noun.
    expect(readChoice(part, 'a lot of things')).toEqual({ invalid: allowed });
  });

  test('a digit past the last option is no pick', () => {
    // Four options: "5" is neither 1–4 nor a letter a–d.
    expect(readChoice(part, '5')).toEqual({ invalid: allowed });
  });

  test.each([
    ['b or c', 'b and c'],
    ['2 or 3', 'b and c'],
    ['b/d', 'b and d'],
    ['(a) and (c)', 'a and c'],
    // A question mark after the second letter is still two picks (the learner hesitates).
    ['b or c?', 'b and c'],
    ['c or d!', 'c and d'],
  ])('%s is two picks (%s): refused', (answer, pair) => {
    expect(readChoice(part, answer)).toEqual({ invalid: `it picks ${pair}; ${allowed}` });
  });
});

describe('weaker forms, read only with no marked one (lettersOf)', () => {
  test.each([
    // An ordinal before "one", "option", "choice"; "2nd" as well as "second".
    ['the second one', 1],
    ['2nd option', 1],
    ['third choice', 2],
    // An ordinal alone, with "the" and a full stop.
    ['second', 1],
    ['the fourth.', 3],
    // A letter b–d standing alone as a word ("i'd" is no lone "i": an apostrophe follows it).
    ["I'd go with B", 1],
    // "i" is the pronoun, not a ninth option: it does not void the lone "b".
    ['i think b', 1],
    // "x" and "y" name coordinates, not options.
    ['go with b, same x and y', 1],
    // "e.g." is an abbreviation, not the letter e: b stands.
    ['e.g. b', 1],
    // "a" only as the last word.
    ["I'd go with a", 0],
  ])('%s picks option %i (0 = a)', (answer, index) => {
    expect(readChoice(part, answer)).toEqual({ index });
  });

  test.each([
    // "a" not at the end is the article; no other pick.
    ["I'd go with a guess"],
    // A lone "e" is past the last option (d): the lone letters are no pick at all.
    ['e or b'],
    // "fifth" names no option of four.
    ['the fifth one'],
  ])('%s picks nothing', (answer) => {
    expect(readChoice(part, answer)).toEqual({ invalid: allowed });
  });
});

describe('the option read from text (pairsOf, readChoice)', () => {
  test.each([
    // The exact text of d.
    ["the layer's own weights", 3],
    // Only b's pair neighbour·channel: the shorter paraphrase.
    ['neighbouring channels', 1],
    // "feature maps" are channels: neighbour·channel again.
    ['neighbouring feature maps', 1],
    // One neighbouring feature map is a channel too (only "the same feature map" is c's map).
    ['the adjacent feature map', 1],
    ['the same feature map', 2],
    // A qualifier may stand three words from its noun: same·position, b's.
    ['the same very exact spot', 1],
    // "x y" is one noun, a position: same·position.
    ['the same x y', 1],
    // "mini batches" is one noun: all·batch, a's.
    ['across the whole mini batches', 0],
    // A qualifier stops at the next qualifier: "same" qualifies nothing here, "neighbouring" channels.
    ['the same neighbouring channels', 1],
  ])('%s picks option %i (0 = a)', (answer, index) => {
    expect(readChoice(part, answer)).toEqual({ index });
  });

  test.each([
    // Four words away is too far: no pair.
    ['the same really very exact spot'],
    // Word order: neighbour·position and same·channel; same·channel is a's, neighbour·position
    // no option's, so the text is not only a's.
    ['neighbouring positions in the same channel'],
    // same·position is b's and same·map c's: two options touched.
    ['the same position, the same feature map'],
  ])('%s picks nothing', (answer) => {
    expect(readChoice(part, answer)).toEqual({ invalid: allowed });
  });

  test("a text that makes two options' pairs in full describes both: refused", () => {
    // same·channel and all·batch are all of a's pairs; same·position and neighbour·channel all of b's.
    expect(
      readChoice(
        part,
        'the same channel across the whole mini batch, or the same position in neighbouring channels',
      ),
    ).toEqual({ invalid: `it describes a and b; ${allowed}` });
  });
});

describe('a letter with the pairs of another option beside it (otherOptionDescribed)', () => {
  test("another option's pairs in full describe it, even beside a noun of the letter's own", () => {
    // all·activations and same·map are all of c's pairs; "position" (b's own noun) does not undo it.
    expect(readChoice(part, 'b, all the activations of the same feature map at each position')).toEqual({
      invalid: `its letter picks b but its text describes c) all the activations of the same feature map; ${allowed}`,
    });
  });

  test('the pairs of two other options describe neither: the letter stands', () => {
    // a's pairs and c's pairs in full (two options), and each one's own noun (batch, map) named.
    expect(
      readChoice(
        part,
        'b, the same channel across the whole mini batch and all the activations of the same feature map',
      ),
    ).toEqual({ index: 1 });
  });
});

describe('more forms of a pick, each against the reading without its rule', () => {
  test.each([
    // "one" is the first number word (index 0 in its list): option a.
    ['option one', 0],
    // A full-width letter is the letter (NFKC): b.
    ['Ｂ', 1],
    // An opening letter then a word picks b; the reason's "c" is no second pick.
    ['b because c is batch norm', 1],
    // A bracketed letter is the pick; "not b" rejects b, it does not pick it.
    ["I'd say (c), not b", 2],
  ])('%s picks option %i (0 = a)', (answer, index) => {
    expect(readChoice(part, answer)).toEqual({ index });
  });

  test("a text with all of one option's pairs and one pair of another is the first option's", () => {
    // same·position and neighbour·channel are all of b's pairs; all·activations is only one of c's two.
    expect(readChoice(part, 'the same position in neighbouring channels, all the activations')).toEqual({
      index: 1,
    });
  });

  test('"the same map" beside a letter describes the one feature map, c', () => {
    // "map" is c's own noun (no other option names a map).
    expect(readChoice(part, 'b, the same map')).toEqual({
      invalid: twoPicks('b', 'c) all the activations of the same feature map'),
    });
  });

  test('"feature maps" beside a letter are channels, not c\'s one feature map', () => {
    // As in the option text's pairs (neighbour·channel, b's), the plural names channels: b stands.
    expect(readChoice(part, 'b, neighbouring feature maps')).toEqual({ index: 1 });
  });
});

describe('a letter beside another option, on options with no pairs (otherOptionDescribed)', () => {
  // Options with no qualifier: none makes a pair, so only the exact text and the nouns can describe.
  const plain = {
    ...part,
    options: ['max pooling', "the network's stride", 'the layer weights'],
    correct: 1,
  };
  const plainAllowed = 'choose one of a, b, c (or 1–3)';

  test.each([['b, max pooling'], ['2, max pooling'], ['option b, max pooling'], ['option 2, max pooling']])(
    "%s: a's exact text beside the pick b (its letter or number, with or without 'option')",
    (answer) => {
      // The mark removed from the text leaves "max pooling", a's text exactly: two picks.
      expect(readChoice(plain, answer)).toEqual({
        invalid: `its letter picks b but its text describes a) max pooling; ${plainAllowed}`,
      });
    },
  );

  test("another option's exact text with an apostrophe beside the pick is that option", () => {
    // "the network's stride" normalised is " the network s stride ": the lone "s" is part of b's text.
    expect(readChoice(plain, "a, the network's stride")).toEqual({
      invalid: `its letter picks a but its text describes b) the network's stride; ${plainAllowed}`,
    });
  });

  test("the noun only c names describes c, though no option's pairs are made", () => {
    // "weights" is c's own noun; a has no own noun (so none of a's is named), b has none either.
    expect(readChoice(plain, 'a, the weights')).toEqual({
      invalid: `its letter picks a but its text describes c) the layer weights; ${plainAllowed}`,
    });
  });

  test("one of two nouns that set an option apart is not that option's description", () => {
    // c's own nouns are weights and outputs (activations): naming only weights describes no option.
    const two = {
      ...plain,
      options: ['max pooling', "the network's stride", 'the layer weights and outputs'],
    };
    expect(readChoice(two, 'a, the weights')).toEqual({ index: 0 });
  });
});

describe('the last rules, each against the reading without it', () => {
  test('spaces around an answer are no part of it: the opening letter still opens it', () => {
    // Trimmed, "b because c is batch norm" opens with b (a reason follows); untrimmed, it would be
    // two lone letters, b and c.
    expect(readChoice(part, '  b because c is batch norm')).toEqual({ index: 1 });
  });

  test('"feature map" and "mini batch" count as one word in the reach of a qualifier', () => {
    // same → very, exact, feature map: three words, so same·map (c's only pair of a map).
    expect(readChoice(part, 'the same very exact feature map')).toEqual({ index: 2 });
    // whole → very, large, mini batch: three words, so all·batch (a's).
    expect(readChoice(part, 'across the whole very large mini batch')).toEqual({ index: 0 });
  });
});

describe('choice by elimination (eliminated): the letters ruled out are no picks', () => {
  test('"not c, not d, not a, so b": the ruled-out letters are taken away, b is the pick', () => {
    expect(readChoice(part, 'not c, not d, not a, so b')).toEqual({ index: 1 });
  });

  test('one negation over a list: "not c, a or d: b, same spot next channels" picks b', () => {
    // "not" rules out the whole list c, a, d; b is left and named.
    expect(readChoice(part, 'not c, a or d: b, same spot next channels')).toEqual({ index: 1 });
  });

  test('a list said to be wrong: "d, a and c are wrong, so b" picks b (not the opening d)', () => {
    expect(readChoice(part, 'd, a and c are wrong, so b')).toEqual({ index: 1 });
  });

  test('every option but one ruled out, and none named, picks the one left: "not d, not c, not b" is a', () => {
    // Four options, three ruled out: a is left.
    expect(readChoice(part, 'not d, not c, not b')).toEqual({ index: 0 });
  });

  test('ruling out fewer than all the others picks none: "not a" is refused, not read as a', () => {
    expect(readChoice(part, 'not a')).toEqual({ invalid: `it rules out a but picks none; ${allowed}` });
    // Two ruled out, two left: no pick either; the letters are listed in order.
    expect(readChoice(part, 'not d or b')).toEqual({
      invalid: `it rules out b, d but picks none; ${allowed}`,
    });
  });

  test('the letter excepted from all the others is the pick: "all but c" picks c', () => {
    expect(readChoice(part, 'all but c')).toEqual({ index: 2 });
    expect(readChoice(part, 'every option except d is wrong')).toEqual({ index: 3 });
  });

  test('an "a" before a word is the article, not a letter ruled out: "not a guess: c"', () => {
    // Nothing is ruled out; the pick is c.
    expect(readChoice(part, 'not a guess: c')).toEqual({ index: 2 });
  });
});

describe('choice by elimination, more cases', () => {
  test('two negations in one answer each rule out their letter: "not c, so b, not d" picks b', () => {
    expect(readChoice(part, 'not c, so b, not d')).toEqual({ index: 1 });
  });

  test('two lists said to be wrong: "d is out, c is out, so b" picks b', () => {
    expect(readChoice(part, 'd is out, c is out, so b')).toEqual({ index: 1 });
  });

  test('a letter past the last option is no mark in a negation: "not e, c or d" is no pick', () => {
    // Question 5 has four options (a–d): "e" is no option, so "not e" rules nothing out, and the
    // lone "e" past the last option makes the lone letters no pick at all.
    expect(readChoice(part, 'not e, c or d')).toEqual({ invalid: allowed });
  });
});
