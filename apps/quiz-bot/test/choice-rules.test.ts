import { describe, expect, test } from 'vitest';
import { readChoice } from '../src/grading/choice';
import { QUESTIONS } from '../src/questions/bank';

/*
 * A letter beside another option's text (choice.ts `otherOptionDescribed`, `nounsOf`), one case per
 * rule, on question 5's options: a) the activations of the same channel across the whole
 * mini-batch, b) the activations at the same position in neighbouring channels (right), c) all the
 * activations of the same feature map, d) the layer's own weights. The reading a teacher gives each
 * answer is worked out beside it.
 */

const part = QUESTIONS[4]!.parts.find((p) => p.kind === 'choice')!;
if (part.kind !== 'choice') throw new Error('question 5 has a choice part');
const twoPicks = (letter: string, other: string) =>
  `its letter picks ${letter} but its text describes ${other}; choose one of a, b, c, d (or 1–4)`;

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
