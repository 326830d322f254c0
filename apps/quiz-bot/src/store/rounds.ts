import { type Kysely, sql } from 'kysely';
import { type StoreContext, toNumber } from './context';
import type { UnpaidHints } from './unpaid-hints';

/** A timed quiz round as stored: what any process needs to close it, after a restart too. */
export interface StoredRound {
  /** The /quiz interaction's id in base 36 (the custom ids carry it). */
  readonly id: string;
  readonly questionId: number;
  readonly variantSeed: number | null;
  /** Epoch ms when answers close (the bot's clock); null: no timer. */
  readonly deadline: number | null;
  /** The /quiz interaction's token and application: the closing edit of its message (valid 15 min). */
  readonly replyToken: string;
  readonly applicationId: string;
  readonly createdAt: number;
}

/** One answer entered in a round's race, by the time of its interaction (its snowflake's time). */
export interface RoundEntry {
  readonly roundId: string;
  readonly partId: string;
  readonly userId: string;
  readonly interactionId: string;
  /** Epoch ms from the interaction's snowflake: when the user answered, not when it was measured. */
  readonly answeredAt: number;
}

/**
 * Rounds, their race and hints, in the database: every process and shard sees the same deadlines,
 * one winner per part (the earliest right answer by interaction time) announced once, and hints
 * tied to the interaction that asked for them. Only saving and loading: the rules live in the
 * Discord adapter's round module.
 */
export interface RoundStore {
  openRound(round: StoredRound): Promise<void>;
  /** Rounds whose deadline has passed and that no process has closed yet (oldest first). */
  dueRounds(now: number, limit: number): Promise<StoredRound[]>;
  /** True for exactly one caller per round: the one that closes it. */
  claimClose(roundId: string, now: number): Promise<boolean>;
  /** Records an answer as entered (still being graded), before it is graded. Idempotent. */
  enterAnswer(entry: RoundEntry, now: number): Promise<void>;
  /** Records whether an entered answer was right. */
  settleAnswer(entry: RoundEntry, right: boolean): Promise<void>;
  /**
   * The winner of a round's part if it is decided and nobody announced it yet, claimed for the
   * caller (true for exactly one caller): the earliest right entry, once no earlier entry is still
   * being graded (entries pending longer than `staleMs` are taken as lost). `undecided` when an
   * earlier entry is still pending.
   */
  claimAnnouncement(
    roundId: string,
    partId: string,
    now: number,
    staleMs: number,
  ): Promise<{ winner: RoundEntry; claimed: boolean } | 'undecided' | undefined>;
  /** A hint asked by an interaction, for a user's question (and the round it was asked in). */
  takeHint(hint: {
    userId: string;
    questionId: number;
    roundId: string | null;
    interactionId: string;
    hintedAt: number;
  }): Promise<void>;
  /** The earliest hint of this user and question taken before `answeredAt` (and after `since`) and not yet paid. */
  unpaidHint(
    userId: string,
    questionId: number,
    answeredAt: number,
    since: number,
  ): Promise<{ interactionId: string } | undefined>;
  /** Marks a hint paid by an answer; false when another answer paid it first. */
  payHint(userId: string, questionId: number, hintInteractionId: string, paidBy: string): Promise<boolean>;
  /**
   * A group's leaderboard version: changes whenever `bumpBoard` is called for it, and with every new
   * attempt recorded in it (QuizStore.recordAttempt); 0 before.
   */
  boardVersion(groupId: string): Promise<number>;
  /** Marks a group's leaderboard changed (an answer was recorded), so cached boards are redrawn. */
  bumpBoard(groupId: string): Promise<void>;
}

interface RoundRow {
  round_id: string;
  question_id: number;
  variant_seed: number | null;
  deadline: number | null;
  reply_token: string;
  application_id: string;
  created_at: number;
}

/** The round and hint queries, compiled once per store (issue 20: the answer path runs them per answer). */
/**
 * The hint penalty's two queries: the earliest hint a user took on a question before an answer (in
 * the TTL) and not yet paid, and paying it. Compiled for the round store and for the attempt log,
 * which runs them inside an answer's recording transaction (attempts.ts).
 */
