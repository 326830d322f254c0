import { EXERCISE2_DEFAULTS, exercise2Spec } from '@cnnkit/shape-math';
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
  defaultInputShape: [EXERCISE2_DEFAULTS.height, EXERCISE2_DEFAULTS.width, EXERCISE2_DEFAULTS.channels],
  defaultClasses: 10,
  minimumInputSide: 1,
  spec: (options) =>
    exercise2Spec({
      height: options.inputShape[0],
      width: options.inputShape[1],
      channels: options.inputShape[2],
    }),
};
