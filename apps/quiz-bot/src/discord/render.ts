import {
  ActionRowBuilder,
  type APIEmbed,
  type APIEmbedField,
  type AttachmentBuilder,
  ButtonBuilder,
  ButtonStyle,
  EmbedBuilder,
} from 'discord.js';
import type { AnswerResult } from '../engine';
import type { Question } from '../questions/schemas';
import { answerResultView, type LeaderboardView, questionView } from '../views/index';
import { clip } from './clip';

export { clip } from './clip';

/**
 * User text (display names, group and server names) as Discord shows it: every markdown character
 * backslash-escaped (the brackets are enough to break a masked link), so `[click me](https://…)` is not a link, `**x**` not bold and a backtick
 * not code; `@` followed by a zero-width space, so `@everyone` and `<@&role>` read as text (the
 * client's `allowedMentions` already stops the ping); line breaks become spaces (a name is one line).
 */
export function escapeUserText(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/[\\`*_~|>#\-[\]<]/g, (c) => `\\${c}`)
    .replace(/@/g, '@\u200b');
}

const COLOURS = { correct: 0x2e9e5b, partial: 0xe0a800, wrong: 0xc0392b, neutral: 0x4a78c2 } as const;

/**
 * The embed of an answer's result, as the plain object Discord takes: built without discord.js'
 * EmbedBuilder, whose per-field validation ran on the bot's thread for every answer (its limits are
 * kept here by `clip`).
 */
export function resultEmbed(result: AnswerResult): APIEmbed {
  const view = answerResultView(result);
  const mark = view.verdict === 'correct' ? '✅' : view.verdict === 'partial' ? '🟡' : '❌';
  const fields: APIEmbedField[] = [];
  if (view.modelAnswer !== undefined)
    fields.push({ name: 'Model answer', value: clip(view.modelAnswer, 1024) });
  fields.push({ name: 'Why', value: clip(view.explanation, 1024) });
  if (view.correctionsToNotes.length > 0)
    fields.push({
      name: 'What the study notes got wrong',
      value: clip(view.correctionsToNotes.map((c) => `• ${c}`).join('\n'), 1024),
    });
  if (view.sources.length > 0) fields.push({ name: 'Sources', value: clip(view.sources.join('\n'), 1024) });
  const description = clip(view.feedback.join('\n'), 4000);
  return {
    color: COLOURS[view.verdict],
    title: clip(
      `${mark} ${view.verdictText[0]!.toUpperCase()}${view.verdictText.slice(1)} · +${view.points} points`,
      256,
    ),
    // Discord refuses an empty description: it is left out instead.
    ...(description.length === 0 ? {} : { description }),
    footer: {
      text: clip(
        `${view.title}${view.streak > 1 ? ` · streak ${view.streak}` : ''}${view.scoringNote === undefined ? '' : ` · ${view.scoringNote}`}${view.nextReview === undefined ? '' : ` · ${view.nextReview}`}`,
        2048,
      ),
    },
    fields,
  };
}

/** Custom ids carry the round's state, so any shard (or a restarted bot) can answer a button. */
export interface RoundRef {
  readonly questionId: number;
  readonly variantSeed: number | undefined;
  /** Epoch ms after which answers are refused; undefined: no timer. */
  readonly deadline: number | undefined;
  /** The /quiz interaction that opened the round (base 36), to name its first correct answer. */
  readonly roundId: string;
}

export function customId(action: string, round: RoundRef, part = '-', extra = '-'): string {
  return [
    'quiz',
    action,
    round.questionId,
    round.variantSeed ?? '-',
    part,
    round.deadline === undefined ? '-' : round.deadline.toString(36),
    extra,
    round.roundId,
  ].join(':');
}

/** Parses the arguments after `quiz:`; null when they are malformed (a forged or outdated id). */
export function parseRound(
  args: readonly string[],
): { action: string; round: RoundRef; part: string; extra: string } | null {
  if (args.length !== 7) return null;
  const [action, q, v, part, deadline, extra, roundId] = args as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  if (
    !/^[0-9a-z]{1,14}$/.test(roundId) ||
    !/^\d{1,2}$/.test(q) ||
    !(v === '-' || /^\d{1,10}$/.test(v)) ||
    !(deadline === '-' || /^[0-9a-z]{1,12}$/.test(deadline))
  )
    return null;
  return {
    action,
    round: {
      questionId: Number(q),
      variantSeed: v === '-' ? undefined : Number(v),
      deadline: deadline === '-' ? undefined : Number.parseInt(deadline, 36),
      roundId,
    },
    part,
    extra,
  };
}

export function questionMessage(question: Question, round: RoundRef) {
  const view = questionView(question);
  const embed = new EmbedBuilder()
    .setColor(COLOURS.neutral)
    .setTitle(clip(`Question ${view.id}: ${view.title} ${view.stars}`, 256))
    .setDescription(clip(view.prompt, 4000));
  for (const [i, part] of view.parts.entries()) {
    const options = part.options?.map((o) => `**${o.letter})** ${o.text}`).join('\n');
    embed.addFields({
      name: clip(`${i + 1}. ${part.id}`, 256),
      value: clip(
        `${part.prompt}${part.inputHint ? ` _(${part.inputHint})_` : ''}${options ? `\n${options}` : ''}`,
        1024,
      ),
    });
  }
  if (round.deadline !== undefined)
    embed.addFields({ name: 'Time', value: `Answers close <t:${Math.floor(round.deadline / 1000)}:R>.` });
  embed.setFooter({
    text: 'Your answers and their feedback are only shown to you. A hint halves the points of your next answer.',
  });

  const rows: ActionRowBuilder<ButtonBuilder>[] = [];
  const openButtons: ButtonBuilder[] = [];
  for (const part of view.parts) {
    if (part.kind === 'choice') {
      rows.push(
        new ActionRowBuilder<ButtonBuilder>().addComponents(
          (part.options ?? []).slice(0, 5).map((o, index) =>
            new ButtonBuilder()
              .setCustomId(customId('pick', round, part.id, String(index)))
              .setLabel(clip(`${o.letter}) ${o.text}`, 80))
              .setStyle(ButtonStyle.Secondary),
          ),
        ),
      );
    } else {
      openButtons.push(
        new ButtonBuilder()
          .setCustomId(customId('open', round, part.id))
          .setLabel(clip(`Answer: ${part.id}`, 80))
          .setStyle(ButtonStyle.Primary),
      );
    }
  }
  openButtons.push(
    new ButtonBuilder()
      .setCustomId(customId('hint', round))
      .setLabel('Hint (halves points)')
      .setStyle(ButtonStyle.Secondary),
  );
  for (let i = 0; i < openButtons.length && rows.length < 5; i += 5)
    rows.push(new ActionRowBuilder<ButtonBuilder>().addComponents(openButtons.slice(i, i + 5)));
  return { embeds: [embed], components: rows.slice(0, 5) };
}

export function leaderboardMessage(view: LeaderboardView) {
  // The title holds a group's name (user text); the chart draws it as SVG text (escaped as XML there).
  const embed = new EmbedBuilder().setColor(COLOURS.neutral).setTitle(clip(escapeUserText(view.title), 256));
  if (view.empty) {
    embed.setDescription('Nobody has answered yet. Start with `/quiz`.');
    return { embeds: [embed], files: [] };
  }
  embed.setDescription(
    clip(
      view.rows
        .map(
          (r) =>
            `**${r.rank}.** ${r.userId.startsWith('discord:') ? `<@${r.userId.slice(8)}>` : escapeUserText(r.name)} · **${r.points}** points · ${r.correct}/${r.attempts} right (${r.accuracyPercent}%) · best streak ${r.bestStreak}`,
        )
        .join('\n'),
      4000,
    ),
  );
  // The chart itself is drawn in the picture worker and attached by the caller (LeaderboardCache).
  embed.setImage('attachment://leaderboard.png');
  return { embeds: [embed], files: [] as AttachmentBuilder[] };
}
