import { MessageChannel } from 'node:worker_threads';
import { afterEach, expect, test } from 'vitest';
import { friendlyMessage } from '../src/discord/errors';
import { QuizError } from '../src/errors';
import { type Grade, gradeRubric } from '../src/grading/grade';
import { GradingWorker } from '../src/grading-pool';
import {
  type GradingWorkerReply,
  type GradingWorkerRequest,
  gradingProgress,
  serveGrading,
} from '../src/grading-protocol';
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

test('answers of one turn of the event loop go to the worker in one message', async () => {
  pool = new GradingWorker();
  await pool.warm();
  const worker = (pool as unknown as { worker: { postMessage(batch: unknown[]): void } }).worker;
  const posted: unknown[][] = [];
  const post = worker.postMessage.bind(worker);
  worker.postMessage = (batch) => {
    posted.push(batch);
    post(batch);
  };
  expect(await Promise.all(ANSWERS.map((r) => pool!.grade(r)))).toEqual(ANSWERS.map(inline));
  expect(posted.map((batch) => batch.length)).toEqual([ANSWERS.length]);
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

// A grade that runs away (a grader loop that does not end, like the numeric reader that walked 10^11
// values for "1%") must not reach the bot's thread: the worker is stopped, that answer refused.
const RUNAWAY_WORKER = new URL('./fixtures/runaway-grading-worker.mjs', import.meta.url);
const { RUNAWAY_ANSWER } = (await import(RUNAWAY_WORKER.href)) as { RUNAWAY_ANSWER: string };
// Short enough for a test, long enough for a 1 ms grade on a loaded machine; no speed is asserted.
const LIMIT_MS = 1_000;

test('a grade past the time limit restarts the worker and refuses that answer alone; the others are graded here as before', async () => {
  pool = new GradingWorker({ gradeTimeoutMs: LIMIT_MS, workerUrl: RUNAWAY_WORKER });
  await pool.warm();
  const [first, ...behind] = ANSWERS;
  const before = await pool.grade(first!);
  const runaway = pool.grade({ questionId: 1, partId: 'advantages', answer: RUNAWAY_ANSWER });
  const after = behind.map((r) => pool!.grade(r));
  const refused = await runaway.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(refused).toBeInstanceOf(QuizError);
  expect(refused).toMatchObject({
    code: 'grading_timeout',
    context: { questionId: 1, partId: 'advantages' },
  });
  expect(friendlyMessage(refused)).toMatch(/could not grade that answer.*recorded nothing.*rephrase/);
  // The one ahead was graded there; those queued behind the runaway, here; all as the calling thread grades.
  expect([before, ...(await Promise.all(after))]).toEqual(ANSWERS.map(inline));
  expect(pool.timedOut).toBe(1);
  expect(pool.gradedHere).toBe(behind.length);
  // A new worker took its place: once it has loaded its model, answers go there again.
  await pool.warm();
  expect(await pool.grade(ANSWERS[2]!)).toEqual(inline(ANSWERS[2]!));
  expect(pool.gradedHere).toBe(behind.length);
}, 60_000);

test('an answer whose grade ran away records nothing: the engine refuses it before the store', async () => {
  pool = new GradingWorker({ gradeTimeoutMs: LIMIT_MS, workerUrl: RUNAWAY_WORKER });
  await pool.warm();
  const recorded: unknown[] = [];
  const graded = new QuizEngine({
    store: {
      recordAttempt: async (attempt: unknown) => {
        recorded.push(attempt);
        return { attemptId: 1, points: 0, streak: 0, bestStreak: 0, duplicate: false };
      },
    } as never,
    measurer: { measure: () => Promise.reject(new Error('no model runs in this test')) },
    rubricGrader: pool,
  });
  const input = { userId: 'ada', displayName: 'Ada', groupId: 'g', questionId: 1 };
  await expect(graded.answer({ ...input, answer: RUNAWAY_ANSWER })).rejects.toMatchObject({
    code: 'grading_timeout',
  });
  expect(recorded).toEqual([]);
  await graded.answer({ ...input, answer: 'weight sharing' });
  expect(recorded).toHaveLength(1);
}, 60_000);

test.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])(
  'a grade time limit of %s ms is refused',
  (limit) => {
    expect(() => new GradingWorker({ gradeTimeoutMs: limit })).toThrow(
      expect.objectContaining({
        code: 'invalid_input',
        message: expect.stringMatching(/must be a positive number/),
      }),
    );
  },
);

