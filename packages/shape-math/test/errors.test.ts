import { describe, expect, test } from 'vitest';
import { analyze, type ModelSpecInput, ShapeMathError } from '../src/index';

/** Runs analyze on input that is invalid on purpose (so the types are bypassed) and returns the error. */
function errorOf(spec: unknown, options?: unknown): ShapeMathError {
  try {
    analyze(spec as ModelSpecInput, options as never);
  } catch (error) {
    if (error instanceof ShapeMathError) return error;
    throw error;
  }
  throw new Error('expected analyze to throw');
}

const conv = (extra: object = {}) => ({ kind: 'conv2d', filters: 8, kernelSize: 3, ...extra });

describe('bad input gets an error naming the layer, the field, the value and what is allowed', () => {
  test('kernel size 0', () => {
    const error = errorOf({
      input: [8, 8, 3],
      layers: [conv(), conv(), conv({ name: 'conv_b', kernelSize: 0 })],
    });
    expect(error.message).toMatchInlineSnapshot(
      `"kernelSize 0 at layer 2 ("conv_b"): must be a positive integer"`,
    );
    expect(error.issues[0]).toMatchObject({
      code: 'invalid_spec',
      layerIndex: 2,
      layerName: 'conv_b',
      path: ['layers', 2, 'kernelSize'],
      value: 0,
    });
  });

  test('stride 0', () => {
    expect(errorOf({ input: [8, 8, 3], layers: [conv({ strides: 0 })] }).message).toMatchInlineSnapshot(
      `"strides 0 at layer 0 ("conv2d_0"): must be a positive integer"`,
    );
  });

  test('a kernel larger than a "valid" input', () => {
    const error = errorOf({ input: [4, 4, 3], layers: [conv({ name: 'big', kernelSize: 5 })] });
    expect(error.message).toMatchInlineSnapshot(
      `"kernelSize 5 at layer 0 ("big"): kernel 5×5 does not fit the 4×4×3 input with "valid" padding: the height allows a span of at most 4; use "same" padding, more padding, or a smaller kernel"`,
    );
    expect(error.code).toBe('kernel_too_large');
  });

  test('a pool that no longer fits deep in a stack', () => {
    const layers = [
      conv({ strides: 2 }),
      conv({ strides: 2 }),
      { kind: 'maxPooling2d', name: 'pool', poolSize: 3 },
    ];
    expect(errorOf({ input: [9, 9, 3], layers }).message).toMatchInlineSnapshot(
      `"poolSize 3 at layer 2 ("pool"): pool window 3×3 does not fit the 1×1×8 input with "valid" padding: the height allows a span of at most 1; use "same" padding, more padding, or a smaller window"`,
    );
  });

  test('negative and fractional sizes', () => {
    expect(errorOf({ input: [-1, 8, 3], layers: [conv()] }).message).toMatchInlineSnapshot(
      `"input[0] -1: must be a positive integer"`,
    );
    expect(
      errorOf({ input: [8, 8, 3], layers: [{ kind: 'dense', units: 2.5 }] }).message,
    ).toMatchInlineSnapshot(`"units 2.5 at layer 0 ("dense_0"): must be a positive integer"`);
  });

  test('channels that do not match a merge', () => {
    const error = errorOf({
      input: [8, 8, 3],
      layers: [
        conv({ name: 'a', padding: 'same' }),
        conv({ name: 'b', inputs: ['input'], filters: 16, padding: 'same' }),
        { kind: 'add', name: 'sum', inputs: ['a', 'b'] },
      ],
    });
    expect(error.message).toMatchInlineSnapshot(
      `"inputs ["a","b"] at layer 2 ("sum"): add needs equal shapes (or size 1 to broadcast), got "a" [8, 8, 8], "b" [8, 8, 16]: axis 2 differs"`,
    );
    expect(error.code).toBe('merge_mismatch');
  });

  test('a shape that overflows exact integers', () => {
    expect(errorOf({ input: [1e6, 1e6, 1e6], layers: [conv()] }).message).toMatchInlineSnapshot(
      `"model: input elements 1000000000000000000 exceeds 9007199254740991: the model is too large to describe exactly"`,
    );
    const error = errorOf({
      input: [1e5, 1e5, 3],
      layers: [
        { kind: 'conv2d', filters: 1e6, kernelSize: 1 },
        { kind: 'conv2d', filters: 1e6, kernelSize: 1 },
      ],
    });
    expect(error.code).toBe('overflow');
  });

  test('an unknown layer kind lists the allowed kinds', () => {
    expect(
      errorOf({ input: [8, 8, 3], layers: [{ kind: 'conv3d', filters: 2 }] }).message,
    ).toMatchInlineSnapshot(
      `"kind "conv3d" at layer 0 ("conv3d_0"): must be one of conv2d, depthwiseConv2d, separableConv2d, conv2dTranspose, maxPooling2d, averagePooling2d, globalAveragePooling2d, globalMaxPooling2d, dense, flatten, reshape, zeroPadding2d, cropping2d, batchNormalization, localResponseNormalization, activation, dropout, add, multiply, concatenate, upSampling2d, input"`,
    );
  });

  test('an input that names no earlier layer, and a duplicate name', () => {
    expect(
      errorOf({ input: [8, 8, 3], layers: [conv({ name: 'a', inputs: ['b'] }), conv({ name: 'b' })] })
        .message,
    ).toMatchInlineSnapshot(
      `"inputs "b" at layer 0 ("a"): names no earlier layer: a layer may read "input" or a layer defined before it"`,
    );
    expect(
      errorOf({ input: [8, 8, 3], layers: [conv({ name: 'a' }), conv({ name: 'a' })] }).message,
    ).toMatchInlineSnapshot(
      `"name "a" at layer 1 ("a"): is already used by an earlier layer: names must be unique"`,
    );
  });

  test('groups that do not divide the channels', () => {
    expect(errorOf({ input: [8, 8, 3], layers: [conv({ groups: 2 })] }).message).toMatchInlineSnapshot(
      `"groups 2 at layer 0 ("conv2d_0"): must divide both the input channels (3) and the filters (8)"`,
    );
  });

  test('a conv after flatten', () => {
    expect(
      errorOf({ input: [8, 8, 3], layers: [{ kind: 'flatten' }, conv()] }).message,
    ).toMatchInlineSnapshot(
      `"inputs at layer 1 ("conv2d_1"): conv2d needs a [height, width, channels] input, got [192]: add a reshape or remove the flatten/dense before it"`,
    );
  });

  test('bad options', () => {
    expect(
      errorOf({ input: [8, 8, 3], layers: [conv()] }, { batchSize: 0, dtype: 'float64' }).message,
    ).toMatchInlineSnapshot(`
      "2 problems in the model:
        - options.dtype "float64": must be one of float32, float16, bfloat16, int8
        - options.batchSize 0: must be a positive integer"
    `);
  });

  test('several problems are reported together, and the zod error is kept as the cause', () => {
    const error = errorOf({ input: [8, 8], layers: [] });
    expect(error.message).toMatchInlineSnapshot(`
      "2 problems in the model:
        - input [8,8]: must be [height, width, channels] or [features] with positive integers
        - layers []: must have at least one layer"
    `);
    expect(error.cause).toBeInstanceOf(Error);
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ name: 'ShapeMathError', code: 'invalid_spec' });
  });
});
