import { describe as describeArchitecture, describeSpec } from '@cnnkit/architectures';
import { analyze, exercise2Spec, type ModelSpecInput, wasmBackendPeak } from '@cnnkit/shape-math';
import { describe, expect, test } from 'vitest';
import {
  calibrationRows,
  compareWithEstimator,
  exercise2Variant,
  featuresOf,
  fitFromRows,
} from '../bench/memory-calibration';
import {
  BUILD_CALIBRATION,
  type CalibrationPoint,
  COVER_MARGIN,
  fitCalibration,
  layerTemporaryBytes,
  ONNX_CALIBRATION,
  onnxExtraBytes,
  PASS_CALIBRATION,
  PROCESS_BASELINE_BYTES,
  passBytes,
  passFeatures,
  stepPeakBytes,
  WORKER_BASELINE_BYTES,
} from '../src/verify/memory-estimate';

const MiB = 1024 ** 2;

describe('the features of a pass', () => {
  test("LeNet-5 at 4,052 px: its first 5×5 conv's indirection buffer is 4,048² × 25 taps × 4 bytes", () => {
    const options = { inputShape: [4052, 4052, 3] as [number, number, number], includeTop: false };
    const features = passFeatures(describeSpec('lenet5', options), describeArchitecture('lenet5', options));
    // c1: 5×5 "valid" on 4,052 px gives 4,048 px; 4,048² = 16,386,304; × 25 × 4 = 1,638,630,400.
    expect(features.kernelTapBytes).toBe(1_638_630_400);
    // Peak activations: the input and c1's output alive at once, (4,052² × 3 + 4,048² × 6) × 4 bytes.
    expect(features.peakActivationBytes).toBe((4052 ** 2 * 3 + 4048 ** 2 * 6) * 4);
  });
});

