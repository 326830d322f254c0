import { describe, expect, test } from 'vitest';
import { analyze, explicitSpatialPadding, type LayerSpecInput, type ModelSpecInput } from '../src/index';
import { caught } from './caught';

/*
 * The layer rules as data: every refusal with its code, the path of the field that was wrong, the
 * layer, the rejected value and the numbers a caller needs to correct it (details such as the axis,
 * the span and the largest span allowed, what a crop leaves); and the results the earlier suites did
 * not read: the padding each windowed layer reports, depthwise counts with a depth multiplier, a
 * transposed convolution's padding and `trainable`, and the receptive field and output stride where
 * the input's output stride is not 1. Mutation testing of `layers.ts` (issue 17,
 * docs/mutation-testing.md) found these branches unchecked: a flipped `||`, a wrong bound or a lost
 * axis in a message survived. Each case is here once. Every expected figure is derived by hand in
 * the comment beside it; receptive fields follow the recurrence r_out = r_in + (span − 1)·j_in,
 * j_out = j_in·stride (Araujo et al., "Computing Receptive Fields of Convolutional Neural
 * Networks", Distill 2019).
 */

function model(input: readonly number[], layers: readonly LayerSpecInput[]): ModelSpecInput {
  return { name: 'm', input: input as [number, number, number], layers };
}

describe('an image layer after a flatten, or a reshape to rank 2', () => {
  test('is rank_mismatch on inputs, quoting the shape it got', () => {
    // 4×4×2 flattened is [32].
    const error = caught(() =>
      analyze(
        model(
          [4, 4, 2],
          [
            { kind: 'flatten', name: 'f' },
            { kind: 'conv2d', name: 'c', filters: 1, kernelSize: 1 },
          ],
        ),
      ),
    );
    expect(error.code).toBe('rank_mismatch');
    expect(error.path).toEqual(['layers', 1, 'inputs']);
    expect(error.layer).toEqual({ index: 1, name: 'c' });
    expect(error.message).toContain('conv2d needs a [height, width, channels] input, got [32]');
  });

  for (const kind of ['maxPooling2d', 'zeroPadding2d', 'cropping2d', 'upSampling2d'] as const) {
    test(`${kind} names itself in the refusal`, () => {
      const layer = {
        maxPooling2d: { kind: 'maxPooling2d', name: 'x', poolSize: 2 },
        zeroPadding2d: { kind: 'zeroPadding2d', name: 'x', padding: 1 },
        cropping2d: { kind: 'cropping2d', name: 'x', cropping: 1 },
        upSampling2d: { kind: 'upSampling2d', name: 'x', size: 2 },
      }[kind] as LayerSpecInput;
      const error = caught(() => analyze(model([4, 4, 2], [{ kind: 'flatten', name: 'f' }, layer])));
      expect(error.code).toBe('rank_mismatch');
      expect(error.message).toContain(`${kind} needs a [height, width, channels] input, got [32]`);
    });
  }

  for (const kind of ['depthwiseConv2d', 'separableConv2d', 'conv2dTranspose'] as const) {
    test(`${kind} after a reshape to rank 2 names itself and quotes the whole shape`, () => {
      // 4·4·2 = 32 elements reshaped to [4, 8].
      const layer = (
        kind === 'depthwiseConv2d'
          ? { kind, name: 'x', kernelSize: 1 }
          : { kind, name: 'x', filters: 1, kernelSize: 1 }
      ) as LayerSpecInput;
      const error = caught(() =>
        analyze(model([4, 4, 2], [{ kind: 'reshape', name: 'r', targetShape: [4, 8] }, layer])),
      );
      expect(error.code).toBe('rank_mismatch');
      expect(error.path).toEqual(['layers', 1, 'inputs']);
      expect(error.message).toContain(`${kind} needs a [height, width, channels] input, got [4, 8]`);
    });
  }
});

