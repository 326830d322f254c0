import * as z from 'zod/mini';
import { describeNonObject, notAnObjectMessage, unknownKeysMessage } from './suggest';

/*
 * A model is described as data: an input shape and a list of layers. A layer reads the
 * previous layer's output unless it names its `inputs`, which makes branching networks
 * (inception modules, residual and squeeze-and-excitation blocks) a graph, not only a stack.
 * Field names and defaults follow tf.layers / Keras, so a spec reads like the model code.
 */

/**
 * Every object a user writes rejects unknown keys: a misspelt field (`stride`, Keras' `use_bias`)
 * silently ignored would give a wrong number without an error. The message names the key and
 * suggests the allowed one when it is close.
 */
function strictObject<Shape extends z.core.$ZodLooseShape>(
  shape: Shape,
  whenNotAnObject?: (input: unknown, allowed: readonly string[]) => string,
) {
  const allowed = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code === 'unrecognized_keys') return unknownKeysMessage(issue.keys, allowed);
      if (issue.code === 'invalid_type' && whenNotAnObject !== undefined)
        return whenNotAnObject(issue.input, allowed);
      return undefined;
    },
  });
}

const positiveInt = z
  .number({ error: 'must be a positive integer' })
  .check(z.int('must be a positive integer'), z.positive('must be a positive integer'));
const nonNegativeInt = z
  .number({ error: 'must be a non-negative integer' })
  .check(z.int('must be a non-negative integer'), z.nonnegative('must be a non-negative integer'));

/** A size that applies to both spatial axes, or `[height, width]`. */
export const spatialPairSchema = z.union([positiveInt, z.tuple([positiveInt, positiveInt])], {
  error: 'must be a positive integer or a [height, width] pair of positive integers',
});

const nonNegativePairSchema = z.union([nonNegativeInt, z.tuple([nonNegativeInt, nonNegativeInt])], {
  error: 'must be a non-negative integer or a [height, width] pair of non-negative integers',
});

/**
 * `same` and `valid` follow TensorFlow; numbers are explicit zero padding as in PyTorch:
 * one number for all sides, `[height, width]` for symmetric padding per axis, or
 * `[[top, bottom], [left, right]]`.
 */
export const paddingSchema = z.union(
  [
    z.literal('same'),
    z.literal('valid'),
    nonNegativeInt,
    z.tuple([nonNegativeInt, nonNegativeInt]),
    z.tuple([z.tuple([nonNegativeInt, nonNegativeInt]), z.tuple([nonNegativeInt, nonNegativeInt])]),
  ],
  {
    error:
      'must be "same", "valid", a non-negative integer, [height, width] or [[top, bottom], [left, right]]',
  },
);

export const activationSchema = z.enum(
  [
    'linear',
    'relu',
    'relu6',
    'elu',
    'selu',
    'leakyRelu',
    'sigmoid',
    'hardSigmoid',
    'tanh',
    'softmax',
    'softplus',
    'softsign',
    'swish',
    'gelu',
  ],
  { error: (issue) => `must be one of ${(issue as { values?: string[] }).values?.join(', ')}` },
);

export const dtypeSchema = z.enum(['float32', 'float16', 'bfloat16', 'int8'], {
  error: 'must be one of float32, float16, bfloat16, int8',
});

const layerNameSchema = z
  .string({ error: 'must be a string' })
  .check(
    z.regex(
      /^[A-Za-z_][A-Za-z0-9_.\-/]{0,127}$/,
      'must start with a letter or "_" and use letters, digits, _ . - / (at most 128)',
    ),
  );

const common = {
  /** Unique name; defaults to `<kind>_<index>`. `input` names the model input. */
  name: z.optional(layerNameSchema),
  /** Names of the layers this one reads; defaults to the previous layer (or the model input). */
  inputs: z.optional(z.array(layerNameSchema).check(z.minLength(1, 'must name at least one layer'))),
  /**
   * A second call of an earlier layer (Keras' shared layers, a sub-model applied twice): this layer
   * uses the weights of the layer it names, so its parameters are counted once, there. The named
   * layer must come earlier, be of the same kind and hold as many parameters.
   */
  sharesWeightsOf: z.optional(layerNameSchema),
};

const convCommon = {
  kernelSize: spatialPairSchema,
  strides: z._default(spatialPairSchema, 1),
  dilationRate: z._default(spatialPairSchema, 1),
  padding: z._default(paddingSchema, 'valid'),
  useBias: z._default(z.boolean(), true),
  activation: z._default(activationSchema, 'linear'),
};

