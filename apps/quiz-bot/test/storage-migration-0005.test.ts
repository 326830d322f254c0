import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterAll, describe, expect, test } from 'vitest';
import { type AttemptToRecord, nameKey, openStore } from '../src/index';
import { migrateUpTo } from '../src/store/migrations';

const folder = mkdtempSync(join(tmpdir(), 'cnnkit-migration-0005-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const attempt = (userId: string, displayName: string, key: string, correct = true): AttemptToRecord => ({
  idempotencyKey: key,
  user: { id: userId, displayName },
  group: { id: 'g', name: 'G' },
  questionId: 1,
  partId: key,
  variantSeed: null,
  answer: 'a',
  score: correct ? 1 : 0,
  correct,
  at: Date.UTC(2026, 0, 1),
  difficulty: 1,
});

describe('migration 0005 on a database an older version wrote', () => {
  test('renames keys that only lose invisible characters; flags collisions and look-alikes instead of merging', async () => {
    const path = join(folder, 'old.db');
    // The schema as version 0004 left it, and rows as the old key rule made them.
    const sqlite = new SqliteDatabase(path);
    sqlite.pragma('journal_mode = WAL');
    const old = new Kysely<unknown>({ dialect: new SqliteDialect({ database: sqlite }) });
    await migrateUpTo(old, 'sqlite', '0004_discord_bot_settings');
    const insert = sqlite.prepare('insert into users (id, display_name, created_at) values (?, ?, 0)');
    const answer = sqlite.prepare(
      "insert into attempts (idempotency_key, user_id, group_id, question_id, part_id, answer, score, points, correct, created_at) values (?, ?, 'g', 1, 'p', 'a', 1, ?, 1, 0)",
    );
    sqlite.prepare("insert into study_groups (id, name, created_at) values ('g', 'G', 0)").run();
    const rows: [id: string, name: string, points: number][] = [
      ['ada', 'ada', 30],
      ['ada\u034F', 'ada\u034F', 20], // collides with "ada" under the new rule
      ['bob\uFE0F', 'bob\uFE0F', 15], // nobody is "bob": renamed, history kept
      ['\u0430da', '\u0430da', 10], // Cyrillic а: refused now
      ['discord:123', 'ada\u034F', 5], // a Discord user: keyed by id, untouched
    ];
    for (const [i, [id, name, points]] of rows.entries()) {
      insert.run(id, name);
      answer.run(`k${i}`, id, points);
    }
    await old.destroy();

    const store = await openStore({ sqlitePath: path });
    const board = await store.leaderboard('g');
    expect(board.map((r) => [r.userId, r.displayName, r.points])).toEqual([
      ['ada', 'ada', 30],
      ['ada\u034F', 'ada⟨U+034F⟩', 20],
      ['bob', 'bob\uFE0F', 15],
      ['\u0430da', 'а⟨Cyrillic⟩da', 10],
      ['discord:123', 'ada\u034F', 5],
    ]);
    // Typing "bob" (or "bob" + U+FE0F) now reaches bob's history.
    expect(nameKey('bob\uFE0F')).toBe('bob');
    expect(await store.countAttempts({ userId: 'bob' })).toBe(1);
    await store.close();
  });
});

test('a duplicate reply reports the streak that answer made, not the current one', async () => {
  const store = await openStore({ sqlitePath: join(folder, 'streak.db') });
  const first = await store.recordAttempt(attempt('eve', 'Eve', 'a1'));
  expect(first.streak).toBe(1);
  expect((await store.recordAttempt(attempt('eve', 'Eve', 'a2'))).streak).toBe(2);
  expect((await store.recordAttempt(attempt('eve', 'Eve', 'a3', false))).streak).toBe(0);
  const again = await store.recordAttempt(attempt('eve', 'Eve', 'a1'));
  expect(again).toMatchObject({ duplicate: true, streak: 1, bestStreak: 1, points: first.points });
  await store.close();
});
