import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, describe, expect, test } from 'vitest';
import { mountSmallDisk, type SmallDisk, UNPRIVILEGED } from '../../../scripts/small-disk';
import {
  type AttemptToRecord,
  backupSqliteDatabase,
  openStore,
  QuizError,
  type QuizStore,
} from '../src/index';

// Storage faults on real files: a small tmpfs that fills up or turns read-only, a file another
// user cannot write, a second connection holding the lock, a changed byte in an index page.
const folder = mkdtempSync(join(tmpdir(), 'cnnkit-storage-faults-'));
const disks: SmallDisk[] = [];
afterAll(() => {
  for (const disk of disks) disk.unmount();
  rmSync(folder, { recursive: true, force: true });
});
let n = 0;
const fresh = (name = 'quiz.db') => {
  const dir = join(folder, `case-${++n}`);
  mkdirSync(dir);
  return join(dir, name);
};

/** A small tmpfs, or the reason this machine refuses one (the test then skips, saying why). */
function smallDisk(sizeBytes: number): SmallDisk {
  const disk = mountSmallDisk(sizeBytes);
  if ('refused' in disk) throw new Error(`cannot run this storage test here: ${disk.refused}`);
  disks.push(disk);
  return disk;
}
const probe = mountSmallDisk(64 * 1024);
const diskRefused = 'refused' in probe ? probe.refused : undefined;
if (!('refused' in probe)) probe.unmount();
const onSmallDisk = test.skipIf(diskRefused !== undefined);
if (diskRefused !== undefined) console.warn(`skipping the small-disk tests: ${diskRefused}`);

const attempt = (i: number, answer = `answer ${i} ${'x'.repeat(300)}`): AttemptToRecord => ({
  idempotencyKey: `k${i}`,
  user: { id: `user-${i % 5}`, displayName: `User ${i % 5}` },
  group: { id: 'g', name: 'G' },
  questionId: 1 + (i % 8),
  partId: 'p',
  variantSeed: null,
  answer,
  score: 1,
  // Not marked right, so no streak builds: every attempt earns pointsFor(1, 1, 0) = 10 (scoring.ts),
  // the one-byte figure the index checks below look for.
  correct: false,
  at: Date.UTC(2026, 0, 1) + i,
  difficulty: 1,
});

async function databaseWithAnswers(path: string, count = 30): Promise<void> {
  const store = await openStore({ sqlitePath: path });
  for (let i = 0; i < count; i++) await store.recordAttempt(attempt(i));
  await store.close();
}

