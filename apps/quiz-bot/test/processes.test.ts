import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, test } from 'vitest';
import { openStore } from '../src/index';

const folder = mkdtempSync(join(tmpdir(), 'cnnkit-processes-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const script = new URL('./fixtures/answer-burst.ts', import.meta.url).pathname;

function startBurst(
  file: string,
  prefix: string,
  count?: number,
): { child: ChildProcess; acknowledged: () => number; done: Promise<number | null> } {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--conditions=@cnnkit/source',
      script,
      file,
      prefix,
      ...(count === undefined ? [] : [String(count)]),
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let acked = 0;
  let buffer = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const lines = buffer.split('\n');
    buffer = lines.pop()!;
    acked += lines.filter((l) => l.startsWith('ok ')).length;
  });
  const done = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, acknowledged: () => acked, done };
}

async function waitFor(condition: () => boolean, timeoutMs: number) {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error(`condition not met in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('real processes on one SQLite file', () => {
  test('kill -9 during a burst of answers loses no committed score and leaves the file consistent', async () => {
    const file = join(folder, 'killed.db');
    const burst = startBurst(file, 'kill');
    await waitFor(() => burst.acknowledged() >= 40, 30_000);
    burst.child.kill('SIGKILL');
    await burst.done;
    const acknowledged = burst.acknowledged();

    const raw = new Database(file);
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    raw.close();
    const store = await openStore({ sqlitePath: file });
    const recorded = await store.countAttempts();
    // Everything acknowledged is there; at most the one in flight committed without its "ok".
    expect(recorded).toBeGreaterThanOrEqual(acknowledged);
    expect(recorded).toBeLessThanOrEqual(acknowledged + 1);
    // Attempt rows and the streak row were written in one transaction each: they agree.
    const [row] = await store.leaderboard('g');
    expect(row).toMatchObject({ attempts: recorded, correct: recorded, bestStreak: recorded });
    await store.close();
  });

  test('two bot processes answering with the same keys at once record each answer once', async () => {
    const file = join(folder, 'race.db');
    const a = startBurst(file, 'same', 60);
    const b = startBurst(file, 'same', 60);
    expect(await a.done).toBe(0);
    expect(await b.done).toBe(0);
    const store = await openStore({ sqlitePath: file });
    expect(await store.countAttempts()).toBe(60);
    const [row] = await store.leaderboard('g');
    expect(row).toMatchObject({ attempts: 60, bestStreak: 60 });
    await store.close();
  });
});
