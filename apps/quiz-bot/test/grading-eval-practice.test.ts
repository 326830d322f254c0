/**
 * The practice grading evaluation set (test/fixtures/grading-eval-practice/, issue 18) is well
 * formed. Every row is tune, read by `pnpm grading:eval --practice`; ids are `p<N>-<3 digits>`. The
 * checks are eval-set-format.ts'.
 */
import { expect } from 'vitest';
import { describeEvalSetFormat } from './eval-set-format';

describeEvalSetFormat({
  name: 'practice',
  folder: 'grading-eval-practice',
  idPrefix: 'p',
  // The README: 240 rows, 30 per question.
  checkSize: (rows) => {
    expect(rows.length).toBe(240);
    for (const q of [1, 2, 3, 4, 5, 6, 7, 8])
      expect(rows.filter((r) => r.question === q).length, `question ${q}`).toBe(30);
  },
});