async function failure(promise: Promise<unknown>): Promise<QuizError> {
  const error = await promise.then(
    async (value) => {
      if (value !== null && typeof value === 'object' && 'close' in value) await (value as QuizStore).close();
      throw new Error('succeeded, but should have failed');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(QuizError);
  return error as QuizError;
}

describe('a full disk is said to be full, with the path', () => {
  onSmallDisk(
    'during a write: storage_disk_full, not "cannot rollback"; every answer before it kept',
    async () => {
      const disk = smallDisk(512 * 1024);
      const path = join(disk.path, 'quiz.db');
      const store = await openStore({ sqlitePath: path });
      let saved = 0;
      let error: unknown;
      try {
        // 8 KiB answers until the 512 KiB disk is full (the loop is bounded: 200 × 8 KiB > 512 KiB).
        for (let i = 0; i < 200; i++) {
          await store.recordAttempt(attempt(i, `${i} ${'y'.repeat(8 * 1024)}`));
          saved++;
        }
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(QuizError);
      const full = error as QuizError;
      expect(full.message).not.toContain('cannot rollback');
      expect(full.code).toBe('storage_disk_full');
      expect(full.message).toMatch(
        new RegExp(`^the answer could not be saved: the disk holding the quiz database ${path} is full`),
      );
      expect(saved).toBeGreaterThan(0);
      // The store still reads, and holds every answer it acknowledged.
      expect(await store.countAttempts()).toBe(saved);
      await store.close();
    },
  );

  onSmallDisk('at open: storage_disk_full with the path, and no empty file left behind', async () => {
    const disk = smallDisk(256 * 1024);
    // Fill the disk to the last byte.
    const fd = openSync(join(disk.path, 'filler'), 'w');
    const chunk = Buffer.alloc(4096, 1);
    try {
      for (;;) writeSync(fd, chunk);
    } catch (error) {
      expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
    } finally {
      closeSync(fd);
    }
    const path = join(disk.path, 'quiz.db');
    const error = await failure(openStore({ sqlitePath: path }));
    expect(error.code).toBe('storage_disk_full');
    expect(error.message).toContain(`the disk holding the quiz database ${path} is full`);
    expect(existsSync(path)).toBe(false);
  });
});

/** Every folder from the root down to `folder` lets other users through (their execute bit). */
function reachableByOthers(folder: string): boolean {
  for (let dir = folder; ; dir = dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) return false;
    if (dirname(dir) === dir) return true;
  }
}

describe('read-only files, folders and disks', () => {
  onSmallDisk(
    'a read-only disk refuses writes up front and still serves reads (the leaderboard)',
    async () => {
      // Room for the migrated file and its WAL: on a disk too small for the checkpoint at close,
      // SQLite keeps -wal and -shm (the rounds tables of migration 0006 outgrew 1 MiB).
      const disk = smallDisk(8 * 1024 * 1024);
      const path = join(disk.path, 'quiz.db');
      await databaseWithAnswers(path, 10);
      disk.readOnly();
      const refused = await failure(openStore({ sqlitePath: path }));
      expect(refused.code).toBe('storage_read_only');
      expect(refused.message).toContain(path);
      const reader = await openStore({ sqlitePath: path, access: 'read' });
      const rows = await reader.leaderboard('g');
      expect(rows.map((r) => r.points).reduce((a, b) => a + b, 0)).toBe(100);
      await reader.close();
      expect(readdirSync(disk.path)).toEqual(['quiz.db']);
    },
  );

  // Root ignores file modes: the CLI runs as `nobody`, for whom the file really is read-only. It
  // must reach this checkout's code: not when the checkout sits under a private folder (`mktemp -d`
  // makes one, mode 0700), where `nobody` cannot even load the CLI.
  test.skipIf(process.getuid?.() !== 0 || !reachableByOthers(fileURLToPath(new URL('..', import.meta.url))))(
    'a read-only file in a writable folder: storage_read_only for an answer, the leaderboard reads, no -wal/-shm left',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'cnnkit-readonly-file-'));
      try {
        const path = join(dir, 'quiz.db');
        await databaseWithAnswers(path, 5);
        chmodSync(dir, 0o777);
        chmodSync(path, 0o444);
        const cli = (args: string[]) => {
          const result = spawnSync(
            process.execPath,
            [
              '--import',
              'tsx',
              '--conditions=@cnnkit/source',
              new URL('../src/cli/main.ts', import.meta.url).pathname,
              '--db',
              path,
              '--user',
              'User 0',
              '--group',
              'g',
              '--json',
              ...args,
            ],
            {
              encoding: 'utf8',
              ...UNPRIVILEGED,
              cwd: new URL('..', import.meta.url).pathname,
              env: { ...process.env, NO_COLOR: '1', DATABASE_URL: '', XDG_DATA_HOME: dir, HOME: dir },
              timeout: 60_000,
            },
          );
          return { code: result.status, out: result.stdout, err: result.stderr };
        };
        const answer = cli(['answer', '-q', '3', '-a', 'smaller batch and fp16']);
        expect(answer.code, answer.err).toBe(2);
        const error = JSON.parse(answer.out) as { error: { code: string; message: string } };
        expect(error.error.code).toBe('storage_read_only');
        expect(error.error.message).toContain(`the quiz database ${path} is read-only`);
        expect(readdirSync(dir).sort()).toEqual(['quiz.db']);

        const board = cli(['leaderboard']);
        expect(board.code, board.err).toBe(0);
        expect((JSON.parse(board.out) as { points: number }[])[0]?.points).toBe(10);
        expect(
          readdirSync(dir)
            .filter((f) => f.startsWith('quiz.db'))
            .sort(),
        ).toEqual(['quiz.db']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  onSmallDisk('a backup to a read-only folder names the destination, not the source', async () => {
    const source = fresh();
    await databaseWithAnswers(source, 3);
    const disk = smallDisk(64 * 1024);
    disk.readOnly();
    const destination = join(disk.path, 'backup.db');
    const error = await failure(backupSqliteDatabase(source, destination));
    expect(error.code).toBe('storage_backup_failed');
    expect(error.message).toContain(destination);
    expect(error.message).not.toContain(source);
  });

  onSmallDisk('a backup that fills its disk names the destination and leaves no half copy', async () => {
    const source = fresh();
    await databaseWithAnswers(source, 200);
    expect(statSync(source).size).toBeGreaterThan(64 * 1024);
    const disk = smallDisk(64 * 1024);
    const destination = join(disk.path, 'backup.db');
    const error = await failure(backupSqliteDatabase(source, destination));
    expect(error.code).toBe('storage_disk_full');
    expect(error.message).toContain(`the backup ${destination} could not be written`);
    expect(error.message).not.toContain(source);
    expect(existsSync(destination)).toBe(false);
  });
});

describe('a locked database', () => {
  test('gives storage_locked: another process holds it, and how long we waited', async () => {
    const path = fresh();
    await databaseWithAnswers(path, 1);
    const store = await openStore({ sqlitePath: path, busyTimeoutMs: 300 });
    // A second connection (as another process or a sqlite3 shell would) holds the write lock.
    const other = new SqliteDatabase(path);
    other.exec('begin immediate');
    try {
      const error = await failure(store.recordAttempt(attempt(99)));
      expect(error.code).toBe('storage_locked');
      expect(error.message).toBe(
        `the answer could not be saved: the quiz database ${path} is locked by another process (waited 0.3 s for it). Another cnnkit-quiz, the Discord bot, a backup or a sqlite3 shell with an open transaction holds it: let it finish or close it, then try again`,
      );
    } finally {
      other.exec('rollback');
      other.close();
    }
    // Once the lock is released, the same answer is saved.
    expect((await store.recordAttempt(attempt(99))).duplicate).toBe(false);
    await store.close();
  });
});

/**
 * Changes the points (10, a 1-byte integer) of every index entry of `user` in the leaderboard
 * index's root page: the index still has the right shape, so quick_check passes, but it
 * disagrees with the table.
 */
function damageLeaderboardIndex(path: string, user: string): number {
  const sqlite = new SqliteDatabase(path, { readonly: true });
  const { rootpage } = sqlite
    .prepare("select rootpage from sqlite_master where name = 'attempts_leaderboard'")
    .get() as { rootpage: number };
  const pageSize = sqlite.pragma('page_size', { simple: true }) as number;
  // A single page: 30 entries of ~20 bytes fit in the root page (a leaf).
  const pages = sqlite
    .prepare("select count(*) as n from dbstat where name = 'attempts_leaderboard'")
    .get() as { n: number };
  sqlite.close();
  expect(pages.n).toBe(1);
  const bytes = readFileSync(path);
  const start = (rootpage - 1) * pageSize;
  const page = bytes.subarray(start, start + pageSize);
  // Record body: group "g", user id, created_at (6-byte integer), points (1 byte), then the rowid.
  const needle = Buffer.from(`g${user}`);
  let changed = 0;
  for (let at = page.indexOf(needle); at >= 0; at = page.indexOf(needle, at + 1)) {
    const points = at + needle.length + 6;
    expect(page[points]).toBe(10);
    page[points] = 0;
    changed++;
  }
  writeFileSync(path, bytes);
  return changed;
}

describe('damage inside an index is caught, and nothing is written to a damaged file', () => {
  test.each([
    ['integrity_check (small files)', undefined],
    ['quick_check and the leaderboard index checked against the answers (large files)', 0],
  ])('%s', async (_label, integrityCheckMaxBytes) => {
    const path = fresh();
    await databaseWithAnswers(path, 30);
    expect(damageLeaderboardIndex(path, 'user-3')).toBe(6);
    // What the issue saw: quick_check passes, and the leaderboard (read through the index) drops points.
    const raw = new SqliteDatabase(path, { readonly: true });
    expect(raw.pragma('quick_check', { simple: true })).toBe('ok');
    const viaIndex = raw
      .prepare(
        "select total(points) as p from attempts indexed by attempts_leaderboard where group_id = 'g' and user_id = 'user-3'",
      )
      .get() as { p: number };
    expect(viaIndex.p).toBe(0);
    raw.close();

    const before = readFileSync(path);
    const error = await failure(
      openStore({
        sqlitePath: path,
        ...(integrityCheckMaxBytes === undefined ? {} : { integrityCheckMaxBytes }),
      }),
    );
    expect(error.code).toBe('storage_damaged');
    expect(error.message).toContain(`the quiz database ${path} is damaged`);
    expect(error.message).toContain('nothing more is written to it; restore your latest backup over it');
    expect(readFileSync(path).equals(before)).toBe(true);
    // A backup refuses to copy it over a good one.
    const copy = await failure(backupSqliteDatabase(path, `${path}.backup`));
    expect(copy.code).toBe('storage_damaged');
  });
});

describe('only regular files are databases', () => {
  test.each([
    ['/dev/null', () => '/dev/null', 'a device'],
    [
      'a symbolic link to /dev/zero',
      () => {
        const link = fresh('zero.db');
        symlinkSync('/dev/zero', link);
        return link;
      },
      'a device',
    ],
    [
      'a FIFO',
      () => {
        const fifo = fresh('pipe.db');
        const made = spawnSync('mkfifo', [fifo]);
        expect(made.status).toBe(0);
        return fifo;
      },
      'a named pipe (FIFO)',
    ],
  ])('%s is refused', async (_label, make, kind) => {
    const path = make();
    // /dev/null-journal may exist already (made by an older version on this machine): what
    // matters is that this open writes nothing beside the path.
    const beside = () =>
      ['-journal', '-wal', '-shm'].map(
        (suffix) => statSync(`${path}${suffix}`, { throwIfNoEntry: false })?.mtimeMs,
      );
    const before = beside();
    const error = await failure(openStore({ sqlitePath: path }));
    expect(error.code).toBe('storage_not_a_file');
    expect(error.message).toBe(
      `${path} is ${kind}, not a database file: give the path of a regular file (or of one to create)`,
    );
    expect(beside()).toEqual(before);
  });
});

test('a zero-length file opens as a new database, with the "created" notice', async () => {
  const path = fresh();
  writeFileSync(path, '');
  const created: string[] = [];
  const store = await openStore({ sqlitePath: path, onCreated: (p) => created.push(p) });
  await store.recordAttempt(attempt(1));
  await store.close();
  expect(created).toEqual([path]);
  expect(statSync(path).size).toBeGreaterThan(0);
});
