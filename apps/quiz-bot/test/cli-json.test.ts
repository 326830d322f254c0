import { describe, expect, test } from 'vitest';
import { QUESTION_DEFINITIONS, QUESTIONS } from '../src/index';
import { cliInProcess } from './helpers';

const run = cliInProcess;

describe('usage errors honour --json: one JSON error document on stdout, no help text (issue 18)', () => {
  test.each([
    [['show', '-q', '9', '--json'], '--question 9: must be a whole number from 1 to 8'],
    [
      ['answer', '-q', '2', '--variant', 'abc', '-a', '1', '--json'],
      '--variant "abc": must be a whole number',
    ],
    [['--json', '--quesiton', '2'], 'unknown option --quesiton: did you mean --question?'],
    [['show', '--json'], 'show needs --question N'],
    [['frobnicate', '--json'], 'unknown command "frobnicate"'],
  ])('%j', async (argv, message) => {
    const { code, out, err } = await run(argv);
    expect(code).toBe(2);
    expect(err).toBe('');
    const document = JSON.parse(out) as { error: { code: string; message: string } };
    expect(document.error.code).toBe('invalid_usage');
    expect(document.error.message).toContain(message);
    expect(out).not.toContain('cnnkit-quiz: the CNN study-group quiz');
  });

  test('without --json the same error is a sentence and the help, on stderr', async () => {
    const { code, out, err } = await run(['show', '-q', '9']);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toContain('--question 9: must be a whole number from 1 to 8');
    expect(err).toContain('cnnkit-quiz: the CNN study-group quiz');
  });
});

describe('show --json prints only what a student may see before answering (issue 18)', () => {
  const cases = [...QUESTIONS.map((q) => [q.id, undefined] as const), [2, 17] as const, [4, 5] as const];
  test.each(cases)('question %i, variant %s', async (id, variant) => {
    const { code, out } = await run([
      'show',
      '-q',
      String(id),
      ...(variant === undefined ? [] : ['--variant', String(variant)]),
      '--json',
    ]);
    expect(code).toBe(0);
    const shown = JSON.parse(out) as { id: number; prompt: string; parts: { id: string; prompt: string }[] };
    expect(shown.id).toBe(id);
    for (const leak of [
      'modelAnswer',
      'explanation',
      'concepts',
      'patterns',
      'measure',
      'correctionsToNotes',
      'correct"',
      'bookFigures',
      'conventions',
    ])
      expect(out).not.toContain(leak);
    // The question's own words are there; its model answers are not.
    expect(shown.parts.length).toBeGreaterThan(0);
    const engineQuestion = QUESTION_DEFINITIONS.find((d) => d.id === id)!;
    const question = variant === undefined ? engineQuestion.base : engineQuestion.variant!(variant);
    for (const part of question.parts)
      expect(out).not.toContain(JSON.stringify(part.modelAnswer).slice(1, 40));
  });
});
