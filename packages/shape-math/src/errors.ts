/**
 * Errors as data (the zod pattern): a stable `code`, where it happened, the offending
 * value, what is allowed, and a message built from those parts.
 */

export type ShapeMathErrorCode =
  | 'invalid_spec'
  | 'kernel_too_large'
  | 'unknown_input'
  | 'duplicate_name'
  | 'rank_mismatch'
  | 'merge_mismatch'
  | 'invalid_reshape'
  | 'invalid_groups'
  | 'overflow'
  | 'empty_output';

/** One problem found in a model description. */
export interface ShapeMathIssue {
  readonly code: ShapeMathErrorCode;
  /** Path into the spec, e.g. `['layers', 2, 'kernelSize']`. */
  readonly path: readonly (string | number)[];
  /** Index of the layer concerned, when there is one. */
  readonly layerIndex?: number;
  /** Name of the layer concerned, when there is one. */
  readonly layerName?: string;
  /** The value that was rejected, when it can be shown. */
  readonly value?: unknown;
  /** What is wrong and what is allowed, without the location. */
  readonly message: string;
}

/** Renders the location part of a message: `at layer 2 ("conv_b")`. */
export function describeLocation(issue: Pick<ShapeMathIssue, 'layerIndex' | 'layerName' | 'path'>): string {
  if (issue.layerIndex !== undefined) {
    const name = issue.layerName === undefined ? '' : ` (${JSON.stringify(issue.layerName)})`;
    return `at layer ${issue.layerIndex}${name}`;
  }
  return issue.path.length === 0 ? 'in the model' : `at ${formatPath(issue.path)}`;
}

export function formatPath(path: readonly (string | number)[]): string {
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`))
    .join('');
}

export function formatValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  if (value === undefined) return 'missing';
  try {
    const json = JSON.stringify(value);
    return json.length > 60 ? `${json.slice(0, 57)}...` : json;
  } catch {
    return String(value);
  }
}

/**
 * `kernelSize 0 at layer 2 ("conv_b"): must be a positive integer` for a layer's field,
 * `input[0] -1: must be a positive integer` for a model field.
 */
export function formatIssue(issue: ShapeMathIssue): string {
  const shown = 'value' in issue ? ` ${formatValue(issue.value)}` : '';
  if (issue.layerIndex !== undefined) {
    const field = formatPath(issue.path.slice(2));
    return `${field === '' ? '' : `${field}${shown} `}${describeLocation(issue)}: ${issue.message}`;
  }
  if (issue.path.length === 0) return `model: ${issue.message}`;
  return `${formatPath(issue.path)}${shown}: ${issue.message}`;
}

/** Thrown for any description that cannot be analysed. Never a NaN, never a silent wrong number. */
export class ShapeMathError extends Error {
  override readonly name = 'ShapeMathError';
  readonly code: ShapeMathErrorCode;
  readonly issues: readonly ShapeMathIssue[];

  constructor(issues: readonly ShapeMathIssue[], options?: { cause?: unknown }) {
    const [first] = issues;
    if (first === undefined) throw new TypeError('ShapeMathError needs at least one issue');
    const message =
      issues.length === 1
        ? formatIssue(first)
        : `${issues.length} problems in the model:\n${issues.map((issue) => `  - ${formatIssue(issue)}`).join('\n')}`;
    super(message, options);
    this.code = first.code;
    this.issues = issues;
  }

  toJSON() {
    return { name: this.name, code: this.code, message: this.message, issues: this.issues };
  }
}
