import { describe, expect, test } from 'vitest';
import { analyseAnswer } from '../src/grading/claims/analysis';
import { compileClaim, findClaims } from '../src/grading/claims/synonyms';

/*
 * How a compiled claim is found in an answer (claims/synonyms.ts, `findClaims` and the steps it
 * calls: `spanAt`, `unorderedMatch`, the interior negations, `quantifiesOther`, `textOffset`),
 * stated as a teacher would state each rule. Every expected match is read off the sentence by hand
 * in the comment beside it. Issue 17, mutation testing (docs/mutation-testing.md, "synonyms.ts
 * lines 113–402").
 *
 * compileClaim caches by source text and a mutant runs only against the tests that cover it, so each
 * test writes its claims with a spacing no other test uses ("~  " / "  "), and compiles them itself.
 */

/** The normalised words of each place the claim is said in the answer. */
const said = (claim: string, answer: string): string[] => {
  const analysis = analyseAnswer(answer);
  return findClaims(analysis, compileClaim(claim)).map(({ from, to }) => analysis.text.slice(from, to));
};

describe('a word between the words of a claim that negates it takes the claim back', () => {
  // Each negation word of the grader's list, between "share" and "weights" (or the layer and its
  // weights) in a sentence a student could write; the same sentence without it says the claim.
  // (Plain loops, not test.each: Stryker's vitest runner was seen not to select test.each cases.)
  const sharing: [string, string, string][] = [
    ['They share barely any weights.', 'They share any weights.', 'share any weights'],
    ['They share hardly any weights.', 'They share any weights.', 'share any weights'],
    ['They share scarcely any weights.', 'They share any weights.', 'share any weights'],
    ['They share not one of the weights.', 'They share one of the weights.', 'share one of the weights'],
    ['They share none of the weights.', 'They share all of the weights.', 'share all of the weights'],
    ['They share nothing of the weights.', 'They share some of the weights.', 'share some of the weights'],
    ["They share nobody's weights.", "They share everybody's weights.", 'share everybody s weights'],
    ['They share zero weights.', 'They share two weights.', 'share two weights'],
    ['They share neither weights nor biases.', 'They share both weights and biases.', 'share both weights'],
  ];
  test('"They share barely any weights" … "neither weights nor biases" are not "share @parameter"', () => {
    for (const [negated, plain, span] of sharing) {
      expect(said('share   @parameter', negated), negated).toEqual([]);
      expect(said('share   @parameter', plain), plain).toEqual([span]);
    }
  });

  const having: [string, string, string][] = [
    ['The layer never has weights.', 'The layer always has weights.', 'layer always has weights'],
    // ("with" opens a clause of its own, so the plain sentence is "has".)
    ['The layer is without weights.', 'The layer has weights.', 'layer has weights'],
    ['The layer cannot hold weights.', 'The layer can hold weights.', 'layer can hold weights'],
    ['Layers nowhere share weights.', 'Layers everywhere share weights.', 'layers everywhere share weights'],
  ];
  test('"never", "without", "cannot", "nowhere" between them: not "~ @layer @parameter" in any order', () => {
    for (const [negated, plain, span] of having) {
      expect(said('~   @layer @parameter', negated), negated).toEqual([]);
      expect(said('~   @layer @parameter', plain), plain).toEqual([span]);
    }
  });

  const contractions = [
    'didnt',
    'wasnt',
    'werent',
    'hasnt',
    'havent',
    'hadnt',
    'cant',
    'wont',
    'shouldnt',
    'couldnt',
    'wouldnt',
    'mustnt',
    'neednt',
    'aint',
    'doesn’t',
    "didn't",
  ];
  test('a contraction written with or without its apostrophe between the words is a negation', () => {
    for (const neg of contractions)
      expect(said('share   @parameter', `They share ${neg} weights.`), neg).toEqual([]);
  });

  test('a word that only contains such a contraction is no negation ("significant", "parent", "unit")', () => {
    // "signifi-cant", "par-ent" and "transpar-ent" end like "cant" and "arent" without being them;
    // "unit" is no "n't" either: each sentence says fewer weights.
    expect(said('  @less  @parameter', 'Fewer significant weights.')).toEqual(['fewer significant weights']);
    expect(said('~  @less  @parameter', 'The weights of each unit are fewer.')).toEqual([
      'weights of each unit are fewer',
    ]);
    expect(said('~  @less  @parameter', 'The weights of the parent are fewer.')).toEqual([
      'weights of the parent are fewer',
    ]);
  });
});

describe('a list word written with a hyphen is said by its parts, one right after the other', () => {
  test('"low-level" and "low level" say @simple; "low / level" does not', () => {
    expect(said('@simple   features', 'Low-level features.')).toEqual(['low level features']);
    expect(said('@simple   features', 'Low level features.')).toEqual(['low level features']);
    expect(said('@simple   features', 'Low / level features.')).toEqual([]);
  });

  test('the parts may end the clause ("the features are low-level")', () => {
    expect(said('~  @simple   features', 'The features are low-level.')).toEqual(['features are low level']);
    expect(said('features   are  @simple', 'The features are low-level.')).toEqual([
      'features are low level',
    ]);
  });

  test('a part written with "*" is said by the words it begins ("up-conv*")', () => {
    expect(said('up-conv*   layers', 'Use up-convolution layers.')).toEqual(['up convolution layers']);
    expect(said('up-conv*   layers', 'Use up-sampling layers.')).toEqual([]);
  });
});

