import { analyze } from '@cnnkit/shape-math';
import { describe, expect, test } from 'vitest';
import { loadDiscordConfig, redact } from '../src/discord/config';
import { planDeploy } from '../src/discord/deploy';
import { friendlyMessage } from '../src/discord/errors';
import { QuizError } from '../src/index';
import {
  classicInnovations,
  DEPTHWISE_SEPARABLE,
  INCEPTION_3A,
  RESIDUAL_UNIT,
  SE_BLOCK,
} from '../src/questions/q06-classic-innovations';
import {
  featureMapsPicture,
  leaderboardChart,
  leaderboardView,
  picturesFor,
  renderPng,
} from '../src/views/index';

describe('pictures drawn from shape-math', () => {
  // Output sizes from the papers' own tables, an independent source for shape-math's figures.
  test.each([
    ['inception 3a (Szegedy et al. 2015, table 1: output 28×28×256)', INCEPTION_3A, [28, 28, 256]],
    ['ResNet-50 conv2_x unit (He et al. 2016, table 1: 56×56×256)', RESIDUAL_UNIT, [56, 56, 256]],
    ['SE block keeps its input shape (Hu et al. 2018)', SE_BLOCK, [56, 56, 256]],
    [
      'MobileNet 3×3 dw + 1×1 pw, 112×112×32 → 112×112×64 (Howard et al. 2017, table 1)',
      DEPTHWISE_SEPARABLE,
      [112, 112, 64],
    ],
  ])('%s', (_name, spec, output) => {
    expect(analyze(spec).outputs[0]!.shape).toEqual(output);
  });

  test('the block diagrams label every tensor with its shape, and render to PNG', () => {
    const [inception] = picturesFor(classicInnovations.base);
    expect(inception!.svg).toContain('28×28×256'); // the concatenated output
    expect(inception!.svg).toContain('28×28×192'); // the input
    const png = renderPng(inception!.svg);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  });

  test('exercise 2 feature maps: sizes from the exercise ("same" padding, stride 2: ceil(in/2))', () => {
    const svg = featureMapsPicture().svg;
    // Géron, ch. 14 exercise 2 solution: 100×150×100, 50×75×200, 25×38×400.
    for (const shape of ['200×300×3', '100×150×100', '50×75×200', '25×38×400']) expect(svg).toContain(shape);
  });

  test('the leaderboard chart draws bars in proportion to the points, and escapes names', () => {
    const view = leaderboardView(
      [
        {
          rank: 1,
          userId: 'a',
          displayName: 'Ada <script>',
          points: 200,
          attempts: 4,
          correct: 3,
          bestStreak: 2,
        },
        { rank: 2, userId: 'b', displayName: 'Bo', points: 50, attempts: 2, correct: 1, bestStreak: 1 },
      ],
      'Top',
    );
    expect(view.rows[0]!.accuracyPercent).toBe(75);
    const svg = leaderboardChart(view).svg;
    expect(svg).not.toContain('<script>');
    const widths = [...svg.matchAll(/<rect x="230" y="\d+" width="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(widths[0]! / widths[1]!).toBeCloseTo(200 / 50, 5);
  });
});

describe('configuration from the environment', () => {
  const token = `${'M'.repeat(24)}.GhXk2A.${'x'.repeat(38)}`;
  test('a valid environment', () => {
    expect(
      loadDiscordConfig({
        DISCORD_TOKEN: token,
        DISCORD_APPLICATION_ID: '123456789012345678',
        DISCORD_API_URL: 'http://127.0.0.1:9/api/',
      }),
    ).toEqual({
      token,
      applicationId: '123456789012345678',
      databaseUrl: undefined,
      apiUrl: 'http://127.0.0.1:9/api',
    });
  });

  test('missing variables are named in one sentence', () => {
    expect(() => loadDiscordConfig({})).toThrowErrorMatchingInlineSnapshot(
      `[DiscordConfigError: DISCORD_TOKEN is not set: copy the bot token from the Discord developer portal (Bot → Reset Token); DISCORD_APPLICATION_ID is not set: copy the Application ID from the General Information page]`,
    );
  });

  test('a malformed token is refused without being quoted', () => {
    const bad = 'not-a-token-but-secret-text';
    let message = '';
    try {
      loadDiscordConfig({ DISCORD_TOKEN: bad, DISCORD_APPLICATION_ID: 'abc', DATABASE_URL: 'mysql://x' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('DISCORD_TOKEN does not look like a bot token');
    expect(message).toContain('DISCORD_APPLICATION_ID "abc" is not an application id');
    expect(message).toContain('DATABASE_URL must be a postgres://');
    expect(message).not.toContain(bad);
  });

  test('shards: both variables or neither, the id below the count', () => {
    const base = { DISCORD_TOKEN: token, DISCORD_APPLICATION_ID: '123456789012345678' };
    expect(loadDiscordConfig({ ...base, DISCORD_SHARD_ID: '1', DISCORD_SHARD_COUNT: '2' }).shard).toEqual({
      id: 1,
      count: 2,
    });
    expect(() => loadDiscordConfig({ ...base, DISCORD_SHARD_ID: '2', DISCORD_SHARD_COUNT: '2' })).toThrow(
      'DISCORD_SHARD_ID 2 is out of range: with DISCORD_SHARD_COUNT 2 it is 0 to 1',
    );
    expect(() => loadDiscordConfig({ ...base, DISCORD_SHARD_ID: '0' })).toThrow(
      'set DISCORD_SHARD_ID and DISCORD_SHARD_COUNT together',
    );
  });

  test('redact removes every occurrence of a secret', () => {
    expect(redact(`a ${token} b ${token}`, [token])).toBe('a [redacted] b [redacted]');
  });
});

describe('friendly errors by stable code', () => {
  test.each([
    [
      new QuizError('rate_limited', 'too many answers at once: try again in 3 s'),
      'Slow down a little: too many answers at once: try again in 3 s.',
    ],
    [
      new QuizError('storage_failed', 'the answer could not be saved: SQLITE_BUSY at /home/x/quiz.db'),
      'I could not save that just now. Please try again in a moment; nothing was counted twice.',
    ],
    [
      new TypeError("Cannot read properties of undefined (reading 'x')"),
      'Something went wrong on my side. It has been logged; please try again.',
    ],
  ])('%s', (error, sentence) => {
    expect(friendlyMessage(error)).toBe(sentence);
  });
});

describe('deploy plan', () => {
  test('only what differs is created, updated or removed', () => {
    const registered = [
      { id: '1', name: 'quiz', description: 'Ask', type: 1, version: '9', application_id: '5', options: [] },
      { id: '2', name: 'stats', description: 'Old words', type: 1 },
      { id: '3', name: 'gone', description: 'Removed command', type: 1 },
    ];
    const desired = [
      { name: 'quiz', description: 'Ask' },
      { name: 'stats', description: 'New words' },
      { name: 'review', description: 'Due' },
    ];
    const plan = planDeploy(registered, desired);
    expect({
      create: plan.create,
      update: plan.update,
      remove: plan.remove,
      unchanged: plan.unchanged,
    }).toEqual({
      create: ['review'],
      update: ['stats'],
      remove: ['gone'],
      unchanged: ['quiz'],
    });
  });
});
