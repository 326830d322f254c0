import {
  Client,
  type ClientOptions,
  DefaultRestOptions,
  Events,
  GatewayIntentBits,
  type Interaction,
  REST,
} from 'discord.js';
import { Agent } from 'undici';
import { type Measurer, QuizEngine } from '../engine';
import { GradingWorker, type GradingWorkerOptions } from '../grading-pool';
import type { RateLimitPolicy } from '../rate-limit';
import { openStore } from '../store/open';
import type { QuizStore } from '../store/store';
import type { SegmentationPictureSource } from '../verify/segmentation-picture';
import { MeasurementService } from '../verify/service';
import { PicturePool } from '../views/picture-pool';
import { LeaderboardCache } from './boards';
import { type DiscordConfig, redact } from './config';
import type { BotContext } from './context';
import { dispatchInteraction, NO_MENTIONS, replyWithError } from './dispatcher';
import { BotError } from './errors';
import { CommandLimiter, type CommandLimits } from './limits';
import { createLogger, type Logger } from './logger';
import { GroupMemberships } from './memberships';
import type { PhaseProbe } from './phases';
import { ReplyQueue, WorkLane } from './queue';
import { lateCallbackRule } from './reply-in-time';
import { RoundCloser } from './rounds';
import { StoreGate } from './store-gate';

export interface StartBotOptions {
  readonly config: DiscordConfig;
  /** A store to use (tests); else opened from config.databaseUrl or the SQLite path. */
  readonly store?: QuizStore;
  readonly sqlitePath?: string | undefined;
  /** Measures answers; one that also draws question 8's picture (the MeasurementService does) lets `/explain 8` attach it. */
  readonly measurer?: Measurer & Partial<SegmentationPictureSource> & { close?(): Promise<void> };
  readonly logger?: Logger;
  readonly now?: () => number;
  /** Answers per user (default: the engine's, 10 at once then one per 3 s); benchmarks raise it. */
  readonly rateLimit?: RateLimitPolicy;
  /** Passed through to discord.js (tests: a faster REST queue, a no-op identify throttler). */
  readonly clientOptions?: Partial<Pick<ClientOptions, 'rest' | 'ws'>>;
  /**
   * Grades rubric answers in a worker thread (default true); false grades them on the interaction
   * thread, as before (for comparisons: the worker's round trip waits on the OS scheduler).
   */
  readonly rubricWorker?: boolean;
  /** The grading worker's options (default: its defaults; the bench's A/B of `chunkReplies`). */
  readonly grading?: GradingWorkerOptions;
  /** Answers worked on at once on this thread (the WorkLane's places; default 4). */
  readonly laneConcurrency?: number;
  /**
   * Records the answers (SQLite) in the store's writer thread (`openStore`'s `writerThread`) instead
   * of on the interaction thread (default false). Measured on the 2-core machine (issue 20, stop 26):
   * the thread's round trip (two messages, a wake-up each way, and the worker's own JIT and GC) cost
   * the process as much CPU per answer as the write it moved off this thread, or more (bots warmed
   * up: all threads 20–30% less in a burst and 5–11% less for lone answers without it), and one more
   * thread hop. Ignored with `store` (opened by the caller) and on PostgreSQL.
   */
  readonly writerThread?: boolean;
  /** Limits of /leaderboard, /explain and /compute per user and per server (default DEFAULT_COMMAND_LIMITS). */
  readonly commandLimits?: CommandLimits;
  /** How often the store is swept for rounds past their deadline (default 5 s). */
  readonly roundSweepMs?: number;
  /** Marks each interaction's phases on this bot (the bench's `--phases`; default none). */
  readonly phaseProbe?: PhaseProbe;
  /**
   * How long `stop()` waits for the interactions accepted before it (answers in the lane or
   * waiting for their grade) to be stored and replied to, before those still waiting for a place
   * are told the bot is restarting (default `STOP_DRAIN_MS`).
   */
  readonly stopDrainMs?: number;
  /**
   * After the drain, how long the refused answers' sentences and the answers then being scored get
   * (default `STOP_GRACE_MS`); it ends as soon as they are done.
   */
  readonly stopGraceMs?: number;
  /** After the grace, how long the store calls under way get to settle (default `STOP_WRITES_MS`). */
  readonly stopWritesMs?: number;
  /** Then how long the interactions still in flight get for their replies (default `STOP_REPLIES_MS`). */
  readonly stopRepliesMs?: number;
}