export function compileHintQueries({ db, compile }: StoreContext) {
  return {
    unpaidHint: compile<
      { userId: string; questionId: number; answeredAt: number; since: number },
      { interaction_id: string }
    >(['userId', 'questionId', 'answeredAt', 'since'], (p) =>
      db
        .selectFrom('hints')
        .select('interaction_id')
        .where('user_id', '=', p.userId)
        .where('question_id', '=', p.questionId)
        .where('paid_by', 'is', null)
        .where('hinted_at', '<', p.answeredAt)
        .where('hinted_at', '>=', p.since)
        .orderBy('hinted_at')
        .limit(1),
    ),
    // Every unpaid hint of a user's question from `since` on, oldest first: what UnpaidHints keeps
    // (its window's end, the answer's time, applied in memory).
    unpaidHintsSince: compile<
      { userId: string; questionId: number; since: number },
      { interaction_id: string; hinted_at: number }
    >(['userId', 'questionId', 'since'], (p) =>
      db
        .selectFrom('hints')
        .select(['interaction_id', 'hinted_at'])
        .where('user_id', '=', p.userId)
        .where('question_id', '=', p.questionId)
        .where('paid_by', 'is', null)
        .where('hinted_at', '>=', p.since)
        .orderBy('hinted_at'),
    ),
    payHint: compile<{ userId: string; questionId: number; interactionId: string; paidBy: string }, unknown>(
      ['userId', 'questionId', 'interactionId', 'paidBy'],
      (p) =>
        db
          .updateTable('hints')
          .set({ paid_by: p.paidBy })
          .where('user_id', '=', p.userId)
          .where('question_id', '=', p.questionId)
          .where('interaction_id', '=', p.interactionId)
          .where('paid_by', 'is', null),
    ),
  };
}

function compileRoundQueries(context: StoreContext) {
  const { db, compile } = context;
  const part = ['roundId', 'partId'] as const;
  return {
    open: compile<StoredRound, unknown>(
      ['id', 'questionId', 'variantSeed', 'deadline', 'replyToken', 'applicationId', 'createdAt'],
      (p) =>
        db
          .insertInto('quiz_rounds')
          .values({
            round_id: p.id,
            question_id: p.questionId,
            variant_seed: p.variantSeed,
            deadline: p.deadline,
            reply_token: p.replyToken,
            application_id: p.applicationId,
            created_at: p.createdAt,
            closed_at: null,
          })
          .onConflict((oc) => oc.column('round_id').doNothing()),
    ),
    due: compile<{ now: number; limit: number }, RoundRow>(['now', 'limit'], (p) =>
      db
        .selectFrom('quiz_rounds')
        .select([
          'round_id',
          'question_id',
          'variant_seed',
          'deadline',
          'reply_token',
          'application_id',
          'created_at',
        ])
        .where('closed_at', 'is', null)
        .where('deadline', 'is not', null)
        .where('deadline', '<=', p.now)
        .orderBy('deadline')
        .limit(p.limit),
    ),
    close: compile<{ roundId: string; now: number }, unknown>(['roundId', 'now'], (p) =>
      db
        .updateTable('quiz_rounds')
        .set({ closed_at: p.now })
        .where('round_id', '=', p.roundId)
        .where('closed_at', 'is', null),
    ),
    enter: compile<RoundEntry & { now: number }, unknown>(
      ['roundId', 'partId', 'interactionId', 'userId', 'answeredAt', 'now'],
      (p) =>
        db
          .insertInto('round_entries')
          .values({
            round_id: p.roundId,
            part_id: p.partId,
            interaction_id: p.interactionId,
            user_id: p.userId,
            answered_at: p.answeredAt,
            entered_at: p.now,
            state: 'pending',
          })
          .onConflict((oc) => oc.columns(['round_id', 'part_id', 'interaction_id']).doNothing()),
    ),
    settle: compile<{ roundId: string; partId: string; interactionId: string; state: string }, unknown>(
      [...part, 'interactionId', 'state'],
      (p) =>
        db
          .updateTable('round_entries')
          .set({ state: p.state })
          .where('round_id', '=', p.roundId)
          .where('part_id', '=', p.partId)
          .where('interaction_id', '=', p.interactionId),
    ),
    firstRight: compile<
      { roundId: string; partId: string },
      { user_id: string; interaction_id: string; answered_at: number }
    >([...part], (p) =>
      db
        .selectFrom('round_entries')
        .select(['user_id', 'interaction_id', 'answered_at'])
        .where('round_id', '=', p.roundId)
        .where('part_id', '=', p.partId)
        .where('state', '=', 'right')
        .orderBy('answered_at')
        .orderBy('interaction_id')
        .limit(1),
    ),
    earlierPending: compile<
      { roundId: string; partId: string; answeredAt: number; freshAfter: number },
      { n: number }
    >([...part, 'answeredAt', 'freshAfter'], (p) =>
      db
        .selectFrom('round_entries')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('round_id', '=', p.roundId)
        .where('part_id', '=', p.partId)
        .where('state', '=', 'pending')
        .where('answered_at', '<', p.answeredAt)
        .where('entered_at', '>', p.freshAfter),
    ),
    claimWinner: compile<RoundEntry & { now: number }, { round_id: string }>(
      ['roundId', 'partId', 'userId', 'interactionId', 'answeredAt', 'now'],
      (p) =>
        db
          .insertInto('round_winners')
          .values({
            round_id: p.roundId,
            part_id: p.partId,
            user_id: p.userId,
            interaction_id: p.interactionId,
            answered_at: p.answeredAt,
            announced_at: p.now,
          })
          .onConflict((oc) => oc.columns(['round_id', 'part_id']).doNothing())
          .returning('round_id'),
    ),
    takeHint: compile<Hint, unknown>(['userId', 'questionId', 'interactionId', 'roundId', 'hintedAt'], (p) =>
      db
        .insertInto('hints')
        .values({
          user_id: p.userId,
          question_id: p.questionId,
          interaction_id: p.interactionId,
          round_id: p.roundId,
          hinted_at: p.hintedAt,
          paid_by: null,
        })
        .onConflict((oc) => oc.columns(['user_id', 'question_id', 'interaction_id']).doNothing()),
    ),
    ...compileHintQueries(context),
    boardVersion: compile<{ groupId: string }, { version: number }>(['groupId'], (p) =>
      db.selectFrom('board_versions').select('version').where('group_id', '=', p.groupId),
    ),
    bumpBoard: compile<{ groupId: string }, unknown>(['groupId'], (p) =>
      db
        .insertInto('board_versions')
        .values({ group_id: p.groupId, version: 1 })
        .onConflict((oc) => oc.column('group_id').doUpdateSet({ version: sql`board_versions.version + 1` })),
    ),
  };
}

