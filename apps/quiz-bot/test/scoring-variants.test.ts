import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openStore, QuizEngine, type QuizStore } from '../src/index';
import { theoryMeasurer } from './theory';

/*
 * Issue 18, "no farming through variants": the engine on a real SQLite file. The expected values
 * come from shape-math (`theoryMeasurer`); what is tested is the scoring, not the measuring (the
 * engine tests measure the same variants on real models).
 */
let folder: string;
let store: QuizStore;
let engine: QuizEngine;
let clock = Date.UTC(2026, 11, 1, 12);
beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'cnnkit-quiz-variants-'));
  store = await openStore({ sqlitePath: join(folder, 'quiz.db') });
  engine = new QuizEngine({ store, measurer: theoryMeasurer, now: () => clock });
});
afterAll(async () => {
  await store.close();
  rmSync(folder, { recursive: true, force: true });
});

let people = 0;
const freshUser = () => {
  people++;
  return { userId: `farmer-${people}`, displayName: 'Farmer', groupId: `farm-${people}`, groupName: 'Farm' };
};
const answer = (
  user: ReturnType<typeof freshUser>,
  questionId: number,
  partId: string,
  text: (seed: number | undefined) => string,
  seed?: number,
) => {
  clock += 3_000;
  return engine.answer({
    ...user,
    questionId,
    partId,
    answer: text(seed),
    ...(seed === undefined ? {} : { variantSeed: seed }),
  });
};
/** The right figure of a numeric part of a variant, from its own model answer's first number. */
const rightFigure = (questionId: number, partId: string) => (seed: number | undefined) => {
  const part = engine.part(engine.question(questionId, seed), partId);
  return /^[\d,]+/.exec(part.modelAnswer)![0];
};

describe('points for a (question, part) are earned once per review interval, whatever the variant', () => {
  test('question 2: five right answers on five networks score once, and still grade and move the card', async () => {
    const user = freshUser();
    const results = [];
    for (const seed of [undefined, 1, 2, 3, 4])
      results.push(await answer(user, 2, 'params', rightFigure(2, 'params'), seed));
    expect(results.map((r) => r.grade.correct)).toEqual([true, true, true, true, true]);
    // Difficulty 3, full score, no streak before: 30 points once.
    expect(results.map((r) => r.points)).toEqual([30, 0, 0, 0, 0]);
    expect(results.map((r) => r.repeat)).toEqual([false, true, true, true, true]);
    // A repeat neither extends nor breaks the streak.
    expect(results.map((r) => r.streak)).toEqual([1, 1, 1, 1, 1]);
    const [row] = await engine.leaderboard(user.groupId);
    expect(row).toMatchObject({ points: 30, attempts: 5 });
  });

  test("question 4's free-text part, whose prompt is the same in every variant, scores once too", async () => {
    const user = freshUser();
    const why = () => 'Max pooling has no parameters to learn, so it needs less computation and memory.';
    const results = [];
    for (const seed of [undefined, 2, 3]) results.push(await answer(user, 4, 'why', why, seed));
    expect(results[0]!.points).toBeGreaterThan(0);
    expect(results.slice(1).map((r) => r.points)).toEqual([0, 0]);
  });

  test('a better answer on another variant adds only the difference; a new interval scores again', async () => {
    // Numeric parts are all-or-nothing, so the partial answer is question 4's free text: one of
    // its two reasons (no parameters) on the base question, then both on variant 2.
    const oneReason = () => 'Max pooling has no parameters to learn.';
    const bothReasons = () =>
      'Max pooling has no parameters to learn, and taking the max gives some invariance to small shifts.';
    const alone = await answer(freshUser(), 4, 'why', bothReasons);
    expect(alone.grade.score).toBe(1);
    const user = freshUser();
    const partial = await answer(user, 4, 'why', oneReason);
    expect(partial.grade.score).toBe(0.5);
    const full = await answer(user, 4, 'why', bothReasons, 2);
    expect(full.grade.score).toBe(1);
    // The two add up to what the full answer alone earns: the second pays only the difference.
    expect(partial.points).toBeGreaterThan(0);
    expect(full.points).toBeGreaterThan(0);
    expect(partial.points + full.points).toBe(alone.points);
    // After the review date the part scores again, on any variant.
    clock = full.nextReviewAt! + 1;
    const later = await answer(user, 4, 'why', bothReasons, 3);
    expect(later.repeat).toBe(false);
    expect(later.points).toBeGreaterThan(0);
  });

  test('each part has its own window: another part of the same variant still scores', async () => {
    const user = freshUser();
    const params = await answer(user, 2, 'params', rightFigure(2, 'params'), 7);
    const inference = await answer(
      user,
      2,
      'ram-inference',
      (seed) =>
        `${engine.part(engine.question(2, seed), 'ram-inference').modelAnswer.match(/\(([\d,]+) bytes\)/)![1]} bytes`,
      7,
    );
    expect(params.points).toBeGreaterThan(0);
    expect(inference.points).toBeGreaterThan(0);
  });
});
