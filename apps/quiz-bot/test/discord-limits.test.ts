import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_COMMAND_LIMITS } from '../src/discord/limits';
import type { QuizStore } from '../src/index';
import { opt, snowflake } from './discord-emulator/emulator';
import { type Harness, startHarness, users } from './discord-emulator/harness';

/** Issue 20: the expensive commands are limited per user and per server; boards are cached until they change. */
let leaderboardReads = 0;
let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    commandLimits: DEFAULT_COMMAND_LIMITS,
    wrapStore: (store) =>
      new Proxy(store, {
        get(target, property) {
          const value = Reflect.get(target, property);
          if (property === 'leaderboard')
            return (...args: Parameters<QuizStore['leaderboard']>) => {
              leaderboardReads++;
              return target.leaderboard(...args);
            };
          return typeof value === 'function' ? value.bind(target) : value;
        },
      }),
  });
});
afterAll(async () => {
  await h?.close();
});

const EPHEMERAL = 1 << 6;

describe('limits on /leaderboard, /explain and /compute', () => {
  test('a user gets 3 at once (DEFAULT_COMMAND_LIMITS), then a friendly private sentence', async () => {
    const ada = { user: users.ada };
    for (let i = 0; i < DEFAULT_COMMAND_LIMITS.perUser.capacity; i++)
      expect((await h.emulator.slash(ada, 'leaderboard').final()).data.embeds[0].title).toMatch(
        /^Leaderboard/,
      );
    const refused = await h.emulator.slash(ada, 'explain', [opt.integer('question', 1)]).callback();
    expect(refused.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    // The clock stands still in the harness: a token comes back after 10 s (one per 10 s).
    expect(refused.data.content).toBe(
      '⚠️ Slow down a little: /explain and the other picture and model commands are limited to 3 at once per person: try again in 10 s.',
    );
  });

  test('a server gets 10 at once from everyone together', async () => {
    // Ada spent 3 of the server's 10 above; 7 more people pass, the next is refused.
    const people = Array.from({ length: 8 }, (_, i) => ({ user: { id: snowflake(), username: `p${i}` } }));
    for (const person of people.slice(0, 7))
      expect((await h.emulator.slash(person, 'leaderboard').final()).data.embeds).toHaveLength(1);
    const refused = await h.emulator.slash(people[7]!, 'leaderboard').callback();
    expect(refused.data.content).toBe(
      '⚠️ Slow down a little: this server is using /leaderboard and the other picture and model commands a lot right now: try again in 1 s.',
    );
  });
});

describe('the leaderboard cache', () => {
  test('an unchanged board is not read again; an answer makes the next one fresh', async () => {
    // The limits above are spent: ten seconds later a token is back for Grace and for the server.
    h.clock.now += 10_000;
    const grace = { user: users.grace };
    const readsBefore = leaderboardReads;
    await h.emulator.slash(grace, 'leaderboard').final();
    expect(leaderboardReads).toBe(readsBefore); // Ada's and the others' reads above are reused: nothing changed
    await h.emulator
      .slash(grace, 'answer', [
        opt.integer('question', 5),
        opt.string('part', 'across'),
        opt.string('answer', 'b'),
      ])
      .callback();
    h.clock.now += 10_000;
    const board = await h.emulator.slash(grace, 'leaderboard').final();
    expect(leaderboardReads).toBe(readsBefore + 1);
    expect(board.data.embeds[0].description).toContain(`<@${users.grace.id}>`);
    expect(board.files).toBe(1); // the chart, drawn in the picture worker
  }, 30_000);
});
