import { BOT_WARMUP_GRADES } from '../grading-pool';
import { createRest, startBot } from './bot';
import { DiscordConfigError, loadDiscordConfig, redact } from './config';
import { deployCommands } from './deploy';

/**
 * Which setting Discord refused, from its status: 401 is the token; 403 and 404 on the commands
 * route mean the token is valid but the application id is not its application (or the bot is not
 * on that server). Any other failure keeps Discord's own words.
 */
export function deployFailure(error: unknown, guild: string | undefined): string {
  const status = (error as { status?: unknown } | null)?.status;
  const detail = error instanceof Error ? error.message : String(error);
  if (status === 401)
    return `Discord refused DISCORD_TOKEN (401 Unauthorized): it is not a valid bot token. Copy it again from the Developer Portal (your application → Bot → Reset Token) and set DISCORD_TOKEN.`;
  if (status === 403 || status === 404)
    return `Discord refused DISCORD_APPLICATION_ID (${status}): the token is valid, but the id is not this bot's application${guild === undefined ? '' : ` or the bot is not on server ${guild}`}. Copy the Application ID from the Developer Portal (General Information) and set DISCORD_APPLICATION_ID.`;
  return `deploy failed: ${detail}`;
}

/**
 * `cnnkit-quiz discord` (run the bot) and `cnnkit-quiz discord deploy [--guild ID]` (register the
 * slash commands). Loaded only when asked, so the terminal quiz never loads discord.js.
 */
export async function runDiscordCommand(
  args: { sub: string | undefined; guild?: string | undefined; db?: string | undefined },
  io: { out: NodeJS.WritableStream; err: NodeJS.WritableStream },
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  let config: ReturnType<typeof loadDiscordConfig>;
  try {
    config = loadDiscordConfig(env);
  } catch (error) {
    if (error instanceof DiscordConfigError) {
      io.err.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  try {
    if (args.sub === 'deploy') {
      if (args.guild !== undefined && !/^\d{17,20}$/.test(args.guild)) {
        io.err.write(
          '--guild must be a server id (17 to 20 digits: right-click the server, Copy Server ID)\n',
        );
        return 2;
      }
      const plan = await deployCommands(createRest(config), config.applicationId, args.guild).catch(
        (error: unknown) => {
          throw new Error(deployFailure(error, args.guild), { cause: error });
        },
      );
      io.out.write(
        `${args.guild === undefined ? 'global' : `server ${args.guild}`}: created ${plan.create.length}, updated ${plan.update.length}, removed ${plan.remove.length}, unchanged ${plan.unchanged.length}\n`,
      );
      return 0;
    }
    if (args.sub !== undefined) {
      io.err.write(
        `unknown discord command "${args.sub.slice(0, 20)}": use "discord" or "discord deploy [--guild ID]"\n`,
      );
      return 2;
    }
    // The grading worker warms its grader up in the background after each start (a second or two
    // of CPU on its own thread), so the first round after a restart does not pay V8's JIT.
    const bot = await startBot({ config, sqlitePath: args.db, grading: { warmupGrades: BOT_WARMUP_GRADES } });
    io.err.write(`cnnkit quiz bot is online as ${bot.client.user?.tag ?? 'the bot'}; Ctrl-C stops it.\n`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await bot.stop();
    return 0;
  } catch (error) {
    io.err.write(`${redact(error instanceof Error ? error.message : String(error), [config.token])}\n`);
    return 1;
  }
}
