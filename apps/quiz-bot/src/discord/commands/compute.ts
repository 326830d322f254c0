import { ARCHITECTURE_NAMES } from '@cnnkit/architectures';
import { EmbedBuilder, SlashCommandBuilder } from 'discord.js';
import type { MeasurementRequestInput } from '../../verify/requests';
import type { SlashCommand } from '../command';

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
          o.setName('height').setDescription('Image height (default 200)').setMinValue(1).setMaxValue(4096),
        )
        .addIntegerOption((o) =>
          o.setName('width').setDescription('Image width (default 300)').setMinValue(1).setMaxValue(4096),
        )
        .addIntegerOption((o) =>
          o.setName('kernel').setDescription('Kernel size (default 3)').setMinValue(1).setMaxValue(11),
        )
        .addIntegerOption((o) =>
          o.setName('stride').setDescription('Stride (default 2)').setMinValue(1).setMaxValue(8),
        )
        .addIntegerOption((o) =>
          o
            .setName('filters')
            .setDescription('Filters of the first layer, doubling after (default 100)')
            .setMinValue(1)
            .setMaxValue(512),
        )
        .addIntegerOption((o) =>
          o.setName('batch').setDescription('Batch size (default 1)').setMinValue(1).setMaxValue(4096),
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
        ),
    )
    .toJSON(),
  async execute(interaction, ctx) {
    const sub = interaction.options.getSubcommand(true);
    let request: MeasurementRequestInput;
    if (sub === 'params') {
      request = {
        kind: 'architectureParams',
        architecture: interaction.options.getString('arch', true),
        count: interaction.options.getString('count') === 'total' ? 'total' : 'trainable',
      };
    } else if (sub === 'stride') {
      request = { kind: 'outputStride', architecture: interaction.options.getString('arch', true) };
    } else {
      const filters = interaction.options.getInteger('filters') ?? 100;
      request = {
        kind: 'exercise2',
        quantity: interaction.options.getString('quantity', true) as
          | 'params'
          | 'inferenceBytes'
          | 'trainingBytes',
        network: {
          height: interaction.options.getInteger('height') ?? 200,
          width: interaction.options.getInteger('width') ?? 300,
          kernelSize: interaction.options.getInteger('kernel') ?? 3,
          strides: interaction.options.getInteger('stride') ?? 2,
          filters: [filters, filters * 2, filters * 4],
        },
        batchSize: interaction.options.getInteger('batch') ?? 1,
      };
    }
    // A model run: acknowledge now, answer when the worker is done.
    await interaction.deferReply();
    const m = await ctx.engine.compute(request);
    const value = m.unit === 'bytes' ? `${format(m.measured)} bytes` : format(m.measured);
    const embed = new EmbedBuilder()
      .setTitle(`Measured: ${value}`)
      .setDescription(m.details.join('\n').slice(0, 4000))
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
