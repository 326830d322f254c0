import { describe, expect, test } from 'vitest';
import { answerRequestSchema, parseValidAnswerRequest, withoutControlCharacters } from '../src/schemas';

/*
 * The hand-made parse of a valid answer request (issue 20: what the Discord adapter builds for every
 * answer) against zod's parse of answerRequestSchema, the reference: where zod accepts, the same
 * output (same keys, same values); where zod refuses, no output, so zod's error sentence is kept.
 */

const valid = {
  userId: 'discord:123456789012345678',
  displayName: '  Ada\u200b Lovelace ',
  questionId: 5,
  partId: 'across',
  answer: 'b',
  variantSeed: 7,
  idempotencyKey: 'discord:987654321098765432',
};

const cases: [string, unknown][] = [
  ['every field', valid],
  ['only the required fields', { userId: 'ada', displayName: 'Ada', questionId: 1, answer: 'x' }],
  [
    'optional fields given as undefined',
    { ...valid, partId: undefined, variantSeed: undefined, idempotencyKey: undefined },
  ],
  ['an unknown key', { ...valid, groupId: 'g' }],
  ['a user id with a space', { ...valid, userId: 'a b' }],
  ['a user id of 101 characters', { ...valid, userId: 'a'.repeat(101) }],
  ['a user id of 100 characters', { ...valid, userId: 'a'.repeat(100) }],
  ['an empty user id', { ...valid, userId: '' }],
  ['a name of invisible characters only', { ...valid, displayName: '\u200b \u200d' }],
  ['a name of 70 characters (cut to 64)', { ...valid, displayName: 'n'.repeat(70) }],
  ['a name that is no text', { ...valid, displayName: 5 }],
  ['a question id that is a string', { ...valid, questionId: '5' }],
  ['a fractional question id', { ...valid, questionId: 5.5 }],
  ['a question id past the safe integers', { ...valid, questionId: 2 ** 53 }],
  ['a question id NaN', { ...valid, questionId: Number.NaN }],
  ['a part id of 40 characters', { ...valid, partId: 'p'.repeat(40) }],
  ['a part id of 41 characters', { ...valid, partId: 'p'.repeat(41) }],
  ['a part id that is a number', { ...valid, partId: 1 }],
  ['an empty answer (cleanAnswer refuses it later)', { ...valid, answer: '' }],
  ['an answer that is no text', { ...valid, answer: 2 }],
  ['variant 0', { ...valid, variantSeed: 0 }],
  ['variant 2^31', { ...valid, variantSeed: 2 ** 31 }],
  ['variant 2^31 + 1', { ...valid, variantSeed: 2 ** 31 + 1 }],
  ['variant -1', { ...valid, variantSeed: -1 }],
  ['a fractional variant', { ...valid, variantSeed: 1.5 }],
  ['an empty idempotency key', { ...valid, idempotencyKey: '' }],
  ['an idempotency key of 200 characters', { ...valid, idempotencyKey: 'k'.repeat(200) }],
  ['an idempotency key of 201 characters', { ...valid, idempotencyKey: 'k'.repeat(201) }],
  ['null', null],
  ['an array', [valid]],
  ['a string', 'b'],
  ['an object with no prototype', Object.assign(Object.create(null), valid)],
];

describe('an answer request parsed by hand where zod would accept it', () => {
  test.each(cases)('%s', (_, input) => {
    const reference = answerRequestSchema.safeParse(input);
    const fast = parseValidAnswerRequest(input);
    if (!reference.success) expect(fast).toBeUndefined();
    else if (fast !== undefined) {
      expect(fast).toEqual(reference.data);
      expect(Object.keys(fast).sort()).toEqual(Object.keys(reference.data).sort());
    }
  });

  test('the requests the Discord adapter builds take the hand-made parse', () => {
    // Every field valid, the optional ones present or given as undefined: no zod parse needed.
    expect(parseValidAnswerRequest(valid)).toEqual({ ...valid, displayName: 'Ada Lovelace' });
    const bare = { userId: 'ada', displayName: 'Ada', questionId: 1, answer: 'x', partId: undefined };
    expect(Object.keys(parseValidAnswerRequest(bare)!)).toEqual([
      'userId',
      'displayName',
      'questionId',
      'partId',
      'answer',
    ]);
  });
});

describe('control characters taken out of an answer (withoutControlCharacters)', () => {
  const ascii = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)).join('');

  test('printable ASCII, returned at once, is what the character walk keeps too', () => {
    // The shortcut: all 95 printable characters come back as they are, newlines and tabs with them
    // where they are kept.
    expect(withoutControlCharacters(ascii, { keepNewlines: false })).toBe(ascii);
    expect(withoutControlCharacters(`${ascii}\n\t`, { keepNewlines: true })).toBe(`${ascii}\n\t`);
    // The walk (an "é" takes the text out of ASCII): it keeps every one of them as well.
    expect(withoutControlCharacters(`${ascii}é`, { keepNewlines: false })).toBe(`${ascii}é`);
    expect(withoutControlCharacters(`${ascii}\n\té`, { keepNewlines: true })).toBe(`${ascii}\n\té`);
  });

  test('controls are taken out either way', () => {
    // Newline and tab are controls unless kept; DEL (U+007F) and ESC (U+001B) always are.
    expect(withoutControlCharacters('a\nb\tc', { keepNewlines: false })).toBe('abc');
    expect(withoutControlCharacters('a\u007fb\u001bc', { keepNewlines: true })).toBe('abc');
    expect(withoutControlCharacters('a\u200bb', { keepNewlines: true })).toBe('ab');
  });
});
