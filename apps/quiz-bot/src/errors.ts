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
  | 'storage_failed'
  | 'invalid_name'
  | 'idempotency_key_reused'
  | 'model_too_large'
  /** The measuring workers are shutting down (the bot or CLI is stopping or restarting): try again shortly. */
  | 'service_restarting'
  /** Grading a free-text answer ran past its time limit; nothing was recorded: rephrase it and send it again. */
  | 'grading_timeout'
  | StorageErrorCode;

/** What can go wrong opening or using a store; each message names the file or host (never a password) and what to do. */
export type StorageErrorCode =
  | 'storage_path_empty'
  | 'storage_invalid_url'
  | 'storage_folder_missing'
  | 'storage_is_directory'
  | 'storage_not_a_file'
  | 'storage_not_a_database'
  | 'storage_damaged'
  | 'storage_read_only'
  | 'storage_disk_full'
  | 'storage_locked'
  | 'storage_cannot_open'
  | 'storage_connection_refused'
  | 'storage_host_not_found'
  | 'storage_auth_failed'
  | 'storage_database_missing'
  | 'storage_unreachable'
  | 'storage_backup_failed';

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