describe('the step peak: the pass simulated layer by layer (stop 31)', () => {
  // a: 3×3 conv, 2 filters, explicit padding 1, tanh; b: 1×1 conv, 2 filters, ReLU; c: a + b;
  // d: 1×1 conv, 2 filters, ReLU.
  const spec = {
    input: [8, 8, 1],
    layers: [
      { kind: 'conv2d', name: 'a', filters: 2, kernelSize: 3, padding: 1, activation: 'tanh' },
      { kind: 'conv2d', name: 'b', filters: 2, kernelSize: 1, activation: 'relu' },
      { kind: 'add', name: 'c', inputs: ['a', 'b'] },
      { kind: 'conv2d', name: 'd', filters: 2, kernelSize: 1, activation: 'relu' },
    ],
  } as const satisfies ModelSpecInput;

  test('predict: the input fed, a padded copy, an unfused activation, the buffers and packed weights so far, a kept branch', () => {
    // By hand, in float32 bytes. The input 8² × 1 × 4 = 256, alive all pass (predict never frees
    // what it was fed); every output 8² × 2 × 4 = 512.
    // a: the input, its zero-padded copy 10² × 1 × 4 = 400, a's output and, tanh not being fused,
    //    its output before tanh (512 + 512); a's indirection buffer 8² × 9 taps × 4 = 2,304 and
    //    packed weights (3·3·1·2 + 2) × 4 = 80: 256 + 400 + 1,024 + 2,384 = 4,064.
    // b: 1×1 at stride 1, no buffer; packed weights (1·1·2·2 + 2) × 4 = 24; the input, a (kept for
    //    c) and b's output: 256 + 1,024 + 2,408 = 3,688.
    // c: the input, a, b and c's output, 256 + 1,536 + 2,408 = 4,200: the peak.
    // d: a and b are freed; the input, c and d (24 more bytes of weights): 256 + 1,024 + 2,432 = 3,712.
    expect(stepPeakBytes(spec, analyze(spec))).toBe(4200);
    // c reads two tensors: the network joins branches.
    expect(passFeatures(spec, analyze(spec)).joinedStepPeakBytes).toBe(4200);
  });

  test('profile: every output held until the end', () => {
    // profileModel's first walk holds every output, the zero-padding layer's before a included
    // (400): a: 256 + 400 + 1,024 + 2,384 = 4,064; b: 256 + 400 + 1,024 + 2,408 = 4,088; c: 256 +
    // 400 + 1,536 + 2,408 = 4,600; d: 256 + 400 + 2,048 + 2,432 = 5,136. Then predict runs on the
    // same heap (review 31), its activations charged on top (its operators are the walk's: no
    // buffer or weights again): a: 256 + 400 + 512 + 512 = 1,680; b: 256 + 512 + 512 = 1,280;
    // c: 256 + 3 × 512 = 1,792; d: 256 + 2 × 512 = 1,280. 5,136 + 1,792 = 6,928.
    expect(stepPeakBytes(spec, analyze(spec), 'profile')).toBe(6928);
  });

  test('an unnamed layer is found by its default name; a report row with no spec layer throws (review 31, 1.5)', () => {
    // a: 3×3 conv, 2 filters, explicit padding 1, tanh; b: 1×1 conv, 2 filters, ReLU; no names, so
    // the report calls them conv2d_0 and conv2d_1. By hand as in the test above: at a, the input
    // 256, its padded copy 400, a's output and its output before tanh 512 + 512, a's buffer 2,304
    // and packed weights 80: 4,064, the peak (b: 256 + 512 + 512 + 2,408 = 3,688). Keyed by the
    // spec's undefined names instead, a lost its kernel, padding and activation: 256 + 512 + 80 = 848.
    const unnamed = {
      input: [8, 8, 1],
      layers: [
        { kind: 'conv2d', filters: 2, kernelSize: 3, padding: 1, activation: 'tanh' },
        { kind: 'conv2d', filters: 2, kernelSize: 1, activation: 'relu' },
      ],
    } as const satisfies ModelSpecInput;
    expect(analyze(unnamed).layers.map((layer) => layer.name)).toEqual(['conv2d_0', 'conv2d_1']);
    expect(stepPeakBytes(unnamed, analyze(unnamed))).toBe(4064);
    const renamed = {
      ...unnamed,
      layers: [{ ...unnamed.layers[0], name: 'x' }, unnamed.layers[1]],
    } as const satisfies ModelSpecInput;
    expect(() => stepPeakBytes(renamed, analyze(unnamed))).toThrow(/conv2d_0 is not in the spec/);
  });

  test("a padded pooling peaks at its padded copy's own step; a plain stack is not joined", () => {
    // Input 8² × 4 × 4 = 1,024 bytes; k, a 1×1 conv of 4 filters: its output 1,024, packed weights
    // (4·4 + 4) × 4 = 80. At p: the input, k's output and its padded copy 10² × 4 × 4 = 1,600 with
    // k's weights, 3,728; then k's output (read by p alone) is freed and p's 5² × 4 × 4 = 400 made:
    // 1,024 + 1,600 + 400 + 80 = 3,104. Pooling has no buffer.
    const pool = {
      input: [8, 8, 4],
      layers: [
        { kind: 'conv2d', name: 'k', filters: 4, kernelSize: 1 },
        { kind: 'maxPooling2d', name: 'p', poolSize: 2, strides: 2, padding: 1 },
      ],
    } as const satisfies ModelSpecInput;
    expect(stepPeakBytes(pool, analyze(pool))).toBe(3728);
    expect(passFeatures(pool, analyze(pool)).joinedStepPeakBytes).toBe(0);
  });

  test.each([
    // [layer, output bytes, depthwise bytes, temporaries]: tfjs-layers 4.22's calls.
    ['conv2d relu (fused)', { kind: 'conv2d', activation: 'relu' }, 100, 0, 0],
    ['conv2d linear (no activation)', { kind: 'conv2d' }, 100, 0, 0],
    ['conv2d tanh: its output before tanh', { kind: 'conv2d', activation: 'tanh' }, 100, 0, 100],
    [
      'grouped conv2d sigmoid (groupedConvBytes)',
      { kind: 'conv2d', groups: 2, activation: 'sigmoid' },
      100,
      0,
      0,
    ],
    ['dense sigmoid', { kind: 'dense', activation: 'sigmoid' }, 100, 0, 100],
    ['depthwise, bias, linear: the bias added apart', { kind: 'depthwiseConv2d' }, 100, 0, 100],
    [
      'depthwise, no bias, relu: the activation apart',
      { kind: 'depthwiseConv2d', useBias: false, activation: 'relu' },
      100,
      0,
      100,
    ],
    [
      'separable, bias, relu: depthwise output + 2 copies',
      { kind: 'separableConv2d', activation: 'relu' },
      100,
      30,
      230,
    ],
    [
      'separable, no bias, linear: the depthwise output',
      { kind: 'separableConv2d', useBias: false },
      100,
      30,
      30,
    ],
    ['batch normalisation', { kind: 'batchNormalization' }, 100, 0, 0],
  ])('layer temporaries: %s', (_, layer, out, depthwise, expected) => {
    expect(layerTemporaryBytes(layer, out, depthwise)).toBe(expected);
  });
});