describe('one-input layers given several inputs', () => {
  test('are merge_mismatch, with the count they got and the kinds that do merge', () => {
    const error = caught(() =>
      analyze(
        model(
          [8, 8, 2],
          [
            { kind: 'conv2d', name: 'a', filters: 2, kernelSize: 1 },
            { kind: 'conv2d', name: 'b', inputs: ['input', 'a'], filters: 2, kernelSize: 1 },
          ],
        ),
      ),
    );
    expect(error.code).toBe('merge_mismatch');
    expect(error.path).toEqual(['layers', 1, 'inputs']);
    expect(error.message).toContain('takes exactly one input, got 2');
    expect(error.message).toContain('add, multiply and concatenate');
  });

  test('a further model input that reads a layer is refused by the schema, before the rule', () => {
    const error = caught(() =>
      analyze(
        model(
          [8, 8, 2],
          [
            { kind: 'conv2d', name: 'a', filters: 2, kernelSize: 1 },
            { kind: 'input', name: 'second', shape: [8, 8, 2], inputs: ['a'] } as LayerSpecInput,
          ],
        ),
      ),
    );
    expect(error.code).toBe('invalid_spec');
    expect(error.path).toEqual(['layers', 1, 'inputs']);
    expect(error.message).toContain('a model input reads no layer');
  });
});

describe('grouped convolution', () => {
  // The groups must divide both sides: 6 channels, 4 filters, 2 groups is fine (3 and 2 per group).
  test('groups that divide both sides are allowed and count C_in/g weights per filter', () => {
    const report = analyze(
      model([5, 5, 6], [{ kind: 'conv2d', name: 'c', filters: 4, kernelSize: 3, groups: 2 }]),
    );
    // 3·3·(6/2) = 27 weights per filter, 4 filters, 4 biases → 112.
    expect(report.layers[0]!.params.trainable).toBe(112);
  });

  test.each([
    // [input channels, filters, groups]: the failing side differs, so an `||` read as `&&` is caught.
    [6, 8, 4, 'the channels'],
    [8, 6, 4, 'the filters'],
  ])('%i channels, %i filters, %i groups is invalid_groups (%s)', (channels, filters, groups) => {
    const error = caught(() =>
      analyze(model([5, 5, channels], [{ kind: 'conv2d', name: 'c', filters, kernelSize: 3, groups }])),
    );
    expect(error.code).toBe('invalid_groups');
    expect(error.path).toEqual(['layers', 0, 'groups']);
    expect(error.message).toContain(`input channels (${channels}) and the filters (${filters})`);
  });
});

