import type { Generated } from 'kysely';

/** Tables, as Kysely sees them. Times are epoch milliseconds; booleans are 0/1 on both databases. */
export interface Database {
  users: { id: string; display_name: string; created_at: number };
  study_groups: { id: string; name: string; created_at: number };
  memberships: { group_id: string; user_id: string; joined_at: number };
  attempts: {
    id: Generated<number>;
    idempotency_key: string;
    user_id: string;
    group_id: string;
    question_id: number;
    part_id: string;
    variant_seed: number | null;
    answer: string;
    score: number;
    points: number;
    correct: number;
    created_at: number;
    /** The streak and best streak this attempt left (a duplicate reply reports these); NULL before migration 0005. */
    streak_after: Generated<number | null>;
    best_streak_after: Generated<number | null>;
  };
  streaks: { user_id: string; group_id: string; current: number; best: number };
  review_cards: { user_id: string; question_id: number; card: string; due: number };
  /**
   * Issue 9: a question part (or variant) scores once per review interval. The best score earned in
   * the current interval, and when the interval ends (the FSRS due date set when it opened).
   */
  scoring_windows: {
    user_id: string;
    group_id: string;
    question_id: number;
    part_id: string;
    /** The variant seed as text, '' for the base question (a primary key cannot hold NULL). */
    variant_key: string;
    best_score: number;
    until: number;
  };
  /** One token bucket per user (the answer rate limit); see rate-limit.ts. */
  rate_buckets: { user_id: string; tokens: number; updated_at: number };
  bot_settings: { scope: string; key: string; value: string; updated_at: number };
  /** Issue 20: timed rounds, their race and hints (see rounds.ts). */
  quiz_rounds: {
    round_id: string;
    question_id: number;
    variant_seed: number | null;
    deadline: number | null;
    reply_token: string;
    application_id: string;
    created_at: number;
    closed_at: number | null;
  };
  round_entries: {
    round_id: string;
    part_id: string;
    interaction_id: string;
    user_id: string;
    answered_at: number;
    entered_at: number;
    state: string;
  };
  round_winners: {
    round_id: string;
    part_id: string;
    user_id: string;
    interaction_id: string;
    answered_at: number;
    announced_at: number;
  };
  /** Issue 20: a group's leaderboard version, bumped per recorded answer (cached boards are redrawn). */
  board_versions: { group_id: string; version: number };
  hints: {
    user_id: string;
    question_id: number;
    interaction_id: string;
    round_id: string | null;
    hinted_at: number;
    paid_by: string | null;
  };
}
