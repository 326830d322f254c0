import { createEmptyCard, fsrs, Rating, TypeConvert } from 'ts-fsrs';
import { describe, expect, test } from 'vitest';
import { nextReviewCard, pointsFor, ratingFor, scoreAnswer, scoringWindowVariantKey } from '../src/index';

/*
 * The scoring rules as pure functions (issue 17: the store only saves and loads). Every expected
 * figure is derived by hand beside its case from the rules in scoring.ts:
 *   points = round(score added × 10 × difficulty × (1 + 0.1 × min(streak before, 5))), halved
 *   (rounded down) for a right answer that owes a hint; a window is open while at < until.
 */
const at = Date.UTC(2026, 2, 1, 12);
const none = { streak: 0, bestStreak: 0, window: undefined, card: undefined };
const right = { score: 1, correct: true, difficulty: 1 as const, at };

describe('points', () => {
  test.each([
    // [score, difficulty, streak before, expected, derivation]
    [1, 1, 0, 10, '1 × 10 × 1 × 1.0'],
    [1, 3, 0, 30, '1 × 10 × 3 × 1.0'],
    [1, 2, 2, 24, '1 × 10 × 2 × 1.2'],
    [0.5, 3, 1, 17, '0.5 × 10 × 3 × 1.1 = 16.5 → 17'],
    [1, 1, 5, 15, '1 × 10 × 1 × 1.5'],
    [1, 1, 9, 15, 'the bonus stops at a streak of 5: 1 × 10 × 1 × 1.5'],
    [0, 3, 4, 0, 'nothing scored'],
  ] as const)(
    'score %d, difficulty %d, streak %d: %d points (%s)',
    (score, difficulty, streak, points, _derivation) => {
      const decision = scoreAnswer(
        { score, correct: score === 1, difficulty, at },
        { ...none, streak, bestStreak: streak },
      );
      expect(decision.points).toBe(points);
    },
  );

  test('a score at or below 0 earns nothing, never a negative figure', () => {
    expect(pointsFor(0, 3, 5)).toBe(0);
    // Without the guard: round(−0.5 × 10 × 3 × 1.5) = −22.
    expect(pointsFor(-0.5, 3, 5)).toBe(0);
  });

  test('a right answer that owes a hint earns half, rounded down; a wrong one pays nothing', () => {
    // 1 × 10 × 3 × 1.1 = 33, halved: 16 (16.5 rounded down).
    expect(
      scoreAnswer({ ...right, difficulty: 3, hintOwed: true }, { ...none, streak: 1, bestStreak: 1 }).points,
    ).toBe(16);
    // A wrong answer with partial credit keeps it: 0.5 × 10 × 2 × 1.0 = 10, not halved.
    expect(scoreAnswer({ score: 0.5, correct: false, difficulty: 2, at, hintOwed: true }, none).points).toBe(
      10,
    );
  });
});

describe('scoring windows (once per review interval, whatever the variant)', () => {
  const open = { bestScore: 0.5, until: at + 1 };

  test('no window: a new one opens until the new card is due, with this score', () => {
    const decision = scoreAnswer({ ...right, score: 0.5, correct: false }, none);
    const card = nextReviewCard(undefined, 0.5, at);
    expect(decision.window).toEqual({ bestScore: 0.5, until: card.due });
    expect(decision).toMatchObject({ repeat: false, card: card.card, due: card.due });
  });

  test('an open window pays only what the answer adds to its best, and keeps its end', () => {
    // 1 − 0.5 = 0.5 added: 0.5 × 10 × 1 × 1.0 = 5.
    const better = scoreAnswer(right, { ...none, window: open });
    expect(better).toMatchObject({ points: 5, repeat: true, window: { bestScore: 1, until: open.until } });
    // A worse answer adds max(0, 0.25 − 0.5) = 0 and leaves the best as it was.
    const worse = scoreAnswer({ ...right, score: 0.25, correct: false }, { ...none, window: open });
    expect(worse).toMatchObject({ points: 0, repeat: true, window: { bestScore: 0.5, until: open.until } });
  });

  test('a window is closed from its `until` on: the same instant scores afresh', () => {
    const closed = scoreAnswer(right, { ...none, window: { bestScore: 1, until: at } });
    expect(closed).toMatchObject({ points: 10, repeat: false });
    expect(closed.window.until).toBe(nextReviewCard(undefined, 1, at).due);
    // One millisecond earlier it is still open: nothing added.
    expect(scoreAnswer(right, { ...none, window: { bestScore: 1, until: at + 1 } }).points).toBe(0);
  });

  test('every variant of a question shares its part window', () => {
    expect(new Set([null, 0, 7, 123_456].map(scoringWindowVariantKey))).toEqual(new Set(['']));
  });
});

