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

/** How long a model-free answer may take before the reply is deferred (Discord allows 3 s in all). */
export const DEFER_AFTER_MS = 1_000;

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
  // Discord allows 3 s before the first reply; a model run may take longer, so defer first.
  if (part.kind === 'numeric') await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  // The group look-up is part of the race below: on a busy database it is slow too.
  const scoring = (async () => {
    const group = await currentGroup(ctx, interaction);
    const result = await ctx.engine.answer({
      userId: quizUserId(interaction.user.id),
      displayName: displayNameOf(interaction),
      groupId: group.id,
      groupName: group.name,
      questionId: input.questionId,
      partId: part.id,
      answer: input.answer,
      ...(input.variantSeed === undefined ? {} : { variantSeed: input.variantSeed }),
      // A redelivered interaction (gateway resume, retry) has the same id: scored once.
      idempotencyKey: `discord:${interaction.id}`,
    });
    return { group, result };
  })();
  if (!interaction.deferred) {
    // No model runs, but a busy database can still be slow: when scoring takes longer than
    // DEFER_AFTER_MS, acknowledge first so the reply never misses Discord's 3 s.
    scoring.catch(() => {}); // awaited below; this only keeps the race from leaving it unhandled
    const first = await Promise.race([
      scoring.then(
        () => 'scored',
        () => 'scored',
      ),
      new Promise<'slow'>((resolve) => setTimeout(resolve, DEFER_AFTER_MS, 'slow').unref()),
    ]);
    if (first === 'slow') await interaction.deferReply({ flags: MessageFlags.Ephemeral });
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
  if (interaction.deferred) await interaction.editReply(message);
  else await interaction.reply({ ...message, flags: MessageFlags.Ephemeral });
  // A round is a race: the first fully right answer to each part is announced to everyone.
  if (
    input.roundId !== undefined &&
    result.grade.correct &&
    !result.duplicate &&
    ctx.winners.claim(input.roundId, result.part.id)
  ) {
    await interaction.followUp({
      content: `🏁 <@${interaction.user.id}> was the first to answer question ${result.question.id} (${result.part.id}) right.`,
      allowedMentions: { parse: [] },
    });
  }
}
