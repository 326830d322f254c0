import {
  type Interaction,
  InteractionContextType,
  MessageFlags,
  type RepliableInteraction,
} from 'discord.js';
import type { ComponentHandler, SlashCommand } from './command';
import { COMMANDS, COMPONENT_HANDLERS } from './commands/index';
import type { BotContext } from './context';
import { BotError, errorCodeOf, friendlyMessage } from './errors';
import { EXPENSIVE_COMMANDS } from './limits';
import type { Logger } from './logger';
import { checkKnownOptions } from './options';
import type { QueuedInteraction } from './queue';
import { clip } from './render';
import { deferWhenRateLimited } from './reply-in-time';

/** What every message may ping: nobody (the client default; a message may only narrow it further). */
export const NO_MENTIONS = Object.freeze({ parse: [] as never[] });

/** True for a command registered for DMs as well as servers (its `contexts` include BotDM). */
function worksInDms(command: SlashCommand): boolean {
  return command.data.contexts?.includes(InteractionContextType.BotDM) === true;
}

const commandsByName = new Map<string, SlashCommand>(COMMANDS.map((c) => [c.data.name, c]));
const handlersByPrefix = new Map<string, ComponentHandler>(COMPONENT_HANDLERS.map((h) => [h.prefix, h]));

/** discord.js' methods that send an interaction's first response, and what it tells the measured queue. */
const FIRST_RESPONSES = {
  reply: 'replied',
  update: 'replied',
  showModal: 'replied',
  deferReply: 'deferred',
  deferUpdate: 'deferred',
  // After a deferral, the edit is the reply (the queue's `replied` ignores all but the first).
  editReply: 'replied',
} as const;
type FirstResponse = keyof typeof FIRST_RESPONSES;
type Reporter = Pick<QueuedInteraction, 'replied' | 'deferred'>;
type Method = (...args: unknown[]) => Promise<unknown>;

/** What an interaction's wrapped methods need: its queue entry and the methods they wrap. */
interface Responding {
  readonly queued: Reporter;
  readonly originals: Partial<Record<FirstResponse, Method>>;
}
const RESPONDING = Symbol('cnnkit.responding');

/**
 * One wrapper per method name, made once and shared by every interaction (issue 20: making six
 * closures per interaction was ~9 ms of the bot's thread in a burst of 400): it runs the method it
 * replaced on this interaction, then tells the interaction's queue entry.
 */
function firstResponseWrapper(name: FirstResponse): Method {
  const report = FIRST_RESPONSES[name];
  return async function (this: { [RESPONDING]: Responding }, ...args: unknown[]) {
    const { queued, originals } = this[RESPONDING];
    try {
      return await originals[name]!.apply(this, args);
    } finally {
      queued[report]();
    }
  };
}
const WRAPPERS = Object.fromEntries(
  (Object.keys(FIRST_RESPONSES) as FirstResponse[]).map((name) => [name, firstResponseWrapper(name)]),
) as Record<FirstResponse, Method>;
const FIRST_RESPONSE_NAMES = Object.keys(FIRST_RESPONSES) as FirstResponse[];

/**
 * Tells `queued` when the interaction's first response has gone out (or failed), and whether it
 * was a deferral: each of discord.js' response methods on this interaction object is wrapped, so
 * no handler has to report it. (Called on the interaction: `interaction.reply(…)`, as discord.js
 * and the handlers call them.)
 */
export function onFirstResponse(interaction: Interaction, queued: Reporter): void {
  const target = interaction as unknown as Record<string, unknown>;
  const wrapped = (target as { [RESPONDING]?: Responding })[RESPONDING];
  if (wrapped !== undefined) {
    // Already wrapped (its methods are the shared wrappers): wrapping them again would make each
    // call itself. Both entries are told instead, the earlier first, as two layers of closures did.
    const earlier = wrapped.queued;
    (target as { [RESPONDING]?: Responding })[RESPONDING] = {
      originals: wrapped.originals,
      queued: {
        replied: () => {
          earlier.replied();
          queued.replied();
        },
        deferred: () => {
          earlier.deferred();
          queued.deferred();
        },
      },
    };
    return;
  }
  const originals: Responding['originals'] = {};
  for (const name of FIRST_RESPONSE_NAMES) {
    const original = target[name];
    if (typeof original !== 'function') continue;
    originals[name] = original as Method;
    target[name] = WRAPPERS[name];
  }
  (target as { [RESPONDING]?: Responding })[RESPONDING] = { queued, originals };
}

/**
 * Whether `interaction` would record something if it were worked on (an answer, a hint, a group or
 * setting change), as its command or component handler says (`records`); false for a read-only or
 * unknown one. Decides what it is told when refused while the bot restarts.
 */