describe('a quantifier says how much of the noun after it', () => {
  test('"fewer kernels" and "more kernels" say nothing of how many weights', () => {
    expect(said('~   @less @parameter', 'Fewer kernels have weights.')).toEqual([]);
    expect(said('~   @more @parameter', 'More kernels have weights.')).toEqual([]);
    expect(said('~   @more @parameter', 'More weights.')).toEqual(['more weights']);
    // A measure noun ("number") is no object of its own: "a bigger number of weights" is more weights.
    expect(said('~   @more @parameter', 'A bigger number of weights.')).toEqual(['bigger number of weights']);
  });
});

describe('a claim is found inside one clause, the clause the rubric then judges it in', () => {
  /** Each span of the claim, and whether it lies inside one clause of the answer (its spaces included). */
  const spans = (claim: string, answer: string) => {
    const analysis = analyseAnswer(answer);
    return findClaims(analysis, compileClaim(claim)).map(({ from, to }) => ({
      words: analysis.text.slice(from, to),
      inOneClause: analysis.clauses.some((c) => from >= c.start && to <= c.end + 1),
    }));
  };

  test('a word the clause cutter splits ("3:1" is cut at its colon) gives no span across the cut', () => {
    // The colon ends a clause, so "a ratio of 3" and "1 of weights" are two clauses, while the
    // tagger keeps "3:1" one word, which starts in the first. A span from "ratio" to the end of
    // "3:1" would reach into the second clause; a span the rubric reads must lie inside one.
    for (const claim of ['ratio   3:1', '~  ratio   3:1'])
      for (const found of spans(claim, 'A ratio of 3:1 weights.')) expect(found.inOneClause).toBe(true);
    // Written as one clause, the same claim is found.
    expect(said('ratio   3|three', 'A ratio of 3 to 1.')).toEqual(['ratio of 3']);
  });
});

describe('each slot of an unordered claim is said by its own word', () => {
  test('one word said by two slots says only one of them ("the kernels are small")', () => {
    // "small" is a word of both @less and @local: "the kernels are small" says one of the two.
    expect(said('~    @less  @local', 'The kernels are small.')).toEqual([]);
    // Two words say the two slots. (Not "smaller local kernels": a word of degree says the size of
    // the noun its phrase ends in, and "kernels" is no word of this claim; "ones" stands for one.)
    expect(said('~    @less  @local', 'Smaller local ones.')).toEqual(['smaller local']);
  });

  test('a word that is a part of a hyphenated word said by another slot is that slot\'s ("low-level")', () => {
    // "low-level" says @simple by its two parts; its "level" is then no word of its own for "level".
    expect(said('~  level   @simple', 'Low-level features.')).toEqual([]);
    // The "low" of "low-level" is a part of the list word, not "low" quantifying "level".
    expect(said('~  @simple   features', 'Low-level features.')).toEqual(['low level features']);
  });
});

describe('where an ordered claim is sought', () => {
  test('four words may stand between two near slots', () => {
    // "of all these old" is four words between "fewer" and "weights" (five are too many, see
    // free-text-synonym-rules): found.
    expect(said('@less    @parameter', 'Fewer of all these old weights.')).toEqual([
      'fewer of all these old weights',
    ]);
  });

  test('a claim said twice in one clause is found once there', () => {
    // "fewer weights" and "fewer connections" are both @less @parameter in one clause: one span,
    // the first ("findClaims": one per clause at most).
    expect(said('@less    @parameter', 'Fewer weights means fewer connections.')).toEqual(['fewer weights']);
  });

  test('"#size" is an image size of at least 16 on each side: 16x16 is, 15x16 is not', () => {
    expect(said('at   #size', 'Trained at 16x16.')).toEqual(['at 16x16']);
    expect(said('at   #size', 'Trained at 15x16.')).toEqual([]);
  });

  test('"n\'t" in a slot is said by a contraction the tagger keeps whole ("wasn\'t", "mustn’t")', () => {
    // Each sentence says that the output does not change.
    for (const answer of [
      "The output wasn't changed.",
      "The output hasn't changed.",
      'The output mustn’t change.',
    ])
      expect(said("output   n't   change", answer), answer).toHaveLength(1);
  });
});

describe('edges of the words of a claim (added after the measured run 2)', () => {
  test('a hyphenated list word whose first part ends the clause is not said ("the features are low")', () => {
    // "low" alone is no @simple word, and "low-level" needs a "level" after it: nothing.
    expect(said('~   @simple   features', 'The features are low.')).toEqual([]);
  });

  test('a "*" part begins the word it says, "conv*" is not every word beginning with "c"', () => {
    expect(said('up-conv*   layers', 'Use up-cropping layers.')).toEqual([]);
  });
});
