import { type Kysely, sql } from 'kysely';
import { QuizError } from '../errors';
import { isSameAnswer, scopedIdempotencyKey } from '../idempotency';
import { type RateLimitPolicy, takeToken } from '../rate-limit';
import type { DialectName } from './migrations';
import { KyselyRoundStore, type RoundStore } from './rounds';
import type { Database } from './schema';

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

export interface AttemptToRecord {
  /** Scoped to the user and question; see AnswerKey. */
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

export interface StudyGroupInfo {
  readonly id: string;
  readonly name: string;
  readonly members: number;
  readonly createdAt: number;
}

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

const toNumber = (value: unknown) => Number(value);
/**
 * Issue 18: a part scores once per review interval whatever the variant (every variant of a
 * question asks the same concept), so every variant shares the part's one scoring window. The
 * column stays in the key (rows written before kept their seed there and simply no longer match).
 */
const SHARED_WINDOW_VARIANT_KEY = '';

const answerKeyOf = (attempt: AttemptToRecord): AnswerKey => ({
  idempotencyKey: attempt.idempotencyKey,
  userId: attempt.user.id,
  groupId: attempt.group.id,
  questionId: attempt.questionId,
  partId: attempt.partId,
  variantSeed: attempt.variantSeed,
  answer: attempt.answer,
});

/** The stored key: the caller's key scoped to its user and question (see idempotency.ts). */
const scopedKeyOf = (key: AnswerKey) => scopedIdempotencyKey(key);

/** Hooks for crash tests: run inside a write transaction, after every write and before COMMIT. */
export interface StoreTestHooks {
  readonly beforeCommit?: (idempotencyKey: string) => Promise<void>;
}

export class KyselyQuizStore implements QuizStore {
  readonly rounds: RoundStore;
  constructor(
    private readonly db: Kysely<Database>,
    readonly dialect: DialectName,
    private readonly hooks: StoreTestHooks = {},
  ) {
    this.rounds = new KyselyRoundStore(db);
  }

  async recordAttempt(attempt: AttemptToRecord): Promise<RecordedAttempt> {
    const key = answerKeyOf(attempt);
    const scopedKey = scopedKeyOf(key);
    try {
      return await this.writeTransaction(async (trx) => {
        const existing = await this.attemptByKey(trx, scopedKey);
        if (existing !== undefined) return this.duplicateOf(trx, existing, key);

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

        // Lock the streak row on PostgreSQL so two processes score one user's answers in turn. It is
        // created first (if missing): FOR UPDATE locks nothing on a row that does not exist yet, and
        // two first answers would both see a streak of 0.
        await trx
          .insertInto('streaks')
          .values({ user_id: attempt.user.id, group_id: attempt.group.id, current: 0, best: 0 })
          .onConflict((oc) => oc.columns(['user_id', 'group_id']).doNothing())
          .execute();
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
            idempotency_key: scopedKey,
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
          const winner = await this.attemptByKey(trx, scopedKey);
          if (winner === undefined) throw new Error(`attempt ${scopedKey} vanished after a conflict`);
          return this.duplicateOf(trx, winner, key);
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
        // Kept with the attempt, so a duplicate reply reports the streak this answer made.
        await trx
          .updateTable('attempts')
          .set({ streak_after: current, best_streak_after: best })
          .where('id', '=', inserted.id)
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
        await this.hooks.beforeCommit?.(attempt.idempotencyKey);
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
        // SQLite has already rolled back after SQLITE_FULL, SQLITE_IOERR and some SQLITE_BUSY:
        // ROLLBACK then fails ("no transaction is active"), and must not hide what happened.
        await sql`rollback`.execute(connection).catch(() => {});
        throw error;
      }
    });
  }

