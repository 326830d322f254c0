import {
  type APIEmbed,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  InteractionResponseType,
  MessageFlags,
  type ModalSubmitInteraction,
  RateLimitError,
  Routes,
} from 'discord.js';
import type { BotContext } from './context';
import { currentGroup, displayNameOf, quizUserId } from './context';
import { BotError } from './errors';
import type { DeferralReason } from './queue';
import { resultEmbed } from './render';
import { ENTRY_STALE_MS, HINT_TTL_MS, interactionTime } from './rounds';

/** How long a model-free answer may take before the reply is deferred (Discord allows 3 s in all). */
export const DEFER_AFTER_MS = 1_000;

/** True when `work` settles (either way) within `ms`. */
export async function settlesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const settled = await Promise.race([
    work.then(
      () => true,
      () => true,
    ),
    new Promise<false>((resolve) => {
      timer = setTimeout(resolve, ms, false);
    }),
  ]);
  clearTimeout(timer);
  return settled;
}

/** An interaction's idempotency key: a redelivered interaction (same id) is scored once. */
const idempotencyKeyOf = (interactionId: string) => `discord:${interactionId}`;

/**
 * Edits a deferred reply with one REST call, as `editReply` would, without discord.js' payload
 * resolution and the Message object it builds from the response (both on the bot's thread, for
 * every deferred answer of a burst, and nothing here reads them). Pings nobody, like every message.
 */
async function editOriginal(
  interaction: Answerable,
  ctx: BotContext,
  message: { embeds: APIEmbed[] },
): Promise<void> {
  try {
    await offThread(
      ctx,
      interaction.client.rest.patch(
        Routes.webhookMessage(interaction.applicationId, interaction.token, '@original'),
        { auth: false, body: { ...message, allowed_mentions: { parse: [] } } },
      ),
    );
  } finally {
    // The deferred answer's reply: its cost sample ends here (see ReplyQueue).
    ctx.queued?.replied();
  }
}

/** Awaits `waiting` off the interaction's own clock (see QueuedInteraction.waitFor). */
const offThread = <T>(ctx: BotContext, waiting: Promise<T>): Promise<T> =>
  ctx.queued === undefined ? waiting : ctx.queued.waitFor(waiting);

type Answerable = ChatInputCommandInteraction | ButtonInteraction | ModalSubmitInteraction;

/**
 * Defers (type 5, ephemeral) with one REST call, as `deferReply` would, without discord.js' payload
 * work; marks the interaction deferred as `deferReply` does and tells the measured queue. A 429
 * the REST client would not wait out is thrown (the answer's reply is then tried instead).
 */
async function deferEphemeral(interaction: Answerable, ctx: BotContext): Promise<void> {
  try {
    await interaction.client.rest.post(Routes.interactionCallback(interaction.id, interaction.token), {
      auth: false,
      body: {
        type: InteractionResponseType.DeferredChannelMessageWithSource,
        data: { flags: MessageFlags.Ephemeral },
      },
    });
  } finally {
    ctx.queued?.deferred();
  }
  interaction.ephemeral = true;
  interaction.deferred = true;
}

/**
 * Replies (ephemeral) with one REST call, as `reply` would, without discord.js' payload resolution
 * (MessagePayload) on the bot's thread for every answer (issue 20); marks the interaction replied
 * as `reply` does and tells the measured queue. A 429 the REST client would not wait out
 * (`lateCallbackRule`) is turned into a deferral and an edit, as `deferWhenRateLimited` does.
 * Pings nobody, like every message.
 */
async function replyEphemeral(interaction: Answerable, ctx: BotContext, message: { embeds: APIEmbed[] }) {
  ctx.phases?.mark(interaction.id, 'reply');
  try {
    await offThread(
      ctx,
      interaction.client.rest.post(Routes.interactionCallback(interaction.id, interaction.token), {
        auth: false,
        body: {
          type: InteractionResponseType.ChannelMessageWithSource,
          data: { ...message, flags: MessageFlags.Ephemeral, allowed_mentions: { parse: [] } },
        },
      }),
    );
  } catch (error) {
    // Waiting out this 429 would miss Discord's 3 s: defer at once, and put the reply in the edit.
    if (error instanceof RateLimitError) {
      ctx.queue.countDeferral('rate-limit');
      const send = () => deferEphemeral(interaction, ctx);
      await offThread(ctx, ctx.queued === undefined ? send() : ctx.queued.aside(send));
      await editOriginal(interaction, ctx, message);
      return;
    }
    throw error;
  } finally {
    ctx.queued?.replied();
  }
  interaction.ephemeral = true;
  interaction.replied = true;
}

