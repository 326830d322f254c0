import { describe, expect, test } from 'vitest';
import { analyze, checkMemoryBudget, exercise2Spec } from '../src/index';
import { checkOptionsObject, closestKey } from '../src/suggest';
import { caught } from './caught';

describe('no wrong number without an error: unknown keys are refused, with the likely right one', () => {
  test('the example of issue 13: stride, dilation and use_bias are not silently ignored', () => {
    const error = caught(() =>
      analyze({
        input: [32, 32, 3],
        layers: [
          {
            kind: 'conv2d',
            filters: 8,
            kernelSize: 3,
            stride: 2,
            dilation: 2,
            use_bias: false,
            padding: 'same',
          } as never,
        ],
      }),
    );
    expect(error.code).toBe('unknown_option');
    expect(error.details).toEqual({ check: 'unrecognized_keys', keys: ['stride', 'dilation', 'use_bias'] });
    expect(error.message).toMatchInlineSnapshot(
      `"at layer 0 ("conv2d_0"): unknown field "stride": did you mean "strides"?; unknown field "dilation": did you mean "dilationRate"?; unknown field "use_bias": did you mean "useBias"? (allowed: kind, name, inputs, sharesWeightsOf, filters, kernelSize, strides, dilationRate, padding, useBias, activation, groups)"`,
    );
  });

  test("Keras' pool_size is refused instead of silently becoming the default 2", () => {
    const error = caught(() =>
      analyze({ input: [32, 32, 3], layers: [{ kind: 'maxPooling2d', pool_size: 4 } as never] }),
    );
    expect(error.message).toContain('unknown field "pool_size": did you mean "poolSize"?');
  });

  test('unknown top-level keys and options keys too', () => {
    expect(
      caught(() => analyze({ input: [8, 8, 1], layer: [], layers: [{ kind: 'flatten' }] } as never)).message,
    ).toBe('model: unknown field "layer": did you mean "layers"? (allowed: name, input, layers, outputs)');
    const options = caught(() =>
      analyze({ input: [8, 8, 1], layers: [{ kind: 'flatten' }] }, { batch_size: 4 } as never),
    );
    expect(options.message).toContain('unknown field "batch_size": did you mean "batchSize"?');
  });

  test('null as a spec gets a sentence of ours', () => {
    expect(caught(() => analyze(null as never)).message).toBe(
      "model: must be an object such as { input: [32, 32, 3], layers: [{ kind: 'conv2d', filters: 8, kernelSize: 3 }] }, got null",
    );
  });

  test('a transposed conv whose padding removes the whole output is empty_output, not kernel_too_large', () => {
    // PyTorch's ConvTranspose2d: (1 − 1)·1 − 2·3 + 1 = −5.
    const error = caught(() =>
      analyze({
        input: [1, 1, 1],
        layers: [{ kind: 'conv2dTranspose', filters: 1, kernelSize: 1, padding: 3 }],
      }),
    );
    expect(error.code).toBe('empty_output');
    expect(error.details).toEqual({ axis: 'height', length: -5 });
  });

  test.each([
    ['use_bias', 'useBias'],
    ['kernel_size', 'kernelSize'],
    ['stride', 'strides'],
    ['filter', 'filters'],
    ['paddding', 'padding'],
    ['momentum_x', undefined],
  ])('closestKey(%j) → %j', (key, expected) => {
    expect(
      closestKey(key, [
        'kind',
        'name',
        'filters',
        'kernelSize',
        'strides',
        'padding',
        'useBias',
        'dilationRate',
      ]),
    ).toBe(expected);
  });
});

