import { InteractionContextType, MessageFlags, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import type { SlashCommand } from '../command';
import { guildGroupId, guildIdOf, MAX_QUESTION_SECONDS, namedGroup } from '../context';
import { BotError } from '../errors';
import { escapeUserText } from '../render';

export const admin: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('admin')
    .setDescription('Server settings of the quiz (Manage Server)')
    // Hides the command from others in Discord's menu; the check below is what enforces it.
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .addSubcommand((s) =>
      s
        .setName('timer')
        .setDescription('Seconds a question stays open on this server (0: no timer)')
        .addIntegerOption((o) =>
          o
            .setName('seconds')
            .setDescription(`0 to ${MAX_QUESTION_SECONDS}`)
            .setRequired(true)
            .setMinValue(0)
            .setMaxValue(MAX_QUESTION_SECONDS),
        ),
    )
    .addSubcommand((s) =>
      s
        .setName('reset-season')
        .setDescription("Start a new season: the group's leaderboard starts from zero (answers are kept)")
        .addStringOption((o) =>
          o.setName('group').setDescription('A study group (default: the whole server)').setMaxLength(64),
        ),
    )
    // Played on a server: not offered in DMs.
    .setContexts(InteractionContextType.Guild)
    .setDMPermission(false)
    .toJSON(),
  // Both subcommands change a setting (the timer, the season).
  records: () => true,
  async execute(interaction, ctx) {
    const guildId = guildIdOf(interaction);
    // Checked here, on the permissions Discord computed for this member; never on what a client claims.
    if (interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) !== true)
      throw new BotError('missing_permission', 'admin commands need the Manage Server permission');
    const now = ctx.now();
    if (interaction.options.getSubcommand(true) === 'timer') {
      const seconds = interaction.options.getInteger('seconds', true);
      if (!Number.isInteger(seconds) || seconds < 0 || seconds > MAX_QUESTION_SECONDS)
        throw new BotError('invalid_option', `the timer must be 0 to ${MAX_QUESTION_SECONDS} seconds`);
      await ctx.store.setSetting(guildGroupId(guildId), 'question_seconds', String(seconds), now);
      ctx.logger.info(
        { event: 'admin_timer', guild: guildId, user: interaction.user.id, seconds },
        'timer set',
      );
      await interaction.reply({
        content:
          seconds === 0
            ? 'Questions on this server have no timer now.'
            : `Questions on this server now close after ${seconds} s.`,
        flags: MessageFlags.Ephemeral,
      });
      return;
    }
    const name = interaction.options.getString('group');
    const group =
      name === null
        ? { id: guildGroupId(guildId), name: 'the whole server' }
        : await namedGroup(ctx, guildId, name);
    await ctx.store.setSetting(group.id, 'season_started_at', String(now), now);
    ctx.logger.info(
      { event: 'admin_reset_season', group: group.id, user: interaction.user.id },
      'season reset',
    );
    await interaction.reply({
      content: `A new season began for ${escapeUserText(group.name)}: its leaderboard starts from zero.`,
    });
  },
};
