import { CnnkitError } from '@cnnkit/shape-math';

/** Stable identifiers for what can go wrong; adapters turn them into words for their users. */
export type QuizErrorCode =
  | 'invalid_input'
  | 'invalid_answer'
  | 'answer_too_long'
  | 'unknown_question'
  | 'unknown_part'
  | 'invalid_variant'
  | 'variant_too_large'
  | 'measurement_failed'
  | 'measurement_timeout'
  | 'rate_limited'
  | 'storage_failed';

/**
 * A user-facing error: `message` says what was wrong and what is allowed. It has cnnkit's one
 * error shape (code, message, path, details); `context` is the same object as `details`.
 */
export class QuizError extends CnnkitError<QuizErrorCode, Readonly<Record<string, unknown>>> {
  override readonly name = 'QuizError';
  constructor(
    code: QuizErrorCode,
    message: string,
    options?: { cause?: unknown; context?: Record<string, unknown> },
  ) {
    super(
      { code, message, details: options?.context ?? {} },
      options?.cause === undefined ? undefined : { cause: options.cause },
    );
  }
  get context(): Readonly<Record<string, unknown>> {
    return this.details;
  }
  override toJSON() {
    return { ...super.toJSON(), context: this.context };
  }
}
