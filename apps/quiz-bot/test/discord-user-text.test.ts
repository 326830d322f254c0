/** biome-ignore-all lint/suspicious/noExplicitAny: Discord's JSON payloads, read loosely as tests do */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runDiscordCommand } from '../src/discord/main';
import { escapeUserText } from '../src/discord/render';
import { opt, PERMISSIONS } from './discord-emulator/emulator';
import { type Harness, startHarness, TEST_TOKEN, users } from './discord-emulator/harness';

/**
 * Issue 20's defects around what users type and where the bot answers: no message pings anyone,
 * user text is shown as text, commands say where they work, and refusals are private and plain.
 */
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const EPHEMERAL = 1 << 6;
const ada = { user: users.ada };
const admin = { user: users.ada, permissions: PERMISSIONS.member | PERMISSIONS.manageGuild };
// A group name a member could choose: a masked link, a mass ping, a role ping and a code span.
const HOSTILE = '[click me](https://evil.example) @everyone <@&123456789012345678> `x`';
// The same, escaped by hand: each markdown character behind a backslash, `@` followed by U+200B.
const HOSTILE_ESCAPED =
  '\\[click me\\](https://evil.example) @\u200beveryone \\<@\u200b&123456789012345678\\> \\`x\\`';

describe('user text is shown, never obeyed', () => {
  test('the escape itself: links, pings and code spans stay text', () => {
    expect(escapeUserText(HOSTILE)).toBe(HOSTILE_ESCAPED);
    expect(escapeUserText('**bold**\n# heading')).toBe('\\*\\*bold\\*\\* \\# heading');
  });

  test('/group create and /group info escape the group name and the members shown', async () => {
    const created = await h.emulator
      .slash(ada, 'group', [opt.sub('create', [opt.string('name', HOSTILE)])])
      .callback();
    expect(created.data.content).toContain(`**${HOSTILE_ESCAPED}**`);
    const info = await h.emulator.slash(ada, 'group', [opt.sub('info')]).callback();
    expect(info.data.embeds[0].title).toBe(`Study group: ${HOSTILE_ESCAPED}`);
  });

  test('/admin reset-season names the group as text ("@everyone" pings nobody)', async () => {
    const reset = await h.emulator
      .slash(admin, 'admin', [opt.sub('reset-season', [opt.string('group', HOSTILE)])])
      .callback();
    expect(reset.data.content).toBe(
      `A new season began for ${HOSTILE_ESCAPED}: its leaderboard starts from zero.`,
    );
    expect(reset.data.allowed_mentions).toEqual({ parse: [] });
  });

  test('the public /leaderboard escapes a terminal player named like a link', async () => {
    const guildGroup = `discord-${h.guild.id}`;
    // A terminal player on the same database, in the server's group (the README's shared-file setup).
    await h.store.recordAttempt({
      idempotencyKey: 'terminal-1',
      user: { id: 'mallory', displayName: '[click me](https://evil.example)' },
      group: { id: guildGroup, name: 'Study server' },
      questionId: 5,
      partId: 'across',
      variantSeed: null,
      answer: 'b',
      score: 1,
      correct: true,
      at: h.clock.now + 1,
      difficulty: 1,
    });
    h.clock.now += 2;
    // Ada plays with the whole server again (she created and joined the hostile group above).
    await h.emulator.slash(ada, 'group', [opt.sub('leave')]).callback();
    const board = await h.emulator.slash({ user: users.grace }, 'leaderboard').message();
    const description: string = board.embeds[0].description;
    expect(description).toContain('\\[click me\\](https://evil.example)');
    expect(description).not.toContain('[click me](');
  });
});