interface Hint {
  userId: string;
  questionId: number;
  roundId: string | null;
  interactionId: string;
  hintedAt: number;
}

/** Rows changed by an update, on either driver. */
const changed = (result: { numAffectedRows?: bigint }) => Number(result.numAffectedRows ?? 0n);

/** RoundStore on the same Kysely database as the quiz store (SQLite and PostgreSQL alike). */
export class KyselyRoundStore implements RoundStore {
  private readonly queries: ReturnType<typeof compileRoundQueries>;
  private readonly db: StoreContext['db'];

  /** `hints`: the unpaid hints the store's answers keep (told of every hint written here). */
  constructor(
    context: StoreContext,
    private readonly hints?: UnpaidHints,
  ) {
    this.db = context.db;
    this.queries = compileRoundQueries(context);
  }

  async openRound(round: StoredRound): Promise<void> {
    await this.queries.open.run(this.db, round);
  }

  async dueRounds(now: number, limit: number): Promise<StoredRound[]> {
    const { rows } = await this.queries.due.run(this.db, { now, limit });
    return rows.map((r) => ({
      id: r.round_id,
      questionId: toNumber(r.question_id),
      variantSeed: r.variant_seed === null ? null : toNumber(r.variant_seed),
      deadline: r.deadline === null ? null : toNumber(r.deadline),
      replyToken: r.reply_token,
      applicationId: r.application_id,
      createdAt: toNumber(r.created_at),
    }));
  }

  async claimClose(roundId: string, now: number): Promise<boolean> {
    return changed(await this.queries.close.run(this.db, { roundId, now })) === 1;
  }

  async enterAnswer(entry: RoundEntry, now: number): Promise<void> {
    await this.queries.enter.run(this.db, { ...entry, now });
  }

