/** biome-ignore-all lint/suspicious/noExplicitAny: Discord's JSON payloads, read loosely as tests do */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startBot } from '../src/discord/bot';
import { createLogger } from '../src/discord/logger';
import { openStore, pointsFor, type QuizStore } from '../src/index';
import { type InteractionHandle, opt, PERMISSIONS, snowflake } from './discord-emulator/emulator';
import { type Harness, startHarness, TEST_TOKEN, users } from './discord-emulator/harness';

/**
 * Issue 20: rounds live in the store. The first right answer is the one answered first (by the
 * interaction's own time), announced once; deadlines survive a restart; a hint is paid by the next
 * right answer after it, never by one sent before it.
 */

/** Users whose answers take this long to store (as if their grading were slow). */
const slowUsers = new Map<string, number>();
let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    wrapStore: (store) =>
      new Proxy(store, {
        get(target, property) {
          const value = Reflect.get(target, property);
          if (property === 'groupsOf')
            // A slow user's group look-up is slow too: the hint is looked up after it was taken.
            return async (userId: string, prefix: string) => {
              const delay = slowUsers.get(userId) ?? 0;
              if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
              return target.groupsOf(userId, prefix);
            };
          if (property !== 'recordAttempt') return typeof value === 'function' ? value.bind(target) : value;
          return async (...args: Parameters<QuizStore['recordAttempt']>) => {
            const delay = slowUsers.get(args[0].user.id) ?? 0;
            if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
            return target.recordAttempt(...args);
          };
        },
      }),
  });
});
afterAll(async () => {
  await h?.close();
});

const ada = { user: users.ada };
const grace = { user: users.grace };
const linus = { user: users.linus };
const buttonsOf = (message: any): { custom_id: string; label: string }[] =>
  (message.components ?? []).flatMap((row: any) => row.components);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function openQuiz(question: number) {
  const handle = h.emulator.slash(ada, 'quiz', [opt.integer('question', question)]);
  return { handle, message: (await handle.callback()).data };
}
const pickB = (message: any) =>
  buttonsOf(message).find((b) => b.custom_id.startsWith('quiz:pick:') && b.label.startsWith('b)'))!;
const announcementsOf = (handles: InteractionHandle[]) =>
  handles
    .flatMap((x) => x.actions)
    .filter((a) => a.kind === 'followup' && String((a as any).data.content).startsWith('🏁'));

// Question 5 is a choice question of difficulty 2; a first right answer with no streak earns
// pointsFor(1, 2, 0) (scoring.ts), and half of it (rounded down) after a hint.
const FULL = pointsFor(1, 2, 0);

describe('the race of a round', () => {
  test('the first to answer wins, although a later answer finished grading first; announced once', async () => {
    const { message } = await openQuiz(5);
    slowUsers.set(`discord:${users.ada.id}`, 800);
    const first = h.emulator.button(ada, pickB(message).custom_id, message);
    await sleep(30);
    const second = h.emulator.button(grace, pickB(message).custom_id, message);
    // Grace's answer is stored first; Ada's, sent first, is still being graded.
    await second.callback();
    await first.callback(5_000);
    await first.waitFor((a) => a.kind === 'followup', 5_000);
    await sleep(200);
    const announced = announcementsOf([first, second]);
    expect(announced).toHaveLength(1);
    expect((announced[0] as any).data.content).toBe(
      `🏁 <@${users.ada.id}> was the first to answer question 5 (across) right.`,
    );
    slowUsers.clear();
  });

  test('two processes claiming the same part: one announcement', async () => {
    const other = await openStore({ sqlitePath: h.dbPath });
    try {
      const entry = { roundId: 'r1', partId: 'p', userId: 'u', interactionId: '1', answeredAt: 1 };
      await h.store.rounds.enterAnswer(entry, 1);
      await h.store.rounds.settleAnswer(entry, true);
      const claims = await Promise.all([
        h.store.rounds.claimAnnouncement('r1', 'p', 2, 60_000),
        other.rounds.claimAnnouncement('r1', 'p', 2, 60_000),
      ]);
      expect(claims.map((c) => typeof c === 'object' && c.claimed).sort()).toEqual([false, true]);
    } finally {
      await other.close();
    }
  });
});

describe('hints', () => {
  test('an answer sent before the hint, still being graded, does not pay it; the next right answer does', async () => {
    const { message } = await openQuiz(5);
    const hintButton = buttonsOf(message).find((b) => b.custom_id.startsWith('quiz:hint:'))!;
    slowUsers.set(`discord:${users.linus.id}`, 600);
    const before = h.emulator.button(linus, pickB(message).custom_id, message);
    await sleep(30);
    await h.emulator.button(linus, hintButton.custom_id, message).callback();
    const early = await before.message(5_000);
    expect(early.embeds[0].title).toBe(`✅ Correct · +${FULL} points`);
    slowUsers.clear();

    // Mary takes the hint, answers wrong (nothing to halve: the hint stays owed), then right: half.
    const mary = { user: { id: snowflake(), username: 'mary' } };
    await h.emulator.button(mary, hintButton.custom_id, message).callback();
    const pickA = buttonsOf(message).find(
      (b) => b.custom_id.startsWith('quiz:pick:') && b.label.startsWith('a)'),
    )!;
    const wrong = await h.emulator.button(mary, pickA.custom_id, message).message();
    expect(wrong.embeds[0].title).toBe('❌ Not yet · +0 points');
    const right = await h.emulator.button(mary, pickB(message).custom_id, message).message();
    expect(right.embeds[0].title).toBe(`✅ Correct · +${Math.floor(FULL / 2)} points`);
    expect(await h.store.rounds.unpaidHint(`discord:${mary.user.id}`, 5, Date.now() + 1, 0)).toBeUndefined();
  });
});

describe('deadlines', () => {
  test('a round opened before a restart is closed by the restarted bot', async () => {
    const admin = { user: users.ada, permissions: PERMISSIONS.member | PERMISSIONS.manageGuild };
    await h.emulator.slash(admin, 'admin', [opt.sub('timer', [opt.integer('seconds', 60)])]).callback();
    const { handle } = await openQuiz(1);
    await h.emulator.slash(admin, 'admin', [opt.sub('timer', [opt.integer('seconds', 0)])]).callback();
    await h.bot.stop(); // its timer for the round goes with it

    const folder = mkdtempSync(join(tmpdir(), 'cnnkit-restart-'));
    const restarted = await startBot({
      config: {
        token: TEST_TOKEN,
        applicationId: h.emulator.applicationId,
        apiUrl: h.emulator.apiUrl,
        databaseUrl: undefined,
      },
      store: h.store,
      measurer: { measure: () => Promise.reject(new Error('no models here')) },
      logger: createLogger({ secrets: [TEST_TOKEN], destination: { write: () => {} } }),
      now: () => h.clock.now,
      roundSweepMs: 50,
      clientOptions: {
        rest: { globalRequestsPerSecond: 10_000, timeout: 5_000, retries: 3 },
        ws: { buildIdentifyThrottler: () => ({ waitForIdentify: async () => {} }) },
      },
    });
    try {
      h.clock.now += 61_000;
      const closed = (await handle.waitFor((a) => a.kind === 'edit', 5_000)) as any;
      expect(closed.data.components).toEqual([]);
      expect(closed.data.embeds[0].fields.at(-1).value).toMatch(/^⏱️ Time's up/);
      expect(closed.data.allowed_mentions).toEqual({ parse: [] });
      await sleep(200);
      expect(handle.actions.filter((a) => a.kind === 'edit')).toHaveLength(1); // closed once
    } finally {
      await restarted.stop();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
