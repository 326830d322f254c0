import { join } from 'node:path';
import { analyze, exercise2Spec } from '@cnnkit/shape-math';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { exercise2Setting, MAX_VARIANT_MACS, openStore, QuizEngine, QuizError } from '../src/index';
import { answerResultView } from '../src/views';
import { alice, type Harness, makeEngine } from './helpers';

let h: Harness;
let clock = Date.UTC(2026, 10, 25, 12);
beforeAll(async () => {
  h = await makeEngine({ now: () => clock });
});
afterAll(async () => {
  await h.close();
});

// Simulated time: each answer comes 3 s after the previous one, as a person would type them.
const answer = (questionId: number, partId: string, text: string, extra: Record<string, unknown> = {}) => {
  clock += 3_000;
  return h.engine.answer({ ...alice, questionId, partId, answer: text, ...extra });
};

// Each test that asserts on scores, streaks or the leaderboard has a user and group of its own,
// so no test depends on what another recorded before it.
let people = 0;
const freshUser = (name: string) => {
  people++;
  return {
    userId: `${name.toLowerCase()}-${people}`,
    displayName: name,
    groupId: `group-${people}`,
    groupName: `Group ${people}`,
  };
};

describe('question 2, checked by running the real model', () => {
  // Expected values from the exercise's published solution (Géron, ch. 14, exercise 2).
  test.each([
    ['params', '903,400', 903_400],
    ['ram-inference', '12,613,600 bytes', 12_613_600],
    ['ram-inference', '12.6 MB', 12_613_600],
    ['ram-inference', '12.03 MiB', 12_613_600],
    ['ram-training', '565,613,600', 565_613_600],
    ['ram-training', 'about 565.6 MB', 565_613_600],
  ])('%s: %j is correct (measured %d)', async (part, text, measured) => {
    const result = await answer(2, part, text);
    expect(result.grade.correct).toBe(true);
    expect(result.measurement!.measured).toBe(measured);
    expect(result.measurement!.theory).toBe(measured);
    expect(result.measurement!.backend).toBe('wasm');
  });

  test('the feedback shows the working from the real tensors, and a second run comes from the cache', async () => {
    const part = h.engine.part(h.engine.question(2), 'ram-inference');
    if (part.kind !== 'numeric') throw new Error('ram-inference is numeric');
    await h.engine.compute(part.measure);
    const result = await answer(2, 'ram-inference', '12.6 MB');
    const text = result.grade.feedback.join('\n');
    expect(text).toContain('conv1 100×150×100, conv2 50×75×200, conv3 25×38×400');
    expect(text).toContain('conv1 + conv2: 2,250,000 values');
    expect(result.measurement!.cached).toBe(true);
  });

  test('12.6 MiB is wrong, and the grader says the number fits MB', async () => {
    const result = await answer(2, 'ram-inference', '12.6 MiB');
    expect(result.grade.correct).toBe(false);
    expect(result.grade.feedback.join(' ')).toMatch(
      /Your number fits the decimal \(MB\) unit: 1 MB = 1,000,000 bytes but 1 MiB = 1,048,576 bytes/,
    );
  });

  test('a wrong count earns nothing and shows the measured one, once', async () => {
    const result = await answer(2, 'params', '1,203,400');
    expect(result.grade.score).toBe(0);
    expect(result.grade.feedback[0]).toBe('Not quite: you answered 1,203,400; the answer is 903,400.');
    expect(result.grade.feedback[1]).toBe(
      "Measured on the real model (wasm), as shape-math's theory predicts.",
    );
  });

  // The examples, on the real models: each was marked correct by a fixed tolerance.
  test('903,401 is not 903,400: a computed count is exact', async () => {
    const result = await answer(2, 'params', '903401');
    expect(result.grade.correct).toBe(false);
    expect(result.grade.feedback[0]).not.toMatch(/^Correct/);
  });

  test('question 4, variant 5: 262,144 leaves out the biases (the point of the question)', async () => {
    const result = await answer(4, 'extra-params', '262144', { variantSeed: 5 });
    expect(result.measurement!.measured).toBe(2 * 2 * 256 * 256 + 256);
    expect(result.grade.score).toBe(0);
    expect(result.grade.feedback[1]).toMatch(/one bias per filter, 256 more/);
  });

  test('"562 MB" for training leaves out the parameters', async () => {
    const result = await answer(2, 'ram-training', '562 MB');
    expect(result.grade.score).toBe(0);
    expect(result.grade.feedback[1]).toMatch(/the parameters must be in memory too/);
  });

  test("ResNet-50: Keras' 25,636,712 is measured on the real Keras-style network and accepted with a note", async () => {
    const result = await answer(6, 'resnet50-params', '25,636,712');
    expect(result.grade.correct).toBe(true);
    expect(result.grade.feedback.join(' ')).toMatch(
      /by the Keras convention: 25,636,712.*running mean and variance/,
    );
  });

  test('the notes\' "28 x 99" is graded wrong and shown the notes\' correction (issue 18)', async () => {
    const result = await answer(2, 'params', '28 x 99');
    expect(result.grade.score).toBe(0);
    expect(result.grade.feedback.join(' ')).toContain(
      'That is the study notes\' own figure ("28 x 99"), and it is not right: The notes compute the feature map with padding 0',
    );
  });
});