describe('windows that do not fit', () => {
  test('a dilated kernel reports its dilated span, the axis and the largest span allowed', () => {
    // 3×3 at dilation 3 spans 3 + 2·2 = 7; a 6-wide "valid" input allows 6.
    const error = caught(() =>
      analyze(model([9, 6, 1], [{ kind: 'conv2d', name: 'c', filters: 1, kernelSize: 3, dilationRate: 3 }])),
    );
    expect(error.code).toBe('kernel_too_large');
    expect(error.path).toEqual(['layers', 0, 'kernelSize']);
    expect(error.details).toEqual({ window: 'kernel', axis: 'width', span: 7, largestAllowed: 6 });
    expect(error.message).toContain('(dilated span 7)');
    expect(error.message).toContain('the width allows a span of at most 6');
    expect(error.message).toContain('"valid" padding');
  });

  test('an undilated kernel says no dilated span; a square kernel is reported as one number', () => {
    const error = caught(() =>
      analyze(model([2, 2, 1], [{ kind: 'conv2d', name: 'c', filters: 1, kernelSize: 3 }])),
    );
    expect(error.message).not.toContain('dilated');
    expect(error.issues[0]!.value).toBe(3);
    expect(error.message).toContain('the height allows a span of at most 2');
    expect(error.message).toContain('smaller kernel');
    expect(error.details).toEqual({ window: 'kernel', axis: 'height', span: 3, largestAllowed: 2 });
  });

  test('a non-square kernel is quoted as [height, width]', () => {
    // [3, 2] on a 2×4 map, "valid": the height allows a span of 2, the kernel needs 3.
    const wide = caught(() =>
      analyze(model([2, 4, 1], [{ kind: 'conv2d', name: 'c', filters: 1, kernelSize: [3, 2] }])),
    );
    expect(wide.code).toBe('kernel_too_large');
    expect(wide.issues[0]!.value).toEqual([3, 2]);
    expect(wide.details).toEqual({ window: 'kernel', axis: 'height', span: 3, largestAllowed: 2 });
  });

  for (const kind of ['depthwiseConv2d', 'separableConv2d'] as const) {
    test(`${kind} refuses on kernelSize, naming a kernel`, () => {
      // 3×3 on a 2×2 map, "valid": span 3, the height allows 2.
      const layer = (
        kind === 'depthwiseConv2d'
          ? { kind, name: 'd', kernelSize: 3 }
          : { kind, name: 'd', filters: 2, kernelSize: 3 }
      ) as LayerSpecInput;
      const error = caught(() => analyze(model([2, 2, 1], [layer])));
      expect(error.code).toBe('kernel_too_large');
      expect(error.path).toEqual(['layers', 0, 'kernelSize']);
      expect(error.details).toEqual({ window: 'kernel', axis: 'height', span: 3, largestAllowed: 2 });
      expect(error.message).toContain('smaller kernel');
    });
  }

  test('a pool window is named a window, with the padding it was given', () => {
    // 3×3 pool, explicit padding 1 on a 1×1 map: 1 + 2 = 3 allows the span 3; [1, 0] gives 2.
    expect(
      analyze(model([1, 1, 1], [{ kind: 'maxPooling2d', name: 'p', poolSize: 3, strides: 1, padding: 1 }]))
        .layers[0]!.outputShape,
    ).toEqual([1, 1, 1]);
    const error = caught(() =>
      analyze(
        model(
          [1, 1, 1],
          [
            {
              kind: 'maxPooling2d',
              name: 'p',
              poolSize: 3,
              strides: 1,
              padding: [
                [1, 0],
                [1, 1],
              ],
            },
          ],
        ),
      ),
    );
    expect(error.code).toBe('kernel_too_large');
    expect(error.path).toEqual(['layers', 0, 'poolSize']);
    expect(error.details).toEqual({ window: 'pool', axis: 'height', span: 3, largestAllowed: 2 });
    expect(error.message).toContain('pool window 3×3');
    expect(error.message).toContain('padding [[1,0],[1,1]]');
    expect(error.message).toContain('smaller window');
  });

  test('"same" never refuses a kernel larger than the map', () => {
    // TensorFlow pads "same" as needed: 7×7 on 2×2 at stride 1 stays 2×2.
    const report = analyze(
      model([2, 2, 1], [{ kind: 'conv2d', name: 'c', filters: 1, kernelSize: 7, padding: 'same' }]),
    );
    expect(report.layers[0]!.outputShape).toEqual([2, 2, 1]);
  });
});

describe('explicit padding per axis (PyTorch style)', () => {
  test('one number pads every side; [h, w] pads each axis on both sides', () => {
    // 4×4, 3×3 valid kernel. padding 1: 4 + 2 − 3 + 1 = 4 both ways.
    // padding [1, 2]: height 4 + 2 − 3 + 1 = 4; width 4 + 4 − 3 + 1 = 6.
    const one = analyze(
      model([4, 4, 1], [{ kind: 'conv2d', name: 'c', filters: 1, kernelSize: 3, padding: 1 }]),
    );
    expect(one.layers[0]!.outputShape).toEqual([4, 4, 1]);
    const pair = analyze(
      model([4, 4, 1], [{ kind: 'conv2d', name: 'c', filters: 1, kernelSize: 3, padding: [1, 2] }]),
    );
    expect(pair.layers[0]!.outputShape).toEqual([4, 6, 1]);
  });

  test('[[top, bottom], [left, right]] pads each side as given', () => {
    // Height 4 + 1 + 2 − 3 + 1 = 5; width 4 + 0 + 0 − 3 + 1 = 2.
    const conv = analyze(
      model(
        [4, 4, 1],
        [
          {
            kind: 'conv2d',
            name: 'c',
            filters: 1,
            kernelSize: 3,
            padding: [
              [1, 2],
              [0, 0],
            ],
          },
        ],
      ),
    );
    expect(conv.layers[0]!.outputShape).toEqual([5, 2, 1]);
  });
});

