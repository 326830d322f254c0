/**
 * Each SQLite statement of the answer's write transaction, timed one by one (issue 20): what a lone
 * answer (the Discord bench's arrival mode: one answer per group commit) costs in SQLite, statement
 * by statement. The store is opened as the bot opens it (its WAL checkpoints in a worker thread);
 * 2,000 answers of 200 users, each recorded alone with a rate token, as the bot records one. Prints
 * per statement its wall time (median, mean, p90, p99, max, and the runs over 0.5 ms with their share
 * of the statement's time: a commit that waits for the disk or a core is the tail), and each
 * statement's CPU time on this thread (mean; /proc/thread-self/schedstat, whose figure moves at
 * the scheduler's ticks, so only the mean over many runs means anything). Figures, not a test: read
 * them beside the load average printed with them.
 *
 *   tsx --conditions=@cnnkit/source bench/store-statements.bench.ts [--answers 2000]
 *
 * Stop 35, this script, three runs (2026-12-07 23:51 – 12-08 00:07 UTC, shared 2-core machine at
 * load 5.1–8.3; the answer's median, 470–586 µs, includes ~20 CPU-probe reads of ~20 µs each): BEGIN
 * IMMEDIATE 8.9–9.9 µs of wall time at the median, the snapshot read (one statement for every row the
 * answer reads) 15.9–18.4, the rate token 3.0–3.4, the attempt's insert 7.4–8.7, each of the streak,
 * card, window and board upserts 2.4–4.2 µs, COMMIT 63–79 µs (p90 122–286 µs, p99 0.2–1.9 ms, max
 * 57–80 ms; the 6–48 commits of 2,000 over 0.5 ms held 133–248 of the 282–485 ms spent in commits).
 * CPU means: COMMIT 86–128 µs, the snapshot 26–38, BEGIN 10–16, each other statement under ~12 (at
 * the probe's resolution). Earlier scratch runs without the CPU probe (23:38–23:40, load 11–12): the
 * answer 164–253 µs, COMMIT 64–74 µs. So the COMMIT (the WAL's ~9.6 page frames a lone answer
 * writes) is about two thirds of SQLite's work per answer, and its tail is wall time the bot's
 * thread waits.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import SqliteDatabase from 'better-sqlite3';
import { openStore } from '../src/index';

const { values } = parseArgs({ options: { answers: { type: 'string', default: '2000' } } });
const answers = Math.max(100, Number(values.answers));

/** This thread's CPU time in µs (schedstat's first field, ns). */
const threadCpuUs = () => Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1000;

const wall = new Map<string, number[]>();
const cpu = new Map<string, number[]>();
const push = (map: Map<string, number[]>, key: string, value: number) => {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
};
// Every statement prepared from here on is timed: its run, all and get, by its SQL text.
const prototype = SqliteDatabase.prototype as unknown as {
  prepare(this: SqliteDatabase.Database, sql: string): SqliteDatabase.Statement;
};
const prepare = prototype.prepare;
prototype.prepare = function (sql: string) {
  const statement = prepare.call(this, sql) as unknown as Record<string, (...args: unknown[]) => unknown>;
  const key = sql.replace(/\s+/g, ' ').slice(0, 50);
  for (const method of ['run', 'all', 'get']) {
    const original = statement[method];
    if (typeof original !== 'function') continue;
    statement[method] = function (this: unknown, ...args: unknown[]) {
      // The wall clock inside the CPU probe's reads (each a file read, ~20 µs), so it times the statement alone.
      const cpuAt = threadCpuUs();
      const startedAt = performance.now();
      try {
        return original.apply(this, args);
      } finally {
        push(wall, key, (performance.now() - startedAt) * 1000);
        push(cpu, key, threadCpuUs() - cpuAt);
      }
    };
  }
  return statement as unknown as SqliteDatabase.Statement;
};

const folder = mkdtempSync(join(tmpdir(), 'cnnkit-store-statements-'));
try {
  const store = await openStore({ sqlitePath: join(folder, 'quiz.db'), checkpointThread: true });
  const perAnswer: number[] = [];
  for (let i = 0; i < answers; i++) {
    const user = `user-${i % 200}`;
    const startedAt = performance.now();
    await store.recordAttempt(
      {
        idempotencyKey: `k${i}`,
        user: { id: user, displayName: user },
        group: { id: 'g', name: 'G' },
        questionId: 1 + (i % 8),
        partId: 'p',
        variantSeed: null,
        answer: `${i}`,
        score: i % 3 === 0 ? 0 : 1,
        correct: i % 3 !== 0,
        difficulty: 2,
        at: 1_700_000_000_000 + i * 1000,
      },
      { rateLimit: { capacity: 5, perSecond: 1 } },
    );
    perAnswer.push((performance.now() - startedAt) * 1000);
  }
  await store.close();
  // What reading the CPU clock itself costs, taken off each CPU mean.
  const probeAt = threadCpuUs();
  for (let i = 0; i < 1000; i++) threadCpuUs();
  const probe = (threadCpuUs() - probeAt) / 1000;
  const sorted = (list: number[]) => [...list].sort((a, b) => a - b);
  const at = (list: number[], q: number) => list[Math.floor(q * (list.length - 1))]!;
  const mean = (list: number[]) => list.reduce((a, b) => a + b, 0) / list.length;
  console.log(
    `answer's write transaction, ${answers.toLocaleString('en-US')} answers each alone: median ${at(sorted(perAnswer), 0.5).toFixed(0)} µs (load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')})`,
  );
  for (const [key, list] of wall) {
    if (list.length < answers / 2) continue; // statements of only some answers (first ones)
    const s = sorted(list);
    const slow = s.filter((us) => us > 500);
    console.log(
      `  ${key.padEnd(50)} wall median ${at(s, 0.5).toFixed(1)} µs, mean ${mean(s).toFixed(1)}, p90 ${at(s, 0.9).toFixed(0)}, p99 ${at(s, 0.99).toFixed(0)}, max ${at(s, 1).toFixed(0)}; over 0.5 ms ${slow.length} (${(slow.reduce((a, b) => a + b, 0) / 1000).toFixed(0)} of ${((mean(s) * s.length) / 1000).toFixed(0)} ms); CPU mean ${(mean(cpu.get(key)!) - probe).toFixed(1)} µs`,
    );
  }
} finally {
  rmSync(folder, { recursive: true, force: true });
}
