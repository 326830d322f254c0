import { describe, expect, test } from 'vitest';
import {
  analyze,
  CnnkitError,
  type ConvArithmeticError,
  convOutputLength,
  isCnnkitError,
  type ModelSpecInput,
  transposedConvOutputLength,
} from '../src/index';
import { caught } from './caught';

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('errors as data: code, path, layer and typed details, the message apart', () => {
  test('kernel_too_large carries the axis, the span and the largest span allowed', () => {
    // A 5×3 "valid" kernel on a 4×10 input: the height holds 4 rows, the kernel spans 5.
    const spec: ModelSpecInput = {
      name: 'm',
      input: [4, 10, 1],
      layers: [{ kind: 'conv2d', name: 'c', filters: 1, kernelSize: [5, 3], padding: 'valid' }],
    };
    const error = caught(() => analyze(spec));
    expect(error).toBeInstanceOf(CnnkitError);
    expect(error.code).toBe('kernel_too_large');
    expect(error.path).toEqual(['layers', 0, 'kernelSize']);
    expect(error.layer).toEqual({ index: 0, name: 'c' });
    expect(error.details).toEqual({ window: 'kernel', axis: 'height', span: 5, largestAllowed: 4 });
  });

  test('a pool window on explicit padding: its span against the input length plus the padding', () => {
    const spec: ModelSpecInput = {
      name: 'm',
      input: [10, 3, 1],
      layers: [
        {
          kind: 'maxPooling2d',
          name: 'p',
          poolSize: [2, 5],
          strides: 1,
          padding: [
            [0, 0],
            [0, 1],
          ],
        },
      ],
    };
    const error = caught(() => analyze(spec));
    expect(error.code).toBe('kernel_too_large');
    expect(error.details).toEqual({ window: 'pool', axis: 'width', span: 5, largestAllowed: 4 });
  });

  test('every zod failure is invalid_spec, with what the check allows as data', () => {
    const tooSmall = caught(() =>
      analyze({ name: 'm', input: [8, 8, 1], layers: [{ kind: 'conv2d', filters: 0, kernelSize: 3 }] }),
    );
    expect(tooSmall.code).toBe('invalid_spec');
    expect(tooSmall.path).toEqual(['layers', 0, 'filters']);
    expect(tooSmall.details).toMatchObject({ check: 'too_small', minimum: expect.any(Number) });

    const badDtype = caught(() =>
      analyze({ name: 'm', input: [8, 8, 1], layers: [{ kind: 'flatten' }] }, { dtype: 'float64' as never }),
    );
    expect(badDtype.code).toBe('invalid_spec');
    expect(badDtype.details).toEqual({
      check: 'invalid_value',
      allowed: ['float32', 'float16', 'bfloat16', 'int8'],
    });
  });

  test('unknown_input names the missing tensor in its details', () => {
    const error = caught(() =>
      analyze({
        name: 'm',
        input: [8, 8, 1],
        layers: [{ kind: 'add', name: 'sum', inputs: ['input', 'nowhere'] }],
      }),
    );
    expect(error.code).toBe('unknown_input');
    expect(error.details).toEqual({ name: 'nowhere' });
  });

  test('toJSON is the shared shape: name, code, message, path, layer, details (and the issues)', () => {
    const error = caught(() =>
      analyze({
        name: 'm',
        input: [8, 8, 1],
        layers: [{ kind: 'conv2d', name: 'c', filters: 1, kernelSize: 9, padding: 'valid' }],
      }),
    );
    const json = JSON.parse(JSON.stringify(error));
    expect(Object.keys(json).sort()).toEqual([
      'code',
      'details',
      'issues',
      'layer',
      'message',
      'name',
      'path',
    ]);
    expect(isCnnkitError(error)).toBe(true);
    expect(isCnnkitError(new Error('plain'))).toBe(false);
  });

  test('conv arithmetic throws cnnkit errors that carry their problem as data (no message parsing)', () => {
    const tooLarge = thrown(() => convOutputLength(4, 5, 'valid'));
    expect(isCnnkitError(tooLarge)).toBe(true);
    expect(tooLarge).toBeInstanceOf(CnnkitError);
    expect((tooLarge as ConvArithmeticError).code).toBe('kernel_too_large');
    expect((tooLarge as ConvArithmeticError).problem).toEqual({
      code: 'kernel_too_large',
      span: 5,
      largestAllowed: 4,
    });

    const outputPadding = thrown(() => transposedConvOutputLength(7, 3, 1, 2, 1, 2));
    expect((outputPadding as ConvArithmeticError).problem).toEqual({
      code: 'output_padding_too_large',
      outputPadding: 2,
      stride: 2,
      dilation: 1,
    });
  });
});
