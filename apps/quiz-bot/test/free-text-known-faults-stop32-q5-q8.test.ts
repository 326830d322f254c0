import { describe, expect, test } from 'vitest';
import { gradeRubric } from '../src/grading/rubric';
import { questionRubric } from './bank-rubric';

/*
 * Stop 32, questions 5-8: faults of the free-text grader found by the lead's probes (not from any
 * labelled row), each mended as a general rule. Every answer was written for this file; each
 * expected score is the point table worked by hand (claims/points.ts): question 8 needs 3 points
 * (the loss, then any two of upsampling, skip connections and dilated convolutions), question 5
 * three (inhibition, specialisation, generalisation, where, superseded: each a point).
 */
const grade = (question: number, answer: string) => gradeRubric(questionRubric(question), answer);
const covers = (question: number, answer: string) => grade(question, answer).covered ?? [];

describe('question 5: neighbours excited less, the degree said before the object, is inhibition', () => {
  test.each([
    'Strong neurons excite less the adjacent maps.',
    'Strong neurons excite much less the adjacent maps.',
    // The order that already earned it.
    'Strong neurons excite the adjacent maps less.',
  ])('%j: the inhibition point (1 of 3)', (answer) => {
    expect(covers(5, answer)).toEqual(['inhibition']);
    expect(grade(5, answer).score).toBe(0.333);
  });

  test.each(['Strong neurons excite the adjacent maps.', 'Strong neurons excite more the adjacent maps.'])(
    '%j: the neighbours raised, no point',
    (answer) => {
      expect(covers(5, answer)).toEqual([]);
    },
  );
});
