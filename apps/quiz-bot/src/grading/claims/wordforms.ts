/*
 * Misspellings read as the word meant ("paramters", "sharring"), for the non-native and hurried
 * answers a teacher reads through: a student's word one edit away from a word a claim is written
 * with counts as that word, unless it is a real English word itself (WordNet's lemmas one edit away
 * from a slot word are listed in ./wordnet-synonyms, so "height" never stands for "weight", nor
 * "power" for "lower").
 */

/** Slot words shorter than this are never matched through a misspelling ("less", "bit", "map"). */
export const MIN_TYPO_LENGTH = 5;

const LETTERS = /^[a-z]+$/;

/** Parts of speech a misspelling of a content word is never tagged with (function words). */
const FUNCTION_POS = new Set(['DET', 'PRON', 'ADP', 'SCONJ', 'CCONJ', 'AUX', 'PART', 'NUM', 'PUNCT']);

/**
 * Is `written` one edit away from `word` (Damerau–Levenshtein distance 1: a letter added, dropped,
 * changed, or two neighbours swapped)?
 */
export function oneEditApart(written: string, word: string): boolean {
  const a = written;
  const b = word;
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  // The first place they differ: a !== b, so they differ before both end (past its end a string
  // reads undefined, which differs from any letter of the longer one).
  let i = 0;
  while (a[i] === b[i]) i++;
  if (a.length === b.length)
    return (
      a.slice(i + 1) === b.slice(i + 1) ||
      (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2))
    );
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/**
 * Is the written word a misspelling of the slot word `word` ("paramters", "sharring")? One edit
 * away, the same first letter, the slot word at least five letters long, a content word, and not a
 * real English word itself: `realWords` holds the WordNet lemmas one edit away from a slot word
 * ("height" beside "weight", "power" beside "lower"), checked against the written word and its lemma.
 */
export function misspells(
  written: { readonly norm: string; readonly lemma: string; readonly pos: string },
  word: string,
  realWords: ReadonlySet<string>,
): boolean {
  const { norm } = written;
  // The cheap tests first: this runs for every word of the answer against every slot word
  // (`oneEditApart` refuses lengths more than one apart before it reads a letter).
  return (
    word.length >= MIN_TYPO_LENGTH &&
    norm[0] === word[0] &&
    oneEditApart(norm, word) &&
    !FUNCTION_POS.has(written.pos) &&
    LETTERS.test(norm) &&
    LETTERS.test(word) &&
    !realWords.has(norm) &&
    !realWords.has(written.lemma)
  );
}
