/**
 * Practice grading set "b" (test/fixtures/grading-eval-practice-b/, issue 18) is well formed. Every
 * row is tune, read by `pnpm grading:eval --practice=b`; ids are `b<N>-<3 digits>`. The checks are
 * eval-set-format.ts'.
 */
import { expect } from 'vitest';
import { describeEvalSetFormat } from './eval-set-format';

describeEvalSetFormat({
  name: 'practice b',
  folder: 'grading-eval-practice-b',
  idPrefix: 'b',
  // The README: 160 rows, 20 per question.
  checkSize: (rows) => {
    expect(rows.length).toBe(160);
    for (const q of [1, 2, 3, 4, 5, 6, 7, 8])
      expect(rows.filter((r) => r.question === q).length, `question ${q}`).toBe(20);
  },
});
