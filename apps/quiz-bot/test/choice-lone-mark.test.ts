import { describe, expect, test } from 'vitest';
import { loneMark, readChoice, readChoiceInFull } from '../src/grading/choice';
import { QUESTIONS } from '../src/questions/bank';

/*
 * readChoice's shortcut for an answer that is one option's mark (a letter or a digit: what a
 * button sends, and most typed answers; issue 20) must read exactly as the full reading does. The
 * full reading (`readChoiceInFull`) is the reference: every one-character answer among the ASCII,
 * Latin-1 and Latin Extended code points, the full-width letters and digits and a few look-alikes,
 * for parts of 2 to 10 options (a part has 2 to 8; the shortcut covers at most the first 8).
 */

const question5 = QUESTIONS[4]!.parts.find((p) => p.kind === 'choice')!;
if (question5.kind !== 'choice') throw new Error('question 5 has a choice part');
const withOptions = (count: number) => ({
  ...question5,
  options: Array.from({ length: count }, (_, i) => question5.options[i % question5.options.length]!),
  correct: 0,
});

const codes = [
  ...Array.from({ length: 0x250 }, (_, i) => i),
  ...Array.from({ length: 0xff5b - 0xff10 }, (_, i) => 0xff10 + i), // full-width digits and letters
  0x0430, // Cyrillic а
  0x0441, // Cyrillic с
  0x2460, // ①
  0x24b6, // Ⓐ
];

describe('a lone mark read at once', () => {
  test.each([2, 3, 4, 5, 6, 7, 8, 9, 10])(
    '%i options: every one-character answer reads as in full',
    (count) => {
      const part = withOptions(count);
      for (const code of codes) {
        const answer = String.fromCharCode(code);
        expect([answer, readChoice(part, answer)]).toEqual([answer, readChoiceInFull(part, answer)]);
      }
    },
  );

  test('the forms the shortcut takes, read by hand', () => {
    const part = withOptions(4);
    // A button sends its option's number (1-based); a typed letter in either case: b is the second.
    expect(readChoice(part, '2')).toEqual({ index: 1 });
    expect(readChoice(part, 'B')).toEqual({ index: 1 });
    expect(readChoice(part, 'a')).toEqual({ index: 0 });
    // Past the last of 4 options: no pick, as in full ("e" is the fifth letter, "5" the fifth number).
    expect(readChoice(part, 'e')).toEqual(readChoiceInFull(part, 'e'));
    expect(readChoice(part, '5')).toEqual({ invalid: 'choose one of a, b, c, d (or 1–4)' });
  });
});

describe('which answers take the shortcut (loneMark)', () => {
  // The shortcut's own rule, worked by hand: one character, a–h, A–H or 1–8, naming one of the
  // first min(count, 8) options of a part of 2 or more; its index (a, A, 1 → 0). Everything else
  // is left to the full reading (undefined), which then reads it as above.
  test.each([
    ['a', 2, 0],
    ['b', 2, 1],
    ['h', 8, 7],
    ['A', 2, 0],
    ['H', 8, 7],
    ['1', 2, 0],
    ['8', 8, 7],
    ['d', 10, 3],
  ])('%s of %i options is option %i', (answer, count, index) => {
    expect(loneMark(answer, count)).toBe(index);
  });

  test.each([
    ['c', 2, 'past the last option'],
    ['C', 2, 'past the last option'],
    ['3', 2, 'past the last option'],
    ['i', 9, 'past the eighth letter'],
    ['I', 9, 'past the eighth letter'],
    ['9', 9, 'past the eighth number'],
    ['0', 4, 'no option 0'],
    ['`', 4, "the code before 'a'"],
    ['@', 4, "the code before 'A'"],
    ['a', 1, 'a part of one option'],
    ['ab', 4, 'two characters'],
    ['', 4, 'nothing'],
  ])('%s of %i options is left to the full reading (%s)', (answer, count) => {
    expect(loneMark(answer as string, count as number)).toBeUndefined();
  });
});
