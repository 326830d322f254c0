import { describe as describeArchitecture } from '@cnnkit/architectures';
import { checkMemoryBudget } from '@cnnkit/shape-math';
import { describe, expect, test } from 'vitest';
import { QuizError } from '../src/errors';
import { MeasurementService } from '../src/verify/service';

describe("the measurement service admits exactly what shape-math's budget rule admits", () => {
  test('resnet50 at several sides and budgets: refused iff checkMemoryBudget(wasm-process) says it does not fit', async () => {
    const budgets = [512 * 1024 ** 2, 2 * 1024 ** 3, 64 * 1024 ** 3];
    const sides = [64, 512, 1024, 2048, 4096];
    const outcomes = new Set<string>();
    for (const budgetBytes of budgets) {
      const service = new MeasurementService({ memoryBudgetBytes: budgetBytes });
      try {
        for (const side of sides) {
          const report = describeArchitecture('resnet50', { inputShape: [side, side, 3], includeTop: false });
          const rule = checkMemoryBudget(report.memory, { budgetBytes, estimate: 'wasm-process' });
          let refused: unknown;
          try {
            service.plan({ kind: 'outputStride', architecture: 'resnet50', inputSide: side });
          } catch (error) {
            refused = error;
          }
          outcomes.add(rule.fits ? 'fits' : (rule.exceeds ?? ''));
          if (rule.fits) expect(refused).toBeUndefined();
          else {
            expect(refused).toBeInstanceOf(QuizError);
            expect((refused as QuizError).context).toMatchObject({
              estimateBytes: rule.estimateBytes,
              budgetBytes,
            });
            expect((refused as QuizError).message).toMatch(
              rule.exceeds === 'wasm-heap-ceiling' ? /4 GiB a wasm backend can address/ : /the quiz allows/,
            );
          }
        }
      } finally {
        await service.close();
      }
    }
    // The cases cover all three outcomes, so the comparison means something.
    expect([...outcomes].sort()).toEqual(['budget', 'fits', 'wasm-heap-ceiling']);
  });
});
