import { describe, expect, test } from 'vitest';
import { MemoryLedger } from '../src/verify/memory-ledger';

// Figures in MiB, hand-chosen so every sum below is easy to check by hand.
const MiB = 1024 ** 2;
const ledger = (budget: number, workersPerLane = 1) =>
  new MemoryLedger({
    budgetBytes: budget * MiB,
    processBaselineBytes: 100 * MiB,
    workerBaselineBytes: 50 * MiB,
    workersPerLane,
  });

describe('one memory ledger for the whole process', () => {
  test('the fixed part is the process baseline and every worker of both lanes', () => {
    // 100 + 2 lanes × 1 worker × 50 = 200 MiB; with 2 workers per lane 100 + 4 × 50 = 300 MiB.
    expect(ledger(1000).fixedBytes()).toBe(200 * MiB);
    expect(ledger(1000, 2).fixedBytes()).toBe(300 * MiB);
    expect(ledger(1000).roomBytes()).toBe(800 * MiB);
    expect(ledger(150).roomBytes()).toBe(0);
  });

  test('a run over the room left beside the fixed part is never admitted; one exactly at it is', () => {
    const l = ledger(1000);
    expect(l.decide('heavy', 800 * MiB + 1)).toEqual({ verdict: 'never', roomBytes: 800 * MiB });
    expect(l.decide('heavy', 800 * MiB).verdict).toBe('now');
    expect(l.usedBytes()).toBe(1000 * MiB);
  });

  test('the heavy and the light lane share the budget: the second run waits until the first ends', () => {
    const l = ledger(1000);
    const heavy = l.decide('heavy', 500 * MiB);
    expect(heavy.verdict).toBe('now');
    // 200 fixed + 500 heavy + 400 light = 1,100 MiB > 1,000: the light run must wait.
    expect(l.decide('light', 400 * MiB)).toEqual({ verdict: 'wait', freeBytes: 300 * MiB });
    // 200 + 500 + 300 = 1,000: fits exactly.
    const light = l.decide('light', 300 * MiB);
    expect(light.verdict).toBe('now');
    expect(l.usedBytes()).toBe(1000 * MiB);
    if (heavy.verdict !== 'now' || light.verdict !== 'now') throw new Error('unreachable');
    l.release(heavy.reservation, 0);
    l.release(light.reservation, 0);
    expect(l.decide('light', 400 * MiB).verdict).toBe('now');
  });

  test("a worker's retained heap counts beside every run, its own worker's next run included", () => {
    const l = ledger(1000);
    const first = l.decide('heavy', 600 * MiB);
    if (first.verdict !== 'now') throw new Error('expected now');
    l.release(first.reservation, 450 * MiB);
    // Retained: 200 + 450 = 650 used.
    expect(l.usedBytes()).toBe(650 * MiB);
    // The light lane: 650 + 400 = 1,050 > 1,000.
    expect(l.decide('light', 400 * MiB).verdict).toBe('wait');
    // The heavy lane's own worker does not reuse its heap (admission.ts, sequentialBytes):
    // 650 + 400 = 1,050 > 1,000 waits there too; 650 + 350 = 1,000 fits exactly.
    expect(l.decide('heavy', 400 * MiB)).toEqual({ verdict: 'wait', freeBytes: 350 * MiB });
    const again = l.decide('heavy', 350 * MiB);
    expect(again.verdict).toBe('now');
    expect(l.usedBytes()).toBe(1000 * MiB);
  });

  test('an idle lane retaining heap can be retired, which frees it', () => {
    const l = ledger(1000);
    const run = l.decide('light', 300 * MiB);
    if (run.verdict !== 'now') throw new Error('expected now');
    expect(l.idleLanesRetaining()).toEqual([]); // running, not idle
    l.release(run.reservation, 300 * MiB);
    expect(l.idleLanesRetaining()).toEqual(['light']);
    l.retired('light');
    expect(l.idleLanesRetaining()).toEqual([]);
    expect(l.usedBytes()).toBe(200 * MiB);
  });

  test('a lane with every worker busy has no slot: the run waits', () => {
    const l = ledger(10_000);
    expect(l.decide('light', MiB).verdict).toBe('now');
    expect(l.decide('light', MiB).verdict).toBe('wait');
  });
});
