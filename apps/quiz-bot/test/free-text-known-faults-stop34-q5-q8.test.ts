import { describe, expect, test } from 'vitest';
import { asksForDifficulty } from '../src/grading/claims/points';
import { gradeRubric } from '../src/grading/rubric';
import { questionRubric } from './bank-rubric';

/*
 * Stop 34, questions 5-8: faults of the free-text grader, each mended as a general rule. Every
 * answer here was written for this file (no labelled set holds it); each expected score is the
 * point table worked by hand (claims/points.ts): question 8 needs 3 points (the loss or per-pixel,
 * then any two of upsampling, skip connections and dilated convolutions).
 */
const grade = (question: number, answer: string) => gradeRubric(questionRubric(question), answer);

describe('a part that asks for a difficulty says so in its point table, not in its prompt words', () => {
  test('question 8 declares it; the parts that ask for reasons or remedies do not', () => {
    expect(asksForDifficulty('difficulty')).toBe(true);
    for (const id of ['advantages', 'remedies', 'why', 'when', 'innovations', 'what-and-how'])
      expect(asksForDifficulty(id)).toBe(false);
  });

  test.each([
    // The task said to have no difficulty: the remedies it goes on to name are not its answer.
    'Honestly segmentation has no big challenge, you just upsample and add skip links from the early layers.',
    "It isn't very tricky: strided convs lose detail, transposed convs and dilated kernels fix it.",
  ])('%j earns nothing', (answer) => {
    const result = grade(8, answer);
    expect(result.score).toBe(0);
    expect(result.feedback.join(' ')).toMatch(/no difficulty/);
  });

  test('a supposition ("without pooling it would not be hard") is where the difficulty comes from', () => {
    // The loss, upsampling and skip connections: 3 of 3.
    expect(
      grade(
        8,
        'Without pooling there would be no problem, but pooling loses the resolution, so you upsample the coarse map and add skip connections from early layers.',
      ).score,
    ).toBe(1);
  });
});
