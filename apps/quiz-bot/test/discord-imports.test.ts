import { spawnSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';

/**
 * The bot's main thread must never load TensorFlow.js: a busy main thread delays gateway heartbeats.
 * Models run in the worker pool only. Each import is checked in a fresh process.
 * (Holds once the engine's import graph is free of TensorFlow.js: issue 8.)
 */
const checker = new URL('./discord-emulator/loaded-tensorflow.mjs', import.meta.url).pathname;
const loaded = (module: string) => {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--conditions=@cnnkit/source', checker, new URL(module, import.meta.url).pathname],
    { encoding: 'utf8', timeout: 30_000 },
  );
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout) as { tfEngine: boolean; tfModules: number };
};

describe('importing leaves @tensorflow/* unloaded', () => {
  test.each(['../src/views/index.ts', '../src/engine.ts', '../src/discord/bot.ts'])('%s', (module) => {
    expect(loaded(module)).toEqual({ tfEngine: false, tfModules: 0 });
  });
});
