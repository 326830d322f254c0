import type { Kysely, Migration, MigrationProvider } from 'kysely';
import { Migrator, sql } from 'kysely';
import { mixedScriptLookalikes, scriptName } from '../confusables';
import { createRoundTables } from './rounds';

export type DialectName = 'sqlite' | 'postgres';

/**
 * Migrations in code (a static list: bundles and type-checks), the same for SQLite and PostgreSQL.
 * Column types are the portable subset: text, integer, bigint, double precision.
 */
const migrations = (dialect: DialectName): Record<string, Migration> => ({
  '0001_initial': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('study_groups')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('memberships')
        .addColumn('group_id', 'text', (c) => c.notNull().references('study_groups.id'))
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('joined_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('memberships_pk', ['group_id', 'user_id'])
        .execute();
      await db.schema
        .createTable('attempts')
        .addColumn('id', 'integer', (c) =>
          dialect === 'sqlite'
            ? c.primaryKey().autoIncrement()
            : c.primaryKey().generatedByDefaultAsIdentity(),
        )
        .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('group_id', 'text', (c) => c.notNull().references('study_groups.id'))
        .addColumn('question_id', 'integer', (c) => c.notNull())
        .addColumn('part_id', 'text', (c) => c.notNull())
        .addColumn('variant_seed', 'bigint')
        .addColumn('answer', 'text', (c) => c.notNull())
        .addColumn('score', 'double precision', (c) => c.notNull())
        .addColumn('points', 'integer', (c) => c.notNull())
        .addColumn('correct', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      // Covers the leaderboard query: the scan reads the index alone, never the table.
      await db.schema
        .createIndex('attempts_leaderboard')
        .on('attempts')
        .columns(['group_id', 'user_id', 'created_at', 'points', 'correct'])
        .execute();
      await db.schema
        .createIndex('attempts_user')
        .on('attempts')
        .columns(['user_id', 'created_at'])
        .execute();
      await db.schema
        .createTable('streaks')
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('group_id', 'text', (c) => c.notNull())
        .addColumn('current', 'integer', (c) => c.notNull())
        .addColumn('best', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('streaks_pk', ['user_id', 'group_id'])
        .execute();
      await db.schema
        .createTable('review_cards')
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('question_id', 'integer', (c) => c.notNull())
        .addColumn('card', 'text', (c) => c.notNull())
        .addColumn('due', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('review_cards_pk', ['user_id', 'question_id'])
        .execute();
    },
  },
  // Issue 9 (no farming): one scoring window per user, group, question part and variant.
  '0002_issue9_scoring_windows': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('scoring_windows')
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('group_id', 'text', (c) => c.notNull())
        .addColumn('question_id', 'integer', (c) => c.notNull())
        .addColumn('part_id', 'text', (c) => c.notNull())
        .addColumn('variant_key', 'text', (c) => c.notNull())
        .addColumn('best_score', 'double precision', (c) => c.notNull())
        .addColumn('until', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('scoring_windows_pk', [
          'user_id',
          'group_id',
          'question_id',
          'part_id',
          'variant_key',
        ])
        .execute();
    },
  },
  // Issue 12: the answer rate limit lives in the store, so every process and shard shares it.
  '0003_s12_rate_buckets': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('rate_buckets')
        .addColumn('user_id', 'text', (c) => c.primaryKey())
        .addColumn('tokens', 'double precision', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
    },
  },
  // Study groups inside a Discord server and per-server settings (the question timer, group seasons).
  '0004_discord_bot_settings': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('bot_settings')
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('bot_settings_pk', ['scope', 'key'])
        .execute();
      await db.schema
        .createIndex('memberships_user')
        .on('memberships')
        .columns(['user_id', 'joined_at'])
        .execute();
    },
  },
  // Issue 22: the streak each attempt left (a duplicate reply reports it), and terminal user keys
  // under the new identity rule (invisible characters removed, mixed-script look-alikes refused).
  '0005_s22_identities_and_recorded_streaks': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('attempts').addColumn('streak_after', 'integer').execute();
      await db.schema.alterTable('attempts').addColumn('best_streak_after', 'integer').execute();
      await reviewUserKeys(db);
    },
  },
  // Issue 20: rounds, their winners and hints live in the store, shared by every process and shard.
  '0006_s20_rounds': { up: createRoundTables },
  // Issue 22: group keys and names under the identity rule user keys got in 0005.
  '0007_s22_group_identities': { up: reviewGroupKeys },
  // Issue 18: scoring windows kept per variant before merged into their part's one window.
  '0008_s18_shared_scoring_windows': { up: (db) => mergeVariantWindows(db, Date.now()) },
});

