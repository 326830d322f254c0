import { describe, expect, test } from 'vitest';
import {
  type ChoicePart,
  gradeChoice,
  gradeNumeric,
  type NumericPart,
  QUESTION_DEFINITIONS,
  type Question,
  QuizError,
} from '../src/index';
import { inferenceConventions } from '../src/questions/q02-parameters-and-ram';
import { theoryMeasurement } from './theory';

/*
 * Issue 18, numbers and choices read as a teacher reads them: a property test over the ways
 * students write a figure (in words, with slang units, as a factor, with hedges, as a question,
 * inside a sentence, after an earlier figure they corrected). For every numeric part's key (the
 * base questions and a sample of variants), the key in each phrasing is accepted, and a near miss
 * in the same phrasing is graded (never refused as malformed) and not accepted. The keys come from
 * shape-math and the architectures' descriptions (`test/theory.ts`); every written form below is
 * computed from the key, none is typed in.
 */
const SEEDS: Record<number, number[]> = {
  2: [0, 1, 2, 3, 5, 8, 13, 21, 104_729],
  4: [0, 3, 7, 11],
  7: [0, 2, 5, 8],
  8: [0, 1, 2, 3, 4],
};
const questions: Question[] = QUESTION_DEFINITIONS.flatMap((d) => [
  d.base,
  ...(d.variant === undefined ? [] : (SEEDS[d.id] ?? []).map((seed) => d.variant!(seed))),
]);

const SMALL =
  'zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen'.split(
    ' ',
  );
const TENS = 'twenty thirty forty fifty sixty seventy eighty ninety'.split(' ');

/** A whole number in English words, as a student spells it: 903,400 → "nine hundred and three thousand four hundred". */
function spell(n: number): string {
  if (n < 20) return SMALL[n]!;
  if (n < 100) return `${TENS[Math.floor(n / 10) - 2]}${n % 10 === 0 ? '' : `-${SMALL[n % 10]}`}`;
  if (n < 1000)
    return `${SMALL[Math.floor(n / 100)]} hundred${n % 100 === 0 ? '' : ` and ${spell(n % 100)}`}`;
  for (const [scale, word] of [
    [1e9, 'billion'],
    [1e6, 'million'],
    [1e3, 'thousand'],
  ] as const)
    if (n >= scale) {
      const rest = n % scale;
      return `${spell(Math.floor(n / scale))} ${word}${rest === 0 ? '' : ` ${spell(rest)}`}`;
    }
  throw new Error('unreachable');
}

/** "12.6" → "twelve point six": a decimal in words, its digits after "point" said one by one. */
function spellDecimal(text: string): string {
  const [whole, fraction] = text.split('.');
  const said = spell(Number(whole));
  return fraction === undefined
    ? said
    : `${said} point ${[...fraction].map((d) => SMALL[Number(d)]).join(' ')}`;
}

/** Three significant figures, as a student rounds: 12,613,600 bytes → "12.6" (MB). */
const three = (value: number) => value.toPrecision(3);

/** The ways a figure of this part is written, each computed from the figure. */
function writtenForms(part: NumericPart, value: number): string[] {
  if (part.unit === 'count' && part.rule === 'computed')
    return [
      value.toLocaleString('en-US'),
      String(value),
      value.toLocaleString('en-US').replace(/,/g, ' '),
      `${value / 1000}k`,
      `${value / 1000}k params`,
      `${value / 1e6}M`,
      spell(value),
    ];
  if (part.unit === 'count') {
    const millions = three(value / 1e6);
    return [
      `${millions}M`,
      `${millions} million`,
      `${millions} mil`,
      `${millions} mill`,
      `${millions}m params`,
      value.toLocaleString('en-US'),
      `${spellDecimal(millions)} million`,
    ];
  }
  if (part.unit === 'bytes') {
    const mb = three(value / 1e6);
    return [
      `${mb} MB`,
      `${mb}MB`,
      `${mb} megs`,
      `${mb} megabytes`,
      `${mb} M bytes`,
      `${value.toLocaleString('en-US')} bytes`,
      `${spellDecimal(mb)} megabytes`,
    ];
  }
  if (part.unit === 'ratio')
    return [
      String(value),
      `${value}x`,
      `x${value}`,
      spell(value),
      `${value} times smaller`,
      `shrinks by ${value}`,
      `a factor of ${spell(value)}`,
      `${value}-fold`,
    ];
  return [String(value), `${value}x${value}`, `${value} by ${value}`, `${spell(value)} by ${spell(value)}`];
}

/** A figure in a student's sentence; `other` is another figure the student wrote first and corrected. */
const FRAMES: ((figure: string, other: string) => string)[] = [
  (f) => f,
  (f) => `I'd say around ${f}?`,
  (f) => `is it ${f}?`,
  (f) => `the whole thing comes to ${f} if I counted right`,
  (f) => `${f} I think`,
  (f) => `pretty sure it's ${f}`,
  (f) => `def ${f}`,
  (f) => `My answer is ${f}.`,
  (f) => `${f} lol`,
  (f) => `I think it's ${f} but not 100% sure`,
  (f) => `hmm, ${f}?`,
  (f) => `ok so ${f}`,
  (f) => `roughly ${f}`,
  (f, other) => `first I got ${other} but then I redid it, so ${f}`,
];