test('a grade started early (before the answer waits its turn) belongs to its resolved answer: the answer uses it, once', async () => {
  const asked: RubricRequest[] = [];
  const graded = new QuizEngine({
    store: {
      recordAttempt: async () => ({ attemptId: 1, points: 0, streak: 0, bestStreak: 0, duplicate: false }),
    } as never,
    measurer: { measure: () => Promise.reject(new Error('no model runs in this test')) },
    rubricGrader: {
      grade: async (request) => {
        asked.push(request);
        return { score: asked.length / 10, correct: false, feedback: [`grade ${asked.length}`] };
      },
    },
  });
  const who = { userId: 'ada', displayName: 'Ada' };
  const group = { id: 'g', name: 'G' };
  const resolved = graded.resolveAnswer({ ...who, questionId: 1, answer: ' weight sharing ' });
  // Resolving starts nothing; starting grades the cleaned text, in the grader.
  expect(asked).toEqual([]);
  const started = graded.startGrading(resolved);
  expect(asked).toEqual([
    { questionId: 1, variantSeed: undefined, partId: 'advantages', answer: 'weight sharing' },
  ]);
  // Started twice: still one grade.
  expect(graded.startGrading(started)).toBe(started);
  const same = await graded.answer(started, { group });
  expect(same.grade.feedback).toEqual(['grade 1']);
  expect(asked).toHaveLength(1);
  // The same answer resolved but not started is graded when it is answered, once.
  const unstarted = await graded.answer(
    graded.resolveAnswer({ ...who, questionId: 1, answer: 'it is faster' }),
    {
      group,
    },
  );
  expect(unstarted.grade.feedback).toEqual(['grade 2']);
  expect(asked.map((r) => r.answer)).toEqual(['weight sharing', 'it is faster']);
  // A look-alike the engine did not make is raw input: resolved (and refused) like any other.
  await expect(graded.answer({ ...started } as never, { group })).rejects.toMatchObject({
    code: 'invalid_input',
  });
  // Nothing to start for a choice part; input the answer would refuse is refused when resolved.
  const choice = graded.resolveAnswer({ ...who, questionId: 5, partId: 'across', answer: 'b' });
  expect(graded.startGrading(choice)).toBe(choice);
  expect(() => graded.resolveAnswer({ ...who, questionId: 99, answer: 'x' })).toThrow(
    expect.objectContaining({ code: 'unknown_question' }),
  );
  expect(asked).toHaveLength(2);
  // Without a group (the Discord adapter gives it when the answer's turn comes) it is refused.
  await expect(
    graded.answer(graded.resolveAnswer({ ...who, questionId: 1, answer: 'x y' })),
  ).rejects.toMatchObject({
    code: 'invalid_input',
    message: expect.stringMatching(/group/),
  });
});

test('a resolved answer belongs to the engine that resolved it: another engine neither grades it nor takes its early grade', async () => {
  const engineWith = (label: string, asked: RubricRequest[], recorded: string[]) =>
    new QuizEngine({
      store: {
        recordAttempt: async (attempt: { answer: string }) => {
          recorded.push(attempt.answer);
          return { attemptId: 1, points: 0, streak: 0, bestStreak: 0, duplicate: false };
        },
      } as never,
      measurer: { measure: () => Promise.reject(new Error('no model runs in this test')) },
      rubricGrader: {
        grade: async (request) => {
          asked.push(request);
          return { score: 0.5, correct: false, feedback: [`graded by ${label}`] };
        },
      },
    });
  const askedA: RubricRequest[] = [];
  const askedB: RubricRequest[] = [];
  const recordedB: string[] = [];
  const a = engineWith('a', askedA, []);
  const b = engineWith('b', askedB, recordedB);
  const group = { id: 'g', name: 'G' };
  const started = a.startGrading(
    a.resolveAnswer({ userId: 'ada', displayName: 'Ada', questionId: 1, answer: 'weight sharing' }),
  );
  expect(askedA).toHaveLength(1);
  // B did not make it: it starts nothing for it, and refuses to answer it, saying why.
  expect(b.startGrading(started)).toBe(started);
  await expect(b.answer(started, { group })).rejects.toMatchObject({
    code: 'invalid_input',
    message: expect.stringMatching(/another QuizEngine/),
  });
  expect(askedB).toEqual([]);
  expect(recordedB).toEqual([]);
  // A answers it with the grade it started.
  const answered = await a.answer(started, { group });
  expect(answered.grade.feedback).toEqual(['graded by a']);
});

