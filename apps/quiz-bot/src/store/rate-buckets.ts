import { QuizError } from '../errors';
import { type RateLimitPolicy, takeToken } from '../rate-limit';
import type { QueryExecutor } from './compiled';
import { type StoreContext, toNumber, writeTransaction } from './context';

/**
 * The answer rate limit's token buckets, one per user, shared by every process (issue 12). The
 * rule (`takeToken`, rate-limit.ts) is pure; this only reads and writes a bucket, atomically.
 */
export class RateBuckets {
  private readonly queries;

  constructor(private readonly context: StoreContext) {
    const { db, dialect, compile } = context;
    this.queries = {
      ensure: compile<{ userId: string; tokens: number; at: number }, unknown>(
        ['userId', 'tokens', 'at'],
        (p) =>
          db
            .insertInto('rate_buckets')
            .values({ user_id: p.userId, tokens: p.tokens, updated_at: p.at })
            .onConflict((oc) => oc.column('user_id').doNothing()),
      ),
      lock: compile<{ userId: string }, { tokens: number; updated_at: number }>(['userId'], (p) => {
        const query = db
          .selectFrom('rate_buckets')
          .select(['tokens', 'updated_at'])
          .where('user_id', '=', p.userId);
        return dialect === 'postgres' ? query.forUpdate() : query;
      }),
      save: compile<{ userId: string; tokens: number; at: number }, unknown>(
        ['userId', 'tokens', 'at'],
        (p) =>
          db
            .updateTable('rate_buckets')
            .set({ tokens: p.tokens, updated_at: p.at })
            .where('user_id', '=', p.userId),
      ),
    };
  }

  /** Takes one token from the user's bucket; 0 when taken, else the milliseconds to wait. */
  async take(userId: string, now: number, policy: RateLimitPolicy): Promise<number> {
    try {
      return await writeTransaction(this.context, (trx) => this.takeIn(trx, userId, now, policy));
    } catch (error) {
      throw new QuizError(
        'storage_failed',
        `the rate limit could not be checked: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
  }

  /**
   * `takeIn` at once, synchronously, for a bucket the caller has just read in this transaction
   * (`known`) where its save runs straight on SQLite (`CompiledStatement.now`): the wait in ms (0
   * when taken); undefined, having written nothing, where it cannot (then `takeIn`). Spares the
   * answer's transaction an async call and its await (issue 20: allocation on the bot's thread).
   */
  takeInNow(
    trx: QueryExecutor,
    userId: string,
    now: number,
    policy: RateLimitPolicy,
    known: { tokens: number; updated_at: number } | null | undefined,
  ): number | undefined {
    if (known === undefined || known === null) return undefined;
    const { state, waitMs } = takeToken(
      { tokens: toNumber(known.tokens), at: toNumber(known.updated_at) },
      now,
      policy,
    );
    return this.queries.save.now(trx, { userId, tokens: state.tokens, at: state.at }) === undefined
      ? undefined
      : waitMs;
  }

  /**
   * `take` inside a write transaction the caller holds (an answer's recording: attempts.ts), so the
   * token and the attempt are written together, in one commit.
   */
  async takeIn(
    trx: QueryExecutor,
    userId: string,
    now: number,
    policy: RateLimitPolicy,
    /**
     * The bucket as the caller has just read it in this transaction (SQLite: the answer's one read,
     * attempts.ts), null where it has no row; undefined to read it here.
     */
    known?: { tokens: number; updated_at: number } | null,
  ): Promise<number> {
    const q = this.queries;
    let row = known ?? undefined;
    // A bucket read in this transaction with nothing written since needs neither the insert of a
    // missing row (it exists) nor its read again (issue 20: two statements less per answer).
    if (row === undefined) {
      // PostgreSQL: make sure the row exists, then lock it, so concurrent takes run in turn.
      // SQLite: BEGIN IMMEDIATE already serialises every writer.
      // Each statement at once where it runs straight on SQLite (`now`), awaited only otherwise.
      const ensure = { userId, tokens: policy.capacity, at: now };
      q.ensure.now(trx, ensure) ?? (await q.ensure.run(trx, ensure));
      const user = { userId };
      [row] = (q.lock.now(trx, user) ?? (await q.lock.run(trx, user))).rows;
    }
    if (row === undefined) throw new Error(`the rate bucket of ${userId} vanished inside its transaction`);
    const { state, waitMs } = takeToken(
      { tokens: toNumber(row.tokens), at: toNumber(row.updated_at) },
      now,
      policy,
    );
    const saved = { userId, tokens: state.tokens, at: state.at };
    q.save.now(trx, saved) ?? (await q.save.run(trx, saved));
    return waitMs;
  }
}
