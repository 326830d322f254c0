import { sql } from 'kysely';
import type { LeaderboardRow, UserStats } from './api';
import { type StoreContext, toNumber } from './context';

interface BoardRow {
  userId: string;
  displayName: string;
  points: number;
  attempts: number;
  correct: number;
  bestStreak: number;
}

/** Reads of the totals: a group's leaderboard and a user's statistics. */
export class Standings {
  private readonly board;

  constructor(private readonly context: StoreContext) {
    const { db, compile } = context;
    // Aggregate first (over the covering index), then join names and streaks to the few rows left.
    this.board = compile<{ groupId: string; since: number; limit: number }, BoardRow>(
      ['groupId', 'since', 'limit'],
      (p) => {
        const totals = db
          .selectFrom('attempts')
          .select((eb) => [
            'user_id',
            eb.fn.sum<number>('points').as('points'),
            eb.fn.countAll<number>().as('attempts'),
            eb.fn.sum<number>('correct').as('correct'),
          ])
          .where('group_id', '=', p.groupId)
          .where('created_at', '>=', p.since)
          .groupBy('user_id')
          .as('totals');
        return db
          .selectFrom(totals)
          .innerJoin('users', 'users.id', 'totals.user_id')
          .leftJoin('streaks', (join) =>
            join.onRef('streaks.user_id', '=', 'totals.user_id').on('streaks.group_id', '=', p.groupId),
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
          .limit(p.limit);
      },
    );
  }

  /** A group's leaderboard since `since` (default 0: all time), the top `limit` (default 10). */
  async leaderboard(
    groupId: string,
    options: { since?: number; limit?: number } = {},
  ): Promise<LeaderboardRow[]> {
    const { rows } = await this.board.run(this.context.db, {
      groupId,
      since: options.since ?? 0,
      limit: options.limit ?? 10,
    });
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

  /** A user's answers per question in a group: attempts, correct ones, mean score; and the streak. */
  async userStats(userId: string, groupId: string): Promise<UserStats> {
    const { db } = this.context;
    const rows = await db
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
    const streak = await db
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
}
