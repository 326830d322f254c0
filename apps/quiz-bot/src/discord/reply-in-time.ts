import { type Interaction, MessageFlags, type RateLimitData, RateLimitError } from 'discord.js';
import { FIRST_REPLY_LIMIT_MS, type ReplyQueue } from './queue';

/** The route discord.js gives every interaction callback (a reply, a deferral, a modal). */
const CALLBACK_ROUTE = '/interactions/:id/:token/callback';
/** Time kept for the retried callback's own round trip when judging whether a 429's wait is too long. */
const CALLBACK_MARGIN_MS = 500;

/**
 * The REST client's `rejectOnRateLimit` rule: a 429 on an interaction callback whose retry would
 * come later than Discord's 3 s (what the interaction already waited, plus `retry_after`, plus a
 * margin for the request itself) is not waited out but thrown as discord.js' RateLimitError, so
 * the reply can be turned into a deferral at once (see `deferWhenRateLimited`). Every other 429
 * is waited out as discord.js does.
 */
export function lateCallbackRule(queue: ReplyQueue): (data: RateLimitData) => boolean {
  return (data) => {
    if (data.route !== CALLBACK_ROUTE) return false;
    const id = /\/interactions\/(\d{1,20})\//.exec(data.url)?.[1];
    if (id === undefined) return false;
    return queue.waitedMs(id) + data.retryAfter + CALLBACK_MARGIN_MS > FIRST_REPLY_LIMIT_MS;
  };
}

/** What a reply's options carry that an edit does not take (the edit keeps the deferral's flags). */
const REPLY_ONLY = ['flags', 'ephemeral', 'fetchReply', 'withResponse', 'tts'] as const;

/**
 * Wraps the interaction's `reply`: when Discord rate-limits it (429) for longer than the 3 s allow
 * (`lateCallbackRule` rejected the wait), the bot defers at once instead (type 5, ephemeral when the
 * reply was) and puts the reply in the deferral's edit, which has no 3 s limit.
 */
export function deferWhenRateLimited(interaction: Interaction): void {
  if (!interaction.isRepliable()) return;
  const reply = interaction.reply.bind(interaction) as (options: unknown) => Promise<unknown>;
  (interaction as unknown as { reply: (options: unknown) => Promise<unknown> }).reply = async (options) => {
    try {
      return await reply(options);
    } catch (error) {
      if (!(error instanceof RateLimitError) || interaction.deferred || interaction.replied) throw error;
      const payload = typeof options === 'string' ? { content: options } : { ...(options as object) };
      const flags = (payload as { flags?: unknown }).flags;
      const ephemeral =
        (payload as { ephemeral?: unknown }).ephemeral === true ||
        (typeof flags === 'number' && (flags & MessageFlags.Ephemeral) !== 0) ||
        (Array.isArray(flags) && flags.includes(MessageFlags.Ephemeral));
      for (const key of REPLY_ONLY) delete (payload as Record<string, unknown>)[key];
      await interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
      return interaction.editReply(payload);
    }
  };
}
