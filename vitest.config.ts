import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

// CI asks for a machine-readable report to print its `N passed, N failed` line from real results.
const jsonReportFile = process.env.CNNKIT_VITEST_JSON;

/**
 * Slow suites (`*.slow.ts`, minutes each at most) start before the rest, in vitest's own order
 * otherwise (longest last time first, else largest file first). With two files side by side, a
 * two-minute suite that starts last leaves one worker idle for those two minutes.
 */
class SlowSuitesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const slow = (file: TestSpecification) => file.moduleId.endsWith('.slow.ts');
    return [...sorted.filter(slow), ...sorted.filter((file) => !slow(file))];
  }
}

export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*'],
    reporters: jsonReportFile ? ['default', ['json', { outputFile: jsonReportFile }]] : ['default'],
    // Two test files at once on a two-core machine (vitest's default is one fewer than the cores:
    // a single file at a time there, the other core idle while it runs one thread of wasm). Every
    // suite keeps its state to itself: temporary folders, port 0, and a PostgreSQL database each.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    sequence: { sequencer: SlowSuitesFirst },
  },
});
