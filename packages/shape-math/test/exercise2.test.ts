import { beforeEach, describe, expect, test } from 'vitest';
import { analyze, exercise2Spec, formatSummary, type ModelReport } from '../src/index';

/*
 * Exercise 2 (Géron, Hands-On ML, ch. 14): three conv layers, 3×3 kernels, stride 2, "same"
 * padding, 100/200/400 feature maps, 200×300 RGB input, float32. Figures from the book's answer,
 * each re-derived in the comments so a reader can check them without the book.
 */
describe('exercise 2', () => {
  let report: ModelReport;
  // Computed per test (not once while the file loads) so mutation testing sees which tests read each rule.
  beforeEach(() => {
    report = analyze(exercise2Spec(), { batchSize: 50 });
  });

  test('feature maps are ceil(in / 2) per axis: 100×150, 50×75, 25×38 (not the notes\' "28 x 99")', () => {
    expect(report.layers.map((layer) => layer.outputShape)).toEqual([
      [100, 150, 100],
      [50, 75, 200],
      [25, 38, 400],
    ]);
  });

  test('parameters: (3·3·3 + 1)·100 + (3·3·100 + 1)·200 + (3·3·200 + 1)·400 = 903,400', () => {
    expect(report.layers.map((layer) => layer.params.total)).toEqual([2_800, 180_200, 720_400]);
    expect(report.totals.params).toEqual({ trainable: 903_400, nonTrainable: 0, total: 903_400 });
    expect(report.totals.parameterBytes).toBe(3_613_600);
  });

  test('prediction needs (1.5M + 0.75M) activations × 4 bytes + parameters = 12,613,600 bytes', () => {
    expect(report.memory.inference.peakActivationBytes).toBe(9_000_000);
    expect(report.memory.inference.liveTensorsAtPeak).toEqual(['conv1', 'conv2']);
    expect(report.memory.inference.bytes).toBe(12_613_600);
  });

  test('training on 50 images: 526,000,000 + 36,000,000 + 3,613,600 bytes', () => {
    const training = report.memory.trainingMinimum;
    // 2,630,000 activations × 4 bytes = 10.52 MB per instance; the book rounds it to 10.5 MB before × 50,
    // which is how it reaches "about 564.6 MB" (525 + 36 + 3.6) instead of 565.6 MB.
    expect(training.activationBytesPerInstance).toBe(10_520_000);
    expect(training.activationBytes).toBe(526_000_000);
    expect(training.inputBytes).toBe(36_000_000);
    expect(training.parameterBytes).toBe(3_613_600);
    expect(training.bytes).toBe(565_613_600);
  });

  test("the realistic estimate adds gradients, Adam's two moments and activation gradients", () => {
    const realistic = report.memory.trainingRealistic;
    expect(realistic.gradientBytes).toBe(3_613_600);
    expect(realistic.optimizerStateBytes).toBe(2 * 3_613_600);
    expect(realistic.activationGradientBytes).toBe(9_000_000 * 50);
    expect(realistic.bytes).toBe(565_613_600 + 3_613_600 + 7_227_200 + 450_000_000);
  });

  test('MACs: out_h · out_w · filters · k² · c_in per layer', () => {
    // 100·150·100·27 = 40.5M; 50·75·200·900 = 675M; 25·38·400·1800 = 684M.
    expect(report.layers.map((layer) => layer.macs)).toEqual([40_500_000, 675_000_000, 684_000_000]);
    expect(report.totals.flops).toBe(2 * 1_399_500_000);
  });

  test('receptive field 3 → 7 → 15 and output stride 2 → 4 → 8', () => {
    expect(report.layers.map((layer) => layer.receptiveField[0])).toEqual([3, 7, 15]);
    expect(report.layers.map((layer) => layer.effectiveStride[0])).toEqual([2, 4, 8]);
  });

  test('TensorFlow pads "same" with the odd row at the bottom: 200 → pad [0, 1]', () => {
    expect(report.layers[0]!.padding).toEqual([
      [0, 1],
      [0, 1],
    ]);
  });

  test('the summary shows both readings of the memory figures', () => {
    const summary = formatSummary(report);
    expect(summary).toContain('Total params: 903,400');
    expect(summary).toContain('12,613,600 bytes (12.61 MB, 12.03 MiB)');
    expect(summary).toContain('activations 10,520,000 per instance × 50 = 526,000,000');
    expect(summary).toContain('input batch 36,000,000 + parameters 3,613,600');
  });

  test('float16 halves every byte figure', () => {
    const half = analyze(exercise2Spec(), { batchSize: 50, dtype: 'float16' });
    expect(half.memory.inference.bytes).toBe(12_613_600 / 2);
    expect(half.memory.trainingMinimum.bytes).toBe(565_613_600 / 2);
  });
});
