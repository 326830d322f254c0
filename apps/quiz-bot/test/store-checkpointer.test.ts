import { existsSync, mkdtempSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, expect, test } from 'vitest';
import { openStore } from '../src/store/open';
import {
  BACKSTOP_AUTOCHECKPOINT_PAGES,
  checkpointOffThread,
  FAILURES_TO_REPORT,
  SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES,
  SqliteCheckpointer,
} from '../src/store/sqlite-checkpointer';
import { attemptFor } from './helpers';

/*
 * Issue 20: with `checkpointThread` the WAL is checkpointed by a worker thread on its own connection,
 * not by a commit on the bot's thread. Seen from outside: the database file itself (not its WAL)
 * takes the committed pages within a checkpoint interval, although the store's connection never
 * reaches SQLite's own automatic checkpoint (1,000 WAL pages; these few answers write far fewer).
 */
const folder = mkdtempSync(join(tmpdir(), 'cnnkit-checkpointer-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const answer = (key: string, at: number) => attemptFor(key, `user-${key}`, 'g', at);

/** Checkpoints every 100 ms here (the bot's 2 s would make each test wait seconds). */
const INTERVAL_MS = 100;

/**
 * Opens a store, records 20 answers, and returns the database file's size once it changes, or after
 * `waitMs` (a loaded 2-core machine may start the worker late: the wait is generous, and ends early).
 */
async function sizesAfterAnswers(name: string, checkpointThread: boolean, waitMs: number) {
  const path = join(folder, name);
  const store = await openStore({ sqlitePath: path, checkpointThread, checkpointIntervalMs: INTERVAL_MS });
  const before = statSync(path).size;
  for (let i = 0; i < 20; i++) await store.recordAttempt(answer(`a${i}`, 1_000 + i), {});
  const deadline = Date.now() + waitMs;
  let after = statSync(path).size;
  while (after === before && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    after = statSync(path).size;
  }
  return { store, path, before, after };
}

test('the checkpointer copies the committed pages into the database file, which the store connection alone would not yet do', async () => {
  const { store, path, before, after } = await sizesAfterAnswers('worker.db', true, 10_000);
  // The tables the answers filled (users, attempts, streaks…) reached the file: it grew.
  expect(after).toBeGreaterThan(before);
  await store.close();
  // Closed: both connections are gone (the last one to close removes the WAL), and every answer is there.
  expect(existsSync(`${path}-wal`)).toBe(false);
  const reopened = new SqliteDatabase(path, { readonly: true });
  expect(reopened.prepare('select count(*) from attempts').pluck().get()).toBe(20);
  reopened.close();
});

test('without it the same answers stay in the WAL: nothing below 1,000 pages checkpoints them', async () => {
  // Ten of the checkpointer's intervals: long enough to be sure, short enough for the inner loop.
  const { store, before, after } = await sizesAfterAnswers('inline.db', false, INTERVAL_MS * 10);
  expect(after).toBe(before);
  await store.close();
});

test('the store can be closed at once, before the checkpointer ever ran', async () => {
  const path = join(folder, 'quick.db');
  const store = await openStore({ sqlitePath: path, checkpointThread: true });
  await store.recordAttempt(answer('q1', 1_000), {});
  await store.close();
  const reopened = new SqliteDatabase(path, { readonly: true });
  expect(reopened.prepare('select count(*) from attempts').pluck().get()).toBe(1);
  reopened.close();
});

test('a checkpointer whose thread fails tells its opener once, and not when it is closed', async () => {
  // No database at this path: the worker's connection refuses to open (fileMustExist), the thread fails.
  const stops: Error[] = [];
  const failing = new SqliteCheckpointer(join(folder, 'missing.db'), {
    busyTimeoutMs: 100,
    onStopped: (error) => stops.push(error),
  });
  const deadline = Date.now() + 10_000;
  while (stops.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  expect(stops.map((error) => error.message)).toEqual([
    expect.stringMatching(/^the WAL checkpointer thread failed: /),
  ]);
  await failing.close();
  expect(stops).toHaveLength(1);

  // A healthy one, closed: its thread's exit is no failure.
  const path = join(folder, 'healthy.db');
  new SqliteDatabase(path).close();
  const healthyStops: Error[] = [];
  const healthy = new SqliteCheckpointer(path, {
    busyTimeoutMs: 100,
    onStopped: (error) => healthyStops.push(error),
  });
  await healthy.close();
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(healthyStops).toEqual([]);
});

/** Waits until `condition` holds (polled every 20 ms), or `timeoutMs` passed; says whether it held. */
async function eventually(condition: () => boolean, timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  return condition();
}

test('PASSIVE checkpoints that keep stopping short behind a reader are reported, as failing ones are', async () => {
  const path = join(folder, 'reader.db');
  const writer = new SqliteDatabase(path);
  writer.pragma('journal_mode = WAL');
  writer.exec('create table t (x integer)');
  writer.prepare('insert into t values (1)').run();
  // A reader on the snapshot of now, kept open (a long report, a backup).
  const reader = new SqliteDatabase(path);
  reader.exec('begin');
  expect(reader.prepare('select count(*) from t').pluck().get()).toBe(1);
  // Committed after the reader's snapshot: a PASSIVE checkpoint cannot copy these frames while it lasts.
  for (let i = 0; i < 10; i++) writer.prepare('insert into t values (?)').run(i);
  const stops: Error[] = [];
  const checkpointer = new SqliteCheckpointer(path, {
    busyTimeoutMs: 100,
    intervalMs: 20,
    onStopped: (error) => stops.push(error),
  });
  // FAILURES_TO_REPORT (5) ticks of 20 ms; generous for a loaded machine.
  expect(await eventually(() => stops.length > 0)).toBe(true);
  expect(stops.map((error) => error.message)).toEqual([
    expect.stringMatching(
      new RegExp(
        `^WAL checkpoints keep failing \\(${FAILURES_TO_REPORT} in a row\\), the last stopped short \\(readers busy\\): \\d+ of \\d+ WAL frames copied$`,
      ),
    ),
  ]);
  await checkpointer.close();

  // The control: with the reader gone, the same file's checkpoints complete and nothing is reported
  // in 20 intervals (four times what a report needs).
  reader.exec('commit');
  reader.close();
  const quietStops: Error[] = [];
  const quiet = new SqliteCheckpointer(path, {
    busyTimeoutMs: 100,
    intervalMs: 20,
    onStopped: (error) => quietStops.push(error),
  });
  writer.prepare('insert into t values (99)').run();
  await new Promise((resolve) => setTimeout(resolve, 20 * 20));
  expect(quietStops).toEqual([]);
  await quiet.close();
  writer.close();
});

test("a connection's automatic checkpoint is raised while the checkpointer runs, and back at SQLite's 1,000 pages when its thread stops", async () => {
  const path = join(folder, 'gone.db');
  const connection = new SqliteDatabase(path);
  connection.pragma('journal_mode = WAL');
  const pages = () => connection.pragma('wal_autocheckpoint', { simple: true });
  // SQLite's own default, before anything changes it (https://sqlite.org/pragma.html#pragma_wal_autocheckpoint).
  expect(pages()).toBe(1_000);
  // The file gone under the open connection: the checkpointer's own connection cannot open it
  // (fileMustExist), and its thread fails.
  unlinkSync(path);
  const seenWhenTold: unknown[] = [];
  const checkpointer = checkpointOffThread(connection, {
    busyTimeoutMs: 100,
    onStopped: () => seenWhenTold.push(pages()),
  });
  expect(pages()).toBe(BACKSTOP_AUTOCHECKPOINT_PAGES);
  expect(await eventually(() => seenWhenTold.length > 0)).toBe(true);
  // Put back before the opener was told, and told once.
  expect(seenWhenTold).toEqual([SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES]);
  expect(SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES).toBe(1_000);
  expect(pages()).toBe(1_000);
  await checkpointer.close();
  connection.close();
});
