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

/** A user-facing error: `message` says what was wrong and what is allowed. */
export class QuizError extends Error {
  override readonly name = 'QuizError';
  constructor(
    readonly code: QuizErrorCode,
    message: string,
    options?: { cause?: unknown; context?: Record<string, unknown> },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.context = options?.context ?? {};
  }
  readonly context: Record<string, unknown>;
  toJSON() {
    return { name: this.name, code: this.code, message: this.message, context: this.context };
  }
}