/**
 * The one answer path of the Discord adapter (modal, buttons and /answer all come here): checks
 * the timer, defers when a model must run, and scores once per interaction id.
 */
export async function submitAnswer(
  interaction: Answerable,
  ctx: BotContext,
  input: {
    questionId: number;
    variantSeed: number | undefined;
    partId: string | undefined;
    answer: string;
    deadline?: number | undefined;
    /** The round this answer belongs to (buttons and modal of a /quiz message). */
    roundId?: string | undefined;
  },
): Promise<void> {
  if (input.deadline !== undefined && ctx.now() > input.deadline) {
    throw new BotError(
      'time_up',
      `question ${input.questionId} closed <t:${Math.floor(input.deadline / 1000)}:R>. Start a new round with /quiz`,
    );
  }
  // Resolved once (validated, question and part found, text cleaned and read): the deferral rule,
  // the early grade and the answer's turn all use this one resolution (issue 17).
  const userId = quizUserId(interaction.user.id);
  const request = ctx.engine.resolveAnswer({
    userId,
    displayName: displayNameOf(interaction),
    questionId: input.questionId,
    variantSeed: input.variantSeed,
    partId: input.partId,
    answer: input.answer,
    // A redelivered interaction (gateway resume, retry) has the same id: scored once.
    idempotencyKey: idempotencyKeyOf(interaction.id),
  });
  ctx.phases?.mark(interaction.id, 'resolved');
  const part = request.part;
  // Discord allows 3 s before the first reply; a model run may take longer, so defer first: only a
  // real one (a numeric answer whose measurement is cached is graded in about a millisecond). So does
  // a long queue: when the measured queue predicts a reply past the budget. The deferral is sent at
  // once, before this answer waits for its turn in the lane.
  const modelRun = ctx.engine.needsModelRun(part);
  let deferring: Promise<unknown> | undefined;
  let replying = false;
  const defer = (reason: DeferralReason) => {
    ctx.queue.countDeferral(reason);
    // The deferral's send is not this answer's own work: its extra REST call must not raise the
    // measured cost per interaction, or deferrals would breed deferrals (see ReplyQueue).
    const send = () => deferEphemeral(interaction, ctx);
    deferring = ctx.queued === undefined ? send() : ctx.queued.aside(send);
    deferring.catch(() => {}); // awaited before the reply or edit
  };
  if (modelRun) defer('model');
  else {
    const laneMs = ctx.lane.predictedMs();
    if (ctx.queue.shouldDefer(interaction.id, Date.now(), laneMs))
      defer(ctx.queue.shouldDefer(interaction.id, Date.now()) ? 'queue' : 'lane');
  }
  // Else, when the reply has not started by the end of the budget (counted from the interaction's
  // creation, whatever held it up: the lane, a busy database), acknowledge first so it never
  // misses Discord's 3 s.
  const timer =
    deferring === undefined
      ? setTimeout(() => {
          if (!replying && deferring === undefined) defer('deadline');
        }, ctx.queue.deferAfterMs(interaction.id))
      : undefined;
  timer?.unref();
  // A rubric answer goes to the grading worker now, before it waits for a place in the lane, and
  // takes a place only once its grade is back: no place is held while the worker grades, so a slow
  // grade never holds up the answers behind it (issue 20).
  const answer = ctx.engine.startGrading(request);
  // A model run waits on a worker: out of the measured queue, and out of the lane. Every other
  // answer is worked on in arrival order, a few at a time (see WorkLane).
  let leaveLane: (() => void) | undefined;
  try {
    leaveLane = modelRun
      ? undefined
      : await offThread(ctx, ctx.lane.enter(ctx.engine.startedGrade(answer), interaction.user.id));
  } catch (error) {
    // The lane was closed (the bot is stopping): the dispatcher tells the user; no deferral after it.
    // A deferral already sent is waited for first, as on the normal path: until it is back the
    // interaction is not marked deferred, and the dispatcher's reply would be a second callback
    // (40060), with the user left on "thinking…" if the deferral won.
    clearTimeout(timer);
    // A deferral that failed leaves the interaction undeferred: the dispatcher replies instead.
    const deferral = deferring?.catch(() => {});
    if (deferral !== undefined) await offThread(ctx, deferral);
    throw error;
  }
  ctx.phases?.mark(interaction.id, 'lane');
  if (modelRun) {
    ctx.queued?.detach();
    await deferring;
  }
  // A round is a race decided by when each user answered (the interaction's snowflake time), not by
  // which answer finished grading first: the entry is stored before grading.
  const entry =
    input.roundId === undefined
      ? undefined
      : {
          roundId: input.roundId,
          partId: part.id,
          userId,
          interactionId: interaction.id,
          answeredAt: interactionTime(interaction.id),
        };
  // The group look-up is part of the race below: on a busy database it is slow too.
  const scoring = (async () => {
    try {
      if (entry !== undefined) await offThread(ctx, ctx.store.rounds.enterAnswer(entry, ctx.now()));
      const group = await offThread(ctx, currentGroup(ctx, interaction));
      const answeredAt = interactionTime(interaction.id);
      const result = await offThread(
        ctx,
        ctx.engine.answer(answer, {
          group,
          // A right answer pays the hint this user took on this question before it (in the TTL), by
          // the interactions' own times, inside the answer's transaction: an answer sent before the
          // hint never pays, concurrent answers never trade penalties.
          hint: { answeredAt, since: answeredAt - HINT_TTL_MS, interactionId: interaction.id },
        }),
      );
      return { group, result };
    } finally {
      // Scored (or failed): the next answer's turn, while this one's reply goes out.
      leaveLane?.();
    }
  })();
  // Whatever happens to the answer, its entry is settled, so it never holds up the race.
  const settled =
    entry === undefined
      ? undefined
      : scoring.then(
          ({ result }) => ctx.store.rounds.settleAnswer(entry, result.grade.correct),
          () => ctx.store.rounds.settleAnswer(entry, false),
        );
  settled?.catch((error: unknown) => ctx.logger.warn({ err: error }, 'could not settle a round entry'));
  // From here the reply (or the deferral's edit) is under way: the timer may not defer any more.
  const outcome = await offThread(
    ctx,
    scoring.then(
      (scored) => ({ scored }),
      (error: unknown) => ({ error }),
    ),
  );
  replying = true;
  ctx.phases?.mark(interaction.id, 'scored');
  clearTimeout(timer);
  // A deferral that failed (Discord kept failing) is not the end: the reply below is tried instead.
  if (deferring !== undefined)
    await offThread(
      ctx,
      deferring.catch((error: unknown) => ctx.logger.warn({ err: error }, 'could not defer an answer')),
    );
  if ('error' in outcome) throw outcome.error;
  const { group, result } = outcome.scored;
  const message = { embeds: [resultEmbed(result)] };
  try {
    if (interaction.deferred) await editOriginal(interaction, ctx, message);
    else await replyEphemeral(interaction, ctx, message);
  } catch (error) {
    // Discord failed even after the retries: the answer is stored all the same, so the sentence the
    // user gets (the dispatcher tries once more) says so, with its points.
    throw new BotError(
      'answer_recorded',
      `${result.points} point${result.points === 1 ? '' : 's'} for question ${result.question.id} (${result.part.id}). Discord could not show the full result just now; /stats shows your points`,
      { cause: error },
    );
  } finally {
    // Logged once the reply is on its way: a log line is a synchronous write, and the reply is what
    // Discord times (issue 20).
    ctx.logger.info(
      {
        event: 'answer',
        interaction: interaction.id,
        user: interaction.user.id,
        group: group.id,
        question: result.question.id,
        part: result.part.id,
        score: result.grade.score,
        points: result.points,
        duplicate: result.duplicate,
      },
      'answer scored',
    );
  }
  if (entry !== undefined) {
    // After the reply: a failure here (the store closing as the bot stops) is logged, never put in
    // place of the result the user already has (the answer is stored).
    try {
      await settled;
      await announceWinner(interaction, ctx, entry.roundId, entry.partId, result.question.id);
    } catch (error) {
      ctx.logger.warn({ interaction: interaction.id, err: error }, 'could not announce a round winner');
    }
  }
}

/**
 * Announces a round part's winner once it is decided (no earlier answer still being graded) and
 * nobody announced it: exactly one process wins the claim in the store. An answer that finds an
 * earlier one still pending leaves the announcement to that one.
 */
async function announceWinner(
  interaction: Answerable,
  ctx: BotContext,
  roundId: string,
  partId: string,
  questionId: number,
): Promise<void> {
  const decided = await ctx.store.rounds.claimAnnouncement(roundId, partId, ctx.now(), ENTRY_STALE_MS);
  if (decided === undefined || decided === 'undecided' || !decided.claimed) return;
  const winner = decided.winner.userId.replace(/^discord:/, '');
  await interaction.followUp({
    content: `🏁 <@${winner}> was the first to answer question ${questionId} (${partId}) right.`,
  });
}
