import type { RateLimitPolicy } from '../rate-limit';
import type { GradedAnswer } from '../scoring';
import type { DialectName } from './migrations';
import type { RoundStore } from './rounds';

/**
 * What an idempotency key names: one answer of one user to one question. Keys are scoped to the
 * user and question, so ada's "K1" and bob's "K1" are two answers; the same key again with a
 * different payload (part, variant, group or answer) is refused (`idempotency_key_reused`).
 */
export interface AnswerKey {
  readonly idempotencyKey: string;
  readonly userId: string;
  readonly groupId: string;
  readonly questionId: number;
  readonly partId: string;
  readonly variantSeed: number | null;
  readonly answer: string;
}

/**
 * One graded answer to record: who, where, what, and the facts the engine decided (its grade, the
 * question's difficulty, whether it pays for a hint). Plain data: the store reads the streak, the
 * scoring window and the review card inside its transaction and applies the pure scoring rules
 * (`scoreAnswer` in scoring.ts) to them; it never calls back into the engine.
 */
export interface AttemptToRecord extends GradedAnswer {
  /** Scoped to the user and question; see AnswerKey. */
  readonly idempotencyKey: string;
  readonly user: { readonly id: string; readonly displayName: string };
  readonly group: { readonly id: string; readonly name: string };
  readonly questionId: number;
  readonly partId: string;
  readonly variantSeed: number | null;
  readonly answer: string;
}

/**
 * What else an answer's recording does in its one transaction (issue 20: one commit per answer),
 * after the duplicate check (a key already recorded returns its first result and does neither).
 */
export interface RecordOptions {
  /**
   * Takes one token from the user's rate bucket at the attempt's time (as `takeRateToken`); an
   * empty bucket throws the `rate_limited` QuizError and records nothing.
   */
  readonly rateLimit?: RateLimitPolicy;
  /**
   * The hint penalty: the earliest hint this user took on this question before `answeredAt` (and
   * at or after `since`) that nobody paid makes the answer owe it (`hintOwed`); a right answer pays
   * it (marked paid by `interactionId`, the answer's interaction).
   */
  readonly hint?: { readonly answeredAt: number; readonly since: number; readonly interactionId: string };
}

/** What recording an answer did (or, for a duplicate key, what the first recording did). */
export interface RecordedAttempt {
  readonly attemptId: number;
  readonly points: number;
  readonly streak: number;
  readonly bestStreak: number;
  /** True when this idempotency key was already recorded: nothing changed, the first result is returned. */
  readonly duplicate: boolean;
  /** True when this part (or variant) had already been scored in its current review interval. */
  readonly repeat?: boolean;
  /** When the question is next due for review (epoch ms). */
  readonly nextReviewAt?: number;
}

/** One row of a group's leaderboard: totals of a user's attempts in the period asked. */
export interface LeaderboardRow {
  readonly rank: number;
  readonly userId: string;
  readonly displayName: string;
  readonly points: number;
  readonly attempts: number;
  readonly correct: number;
  readonly bestStreak: number;
}

/** Storage behind one interface; SQLite and PostgreSQL implement it with the same code. */
export interface QuizStore {
  readonly dialect: DialectName;
  /**
   * Records a graded answer in one transaction, with everything it changes: the streak, the scoring
   * window, the review card and its group's board version (`rounds.boardVersion`; a duplicate key
   * changes nothing).
   */
  recordAttempt(attempt: AttemptToRecord, options?: RecordOptions): Promise<RecordedAttempt>;
  /** The attempt already recorded under this key (`duplicate: true`), if any; refuses a different payload. */
  findRecordedAttempt(key: AnswerKey): Promise<RecordedAttempt | undefined>;
  /**
   * Takes one answer token from the user's bucket, atomically across processes; returns 0 when
   * taken, else the milliseconds to wait.
   */
  takeRateToken(userId: string, now: number, policy: RateLimitPolicy): Promise<number>;
  leaderboard(groupId: string, options?: { since?: number; limit?: number }): Promise<LeaderboardRow[]>;
  /** Question ids whose review is due for a user, earliest first, and those never answered. */
  dueQuestions(userId: string, now: number, questionIds: readonly number[]): Promise<number[]>;
  countAttempts(filter?: { userId?: string; groupId?: string }): Promise<number>;
  /** A setting of a scope (a server, a group): the question timer, a season's start. */
  setting(scope: string, key: string): Promise<string | undefined>;
  setSetting(scope: string, key: string, value: string, at: number): Promise<void>;
  /** Creates a study group; false when one with this id exists already. */
  createGroup(group: { id: string; name: string }, at: number): Promise<boolean>;
  group(id: string): Promise<StudyGroupInfo | undefined>;
  joinGroup(groupId: string, userId: string, displayName: string, at: number): Promise<void>;
  /** False when the user was not a member. */
  leaveGroup(groupId: string, userId: string): Promise<boolean>;
  /** The groups a user belongs to whose ids start with `idPrefix`, latest joined first. */
  groupsOf(userId: string, idPrefix: string): Promise<StudyGroupInfo[]>;
  /** A user's answers per question in a group: attempts, correct ones, mean score; and the streak. */
  userStats(userId: string, groupId: string): Promise<UserStats>;
  /** Timed rounds, their winners and hints (the Discord adapter's race), on the same database. */
  readonly rounds: RoundStore;
  close(): Promise<void>;
}

/** A study group with its member count; `createdAt` in epoch ms. */
export interface StudyGroupInfo {
  readonly id: string;
  readonly name: string;
  readonly members: number;
  readonly createdAt: number;
}

/** A user's answers in one group, per question, with the streak and total points. */
export interface UserStats {
  readonly perQuestion: readonly {
    questionId: number;
    attempts: number;
    correct: number;
    meanScore: number;
  }[];
  readonly streak: number;
  readonly bestStreak: number;
  readonly points: number;
}

/** Hooks for crash tests: run inside a write transaction, after every write and before COMMIT. */
export interface StoreTestHooks {
  readonly beforeCommit?: (idempotencyKey: string) => Promise<void>;
}