/** The invisible characters the identity rule of 0005 removes from a key (identity.ts). */
const INVISIBLE_IN_KEYS = /[\p{Cf}\p{Cc}\p{Default_Ignorable_Code_Point}]/gu;
const USER_TABLES = ['attempts', 'memberships', 'streaks', 'review_cards', 'scoring_windows'] as const;

/**
 * Terminal users (keys without `:`) whose key the new rule changes or refuses:
 * - a key that only loses invisible characters, with nobody under the new key yet, is renamed to
 *   it with all its rows (the person keeps their history and can still sign in by typing the name);
 * - a key that collides with an existing user under the new rule ("ada" + U+034F next to "ada"),
 *   or that mixes scripts confusably ("аda"), is flagged, not merged: its display name shows the
 *   difference ("ada⟨U+034F⟩", "а⟨Cyrillic⟩da"). Merging would hand one person's points to
 *   another (the spoofing the rule stops) and could not be undone; a flagged row keeps its points.
 */
async function reviewUserKeys(db: Kysely<unknown>): Promise<void> {
  const users = (
    await sql<{ id: string; display_name: string }>`select id, display_name from users`.execute(db)
  ).rows;
  const taken = new Set(users.map((u) => u.id));
  for (const user of users) {
    if (user.id.includes(':')) continue;
    const key = user.id.normalize('NFKC').replace(INVISIBLE_IN_KEYS, '');
    const lookalikes = mixedScriptLookalikes(key);
    if (key === user.id && lookalikes.length === 0) continue;
    if (key !== '' && !taken.has(key) && lookalikes.length === 0) {
      await sql`insert into users (id, display_name, created_at) select ${key}, display_name, created_at from users where id = ${user.id}`.execute(
        db,
      );
      for (const table of USER_TABLES)
        await sql`update ${sql.table(table)} set user_id = ${key} where user_id = ${user.id}`.execute(db);
      // A rate bucket is a few seconds of state: the renamed user starts with a full one.
      await sql`delete from rate_buckets where user_id = ${user.id}`.execute(db);
      await sql`delete from users where id = ${user.id}`.execute(db);
      taken.delete(user.id);
      taken.add(key);
      continue;
    }
    const flagged = revealLookalikes(user.display_name);
    await sql`update users set display_name = ${flagged} where id = ${user.id}`.execute(db);
  }
}

