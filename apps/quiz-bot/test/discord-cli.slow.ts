/** Child processes (tsx start-up, about 3 s each): a slow suite. */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { COMMANDS } from '../src/discord/commands/index';
import { DiscordEmulator } from './discord-emulator/emulator';
import { TEST_TOKEN } from './discord-emulator/harness';

const folder = mkdtempSync(join(tmpdir(), 'cnnkit-discord-cli-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const main = new URL('../src/cli/main.ts', import.meta.url).pathname;

/** The real command from source, as a child process (async: the emulator in this process must answer it). */
function quiz(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--conditions=@cnnkit/source', main, '--db', join(folder, 'cli.db'), ...args],
      {
        env: { PATH: process.env.PATH ?? '', HOME: folder, NO_COLOR: '1', ...env },
        timeout: 180_000,
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      err += d;
    });
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

describe('cnnkit-quiz discord and explain', () => {
  test('without configuration: one sentence naming what is missing, no stack', async () => {
    const { code, err } = await quiz(['discord']);
    expect(code).toBe(2);
    expect(err.trim()).toBe(
      'DISCORD_TOKEN is not set: copy the bot token from the Discord developer portal (Bot → Reset Token); DISCORD_APPLICATION_ID is not set: copy the Application ID from the General Information page',
    );
  });

  test('deploy registers every command through DISCORD_API_URL, then finds nothing to change', async () => {
    const emulator = await DiscordEmulator.start({ token: TEST_TOKEN });
    try {
      const env = {
        DISCORD_TOKEN: TEST_TOKEN,
        DISCORD_APPLICATION_ID: emulator.applicationId,
        DISCORD_API_URL: emulator.apiUrl,
      };
      const first = await quiz(['discord', 'deploy'], env);
      expect(first.err).toBe('');
      expect(first.out).toBe(`global: created ${COMMANDS.length}, updated 0, removed 0, unchanged 0\n`);
      const second = await quiz(['discord', 'deploy', '--guild', emulator.guilds[0]!.id], env);
      expect(second.out).toBe(
        `server ${emulator.guilds[0]!.id}: created ${COMMANDS.length}, updated 0, removed 0, unchanged 0\n`,
      );
      const bad = await quiz(['discord', 'deploy'], { ...env, DISCORD_TOKEN: `${TEST_TOKEN.slice(0, -1)}y` });
      expect(bad.code).toBe(1);
      expect(bad.err).toContain('401');
      expect(bad.err + bad.out).not.toContain(TEST_TOKEN.slice(0, -1));
    } finally {
      await emulator.close();
    }
  });

  test('explain -q 6 writes the pictures as PNG files and prints where', async () => {
    const out = join(folder, 'pictures');
    const result = await quiz(['explain', '-q', '6', '--out', out]);
    expect(result.code).toBe(0);
    const paths = result.out
      .split('\n')
      .filter((line) => line.startsWith('  /'))
      .map((line) => line.trim());
    expect(paths.map((p) => p.slice(out.length + 1))).toEqual([
      'question-6-inception-module.png',
      'question-6-residual-unit.png',
      'question-6-se-block.png',
      'question-6-depthwise-separable.png',
    ]);
    for (const path of paths) expect(readFileSync(path).subarray(1, 4).toString()).toBe('PNG');
  });
  test('explain -q 8 --live with the default settings: trains once (stdout one JSON document under --json), then serves the cached picture', async () => {
    const out = join(folder, 'q8');
    const first = await quiz(['explain', '-q', '8', '--out', out, '--json', '--live'], {
      XDG_DATA_HOME: folder,
    });
    expect(first.code).toBe(0);
    const report = JSON.parse(first.out);
    expect(report.segmentation.source).toBe('committed');
    expect(report.liveSegmentation.cached).toBe(false);
    expect(report.liveSegmentation.settings).toMatchObject({ size: 32, trainCount: 96, epochs: 6 });
    for (const picture of report.pictures)
      expect(readFileSync(picture).subarray(1, 4).toString()).toBe('PNG');
    // The cache lives in the data folder; the second run trains nothing and prints no progress.
    const second = await quiz(['explain', '-q', '8', '--out', out, '--live'], { XDG_DATA_HOME: folder });
    expect(second.code).toBe(0);
    expect(second.err).not.toMatch(/epoch/);
    expect(second.out).toContain('\nCommitted run: ');
    expect(second.out).toContain('\nLive small run (not the committed result;');
    expect(second.out).toContain(join(out, 'question-8-segmentation-live.png'));
  });
});
