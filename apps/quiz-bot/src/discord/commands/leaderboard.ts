import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { DEFER_AFTER_MS, settlesWithin } from '../answering';
import type { SlashCommand } from '../command';
import { type BotContext, currentGroup, guildIdOf, namedGroup } from '../context';
import { BotError } from '../errors';
import { clip, escapeUserText } from '../render';

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
        `period must be week or all; got "${escapeUserText(clip(typed, 20))}"`,
      );
    const period = typed;
    // A week's start moves every millisecond: taken to the minute, so the cached board can be reused.
    const weekStart = Math.floor((ctx.now() - WEEK_MS) / 60_000) * 60_000;
    const since = Math.max(period === 'week' ? weekStart : 0, await seasonStart(ctx, group.id));
    const title = `Leaderboard of ${group.name} (${period === 'week' ? 'this week' : 'this season'})`;
    // A long queue (measured), or a board still being drawn after DEFER_AFTER_MS: acknowledge
    // first, so the board never misses Discord's 3 s.
    if (ctx.queue.shouldDefer(interaction.id)) await interaction.deferReply();
    const drawing = ctx.boards.message(group.id, since, title);
    drawing.catch(() => {}); // awaited below
    if (!interaction.deferred && !(await settlesWithin(drawing, DEFER_AFTER_MS)))
      await interaction.deferReply();
    const board = await drawing;
    if (interaction.deferred) await interaction.editReply(board);
    else await interaction.reply(board);
  },
};
