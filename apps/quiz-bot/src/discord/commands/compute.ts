import { ARCHITECTURE_NAMES } from '@cnnkit/architectures';
import { EXERCISE2_DEFAULTS } from '@cnnkit/shape-math';
import { EmbedBuilder, InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { REQUEST_LIMITS } from '../../limits';
import { DEFAULT_STRIDE_SIDE, EXERCISE2_TRAINING_BATCH, resolveComputeRequest } from '../../resolve';
import type { SlashCommand } from '../command';
import { clip } from '../render';

const format = (n: number) => n.toLocaleString('en-US');

export const compute: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('compute')
    .setDescription("Measure a network for real, beside shape-math's figure")
    .addSubcommand((s) =>
      s
        .setName('params')
        .setDescription('Parameters of a named architecture')
        .addStringOption((o) =>
          o
            .setName('arch')
            .setDescription('Architecture')
            .setRequired(true)
            .addChoices(...ARCHITECTURE_NAMES.slice(0, 25).map((n) => ({ name: n, value: n }))),
        )
        .addStringOption((o) =>
          o
            .setName('count')
            .setDescription('trainable (PyTorch) or total (Keras)')
            .addChoices({ name: 'trainable', value: 'trainable' }, { name: 'total', value: 'total' }),
        ),
    )
    .addSubcommand((s) =>
      s
        .setName('memory')
        .setDescription('Memory of an exercise-2-style network (three conv layers)')
        .addStringOption((o) =>
          o
            .setName('quantity')
            .setDescription('What to measure')
            .setRequired(true)
            .addChoices(
              { name: 'parameters', value: 'params' },
              { name: 'inference RAM', value: 'inferenceBytes' },
              { name: 'training RAM', value: 'trainingBytes' },
            ),
        )
        .addIntegerOption((o) =>
          o
            .setName('height')
            .setDescription(`Image height (default ${EXERCISE2_DEFAULTS.height})`)
            .setMinValue(1)
            .setMaxValue(REQUEST_LIMITS.side),
        )
        .addIntegerOption((o) =>
          o
            .setName('width')
            .setDescription(`Image width (default ${EXERCISE2_DEFAULTS.width})`)
            .setMinValue(1)
            .setMaxValue(REQUEST_LIMITS.side),
        )
        .addIntegerOption((o) =>
          o
            .setName('kernel')
            .setDescription(`Kernel size (default ${EXERCISE2_DEFAULTS.kernelSize})`)
            .setMinValue(1)
            .setMaxValue(REQUEST_LIMITS.kernelSize),
        )
        .addIntegerOption((o) =>
          o
            .setName('stride')
            .setDescription(`Stride (default ${EXERCISE2_DEFAULTS.strides})`)
            .setMinValue(1)
            .setMaxValue(REQUEST_LIMITS.strides),
        )
        .addIntegerOption((o) =>
          o
            .setName('filters')
            .setDescription(
              `Filters of the first layer, doubling after (default ${EXERCISE2_DEFAULTS.filters[0]})`,
            )
            .setMinValue(1)
            .setMaxValue(REQUEST_LIMITS.filters / 4),
        )
        .addIntegerOption((o) =>
          o
            .setName('batch')
            .setDescription(
              `Batch size (default 1; ${EXERCISE2_TRAINING_BATCH} for training RAM, as in the exercise)`,
            )
            .setMinValue(1)
            .setMaxValue(REQUEST_LIMITS.batch),
        ),
    )
    .addSubcommand((s) =>
      s
        .setName('stride')
        .setDescription('Output stride of an architecture without its classifier')
        .addStringOption((o) =>
          o
            .setName('arch')
            .setDescription('Architecture')
            .setRequired(true)
            .addChoices(...ARCHITECTURE_NAMES.slice(0, 25).map((n) => ({ name: n, value: n }))),
        )
        .addIntegerOption((o) =>
          o
            .setName('side')
            .setDescription(`Input side (default ${DEFAULT_STRIDE_SIDE}, or the network's minimum if larger)`)
            .setMinValue(1)
            .setMaxValue(REQUEST_LIMITS.side),
        ),
    )
    // Works in DMs too (it needs no server).
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .setDMPermission(true)
    .toJSON(),
  async execute(interaction, ctx) {
    const o = interaction.options;
    const typed = (name: string) => o.getInteger(name) ?? undefined;
    // Only what the user typed: the engine's resolver decides defaults and limits (issue 17).
    // Refused input is answered privately before anything public is posted.
    const request = resolveComputeRequest(
      {
        what: o.getSubcommand(true),
        arch: o.getString('arch') ?? undefined,
        count: o.getString('count') ?? undefined,
        side: typed('side'),
        quantity: o.getString('quantity') ?? undefined,
        height: typed('height'),
        width: typed('width'),
        kernel: typed('kernel'),
        stride: typed('stride'),
        filters: typed('filters'),
        batch: typed('batch'),
      },
      (name) => `${name}:`,
    );
    // A model run: acknowledge now, answer when the worker is done.
    await interaction.deferReply();
    ctx.queued?.detach();
    const m = await ctx.engine.compute(request);
    const value = m.unit === 'bytes' ? `${format(m.measured)} bytes` : format(m.measured);
    const embed = new EmbedBuilder()
      .setTitle(`Measured: ${value}`)
      .setDescription(clip(m.details.join('\n'), 4000))
      .addFields(
        {
          name: 'shape-math says',
          value: m.unit === 'bytes' ? `${format(m.theory)} bytes` : format(m.theory),
          inline: true,
        },
        { name: 'agree', value: m.measured === m.theory ? 'yes' : 'no', inline: true },
        { name: 'backend', value: `${m.backend}${m.cached ? ' (cached)' : ''}`, inline: true },
      );
    await interaction.editReply({ embeds: [embed] });
  },
};