export const conv2dSchema = strictObject({
  kind: z.literal('conv2d'),
  ...common,
  filters: positiveInt,
  ...convCommon,
  /** Grouped convolution: input and output channels are split into this many groups. */
  groups: z._default(positiveInt, 1),
});

export const depthwiseConv2dSchema = strictObject({
  kind: z.literal('depthwiseConv2d'),
  ...common,
  ...convCommon,
  depthMultiplier: z._default(positiveInt, 1),
});

/** Depthwise conv then 1×1 pointwise conv; one bias vector, on the pointwise part (as Keras). */
export const separableConv2dSchema = strictObject({
  kind: z.literal('separableConv2d'),
  ...common,
  filters: positiveInt,
  ...convCommon,
  depthMultiplier: z._default(positiveInt, 1),
});

export const conv2dTransposeSchema = strictObject({
  kind: z.literal('conv2dTranspose'),
  ...common,
  filters: positiveInt,
  kernelSize: spatialPairSchema,
  strides: z._default(spatialPairSchema, 1),
  dilationRate: z._default(spatialPairSchema, 1),
  /** `same`/`valid` (Keras), or symmetric explicit padding per axis (PyTorch `padding`). */
  padding: z._default(
    z.union(
      [z.literal('same'), z.literal('valid'), nonNegativeInt, z.tuple([nonNegativeInt, nonNegativeInt])],
      { error: 'must be "same", "valid", a non-negative integer or [height, width]' },
    ),
    'valid',
  ),
  /** Extra rows/columns added to one side of the output; must be smaller than the stride or the dilation. */
  outputPadding: z.optional(nonNegativePairSchema),
  useBias: z._default(z.boolean(), true),
  activation: z._default(activationSchema, 'linear'),
  /**
   * `false` for fixed weights (Keras' `trainable`, Caffe's `lr_mult: 0`), e.g. FCN's final bilinear
   * upsampler: its parameters then count as non-trainable. Default: trainable.
   */
  trainable: z.optional(z.boolean()),
});

const poolCommon = {
  poolSize: z._default(spatialPairSchema, 2),
  /** Defaults to the pool size, as in Keras. */
  strides: z.optional(spatialPairSchema),
  padding: z._default(paddingSchema, 'valid'),
};

export const maxPooling2dSchema = strictObject({ kind: z.literal('maxPooling2d'), ...common, ...poolCommon });
export const averagePooling2dSchema = strictObject({
  kind: z.literal('averagePooling2d'),
  ...common,
  ...poolCommon,
});

export const globalAveragePooling2dSchema = strictObject({
  kind: z.literal('globalAveragePooling2d'),
  ...common,
  keepDims: z._default(z.boolean(), false),
});
export const globalMaxPooling2dSchema = strictObject({
  kind: z.literal('globalMaxPooling2d'),
  ...common,
  keepDims: z._default(z.boolean(), false),
});

/** Applied to the last axis: on a `[h, w, c]` input it acts at every position, as Keras does. */
export const denseSchema = strictObject({
  kind: z.literal('dense'),
  ...common,
  units: positiveInt,
  useBias: z._default(z.boolean(), true),
  activation: z._default(activationSchema, 'linear'),
});

export const flattenSchema = strictObject({ kind: z.literal('flatten'), ...common });

export const reshapeSchema = strictObject({
  kind: z.literal('reshape'),
  ...common,
  /** Target shape without the batch axis; one entry may be -1 (inferred). */
  targetShape: z
    .array(z.union([positiveInt, z.literal(-1)], { error: 'each entry must be a positive integer or -1' }))
    .check(z.minLength(1, 'must have 1 to 3 entries'), z.maxLength(3, 'must have 1 to 3 entries')),
});

export const zeroPadding2dSchema = strictObject({
  kind: z.literal('zeroPadding2d'),
  ...common,
  padding: z._default(
    z.union(
      [
        nonNegativeInt,
        z.tuple([nonNegativeInt, nonNegativeInt]),
        z.tuple([z.tuple([nonNegativeInt, nonNegativeInt]), z.tuple([nonNegativeInt, nonNegativeInt])]),
      ],
      { error: 'must be a non-negative integer, [height, width] or [[top, bottom], [left, right]]' },
    ),
    1,
  ),
});

/**
 * Keras' `Cropping2D`: removes rows and columns from the borders of a `[h, w, c]` map. One number
 * crops every side, `[height, width]` crops symmetrically per axis, `[[top, bottom], [left, right]]`
 * each side on its own (Keras' three forms). U-Net's crop-and-copy and FCN's final crop use it.
 */
