import { existsSync, mkdtempSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, expect, test } from 'vitest';
import { openStore } from '../src/store/open';
import {
  assessCheckpoint,
  BACKSTOP_AUTOCHECKPOINT_PAGES,
  CHECKPOINT_INTERVAL_MS,
  type CheckpointerEvent,
  type CheckpointSchedule,
  checkpointOffThread,
  MAX_BACKOFF_MS,
  NO_PROGRESS_TO_BACK_OFF,
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

/** A schedule that runs nothing by itself: it records each interval asked for; the tests tick. */
function recordedSchedule() {
  const asked: number[] = [];
  const schedule: CheckpointSchedule = (_run, ms) => {
    asked.push(ms);
    return () => {};
  };
  return { asked, schedule };
}

const noProgress =
  /^stopped short with no progress \(a reader holds an old snapshot\): \d+ of \d+ WAL frames copied$/;

test('behind a reader that holds its snapshot the checkpointer backs off (told once), keeps its thread, and resumes its pace at the first checkpoint after the reader lets go, which checkpoints the WAL', async () => {
  const { path, writer, insert, reader, pin } = writerAndReader('reader.db');
  const autocheckpoint = () => writer.pragma('wal_autocheckpoint', { simple: true });
  const { asked, schedule } = recordedSchedule();
  const events: CheckpointerEvent[] = [];
  const stops: Error[] = [];
  const checkpointer = checkpointOffThread(writer, {
    busyTimeoutMs: 100,
    schedule,
    onState: (event) => events.push(event),
    onStopped: (error) => stops.push(error),
  });
  // The first checkpoint is scheduled at the normal interval.
  expect(asked).toEqual([CHECKPOINT_INTERVAL_MS]);
  // Keeping up: before each tick the reader moves to the snapshot of now and one more row is
  // committed after it, so every tick stops short of the WAL's end (the last commit) but copies
  // more frames than the tick before. Twice the ticks a back-off needs: no change of pace.
  for (let i = 0; i < 2 * NO_PROGRESS_TO_BACK_OFF; i++) {
    pin();
    insert.run(10 + i);
    await checkpointer.tick();
  }
  expect(events).toEqual([]);
  expect(checkpointer.pace).toMatchObject({ noProgress: 0, backingOff: false });
  // Pinned: the reader stays on its snapshot; commits after it cannot be copied.
  const pinnedTick = async (i: number) => {
    insert.run(100 + i);
    await checkpointer.tick();
    return asked.at(-1);
  };
  const intervals: (number | undefined)[] = [];
  for (let i = 0; i < NO_PROGRESS_TO_BACK_OFF + 5; i++) intervals.push(await pinnedTick(i));
  // Worked out: four at the normal 2 s; from the fifth each twice the one before (4, 8, 16, 32 s),
  // then capped at 60 s (64 s would pass it).
  const n = CHECKPOINT_INTERVAL_MS;
  expect(intervals).toEqual([n, n, n, n, 2 * n, 4 * n, 8 * n, 16 * n, MAX_BACKOFF_MS, MAX_BACKOFF_MS]);
  expect(MAX_BACKOFF_MS).toBeLessThan(32 * n);
  // Told once, at the fifth; the thread still runs, nothing stopped, the backstop stays (not SQLite's
  // 1,000 pages on the bot's thread).
  expect(events).toEqual([{ state: 'backing-off', problem: expect.stringMatching(noProgress) }]);
  expect(checkpointer.running).toBe(true);
  expect(stops).toEqual([]);
  expect(autocheckpoint()).toBe(BACKSTOP_AUTOCHECKPOINT_PAGES);
  // Not yet in the file: it holds fewer pages than the database has.
  const pageSize = Number(writer.pragma('page_size', { simple: true }));
  const pages = () => Number(writer.pragma('page_count', { simple: true }));
  expect(statSync(path).size).toBeLessThan(pages() * pageSize);
  // The reader lets go: the next checkpoint copies the whole WAL (the file now holds every page),
  // the normal interval is back, told once.
  reader.exec('commit');
  await checkpointer.tick();
  expect(statSync(path).size).toBe(pages() * pageSize);
  expect(asked.at(-1)).toBe(n);
  expect(events).toEqual([
    { state: 'backing-off', problem: expect.stringMatching(noProgress) },
    { state: 'resumed' },
  ]);
  insert.run(300);
  await checkpointer.tick();
  expect(events).toHaveLength(2);
  expect(checkpointer.pace).toMatchObject({ noProgress: 0, backingOff: false, nextMs: n });
  await checkpointer.close();
  expect(stops).toEqual([]);
  reader.close();
  writer.close();
});

test('a checkpoint after the WAL started over counts as progress, although it copied fewer frames of a longer WAL than the one before', async () => {
  const { writer, insert, reader, pin } = writerAndReader('restart.db');
  const { schedule } = recordedSchedule();
  const checkpointer = new SqliteCheckpointer(writer.name, { busyTimeoutMs: 100, schedule });
  // The old WAL: a reader pinned after ten commits, ten more after it; the first tick is measured
  // against nothing, the next four copy nothing new.
  for (let i = 0; i < 10; i++) insert.run(i);
  pin();
  for (let i = 0; i < 10; i++) insert.run(100 + i);
  for (let i = 0; i < NO_PROGRESS_TO_BACK_OFF; i++) await checkpointer.tick();
  expect(checkpointer.pace.noProgress).toBe(NO_PROGRESS_TO_BACK_OFF - 1);
  const before = checkpointer.pace.seen!;
  expect(before.checkpointed).toBeLessThan(before.log);
  // The reader lets go, a TRUNCATE checkpoint copies everything and empties the WAL; the next
  // commit starts a new one (frame counter from 0). Pinned after two commits, forty more after.
  reader.exec('commit');
  expect(writer.pragma('wal_checkpoint(TRUNCATE)')).toEqual([{ busy: 0, log: 0, checkpointed: 0 }]);
  for (let i = 0; i < 2; i++) insert.run(200 + i);
  pin();
  for (let i = 0; i < 40; i++) insert.run(300 + i);
  await checkpointer.tick();
  const after = checkpointer.pace.seen!;
  // The case itself: short again, fewer frames copied than before, of a WAL longer than before
  // (frame counts alone would read "no progress"), in a WAL of another generation.
  expect(after.checkpointed).toBeLessThan(after.log);
  expect(after.checkpointed).toBeLessThanOrEqual(before.checkpointed);
  expect(after.log).toBeGreaterThan(before.log);
  expect(after.generation).not.toBe(before.generation);
  // Progress: the count starts again (a fifth "no progress" would have backed off).
  expect(checkpointer.pace).toMatchObject({ noProgress: 0, backingOff: false });
  // The reader still holds: from here on the new WAL's own counts say "no progress".
  await checkpointer.tick();
  expect(checkpointer.pace.noProgress).toBe(1);
  await checkpointer.close();
  reader.exec('commit');
  reader.close();
  writer.close();
});

test.each([
  // [why, seen before, this checkpoint, problem?]
  [
    'the first checkpoint, short: nothing to compare with',
    undefined,
    { busy: 0, log: 10, checkpointed: 4, generation: 'a' },
    false,
  ],
  [
    'the whole WAL copied',
    { log: 10, checkpointed: 4, generation: 'a' },
    { busy: 0, log: 12, checkpointed: 12, generation: 'a' },
    false,
  ],
  [
    'short, more frames than before in the same WAL',
    { log: 10, checkpointed: 4, generation: 'a' },
    { busy: 0, log: 12, checkpointed: 5, generation: 'a' },
    false,
  ],
  [
    'short, the same frames in the same WAL',
    { log: 10, checkpointed: 4, generation: 'a' },
    { busy: 0, log: 12, checkpointed: 4, generation: 'a' },
    true,
  ],
  [
    'short, fewer frames of a new WAL (another generation)',
    { log: 10, checkpointed: 4, generation: 'a' },
    { busy: 0, log: 12, checkpointed: 2, generation: 'b' },
    false,
  ],
  [
    'short, the same count of a shorter WAL: it started over (generation unread)',
    { log: 10, checkpointed: 4 },
    { busy: 0, log: 6, checkpointed: 4 },
    false,
  ],
  [
    'busy: another checkpoint held the lock',
    { log: 10, checkpointed: 4, generation: 'a' },
    { busy: 1, log: -1, checkpointed: -1, generation: 'a' },
    true,
  ],
] as const)('progress of a checkpoint: %s', (_why, seen, tick, hasProblem) => {
  const { problem } = assessCheckpoint(seen, tick);
  expect(problem !== undefined).toBe(hasProblem);
});

test('a checkpoint that failed is no progress, and the next is measured against the last one that got the lock', () => {
  const seen = { log: 10, checkpointed: 4, generation: 'a' };
  expect(assessCheckpoint(seen, { error: 'disk I/O error' })).toEqual({
    problem: 'failed: disk I/O error',
    seen,
  });
});

test("a tick that finds another connection's checkpoint holding the lock (busy) counts as no progress: five back it off", async () => {
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
  const events: CheckpointerEvent[] = [];
  const checkpointer = new SqliteCheckpointer(path, {
    busyTimeoutMs: 100,
    schedule: recordedSchedule().schedule,
    onState: (event) => events.push(event),
  });
  for (let i = 0; i < NO_PROGRESS_TO_BACK_OFF - 1; i++) await checkpointer.tick();
  expect(events).toEqual([]);
  await checkpointer.tick();
  expect(events).toEqual([{ state: 'backing-off', problem: 'busy: another checkpoint held the lock' }]);
  expect(checkpointer.running).toBe(true);
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
