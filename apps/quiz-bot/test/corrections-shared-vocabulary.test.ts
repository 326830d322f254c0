import { describe, expect, test } from 'vitest';
import { readChoice } from '../src/grading/choice';
import { HEDGED_TAKE_BACK_PHRASES, TAKE_BACK_PHRASES } from '../src/grading/corrections';
import { parseQuantity } from '../src/grading/quantity';
import { QUESTIONS } from '../src/questions/bank';

/*
 * Stop 33: one vocabulary of taking back (src/grading/corrections.ts) for the choice reader and the
 * figure reader, so every phrase either knows the other knows too. Each phrase is tried in both, as
 * a student writes it (capitalised, with a comma), on question 5's options and on a figure.
 */

const part = QUESTIONS[4]!.parts.find((p) => p.kind === 'choice')!;
if (part.kind !== 'choice') throw new Error('question 5 has a choice part');
const capitalised = (phrase: string) => phrase[0]!.toUpperCase() + phrase.slice(1);

describe('every phrase that takes back, in both readers', () => {
  test.each(TAKE_BACK_PHRASES)('%j: a pick taken back is the later pick', (phrase) => {
    expect(readChoice(part, `b. ${capitalised(phrase)}, d.`)).toEqual({ index: 3 });
    expect(readChoice(part, `d ${phrase} b`)).toEqual({ index: 1 });
  });

  test.each([...TAKE_BACK_PHRASES, ...HEDGED_TAKE_BACK_PHRASES])(
    '%j: a figure taken back after a dash is the later figure',
    (phrase) => {
      expect(parseQuantity(`16 — ${phrase}, 32`, 'ratio').value).toBe(32);
      expect(parseQuantity(`903,400 -- ${capitalised(phrase)} 902,700`, 'count').value).toBe(902_700);
    },
  );

  test.each(HEDGED_TAKE_BACK_PHRASES)('%j: takes back a bare pick', (phrase) => {
    expect(readChoice(part, `d, ${phrase} b`)).toEqual({ index: 1 });
  });
});

test('a hedged word before a reason takes nothing back (near miss): the pick stays', () => {
  expect(readChoice(part, 'b, actually, since c would be one feature map only')).toEqual({ index: 1 });
});

test.each([
  // A comma inside a phrase, as it is often written ("actually, no", "no, wait", "sorry, I mean").
  ['b. Actually, no, d.', '903,400 — actually, no, 902,700'],
  ['d, no, wait, b', '903,400 -- No, wait: 902,700'],
  ['d... sorry, I mean b', '903,400 — sorry, I mean 902,700'],
] as const)('%j and %j: a phrase with a comma inside takes back all the same', (choice, figure) => {
  expect(readChoice(part, choice)).toEqual({ index: choice.endsWith('d.') ? 3 : 1 });
  expect(parseQuantity(figure, 'count').value).toBe(902_700);
});
