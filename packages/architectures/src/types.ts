import { type ModelSpecInput, notAnObjectMessage, unknownKeysMessage } from '@cnnkit/shape-math';
// zod/mini, as shape-math: this entry is pure and may end up in a browser bundle (zod classic ≈ 450 kB).
// Every check carries its own message, since zod/mini has none of its own ("Invalid input").
import * as z from 'zod/mini';

/**
 * The classifier activations every registry network takes: `softmax` gives probabilities (the
 * default, as Keras' applications), `linear` gives logits (torchvision's convention).
 */
export const CLASSIFIER_ACTIVATIONS = ['softmax', 'linear'] as const;
/** One of `CLASSIFIER_ACTIVATIONS`: what a classifier's last layer applies. */
export type ClassifierActivation = (typeof CLASSIFIER_ACTIVATIONS)[number];

/** Keras' rule: no value means `softmax`; `null` (Keras' `None`) means logits, `linear`. */
export function resolveClassifierActivation(
  value: ClassifierActivation | null | undefined,
): ClassifierActivation {
  return value === undefined ? 'softmax' : (value ?? 'linear');
}

const positiveInt = z
  .number({ error: 'must be a positive integer' })
  .check(z.int('must be a positive integer'), z.positive('must be a positive integer'));

const architectureOptionsShape = {
  /** `[height, width, channels]`; defaults to the reference input size of each network. */
  inputShape: z.optional(
    z.tuple([positiveInt, positiveInt, positiveInt], {
      error: 'must be [height, width, channels] of positive integers',
    }),
  ),
  /** Number of classes of the classifier head (default 1000, ImageNet; LeNet-5 and exercise 2: 10). */
  classes: z.optional(positiveInt.check(z.lte(100_000, 'must be at most 100,000'))),
  /** Keep the classifier head (default true). Without it the model ends at its last feature map. */
  includeTop: z.optional(z.boolean({ error: 'must be true or false' })),
  /**
   * What the classifier's last layer applies, as Keras' `classifier_activation`: `'softmax'`
   * (default: class probabilities, for every registry network) or `'linear'` / `null` (logits, as
   * torchvision's models return them). It has no parameters, so counts do not change.
   */
  classifierActivation: z.optional(
    z.nullable(z.enum(CLASSIFIER_ACTIVATIONS, { error: 'must be "softmax", "linear" or null (logits)' })),
  ),
};

/**
 * The keys of the network options every architecture takes: `inputShape`, `classes`, `includeTop`,
 * `classifierActivation`.
 */
export const ARCHITECTURE_OPTION_KEYS = Object.keys(architectureOptionsShape) as readonly (
  | 'inputShape'
  | 'classes'
  | 'includeTop'
  | 'classifierActivation'
)[];

/** Unknown keys are refused with the likely right one (`input_shape` → `inputShape`); `null` gets a sentence. */
export const architectureOptionsSchema = z.strictObject(architectureOptionsShape, {
  error: (issue) =>
    issue.code === 'unrecognized_keys'
      ? unknownKeysMessage(issue.keys, ARCHITECTURE_OPTION_KEYS)
      : issue.code === 'invalid_type'
        ? notAnObjectMessage(issue.input, ARCHITECTURE_OPTION_KEYS)
        : undefined,
});

/**
 * Options for `describe`/`buildArchitecture`, all optional: `inputShape`, `classes`, `includeTop`
 * and `classifierActivation` (default `'softmax'`: every registry classifier returns probabilities).
 */
export type ArchitectureOptions = z.input<typeof architectureOptionsSchema>;

/** Options with every default filled in, as a network's `spec` receives them. */
export interface ResolvedOptions {
  readonly inputShape: readonly [number, number, number];
  readonly classes: number;
  readonly includeTop: boolean;
  /** `softmax` (probabilities) unless the caller asked for `linear` or `null` (logits). */
  readonly classifierActivation: ClassifierActivation;
}

/** The paper that introduced a network. */
export interface Paper {
  readonly title: string;
  readonly authors: string;
  readonly venue: string;
  readonly year: number;
}

/** The reference implementation a network's parameter count is checked against. */
export interface ReferenceCount {
  /** The implementation whose count we match, e.g. `torchvision.models.resnet50`. */
  readonly implementation: string;
  /** Its parameter count with the default input and 1000 classes (10 for LeNet-5 and exercise 2). */
  readonly params: number;
  /**
   * What that implementation counts: PyTorch's `parameters()` leave out batch norm's running mean and
   * variance (buffers), so torchvision figures are our `trainable`; Keras' "Total params" is our `total`.
   */
  readonly counts: 'trainable' | 'total';
  /** How its layers differ from the other common implementations, when that changes the count. */
  readonly convention: string;
  /** Multiply-accumulates at the default input, in billions, where the implementation publishes them. */
  readonly gmacs?: number;
}

/** One named network: its paper, reference count, defaults and shape-math description. */
export interface Architecture {
  readonly name: string;
  readonly title: string;
  readonly year: number;
  readonly paper: Paper;
  /** What it introduced, one sentence each, in the project's own words. */
  readonly innovations: readonly string[];
  readonly reference: ReferenceCount;
  readonly defaultInputShape: readonly [number, number, number];
  readonly defaultClasses: number;
  /**
   * Smallest input side we accept: the reference implementation's floor where it has one (Keras'
   * `min_size`: 32 for VGG/ResNet/MobileNet, 71 for Xception), else the smallest side whose strides
   * and "valid" windows all fit (AlexNet 67, checked against shape-math in the tests).
   */
  readonly minimumInputSide: number;
  /** The shape-math description; allocates nothing. */
  readonly spec: (options: ResolvedOptions) => ModelSpecInput;
}
