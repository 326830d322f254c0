/**
 * The labelled sets each written by one examiner who read neither the grader nor its rubric
 * (issue 18) are well formed: the practice sets (every row tune, `pnpm grading:eval --practice` and
 * `--practice=<name>`) and the held-out set d (`--fresh=d`, never tuned on). The checks are
 * eval-set-format.ts'; the sizes are each set's README's.
 */
import { expect } from 'vitest';
import { describeEvalSetFormat } from './eval-set-format';

const SETS = [
  { name: 'practice', folder: 'grading-eval-practice', idPrefix: 'p', perQuestion: 30 },
  { name: 'practice b', folder: 'grading-eval-practice-b', idPrefix: 'b', perQuestion: 20 },
  { name: 'practice c', folder: 'grading-eval-practice-c', idPrefix: 'c', perQuestion: 20 },
  { name: 'held-out d', folder: 'grading-eval-fresh-d', idPrefix: 'd', perQuestion: 30 },
  { name: 'practice h', folder: 'grading-eval-practice-h', idPrefix: 'h', perQuestion: 30 },
  { name: 'practice e', folder: 'grading-eval-practice-e', idPrefix: 'e', perQuestion: 30 },
  { name: 'held-out g', folder: 'grading-eval-fresh-g', idPrefix: 'g', perQuestion: 30 },
  { name: 'practice i', folder: 'grading-eval-practice-i', idPrefix: 'i', perQuestion: 30 },
  { name: 'held-out j', folder: 'grading-eval-fresh-j', idPrefix: 'j', perQuestion: 30 },
  { name: 'practice k', folder: 'grading-eval-practice-k', idPrefix: 'k', perQuestion: 20 },
  { name: 'held-out l', folder: 'grading-eval-fresh-l', idPrefix: 'l', perQuestion: 30 },
  { name: 'practice m', folder: 'grading-eval-practice-m', idPrefix: 'm', perQuestion: 30 },
  { name: 'practice n', folder: 'grading-eval-practice-n', idPrefix: 'n', perQuestion: 30 },
  { name: 'held-out o', folder: 'grading-eval-fresh-o', idPrefix: 'o', perQuestion: 30 },
  { name: 'held-out r', folder: 'grading-eval-fresh-r', idPrefix: 'r', perQuestion: 30 },
  { name: 'held-out s', folder: 'grading-eval-fresh-s', idPrefix: 's', perQuestion: 30 },
  { name: 'practice t', folder: 'grading-eval-practice-t', idPrefix: 't', perQuestion: 30 },
  { name: 'held-out u', folder: 'grading-eval-fresh-u', idPrefix: 'u', perQuestion: 30 },
  { name: 'practice v', folder: 'grading-eval-practice-v', idPrefix: 'v', perQuestion: 30 },
  { name: 'held-out w', folder: 'grading-eval-fresh-w', idPrefix: 'w', perQuestion: 30 },
  { name: 'practice x', folder: 'grading-eval-practice-x', idPrefix: 'x', perQuestion: 30 },
  { name: 'practice y', folder: 'grading-eval-practice-y', idPrefix: 'y', perQuestion: 30 },
] as const;

for (const { perQuestion, ...set } of SETS)
  describeEvalSetFormat({
    ...set,
    checkSize: (rows) => {
      expect(rows.length).toBe(8 * perQuestion);
      for (const q of [1, 2, 3, 4, 5, 6, 7, 8])
        expect(rows.filter((r) => r.question === q).length, `question ${q}`).toBe(perQuestion);
    },
  });
