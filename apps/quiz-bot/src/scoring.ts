import { createEmptyCard, fsrs, Rating, TypeConvert } from 'ts-fsrs';

/**
 * Points: 10 per difficulty level for a full score, +10% per question of the current streak (up
 * to +50%). The engine scores a part once per review interval: a repeat is graded and moves its
 * FSRS card, but earns only what it adds to the best score of the interval.
 */
export function pointsFor(score: number, difficulty: 1 | 2 | 3, streakBefore: number): number {
  if (score <= 0) return 0;
  const streakBonus = 1 + 0.1 * Math.min(streakBefore, 5);
  return Math.round(score * 10 * difficulty * streakBonus);
}

/** The FSRS rating a score stands for: a full score is Good, a partial one Hard, nothing Again. */
export function ratingFor(score: number): Rating.Again | Rating.Hard | Rating.Good {
  if (score >= 0.999) return Rating.Good;
  if (score >= 0.5) return Rating.Hard;
  return Rating.Again;
}

const scheduler = fsrs();

/** The next FSRS card after an answer, from the stored card (JSON) or a new one; `due` in epoch ms. */
export function nextReviewCard(
  previous: string | undefined,
  score: number,
  at: number,
): { card: string; due: number } {
  const now = new Date(at);
  const card = previous === undefined ? createEmptyCard(now) : TypeConvert.card(JSON.parse(previous));
  const next = scheduler.next(card, now, ratingFor(score)).card;
  return { card: JSON.stringify(next), due: next.due.getTime() };
}
