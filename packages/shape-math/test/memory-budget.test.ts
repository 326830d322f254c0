import { beforeEach, describe, expect, test } from 'vitest';
import {
  analyze,
  checkMemoryBudget,
  DEFAULT_MEMORY_BUDGET_BYTES,
  exercise2Spec,
  type ModelReport,
  WASM_HEAP_CEILING_BYTES,
  wasmBackendPeak,
} from '../src/index';

let small: ModelReport;
let huge: ModelReport;
// Computed per test (not once while the file loads) so mutation testing sees which tests read each rule.
beforeEach(() => {
  small = analyze(exercise2Spec());
  // 3 → 512 channels on a 4096² image: a heap far past the 4 GiB wasm32 ceiling.
  huge = analyze({
    input: [4096, 4096, 3],
    layers: [{ kind: 'conv2d', filters: 512, kernelSize: 3, padding: 'same' }],
  });
});

describe('checkMemoryBudget: one rule, two estimates', () => {
  test('tensors (the default): shape-math method (a) for inference, (c) for training', () => {
    const inference = checkMemoryBudget(small.memory);
    expect(inference).toMatchObject({
      estimate: 'tensors',
      use: 'inference',
      estimateBytes: small.memory.inference.bytes,
      budgetBytes: DEFAULT_MEMORY_BUDGET_BYTES,
    });
    const training = checkMemoryBudget(small.memory, { use: 'training' });
    expect(training.estimateBytes).toBe(small.memory.trainingRealistic.bytes);
    const bytes = small.memory.inference.bytes;
    expect(checkMemoryBudget(small.memory, { budgetBytes: bytes })).toMatchObject({ fits: true });
    expect(checkMemoryBudget(small.memory, { budgetBytes: bytes }).exceeds).toBeUndefined();
    expect(checkMemoryBudget(small.memory, { budgetBytes: bytes - 1 })).toMatchObject({
      fits: false,
      exceeds: 'budget',
    });
  });

  test('wasm-process: the calibrated process peak against the budget', () => {
    const peak = wasmBackendPeak(small);
    const check = checkMemoryBudget(small.memory, { estimate: 'wasm-process' });
    expect(check).toMatchObject({
      estimate: 'wasm-process',
      use: 'inference',
      estimateBytes: peak.processBytes,
    });
    expect(check.wasm).toEqual(peak);
    // The process peak is more than the tensors alone, so a budget can admit one and refuse the other.
    const between = small.memory.inference.bytes;
    expect(checkMemoryBudget(small.memory, { budgetBytes: between }).fits).toBe(true);
    expect(checkMemoryBudget(small.memory, { budgetBytes: between, estimate: 'wasm-process' })).toMatchObject(
      {
        fits: false,
        exceeds: 'budget',
      },
    );
    expect(
      checkMemoryBudget(small.memory, { budgetBytes: peak.processBytes, estimate: 'wasm-process' }).fits,
    ).toBe(true);
  });

  test('wasm-process: a heap past the 4 GiB wasm ceiling is refused whatever the budget', () => {
    expect(wasmBackendPeak(huge).wasmHeapBytes).toBeGreaterThan(WASM_HEAP_CEILING_BYTES);
    const check = checkMemoryBudget(huge.memory, { budgetBytes: 1024 ** 4, estimate: 'wasm-process' });
    expect(check).toMatchObject({ fits: false, exceeds: 'wasm-heap-ceiling' });
    // The tensors estimate knows no ceiling.
    expect(checkMemoryBudget(huge.memory, { budgetBytes: 1024 ** 4 }).fits).toBe(true);
  });

  test('wasm-process is calibrated for inference only: a coded error, not a bare RangeError', () => {
    expect(() =>
      checkMemoryBudget(small.memory, { estimate: 'wasm-process', use: 'training' as 'inference' }),
    ).toThrow(
      expect.objectContaining({
        name: 'ShapeMathError',
        code: 'invalid_spec',
        message: expect.stringMatching(/options\.use.*inference only/),
      }),
    );
  });

  // A wrong value must not fall back to the default: 'Training' would be checked as inference.
  test.each([
    [{ use: 'Training' }, /options\.use: must be "inference" or "training", got "Training"/],
    [{ estimate: 'wasm' }, /options\.estimate: must be "tensors" or "wasm-process", got "wasm"/],
    [{ budgetBytes: -1 }, /options\.budgetBytes: must be a positive number of bytes, got -1/],
    [{ budgetBytes: Number.NaN }, /options\.budgetBytes: must be a positive number of bytes, got NaN/],
  ])('%j is refused with what is allowed', (options, message) => {
    expect(() => checkMemoryBudget(small.memory, options as never)).toThrow(
      expect.objectContaining({ code: 'invalid_spec', message: expect.stringMatching(message) }),
    );
  });
});
