import { buildModel, compareWithShapeMath, initBackend } from '@cnnkit/layers-gpu';
import { analyze, DEFAULT_MEMORY_BUDGET_BYTES, exercise2Spec } from '@cnnkit/shape-math';
import { beforeAll, describe, expect, test } from 'vitest';
import { exercise2Setting } from '../src/variants';

const exercise2Variant = (seed: number) => exercise2Setting(seed).network;

beforeAll(async () => {
  await initBackend({ env: {}, wasmThreads: 1 }); // one thread in tests: see vitest.shared.ts
});

describe('exercise-2 variants', () => {
  test('are deterministic by seed and vary', () => {
    expect(exercise2Variant(42)).toEqual(exercise2Variant(42));
    const distinct = new Set(Array.from({ length: 50 }, (_, seed) => JSON.stringify(exercise2Variant(seed))));
    expect(distinct.size).toBeGreaterThan(30);
  });

  test('always describe a valid network that fits the default memory budget', () => {
    for (let seed = 0; seed < 500; seed++) {
      const report = analyze(exercise2Spec(exercise2Variant(seed)));
      expect(report.outputs[0]!.shape.every((side) => side >= 1)).toBe(true);
      expect(report.memory.inference.bytes).toBeLessThan(DEFAULT_MEMORY_BUDGET_BYTES);
    }
  });

  test.each([0, 1, 2, 3, 4, 5])('seed %i: the real model agrees with shape-math layer by layer', (seed) => {
    const built = buildModel(exercise2Spec(exercise2Variant(seed)));
    expect(compareWithShapeMath(built)).toEqual([]);
    expect(built.model.countParams()).toBe(built.report.totals.params.total);
    built.model.dispose();
  });
});
