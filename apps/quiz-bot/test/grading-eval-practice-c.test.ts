/**
 * The practice grading set "c" (test/fixtures/grading-eval-practice-c/, issue 18) is well formed.
 * Every row is tune, read by `pnpm grading:eval --practice=c`; ids are `c<N>-<3 digits>`. The checks
 * are eval-set-format.ts'.
 */
import { expect } from 'vitest';
import { describeEvalSetFormat } from './eval-set-format';

describeEvalSetFormat({
  name: 'practice c',
  folder: 'grading-eval-practice-c',
  idPrefix: 'c',
  // The README: 160 rows, 20 per question.
  checkSize: (rows) => {
    expect(rows.length).toBe(160);
    for (const q of [1, 2, 3, 4, 5, 6, 7, 8])
      expect(rows.filter((r) => r.question === q).length, `question ${q}`).toBe(20);
  },
});
