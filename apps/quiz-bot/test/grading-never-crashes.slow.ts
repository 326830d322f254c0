import { describe, expect, test } from 'vitest';
import { assertGradingNeverCrashes } from './grading-property';

// Slow suite (CNNKIT_SLOW=1): the fast test's property on ten times as many random cases, in a
// watched worker: a case that fails, or takes over 5 s, fails the test naming it and the seed.
describe('grading never crashes, a bigger run (issue 18)', () => {
  test('30,000 random variants and wrong answers', async ({ signal }) => {
    expect(await assertGradingNeverCrashes(30_000, signal)).toBe(30_000);
  }, 600_000);
});
