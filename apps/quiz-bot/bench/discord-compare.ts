/**
 * bench/discord.bench.ts's comparison: each scenario run against the cnnkit bot and against a bare
 * discord.js bot (replies at once with a small ephemeral embed: what discord.js alone costs on this
 * machine), in the same run, each against a fresh emulator on 127.0.0.1 driven from a worker thread.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { GCProfiler, getHeapStatistics } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { Client, EmbedBuilder, Events, GatewayIntentBits, MessageFlags } from 'discord.js';
import { markPacket, startBot } from '../src/discord/bot';
import { createLogger } from '../src/discord/logger';
import { BOT_WARMUP_GRADES } from '../src/grading-pool';
import { openStore } from '../src/index';
import { gradeRubricRequest, warmupRequests } from '../src/rubric-grading';
import { formatMs, latencyRatio, percentile } from './compare-figures';
import type { Scenario, ScenarioResult } from './discord-compare-worker';
import { PhaseRecorder, phaseLines } from './discord-phases';
import { type SocketWrites, timeSocketWrites } from './socket-writes';

const SCENARIOS: Record<Scenario, string> = {
  arrival: 'users arriving over 10 s, 2 answers each',
  paced: 'each user answering as the question arrives (2 questions, 0–1 s reaction)',
  burst: 'every interaction at once (2 per user)',
};

/** A percentile of latencies as printed (0.1 ms; see compare-figures.ts). */
const pct = (values: readonly number[], p: number) => formatMs(percentile(values, p));
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');

