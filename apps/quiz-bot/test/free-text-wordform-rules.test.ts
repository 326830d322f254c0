import { describe, expect, test } from 'vitest';
import { MIN_TYPO_LENGTH, misspells, oneEditApart } from '../src/grading/claims/wordforms';
import { REAL_NEAR_SLOT_WORDS } from '../src/grading/claims/wordnet-synonyms';

/*
 * The misspelling rule of claims/wordforms.ts one case each (issue 17, mutation testing; see
 * docs/mutation-testing.md): one edit (Damerau–Levenshtein distance 1) wherever it falls in the
 * word, never two, and which written words may be read as a slot word misspelt. Each edit is
 * spelt out in the comment beside it. free-text-lexical holds the first cases.
 */

describe('one edit, wherever it falls', () => {
  test.each([
    ['xayer', 'layer'], // the first letter changed
    ['layex', 'layer'], // the last letter changed
    ['ab', 'ba'], // the only two letters swapped
    ['layre', 'layer'], // the last two letters swapped
    ['wieght', 'weight'], // two letters swapped in the middle
    ['aparameters', 'parameters'], // a letter added at the start
    ['parameterss', 'parameters'], // a letter added at the end
    ['pool', 'pools'], // the last letter dropped
    ['arameters', 'parameters'], // the first letter dropped
  ])('%j is one edit from %j', (written, word) => {
    expect(oneEditApart(written, word)).toBe(true);
  });

  test.each([
    ['abcd', 'acbe'], // b and c swapped, then d → e: two edits
    ['layed', 'laxex'], // y → x and d → x
    ['lyxer', 'layer'], // a → y and y → x (its y is the word's next letter, but no swap)
    ['pooks', 'pool'], // l → k and s added
    ['pool', 'pooks'], // the same the other way round
    ['xpool', 'pools'], // x added at the start and s dropped at the end
    ['pool', 'poolss'], // two letters added
    ['paramete', 'parameters'], // two letters dropped
  ])('%j is more than one edit from %j', (written, word) => {
    expect(oneEditApart(written, word)).toBe(false);
  });
});

describe('which written words are read as a slot word misspelt', () => {
  const word = (norm: string, pos = 'NOUN', lemma = norm) => ({ norm, lemma, pos });

  test('a slot word of exactly five letters is long enough', () => {
    expect(MIN_TYPO_LENGTH).toBe(5);
    // "bacth": t and c of "batch" swapped; "batch" has five letters, and "bacth" is no English word.
    expect(REAL_NEAR_SLOT_WORDS.has('bacth')).toBe(false);
    expect(misspells(word('bacth'), 'batch', REAL_NEAR_SLOT_WORDS)).toBe(true);
  });

  test('a word with a digit in it is a name, not a slip ("layer2" is one edit from "layers")', () => {
    expect(oneEditApart('layer2', 'layers')).toBe(true);
    expect(misspells(word('layer2'), 'layers', REAL_NEAR_SLOT_WORDS)).toBe(false);
  });

  test('two edits away is no misspelling, even with the same first letter and a long slot word', () => {
    // "paramtrs": e and e dropped from "parameters".
    expect(misspells(word('paramtrs'), 'parameters', REAL_NEAR_SLOT_WORDS)).toBe(false);
  });

  test('a real word is refused by its lemma too, not only as written', () => {
    // "lawyers" is one edit from "layers" (w added) and its lemma "lawyer" is a WordNet lemma one
    // edit from "layer"; written "lawyers" it is not itself listed, so only the lemma refuses it.
    expect(REAL_NEAR_SLOT_WORDS.has('lawyers')).toBe(false);
    expect(REAL_NEAR_SLOT_WORDS.has('lawyer')).toBe(true);
    expect(misspells(word('lawyers', 'NOUN', 'lawyer'), 'layers', REAL_NEAR_SLOT_WORDS)).toBe(false);
    // The same word with a lemma that is no real word would be a slip: the lemma decides.
    expect(misspells(word('lawyers', 'NOUN', 'lawyers'), 'layers', REAL_NEAR_SLOT_WORDS)).toBe(true);
  });
});
