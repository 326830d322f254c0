import {
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  MessageFlags,
  type ModalSubmitInteraction,
} from 'discord.js';
import type { BotContext } from './context';
import { currentGroup, displayNameOf, quizUserId } from './context';
import { BotError } from './errors';
import { resultEmbed } from './render';
import { ENTRY_STALE_MS, interactionTime, runOwingHint } from './rounds';

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

type Answerable = ChatInputCommandInteraction | ButtonInteraction | ModalSubmitInteraction;

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
  const question = ctx.engine.question(input.questionId, input.variantSeed);
  const part = ctx.engine.part(question, input.partId);
  // Discord allows 3 s before the first reply; a model run may take longer, so defer first. So does
  // a long queue: when this interaction already waited long enough that the reply could miss 3 s.
  if (part.kind === 'numeric' || ctx.queue.shouldDefer(interaction.id))
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  if (part.kind === 'numeric') ctx.detachFromQueue?.();
  const userId = quizUserId(interaction.user.id);
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
    if (entry !== undefined) await ctx.store.rounds.enterAnswer(entry, ctx.now());
    const group = await currentGroup(ctx, interaction);
    const result = await runOwingHint(
      ctx.store,
      {
        userId,
        questionId: input.questionId,
        interactionId: interaction.id,
        idempotencyKey: idempotencyKeyOf(interaction.id),
      },
      () =>
        ctx.engine.answer({
          userId,
          displayName: displayNameOf(interaction),
          groupId: group.id,
          groupName: group.name,
          questionId: input.questionId,
          partId: part.id,
          answer: input.answer,
          ...(input.variantSeed === undefined ? {} : { variantSeed: input.variantSeed }),
          // A redelivered interaction (gateway resume, retry) has the same id: scored once.
          idempotencyKey: idempotencyKeyOf(interaction.id),
        }),
    );
    return { group, result };
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
  if (!interaction.deferred) {
    // No model runs, but a busy database can still be slow: when scoring is not done by the time
    // the deferral budget (measured from the interaction's creation) runs out, acknowledge first
    // so the reply never misses Discord's 3 s.
    if (!(await settlesWithin(scoring, ctx.queue.deferAfterMs(interaction.id))))
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  }
  const { group, result } = await scoring;
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
  const message = { embeds: [resultEmbed(result)] };
  try {
    if (interaction.deferred) await interaction.editReply(message);
    else await interaction.reply({ ...message, flags: MessageFlags.Ephemeral });
  } catch (error) {
    // Discord failed even after the retries: the answer is stored all the same, so the sentence the
    // user gets (the dispatcher tries once more) says so, with its points.
    throw new BotError(
      'answer_recorded',
      `${result.points} point${result.points === 1 ? '' : 's'} for question ${result.question.id} (${result.part.id}). Discord could not show the full result just now; /stats shows your points`,
      { cause: error },
    );
  }
  if (entry !== undefined) {
    await settled;
    await announceWinner(interaction, ctx, entry.roundId, entry.partId, result.question.id);
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
