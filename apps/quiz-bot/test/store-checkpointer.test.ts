import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, expect, test } from 'vitest';
import type { AttemptToRecord } from '../src/store/api';
import { openStore } from '../src/store/open';
import { CHECKPOINT_INTERVAL_MS } from '../src/store/sqlite-checkpointer';

/*
 * Issue 20: with `checkpointThread` the WAL is checkpointed by a worker thread on its own connection,
 * not by a commit on the bot's thread. Seen from outside: the database file itself (not its WAL)
 * takes the committed pages within a checkpoint interval, although the store's connection never
 * reaches SQLite's own automatic checkpoint (1,000 WAL pages; these few answers write far fewer).
 */
const folder = mkdtempSync(join(tmpdir(), 'cnnkit-checkpointer-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const answer = (key: string, at: number): AttemptToRecord => ({
  idempotencyKey: key,
  user: { id: `user-${key}`, displayName: key },
  group: { id: 'g', name: 'Group g' },
  questionId: 1,
  partId: 'p',
  variantSeed: null,
  answer: 'x',
  score: 1,
  correct: true,
  difficulty: 1,
  at,
});

/** Opens a store, records 20 answers, and returns the database file's size over the next interval and a half. */
async function sizesAfterAnswers(name: string, checkpointThread: boolean) {
  const path = join(folder, name);
  const store = await openStore({ sqlitePath: path, checkpointThread });
  const before = statSync(path).size;
  for (let i = 0; i < 20; i++) await store.recordAttempt(answer(`a${i}`, 1_000 + i), {});
  const deadline = Date.now() + CHECKPOINT_INTERVAL_MS * 1.5;
  let after = statSync(path).size;
  while (after === before && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    after = statSync(path).size;
  }
  return { store, path, before, after };
}

test('the checkpointer copies the committed pages into the database file, off the store connection', async () => {
  const { store, path, before, after } = await sizesAfterAnswers('worker.db', true);
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
  const { store, before, after } = await sizesAfterAnswers('inline.db', false);
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
