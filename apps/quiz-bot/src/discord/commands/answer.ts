import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { QUESTIONS } from '../../questions/bank';
import { submitAnswer } from '../answering';
import type { SlashCommand } from '../command';

export const answer: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('answer')
    .setDescription('Answer a question directly (for quick use and scripting); only you see the result')
    .addIntegerOption((o) =>
      o
        .setName('question')
        .setDescription('Question 1 to 8')
        .setRequired(true)
        .setMinValue(1)
        .setMaxValue(QUESTIONS.length),
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
  async execute(interaction, ctx) {
    await submitAnswer(interaction, ctx, {
      questionId: interaction.options.getInteger('question', true),
      variantSeed: interaction.options.getInteger('variant') ?? undefined,
      partId: interaction.options.getString('part') ?? undefined,
      answer: interaction.options.getString('answer', true),
    });
  },
};
