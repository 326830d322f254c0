import { EmbedBuilder, InteractionContextType, MessageFlags, SlashCommandBuilder } from 'discord.js';
import type { SlashCommand } from '../command';
import { currentGroup, quizUserId } from '../context';
import { escapeUserText } from '../render';

export const stats: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('stats')
    .setDescription('Your accuracy per question, your streak and your due reviews')
    // Played on a server: not offered in DMs.
    .setContexts(InteractionContextType.Guild)
    .setDMPermission(false)
    .toJSON(),
  async execute(interaction, ctx) {
    const userId = quizUserId(interaction.user.id);
    const group = await currentGroup(ctx, interaction);
    const [stats, due] = await Promise.all([ctx.store.userStats(userId, group.id), ctx.engine.due(userId)]);
    const lines = stats.perQuestion.map(
      (q) =>
        `**${q.questionId}.** ${q.correct}/${q.attempts} right · mean score ${Math.round(q.meanScore * 100)}%`,
    );
    const embed = new EmbedBuilder()
      .setTitle(`Your stats in ${escapeUserText(group.name)}`)
      .setDescription(lines.length === 0 ? 'No answers yet: try `/quiz`.' : lines.join('\n'))
      .addFields(
        { name: 'Points', value: String(stats.points), inline: true },
        { name: 'Streak', value: `${stats.streak} (best ${stats.bestStreak})`, inline: true },
        {
          name: 'Due for review',
          value: due.length === 0 ? 'nothing' : due.map((q) => q.id).join(', '),
          inline: true,
        },
      );
    await interaction.reply({ embeds: [embed], flags: MessageFlags.Ephemeral });
  },
};
