import { type Kysely, sql } from 'kysely';
import { QuizError } from '../errors';
import type { DialectName } from './migrations';
import type { Database } from './schema';

export interface AttemptToRecord {
  readonly idempotencyKey: string;
  readonly user: { readonly id: string; readonly displayName: string };
  readonly group: { readonly id: string; readonly name: string };
  readonly questionId: number;
  readonly partId: string;
  readonly variantSeed: number | null;
  readonly answer: string;
  readonly score: number;
  readonly correct: boolean;
  readonly at: number;
  /**
   * Points for this attempt given the streak before it and the best score this part (or variant)
   * already earned in its current review interval (0 when none is open): scoring stays out of storage.
   */
  readonly pointsFor: (streakBefore: number, alreadyScored: number) => number;
  /** The next spaced-repetition card for this question, given the stored one (JSON) if any. */
  readonly nextCard: (previous: string | undefined) => { card: string; due: number };
}

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
  recordAttempt(attempt: AttemptToRecord): Promise<RecordedAttempt>;
  leaderboard(groupId: string, options?: { since?: number; limit?: number }): Promise<LeaderboardRow[]>;
  /** Question ids whose review is due for a user, earliest first, and those never answered. */
  dueQuestions(userId: string, now: number, questionIds: readonly number[]): Promise<number[]>;
  countAttempts(filter?: { userId?: string; groupId?: string }): Promise<number>;
  close(): Promise<void>;
}

const toNumber = (value: unknown) => Number(value);
const variantKey = (attempt: AttemptToRecord) =>
  attempt.variantSeed === null ? '' : String(attempt.variantSeed);

export class KyselyQuizStore implements QuizStore {
  constructor(
    private readonly db: Kysely<Database>,
    readonly dialect: DialectName,
  ) {}

