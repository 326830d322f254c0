import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningBot, type StartBotOptions, startBot } from '../../src/discord/bot';
import type { CommandLimits } from '../../src/discord/limits';
import { createLogger } from '../../src/discord/logger';
import { openStore, type QuizStore } from '../../src/index';
import { MeasurementService } from '../../src/verify/service';
import { DiscordEmulator, type EmulatedGuild, snowflake } from './emulator';

/** A token of a bot token's shape; a test checks it never reaches a log line. */
export const TEST_TOKEN = `${Buffer.from(snowflake()).toString('base64url')}.GhXk2A.${'s3cr3t-t0ken-'.repeat(3)}x`;

/**
 * The real bot (discord.js client, engine, SQLite file, worker pool) against the emulator, with a
 * clock tests can move. Fast settings from discord.js' own options: no identify throttling, a
 * high global REST rate.
 */
export async function startHarness(
  options: {
    guilds?: EmulatedGuild[];
    wrapStore?: (store: QuizStore) => QuizStore;
    /** Measures instead of the real worker pool (a recording fake). */
    measurer?: StartBotOptions['measurer'] & { close(): Promise<void> };
    /** Limits of the expensive commands (default: high enough never to bite, for the suites that are not about them). */
    commandLimits?: CommandLimits;
    /** The bot's answers worked on at once (default the bot's). */
    laneConcurrency?: number;
    /** How long the bot's stop() waits for the interactions in flight (default the bot's). */
    stopDrainMs?: number;
    /** stop()'s later waits (default the bot's): see StartBotOptions. */
    stopGraceMs?: number;
    stopWritesMs?: number;
    stopRepliesMs?: number;
    /** Told each log line as it is written (synchronously, in the bot's own call). */
    onLog?: (line: string) => void;
  } = {},
) {
  const emulator = await DiscordEmulator.start({
    token: TEST_TOKEN,
    ...(options.guilds === undefined ? {} : { guilds: options.guilds }),
  });
  const folder = mkdtempSync(join(tmpdir(), 'cnnkit-discord-'));
  // As startBot opens the bot's own store: the answers recorded on the bot's thread (no writer thread).
  const store = await openStore({ sqlitePath: join(folder, 'quiz.db') });
  // Question 8's picture trains tiny models (8 images of 32×32, one epoch: about a second) and is
  // cached in the test's own folder.
  const measurer =
    options.measurer ??
    new MeasurementService({
      segmentationPicture: {
        settings: { size: 32, trainCount: 8, testCount: 2, epochs: 1, examples: 2 },
        cacheFolder: join(folder, 'pictures'),
      },
    });
  const logLines: string[] = [];
  // For each log line, how many REST requests the emulator had answered when it was written: says
  // whether a line came before or after a reply.
  const requestsAnsweredAtLog: number[] = [];
  const logger = createLogger({
    secrets: [TEST_TOKEN],
    level: 'debug',
    destination: {
      write: (line: string) => {
        logLines.push(line);
        requestsAnsweredAtLog.push(emulator.requests.length);
        options.onLog?.(line);
      },
    },
  });
  const clock = { now: Date.now() };
  let bot: RunningBot;
  try {
    bot = await startBot({
      config: {
        token: TEST_TOKEN,
        applicationId: emulator.applicationId,
        apiUrl: emulator.apiUrl,
        databaseUrl: undefined,
      },
      store: options.wrapStore?.(store) ?? store,
      measurer,
      logger,
      now: () => clock.now,
      commandLimits: options.commandLimits ?? {
        perUser: { capacity: 1_000, perSecond: 1_000 },
        perServer: { capacity: 1_000, perSecond: 1_000 },
      },
      ...(options.laneConcurrency === undefined ? {} : { laneConcurrency: options.laneConcurrency }),
      ...(options.stopDrainMs === undefined ? {} : { stopDrainMs: options.stopDrainMs }),
      ...(options.stopGraceMs === undefined ? {} : { stopGraceMs: options.stopGraceMs }),
      ...(options.stopWritesMs === undefined ? {} : { stopWritesMs: options.stopWritesMs }),
      ...(options.stopRepliesMs === undefined ? {} : { stopRepliesMs: options.stopRepliesMs }),
      clientOptions: {
        rest: { globalRequestsPerSecond: 10_000, timeout: 5_000, retries: 3 },
        ws: { buildIdentifyThrottler: () => ({ waitForIdentify: async () => {} }) },
      },
    });
  } catch (error) {
    await emulator.close();
    throw error;
  }
  return {
    emulator,
    bot,
    store,
    clock,
    logLines,
    requestsAnsweredAtLog,
    guild: emulator.guilds[0]!,
    dbPath: join(folder, 'quiz.db'),
    pictureFolder: join(folder, 'pictures'),
    async close() {
      await bot.stop();
      await emulator.close();
      await store.close();
      await measurer.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
/**
 * A bot of its own on its own SQLite file in `folder`, with no models and a silent logger, joined to
 * `emulator` (give each such bot an emulator of its own: a second bot on one emulator would take
 * the first one's gateway). `extra` adds or overrides startBot options.
 */
export function startBotOnSqlite(
  emulator: DiscordEmulator,
  folder: string,
  extra: Partial<StartBotOptions> = {},
): Promise<RunningBot> {
  return startBot({
    config: {
      token: TEST_TOKEN,
      applicationId: emulator.applicationId,
      apiUrl: emulator.apiUrl,
      databaseUrl: undefined,
    },
    sqlitePath: join(folder, 'quiz.db'),
    measurer: { measure: () => Promise.reject(new Error('no models here')) },
    logger: createLogger({ secrets: [TEST_TOKEN], destination: { write: () => {} } }),
    clientOptions: { ws: { buildIdentifyThrottler: () => ({ waitForIdentify: async () => {} }) } },
    ...extra,
  });
}

export type Harness = Awaited<ReturnType<typeof startHarness>>;

export const users = {
  ada: { id: snowflake(), username: 'ada' },
  grace: { id: snowflake(), username: 'grace' },
  linus: { id: snowflake(), username: 'linus' },
};
