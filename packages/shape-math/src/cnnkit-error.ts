/**
 * The one error shape of every cnnkit package (the zod pattern: errors as data). A stable `code`,
 * a `message` for logs, where it happened (`path` into the input, and the `layer` when there is
 * one), and `details` typed per code (what was given, what is allowed), so that the terminal and
 * Discord can say it in their own words without parsing the message.
 */

/** Path into the rejected input, e.g. `['layers', 2, 'kernelSize']`; empty for the input as a whole. */
export type ErrorPath = readonly (string | number)[];

/** The layer an error concerns: its index in the spec, and its name when it has one. */
export interface ErrorLayer {
  readonly index: number;
  readonly name?: string;
}

/** A cnnkit error as plain data, what `toJSON` returns (safe to log or send as JSON). */
export interface CnnkitErrorData<Code extends string = string, Details = unknown> {
  readonly name: string;
  readonly code: Code;
  readonly message: string;
  readonly path: ErrorPath;
  readonly layer?: ErrorLayer;
  readonly details: Details;
}

/** What a `CnnkitError` is made from: its code, message, details, and where it happened. */
export interface CnnkitErrorInit<Code extends string, Details> {
  readonly code: Code;
  readonly message: string;
  readonly path?: ErrorPath;
  readonly layer?: ErrorLayer | undefined;
  readonly details: Details;
}

/** Base class of ShapeMathError, LayersGpuError, ArchitectureError and the quiz's QuizError. */
export class CnnkitError<Code extends string = string, Details = unknown> extends Error {
  override readonly name: string = 'CnnkitError';
  readonly code: Code;
  readonly path: ErrorPath;
  readonly layer?: ErrorLayer;
  readonly details: Details;

  constructor(init: CnnkitErrorInit<Code, Details>, options?: { cause?: unknown }) {
    super(init.message, options);
    this.code = init.code;
    this.path = init.path ?? [];
    if (init.layer !== undefined) this.layer = init.layer;
    this.details = init.details;
  }

  /** The error as plain data (name, code, message, path, layer, details), for logs and JSON output. */
  toJSON(): CnnkitErrorData<Code, Details> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      path: this.path,
      ...(this.layer === undefined ? {} : { layer: this.layer }),
      details: this.details,
    };
  }
}

/** True for an error of any cnnkit package, whatever its copy of this module. */
export function isCnnkitError(error: unknown): error is CnnkitError<string, unknown> {
  return (
    error instanceof CnnkitError ||
    (error instanceof Error &&
      typeof (error as { code?: unknown }).code === 'string' &&
      'details' in error &&
      Array.isArray((error as { path?: unknown }).path))
  );
}