describe('variants of question 2 are measured too', () => {
  test.each([1, 2, 3])('seed %i: the real model agrees with shape-math for all three parts', async (seed) => {
    const question = h.engine.question(2, seed);
    const setting = exercise2Setting(seed);
    expect(question.prompt).toContain(`${setting.network.height}×${setting.network.width} pixels`);
    const report = analyze(exercise2Spec(setting.network), {
      dtype: setting.dtype,
      batchSize: setting.batchSize,
    });
    for (const part of question.parts) {
      if (part.kind !== 'numeric') continue;
      const m = await h.engine.compute(part.measure);
      expect(m.measured).toBe(m.theory);
      const independent =
        part.id === 'params'
          ? report.totals.params.total
          : part.id === 'ram-inference'
            ? report.memory.inference.bytes
            : report.memory.trainingMinimum.bytes;
      expect(m.measured).toBe(independent);
    }
  });

  test('a variant whose model would not fit is refused before anything is allocated', async () => {
    // Over the 2 GiB budget by the calibrated estimate (memory-estimate.ts: more than the peak
    // activations alone), under the 4 GiB wasm ceiling and the MAC budget: 2048×2048×1 at stride 1,
    // filters 8, 8, 64: peak activations 2048·2048·(8 + 64)·4 = 1,207,959,552 bytes.
    await expect(
      h.engine.compute({
        kind: 'exercise2',
        quantity: 'params',
        network: { height: 2048, width: 2048, channels: 1, strides: 1, filters: [8, 8, 64] },
      }),
    ).rejects.toThrow(
      /that network needs about [\d,]+ bytes \([\d.]+ GB, [\d.]+ GiB\) for its forward pass on this backend, which with the [\d,]+ bytes \([^)]*\) the quiz and its workers hold is over the 2,147,483,648 bytes \(2\.15 GB, 2\.00 GiB\) the quiz allows: choose a smaller image or fewer filters/,
    );
    await expect(
      h.engine.compute({
        kind: 'exercise2',
        quantity: 'params',
        network: { height: 4096, width: 4096, filters: [2048, 2048, 2048] },
      }),
    ).rejects.toMatchObject({ code: 'variant_too_large' });
    await expect(
      h.engine.compute({ kind: 'exercise2', quantity: 'params', network: { height: 0 } }),
    ).rejects.toThrow(QuizError);
  });

  // 1000·1000 positions × (9·1·64 + 9·64·128 + 9·128·256) = 369,216,000,000 MACs.
  test('identical requests at once share one model run', async () => {
    const request = { kind: 'poolVersusConv', channels: 40, window: 3 } as const;
    const [a, b] = await Promise.all([h.engine.compute(request), h.engine.compute(request)]);
    expect([a.cached, b.cached].sort()).toEqual([false, true]);
    expect(a.measured).toBe(b.measured);
  });

  test('a variant too slow to verify is refused too, and generated variants always stay light', async () => {
    await expect(
      h.engine.compute({
        kind: 'exercise2',
        quantity: 'params',
        network: { height: 1000, width: 1000, channels: 1, strides: 1, filters: [64, 128, 256] },
      }),
    ).rejects.toThrow(
      'that network needs 369.2 billion multiply-accumulates per image, over the 25 billion the quiz runs',
    );
    for (let seed = 0; seed < 300; seed++) {
      const setting = exercise2Setting(seed);
      expect(analyze(exercise2Spec(setting.network)).totals.macs).toBeLessThanOrEqual(MAX_VARIANT_MACS);
    }
  });
});