export const cropping2dSchema = strictObject({
  kind: z.literal('cropping2d'),
  ...common,
  cropping: z._default(
    z.union(
      [
        nonNegativeInt,
        z.tuple([nonNegativeInt, nonNegativeInt]),
        z.tuple([z.tuple([nonNegativeInt, nonNegativeInt]), z.tuple([nonNegativeInt, nonNegativeInt])]),
      ],
      { error: 'must be a non-negative integer, [height, width] or [[top, bottom], [left, right]]' },
    ),
    0,
  ),
});

/**
 * Repeats each row and column `size` times (`nearest`) or interpolates (`bilinear`), as
 * Keras' UpSampling2D; ONNX's Resize with integer scales. No parameters, no MACs.
 */
export const upSampling2dSchema = strictObject({
  kind: z.literal('upSampling2d'),
  ...common,
  size: z._default(spatialPairSchema, 2),
  interpolation: z._default(
    z.enum(['nearest', 'bilinear'], { error: 'must be one of nearest, bilinear' }),
    'nearest',
  ),
});

/**
 * A further model input (Keras' InputLayer): the model's first input is the model's `input`, each
 * other one is a layer of this kind, which reads nothing and outputs a tensor of `shape`.
 */
export const inputLayerSchema = strictObject({
  kind: z.literal('input'),
  name: layerNameSchema,
  /** Always empty: present so that every kind has `inputs` (a model input reads no layer). */
  inputs: z.optional(
    z.array(layerNameSchema).check(z.maxLength(0, 'a model input reads no layer: leave inputs out')),
  ),
  /** Shape without the batch axis: `[height, width, channels]` or `[features]`. */
  shape: z.union([z.tuple([positiveInt, positiveInt, positiveInt]), z.tuple([positiveInt])], {
    error: 'must be [height, width, channels] or [features] with positive integers',
  }),
});

/** Moving mean and variance are non-trainable parameters; gamma (scale) and beta (center) are trainable. */
export const batchNormalizationSchema = strictObject({
  kind: z.literal('batchNormalization'),
  ...common,
  center: z._default(z.boolean(), true),
  scale: z._default(z.boolean(), true),
  epsilon: z._default(z.number().check(z.positive('must be positive')), 1e-3),
  momentum: z._default(z.number().check(z.gte(0, 'must be in [0, 1]'), z.lte(1, 'must be in [0, 1]')), 0.99),
});

/** AlexNet's local response normalization (Krizhevsky et al. 2012, section 3.3); no parameters. */
export const localResponseNormalizationSchema = strictObject({
  kind: z.literal('localResponseNormalization'),
  ...common,
  depthRadius: z._default(nonNegativeInt, 2),
  bias: z._default(z.number(), 2),
  alpha: z._default(z.number(), 1e-4),
  beta: z._default(z.number(), 0.75),
});

export const activationLayerSchema = strictObject({
  kind: z.literal('activation'),
  ...common,
  activation: activationSchema,
});

export const dropoutSchema = strictObject({
  kind: z.literal('dropout'),
  ...common,
  rate: z.number().check(z.gte(0, 'must be in [0, 1)'), z.lt(1, 'must be in [0, 1)')),
});

const mergeInputs = z.array(layerNameSchema).check(z.minLength(2, 'a merge needs at least two inputs'));
export const addSchema = strictObject({ kind: z.literal('add'), name: common.name, inputs: mergeInputs });
export const multiplySchema = strictObject({
  kind: z.literal('multiply'),
  name: common.name,
  inputs: mergeInputs,
});
export const concatenateSchema = strictObject({
  kind: z.literal('concatenate'),
  name: common.name,
  inputs: mergeInputs,
  /** Axis without the batch axis counted; -1 is the channel axis. */
  axis: z._default(z.number().check(z.int('must be an integer')), -1),
});

/**
 * The table of layer kinds (fvcore's handler table is the model): one schema per kind, keyed by
 * its kind. The union, the kind list and the `LayerKind` type are derived from it; shape-math's
 * rules (`LAYER_RULES`) and layers-gpu's builders are tables keyed by the same kinds, so the
 * compiler names whatever a new kind still lacks.
 */
export const LAYER_SCHEMAS = {
  conv2d: conv2dSchema,
  depthwiseConv2d: depthwiseConv2dSchema,
  separableConv2d: separableConv2dSchema,
  conv2dTranspose: conv2dTransposeSchema,
  maxPooling2d: maxPooling2dSchema,
  averagePooling2d: averagePooling2dSchema,
  globalAveragePooling2d: globalAveragePooling2dSchema,
  globalMaxPooling2d: globalMaxPooling2dSchema,
  dense: denseSchema,
  flatten: flattenSchema,
  reshape: reshapeSchema,
  zeroPadding2d: zeroPadding2dSchema,
  cropping2d: cropping2dSchema,
  batchNormalization: batchNormalizationSchema,
  localResponseNormalization: localResponseNormalizationSchema,
  activation: activationLayerSchema,
  dropout: dropoutSchema,
  add: addSchema,
  multiply: multiplySchema,
  concatenate: concatenateSchema,
  upSampling2d: upSampling2dSchema,
  input: inputLayerSchema,
} as const;

