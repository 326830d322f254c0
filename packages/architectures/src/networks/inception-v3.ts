import type { LayerSpecInput, Padding } from '@cnnkit/shape-math';
import type { Architecture, ClassifierActivation } from '../types';

/*
 * Keras' InceptionV3 (keras.applications.inception_v3), layer for layer: every convolution is
 * `conv2d_bn` (a conv without bias, batch norm with `scale=False`, ReLU), "same" padding unless
 * marked "valid"; the mixed blocks concatenate their branches on channels.
 */
class InceptionBuilder {
  readonly layers: LayerSpecInput[] = [];
  private count = 0;

  /** conv2d_bn(x, filters, rows, cols, padding, strides): returns the name of its output. */
  conv(
    input: string,
    filters: number,
    rows: number,
    cols: number,
    padding: Padding = 'same',
    strides = 1,
  ): string {
    this.count++;
    const name = `conv${this.count}`;
    this.layers.push(
      {
        kind: 'conv2d',
        name,
        inputs: [input],
        filters,
        kernelSize: [rows, cols],
        strides,
        padding,
        useBias: false,
      },
      { kind: 'batchNormalization', name: `${name}_bn`, scale: false },
      { kind: 'activation', name: `${name}_relu`, activation: 'relu' },
    );
    return `${name}_relu`;
  }

  pool(input: string, kind: 'maxPooling2d' | 'averagePooling2d', strides: number, padding: Padding): string {
    this.count++;
    const name = `pool${this.count}`;
    this.layers.push({ kind, name, inputs: [input], poolSize: 3, strides, padding });
    return name;
  }

  concat(name: string, inputs: string[]): string {
    this.layers.push({ kind: 'concatenate', name, inputs });
    return name;
  }
}

function inceptionV3Layers(
  includeTop: boolean,
  classes: number,
  classifierActivation: ClassifierActivation,
): LayerSpecInput[] {
  const b = new InceptionBuilder();
  let x = b.conv('input', 32, 3, 3, 'valid', 2);
  x = b.conv(x, 32, 3, 3, 'valid');
  x = b.conv(x, 64, 3, 3);
  x = b.pool(x, 'maxPooling2d', 2, 'valid');
  x = b.conv(x, 80, 1, 1, 'valid');
  x = b.conv(x, 192, 3, 3, 'valid');
  x = b.pool(x, 'maxPooling2d', 2, 'valid');

  // mixed 0, 1, 2: 35 × 35 × 256 (288 after the first)
  for (const [i, poolFilters] of [32, 64, 64].entries()) {
    const branch1x1 = b.conv(x, 64, 1, 1);
    const branch5x5 = b.conv(b.conv(x, 48, 1, 1), 64, 5, 5);
    const branch3x3dbl = b.conv(b.conv(b.conv(x, 64, 1, 1), 96, 3, 3), 96, 3, 3);
    const branchPool = b.conv(b.pool(x, 'averagePooling2d', 1, 'same'), poolFilters, 1, 1);
    x = b.concat(`mixed${i}`, [branch1x1, branch5x5, branch3x3dbl, branchPool]);
  }

  // mixed 3: 17 × 17 × 768
  {
    const branch3x3 = b.conv(x, 384, 3, 3, 'valid', 2);
    const branch3x3dbl = b.conv(b.conv(b.conv(x, 64, 1, 1), 96, 3, 3), 96, 3, 3, 'valid', 2);
    const branchPool = b.pool(x, 'maxPooling2d', 2, 'valid');
    x = b.concat('mixed3', [branch3x3, branch3x3dbl, branchPool]);
  }

  // mixed 4 to 7: 17 × 17 × 768, factorised 7×7 convolutions of width 128, 160, 160, 192
  for (const [i, width] of [128, 160, 160, 192].entries()) {
    const branch1x1 = b.conv(x, 192, 1, 1);
    const branch7x7 = b.conv(b.conv(b.conv(x, width, 1, 1), width, 1, 7), 192, 7, 1);
    let dbl = b.conv(x, width, 1, 1);
    dbl = b.conv(dbl, width, 7, 1);
    dbl = b.conv(dbl, width, 1, 7);
    dbl = b.conv(dbl, width, 7, 1);
    dbl = b.conv(dbl, 192, 1, 7);
    const branchPool = b.conv(b.pool(x, 'averagePooling2d', 1, 'same'), 192, 1, 1);
    x = b.concat(`mixed${4 + i}`, [branch1x1, branch7x7, dbl, branchPool]);
  }

  // mixed 8: 8 × 8 × 1280
  {
    const branch3x3 = b.conv(b.conv(x, 192, 1, 1), 320, 3, 3, 'valid', 2);
    let branch7x7x3 = b.conv(x, 192, 1, 1);
    branch7x7x3 = b.conv(branch7x7x3, 192, 1, 7);
    branch7x7x3 = b.conv(branch7x7x3, 192, 7, 1);
    branch7x7x3 = b.conv(branch7x7x3, 192, 3, 3, 'valid', 2);
    const branchPool = b.pool(x, 'maxPooling2d', 2, 'valid');
    x = b.concat('mixed8', [branch3x3, branch7x7x3, branchPool]);
  }

  // mixed 9, 10: 8 × 8 × 2048
  for (const i of [0, 1]) {
    const branch1x1 = b.conv(x, 320, 1, 1);
    const branch3x3 = b.conv(x, 384, 1, 1);
    const branch3x3Both = b.concat(`mixed9_${i}`, [
      b.conv(branch3x3, 384, 1, 3),
      b.conv(branch3x3, 384, 3, 1),
    ]);
    const dbl = b.conv(b.conv(x, 448, 1, 1), 384, 3, 3);
    const dblBoth = b.concat(`mixed9_${i}_dbl`, [b.conv(dbl, 384, 1, 3), b.conv(dbl, 384, 3, 1)]);
    const branchPool = b.conv(b.pool(x, 'averagePooling2d', 1, 'same'), 192, 1, 1);
    x = b.concat(`mixed${9 + i}`, [branch1x1, branch3x3Both, dblBoth, branchPool]);
  }

  if (includeTop)
    b.layers.push(
      { kind: 'globalAveragePooling2d', name: 'avg_pool', inputs: [x] },
      { kind: 'dense', name: 'predictions', units: classes, activation: classifierActivation },
    );
  return b.layers;
}

export const inceptionV3: Architecture = {
  name: 'inception-v3',
  title: 'Inception-v3',
  year: 2015,
  paper: {
    title: 'Rethinking the inception architecture for computer vision',
    authors: 'Szegedy, Vanhoucke, Ioffe, Shlens, Wojna',
    venue: 'CVPR 2016',
    year: 2015,
  },
  innovations: [
    'Factorises large convolutions: a 5×5 becomes two 3×3, and an n×n becomes a 1×n followed by an n×1, for the same receptive field at a fraction of the cost.',
    'Shrinks the grid with parallel strided convolution and pooling branches, and adds batch normalization throughout.',
  ],
  reference: {
    implementation: 'keras.applications.InceptionV3',
    params: 23_851_784,
    counts: 'total',
    convention:
      'convs without bias, batch norm without scale (beta plus the running mean and variance, which "Total params" counts); 299×299 input',
  },
  defaultInputShape: [299, 299, 3],
  defaultClasses: 1000,
  // keras.applications' _obtain_input_shape(min_size=75) for InceptionV3.
  minimumInputSide: 75,
  spec: (options) => ({
    name: 'inception_v3',
    input: [...options.inputShape],
    layers: inceptionV3Layers(options.includeTop, options.classes, options.classifierActivation),
  }),
};
