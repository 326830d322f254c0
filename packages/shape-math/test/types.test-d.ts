import { describe, expectTypeOf, test } from 'vitest';
import {
  analyze,
  type CnnkitError,
  type InvalidSpecDetails,
  type KernelTooLargeDetails,
  type LayerOf,
  type LayerSpecInput,
  type ModelReport,
  type ModelSpecInput,
  type ShapeMathError,
  type ShapeMathErrorCode,
  type ShapeMathIssue,
  toPair,
} from '../src/index';

describe('public types', () => {
  test('analyze returns a ModelReport', () => {
    expectTypeOf(analyze).returns.toEqualTypeOf<ModelReport>();
    expectTypeOf<ModelReport['totals']['params']['total']>().toEqualTypeOf<number>();
  });

  test('inputs may omit defaults; validated layers have them', () => {
    expectTypeOf<{ kind: 'conv2d'; filters: 8; kernelSize: 3 }>().toExtend<LayerSpecInput>();
    expectTypeOf<LayerOf<'conv2d'>['strides']>().toEqualTypeOf<number | [number, number]>();
    expectTypeOf<LayerOf<'conv2d'>['padding']>().toExtend<'same' | 'valid' | number | readonly unknown[]>();
  });

  test('a spec written `as const`, and readonly values such as toPair’s Pair, are accepted', () => {
    const frozen = {
      input: [32, 32, 3],
      layers: [
        { kind: 'conv2d', filters: 8, kernelSize: [3, 3], strides: toPair(2), padding: 'same' },
        { kind: 'maxPooling2d', poolSize: 2 },
        { kind: 'flatten' },
        { kind: 'dense', units: 10 },
      ],
    } as const;
    expectTypeOf(frozen).toExtend<ModelSpecInput>();
    expectTypeOf(analyze).toBeCallableWith(frozen);
    const readonlyLayers: readonly LayerSpecInput[] = frozen.layers;
    expectTypeOf(analyze).toBeCallableWith({ input: [8, 8, 3], layers: readonlyLayers });
    // The same still holds for mutable literals.
    expectTypeOf<{ input: [8, 8, 3]; layers: [{ kind: 'flatten' }] }>().toExtend<ModelSpecInput>();
  });

  test('specs are checked at compile time', () => {
    // @ts-expect-error: unknown layer kind
    const unknownKind: ModelSpecInput = { input: [8, 8, 3], layers: [{ kind: 'conv3d', filters: 2 }] };
    // @ts-expect-error: conv2d needs filters
    const missingFilters: ModelSpecInput = { input: [8, 8, 3], layers: [{ kind: 'conv2d', kernelSize: 3 }] };
    // @ts-expect-error: an input shape has one or three entries
    const badInput: ModelSpecInput = { input: [8, 8], layers: [{ kind: 'flatten' }] };
    expectTypeOf([unknownKind, missingFilters, badInput]).toBeArray();
  });
});

test('error details are typed per code: narrowing on the code types the details', () => {
  const issue = {} as ShapeMathIssue;
  if (issue.code === 'kernel_too_large') {
    expectTypeOf(issue.details).toEqualTypeOf<KernelTooLargeDetails | undefined>();
  }
  if (issue.code === 'invalid_spec') {
    expectTypeOf(issue.details).toEqualTypeOf<InvalidSpecDetails | undefined>();
  }
  expectTypeOf<ShapeMathError>().toMatchTypeOf<CnnkitError<ShapeMathErrorCode, unknown>>();
});
