import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { backupSqliteDatabase, openStore, QuizError, type QuizStore } from '../src/index';

const folder = mkdtempSync(join(tmpdir(), 'cnnkit-storage-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
let n = 0;
const fresh = (name = 'quiz.db') => {
  const dir = join(folder, `case-${++n}`);
  mkdirSync(dir);
  return join(dir, name);
};

async function refusal(open: Promise<unknown>): Promise<QuizError> {
  const error = await open.then(
    (store) => {
      void (store as QuizStore).close();
      throw new Error('opened, but should have been refused');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(QuizError);
  return error as QuizError;
}

/** A database with a few answers in it, closed (checkpointed: everything is in the main file). */
async function databaseWithAnswers(path: string, count = 30): Promise<void> {
  const store = await openStore({ sqlitePath: path });
  for (let i = 0; i < count; i++) {
    await store.recordAttempt({
      idempotencyKey: `k${i}`,
      user: { id: `user-${i % 5}`, displayName: `User ${i % 5}` },
      group: { id: 'g', name: 'G' },
      questionId: 1 + (i % 8),
      partId: 'p',
      variantSeed: null,
      answer: `answer ${i} ${'x'.repeat(300)}`,
      score: 1,
      correct: true,
      at: Date.UTC(2026, 0, 1) + i,
      difficulty: 1,
    });
  }
  await store.close();
}

describe('SQLite: nothing is silently lost', () => {
  test('an empty path is refused (it would be a temporary database that vanishes)', async () => {
    const error = await refusal(openStore({ sqlitePath: '' }));
    expect(error.code).toBe('storage_path_empty');
    expect(error.message).toContain('the database path is empty');
  });

  test('a missing folder is refused with what to do; createFolder creates it and says a new file was made', async () => {
    const path = join(folder, 'no-such-folder', 'deeper', 'quiz.db');
    const error = await refusal(openStore({ sqlitePath: path }));
    expect(error.code).toBe('storage_folder_missing');
    expect(error.message).toContain(join(folder, 'no-such-folder', 'deeper'));
    expect(error.message).toContain('--create');
    expect(statSync(join(folder, 'no-such-folder'), { throwIfNoEntry: false })).toBeUndefined();

    const created: string[] = [];
    const store = await openStore({
      sqlitePath: path,
      createFolder: true,
      onCreated: (p) => created.push(p),
    });
    await store.close();
    expect(created).toEqual([path]);
    // Opening it again creates nothing.
    const again = await openStore({ sqlitePath: path, onCreated: (p) => created.push(p) });
    await again.close();
    expect(created).toEqual([path]);
  });

  test('a folder given as the database is refused', async () => {
    const dir = join(folder, 'a-folder');
    mkdirSync(dir);
    const error = await refusal(openStore({ sqlitePath: dir }));
    expect(error.code).toBe('storage_is_directory');
    expect(error.message).toBe(
      `${dir} is a folder, not a database file: give a file name such as ${join(dir, 'quiz.db')}`,
    );
  });

  test('a file that is not a database is refused and left as it was', async () => {
    const path = fresh('notes.txt');
    const text = 'my study notes\n'.repeat(500);
    writeFileSync(path, text);
    const error = await refusal(openStore({ sqlitePath: path }));
    expect(error.code).toBe('storage_not_a_database');
    expect(error.message).toContain(path);
    expect(statSync(path).size).toBe(text.length);
  });

  test('random bytes over a few pages: refused by quick_check, with how to recover', async () => {
    const path = fresh();
    await databaseWithAnswers(path);
    const pageSize = 4096; // SQLite's default page size
    const pages = statSync(path).size / pageSize;
    expect(pages).toBeGreaterThanOrEqual(4);
    // Deterministic garbage (a linear congruential generator) over pages 2 and 3 (page 1 holds the header).
    let seed = 12345;
    const garbage = Buffer.alloc(2 * pageSize, 0).map(() => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed & 0xff;
    });
    const fd = openSync(path, 'r+');
    writeSync(fd, garbage, 0, garbage.length, pageSize);
    closeSync(fd);
    const error = await refusal(openStore({ sqlitePath: path }));
    expect(error.code).toBe('storage_damaged');
    expect(error.message).toContain(`the quiz database ${path} is damaged`);
    expect(error.message).toContain('restore your latest backup');
    expect(error.message).toContain('cnnkit-quiz backup FILE');
  });

  test('a truncated database is refused', async () => {
    const path = fresh();
    await databaseWithAnswers(path);
    truncateSync(path, Math.floor(statSync(path).size / 2));
    const error = await refusal(openStore({ sqlitePath: path }));
    expect(error.code).toBe('storage_damaged');
  });

  // root bypasses file permissions, so a read-only file cannot be made for root.
  test.skipIf(process.getuid?.() === 0)(
    'a read-only database is refused with what to do (skipped when running as root: root ignores file modes)',
    async () => {
      const { chmodSync } = await import('node:fs');
      const path = fresh();
      await databaseWithAnswers(path, 1);
      chmodSync(path, 0o444);
      chmodSync(join(path, '..'), 0o555);
      try {
        const error = await refusal(openStore({ sqlitePath: path }));
        expect(error.code).toBe('storage_read_only');
        expect(error.message).toContain(path);
      } finally {
        chmodSync(join(path, '..'), 0o755);
      }
    },
  );
});

describe('backup through the online backup API', () => {
  test('copies every answer, never overwrites, and refuses to copy a damaged file', async () => {
    const path = fresh();
    await databaseWithAnswers(path, 12);
    // Keep a connection open with an uncheckpointed write, as a running bot would.
    const live = await openStore({ sqlitePath: path });
    await live.takeRateToken('someone', Date.now(), { capacity: 2, perSecond: 1 });
    const copy = join(folder, `backup-${++n}.db`);
    const { pages } = await backupSqliteDatabase(path, copy);
    expect(pages).toBeGreaterThan(0);
    await live.close();
    const restored = await openStore({ sqlitePath: copy });
    expect(await restored.countAttempts()).toBe(12);
    await restored.close();

    const again = await backupSqliteDatabase(path, copy).catch((e: unknown) => e);
    expect((again as QuizError).code).toBe('storage_backup_failed');
    expect((again as QuizError).message).toContain('already exists');

    const notes = fresh('notes.txt');
    writeFileSync(notes, 'not a database at all, really not\n'.repeat(200));
    const bad = await backupSqliteDatabase(notes, join(folder, `backup-${++n}.db`)).catch((e: unknown) => e);
    expect((bad as QuizError).code).toBe('storage_not_a_database');
  });
});

describe('PostgreSQL: connection errors say what to do, never the password', () => {
  const secret = 's3cr3t-Pa55';

  test('a refused connection names the host and port', async () => {
    // A port that was free a moment ago: nothing listens there.
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const error = await refusal(
      openStore({ databaseUrl: `postgres://quiz:${secret}@127.0.0.1:${port}/quiz` }),
    );
    expect(error.code).toBe('storage_connection_refused');
    expect(error.message).toBe(
      `PostgreSQL at 127.0.0.1:${port} refused the connection: check that the server is running and that DATABASE_URL names the right host and port`,
    );
    expect(JSON.stringify(error.toJSON())).not.toContain(secret);
  });

  test('a refused password names the user, not the password', async () => {
    // A server on port 0 that answers every startup message as PostgreSQL does for a wrong
    // password: an ErrorResponse with SQLSTATE 28P01 (postgresql.org/docs/current/protocol-message-formats.html).
    const field = (type: string, value: string) =>
      Buffer.concat([Buffer.from(type), Buffer.from(`${value}\0`)]);
    const body = Buffer.concat([
      field('S', 'FATAL'),
      field('V', 'FATAL'),
      field('C', '28P01'),
      field('M', 'password authentication failed for user "quiz"'),
      Buffer.from([0]),
    ]);
    const length = Buffer.alloc(4);
    length.writeInt32BE(body.length + 4);
    const reply = Buffer.concat([Buffer.from('E'), length, body]);
    const server: Server = createServer((socket) => {
      socket.once('data', () => socket.end(reply));
    });
    const port = await new Promise<number>((resolve) =>
      server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
    );
    try {
      const error = await refusal(
        openStore({ databaseUrl: `postgres://quiz:${secret}@127.0.0.1:${port}/quiz` }),
      );
      expect(error.code).toBe('storage_auth_failed');
      expect(error.message).toBe(
        `PostgreSQL at 127.0.0.1:${port} refused user "quiz" (wrong password, or not allowed to connect): check the user and password in DATABASE_URL`,
      );
      expect(JSON.stringify(error.toJSON())).not.toContain(secret);
    } finally {
      server.close();
    }
  });

  test('a URL that is not PostgreSQL, or not a URL, is refused without echoing it', async () => {
    expect((await refusal(openStore({ databaseUrl: `mysql://u:${secret}@x/db` }))).code).toBe(
      'storage_invalid_url',
    );
    const error = await refusal(openStore({ databaseUrl: `postgres://u:${secret}@[bad/db` }));
    expect(error.code).toBe('storage_invalid_url');
    expect(error.message).not.toContain(secret);
  });
});
