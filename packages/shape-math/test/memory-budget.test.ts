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

describe('wasmBackendPeak: large kernels on large maps (issue 22)', () => {
  // LeNet-5 without its classifier, as the architectures registry builds it (c1, s2, c3, s4), at
  // 4,052² × 3: the measured run the first wasm estimate missed.
  const lenet5At4052 = () =>
    analyze({
      input: [4052, 4052, 3],
      layers: [
        { kind: 'conv2d', name: 'c1', filters: 6, kernelSize: 5, activation: 'tanh' },
        { kind: 'averagePooling2d', name: 's2', poolSize: 2 },
        { kind: 'conv2d', name: 'c3', filters: 16, kernelSize: 5, activation: 'tanh' },
        { kind: 'averagePooling2d', name: 's4', poolSize: 2 },
      ],
    });

  test("the largest convolution's indirection buffer: output pixels × kernel taps × 4-byte pointers", () => {
    // c1: 5×5 "valid" on 4,052 px gives 4,048 px: 4,048² × 25 × 4 = 1,638,630,400 (c3 works on 2,020 px).
    expect(lenet5At4052().memory.inference.kernelTapBytes).toBe(4048 ** 2 * 25 * 4);
    // Depthwise convolutions count too; a model without a convolution has none.
    const depthwise = analyze({
      input: [100, 100, 8],
      layers: [{ kind: 'depthwiseConv2d', kernelSize: [3, 5], padding: 'same' }],
    });
    expect(depthwise.memory.inference.kernelTapBytes).toBe(100 * 100 * 15 * 4);
    expect(
      analyze({ input: [10], layers: [{ kind: 'dense', units: 4 }] }).memory.inference.kernelTapBytes,
    ).toBe(0);
  });

  test('LeNet-5 at 4,052 px: the estimate covers the measured peak (it was 41% under without the kernel taps)', () => {
    // Measured: apps/quiz-bot/bench/memory-calibration.json, row "pass lenet5 4052": a fresh
    // process on the wasm backend (one thread) peaked at 3,617,738,752 bytes (VmHWM).
    const measuredPeakBytes = 3_617_738_752;
    const peak = wasmBackendPeak(lenet5At4052());
    // By hand: parameters (5·5·3·6 + 6) + (5·5·6·16 + 16) = 2,872 → 11,488 bytes; peak activations
    // the input and c1's output, (4,052² × 3 + 4,048² × 6) × 4 = 590,295,744 bytes; kernel taps
    // 1,638,630,400 bytes. Heap: 256 MiB + 3 × 11,488 + 2.5 × 590,295,744 + 1,638,630,400.
    const heap = 256 * 1024 ** 2 + 3 * 11_488 + 2.5 * 590_295_744 + 1_638_630_400;
    expect(peak.wasmHeapBytes).toBe(heap);
    expect(peak.processBytes).toBe(384 * 1024 ** 2 + heap);
    expect(peak.processBytes).toBeGreaterThanOrEqual(measuredPeakBytes);
    // The run completed, so its heap fitted the wasm32 ceiling; so does the estimate's.
    expect(peak.fitsWasmHeap).toBe(true);
  });
});