/** `stop()`'s wait for the interactions in flight to finish (ms; see StartBotOptions.stopDrainMs). */
export const STOP_DRAIN_MS = 10_000;
/** After the drain: how long the refused answers' sentences and the answers then being scored get (ms). */
const STOP_GRACE_MS = 3_000;
/**
 * After the grace, once no store call may start: how long the store calls under way get to settle
 * before a store the bot opened closes under them (ms).
 */
const STOP_WRITES_MS = 2_000;
/** Then: how long the interactions still in flight get to send their replies before the client goes (ms). */
const STOP_REPLIES_MS = 2_000;
/**
 * How long `stop()` waits, once the accepted interactions are done, for the "restarting" sentences
 * of the interactions that arrived during it (ms): each is one REST call, and a busy server keeps
 * sending them, so they get a short wait of their own instead of holding up the drain.
 */
const STOP_REFUSALS_MS = 1_000;

/**
 * Waits until `inFlight` (interactions' handling → their ids) is empty (interactions added meanwhile
 * too) or `ms` passed; true when empty.
 */
async function settled(inFlight: ReadonlyMap<Promise<void>, string>, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (inFlight.size > 0) {
    const left = deadline - Date.now();
    if (left <= 0) return false;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled([...inFlight.keys()]),
      new Promise((resolve) => {
        timer = setTimeout(resolve, left);
      }),
    ]);
    clearTimeout(timer);
  }
  return true;
}

export interface RunningBot {
  readonly client: Client;
  readonly context: BotContext;
  /** Where rubric answers are graded: a worker thread, started with the bot (`warm` waits for it). */
  readonly grading: GradingWorker;
  /**
   * Stops the bot. Interactions that arrive from now on are told at once that the bot is restarting
   * (those sentences get at most 1 s at the end). The interactions accepted before it get up to
   * `stopDrainMs` to be stored and replied to, with two exceptions:
   * - answers that need a model run, when the bot owns its measurer (none passed in options): the
   *   measurer closes first, so such a run ends at once and its user is told the bot is restarting
   *   (nothing stored); they are not drained;
   * - past `stopDrainMs`, answers still waiting for a place in the lane are told the bot is
   *   restarting (nothing stored), and the answers then being scored get 3 s more. After that no
   *   store call starts (StoreGate): an answer that has not reached its write yet is told nothing
   *   was recorded, and the calls under way get 2 s to settle; past that a store the bot opened
   *   closes under them (a write then fails, rolled back, and its user is told nothing was
   *   recorded; a store passed in is its caller's). Then the interactions still in flight get 2 s
   *   for their replies (the answer stored, or the sentence that it was not): what is left after
   *   that is cut off, its reply lost.
   * Each deadline that passes with interactions in flight is logged with their ids (warn, `event:
   * 'stop'`). Then the client, the REST agent, the picture pool, the grading worker and a store the
   * bot opened are closed, each even if one before it failed (logged). A second call waits for the first.
   */
  stop(): Promise<void>;
}

export { NO_MENTIONS } from './dispatcher';

/**
 * Most HTTP connections the bot keeps open to the Discord API (default of `restAgent`). discord.js
 * sends on undici's global agent, which opens a new connection for every request that finds none
 * idle: a burst of 400 interactions opened hundreds (TCP, and TLS on Discord), ~9% of the bot's
 * thread in the emulator's burst. With a bound the requests beyond it wait for a kept-alive one
 * instead. 128 carry 1,280 requests/s at a 100 ms round trip, a burst of 400 answers' deferrals
 * and replies within about half a second, while a burst opens at most 128 connections.
 */
export const REST_CONNECTIONS = 128;

/**
 * The HTTP agent of the bot's REST requests: at most `connections` connections to the API, kept
 * alive between requests (undici's defaults otherwise).
 */
export function restAgent(connections = REST_CONNECTIONS): Agent {
  return new Agent({ connections });
}

/** The bot's REST client, pointed at DISCORD_API_URL, with back-off on server errors. */
export function createRest(config: DiscordConfig, options: ClientOptions['rest'] = {}): REST {
  return new REST({ makeRequest: withServerErrorBackoff(), ...options, api: config.apiUrl }).setToken(
    config.token,
  );
}

type MakeRequest = (typeof DefaultRestOptions)['makeRequest'];

