import { describe, expect, test } from 'vitest';
import { isSameAnswer, scopedIdempotencyKey } from '../src/idempotency';

const recorded = { groupId: 'g1', partId: 'a', variantSeed: 7, answer: '100x150x100' };

describe('isSameAnswer: a repeated key returns the first result only for the same payload', () => {
  test('the same group, part, variant and answer text is the same answer', () => {
    expect(isSameAnswer(recorded, { ...recorded })).toBe(true);
    expect(isSameAnswer({ ...recorded, variantSeed: null }, { ...recorded, variantSeed: null })).toBe(true);
  });

  test.each([
    ['another group', { groupId: 'g2' }],
    ['another part', { partId: 'b' }],
    ['another variant', { variantSeed: 8 }],
    ['no variant against variant 7', { variantSeed: null }],
    ['another answer text', { answer: '100x150x101' }],
  ])('%s is another answer (the key is refused as reused)', (_what, change) => {
    expect(isSameAnswer(recorded, { ...recorded, ...change })).toBe(false);
    expect(isSameAnswer({ ...recorded, ...change }, recorded)).toBe(false);
  });
});

describe('scopedIdempotencyKey: a key is scoped to its user and question', () => {
  test('it is the JSON array [user, question, key]', () => {
    expect(scopedIdempotencyKey({ userId: 'ada', questionId: 2, idempotencyKey: 'K1' })).toBe(
      '["ada",2,"K1"]',
    );
  });

  test("ada's K1 and bob's K1, or ada's K1 on two questions, are different keys", () => {
    const ada = scopedIdempotencyKey({ userId: 'ada', questionId: 2, idempotencyKey: 'K1' });
    expect(scopedIdempotencyKey({ userId: 'bob', questionId: 2, idempotencyKey: 'K1' })).not.toBe(ada);
    expect(scopedIdempotencyKey({ userId: 'ada', questionId: 3, idempotencyKey: 'K1' })).not.toBe(ada);
  });

  test('separators inside the parts cannot make two scopes collide', () => {
    // Joined with ':' both would read "a:b:1:c" or similar; as JSON they differ.
    expect(scopedIdempotencyKey({ userId: 'a:b', questionId: 1, idempotencyKey: 'c' })).not.toBe(
      scopedIdempotencyKey({ userId: 'a', questionId: 1, idempotencyKey: 'b:c' }),
    );
  });
});
