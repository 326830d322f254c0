import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MeasurementService, openStore, QuizEngine, type QuizStore } from '../src/index';

// The engine end to end on PostgreSQL (slow suite; scripts/with-postgres.sh provides the server).
const serverUrl = process.env.CNNKIT_PG_URL;
// A database of its own: vitest runs test files side by side, and store-postgres.slow.ts resets the
// server's database (drops its schema) while this suite would be answering in it.
const url = serverUrl?.replace(/\/[^/]*$/, '/cnnkit_engine');

describe.runIf(url !== undefined)('the quiz on PostgreSQL', () => {
  let store: QuizStore;
  let measurer: MeasurementService;
  let engine: QuizEngine;
  beforeAll(async () => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    await client.query('drop database if exists cnnkit_engine');
    await client.query('create database cnnkit_engine');
    await client.end();
    store = await openStore({ databaseUrl: url });
    measurer = new MeasurementService();
    engine = new QuizEngine({ store, measurer });
  });
  afterAll(async () => {
    await store.close();
    await measurer.close();
  });

  test('a numeric answer is measured, recorded once per key, and ranked', async () => {
    const input = {
      userId: 'pat',
      displayName: 'Pat',
      groupId: 'guild-1',
      questionId: 2,
      partId: 'params',
      answer: '903,400',
      idempotencyKey: 'interaction-1',
    };
    const first = await engine.answer(input);
    const replay = await engine.answer(input);
    expect(first).toMatchObject({ points: 30, duplicate: false });
    expect(first.measurement!.measured).toBe(903_400);
    expect(replay).toMatchObject({ points: 30, duplicate: true });
    expect(await engine.leaderboard('guild-1')).toEqual([
      { rank: 1, userId: 'pat', displayName: 'Pat', points: 30, attempts: 1, correct: 1, bestStreak: 1 },
    ]);
    expect((await engine.due('pat')).map((q) => q.id)).toEqual([1, 3, 4, 5, 6, 7, 8]);
  });
});
