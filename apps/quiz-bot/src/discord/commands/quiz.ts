import {
  ActionRowBuilder,
  type ButtonInteraction,
  InteractionContextType,
  MessageFlags,
  ModalBuilder,
  type ModalSubmitInteraction,
  SlashCommandBuilder,
  TextInputBuilder,
  TextInputStyle,
} from 'discord.js';
import {
  FIRST_QUESTION_ID,
  LAST_QUESTION_ID,
  QUESTION_IDS_TEXT,
  QUESTIONS,
  VARIANT_QUESTION_IDS_TEXT,
} from '../../questions/bank';
import { answerFormatHint, studyHint } from '../../questions/hints';
import { submitAnswer } from '../answering';
import type { ComponentHandler, SlashCommand } from '../command';
import { type BotContext, guildIdOf, questionSeconds, quizUserId } from '../context';
import { BotError } from '../errors';
import { clip, customId, parseRound, questionMessage, type RoundRef } from '../render';
import { interactionTime } from '../rounds';

export const quiz: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('quiz')
    .setDescription('Ask a question: one you choose, one due for review, or a random one')
    .addIntegerOption((o) =>
      o
        .setName('question')
        .setDescription(`Question ${QUESTION_IDS_TEXT} (default: what is due for you)`)
        .setMinValue(FIRST_QUESTION_ID)
        .setMaxValue(LAST_QUESTION_ID),
    )
    .addIntegerOption((o) =>
      o
        .setName('variant')
        .setDescription(`A generated variant (questions ${VARIANT_QUESTION_IDS_TEXT})`)
        .setMinValue(0)
        .setMaxValue(2 ** 31),
    )
    // Played on a server: not offered in DMs.
    .setContexts(InteractionContextType.Guild)
    .setDMPermission(false)
    .toJSON(),
  async execute(interaction, ctx) {
    const guildId = guildIdOf(interaction);
    const chosen = interaction.options.getInteger('question') ?? undefined;
    const variantSeed = interaction.options.getInteger('variant') ?? undefined;
    let questionId = chosen;
    if (questionId === undefined) {
      const due = await ctx.engine.due(quizUserId(interaction.user.id));
      questionId = due[0]?.id ?? QUESTIONS[Math.floor(Math.random() * QUESTIONS.length)]!.id;
    }
    // A variant asked without a question: one of the questions that have variants (the engine's list).
    const variantQuestions = ctx.engine.variantQuestionIds();
    if (variantSeed !== undefined && !variantQuestions.includes(questionId) && chosen === undefined)
      questionId = variantQuestions[variantSeed % variantQuestions.length]!;
    const question = ctx.engine.question(questionId, variantSeed);
    const seconds = await questionSeconds(ctx, guildId);
    const round: RoundRef = {
      questionId: question.id,
      variantSeed,
      deadline: seconds > 0 ? ctx.now() + seconds * 1000 : undefined,
      roundId: BigInt(interaction.id).toString(36),
    };
    const message = questionMessage(question, round);
    await interaction.reply(message);
    // Kept in the store: any shard (or this bot after a restart) closes it at its deadline, once.
    await ctx.rounds.open({
      id: round.roundId,
      questionId: question.id,
      variantSeed: variantSeed ?? null,
      deadline: round.deadline ?? null,
      replyToken: interaction.token,
      applicationId: interaction.applicationId,
      createdAt: ctx.now(),
    });
  },
};

function roundOf(args: readonly string[]) {
  const parsed = parseRound(args);
  if (parsed === null)
    throw new BotError('unknown_component', `malformed custom id ${clip(args.join(':'), 80)}`);
  return parsed;
}

function hintFor(ctx: BotContext, round: RoundRef): string {
  const question = ctx.engine.question(round.questionId, round.variantSeed);
  return question.parts.map((part) => `**${part.id}**: ${studyHint(part)}`).join('\n');
}

/** The quiz message's buttons and the answer modal. */
export const quizComponents: ComponentHandler = {
  prefix: 'quiz',
  // An answer (a pick, the modal) or a hint; `open` only shows the modal.
  records: (interaction, args) => interaction.isModalSubmit() || args[0] === 'pick' || args[0] === 'hint',
  async button(interaction: ButtonInteraction, args, ctx) {
    const { action, round, part, extra } = roundOf(args);
    if (round.deadline !== undefined && ctx.now() > round.deadline)
      throw new BotError('time_up', `question ${round.questionId} is closed. Start a new round with /quiz`);
    switch (action) {
      case 'open': {
        const question = ctx.engine.question(round.questionId, round.variantSeed);
        const target = ctx.engine.part(question, part);
        const input = new TextInputBuilder()
          .setCustomId('answer')
          .setLabel(target.kind === 'numeric' ? 'Your answer (a number, units allowed)' : 'Your answer')
          .setStyle(target.kind === 'rubric' ? TextInputStyle.Paragraph : TextInputStyle.Short)
          .setMaxLength(target.kind === 'rubric' ? 2000 : 100)
          .setRequired(true);
        const placeholder = answerFormatHint(target)?.placeholder;
        if (placeholder !== undefined) input.setPlaceholder(placeholder);
        const modal = new ModalBuilder()
          .setCustomId(customId('submit', round, target.id))
          .setTitle(clip(`Question ${question.id}: ${target.id}`, 45))
          .addComponents(new ActionRowBuilder<TextInputBuilder>().addComponents(input));
        await interaction.showModal(modal);
        return;
      }
      case 'pick':
        await submitAnswer(interaction, ctx, {
          questionId: round.questionId,
          variantSeed: round.variantSeed,
          partId: part,
          answer: String(Number(extra) + 1),
          deadline: round.deadline,
          roundId: round.roundId,
        });
        return;
      case 'hint':
        // Tied to this interaction's time: an answer sent before it does not pay; the next right one does.
        await ctx.store.rounds.takeHint({
          userId: quizUserId(interaction.user.id),
          questionId: round.questionId,
          roundId: round.roundId,
          interactionId: interaction.id,
          hintedAt: interactionTime(interaction.id),
        });
        await interaction.reply({ content: `💡 ${hintFor(ctx, round)}`, flags: MessageFlags.Ephemeral });
        return;
      default:
        throw new BotError('unknown_component', `unknown quiz action ${clip(action, 20)}`);
    }
  },
  async modal(interaction: ModalSubmitInteraction, args, ctx) {
    const { action, round, part } = roundOf(args);
    if (action !== 'submit') throw new BotError('unknown_component', `unknown modal ${clip(action, 20)}`);
    await submitAnswer(interaction, ctx, {
      questionId: round.questionId,
      variantSeed: round.variantSeed,
      partId: part,
      answer: interaction.fields.getTextInputValue('answer'),
      deadline: round.deadline,
      roundId: round.roundId,
    });
  },
};
