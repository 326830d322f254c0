import { describe, expect, test } from 'vitest';
import { analyseAnswer } from '../src/grading/claims/analysis';
import { compileClaim, DIRECTED_LISTS, findClaims, SYNONYMS } from '../src/grading/claims/synonyms';
import { MIN_TYPO_LENGTH, misspells, oneEditApart } from '../src/grading/claims/wordforms';
import { REAL_NEAR_SLOT_WORDS, WORDNET_SYNONYMS } from '../src/grading/claims/wordnet-synonyms';
import { gradeRubric } from '../src/index';
import { questionRubric } from './bank-rubric';

/*
 * Issue 18: the free-text grader's vocabulary comes from data, so that a paraphrase the claims were
 * not written with is still read. Two rules, each with the answers it must credit and the ones it
 * must still refuse (keyword lists, real words that only look like a slot word). Every expectation
 * is what a teacher reads in the sentence, worked out by hand in the comment beside it.
 */
const grade = (question: number, answer: string) => gradeRubric(questionRubric(question), answer);
/** The stretches of the answer where the claim is found. */
const said = (claim: string, answer: string) => {
  const analysis = analyseAnswer(answer);
  return findClaims(analysis, compileClaim(claim)).map(({ from, to }) => analysis.text.slice(from, to));
};

describe('a slot word matches every form of its lemma (synonyms.ts fits)', () => {
  test('a slot written in one form matches the others ("biggest" → "big", "kernels" → "kernel")', () => {
    // wink-nlp lemmatises the slot word "biggest" to "big", the lemma of the answer's "big".
    expect(said('biggest activation', 'A big activation wins.')).toEqual(['big activation']);
    expect(said('~ fewer kernels', 'Each layer gets a kernel fewer.')).toEqual(['kernel fewer']);
    // Another word with the same first letters is not a form of it.
    expect(said('biggest activation', 'A bigot activation wins.')).toEqual([]);
  });

  test('Q5\'s bullet, with "big" where the claim says "biggest", is credited with the inhibition point', () => {
    // A big activation damps the same position in the nearby channels: lateral inhibition.
    expect(grade(5, '- how: a big activation damps the same (x, y) in nearby channels').covered).toEqual([
      'inhibition',
    ]);
  });
});

describe('a quantifier belongs to the noun after it (synonyms.ts unorderedMatch)', () => {
  test('"less memory" says nothing of the kernels in its clause; "less kernels" does', () => {
    expect(said('~ less kernels', 'The kernel uses less memory.')).toEqual([]);
    expect(said('~ less kernels', 'The layer has less kernels.')).toEqual(['less kernels']);
    // A noun the claim names may follow it: "fewer filters" in "fewer filters, fewer kernels".
    expect(said('~ fewer filters|kernels', 'Use fewer kernels per layer.')).toEqual(['fewer kernels']);
  });

  test.each([
    // A bigger kernel does not use less memory, and it is no smaller model (Q3, wrong claim).
    [3, 'Use a bigger kernel, a 7x7 kernel uses less memory than a 3x3 one.', 0],
    // Fewer filters per layer is the smaller-model remedy, one of five.
    [3, 'Fewer filters per layer.', 0.2],
  ] as const)('question %i: %j scores %d', (question, answer, score) => {
    expect(grade(question, answer).score).toBe(score);
  });
});

describe('WordNet synonym classes of the claims words (wordnet-synonyms.ts, synonyms.ts fits)', () => {
  test.each([
    // WordNet 3.1: "subdue" shares the first verb sense of "suppress" (a word of @inhibit); the
    // sentence says the strong activation suppresses its neighbours: the inhibition point of Q5.
    [5, 'Strong activations subdue the neurons at the same position in neighbouring maps.', 'inhibition'],
    // "discover" shares the first verb sense of "detect" (@see): detected anywhere, Q1's translation point.
    [1, 'A CNN can discover a pattern anywhere in the image.', 'translation'],
    // "observe" is also in that synset.
    [1, 'A CNN can observe a cat anywhere in the photograph.', 'translation'],
    // "dissever" shares the first verb sense of "split" (@split): split over devices, Q3's distribute point.
    [3, 'Dissever the network across devices.', 'distribute'],
  ] as const)('question %i: %j is credited with %s', (question, answer, concept) => {
    expect(grade(question, answer).covered).toContain(concept);
  });

  test.each([
    // The same synonyms strung together assert nothing.
    [1, 'discover, observe, anywhere, photograph, hierarchy'],
    [5, 'subdue neighbours specialise generalise lower layers'],
    [3, 'dissever devices fp16 stride batch'],
    // Said and then denied.
    [1, 'A CNN can discover a pattern anywhere in the image? No.'],
  ] as const)('question %i: %j earns nothing', (question, answer) => {
    expect(grade(question, answer).score).toBe(0);
  });

  test('a word that says a direction, a degree or a negation has no class (a neighbour may be its opposite)', () => {
    for (const name of DIRECTED_LISTS)
      for (const word of SYNONYMS[name] ?? []) expect(WORDNET_SYNONYMS[word], word).toBeUndefined();
    // No class holds one of those words either ("fewer" would turn "@less" round).
    const directed = new Set([...DIRECTED_LISTS].flatMap((name) => SYNONYMS[name] ?? []));
    for (const [word, synonyms] of Object.entries(WORDNET_SYNONYMS))
      for (const synonym of synonyms) expect(directed.has(synonym), `${word} → ${synonym}`).toBe(false);
  });
});

