import type { AnswerResult } from '../engine';
import { answerFormatHint } from '../questions/hints';
import type { Part, Question } from '../questions/schemas';
import type { LeaderboardRow } from '../store/store';

/**
 * Adapter-neutral views: what the terminal and Discord both show, as data. Each adapter only
 * picks colours, emoji and layout; the words and numbers are decided here, once.
 */

export type Verdict = 'correct' | 'partial' | 'wrong';

export interface AnswerResultView {
  readonly verdict: Verdict;
  /** "correct", "partly right (50%)", "not yet". */
  readonly verdictText: string;
  readonly points: number;
  readonly streak: number;
  readonly duplicate: boolean;
  readonly feedback: readonly string[];
  /** Shown when the answer was not fully right. */
  readonly modelAnswer?: string;
  readonly explanation: string;
  readonly title: string;
  /** Why no (or fewer) points were added: a retry already recorded, or a repeat inside its review interval. */
  readonly scoringNote?: string;
  readonly sources: readonly string[];
  /** What the study notes got wrong or left out, shown after an answer. */
  readonly correctionsToNotes: readonly string[];
  /** "Next review of question 2: 2026-12-01 (in 6 days)." */
  readonly nextReview?: string;
}

/** "tomorrow", "in 4 days", "in 10 minutes": when the next review is, from now. */
export function describeReview(at: number, now: number): string {
  const minutes = Math.round((at - now) / 60_000);
  const date = new Date(at).toISOString().slice(0, 10);
  if (minutes < 60) return `in ${Math.max(1, minutes)} minute${minutes === 1 ? '' : 's'}`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `in ${hours} hour${hours === 1 ? '' : 's'}`;
  const days = Math.round(hours / 24);
  return `${date} (in ${days} day${days === 1 ? '' : 's'})`;
}

export function answerResultView(result: AnswerResult, now = Date.now()): AnswerResultView {
  const { grade } = result;
  const verdict: Verdict = grade.correct ? 'correct' : grade.score > 0 ? 'partial' : 'wrong';
  return {
    verdict,
    verdictText:
      verdict === 'correct'
        ? 'correct'
        : verdict === 'partial'
          ? `partly right (${Math.round(grade.score * 100)}%)`
          : 'not yet',
    points: result.points,
    streak: result.streak,
    duplicate: result.duplicate,
    feedback: grade.feedback,
    ...(grade.correct ? {} : { modelAnswer: result.modelAnswer }),
    explanation: result.explanation,
    title: `Question ${result.question.id}, ${result.part.id}`,
    ...(result.duplicate
      ? { scoringNote: 'already recorded: scored once' }
      : result.repeat
        ? {
            // A better answer in an open window earns what it adds to the best score there: say so,
            // not "adds no points" beside the points it earned.
            scoringNote:
              result.points > 0
                ? 'answered before in this review interval: only what this answer adds to your best there scores'
                : 'already scored in this review interval: a repeat adds no points',
          }
        : {}),
    sources: result.sources,
    correctionsToNotes: result.correctionsToNotes,
    ...(result.nextReviewAt === undefined
      ? {}
      : {
          nextReview: `Next review of question ${result.question.id}: ${describeReview(result.nextReviewAt, now)}.`,
        }),
  };
}

export interface PartView {
  readonly id: string;
  readonly kind: Part['kind'];
  readonly prompt: string;
  /** What to type, for numeric parts. */
  readonly inputHint?: string;
  /** Lettered options, for multiple choice. */
  readonly options?: readonly { letter: string; text: string }[];
}

export interface QuestionView {
  readonly id: number;
  readonly title: string;
  readonly prompt: string;
  readonly difficulty: 1 | 2 | 3;
  readonly stars: string;
  readonly parts: readonly PartView[];
}

export function partView(part: Part): PartView {
  return {
    id: part.id,
    kind: part.kind,
    prompt: part.prompt,
    ...(part.kind === 'numeric' ? { inputHint: answerFormatHint(part)!.placeholder } : {}),
    ...(part.kind === 'choice'
      ? { options: part.options.map((text, i) => ({ letter: String.fromCharCode(97 + i), text })) }
      : {}),
  };
}

export function questionView(question: Question): QuestionView {
  return {
    id: question.id,
    title: question.title,
    prompt: question.prompt,
    difficulty: question.difficulty,
    stars: '★'.repeat(question.difficulty),
    parts: question.parts.map(partView),
  };
}

export interface LeaderboardView {
  readonly title: string;
  readonly empty: boolean;
  readonly rows: readonly {
    rank: number;
    userId: string;
    name: string;
    points: number;
    attempts: number;
    correct: number;
    bestStreak: number;
    /** Share of answers fully right, 0 to 100. */
    accuracyPercent: number;
  }[];
}

export function leaderboardView(rows: readonly LeaderboardRow[], title: string): LeaderboardView {
  return {
    title,
    empty: rows.length === 0,
    rows: rows.map((r) => ({
      rank: r.rank,
      userId: r.userId,
      name: r.displayName,
      points: r.points,
      attempts: r.attempts,
      correct: r.correct,
      bestStreak: r.bestStreak,
      accuracyPercent: r.attempts === 0 ? 0 : Math.round((100 * r.correct) / r.attempts),
    })),
  };
}
