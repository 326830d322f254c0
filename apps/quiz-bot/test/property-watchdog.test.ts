import { describe, expect, test } from 'vitest';
import { runWatched } from './property-watchdog';

// The watched property runner (property-watchdog.ts) on a tiny property whose mode is chosen per
// test (fixtures/watched-property.ts): n drawn from 1 to 5, 40 cases, so n = 3 always comes up.
const entry = new URL('./fixtures/watched-property.mjs', import.meta.url);
const run = (mode: string, seed = 7, extra: { path?: string } = {}) =>
  runWatched(entry, { numRuns: 40, seed, caseLimitMs: 1_000, argv: [mode], ...extra });

describe('a fast-check property in a watched worker', () => {
  test('every case holding: resolves to the number of cases run', async () => {
    expect(await run('pass')).toBe(40);
  });

  test('a failing case is named with its error and the seed and path that replay it', async () => {
    const failure = await run('fail').catch((error: Error) => error.message);
    expect(failure).toMatch(
      /^n = 3: three is refused \(after \d+ cases, shrunk \d+ times; replay with CNNKIT_FC_SEED=7 CNNKIT_FC_PATH=\S+\); fast-check seed 7$/,
    );
    // The path replays that very case first.
    const path = /CNNKIT_FC_PATH=(\S+)\)/.exec(String(failure))![1]!;
    expect(await run('fail', 7, { path }).catch((error: Error) => error.message)).toMatch(
      /^n = 3: three is refused \(after 1 cases/,
    );
  });

  test('a predicate that never returns is stopped after the case limit and named, not waited for', async () => {
    const started = performance.now();
    const failure = await run('loop').catch((error: Error) => error.message);
    expect(failure).toMatch(/^stopped after 1 s on case \d+, n = 3; fast-check seed 7$/);
    expect(performance.now() - started).toBeLessThan(30_000);
  });

  test('drawing a case that never ends is stopped too, after the last case graded', async () => {
    const failure = await run('draw-loop').catch((error: Error) => error.message);
    expect(failure).toMatch(
      /^stopped after 1 s on drawing case \d+ \(the last one graded in time\); fast-check seed 7$/,
    );
  });

  test("the test's signal stops the worker at once and says where it was", async () => {
    const controller = new AbortController();
    const running = runWatched(entry, {
      numRuns: 40,
      seed: 7,
      caseLimitMs: 60_000,
      argv: ['loop'],
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 1_500);
    const started = performance.now();
    // Where it was depends on how fast the worker started on this machine: loading, or looping on n = 3.
    await expect(running).rejects.toThrow(
      /^the test was stopped while on (the start of the worker \(no case drawn yet\)|case \d+, n = 3); fast-check seed 7$/,
    );
    expect(performance.now() - started).toBeLessThan(30_000);
  });
});
