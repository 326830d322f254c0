import { AttachmentBuilder, EmbedBuilder, SlashCommandBuilder } from 'discord.js';
import { QUESTIONS } from '../../questions/bank';
import { picturesFor, renderPng } from '../../views/index';
import type { SlashCommand } from '../command';

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/** The pictures are the same every time (drawn from fixed specs): rendered once per question, kept. */
const rendered = new Map<number, { name: string; title: string; png: Buffer }[]>();
function picturesAsPng(questionId: number) {
  let pictures = rendered.get(questionId);
  if (pictures === undefined) {
    pictures = picturesFor(questionId).map((p) => ({ name: p.name, title: p.title, png: renderPng(p.svg) }));
    rendered.set(questionId, pictures);
  }
  return pictures;
}

export const explain: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('explain')
    .setDescription('The model answer, what the study notes got wrong, and a picture')
    .addIntegerOption((o) =>
      o
        .setName('question')
        .setDescription('Question 1 to 8')
        .setRequired(true)
        .setMinValue(1)
        .setMaxValue(QUESTIONS.length),
    )
    .toJSON(),
  async execute(interaction, ctx) {
    const question = ctx.engine.question(interaction.options.getInteger('question', true));
    // Drawing takes a moment; acknowledge within Discord's 3 s first.
    await interaction.deferReply();
    const embed = new EmbedBuilder()
      .setTitle(clip(`Question ${question.id}: ${question.title}`, 256))
      .setDescription(clip(question.prompt, 4000));
    for (const part of question.parts.slice(0, 20))
      embed.addFields({ name: clip(`Model answer: ${part.id}`, 256), value: clip(part.modelAnswer, 1024) });
    if (question.correctionsToNotes.length > 0)
      embed.addFields({
        name: 'Corrections to the study notes',
        value: clip(question.correctionsToNotes.map((c) => `• ${c}`).join('\n'), 1024),
      });
    const pictures = picturesAsPng(question.id);
    const files = pictures.map(
      (p) => new AttachmentBuilder(p.png, { name: `${p.name}.png`, description: p.title }),
    );
    if (pictures[0] !== undefined) embed.setImage(`attachment://${pictures[0].name}.png`);
    await interaction.editReply({ embeds: [embed], files });
  },
};
