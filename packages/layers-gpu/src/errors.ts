import {
  CnnkitError,
  checkOptionsObject,
  type ErrorLayer,
  type ErrorPath,
  type InvalidSpecDetails,
} from '@cnnkit/shape-math';
import type { BackendAttempt } from './backend';

/** Typed `details` per code: what was given and what is allowed, for adapters to word. */
export interface LayersGpuErrorDetails {
  readonly unknown_backend: InvalidSpecDetails & {
    readonly given: unknown;
    readonly allowed: readonly string[];
  };
  readonly backend_unavailable:
    | { readonly attempts: readonly BackendAttempt[] }
    /** The optional peer dependency that could not be loaded (onnxruntime-node). */
    | { readonly module: string }
    /** The ONNX Runtime execution provider that could not open the model. */
    | { readonly executionProvider: string };
  /** `buildModel` was called before `initBackend()`: tfjs-core has no backend set or registered. */
  readonly backend_not_initialised: Readonly<Record<string, never>>;
  readonly no_backend: { readonly attempts: readonly BackendAttempt[] };
  readonly unsupported_layer:
    | {
        readonly layer: string;
        /** What tfjs lacks: conv2dTranspose's PyTorch form, or a `leakyRelu` activation identifier. */
        readonly unsupported: 'transposed_conv_form' | 'leaky_relu_activation';
      }
    /** A layer the ONNX exporter has no rule for: its name, its tfjs class and the classes it can export. */
    | { readonly layer: string; readonly kind: string; readonly allowed: readonly string[] };
  readonly memory_budget_exceeded: {
    readonly estimateBytes: number;
    readonly budgetBytes: number;
    readonly params: number;
  };
  readonly wrong_input_rank: {
    readonly given: readonly number[];
    readonly expected: readonly (number | string)[];
  };
  /** An options object has a key the function does not know (every cnnkit package's one code). */
  readonly unknown_option: { readonly check: 'unrecognized_keys'; readonly keys: readonly string[] };
  readonly invalid_options:
    | InvalidSpecDetails
    | { readonly batchSize: number }
    /** A thread count that is not a positive integer (wasm backend or ONNX Runtime). */
    | { readonly threads: unknown }
    /** toOnnx exports single-input models: how many inputs this one has. */
    | { readonly inputs: number }
    /** A model output the exporter did not produce. */
    | { readonly output: string }
    /** The wasm-process memory estimate asked for a training budget: it is calibrated for inference only. */
    | { readonly memoryEstimate: 'wasm-process'; readonly budgetFor: 'training' };
  readonly unsupported_activation: { readonly activation: string; readonly allowed: readonly string[] };
  readonly invalid_groups: {
    readonly groups: number;
    readonly channels: number | null;
    readonly filters: number;
  };
}

/** The stable codes of `LayersGpuError`. */
export type LayersGpuErrorCode = keyof LayersGpuErrorDetails;

/** A small named error with a stable `code` (the unjs pattern): what was wrong, and what is allowed. */
export class LayersGpuError<Code extends LayersGpuErrorCode = LayersGpuErrorCode> extends CnnkitError<
  Code,
  LayersGpuErrorDetails[Code]
> {
  override readonly name = 'LayersGpuError';

  constructor(
    code: Code,
    message: string,
    details: LayersGpuErrorDetails[Code],
    options?: { cause?: unknown; path?: ErrorPath; layer?: ErrorLayer },
  ) {
    super(
      {
        code,
        message,
        ...(options?.path === undefined ? {} : { path: options.path }),
        layer: options?.layer,
        details,
      },
      options?.cause === undefined ? undefined : { cause: options.cause },
    );
  }
}

/**
 * Throws `invalid_options` when `options` is not an object (`null`, an array, a number), and
 * `unknown_option` when it has a key outside `allowed`: shape-math's one rule (`checkOptionsObject`), so the message names the
 * key and the likely right one (`batch_size` → `batchSize`). A misspelt option silently ignored
 * would build or measure something other than what the user asked for.
 */
export function assertOptionsObject(options: unknown, allowed: readonly string[], label: string): void {
  const issue = checkOptionsObject(options, allowed, label);
  if (issue === undefined) return;
  if (issue.details.check === 'unrecognized_keys')
    throw new LayersGpuError('unknown_option', issue.message, issue.details);
  throw new LayersGpuError('invalid_options', issue.message, issue.details);
}
