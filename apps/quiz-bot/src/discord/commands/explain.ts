import { readFile } from 'node:fs/promises';
import { AttachmentBuilder, EmbedBuilder, InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { QUESTIONS } from '../../questions/bank';
import { edgeVerdict } from '../../verify/segmentation-picture';
import { picturesFor } from '../../views/index';
import type { SlashCommand } from '../command';
import type { BotContext } from '../context';
import { errorCodeOf, friendlyMessage } from '../errors';

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/** How long `/explain 8` waits for a training before answering with text (Discord's reply may wait 15 min). */
export const PICTURE_WAIT_MS = 60_000;

/**
 * The pictures are the same every time (drawn from fixed specs): rendered once per question in the
 * picture worker, and kept (the promise, so concurrent requests share one drawing).
 */
const rendered = new Map<number, Promise<{ name: string; title: string; png: Buffer }[]>>();
function picturesAsPng(ctx: BotContext, questionId: number) {
  let pictures = rendered.get(questionId);
  if (pictures === undefined) {
    pictures = Promise.all(
      picturesFor(questionId).map(async (p) => ({
        name: p.name,
        title: p.title,
        png: await ctx.picturePool.renderPng(p.svg),
      })),
    );
    pictures.catch(() => rendered.delete(questionId));
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
    // Works in DMs too (it needs no server).
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .setDMPermission(true)
    .toJSON(),
  async execute(interaction, ctx) {
    const question = ctx.engine.question(interaction.options.getInteger('question', true));
    // Drawing takes a moment; acknowledge within Discord's 3 s first.
    await interaction.deferReply();
    ctx.detachFromQueue?.();
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
    const pictures = [...(await picturesAsPng(ctx, question.id))];
    if (question.id === 8) {
      const drawn = await segmentationAttachment(ctx, interaction.id);
      if ('verdict' in drawn) {
        pictures.push(drawn.picture);
        embed.addFields({
          name: 'FCN-32s, FCN-8s and U-Net, trained here',
          value: clip(drawn.verdict, 1024),
        });
      } else embed.addFields({ name: 'Picture', value: clip(drawn.failure, 1024) });
    }
    const files = pictures.map(
      (p) => new AttachmentBuilder(p.png, { name: `${p.name}.png`, description: p.title }),
    );
    if (pictures[0] !== undefined) embed.setImage(`attachment://${pictures[0].name}.png`);
    await interaction.editReply({ embeds: [embed], files });
  },
};

/**
 * Question 8's picture from the worker pool (trained once, then cached on disk), with the sentence
 * its numbers support; a failure costs the picture only, never the model answer.
 */
async function segmentationAttachment(
  ctx: BotContext,
  interactionId: string,
): Promise<{ picture: { name: string; title: string; png: Buffer }; verdict: string } | { failure: string }> {
  const source = ctx.pictures;
  if (source === undefined) return { failure: 'No picture: this bot runs without its model workers.' };
  // Another request started the training: it runs to the end and is cached; nobody trains it twice.
  if (source.segmentationPictureState?.() === 'training') return { failure: ON_ITS_WAY };
  try {
    // Started here: it runs to the end and is cached, whether or not this reply waits for it.
    const training = source.segmentationPicture();
    training.catch(() => {}); // a failure after the wait is logged by the next requester
    let timer: NodeJS.Timeout | undefined;
    const drawn = await Promise.race([
      training,
      new Promise<'waiting'>((resolve) => {
        timer = setTimeout(resolve, ctx.pictureWaitMs, 'waiting');
      }),
    ]).finally(() => clearTimeout(timer));
    if (drawn === 'waiting') return { failure: ON_ITS_WAY };
    ctx.logger.info(
      { interaction: interactionId, cached: drawn.cached, ms: Math.round(drawn.elapsedMs) },
      'segmentation picture',
    );
    return {
      picture: {
        name: 'segmentation-comparison',
        title: 'Input, ground truth, and the masks of FCN-32s, FCN-8s and U-Net',
        png: await readFile(drawn.path),
      },
      verdict: edgeVerdict(drawn),
    };
  } catch (error) {
    ctx.logger.warn(
      { interaction: interactionId, code: errorCodeOf(error), err: error },
      'segmentation picture failed',
    );
    return { failure: `No picture this time: ${friendlyMessage(error)}` };
  }
}

/** What a requester reads while the picture is being trained (by their request or an earlier one). */
export const ON_ITS_WAY =
  'The picture is on its way: the three networks are being trained now, and the result is kept. Ask `/explain question:8` again in a minute or two.';
