/**
 * One bot as an OS process of its own, for `bench/discord.bench.ts --bots N` (bench-only: it lifts the
 * per-user rate limit, which no user-facing knob does). Forked with an IPC channel; the shard, the
 * emulator's address and the database come in `CNNKIT_BENCH_BOT` (JSON). Messages to the parent:
 * `ready`, then on `stop` the event-loop delay it measured between `go` and `stop`, then it exits.
 * It exits by itself if the parent goes away, so no bot outlives a bench.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startBot } from '../src/discord/bot';
import { createLogger } from '../src/discord/logger';
import { openStore } from '../src/index';
import { MeasurementService } from '../src/verify/service';

export interface BotRunnerConfig {
  readonly token: string;
  readonly applicationId: string;
  readonly apiUrl: string;
  readonly databaseUrl: string;
  readonly shard: { readonly id: number; readonly count: number };
}
export type BotRunnerMessage =
  | { readonly kind: 'ready'; readonly pid: number }
  | { readonly kind: 'delay'; readonly p50: number; readonly p99: number; readonly max: number };

const send = (message: BotRunnerMessage) => process.send?.(message);
let stopping = false;
process.on('disconnect', () => {
  if (!stopping) process.exit(1);
});

const config = JSON.parse(process.env.CNNKIT_BENCH_BOT ?? '') as BotRunnerConfig;
const store = await openStore({ databaseUrl: config.databaseUrl });
const measurer = new MeasurementService();
const bot = await startBot({
  config: {
    token: config.token,
    applicationId: config.applicationId,
    apiUrl: config.apiUrl,
    databaseUrl: config.databaseUrl,
    shard: config.shard,
  },
  store,
  measurer,
  logger: createLogger({ secrets: [config.token], level: 'warn' }),
  // The per-user limit would refuse most of a benchmark's answers; the load is what is measured here.
  rateLimit: { capacity: 1_000_000, perSecond: 1_000_000 },
  clientOptions: {
    rest: { globalRequestsPerSecond: 1_000_000 },
    ws: { buildIdentifyThrottler: () => ({ waitForIdentify: async () => {} }) },
  },
});

const delay = monitorEventLoopDelay({ resolution: 10 });
process.on('message', async (message) => {
  if (message === 'go') delay.enable();
  if (message !== 'stop' || stopping) return;
  stopping = true;
  delay.disable();
  send({
    kind: 'delay',
    p50: delay.percentile(50) / 1e6,
    p99: delay.percentile(99) / 1e6,
    max: delay.max / 1e6,
  });
  await bot.stop();
  await store.close();
  await measurer.close();
  process.exit(0);
});
send({ kind: 'ready', pid: process.pid });