describe("a residual block's live activations are charged (stop 30)", () => {
  test('ResNet-50 at 1,792 px: its input, shortcut and branch outputs alive at once, 3 × 448² × 256 × 4 bytes', () => {
    const options = { inputShape: [1792, 1792, 3] as [number, number, number], includeTop: false };
    const features = passFeatures(
      describeSpec('resnet50', options),
      describeArchitecture('resnet50', options),
    );
    // The largest output: stage 2 at 1,792 / 4 = 448 px × 256 channels × 4 bytes = 205,520,896
    // (as large as the stem conv's 896² × 64 × 4); a block's input, its shortcut and its branch's
    // last output are alive together at its add: three of them, 616,562,688 bytes.
    expect(features.largestOutputBytes).toBe(448 ** 2 * 256 * 4);
    expect(features.peakActivationBytes).toBe(3 * 448 ** 2 * 256 * 4);
    // The committed row (calibrate-memory.ts, one pass in a fresh process): 1,169,735,680 bytes.
    const measured = calibrationRows().find(
      (r) => r.mode === 'pass' && r.network === 'resnet50' && r.side === 1792,
    )!.passBytes!;
    expect(measured).toBe(1_169_735_680);
    // The coefficients before stop 30 (the largest output × 1.547, live activations × 0) fell
    // 228 MB short of it: 29,082,236 + 2.905 × 94,244,608 + 2.039 × 157,351,936 + 1.547 ×
    // 205,520,896 = 941,644,246 bytes (rounded up).
    const before = {
      slackBytes: 29_082_236,
      parameterFactor: 2.905,
      activationFactor: 0,
      kernelTapFactor: 2.039,
      largestOutputFactor: 1.547,
      groupedConvFactor: 1.351,
      depthwiseFactor: 2.663,
      allKernelTapFactor: 0,
      inputFactor: 0,
      profileInputFactor: 0,
      stepPeakFactor: 0,
      joinedStepPeakFactor: 0,
    };
    // 23,561,152 weights × 4 bytes; the stem's 7×7 conv: 896² outputs × 49 taps × 4 bytes.
    expect(features.parameterBytes).toBe(23_561_152 * 4);
    expect(features.kernelTapBytes).toBe(896 ** 2 * 49 * 4);
    expect(passBytes(features, before)).toBe(941_644_246);
    expect(passBytes(features, before)).toBeLessThan(measured);
    // Counting the live activations covers it. Since review 30 the taps are summed over every
    // convolution with a kernel over 1×1 or a stride over 1 (conv1 7×7/2 at 896²; 3, 4, 6, 3 blocks'
    // 3×3 at 448², 224², 112², 56²; the three strided 1×1 shortcuts at 224², 112², 56²):
    // 4 × (896² × 49 + 3 × 448² × 9 + 4 × 224² × 9 + 224² + 6 × 112² × 9 + 112² + 3 × 56² × 9 + 56²)
    // = 189,564,928 bytes, and the input is 1,792² × 3 × 4 = 38,535,168 bytes.
    expect(features.allKernelTapBytes).toBe(189_564_928);
    expect(features.inputBytes).toBe(1792 ** 2 * 3 * 4);
    // Stop 30's coefficients (sums of the live peak, every buffer and the weights × 2.976) charged
    // 20,441,812 + 280,471,953.4 (2.976 × 94,244,608) + 863,187,763.2 (1.4 × 616,562,688) +
    // 184,446,674.9 (0.973 × 189,564,928) + 174,487,240.7 (4.528 × 38,535,168) = 1,523,035,444.3,
    // rounded up (30% over what it added).
    const stop30 = {
      slackBytes: 20_441_812,
      parameterFactor: 2.976,
      activationFactor: 1.4,
      kernelTapFactor: 0,
      largestOutputFactor: 0,
      groupedConvFactor: 0,
      depthwiseFactor: 0.947,
      allKernelTapFactor: 0.973,
      inputFactor: 4.528,
      profileInputFactor: 0,
      stepPeakFactor: 0,
      joinedStepPeakFactor: 0,
    };
    expect(passBytes(features, stop30)).toBe(1_523_035_445);
    // Since stop 31 the step peak: a residual network's is charged again as a joined one.
    expect(features.joinedStepPeakBytes).toBe(features.stepPeakBytes);
    expect(features.stepPeakBytes).toBeGreaterThanOrEqual(features.peakActivationBytes);
    expect(passBytes(features)).toBeGreaterThanOrEqual(measured);
    // Stop 31's first fit charged it less than stop 30 (1.45 GB); since review 31 (the 5% cover
    // margin, and the input factor of a predict run fitted apart from a profile run's) it is charged
    // 1.60 GB, 37% over what it added: safe, not tighter.
  });
});