/** A name with its invisible characters written out (⟨U+034F⟩) and each look-alike labelled with its script (а⟨Cyrillic⟩). */
function revealLookalikes(name: string): string {
  const lookalikes = new Map(mixedScriptLookalikes(name).map((l) => [l.character, l.scripts[0]]));
  let shown = '';
  for (const character of name) {
    const code = `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
    const script = lookalikes.get(character);
    if (/[\p{Cf}\p{Cc}\p{Default_Ignorable_Code_Point}]/u.test(character)) shown += `⟨${code}⟩`;
    else if (script !== undefined) shown += `${character}⟨${scriptName(script)}⟩`;
    else shown += character;
  }
  return shown;
}

/** Tables holding a group's key (bot_settings keys a group's settings by it as their scope). */
const GROUP_TABLES = ['attempts', 'memberships', 'streaks', 'scoring_windows', 'board_versions'] as const;

/** True when a name holds an invisible character or mixes scripts confusably (UTS #39). */
function hidesDifference(name: string): boolean {
  return new RegExp(INVISIBLE_IN_KEYS.source, 'u').test(name) || mixedScriptLookalikes(name).length > 0;
}

/**
 * Migration 0007: study groups get the identity treatment users got in 0005 (issue 22).
 * - a terminal group (its key is its name's key: no `:`, not a Discord `discord-…` key) whose key
 *   only loses invisible characters, with no group under the new key yet, is renamed to it with all
 *   its rows (its members find it again by typing its name);
 * - a terminal group whose key collides with another's under the rule, or mixes scripts confusably,
 *   is flagged, not merged: its name shows the difference ("owls⟨U+034F⟩", "оwls⟨Cyrillic⟩");
 * - a Discord group keeps its key (an ASCII slug of its server and name), and a name that hides a
 *   difference (invisible characters, confusable scripts) is shown with it, as above.
 */
async function reviewGroupKeys(db: Kysely<unknown>): Promise<void> {
  const groups = (
    await sql<{ id: string; name: string }>`select id, name from study_groups order by id`.execute(db)
  ).rows;
  const taken = new Set(groups.map((g) => g.id));
  for (const group of groups) {
    const terminal = !group.id.includes(':') && !group.id.startsWith('discord-');
    if (terminal) {
      const key = group.id.normalize('NFKC').replace(INVISIBLE_IN_KEYS, '');
      const lookalikes = mixedScriptLookalikes(key);
      if (key === group.id && lookalikes.length === 0) continue;
      if (key !== '' && !taken.has(key) && lookalikes.length === 0) {
        await sql`insert into study_groups (id, name, created_at) select ${key}, name, created_at from study_groups where id = ${group.id}`.execute(
          db,
        );
        for (const table of GROUP_TABLES)
          await sql`update ${sql.table(table)} set group_id = ${key} where group_id = ${group.id}`.execute(
            db,
          );
        await sql`update bot_settings set scope = ${key} where scope = ${group.id}`.execute(db);
        await sql`delete from study_groups where id = ${group.id}`.execute(db);
        taken.delete(group.id);
        taken.add(key);
        continue;
      }
    } else if (!hidesDifference(group.name)) continue;
    await sql`update study_groups set name = ${revealLookalikes(group.name)} where id = ${group.id}`.execute(
      db,
    );
  }
}

/**
 * Migration 0008 (issue 18): before, a part kept one scoring window per variant (`variant_key` the
 * variant's seed); now every variant shares the part's one window (`variant_key` ''), and the rows
 * with a seed no longer matched, so a part scored on a variant could score again at once. Each
 * part's rows become its one shared window: among the windows still open at `now`, the best score
 * and the latest end (the part was scored in an interval that runs until then: no variant reopens
 * it); when none is open, the latest-ending row (closed, so it only keeps the record).
 */
export async function mergeVariantWindows(db: Kysely<unknown>, now: number): Promise<void> {
  const rows = (
    await sql<{
      user_id: string;
      group_id: string;
      question_id: number;
      part_id: string;
      best_score: number;
      until: number;
    }>`select w.user_id, w.group_id, w.question_id, w.part_id, w.best_score, w.until from scoring_windows w
       where exists (select 1 from scoring_windows v where v.user_id = w.user_id and v.group_id = w.group_id
         and v.question_id = w.question_id and v.part_id = w.part_id and v.variant_key <> '')`.execute(db)
  ).rows;
  const parts = new Map<string, typeof rows>();
  for (const row of rows) {
    const key = JSON.stringify([row.user_id, row.group_id, Number(row.question_id), row.part_id]);
    parts.set(key, [...(parts.get(key) ?? []), row]);
  }
  for (const windows of parts.values()) {
    const { user_id, group_id, question_id, part_id } = windows[0]!;
    const open = windows.filter((w) => Number(w.until) > now);
    const latest = (list: typeof windows) => Math.max(...list.map((w) => Number(w.until)));
    const merged =
      open.length > 0
        ? { best: Math.max(...open.map((w) => Number(w.best_score))), until: latest(open) }
        : {
            best: Number(windows.find((w) => Number(w.until) === latest(windows))!.best_score),
            until: latest(windows),
          };
    await sql`delete from scoring_windows where user_id = ${user_id} and group_id = ${group_id} and question_id = ${question_id} and part_id = ${part_id}`.execute(
      db,
    );
    await sql`insert into scoring_windows (user_id, group_id, question_id, part_id, variant_key, best_score, until)
      values (${user_id}, ${group_id}, ${question_id}, ${part_id}, '', ${merged.best}, ${merged.until})`.execute(
      db,
    );
  }
}

/** The names of every migration this version knows, oldest first. */
export function migrationNames(): string[] {
  return Object.keys(migrations('sqlite')).sort();
}

/**
 * Brings a database up to (and including) the migration `name`, no further: for tests that build
 * a database as an older version left it, then open it with this one.
 */
export async function migrateUpTo(db: Kysely<unknown>, dialect: DialectName, name: string): Promise<void> {
  const { error } = await new Migrator({ db, provider: new StaticMigrationProvider(dialect) }).migrateTo(
    name,
  );
  if (error !== undefined) throw error;
}

class StaticMigrationProvider implements MigrationProvider {
  constructor(private readonly dialect: DialectName) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations(this.dialect);
  }
}

/**
 * Brings a database to the latest schema; safe to run on every start. On PostgreSQL, Kysely takes
 * an advisory lock, so concurrent processes migrate in turn. SQLite has no such lock: when two
 * processes start at once, the loser's transaction fails and rolls back, and it retries, finding
 * the migration done.
 */
export async function migrateToLatest(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const migrator = new Migrator({ db, provider: new StaticMigrationProvider(dialect) });
  for (let attempt = 1; ; attempt++) {
    const { error, results } = await migrator.migrateToLatest();
    if (error === undefined) return;
    if (dialect === 'sqlite' && attempt < 5) {
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt));
      continue;
    }
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(
      `database migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
}