describe('transposed convolution', () => {
  test('[height, width] padding pads each axis on both sides (PyTorch)', () => {
    // PyTorch ConvTranspose2d: H_out = (H_in − 1)·s − 2·p + k.
    // Height (3 − 1)·1 − 2·1 + 3 = 3; width (3 − 1)·1 − 2·0 + 3 = 5.
    const report = analyze(
      model([3, 3, 1], [{ kind: 'conv2dTranspose', name: 't', filters: 1, kernelSize: 3, padding: [1, 0] }]),
    );
    expect(report.layers[0]!.outputShape).toEqual([3, 5, 1]);
  });

  test.each([
    // 4×4×2 input, 2×2 kernel, 3 filters: 2·2·2·3 = 24 weights + 3 biases = 27.
    [undefined, { trainable: 27, nonTrainable: 0, total: 27 }],
    [true, { trainable: 27, nonTrainable: 0, total: 27 }],
    [false, { trainable: 0, nonTrainable: 27, total: 27 }],
  ])('trainable %s counts its 27 parameters as %j', (trainable, params) => {
    const layer = {
      kind: 'conv2dTranspose',
      name: 't',
      filters: 3,
      kernelSize: 2,
      strides: 2,
      ...(trainable === undefined ? {} : { trainable }),
    } as LayerSpecInput;
    const report = analyze(model([4, 4, 2], [layer]));
    expect(report.layers[0]!.params).toEqual(params);
  });

  test('an output padding not smaller than the stride or the dilation is kernel_too_large on outputPadding, with the value given', () => {
    const error = caught(() =>
      analyze(
        model(
          [4, 4, 1],
          [{ kind: 'conv2dTranspose', name: 't', filters: 1, kernelSize: 3, strides: 2, outputPadding: 2 }],
        ),
      ),
    );
    expect(error.code).toBe('kernel_too_large');
    expect(error.path).toEqual(['layers', 0, 'outputPadding']);
    expect(error.issues[0]!.value).toBe(2);
    expect(error.message).toContain('smaller than the stride (2) or the dilation (1)');
  });

  test('padding that removes the whole output is empty_output with the axis and the length', () => {
    // PyTorch: (1 − 1)·1 − 2·2 + 3 = −1 rows and columns; the height is checked first.
    const error = caught(() =>
      analyze(
        model([1, 1, 1], [{ kind: 'conv2dTranspose', name: 't', filters: 1, kernelSize: 3, padding: 2 }]),
      ),
    );
    expect(error.code).toBe('empty_output');
    expect(error.path).toEqual(['layers', 0, 'padding']);
    expect(error.details).toEqual({ axis: 'height', length: -1 });
  });

  test('the width is named when only the width empties', () => {
    // Height (3 − 1) − 2 + 3 = 3; width (1 − 1) − 2 + 1 ... with kernel [3, 1]: 0 − 2 + 1 = −1.
    const error = caught(() =>
      analyze(
        model(
          [3, 1, 1],
          [{ kind: 'conv2dTranspose', name: 't', filters: 1, kernelSize: [3, 1], padding: 1 }],
        ),
      ),
    );
    expect(error.code).toBe('empty_output');
    expect(error.details).toEqual({ axis: 'width', length: -1 });
  });
});

