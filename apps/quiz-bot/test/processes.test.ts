import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import {
  type AttemptRow,
  expectConsistent,
  keysOf,
  killWriters,
  type StreakRow,
  startWriter,
  waitFor,
} from './crash-harness';

const folder = mkdtempSync(join(tmpdir(), 'cnnkit-processes-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function readRows(file: string) {
  const raw = new Database(file, { readonly: true });
  try {
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    return {
      attempts: raw.prepare('select * from attempts').all() as AttemptRow[],
      streaks: raw.prepare('select * from streaks').all() as StreakRow[],
    };
  } finally {
    raw.close();
  }
}

afterEach(killWriters);

describe('real processes on one SQLite file', () => {
  test('kill -9 inside a transaction and at random, three writers, three users, right and wrong answers: nothing committed is lost, nothing half-written stays', async () => {
    const file = join(folder, 'killed.db');
    // The first process creates and migrates the file; the others open it once it exists.
    const paused = startWriter(file, 'p', 1000, ['pause-at', '12']);
    await waitFor(() => paused.acked.size >= 3, 60_000, 'the first writer answering');
    const writers = [startWriter(file, 'a', 100_000), startWriter(file, 'b', 100_000)];
    await waitFor(() => paused.lines.includes('paused p-12'), 60_000, 'the pause inside the transaction');
    // Killed while it holds the write lock, with every row of answer 12 written but not committed.
    paused.child.kill('SIGKILL');
    await paused.done;
    await waitFor(() => writers.every((w) => w.acked.size >= 25), 60_000, 'the other writers going on');
    for (const w of writers) w.child.kill('SIGKILL');
    await Promise.all(writers.map((w) => w.done));

    const { attempts, streaks } = readRows(file);
    // The paused answer rolled back; everything acknowledged before it is there.
    expect(keysOf(attempts, 'p')).toEqual(new Set(paused.acked.keys()));
    expect(keysOf(attempts, 'p').has('p-12')).toBe(false);
    for (const w of writers) {
      const recorded = keysOf(attempts, w.prefix);
      for (const key of w.acked.keys()) expect(recorded.has(key), `acknowledged ${key}`).toBe(true);
      // At most the one in flight committed without its "ok".
      expect(recorded.size - w.acked.size).toBeGreaterThanOrEqual(0);
      expect(recorded.size - w.acked.size).toBeLessThanOrEqual(1);
    }
    expect(new Set(attempts.map((a) => a.user_id))).toEqual(new Set(['user-0', 'user-1', 'user-2']));
    expect(attempts.some((a) => a.correct === 0)).toBe(true);
    expectConsistent(attempts, streaks);
  });

  test('kill -9 with the answers recorded in the writer thread, 16 in flight: every acknowledged answer is there, none doubled; a rerun finds the rest once', async () => {
    const file = join(folder, 'writer-thread.db');
    const flags = ['writer-thread', 'concurrent', '16'];
    const killed = startWriter(file, 't', 100_000, flags);
    await waitFor(() => killed.acked.size >= 200, 60_000, 'the writer thread answering');
    killed.child.kill('SIGKILL');
    await killed.done;
    const before = keysOf(readRows(file).attempts, 't');
    for (const key of killed.acked.keys()) expect(before.has(key), `acknowledged ${key}`).toBe(true);
    // Committed without an "ok" yet: at most the answers in flight (16) and those the writer held.
    expect(before.size).toBeGreaterThanOrEqual(killed.acked.size);
    // The same keys again (as Discord redelivers): each recorded answer is found, never doubled.
    const count = Math.max(...[...before].map((key) => Number(key.slice(2)))) + 20;
    const rerun = startWriter(file, 't', count, flags);
    expect(await rerun.done).toBe(0);
    const { attempts, streaks } = readRows(file);
    expect(keysOf(attempts, 't').size).toBe(count);
    expect(attempts.filter((a) => a.group_id === 'g')).toHaveLength(count);
    for (const key of before) expect(rerun.acked.get(key), key).toBe('dup');
    expect([...rerun.acked.values()].filter((kind) => kind === 'new')).toHaveLength(count - before.size);
    // Recorded in the writer thread, not on the process's own thread.
    expect(rerun.lines).toContain('recorded-here 0');
    expectConsistent(attempts, streaks);
  });

  test('two processes racing on the same keys really overlap, and record each answer once', async () => {
    const file = join(folder, 'race.db');
    const barrier = join(folder, 'race.go');
    // Migrate first, so both racers start from the same state.
    const setup = startWriter(file, 'setup', 0);
    expect(await setup.done).toBe(0);
    // Both open the database and wait at the barrier: both have started before either writes.
    // They walk the keys in opposite orders, so they meet in the middle on the same keys.
    const a = startWriter(file, 'same', 300, ['barrier', barrier]);
    const b = startWriter(file, 'same', 300, ['reverse', 'barrier', barrier]);
    await waitFor(() => a.lines.includes('ready') && b.lines.includes('ready'), 60_000, 'both racers ready');
    expect(a.acked.size + b.acked.size).toBe(0);
    writeFileSync(barrier, 'go');
    expect(await a.done).toBe(0);
    expect(await b.done).toBe(0);
    expect(existsSync(barrier)).toBe(true);
    const kinds = (w: typeof a) => [...w.acked.values()];
    // Each process recorded some answers itself and found some recorded by the other.
    expect(kinds(a)).toContain('new');
    expect(kinds(b)).toContain('new');
    expect(kinds(a)).toContain('dup');
    expect(kinds(b)).toContain('dup');
    // Each key is new in exactly one process.
    for (let i = 0; i < 300; i++)
      expect([a.acked.get(`same-${i}`), b.acked.get(`same-${i}`)].filter((k) => k === 'new')).toHaveLength(1);
    const { attempts, streaks } = readRows(file);
    expect(attempts.filter((row) => row.group_id === 'g')).toHaveLength(300);
    expectConsistent(attempts, streaks);
  });
});
