/*
 * Dense-to-conv conversion as pure shape arithmetic: this module imports shape-math only, never
 * TensorFlow.js, so describing an FCN costs milliseconds and allocates no weights.
 *
 * The idea (Long, Shelhamer, Darrell, "Fully Convolutional Networks for Semantic Segmentation",
 * CVPR 2015, section 3.1): a dense layer that reads a flattened h×w×c map computes exactly what an
 * h×w "valid" convolution with one filter per unit computes at one position; later dense layers are
 * 1×1 convolutions. The converted network slides the classifier over a larger image and returns a
 * grid of class scores, one per output-stride step.
 */
import {
  analyze,
  type LayerSpecInput,
  type ModelSpec,
  type ModelSpecInput,
  modelSpecSchema,
  ShapeMathError,
  validate,
} from '@cnnkit/shape-math';
import { SegmentationError } from './errors';
import { optionKeys, rejectUnknownOptions } from './options';

/** Options of `toFullyConvolutional` and `planFullyConvolutional`. */
export interface FullyConvolutionalOptions {
  /** Input `[height, width, channels]` of the converted network (default: the classifier's own). */
  readonly input?: readonly [number, number, number];
  /** Name of the converted model (default: `<classifier name>_fcn`). */
  readonly name?: string;
}

/** What happened to one layer of the classifier's top. */
export interface TopConversion {
  readonly layer: string;
  readonly from: 'flatten' | 'globalAveragePooling2d' | 'globalMaxPooling2d' | 'dense' | 'reshape';
  /** `removed` for a Flatten (its job moves into the next conv's kernel) or a squeezing Reshape. */
  readonly to: 'conv2d' | 'averagePooling2d' | 'maxPooling2d' | 'removed';
  /** The kernel (or pooling window) of the replacement, `[height, width]`. */
  readonly window?: readonly [number, number];
}

/** What `planFullyConvolutional` returns: the converted spec and what happened to each layer of the top. */
export interface FullyConvolutionalPlan {
  /** The converted, fully convolutional description. */
  readonly spec: ModelSpecInput;
  /** The map the classifier's top reads at its training size, `[height, width, channels]`. */
  readonly topInput: readonly [number, number, number];
  readonly conversions: readonly TopConversion[];
}

type TopLayer = ModelSpec['layers'][number];

const COLLAPSING = new Set(['flatten', 'globalAveragePooling2d', 'globalMaxPooling2d']);
/** Layers of a top that act the same on every position of a map. */
const POSITIONWISE = new Set(['dropout', 'activation']);

/**
 * Plans the conversion of a classifier (a backbone, then Flatten or global pooling, then Dense
 * layers) into a fully convolutional network: the first dense layer after a Flatten becomes a
 * "valid" conv whose kernel covers the whole incoming map (one filter per unit, stride 1, same
 * activation); a global pooling becomes a pooling whose window is that map (stride 1), so the
 * dense layer after it becomes a 1×1 conv; later dense layers are 1×1 convs. Layer names are
 * kept, so a real classifier's weights can be copied by name (see `convertDenseToConv`).
 */