describe('where commands work, and refusals', () => {
  test('commands are registered for servers only, except those that work in DMs', async () => {
    const { COMMANDS } = await import('../src/discord/commands/index');
    const contexts = Object.fromEntries(COMMANDS.map((c) => [c.data.name, c.data.contexts]));
    // Discord's InteractionContextType: 0 a server, 1 the bot's DM.
    expect(contexts).toEqual({
      quiz: [0],
      answer: [0],
      leaderboard: [0],
      group: [0],
      review: [0],
      stats: [0],
      explain: [0, 1],
      compute: [0, 1],
      admin: [0],
    });
    for (const command of COMMANDS)
      expect(command.data.dm_permission).toBe(command.data.contexts?.includes(1) === true);
  });

  test('/explain works in a DM; /quiz there is refused with the sentence that says why', async () => {
    const dm = { user: users.linus, dm: true };
    const explained = await h.emulator.slash(dm, 'explain', [opt.integer('question', 1)]).message();
    expect(explained.embeds[0].title).toMatch(/^Question 1: /);
    const refused = await h.emulator.slash(dm, 'quiz').callback();
    expect(refused.data.content).toBe(
      '⚠️ The quiz is played in a server, not in direct messages. Invite the bot to your study server.',
    );
  });

  test('a leaderboard period outside the choices is refused, not read as "all"', async () => {
    const refused = await h.emulator.slash(ada, 'leaderboard', [opt.string('period', 'month')]).callback();
    expect(refused.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(refused.data.content).toBe('⚠️ That option is not valid: period must be week or all; got "month".');
  });

  test('/compute refuses a side too small privately, in the words the terminal uses', async () => {
    const refused = await h.emulator
      .slash(ada, 'compute', [opt.sub('stride', [opt.string('arch', 'xception'), opt.integer('side', 64)])])
      .callback();
    expect(refused.type).toBe(4); // refused before anything public was posted
    expect(refused.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(refused.data.content).toBe(
      '⚠️ That input is not valid: side: 64 is too small for xception: its input must be at least 71×71; try side: 71.',
    );
  });

  test('a /compute refused after its public deferral is taken back and answered privately', async () => {
    // 4096×4096 with 512, 1024 and 2048 filters: far past the memory budget (refused by shape-math's rule).
    const handle = h.emulator.slash(ada, 'compute', [
      opt.sub('memory', [
        opt.string('quantity', 'trainingBytes'),
        opt.integer('height', 4096),
        opt.integer('width', 4096),
        opt.integer('filters', 512),
      ]),
    ]);
    const followup = await handle.waitFor((a) => a.kind === 'followup', 30_000);
    const data = (followup as { data: any }).data;
    expect(data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(data.content).toMatch(/^⚠️ That network is too big for the quiz: /);
    expect(data.content).not.toMatch(/Invalid option|expected|network\.filters/);
    expect(handle.actions.some((a) => a.kind === 'delete')).toBe(true);
    expect(handle.actions.some((a) => a.kind === 'edit')).toBe(false); // never shown publicly
  }, 40_000);

  test('deploy with a wrong token says which variable is wrong', async () => {
    let err = '';
    const sink = new Writable({
      write(chunk, _enc, done) {
        err += String(chunk);
        done();
      },
    });
    const code = await runDiscordCommand(
      { sub: 'deploy' },
      { out: sink, err: sink },
      {
        DISCORD_TOKEN: `${TEST_TOKEN.slice(0, -1)}y`,
        DISCORD_APPLICATION_ID: h.emulator.applicationId,
        DISCORD_API_URL: h.emulator.apiUrl,
      },
    );
    expect(code).toBe(1);
    expect(err).toMatch(/^Discord refused DISCORD_TOKEN \(401 Unauthorized\)/);
  });
});

describe('mentions', () => {
  // Runs last: every message the tests above (and this one) made the bot send is checked.
  test('every REST call that creates or edits a message says allowed_mentions: { parse: [] }', async () => {
    // A round with a winner announcement (a follow-up), and an answer to a numeric question (an edit).
    const quiz = await h.emulator.slash(ada, 'quiz', [opt.integer('question', 5)]).callback();
    const pick = quiz.data.components
      .flatMap((row: any) => row.components)
      .find((b: any) => b.custom_id.startsWith('quiz:pick:') && b.label.startsWith('b)'));
    const answered = h.emulator.button({ user: users.grace }, pick.custom_id, quiz.data);
    await answered.waitFor((a) => a.kind === 'followup');
    await h.emulator.slash(ada, 'review').callback();
    // A deferred answer's edit (its own REST call in answering.ts): a 429 past 3 s defers the reply.
    h.emulator.failNext({ method: 'POST', path: /\/callback$/, status: 429, retryAfterSeconds: 5 });
    const deferred = h.emulator.slash(ada, 'answer', [
      opt.integer('question', 5),
      opt.string('part', 'across'),
      opt.string('answer', 'b'),
    ]);
    await deferred.waitFor((a) => a.kind === 'edit', 10_000);
    expect(
      h.emulator.requests.some(
        (r) =>
          r.method === 'PATCH' && r.path.includes(deferred.token) && r.path.endsWith('/messages/@original'),
      ),
    ).toBe(true);

    const messageCalls = h.emulator.requests.filter(
      (r) =>
        (r.method === 'POST' &&
          /^\/interactions\/\d+\/[^/]+\/callback$/.test(r.path) &&
          [4, 7].includes(r.body?.type)) ||
        (/^\/webhooks\//.test(r.path) && (r.method === 'POST' || r.method === 'PATCH')) ||
        (/^\/channels\/\d+\/messages/.test(r.path) && (r.method === 'POST' || r.method === 'PATCH')),
    );
    expect(messageCalls.length).toBeGreaterThanOrEqual(12);
    // Kinds seen: replies (callbacks), deferred edits and follow-ups (webhooks).
    expect(new Set(messageCalls.map((r) => r.path.split('/')[1]))).toEqual(
      new Set(['interactions', 'webhooks']),
    );
    for (const call of messageCalls) {
      const allowed = call.path.startsWith('/interactions/')
        ? call.body.data?.allowed_mentions
        : call.body?.allowed_mentions;
      expect({ call: `${call.method} ${call.path.slice(0, 40)}`, allowed }).toEqual({
        call: `${call.method} ${call.path.slice(0, 40)}`,
        allowed: { parse: [] },
      });
    }
  }, 30_000);
});
