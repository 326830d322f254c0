import type { ModelSpecInput } from '@cnnkit/shape-math';

/** A VGG-like backbone of five conv + pool stages (output stride 32), small enough to run in tests. */
export function miniVgg(side: number): ModelSpecInput {
  return {
    name: 'mini_vgg',
    input: [side, side, 3],
    layers: [4, 6, 8, 8, 8].flatMap((filters, stage) => [
      {
        kind: 'conv2d' as const,
        name: `conv${stage + 1}`,
        filters,
        kernelSize: 3,
        padding: 'same' as const,
        activation: 'relu' as const,
      },
      { kind: 'maxPooling2d' as const, name: `pool${stage + 1}`, poolSize: 2 },
    ]),
  };
}
