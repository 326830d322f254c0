import { afterEach, describe, expect, test } from 'vitest';
import { analyseAnswer } from '../src/grading/claims/analysis';
import { type Tagger, type Token, tagWords, useTagger } from '../src/grading/claims/nlp';

/*
 * How an answer's words are tagged (claims/nlp.ts), stated as the rules the rest of the grader
 * relies on: every word keeps where it was written (the clauses and the phrases found are cut on
 * these offsets), its lemma and part of speech come from wink-nlp's English model, a written word
 * the tokenizer cut in two is one word again, and the tagger can be swapped (the NLP comparison
 * script grades with another library). Issue 17, mutation testing: see docs/mutation-testing.md.
 * Each expected offset is counted by hand in the comment beside it.
 */

/** The words as [word, start, end], the word as written (case kept) read back from the text. */
const spans = (text: string) => tagWords(text).map((t) => [text.slice(t.start, t.end), t.start, t.end]);

describe('offsets: each word where it was written', () => {
  test('words after spaces and punctuation start where they are written, not where the last one ended', () => {
    // "Fewer  parameters, please": F=0..5, two spaces, "parameters" 7..17, "," 17..18, "please" 19..25.
    expect(spans('Fewer  parameters, please')).toEqual([
      ['Fewer', 0, 5],
      ['parameters', 7, 17],
      [',', 17, 18],
      ['please', 19, 25],
    ]);
  });

  test('a word after a symbol that touches it starts where it is written', () => {
    // "see http://a.b/c now": wink returns "http" 4..8, ":/" 8..10, "/" 10..11, "a.b" 11..14,
    // "/" 14..15, "c" 15..16, then "now" 17..20 after the space; each read back is the word written.
    const text = 'see http://a.b/c now';
    expect(tagWords(text).map((t) => [t.norm, text.slice(t.start, t.end), t.start, t.end])).toEqual([
      ['see', 'see', 0, 3],
      ['http', 'http', 4, 8],
      [':/', ':/', 8, 10],
      ['/', '/', 10, 11],
      ['a.b', 'a.b', 11, 14],
      ['/', '/', 14, 15],
      ['c', 'c', 15, 16],
      ['now', 'now', 17, 20],
    ]);
  });
});

describe('lemmas and parts of speech, lower case', () => {
  test('the lemma is the dictionary form, the tag the Universal Dependencies part of speech', () => {
    // "It" → "it" (PRON), "has" → "have" (AUX), "fewer" → "few" (ADJ), "parameters" → "parameter"
    // (NOUN): the English dictionary forms; the norm is the word written, lower case.
    const words = tagWords('It has fewer parameters');
    expect(words.map((t) => [t.norm, t.lemma, t.pos])).toEqual([
      ['it', 'it', 'PRON'],
      ['has', 'have', 'AUX'],
      ['fewer', 'few', 'ADJ'],
      ['parameters', 'parameter', 'NOUN'],
    ]);
  });
});

describe('one written word is one word', () => {
  test('"3x3" and "1X1", cut by the tokenizer, are glued back: norm and lemma lower case, the first part\'s tag', () => {
    // wink returns "3" (NUM) and "x3"; they touch (3 ends at 1, x3 starts at 1): one word 0..3.
    expect(tagWords('3X3 conv').map((t) => [t.norm, t.lemma, t.pos, t.start, t.end])).toEqual([
      ['3x3', '3x3', 'NUM', 0, 3],
      ['conv', 'conv', 'NOUN', 4, 8],
    ]);
  });

  test('a degree word right before a preposition is an adverb ("right after", "straight after")', () => {
    // wink's model reads "right" in "right after the ReLU" as a noun and "straight" in "straight
    // after the convolution" as an adjective; before a preposition each only says how close the
    // place is (an adverb), and heads nothing. "Put"=0..3, "pooling" 4..11, "right" 12..17.
    expect(tagWords('Put pooling right after the ReLU.')[2]).toEqual({
      norm: 'right',
      lemma: 'right',
      pos: 'ADV',
      start: 12,
      end: 17,
    });
    expect(tagWords('Pooling comes straight after the convolution.').map((t) => t.pos)).toEqual([
      'VERB',
      'VERB',
      'ADV',
      'ADP',
      'DET',
      'NOUN',
      'PUNCT',
    ]);
    // Not before a preposition, the word keeps its own tag: "the right layer" is an adjective.
    expect(tagWords('Pick the right layer.').map((t) => [t.norm, t.pos])).toEqual([
      ['pick', 'VERB'],
      ['the', 'DET'],
      ['right', 'ADJ'],
      ['layer', 'NOUN'],
      ['.', 'PUNCT'],
    ]);
    // The last word has no word after it to be a preposition: "Turn right" is read, not a crash
    // (the loop looks at each word with a next one only).
    expect(tagWords('Turn right').map((t) => t.norm)).toEqual(['turn', 'right']);
  });

  test('words that touch are glued only letter or digit to letter or digit', () => {
    // "e.g.conv": wink returns "e.g." and "conv", touching at 4, but "e.g." ends with a dot: two words.
    expect(tagWords('e.g.conv').map((t) => t.norm)).toEqual(['e.g.', 'conv']);
    // "CNN's": "'s" starts with an apostrophe: the possessive stays its own word.
    expect(tagWords("CNN's maps").map((t) => t.norm)).toEqual(['cnn', "'s", 'maps']);
    // Words with a space between them are never glued.
    expect(tagWords('1 x1').map((t) => t.norm)).toEqual(['1', 'x1']);
  });
});

describe('the tagger can be replaced (scripts/nlp-compare.ts grades with another library)', () => {
  let restore: Tagger | undefined;
  afterEach(() => {
    if (restore !== undefined) useTagger(restore);
    restore = undefined;
  });

  test('the replacement tags every answer until it is swapped back; the one it replaced is wink', () => {
    const fixed: Token[] = [{ norm: 'stub', lemma: 'stub', pos: 'NOUN', start: 0, end: 4 }];
    restore = useTagger(() => fixed);
    expect(tagWords('anything at all')).toBe(fixed);
    // The analysis reads its words from the tagger in use: the one clause holds the stub's word.
    expect(analyseAnswer('anything at all').clauses[0]!.tokens).toEqual(fixed);
    // What useTagger handed back is the wink tagger: it tags as tagWords did before the swap.
    expect(restore('fewer parameters').map((t) => t.lemma)).toEqual(['few', 'parameter']);
    const stub = useTagger(restore);
    restore = undefined;
    expect(stub('x')).toBe(fixed);
    expect(tagWords('fewer parameters').map((t) => t.lemma)).toEqual(['few', 'parameter']);
  });
});
