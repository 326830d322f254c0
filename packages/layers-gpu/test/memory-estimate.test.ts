import { analyze, checkMemoryBudget, exercise2Spec } from '@cnnkit/shape-math';
import { describe, expect, test } from 'vitest';
import { assertFitsMemoryBudget, LayersGpuError } from '../src/index';

const report = analyze(exercise2Spec());

describe("assertFitsMemoryBudget: shape-math's one budget rule, tensors unless asked otherwise", () => {
  test('a budget the tensors fit but the wasm process does not: admitted by default, refused for wasm-process', () => {
    const budgetBytes = report.memory.inference.bytes;
    expect(() => assertFitsMemoryBudget(report, { memoryBudgetBytes: budgetBytes })).not.toThrow();
    const wasm = checkMemoryBudget(report.memory, { budgetBytes, estimate: 'wasm-process' });
    const error = (() => {
      try {
        assertFitsMemoryBudget(report, { memoryBudgetBytes: budgetBytes, memoryEstimate: 'wasm-process' });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(LayersGpuError);
    expect(error).toMatchObject({
      code: 'memory_budget_exceeded',
      details: { estimateBytes: wasm.estimateBytes, budgetBytes },
    });
  });

  test('wasm-process with a training budget is a coded options error, not a crash', () => {
    expect(() =>
      assertFitsMemoryBudget(report, { memoryEstimate: 'wasm-process', budgetFor: 'training' }),
    ).toThrow(
      expect.objectContaining({ code: 'invalid_options', message: expect.stringMatching(/inference only/) }),
    );
  });
});