  async settleAnswer(entry: RoundEntry, right: boolean): Promise<void> {
    await this.queries.settle.run(this.db, { ...entry, state: right ? 'right' : 'wrong' });
  }

  async claimAnnouncement(roundId: string, partId: string, now: number, staleMs: number) {
    const [first] = (await this.queries.firstRight.run(this.db, { roundId, partId })).rows;
    if (first === undefined) return undefined;
    const winner: RoundEntry = {
      roundId,
      partId,
      userId: first.user_id,
      interactionId: first.interaction_id,
      answeredAt: toNumber(first.answered_at),
    };
    const [earlierPending] = (
      await this.queries.earlierPending.run(this.db, {
        roundId,
        partId,
        answeredAt: winner.answeredAt,
        freshAfter: now - staleMs,
      })
    ).rows;
    if (toNumber(earlierPending?.n ?? 0) > 0) return 'undecided' as const;
    // The primary key makes the claim atomic across processes: one insert wins.
    const { rows } = await this.queries.claimWinner.run(this.db, { ...winner, now });
    return { winner, claimed: rows.length > 0 };
  }

  async takeHint(hint: Hint): Promise<void> {
    try {
      await this.queries.takeHint.run(this.db, hint);
    } finally {
      this.hints?.changed(hint.userId, hint.questionId);
    }
  }

  async unpaidHint(userId: string, questionId: number, answeredAt: number, since: number) {
    const [row] = (await this.queries.unpaidHint.run(this.db, { userId, questionId, answeredAt, since }))
      .rows;
    return row === undefined ? undefined : { interactionId: row.interaction_id };
  }

  async boardVersion(groupId: string): Promise<number> {
    const [row] = (await this.queries.boardVersion.run(this.db, { groupId })).rows;
    return row === undefined ? 0 : toNumber(row.version);
  }

  async bumpBoard(groupId: string): Promise<void> {
    await this.queries.bumpBoard.run(this.db, { groupId });
  }

  async payHint(userId: string, questionId: number, hintInteractionId: string, paidBy: string) {
    try {
      const result = await this.queries.payHint.run(this.db, {
        userId,
        questionId,
        interactionId: hintInteractionId,
        paidBy,
      });
      return changed(result) === 1;
    } finally {
      this.hints?.changed(userId, questionId);
    }
  }
}

/** Migration 0006: rounds, their race, round winners and hints (issue 20). */
export async function createRoundTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('quiz_rounds')
    .addColumn('round_id', 'text', (c) => c.primaryKey())
    .addColumn('question_id', 'integer', (c) => c.notNull())
    .addColumn('variant_seed', 'bigint')
    .addColumn('deadline', 'bigint')
    .addColumn('reply_token', 'text', (c) => c.notNull())
    .addColumn('application_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('closed_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('quiz_rounds_open')
    .on('quiz_rounds')
    .columns(['closed_at', 'deadline'])
    .execute();
  await db.schema
    .createTable('round_entries')
    .addColumn('round_id', 'text', (c) => c.notNull())
    .addColumn('part_id', 'text', (c) => c.notNull())
    .addColumn('interaction_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('answered_at', 'bigint', (c) => c.notNull())
    .addColumn('entered_at', 'bigint', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('round_entries_pk', ['round_id', 'part_id', 'interaction_id'])
    .execute();
  await db.schema
    .createTable('round_winners')
    .addColumn('round_id', 'text', (c) => c.notNull())
    .addColumn('part_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('interaction_id', 'text', (c) => c.notNull())
    .addColumn('answered_at', 'bigint', (c) => c.notNull())
    .addColumn('announced_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('round_winners_pk', ['round_id', 'part_id'])
    .execute();
  await db.schema
    .createTable('board_versions')
    .addColumn('group_id', 'text', (c) => c.primaryKey())
    .addColumn('version', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('hints')
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('question_id', 'integer', (c) => c.notNull())
    .addColumn('interaction_id', 'text', (c) => c.notNull())
    .addColumn('round_id', 'text')
    .addColumn('hinted_at', 'bigint', (c) => c.notNull())
    .addColumn('paid_by', 'text')
    .addPrimaryKeyConstraint('hints_pk', ['user_id', 'question_id', 'interaction_id'])
    .execute();
}