export function recordsSomething(interaction: Interaction): boolean {
  if (interaction.isChatInputCommand())
    return commandsByName.get(interaction.commandName)?.records?.(interaction) === true;
  if (interaction.isButton() || interaction.isModalSubmit()) {
    const [prefix = '', ...args] = interaction.customId.split(':');
    return handlersByPrefix.get(prefix)?.records?.(interaction, args) === true;
  }
  return false;
}

/**
 * Tells the user of `interaction` the sentence for `error` (friendlyMessage, with whether the
 * interaction records something), privately and pinging nobody: as its reply; as the edit of a
 * private deferral or reply; or, after a public one, as a private follow-up (the public
 * "thinking…" goes: an error is the asker's business). The one way every error sentence is sent:
 * the dispatcher's, and stop()'s "restarting" to interactions that arrive while the bot stops.
 * Each REST call is awaited through `wait` (the measured queue's); a failure to send is logged.
 */
export async function replyWithError(
  interaction: RepliableInteraction,
  error: unknown,
  logger: Logger,
  wait: <T>(sending: Promise<T>) => Promise<T> = (sending) => sending,
): Promise<void> {
  try {
    const content = `⚠️ ${friendlyMessage(error, { records: recordsSomething(interaction) })}`;
    const publicReply =
      (interaction.deferred || interaction.replied) &&
      'ephemeral' in interaction &&
      interaction.ephemeral === false;
    if (publicReply) {
      await wait(interaction.deleteReply().catch(() => {}));
      await wait(
        interaction.followUp({ content, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS }),
      );
    } else if (interaction.deferred || interaction.replied)
      await wait(interaction.editReply({ content, embeds: [], files: [], allowedMentions: NO_MENTIONS }));
    else
      await wait(interaction.reply({ content, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS }));
  } catch (replyError) {
    logger.error(
      { interaction: interaction.id, code: errorCodeOf(error), err: replyError },
      'could not tell the user about an error',
    );
  }
}

/**
 * The one entry for every interaction: finds the command or component handler, and turns any
 * error into a friendly ephemeral sentence (by stable code) while the log keeps the details.
 */
export async function dispatchInteraction(interaction: Interaction, ctx: BotContext): Promise<void> {
  const started = performance.now();
  ctx.phases?.mark(interaction.id, 'dispatch');
  const queued = ctx.queue.begin();
  // The interaction leaves the measured queue at its first response, whatever sends it; work that
  // waits on a worker (a model run) leaves it earlier (see ReplyQueue). Its own time on this thread
  // is measured from its gateway event until its reply: handlers await through `queued.waitFor`.
  deferWhenRateLimited(interaction);
  onFirstResponse(interaction, queued);
  const context: BotContext = { ...ctx, queued };
  try {
    if (!interaction.isRepliable()) return; // autocomplete and the like: nothing to answer
    if (interaction.isChatInputCommand()) {
      const command = commandsByName.get(interaction.commandName);
      if (command === undefined)
        throw new BotError('unknown_command', `unknown command ${clip(interaction.commandName, 40)}`);
      // Registered contexts say where a command is offered; a DM is refused unless it allows DMs.
      if (!interaction.inGuild() && !worksInDms(command))
        throw new BotError('guild_only', 'interaction outside a server');
      checkKnownOptions(command.data, interaction.options.data);
      if (EXPENSIVE_COMMANDS.has(command.data.name))
        ctx.limiter.take(command.data.name, interaction.user.id, interaction.guildId, ctx.now());
      await queued.waitFor(command.execute(interaction, context));
    } else if (!interaction.inGuild()) {
      throw new BotError('guild_only', 'interaction outside a server');
    } else if (interaction.isButton() || interaction.isModalSubmit()) {
      const [prefix = '', ...args] = interaction.customId.split(':');
      const handler = handlersByPrefix.get(prefix);
      const run = interaction.isButton()
        ? handler?.button?.bind(handler, interaction, args, context)
        : handler?.modal?.bind(handler, interaction as never, args, context);
      if (run === undefined)
        throw new BotError('unknown_component', `no handler for ${clip(interaction.customId, 80)}`);
      await queued.waitFor(run());
    } else {
      throw new BotError('unknown_command', `unsupported interaction type ${interaction.type}`);
    }
    ctx.logger.debug({ interaction: interaction.id, ms: performance.now() - started }, 'interaction handled');
  } catch (error) {
    const code = errorCodeOf(error);
    const log =
      code === 'internal' || code === 'storage_failed' || code === 'measurement_failed' ? 'error' : 'warn';
    ctx.logger[log](
      { interaction: interaction.id, user: interaction.user.id, code, err: error },
      'interaction failed',
    );
    if (interaction.isRepliable())
      await replyWithError(interaction, error, ctx.logger, queued.waitFor.bind(queued));
  } finally {
    queued.end();
  }
}
