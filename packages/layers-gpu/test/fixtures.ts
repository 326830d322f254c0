import { exercise2Spec, type ModelSpecInput } from '@cnnkit/shape-math';

export { buildModel } from '../src/index';

/** Exercise 2's three conv layers, with a small classifier head so it can be trained. */
export function exercise2Network(options: {
  height: number;
  width: number;
  classes: number;
}): ModelSpecInput {
  const base = exercise2Spec({ height: options.height, width: options.width, filters: [8, 16, 32] });
  return {
    ...base,
    layers: [
      ...base.layers,
      { kind: 'globalAveragePooling2d', name: 'pool' },
      { kind: 'dense', name: 'logits', units: options.classes, activation: 'softmax' },
    ],
  };
}
