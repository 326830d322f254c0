import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { leaderboardView } from '../../views/index';
import type { SlashCommand } from '../command';
import { type BotContext, currentGroup, guildIdOf, namedGroup } from '../context';
import { BotError } from '../errors';
import { escapeUserText, leaderboardMessage } from '../render';

const WEEK_MS = 7 * 24 * 3600 * 1000;

/** When a group's current season began (admins reset it); 0 when never reset. */
export async function seasonStart(ctx: BotContext, groupId: string): Promise<number> {
  return Number((await ctx.store.setting(groupId, 'season_started_at')) ?? 0);
}

export const leaderboard: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('leaderboard')
    .setDescription('The top scores of your study group, this week or this season')
    .addStringOption((o) =>
      o
        .setName('period')
        .setDescription('This week, or the whole season')
        .addChoices({ name: 'week', value: 'week' }, { name: 'all', value: 'all' }),
    )
    .addStringOption((o) =>
      o.setName('group').setDescription('A study group of this server (default: yours)').setMaxLength(64),
    )
    // Played on a server: not offered in DMs.
    .setContexts(InteractionContextType.Guild)
    .setDMPermission(false)
    .toJSON(),
  async execute(interaction, ctx) {
    const name = interaction.options.getString('group');
    const group =
      name === null
        ? await currentGroup(ctx, interaction)
        : await namedGroup(ctx, guildIdOf(interaction), name);
    const typed = interaction.options.getString('period') ?? 'all';
    if (typed !== 'week' && typed !== 'all')
      throw new BotError(
        'invalid_option',
        `period must be week or all; got "${escapeUserText(typed.slice(0, 20))}"`,
      );
    const period = typed;
    const since = Math.max(period === 'week' ? ctx.now() - WEEK_MS : 0, await seasonStart(ctx, group.id));
    const rows = await ctx.store.leaderboard(group.id, { since, limit: 10 });
    const view = leaderboardView(
      rows,
      `Leaderboard of ${group.name} (${period === 'week' ? 'this week' : 'this season'})`,
    );
    await interaction.reply(leaderboardMessage(view));
  },
};
