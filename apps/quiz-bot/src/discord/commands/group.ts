import {
  EmbedBuilder,
  InteractionContextType,
  MessageFlags,
  SlashCommandBuilder,
  type SlashCommandStringOption,
} from 'discord.js';
import type { SlashCommand } from '../command';
import {
  currentGroup,
  displayNameOf,
  guildGroupId,
  guildIdOf,
  namedGroup,
  namedGroupId,
  quizUserId,
} from '../context';
import { BotError } from '../errors';
import { clip, escapeUserText } from '../render';

const nameOption = (required: boolean) => (o: SlashCommandStringOption) =>
  o.setName('name').setDescription('The group name').setRequired(required).setMinLength(1).setMaxLength(40);

export const group: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('group')
    .setDescription('Study groups inside this server, each with its own leaderboard')
    .addSubcommand((s) =>
      s
        .setName('create')
        .setDescription('Create a study group and join it')
        .addStringOption(nameOption(true)),
    )
    .addSubcommand((s) =>
      s
        .setName('join')
        .setDescription('Join a study group (you play in the one joined last)')
        .addStringOption(nameOption(true)),
    )
    .addSubcommand((s) =>
      s.setName('leave').setDescription('Leave your study group (you play with the whole server again)'),
    )
    .addSubcommand((s) =>
      s
        .setName('info')
        .setDescription('A study group: members and when it began')
        .addStringOption(nameOption(false)),
    )
    // Played on a server: not offered in DMs.
    .setContexts(InteractionContextType.Guild)
    .setDMPermission(false)
    .toJSON(),
  // create, join and leave change groups; info only reads.
  records: (interaction) => interaction.options.getSubcommand(false) !== 'info',
  async execute(interaction, ctx) {
    const guildId = guildIdOf(interaction);
    const userId = quizUserId(interaction.user.id);
    const now = ctx.now();
    const reply = (content: string) => interaction.reply({ content, flags: MessageFlags.Ephemeral });
    switch (interaction.options.getSubcommand(true)) {
      case 'create': {
        const name = interaction.options.getString('name', true).trim();
        const id = namedGroupId(guildId, name);
        if (!(await ctx.store.createGroup({ id, name }, now)))
          throw new BotError(
            'group_exists',
            `join it with /group join name:${escapeUserText(clip(name, 40))}`,
          );
        try {
          await ctx.store.joinGroup(id, userId, displayNameOf(interaction), now);
        } catch (error) {
          // The bot stopped between the two writes (its store closed after the group was made): the
          // group exists, so "nothing was recorded" would be untrue (review 30).
          if (!(error instanceof BotError) || error.code !== 'bot_restarting') throw error;
          await reply(
            `Created the study group **${escapeUserText(name)}**, but the bot is restarting and did not record you joining it: join it with \`/group join\` and this name in a minute.`,
          );
          return;
        }
        ctx.memberships.forget(userId, `${guildGroupId(guildId)}-`);
        await reply(
          `Created the study group **${escapeUserText(name)}** and joined it. Others join with \`/group join\` and this name.`,
        );
        return;
      }
      case 'join': {
        const found = await namedGroup(ctx, guildId, interaction.options.getString('name', true));
        await ctx.store.joinGroup(found.id, userId, displayNameOf(interaction), now);
        ctx.memberships.forget(userId, `${guildGroupId(guildId)}-`);
        await reply(
          `You joined **${escapeUserText(found.name)}**: your answers now count on its leaderboard.`,
        );
        return;
      }
      case 'leave': {
        const mine = await currentGroup(ctx, interaction);
        if (mine.id === guildGroupId(guildId))
          throw new BotError('not_in_group', 'you play with the whole server; there is no group to leave');
        await ctx.store.leaveGroup(mine.id, userId);
        ctx.memberships.forget(userId, `${guildGroupId(guildId)}-`);
        await reply(`You left **${escapeUserText(mine.name)}**.`);
        return;
      }
      default: {
        const name = interaction.options.getString('name');
        const target =
          name === null ? await currentGroup(ctx, interaction) : await namedGroup(ctx, guildId, name);
        const info = await ctx.store.group(target.id);
        const top = await ctx.store.leaderboard(target.id, { limit: 3 });
        const embed = new EmbedBuilder().setTitle(`Study group: ${escapeUserText(target.name)}`).addFields(
          { name: 'Members', value: String(info?.members ?? 0), inline: true },
          {
            name: 'Since',
            value: info === undefined ? '—' : `<t:${Math.floor(info.createdAt / 1000)}:D>`,
            inline: true,
          },
          {
            name: 'Top 3',
            value:
              top.length === 0
                ? 'nobody yet'
                : top.map((r) => `${r.rank}. ${escapeUserText(r.displayName)} (${r.points})`).join('\n'),
          },
        );
        await interaction.reply({ embeds: [embed], flags: MessageFlags.Ephemeral });
      }
    }
  },
};