/**
 * discord.js retries a 5xx at once (`handleErrors` in @discordjs/rest: 8 requests in 77 ms were
 * seen against a failing API). This wraps its request function so that after the n-th server error
 * in a row on one method and URL the retry waits a random time in [b/2, b] with b = baseMs·2^(n−1)
 * ("equal jitter", AWS Architecture Blog, "Exponential Backoff And Jitter", 2015): spread, never zero.
 */
export function withServerErrorBackoff(
  make: MakeRequest = DefaultRestOptions.makeRequest,
  options: { baseMs?: number; random?: () => number } = {},
): MakeRequest {
  const baseMs = options.baseMs ?? 150;
  const random = options.random ?? Math.random;
  const failures = new Map<string, number>();
  return async (url, init) => {
    const key = `${init.method ?? 'GET'} ${url}`;
    const response = await make(url, init);
    if (response.status >= 500 && response.status < 600) {
      const streak = (failures.get(key) ?? 0) + 1;
      if (failures.size > 1_000) failures.clear();
      failures.set(key, streak);
      const ceiling = baseMs * 2 ** Math.min(streak - 1, 6);
      await new Promise((resolve) => setTimeout(resolve, ceiling / 2 + (random() * ceiling) / 2));
    } else failures.delete(key);
    return response;
  };
}

/**
 * Starts the Discord adapter: one engine, the slash-command dispatcher, and the gateway. Models run
 * in the worker pool only; this thread answers interactions and heartbeats.
 */
