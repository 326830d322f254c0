import { type Exercise2Options, exercise2Spec } from '@cnnkit/shape-math';
import type { Architecture } from '../types';

export const exercise2: Architecture = {
  name: 'exercise2',
  title: 'Exercise 2: three conv layers',
  year: 2019,
  paper: {
    title: 'Hands-On Machine Learning with Scikit-Learn, Keras and TensorFlow, ch. 14, exercise 2',
    authors: 'Géron',
    venue: "O'Reilly",
    year: 2019,
  },
  innovations: [
    'A teaching network: 3×3 kernels, stride 2 and "same" padding halve the map at each of three layers while the channels double.',
  ],
  reference: {
    implementation: "the exercise's own answer",
    params: 903_400,
    counts: 'total',
    convention: 'no classifier head: the exercise counts the three conv layers only',
  },
  defaultInputShape: [200, 300, 3],
  defaultClasses: 10,
  minimumInputSide: 1,
  spec: (options) =>
    exercise2Spec({
      height: options.inputShape[0],
      width: options.inputShape[1],
      channels: options.inputShape[2],
    }),
};

/** A small deterministic generator (mulberry32), so a variant can be replayed from its seed. */
function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A reproducible variant of exercise 2: the options for shape-math's `exercise2Spec`, and its seed. */
export interface Exercise2Variant extends Required<Omit<Exercise2Options, 'filters'>> {
  readonly filters: readonly [number, number, number];
  readonly seed: number;
}

/**
 * A variant of exercise 2 drawn from `seed`: another input size, kernel, stride, padding and
 * filter counts, always valid (the last layer's map is at least 1×1) and small enough to run.
 */
export function exercise2Variant(seed: number): Exercise2Variant {
  const random = randomSource(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  const kernelSize = pick([1, 3, 5] as const);
  const strides = pick([1, 2, 2, 3] as const);
  const padding = pick(['same', 'same', 'valid'] as const);
  // Big enough for three valid windows: each layer loses at most kernel − 1 before striding.
  const minimum = padding === 'valid' ? (kernelSize - 1) * (1 + strides + strides ** 2) + strides ** 3 : 8;
  const height = Math.max(minimum, pick([32, 64, 100, 128, 150, 200] as const));
  const width = Math.max(minimum, pick([32, 64, 100, 128, 200, 300] as const));
  const base = pick([8, 16, 32, 50, 64, 100] as const);
  return {
    seed,
    height,
    width,
    channels: pick([1, 3] as const),
    kernelSize,
    strides,
    padding,
    filters: [base, base * 2, base * 4],
  };
}
