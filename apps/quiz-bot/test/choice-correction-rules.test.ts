import { describe, expect, test } from 'vitest';
import { readChoice } from '../src/grading/choice';
import { QUESTIONS } from '../src/questions/bank';

/*
 * Issue 18, stop 32: a choice answer that corrects its pick, or offers a second candidate. On
 * question 5's options (a batch, b neighbouring channels, c one feature map, d the weights); the
 * answers are the lead's own phrasings, the reading a teacher gives each worked out beside it.
 */

const part = QUESTIONS[4]!.parts.find((p) => p.kind === 'choice')!;
if (part.kind !== 'choice') throw new Error('question 5 has a choice part');
const index = (letter: string) => letter.charCodeAt(0) - 97;

describe('a pick taken back by a later one is the later one', () => {
  test.each([
    // "b", then "actually no": the final pick is a.
    ['b. Actually no, a.', 'a'],
    ['a. actually no, b.', 'b'],
    ['b, no wait, a', 'a'],
    ["I'd say b... no, a", 'a'],
    ['a, sorry I mean b', 'b'],
    ['b - no, c', 'c'],
    ['b -- scratch that, d', 'd'],
    ['d, actually b', 'b'],
    ['a. no wait, b is right', 'b'],
    // After a weak word ("actually"), the pick before it is bare: the new one may carry its reason.
    ["b... actually c, it's the whole feature map", 'c'],
  ])('%j picks %s', (answer, letter) => {
    expect(readChoice(part, answer)).toEqual({ index: index(letter) });
  });

  test.each([
    // A "no" that takes nothing back, and words after the pick that pick nothing.
    ['b, no doubt', 'b'],
    ['b, no other option fits', 'b'],
    ['b. Wait, is it?', 'b'],
    // No pick before the words: nothing is corrected.
    ['no idea, maybe b', 'b'],
    ['b because a is batch norm', 'b'],
    // A correction word that opens a reason (review 32): the letter in the reason is no new pick.
    ['b, actually, since c would be instance norm', 'b'],
    ['b. I mean, c is the whole map, so b', 'b'],
    ['b, wait, d is weights so definitely b', 'b'],
    ['b. No, not a', 'b'],
    ["b, no, it's not a", 'b'],
    ['b, I mean neighbouring channels, not a', 'b'],
    ['b, actually because it normalises across channels, not c', 'b'],
    // The student keeps the first pick after weighing another: a wrong answer stays wrong.
    ['a. I mean, b would also normalise, but a', 'a'],
    ["c, actually b is the LRN one but I'll go with c", 'c'],
  ])('%j still picks %s', (answer, letter) => {
    expect(readChoice(part, answer)).toEqual({ index: index(letter) });
  });
});

describe('a second candidate offered after the pick is two picks', () => {
  test.each([
    ['b, or maybe a', 'a and b'],
    ['b. maybe c', 'b and c'],
    ['b? perhaps d', 'b and d'],
  ])('%j picks %s: refused', (answer, both) => {
    expect(readChoice(part, answer)).toEqual({
      invalid: `it picks ${both}; choose one of a, b, c, d (or 1–4)`,
    });
  });

  test('an article "a" after "maybe" is no pick: "b, or maybe a different one is right too" picks b', () => {
    expect(readChoice(part, 'b, or maybe a different one is right too')).toEqual({ index: 1 });
  });

  test('a number after "perhaps" that counts something is no option: "b, perhaps 3 neighbours on each side" picks b', () => {
    expect(readChoice(part, 'b, perhaps 3 neighbours on each side')).toEqual({ index: 1 });
  });
});