describe('the other numeric questions build real networks', () => {
  test.each([0, 8, 13])(
    'question 4, variant %i: measured on real layers, equal to k·k·C·C + C',
    async (seed) => {
      const part = h.engine.question(4, seed).parts.find((p) => p.kind === 'numeric')!;
      if (part.kind !== 'numeric' || part.measure.kind !== 'poolVersusConv')
        throw new Error('question 4 has a pooling part');
      const { channels, window } = part.measure as { channels: number; window: number };
      expect(part.prompt).toContain(`${channels}-channel`);
      const m = await h.engine.compute(part.measure);
      expect(m.measured).toBe(window * window * channels * channels + channels);
    },
  );

  test.each([
    [0, 256, 2],
    [7, 640, 14],
    [8, 800, 19],
  ])(
    'question 7, variant %i: on a %i-pixel image the real FCN grid is %i (floor(side/32) − 7 + 1)',
    async (seed, side, grid) => {
      const part = h.engine.question(7, seed).parts.find((p) => p.kind === 'numeric')!;
      expect(part.prompt).toContain(`${side}×${side} image`);
      if (part.kind !== 'numeric') throw new Error('question 7 has a numeric part');
      expect((await h.engine.compute(part.measure)).measured).toBe(grid);
    },
  );

  test('question 4: a 2×2 stride-2 conv on 64 channels has 16,448 more parameters than max pooling', async () => {
    const result = await answer(4, 'extra-params', '16448');
    expect(result.grade.correct).toBe(true);
  });

  test('question 6: ResNet-50 has 25,557,032 trainable parameters (torchvision); "25.6M" is accepted', async () => {
    const result = await answer(6, 'resnet50-params', '25.6M');
    expect(result.grade.correct).toBe(true);
    expect(result.measurement!.measured).toBe(25_557_032);
  });

  test('question 7: the converted FCN outputs an 8×8 grid on a 448×448 image', async () => {
    const result = await answer(7, 'grid', '8x8');
    expect(result.grade.correct).toBe(true);
    expect(result.grade.feedback.join(' ')).toMatch(/outputs agree within 1e-4/);
  });

  // Every classic backbone downsamples five times by 2 (He 2016; Simonyan 2014; Howard 2017; Szegedy 2015).
  test.each([0, 2, 3, 4])('question 8, variant %i: the real backbone has output stride 32', async (seed) => {
    const part = h.engine.question(8, seed).parts.find((p) => p.kind === 'numeric')!;
    if (part.kind !== 'numeric') throw new Error('question 8 has a numeric part');
    expect((await h.engine.compute(part.measure)).measured).toBe(32);
  });

  test('question 8: ResNet-50 has output stride 32', async () => {
    const result = await answer(8, 'output-stride', '32');
    expect(result.grade.correct).toBe(true);
  });
});

