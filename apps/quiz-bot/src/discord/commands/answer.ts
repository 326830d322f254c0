import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { FIRST_QUESTION_ID, LAST_QUESTION_ID, QUESTION_IDS_TEXT } from '../../questions/bank';
import { submitAnswer } from '../answering';
import type { SlashCommand } from '../command';

export const answer: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('answer')
    .setDescription('Answer a question directly (for quick use and scripting); only you see the result')
    .addIntegerOption((o) =>
      o
        .setName('question')
        .setDescription(`Question ${QUESTION_IDS_TEXT}`)
        .setRequired(true)
        .setMinValue(FIRST_QUESTION_ID)
        .setMaxValue(LAST_QUESTION_ID),
    )
    .addStringOption((o) =>
      o.setName('answer').setDescription('Your answer').setRequired(true).setMaxLength(2000),
    )
    .addStringOption((o) =>
      o.setName('part').setDescription('Which part (default: the first)').setMaxLength(40),
    )
    .addIntegerOption((o) =>
      o
        .setName('variant')
        .setDescription('The variant you are answering')
        .setMinValue(0)
        .setMaxValue(2 ** 31),
    )
    // Played on a server: not offered in DMs.
    .setContexts(InteractionContextType.Guild)
    .setDMPermission(false)
    .toJSON(),
  // An answer.
  records: () => true,
  async execute(interaction, ctx) {
    await submitAnswer(interaction, ctx, {
      questionId: interaction.options.getInteger('question', true),
      variantSeed: interaction.options.getInteger('variant') ?? undefined,
      partId: interaction.options.getString('part') ?? undefined,
      answer: interaction.options.getString('answer', true),
    });
  },
};
