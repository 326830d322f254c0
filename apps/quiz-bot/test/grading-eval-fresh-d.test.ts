/**
 * The held-out grading set d (test/fixtures/grading-eval-fresh-d/, issue 18) is well formed. The set
 * is held out in full and read by `pnpm grading:eval --fresh=d` alone; ids are `d<N>-<3 digits>`.
 * The checks are eval-set-format.ts'.
 */
import { expect } from 'vitest';
import { describeEvalSetFormat } from './eval-set-format';

describeEvalSetFormat({
  name: 'held-out d',
  folder: 'grading-eval-fresh-d',
  idPrefix: 'd',
  // The README's counts: 240 rows, 30 per question.
  checkSize: (rows) => {
    expect(rows.length).toBe(240);
    for (const q of [1, 2, 3, 4, 5, 6, 7, 8])
      expect(rows.filter((r) => r.question === q).length, `question ${q}`).toBe(30);
  },
});
