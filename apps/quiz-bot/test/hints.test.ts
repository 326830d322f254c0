import { describe, expect, test } from 'vitest';
import { formatPartPrompt } from '../src/cli/format';
import { gradeNumeric, type NumericPart, type Part, QUESTION_DEFINITIONS, type Question } from '../src/index';
import { answerFormatHint, FORMAT_EXAMPLE_FIGURES, FORMAT_EXAMPLES, studyHint } from '../src/questions/hints';
import { partView } from '../src/views/results';
import { theoryMeasurement } from './theory';

/*
 * Issue 18, "never give the answer away": every example a hint shows, graded against every key of
 * every question, part and a sample of variants of questions 2, 4, 7 and 8, scores nothing. The
 * keys come from shape-math and the architectures' descriptions (`test/theory.ts`).
 */
const SEEDS = {
  // Question 2 draws a new network per seed: the first 150 and 150 more spread over the range.
  2: [
    ...Array.from({ length: 150 }, (_, i) => i),
    ...Array.from({ length: 150 }, (_, i) => 7919 * i + 104_729),
  ],
  // Questions 4, 7 and 8 cycle through 14, 9 and 5 settings: these seeds cover every one.
  4: Array.from({ length: 14 }, (_, i) => i),
  7: Array.from({ length: 9 }, (_, i) => i),
  8: Array.from({ length: 5 }, (_, i) => i),
} as Record<number, number[]>;

const questions: Question[] = QUESTION_DEFINITIONS.flatMap((d) => [
  d.base,
  ...(d.variant === undefined ? [] : (SEEDS[d.id] ?? []).map((seed) => d.variant!(seed))),
]);
const parts: Part[] = questions.flatMap((q) => q.parts);
const numericParts = parts.filter((p): p is NumericPart => p.kind === 'numeric');

/** Every key, measured in theory once, with the other conventions each part accepts. */
const keys = numericParts.map((part) => ({
  part,
  measurement: theoryMeasurement(part.measure),
  conventions: part.conventions.map((c) => ({
    name: c.name,
    note: c.note,
    measured: theoryMeasurement(c.measure).measured,
  })),
}));

/** The credit an answer would earn on a key; an answer that cannot be read for that part earns none. */
function creditOn(key: (typeof keys)[number], answer: string): number {
  try {
    return gradeNumeric(key.part, answer, key.measurement, key.conventions).score;
  } catch {
    return 0;
  }
}

const hints = [
  ...new Map(parts.map((p) => [JSON.stringify(answerFormatHint(p)), answerFormatHint(p)])).values(),
].filter((h) => h !== undefined);
const examples = [...new Set([...hints.flatMap((h) => h.examples), ...FORMAT_EXAMPLE_FIGURES])];

describe('no example in a hint or placeholder is an answer', () => {
  test(`the sample is wide: ${numericParts.length} numeric keys, ${examples.length} examples`, () => {
    expect(numericParts.length).toBeGreaterThan(300);
    expect(examples.length).toBeGreaterThanOrEqual(4);
  });

  test.each(examples)('%j scores nothing on any key', (example) => {
    const scoring = keys.filter((key) => creditOn(key, example) > 0);
    expect(scoring.map((k) => `${k.part.id}: ${k.part.modelAnswer.slice(0, 40)}`)).toEqual([]);
  });

  test('every number a hint text or placeholder shows is one of its listed examples', () => {
    for (const hint of hints) {
      for (const text of [hint.text, hint.placeholder]) {
        const shown = text.match(/\d[\d,.]*\s?(?:[a-zA-Z]+)?/g) ?? [];
        for (const figure of shown)
          expect(hint.examples.some((e) => e.startsWith(figure.trim().split(' ')[0]!))).toBe(true);
      }
    }
  });

  test('every figure a refusal shows as the format to use is one of the graded examples', () => {
    const longestFirst = [...FORMAT_EXAMPLE_FIGURES].sort((a, b) => b.length - a.length);
    for (const text of Object.values(FORMAT_EXAMPLES)) {
      let rest: string = text;
      for (const example of longestFirst) rest = rest.replaceAll(example, '');
      // What is left names units ("powers of 1000", "powers of 1024") and no other figure.
      expect(rest.replace(/powers of 10(00|24)/g, '')).not.toMatch(/\d/);
    }
  });

  test("the terminal, the Discord prompt and the answer form show the one source's words", () => {
    for (const part of numericParts.slice(0, 20)) {
      const hint = answerFormatHint(part)!;
      expect(formatPartPrompt(part, 0, 1)).toContain(hint.text.trim());
      expect(partView(part).inputHint).toBe(hint.placeholder);
    }
  });

  test("the Discord hint button's figures score nothing on the part it is a hint for", () => {
    for (const key of keys) {
      const figures = studyHint(key.part).match(/\d[\d,]*(?:\.\d+)?/g) ?? [];
      for (const figure of figures) expect(creditOn(key, figure), `${key.part.id}: ${figure}`).toBe(0);
    }
  });
});