/** A thread's CPU time in ns from /proc/self/task/<tid>/schedstat; undefined where it cannot be read. */
function schedstatNs(tid: string): number | undefined {
  try {
    const ns = Number(readFileSync(`/proc/self/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
    return Number.isFinite(ns) ? ns : undefined;
  } catch {
    return undefined;
  }
}

/**
 * CPU time (ms) each thread of this process has used so far, by Linux thread id, from
 * /proc/self/task/<tid>/schedstat (ns; where it is missing, stat's utime + stime, in clock ticks of
 * 10 ms): CPU time is what one interaction costs the bot, less sensitive than wall time to the
 * other processes of a shared machine. Empty where /proc is missing.
 */
function threadCpuMs(): Map<number, number> {
  const cpu = new Map<number, number>();
  try {
    for (const tid of readdirSync('/proc/self/task')) {
      try {
        // The thread's time on a CPU in ns (schedstat's first field): stat's utime and stime count
        // 10 ms ticks, 0.025 ms per interaction of the burst, coarser than the changes measured.
        const schedstat = schedstatNs(tid);
        if (schedstat !== undefined) {
          cpu.set(Number(tid), schedstat / 1e6);
          continue;
        }
        const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        // Fields 14 and 15 of stat(5) (utime, stime), counted from the state (field 3) here.
        cpu.set(Number(tid), (Number(fields[11]) + Number(fields[12])) * 10);
      } catch {
        // The thread ended between the listing and the read.
      }
    }
  } catch {
    // No /proc: every figure reads NaN.
  }
  return cpu;
}

/**
 * A thread's context switches so far (/proc/self/task/<tid>/status): voluntary ones are the times
 * it went to sleep (then was woken: a timer, a socket, another thread's message), involuntary ones
 * the times it was preempted. NaN where /proc is missing.
 */
function contextSwitches(tid: number): { voluntary: number; involuntary: number } {
  try {
    const status = readFileSync(`/proc/self/task/${tid}/status`, 'utf8');
    const field = (name: string) =>
      Number(new RegExp(`^${name}:\\s*(\\d+)`, 'm').exec(status)?.[1] ?? Number.NaN);
    return { voluntary: field('voluntary_ctxt_switches'), involuntary: field('nonvoluntary_ctxt_switches') };
  } catch {
    return { voluntary: Number.NaN, involuntary: Number.NaN };
  }
}

/** The threads of a bot, by Linux thread id; a thread in none of them is "other". */
interface BotThreads {
  /** Threads that started with the store (its writer thread). */
  readonly writer: ReadonlySet<number>;
  /** Threads that started with the bot (the grading worker and the picture worker). */
  readonly workers: ReadonlySet<number>;
}

/** CPU ms per measured interaction of each group of threads. */
export interface ThreadCpu {
  /** The bots' thread (this process's main thread). */
  readonly main: number;
  readonly writer: number;
  readonly workers: number;
  /** The process's other threads (V8's and libuv's helpers: GC among them, for the load's worker too), the load's own thread left out. */
  readonly other: number;
  /** Bytes allocated on the bots' thread's heap per interaction (its growth plus what each GC freed). */
  readonly allocated: number;
  /** The bots' thread's GC pauses per interaction (ms, as V8's GCProfiler times them). */
  readonly gcMs: number;
  /** The bots' thread's sleeps (voluntary context switches, each ended by a wake) per interaction. */
  readonly wakes: number;
  /** The bots' thread's preemptions (involuntary context switches) per interaction. */
  readonly preempted: number;
}

/**
 * Bytes allocated on this thread's V8 heap over a window, and its GC time: Node 20 has no
 * `total_allocated_bytes`, so the heap's growth plus what every GC freed (GCProfiler reports the
 * used heap before and after each one). Deterministic enough to compare builds on a busy machine.
 */
function heapWindow(): () => { bytes: number; gcMs: number } {
  const profiler = new GCProfiler();
  const start = getHeapStatistics().used_heap_size;
  profiler.start();
  return () => {
    const end = getHeapStatistics().used_heap_size;
    const { statistics } = profiler.stop() as unknown as {
      statistics: {
        cost: number;
        beforeGC: { heapStatistics: { usedHeapSize: number } };
        afterGC: { heapStatistics: { usedHeapSize: number } };
      }[];
    };
    let freed = 0;
    let gcUs = 0;
    for (const gc of statistics) {
      freed += gc.beforeGC.heapStatistics.usedHeapSize - gc.afterGC.heapStatistics.usedHeapSize;
      gcUs += gc.cost;
    }
    return { bytes: end - start + freed, gcMs: gcUs / 1000 };
  };
}

/** New thread ids since `before` (a `threadCpuMs` snapshot). */
const newThreads = (before: ReadonlyMap<number, number>) =>
  new Set([...threadCpuMs().keys()].filter((tid) => !before.has(tid)));

/** Runs the scenarios on both bots and prints the table; resolves true when every target was met. */
export async function runComparison(options: {
  token: string;
  userCount: number;
  /** Answers sent to each bot before the measured window (default 8), 8 at a time. */
  warmup?: number;
  scenarios: readonly Scenario[];
  /** Rubric answers graded in the bot's grading worker (default) or on its interaction thread. */
  rubricWorker?: boolean;
  /** Answers recorded in the store's writer thread, or on the bot's thread (default, as `startBot` opens its store). */
  storeWriter?: boolean;
  /**
   * A folder for V8 CPU profiles of the bots' thread, one per scenario and bot, of the measured
   * window only (warm-up and start-up left out): `<scenario>-<bot>.cpuprofile`.
   */
  profileDir?: string | undefined;
  /** The CPU profiles' sampling interval in µs (V8's default 1,000; finer splits a short interaction's work). */
  profileIntervalUs?: number | undefined;
  /** Each interaction's phases (see discord-phases.ts): the p95's and the median's, both bots. */
  phases?: boolean;
  /** The WAL's checkpoints in a worker thread (default, as startBot opens its store) or on the bot's thread. */
  checkpointThread?: boolean;
  /** The grading worker's replies to a big batch in chunks, or in one message at its end (default, as the bot). */
  chunkGrades?: boolean;
  /**
   * Background warm-up grades of the grading worker (default: the bot's, BOT_WARMUP_GRADES, as the
   * `discord` command starts it), waited for before the warm-up answers: the window meets the grader
   * as a round that starts after the warm-up would (0: a cold worker, as before stop 34).
   */
  graderWarmup?: number | undefined;
  /** The bot's WorkLane places (default: the bot's). */
  laneConcurrency?: number | undefined;
  /** Times the bots' thread's socket writes (wall and run-queue wait per interaction; see socket-writes.ts). */
  socketWrites?: boolean;
}): Promise<boolean> {
  const socketWrites = options.socketWrites === true ? timeSocketWrites() : undefined;
  const session = options.profileDir === undefined ? undefined : new Session();
  if (session !== undefined) {
    session.connect();
    await session.post('Profiler.enable');
    if (options.profileIntervalUs !== undefined)
      await session.post('Profiler.setSamplingInterval', { interval: options.profileIntervalUs });
    await session.post('HeapProfiler.enable');
    mkdirSync(options.profileDir!, { recursive: true });
  }
  const worker = new Worker(new URL('./discord-compare-worker.mjs', import.meta.url), {
    workerData: { token: options.token, userCount: options.userCount, warmup: options.warmup ?? 8 },
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
  const { tid: loadTid } = await new Promise<{ tid: number }>((resolve) => worker.once('message', resolve));
  const fast = {
    rest: { globalRequestsPerSecond: 1_000_000 },
    ws: { buildIdentifyThrottler: () => ({ waitForIdentify: async () => {} }) },
  };

  /** Runs one scenario; adds each thread group's CPU ms per measured interaction (warm-up excluded). */
  async function measured(
    scenario: Scenario,
    bot: string,
    threads: BotThreads = { writer: new Set(), workers: new Set() },
  ): Promise<ScenarioResult & { cpu: ThreadCpu }> {
    let cpuAtStart = new Map<number, number>();
    let profiling: Promise<unknown> | undefined;
    let sampling: Promise<unknown> | undefined;
    let heap: (() => { bytes: number; gcMs: number }) | undefined;
    let writesAtStart: SocketWrites | undefined;
    let switchesAtStart = contextSwitches(process.pid);
    const mark = (message: { kind: string }) => {
      if (message.kind !== 'measuring') return;
      cpuAtStart = threadCpuMs();
      switchesAtStart = contextSwitches(process.pid);
      writesAtStart = socketWrites?.();
      heap = heapWindow();
      profiling = session?.post('Profiler.start');
      // Every allocation sampled, those already collected too (what the scavenges freed).
      sampling = session?.post('HeapProfiler.startSampling', {
        samplingInterval: 512,
        includeObjectsCollectedByMajorGC: true,
        includeObjectsCollectedByMinorGC: true,
      } as never);
    };
    worker.on('message', mark);
    const { result } = await ask<{ result: ScenarioResult }>({ kind: 'run', scenario }, 'result');
    worker.off('message', mark);
    const cpuAtEnd = threadCpuMs();
    const switchesAtEnd = contextSwitches(process.pid);
    const writesAtEnd = socketWrites?.();
    const allocated = heap?.() ?? { bytes: Number.NaN, gcMs: Number.NaN };
    if (session !== undefined && profiling !== undefined) {
      await profiling;
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(join(options.profileDir!, `${scenario}-${bot}.cpuprofile`), JSON.stringify(profile));
      await sampling;
      const { profile: heapProfile } = await session.post('HeapProfiler.stopSampling');
      writeFileSync(join(options.profileDir!, `${scenario}-${bot}.heapprofile`), JSON.stringify(heapProfile));
    }
    const sum = { main: 0, writer: 0, workers: 0, other: 0 };
    if (cpuAtEnd.size === 0) for (const key of Object.keys(sum)) sum[key as keyof typeof sum] = Number.NaN;
    for (const [tid, ms] of cpuAtEnd) {
      if (tid === loadTid) continue;
      const used = ms - (cpuAtStart.get(tid) ?? 0);
      const group =
        tid === process.pid
          ? 'main'
          : threads.writer.has(tid)
            ? 'writer'
            : threads.workers.has(tid)
              ? 'workers'
              : 'other';
      sum[group] += used;
    }
    const per = Math.max(1, result.interactions);
    if (writesAtStart !== undefined && writesAtEnd !== undefined)
      console.log(
        `    ${bot} socket writes on the bots' thread per interaction: ${((writesAtEnd.count - writesAtStart.count) / per).toFixed(2)}, ${((writesAtEnd.wallUs - writesAtStart.wallUs) / per).toFixed(1)} µs of wall time in them, ${((writesAtEnd.waitUs - writesAtStart.waitUs) / per).toFixed(1)} µs of it waiting on the run queue`,
      );
    return {
      ...result,
      cpu: {
        main: sum.main / per,
        writer: sum.writer / per,
        workers: sum.workers / per,
        other: sum.other / per,
        allocated: allocated.bytes / per,
        gcMs: allocated.gcMs / per,
        wakes: (switchesAtEnd.voluntary - switchesAtStart.voluntary) / per,
        preempted: (switchesAtEnd.involuntary - switchesAtStart.involuntary) / per,
      },
    };
  }

  async function withCnnkit(scenario: Scenario): Promise<ScenarioResult & { cpu: ThreadCpu }> {
    const { apiUrl, applicationId } = await ask<{ apiUrl: string; applicationId: string }>(
      { kind: 'start' },
      'started',
    );
    const folder = mkdtempSync(join(tmpdir(), 'cnnkit-discord-compare-'));
    const beforeStore = threadCpuMs();
    // Opened as startBot opens the bot's own store (the answers' writes on the bot's thread), or
    // with the writer thread (`--writer worker`).
    const store = await openStore({
      sqlitePath: join(folder, 'quiz.db'),
      writerThread: options.storeWriter === true,
      // As startBot opens its store: the WAL's checkpoints in a worker (`--checkpoint inline`: on this thread).
      checkpointThread: options.checkpointThread !== false,
    });
    await (store as { writer?: { warm(): Promise<void> } }).writer?.warm();
    const writer = newThreads(beforeStore);
    const beforeBot = threadCpuMs();
    // This bot's own phase probe (the bare bot has its own recorder below).
    const recorder = options.phases === true ? new PhaseRecorder() : undefined;
    const bot = await startBot({
      config: { token: options.token, applicationId, apiUrl, databaseUrl: undefined },
      store,
      measurer: { measure: () => Promise.reject(new Error('no model runs in this benchmark')) },
      logger: createLogger({ secrets: [options.token], level: 'warn' }),
      // The per-user answer limit would refuse most answers; the load is what is measured here.
      rateLimit: { capacity: 1_000_000, perSecond: 1_000_000 },
      clientOptions: fast,
      rubricWorker: options.rubricWorker !== false,
      grading: {
        chunkReplies: options.chunkGrades === true,
        warmupGrades: options.graderWarmup ?? BOT_WARMUP_GRADES,
      },
      ...(options.laneConcurrency === undefined ? {} : { laneConcurrency: options.laneConcurrency }),
      ...(recorder === undefined ? {} : { phaseProbe: recorder }),
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
    else {
      // `--grading inline`: the grader runs on this thread, so it is warmed up here as the worker
      // warms itself (the same requests, as many grades): a fair A/B against the warmed worker.
      const warmup = options.graderWarmup ?? BOT_WARMUP_GRADES;
      const requests = warmupRequests();
      const startedAt = performance.now();
      for (let i = 0; i < warmup; i++) gradeRubricRequest(requests[i % requests.length]!);
      if (warmup > 0)
        console.log(
          `    cnnkit inline grader warm-up: ${warmup} grades in ${(performance.now() - startedAt).toFixed(0)} ms on the bot's thread, before the window`,
        );
    }
    // And its background warm-up (as a bot started some seconds before the round has finished it).
    const warmed = options.rubricWorker !== false ? await bot.grading.warmedUp() : undefined;
    if (warmed !== undefined)
      console.log(
        `    cnnkit grader warm-up: ${warmed.warmedUp} grades in ${warmed.ms.toFixed(0)} ms (the longest ${warmed.longestMs.toFixed(1)} ms), before the window`,
      );
    // (The store's writer thread, which opens its own connection to the file, was waited for above.)
    const workers = newThreads(beforeBot);
    if (recorder !== undefined) {
      // A rubric grade starts right after its answer is resolved: marked when it is back.
      const grade = bot.grading.grade.bind(bot.grading);
      bot.grading.grade = (request) => {
        const id = recorder.lastResolved;
        const grading = grade(request);
        if (id !== undefined)
          grading.then(
            () => recorder.mark(id, 'graded'),
            () => {},
          );
        return grading;
      };
    }
    try {
      const before = { ...bot.context.queue.deferrals };
      const result = await measured(scenario, 'cnnkit', { writer, workers });
      if (recorder !== undefined) {
        recorder.stop();
        phases.cnnkit = phaseLines('cnnkit', result, recorder);
      }
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

  async function withBareBot(scenario: Scenario): Promise<ScenarioResult & { cpu: ThreadCpu }> {
    const { apiUrl } = await ask<{ apiUrl: string }>({ kind: 'start' }, 'started');
    const client = new Client({
      intents: [GatewayIntentBits.Guilds],
      ...fast,
      rest: { ...fast.rest, api: apiUrl },
    });
    const recorder = options.phases === true ? new PhaseRecorder() : undefined;
    if (recorder !== undefined) {
      // As the cnnkit bot marks its packets (src/discord/bot.ts).
      const manager = client.ws as unknown as { handlePacket(packet?: unknown, shard?: unknown): boolean };
      const handlePacket = manager.handlePacket.bind(manager);
      manager.handlePacket = (packet, shard) => {
        markPacket(recorder, packet);
        return handlePacket(packet, shard);
      };
    }
    client.on(Events.InteractionCreate, (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      recorder?.mark(interaction.id, 'dispatch');
      const reply = new EmbedBuilder()
        .setTitle('✅ Correct · +20 points')
        .setDescription('The answer is b).');
      recorder?.mark(interaction.id, 'reply');
      void interaction.reply({ embeds: [reply], flags: MessageFlags.Ephemeral }).catch(() => {});
    });
    const ready = new Promise((resolve) => client.once(Events.ClientReady, resolve));
    await client.login(options.token);
    await ready;
    try {
      const result = await measured(scenario, 'bare');
      if (recorder !== undefined) {
        recorder.stop();
        phases.bare = phaseLines('bare', result, recorder);
      }
      return result;
    } finally {
      await client.destroy();
    }
  }

  let met = true;
  /** The phase tables of the scenario running now (`phases`). */
  const phases: { cnnkit: string[]; bare: string[] } = { cnnkit: [], bare: [] };
  console.log(
    `discord comparison: ${options.userCount} users, cnnkit bot vs a bare discord.js bot, each against its own emulator on 127.0.0.1 (users in a worker thread); load average 1/5/15 min at start ${load()}`,
  );
  for (const scenario of options.scenarios) {
    const before = load();
    const ours = await withCnnkit(scenario);
    const bare = await withBareBot(scenario);
    const row = (name: string, r: ScenarioResult & { cpu: ThreadCpu }) =>
      `    ${name.padEnd(7)} first reply p50 ${pct(r.first, 50)} / p95 ${pct(r.first, 95)} ms; final reply p50 ${pct(r.final, 50)} / p95 ${pct(r.final, 95)} ms; past 3 s ${r.first.filter((ms) => ms > 3000).length} of ${r.first.length + r.failed}; deferred ${r.deferred}; no reply ${r.failed}; bot thread CPU ${r.cpu.main.toFixed(3)} ms and ${r.restPerInteraction.toFixed(2)} REST calls per interaction\n` +
      `            CPU ms per interaction: bot thread ${r.cpu.main.toFixed(2)} + store threads (writer, checkpointer) ${r.cpu.writer.toFixed(2)} + grading/picture workers ${r.cpu.workers.toFixed(2)} = ${(r.cpu.main + r.cpu.writer + r.cpu.workers).toFixed(2)}; the process's other threads (V8/libuv helpers, the load's GC too) ${r.cpu.other.toFixed(2)}\n` +
      `            bot thread heap: ${(r.cpu.allocated / 1024).toFixed(1)} KB allocated and ${r.cpu.gcMs.toFixed(3)} ms of GC per interaction\n` +
      `            bot thread sleeps (each ended by a wake) ${r.cpu.wakes.toFixed(2)} and preemptions ${r.cpu.preempted.toFixed(2)} per interaction\n` +
      `            REST per interaction: ${r.restPerInteraction.toFixed(2)} calls, ${r.restBytesPerInteraction.head.toFixed(0)} B of request line and headers + ${r.restBytesPerInteraction.body.toFixed(0)} B of body, ${r.connectionsPerInteraction.toFixed(3)} new TCP connections`;
    // From the unrounded percentiles.
    const firstRatio = latencyRatio(percentile(ours.first, 95), percentile(bare.first, 95));
    const finalRatio = latencyRatio(percentile(ours.final, 95), percentile(bare.final, 95));
    const late = (r: ScenarioResult) => r.first.filter((ms) => ms > 3000).length + r.failed;
    const ok = firstRatio <= 1.5 && finalRatio <= 1.5 && late(ours) <= late(bare);
    met &&= ok;
    console.log(`  ${scenario}: ${SCENARIOS[scenario]} (load average before ${before}, after ${load()})`);
    console.log(row('cnnkit', ours));
    console.log(row('bare', bare));
    if (options.phases === true) {
      console.log('    phases of the first reply, mean ms per interaction (cnnkit, then bare):');
      for (const line of [...phases.cnnkit, ...phases.bare]) console.log(line);
    }
    console.log(
      `    ratio cnnkit/bare: first-reply p95 ${firstRatio.toFixed(2)}×, final-reply p95 ${finalRatio.toFixed(2)}×; targets (≤ 1.5× both, no more past 3 s): ${ok ? 'met' : 'NOT met'}`,
    );
  }
  await ask({ kind: 'close' }, 'closed');
  await worker.terminate();
  session?.disconnect();
  return met;
}
