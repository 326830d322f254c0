import { describe, expect, test } from 'vitest';
import { type NumericPart, QuizEngine } from '../src/index';
import { assertGradingNeverCrashes, gradeWithoutError } from './grading-property';

const engine = new QuizEngine({
  store: undefined as never,
  measurer: { measure: () => Promise.reject(new Error('not used')) },
});
const numericPart = (questionId: number, partId: string, seed?: number) =>
  engine.part(engine.question(questionId, seed), partId) as NumericPart;

describe('grading never crashes (issue 18)', () => {
  test('variant 5 of question 2 ("same" padding, 5×5 kernels: its "valid" version does not fit) grades a wrong memory answer', () => {
    for (const partId of ['ram-inference', 'ram-training']) {
      const part = numericPart(2, partId, 5);
      expect(part.measure).toMatchObject({ network: { padding: 'same', kernelSize: 5 } });
      expect(gradeWithoutError(part, '1 MB')).toBeUndefined();
      expect(gradeWithoutError(part, '123,456 bytes')).toBeUndefined();
    }
  });

  test('a few thousand random variants, a wrong answer of every kind each: graded or refused as unreadable, never an error', async ({
    signal,
  }) => {
    expect(await assertGradingNeverCrashes(3_000, signal)).toBe(3_000);
  }, 60_000);
});