  /**
   * Issue 9: the scoring window of this user, group and part (any variant), if one is still open at the
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
      .where('variant_key', '=', SHARED_WINDOW_VARIANT_KEY)
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
      variant_key: SHARED_WINDOW_VARIANT_KEY,
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

  async findRecordedAttempt(key: AnswerKey): Promise<RecordedAttempt | undefined> {
    const row = await this.attemptByKey(this.db, scopedKeyOf(key));
    return row === undefined ? undefined : this.duplicateOf(this.db, row, key);
  }

  async takeRateToken(userId: string, now: number, policy: RateLimitPolicy): Promise<number> {
    try {
      return await this.writeTransaction(async (trx) => {
        // PostgreSQL: make sure the row exists, then lock it, so concurrent takes run in turn.
        // SQLite: BEGIN IMMEDIATE already serialises every writer.
        await trx
          .insertInto('rate_buckets')
          .values({ user_id: userId, tokens: policy.capacity, updated_at: now })
          .onConflict((oc) => oc.column('user_id').doNothing())
          .execute();
        let query = trx
          .selectFrom('rate_buckets')
          .select(['tokens', 'updated_at'])
          .where('user_id', '=', userId);
        if (this.dialect === 'postgres') query = query.forUpdate();
        const row = await query.executeTakeFirstOrThrow();
        const { state, waitMs } = takeToken(
          { tokens: toNumber(row.tokens), at: toNumber(row.updated_at) },
          now,
          policy,
        );
        await trx
          .updateTable('rate_buckets')
          .set({ tokens: state.tokens, updated_at: state.at })
          .where('user_id', '=', userId)
          .execute();
        return waitMs;
      });
    } catch (error) {
      throw new QuizError(
        'storage_failed',
        `the rate limit could not be checked: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
  }

  private attemptByKey(db: Kysely<Database>, scopedKey: string) {
    return db
      .selectFrom('attempts')
      .select([
        'id',
        'points',
        'user_id',
        'group_id',
        'question_id',
        'part_id',
        'variant_seed',
        'answer',
        'streak_after',
        'best_streak_after',
      ])
      .where('idempotency_key', '=', scopedKey)
      .executeTakeFirst();
  }

  private async duplicateOf(
    trx: Kysely<Database>,
    row: {
      id: number;
      points: number;
      user_id: string;
      group_id: string;
      part_id: string;
      variant_seed: number | null;
      answer: string;
      streak_after: number | null;
      best_streak_after: number | null;
    },
    key: AnswerKey,
  ): Promise<RecordedAttempt> {
    const recorded = {
      groupId: row.group_id,
      partId: row.part_id,
      variantSeed: row.variant_seed === null ? null : toNumber(row.variant_seed),
      answer: row.answer,
    };
    if (!isSameAnswer(recorded, key)) {
      throw new QuizError(
        'idempotency_key_reused',
        `the key ${JSON.stringify(key.idempotencyKey.slice(0, 40))} already recorded a different answer to question ${key.questionId} (part ${row.part_id}): use a new key for a new answer`,
        { context: { idempotencyKey: key.idempotencyKey.slice(0, 200), questionId: key.questionId } },
      );
    }
    // The streak this answer made (recorded with it); attempts from before migration 0005 have
    // none, and report the current streak as before.
    if (row.streak_after !== null && row.best_streak_after !== null)
      return {
        attemptId: toNumber(row.id),
        points: toNumber(row.points),
        streak: toNumber(row.streak_after),
        bestStreak: toNumber(row.best_streak_after),
        duplicate: true,
      };
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

  async setting(scope: string, key: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('bot_settings')
      .select('value')
      .where('scope', '=', scope)
      .where('key', '=', key)
      .executeTakeFirst();
    return row?.value;
  }

  async setSetting(scope: string, key: string, value: string, at: number): Promise<void> {
    await this.db
      .insertInto('bot_settings')
      .values({ scope, key, value, updated_at: at })
      .onConflict((oc) => oc.columns(['scope', 'key']).doUpdateSet({ value, updated_at: at }))
      .execute();
  }

  async createGroup(group: { id: string; name: string }, at: number): Promise<boolean> {
    const inserted = await this.db
      .insertInto('study_groups')
      .values({ id: group.id, name: group.name, created_at: at })
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .executeTakeFirst();
    return inserted !== undefined;
  }

  async group(id: string): Promise<StudyGroupInfo | undefined> {
    const row = await this.db
      .selectFrom('study_groups')
      .leftJoin('memberships', 'memberships.group_id', 'study_groups.id')
      .select((eb) => [
        'study_groups.id as id',
        'study_groups.name as name',
        'study_groups.created_at as createdAt',
        eb.fn.count<number>('memberships.user_id').as('members'),
      ])
      .where('study_groups.id', '=', id)
      .groupBy(['study_groups.id', 'study_groups.name', 'study_groups.created_at'])
      .executeTakeFirst();
    return row === undefined
      ? undefined
      : { id: row.id, name: row.name, createdAt: toNumber(row.createdAt), members: toNumber(row.members) };
  }

  async joinGroup(groupId: string, userId: string, displayName: string, at: number): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('users')
        .values({ id: userId, display_name: displayName, created_at: at })
        .onConflict((oc) => oc.column('id').doUpdateSet({ display_name: displayName }))
        .execute();
      await trx
        .insertInto('memberships')
        .values({ group_id: groupId, user_id: userId, joined_at: at })
        .onConflict((oc) => oc.columns(['group_id', 'user_id']).doUpdateSet({ joined_at: at }))
        .execute();
    });
  }

  async leaveGroup(groupId: string, userId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('memberships')
      .where('group_id', '=', groupId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async groupsOf(userId: string, idPrefix: string): Promise<StudyGroupInfo[]> {
    const rows = await this.db
      .selectFrom('memberships')
      .innerJoin('study_groups', 'study_groups.id', 'memberships.group_id')
      .select(['study_groups.id as id', 'study_groups.name as name', 'study_groups.created_at as createdAt'])
      .where('memberships.user_id', '=', userId)
      // substr, not LIKE: group ids may hold `_`, a LIKE wildcard, and both databases have substr.
      .where(sql<string>`substr(memberships.group_id, 1, ${idPrefix.length})`, '=', idPrefix)
      .orderBy('memberships.joined_at', 'desc')
      .execute();
    return Promise.all(rows.map(async (row) => (await this.group(row.id))!));
  }

  async userStats(userId: string, groupId: string): Promise<UserStats> {
    const rows = await this.db
      .selectFrom('attempts')
      .select((eb) => [
        'question_id',
        eb.fn.countAll<number>().as('attempts'),
        eb.fn.sum<number>('correct').as('correct'),
        eb.fn.avg<number>('score').as('meanScore'),
        eb.fn.sum<number>('points').as('points'),
      ])
      .where('user_id', '=', userId)
      .where('group_id', '=', groupId)
      .groupBy('question_id')
      .orderBy('question_id')
      .execute();
    const streak = await this.db
      .selectFrom('streaks')
      .select(['current', 'best'])
      .where('user_id', '=', userId)
      .where('group_id', '=', groupId)
      .executeTakeFirst();
    return {
      perQuestion: rows.map((r) => ({
        questionId: toNumber(r.question_id),
        attempts: toNumber(r.attempts),
        correct: toNumber(r.correct),
        meanScore: toNumber(r.meanScore),
      })),
      streak: toNumber(streak?.current ?? 0),
      bestStreak: toNumber(streak?.best ?? 0),
      points: rows.reduce((sum, r) => sum + toNumber(r.points), 0),
    };
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}
