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
  /** Points for this attempt given the streak before it (scoring stays out of storage). */
  readonly pointsFor: (streakBefore: number) => number;
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
        const points = attempt.pointsFor(streakBefore);

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

        const current = attempt.correct ? streakBefore + 1 : 0;
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

        return {
          attemptId: toNumber(inserted.id),
          points,
          streak: current,
          bestStreak: best,
          duplicate: false,
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