export async function startBot(options: StartBotOptions): Promise<RunningBot> {
  const { config } = options;
  const logger = options.logger ?? createLogger({ secrets: [config.token] });
  const now = options.now ?? Date.now;
  const ownsStore = options.store === undefined;
  const ownStore =
    options.store ??
    // The answers' write transactions run on this thread by default (issue 20, stop 26): a writer
    // thread's round trip cost as much CPU in all (its messages, its own JIT and GC) as the writes.
    (await openStore({
      databaseUrl: config.databaseUrl,
      sqlitePath: options.sqlitePath,
      writerThread: options.writerThread === true,
      // A WAL checkpoint on this thread held up every answer in flight (issue 20).
      checkpointThread: true,
      onCheckpointerStopped: (error) =>
        logger.warn({ err: error }, 'WAL checkpointer stopped: SQLite checkpoints on the bot thread again'),
      // Once per change of pace, never per checkpoint.
      onCheckpointerState: (event) =>
        event.state === 'backing-off'
          ? logger.warn(
              { event: 'checkpointer', problem: event.problem },
              'WAL checkpoints make no progress (a long read?): checkpointing less often until they do',
            )
          : logger.info({ event: 'checkpointer' }, 'WAL checkpoints make progress again: back to every 2 s'),
    }));
  // What the engine and the handlers use: stop() closes it before the store goes (see StoreGate).
  const gate = new StoreGate(ownStore);
  const store = gate.store;
  const ownsMeasurer = options.measurer === undefined;
  const measurer = options.measurer ?? new MeasurementService();
  const picturePool = new PicturePool();
  picturePool.warm();
  // Rubric answers are graded off the interaction thread; the worker loads its model now.
  const grading = new GradingWorker(options.grading);
  if (options.rubricWorker !== false) void grading.warm();
  const engine = new QuizEngine({
    store,
    measurer,
    now,
    ...(options.rubricWorker === false ? {} : { rubricGrader: grading }),
    ...(options.rateLimit === undefined ? {} : { rateLimit: options.rateLimit }),
  });
  const pictures: SegmentationPictureSource | undefined =
    measurer.segmentationPicture === undefined
      ? undefined
      : {
          segmentationPicture: measurer.segmentationPicture.bind(measurer),
          ...(measurer.segmentationPictureState === undefined
            ? {}
            : { segmentationPictureState: measurer.segmentationPictureState.bind(measurer) }),
        };

  const queue = new ReplyQueue();
  const agent = restAgent();
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    // Every message and edit the bot sends pings nobody: user text (a group named "@everyone", a
    // role mention in a display name) is shown, never obeyed. discord.js applies this default to
    // interaction replies, follow-ups and webhook edits alike.
    allowedMentions: NO_MENTIONS,
    // Several processes on one database: each connects as one shard; Discord routes a server's
    // interactions to its shard, and all state lives in the database or in the custom ids.
    ...(config.shard === undefined ? {} : { shards: [config.shard.id], shardCount: config.shard.count }),
    ...options.clientOptions,
    rest: {
      agent,
      makeRequest: withServerErrorBackoff(),
      // A 429 that would push a first reply past Discord's 3 s turns the reply into a deferral.
      rejectOnRateLimit: lateCallbackRule(queue),
      ...options.clientOptions?.rest,
      api: config.apiUrl,
    },
  });
  const rounds = new RoundCloser({
    store,
    engine,
    rest: client.rest,
    logger,
    now,
    sweepMs: options.roundSweepMs ?? 5_000,
  });
  const context: BotContext = {
    engine,
    store,
    logger,
    now,
    rounds,
    limiter: new CommandLimiter(options.commandLimits),
    queue,
    lane: new WorkLane(options.laneConcurrency),
    picturePool,
    boards: new LeaderboardCache(store, picturePool, now),
    memberships: new GroupMemberships(store, now),
    ...(pictures === undefined ? {} : { pictures }),
    ...(options.phaseProbe === undefined ? {} : { phases: options.phaseProbe }),
  };
  guardGatewayPackets(client, logger, queue, options.phaseProbe);
  /** The interactions accepted (dispatched) and not yet done, with their ids: what `stop()` drains. */
  const inFlight = new Map<Promise<void>, string>();
  /** The "restarting" sentences of interactions that arrived during `stop()`, still being sent. */
  const refusals = new Map<Promise<void>, string>();
  /** Set by `stop()`: interactions that arrive from then on are told the bot is restarting. */
  let stopping = false;
  /** Set by `stop()` when it closed the store early, under store calls that would not settle. */
  let storeClosed = false;
  client.on(Events.InteractionCreate, (interaction) => {
    // Once stopping, nothing more is accepted: `inFlight` only shrinks, so the drain waits for the
    // interactions accepted before stop(), never for the refusals of the ones that keep arriving.
    const pending = stopping ? refusals : inFlight;
    const handled = (
      stopping ? refuseWhileStopping(interaction, logger) : dispatchInteraction(interaction, context)
    ).finally(() => pending.delete(handled));
    pending.set(handled, interaction.id);
  });
  client.on(Events.Error, (error) => logger.error({ err: error }, 'discord client error'));
  client.on(Events.ShardResume, (shard, replayed) => logger.info({ shard, replayed }, 'gateway resumed'));
  client.on(Events.ShardDisconnect, (event, shard) =>
    logger.warn({ shard, code: event.code }, 'gateway disconnected'),
  );

  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  try {
    await client.login(config.token);
  } catch (error) {
    rounds.stop();
    if (ownsMeasurer) await step('close the measurer', () => measurer.close?.());
    await closeAll();
    throw new Error(
      redact(`could not log in to Discord: ${error instanceof Error ? error.message : String(error)}`, [
        config.token,
      ]),
    );
  }
  await ready;
  logger.info({ user: client.user?.id, guilds: client.guilds.cache.size }, 'bot ready');
  /** The one stop (a second call waits for the first). */
  let stopped: Promise<void> | undefined;
  return {
    client,
    context,
    grading,
    stop() {
      stopped ??= stopOnce();
      return stopped;
    },
  };
  /** Runs one teardown step; a failure is logged, and the next steps run all the same. */
  async function step(name: string, run: () => unknown): Promise<void> {
    try {
      await run();
    } catch (error) {
      logger.error({ event: 'stop', step: name, err: error }, 'stop: a teardown step failed');
    }
  }
  /** The client, then what it used: each closed even if one before it failed. */
  async function closeAll(): Promise<void> {
    await step('destroy the client', () => client.destroy());
    await step('close the REST agent', () => agent.destroy());
    await step('close the picture pool', () => picturePool.close());
    await step('close the grading worker', () => grading.close());
    if (ownsStore && !storeClosed) await step('close the store', () => ownStore.close());
  }
  /**
   * After the grace: no store call starts from now (those answers are told nothing was recorded),
   * the calls under way settle (a store the bot opened closes under those left after
   * STOP_WRITES_MS), then the interactions still in flight get STOP_REPLIES_MS for their replies.
   */
  async function cutOff(): Promise<void> {
    gate.close(new BotError('bot_restarting', 'the bot is stopping: the store is closing'));
    logger.warn(
      { event: 'stop', inFlight: [...inFlight.values()], storeCalls: gate.pending },
      'stop: grace over; no store call starts from now, those under way get their time',
    );
    if (!(await gate.settled(options.stopWritesMs ?? STOP_WRITES_MS))) {
      logger.warn(
        { event: 'stop', storeCalls: gate.pending },
        ownsStore
          ? 'stop: store calls still under way: the store closes under them (rolled back)'
          : 'stop: store calls still under way on a store passed in: left to its owner',
      );
      if (ownsStore) {
        storeClosed = true;
        await step('close the store', () => ownStore.close());
      }
    }
    if (!(await settled(inFlight, options.stopRepliesMs ?? STOP_REPLIES_MS)))
      logger.warn(
        { event: 'stop', cutOff: [...inFlight.values()] },
        'stop: interactions still in flight are cut off (their replies lost)',
      );
  }
  async function stopOnce(): Promise<void> {
    stopping = true;
    rounds.stop();
    // Workers first: model runs in flight end with "the bot is restarting" (not drained), and those
    // users are told so while the gateway and REST are still up, then the client goes.
    if (ownsMeasurer) await step('close the measurer', () => measurer.close?.());
    // Drained: every answer accepted before stop() (in the lane, or waiting for its grade) is
    // stored and replied to. Those still waiting for a place when the drain's time is up are told
    // the bot is restarting (nothing of theirs stored), and the answers being scored then get the
    // grace; what is still in flight after it is logged and cut off.
    if (!(await settled(inFlight, options.stopDrainMs ?? STOP_DRAIN_MS))) {
      logger.warn(
        {
          event: 'stop',
          inFlight: [...inFlight.values()],
          inLane: context.lane.inLane,
          waitingForPlace: context.lane.queued,
        },
        'stop: drain time up; answers still waiting for a place are told the bot is restarting',
      );
      context.lane.close(new BotError('bot_restarting', 'the bot is stopping: this answer was not recorded'));
      if (!(await settled(inFlight, options.stopGraceMs ?? STOP_GRACE_MS))) await cutOff();
    }
    // The sentences to the interactions that arrived meanwhile go out while the client is still up.
    if (!(await settled(refusals, STOP_REFUSALS_MS)))
      logger.warn(
        { event: 'stop', refusalsCutOff: [...refusals.values()] },
        'stop: "restarting" sentences still unsent are cut off',
      );
    await closeAll();
  }
}

