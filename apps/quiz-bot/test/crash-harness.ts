import { type ChildProcess, spawn } from 'node:child_process';
import { expect } from 'vitest';
import { pointsFor, QUESTIONS } from '../src/index';

const script = new URL('./fixtures/mixed-writers.ts', import.meta.url).pathname;

export interface Writer {
  readonly child: ChildProcess;
  readonly prefix: string;
  /** Keys acknowledged ("ok" printed after COMMIT), with whether each was new or a duplicate. */
  readonly acked: Map<string, 'new' | 'dup'>;
  readonly lines: string[];
  readonly done: Promise<number | null>;
}

const started: ChildProcess[] = [];

/** Kills every writer still running (afterEach): a failed test leaves no process behind. */
export async function killWriters(): Promise<void> {
  const running = started.splice(0).filter((c) => c.exitCode === null && c.signalCode === null);
  await Promise.all(running.map((c) => new Promise((resolve) => c.once('exit', resolve).kill('SIGKILL'))));
}

/** Starts test/fixtures/mixed-writers.ts as a real process (see its header for the flags). */
export function startWriter(target: string, prefix: string, count: number, flags: string[] = []): Writer {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=@cnnkit/source', script, target, prefix, String(count), ...flags],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  started.push(child);
  const acked = new Map<string, 'new' | 'dup'>();
  const lines: string[] = [];
  let buffer = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const complete = buffer.split('\n');
    buffer = complete.pop()!;
    for (const line of complete) {
      lines.push(line);
      const [word, key, kind] = line.split(' ');
      if (word === 'ok') acked.set(key!, kind as 'new' | 'dup');
    }
  });
  const done = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, prefix, acked, lines, done };
}

export async function waitFor(condition: () => boolean, timeoutMs: number, what: string) {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error(`${what}: not seen in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export interface AttemptRow {
  id: number;
  idempotency_key: string;
  user_id: string;
  group_id: string;
  question_id: number;
  part_id: string;
  variant_seed: number | null;
  score: number;
  points: number;
  correct: number;
}
export interface StreakRow {
  user_id: string;
  group_id: string;
  current: number;
  best: number;
}

/**
 * Re-derives every attempt's points and every streak from the attempt rows alone, in commit
 * order (id), and compares them with what the store wrote: a lost, doubled or interleaved write
 * shows up as a mismatch. The rules re-applied are the README's: a part (or variant) scores once
 * per review interval (a repeat earns only what it adds to the best score of its interval; these
 * tests run well inside one interval), and only its first full score extends the streak.
 */
export function expectConsistent(attempts: AttemptRow[], streaks: StreakRow[]): void {
  const running = new Map<string, { current: number; best: number }>();
  const bestInInterval = new Map<string, number>();
  for (const row of [...attempts].sort((a, b) => Number(a.id) - Number(b.id))) {
    const scope = `${row.user_id}/${row.group_id}`;
    const window = `${scope}/${row.question_id}/${row.part_id}/${row.variant_seed ?? ''}`;
    const before = running.get(scope) ?? { current: 0, best: 0 };
    const scoredBefore = bestInInterval.get(window);
    const score = Number(row.score);
    const difficulty = QUESTIONS.find((q) => q.id === Number(row.question_id))!.difficulty;
    expect(Number(row.points), `points of attempt ${row.id}`).toBe(
      pointsFor(Math.max(0, score - (scoredBefore ?? 0)), difficulty, before.current),
    );
    const firstFullScore = scoredBefore === undefined || scoredBefore < 1;
    const current = Number(row.correct) !== 1 ? 0 : firstFullScore ? before.current + 1 : before.current;
    running.set(scope, { current, best: Math.max(before.best, current) });
    bestInInterval.set(window, Math.max(scoredBefore ?? 0, score));
  }
  const stored = new Map(
    streaks.map((s) => [`${s.user_id}/${s.group_id}`, { current: Number(s.current), best: Number(s.best) }]),
  );
  for (const [scope, derived] of running) expect(stored.get(scope), `streak of ${scope}`).toEqual(derived);
}

/** Keys recorded for one writer's prefix. */
export const keysOf = (attempts: AttemptRow[], prefix: string) =>
  new Set(
    attempts
      .map((a) => JSON.parse(a.idempotency_key) as [string, number, string])
      .map(([, , key]) => key)
      .filter((key) => key.startsWith(`${prefix}-`)),
  );
