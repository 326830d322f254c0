import { BUILD_OPTION_KEYS, type BuildOptions, type BuiltModel, buildModel } from '@cnnkit/layers-gpu';
import { type ModelSpecInput, readKerasModel } from '@cnnkit/shape-math';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { SegmentationError } from './errors';
import {
  FULLY_CONVOLUTIONAL_OPTION_KEYS,
  type FullyConvolutionalOptions,
  type FullyConvolutionalPlan,
  planFullyConvolutional,
} from './fully-convolutional';
import { rejectUnknownOptions } from './options';

export interface ConvertDenseToConvOptions extends FullyConvolutionalOptions, BuildOptions {
  /**
   * The shape-math description the classifier was built from (by layers-gpu's `buildModel` or
   * architectures' `buildArchitecture`, which name each tfjs layer after its spec layer).
   * Default: read from the model itself, `readKerasModel(classifier.toJSON())`, so a classifier
   * loaded from disk (`tf.loadLayersModel`) converts with no spec.
   */
  readonly spec?: ModelSpecInput;
}

export interface ConvertedModel extends BuiltModel {
  readonly plan: FullyConvolutionalPlan;
}

/**
 * Builds the fully convolutional version of a real classifier and copies its weights in, not
 * retrained: conv and normalisation weights as they are, each dense kernel `[h·w·c, units]`
 * reshaped to the conv kernel `[h, w, c, units]`. That reshape is exact because tfjs' Flatten
 * reads a channels-last map in row-major order, the same order as a conv kernel's first three
 * axes. The classifier's description is `options.spec` or, by default, read from the model itself
 * (`readKerasModel(classifier.toJSON())`), so any loaded tfjs classifier converts; a layer the reader
 * cannot map fails with shape-math's `unsupported_layer`, naming it. The classifier is left
 * untouched; the caller disposes both models.
 *
 * What the converted network computes:
 * - at the training size, the classifier's outputs (a 1×1 grid), up to float rounding;
 * - on a larger image, each grid cell is the classifier's dense layers applied to the matching
 *   window of the last feature map (for any backbone);
 * - only for a backbone without padding (every conv and pooling "valid") is that also the
 *   classifier run on the matching crop of the image. With "same" padding (VGG16, the ResNets) the
 *   crop's border sees zeros where the full image has pixels, so the cells differ from the
 *   classifier on the crop (test/convert-logits.test.ts checks both, on raw logits).
 */
export function convertDenseToConv(
  classifier: tfl.LayersModel,
  options: ConvertDenseToConvOptions = {},
): ConvertedModel {
  rejectUnknownOptions('convertDenseToConv', options, [
    'spec',
    ...FULLY_CONVOLUTIONAL_OPTION_KEYS,
    ...BUILD_OPTION_KEYS,
  ]);
  const { spec: given, input, name, ...buildOptions } = options;
  // The topology tfjs writes names every layer as the model does, so weights copy by name.
  const spec = given ?? readKerasModel(classifier.toJSON());
  const plan = planFullyConvolutional(spec, {
    ...(input === undefined ? {} : { input }),
    ...(name === undefined ? {} : { name }),
  });
  const sourceByName = new Map(classifier.layers.map((layer) => [layer.name, layer]));
  const built = buildModel(plan.spec, buildOptions);
  try {
    for (const target of built.model.layers) {
      const targetWeights = target.getWeights();
      if (targetWeights.length === 0) continue;
      const source = sourceByName.get(target.name);
      const sourceWeights = source?.getWeights() ?? [];
      if (source === undefined || sourceWeights.length !== targetWeights.length) {
        throw new SegmentationError(
          'model_mismatch',
          `layer "${target.name}" of the converted network has ${targetWeights.length} weight tensors, but the classifier ${source === undefined ? 'has no layer of that name' : `has ${sourceWeights.length}`}: pass the spec the classifier was built from`,
          { layer: target.name },
        );
      }
      const copied = tf.tidy(() =>
        sourceWeights.map((weight, i) => {
          const shape = targetWeights[i]!.shape;
          if (weight.size !== targetWeights[i]!.size) {
            throw new SegmentationError(
              'model_mismatch',
              `layer "${target.name}": the classifier's weight ${i} has shape [${weight.shape.join(', ')}], which cannot fill [${shape.join(', ')}]: pass the spec the classifier was built from`,
              { layer: target.name, sourceShape: weight.shape, targetShape: shape },
            );
          }
          return tf.reshape(weight, shape);
        }),
      );
      target.setWeights(copied);
      tf.dispose(copied);
    }
  } catch (error) {
    built.model.dispose();
    throw error;
  }
  return { ...built, plan };
}