describe('reshape', () => {
  test('-1 twice is refused', () => {
    const error = caught(() =>
      analyze(model([4, 4, 2], [{ kind: 'reshape', name: 'r', targetShape: [-1, -1] }])),
    );
    expect(error.code).toBe('invalid_reshape');
    expect(error.path).toEqual(['layers', 0, 'targetShape']);
    expect(error.message).toContain('-1 at most once');
  });

  test('-1 is inferred from the element count: 32 elements into [-1, 8] is [4, 8]', () => {
    const report = analyze(model([4, 4, 2], [{ kind: 'reshape', name: 'r', targetShape: [-1, 8] }]));
    expect(report.layers[0]!.outputShape).toEqual([4, 8]);
  });

  test.each([
    // 32 elements: 5 does not divide 32 (−1 would be 6.4); 3·3 = 9 ≠ 32.
    [[5, -1]],
    [[3, 3]],
  ])('%j cannot hold 32 elements and says what the sizes must multiply to', (targetShape) => {
    const error = caught(() => analyze(model([4, 4, 2], [{ kind: 'reshape', name: 'r', targetShape }])));
    expect(error.code).toBe('invalid_reshape');
    expect(error.path).toEqual(['layers', 0, 'targetShape']);
    expect(error.issues[0]!.value).toEqual(targetShape);
    expect(error.message).toContain('cannot hold the 32 elements of a [4, 4, 2] input');
    expect(error.message).toContain('multiply to 32');
  });
});

describe('merges', () => {
  const branches: LayerSpecInput[] = [
    { kind: 'conv2d', name: 'a', inputs: ['input'], filters: 3, kernelSize: 1 },
    { kind: 'conv2d', name: 'b', inputs: ['input'], filters: 5, kernelSize: 1 },
  ];

  test('concatenate on the last axis (the default) sums the channels; on axis 0 the rows', () => {
    const channels = analyze(
      model([4, 6, 2], [...branches, { kind: 'concatenate', name: 'cat', inputs: ['a', 'b'] }]),
    );
    expect(channels.layers[2]!.outputShape).toEqual([4, 6, 8]);
    const rows = analyze(
      model(
        [4, 6, 2],
        [
          { kind: 'conv2d', name: 'a', inputs: ['input'], filters: 2, kernelSize: 1 },
          { kind: 'conv2d', name: 'b', inputs: ['input'], filters: 2, kernelSize: 1 },
          { kind: 'concatenate', name: 'cat', inputs: ['a', 'b'], axis: 0 },
        ],
      ),
    );
    expect(rows.layers[2]!.outputShape).toEqual([8, 6, 2]);
  });

  test.each([3, -4])('concatenate axis %i is outside 3 axes: allowed -3 to 2', (axis) => {
    const error = caught(() =>
      analyze(
        model([4, 6, 2], [...branches, { kind: 'concatenate', name: 'cat', inputs: ['a', 'b'], axis }]),
      ),
    );
    expect(error.code).toBe('merge_mismatch');
    expect(error.path).toEqual(['layers', 2, 'axis']);
    expect(error.message).toContain('allowed -3 to 2');
  });

  test('concatenate on channels of maps of different heights names both shapes', () => {
    const error = caught(() =>
      analyze(
        model(
          [4, 6, 2],
          [
            { kind: 'conv2d', name: 'a', inputs: ['input'], filters: 3, kernelSize: 1 },
            { kind: 'maxPooling2d', name: 'b', inputs: ['input'], poolSize: [2, 1] },
            { kind: 'concatenate', name: 'cat', inputs: ['a', 'b'] },
          ],
        ),
      ),
    );
    expect(error.code).toBe('merge_mismatch');
    expect(error.path).toEqual(['layers', 2, 'inputs']);
    expect(error.message).toContain('needs every other axis equal');
    expect(error.message).toContain('[4, 6, 3]');
    expect(error.message).toContain('[2, 6, 2]');
  });

  for (const kind of ['concatenate', 'add'] as const) {
    test(`${kind} of a map and a flat vector is a rank refusal at inputs, naming both shapes`, () => {
      const error = caught(() =>
        analyze(
          model(
            [2, 2, 2],
            [
              { kind: 'flatten', name: 'f', inputs: ['input'] },
              { kind, name: 'm', inputs: ['input', 'f'] } as LayerSpecInput,
            ],
          ),
        ),
      );
      expect(error.code).toBe('merge_mismatch');
      expect(error.path).toEqual(['layers', 1, 'inputs']);
      expect(error.issues[0]!.value).toEqual(['input', 'f']);
      expect(error.message).toContain(`${kind} needs inputs of the same rank`);
      // 2·2·2 = 8 elements flattened.
      expect(error.message).toContain('[2, 2, 2]');
      expect(error.message).toContain('[8]');
    });
  }

  test('add broadcasts size 1 and names the axis that differs otherwise', () => {
    // An SE gate [1, 1, 4] multiplies a [3, 3, 4] map; [3, 3, 4] + [3, 3, 2] differs on axis 2.
    const gated = analyze(
      model(
        [3, 3, 4],
        [
          { kind: 'globalAveragePooling2d', name: 'g', inputs: ['input'], keepDims: true } as LayerSpecInput,
          { kind: 'multiply', name: 'm', inputs: ['input', 'g'] },
        ],
      ),
    );
    expect(gated.layers[1]!.outputShape).toEqual([3, 3, 4]);
    const error = caught(() =>
      analyze(
        model(
          [3, 3, 4],
          [
            { kind: 'conv2d', name: 'c', inputs: ['input'], filters: 2, kernelSize: 1 },
            { kind: 'add', name: 'sum', inputs: ['input', 'c'] },
          ],
        ),
      ),
    );
    expect(error.code).toBe('merge_mismatch');
    expect(error.message).toContain('axis 2 differs');
  });
});

