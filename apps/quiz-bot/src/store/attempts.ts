import { type Kysely, type Selectable, sql } from 'kysely';
import { QuizError } from '../errors';
import { isSameAnswer, scopedIdempotencyKey } from '../idempotency';
import { rateLimitedError } from '../rate-limit';
import { scoreAnswer, scoringWindowVariantKey } from '../scoring';
import type { AnswerKey, AttemptToRecord, RecordedAttempt, RecordOptions, StoreTestHooks } from './api';
import { type StoreContext, toNumber, writeTransaction } from './context';
import type { RateBuckets } from './rate-buckets';
import { compileHintQueries } from './rounds';
import type { Database } from './schema';
import { UnpaidHints } from './unpaid-hints';

type Executor = Kysely<Database>;

/** The queries of the answer path, compiled once per store (issue 20). */
function compileAttemptQueries({ db, dialect, compile }: StoreContext) {
  return {
    byKey: compile<{ key: string }, AttemptRow>(['key'], (p) =>
      db
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
        .where('idempotency_key', '=', p.key),
    ),
    upsertUser: compile<{ id: string; name: string; at: number }, unknown>(['id', 'name', 'at'], (p) =>
      db
        .insertInto('users')
        .values({ id: p.id, display_name: p.name, created_at: p.at })
        .onConflict((oc) => oc.column('id').doUpdateSet({ display_name: p.name })),
    ),
    ensureGroup: compile<{ id: string; name: string; at: number }, unknown>(['id', 'name', 'at'], (p) =>
      db
        .insertInto('study_groups')
        .values({ id: p.id, name: p.name, created_at: p.at })
        .onConflict((oc) => oc.column('id').doNothing()),
    ),
    ensureMembership: compile<{ groupId: string; userId: string; at: number }, unknown>(
      ['groupId', 'userId', 'at'],
      (p) =>
        db
          .insertInto('memberships')
          .values({ group_id: p.groupId, user_id: p.userId, joined_at: p.at })
          .onConflict((oc) => oc.columns(['group_id', 'user_id']).doNothing()),
    ),
    ensureStreak: compile<{ userId: string; groupId: string }, unknown>(['userId', 'groupId'], (p) =>
      db
        .insertInto('streaks')
        .values({ user_id: p.userId, group_id: p.groupId, current: 0, best: 0 })
        .onConflict((oc) => oc.columns(['user_id', 'group_id']).doNothing()),
    ),
    // Locks the streak row on PostgreSQL, so two processes score one user's answers in turn.
    lockStreak: compile<{ userId: string; groupId: string }, { current: number; best: number }>(
      ['userId', 'groupId'],
      (p) => {
        const query = db
          .selectFrom('streaks')
          .select(['current', 'best'])
          .where('user_id', '=', p.userId)
          .where('group_id', '=', p.groupId);
        return dialect === 'postgres' ? query.forUpdate() : query;
      },
    ),
    streak: compile<{ userId: string; groupId: string }, { current: number; best: number }>(
      ['userId', 'groupId'],
      (p) =>
        db
          .selectFrom('streaks')
          .select(['current', 'best'])
          .where('user_id', '=', p.userId)
          .where('group_id', '=', p.groupId),
    ),
    window: compile<WindowKey, { best_score: number; until: number }>(WINDOW_KEY, (p) =>
      db
        .selectFrom('scoring_windows')
        .select(['best_score', 'until'])
        .where('user_id', '=', p.userId)
        .where('group_id', '=', p.groupId)
        .where('question_id', '=', p.questionId)
        .where('part_id', '=', p.partId)
        .where('variant_key', '=', p.variantKey),
    ),
    card: compile<{ userId: string; questionId: number }, { card: string }>(['userId', 'questionId'], (p) =>
      db
        .selectFrom('review_cards')
        .select('card')
        .where('user_id', '=', p.userId)
        .where('question_id', '=', p.questionId),
    ),
    insertAttempt: compile<AttemptInsert, { id: number }>(ATTEMPT_COLUMNS, (p) =>
      db
        .insertInto('attempts')
        .values(p)
        .onConflict((oc) => oc.column('idempotency_key').doNothing())
        .returning('id'),
    ),
    // SQLite: the same insert without RETURNING (issue 20: RETURNING cost ~10 µs more per answer);
    // the id is the row's rowid (`id` is its alias), given by the run when it inserted a row.
    insertAttemptRow:
      dialect === 'sqlite'
        ? compile<AttemptInsert, unknown>(ATTEMPT_COLUMNS, (p) =>
            db
              .insertInto('attempts')
              .values(p)
              .onConflict((oc) => oc.column('idempotency_key').doNothing()),
          )
        : undefined,
    saveStreak: compile<{ userId: string; groupId: string; current: number; best: number }, unknown>(
      ['userId', 'groupId', 'current', 'best'],
      (p) =>
        db
          .insertInto('streaks')
          .values({ user_id: p.userId, group_id: p.groupId, current: p.current, best: p.best })
          .onConflict((oc) =>
            oc.columns(['user_id', 'group_id']).doUpdateSet({ current: p.current, best: p.best }),
          ),
    ),
    saveCard: compile<{ userId: string; questionId: number; card: string; due: number }, unknown>(
      ['userId', 'questionId', 'card', 'due'],
      (p) =>
        db
          .insertInto('review_cards')
          .values({ user_id: p.userId, question_id: p.questionId, card: p.card, due: p.due })
          .onConflict((oc) =>
            oc.columns(['user_id', 'question_id']).doUpdateSet({ card: p.card, due: p.due }),
          ),
    ),
    saveWindow: compile<WindowKey & { bestScore: number; until: number }, unknown>(
      [...WINDOW_KEY, 'bestScore', 'until'],
      (p) =>
        db
          .insertInto('scoring_windows')
          .values({
            user_id: p.userId,
            group_id: p.groupId,
            question_id: p.questionId,
            part_id: p.partId,
            variant_key: p.variantKey,
            best_score: p.bestScore,
            until: p.until,
          })
          .onConflict((oc) =>
            oc
              .columns(['user_id', 'group_id', 'question_id', 'part_id', 'variant_key'])
              .doUpdateSet({ best_score: p.bestScore, until: p.until }),
          ),
    ),
    // SQLite: what the answer's transaction reads, in one statement (issue 20: one statement per
    // read was most of SQLite's cost on the bot's thread). Each column is a scalar subquery, NULL
    // where its row is missing (every column read is NOT NULL, so NULL means no row); `known_name`
    // is the user's name where the user, the group and the membership all exist.
    snapshot:
      dialect === 'sqlite'
        ? compile<SnapshotKey, SnapshotRow>(
            ['key', 'userId', 'groupId', 'questionId', 'partId', 'variantKey'],
            (p) =>
              db.selectNoFrom((eb) => {
                // One scalar subquery per column (a row of each table, by its key).
                const bucket = (column: 'tokens' | 'updated_at') =>
                  eb.selectFrom('rate_buckets').select(column).where('user_id', '=', p.userId).as(column);
                const streak = (column: 'current' | 'best') =>
                  eb
                    .selectFrom('streaks')
                    .select(column)
                    .where('user_id', '=', p.userId)
                    .where('group_id', '=', p.groupId)
                    .as(column);
                const window = (column: 'best_score' | 'until') =>
                  eb
                    .selectFrom('scoring_windows')
                    .select(column)
                    .where('user_id', '=', p.userId)
                    .where('group_id', '=', p.groupId)
                    .where('question_id', '=', p.questionId)
                    .where('part_id', '=', p.partId)
                    .where('variant_key', '=', p.variantKey)
                    .as(column);
                return [
                  eb
                    .selectFrom('attempts')
                    .select('id')
                    .where('idempotency_key', '=', p.key)
                    .as('existing_id'),
                  bucket('tokens'),
                  bucket('updated_at'),
                  eb
                    .selectFrom('memberships')
                    .innerJoin('users', 'users.id', 'memberships.user_id')
                    .innerJoin('study_groups', 'study_groups.id', 'memberships.group_id')
                    .select('users.display_name')
                    .where('users.id', '=', p.userId)
                    .where('study_groups.id', '=', p.groupId)
                    .as('known_name'),
                  streak('current'),
                  streak('best'),
                  window('best_score'),
                  window('until'),
                  eb
                    .selectFrom('review_cards')
                    .select('card')
                    .where('user_id', '=', p.userId)
                    .where('question_id', '=', p.questionId)
                    .as('card'),
                ];
              }),
          )
        : undefined,
    // The group's leaderboard version (rounds.ts: boardVersion), moved on by every new attempt in
    // the same transaction, so a cached board is never older than the attempts it counts.
    bumpBoard: compile<{ groupId: string }, unknown>(['groupId'], (p) =>
      db
        .insertInto('board_versions')
        .values({ group_id: p.groupId, version: 1 })
        .onConflict((oc) => oc.column('group_id').doUpdateSet({ version: sql`board_versions.version + 1` })),
    ),
  };
}

