import { describe, expect, test } from 'vitest';
import { analyze, type LayerSpecInput } from '../src/index';
import { caught } from './caught';

/*
 * Keras' Cropping2D (keras.io/api/layers/reshaping_layers/cropping2d): `cropping` is an int (every
 * side), a pair (symmetric per axis) or ((top, bottom), (left, right)). The output keeps the
 * channels and loses top + bottom rows and left + right columns; it has no weights and computes
 * nothing. The expected sizes below are that subtraction, done by hand.
 */
describe('cropping2d', () => {
  test.each([
    // cropping, input [h, w, c], expected [h, w, c]
    [0, [9, 7, 3], [9, 7, 3]],
    [2, [9, 7, 3], [5, 3, 3]], // 9 − 2 − 2, 7 − 2 − 2
    [
      [1, 3],
      [9, 7, 3],
      [7, 1, 3],
    ], // 9 − 1 − 1, 7 − 3 − 3
    [
      [
        [0, 4],
        [2, 1],
      ],
      [9, 7, 3],
      [5, 4, 3],
    ], // 9 − 0 − 4, 7 − 2 − 1
    // U-Net's first crop-and-copy (Ronneberger et al. 2015, Fig. 1): 64 → 56, 4 per side.
    [4, [64, 64, 64], [56, 56, 64]],
  ] as const)('cropping %j of %j gives %j, no parameters, no MACs', (cropping, input, expected) => {
    const report = analyze({
      input: [...input],
      layers: [{ kind: 'cropping2d', cropping } as LayerSpecInput],
    });
    const row = report.layers[0]!;
    expect(row.outputShape).toEqual(expected);
    expect(row.params).toEqual({ trainable: 0, nonTrainable: 0, total: 0 });
    expect(row.macs).toBe(0);
  });

  test('the receptive field and output stride are the input position’s: a crop picks positions, it mixes none', () => {
    // conv 3×3 stride 2: field 3, stride 2 (Araujo et al. 2019: r = 1 + (3 − 1)·1, j = 2).
    const report = analyze({
      input: [32, 32, 1],
      layers: [
        { kind: 'conv2d', filters: 1, kernelSize: 3, strides: 2 },
        {
          kind: 'cropping2d',
          cropping: [
            [1, 2],
            [3, 0],
          ],
        },
      ],
    });
    expect(report.layers[1]!.receptiveField).toEqual([3, 3]);
    expect(report.layers[1]!.effectiveStride).toEqual([2, 2]);
    expect(report.layers[1]!.outputShape).toEqual([15 - 3, 15 - 3, 1]);
  });

  test('concatenate accepts a skip cropped to the decoder’s size (U-Net’s crop-and-copy)', () => {
    // 12 → pool 6 → valid 3×3: 4 → 2×2 stride-2 up: 8. The 12×12 skip cropped by 2 per side: 8.
    const layers = (crop: number): LayerSpecInput[] => [
      { kind: 'conv2d', name: 'skip', filters: 4, kernelSize: 1 },
      { kind: 'maxPooling2d', name: 'down', poolSize: 2 },
      { kind: 'conv2d', name: 'deep', filters: 4, kernelSize: 3 },
      { kind: 'conv2dTranspose', name: 'up', filters: 4, kernelSize: 2, strides: 2 },
      { kind: 'cropping2d', name: 'skip_crop', inputs: ['skip'], cropping: crop },
      { kind: 'concatenate', name: 'join', inputs: ['up', 'skip_crop'] },
    ];
    const report = analyze({ input: [12, 12, 2], layers: layers(2) });
    expect(report.layers.at(-1)!.outputShape).toEqual([8, 8, 8]);
    // Cropped by 1 per side the skip is 10×10: the merge must refuse it.
    expect(caught(() => analyze({ input: [12, 12, 2], layers: layers(1) })).code).toBe('merge_mismatch');
  });

  test('a crop that leaves nothing fails with empty_output, naming the axis and what is allowed', () => {
    const error = caught(() =>
      analyze({
        input: [6, 8, 1],
        layers: [
          {
            kind: 'cropping2d',
            name: 'crop',
            cropping: [
              [2, 4],
              [0, 0],
            ],
          },
        ],
      }),
    );
    expect(error.code).toBe('empty_output');
    expect(error.message).toContain('crops 6 of the 6 rows');
    expect(error.message).toContain('crop at most 5');
  });

  test('negative or fractional cropping is refused by the schema', () => {
    expect(
      caught(() => analyze({ input: [6, 6, 1], layers: [{ kind: 'cropping2d', cropping: -1 }] })).code,
    ).toBe('invalid_spec');
    expect(
      caught(() => analyze({ input: [6, 6, 1], layers: [{ kind: 'cropping2d', cropping: [1.5, 1] }] })).code,
    ).toBe('invalid_spec');
  });
});
