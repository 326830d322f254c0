import { readFile } from 'node:fs/promises';
import { AttachmentBuilder, EmbedBuilder, InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { FIRST_QUESTION_ID, LAST_QUESTION_ID, QUESTION_IDS_TEXT } from '../../questions/bank';
import { showsSegmentationRun } from '../../questions/pictures';
import type { Question } from '../../questions/schemas';
import {
  committedVerdict,
  type DemonstrationVerdict,
  readDemonstration,
} from '../../verify/segmentation-demonstration';
import { picturesFor } from '../../views/index';
import type { SlashCommand } from '../command';
import type { BotContext } from '../context';
import { clip } from '../render';

/**
 * The pictures are the same every time (drawn from fixed specs): rendered once per question in the
 * picture worker, and kept (the promise, so concurrent requests share one drawing).
 */
const rendered = new Map<number, Promise<{ name: string; title: string; png: Buffer }[]>>();
function picturesAsPng(ctx: BotContext, question: Question) {
  let pictures = rendered.get(question.id);
  if (pictures === undefined) {
    pictures = Promise.all(
      picturesFor(question).map(async (p) => ({
        name: p.name,
        title: p.title,
        png: await ctx.picturePool.renderPng(p.svg),
      })),
    );
    pictures.catch(() => rendered.delete(question.id));
    rendered.set(question.id, pictures);
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
        .setDescription(`Question ${QUESTION_IDS_TEXT}`)
        .setRequired(true)
        .setMinValue(FIRST_QUESTION_ID)
        .setMaxValue(LAST_QUESTION_ID),
    )
    // Works in DMs too (it needs no server).
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .setDMPermission(true)
    .toJSON(),
  async execute(interaction, ctx) {
    const question = ctx.engine.question(interaction.options.getInteger('question', true));
    // Drawing takes a moment; acknowledge within Discord's 3 s first.
    await interaction.deferReply();
    ctx.queued?.detach();
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
    const pictures = [...(await picturesAsPng(ctx, question))];
    if (showsSegmentationRun(question)) {
      const shown = await committedAttachment(ctx, interaction.id);
      if ('verdict' in shown) {
        pictures.push(shown.picture);
        const { verdict } = shown;
        embed.addFields(
          { name: 'FCN-32s, FCN-8s and U-Net: the committed run', value: clip(verdict.header, 1024) },
          { name: 'Per model (mean over seeds, range)', value: clip(verdict.models.join('\n'), 1024) },
          { name: 'What it shows', value: clip(verdict.reading, 1024) },
          { name: 'Confounds', value: clip(verdict.confounds, 1024) },
        );
      } else embed.addFields({ name: 'Picture', value: clip(shown.failure, 1024) });
    }
    const files = pictures.map(
      (p) => new AttachmentBuilder(p.png, { name: `${p.name}.png`, description: p.title }),
    );
    if (pictures[0] !== undefined) embed.setImage(`attachment://${pictures[0].name}.png`);
    await interaction.editReply({ embeds: [embed], files });
  },
};

/**
 * The committed segmentation run (trained once by the package's script, over several seeds): its
 * picture and the sentence its numbers support, read from the files at once, no training. A
 * missing or malformed file costs the picture only, never the model answer.
 */
async function committedAttachment(
  ctx: BotContext,
  interactionId: string,
): Promise<
  | { picture: { name: string; title: string; png: Buffer }; verdict: DemonstrationVerdict }
  | { failure: string }
> {
  try {
    const { run, png } = readDemonstration();
    return {
      picture: {
        name: 'segmentation-comparison',
        title: `Input, ground truth, and the masks of FCN-32s, FCN-8s and U-Net (committed run, seed ${run.seeds[0]})`,
        png: await readFile(png),
      },
      verdict: committedVerdict(run),
    };
  } catch (error) {
    ctx.logger.warn({ interaction: interactionId, err: error }, 'committed segmentation run unreadable');
    return { failure: 'No picture this time: the committed segmentation run could not be read.' };
  }
}
