import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeEach, describe, expect, test } from 'vitest';
import { main } from '../src/cli/main';

// The CLI's main() in this process (fast), with its output collected; the database and the data
// folder are temporary, and DATABASE_URL is unset unless a test sets it.
const folder = mkdtempSync(join(tmpdir(), 'cnnkit-cli-storage-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const saved = { url: process.env.DATABASE_URL, xdg: process.env.XDG_DATA_HOME };
let dataHome: string;
beforeEach(() => {
  dataHome = mkdtempSync(join(folder, 'data-'));
  process.env.XDG_DATA_HOME = dataHome;
  delete process.env.DATABASE_URL;
});
afterEach(() => {
  for (const [name, value] of [
    ['DATABASE_URL', saved.url],
    ['XDG_DATA_HOME', saved.xdg],
  ] as const)
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
});

async function quiz(args: string[]) {
  let out = '';
  let err = '';
  const sink = (append: (text: string) => void) =>
    new Writable({
      write(chunk, _encoding, done) {
        append(String(chunk));
        done();
      },
    });
  const code = await main(args, {
    out: sink((t) => (out += t)) as unknown as typeof process.stdout,
    err: sink((t) => (err += t)) as unknown as typeof process.stderr,
  });
  return { code, out, err };
}

const remedies = ['answer', '-q', '3', '-a', 'smaller batch and fp16'];

describe('the CLI loses nothing silently', () => {
  test('--db "" is refused: no points reported for a database that would vanish', async () => {
    const { code, out, err } = await quiz([...remedies, '--db', '']);
    expect(code).toBe(2);
    expect(err).toContain('the database path is empty');
    expect(out).not.toContain('points');
  });

  test('--db in a missing folder is refused; --create creates it and says so on stderr', async () => {
    const path = join(folder, 'typo', 'quiz.db');
    const refused = await quiz([...remedies, '--db', path]);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain(
      `the folder ${join(folder, 'typo')} for the database ${path} does not exist`,
    );
    expect(existsSync(join(folder, 'typo'))).toBe(false);
    const created = await quiz([...remedies, '--db', path, '--create', '--json']);
    expect(created.code).toBe(0);
    expect(created.err).toBe(`› created a new quiz database at ${path}\n`);
    expect(JSON.parse(created.out)).toMatchObject({ duplicate: false });
    // An existing file is opened without a word.
    expect((await quiz([...remedies, '--db', path, '--json'])).err).toBe('');
  });

  test('show and questions touch no store: no file and no folder is created', async () => {
    expect((await quiz(['show', '-q', '2'])).code).toBe(0);
    expect((await quiz(['questions', '--json'])).code).toBe(0);
    expect((await quiz(['show', '-q', '2', '--db', join(folder, 'nowhere', 'x.db')])).code).toBe(0);
    expect(readdirSync(dataHome)).toEqual([]);
    expect(existsSync(join(folder, 'nowhere'))).toBe(false);
  });

  test('backup FILE copies the database; the copy has every answer', async () => {
    const path = join(folder, 'to-back-up.db');
    expect((await quiz([...remedies, '--db', path, '--user', 'Ann'])).code).toBe(0);
    expect((await quiz([...remedies, '--db', path, '--user', 'Bo'])).code).toBe(0);
    const copy = join(folder, 'copy.db');
    const backup = await quiz(['backup', copy, '--db', path]);
    expect(backup.code).toBe(0);
    expect(backup.out).toMatch(new RegExp(`^Backed up ${path} to ${copy} \\(\\d+ pages\\)\\.`));
    const board = await quiz(['leaderboard', '--db', copy, '--json']);
    expect(
      JSON.parse(board.out)
        .map((r: { userId: string }) => r.userId)
        .sort(),
    ).toEqual(['ann', 'bo']);
    // Never over an existing file.
    const again = await quiz(['backup', copy, '--db', path, '--json']);
    expect(again.code).toBe(2);
    expect(JSON.parse(again.out).error.code).toBe('storage_backup_failed');
  });
});

describe('storage errors: a code, the file or host, what to do, exit 2, JSON under --json', () => {
  test('a file that is not a database', async () => {
    const path = join(folder, 'notes.db');
    writeFileSync(path, 'these are my notes, not a database\n'.repeat(100));
    const { code, out, err } = await quiz([...remedies, '--db', path, '--json']);
    expect(code).toBe(2);
    expect(err).toBe('');
    expect(JSON.parse(out).error).toMatchObject({ code: 'storage_not_a_database', context: { path } });
    const plain = await quiz(['leaderboard', '--db', path]);
    expect(plain.code).toBe(2);
    expect(plain.err).toContain(`${path} is not a SQLite database`);
    expect(plain.err).not.toContain('unexpected error');
  });

  test('a directory', async () => {
    const dir = join(folder, 'a-directory');
    mkdirSync(dir);
    const { code, out } = await quiz(['review', '--db', dir, '--json']);
    expect(code).toBe(2);
    expect(JSON.parse(out).error.code).toBe('storage_is_directory');
  });

  test('PostgreSQL refusing the connection: host and port, never the password', async () => {
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    process.env.DATABASE_URL = `postgres://quiz:hunter2-secret@127.0.0.1:${port}/quiz`;
    const { code, out } = await quiz([...remedies, '--json']);
    expect(code).toBe(2);
    expect(out).not.toContain('hunter2-secret');
    expect(JSON.parse(out).error).toMatchObject({
      code: 'storage_connection_refused',
      message: expect.stringContaining(`PostgreSQL at 127.0.0.1:${port} refused the connection`),
    });
  });
});

describe('identities never merge', () => {
  test('Анна, 李雷, José and Jos are four users; "!!!" is refused', async () => {
    const path = join(folder, 'names.db');
    for (const user of ['Анна', '李雷', 'José', 'Jos'])
      expect((await quiz([...remedies, '--db', path, '--user', user])).code).toBe(0);
    const board = JSON.parse((await quiz(['leaderboard', '--db', path, '--json'])).out);
    expect(board.map((r: { userId: string }) => r.userId).sort()).toEqual(
      ['jos', 'josé', 'анна', '李雷'].sort(),
    );
    const refused = await quiz([...remedies, '--db', path, '--user', '!!!', '--json']);
    expect(refused.code).toBe(2);
    expect(JSON.parse(refused.out).error.code).toBe('invalid_name');
  });
});

describe('messages quote user values cut short', () => {
  test.each([
    [[`--${'x'.repeat(1_000_000)}`]],
    [['show', '-q', '2', '--period', 'y'.repeat(1_000_000)]],
    [['answer', '-q', '3', '-a', 'fine', '--user', '!'.repeat(1_000_000), '--db', join(folder, 'long.db')]],
    [[`${'z'.repeat(1_000_000)}`]],
  ])('a 1 MB value gives a short message (%#)', async (args) => {
    const { code, out, err } = await quiz(args);
    expect(code).toBe(2);
    expect((out + err).split('\n')[0]!.length).toBeLessThan(400);
  });
});
