import { CnnkitError, checkOptionsObject, type ErrorPath, type InvalidSpecDetails } from '@cnnkit/shape-math';

/** Typed `details` per code, for adapters to word. */
export interface ArchitectureErrorDetails {
  readonly unknown_architecture: { readonly given: string; readonly allowed: readonly string[] };
  /** An options object has a key the function does not know (every cnnkit package's one code). */
  readonly unknown_option: { readonly check: 'unrecognized_keys'; readonly keys: readonly string[] };
  readonly invalid_options:
    | InvalidSpecDetails
    | { readonly check: 'input_too_small'; readonly inputSide: number; readonly minimumSide: number };
}

/** The stable codes of `ArchitectureError`. */
export type ArchitectureErrorCode = keyof ArchitectureErrorDetails;

/** Thrown for an unknown name or options a network cannot take; says what is allowed. */
export class ArchitectureError<
  Code extends ArchitectureErrorCode = ArchitectureErrorCode,
> extends CnnkitError<Code, ArchitectureErrorDetails[Code]> {
  override readonly name = 'ArchitectureError';
  constructor(
    code: Code,
    message: string,
    details: ArchitectureErrorDetails[Code],
    options?: { cause?: unknown; path?: ErrorPath },
  ) {
    super(
      { code, message, ...(options?.path === undefined ? {} : { path: options.path }), details },
      options?.cause === undefined ? undefined : { cause: options.cause },
    );
  }
}

/**
 * Refuses options that are not an object (`invalid_options`), or that have a key outside `allowed`
 * (`unknown_option`; shape-math's one rule, `checkOptionsObject`): the key is named with the likely right one (`input_shape` →
 * `inputShape`), never silently dropped on the way to shape-math or layers-gpu.
 */
export function assertOptionsObject(options: unknown, allowed: readonly string[], label: string): void {
  const issue = checkOptionsObject(options, allowed, label);
  if (issue === undefined) return;
  if (issue.details.check === 'unrecognized_keys')
    throw new ArchitectureError('unknown_option', issue.message, issue.details);
  throw new ArchitectureError('invalid_options', issue.message, issue.details);
}