/**
 * An attempt's row as inserted: every column of the table but the generated id, the streaks it left
 * always written (they are NULL only in rows from before migration 0005).
 */
type AttemptInsert = {
  [column in Exclude<AttemptColumn, 'variant_seed'>]: NonNullable<Selectable<Database['attempts']>[column]>;
} & { variant_seed: number | null };
type AttemptColumn = Exclude<keyof Database['attempts'], 'id'>;

/** The inserted columns, in the statement's order (the type checks that none is missing or extra). */
const ATTEMPT_COLUMNS = [
  'idempotency_key',
  'user_id',
  'group_id',
  'question_id',
  'part_id',
  'variant_seed',
  'answer',
  'score',
  'points',
  'correct',
  'created_at',
  'streak_after',
  'best_streak_after',
] as const satisfies readonly AttemptColumn[];
type MissingColumn = Exclude<AttemptColumn, (typeof ATTEMPT_COLUMNS)[number]>;
const everyColumnInserted: [MissingColumn] extends [never] ? true : MissingColumn = true;
void everyColumnInserted;

interface WindowKey {
  userId: string;
  groupId: string;
  questionId: number;
  partId: string;
  variantKey: string;
}
const WINDOW_KEY = ['userId', 'groupId', 'questionId', 'partId', 'variantKey'] as const;