describe('streaks (distinct questions answered right in a row)', () => {
  test('a first right answer in its window extends the streak, and the best follows', () => {
    expect(scoreAnswer(right, { ...none, streak: 2, bestStreak: 2 })).toMatchObject({
      streak: 3,
      bestStreak: 3,
    });
    expect(scoreAnswer(right, { ...none, streak: 2, bestStreak: 7 })).toMatchObject({
      streak: 3,
      bestStreak: 7,
    });
  });

  test('a wrong answer resets the streak and keeps the best', () => {
    const wrong = { score: 0, correct: false, difficulty: 1 as const, at };
    expect(scoreAnswer(wrong, { ...none, streak: 4, bestStreak: 4 })).toMatchObject({
      streak: 0,
      bestStreak: 4,
    });
  });

  test('a right repeat of a part already fully scored neither extends nor breaks it', () => {
    const full = { bestScore: 1, until: at + 60_000 };
    expect(scoreAnswer(right, { ...none, streak: 3, bestStreak: 5, window: full })).toMatchObject({
      streak: 3,
      bestStreak: 5,
      points: 0,
    });
  });

  test('a right answer after a partial score in the open window extends it (its first full score)', () => {
    const partial = { bestScore: 0.5, until: at + 60_000 };
    expect(scoreAnswer(right, { ...none, streak: 3, bestStreak: 3, window: partial })).toMatchObject({
      streak: 4,
      bestStreak: 4,
      // 0.5 added at a streak of 3: 0.5 × 10 × 1 × 1.3 = 6.5 → 7.
      points: 7,
    });
  });
});

test('the next card continues from the stored one', () => {
  const first = nextReviewCard(undefined, 1, at);
  const later = first.due + 1;
  const decision = scoreAnswer({ ...right, at: later }, { ...none, card: first.card });
  expect(decision.due).toBe(nextReviewCard(first.card, 1, later).due);
  // FSRS moves a card answered right again further out than its first interval.
  expect(decision.due - later).toBeGreaterThan(first.due - at);
});

test('the cards are those of a plain ts-fsrs scheduler, answer after answer', () => {
  // The expected card is ts-fsrs' own: its default scheduler, the stored card converted by its
  // TypeConvert.card, the rating by ratingFor (scoring.ts keeps its learning steps per state and step,
  // and passes the parsed card as is: neither may change a card). Scores and gaps cover every state:
  // new, learning (minutes apart), review (days apart), a lapse into relearning, and back.
  const plain = fsrs();
  const answers: [score: number, minutesLater: number][] = [
    [1, 0],
    [0.5, 1],
    [1, 10],
    [1, 60 * 24 * 3],
    [0, 60 * 24 * 9],
    [0.5, 10],
    [1, 10],
    [1, 60 * 24 * 20],
  ];
  let t = at;
  let ours: string | undefined;
  let expected: string | undefined;
  for (const [score, minutesLater] of answers) {
    t += minutesLater * 60_000;
    const now = new Date(t);
    const card = expected === undefined ? createEmptyCard(now) : TypeConvert.card(JSON.parse(expected));
    const next = plain.next(card, now, ratingFor(score)).card;
    expected = JSON.stringify(next);
    const got = nextReviewCard(ours, score, t);
    expect(got).toEqual({ card: expected, due: next.due.getTime() });
    ours = got.card;
  }
});

test.each([
  // [score, FSRS rating] by scoring.ts's rule: a full score (≥ 0.999) is Good, ≥ 0.5 Hard, else Again.
  [1, Rating.Good],
  [0.999, Rating.Good],
  [0.998, Rating.Hard],
  [0.5, Rating.Hard],
  [0.499, Rating.Again],
  [0, Rating.Again],
] as const)('score %d rates the review card %d', (score, rating) => {
  expect(ratingFor(score)).toBe(rating);
});
