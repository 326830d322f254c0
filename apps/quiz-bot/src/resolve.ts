import { ARCHITECTURE_NAMES, getArchitecture } from '@cnnkit/architectures';
import { QuizError } from './errors';
import { exercise2Setting } from './variants';
import type { MeasurementRequestInput } from './verify/requests';

/**
 * What a user typed for a `compute` request, in any adapter: every field is optional and holds the
 * raw value (the terminal's `--side 80`, Discord's `side:80`). The adapters pass only what was
 * typed; defaults and limits are decided here, once (issue 17's "one resolver in the engine").
 */
export interface ComputeInput {
  /** `params`, `stride` or `exercise2` (Discord's `memory` subcommand is the same request). */
  readonly what: string | undefined;
  readonly arch?: string | undefined;
  /** `trainable` (PyTorch's count, the default) or `total` (Keras' "Total params"). */
  readonly count?: string | undefined;
  /** Input side for `stride` (default: 64, or the network's own minimum when that is larger). */
  readonly side?: number | undefined;
  /** `params`, `inferenceBytes` or `trainingBytes` (default `params`). */
  readonly quantity?: string | undefined;
  /** A generated exercise-2 variant: its network, dtype and batch. */
  readonly variant?: number | undefined;
  /** Batch size (default: a variant's own, 50 for `trainingBytes` as in the exercise, else 1). */
  readonly batch?: number | undefined;
  readonly height?: number | undefined;
  readonly width?: number | undefined;
  readonly kernel?: number | undefined;
  readonly stride?: number | undefined;
  /** Filters of the first layer; the second and third double it (the exercise's 100, 200, 400). */
  readonly filters?: number | undefined;
}

/** How an adapter names an option in its errors: `--side` on the terminal, `side` on Discord. */
export type OptionLabel = (name: string) => string;

/** The smallest side `compute stride` uses when none is given (a network may need more). */
export const DEFAULT_STRIDE_SIDE = 64;
/** The exercise trains on mini-batches of 50 (Géron, ch. 14 exercise 2): the default for training RAM. */
export const EXERCISE2_TRAINING_BATCH = 50;

const QUANTITIES = ['params', 'inferenceBytes', 'trainingBytes'] as const;

const invalid = (message: string, context: Record<string, unknown>) =>
  new QuizError('invalid_input', message, { context });

function architectureOf(input: ComputeInput, label: OptionLabel, what: string): string {
  if (input.arch === undefined)
    throw invalid(`compute ${what} needs ${label('arch')} (${ARCHITECTURE_NAMES.join(', ')})`, {
      option: 'arch',
    });
  if (!(ARCHITECTURE_NAMES as readonly string[]).includes(input.arch))
    throw invalid(
      `${label('arch')} must be one of ${ARCHITECTURE_NAMES.join(', ')}; got "${input.arch.slice(0, 40)}"`,
      { option: 'arch', allowed: ARCHITECTURE_NAMES },
    );
  return input.arch;
}

/**
 * The measurement request a `compute` input stands for, with every default and limit applied: the
 * one place that knows that `stride` runs at max(64, the network's minimum side) unless a side is
 * given, that a side below the network's minimum is refused (with the side to try), and the
 * exercise-2 defaults. Throws `invalid_input` with a sentence naming the option in the adapter's words.
 */
export function resolveComputeRequest(
  input: ComputeInput,
  label: OptionLabel = (name) => name,
): MeasurementRequestInput {
  switch (input.what) {
    case 'params': {
      const architecture = architectureOf(input, label, 'params');
      if (input.count !== undefined && input.count !== 'trainable' && input.count !== 'total')
        throw invalid(`${label('count')} must be trainable or total`, { option: 'count' });
      return { kind: 'architectureParams', architecture, count: input.count ?? 'trainable' };
    }
    case 'stride': {
      const architecture = architectureOf(input, label, 'stride');
      // A network's smallest input is its own (Xception 71, AlexNet 67): default to a side it takes.
      const minimum = getArchitecture(architecture).minimumInputSide;
      const fallback = Math.max(DEFAULT_STRIDE_SIDE, minimum);
      if (input.side !== undefined && input.side < minimum)
        throw invalid(
          `${label('side')} ${input.side} is too small for ${architecture}: its input must be at least ${minimum}×${minimum}; try ${label('side')} ${fallback}`,
          { option: 'side', minimum },
        );
      return { kind: 'outputStride', architecture, inputSide: input.side ?? fallback };
    }
    case 'exercise2':
    case 'memory': {
      const quantity = input.quantity ?? 'params';
      if (!(QUANTITIES as readonly string[]).includes(quantity))
        throw invalid(`${label('quantity')} must be one of ${QUANTITIES.join(', ')}`, { option: 'quantity' });
      const setting = input.variant === undefined ? undefined : exercise2Setting(input.variant);
      const shape = {
        ...(input.height === undefined ? {} : { height: input.height }),
        ...(input.width === undefined ? {} : { width: input.width }),
        ...(input.kernel === undefined ? {} : { kernelSize: input.kernel }),
        ...(input.stride === undefined ? {} : { strides: input.stride }),
        ...(input.filters === undefined
          ? {}
          : { filters: [input.filters, input.filters * 2, input.filters * 4] as [number, number, number] }),
      };
      const batchSize =
        input.batch ??
        setting?.batchSize ??
        (quantity === 'trainingBytes' ? EXERCISE2_TRAINING_BATCH : undefined);
      return {
        kind: 'exercise2',
        quantity: quantity as (typeof QUANTITIES)[number],
        ...(setting === undefined
          ? Object.keys(shape).length === 0
            ? {}
            : { network: shape }
          : { network: { ...setting.network, ...shape }, dtype: setting.dtype }),
        ...(batchSize === undefined ? {} : { batchSize }),
      };
    }
    default:
      throw invalid('compute what? params, stride or exercise2', { option: 'what' });
  }
}
