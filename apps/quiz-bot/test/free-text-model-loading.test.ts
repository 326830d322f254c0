import { afterEach, describe, expect, test, vi } from 'vitest';

/*
 * When the English model is loaded (claims/nlp.ts): once per process, with the part-of-speech step
 * that every rule of the grader reads (without it wink tags every word "UNK"), and ahead of the first
 * answer when loadLanguageModel is called (the bot calls it at start so that the first answer does
 * not pay about 0.6 s). The module is imported fresh, with wink-nlp's factory wrapped to record its
 * calls: a module imported once for the whole file would have loaded the model before the test.
 * Issue 17, mutation testing (docs/mutation-testing.md).
 */

afterEach(() => {
  vi.doUnmock('wink-nlp');
  vi.resetModules();
});

/** A fresh nlp module whose wink-nlp factory records the pipe it is given. */
async function freshNlp() {
  vi.resetModules();
  const pipes: unknown[] = [];
  vi.doMock('wink-nlp', async (importOriginal) => {
    const real = ((await importOriginal()) as { default: (...args: unknown[]) => unknown }).default;
    return {
      default: (...args: unknown[]) => {
        pipes.push(args[1]);
        return real(...args);
      },
    };
  });
  const nlp = await import('../src/grading/claims/nlp');
  return { nlp, pipes };
}

describe('the English model loads once, with the part-of-speech step', () => {
  test('loadLanguageModel loads it now; tagging afterwards does not load it again', async () => {
    const { nlp, pipes } = await freshNlp();
    // Importing loads nothing.
    expect(pipes).toEqual([]);
    nlp.loadLanguageModel();
    expect(pipes).toEqual([['pos']]);
    nlp.tagWords('It has fewer parameters');
    nlp.loadLanguageModel();
    expect(pipes).toEqual([['pos']]);
  });

  test('the first tagging in a fresh process loads it, and its words carry parts of speech', async () => {
    const { nlp, pipes } = await freshNlp();
    // "It has fewer parameters": PRON, AUX, ADJ, NOUN (Universal Dependencies), not wink's "UNK".
    expect(nlp.tagWords('It has fewer parameters').map((t) => t.pos)).toEqual(['PRON', 'AUX', 'ADJ', 'NOUN']);
    expect(pipes).toEqual([['pos']]);
  });
});
