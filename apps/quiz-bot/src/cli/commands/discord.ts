import type { CliIo } from '../command';
import type { Args } from '../options';

/**
 * `cnnkit-quiz discord [deploy [--guild ID]]`: run the bot, or register its slash commands. It runs
 * before the terminal's quiz exists (no store, no measurer), and loads discord.js only when asked:
 * the terminal quiz never loads it.
 */
export async function runDiscord(command: readonly string[], args: Args, io: CliIo): Promise<number> {
  const { runDiscordCommand } = await import('../../discord/main');
  return runDiscordCommand({ sub: command[1], guild: args.guild, db: args.db }, io);
}