describe('scoring, idempotency and bad input', () => {
  test('an answer submitted twice with the same key is scored once', async () => {
    const bob = freshUser('Bob');
    const first = await answer(
      1,
      'advantages',
      'weight sharing, detects features anywhere, hierarchy of features',
      { idempotencyKey: 'discord-interaction-1', ...bob },
    );
    const again = await answer(
      1,
      'advantages',
      'weight sharing, detects features anywhere, hierarchy of features',
      { idempotencyKey: 'discord-interaction-1', ...bob },
    );
    expect(first.duplicate).toBe(false);
    expect(again.duplicate).toBe(true);
    expect(again.points).toBe(first.points);
    expect(await h.store.countAttempts({ userId: bob.userId })).toBe(1);
  });

  test('streaks count distinct questions and raise the points; a wrong answer resets the streak', async () => {
    const user = freshUser('Carol');
    const r1 = await answer(4, 'extra-params', '16448', user);
    const r2 = await answer(8, 'output-stride', '32', user);
    const r3 = await answer(7, 'grid', '1', user);
    const r4 = await answer(7, 'grid', '8', user);
    expect([r1.streak, r2.streak, r3.streak, r4.streak]).toEqual([1, 2, 0, 1]);
    // 10 × difficulty × (1 + 10% per question of the streak before): 20, 22, 0, then 30.
    expect([r1.points, r2.points, r3.points, r4.points]).toEqual([20, 22, 0, 30]);
  });

  test('the same answer six times scores once: repeats in the review interval add no points', async () => {
    const user = freshUser('Farmer');
    const results = [];
    for (let i = 0; i < 6; i++) results.push(await answer(8, 'output-stride', '32', user));
    expect(results.map((r) => r.points)).toEqual([20, 0, 0, 0, 0, 0]);
    expect(results.map((r) => r.repeat)).toEqual([false, true, true, true, true, true]);
    expect(results.map((r) => r.streak)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(results[0]!.nextReviewAt).toBeGreaterThan(clock);
    const [row] = await h.engine.leaderboard(user.groupId);
    expect(row).toMatchObject({ userId: user.userId, points: 20, attempts: 6, bestStreak: 1 });
  });

  test('a partial answer can be completed within the interval, for the difference only', async () => {
    const user = freshUser('Petra');
    const half = await answer(3, 'remedies', 'smaller batches and 16-bit floats', user);
    const full = await answer(
      3,
      'remedies',
      'smaller batches, larger strides, fewer layers, fp16, several GPUs',
      user,
    );
    const again = await answer(
      3,
      'remedies',
      'smaller batches, larger strides, fewer layers, fp16, several GPUs',
      user,
    );
    expect([half.grade.score, full.grade.score]).toEqual([0.4, 1]);
    // Difficulty 1: 0.4 → 4 points, then the missing 0.6 → 6, then nothing.
    expect([half.points, full.points, again.points]).toEqual([4, 6, 0]);
    // What the user reads: the completion is not told "a repeat adds no points" beside its 6 points.
    expect([half, full, again].map((r) => answerResultView(r).scoringNote)).toEqual([
      undefined,
      'answered before in this review interval: only what this answer adds to your best there scores',
      'already scored in this review interval: a repeat adds no points',
    ]);
  });

  test('a variant asks the same part: it is graded, but scores nothing more in the interval (issue 18)', async () => {
    const user = freshUser('Vera');
    const base = await answer(8, 'output-stride', '32', user);
    const variant = await answer(8, 'output-stride', '32', { ...user, variantSeed: 2 });
    expect(variant.grade.correct).toBe(true);
    expect([base.points, variant.points]).toEqual([20, 0]);
    expect(variant.repeat).toBe(true);
  });

  test.each([
    ['', 'the answer is empty'],
    ['\u0000\u0007  ', 'the answer is empty'],
    ['x'.repeat(2001), 'the answer is 2,001 characters long: at most 2,000 are allowed'],
    ['12 parsecs', 'unknown unit "parsecs"'],
  ])('%j is refused with a clear message and nothing is recorded', async (text, message) => {
    const before = await h.store.countAttempts();
    await expect(answer(2, 'ram-inference', text, { userId: 'dave', displayName: 'Dave' })).rejects.toThrow(
      message,
    );
    expect(await h.store.countAttempts()).toBe(before);
  });

  test('unknown questions, parts, variants and bad ids are refused', async () => {
    await expect(answer(9, 'x', '1')).rejects.toThrow('there is no question 9: choose 1 to 8');
    await expect(answer(2, 'nope', '1')).rejects.toThrow(
      'question 2 has no part "nope": its parts are params, ram-inference, ram-training',
    );
    await expect(answer(3, 'remedies', 'a', { variantSeed: 4 })).rejects.toThrow(
      'question 3 has no variants; questions 2, 4, 7, 8 do',
    );
    await expect(answer(1, 'advantages', 'a', { userId: 'rm -rf /' })).rejects.toThrow(
      /user id "rm -rf \/": use 1 to 100 letters/,
    );
  });

  test.each([
    [{ displayName: '\u0007 \u200b' }, 'the name is empty: give 1 to 64 visible characters'],
    [{ questionId: 2.5 }, 'the question must be a whole number from 1 to 8'],
    [{ variantSeed: -1 }, 'the variant must be at least 0'],
    [{ groupId: '' }, 'group id "": use 1 to 100 letters, digits, or . _ : @ -'],
    [{ idempotencyKey: 'k'.repeat(201) }, 'the idempotency key is at most 200 characters'],
  ])('adapter input %j is refused at the boundary: %s', async (override, message) => {
    const error = await answer(2, 'params', '903400', override).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QuizError);
    expect((error as QuizError).code).toBe('invalid_input');
    expect((error as QuizError).message).toBe(message);
  });

  test('control characters never reach the database', async () => {
    const erin = freshUser('Erin');
    await answer(3, 'remedies', 'smaller batch\u0007\u001b[31m', { ...erin, displayName: 'Erin\u0000' });
    const rows = await h.engine.leaderboard(erin.groupId);
    expect(rows.find((r) => r.userId === erin.userId)!.displayName).toBe('Erin');
  });

  test('a burst of answers from one user is rate limited', async () => {
    const user = freshUser('Frank');
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, () =>
        h.engine.answer({ ...alice, ...user, questionId: 3, partId: 'remedies', answer: 'smaller batch' }),
      ),
    );
    const limited = results.filter(
      (r) => r.status === 'rejected' && (r.reason as QuizError).code === 'rate_limited',
    );
    // The default bucket holds 10 answers.
    expect(limited.length).toBe(2);
  });

  test('the limit is shared by every engine on the store (every bot process), and refills', async () => {
    // A second connection to the same file, as a second bot process would open.
    const secondStore = await openStore({ sqlitePath: join(h.folder, 'quiz.db') });
    const rateLimit = { capacity: 2, perSecond: 1 };
    const first = new QuizEngine({ store: h.store, measurer: h.measurer, now: () => clock, rateLimit });
    const second = new QuizEngine({ store: secondStore, measurer: h.measurer, now: () => clock, rateLimit });
    const input = {
      ...alice,
      userId: 'gus',
      displayName: 'Gus',
      questionId: 3,
      partId: 'remedies',
      answer: 'fp16',
    };
    try {
      await first.answer(input);
      await second.answer(input);
      await expect(first.answer(input)).rejects.toMatchObject({ code: 'rate_limited' });
      await expect(second.answer(input)).rejects.toMatchObject({ code: 'rate_limited' });
      clock += 1000; // one token back, for both
      await second.answer(input);
      await expect(first.answer(input)).rejects.toMatchObject({ code: 'rate_limited' });
    } finally {
      await secondStore.close();
    }
  });

  test('a retry of a recorded answer returns its result without using a token', async () => {
    const engine = new QuizEngine({
      store: h.store,
      measurer: h.measurer,
      now: () => clock,
      rateLimit: { capacity: 1, perSecond: 1e-6 },
    });
    const input = {
      ...alice,
      userId: 'hana',
      displayName: 'Hana',
      questionId: 3,
      partId: 'remedies',
      answer: 'smaller batch',
      idempotencyKey: 'interaction-77',
    };
    const first = await engine.answer(input);
    // The bucket is empty now: a new answer is refused, a retry of the recorded one is not.
    await expect(engine.answer({ ...input, idempotencyKey: 'interaction-78' })).rejects.toMatchObject({
      code: 'rate_limited',
    });
    for (let i = 0; i < 3; i++)
      expect(await engine.answer(input)).toMatchObject({ duplicate: true, points: first.points });
    // The same key for another answer is refused, and says why.
    await expect(engine.answer({ ...input, answer: 'fp16' })).rejects.toMatchObject({
      code: 'idempotency_key_reused',
    });
  });

  test("keys are per user: bob's K1 after ada's K1 is bob's own answer", async () => {
    const remedies = { ...alice, questionId: 3, partId: 'remedies', idempotencyKey: 'K1' };
    const ada = await h.engine.answer({
      ...remedies,
      userId: 'ada',
      displayName: 'Ada',
      answer: 'smaller batch, fp16',
    });
    const bob = await h.engine.answer({
      ...remedies,
      userId: 'bob-k',
      displayName: 'Bob',
      answer: 'nothing',
    });
    expect(ada.duplicate).toBe(false);
    expect(bob.duplicate).toBe(false);
    expect(bob.points).toBe(0);
    expect(await h.store.countAttempts({ userId: 'bob-k' })).toBe(1);
  });
});

