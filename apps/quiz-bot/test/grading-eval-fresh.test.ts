/**
 * The fresh grading evaluation set (test/fixtures/grading-eval-fresh/, issue 18) is well formed. The
 * set is held out in full and read by `pnpm grading:eval --fresh` alone; ids are `f<N>-<3 digits>`.
 * The checks are eval-set-format.ts'.
 */
import { expect } from 'vitest';
import { describeEvalSetFormat } from './eval-set-format';

describeEvalSetFormat({
  name: 'fresh',
  folder: 'grading-eval-fresh',
  idPrefix: 'f',
  checkSize: (rows) => expect(rows.length).toBeGreaterThanOrEqual(300),
});
