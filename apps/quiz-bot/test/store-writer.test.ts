import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, expect, test } from 'vitest';
import { openStore, type QuizStore, type RecordedAttempt } from '../src/index';
import { StoreWriter } from '../src/store/writer';

// Issue 20: the answers' write transactions run in a worker thread with its own SQLite connection
// (openStore's `writerThread`, which the Discord bot turns on), off the thread that replies.
const folder = mkdtempSync(join(tmpdir(), 'cnnkit-store-writer-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** An answer of `user`'s to question 5, part "across" (choice: b is right), under `key`. */
const attempt = (user: string, key: string, right: boolean, at: number) => ({
  idempotencyKey: key,
  user: { id: user, displayName: user },
  group: { id: 'g', name: 'G' },
  questionId: 5,
  partId: 'across',
  variantSeed: null,
  answer: right ? 'b' : 'a',
  score: right ? 1 : 0,
  correct: right,
  difficulty: 1 as const,
  at,
});

type WithWriter = QuizStore & { writer: StoreWriter };

/** The same answers, in the same turns, on `store`: what each recording returned. */
async function play(store: QuizStore): Promise<RecordedAttempt[]> {
  const results: RecordedAttempt[] = [];
  // Three turns of five answers (each turn one group commit), keys 0–4 sent again in the last.
  for (let turn = 0; turn < 3; turn++) {
    const batch = Array.from({ length: 5 }, (_, i) => {
      const n = turn === 2 ? i : turn * 5 + i;
      return store.recordAttempt(attempt(`u${n % 2}`, `k${n}`, n % 3 !== 1, 1_000 + n));
    });
    results.push(...(await Promise.all(batch)));
  }
  return results;
}

test('answers recorded in the writer thread score exactly as on the calling thread, and are on disk when their promise resolves', async () => {
  const inline = await openStore({ sqlitePath: join(folder, 'inline.db') });
  const path = join(folder, 'threaded.db');
  const threaded = (await openStore({ sqlitePath: path, writerThread: true })) as WithWriter;
  try {
    expect('writer' in threaded).toBe(true);
    await threaded.writer.warm();
    const expected = await play(inline);
    const reader = new SqliteDatabase(path, { readonly: true });
    const got = await play(threaded);
    // Another connection sees every attempt the promises reported (committed before they resolved).
    const rows = reader.prepare('select id from attempts order by id').pluck().all() as number[];
    reader.close();
    expect(got).toEqual(expected);
    expect(got.filter((r) => r.duplicate)).toHaveLength(5);
    expect(rows).toEqual(got.filter((r) => !r.duplicate).map((r) => r.attemptId));
    // All of it in the worker: nothing fell back to this thread.
    expect(threaded.writer.recordedHere).toBe(0);
  } finally {
    await inline.close();
    await threaded.close();
  }
}, 30_000);

test("a refusal crosses the thread with the store's code and context: rate limited, a key reused for another answer", async () => {
  const store = (await openStore({
    sqlitePath: join(folder, 'refusals.db'),
    writerThread: true,
  })) as WithWriter;
  try {
    await store.writer.warm();
    const policy = { rateLimit: { capacity: 1, perSecond: 0.001 } };
    await store.recordAttempt(attempt('r', 'r1', true, 5_000), policy);
    const limited = store.recordAttempt(attempt('r', 'r2', true, 5_000), policy);
    await expect(limited).rejects.toMatchObject({ name: 'QuizError', code: 'rate_limited' });
    expect(((await limited.catch((e: unknown) => e)) as { context: { waitMs: number } }).context.waitMs).toBe(
      1_000_000, // one token at 0.001 per second: 1,000 s
    );
    await expect(store.recordAttempt(attempt('r', 'r1', false, 6_000))).rejects.toMatchObject({
      code: 'idempotency_key_reused',
    });
    expect(store.writer.recordedHere).toBe(0);
    expect(await store.countAttempts()).toBe(1);
  } finally {
    await store.close();
  }
}, 30_000);

test("every write of the bot's paths runs in the writer (rate tokens, rounds, hints, groups, settings); reads see them at once", async () => {
  const store = (await openStore({
    sqlitePath: join(folder, 'writes.db'),
    writerThread: true,
  })) as WithWriter;
  try {
    await store.writer.warm();
    const policy = { capacity: 1, perSecond: 0.001 };
    expect(await store.takeRateToken('w', 1_000, policy)).toBe(0);
    expect(await store.takeRateToken('w', 1_000, policy)).toBe(1_000_000); // 1 token per 1,000 s
    expect(await store.createGroup({ id: 'g2', name: 'G2' }, 1_000)).toBe(true);
    await store.joinGroup('g2', 'w', 'W', 1_000);
    await store.setSetting('g2', 'question_seconds', '30', 1_000);
    await store.rounds.openRound({
      id: 'r1',
      questionId: 5,
      variantSeed: null,
      deadline: 60_000,
      replyToken: 'token',
      applicationId: '1',
      createdAt: 1_000,
    });
    const entry = { roundId: 'r1', partId: 'across', userId: 'w', interactionId: '7', answeredAt: 2_000 };
    await store.rounds.enterAnswer(entry, 2_000);
    await store.rounds.settleAnswer(entry, true);
    const claimed = await store.rounds.claimAnnouncement('r1', 'across', 3_000, 60_000);
    expect(claimed).toMatchObject({ winner: { userId: 'w' }, claimed: true });
    await store.rounds.takeHint({
      userId: 'w',
      questionId: 5,
      roundId: 'r1',
      interactionId: '8',
      hintedAt: 1_500,
    });
    await store.rounds.bumpBoard('g2');
    // Read on this thread's own connection: each write was committed before its promise settled.
    expect((await store.groupsOf('w', 'g')).map((g) => g.id)).toEqual(['g2']);
    expect(await store.setting('g2', 'question_seconds')).toBe('30');
    expect(await store.rounds.unpaidHint('w', 5, 2_000, 0)).toEqual({ interactionId: '8' });
    expect(await store.rounds.boardVersion('g2')).toBe(1);
    // 11 writes, every one answered by the worker, none run here.
    expect(store.writer.ranInWorker).toBe(11);
    expect(store.writer.recordedHere).toBe(0);
  } finally {
    await store.close();
  }
}, 30_000);

test('a writer that dies after committing, without replying: the answers are recorded again on this thread, once each; a write that cannot be repeated is refused', async () => {
  const path = join(folder, 'dying.db');
  const store = await openStore({ sqlitePath: path });
  const writer = new StoreWriter(path, store, {
    workerUrl: new URL('./fixtures/dying-store-writer.mjs', import.meta.url),
  });
  try {
    await writer.warm();
    // Its outcome, taken at once (it is refused before the answers below are back).
    const group = writer.write('createGroup', [{ id: 'dg', name: 'DG' }, 9_000]).then(
      () => 'created',
      (error: unknown) => error,
    );
    const results = await Promise.all(
      Array.from({ length: 4 }, (_, i) => writer.record(attempt(`d${i}`, `d${i}`, true, 9_000))),
    );
    // Committed by the worker, found by their keys here: the first result, nothing doubled.
    expect(results.map((r) => r.duplicate)).toEqual([true, true, true, true]);
    expect(results.map((r) => r.points)).toEqual(results.map(() => results[0]!.points));
    expect(writer.recordedHere).toBe(4);
    expect(await store.countAttempts()).toBe(4);
    // Done by the worker, but it never said so: refused, not run twice (it would say "exists").
    expect(await group).toMatchObject({ code: 'storage_failed' });
    expect(await store.group('dg')).toMatchObject({ id: 'dg' });
  } finally {
    await writer.close();
    await store.close();
  }
}, 30_000);
