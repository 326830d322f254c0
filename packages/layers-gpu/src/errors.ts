/** The stable codes of `LayersGpuError`. */
export type LayersGpuErrorCode =
  | 'unknown_backend'
  | 'backend_unavailable'
  | 'no_backend'
  | 'unsupported_layer'
  | 'memory_budget_exceeded'
  | 'wrong_input_rank'
  | 'invalid_options';

/** A small named error with a stable `code` (the unjs pattern): what was wrong, and what is allowed. */
export class LayersGpuError extends Error {
  override readonly name = 'LayersGpuError';
  readonly code: LayersGpuErrorCode;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(
    code: LayersGpuErrorCode,
    message: string,
    details: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.code = code;
    this.details = details;
  }

  /** A plain object for logs and JSON output: name, code, message and details. */
  toJSON() {
    return { name: this.name, code: this.code, message: this.message, details: this.details };
  }
}