describe('the padding a windowed layer reports', () => {
  test('"same" reports TensorFlow\'s split per axis, the odd row after', () => {
    // Height 5, kernel 4, stride 1: output 5, total (5 − 1)·1 + 4 − 5 = 3 → [1, 2].
    // Width 6, kernel 3: total (6 − 1) + 3 − 6 = 2 → [1, 1].
    const report = analyze(
      model([5, 6, 1], [{ kind: 'conv2d', name: 'c', filters: 1, kernelSize: [4, 3], padding: 'same' }]),
    );
    expect(report.layers[0]!.padding).toEqual([
      [1, 2],
      [1, 1],
    ]);
    expect(report.layers[0]!.outputShape).toEqual([5, 6, 1]);
  });

  test('"valid" reports no padding on either axis', () => {
    const report = analyze(model([5, 6, 1], [{ kind: 'conv2d', name: 'c', filters: 1, kernelSize: 3 }]));
    expect(report.layers[0]!.padding).toEqual([
      [0, 0],
      [0, 0],
    ]);
  });

  test('explicit padding is reported as given, per side', () => {
    // Height 5 + 1 + 2 − 3 + 1 = 6; width 6 + 0 + 3 − 3 + 1 = 7.
    const padding = [
      [1, 2],
      [0, 3],
    ] as const;
    const report = analyze(
      model([5, 6, 1], [{ kind: 'maxPooling2d', name: 'p', poolSize: 3, strides: 1, padding }]),
    );
    expect(report.layers[0]!.padding).toEqual(padding);
    expect(report.layers[0]!.outputShape).toEqual([6, 7, 1]);
  });

  test('zero padding reports the sides it added: [[0, 3], [2, 1]] on 4×4 is 7×7', () => {
    const report = analyze(
      model(
        [4, 4, 1],
        [
          {
            kind: 'zeroPadding2d',
            name: 'z',
            padding: [
              [0, 3],
              [2, 1],
            ],
          },
        ],
      ),
    );
    expect(report.layers[0]!.padding).toEqual([
      [0, 3],
      [2, 1],
    ]);
    expect(report.layers[0]!.outputShape).toEqual([7, 7, 1]);
  });

  test('explicitSpatialPadding: undefined for the modes TensorFlow applies, else [[t, b], [l, r]]', () => {
    expect(explicitSpatialPadding('same')).toBeUndefined();
    expect(explicitSpatialPadding('valid')).toBeUndefined();
    expect(explicitSpatialPadding(2)).toEqual([
      [2, 2],
      [2, 2],
    ]);
    expect(explicitSpatialPadding([1, 3])).toEqual([
      [1, 1],
      [3, 3],
    ]);
    expect(
      explicitSpatialPadding([
        [0, 1],
        [2, 3],
      ]),
    ).toEqual([
      [0, 1],
      [2, 3],
    ]);
  });
});