interface SnapshotKey extends WindowKey {
  key: string;
}

/** What the SQLite answer transaction reads at its start (`snapshot`); null where the row is missing. */
interface SnapshotRow {
  existing_id: number | null;
  tokens: number | null;
  updated_at: number | null;
  known_name: string | null;
  current: number | null;
  best: number | null;
  best_score: number | null;
  until: number | null;
  card: string | null;
}

interface AttemptRow {
  id: number;
  points: number;
  user_id: string;
  group_id: string;
  question_id: number;
  part_id: string;
  variant_seed: number | null;
  answer: string;
  streak_after: number | null;
  best_streak_after: number | null;
}

const answerKeyOf = (attempt: AttemptToRecord): AnswerKey => ({
  idempotencyKey: attempt.idempotencyKey,
  userId: attempt.user.id,
  groupId: attempt.group.id,
  questionId: attempt.questionId,
  partId: attempt.partId,
  variantSeed: attempt.variantSeed,
  answer: attempt.answer,
});

/**
 * Attempts and what recording one changes (streak, scoring window, review card), and the
 * idempotency look-up. Only saving and loading: what an answer earns is decided by `scoreAnswer`
 * (scoring.ts) from the rows read here, inside the same transaction.
 */
export class AttemptLog {
  private readonly queries: ReturnType<typeof compileAttemptQueries>;
  private readonly hints: ReturnType<typeof compileHintQueries>;
  private readonly unpaidHints: UnpaidHints;