/**
 * An interaction that arrived while the bot stops: told so (ephemeral, as every error sentence:
 * replyWithError), nothing else done; told that nothing was recorded only if it would have recorded something.
 */
async function refuseWhileStopping(interaction: Interaction, logger: Logger): Promise<void> {
  if (!interaction.isRepliable()) return;
  await replyWithError(interaction, new BotError('bot_restarting', 'the bot is stopping'), logger);
}

/** The bench's phase probe: an interaction's gateway packet read off the socket. */
export function markPacket(probe: PhaseProbe, packet: unknown): void {
  const { t, d } = (packet ?? {}) as { t?: unknown; d?: { id?: unknown } };
  if (t === 'INTERACTION_CREATE' && typeof d?.id === 'string') probe.mark(d.id, 'packet');
}

/**
 * discord.js builds its structures from gateway payloads inside its event handler: a malformed
 * payload (an interaction without a user, a null body) throws there, outside any of our code, and
 * would end the process as an uncaught exception. Such a packet is logged and dropped instead.
 * (`handlePacket` is discord.js' own per-packet entry, WebSocketManager.js in 14.28.)
 */
function guardGatewayPackets(client: Client, logger: Logger, queue: ReplyQueue, probe?: PhaseProbe): void {
  const manager = client.ws as unknown as { handlePacket(packet?: unknown, shard?: unknown): boolean };
  const handlePacket = manager.handlePacket.bind(manager);
  manager.handlePacket = (packet, shard) => {
    try {
      // discord.js builds the interaction and emits it inside: that parsing is the interaction's
      // own time on this thread (the measured queue's cost, see ReplyQueue.gatewayEvent).
      if (probe !== undefined) markPacket(probe, packet);
      return queue.gatewayEvent(() => handlePacket(packet, shard));
    } catch (error) {
      logger.warn(
        { err: error, event: (packet as { t?: unknown } | undefined)?.t },
        'malformed gateway event dropped',
      );
      return false;
    }
  };
}