describe('a kernel-tap-heavy exercise-2 variant is charged what it measured (review 30, A3)', () => {
  test("kernel 7, filters 1, 2, 4 at 4,096 px: the first conv's taps, 2,048² × 49 × 4 bytes", () => {
    const spec = exercise2Spec({ height: 4096, width: 4096, kernelSize: 7, filters: [1, 2, 4] });
    const features = passFeatures(spec, analyze(spec));
    // Stride 2, same padding: conv1 outputs 2,048² × 1; 2,048² × 49 taps × 4 bytes = 822,083,584.
    expect(features.kernelTapBytes).toBe(2048 ** 2 * 49 * 4);
    // The input and conv1's output alive at once: (4,096² × 3 + 2,048² × 1) × 4 = 218,103,808.
    expect(features.peakActivationBytes).toBe((4096 ** 2 * 3 + 2048 ** 2) * 4);
    // Weights: 7·7·3·1 + 1 = 148, 7·7·1·2 + 2 = 100, 7·7·2·4 + 4 = 396: 644 × 4 bytes.
    expect(features.parameterBytes).toBe(644 * 4);
    // The committed row (calibrate-memory.ts, the worker's measure() in a fresh process).
    const measured = calibrationRows().find(
      (r) => r.mode === 'pass' && r.network === 'exercise2/k7/f1,2,4' && r.side === 4096,
    )!.passBytes!;
    expect(measured).toBe(1_735_843_840);
    // Stop 30's first refit (fitted without this row) charged 19,999,268 + 2.989 × 2,576 + 1.697 ×
    // 218,103,808 + 1.487 × 822,083,584 = 1,612,567,419.6, rounded up: 123 MB short.
    const firstRefit = {
      slackBytes: 19_999_268,
      parameterFactor: 2.989,
      activationFactor: 1.697,
      kernelTapFactor: 1.487,
      largestOutputFactor: 0,
      groupedConvFactor: 0.64,
      depthwiseFactor: 1.284,
      allKernelTapFactor: 0,
      inputFactor: 0,
      profileInputFactor: 0,
      stepPeakFactor: 0,
      joinedStepPeakFactor: 0,
    };
    expect(passBytes(features, firstRefit)).toBe(1_612_567_420);
    expect(passBytes(features, firstRefit)).toBeLessThan(measured);
    // Every convolution keeps its indirection buffer: 4 × 49 × (2,048² + 1,024² + 512²) bytes.
    expect(features.allKernelTapBytes).toBe(4 * 49 * (2048 ** 2 + 1024 ** 2 + 512 ** 2));
    expect(features.inputBytes).toBe(4096 ** 2 * 3 * 4);
    // Run as measure.ts runs it (profileModel: every output held until the end), stride 2, "same"
    // padding (no padded copy), ReLU fused: the first walk peaks at conv3, where the input
    // (201,326,592), conv1's 2,048² × 1, conv2's 1,024² × 2 and conv3's 512² × 4 outputs × 4 bytes
    // (16,777,216 + 8,388,608 + 4,194,304) are held with the three indirection buffers
    // (1,078,984,704 above) and the three packed weights (644 × 4 = 2,576): 1,309,674,000 bytes.
    // Then predict (review 31) peaks at conv2: its input copy, conv1's and conv2's outputs,
    // 201,326,592 + 16,777,216 + 8,388,608 = 226,492,416; together 1,536,166,416.
    const profiled = passFeatures(spec, analyze(spec), 'profile');
    expect(profiled.stepPeakBytes).toBe(1_309_674_000 + 226_492_416);
    expect(profiled.joinedStepPeakBytes).toBe(0);
    // Its random image is a profile run's input (`inputBytes` is a predict run's).
    expect(profiled.inputBytes).toBe(0);
    expect(profiled.profileInputBytes).toBe(4096 ** 2 * 3 * 4);
    // Now: 26,738,183 + 4,390.5 (1.7044 × 2,576) + 1,557,211,895.9 (1.0137 × 1,536,166,416) +
    // 296,473,539.4 (1.4726 × 201,326,592) = 1,880,428,008.8, rounded up: over the 1,711,276,032
    // bytes a 2 GiB budget leaves one run, and 8% over what it added.
    expect(passBytes(profiled)).toBe(1_880_428_009);
    expect(passBytes(profiled)).toBeGreaterThanOrEqual(measured);
    // ONNX Runtime beside it would be charged its activations at the step peak and its weights'
    // copies: 1,536,166,416 + 6.4765 × 2,576 (16,683.5) = 1,536,183,099.5, rounded up.
    expect(onnxExtraBytes(profiled)).toBe(1_536_183_100);
  });
});

