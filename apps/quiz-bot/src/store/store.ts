import type SqliteDatabase from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { RateLimitPolicy } from '../rate-limit';
import type {
  AnswerKey,
  AttemptToRecord,
  LeaderboardRow,
  QuizStore,
  RecordedAttempt,
  RecordOptions,
  StoreTestHooks,
  StudyGroupInfo,
  UserStats,
} from './api';
import { AttemptLog } from './attempts';
import { storeContext } from './context';
import { Groups } from './groups';
import { Standings } from './leaderboard';
import type { DialectName } from './migrations';
import { RateBuckets } from './rate-buckets';
import { compileHintQueries, KyselyRoundStore, type RoundStore } from './rounds';
import type { Database } from './schema';
import { UnpaidHints } from './unpaid-hints';

// The store's contract (api.ts) is readable from here too, without a second list to keep in step.
export type * from './api';

/**
 * The quiz store on Kysely, for SQLite and PostgreSQL alike: one part per concern (attempts.ts,
 * rate-buckets.ts, leaderboard.ts, groups.ts, rounds.ts), each with its hot queries compiled once.
 * `onCompiled` is told each compiled SQL text (PostgreSQL prepares them as named statements).
 * `sqlite` (the better-sqlite3 connection under `db`) lets compiled statements run on it directly
 * (compiled.ts) and, through its `PRAGMA data_version`, the store keep each user's groups in memory
 * between answers (see Groups); without it they are read every time.
 */
export class KyselyQuizStore implements QuizStore {
  readonly rounds: RoundStore;
  private readonly attempts: AttemptLog;
  private readonly buckets: RateBuckets;
  private readonly standings: Standings;
  private readonly groups: Groups;

  constructor(
    private readonly db: Kysely<Database>,
    readonly dialect: DialectName,
    hooks: StoreTestHooks = {},
    onCompiled?: (sql: string) => void,
    sqlite?: SqliteDatabase.Database,
  ) {
    const context = storeContext(db, dialect, onCompiled, sqlite);
    // A pragma read: safe beside a transaction open on the connection.
    const dataVersion = sqlite?.prepare('pragma data_version').pluck();
    this.groups = new Groups(context, dataVersion && (() => Number(dataVersion.get())));
    this.buckets = new RateBuckets(context);
    // The hint penalty's reads, kept between answers on SQLite; the round store writes hints.
    const unpaidHints = new UnpaidHints(context, compileHintQueries(context));
    this.attempts = new AttemptLog(
      context,
      hooks,
      (userId, groupId) => this.groups.membershipsChanged(userId, groupId),
      this.buckets,
      unpaidHints,
    );
    this.standings = new Standings(context);
    this.rounds = new KyselyRoundStore(context, unpaidHints);
  }

  recordAttempt(attempt: AttemptToRecord, options?: RecordOptions): Promise<RecordedAttempt> {
    return this.attempts.record(attempt, options);
  }
  findRecordedAttempt(key: AnswerKey): Promise<RecordedAttempt | undefined> {
    return this.attempts.find(key);
  }
  takeRateToken(userId: string, now: number, policy: RateLimitPolicy): Promise<number> {
    return this.buckets.take(userId, now, policy);
  }
  leaderboard(groupId: string, options?: { since?: number; limit?: number }): Promise<LeaderboardRow[]> {
    return this.standings.leaderboard(groupId, options);
  }
  dueQuestions(userId: string, now: number, questionIds: readonly number[]): Promise<number[]> {
    return this.attempts.dueQuestions(userId, now, questionIds);
  }
  countAttempts(filter?: { userId?: string; groupId?: string }): Promise<number> {
    return this.attempts.count(filter);
  }
  setting(scope: string, key: string): Promise<string | undefined> {
    return this.groups.setting(scope, key);
  }
  setSetting(scope: string, key: string, value: string, at: number): Promise<void> {
    return this.groups.setSetting(scope, key, value, at);
  }
  createGroup(group: { id: string; name: string }, at: number): Promise<boolean> {
    return this.groups.create(group, at);
  }
  group(id: string): Promise<StudyGroupInfo | undefined> {
    return this.groups.get(id);
  }
  joinGroup(groupId: string, userId: string, displayName: string, at: number): Promise<void> {
    return this.groups.join(groupId, userId, displayName, at);
  }
  leaveGroup(groupId: string, userId: string): Promise<boolean> {
    return this.groups.leave(groupId, userId);
  }
  groupsOf(userId: string, idPrefix: string): Promise<StudyGroupInfo[]> {
    return this.groups.of(userId, idPrefix);
  }
  userStats(userId: string, groupId: string): Promise<UserStats> {
    return this.standings.userStats(userId, groupId);
  }
  async close(): Promise<void> {
    await this.db.destroy();
  }
}
