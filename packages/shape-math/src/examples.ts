import { assertOptionsObject } from './errors';
import type { ModelSpecInput } from './schemas';

/** Options of `exercise2Spec`; each defaults to the exercise's own value (200×300×3, 3×3, stride 2, same, 100/200/400). */
export interface Exercise2Options {
  readonly height?: number;
  readonly width?: number;
  readonly channels?: number;
  readonly kernelSize?: number;
  readonly strides?: number;
  readonly padding?: 'same' | 'valid';
  readonly filters?: readonly number[];
}

/** Exercise 2 as the book states it; every other package reads its defaults from here. */
export const EXERCISE2_DEFAULTS = {
  height: 200,
  width: 300,
  channels: 3,
  kernelSize: 3,
  strides: 2,
  padding: 'same',
  filters: [100, 200, 400],
} as const satisfies Required<Exercise2Options>;

/**
 * The network of exercise 2 (Géron, "Hands-On Machine Learning", chapter 14, exercise 2):
 * three conv layers with 3×3 kernels, stride 2 and "same" padding, outputting 100, 200 and
 * 400 feature maps, on 200×300 RGB images. Options give its variants.
 */
export function exercise2Spec(options: Exercise2Options = {}): ModelSpecInput {
  assertOptionsObject(options, Object.keys(EXERCISE2_DEFAULTS));
  const {
    height = EXERCISE2_DEFAULTS.height,
    width = EXERCISE2_DEFAULTS.width,
    channels = EXERCISE2_DEFAULTS.channels,
    kernelSize = EXERCISE2_DEFAULTS.kernelSize,
    strides = EXERCISE2_DEFAULTS.strides,
    padding = EXERCISE2_DEFAULTS.padding,
    filters = EXERCISE2_DEFAULTS.filters,
  } = options;
  return {
    name: 'exercise2',
    input: [height, width, channels],
    layers: filters.map((count, i) => ({
      kind: 'conv2d' as const,
      name: `conv${i + 1}`,
      filters: count,
      kernelSize,
      strides,
      padding,
      activation: 'relu' as const,
    })),
  };
}