describe('depthwise convolution with a depth multiplier', () => {
  test('counts k·k·C·m weights and C·m biases, and k·k MACs per output element', () => {
    // Keras DepthwiseConv2D: 5×5×3 input, 3×3 kernel, depth multiplier 2, "valid".
    // Output 3×3×(3·2 = 6). Weights 3·3·6 = 54, biases 6 → 60.
    // MACs: 3·3 positions · 6 channels · 9 taps = 486.
    const report = analyze(
      model([5, 5, 3], [{ kind: 'depthwiseConv2d', name: 'd', kernelSize: 3, depthMultiplier: 2 }]),
    );
    const layer = report.layers[0]!;
    expect(layer.outputShape).toEqual([3, 3, 6]);
    expect(layer.params).toEqual({ trainable: 60, nonTrainable: 0, total: 60 });
    expect(layer.macs).toBe(486);
  });
});

describe('receptive field and output stride after a strided layer', () => {
  // conv 2×2 at stride 2 on 8×6: output 4×3, field [2, 2], output stride [2, 2].
  const strided: LayerSpecInput = { kind: 'conv2d', name: 's', filters: 1, kernelSize: 2, strides: 2 };

  test('a global pool sees the whole input: 2 + (4 − 1)·2 = 8 rows, 2 + (3 − 1)·2 = 6 columns', () => {
    const report = analyze(
      model([8, 6, 1], [strided, { kind: 'globalAveragePooling2d', name: 'g' } as LayerSpecInput]),
    );
    expect(report.layers[1]!.receptiveField).toEqual([8, 6]);
  });

  test('a dense layer after a flatten sees the whole input too', () => {
    const report = analyze(
      model([8, 6, 1], [strided, { kind: 'flatten', name: 'f' }, { kind: 'dense', name: 'd', units: 2 }]),
    );
    expect(report.layers[2]!.receptiveField).toEqual([8, 6]);
  });

  test('a flatten of a vector carries no map: the dense after it keeps the field it had', () => {
    // 4×4 → flatten [16] → dense 3 sees the whole map: 1 + (4 − 1)·1 = 4 per axis.
    // Its [3] output flattened again is still [3] and no map; the next dense keeps [4, 4].
    const report = analyze(
      model(
        [4, 4, 1],
        [
          { kind: 'flatten', name: 'f1' },
          { kind: 'dense', name: 'd1', units: 3 },
          { kind: 'flatten', name: 'f2' },
          { kind: 'dense', name: 'd2', units: 2 },
        ],
      ),
    );
    expect(report.layers[1]!.receptiveField).toEqual([4, 4]);
    expect(report.layers[3]!.receptiveField).toEqual([4, 4]);
  });

  test('bilinear upsampling reads one more input step per axis; the output stride divides', () => {
    // conv [2, 4] at strides [2, 4] on 8×8: 4×2, field [2, 4], output stride [2, 4].
    // Bilinear ×2: field [2 + 1·2, 4 + 1·4] = [4, 8]; output stride [2/2, 4/2] = [1, 2].
    const report = analyze(
      model(
        [8, 8, 1],
        [
          { kind: 'conv2d', name: 's', filters: 1, kernelSize: [2, 4], strides: [2, 4] },
          { kind: 'upSampling2d', name: 'u', size: 2, interpolation: 'bilinear' },
        ],
      ),
    );
    expect(report.layers[1]!.outputShape).toEqual([8, 4, 1]);
    expect(report.layers[1]!.receptiveField).toEqual([4, 8]);
    expect(report.layers[1]!.effectiveStride).toEqual([1, 2]);
  });

  test('a merge takes the coarser output stride of its inputs, per axis', () => {
    // Branch 'p': conv 1×1 at strides [2, 4] on 4×8 → 2×2, output stride [2, 4]; zero padding
    // [[1, 1], [3, 3]] brings it back to 4×8. Concatenated with the input (stride [1, 1]): [2, 4].
    const report = analyze(
      model(
        [4, 8, 1],
        [
          { kind: 'conv2d', name: 's', inputs: ['input'], filters: 1, kernelSize: 1, strides: [2, 4] },
          {
            kind: 'zeroPadding2d',
            name: 'p',
            padding: [
              [1, 1],
              [3, 3],
            ],
          },
          { kind: 'concatenate', name: 'cat', inputs: ['input', 'p'] },
        ],
      ),
    );
    expect(report.layers[2]!.outputShape).toEqual([4, 8, 2]);
    expect(report.layers[2]!.effectiveStride).toEqual([2, 4]);
  });

  test('a further model input starts its own field of one pixel', () => {
    // The second input [6, 6, 1] has field 1 and stride 1; a 3×3 conv on it: 1 + 2·1 = 3.
    const report = analyze(
      model(
        [8, 8, 1],
        [
          strided,
          { kind: 'input', name: 'second', shape: [6, 6, 1] },
          { kind: 'conv2d', name: 'c', inputs: ['second'], filters: 1, kernelSize: 3 },
        ],
      ),
    );
    expect(report.layers[1]!.receptiveField).toEqual([1, 1]);
    expect(report.layers[1]!.effectiveStride).toEqual([1, 1]);
    expect(report.layers[2]!.receptiveField).toEqual([3, 3]);
  });
});

