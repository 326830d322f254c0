/**
 * The idempotency rules of a recorded answer, as pure functions: the store only looks the key up
 * and saves. A key names one answer of one user to one question (see AnswerKey in the store).
 */

/** What the store compares when a key comes back: the payload of the answer it names. */
export interface AnswerPayload {
  readonly groupId: string;
  readonly partId: string;
  readonly variantSeed: number | null;
  readonly answer: string;
}

/**
 * The stored form of a caller's key: scoped to its user and question, so ada's "K1" and bob's "K1"
 * (or ada's "K1" on two questions) are different answers. JSON, so no two scopes collide
 * (`["a:b", 1, "c"]` is not `["a", 1, "b:c"]`).
 */
export function scopedIdempotencyKey(key: {
  readonly userId: string;
  readonly questionId: number;
  readonly idempotencyKey: string;
}): string {
  return JSON.stringify([key.userId, key.questionId, key.idempotencyKey]);
}

/**
 * Whether a repeated key carries the answer it first recorded (then the first result is returned)
 * or another one (then the store refuses it with `idempotency_key_reused`): the group, part,
 * variant and answer text must all be equal. No variant (`null`) equals only no variant.
 */
export function isSameAnswer(recorded: AnswerPayload, repeated: AnswerPayload): boolean {
  return (
    recorded.groupId === repeated.groupId &&
    recorded.partId === repeated.partId &&
    recorded.variantSeed === repeated.variantSeed &&
    recorded.answer === repeated.answer
  );
}