/** The figures a part accepts (the key and its conventions), by theory. */
function acceptedFigures(part: NumericPart, key: number): number[] {
  const figures = [key, ...part.conventions.map((c) => theoryMeasurement(c.measure).measured)];
  const request = theoryMeasurement(part.measure).request;
  if (request.kind === 'exercise2' && request.quantity === 'inferenceBytes') {
    const c = inferenceConventions(request.network, request.dtype);
    figures.push(c.inputHeld, c.layersOnly);
  }
  return figures;
}

/**
 * A near miss: for an exact count, one more in the last significant digit (903,400 → 903,500);
 * for a rounded figure, 7% over the key (never within 1% of it), or 7% under when 7% over comes
 * within 3% of another accepted figure; for a factor, half of it; for a grid side, one more.
 */
function nearMiss(part: NumericPart, key: number): number {
  if (part.unit === 'ratio') return key / 2;
  if (part.unit === 'pixels') return key + 1;
  if (part.unit === 'count' && part.rule === 'computed') {
    const place = 10 ** (String(key).length - String(key).replace(/0+$/, '').length);
    return key + place;
  }
  const accepted = acceptedFigures(part, key);
  const clear = (v: number) => accepted.every((a) => Math.abs(v - a) > 0.03 * a);
  return [key * 1.07, key * 0.93, key * 1.15].find(clear)!;
}

const numericParts = questions.flatMap((q) =>
  q.parts
    .filter((p): p is NumericPart => p.kind === 'numeric')
    .map((part) => ({ question: q, part, measurement: theoryMeasurement(part.measure) })),
);

describe('every numeric key, in every phrasing, is accepted; a near miss never is', () => {
  test.each(numericParts.map((n) => [`${n.question.id}/${n.part.id}`, n.measurement.measured, n] as const))(
    'question %s, key %d',
    (_, key, { part, measurement }) => {
      const conventions = part.conventions.map((c) => ({
        name: c.name,
        note: c.note,
        measured: theoryMeasurement(c.measure).measured,
      }));
      const miss = nearMiss(part, key);
      // The near miss of a rounded figure is written to three significant figures, as the key is.
      const missValue =
        part.unit === 'bytes' || part.rule === 'recalled' ? Number(miss.toPrecision(3)) : miss;
      const rightForms = writtenForms(part, key);
      const missForms = writtenForms(part, Math.round(missValue * 1e6) / 1e6);
      const wrong: string[] = [];
      FRAMES.forEach((frame) => {
        rightForms.forEach((form, i) => {
          const answer = frame(form, missForms[i]!);
          let score: number | string;
          try {
            score = gradeNumeric(part, answer, measurement, conventions).score;
          } catch (error) {
            score = error instanceof QuizError ? `refused: ${error.message}` : String(error);
          }
          if (score !== 1) wrong.push(`key ${JSON.stringify(answer)}: ${score}`);
        });
        missForms.forEach((form, i) => {
          const answer = frame(form, rightForms[i]!);
          let score: number | string;
          try {
            score = gradeNumeric(part, answer, measurement, conventions).score;
          } catch (error) {
            score = error instanceof QuizError ? `refused: ${error.message}` : String(error);
          }
          if (score !== 0) wrong.push(`near miss ${JSON.stringify(answer)}: ${score}`);
        });
      });
      expect(wrong).toEqual([]);
    },
  );
});

/** The ways a student names an option: its letter in several forms, its ordinal, its own text. */
const optionForms = (part: ChoicePart, index: number) => {
  const letter = String.fromCharCode(97 + index);
  const ordinal = ['first', 'second', 'third', 'fourth', 'fifth'][index]!;
  return [
    letter,
    letter.toUpperCase(),
    `(${letter})`,
    `option ${letter}`,
    `the ${ordinal} one`,
    part.options[index]!,
  ];
};
const CHOICE_FRAMES: ((pick: string) => string)[] = [
  (p) => p,
  (p) => `def ${p}`,
  (p) => `${p} I think`,
  (p) => `is it ${p}?`,
  (p) => `I'd go with ${p}`,
  (p) => `pretty sure it's ${p}`,
  (p) => `${p}!`,
];

describe('every choice part: its key, in every phrasing, is right; another option never is', () => {
  const choiceParts = questions.flatMap((q) =>
    q.parts
      .filter((p): p is ChoicePart => p.kind === 'choice')
      .map((part) => [`${q.id}/${part.id}`, part] as const),
  );
  test.each(choiceParts)('question %s', (_, part) => {
    const wrong: string[] = [];
    part.options.forEach((_, index) => {
      for (const form of optionForms(part, index))
        for (const frame of CHOICE_FRAMES) {
          const answer = frame(form);
          const grade = gradeChoice(part, answer);
          const score = 'invalid' in grade ? `refused: ${grade.invalid}` : grade.score;
          if (score !== (index === part.correct ? 1 : 0)) wrong.push(`${JSON.stringify(answer)}: ${score}`);
        }
    });
    expect(wrong).toEqual([]);
  });
});
