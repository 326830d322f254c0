import { statSync } from 'node:fs';
import type SqliteDatabase from 'better-sqlite3';
import { QuizError } from '../errors';
import { migrationNames } from './migrations';

/** Files up to this size get SQLite's full integrity_check at open (it also checks index contents). */
const FULL_CHECK_MAX_BYTES = 64 * 1024 * 1024;

/**
 * A read-only database cannot be migrated: it is read only when it already has every migration
 * this version knows (an older file is refused with what to do rather than misread).
 */
export function assertMigrated(sqlite: SqliteDatabase.Database, path: string): void {
  const table = sqlite
    .prepare("select name from sqlite_master where type = 'table' and name = 'kysely_migration'")
    .get();
  const applied =
    table === undefined
      ? []
      : (sqlite.prepare('select name from kysely_migration').all() as { name: string }[]).map((r) => r.name);
  const missing = migrationNames().filter((name) => !applied.includes(name));
  if (missing.length === 0) return;
  throw new QuizError(
    'storage_read_only',
    `the quiz database ${path} is read-only and needs an upgrade (${missing.join(', ')}) that cannot be written: run any command once with write access to it, then read it read-only`,
    { context: { path, missing } },
  );
}

/**
 * Checks a file before anything is read from or written to it. Up to `fullCheckMaxBytes`,
 * SQLite's integrity_check (every page, and every index entry against its row: a changed byte in
 * an index passes quick_check, sqlite.org/pragma.html#pragma_quick_check). Above it, quick_check
 * (O(N)) and the leaderboard's covering index checked against the table it indexes, so the
 * leaderboard cannot silently drop points.
 */
export function assertIntact(
  sqlite: SqliteDatabase.Database,
  path: string,
  fullCheckMaxBytes = FULL_CHECK_MAX_BYTES,
): void {
  const size = statSync(path, { throwIfNoEntry: false })?.size ?? 0;
  const full = size <= fullCheckMaxBytes;
  const pragma = full ? 'integrity_check(5)' : 'quick_check(5)';
  const problems = (sqlite.pragma(pragma) as Record<string, string>[]).map((r) => Object.values(r)[0]);
  if (!(problems.length === 1 && problems[0] === 'ok')) throw damaged(path, problems.join('; '));
  if (!full) assertLeaderboardIndexAgrees(sqlite, path);
}

/** The leaderboard's sums read through its covering index, and from the table: they must agree. */
function assertLeaderboardIndexAgrees(sqlite: SqliteDatabase.Database, path: string): void {
  const hasIndex = sqlite
    .prepare("select 1 from sqlite_master where type = 'index' and name = 'attempts_leaderboard'")
    .get();
  if (hasIndex === undefined) return;
  const totals = (source: string) =>
    JSON.stringify(
      sqlite
        .prepare(`select count(*) as n, total(points) as points, total(correct) as correct from ${source}`)
        .get(),
    );
  const viaIndex = totals("attempts indexed by attempts_leaderboard where group_id >= ''");
  const viaTable = totals('attempts not indexed');
  if (viaIndex !== viaTable)
    throw damaged(path, `the leaderboard index disagrees with the answers (${viaIndex} against ${viaTable})`);
}

/** A damaged file (`storage_damaged`): nothing more is written; restore a backup or move it aside. */
export const damaged = (path: string, detail: string, cause?: unknown) =>
  new QuizError(
    'storage_damaged',
    `the quiz database ${path} is damaged (SQLite: ${detail.slice(0, 200)}): nothing more is written to it; restore your latest backup over it (make one with "cnnkit-quiz backup FILE"), or move the file aside to start a new, empty one`,
    { cause, context: { path } },
  );
