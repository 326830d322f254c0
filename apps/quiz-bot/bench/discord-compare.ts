/**
 * bench/discord.bench.ts's comparison: each scenario run against the cnnkit bot and against a bare
 * discord.js bot (replies at once with a small ephemeral embed: what discord.js alone costs on this
 * machine), in the same run, each against a fresh emulator on 127.0.0.1 driven from a worker thread.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Client, EmbedBuilder, Events, GatewayIntentBits, MessageFlags } from 'discord.js';
import { startBot } from '../src/discord/bot';
import { createLogger } from '../src/discord/logger';
import { recordHops } from '../src/hop-trace';
import { openStore } from '../src/index';
import type { Scenario, ScenarioResult } from './discord-compare-worker';

const SCENARIOS: Record<Scenario, string> = {
  arrival: 'users arriving over 10 s, 2 answers each',
  paced: 'each user answering as the question arrives (2 questions, 0–1 s reaction)',
  burst: 'every interaction at once (2 per user)',
};

const pct = (values: readonly number[], p: number) => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');

/**
 * CPU time (ms) this process's main thread (the bots' thread; the emulator and the users run in a
 * worker) has used so far, from Linux's /proc/self/task/<pid>/stat (utime + stime, in clock ticks of
 * 10 ms): CPU time is what one interaction costs the bot, less sensitive than wall time to the
 * other processes of a shared machine. NaN where /proc is missing.
 */
