import { spawnSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';

// Slow suite: the memory budget bounds real memory. For each network, the largest input the budget
// admits runs through the real service (worker, wasm backend) in a fresh process, whose RSS is
// sampled every 5 ms (bench/rss-probe.ts); the worst sample must stay under the budget.
const probe = new URL('../bench/rss-probe.ts', import.meta.url).pathname;
const budgetBytes = 1024 ** 3;

describe('the memory budget holds for the largest request it admits', () => {
  test.each(['mobilenet', 'resnet50'])(
    '%s: peak RSS stays under a 1 GiB budget',
    (architecture) => {
      const run = spawnSync(
        process.execPath,
        ['--import', 'tsx', '--conditions=@cnnkit/source', probe, architecture, String(budgetBytes)],
        { encoding: 'utf8', timeout: 300_000 },
      );
      expect(run.status, run.stderr).toBe(0);
      const result = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as {
        side: number;
        outcome: string;
        worstRssBytes: number;
      };
      expect(result.outcome).toBe('ok');
      // The probe ran the largest side admitted, not a trivially small one.
      expect(result.side).toBeGreaterThanOrEqual(256);
      expect(result.worstRssBytes).toBeLessThanOrEqual(budgetBytes);
    },
    320_000,
  );
});