describe('leaderboard and review', () => {
  // Each test answers into a group of its own, so it holds whatever ran before it.
  test('ranks the group by points, with answers, correct answers and best streak', async () => {
    const group = freshUser('Group');
    const ann = { ...freshUser('Ann'), groupId: group.groupId, groupName: group.groupName };
    const bob = { ...freshUser('Bob'), groupId: group.groupId, groupName: group.groupName };
    await answer(8, 'output-stride', '32', ann);
    await answer(4, 'extra-params', '16448', ann);
    await answer(4, 'extra-params', '1', bob);
    await answer(8, 'output-stride', '32', bob);
    const rows = await h.engine.leaderboard(group.groupId, 'all');
    expect(rows).toEqual([
      { rank: 1, userId: ann.userId, displayName: 'Ann', points: 42, attempts: 2, correct: 2, bestStreak: 2 },
      { rank: 2, userId: bob.userId, displayName: 'Bob', points: 20, attempts: 2, correct: 1, bestStreak: 1 },
    ]);
  });

  test('"week" leaves out older answers', async () => {
    const old = freshUser('Olga');
    const gina = { ...freshUser('Gina'), groupId: old.groupId, groupName: old.groupName };
    await answer(1, 'advantages', 'weight sharing', old);
    clock += 8 * 24 * 3600 * 1000;
    await answer(1, 'advantages', 'weight sharing', gina);
    const week = await h.engine.leaderboard(old.groupId, 'week');
    expect(week.map((r) => r.userId)).toEqual([gina.userId]);
  });

  test('review serves unseen questions and those FSRS says are due', async () => {
    const gina = freshUser('Gina');
    await answer(1, 'advantages', 'weight sharing', gina);
    const due = await h.engine.due(gina.userId);
    // Gina only half-answered question 1 a moment ago: it is not due yet; the other seven are unseen.
    expect(due.map((q) => q.id)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    clock += 2 * 24 * 3600 * 1000;
    expect((await h.engine.due(gina.userId)).map((q) => q.id)[0]).toBe(1);
  });
});
