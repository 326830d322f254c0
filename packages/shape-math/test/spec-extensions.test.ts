import { describe, expect, test } from 'vitest';
import { analyze, type ModelSpecInput } from '../src/index';
import { caught } from './caught';

describe('upSampling2d (Keras UpSampling2D, ONNX Resize with integer scales)', () => {
  test.each([
    [2, 'nearest', [8, 8, 3], [1, 1], [0.5, 0.5]],
    [[2, 3], 'nearest', [8, 12, 3], [1, 1], [0.5, 1 / 3]],
    // Bilinear reads two neighbours per axis: the field grows by one input step.
    [2, 'bilinear', [8, 8, 3], [2, 2], [0.5, 0.5]],
  ] as const)('size %j, %s: a 4×4×3 map becomes %j', (size, interpolation, shape, field, stride) => {
    const report = analyze({
      input: [4, 4, 3],
      layers: [{ kind: 'upSampling2d', size: size as never, interpolation }],
    });
    const row = report.layers[0]!;
    expect(row.outputShape).toEqual(shape);
    expect(row.params.total).toBe(0);
    expect(row.macs).toBe(0);
    expect(row.receptiveField).toEqual(field);
    expect(row.effectiveStride).toEqual(stride);
  });
});

describe('several model inputs: layers of kind input', () => {
  test('two inputs merged: each input layer reads nothing and outputs its shape', () => {
    const report = analyze({
      input: [8, 8, 3],
      layers: [
        { kind: 'input', name: 'mask', shape: [8, 8, 1] },
        { kind: 'concatenate', name: 'both', inputs: ['input', 'mask'] },
        // 3×3 conv on 4 channels, 2 filters: 3·3·4·2 + 2 = 74 parameters; 8·8·2·36 = 4608 MACs (valid: 6×6).
        { kind: 'conv2d', filters: 2, kernelSize: 3 },
      ],
    });
    expect(report.layers.map((r) => [r.name, r.inputs, r.outputShape])).toEqual([
      ['mask', [], [8, 8, 1]],
      ['both', ['input', 'mask'], [8, 8, 4]],
      ['conv2d_2', ['both'], [6, 6, 2]],
    ]);
    expect(report.totals.params.total).toBe(74);
    expect(report.totals.macs).toBe(6 * 6 * 2 * 3 * 3 * 4);
  });

  test('an input layer that lists inputs is refused', () => {
    const error = caught(() =>
      analyze({ input: [4], layers: [{ kind: 'input', name: 'b', shape: [4], inputs: ['input'] } as never] }),
    );
    expect(error.code).toBe('invalid_spec');
  });
});

describe('sharesWeightsOf: a layer called twice counts its weights once', () => {
  const siamese = (share: string | undefined): ModelSpecInput => ({
    input: [16],
    layers: [
      { kind: 'input', name: 'right', shape: [16] },
      { kind: 'dense', name: 'embed', units: 4, inputs: ['input'] },
      {
        kind: 'dense',
        name: 'embed_2',
        units: 4,
        inputs: ['right'],
        ...(share ? { sharesWeightsOf: share } : {}),
      },
      { kind: 'add', name: 'sum', inputs: ['embed', 'embed_2'] },
    ],
  });

  test('shared: 16·4 + 4 = 68 parameters once; both calls still count their MACs', () => {
    const report = analyze(siamese('embed'));
    expect(report.totals.params.total).toBe(68);
    expect(report.layers[2]!.params.total).toBe(0);
    expect(report.layers[2]!.sharesWeightsOf).toBe('embed');
    expect(report.totals.macs).toBe(2 * 16 * 4);
    // Not shared: two layers, two sets of weights.
    expect(analyze(siamese(undefined)).totals.params.total).toBe(136);
  });

  test.each([
    ['nothing', 'ghost', /names no earlier layer/],
    [
      'a layer of another kind',
      'right',
      /names a input layer with 0 parameters, but this dense layer needs 68/,
    ],
  ])('sharing the weights of %s is refused with shared_weights_mismatch', (_, owner, message) => {
    const error = caught(() => analyze(siamese(owner)));
    expect(error.code).toBe('shared_weights_mismatch');
    expect(error.message).toMatch(message);
    expect(error.details).toEqual({ owner });
  });
});
