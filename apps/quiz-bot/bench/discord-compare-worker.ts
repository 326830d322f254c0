/**
 * The load side of bench/discord.bench.ts's comparison modes, in a worker thread of its own: a
 * fresh Discord API emulator per bot, and the users of one scenario. Each interaction's first reply
 * (the callback: a reply or a deferral) and final reply (the reply, or the edit after a deferral)
 * are timed from when it was dispatched.
 */
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { DiscordEmulator, type InteractionHandle, opt, snowflake } from '../test/discord-emulator/emulator';

export type Scenario = 'arrival' | 'paced' | 'burst';
export interface ScenarioResult {
  readonly first: number[];
  readonly final: number[];
  readonly deferred: number;
  readonly failed: number;
  /** REST requests the emulator saw from the end of the warm-up to the last reply, per interaction. */
  readonly restPerInteraction: number;
  /** The same requests' bytes per interaction as the emulator read them: request line and headers, and body. */
  readonly restBytesPerInteraction: { head: number; body: number };
  /** TCP connections the emulator accepted over the same window, per interaction. */
  readonly connectionsPerInteraction: number;
  /** Interactions measured (the warm-up excluded). */
  readonly interactions: number;
  /**
   * Each measured interaction (`--phases`): its id, whether its answer is free text (graded by the
   * rubric grader), when it was dispatched and when the emulator received its first response, in
   * ms since the epoch (performance.timeOrigin + performance.now(): comparable across threads).
   */
  readonly timings: { id: string; freeText: boolean; sent: number; received: number }[];
}

const { token, userCount, warmup = 8 } = workerData as { token: string; userCount: number; warmup?: number };
const port = parentPort!;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let emulator: DiscordEmulator | undefined;

// Model-free answers only: the bare bot runs no model, so a model run would compare nothing.
const ANSWERS = [
  [opt.integer('question', 5), opt.string('part', 'across'), opt.string('answer', 'b')],
  [opt.integer('question', 5), opt.string('part', 'across'), opt.string('answer', 'a')],
  [
    opt.integer('question', 1),
    opt.string('answer', 'weight sharing, detects features anywhere, a hierarchy'),
  ],
  [opt.integer('question', 3), opt.string('answer', 'smaller batches, fp16, fewer layers')],
];

async function run(scenario: Scenario): Promise<ScenarioResult> {
  const em = emulator!;
  const users = Array.from({ length: userCount }, (_, i) => ({
    user: { id: snowflake(), username: `user${i}` },
  }));
  // Warm-up, not measured: the first answers load and compile what a bot loads lazily; `warmup`
  // answers (default 8), 8 at a time (more, and the bots' code is JIT-compiled as in a long run).
  for (let done = 0; done < warmup; done += 8)
    await Promise.all(
      Array.from({ length: Math.min(8, warmup - done) }, (_, i) =>
        em
          .slash(
            { user: { id: snowflake(), username: `warm${done + i}` } },
            'answer',
            ANSWERS[(done + i) % ANSWERS.length]!,
          )
          .message(30_000),
      ),
    ).catch(() => {});
  // The bot's thread CPU time is read from here (see discord-compare.ts): the warm-up is left out.
  port.postMessage({ kind: 'measuring' });
  const requestsBefore = em.requests.length;
  const connectionsBefore = em.connections;
  const handles: InteractionHandle[] = [];
  const freeText = new Set<string>();
  const send = (i: number, n: number) => {
    const handle = em.slash(users[i]!, 'answer', ANSWERS[(i + n) % ANSWERS.length]!);
    // ANSWERS 2 and 3 are free text (rubric graded), 0 and 1 a choice.
    if ((i + n) % ANSWERS.length >= 2) freeText.add(handle.id);
    handles.push(handle);
  };
  if (scenario === 'burst') {
    // 2 × users interactions dispatched at once.
    for (let n = 0; n < 2; n++) for (let i = 0; i < users.length; i++) send(i, n);
  } else if (scenario === 'paced') {
    // Two questions 5 s apart; each user answers when the question arrives (a reaction of 0–1 s).
    for (let n = 0; n < 2; n++) {
      await Promise.all(
        users.map(async (_, i) => {
          await sleep(Math.random() * 1000);
          send(i, n);
        }),
      );
      await sleep(4_000);
    }
  } else {
    // Users arriving over 10 s, two answers each.
    await Promise.all(
      users.map(async (_, i) => {
        await sleep(Math.random() * 10_000);
        send(i, 0);
        await sleep(500 + Math.random() * 1000);
        send(i, 1);
      }),
    );
  }
  const first: number[] = [];
  const final: number[] = [];
  const timings: ScenarioResult['timings'] = [];
  let deferred = 0;
  let failed = 0;
  await Promise.all(
    handles.map(async (handle) => {
      try {
        const callback = await handle.callback(30_000);
        // Sub-millisecond (performance.now() on this thread): the arrival mode's p95 is a few ms.
        const receivedHr = em.requests.find(
          (r) => r.path.startsWith(`/interactions/${handle.id}/`) && r.status < 300,
        )!.hrAt;
        first.push(receivedHr - handle.sentHr);
        timings.push({
          id: handle.id,
          freeText: freeText.has(handle.id),
          sent: performance.timeOrigin + handle.sentHr,
          received: performance.timeOrigin + receivedHr,
        });
        if (callback.type === 5) {
          deferred++;
          await handle.waitFor((a) => a.kind === 'edit', 30_000);
        }
        const shown = em.requests.filter(
          (r) => r.path.includes(handle.token) || r.path.startsWith(`/interactions/${handle.id}/`),
        );
        final.push(Math.max(...shown.filter((r) => r.status < 300).map((r) => r.hrAt)) - handle.sentHr);
      } catch {
        failed++;
      }
    }),
  );
  const measuredRequests = em.requests.slice(requestsBefore);
  const per = Math.max(1, handles.length);
  return {
    first,
    final,
    deferred,
    failed,
    restPerInteraction: measuredRequests.length / per,
    restBytesPerInteraction: {
      head: measuredRequests.reduce((sum, r) => sum + r.headBytes, 0) / per,
      body: measuredRequests.reduce((sum, r) => sum + r.bodyBytes, 0) / per,
    },
    connectionsPerInteraction: (em.connections - connectionsBefore) / per,
    interactions: handles.length,
    timings,
  };
}

port.on(
  'message',
  async (message: { kind: 'start' } | { kind: 'run'; scenario: Scenario } | { kind: 'close' }) => {
    if (message.kind === 'start') {
      await emulator?.close();
      emulator = await DiscordEmulator.start({ token, guilds: [{ id: snowflake(), name: 'Study server' }] });
      port.postMessage({ kind: 'started', apiUrl: emulator.apiUrl, applicationId: emulator.applicationId });
    } else if (message.kind === 'run') {
      port.postMessage({ kind: 'result', result: await run(message.scenario) });
    } else {
      await emulator?.close();
      port.postMessage({ kind: 'closed' });
      port.close();
    }
  },
);
// This thread's Linux id (the first field of its stat), so the bench leaves its CPU time out of the bots'.
const tid = (() => {
  try {
    return Number(readFileSync('/proc/thread-self/stat', 'utf8').split(' ')[0]);
  } catch {
    return Number.NaN;
  }
})();
port.postMessage({ kind: 'ready', tid });
