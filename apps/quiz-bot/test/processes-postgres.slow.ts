import pg from 'pg';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import {
  type AttemptRow,
  expectConsistent,
  keysOf,
  killWriters,
  type StreakRow,
  startWriter,
  waitFor,
} from './crash-harness';

// The kill -9 and race tests of processes.test.ts on PostgreSQL (slow suite; scripts/with-postgres.sh
// provides the server and CNNKIT_PG_URL).
const serverUrl = process.env.CNNKIT_PG_URL;
// A database of its own: the other PostgreSQL suites reset theirs while these processes write.
const url = serverUrl?.replace(/\/[^/]*$/, '/cnnkit_processes');

async function query<T>(text: string, connectionString = url): Promise<T[]> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return (await client.query(text)).rows as T[];
  } finally {
    await client.end();
  }
}

afterEach(killWriters);

describe('real processes on one PostgreSQL database', () => {
  test('a server was provided (run through scripts/with-postgres.sh)', () => {
    expect(
      serverUrl,
      'CNNKIT_PG_URL is not set: run the slow suites through scripts/with-postgres.sh',
    ).toMatch(/^postgres:\/\/.*127\.0\.0\.1/);
  });
  if (url === undefined) return;

  beforeAll(async () => {
    await query('drop database if exists cnnkit_processes', serverUrl);
    await query('create database cnnkit_processes', serverUrl);
  });

  test('kill -9 inside a transaction and at random, three writers, mixed answers: nothing lost, nothing half-written', async () => {
    const paused = startWriter(url, 'p', 1000, ['pause-at', '12']);
    await waitFor(() => paused.acked.size >= 3, 60_000, 'the first writer answering');
    const writers = [startWriter(url, 'a', 100_000), startWriter(url, 'b', 100_000)];
    await waitFor(() => paused.lines.includes('paused p-12'), 60_000, 'the pause inside the transaction');
    paused.child.kill('SIGKILL');
    await paused.done;
    await waitFor(() => writers.every((w) => w.acked.size >= 40), 60_000, 'the other writers going on');
    for (const w of writers) w.child.kill('SIGKILL');
    await Promise.all(writers.map((w) => w.done));

    const attempts = await query<AttemptRow>('select * from attempts');
    const streaks = await query<StreakRow>('select * from streaks');
    expect(keysOf(attempts, 'p')).toEqual(new Set(paused.acked.keys()));
    for (const w of writers) {
      const recorded = keysOf(attempts, w.prefix);
      for (const key of w.acked.keys()) expect(recorded.has(key), `acknowledged ${key}`).toBe(true);
      expect(recorded.size - w.acked.size).toBeGreaterThanOrEqual(0);
      expect(recorded.size - w.acked.size).toBeLessThanOrEqual(1);
    }
    expect(attempts.some((a) => Number(a.correct) === 0)).toBe(true);
    expectConsistent(attempts, streaks);
  }, 180_000);

  test('two processes racing on the same keys overlap and record each answer once', async () => {
    const barrier = `${process.env.TMPDIR ?? '/tmp'}/cnnkit-pg-race-${process.pid}.go`;
    const a = startWriter(url, 'same', 300, ['barrier', barrier]);
    const b = startWriter(url, 'same', 300, ['reverse', 'barrier', barrier]);
    await waitFor(() => a.lines.includes('ready') && b.lines.includes('ready'), 60_000, 'both racers ready');
    const { writeFileSync, rmSync } = await import('node:fs');
    writeFileSync(barrier, 'go');
    try {
      expect(await a.done).toBe(0);
      expect(await b.done).toBe(0);
    } finally {
      rmSync(barrier, { force: true });
    }
    for (const w of [a, b]) {
      expect([...w.acked.values()]).toContain('new');
      expect([...w.acked.values()]).toContain('dup');
    }
    const attempts = await query<AttemptRow>("select * from attempts where group_id = 'g'");
    expect(keysOf(attempts, 'same').size).toBe(300);
    expectConsistent(attempts, await query<StreakRow>('select * from streaks'));
  }, 180_000);
});
