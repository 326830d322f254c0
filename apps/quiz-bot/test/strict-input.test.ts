import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { main } from '../src/cli/main';
import { loadDiscordConfig } from '../src/discord/config';
import { checkKnownOptions } from '../src/discord/options';
import { QuizError } from '../src/errors';
import { questionSchema } from '../src/questions/schemas';
import { answerInputSchema, validate } from '../src/schemas';
import { MeasurementService } from '../src/verify/service';
import { alice, type Harness, makeEngine } from './helpers';

/**
 * Issue 13: every schema the quiz takes input through refuses unknown keys, naming the key and the
 * close one (shape-math's `unknownKeysMessage`/`closestKey`, the one rule), and nothing is stored.
 */
const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error as QuizError;
  }
  throw new Error('expected a refusal');
};

describe('answers (src/schemas.ts): an unknown key is refused before anything is stored', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await makeEngine();
  });
  afterAll(async () => {
    await h?.close();
  });

  test('Keras-style snake_case gets the camelCase name; the store records nothing', async () => {
    const attempt = h.engine.answer({ ...alice, questionId: 5, answer: 'b', part_id: 'across' } as never);
    await expect(attempt).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/^unknown field "part_id": did you mean "partId"\? \(allowed: userId, /),
    });
    expect(await h.store.countAttempts({ userId: alice.userId })).toBe(0);
  });

  test('a misspelt required field is named with its suggestion, before the "missing" it causes', async () => {
    const attempt = h.engine.answer({ ...alice, question_id: 5, answer: 'b' } as never);
    await expect(attempt).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(
        /^unknown field "question_id": did you mean "questionId"\? \(allowed: .*\); the question must be a number from 1 to 8$/,
      ),
    });
    expect(await h.store.countAttempts({ userId: alice.userId })).toBe(0);
  });

  test('several unknown keys are each named, the far one without a guess', () => {
    const error = refusal(() =>
      validate(
        answerInputSchema,
        { ...alice, questionId: 1, answer: 'x', varaintSeed: 3, colour: 'red' },
        'invalid_input',
      ),
    );
    expect(error.message).toMatch(
      /^unknown field "varaintSeed": did you mean "variantSeed"\?; unknown field "colour" \(allowed: /,
    );
  });
});

describe('measurement requests (src/verify/requests.ts)', () => {
  const service = new MeasurementService();
  afterAll(() => service.close());

  test.each([
    [
      { kind: 'exercise2', quantity: 'params', network: { stride: 2 } },
      'network: unknown field "stride": did you mean "strides"?',
    ],
    [
      { kind: 'architectureParams', architecture: 'resnet50', count: 'total', conut: 'total' },
      'request: unknown field "conut": did you mean "count"?',
    ],
    [
      { kind: 'exercise2', quantity: 'params', batch_size: 8 },
      'request: unknown field "batch_size": did you mean "batchSize"?',
    ],
  ])('%j is refused: %s', (input, message) => {
    const error = refusal(() => service.parse(input as never));
    expect(error).toBeInstanceOf(QuizError);
    expect(error.code).toBe('invalid_variant');
    expect(error.message.startsWith(message)).toBe(true);
  });

  test("question 8's picture settings: a misspelt setting stops the service at start", () => {
    const error = refusal(
      () => new MeasurementService({ segmentationPicture: { settings: { epoch: 2 } as never } }),
    );
    expect(error.code).toBe('invalid_input');
    expect(error.message).toMatch(/^unknown field "epoch": did you mean "epochs"\?/);
  });
});

describe('question definitions (src/questions/schemas.ts)', () => {
  test('a misspelt field in a question part is refused, not dropped', () => {
    const part = {
      id: 'only',
      kind: 'choice',
      prompt: 'Pick the first option.',
      modelAnwser: 'The first one.',
      explanation: 'Because it is first.',
      sources: ['this test'],
      options: ['first', 'second'],
      correct: 0,
    };
    const result = questionSchema.safeParse({
      id: 99,
      title: 'A test question',
      prompt: 'What does this question test?',
      difficulty: 1,
      parts: [part],
    });
    expect(result.success).toBe(false);
    // Both are said: the required field is missing, and the key given looks like it.
    expect(result.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['parts.0.modelAnswer', expect.stringMatching(/expected string/)],
      ['parts.0', expect.stringMatching(/^unknown field "modelAnwser": did you mean "modelAnswer"\?/)],
    ]);
  });
});

describe('the terminal (src/cli/main.ts)', () => {
  const folder = mkdtempSync(join(tmpdir(), 'cnnkit-strict-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  async function run(args: string[]) {
    const written = { out: '', err: '' };
    const stream = (name: 'out' | 'err') => ({
      write: (text: string) => {
        written[name] += text;
        return true;
      },
    });
    const io = { out: stream('out'), err: stream('err') } as unknown as Parameters<typeof main>[1];
    return { code: await main(args, io), ...written };
  }

  test('an unknown option names the close one, exits 2 and creates no database', async () => {
    const db = join(folder, 'quiz.db');
    const result = await run(['answer', '--quesiton', '2', '--answer', '903400', '--db', db]);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(
      /^unknown option --quesiton: did you mean --question\? \(options: --question, /,
    );
    expect(existsSync(db)).toBe(false);
  });

  test('an option nothing resembles is named, with the list', async () => {
    const result = await run(['leaderboard', '--colour', 'red']);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^unknown option --colour \(options: /);
  });
});

describe('the Discord environment (src/discord/config.ts)', () => {
  const token = `${'a'.repeat(24)}.GhXk2A.${'b'.repeat(30)}`;
  test('a misspelt DISCORD_ variable is named with the right one; the token never appears', () => {
    let message = '';
    try {
      loadDiscordConfig({ DISCORD_TOKNE: token, DISCORD_APPLICATION_ID: '123456789012345678' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^DISCORD_TOKNE is not a variable the bot reads: did you mean DISCORD_TOKEN\?/);
    expect(message).toContain('DISCORD_TOKEN is not set');
    expect(message).not.toContain(token);
  });

  test('with every variable right, an extra misspelt one still stops the bot', () => {
    expect(() =>
      loadDiscordConfig({
        DISCORD_TOKEN: token,
        DISCORD_APPLICATION_ID: '123456789012345678',
        DISCORD_SHARD_COUNTS: '2',
      }),
    ).toThrowError(
      /^DISCORD_SHARD_COUNTS is not a variable the bot reads: did you mean DISCORD_SHARD_COUNT\?/,
    );
  });
});

describe('Discord options (src/discord/options.ts)', () => {
  const command = {
    name: 'group',
    description: 'groups',
    options: [
      { name: 'create', type: 1, description: 'c', options: [{ name: 'name', type: 3, description: 'n' }] },
      { name: 'leave', type: 1, description: 'l' },
    ],
  };
  test('an option the command does not define is refused with the close one, at any depth', () => {
    expect(() =>
      checkKnownOptions(command as never, [{ name: 'create', options: [{ name: 'nmae' }] }]),
    ).toThrowError('/group create: unknown field "nmae": did you mean "name"? (allowed: name)');
    expect(() => checkKnownOptions(command as never, [{ name: 'craete' }])).toThrowError(
      /^\/group: unknown field "craete": did you mean "create"\?/,
    );
    expect(() =>
      checkKnownOptions(command as never, [{ name: 'create', options: [{ name: 'name' }] }]),
    ).not.toThrow();
  });
});