describe('the grid names exercise-2 variants', () => {
  test.each([
    ['exercise2/k7/f1,2,4', { kernelSize: 7, filters: [1, 2, 4], channels: 3, strides: 2 }],
    ['exercise2/k11/f1,2,4/c1', { kernelSize: 11, filters: [1, 2, 4], channels: 1, strides: 2 }],
    ['exercise2/k7/f1,2,4/s1', { kernelSize: 7, filters: [1, 2, 4], channels: 3, strides: 1 }],
    ['exercise2/k3/f16,32,64/c2/s3', { kernelSize: 3, filters: [16, 32, 64], channels: 2, strides: 3 }],
  ])('%s', (name, variant) => {
    expect(exercise2Variant(name)).toEqual(variant);
  });
  test.each(['exercise2', 'lenet5', 'exercise2/k7', 'exercise2/k7/f1,2', 'exercise2/k7/f1,2,4/s1/c1'])(
    '%s is not a variant',
    (name) => {
      expect(exercise2Variant(name)).toBeUndefined();
    },
  );
});

describe('the fit', () => {
  test('recovers the coefficients of exact synthetic data (an independent check of the fit)', () => {
    // measured = 10 MiB + 2 × parameters + 3 × activations + 1.5 × taps, on features that vary independently.
    const points: CalibrationPoint[] = [];
    for (const p of [1, 40, 300])
      for (const a of [5, 80, 600])
        for (const k of [0, 30, 900]) {
          const features = {
            parameterBytes: p * MiB,
            peakActivationBytes: a * MiB,
            kernelTapBytes: k * MiB,
            largestOutputBytes: 0,
            groupedConvBytes: 0,
            depthwiseBytes: 0,
            allKernelTapBytes: 0,
            inputBytes: 0,
            profileInputBytes: 0,
            stepPeakBytes: 0,
            joinedStepPeakBytes: 0,
          };
          points.push({
            features,
            beforeBytes: 150 * MiB,
            measuredBytes: 10 * MiB + (2 * p + 3 * a + 1.5 * k) * MiB,
          });
        }
    const fit = fitCalibration(points, ['parameterBytes', 'peakActivationBytes', 'kernelTapBytes'], 0);
    expect(fit.slackBytes).toBeCloseTo(10 * MiB, -3);
    expect(fit.parameterFactor).toBeCloseTo(2, 2);
    expect(fit.activationFactor).toBeCloseTo(3, 2);
    expect(fit.kernelTapFactor).toBeCloseTo(1.5, 2);
  });

  const point = (a: number, measured: number, before = 100): CalibrationPoint => ({
    features: {
      parameterBytes: 0,
      peakActivationBytes: a * MiB,
      kernelTapBytes: 0,
      largestOutputBytes: 0,
      groupedConvBytes: 0,
      depthwiseBytes: 0,
      allKernelTapBytes: 0,
      inputBytes: 0,
      profileInputBytes: 0,
      stepPeakBytes: 0,
      joinedStepPeakBytes: 0,
    },
    beforeBytes: before * MiB,
    measuredBytes: measured * MiB,
  });

  test('leaves no point under-estimated', () => {
    // Two points on the line 2 × activations, and one 50% above it.
    const points = [point(100, 200), point(200, 400), point(300, 900)];
    const fit = fitCalibration(points, ['peakActivationBytes'], 0);
    for (const p of points) expect(passBytes(p.features, fit)).toBeGreaterThanOrEqual(p.measuredBytes);
  });

  test('the cover margin: every point charged at least (1 + μ) times what it measured (review 31)', () => {
    // The hand-solved case below with μ = 5%: slack ≥ 1.05 × 10 = 10.5 MiB (A) and
    // slack + 100 f ≥ 1.05 × 130 = 136.5 MiB (C); B's over-estimate is then at least 26.5/110
    // whatever the coefficients, and the smallest estimates with it are slack 10.5 MiB, f = 1.26.
    const points = [point(0, 10, 0), point(100, 110, 0), point(100, 130, 0)];
    const fit = fitCalibration(points, ['peakActivationBytes'], 0.05);
    expect(fit.slackBytes).toBeGreaterThanOrEqual(10.5 * MiB);
    expect(fit.slackBytes).toBeLessThanOrEqual(10.5 * MiB + 2);
    expect(fit.activationFactor).toBeCloseTo(1.26, 3);
    for (const p of points) expect(passBytes(p.features, fit)).toBeGreaterThanOrEqual(1.05 * p.measuredBytes);
    // The committed calibration is fitted with the committed margin: every pass row of the grid is
    // charged at least 5% more than it added.
    expect(COVER_MARGIN).toBe(0.05);
    const rows = calibrationRows().filter((r) => r.mode === 'pass' && r.failed === undefined);
    expect(rows.length).toBe(77);
    for (const row of rows)
      expect(passBytes(featuresOf(row)), `${row.network} ${row.side}`).toBeGreaterThanOrEqual(
        1.05 * row.passBytes!,
      );
  });

  test('minimises the worst relative over-estimate: a hand-solved case', () => {
    // Peaks 10, 110 and 130 MiB (nothing before). A: activations 0, measured 10, so slack ≥ 10.
    // B and C have the same activations (100 MiB) but measured 110 and 130: slack + 100 f ≥ 130 (C),
    // so B is over-estimated by at least 20/110 whatever the coefficients, and that is the minimax
    // (slack 10, f = 1.2: A and C exact). Least squares then scaled or shifted to cover C gives more.
    const points = [point(0, 10, 0), point(100, 110, 0), point(100, 130, 0)];
    const fit = fitCalibration(points, ['peakActivationBytes'], 0);
    expect(fit.slackBytes).toBeGreaterThanOrEqual(10 * MiB);
    expect(fit.slackBytes).toBeLessThanOrEqual(10 * MiB + 2);
    expect(fit.activationFactor).toBeCloseTo(1.2, 3);
    const over = points.map((p) => (passBytes(p.features, fit) - p.measuredBytes) / p.measuredBytes);
    expect(Math.max(...over)).toBeCloseTo(20 / 110, 4);
  });

  test('no feasible coefficients of random data do better than the fit (its worst over is the minimum)', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const points = Array.from({ length: 12 }, () => {
      const p = random() * 300;
      const k = random() * 900;
      const features = {
        parameterBytes: p * MiB,
        peakActivationBytes: 0,
        kernelTapBytes: k * MiB,
        largestOutputBytes: 0,
        groupedConvBytes: 0,
        depthwiseBytes: 0,
        allKernelTapBytes: 0,
        inputBytes: 0,
        profileInputBytes: 0,
        stepPeakBytes: 0,
        joinedStepPeakBytes: 0,
      };
      const measured = (20 + 3 * p + 2 * k) * (0.8 + 0.4 * random()) * MiB;
      return { features, beforeBytes: 150 * MiB, measuredBytes: measured };
    });
    const worstOver = (c: Parameters<typeof passBytes>[1]) =>
      Math.max(
        ...points.map(
          (p) => (passBytes(p.features, c) - p.measuredBytes) / (p.beforeBytes + p.measuredBytes),
        ),
      );
    const fit = fitCalibration(points, ['parameterBytes', 'kernelTapBytes'], 0);
    for (const p of points) expect(passBytes(p.features, fit)).toBeGreaterThanOrEqual(p.measuredBytes);
    // Random coefficients, each made feasible by scaling up just enough: none beats the fit
    // (by more than its rounding up to 3 decimals).
    for (let trial = 0; trial < 500; trial++) {
      const candidate = {
        ...fit,
        slackBytes: random() * 60 * MiB,
        parameterFactor: random() * 6,
        kernelTapFactor: random() * 4,
      };
      const scale = Math.max(...points.map((p) => p.measuredBytes / passBytes(p.features, candidate)));
      const feasible = {
        ...candidate,
        slackBytes: candidate.slackBytes * scale,
        parameterFactor: candidate.parameterFactor * scale,
        kernelTapFactor: candidate.kernelTapFactor * scale,
      };
      expect(worstOver(fit)).toBeLessThanOrEqual(worstOver(feasible) + 0.002);
    }
  });
});