/** The zod schema of one layer kind: any value of `LAYER_SCHEMAS`. */
export type LayerSchema = (typeof LAYER_SCHEMAS)[keyof typeof LAYER_SCHEMAS];

export const LAYER_KINDS = Object.keys(LAYER_SCHEMAS) as readonly (keyof typeof LAYER_SCHEMAS)[];

export const layerSpecSchema = z.discriminatedUnion(
  'kind',
  Object.values(LAYER_SCHEMAS) as unknown as readonly [LayerSchema, ...LayerSchema[]],
  {
    error: (issue) =>
      issue.input === undefined ? 'is required' : `must be one of ${LAYER_KINDS.join(', ')}`,
  },
);

/** Input shape without the batch axis: `[height, width, channels]` (channels last) or `[features]`. */
export const inputShapeSchema = z.union(
  [z.tuple([positiveInt, positiveInt, positiveInt]), z.tuple([positiveInt])],
  {
    error: 'must be [height, width, channels] or [features] with positive integers',
  },
);

export const modelSpecSchema = strictObject(
  {
    name: z._default(z.string().check(z.minLength(1), z.maxLength(128)), 'model'),
    input: inputShapeSchema,
    layers: z
      .array(layerSpecSchema)
      .check(
        z.minLength(1, 'must have at least one layer'),
        z.maxLength(100_000, 'must have at most 100,000 layers'),
      ),
    /** Layers whose outputs the model returns; defaults to the last layer. */
    outputs: z.optional(z.array(layerNameSchema).check(z.minLength(1))),
  },
  (input) =>
    `must be an object such as { input: [32, 32, 3], layers: [{ kind: 'conv2d', filters: 8, kernelSize: 3 }] }, got ${describeNonObject(input)}`,
);

export const optimizerSchema = z.enum(['sgd', 'momentum', 'adam', 'rmsprop', 'adagrad'], {
  error: 'must be one of sgd, momentum, adam, rmsprop, adagrad',
});

const analyzeOptionsShape = {
  /** Element type of activations and parameters. */
  dtype: z._default(dtypeSchema, 'float32'),
  /** Mini-batch size for the training estimates. */
  batchSize: z._default(positiveInt.check(z.lte(1_000_000, 'must be at most 1,000,000')), 1),
  /** Optimizer whose state the realistic training estimate includes. */
  optimizer: z._default(optimizerSchema, 'adam'),
};

/** The keys `analyze`'s options take (`dtype`, `batchSize`, `optimizer`), for packages that pass options on to it. */
export const ANALYZE_OPTION_KEYS = Object.keys(analyzeOptionsShape) as readonly (keyof AnalyzeOptions)[];

export const analyzeOptionsSchema = strictObject(analyzeOptionsShape, notAnObjectMessage);

/**
 * `T` with every array, tuple and object field readonly, all the way down. An input type built with
 * it accepts what users write both ways: plain mutable literals, and specs written `as const` or
 * built from readonly values (such as `toPair`'s `Pair`), which work at run time alike.
 */
export type DeepReadonly<T> = T extends (...args: never[]) => unknown
  ? T
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

/** A model description as users write it (defaults may be left out; readonly arrays and `as const` are fine). */
export type ModelSpecInput = DeepReadonly<z.input<typeof modelSpecSchema>>;
export type ModelSpec = z.output<typeof modelSpecSchema>;
/** One layer as users write it (defaults may be left out; readonly arrays and `as const` are fine). */
export type LayerSpecInput = DeepReadonly<z.input<typeof layerSpecSchema>>;
export type LayerSpec = z.output<typeof layerSpecSchema>;
export type LayerKind = LayerSpec['kind'];
export type Padding = z.output<typeof paddingSchema>;
export type Activation = z.output<typeof activationSchema>;
export type Dtype = z.output<typeof dtypeSchema>;
export type Optimizer = z.output<typeof optimizerSchema>;
export type AnalyzeOptionsInput = z.input<typeof analyzeOptionsSchema>;
export type AnalyzeOptions = z.output<typeof analyzeOptionsSchema>;
/** Narrow a layer spec by its kind: `LayerOf<'conv2d'>`. */
export type LayerOf<K extends LayerKind> = Extract<LayerSpec, { kind: K }>;
