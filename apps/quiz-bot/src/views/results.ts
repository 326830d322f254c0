import type { AnswerResult } from '../engine';
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
}

export function answerResultView(result: AnswerResult): AnswerResultView {
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
    ...(part.kind === 'numeric'
      ? {
          inputHint:
            part.unit === 'bytes'
              ? 'bytes, or with kB/MB/GB, KiB/MiB/GiB'
              : part.unit === 'count'
                ? 'e.g. 903,400 or 0.9M'
                : 'a number',
        }
      : {}),
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
