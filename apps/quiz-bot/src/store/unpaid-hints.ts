import type { Kysely } from 'kysely';
import type { StoreContext } from './context';
import type { compileHintQueries } from './rounds';
import type { Database } from './schema';

/** At most this many users' questions have their unpaid hints kept (the oldest dropped first). */
const KEPT_LIMIT = 10_000;

/** An unpaid hint as the answer path reads it: which interaction asked, and when (epoch ms). */
interface UnpaidHintRow {
  readonly interaction_id: string;
  readonly hinted_at: number;
}

/**
 * The unpaid hints of each user's question, kept between answers where that is provably the same
 * as reading them (issue 20: the hint penalty was a query in every answer's transaction, though
 * hints are rare). Kept only on SQLite with the connection at hand, and only read and filled inside
 * an answer's write transaction, under the `PRAGMA data_version` read when that transaction began
 * (`StoreContext.transactionDataVersion`):
 * - another connection (another process, another store on the same file) that commits anything
 *   changes the data version, and none can commit while this connection holds the write lock
 *   (BEGIN IMMEDIATE), so a list kept under the same version has not been changed by anyone else;
 * - this store's own hint writes (`takeHint`, `payHint`, a paid penalty) do not change the data
 *   version: each drops its user's question (`changed`);
 * - a list filled inside a group commit that is then rolled back whole may show what an earlier
 *   write of it did and was undone (a hint paid): every list is dropped once such a rollback is seen
 *   (`StoreContext.transactionsRolledBack`). A write undone alone (its savepoint) undoes only its own
 *   writes, and a paid hint has dropped its list already.
 * PostgreSQL (several processes, no such version) and a store without the connection read every time.
 */
export class UnpaidHints {
  private readonly kept = new Map<string, { version: number; since: number; rows: UnpaidHintRow[] }>();
  /** The connection's count of whole rollbacks when the lists were last checked against it. */
  private rolledBack = 0;

  constructor(
    private readonly context: StoreContext,
    private readonly queries: ReturnType<typeof compileHintQueries>,
  ) {}

  /**
   * The earliest hint this user took on this question before `answeredAt` (at or after `since`)
   * that nobody paid: read inside the answer's write transaction `trx`.
   */
  async earliest(
    trx: Kysely<Database>,
    hint: { userId: string; questionId: number; answeredAt: number; since: number },
  ): Promise<{ interaction_id: string } | undefined> {
    const version = this.context.transactionDataVersion?.();
    if (version === undefined) return (await this.queries.unpaidHint.run(trx, hint)).rows[0];
    const key = keyOf(hint.userId, hint.questionId);
    let kept = this.keptList(key, version, hint.since);
    if (kept === undefined) {
      const { rows } = await this.queries.unpaidHintsSince.run(trx, hint);
      kept = {
        version,
        since: hint.since,
        rows: rows.map((r) => ({ ...r, hinted_at: Number(r.hinted_at) })),
      };
      this.kept.delete(key);
      this.kept.set(key, kept);
      if (this.kept.size > KEPT_LIMIT) this.kept.delete(this.kept.keys().next().value!);
    }
    return firstInWindow(kept.rows, hint);
  }

  /**
   * `earliest` at once, synchronously, where the list is kept (see the class): the hint, or null
   * for none; undefined where it must be read (then `earliest`). Spares the answer's transaction an
   * async call and its await (issue 20: allocation on the bot's thread).
   */
  earliestKept(hint: {
    userId: string;
    questionId: number;
    answeredAt: number;
    since: number;
  }): { interaction_id: string } | null | undefined {
    const version = this.context.transactionDataVersion?.();
    if (version === undefined) return undefined;
    const kept = this.keptList(keyOf(hint.userId, hint.questionId), version, hint.since);
    return kept === undefined ? undefined : (firstInWindow(kept.rows, hint) ?? null);
  }

  /** The list kept for `key` if it still holds (same data version, read from `since` or earlier). */
  private keptList(key: string, version: number, since: number) {
    const rolledBack = this.context.transactionsRolledBack?.() ?? 0;
    if (rolledBack !== this.rolledBack) {
      this.kept.clear();
      this.rolledBack = rolledBack;
    }
    const kept = this.kept.get(key);
    // A list read from an earlier `since` holds every unpaid hint from this one too.
    return kept === undefined || kept.version !== version || kept.since > since ? undefined : kept;
  }

  /** This store wrote a hint of this user's question (took or paid one): its list is read again. */
  changed(userId: string, questionId: number): void {
    this.kept.delete(keyOf(userId, questionId));
  }
}

const keyOf = (userId: string, questionId: number) => `${questionId}\u0000${userId}`;

/** Oldest first: the first in the window is the one the windowed query would have found. */
function firstInWindow(
  rows: readonly UnpaidHintRow[],
  hint: { answeredAt: number; since: number },
): UnpaidHintRow | undefined {
  for (const row of rows) if (row.hinted_at >= hint.since && row.hinted_at < hint.answeredAt) return row;
  return undefined;
}
