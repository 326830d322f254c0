import { CnnkitError } from './cnnkit-error';
import { quoteForMessage } from './quote';
import { checkOptionsObject } from './suggest';

/**
 * Errors as data (the zod pattern): a stable `code`, where it happened, the offending
 * value, what is allowed, and a message built from those parts.
 */

export type ShapeMathErrorCode =
  | 'invalid_spec'
  /** An options object has a key the function does not know (every cnnkit package's one code). */
  | 'unknown_option'
  | 'kernel_too_large'
  | 'unknown_input'
  | 'duplicate_name'
  | 'rank_mismatch'
  | 'merge_mismatch'
  | 'invalid_reshape'
  | 'invalid_groups'
  | 'overflow'
  | 'empty_output'
  | 'shared_weights_mismatch'
  | 'unsupported_layer'
  | 'unsupported_op'
  | 'invalid_model_file';

/** What zod reported for an `invalid_spec` issue, as data: which check failed and what it allows. */
export interface InvalidSpecDetails {
  /** zod's issue code: `invalid_type`, `too_small`, `too_big`, `invalid_value`, `unrecognized_keys`, ... */
  readonly check: string;
  /** The expected type, for `invalid_type`. */
  readonly expected?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  /** Whether the bound itself is allowed, for `too_small` and `too_big`. */
  readonly inclusive?: boolean;
  /** The allowed values, for `invalid_value` (an enum or a literal). */
  readonly allowed?: readonly unknown[];
  /** The keys not allowed, for `unrecognized_keys`. */
  readonly keys?: readonly string[];
}

/** A window (kernel or pool) wider than what one axis of its padded input can hold. */
export interface KernelTooLargeDetails {
  readonly window: 'kernel' | 'pool';
  readonly axis: 'height' | 'width';
  /** The window's span on that axis: dilation × (kernel − 1) + 1. */
  readonly span: number;
  /** The largest span the axis allows: the input length plus its explicit padding. */
  readonly largestAllowed: number;
}

/** Typed `details` per code; codes without their own entry carry no details yet. */
export interface ShapeMathIssueDetails {
  readonly invalid_spec: InvalidSpecDetails;
  readonly unknown_option: { readonly check: 'unrecognized_keys'; readonly keys: readonly string[] };
  readonly kernel_too_large: KernelTooLargeDetails;
  readonly unknown_input: { readonly name: string };
  readonly duplicate_name: { readonly name: string };
  readonly rank_mismatch: Readonly<Record<string, unknown>>;
  readonly merge_mismatch: Readonly<Record<string, unknown>>;
  readonly invalid_reshape: Readonly<Record<string, unknown>>;
  readonly invalid_groups: Readonly<Record<string, unknown>>;
  readonly overflow: { readonly quantity: string };
  readonly empty_output: { readonly axis?: 'height' | 'width'; readonly length: number };
  /** A layer that `sharesWeightsOf` another one whose kind or parameter count differs. */
  readonly shared_weights_mismatch: { readonly owner: string };
  /** A Keras / TensorFlow.js layer the reader cannot map: its name and class, and the classes it can. */
  readonly unsupported_layer: {
    readonly layerName: string;
    readonly className: string;
    readonly reason: string;
  };
  /** An ONNX node the reader cannot analyse: its name and op type. */
  readonly unsupported_op: { readonly nodeName: string; readonly opType: string; readonly reason: string };
  /** A file that is not the model format it was read as (bad JSON, truncated protobuf, missing graph). */
  readonly invalid_model_file: {
    readonly format: 'keras' | 'onnx' | 'unknown';
    /** For an ONNX graph with open sizes: the dimensions to give (`dynamicDimensions`). */
    readonly dimensions?: readonly string[];
  };
}

/** The fields of an issue with code `Code`; `ShapeMathIssue` is the union of these over every code. */
export interface ShapeMathIssueBase<Code extends ShapeMathErrorCode> {
  readonly code: Code;
  /** Typed per code (see ShapeMathIssueDetails). */
  readonly details?: ShapeMathIssueDetails[Code];
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

/** One problem found in a model description; narrowing on `code` types its `details`. */
export type ShapeMathIssue = {
  [Code in ShapeMathErrorCode]: ShapeMathIssueBase<Code>;
}[ShapeMathErrorCode];

/** Renders the location part of a message: `at layer 2 ("conv_b")`. */
export function describeLocation(issue: Pick<ShapeMathIssue, 'layerIndex' | 'layerName' | 'path'>): string {
  if (issue.layerIndex !== undefined) {
    const name = issue.layerName === undefined ? '' : ` (${quoteForMessage(issue.layerName)})`;
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
  if (typeof value === 'string') return quoteForMessage(value);
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

function firstIssue(issues: readonly ShapeMathIssue[]): ShapeMathIssue {
  const [first] = issues;
  if (first === undefined) throw new TypeError('ShapeMathError needs at least one issue');
  return first;
}

/**
 * Thrown for any description that cannot be analysed. Never a NaN, never a silent wrong number.
 * `code`, `path`, `layer` and `details` are the first issue's; `issues` holds them all.
 */
export class ShapeMathError extends CnnkitError<
  ShapeMathErrorCode,
  ShapeMathIssueDetails[ShapeMathErrorCode] | Readonly<Record<string, never>>
> {
  override readonly name = 'ShapeMathError';
  readonly issues: readonly ShapeMathIssue[];

  constructor(issues: readonly ShapeMathIssue[], options?: { cause?: unknown }) {
    const first = firstIssue(issues);
    const message =
      issues.length === 1
        ? formatIssue(first)
        : `${issues.length} problems in the model:\n${issues.map((issue) => `  - ${formatIssue(issue)}`).join('\n')}`;
    super(
      {
        code: first.code,
        message,
        path: first.path,
        layer:
          first.layerIndex === undefined
            ? undefined
            : {
                index: first.layerIndex,
                ...(first.layerName === undefined ? {} : { name: first.layerName }),
              },
        details: first.details ?? {},
      },
      options,
    );
    this.issues = issues;
  }

  /** The error as plain data, with every issue found. */
  override toJSON() {
    return { ...super.toJSON(), issues: this.issues };
  }
}

/**
 * Throws `unknown_option` at `options` when a function's options have a key outside `allowed`, and
 * `invalid_spec` when they are not an object (the one rule, `checkOptionsObject`).
 */
export function assertOptionsObject(options: unknown, allowed: readonly string[]): void {
  const issue = checkOptionsObject(options, allowed, 'options');
  if (issue === undefined) return;
  // The location (`options: `) is formatIssue's part, as for analyze's options.
  throw new ShapeMathError([
    issue.details.check === 'unrecognized_keys'
      ? { code: 'unknown_option', path: ['options'], message: issue.reason, details: issue.details }
      : { code: 'invalid_spec', path: ['options'], message: issue.reason, details: issue.details },
  ]);
}