describe('the committed coefficients are the fit of the committed calibration', () => {
  test('memory-estimate.ts holds what fitting bench/memory-calibration.json gives', () => {
    const fit = fitFromRows(calibrationRows());
    expect(PASS_CALIBRATION).toEqual(fit.pass);
    expect(BUILD_CALIBRATION).toEqual({
      slackBytes: fit.build.slackBytes,
      parameterFactor: fit.build.parameterFactor,
    });
    expect(ONNX_CALIBRATION).toEqual({
      slackBytes: fit.onnx.slackBytes,
      parameterFactor: fit.onnx.parameterFactor,
      stepPeakFactor: fit.onnx.stepPeakFactor,
    });
    expect(PROCESS_BASELINE_BYTES).toBe(fit.processBaselineBytes);
    expect(WORKER_BASELINE_BYTES).toBe(fit.workerBaselineBytes);
  });

  test("issue 22's target (over-estimate ≤ 25% of the peak): met by the ONNX rows, NOT by the passes since review 31", () => {
    // bench/memory-estimate.bench.ts prints the same figures (NOT met at stop 30: 55.3% for VGG-16
    // at 768 px, 37.0% for the ONNX row of MobileNet at 1,024 px; met at stop 31's first fit,
    // 24.97%, with no margin and profileModel's second run not charged). With the second run
    // charged whole, the 5% cover margin and review 31's rows, the minimax fit's worst pass is
    // 42.9% over (the 3×3 variant with 100/200/400 filters at 1,024 px, whose second run reuses
    // what the first freed, and AlexNet's torchvision form at 4,096 px). This test fails when a
    // refit or a better simulation changes that figure: then say the new one here and in the README.
    const comparisons = compareWithEstimator(calibrationRows()).filter((c) => !c.label.startsWith('build '));
    expect(comparisons.length).toBe(80);
    for (const c of comparisons.filter((c) => c.label.startsWith('onnx ')))
      expect(c.relative, c.label).toBeLessThanOrEqual(0.25);
    const worst = Math.max(...comparisons.map((c) => c.relative));
    expect(worst).toBeGreaterThan(0.429);
    expect(worst).toBeLessThan(0.4292);
  });

  test('no measured run is under-estimated, and the grid has the large kernels on large maps', () => {
    const rows = calibrationRows();
    for (const network of ['lenet5', 'alexnet', 'alexnet-torchvision', 'alexnet-one-tower'])
      expect(
        rows.some(
          (r) => r.mode === 'pass' && r.network === network && r.side! >= 3000 && r.failed === undefined,
        ),
        network,
      ).toBe(true);
    const comparisons = compareWithEstimator(rows);
    expect(comparisons.length).toBeGreaterThanOrEqual(20);
    for (const c of comparisons) expect(c.relative, c.label).toBeGreaterThanOrEqual(0);
  });
});