export function planFullyConvolutional(
  classifier: ModelSpecInput,
  options: FullyConvolutionalOptions = {},
): FullyConvolutionalPlan {
  rejectUnknownOptions('planFullyConvolutional', options, FULLY_CONVOLUTIONAL_OPTION_KEYS);
  const model = validate(modelSpecSchema, classifier);
  const report = analyze(model);
  // Every layer gets its explicit name first: default names depend on the index, which changes
  // when a Flatten is removed, and other layers may refer to them.
  const layers: TopLayer[] = model.layers.map((layer, index) => ({
    ...layer,
    name: layer.name ?? `${layer.kind}_${index}`,
  }));
  const last = layers[layers.length - 1]!;
  const outputs = model.outputs ?? [last.name!];
  if (outputs.length !== 1 || outputs[0] !== last.name) {
    throw new SegmentationError(
      'unsupported_top',
      `model "${model.name}" returns ${outputs.map((o) => JSON.stringify(o)).join(', ')}: only a classifier with one output, its last layer, can be converted (remove auxiliary heads first)`,
      { outputs },
    );
  }
  let collapseAt = -1;
  layers.forEach((layer, index) => {
    if (COLLAPSING.has(layer.kind)) collapseAt = index;
  });
  if (collapseAt < 0) {
    throw new SegmentationError(
      'no_dense_top',
      `model "${model.name}" has no Flatten or global pooling layer followed by dense layers: there is no classifier top to convert (a network without one is already fully convolutional)`,
    );
  }
  const collapse = layers[collapseAt]!;
  const collapseRow = report.layers[collapseAt]!;
  const incomingName = collapseRow.inputs[0]!;
  const incoming =
    incomingName === 'input'
      ? report.inputShape
      : report.layers.find((row) => row.name === incomingName)!.outputShape;
  if (incoming.length !== 3) {
    throw new SegmentationError(
      'unsupported_top',
      `layer "${collapse.name}" reads a ${incoming.length}-d tensor [${incoming.join(', ')}]: only a top that reads an [h, w, c] feature map can become convolutional`,
      { layer: collapse.name, shape: incoming },
    );
  }
  const [mapHeight, mapWidth, mapChannels] = incoming as [number, number, number];
  const window: [number, number] = [mapHeight, mapWidth];

  const top = layers.slice(collapseAt + 1);
  const conversions: TopConversion[] = [];
  const converted: LayerSpecInput[] = [];
  // The layer the next top layer reads: the collapsing layer's input when it is removed.
  let previous = collapse.kind === 'flatten' ? incomingName : collapse.name!;
  if (collapse.kind === 'flatten') {
    conversions.push({ layer: collapse.name!, from: 'flatten', to: 'removed' });
  } else {
    const to = collapse.kind === 'globalAveragePooling2d' ? 'averagePooling2d' : 'maxPooling2d';
    converted.push({
      kind: to,
      name: collapse.name!,
      inputs: [incomingName],
      poolSize: window,
      strides: 1,
      padding: 'valid',
    });
    conversions.push({
      layer: collapse.name!,
      from: collapse.kind as 'globalAveragePooling2d' | 'globalMaxPooling2d',
      to,
      window,
    });
  }
  // After a Flatten, the first dense layer's kernel covers the whole map; after that, 1×1.
  let pendingWindow: [number, number] | undefined = collapse.kind === 'flatten' ? window : undefined;
  let sawDense = false;

  top.forEach((layer, offset) => {
    const expectedInput = offset === 0 ? collapse.name : top[offset - 1]!.name;
    const unsupported = (why: string): never => {
      throw new SegmentationError(
        'unsupported_top',
        `layer ${collapseAt + 1 + offset} ("${layer.name}", ${layer.kind}) in the classifier top ${why}: a convertible top is Flatten or global pooling, then a chain of dense, dropout and activation layers (1×1 convs and a squeezing Reshape after a pooling that keeps its dims)`,
        { layer: layer.name, kind: layer.kind },
      );
    };
    if (layer.inputs !== undefined && (layer.inputs.length !== 1 || layer.inputs[0] !== expectedInput)) {
      unsupported(`reads ${layer.inputs.join(', ')}, not the layer before it`);
    }
    const row = report.layers[collapseAt + 1 + offset]!;
    switch (layer.kind) {
      case 'dense': {
        const kernel = pendingWindow ?? [1, 1];
        converted.push({
          kind: 'conv2d',
          name: layer.name!,
          inputs: [previous],
          filters: layer.units,
          kernelSize: kernel,
          strides: 1,
          padding: 'valid',
          useBias: layer.useBias,
          activation: layer.activation,
        });
        conversions.push({ layer: layer.name!, from: 'dense', to: 'conv2d', window: kernel });
        pendingWindow = undefined;
        sawDense = true;
        break;
      }
      case 'conv2d': {
        const kernel =
          typeof layer.kernelSize === 'number' ? [layer.kernelSize, layer.kernelSize] : layer.kernelSize;
        if (pendingWindow !== undefined || kernel[0] !== 1 || kernel[1] !== 1) {
          unsupported('is a conv that is not a 1×1 conv on a pooled map');
        }
        converted.push({ ...layer, inputs: [previous] });
        sawDense = true;
        break;
      }
      case 'reshape': {
        // Keras' MobileNet squeezes [1, 1, classes] to [classes]; on a grid the squeeze is dropped.
        const before =
          offset === 0 ? collapseRow.outputShape : report.layers[collapseAt + offset]!.outputShape;
        if (
          pendingWindow !== undefined ||
          before.length !== 3 ||
          before[0] !== 1 ||
          before[1] !== 1 ||
          row.outputShape.length !== 1
        ) {
          unsupported('is a Reshape other than squeezing a 1×1 map to a vector');
        }
        conversions.push({ layer: layer.name!, from: 'reshape', to: 'removed' });
        return;
      }
      case 'batchNormalization':
        // On a vector it normalises each feature; on a map, each channel at every position: the
        // same only once the features are channels, i.e. not between a Flatten and its dense layer.
        if (pendingWindow !== undefined) unsupported('sits between the Flatten and the first dense layer');
        converted.push({ ...layer, inputs: [previous] });
        break;
      default:
        if (!POSITIONWISE.has(layer.kind)) unsupported('has no convolutional equivalent');
        converted.push({ ...layer, inputs: [previous] } as LayerSpecInput);
    }
    previous = layer.name!;
  });
  if (!sawDense) {
    throw new SegmentationError(
      'no_dense_top',
      `model "${model.name}" has no dense layer after its ${collapse.kind} layer "${collapse.name}": there is no classifier top to convert`,
    );
  }

  const input = options.input ?? (model.input as [number, number, number]);
  if (model.input.length !== 3) {
    throw new SegmentationError(
      'unsupported_top',
      `model "${model.name}" takes a vector input: only image classifiers can be converted`,
    );
  }
  if (input[2] !== model.input[2]) {
    throw new SegmentationError(
      'invalid_options',
      `input ${input.join('×')} has ${input[2]} channels: the classifier was built for ${model.input[2]}`,
      { input, expectedChannels: model.input[2] },
    );
  }
  const spec: ModelSpecInput = {
    name: options.name ?? `${model.name}_fcn`,
    input: [...input],
    layers: [...layers.slice(0, collapseAt), ...converted] as LayerSpecInput[],
  };
  if (options.input !== undefined) {
    try {
      analyze(spec);
    } catch (error) {
      if (error instanceof ShapeMathError && error.code === 'kernel_too_large') {
        throw new SegmentationError(
          'invalid_options',
          `input ${input.join('×')} is too small for the converted network: the classifier's top reads a ${mapHeight}×${mapWidth} map at its training size ${model.input.join('×')}, so the input must be at least that large (${error.message})`,
          { input, trainingInput: model.input },
          { cause: error },
        );
      }
      throw error;
    }
  }
  return { spec, topInput: [mapHeight, mapWidth, mapChannels], conversions };
}

/** The option keys of the conversion (also the first part of `convertDenseToConv`'s). */
export const FULLY_CONVOLUTIONAL_OPTION_KEYS = optionKeys<FullyConvolutionalOptions>()('input', 'name');

/** The fully convolutional description of a classifier; see {@link planFullyConvolutional}. */
export function toFullyConvolutional(
  classifier: ModelSpecInput,
  options: FullyConvolutionalOptions = {},
): ModelSpecInput {
  rejectUnknownOptions('toFullyConvolutional', options, FULLY_CONVOLUTIONAL_OPTION_KEYS);
  return planFullyConvolutional(classifier, options).spec;
}
