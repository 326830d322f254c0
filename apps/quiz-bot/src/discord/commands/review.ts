import { InteractionContextType, MessageFlags, SlashCommandBuilder } from 'discord.js';
import type { SlashCommand } from '../command';
import { quizUserId } from '../context';

export const review: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('review')
    .setDescription('The questions due for you (spaced repetition)')
    // Played on a server: not offered in DMs.
    .setContexts(InteractionContextType.Guild)
    .setDMPermission(false)
    .toJSON(),
  async execute(interaction, ctx) {
    const due = await ctx.engine.due(quizUserId(interaction.user.id));
    const content =
      due.length === 0
        ? 'Nothing is due for review. Well done.'
        : `Due for review, most urgent first:\n${due.map((q) => `• **${q.id}.** ${q.title}`).join('\n')}\nStart with \`/quiz question:${due[0]!.id}\`.`;
    await interaction.reply({ content, flags: MessageFlags.Ephemeral });
  },
};
