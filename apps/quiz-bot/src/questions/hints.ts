import type { Part } from './schemas';

/*
 * Every hint the quiz shows before an answer lives here, and only here (issue 18: "never give the
 * answer away"): the terminal's format hint after a prompt, the short one beside a prompt on
 * Discord and in its answer form's placeholder, and the Discord hint button. An example in a hint
 * is never an answer: `test/hints.test.ts` grades every example against every key (each question,
 * each part, and variants of questions 2, 4, 7 and 8) and requires that it scores nothing.
 *
 * The examples are chosen so that they cannot be a memory answer at all: every figure of exercise
 * 2 and its variants is a whole number of 2- or 4-byte values, so an odd number of bytes, written
 * to the byte, never fits one.
 */

/** How to write a numeric answer, with examples that are no question's answer. */
export interface AnswerFormatHint {
  /** The terminal's hint after the prompt: "(the exact count, e.g. …)". */
  readonly text: string;
  /** The short form: beside the prompt on Discord, and the answer form's placeholder. */
  readonly placeholder: string;
  /** Every example the two texts show, for the test that grades them against every key. */
  readonly examples: readonly string[];
}

const COUNT_EXAMPLES = ['1,234,567', '1.234567M'] as const;
const RECALLED_EXAMPLES = ['7.1M', '7.1 million'] as const;
const BYTES_EXAMPLES = ['1.234567 MB', '1,234,567 bytes'] as const;

/**
 * The examples of the format a refused answer is told to use (`parseQuantity`'s "expected …"),
 * also from here: a message about a typo must not give the answer away either.
 */
export const FORMAT_EXAMPLES = {
  count: 'a number such as 1234567, 1,234,567, 1 234 567, 1.234567e6, 1.234567M or 1.234567 million',
  bytes:
    'a number of bytes such as 1234567 or 1,234,567 bytes, or with a unit: kB, MB, GB (powers of 1000) or KiB, MiB, GiB (powers of 1024)',
  ratio: 'a whole number, optionally followed by x',
  pixels: 'a whole number, or a square grid written N×N',
} as const;

/** Every figure `FORMAT_EXAMPLES` shows, for the test that grades them against every key. */
export const FORMAT_EXAMPLE_FIGURES = [
  '1234567',
  '1,234,567',
  '1 234 567',
  '1.234567e6',
  '1.234567M',
  '1.234567 million',
  '1234567 bytes',
  '1,234,567 bytes',
] as const;

/**
 * The format hint of a numeric part (by its unit and rule), or `undefined` for free text and
 * multiple choice. Ratios and grid sides are whole numbers: their hints show no number at all.
 */
export function answerFormatHint(part: Part): AnswerFormatHint | undefined {
  if (part.kind !== 'numeric') return undefined;
  switch (part.unit) {
    case 'bytes':
      return {
        text: ` (with a unit: bytes, kB/MB/GB or KiB/MiB/GiB; three significant figures at least, e.g. ${BYTES_EXAMPLES[0]} or ${BYTES_EXAMPLES[1]})`,
        placeholder: `with a unit, e.g. ${BYTES_EXAMPLES[0]} or ${BYTES_EXAMPLES[1]}`,
        examples: BYTES_EXAMPLES,
      };
    case 'count':
      return part.rule === 'computed'
        ? {
            text: ` (the exact count, e.g. ${COUNT_EXAMPLES[0]} or ${COUNT_EXAMPLES[1]}; working such as "a + b = c" is welcome)`,
            placeholder: `the exact count, e.g. ${COUNT_EXAMPLES[0]} or ${COUNT_EXAMPLES[1]}`,
            examples: COUNT_EXAMPLES,
          }
        : {
            text: ` (two significant digits at least, e.g. ${RECALLED_EXAMPLES[0]} or ${RECALLED_EXAMPLES[1]})`,
            placeholder: `two significant digits, e.g. ${RECALLED_EXAMPLES[0]}`,
            examples: RECALLED_EXAMPLES,
          };
    case 'ratio':
      return {
        text: ' (a whole number, optionally followed by x)',
        placeholder: 'a whole number',
        examples: [],
      };
    case 'pixels':
      return {
        text: ' (the side of the grid: a whole number, or the grid as N×N)',
        placeholder: 'the side of the grid, a whole number',
        examples: [],
      };
  }
}

/**
 * What the Discord hint button says for a part: the principle, never the figure (the first
 * sentence of a numeric part's explanation, a concept to think about, an option that is wrong).
 */
export function studyHint(part: Part): string {
  switch (part.kind) {
    case 'numeric':
      return part.explanation.split(/(?<=\.)\s/)[0]!;
    case 'rubric':
      return `think about ${part.concepts[0]!.label}.`;
    case 'choice': {
      const wrong = part.options.findIndex((_, i) => i !== part.correct);
      return `it is not ${String.fromCharCode(97 + wrong)}) ${part.options[wrong]}.`;
    }
  }
}
