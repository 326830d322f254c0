import { describe, expect, test } from 'vitest';
import { analyze, type LayerSpecInput, type ModelSpecInput } from '../src/index';
import { caught } from './caught';

/*
 * Every refusal of the layer rules as data: its code, the path of the field that was wrong, the
 * layer, and the numbers a caller needs to correct it. Mutation testing of `layers.ts` (issue 17,
 * docs/mutation-testing.md) found most refusal branches unchecked: a flipped `||`, a wrong bound or
 * a lost axis in a message survived. Each expected figure is derived by hand in the comment beside it.
 */

function model(input: readonly number[], layers: readonly LayerSpecInput[]): ModelSpecInput {
  return { name: 'm', input: input as [number, number, number], layers };
}

describe('an image layer after a flatten', () => {
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
    expect(error.message).toContain('the height allows a span of at most 2');
    expect(error.message).toContain('smaller kernel');
    expect(error.details).toEqual({ window: 'kernel', axis: 'height', span: 3, largestAllowed: 2 });
  });

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

  test('[[top, bottom], [left, right]] pads each side as given and zero padding reports it', () => {
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
    // zeroPadding2d [[0, 3], [2, 1]] on 4×4: 7×7.
    const padded = analyze(
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
    expect(padded.layers[0]!.outputShape).toEqual([7, 7, 1]);
  });
});

describe('transposed convolution refusals', () => {
  test('an output padding not smaller than the stride or the dilation is refused on outputPadding', () => {
    const error = caught(() =>
      analyze(
        model(
          [4, 4, 1],
          [{ kind: 'conv2dTranspose', name: 't', filters: 1, kernelSize: 3, strides: 2, outputPadding: 2 }],
        ),
      ),
    );
    expect(error.path).toEqual(['layers', 0, 'outputPadding']);
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
    test(`${kind} of a map and a flat vector is a rank refusal`, () => {
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
      expect(error.message).toContain(`${kind} needs inputs of the same rank`);
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