function mainThreadCpuMs(): number {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 of stat(5) (utime, stime), counted from the state (field 3) here.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

/** The answer path's hops in order (src/discord/hop-trace.ts), between the emulator's send and its receipt of the first reply. */
const HOPS = [
  'sent',
  'gateway',
  'dispatch',
  'resolved',
  'grading-started',
  'lane',
  'group',
  'engine',
  'graded',
  'write-posted',
  'write-replied',
  'recorded',
  'answered',
  'outcome',
  'reply-call',
  'first-reply',
];

/**
 * Prints, for choice answers and rubric answers apart, the p50 / p95 (ms) of the time from each hop
 * to the next one present, over the measured interactions whose marks are all there.
 */
function printHops(result: ScenarioResult, marks: ReadonlyMap<string, ReadonlyMap<string, number>>): void {
  const kinds = new Map<string, Map<string, number[]>>();
  const add = (spans: Map<string, number[]>, name: string, ms: number) => {
    const list = spans.get(name) ?? [];
    spans.set(name, list);
    list.push(ms);
  };
  for (const t of result.timeline) {
    const of = marks.get(t.id);
    if (of === undefined) continue;
    const at = new Map(of);
    at.set('sent', t.sentAt);
    at.set('first-reply', t.firstAt);
    const kind = t.question === 5 ? 'choice' : 'rubric';
    const spans = kinds.get(kind) ?? new Map<string, number[]>();
    kinds.set(kind, spans);
    const present = HOPS.filter((h) => at.has(h));
    for (let i = 1; i < present.length; i++)
      add(spans, `${present[i - 1]}→${present[i]}`, at.get(present[i]!)! - at.get(present[i - 1]!)!);
    add(spans, 'total', t.firstAt - t.sentAt);
    // The bot's own part: from its gateway event to its reply's REST call.
    if (at.has('gateway') && at.has('reply-call'))
      add(spans, 'gateway→reply-call', at.get('reply-call')! - at.get('gateway')!);
  }
  for (const [kind, spans] of kinds) {
    console.log(`    cnnkit hops, ${kind} answers (p50 / p95 ms, n):`);
    for (const [name, list] of spans)
      console.log(
        `      ${name.padEnd(30)} ${pct(list, 50).toFixed(2).padStart(7)} / ${pct(list, 95).toFixed(2).padStart(7)}  (${list.length})`,
      );
  }
}

/**
 * CPU time (ms) each thread of this process has used so far, by thread id (Linux's
 * /proc/self/task/<tid>/stat, utime + stime in 10 ms ticks); empty where /proc is missing.
 */
function threadCpuMs(): Map<number, number> {
  const byThread = new Map<number, number>();
  try {
    for (const tid of readdirSync('/proc/self/task')) {
      try {
        const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        byThread.set(Number(tid), (Number(fields[11]) + Number(fields[12])) * 10);
      } catch {} // the thread ended meanwhile
    }
  } catch {}
  return byThread;
}

/** Runs the scenarios on both bots and prints the table; resolves true when every target was met. */
export async function runComparison(options: {
  token: string;
  userCount: number;
  scenarios: readonly Scenario[];
  /** Rubric answers graded in the bot's grading worker (default) or on its interaction thread. */
  rubricWorker?: boolean;
  /** Answers recorded in the store's writer thread (default, as `startBot` opens its store) or on the bot's thread. */
  storeWriter?: boolean;
  /** With the writer thread: a write that finds it idle runs on the bot's thread (default, as `startBot` opens its store). */
  writesHereWhenIdle?: boolean;
  /** Rubric answers graded on the bot's thread when nothing else is in flight (default, as the bot does). */
  gradeHereWhenIdle?: boolean;
  /**
   * A folder for V8 CPU profiles of the bots' thread, one per scenario and bot, of the measured
   * window only (warm-up and start-up left out): `<scenario>-<bot>.cpuprofile`.
   */
  profileDir?: string | undefined;
  /** Prints the answer path's per-hop latencies of the cnnkit bot (src/discord/hop-trace.ts). */
  hops?: boolean;
}): Promise<boolean> {
  const session = options.profileDir === undefined ? undefined : new Session();
  if (session !== undefined) {
    session.connect();
    await session.post('Profiler.enable');
    mkdirSync(options.profileDir!, { recursive: true });
  }
  const worker = new Worker(new URL('./discord-compare-worker.mjs', import.meta.url), {
    workerData: { token: options.token, userCount: options.userCount },
  });
  const ask = <T>(message: unknown, kind: string) =>
    new Promise<T>((resolve) => {
      const on = (reply: { kind: string }) => {
        if (reply.kind !== kind) return;
        worker.off('message', on);
        resolve(reply as T);
      };
      worker.on('message', on);
      worker.postMessage(message);
    });
  // Ready: it says which thread it is (the users and the emulator), so its CPU is told apart.
  const { tid: usersTid } = (await new Promise((resolve) => worker.once('message', resolve))) as {
    tid: number;
  };
  const fast = {
    rest: { globalRequestsPerSecond: 1_000_000 },
    ws: { buildIdentifyThrottler: () => ({ waitForIdentify: async () => {} }) },
  };

  /** Runs one scenario; adds the main thread's CPU ms per measured interaction (warm-up excluded). */
  async function measured(scenario: Scenario, bot: string): Promise<ScenarioResult & { cpuMs: number }> {
    let cpuAtStart = Number.NaN;
    let threadsAtStart = new Map<number, number>();
    let profiling: Promise<unknown> | undefined;
    const mark = (message: { kind: string }) => {
      if (message.kind !== 'measuring') return;
      cpuAtStart = mainThreadCpuMs();
      threadsAtStart = threadCpuMs();
      profiling = session?.post('Profiler.start');
    };
    worker.on('message', mark);
    const { result } = await ask<{ result: ScenarioResult }>({ kind: 'run', scenario }, 'result');
    worker.off('message', mark);
    if (session !== undefined && profiling !== undefined) {
      await profiling;
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(join(options.profileDir!, `${scenario}-${bot}.cpuprofile`), JSON.stringify(profile));
    }
    const cpuMs = (mainThreadCpuMs() - cpuAtStart) / Math.max(1, result.interactions);
    // Every thread's share of the measured window (ms per interaction): which one is busy.
    const per = (ms: number) => (ms / Math.max(1, result.interactions)).toFixed(2);
    const used = [...threadCpuMs()]
      .map(([tid, ms]) => [tid, ms - (threadsAtStart.get(tid) ?? 0)] as const)
      .filter(([, ms]) => ms > 0);
    const label = (tid: number) =>
      tid === process.pid ? 'bot thread' : tid === usersTid ? 'users+emulator' : `thread ${tid}`;
    console.log(
      `    ${bot} CPU per interaction by thread (ms): ${used
        .sort((a, b) => b[1] - a[1])
        .map(([tid, ms]) => `${label(tid)} ${per(ms)}`)
        .join(', ')}; all but users+emulator ${per(
        used.filter(([tid]) => tid !== usersTid).reduce((sum, [, ms]) => sum + ms, 0),
      )}`,
    );
    return { ...result, cpuMs };
  }

  async function withCnnkit(scenario: Scenario): Promise<ScenarioResult & { cpuMs: number }> {
    const { apiUrl, applicationId } = await ask<{ apiUrl: string; applicationId: string }>(
      { kind: 'start' },
      'started',
    );
    const folder = mkdtempSync(join(tmpdir(), 'cnnkit-discord-compare-'));
    // Opened as startBot opens the bot's own store: the answers' writes in a worker thread.
    const store = await openStore({
      sqlitePath: join(folder, 'quiz.db'),
      writerThread: options.storeWriter !== false,
      writesHereWhenIdle: options.storeWriter !== false && options.writesHereWhenIdle !== false,
    });
    const bot = await startBot({
      config: { token: options.token, applicationId, apiUrl, databaseUrl: undefined },
      store,
      measurer: { measure: () => Promise.reject(new Error('no model runs in this benchmark')) },
      logger: createLogger({ secrets: [options.token], level: 'warn' }),
      // The per-user answer limit would refuse most answers; the load is what is measured here.
      rateLimit: { capacity: 1_000_000, perSecond: 1_000_000 },
      clientOptions: fast,
      rubricWorker: options.rubricWorker !== false,
      rubricHereWhenIdle: options.gradeHereWhenIdle !== false,
    });
    // The picture worker starts with the bot and loads the system fonts (0.5–1.4 s of CPU on
    // another thread, once per process): waited for here, so a start-up cost does not share the
    // two cores with the measured interactions.
    await bot.context.picturePool.renderPng(
      '<svg xmlns="http://www.w3.org/2000/svg" width="2" height="2"><text y="1">.</text></svg>',
    );
    // So does the grading worker, which loads the rubric grader's language model: until then the
    // bot grades rubric answers on its own thread.
    if (options.rubricWorker !== false) await bot.grading.warm();
    // And the store's writer thread, which opens its own connection to the file.
    await (store as { writer?: { warm(): Promise<void> } }).writer?.warm();
    const marks = new Map<string, Map<string, number>>();
    if (options.hops === true)
      recordHops((key, hop, at) => {
        const id = key.replace(/^discord:/, '');
        const of = marks.get(id) ?? new Map<string, number>();
        marks.set(id, of);
        if (!of.has(hop)) of.set(hop, at);
      });
    try {
      const before = { ...bot.context.queue.deferrals };
      const result = await measured(scenario, 'cnnkit');
      recordHops(undefined);
      if (options.hops === true) printHops(result, marks);
      // Why the bot deferred (queue.ts), warm-up included, and its measured cost per interaction.
      const reasons = Object.entries(bot.context.queue.deferrals)
        .map(([reason, count]) => `${reason} ${count - before[reason as keyof typeof before]}`)
        .join(', ');
      console.log(
        `    cnnkit deferrals by reason: ${reasons}; queue cost ${bot.context.queue.costMs.toFixed(2)} ms per interaction at the end`,
      );
      return result;
    } finally {
      await bot.stop();
      await store.close();
      rmSync(folder, { recursive: true, force: true });
    }
  }

  async function withBareBot(scenario: Scenario): Promise<ScenarioResult & { cpuMs: number }> {
    const { apiUrl } = await ask<{ apiUrl: string }>({ kind: 'start' }, 'started');
    const client = new Client({
      intents: [GatewayIntentBits.Guilds],
      ...fast,
      rest: { ...fast.rest, api: apiUrl },
    });
    client.on(Events.InteractionCreate, (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      void interaction
        .reply({
          embeds: [
            new EmbedBuilder().setTitle('✅ Correct · +20 points').setDescription('The answer is b).'),
          ],
          flags: MessageFlags.Ephemeral,
        })
        .catch(() => {});
    });
    const ready = new Promise((resolve) => client.once(Events.ClientReady, resolve));
    await client.login(options.token);
    await ready;
    try {
      return await measured(scenario, 'bare');
    } finally {
      await client.destroy();
    }
  }

  let met = true;
  console.log(
    `discord comparison: ${options.userCount} users, cnnkit bot vs a bare discord.js bot, each against its own emulator on 127.0.0.1 (users in a worker thread); load average 1/5/15 min at start ${load()}`,
  );
  for (const scenario of options.scenarios) {
    const before = load();
    const ours = await withCnnkit(scenario);
    const bare = await withBareBot(scenario);
    const row = (name: string, r: ScenarioResult & { cpuMs: number }) =>
      `    ${name.padEnd(7)} first reply p50 ${pct(r.first, 50)} / p95 ${pct(r.first, 95)} ms; final reply p50 ${pct(r.final, 50)} / p95 ${pct(r.final, 95)} ms; past 3 s ${r.first.filter((ms) => ms > 3000).length} of ${r.first.length + r.failed}; deferred ${r.deferred}; no reply ${r.failed}; bot thread CPU ${r.cpuMs.toFixed(2)} ms and ${r.restPerInteraction.toFixed(2)} REST calls per interaction`;
    const firstRatio = pct(ours.first, 95) / Math.max(1, pct(bare.first, 95));
    const finalRatio = pct(ours.final, 95) / Math.max(1, pct(bare.final, 95));
    const late = (r: ScenarioResult) => r.first.filter((ms) => ms > 3000).length + r.failed;
    const ok = firstRatio <= 1.5 && finalRatio <= 1.5 && late(ours) <= late(bare);
    met &&= ok;
    console.log(`  ${scenario}: ${SCENARIOS[scenario]} (load average before ${before}, after ${load()})`);
    console.log(row('cnnkit', ours));
    console.log(row('bare', bare));
    console.log(
      `    ratio cnnkit/bare: first-reply p95 ${firstRatio.toFixed(2)}×, final-reply p95 ${finalRatio.toFixed(2)}×; targets (≤ 1.5× both, no more past 3 s): ${ok ? 'met' : 'NOT met'}`,
    );
  }
  await ask({ kind: 'close' }, 'closed');
  await worker.terminate();
  session?.disconnect();
  return met;
}
