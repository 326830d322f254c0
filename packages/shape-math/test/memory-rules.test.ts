import { describe, expect, test } from 'vitest';
import { analyze, checkMemoryBudget, exercise2Spec, peakLiveActivations } from '../src/index';
import { estimateMemory } from '../src/memory';
import { caught } from './caught';

/*
 * Memory rules that mutation testing found unchecked (issue 17). Every expected value is worked out
 * by hand in the comment next to it.
 */
const tensor = (name: string, bytes: number, lastUsedAt: number, isOutput = false) => ({
  name,
  bytes,
  lastUsedAt,
  isOutput,
});

describe('peakLiveActivations', () => {
  test('a plain stack of equal activations peaks first at layer 1: the input and its output', () => {
    // Steps: 1 → input 10 + a 10 = 20 (peak), input released; 2 → a + b = 20 again (not higher),
    // a released; 3 → b + c = 20. The first step that reaches the peak is kept: step 1.
    const peak = peakLiveActivations([
      tensor('input', 10, 1),
      tensor('a', 10, 2),
      tensor('b', 10, 3),
      tensor('c', 10, 3, true),
    ]);
    expect(peak).toEqual({ bytes: 20, step: 1, live: ['input', 'a'] });
  });
});

describe('estimateMemory without kernelTapBytes (callers written before it)', () => {
  test('counts no indirection buffer: 0, and a given figure is passed on as it is', () => {
    const base = {
      tensors: [tensor('input', 4, 1), tensor('out', 4, 1, true)],
      parameterBytes: 8,
      trainableParameterBytes: 8,
      batchSize: 1,
      optimizer: 'sgd' as const,
    };
    expect(estimateMemory(base).inference.kernelTapBytes).toBe(0);
    expect(estimateMemory({ ...base, kernelTapBytes: 36 }).inference.kernelTapBytes).toBe(36);
  });
});

describe('estimateMemory refuses what it cannot total', () => {
  test('no tensors at all', () => {
    expect(() =>
      estimateMemory({
        tensors: [],
        parameterBytes: 0,
        trainableParameterBytes: 0,
        batchSize: 1,
        optimizer: 'sgd',
        kernelTapBytes: 0,
      }),
    ).toThrow(new RangeError('no tensors'));
  });

  test('a total past Number.MAX_SAFE_INTEGER bytes (it would not be exact any more)', () => {
    // parameters alone are 2^53 − 1 bytes; the inference total adds the 8-byte peak and overflows.
    expect(() =>
      estimateMemory({
        tensors: [tensor('input', 4, 1), tensor('out', 4, 1, true)],
        parameterBytes: Number.MAX_SAFE_INTEGER,
        trainableParameterBytes: 0,
        batchSize: 1,
        optimizer: 'sgd',
        kernelTapBytes: 0,
      }),
    ).toThrow(RangeError);
  });
});

describe('checkMemoryBudget: refused options carry what is allowed as data', () => {
  const memory = () => analyze(exercise2Spec()).memory;

  test.each([0, Number.POSITIVE_INFINITY])(
    'budgetBytes %s is not a positive finite number of bytes',
    (budgetBytes) => {
      const error = caught(() => checkMemoryBudget(memory(), { budgetBytes }));
      expect(error.issues[0]!.path).toEqual(['options', 'budgetBytes']);
      expect(error.issues[0]!.details).toEqual({ check: 'too_small', minimum: 0, inclusive: false });
    },
  );

  test('use and estimate name the values they allow', () => {
    expect(
      caught(() => checkMemoryBudget(memory(), { use: 'Training' as never })).issues[0]!.details,
    ).toEqual({
      check: 'invalid_value',
      allowed: ['inference', 'training'],
    });
    expect(
      caught(() => checkMemoryBudget(memory(), { estimate: 'wasm' as never })).issues[0]!.details,
    ).toEqual({
      check: 'invalid_value',
      allowed: ['tensors', 'wasm-process'],
    });
    expect(
      caught(() => checkMemoryBudget(memory(), { estimate: 'wasm-process', use: 'training' as 'inference' }))
        .issues[0]!.details,
    ).toEqual({ check: 'invalid_value', allowed: ['inference'] });
  });

  test('a wasm-process check that fits has no `exceeds` key at all; one over the budget says "budget"', () => {
    const fits = checkMemoryBudget(memory(), { estimate: 'wasm-process' });
    expect(fits.fits).toBe(true);
    expect('exceeds' in fits).toBe(false);
    const over = checkMemoryBudget(memory(), { estimate: 'wasm-process', budgetBytes: 1 });
    expect(over).toMatchObject({ fits: false, exceeds: 'budget' });
  });
});
