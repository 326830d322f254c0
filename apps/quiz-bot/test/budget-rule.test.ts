import { describe, expect, test } from 'vitest';
import { QuizError } from '../src/errors';
import { chargeWithin, requestCharge } from '../src/verify/admission';
import { PROCESS_BASELINE_BYTES, WORKER_BASELINE_BYTES } from '../src/verify/memory-estimate';
import type { MeasurementRequest } from '../src/verify/requests';
import { MeasurementService } from '../src/verify/service';

describe("the measurement service admits exactly what the process ledger's room admits", () => {
  test('resnet50 and vgg16 at several sides and budgets: refused iff its passes together do not fit beside the fixed part', async () => {
    const budgets = [512 * 1024 ** 2, 2 * 1024 ** 3, 64 * 1024 ** 3];
    const sides = [64, 512, 1024, 2048, 4096];
    const outcomes = new Set<string>();
    // The part of the budget no run can use: the process and one worker per lane.
    const fixed = PROCESS_BASELINE_BYTES + 2 * WORKER_BASELINE_BYTES;
    for (const budgetBytes of budgets) {
      const service = new MeasurementService({ memoryBudgetBytes: budgetBytes });
      try {
        for (const [architecture, side] of sides.flatMap((side) =>
          ['resnet50', 'vgg16'].map((architecture) => [architecture, side] as const),
        )) {
          const request = { kind: 'outputStride', architecture, inputSide: side } as MeasurementRequest;
          const charge = requestCharge(request);
          const room = budgetBytes - fixed;
          const { bytes } = chargeWithin(charge, room);
          const outcome = charge.pastWasmCeiling ? 'wasm-heap-ceiling' : bytes > room ? 'budget' : 'fits';
          outcomes.add(outcome);
          let refused: unknown;
          try {
            service.plan(request);
          } catch (error) {
            refused = error;
          }
          if (outcome === 'fits') expect(refused).toBeUndefined();
          else {
            expect(refused).toBeInstanceOf(QuizError);
            expect((refused as QuizError).context).toMatchObject({ estimateBytes: bytes, budgetBytes });
            expect((refused as QuizError).message).toMatch(
              outcome === 'wasm-heap-ceiling' ? /4 GiB a wasm backend can address/ : /the quiz allows/,
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
