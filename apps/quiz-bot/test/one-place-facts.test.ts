import { describe, expect, test } from 'vitest';
import { COMMANDS } from '../src/discord/commands';
import { REQUEST_LIMITS } from '../src/limits';
import {
  FIRST_QUESTION_ID,
  LAST_QUESTION_ID,
  QUESTION_IDS,
  QUESTION_IDS_TEXT,
  VARIANT_QUESTION_IDS,
  VARIANT_QUESTION_IDS_TEXT,
} from '../src/questions/bank';
import { measurementRequestSchema } from '../src/verify/requests';

// Issue 17: the question range, the variant questions and the request limits live in one place
// (the question registry, src/limits.ts); the Discord commands read them, they do not retype them.

interface OptionJson {
  readonly name: string;
  readonly description: string;
  readonly min_value?: number;
  readonly max_value?: number;
  readonly options?: readonly OptionJson[];
}

const optionsOf = (command: string, sub?: string): readonly OptionJson[] => {
  const data = COMMANDS.find((c) => c.data.name === command)!.data as { options?: readonly OptionJson[] };
  const top = data.options ?? [];
  return sub === undefined ? top : (top.find((o) => o.name === sub)!.options ?? []);
};
const option = (options: readonly OptionJson[], name: string) => options.find((o) => o.name === name)!;

describe('facts in one place', () => {
  test('the registry says the ids as people read them', () => {
    // Worked out here from the ids themselves: 1..8 without a gap; the variant list in words.
    expect(QUESTION_IDS).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect([FIRST_QUESTION_ID, LAST_QUESTION_ID]).toEqual([1, 8]);
    expect(QUESTION_IDS_TEXT).toBe('1 to 8');
    expect(VARIANT_QUESTION_IDS).toEqual([2, 4, 7, 8]);
    expect(VARIANT_QUESTION_IDS_TEXT).toBe('2, 4, 7 and 8');
  });

  test.each(['quiz', 'answer', 'explain'])('/%s question option: the registry range', (command) => {
    const question = option(optionsOf(command), 'question');
    expect([question.min_value, question.max_value]).toEqual([FIRST_QUESTION_ID, LAST_QUESTION_ID]);
    expect(question.description).toContain(`Question ${QUESTION_IDS_TEXT}`);
  });

  test('/quiz variant option names the questions that have variants', () => {
    expect(option(optionsOf('quiz'), 'variant').description).toContain(VARIANT_QUESTION_IDS_TEXT);
  });

  test('/compute memory and stride limits are the request schema limits', () => {
    const memory = optionsOf('compute', 'memory');
    const max = (name: string) => option(memory, name).max_value;
    expect([max('height'), max('width'), max('kernel'), max('stride'), max('batch')]).toEqual([
      REQUEST_LIMITS.side,
      REQUEST_LIMITS.side,
      REQUEST_LIMITS.kernelSize,
      REQUEST_LIMITS.strides,
      REQUEST_LIMITS.batch,
    ]);
    // The first layer's filters are doubled twice (…, ×2, ×4): its limit is a quarter of a layer's.
    expect(max('filters')! * 4).toBe(REQUEST_LIMITS.filters);
    expect(option(optionsOf('compute', 'stride'), 'side').max_value).toBe(REQUEST_LIMITS.side);
    // And the schema holds the same limits: one past each is refused, each limit itself accepted.
    const exercise2 = (network: Record<string, unknown>) =>
      measurementRequestSchema.safeParse({ kind: 'exercise2', quantity: 'params', network }).success;
    expect(exercise2({ strides: REQUEST_LIMITS.strides })).toBe(true);
    expect(exercise2({ strides: REQUEST_LIMITS.strides + 1 })).toBe(false);
    expect(exercise2({ kernelSize: REQUEST_LIMITS.kernelSize + 1 })).toBe(false);
    expect(exercise2({ height: REQUEST_LIMITS.side + 1 })).toBe(false);
  });
});
