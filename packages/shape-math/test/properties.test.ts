import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  analyze,
  convOutputLength,
  dilatedKernelSize,
  type LayerSpecInput,
  transposedConvOutputLength,
} from '../src/index';

const size = fc.integer({ min: 1, max: 512 });
const small = fc.integer({ min: 1, max: 7 });

describe('laws that hold for every input', () => {
  test('"same": out = ceil(in / stride), so out × stride ≥ in > (out − 1) × stride', () => {
    fc.assert(
      fc.property(size, small, small, small, (input, kernel, stride, dilation) => {
        const out = convOutputLength(input, kernel, 'same', stride, dilation);
        expect(out * stride).toBeGreaterThanOrEqual(input);
        expect((out - 1) * stride).toBeLessThan(input);
      }),
    );
  });

  test('"valid": the last window fits and one more would not', () => {
    fc.assert(
      fc.property(size, small, small, small, (input, kernel, stride, dilation) => {
        const span = dilatedKernelSize(kernel, dilation);
        fc.pre(span <= input);
        const out = convOutputLength(input, kernel, 'valid', stride, dilation);
        expect((out - 1) * stride + span).toBeLessThanOrEqual(input);
        expect(out * stride + span).toBeGreaterThan(input);
      }),
    );
  });

  test("a transposed conv with the same kernel and stride restores a strided conv's input size", () => {
    fc.assert(
      fc.property(size, small, small, (input, kernel, stride) => {
        // "same" upsampling gives exactly in × stride, so it inverts "same" downsampling whenever stride divides in.
        const down = convOutputLength(input * stride, kernel, 'same', stride);
        expect(transposedConvOutputLength(down, kernel, 'same', stride)).toBe(input * stride);
        // "valid" both ways: back to at least the input and less than one stride more (when the stride ≤ kernel).
        fc.pre(kernel <= input && stride <= kernel);
        const valid = convOutputLength(input, kernel, 'valid', stride);
        const back = transposedConvOutputLength(valid, kernel, 'valid', stride);
        expect(back).toBeLessThanOrEqual(input);
        expect(back).toBeGreaterThan(input - stride);
      }),
    );
  });

  const layer: fc.Arbitrary<LayerSpecInput> = fc.oneof(
    fc.record({
      kind: fc.constant('conv2d' as const),
      filters: fc.integer({ min: 1, max: 16 }),
      kernelSize: fc.integer({ min: 1, max: 3 }),
      strides: fc.integer({ min: 1, max: 2 }),
      padding: fc.constant('same' as const),
      useBias: fc.boolean(),
    }),
    fc.record({
      kind: fc.constant('maxPooling2d' as const),
      poolSize: fc.constant(2),
      padding: fc.constant('same' as const),
    }),
    fc.record({ kind: fc.constant('batchNormalization' as const) }),
    fc.record({
      kind: fc.constant('depthwiseConv2d' as const),
      kernelSize: fc.constant(3),
      padding: fc.constant('same' as const),
      depthMultiplier: fc.integer({ min: 1, max: 2 }),
    }),
  );

  test('parameters and MACs add up over layers: analysing a stack in two halves gives the same totals', () => {
    fc.assert(
      fc.property(fc.array(layer, { minLength: 2, maxLength: 8 }), fc.nat(), (layers, cut) => {
        const at = 1 + (cut % (layers.length - 1));
        const whole = analyze({ input: [32, 32, 3], layers });
        const first = analyze({ input: [32, 32, 3], layers: layers.slice(0, at) });
        const middle = first.outputs[0]!.shape as [number, number, number];
        const second = analyze({ input: middle, layers: layers.slice(at) });
        expect(whole.totals.params.total).toBe(first.totals.params.total + second.totals.params.total);
        expect(whole.totals.macs).toBe(first.totals.macs + second.totals.macs);
        expect(whole.totals.params.total).toBe(whole.layers.reduce((sum, l) => sum + l.params.total, 0));
      }),
    );
  });

  test('memory: the inference peak lies between the largest consecutive pair and the sum of all; training grows with the batch', () => {
    fc.assert(
      fc.property(
        fc.array(layer, { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 64 }),
        (layers, batchSize) => {
          const one = analyze({ input: [32, 32, 3], layers }, { batchSize });
          const more = analyze({ input: [32, 32, 3], layers }, { batchSize: batchSize + 1 });
          const bytes = [one.totals.inputBytes, ...one.layers.map((l) => l.activationBytes)];
          const largestPair = Math.max(...bytes.slice(1).map((b, i) => b + bytes[i]!));
          expect(one.memory.inference.peakActivationBytes).toBe(largestPair);
          expect(one.memory.trainingMinimum.bytes).toBeLessThan(more.memory.trainingMinimum.bytes);
          expect(one.memory.trainingRealistic.bytes).toBeGreaterThan(one.memory.trainingMinimum.bytes);
          // Every figure is an exact, finite integer.
          for (const value of [
            one.memory.inference.bytes,
            one.memory.trainingMinimum.bytes,
            one.memory.trainingRealistic.bytes,
          ]) {
            expect(Number.isSafeInteger(value)).toBe(true);
          }
        },
      ),
    );
  });

  test('the receptive field never shrinks along a stack, and the output stride is the product of strides', () => {
    fc.assert(
      fc.property(fc.array(layer, { minLength: 1, maxLength: 8 }), (layers) => {
        const report = analyze({ input: [64, 64, 3], layers });
        let previous = 1;
        let stride = 1;
        report.layers.forEach((row, i) => {
          expect(row.receptiveField[0]).toBeGreaterThanOrEqual(previous);
          previous = row.receptiveField[0];
          const spec = layers[i]!;
          if (spec.kind === 'conv2d') stride *= (spec.strides as number | undefined) ?? 1;
          if (spec.kind === 'maxPooling2d') stride *= 2;
          expect(row.effectiveStride[0]).toBe(stride);
        });
      }),
    );
  });
});