describe('checkOptionsObject: the one rule for an options object, as data for each package to throw', () => {
  const allowed = ['batchSize', 'dtype', 'optimizer'];

  test('a plain object of allowed keys, an empty one, and a left-out one are fine', () => {
    expect(
      checkOptionsObject({ batchSize: 4, dtype: 'float16' }, allowed, 'analyze options'),
    ).toBeUndefined();
    expect(checkOptionsObject({}, allowed, 'analyze options')).toBeUndefined();
    expect(checkOptionsObject(undefined, allowed, 'analyze options')).toBeUndefined();
  });

  test('a snake_case key and a misspelt one are named, with the camelCase key they meant', () => {
    const issue = checkOptionsObject({ batch_size: 4, dtyp: 'int8', zzz: 1 }, allowed, 'analyze options');
    expect(issue?.details).toEqual({ check: 'unrecognized_keys', keys: ['batch_size', 'dtyp', 'zzz'] });
    expect(issue?.message).toBe(
      'analyze options: unknown field "batch_size": did you mean "batchSize"?; unknown field "dtyp": did you mean "dtype"?; unknown field "zzz" (allowed: batchSize, dtype, optimizer)',
    );
  });

  test('a key whose value is undefined is still unknown: it was meant to set something', () => {
    expect(checkOptionsObject({ stride: undefined }, ['strides'], 'x')?.details).toEqual({
      check: 'unrecognized_keys',
      keys: ['stride'],
    });
  });

  test.each([
    [null, 'null'],
    [[], 'an array'],
    ['batchSize', 'string'],
    [4, 'number'],
    [() => ({}), 'function'],
  ])(
    '%j where an options object is expected: a sentence of ours that says what it got (%s)',
    (value, got) => {
      const issue = checkOptionsObject(value, allowed, 'analyze options');
      expect(issue?.details).toEqual({ check: 'invalid_type', expected: 'object' });
      expect(issue?.message).toBe(
        `analyze options: must be an object (allowed keys: batchSize, dtype, optimizer), got ${got}`,
      );
    },
  );

  test('a long unknown key is cut in the message, as every user-given string is', () => {
    const issue = checkOptionsObject({ ['k'.repeat(500)]: 1 }, allowed, 'x');
    expect(issue?.message.length).toBeLessThan(300);
    expect(issue?.message).toContain('(500 characters)');
  });
});

describe("shape-math's other options objects, under the same rule", () => {
  test('exercise2Spec: a misspelt option, a snake_case one and null', () => {
    const misspelt = caught(() => exercise2Spec({ stride: 1 } as never));
    expect(misspelt.code).toBe('unknown_option');
    expect(misspelt.path).toEqual(['options']);
    expect(misspelt.details).toEqual({ check: 'unrecognized_keys', keys: ['stride'] });
    expect(misspelt.message).toBe(
      'options: unknown field "stride": did you mean "strides"? (allowed: height, width, channels, kernelSize, strides, padding, filters)',
    );
    expect(caught(() => exercise2Spec({ kernel_size: 5 } as never)).message).toContain(
      'did you mean "kernelSize"?',
    );
    expect(caught(() => exercise2Spec(null as never)).details).toEqual({
      check: 'invalid_type',
      expected: 'object',
    });
  });

  test('checkMemoryBudget: a misspelt budget is refused instead of checking against the 2 GiB default', () => {
    const { memory } = analyze(exercise2Spec());
    const error = caught(() => checkMemoryBudget(memory, { budget: 1 } as never));
    expect(error.message).toContain('options: unknown field "budget": did you mean "budgetBytes"?');
    expect(caught(() => checkMemoryBudget(memory, { budget_bytes: 1 } as never)).message).toContain(
      'did you mean "budgetBytes"?',
    );
    expect(caught(() => checkMemoryBudget(memory, null as never)).details).toEqual({
      check: 'invalid_type',
      expected: 'object',
    });
    expect(checkMemoryBudget(memory, { budgetBytes: 1 }).fits).toBe(false);
  });

  test('analyze options: null gets our sentence, not zod generic text', () => {
    const error = caught(() => analyze(exercise2Spec(), null as never));
    expect(error.path).toEqual(['options']);
    expect(error.message).toBe(
      'options null: must be an object (allowed keys: dtype, batchSize, optimizer), got null',
    );
  });
});
