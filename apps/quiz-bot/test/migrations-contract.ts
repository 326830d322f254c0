import { type Kysely, sql } from 'kysely';
import { expect, test } from 'vitest';
import type { QuizStore } from '../src/index';
import { type DialectName, migrateUpTo } from '../src/store/migrations';

/**
 * Migrations 0007 (issue 22, group identities) and 0008 (issue 18, shared scoring windows) on a
 * database an older version left, run against SQLite (always) and PostgreSQL (slow suite).
 * `raw` connects to the (reset) database without migrating it; `open` opens the store on it (which
 * migrates to the latest version).
 */
export function migrationContract(engine: {
  readonly dialect: DialectName;
  raw(): Promise<Kysely<unknown>>;
  open(): Promise<QuizStore>;
  reset(): Promise<void>;
}) {
  /** A database as version 0006 left it, filled by `fill`. */
  const before0007 = async (fill: (db: Kysely<unknown>) => Promise<void>) => {
    await engine.reset();
    const db = await engine.raw();
    await migrateUpTo(db, engine.dialect, '0006_s20_rounds');
    await fill(db);
    await db.destroy();
  };

  test('0007: group keys that only lose invisible characters are renamed with their rows; collisions and look-alikes are flagged', async () => {
    await before0007(async (db) => {
      await sql`insert into users (id, display_name, created_at) values ('u', 'U', 0)`.execute(db);
      const groups: [id: string, name: string][] = [
        ['owls', 'Owls'],
        ['owls\u034F', 'Owls\u034F'], // collides with "owls" under the rule: flagged
        ['cats\uFE0F', 'Cats\uFE0F'], // nobody is "cats": renamed, history kept
        ['\u043Ewls', '\u043Ewls'], // Cyrillic о: a confusable mix, flagged
        ['discord-1-owls', 'Owls\u200B'], // a Discord group: key kept, hidden character shown
        ['discord-1-bees', 'Bees'], // nothing to do
      ];
      for (const [i, [id, name]] of groups.entries()) {
        await sql`insert into study_groups (id, name, created_at) values (${id}, ${name}, ${i})`.execute(db);
        await sql`insert into memberships (group_id, user_id, joined_at) values (${id}, 'u', ${i})`.execute(
          db,
        );
        await sql`insert into attempts (idempotency_key, user_id, group_id, question_id, part_id, answer, score, points, correct, created_at)
          values (${`k${i}`}, 'u', ${id}, 1, 'p', 'a', 1, ${10 * (i + 1)}, 1, ${i})`.execute(db);
        await sql`insert into streaks (user_id, group_id, current, best) values ('u', ${id}, ${i}, ${i + 1})`.execute(
          db,
        );
      }
      await sql`insert into scoring_windows (user_id, group_id, question_id, part_id, variant_key, best_score, until)
        values ('u', ${'cats\uFE0F'}, 1, 'p', '', 1, 99)`.execute(db);
      await sql`insert into board_versions (group_id, version) values (${'cats\uFE0F'}, 4)`.execute(db);
      await sql`insert into bot_settings (scope, key, value, updated_at) values (${'cats\uFE0F'}, 'season_started_at', '7', 0)`.execute(
        db,
      );
    });
    const store = await engine.open();
    const name = async (id: string) => (await store.group(id))?.name;
    expect(await name('owls')).toBe('Owls');
    expect(await name('owls\u034F')).toBe('Owls⟨U+034F⟩');
    expect(await name('\u043Ewls')).toBe('о⟨Cyrillic⟩wls');
    expect(await name('discord-1-owls')).toBe('Owls⟨U+200B⟩');
    expect(await name('discord-1-bees')).toBe('Bees');
    // "cats" + U+FE0F is now "cats", with everything it had (its name is as its members wrote it).
    expect(await store.group('cats\uFE0F')).toBeUndefined();
    expect(await store.group('cats')).toMatchObject({ name: 'Cats\uFE0F', members: 1, createdAt: 2 });
    expect(await store.leaderboard('cats')).toEqual([
      { rank: 1, userId: 'u', displayName: 'U', points: 30, attempts: 1, correct: 1, bestStreak: 3 },
    ]);
    expect(await store.userStats('u', 'cats')).toMatchObject({ streak: 2, bestStreak: 3, points: 30 });
    expect(await store.rounds.boardVersion('cats')).toBe(4);
    expect(await store.setting('cats', 'season_started_at')).toBe('7');
    expect((await store.groupsOf('u', '')).map((g) => g.id).sort()).toEqual(
      ['owls', 'owls\u034F', 'cats', '\u043Ewls', 'discord-1-owls', 'discord-1-bees'].sort(),
    );
    // Flagged groups keep their points.
    expect((await store.leaderboard('owls\u034F'))[0]?.points).toBe(20);
    await store.close();
  });

  test('0008: per-variant scoring windows become their part one shared window', async () => {
    const now = Date.now();
    const day = 86_400_000;
    // Windows as an older version kept them: one per variant seed ('' for the base question).
    const windows: [part: string, variant: string, best: number, until: number][] = [
      // Two open windows and a closed one: the open ones' best (1) until the later end.
      ['a', '3', 0.5, now + 5 * day],
      ['a', '7', 1, now + 9 * day],
      ['a', '', 0.25, now - day],
      // A closed full score and an open half: the open half counts.
      ['b', '4', 1, now - day],
      ['b', '5', 0.5, now + 3 * day],
      // All closed: the latest-ending row is kept (closed, it only keeps the record).
      ['c', '2', 1, now - 5 * day],
      ['c', '6', 0.5, now - 2 * day],
      // Already shared: untouched.
      ['d', '', 0.75, now + 4 * day],
    ];
    await before0007(async (db) => {
      await migrateUpTo(db, engine.dialect, '0007_s22_group_identities');
      await sql`insert into users (id, display_name, created_at) values ('u', 'U', 0)`.execute(db);
      await sql`insert into study_groups (id, name, created_at) values ('g', 'G', 0)`.execute(db);
      for (const [part, variant, best, until] of windows)
        await sql`insert into scoring_windows (user_id, group_id, question_id, part_id, variant_key, best_score, until)
          values ('u', 'g', 2, ${part}, ${variant}, ${best}, ${until})`.execute(db);
      // Another user's windows are their own.
      await sql`insert into scoring_windows (user_id, group_id, question_id, part_id, variant_key, best_score, until)
        values ('v', 'g', 2, 'a', '3', 0.5, ${now + day})`.execute(db);
    });
    const store = await engine.open();
    const raw = await engine.raw();
    const rows = (
      await sql<{
        user_id: string;
        part_id: string;
        variant_key: string;
        best_score: number;
        until: number;
      }>`select user_id, part_id, variant_key, best_score, until from scoring_windows order by user_id, part_id`.execute(
        raw,
      )
    ).rows.map((r) => [r.user_id, r.part_id, r.variant_key, Number(r.best_score), Number(r.until)]);
    await raw.destroy();
    expect(rows).toEqual([
      ['u', 'a', '', 1, now + 9 * day],
      ['u', 'b', '', 0.5, now + 3 * day],
      ['u', 'c', '', 0.5, now - 2 * day],
      ['u', 'd', '', 0.75, now + 4 * day],
      ['v', 'a', '', 0.5, now + day],
    ]);
    // The merged windows rule every variant now: part a is fully scored until its end; part b
    // still pays what a full score adds to its 0.5: 0.5 × 10 × difficulty 3 × 1.0 = 15.
    const answer = (idempotencyKey: string, partId: string, variantSeed: number) =>
      store.recordAttempt({
        idempotencyKey,
        user: { id: 'u', displayName: 'U' },
        group: { id: 'g', name: 'G' },
        questionId: 2,
        partId,
        variantSeed,
        answer: 'x',
        score: 1,
        correct: true,
        difficulty: 3,
        at: now + day,
      });
    expect(await answer('x1', 'a', 11)).toMatchObject({ points: 0, repeat: true });
    expect(await answer('x2', 'b', 12)).toMatchObject({ points: 15, repeat: true });
    // Part c's window is closed: it scores afresh, at the streak of 1 that b's first full score
    // made (a's repeat of a full score left it at 0): 1 × 10 × 3 × 1.1 = 33.
    expect(await answer('x3', 'c', 13)).toMatchObject({ points: 33, repeat: false });
    await store.close();
  });
}
