import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test, vi } from 'vitest';
import { cliInProcess, quizCli } from './helpers';

const folder = mkdtempSync(join(tmpdir(), 'cnnkit-cli-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const quiz = quizCli(folder);

describe('cnnkit-quiz in a terminal', () => {
  test('plays question 2 interactively from piped input, then shows the leaderboard and quits', () => {
    const { code, out } = quiz(
      ['--user', 'Ada', '--group', 'Study group'],
      '2\n903,400\n12.6 MB\n565.6 MiB\nb\nq\n',
    );
    expect(code).toBe(0);
    expect(out).toContain('Playing as Ada in "Study group"');
    expect(out).toContain('Question 2: Parameters and RAM of a three-layer CNN');
    expect(out).toMatch(/✔ correct {2}\+30 points/);
    expect(out).toContain('Correct: 903,400.');
    expect(out).toContain("Measured on the real model (wasm), as shape-math's theory predicts.");
    expect(out).toMatch(/✔ correct {2}\+33 points {2}streak 2/);
    // 565.6 MiB is the right number in the wrong unit: no credit, and the grader says so.
    expect(out).toMatch(/✘ not yet {2}\+0 points/);
    expect(out).toContain('Your number fits the decimal (MB) unit');
    // After an answer: the sources, what the notes got wrong, and the next review.
    expect(out).toContain('Sources: Géron, Hands-On ML (3rd ed., 2022), ch. 14 exercise 2');
    expect(out).toContain(
      'What the study notes got wrong or left out:\n  • The notes compute the feature map with padding 0 and write "28 x 99"',
    );
    expect(out).toMatch(/Next review of question 2: /);
    expect(out).toMatch(
      /Leaderboard of Study group\n# +name +points +answers +correct +best streak\n1 +Ada +63 +3 +2 +2\n/,
    );
    expect(out).toContain('Bye.');
  });

  test('ends cleanly when input ends in the middle of a question', () => {
    const { code, out } = quiz(['--user', 'Eve'], '5\n');
    expect(code).toBe(0);
    expect(out).toContain('Question 5: Local response normalization');
  });

  test('a bad answer at the prompt gets the reason and another try', () => {
    const { code, out } = quiz(['--user', 'Bo'], '2\nlots\n903400\n\n\nq\n');
    expect(code).toBe(0);
    expect(out).toContain('"lots" is not a number: expected a number such as 1234567');
    expect(out).toMatch(/✔ correct/);
  });
});

describe('cnnkit-quiz for scripts', () => {
  test('answer --json', () => {
    const { code, out } = quiz(['--question', '2', '--answer', '903400', '--user', 'Cy', '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({
      question: 2,
      part: 'params',
      score: 1,
      correct: true,
      measured: 903_400,
      theory: 903_400,
      backend: 'wasm',
      engine: 'tfjs', // a parameter count runs no forward pass
    });
  });

  test('compute params --arch resnet50 --json measures the real network', () => {
    const { code, out } = quiz(['compute', 'params', '--arch', 'resnet50', '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({
      measured: 25_557_032,
      theory: 25_557_032,
      unit: 'count',
      cached: false,
    });
  });

  test('a free-text answer tells what was covered and missed', () => {
    const { code, out } = quiz([
      'answer',
      '-q',
      '3',
      '-a',
      'smaller batches and 16-bit floats',
      '--user',
      'Di',
      '--json',
    ]);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ score: 0.4, covered: ['batch', 'precision'] });
  });

  test.each([
    [
      ['answer', '-q', '2', '-a', 'x'.repeat(2001)],
      'the answer is 2,001 characters long: at most 2,000 are allowed',
    ],
    [['answer', '-q', '12', '-a', '1'], '--question 12: must be a whole number from 1 to 8'],
    [['compute', 'params', '--arch', 'resnet5'], '--arch must be one of lenet5, alexnet'],
    [['--question', 'two', '--answer', '1'], '--question "two": must be a whole number from 1 to 8'],
    [['frobnicate'], 'unknown command "frobnicate"'],
    // Option errors in the CLI's own words, never a schema's internals or a parser ambiguity.
    [
      ['compute', 'exercise2', '--quantity', 'trainingBytes', '--batch', '0'],
      '--batch 0: must be a whole number from 1 to 4,096',
    ],
    [['show', '-q', '2', '--variant', '-1'], '--variant -1: must be a whole number from 0 to 2,147,483,648'],
    [['leaderboard', '--group', ''], '--group is empty: give a name of 1 to 64 visible characters'],
    [
      ['compute', 'stride', '--arch', 'xception', '--side', '64'],
      '--side 64 is too small for xception: its input must be at least 71×71; try --side 71',
    ],
    [['--nope'], 'unknown option --nope (options: --question, '],
    [['answer', '--quesiton', '2'], 'unknown option --quesiton: did you mean --question?'],
  ])('%j fails with exit 2 and says why', async (args, message) => {
    // The CLI's main() in this process (no tsx start-up per case), with what quizCli gives the real
    // command: the same --db in this test's folder, no DATABASE_URL, the folder as the data home.
    // The real process's exit code and stderr for a usage error are checked just below.
    vi.stubEnv('DATABASE_URL', '');
    vi.stubEnv('XDG_DATA_HOME', folder);
    try {
      const { code, err } = await cliInProcess(['--db', join(folder, 'cli.db'), ...args]);
      expect(code).toBe(2);
      expect(err).toContain(message);
      expect(err).not.toMatch(/at .*\.ts:\d+/); // no stack trace
      expect(err).not.toMatch(/Too small|Too big|expected number|ambiguous|batchSize|inputSide/);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  test('the real command exits with 2 on a usage error and says why on stderr, without a stack trace', () => {
    const { code, out, err } = quiz(['compute', 'stride', '--arch', 'xception', '--side', '64']);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toContain(
      '--side 64 is too small for xception: its input must be at least 71×71; try --side 71',
    );
    expect(err).not.toMatch(/at .*\.ts:\d+/);
  });

  // LeNet-5 subsamples twice by 2 (LeCun 1998); ResNet-50 and Xception five times (He 2016;
  // Chollet 2017): strides 4 and 32, whatever the input side (dividing the side by the last map
  // gave 4.923, 25 and 29.9).
  test.each([[['--arch', 'lenet5'], 4]])(
    'compute stride %j measures the product of the strides: %i',
    (args, stride) => {
      const { code, out } = quiz(['compute', 'stride', ...args, '--json']);
      expect(code).toBe(0);
      expect(JSON.parse(out)).toMatchObject({ measured: stride, theory: stride });
    },
  );

  test("compute exercise2 --quantity trainingBytes uses the exercise's batch of 50", () => {
    const { code, out } = quiz(['compute', 'exercise2', '--quantity', 'trainingBytes', '--json']);
    expect(code).toBe(0);
    const measurement = JSON.parse(out);
    // Géron's solution: 526,000,000 + 36,000,000 + 3,613,600 bytes (exact per-image activations).
    expect(measurement.measured).toBe(565_613_600);
    expect(measurement.details.join(' ')).toContain('for each of the 50 images');
  });

  test('leaderboard --json and questions', () => {
    const board = quiz(['leaderboard', '--group', 'local', '--json']);
    expect(board.code).toBe(0);
    expect(JSON.parse(board.out).map((r: { userId: string }) => r.userId)).toEqual(
      expect.arrayContaining(['cy', 'di']),
    );
    const list = quiz(['questions']);
    expect(list.out.trim().split('\n')).toHaveLength(8);
  });
});