describe('single passes outside the grid are not charged less than they added (review 30, A3)', () => {
  test('bench/memory-charge-check.json: exercise-2 variants of every kind and registry networks between the grid sides', () => {
    // The sample calibrate-memory.ts --check measured: 26 passes, two of which (exercise2/k7/f1,2,4/s1
    // at 2,048 px, exercise2/k3/f1,2,4 at 4,096 px, both under-charged then) were then added to the
    // grid; then review 31's 5 variants at the largest sides it found admitted (a 1×1 kernel with
    // 32-256 filters at stride 1, a 3×3 with 16-64 filters at stride 1, 64 input channels), charged
    // 6-37% less than they added before profileModel's second run was charged; then 12 kinds nothing
    // measured before (a 1×1 kernel at stride 2, 16-64 input channels, strides 3 and 8, wide filters
    // at stride 1), each at the largest side admitted under 2 GiB after review 31. The 41 outside the
    // grid: 32 exercise-2 variants (13 at stride 1, 4 with 64 channels) and 9 registry networks' passes.
    const grid = new Set(calibrationRows().map((r) => `${r.mode} ${r.network} ${r.side}`));
    const all = calibrationRows('memory-charge-check.json').filter((r) => r.failed === undefined);
    expect(all.length).toBe(43);
    const rows = all.filter((r) => !grid.has(`${r.mode} ${r.network} ${r.side}`));
    expect(rows.length).toBe(41);
    expect(rows.filter((r) => exercise2Variant(r.network!) !== undefined).length).toBe(32);
    expect(rows.filter((r) => exercise2Variant(r.network!)?.strides === 1).length).toBe(13);
    expect(rows.filter((r) => exercise2Variant(r.network!)?.channels === 64).length).toBe(4);
    for (const c of compareWithEstimator(rows)) expect(c.relative, c.label).toBeGreaterThanOrEqual(0);
  });
});