  async recordAttempt(attempt: AttemptToRecord): Promise<RecordedAttempt> {
    try {
      return await this.writeTransaction(async (trx) => {
        const existing = await trx
          .selectFrom('attempts')
          .select(['id', 'points', 'user_id', 'group_id'])
          .where('idempotency_key', '=', attempt.idempotencyKey)
          .executeTakeFirst();
        if (existing !== undefined) return this.duplicateOf(trx, existing);

        await trx
          .insertInto('users')
          .values({ id: attempt.user.id, display_name: attempt.user.displayName, created_at: attempt.at })
          .onConflict((oc) => oc.column('id').doUpdateSet({ display_name: attempt.user.displayName }))
          .execute();
        await trx
          .insertInto('study_groups')
          .values({ id: attempt.group.id, name: attempt.group.name, created_at: attempt.at })
          .onConflict((oc) => oc.column('id').doNothing())
          .execute();
        await trx
          .insertInto('memberships')
          .values({ group_id: attempt.group.id, user_id: attempt.user.id, joined_at: attempt.at })
          .onConflict((oc) => oc.columns(['group_id', 'user_id']).doNothing())
          .execute();

        // Lock the streak row on PostgreSQL so two processes score one user's answers in turn.
        let streakQuery = trx
          .selectFrom('streaks')
          .select(['current', 'best'])
          .where('user_id', '=', attempt.user.id)
          .where('group_id', '=', attempt.group.id);
        if (this.dialect === 'postgres') streakQuery = streakQuery.forUpdate();
        const streakRow = await streakQuery.executeTakeFirst();
        const streakBefore = streakRow === undefined ? 0 : toNumber(streakRow.current);
        const window = await this.openScoringWindow(trx, attempt);
        const points = attempt.pointsFor(streakBefore, window?.bestScore ?? 0);

        const inserted = await trx
          .insertInto('attempts')
          .values({
            idempotency_key: attempt.idempotencyKey,
            user_id: attempt.user.id,
            group_id: attempt.group.id,
            question_id: attempt.questionId,
            part_id: attempt.partId,
            variant_seed: attempt.variantSeed,
            answer: attempt.answer,
            score: attempt.score,
            points,
            correct: attempt.correct ? 1 : 0,
            created_at: attempt.at,
          })
          .onConflict((oc) => oc.column('idempotency_key').doNothing())
          .returning('id')
          .executeTakeFirst();
        if (inserted === undefined) {
          // Another process recorded the same key between our check and insert.
          const winner = await trx
            .selectFrom('attempts')
            .select(['id', 'points', 'user_id', 'group_id'])
            .where('idempotency_key', '=', attempt.idempotencyKey)
            .executeTakeFirstOrThrow();
          return this.duplicateOf(trx, winner);
        }

        // A streak counts distinct questions: only the first full score of a part in its interval
        // extends it; a repeat of one already fully scored neither extends nor breaks it.
        const firstFullScore = window === undefined || window.bestScore < 1;
        const current = !attempt.correct ? 0 : firstFullScore ? streakBefore + 1 : streakBefore;
        const best = Math.max(current, streakRow === undefined ? 0 : toNumber(streakRow.best));
        await trx
          .insertInto('streaks')
          .values({ user_id: attempt.user.id, group_id: attempt.group.id, current, best })
          .onConflict((oc) => oc.columns(['user_id', 'group_id']).doUpdateSet({ current, best }))
          .execute();

        const previousCard = await trx
          .selectFrom('review_cards')
          .select('card')
          .where('user_id', '=', attempt.user.id)
          .where('question_id', '=', attempt.questionId)
          .executeTakeFirst();
        const next = attempt.nextCard(previousCard?.card);
        await trx
          .insertInto('review_cards')
          .values({
            user_id: attempt.user.id,
            question_id: attempt.questionId,
            card: next.card,
            due: next.due,
          })
          .onConflict((oc) =>
            oc.columns(['user_id', 'question_id']).doUpdateSet({ card: next.card, due: next.due }),
          )
          .execute();

        await this.recordScoringWindow(trx, attempt, window, next.due);
        return {
          attemptId: toNumber(inserted.id),
          points,
          streak: current,
          bestStreak: best,
          duplicate: false,
          repeat: window !== undefined,
          nextReviewAt: next.due,
        };
      });
    } catch (error) {
      if (error instanceof QuizError) throw error;
      throw new QuizError(
        'storage_failed',
        `the answer could not be saved: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
  }

  /**
   * One write transaction. SQLite: BEGIN IMMEDIATE takes the write lock up front, so two processes
   * never both read and then deadlock upgrading to write (SQLITE_BUSY); the loser waits for
   * busy_timeout instead. PostgreSQL: an ordinary transaction, with the streak row locked inside.
   */
  private async writeTransaction<T>(work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
    if (this.dialect === 'postgres') return this.db.transaction().execute(work);
    return this.db.connection().execute(async (connection) => {
      await sql`begin immediate`.execute(connection);
      try {
        const result = await work(connection);
        await sql`commit`.execute(connection);
        return result;
      } catch (error) {
        await sql`rollback`.execute(connection);
        throw error;
      }
    });
  }

  /**
   * Issue 9: the scoring window of this user, group, part and variant, if one is still open at the
   * attempt's time (an answer repeated before its review is due scores no new points).
   */
  private async openScoringWindow(
    trx: Kysely<Database>,
    attempt: AttemptToRecord,
  ): Promise<{ bestScore: number } | undefined> {
    const row = await trx
      .selectFrom('scoring_windows')
      .select(['best_score', 'until'])
      .where('user_id', '=', attempt.user.id)
      .where('group_id', '=', attempt.group.id)
      .where('question_id', '=', attempt.questionId)
      .where('part_id', '=', attempt.partId)
      .where('variant_key', '=', variantKey(attempt))
      .executeTakeFirst();
    if (row === undefined || attempt.at >= toNumber(row.until)) return undefined;
    return { bestScore: toNumber(row.best_score) };
  }

  /** Opens a new window until the next review, or raises the best score of the open one. */
  private async recordScoringWindow(
    trx: Kysely<Database>,
    attempt: AttemptToRecord,
    open: { bestScore: number } | undefined,
    nextDue: number,
  ): Promise<void> {
    const key = {
      user_id: attempt.user.id,
      group_id: attempt.group.id,
      question_id: attempt.questionId,
      part_id: attempt.partId,
      variant_key: variantKey(attempt),
    };
    if (open === undefined) {
      await trx
        .insertInto('scoring_windows')
        .values({ ...key, best_score: attempt.score, until: nextDue })
        .onConflict((oc) =>
          oc
            .columns(['user_id', 'group_id', 'question_id', 'part_id', 'variant_key'])
            .doUpdateSet({ best_score: attempt.score, until: nextDue }),
        )
        .execute();
    } else if (attempt.score > open.bestScore) {
      await trx
        .updateTable('scoring_windows')
        .set({ best_score: attempt.score })
        .where('user_id', '=', key.user_id)
        .where('group_id', '=', key.group_id)
        .where('question_id', '=', key.question_id)
        .where('part_id', '=', key.part_id)
        .where('variant_key', '=', key.variant_key)
        .execute();
    }
  }

  private async duplicateOf(
    trx: Kysely<Database>,
    row: { id: number; points: number; user_id: string; group_id: string },
  ): Promise<RecordedAttempt> {
    const streak = await trx
      .selectFrom('streaks')
      .select(['current', 'best'])
      .where('user_id', '=', row.user_id)
      .where('group_id', '=', row.group_id)
      .executeTakeFirst();
    return {
      attemptId: toNumber(row.id),
      points: toNumber(row.points),
      streak: toNumber(streak?.current ?? 0),
      bestStreak: toNumber(streak?.best ?? 0),
      duplicate: true,
    };
  }

  async leaderboard(
    groupId: string,
    options: { since?: number; limit?: number } = {},
  ): Promise<LeaderboardRow[]> {
    // Aggregate first (over the covering index), then join names and streaks to the few rows left.
    const totals = this.db
      .selectFrom('attempts')
      .select((eb) => [
        'user_id',
        eb.fn.sum<number>('points').as('points'),
        eb.fn.countAll<number>().as('attempts'),
        eb.fn.sum<number>('correct').as('correct'),
      ])
      .where('group_id', '=', groupId)
      .where('created_at', '>=', options.since ?? 0)
      .groupBy('user_id')
      .as('totals');
    const rows = await this.db
      .selectFrom(totals)
      .innerJoin('users', 'users.id', 'totals.user_id')
      .leftJoin('streaks', (join) =>
        join.onRef('streaks.user_id', '=', 'totals.user_id').on('streaks.group_id', '=', groupId),
      )
      .select((eb) => [
        'totals.user_id as userId',
        'users.display_name as displayName',
        'totals.points as points',
        'totals.attempts as attempts',
        'totals.correct as correct',
        eb.fn.coalesce('streaks.best', sql<number>`0`).as('bestStreak'),
      ])
      .orderBy('totals.points', 'desc')
      .orderBy('totals.user_id')
      .limit(options.limit ?? 10)
      .execute();
    return rows.map((row, i) => ({
      rank: i + 1,
      userId: row.userId,
      displayName: row.displayName,
      points: toNumber(row.points),
      attempts: toNumber(row.attempts),
      correct: toNumber(row.correct),
      bestStreak: toNumber(row.bestStreak),
    }));
  }

  async dueQuestions(userId: string, now: number, questionIds: readonly number[]): Promise<number[]> {
    const cards = await this.db
      .selectFrom('review_cards')
      .select(['question_id', 'due'])
      .where('user_id', '=', userId)
      .execute();
    const dueById = new Map(cards.map((c) => [toNumber(c.question_id), toNumber(c.due)]));
    const unseen = questionIds.filter((id) => !dueById.has(id));
    const due = [...dueById.entries()]
      .filter(([id, at]) => at <= now && questionIds.includes(id))
      .sort((a, b) => a[1] - b[1]);
    return [...due.map(([id]) => id), ...unseen];
  }

  async countAttempts(filter: { userId?: string; groupId?: string } = {}): Promise<number> {
    let query = this.db.selectFrom('attempts').select((eb) => eb.fn.countAll<number>().as('n'));
    if (filter.userId !== undefined) query = query.where('user_id', '=', filter.userId);
    if (filter.groupId !== undefined) query = query.where('group_id', '=', filter.groupId);
    return toNumber((await query.executeTakeFirstOrThrow()).n);
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}
