import { describe as describeArchitecture, describeSpec } from '@cnnkit/architectures';
import { describe, expect, test } from 'vitest';
import { calibrationRows, compareWithEstimator, fitFromRows } from '../bench/memory-calibration';
import {
  BUILD_CALIBRATION,
  type CalibrationPoint,
  fitCalibration,
  ONNX_CALIBRATION,
  PASS_CALIBRATION,
  PROCESS_BASELINE_BYTES,
  passFeatures,
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

describe('the fit', () => {
  test('recovers the coefficients of exact synthetic data (an independent check of the least squares)', () => {
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
          };
          points.push({
            features,
            beforeBytes: 150 * MiB,
            measuredBytes: 10 * MiB + (2 * p + 3 * a + 1.5 * k) * MiB,
          });
        }
    const fit = fitCalibration(points, ['parameterBytes', 'peakActivationBytes', 'kernelTapBytes']);
    expect(fit.slackBytes).toBeCloseTo(10 * MiB, -3);
    expect(fit.parameterFactor).toBeCloseTo(2, 2);
    expect(fit.activationFactor).toBeCloseTo(3, 2);
    expect(fit.kernelTapFactor).toBeCloseTo(1.5, 2);
  });

  test('scales up until no point is under-estimated', () => {
    // Two points on the line 2 × activations, and one 50% above it: the fit is scaled to cover it.
    const point = (a: number, measured: number): CalibrationPoint => ({
      features: {
        parameterBytes: 0,
        peakActivationBytes: a * MiB,
        kernelTapBytes: 0,
        largestOutputBytes: 0,
        groupedConvBytes: 0,
        depthwiseBytes: 0,
      },
      beforeBytes: 100 * MiB,
      measuredBytes: measured * MiB,
    });
    const fit = fitCalibration([point(100, 200), point(200, 400), point(300, 900)], ['peakActivationBytes']);
    for (const [a, measured] of [
      [100, 200],
      [200, 400],
      [300, 900],
    ] as const)
      expect(fit.slackBytes + fit.activationFactor * a * MiB).toBeGreaterThanOrEqual(measured * MiB);
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
      activationFactor: fit.onnx.activationFactor,
    });
    expect(PROCESS_BASELINE_BYTES).toBe(fit.processBaselineBytes);
    expect(WORKER_BASELINE_BYTES).toBe(fit.workerBaselineBytes);
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
