import { describe, expect, test } from 'vitest';
import { tagWords } from '../src/grading/claims/nlp';

/*
 * What claims/nlp.ts assumes of wink-nlp's English model, stated on its own output: every word it
 * returns is written in the text (contractions included), so a word's offset is where it is found
 * after the word before; and the degree words other than "right" and "straight" already come back
 * as adverbs before a preposition, so the re-tagging pass need not list them. Issue 17, mutation
 * testing (docs/mutation-testing.md). Each offset is counted by hand in the comment beside it.
 */

/** [norm, part of speech, start, end, the text at those offsets]. */
const tagged = (text: string) =>
  tagWords(text).map((t) => [t.norm, t.pos, t.start, t.end, text.slice(t.start, t.end)]);

describe('a contraction is found where it is written', () => {
  test('"can\'t": wink returns "ca" and "n\'t", both as written, glued back into one word', () => {
    // "It"=0..2, "can't"=3..8 (c,a,n,',t), "overfit"=9..16.
    expect(tagged("It can't overfit")).toEqual([
      ['it', 'PRON', 0, 2, 'It'],
      ["can't", 'AUX', 3, 8, "can't"],
      ['overfit', 'NOUN', 9, 16, 'overfit'],
    ]);
  });

  test('a curly apostrophe and a possessive keep their offsets', () => {
    // "It"=0..2, "isn’t"=3..8, "faster"=9..15.
    expect(tagged('It isn’t faster').map((t) => t.slice(2))).toEqual([
      [0, 2, 'It'],
      [3, 8, 'isn’t'],
      [9, 15, 'faster'],
    ]);
    // "CNN"=0..3, "'s"=3..5 (its own word: it starts with an apostrophe), "maps"=6..10,
    // "aren't"=11..17, "dense"=18..23.
    expect(tagged("CNN's maps aren't dense").map((t) => t.slice(2))).toEqual([
      [0, 3, 'CNN'],
      [3, 5, "'s"],
      [6, 10, 'maps'],
      [11, 17, "aren't"],
      [18, 23, 'dense'],
    ]);
  });
});

describe('degree words wink already tags as adverbs before a preposition', () => {
  test.each([
    // "Put"=0..3, "dropout" 4..11, "just" 12..16, "after" 17..22.
    ['Put dropout just after the dense layer.', 2],
    // "It comes directly after the ReLU": "directly" is the third word.
    ['It comes directly after the ReLU.', 2],
    ['Shortly before the output, add dropout.', 0],
    ['Pool immediately after each convolution.', 1],
  ] as const)('%j: word %i is an adverb, the next a preposition', (text, at) => {
    const words = tagWords(text);
    expect([words[at]!.pos, words[at + 1]!.pos]).toEqual(['ADV', 'ADP']);
  });
});
