import { describe, test } from 'vitest';
import { assertGradingNeverCrashes } from './grading-property';

// Slow suite (CNNKIT_SLOW=1): the fast test's property on ten times as many random cases.
describe('grading never crashes, a bigger run (issue 18)', () => {
  test('30,000 random variants and wrong answers', () => {
    assertGradingNeverCrashes(30_000);
  }, 600_000);
});
