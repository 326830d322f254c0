import { beforeEach, describe, expect, test } from 'vitest';
import {
  analyze,
  checkMemoryBudget,
  DEFAULT_MEMORY_BUDGET_BYTES,
  exercise2Spec,
  indirectionBufferBytes,
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
    // the input and c1's output, (4,052² × 3 + 4,048² × 6) × 4 = 590,295,744 bytes; kernel taps of
    // both convolutions (stop 31: every buffer is held), c1's 1,638,630,400 and c3's 5×5 on 2,024 px,
    // 2,020² × 25 × 4 = 408,040,000 bytes. Heap: 256 MiB + 3 × 11,488 + 2.5 × 590,295,744 + both.
    const heap = 256 * 1024 ** 2 + 3 * 11_488 + 2.5 * 590_295_744 + 1_638_630_400 + 408_040_000;
    expect(peak.wasmHeapBytes).toBe(heap);
    expect(peak.processBytes).toBe(384 * 1024 ** 2 + heap);
    expect(peak.processBytes).toBeGreaterThanOrEqual(measuredPeakBytes);
    // The run completed, so its heap fitted the wasm32 ceiling; so does the estimate's.
    expect(peak.fitsWasmHeap).toBe(true);
  });
});

describe('every convolution keeps its indirection buffer (stop 31): one rule, `indirectionBufferBytes`', () => {
  test.each([
    // [layer, output shape, bytes]: 4-byte pointers × output pixels × kernel taps.
    ['3×3 conv', { kind: 'conv2d', kernelSize: 3 }, [10, 20, 8], 10 * 20 * 9 * 4],
    ['3×5 depthwise', { kind: 'depthwiseConv2d', kernelSize: [3, 5] }, [10, 10, 8], 10 * 10 * 15 * 4],
    ['1×1 conv at stride 1: a plain matrix product, none', { kind: 'conv2d', kernelSize: 1 }, [10, 10, 8], 0],
    ['1×1 conv at stride 2', { kind: 'conv2d', kernelSize: 1, strides: 2 }, [5, 5, 8], 5 * 5 * 1 * 4],
    ['3×3 separable', { kind: 'separableConv2d', kernelSize: 3, strides: [2, 1] }, [4, 8, 2], 4 * 8 * 9 * 4],
    ['2×2 transposed', { kind: 'conv2dTranspose', kernelSize: 2, strides: 2 }, [8, 8, 1], 8 * 8 * 4 * 4],
    ['pooling: none', { kind: 'maxPooling2d' }, [8, 8, 1], 0],
  ] as const)('%s', (_, layer, outputShape, bytes) => {
    expect(indirectionBufferBytes(layer, outputShape)).toBe(bytes);
  });

  test('the report sums them (allKernelTapBytes) beside the largest (kernelTapBytes)', () => {
    // 3×3 "same" on 16 px: 16² × 9 × 4 = 9,216; 1×1 at stride 1: none; 3×3 at stride 2 ("same",
    // 8 px): 8² × 9 × 4 = 2,304.
    const report = analyze({
      input: [16, 16, 3],
      layers: [
        { kind: 'conv2d', filters: 4, kernelSize: 3, padding: 'same' },
        { kind: 'conv2d', filters: 4, kernelSize: 1 },
        { kind: 'conv2d', filters: 4, kernelSize: 3, strides: 2, padding: 'same' },
      ],
    });
    expect(report.memory.inference.kernelTapBytes).toBe(9216);
    expect(report.memory.inference.allKernelTapBytes).toBe(9216 + 2304);
  });

  test('three 7×7 convolutions at stride 1 on 2,048 px: wasmBackendPeak covers the measured 2.87 GB', () => {
    // apps/quiz-bot bench/memory-calibration.json, row "exercise2/k7/f1,2,4/s1 2048": peak RSS
    // 2,868,895,744 bytes (VmHWM of a fresh process). By hand: weights 7·7·3·1 + 1 = 148,
    // 7·7·1·2 + 2 = 100, 7·7·2·4 + 4 = 396, 644 × 4 = 2,576 bytes; peak activations conv2's and
    // conv3's outputs, 2,048² × (2 + 4) × 4 = 100,663,296; three buffers 3 × 2,048² × 49 × 4 =
    // 2,466,250,752 (the largest alone, 822,083,584, gave a process estimate of 1.74 GB).
    const report = analyze(
      exercise2Spec({ kernelSize: 7, filters: [1, 2, 4], strides: 1, height: 2048, width: 2048 }),
    );
    const heap = 256 * 1024 ** 2 + 3 * 2576 + 2.5 * 100_663_296 + 2_466_250_752;
    expect(wasmBackendPeak(report).wasmHeapBytes).toBe(heap);
    expect(wasmBackendPeak(report).processBytes).toBe(384 * 1024 ** 2 + heap);
    expect(wasmBackendPeak(report).processBytes).toBeGreaterThanOrEqual(2_868_895_744);
  });
});
