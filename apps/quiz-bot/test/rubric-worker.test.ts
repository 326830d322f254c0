import { afterEach, expect, test } from 'vitest';
import { gradeRubric } from '../src/grading/grade';
import { GradingWorker } from '../src/grading-pool';
import { QuizEngine } from '../src/index';
import type { RubricRequest } from '../src/rubric-grading';

// Issue 20: rubric grading cost 0.7–1.0 ms of CPU per answer on the bot's interaction thread.
const engine = new QuizEngine({
  store: {} as never,
  measurer: { measure: () => Promise.reject(new Error('no model runs in this test')) },
});
const ANSWERS: RubricRequest[] = [
  { questionId: 1, partId: 'advantages', answer: 'weight sharing, detects features anywhere, a hierarchy' },
  { questionId: 3, partId: engine.question(3).parts[0]!.id, answer: 'smaller batches, fp16, fewer layers' },
  { questionId: 1, partId: 'advantages', answer: 'it is faster' },
];
/** The grade the calling thread gives, straight from the grading module. */
const inline = (r: RubricRequest) => {
  const part = engine.part(engine.question(r.questionId), r.partId);
  if (part.kind !== 'rubric') throw new Error(`not a rubric part: ${r.partId}`);
  return gradeRubric(part, r.answer);
};

let pool: GradingWorker | undefined;
afterEach(async () => {
  await pool?.close();
});

test('the worker grades rubric answers exactly as the calling thread would, without grading any here', async () => {
  pool = new GradingWorker();
  await pool.warm();
  const here = pool.gradedHere;
  const grades = await Promise.all(ANSWERS.map((r) => pool!.grade(r)));
  expect(grades).toEqual(ANSWERS.map(inline));
  expect(grades[0]!.score).toBeGreaterThan(grades[2]!.score);
  expect(pool.gradedHere).toBe(here);
}, 60_000);

test('answers the worker held when it died are graded here, the same; the next answer starts a new worker', async () => {
  pool = new GradingWorker();
  await pool.warm();
  const held = ANSWERS.map((r) => pool!.grade(r));
  await (pool as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
  expect(await Promise.all(held)).toEqual(ANSWERS.map(inline));
  expect(pool.gradedHere).toBe(ANSWERS.length);
  // A new worker: graded here until it has loaded its model, then there.
  await pool.warm();
  expect(await pool.grade(ANSWERS[0]!)).toEqual(inline(ANSWERS[0]!));
  expect(pool.gradedHere).toBe(ANSWERS.length);
}, 60_000);

test('until its worker has loaded its model, answers are graded here; a part that is not a rubric part is refused there as here', async () => {
  pool = new GradingWorker();
  expect(await pool.grade(ANSWERS[2]!)).toEqual(inline(ANSWERS[2]!));
  expect(pool.gradedHere).toBe(1);
  await pool.warm();
  await expect(pool.grade({ questionId: 5, partId: 'across', answer: 'b' })).rejects.toThrow(
    /question 5 has no rubric part "across"/,
  );
}, 60_000);

test('the engine grades rubric answers with its grader, choices on its own thread', async () => {
  const asked: RubricRequest[] = [];
  const graded = new QuizEngine({
    store: {} as never,
    measurer: { measure: () => Promise.reject(new Error('no model runs in this test')) },
    rubricGrader: {
      grade: async (request) => {
        asked.push(request);
        return { score: 0.25, correct: false, feedback: ['from the grader'] };
      },
    },
  });
  const store = {
    recordAttempt: async () => ({ attemptId: 1, points: 0, streak: 0, bestStreak: 0, duplicate: false }),
  };
  (graded as unknown as { deps: { store: unknown } }).deps.store = store;
  const input = { userId: 'ada', displayName: 'Ada', groupId: 'g' };
  const rubric = await graded.answer({ ...input, questionId: 1, answer: '  weight sharing ' });
  expect(rubric.grade).toEqual({ score: 0.25, correct: false, feedback: ['from the grader'] });
  expect(asked).toEqual([
    { questionId: 1, variantSeed: undefined, partId: 'advantages', answer: 'weight sharing' },
  ]);
  const choice = await graded.answer({ ...input, questionId: 5, partId: 'across', answer: 'b' });
  expect(choice.grade.feedback).not.toEqual(['from the grader']);
  expect(asked).toHaveLength(1);
});
