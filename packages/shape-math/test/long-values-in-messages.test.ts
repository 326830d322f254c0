import { describe, expect, test } from 'vitest';
import { analyze, type ModelSpecInput, quoteForMessage, ShapeMathError } from '../src/index';

const MEGABYTE_NAME = `conv_${'x'.repeat(1_000_000)}`;

function messageFor(spec: unknown): string {
  try {
    analyze(spec as ModelSpecInput);
  } catch (error) {
    expect(error).toBeInstanceOf(ShapeMathError);
    return (error as ShapeMathError).message;
  }
  throw new Error('expected analyze to refuse the spec');
}

describe('user-given strings in error messages are quoted, cut short', () => {
  test('a 1 MB layer name that fails validation: a short message that names its start and the problem', () => {
    const message = messageFor({
      input: [8, 8, 3],
      layers: [{ kind: 'conv2d', name: MEGABYTE_NAME, filters: 4, kernelSize: 3 }],
    });
    expect(message.length).toBeLessThan(1000);
    expect(message).toContain('"conv_xxx');
    expect(message).toContain('(1,000,005 characters)');
    expect(message).toMatch(/must start with a letter or "_"/);
  });

  test('a 1 MB kind, unknown field and input name: each message stays short and says what is wrong', () => {
    const cases: [unknown, RegExp][] = [
      [{ input: [8, 8, 3], layers: [{ kind: MEGABYTE_NAME, filters: 4 }] }, /must be one of conv2d/],
      [
        { input: [8, 8, 3], layers: [{ kind: 'conv2d', filters: 4, kernelSize: 3, [MEGABYTE_NAME]: 1 }] },
        /unknown field/,
      ],
      [
        { input: [8, 8, 3], layers: [{ kind: 'add', inputs: ['input', MEGABYTE_NAME] }] },
        /must start with a letter/,
      ],
      [
        { input: [8, 8, 3], layers: [{ kind: 'conv2d', filters: 4, kernelSize: 3, padding: MEGABYTE_NAME }] },
        /must be "same"/,
      ],
    ];
    for (const [spec, problem] of cases) {
      const message = messageFor(spec);
      expect(message.length).toBeLessThan(1000);
      expect(message).toContain('"conv_xxx');
      expect(message).toMatch(problem);
    }
  });

  test('quoteForMessage: short strings as JSON, long ones cut with "…" and their length', () => {
    expect(quoteForMessage('conv_1')).toBe('"conv_1"');
    expect(quoteForMessage('say "hi"')).toBe(JSON.stringify('say "hi"'));
    expect(quoteForMessage('abcdefgh', 3)).toBe('"abc…" (8 characters)');
    // An emoji is two UTF-16 units: a cut between them would leave a broken character.
    expect(quoteForMessage('ab😀cd', 3)).toBe('"ab…" (6 characters)');
  });
});
