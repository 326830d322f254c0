import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runInteractive } from '../src/cli/terminal';
import { loadLanguageModel } from '../src/grading/claims/nlp';
import {
  DEFAULT_RATE_LIMIT,
  openStore,
  QuizEngine,
  QuizError,
  type QuizStore,
  type RateLimitPolicy,
} from '../src/index';

/* The interactive quiz on a real SQLite file, with free-text questions only (no model runs). */
const folder = mkdtempSync(join(tmpdir(), 'cnnkit-terminal-'));
let store: QuizStore;
beforeAll(async () => {
  // The English model loads once per process (about 1 s) on the first free-text answer; loaded
  // here, it does not stretch the rate-limit test's two answers past the bucket's refill.
  loadLanguageModel();
  store = await openStore({ sqlitePath: join(folder, 'quiz.db') });
});
afterAll(async () => {
  await store.close();
  rmSync(folder, { recursive: true, force: true });
});

const noModels = { measure: () => Promise.reject(new Error('no model runs in this test')) };

async function play(
  lines: string,
  rateLimit: RateLimitPolicy = DEFAULT_RATE_LIMIT,
  clock?: { now: () => number; onOutput: (textSoFar: string) => void },
): Promise<string> {
  const engine = new QuizEngine({
    store,
    measurer: noModels,
    rateLimit,
    ...(clock === undefined ? {} : { now: clock.now }),
  });
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (chunk: Buffer) => {
    text += chunk.toString();
    clock?.onOutput(text);
  });
  input.end(lines);
  await runInteractive(engine, { userName: `player-${Math.random()}`, groupName: 'terminal', input, output });
  return stripVTControlCharacters(text);
}

describe('the terminal quiz', () => {
  test('the menu is built from the question list', async () => {
    const out = await play('q\n');
    expect(out).toContain('Pick a question 1–8, v for a new variant (of question 2, 4, 7 or 8)');
  });

  test('"q" inside a question returns to the menu', async () => {
    const out = await play('3\nq\nb\nq\n');
    expect(out).toContain('Question 3: GPU out of memory');
    expect(out).toContain('Leaderboard of terminal');
    expect(out).not.toContain('is not an option');
  });

  test('after a rate-limit pause the same part is asked again', async () => {
    // One answer at once, refilled in 100 ms: the second answer is refused, then asked again. The
    // quiz's clock stands still until the refusal is printed, then moves 1 s (the refill), so a slow
    // machine grading the first answer for over 100 ms cannot turn the refusal into an acceptance.
    const start = Date.now();
    let advanced = 0;
    const clock = {
      now: () => start + advanced,
      onOutput: (text: string) => {
        if (advanced === 0 && text.includes('too many answers at once')) advanced = 1_000;
      },
    };
    const out = await play(
      '3\nsmaller batch\n3\nfewer layers\nfp16\nq\n',
      { capacity: 1, perSecond: 10 },
      clock,
    );
    expect(out).toContain('too many answers at once');
    const afterPause = out.slice(out.indexOf('too many answers at once'));
    expect(afterPause).toContain('Name five remedies.');
    expect(afterPause).toContain('You covered: 16-bit floats / mixed precision.');
    expect(afterPause).not.toContain('is not a choice');
  });

  test('the next review date is shown after an answer', async () => {
    const out = await play('1\nweight sharing, features anywhere, hierarchy of features\nq\n');
    expect(out).toMatch(
      /Next review of question 1: (in \d+ (minutes?|hours?)|\d{4}-\d\d-\d\d \(in \d+ days?\))\./,
    );
  });
});

/** What the terminal printed after `marker`, up to the end. */
function after(out: string, marker: string): string {
  const at = out.indexOf(marker);
  expect(at).toBeGreaterThanOrEqual(0);
  return out.slice(at + marker.length);
}

// Question 5 has two parts: (1/2) a free-text rubric, (2/2) a choice whose right option is b.
const PART_ONE_ANSWER = 'lateral inhibition: strong activations suppress neighbouring feature maps';
const PART_ONE_GRADED =
  'You covered: strong activations inhibit neighbouring feature maps (lateral inhibition)';

describe('after a refused answer the same part is asked again, and the next line answers it', () => {
  test('an answer too long for part 1: part 1 is asked again and the next line is graded for part 1', async () => {
    const out = await play(`5\n${'x'.repeat(2001)}\n${PART_ONE_ANSWER}\nb\nq\n`);
    const rest = after(out, 'at most 2,000 are allowed');
    // The very next prompt is part 1's again, and part 1's grade comes before part 2 is asked.
    expect(rest.indexOf('(1/2)')).toBeGreaterThanOrEqual(0);
    expect(rest.indexOf('(1/2)')).toBeLessThan(rest.indexOf('(2/2)'));
    expect(rest.indexOf(PART_ONE_GRADED)).toBeGreaterThan(rest.indexOf('(1/2)'));
    expect(rest.indexOf(PART_ONE_GRADED)).toBeLessThan(rest.indexOf('(2/2)'));
    // Then "b" answers part 2, not the menu.
    expect(after(rest, '(2/2)')).toContain('✔');
    expect(out).not.toContain('is not a choice');
  });

  test('a malformed choice for part 2: part 2 is asked again and the next line is graded for it', async () => {
    const out = await play(`5\n${PART_ONE_ANSWER}\nz\nb\nq\n`);
    const refused = after(after(out, '(2/2)'), '> ');
    // Between the refusal and the grade, part 2 is shown again (not the menu, not a grade).
    const shownAgain = refused.indexOf('(2/2)');
    expect(shownAgain).toBeGreaterThanOrEqual(0);
    expect(refused.slice(0, shownAgain)).not.toContain('✔');
    expect(refused.slice(0, shownAgain)).not.toContain('✘');
    expect(refused.slice(shownAgain)).toContain('✔');
    expect(out).not.toContain('is not a choice');
  });

  test('a rate-limited answer to part 2: after the pause the next line is graded for part 2', async () => {
    // Room for one answer, refilled in 100 ms: part 1 takes it, the first "b" is refused.
    const out = await play(`5\n${PART_ONE_ANSWER}\nb\nb\nq\n`, { capacity: 1, perSecond: 10 });
    const rest = after(out, 'too many answers at once');
    expect(rest.indexOf('(2/2)')).toBeGreaterThanOrEqual(0);
    expect(after(rest, '(2/2)')).toContain('✔');
    expect(out).not.toContain('is not a choice');
  });
});

describe('malformed answers do not use up the rate limit', () => {
  test('twelve unreadable numbers, then a real answer, with room for one answer only', async () => {
    const engine = new QuizEngine({ store, measurer: noModels, rateLimit: { capacity: 1, perSecond: 1e-6 } });
    const input = {
      userId: 'typo',
      displayName: 'Typo',
      groupId: 'terminal',
      questionId: 5,
      partId: 'across',
    };
    for (let i = 0; i < 12; i++) {
      const error = await engine.answer({ ...input, answer: 'z' }).catch((e: unknown) => e);
      expect((error as QuizError).code).toBe('invalid_answer');
    }
    const result = await engine.answer({ ...input, answer: 'b' });
    expect(result.grade.correct).toBe(true);
    const limited = await engine.answer({ ...input, answer: 'b' }).catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(QuizError);
    expect((limited as QuizError).code).toBe('rate_limited');
  });
});
