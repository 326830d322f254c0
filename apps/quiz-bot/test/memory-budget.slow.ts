import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ARCHITECTURE_NAMES, getArchitecture } from '@cnnkit/architectures';
import { DEFAULT_MEMORY_BUDGET_BYTES } from '@cnnkit/shape-math';
import { describe, expect, test } from 'vitest';
import { largestAdmittedSide } from '../src/verify/admission';
import { PROCESS_BASELINE_BYTES, WORKER_BASELINE_BYTES } from '../src/verify/memory-estimate';

// Slow suite: the memory budget bounds the real process (issue 22). For every registry network, the
// largest input side the budget admits (both passes of the output-stride measurement, each on its
// own figure) runs through the real service (a worker in each lane, wasm backend, ONNX Runtime where
// the ledger admits both engines) in a fresh process; its peak resident memory (the kernel's
// high-water mark, VmHWM) must stay within the budget. Each network runs under the smallest budget,
// from 640 MiB up in 64 MiB steps, that admits it at twice its minimum side or more (small budgets
// keep the sides, and so the suite, to minutes on two cores; ResNet-152's weights alone need more
// than 640 MiB); LeNet-5 also runs under 1 GiB and the default 2 GiB (issue 22: its largest admitted
// side peaked at 1.06 GiB and 3.62 GiB under those budgets). ResNet-50 and MobileNet also run at
// the largest side the default 2 GiB admits, the figures `pnpm bench` prints: ResNet-50 at
// 2,596 px peaked at 2.94 GB there when each pass was charged alone (its second pass grows the
// heap again, admission.ts `sequentialBytes`, and its residual blocks keep about four outputs
// alive, where the estimate had counted 1.5).
const probe = new URL('../bench/rss-probe.ts', import.meta.url).pathname;

interface ProbeResult {
  side: number;
  nextRefused: boolean;
  outcome: string;
  worstRssBytes: number;
  chargedBytes: number;
  fixedBytes: number;
  lightChargedBytes: number;
  lightOutcome: string;
}

/**
 * Runs the probe in a fresh process. Asynchronously: a synchronous spawn blocks this test worker's
 * event loop for the whole run (minutes for the big networks), and vitest's worker then misses its
 * 60 s reply to the main process ("Timeout calling onTaskUpdate"), an unhandled error that fails CI.
 */
async function runProbe(
  architecture: string,
  budgetBytes: number,
  extra: string[] = [],
): Promise<ProbeResult> {
  let stdout: string;
  try {
    ({ stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', '--conditions=@cnnkit/source', probe, architecture, String(budgetBytes), ...extra],
      {
        encoding: 'utf8',
        timeout: 540_000,
        maxBuffer: 16 * 1024 ** 2,
        env: { ...process.env, CNNKIT_MEMORY_BUDGET: '' },
      },
    ));
  } catch (error) {
    const failed = error as { code?: unknown; stderr?: string };
    throw new Error(
      `the probe of ${architecture} exited with ${String(failed.code)}: ${failed.stderr ?? ''}`,
    );
  }
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as ProbeResult;
}

const MiB = 1024 ** 2;
const fixed = PROCESS_BASELINE_BYTES + 2 * WORKER_BASELINE_BYTES;
function smallBudgetFor(name: string): number {
  const wanted = 2 * getArchitecture(name).minimumInputSide;
  for (let budget = 640 * MiB; ; budget += 64 * MiB)
    if ((largestAdmittedSide(name, budget - fixed) ?? 0) >= wanted) return budget;
}

const cases: [string, number][] = [
  ...ARCHITECTURE_NAMES.map((name): [string, number] => [name, smallBudgetFor(name)]),
  ['lenet5', 1024 ** 3],
  ['lenet5', DEFAULT_MEMORY_BUDGET_BYTES],
  ['resnet50', DEFAULT_MEMORY_BUDGET_BYTES],
  ['mobilenet', DEFAULT_MEMORY_BUDGET_BYTES],
];

describe('the memory budget holds for the largest request it admits, for every registry network', () => {
  test.each(cases)(
    '%s: peak RSS at its largest admitted side stays within a %d-byte budget',
    async (architecture, budgetBytes) => {
      const result = await runProbe(architecture, budgetBytes);
      expect(result.outcome).toBe('ok');
      // The probe ran the largest side admitted (one more pixel is refused), not a trivially small one.
      expect(result.nextRefused).toBe(true);
      expect(result.side).toBeGreaterThanOrEqual(getArchitecture(architecture).minimumInputSide);
      expect(result.worstRssBytes, JSON.stringify(result)).toBeLessThanOrEqual(budgetBytes);
    },
    600_000,
  );
});

// An exercise-2 variant whose memory is nearly all XNNPACK's kernel taps (a 7×7 kernel, filters
// 1, 2, 4, stride 2, on a large image): stop 30's first refit charged it 1.61 GB at 4,096 px where
// its pass added 1.79 GB through the service (review 30, A3). The process must stay within what the
// ledger counted for it (its fixed part and its charge, at most the budget), alone and with a light
// request admitted beside it while it runs (2.19 GB against the 2 GiB budget in the review).
const TAP_HEAVY = 'exercise2/k7/f1,2,4';
describe('the memory budget holds for a kernel-tap-heavy exercise-2 request', () => {
  test('exercise2 kernel 7 filters 1 at its largest admitted side stays within its charge', async () => {
    const result = await runProbe(TAP_HEAVY, DEFAULT_MEMORY_BUDGET_BYTES);
    expect(result.outcome).toBe('ok');
    expect(result.nextRefused).toBe(true);
    expect(result.side).toBeGreaterThanOrEqual(1024);
    expect(result.worstRssBytes, JSON.stringify(result)).toBeLessThanOrEqual(
      result.fixedBytes + result.chargedBytes,
    );
    expect(result.worstRssBytes).toBeLessThanOrEqual(DEFAULT_MEMORY_BUDGET_BYTES);
  }, 120_000);

  test('with a light request admitted beside it, the pair stays within both charges', async () => {
    // The heavy request at the largest side the ledger admits with the light one beside it.
    const result = await runProbe(TAP_HEAVY, DEFAULT_MEMORY_BUDGET_BYTES, [
      '-',
      'exercise2/k3/f16,32,64@1100',
    ]);
    expect(result.outcome).toBe('ok');
    expect(result.lightOutcome).toBe('ok');
    expect(result.nextRefused).toBe(true);
    const counted = result.fixedBytes + result.chargedBytes + result.lightChargedBytes;
    expect(counted).toBeLessThanOrEqual(DEFAULT_MEMORY_BUDGET_BYTES);
    expect(result.worstRssBytes, JSON.stringify(result)).toBeLessThanOrEqual(counted);
  }, 120_000);
});