describe('cropping refusals at their field', () => {
  test('cropping every column is empty_output at cropping, with the axis and what remains', () => {
    // 4×3 map, cropping [[0, 0], [1, 2]]: 3 − (1 + 2) = 0 columns remain; at most 3 − 1 = 2.
    const cropping = [
      [0, 0],
      [1, 2],
    ] as const;
    const error = caught(() => analyze(model([4, 3, 1], [{ kind: 'cropping2d', name: 'c', cropping }])));
    expect(error.code).toBe('empty_output');
    expect(error.path).toEqual(['layers', 0, 'cropping']);
    expect(error.details).toEqual({ axis: 'width', length: 0 });
    expect(error.message).toContain('crops 3 of the 3 columns of the 4×3×1 input');
    expect(error.message).toContain('crop at most 2 on that axis');
  });

  test('cropping too many rows names rows and a negative remainder', () => {
    // 4×3 map, cropping [[2, 3], [0, 0]]: 4 − 5 = −1 rows; at most 4 − 1 = 3.
    const error = caught(() =>
      analyze(
        model(
          [4, 3, 1],
          [
            {
              kind: 'cropping2d',
              name: 'c',
              cropping: [
                [2, 3],
                [0, 0],
              ],
            },
          ],
        ),
      ),
    );
    expect(error.details).toEqual({ axis: 'height', length: -1 });
    expect(error.message).toContain('crops 5 of the 4 rows');
    expect(error.message).toContain('crop at most 3 on that axis');
  });
});