describe('misspellings read as the word meant (wordforms.ts misspells)', () => {
  const word = (norm: string, pos = 'NOUN', lemma = norm) => ({ norm, lemma, pos });

  test('one edit: a letter dropped, added, changed, or two neighbours swapped', () => {
    expect(oneEditApart('paramters', 'parameters')).toBe(true); // "e" dropped
    expect(oneEditApart('sharring', 'sharing')).toBe(true); // "r" added
    expect(oneEditApart('invarience', 'invariance')).toBe(true); // "a" → "e"
    expect(oneEditApart('hierarhcy', 'hierarchy')).toBe(true); // "ch" swapped
    expect(oneEditApart('paramtrs', 'parameters')).toBe(false); // two dropped
    expect(oneEditApart('pooling', 'pooling')).toBe(false); // the word itself is no misspelling
  });

  test('a misspelling counts; a real word one edit away, a short word or a function word does not', () => {
    expect(misspells(word('paramters'), 'parameters', REAL_NEAR_SLOT_WORDS)).toBe(true);
    expect(misspells(word('sharring', 'VERB'), 'sharing', REAL_NEAR_SLOT_WORDS)).toBe(true);
    // "height" is an English word (a WordNet lemma one edit from "weight"): never read as "weight".
    expect(misspells(word('heights', 'NOUN', 'height'), 'weights', REAL_NEAR_SLOT_WORDS)).toBe(false);
    expect(misspells(word('power'), 'lower', REAL_NEAR_SLOT_WORDS)).toBe(false);
    // The same first letter, one edit, and still real words: "lawyers" (a WordNet lemma one edit
    // from "layer"), "strive" (one from "stride").
    expect(misspells(word('lawyers', 'NOUN', 'lawyer'), 'layers', REAL_NEAR_SLOT_WORDS)).toBe(false);
    expect(misspells(word('strive', 'VERB'), 'stride', REAL_NEAR_SLOT_WORDS)).toBe(false);
    // Slot words under five letters are too short to guess at: "les" is not read as "less".
    expect(MIN_TYPO_LENGTH).toBe(5);
    expect(misspells(word('les', 'ADJ'), 'less', REAL_NEAR_SLOT_WORDS)).toBe(false);
    // A different first letter is another word, not a slip.
    expect(misspells(word('varameters'), 'parameters', REAL_NEAR_SLOT_WORDS)).toBe(false);
    // A function word is never a content word misspelt.
    expect(misspells(word('whose', 'PRON'), 'whole', REAL_NEAR_SLOT_WORDS)).toBe(false);
  });

  test('a non-native answer with slips is credited with the point it makes', () => {
    // Fewer parameters through weight sharing, with its consequence: one of Q1's three points.
    const g = grade(1, 'CNN have les paramters because of weight sharring so they dont overfit as much');
    expect(g.covered).toContain('fewer-parameters');
    expect(g.score).toBeCloseTo(1 / 3, 3);
    // Q3: "layrs" is "layers" misspelt, removing layers is the smaller-model remedy (one of five).
    expect(grade(3, 'Remove a couple of layrs.').covered).toEqual(['smaller-model']);
  });

  test.each([
    // Misspelt keywords are still keywords.
    [1, 'paramters sharring translaton hierarhcy overfiting'],
    // "heights" is no misspelling of "weights": fewer heights says nothing about parameters.
    [1, 'CNNs have far fewer heights than dense nets.'],
    // Firing lawyers is no remedy for the GPU's memory, nor is a larger "strive" a larger stride.
    [3, 'Remove a couple of lawyers.'],
    [3, 'Use a larger strive.'],
  ] as const)('question %i: %j earns nothing', (question, answer) => {
    expect(grade(question, answer).score).toBe(0);
  });
});
