import {
  BasicLearningStepsStrategy,
  type CardInput,
  createEmptyCard,
  fsrs,
  Rating,
  StrategyMode,
  type TLearningStepsStrategy,
} from 'ts-fsrs';

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

/**
 * ts-fsrs' learning steps, remembered per card state and step (issue 20: its strategy parses the
 * step strings, '1m' and '10m', and builds its table again on every answer). The table depends only
 * on the scheduler's parameters, which never change, and on the card's state and step; ts-fsrs only
 * reads it (BasicScheduler.getLearningInfo), so one table per state and step gives the same cards.
 */
function rememberedLearningSteps(): TLearningStepsStrategy {
  const tables = new Map<number, ReturnType<TLearningStepsStrategy>>();
  return (params, state, step) => {
    // A step is a small whole number; anything else (a card stored by another version) is not kept.
    if (!Number.isInteger(step) || step < 0 || step >= 1_024)
      return BasicLearningStepsStrategy(params, state, step);
    const key = state * 1_024 + step;
    let table = tables.get(key);
    if (table === undefined) {
      table = BasicLearningStepsStrategy(params, state, step);
      tables.set(key, table);
    }
    return table;
  };
}

const scheduler = fsrs().useStrategy(StrategyMode.LEARNING_STEPS, rememberedLearningSteps());

/** The next FSRS card after an answer, from the stored card (JSON) or a new one; `due` in epoch ms. */
export function nextReviewCard(
  previous: string | undefined,
  score: number,
  at: number,
): { card: string; due: number } {
  const now = new Date(at);
  // The stored card goes to the scheduler as parsed: it converts its dates and state itself
  // (TypeConvert.card in its constructor), so converting them here first did that work twice.
  const card = previous === undefined ? createEmptyCard(now) : (JSON.parse(previous) as CardInput);
  const next = scheduler.next(card, now, ratingFor(score)).card;
  return { card: JSON.stringify(next), due: next.due.getTime() };
}

/**
 * A scoring window (issue 9, issue 18): the best score a user's part already earned in its current
 * review interval, and when that interval ends (epoch ms). Every variant of a question shares its
 * part's one window.
 */
export interface ScoringWindow {
  /** The best score (0 to 1) earned in the window. */
  readonly bestScore: number;
  /** When the window ends (epoch ms): open while an answer's time is before it. */
  readonly until: number;
}

/** What is stored for a user and part before an answer is recorded (all plain data, read by the store). */
export interface ScoringStateBefore {
  /** The user's streak in the group and best streak; 0 and 0 when none is stored. */
  readonly streak: number;
  readonly bestStreak: number;
  /** The part's stored scoring window, open or not; undefined when none is stored. */
  readonly window: ScoringWindow | undefined;
  /** The question's stored FSRS card (JSON), if any. */
  readonly card: string | undefined;
}

/** The facts of one graded answer the engine decided (plain data: no callbacks). */
export interface GradedAnswer {
  /** The grade, 0 to 1. */
  readonly score: number;
  /** Whether the grade counts as right (it extends the streak; a wrong one breaks it). */
  readonly correct: boolean;
  /** The question's difficulty (1 to 3). */
  readonly difficulty: 1 | 2 | 3;
  /** When the answer was given (epoch ms). */
  readonly at: number;
  /** True when the user took a hint on this question that this answer pays for (default false). */
  readonly hintOwed?: boolean | undefined;
}

/** What recording an answer changes, decided by {@link scoreAnswer}; the store writes it as is. */
export interface ScoringDecision {
  /** Points this answer earns. */
  readonly points: number;
  /** The streak after this answer, and the best streak so far. */
  readonly streak: number;
  readonly bestStreak: number;
  /** True when the part (any variant) had already been scored in a window still open at `at`. */
  readonly repeat: boolean;
  /** The part's window after this answer (always written). */
  readonly window: ScoringWindow;
  /** The question's next FSRS card (JSON). */
  readonly card: string;
  /** When the question is next due for review (epoch ms): the end of a window this answer opens. */
  readonly due: number;
}

/**
 * The scoring rules of one answer, as one pure function (issue 17: the store only saves and loads):
 * - **window** (issues 9 and 18): a stored window is open while `at < until`. An open window's part
 *   earns only what the answer adds to its best score; a closed or missing one opens a new window
 *   until the question's next review (`due` of the new card), with this answer's score.
 * - **points**: {@link pointsFor} of that added score, at the streak before the answer; halved
 *   (rounded down) for a right answer that owes a hint.
 * - **streak**: a wrong answer resets it to 0; a right one extends it only when it is the first
 *   full score of its window (a repeat of a part already fully scored neither extends nor breaks it).
 * - **card**: {@link nextReviewCard} from the stored card.
 */
export function scoreAnswer(answer: GradedAnswer, before: ScoringStateBefore): ScoringDecision {
  const open = before.window !== undefined && answer.at < before.window.until ? before.window : undefined;
  const alreadyScored = open?.bestScore ?? 0;
  const earned = pointsFor(Math.max(0, answer.score - alreadyScored), answer.difficulty, before.streak);
  const points = answer.hintOwed === true && answer.correct ? Math.floor(earned / 2) : earned;
  const firstFullScore = open === undefined || open.bestScore < 1;
  const streak = !answer.correct ? 0 : firstFullScore ? before.streak + 1 : before.streak;
  const next = nextReviewCard(before.card, answer.score, answer.at);
  return {
    points,
    streak,
    bestStreak: Math.max(streak, before.bestStreak),
    repeat: open !== undefined,
    window:
      open === undefined
        ? { bestScore: answer.score, until: next.due }
        : { bestScore: Math.max(open.bestScore, answer.score), until: open.until },
    card: next.card,
    due: next.due,
  };
}

/**
 * Issue 18: the key of a part's scoring window within a question. Every variant of a question asks
 * the same concept, so every variant shares the part's one window: the key is the same ('') for the
 * base question and each variant (a primary key cannot hold NULL, hence a string).
 */
export function scoringWindowVariantKey(_variantSeed: number | null): string {
  return '';
}
