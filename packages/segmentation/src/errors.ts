import { CnnkitError } from '@cnnkit/shape-math';

/** The stable codes of `SegmentationError`. */
export type SegmentationErrorCode =
  /** The spec has no Flatten/GlobalPooling + Dense top to convert. */
  | 'no_dense_top'
  /** The top has a layer or a branch that has no convolutional equivalent here. */
  | 'unsupported_top'
  /** A backbone's maps do not line up for a skip or for the full-resolution output. */
  | 'misaligned_maps'
  /** A real model and the spec it is said to come from do not match. */
  | 'model_mismatch'
  /** Options outside what is allowed (the message says what is). */
  | 'invalid_options'
  /** An option object has a key the function does not know (the message suggests the close one). */
  | 'unknown_option'
  /** A training step would need more wasm heap than the backend can address (4 GiB). */
  | 'memory_budget_exceeded';

/**
 * A small named error with a stable `code` (the unjs pattern): what was wrong, and what is allowed.
 * One family with every cnnkit package's errors: it is a `CnnkitError` (`isCnnkitError` is true).
 */
export class SegmentationError extends CnnkitError<SegmentationErrorCode, Readonly<Record<string, unknown>>> {
  override readonly name = 'SegmentationError';

  constructor(
    code: SegmentationErrorCode,
    message: string,
    details: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super({ code, message, details }, options?.cause === undefined ? undefined : { cause: options.cause });
  }
}