describe("shape-math's wasm estimate (layers-gpu's buildModel budget) agrees with the measured runs", () => {
  test('every measured pass: wasmBackendPeak covers its peak (LeNet-5 at 4,052 px was 41% under without the kernel taps)', () => {
    // Every pass row, the exercise-2 variants included: since stop 31 shape-math sums every
    // convolution's indirection buffer (`allKernelTapBytes`, the same `indirectionBufferBytes` the
    // ledger's estimate reads). Counting the largest only, the variant of three 7×7 convolutions at
    // stride 1 on 2,048 px was estimated at 1.74 GB and peaked at 2.87 GB.
    const rows = calibrationRows().filter((r) => r.mode === 'pass' && r.failed === undefined);
    expect(rows.filter((r) => exercise2Variant(r.network!) !== undefined).length).toBeGreaterThanOrEqual(16);
    for (const row of rows) {
      const variant = exercise2Variant(row.network!);
      const report =
        variant === undefined
          ? describeArchitecture(row.network!, {
              inputShape: [row.side!, row.side!, 3] as [number, number, number],
              includeTop: false,
            })
          : analyze(
              exercise2Spec({
                ...variant,
                filters: [...variant.filters],
                height: row.side!,
                width: row.side!,
              }),
            );
      const label = `${row.network} ${row.side} px`;
      expect(wasmBackendPeak(report).processBytes, label).toBeGreaterThanOrEqual(row.peakRssBytes!);
    }
  });
});
