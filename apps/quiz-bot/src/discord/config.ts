import { CnnkitError, closestKey } from '@cnnkit/shape-math';
import { z } from 'zod';

/** What the bot needs from its environment; validated once, at start. */
export interface DiscordConfig {
  readonly token: string;
  readonly applicationId: string;
  readonly databaseUrl: string | undefined;
  /** discord.js' `rest.api` option: REST, and through GET /gateway/bot the gateway, live behind it. */
  readonly apiUrl: string;
  /** This process's shard and the total, when several processes share the bot (one PostgreSQL). */
  readonly shard?: { readonly id: number; readonly count: number } | undefined;
}

export const DEFAULT_DISCORD_API_URL = 'https://discord.com/api';

/** A configuration problem, in one sentence that never quotes the token. */
export class DiscordConfigError extends CnnkitError<'invalid_config', Readonly<Record<string, never>>> {
  override readonly name = 'DiscordConfigError';
  constructor(message: string) {
    super({ code: 'invalid_config', message, details: {} });
  }
}

const snowflake = /^\d{17,20}$/;
// A bot token is three base64url parts joined by dots; the first encodes the application id.
const tokenShape = /^[\w-]{16,}\.[\w-]{4,}\.[\w-]{20,}$/;

const envSchema = z.object({
  DISCORD_TOKEN: z
    .string({
      error:
        'DISCORD_TOKEN is not set: copy the bot token from the Discord developer portal (Bot → Reset Token)',
    })
    .trim()
    .regex(tokenShape, {
      error:
        'DISCORD_TOKEN does not look like a bot token (three parts joined by dots): copy it again from the developer portal, Bot → Reset Token',
    }),
  DISCORD_APPLICATION_ID: z
    .string({
      error: 'DISCORD_APPLICATION_ID is not set: copy the Application ID from the General Information page',
    })
    .trim()
    .regex(snowflake, {
      error: (issue) =>
        `DISCORD_APPLICATION_ID ${JSON.stringify(String(issue.input).slice(0, 24))} is not an application id: it is 17 to 20 digits`,
    }),
  DATABASE_URL: z
    .string()
    .trim()
    .regex(/^postgres(ql)?:\/\//, {
      error: 'DATABASE_URL must be a postgres:// or postgresql:// URL; leave it unset for the SQLite file',
    })
    .optional()
    .or(z.literal('')),
  DISCORD_API_URL: z
    .string()
    .trim()
    .regex(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, {
      error: `DISCORD_API_URL must be an http(s) URL such as ${DEFAULT_DISCORD_API_URL}`,
    })
    .optional()
    .or(z.literal('')),
  DISCORD_SHARD_ID: z
    .string()
    .regex(/^\d{1,4}$/, { error: 'DISCORD_SHARD_ID must be a whole number from 0' })
    .optional(),
  DISCORD_SHARD_COUNT: z
    .string()
    .regex(/^[1-9]\d{0,3}$/, { error: 'DISCORD_SHARD_COUNT must be a whole number from 1' })
    .optional(),
});

/** Reads and validates the environment; throws one DiscordConfigError listing every problem. */
export function loadDiscordConfig(env: NodeJS.ProcessEnv = process.env): DiscordConfig {
  const misspelt = unknownDiscordVariables(env);
  const result = envSchema.safeParse(env);
  if (!result.success) {
    // Only our own messages: zod's issues are not attached (they could carry the token's text).
    throw new DiscordConfigError([...misspelt, ...result.error.issues.map((i) => i.message)].join('; '));
  }
  if (misspelt.length > 0) throw new DiscordConfigError(misspelt.join('; '));
  const data = result.data;
  const shardId = data.DISCORD_SHARD_ID === undefined ? undefined : Number(data.DISCORD_SHARD_ID);
  const shardCount = data.DISCORD_SHARD_COUNT === undefined ? undefined : Number(data.DISCORD_SHARD_COUNT);
  if ((shardId === undefined) !== (shardCount === undefined))
    throw new DiscordConfigError('set DISCORD_SHARD_ID and DISCORD_SHARD_COUNT together, or neither');
  if (shardId !== undefined && shardCount !== undefined && shardId >= shardCount)
    throw new DiscordConfigError(
      `DISCORD_SHARD_ID ${shardId} is out of range: with DISCORD_SHARD_COUNT ${shardCount} it is 0 to ${shardCount - 1}`,
    );
  return {
    ...(shardId === undefined || shardCount === undefined
      ? {}
      : { shard: { id: shardId, count: shardCount } }),
    token: data.DISCORD_TOKEN,
    applicationId: data.DISCORD_APPLICATION_ID,
    databaseUrl: data.DATABASE_URL === '' ? undefined : data.DATABASE_URL,
    apiUrl: (data.DISCORD_API_URL || DEFAULT_DISCORD_API_URL).replace(/\/+$/, ''),
  };
}

/**
 * `DISCORD_*` variables the bot does not read: most likely a typo (`DISCORD_TOKNE`) that would leave
 * the real setting at its default. Named with the close one (shape-math's `closestKey`); values
 * are never quoted (one of them may be the token).
 */
function unknownDiscordVariables(env: NodeJS.ProcessEnv): string[] {
  const known = Object.keys(envSchema.shape);
  const ours = known.filter((name) => name.startsWith('DISCORD_'));
  return Object.keys(env)
    .filter((name) => name.startsWith('DISCORD_') && !known.includes(name))
    .map((name) => {
      const suggestion = closestKey(name, ours);
      return `${name.slice(0, 60)} is not a variable the bot reads${suggestion === undefined ? '' : `: did you mean ${suggestion}?`} (it reads ${ours.join(', ')})`;
    });
}

/** Replaces every occurrence of the secrets in a text; for logs and error reports. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 8) out = out.split(secret).join('[redacted]');
  return out;
}