test('the worker’s first grade, which loads its model (far longer than 1 ms), has no time limit', async () => {
  pool = new GradingWorker({ gradeTimeoutMs: 1 });
  await pool.warm();
  expect(pool.timedOut).toBe(0);
  // Its next grades are timed: whether one passes 1 ms here depends on the machine, so only the
  // outcome's shape is checked: a grade, or the refusal that says so.
  const outcome = await pool.grade(ANSWERS[0]!).then(
    (grade) => grade,
    (error: unknown) => error,
  );
  if (outcome instanceof QuizError) expect(outcome.code).toBe('grading_timeout');
  else expect(outcome).toEqual(inline(ANSWERS[0]!));
}, 60_000);

test('with chunks, the worker replies to a big batch as it grades (8, 8, 16, 32, …), a small batch in one message; without, once', () => {
  const { port1, port2 } = new MessageChannel();
  // Each post is recorded with the ids it carries and how many grades were done when it was sent.
  let graded = 0;
  const posts: { replies: readonly GradingWorkerReply[]; gradedThen: number }[] = [];
  port1.postMessage = (replies: readonly GradingWorkerReply[]) => {
    posts.push({ replies, gradedThen: graded });
  };
  const grade = (request: RubricRequest): Grade => {
    graded++;
    if (request.answer === 'bad') throw new Error('no such part');
    return inline(ANSWERS[0]!);
  };
  const batch = (n: number): GradingWorkerRequest[] =>
    Array.from({ length: n }, (_, i) => ({ id: i + 1, ...ANSWERS[0]!, answer: i === 2 ? 'bad' : 'x' }));
  serveGrading(port1, gradingProgress(), grade, true);
  try {
    // port1's 'message' listener, called as the worker's port would call it.
    const serve = (requests: GradingWorkerRequest[]) => {
      posts.length = 0;
      graded = 0;
      port1.emit('message', requests);
      return posts.map(({ replies, gradedThen }) => [replies.length, gradedThen, replies[0]!.id]);
    };
    // 200: a chunk once as many are graded as the larger of 8 and those already sent (by hand:
    // 8 | 8 (16 sent) | 16 (32) | 32 (64) | 64 (128) | the last 72 at the end); each chunk is
    // posted as soon as its last grade is done, ids in order.
    expect(serve(batch(200))).toEqual([
      [8, 8, 1],
      [8, 16, 9],
      [16, 32, 17],
      [32, 64, 33],
      [64, 128, 65],
      [72, 200, 129],
    ]);
    // 8 or fewer: one message at the end; 9: 8, then the last one.
    expect(serve(batch(8))).toEqual([[8, 8, 1]]);
    expect(serve(batch(9))).toEqual([
      [8, 8, 1],
      [1, 9, 9],
    ]);
    // An error is a reply too (id 3 here), in its chunk.
    expect(posts[0]!.replies.map((reply) => [reply.id, 'error' in reply])).toEqual(
      [1, 2, 3, 4, 5, 6, 7, 8].map((id) => [id, id === 3]),
    );
  } finally {
    port1.close();
    port2.close();
  }
  // Without chunks (the default), one message at the end.
  const { port1: single } = new MessageChannel();
  const sizes: number[] = [];
  single.postMessage = (replies: readonly GradingWorkerReply[]) => sizes.push(replies.length);
  serveGrading(single, gradingProgress(), grade);
  single.emit('message', batch(200));
  single.close();
  expect(sizes).toEqual([200]);
});
