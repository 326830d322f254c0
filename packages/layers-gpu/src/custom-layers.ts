import { convOutputLength, quoteForMessage } from '@cnnkit/shape-math';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { LayersGpuError } from './errors';
import { tfPair } from './tf-pair';

type Shape = (number | null)[];

/** Arguments of the `LocalResponseNormalization` layer (AlexNet's defaults when omitted). */
export interface LocalResponseNormalizationArgs {
  /** Half-width of the channel window: each value is normalised over 2·depthRadius + 1 channels. */
  depthRadius?: number;
  /** k in AlexNet's formula. */
  bias?: number;
  /** α in AlexNet's formula (tf.nn.local_response_normalization scales the sum by α itself, not α/n). */
  alpha?: number;
  /** β in AlexNet's formula. */
  beta?: number;
  name?: string;
  trainable?: boolean;
}

/**
 * Local response normalization as a layer (tfjs has the op but no layer):
 * b = a / (bias + alpha · Σ a²)^beta over `depthRadius` neighbouring channels on each side.
 * Defaults are AlexNet's (Krizhevsky et al. 2012, §3.3: k = 2, n = 5, α = 1e-4, β = 0.75).
 */
export class LocalResponseNormalization extends tfl.layers.Layer {
  static readonly className = 'CnnkitLocalResponseNormalization';
  readonly depthRadius: number;
  readonly bias: number;
  readonly alpha: number;
  readonly beta: number;

  constructor(args: LocalResponseNormalizationArgs = {}) {
    super({
      ...(args.name === undefined ? {} : { name: args.name }),
      ...(args.trainable === undefined ? {} : { trainable: args.trainable }),
    });
    this.depthRadius = args.depthRadius ?? 2;
    this.bias = args.bias ?? 2;
    this.alpha = args.alpha ?? 1e-4;
    this.beta = args.beta ?? 0.75;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    return inputShape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0]! : inputs;
      return tf.localResponseNormalization(
        x as tf.Tensor4D,
        this.depthRadius,
        this.bias,
        this.alpha,
        this.beta,
      );
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      depthRadius: this.depthRadius,
      bias: this.bias,
      alpha: this.alpha,
      beta: this.beta,
    };
  }
}

/** Arguments of the `GroupedConv2D` layer, as tf.layers.conv2d's plus `groups`. */
export interface GroupedConv2DArgs {
  filters: number;
  kernelSize: number | [number, number];
  groups: number;
  strides?: number | [number, number];
  padding?: 'same' | 'valid';
  dilationRate?: number | [number, number];
  useBias?: boolean;
  activation?: string;
  name?: string;
}

/**
 * Grouped convolution (AlexNet's two-GPU split, ResNeXt): channels are split into `groups`, each
 * convolved with its own filters, and the results concatenated. tfjs-layers' Conv2D has no
 * `groups`; this layer holds one kernel of shape [kh, kw, in/groups, filters], like Keras.
 */
export class GroupedConv2D extends tfl.layers.Layer {
  static readonly className = 'CnnkitGroupedConv2D';
  readonly filters: number;
  readonly kernelSize: [number, number];
  readonly groups: number;
  readonly strides: [number, number];
  readonly padding: 'same' | 'valid';
  readonly dilationRate: [number, number];
  readonly useBias: boolean;
  readonly activationName: string;
  private kernel?: tfl.LayerVariable;
  private biasWeight?: tfl.LayerVariable;

  constructor(args: GroupedConv2DArgs) {
    super(args.name === undefined ? {} : { name: args.name });
    this.filters = args.filters;
    this.kernelSize = tfPair(args.kernelSize);
    this.groups = args.groups;
    this.strides = tfPair(args.strides ?? 1);
    this.padding = args.padding ?? 'valid';
    this.dilationRate = tfPair(args.dilationRate ?? 1);
    this.useBias = args.useBias ?? true;
    this.activationName = args.activation ?? 'linear';
  }

