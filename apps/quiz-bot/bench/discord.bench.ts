/**
 * Load through the Discord API emulator (127.0.0.1 only, bounded in time): simulated users in
 * several servers answer through the real discord.js client and the real bot, while questions that
 * need a model run in the worker pool. Prints interactions/s, latency from interaction to first
 * reply (p50/p95/p99, model-free and model replies apart), the event-loop delay, and the count
 * check: every answer scored exactly once in the database.
 *
 *   tsx --conditions=@cnnkit/source bench/discord.bench.ts [--seconds 30] [--users 200] [--servers 5]
 *   DATABASE_URL=postgres://… … --bots 2   two bots (shards 0 and 1 of 2) on one PostgreSQL
 *   (scripts/with-postgres.sh gives a throwaway one)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { startBot } from '../src/discord/bot';
import { createLogger } from '../src/discord/logger';
import { openStore } from '../src/index';
import { MeasurementService } from '../src/verify/service';
import { snowflake } from '../test/discord-emulator/emulator';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '30' },
    users: { type: 'string', default: '200' },
    servers: { type: 'string', default: '5' },
    bots: { type: 'string', default: '1' },
  },
});
const seconds = Math.min(120, Number(values.seconds));
const userCount = Math.min(1000, Number(values.users));
const serverCount = Math.min(20, Number(values.servers));
const botCount = Math.min(4, Number(values.bots));
const databaseUrl = process.env.DATABASE_URL || undefined;
if (botCount > 1 && databaseUrl === undefined) {
  console.error('--bots 2 needs DATABASE_URL (PostgreSQL): run it under scripts/with-postgres.sh');
  process.exit(2);
}
const token = `${Buffer.from(snowflake()).toString('base64url')}.GhXk2A.${'bench-token-'.repeat(3)}x`;

// The emulator and the simulated users run in a worker thread; the bots on this thread.
const load = new Worker(new URL('./discord-load-worker.mjs', import.meta.url), {
  workerData: { token, seconds, userCount, serverCount },
});
const next = <T>() => new Promise<T>((resolve) => load.once('message', resolve));
const emulator = await next<{ apiUrl: string; applicationId: string }>();
const folder = mkdtempSync(join(tmpdir(), 'cnnkit-discord-bench-'));
const openOne = () => openStore({ databaseUrl, sqlitePath: join(folder, 'quiz.db') });
// Each bot has what a process of its own would: its store (connection pool), worker pool and shard.
const bots = [];
for (let shard = 0; shard < botCount; shard++) {
  const store = await openOne();
  const measurer = new MeasurementService();
  const bot = await startBot({
    config: {
      token,
      applicationId: emulator.applicationId,
      apiUrl: emulator.apiUrl,
      databaseUrl,
      ...(botCount > 1 ? { shard: { id: shard, count: botCount } } : {}),
    },
    store,
    measurer,
    logger: createLogger({ secrets: [token], level: 'warn' }),
    // The per-user limit would refuse most of a benchmark's answers; the load is what is measured here.
    rateLimit: { capacity: 1_000_000, perSecond: 1_000_000 },
    clientOptions: {
      rest: { globalRequestsPerSecond: 1_000_000 },
      ws: { buildIdentifyThrottler: () => ({ waitForIdentify: async () => {} }) },
    },
  });
  bots.push({ bot, store, measurer });
}
const store = bots[0]!.store;

const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
load.postMessage('go');
const { plain, model, sent, failed, errors, elapsed } = await next<{
  plain: number[];
  model: number[];
  sent: number;
  failed: number;
  errors: number;
  elapsed: number;
}>();
delay.disable();

const pct = (values: number[], p: number) => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};
const recorded = await store.countAttempts();
const answered = sent - failed - errors;
console.log(
  `discord load: ${userCount} users in ${serverCount} servers for ${elapsed.toFixed(1)} s; ${botCount} bot${botCount > 1 ? 's (shards)' : ''} on ${store.dialect}; emulator and users in a worker thread, 127.0.0.1`,
);
console.log(
  `  interactions: ${sent} sent, ${(sent / elapsed).toFixed(1)}/s; ${failed} without a reply in time, ${errors} answered with an error`,
);
console.log(
  `  interaction → first reply, no model (${plain.length}): p50 ${pct(plain, 50)} ms, p95 ${pct(plain, 95)} ms, p99 ${pct(plain, 99)} ms, max ${Math.max(...plain)} ms`,
);
console.log(
  `  interaction → first reply, model runs deferred (${model.length}): p50 ${pct(model, 50)} ms, p95 ${pct(model, 95)} ms, p99 ${pct(model, 99)} ms, max ${Math.max(...model)} ms`,
);
console.log(
  `  bot's event-loop delay: p50 ${(delay.percentile(50) / 1e6).toFixed(1)} ms, p99 ${(delay.percentile(99) / 1e6).toFixed(1)} ms, max ${(delay.max / 1e6).toFixed(1)} ms`,
);
console.log(`  first reply within 3 s: ${[...plain, ...model].every((ms) => ms < 3000) ? 'all' : 'NOT all'}`);
console.log(
  `  count check: ${answered} answers scored per the replies, ${recorded} attempts in the database: ${recorded === answered ? 'exactly once each' : 'MISMATCH'}`,
);

for (const { bot, store, measurer } of bots) {
  await bot.stop();
  await store.close();
  await measurer.close();
}
load.postMessage('stop');
await new Promise((resolve) => load.once('exit', resolve));
rmSync(folder, { recursive: true, force: true });
if (recorded !== answered || failed > 0) process.exitCode = 1;