  /**
   * `onMembershipAdded` is called with the user and group after a recording that made the user a
   * member of the group (the first answer there), whether or not the transaction committed. `buckets` takes a
   * recording's rate token inside its transaction (`RecordOptions.rateLimit`). `unpaidHints` reads
   * the hint penalty (shared with the round store, which writes hints); by default one of its own.
   */
  constructor(
    private readonly context: StoreContext,
    private readonly hooks: StoreTestHooks = {},
    private readonly onMembershipAdded?: (userId: string, groupId: string) => void,
    private readonly buckets?: RateBuckets,
    unpaidHints?: UnpaidHints,
  ) {
    this.queries = compileAttemptQueries(context);
    this.hints = compileHintQueries(context);
    this.unpaidHints = unpaidHints ?? new UnpaidHints(context, this.hints);
  }

  /**
   * Records an attempt in one write transaction: the duplicate check, then (with `options`) the
   * rate token and the hint owed, then everything the attempt changes (see RecordOptions).
   */
  async record(attempt: AttemptToRecord, options: RecordOptions = {}): Promise<RecordedAttempt> {
    const key = answerKeyOf(attempt);
    const scopedKey = scopedIdempotencyKey(key);
    const q = this.queries;
    const user = { userId: attempt.user.id, groupId: attempt.group.id };
    let joined = false;
    try {
      return await writeTransaction(this.context, async (trx) => {
        // Each statement at once where it runs straight on SQLite (`now`), awaited only otherwise
        // (issue 20: an await per statement was a promise and a microtask more per answer).
        const byKey = { key: scopedKey };
        const windowKey = {
          ...user,
          questionId: attempt.questionId,
          partId: attempt.partId,
          variantKey: scoringWindowVariantKey(attempt.variantSeed),
        };
        const cardKey = { userId: attempt.user.id, questionId: attempt.questionId };
        // SQLite with its connection at hand: every read below in one statement, made before any
        // write of this answer (none of those writes touches a row it reads); otherwise undefined,
        // and each is read on its own as before.
        const snapshot = q.snapshot?.now(trx, { key: scopedKey, ...windowKey })?.rows[0];
        const existing =
          snapshot !== undefined && snapshot.existing_id === null
            ? undefined
            : (q.byKey.now(trx, byKey) ?? (await q.byKey.run(trx, byKey))).rows[0];
        if (existing !== undefined) return this.duplicateOf(trx, existing, key);
        if (options.rateLimit !== undefined) {
          if (this.buckets === undefined) throw new Error('this attempt log has no rate buckets');
          const bucket =
            snapshot === undefined
              ? undefined
              : snapshot.tokens === null
                ? null
                : { tokens: snapshot.tokens, updated_at: snapshot.updated_at! };
          const waitMs =
            this.buckets.takeInNow(trx, attempt.user.id, attempt.at, options.rateLimit, bucket) ??
            (await this.buckets.takeIn(trx, attempt.user.id, attempt.at, options.rateLimit, bucket));
          // Thrown: the transaction rolls back, and the bucket is as it was (a refusal takes nothing).
          if (waitMs > 0) throw rateLimitedError(waitMs);
        }

        const named = { id: attempt.user.id, name: attempt.user.displayName, at: attempt.at };
        if (snapshot === undefined || snapshot.known_name === null) {
          q.upsertUser.now(trx, named) ?? (await q.upsertUser.run(trx, named));
          const group = { id: attempt.group.id, name: attempt.group.name, at: attempt.at };
          q.ensureGroup.now(trx, group) ?? (await q.ensureGroup.run(trx, group));
          const member = { ...user, at: attempt.at };
          const membership =
            q.ensureMembership.now(trx, member) ?? (await q.ensureMembership.run(trx, member));
          if (Number(membership.numAffectedRows ?? 0) > 0) joined = true;
        } else if (snapshot.known_name !== attempt.user.displayName) {
          // The user, the group and the membership exist (the snapshot found all three): the group's
          // and the membership's inserts would do nothing; only the user's new name is written.
          q.upsertUser.now(trx, named) ?? (await q.upsertUser.run(trx, named));
        }
        // (Else the user's name is the one stored: its upsert would write the same name.)
        let streakRow: { current: number; best: number } | undefined;
        // The streak row is missing and not created yet (see below).
        let streakMissing = false;
        if (snapshot === undefined) {
          // The streak row is created first (if missing): FOR UPDATE locks nothing on a row that does
          // not exist yet, and two first answers would both see a streak of 0.
          q.ensureStreak.now(trx, user) ?? (await q.ensureStreak.run(trx, user));
          [streakRow] = (q.lockStreak.now(trx, user) ?? (await q.lockStreak.run(trx, user))).rows;
        } else if (snapshot.current === null) {
          // Not created here (issue 20: one statement less on a user's first answer in a group):
          // `saveStreak` below, an upsert, inserts it with this answer's streak, the row that creating
          // it at 0, 0 first and updating it made; nothing reads it in between (a missing row reads as
          // 0, 0), and SQLite's BEGIN IMMEDIATE already serialises the writers (nothing to lock).
          streakMissing = true;
        } else streakRow = { current: snapshot.current, best: snapshot.best! };
        const windowRow =
          snapshot === undefined
            ? (q.window.now(trx, windowKey) ?? (await q.window.run(trx, windowKey))).rows[0]
            : snapshot.best_score === null
              ? undefined
              : { best_score: snapshot.best_score, until: snapshot.until! };
        const cardRow =
          snapshot === undefined
            ? (q.card.now(trx, cardKey) ?? (await q.card.run(trx, cardKey))).rows[0]
            : snapshot.card === null
              ? undefined
              : { card: snapshot.card };
        // Read after the streak row is locked (PostgreSQL): this user's answers in this group pay
        // a hint in turn, so two concurrent right answers never both pay one hint.
        // Kept in memory between answers where that is provably the same as reading it (SQLite,
        // under the data version this transaction began with: see UnpaidHints).
        let hint: { interaction_id: string } | undefined;
        if (options.hint !== undefined) {
          const asked = {
            userId: attempt.user.id,
            questionId: attempt.questionId,
            answeredAt: options.hint.answeredAt,
            since: options.hint.since,
          };
          // Where the list is kept, without an await (the usual case: one hint read per user's question).
          const kept = this.unpaidHints.earliestKept(asked);
          hint = kept === undefined ? await this.unpaidHints.earliest(trx, asked) : (kept ?? undefined);
        }
        const decision = scoreAnswer(hint === undefined ? attempt : { ...attempt, hintOwed: true }, {
          streak: toNumber(streakRow?.current ?? 0),
          bestStreak: toNumber(streakRow?.best ?? 0),
          window:
            windowRow === undefined
              ? undefined
              : { bestScore: toNumber(windowRow.best_score), until: toNumber(windowRow.until) },
          card: cardRow?.card,
        });

        const row: AttemptInsert = {
          idempotency_key: scopedKey,
          user_id: attempt.user.id,
          group_id: attempt.group.id,
          question_id: attempt.questionId,
          part_id: attempt.partId,
          variant_seed: attempt.variantSeed,
          answer: attempt.answer,
          score: attempt.score,
          points: decision.points,
          correct: attempt.correct ? 1 : 0,
          created_at: attempt.at,
          // Kept with the attempt, so a duplicate reply reports the streak this answer made.
          streak_after: decision.streak,
          best_streak_after: decision.bestStreak,
        };
        // Straight on SQLite, no RETURNING: a row inserted (one change) has the run's rowid as its id;
        // none (the key's conflict) is no row, as RETURNING gives none.
        const ran = q.insertAttemptRow?.now(trx, row);
        const [inserted] =
          ran === undefined
            ? (q.insertAttempt.now(trx, row) ?? (await q.insertAttempt.run(trx, row))).rows
            : ran.numAffectedRows === 1n
              ? [{ id: Number(ran.insertId) }]
              : [];
        if (inserted === undefined) {
          // Another process recorded the same key between our check and insert. (The streak row is
          // created all the same, as before.)
          if (streakMissing) q.ensureStreak.now(trx, user) ?? (await q.ensureStreak.run(trx, user));
          const winner = await this.byKey(trx, scopedKey);
          if (winner === undefined) throw new Error(`attempt ${scopedKey} vanished after a conflict`);
          return this.duplicateOf(trx, winner, key);
        }
        const streak = { ...user, current: decision.streak, best: decision.bestStreak };
        q.saveStreak.now(trx, streak) ?? (await q.saveStreak.run(trx, streak));
        const card = { ...cardKey, card: decision.card, due: decision.due };
        q.saveCard.now(trx, card) ?? (await q.saveCard.run(trx, card));
        const windowSaved = { ...windowKey, ...decision.window };
        q.saveWindow.now(trx, windowSaved) ?? (await q.saveWindow.run(trx, windowSaved));
        const board = { groupId: attempt.group.id };
        q.bumpBoard.now(trx, board) ?? (await q.bumpBoard.run(trx, board));
        if (hint !== undefined && options.hint !== undefined && attempt.correct) {
          this.unpaidHints.changed(attempt.user.id, attempt.questionId);
          await this.hints.payHint.run(trx, {
            userId: attempt.user.id,
            questionId: attempt.questionId,
            interactionId: hint.interaction_id,
            paidBy: options.hint.interactionId,
          });
        }
        if (this.hooks.beforeCommit !== undefined) await this.hooks.beforeCommit(attempt.idempotencyKey);
        return {
          attemptId: toNumber(inserted.id),
          points: decision.points,
          streak: decision.streak,
          bestStreak: decision.bestStreak,
          duplicate: false,
          repeat: decision.repeat,
          nextReviewAt: decision.due,
        };
      });
    } catch (error) {
      if (error instanceof QuizError) throw error;
      throw new QuizError(
        'storage_failed',
        `the answer could not be saved: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    } finally {
      if (joined) this.onMembershipAdded?.(attempt.user.id, attempt.group.id);
    }
  }

  /** The attempt already recorded under this key (`duplicate: true`), if any; refuses a different payload. */
  async find(key: AnswerKey): Promise<RecordedAttempt | undefined> {
    const row = await this.byKey(this.context.db, scopedIdempotencyKey(key));
    return row === undefined ? undefined : this.duplicateOf(this.context.db, row, key);
  }

  private async byKey(executor: Executor, scopedKey: string): Promise<AttemptRow | undefined> {
    return (await this.queries.byKey.run(executor, { key: scopedKey })).rows[0];
  }

  private async duplicateOf(executor: Executor, row: AttemptRow, key: AnswerKey): Promise<RecordedAttempt> {
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
    const found = { attemptId: toNumber(row.id), points: toNumber(row.points), duplicate: true };
    // The streak this answer made (recorded with it); attempts from before migration 0005 have
    // none, and report the current streak as before.
    if (row.streak_after !== null && row.best_streak_after !== null)
      return { ...found, streak: toNumber(row.streak_after), bestStreak: toNumber(row.best_streak_after) };
    const [streak] = (await this.queries.streak.run(executor, { userId: row.user_id, groupId: row.group_id }))
      .rows;
    return { ...found, streak: toNumber(streak?.current ?? 0), bestStreak: toNumber(streak?.best ?? 0) };
  }

  /** How many attempts are stored, of a user and/or a group. */
  async count(filter: { userId?: string; groupId?: string } = {}): Promise<number> {
    let query = this.context.db.selectFrom('attempts').select((eb) => eb.fn.countAll<number>().as('n'));
    if (filter.userId !== undefined) query = query.where('user_id', '=', filter.userId);
    if (filter.groupId !== undefined) query = query.where('group_id', '=', filter.groupId);
    return toNumber((await query.executeTakeFirstOrThrow()).n);
  }

  /** Question ids whose review is due for a user, earliest first, and those never answered. */
  async dueQuestions(userId: string, now: number, questionIds: readonly number[]): Promise<number[]> {
    const cards = await this.context.db
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
}