  override build(inputShape: Shape | Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
    const channels = shape[shape.length - 1]!;
    if (channels === null || channels % this.groups !== 0 || this.filters % this.groups !== 0) {
      throw new LayersGpuError(
        'invalid_groups',
        `GroupedConv2D: groups ${this.groups} must divide the input channels (${channels}) and the filters (${this.filters})`,
        { groups: this.groups, channels, filters: this.filters },
      );
    }
    this.kernel = this.addWeight(
      'kernel',
      [this.kernelSize[0], this.kernelSize[1], channels / this.groups, this.filters],
      'float32',
      tfl.initializers.glorotUniform({}),
    );
    if (this.useBias)
      this.biasWeight = this.addWeight('bias', [this.filters], 'float32', tfl.initializers.zeros());
    this.built = true;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const [batch, height, width] = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
    // shape-math's conv arithmetic, as tfjs' own layers call conv_utils.convOutputLength.
    const length = (size: number | null, axis: 0 | 1) =>
      size === null
        ? null
        : convOutputLength(
            size,
            this.kernelSize[axis],
            this.padding,
            this.strides[axis],
            this.dilationRate[axis],
          );
    return [batch ?? null, length(height ?? null, 0), length(width ?? null, 1), this.filters];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0]! : inputs) as tf.Tensor4D;
      const kernel = this.kernel!.read() as tf.Tensor4D;
      const inputGroups = tf.split(x, this.groups, 3);
      const kernelGroups = tf.split(kernel, this.groups, 3);
      const outputs = inputGroups.map((group, g) =>
        tf.conv2d(
          group as tf.Tensor4D,
          kernelGroups[g]! as tf.Tensor4D,
          this.strides,
          this.padding,
          'NHWC',
          this.dilationRate,
        ),
      );
      let y: tf.Tensor = outputs.length === 1 ? outputs[0]! : tf.concat(outputs, 3);
      if (this.biasWeight !== undefined) y = tf.add(y, this.biasWeight.read());
      return applyActivation(y, this.activationName);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      filters: this.filters,
      kernelSize: this.kernelSize,
      groups: this.groups,
      strides: this.strides,
      padding: this.padding,
      dilationRate: this.dilationRate,
      useBias: this.useBias,
      activation: this.activationName,
    };
  }
}

function applyActivation(x: tf.Tensor, name: string): tf.Tensor {
  switch (name) {
    case 'linear':
      return x;
    case 'relu':
      return tf.relu(x);
    case 'relu6':
      return tf.relu6(x);
    case 'sigmoid':
      return tf.sigmoid(x);
    case 'tanh':
      return tf.tanh(x);
    case 'elu':
      return tf.elu(x);
    case 'selu':
      return tf.selu(x);
    default:
      throw new LayersGpuError(
        'unsupported_activation',
        `GroupedConv2D: activation ${quoteForMessage(String(name))} is not supported: use ${GROUPED_CONV_ACTIVATIONS.join(', ')}`,
        { activation: name, allowed: GROUPED_CONV_ACTIVATIONS },
      );
  }
}

/** The activations GroupedConv2D applies itself (the cases above). */
const GROUPED_CONV_ACTIVATIONS = ['linear', 'relu', 'relu6', 'sigmoid', 'tanh', 'elu', 'selu'] as const;

let registered = false;

/**
 * Registers cnnkit's custom layers for (de)serialisation. Call it once before loading a saved
 * model that contains them; building models through cnnkit calls it for you. Never an import side effect.
 */
export function registerCnnkitLayers(): void {
  if (registered) return;
  tf.serialization.registerClass(LocalResponseNormalization);
  tf.serialization.registerClass(GroupedConv2D);
  registered = true;
}

/** tf.layers-style factories, lower camel case. */
export function localResponseNormalization(
  args: LocalResponseNormalizationArgs = {},
): LocalResponseNormalization {
  return new LocalResponseNormalization(args);
}

/** Factory for `GroupedConv2D`, in tf.layers' lower-camel style. */
export function groupedConv2d(args: GroupedConv2DArgs): GroupedConv2D {
  return new GroupedConv2D(args);
}
