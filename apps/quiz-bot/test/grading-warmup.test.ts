import { MessageChannel } from 'node:worker_threads';
import { afterEach, expect, test } from 'vitest';
import { type Grade, gradeRubric } from '../src/grading/grade';
import { GradingWorker } from '../src/grading-pool';
import {
  type GradingWarmedUp,
  type GradingWorkerReply,
  type GradingWorkerRequest,
  gradingProgress,
  serveGrading,
} from '../src/grading-protocol';
import { QUESTIONS } from '../src/questions/bank';
import { gradeRubricRequest, type RubricRequest, warmupRequests } from '../src/rubric-grading';

// Issue 20, stop 34: a new grading worker's first few hundred grades run while V8 optimises the
// grader; the worker may warm it up in the background on the question bank's own answers.
const REAL: RubricRequest = {
  questionId: 1,
  partId: 'advantages',
  answer: 'shared weights, fewer parameters',
};
const WARM: RubricRequest = { questionId: 1, partId: 'advantages', answer: 'warm-up answer' };
const tick = () => new Promise((resolve) => setImmediate(resolve));

let pool: GradingWorker | undefined;
afterEach(async () => {
  await pool?.close();
  pool = undefined;
});

test('the warm-up starts after the first batch, one grade per turn, and a real batch is served before the next warm-up grade', async () => {
  const { port1, port2 } = new MessageChannel();
  const events: string[] = [];
  const progress = gradingProgress();
  const idleDuringWarmUp: number[] = [];
  port1.postMessage = (message: readonly GradingWorkerReply[] | GradingWarmedUp) => {
    events.push(
      'warmedUp' in message ? `warmed ${message.warmedUp}` : `reply ${message.map((r) => r.id).join(',')}`,
    );
  };
  const grade = (request: RubricRequest): Grade => {
    if (request === WARM) idleDuringWarmUp.push(Atomics.load(progress.running, 0));
    events.push(request === WARM ? 'warm' : `grade ${request.answer}`);
    return { score: 0 } as unknown as Grade;
  };
  serveGrading(port1, progress, grade, false, { requests: [WARM], grades: 3 });
  try {
    const batch = (id: number): GradingWorkerRequest[] => [{ id, ...REAL, answer: `answer ${id}` }];
    port1.emit('message', batch(1));
    // Nothing is warmed up in the turn of the first batch (the model load): its reply goes first.
    expect(events).toEqual(['grade answer 1', 'reply 1']);
    await tick();
    expect(events.slice(2)).toEqual(['warm']);
    // A real batch arriving now is graded and replied to at once, before the second warm-up grade.
    port1.emit('message', batch(2));
    expect(events.slice(3)).toEqual(['grade answer 2', 'reply 2']);
    for (let turn = 0; turn < 4; turn++) await tick();
    expect(events.slice(5)).toEqual(['warm', 'warm', 'warmed 3']);
    // The warm-up grades are no answer's: the pool's time limit sees the worker idle.
    expect(idleDuringWarmUp).toEqual([0, 0, 0]);
    // The warm-up runs once, after the first batch only.
    port1.emit('message', batch(3));
    for (let turn = 0; turn < 3; turn++) await tick();
    expect(events.slice(8)).toEqual(['grade answer 3', 'reply 3']);
  } finally {
    port1.close();
    port2.close();
  }
});

test('without a warm-up (the default), the worker grades only what it is sent', async () => {
  const { port1, port2 } = new MessageChannel();
  let grades = 0;
  port1.postMessage = () => {};
  serveGrading(port1, gradingProgress(), () => {
    grades++;
    return { score: 0 } as unknown as Grade;
  });
  port1.emit('message', [{ id: 1, ...REAL }]);
  for (let turn = 0; turn < 3; turn++) await tick();
  expect(grades).toBe(1);
  port1.close();
  port2.close();
});

test('the warm-up answers are the bank’s model answers, whole and clause by clause, each a rubric part’s and gradable', () => {
  const requests = warmupRequests();
  const rubricParts = QUESTIONS.flatMap((q) =>
    q.parts.filter((p) => p.kind === 'rubric').map((p) => ({ q, p })),
  );
  expect(rubricParts.length).toBeGreaterThan(0);
  for (const { q, p } of rubricParts) {
    const mine = requests.filter((r) => r.questionId === q.id && r.partId === p.id);
    // The whole model answer, then its clauses (each a part of it, shorter).
    expect(mine[0]!.answer).toBe(p.modelAnswer);
    for (const clause of mine.slice(1)) {
      expect(p.modelAnswer).toContain(clause.answer);
      expect(clause.answer.length).toBeLessThan(p.modelAnswer.length);
    }
  }
  expect(requests.length).toBeGreaterThan(rubricParts.length);
  // Every one is a real rubric part of the bank, graded without an error (as the worker grades it).
  for (const request of requests) expect(() => gradeRubricRequest(request)).not.toThrow();
});

test('a worker with a warm-up says when it is done, and grades exactly as the calling thread would', async () => {
  pool = new GradingWorker({ warmupGrades: 40 });
  await pool.warm();
  const here = pool.gradedHere;
  const warmed = await pool.warmedUp();
  expect(warmed?.warmedUp).toBe(40);
  expect(warmed?.longestMs).toBeGreaterThan(0);
  expect(warmed?.ms).toBeGreaterThanOrEqual(warmed!.longestMs);
  const requests = warmupRequests().slice(0, 3).concat(REAL);
  const grades = await Promise.all(requests.map((r) => pool!.grade(r)));
  const inline = requests.map((r) => {
    const part = QUESTIONS.find((q) => q.id === r.questionId)!.parts.find((p) => p.id === r.partId)!;
    if (part.kind !== 'rubric') throw new Error('not a rubric part');
    return gradeRubric(part, r.answer);
  });
  expect(grades).toEqual(inline);
  expect(pool.gradedHere).toBe(here);
}, 60_000);

test('without a warm-up, warmedUp() settles at once with nothing; a bad count is refused', async () => {
  pool = new GradingWorker();
  expect(await pool.warmedUp()).toBeUndefined();
  for (const bad of [-1, 1.5, Number.NaN])
    expect(() => new GradingWorker({ warmupGrades: bad })).toThrow(/warmupGrades/);
}, 60_000);

test('a worker closed during its warm-up settles warmedUp() with nothing', async () => {
  pool = new GradingWorker({ warmupGrades: 100_000 });
  await pool.warm();
  const warmed = pool.warmedUp();
  await pool.close();
  expect(await warmed).toBeUndefined();
}, 60_000);
