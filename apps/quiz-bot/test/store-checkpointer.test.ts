import { existsSync, mkdtempSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
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

/** An interval the tests never reach: they run each tick themselves (`SqliteCheckpointer.tick`). */
const NEVER_MS = 3_600_000;

/** A WAL database with a table `t`, and a second connection reading it (`pin` starts a read on the snapshot of now). */
function writerAndReader(name: string) {
  const path = join(folder, name);
  const writer = new SqliteDatabase(path);
  writer.pragma('journal_mode = WAL');
  writer.exec('create table t (x integer)');
  const insert = writer.prepare('insert into t values (?)');
  insert.run(1);
  const reader = new SqliteDatabase(path);
  const count = reader.prepare('select count(*) from t').pluck();
  const pin = () => {
    if (reader.inTransaction) reader.exec('commit');
    reader.exec('begin');
    count.get(); // the read transaction (and its snapshot) starts here
  };
  return { path, writer, insert, reader, pin };
}

const noProgress = (frames = '\\d+') =>
  new RegExp(
    `^${FAILURES_TO_REPORT} WAL checkpoints in a row failed or made no progress, the last stopped short with no progress \\(a reader holds an old snapshot\\): ${frames} of \\d+ WAL frames copied$`,
  );

test('a checkpointer that keeps up behind readers whose snapshots move on is not reported; one that makes no progress behind a pinned reader stops itself and says so', async () => {
  const { writer, insert, reader, pin } = writerAndReader('reader.db');
  const pages = () => writer.pragma('wal_autocheckpoint', { simple: true });
  const stops: Error[] = [];
  const pagesWhenTold: unknown[] = [];
  const checkpointer = checkpointOffThread(writer, {
    busyTimeoutMs: 100,
    intervalMs: NEVER_MS,
    onStopped: (error) => {
      stops.push(error);
      pagesWhenTold.push(pages());
    },
  });
  // Keeping up: before each tick the reader moves to the snapshot of now and one more row is
  // committed after it, so every tick stops short of the WAL's end (the last commit) but copies
  // more frames than the tick before. Twice the ticks a report needs: none is reported.
  for (let i = 0; i < 2 * FAILURES_TO_REPORT; i++) {
    pin();
    insert.run(10 + i);
    await checkpointer.tick();
  }
  expect(stops).toEqual([]);
  // Pinned: the reader stays on its snapshot; commits after it cannot be copied, so these ticks
  // copy nothing new. One short of a report, then one tick with progress: the count starts again.
  const pinnedTicks = async (n: number) => {
    for (let i = 0; i < n; i++) {
      insert.run(100 + i);
      await checkpointer.tick();
    }
  };
  await pinnedTicks(FAILURES_TO_REPORT - 1);
  pin();
  insert.run(200);
  await checkpointer.tick();
  await pinnedTicks(FAILURES_TO_REPORT - 1);
  expect(stops).toEqual([]);
  expect(checkpointer.running).toBe(true);
  // The fifth in a row: reported once, and the worker has stopped, as the report says; the
  // connection's own automatic checkpoint was put back before the opener was told.
  await pinnedTicks(1);
  expect(await eventually(() => stops.length > 0 && !checkpointer.running)).toBe(true);
  expect(stops.map((error) => error.message)).toEqual([expect.stringMatching(noProgress())]);
  expect(pagesWhenTold).toEqual([SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES]);
  await checkpointer.close();
  expect(stops).toHaveLength(1);
  reader.exec('commit');
  reader.close();
  writer.close();
});

test("a tick that finds another connection's checkpoint holding the lock (busy) counts as no progress, not as a success", async () => {
  const { path, writer, insert, reader, pin } = writerAndReader('busy.db');
  pin();
  for (let i = 0; i < 10; i++) insert.run(i);
  // A FULL checkpoint on a thread of its own takes the checkpoint lock, then waits (its busy
  // handler, up to 60 s) for the pinned reader: while it waits, every other checkpoint is busy.
  const full = new Worker(
    `const { parentPort, workerData } = require('node:worker_threads');
     const db = new (require(workerData.module))(workerData.path);
     db.pragma('busy_timeout = 60000');
     parentPort.postMessage(db.pragma('wal_checkpoint(FULL)')[0]);
     db.close();`,
    { eval: true, workerData: { module: createRequire(import.meta.url).resolve('better-sqlite3'), path } },
  );
  const fullDone = new Promise((resolve) => full.once('message', resolve));
  // Started once a PASSIVE checkpoint of a third connection answers busy = 1 (log and checkpointed -1).
  const probe = new SqliteDatabase(path);
  const probed = () => (probe.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number }[])[0];
  expect(await eventually(() => probed()?.busy === 1)).toBe(true);
  expect(probed()).toEqual({ busy: 1, log: -1, checkpointed: -1 });
  const stops: Error[] = [];
  const checkpointer = new SqliteCheckpointer(path, {
    busyTimeoutMs: 100,
    intervalMs: NEVER_MS,
    onStopped: (error) => stops.push(error),
  });
  for (let i = 0; i < FAILURES_TO_REPORT; i++) await checkpointer.tick();
  expect(await eventually(() => stops.length > 0)).toBe(true);
  expect(stops.map((error) => error.message)).toEqual([
    `${FAILURES_TO_REPORT} WAL checkpoints in a row failed or made no progress, the last busy: another checkpoint held the lock`,
  ]);
  await checkpointer.close();
  // The reader leaves: the FULL checkpoint gets its turn and finishes.
  reader.exec('commit');
  expect(await fullDone).toMatchObject({ busy: 0 });
  await full.terminate();
  probe.close();
  reader.close();
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
