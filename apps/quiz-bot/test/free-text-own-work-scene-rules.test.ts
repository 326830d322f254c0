import { describe, expect, test } from 'vitest';
import { gradeRubricRequest } from '../src/rubric-grading';

/*
 * Issue 18, stop 32 (review 32b M1): a sentence that opens "In my project", "At work", "In the lab"
 * is set where the writer does the field's work, not at a foreign place: what it says counts. A
 * story set at a foreign place ("At the bakery …") still asserts nothing. The lead's and the
 * reviewer's own phrasings, not labelled rows.
 */

const grade = (questionId: number, partId: string, answer: string) =>
  gradeRubricRequest({ questionId, partId, answer }).score;

describe("the writer's own work is no foreign scene", () => {
  test.each([
    // Five remedies of question 3's five: full marks, as without the opening.
    'In the project I used float16, a smaller batch, fewer layers, checkpointing and a bigger GPU.',
    'In my last job I used float16, a smaller batch, fewer layers, checkpointing and a bigger GPU.',
    'At work I used float16, a smaller batch, fewer layers, checkpointing and a bigger GPU.',
  ])('question 3: %j earns every remedy', (answer) => {
    expect(grade(3, 'remedies', answer)).toBe(1);
  });

  test('question 4: "In my project, pooling had no parameters and gave some invariance to small shifts." earns both reasons', () => {
    expect(
      grade(4, 'why', 'In my project, pooling had no parameters and gave some invariance to small shifts.'),
    ).toBe(1);
  });

  test('a story at a foreign place still asserts nothing: "At the bakery I used a smaller batch of dough, …" is 0', () => {
    expect(
      grade(
        3,
        'remedies',
        'At the bakery I used a smaller batch of dough, fewer layers of cake and a bigger oven.',
      ),
    ).toBe(0);
  });
});
