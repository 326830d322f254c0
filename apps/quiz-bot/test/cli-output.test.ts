import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { afterAll, describe, expect, test } from 'vitest';
import { main } from '../src/cli/main';
import { runInteractive } from '../src/cli/terminal';
import { openStore, QuizEngine } from '../src/index';

const folder = mkdtempSync(join(tmpdir(), 'cnnkit-cli-output-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const cliMain = new URL('../src/cli/main.ts', import.meta.url).pathname;

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
  const saved = process.env.XDG_DATA_HOME;
  process.env.XDG_DATA_HOME = folder;
  try {
    const code = await main(args, {
      out: sink((t) => (out += t)) as unknown as typeof process.stdout,
      err: sink((t) => (err += t)) as unknown as typeof process.stderr,
    });
    return { code, out, err };
  } finally {
    if (saved === undefined) delete process.env.XDG_DATA_HOME;
    else process.env.XDG_DATA_HOME = saved;
  }
}

// ESC [ 2 J clears a terminal; ESC ] 0 ; … BEL retitles it. Neither may reach the terminal from user input.
const CLEAR = '\u001b[2J';
const RETITLE = '\u001b]0;pwned\u0007';
/**
 * C0 and C1 controls (ESC, BEL…); the tests remove the newlines first, and the quiz's own colours
 * (SGR sequences such as ESC[1m, which picocolors turns on where CI is set), never the user's
 * ESC[2J or OSC title above.
 */
const ownColours = new RegExp(`${String.fromCharCode(27)}\\[\\d+(?:;\\d+)*m`, 'g');
const hasControl = (text: string) => /\p{Cc}/u.test(text.replace(ownColours, ''));

describe("the user's own input is echoed without control characters", () => {
  const db = join(folder, 'echo.db');
  test.each([
    [
      'the leaderboard title (--group)',
      ['leaderboard', '--db', db, '--group', `study${CLEAR}group`],
      'out',
      0,
    ],
    ['an unknown command', ['--db', db, `play${RETITLE}`], 'err', 2],
    ['an unknown option', ['--db', db, `--que${CLEAR}stion`, '2'], 'err', 2],
    ['an unknown part', ['answer', '--db', db, '-q', '3', '--part', `x${CLEAR}`, '-a', 'fp16'], 'err', 2],
    [
      'a --db in a missing folder',
      ['leaderboard', '--db', join(folder, `no${RETITLE}where`, 'q.db')],
      'err',
      2,
    ],
  ] as const)('%s', async (_label, args, stream, code) => {
    const result = await quiz([...args]);
    expect(result.code, result.err).toBe(code);
    const text = result[stream];
    expect(text.length).toBeGreaterThan(0);
    expect(hasControl(text.replace(/\n/g, ''))).toBe(false);
  });

  test('the leaderboard title keeps the visible part of the name', async () => {
    const result = await quiz(['leaderboard', '--db', db, '--group', `study${CLEAR}group`]);
    expect(result.out).toContain('Leaderboard of study[2Jgroup (all time)');
  });
});

test('`cnnkit-quiz … | head -1`: a closed stdout ends the command quietly, without an EPIPE stack trace', async () => {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=@cnnkit/source', cliMain, '--help'],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1', XDG_DATA_HOME: folder } },
  );
  // The reader goes away before the command writes anything, as `head -1` does after its line.
  child.stdout.destroy();
  let err = '';
  child.stderr.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  expect(err).not.toContain('EPIPE');
  expect(code).toBe(0);
});

test('the first Ctrl-C during a model run is honoured in interactive mode', async () => {
  const store = await openStore({ sqlitePath: join(folder, 'interrupt.db') });
  let running = false;
  // A model run that does not end by itself (a large network on a slow machine).
  const slowModels = {
    measure: () => {
      running = true;
      return new Promise<never>(() => {});
    },
  };
  const engine = new QuizEngine({ store, measurer: slowModels });
  // A terminal: readline reads Ctrl-C as the key \x03 (raw mode), so no SIGINT reaches the process.
  const input = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => input });
  const output = Object.assign(new PassThrough(), { isTTY: true, columns: 80 });
  output.resume();
  let interrupted = false;
  const interruptedNow = new Promise<void>((resolve) => {
    void runInteractive(engine, {
      userName: 'ctrl-c',
      groupName: 'g',
      input,
      output,
      onInterrupt: () => {
        interrupted = true;
        resolve();
      },
    });
  });
  input.write('2\n903,400\n');
  for (let i = 0; i < 200 && !running; i++) await new Promise((r) => setTimeout(r, 10));
  expect(running).toBe(true);
  input.write('\u0003');
  await Promise.race([interruptedNow, new Promise((r) => setTimeout(r, 2000))]);
  expect(interrupted).toBe(true);
  await store.close();
});
