import fc from 'fast-check';
import {
  gradeNumeric,
  likelyMistakes,
  type NumericPart,
  QUESTION_DEFINITIONS,
  type Question,
  QuizError,
} from '../src/index';
import { propertySeed, runWatched } from './property-watchdog';
import { theoryMeasurement } from './theory';

/*
 * Issue 18, "never crash": the property both the fast test and the slow suite check. For random
 * variants of the questions that have them, a wrong answer of every kind (each known mistake's
 * figure, off by one place, bits for bytes, the other unit base, a random figure and unit, working
 * that does or does not add up, a size for a count, random text) is graded without an error, or
 * refused as an answer that cannot be read (`invalid_answer`, a sentence for the learner). The
 * keys come from shape-math (`test/theory.ts`): no model is run.
 */
const definitions = new Map(QUESTION_DEFINITIONS.map((d) => [d.id, d]));
const questionCache = new Map<string, Question>();
const measurementCache = new Map<string, ReturnType<typeof theoryMeasurement>>();

function variant(questionId: number, seed: number): Question {
  const key = `${questionId}:${seed}`;
  let question = questionCache.get(key);
  if (question === undefined) {
    question = definitions.get(questionId)!.variant!(seed);
    questionCache.set(key, question);
  }
  return question;
}

function keyOf(part: NumericPart) {
  const key = JSON.stringify(part.measure);
  let measurement = measurementCache.get(key);
  if (measurement === undefined) {
    measurement = theoryMeasurement(part.measure);
    measurementCache.set(key, measurement);
  }
  return measurement;
}

const UNITS = [
  '',
  'bytes',
  'B',
  'kB',
  'MB',
  'GB',
  'KiB',
  'MiB',
  'Mb',
  'Mbit',
  'k',
  'M',
  'million',
  'x',
  'px',
  'parsecs',
];

/** A wrong answer of one kind, for a part whose key is `truth`. */
const wrongAnswer = (part: NumericPart, truth: number) =>
  fc.oneof(
    // Each known mistake's figure, worked out on this very network, in bytes and in MB.
    fc.nat().map((i) => {
      const mistakes = likelyMistakes(keyOf(part).request, truth);
      if (mistakes.length === 0) return String(truth + 1);
      const value = mistakes[i % mistakes.length]!.value;
      return i % 2 === 0 ? String(value) : `${(value / 1e6).toPrecision(3)} MB`;
    }),
    // Off by one in the last place, or by a factor.
    fc
      .constantFrom(1, -1, 10, 0.1, 8, 1 / 8, 1.048576, 2, 0.5)
      .map((f) => (f === 1 || f === -1 ? String(truth + f) : String(Math.round(truth * f)))),
    fc.constantFrom(
      `${truth * 8} bits`,
      `${(truth / 1e6).toFixed(1)} Mb`,
      `${(truth / 2 ** 20).toFixed(2)} MB`,
    ),
    // A random figure with a random unit.
    fc
      .tuple(fc.double({ min: 0, max: 1e10, noNaN: true }), fc.constantFrom(...UNITS))
      .map(([value, unit]) => `${value.toPrecision(1 + Math.floor(value % 6))} ${unit}`.trim()),
    // Working, adding up or not, and sizes written as counts.
    fc
      .tuple(fc.nat({ max: 10_000_000 }), fc.nat({ max: 10_000_000 }), fc.integer({ min: -3, max: 3 }))
      .map(
        ([a, b, slip]) =>
          `${a.toLocaleString('en-US')} + ${b.toLocaleString('en-US')} = ${(a + b + slip).toLocaleString('en-US')}`,
      ),
    fc.tuple(fc.nat({ max: 999 }), fc.nat({ max: 999 })).map(([a, b]) => `${a} x ${b}`),
    fc
      .tuple(fc.nat({ max: 99 }), fc.nat({ max: 99 }), fc.nat({ max: 99 }))
      .map(([a, b, c]) => `(${a} + ${b}) * ${c} / ${a}`),
    // Anything at all.
    fc.string({ maxLength: 80 }),
  );

/** One drawn case: which variant and part it grades (named when the case fails), and the part. */
export interface GradingCase {
  readonly questionId: number;
  readonly variantSeed: number;
  readonly part: NumericPart;
}

/** A variant's numeric part and a wrong answer for it. */
export const gradingCase = fc
  .tuple(fc.constantFrom(2, 2, 2, 4, 7, 8), fc.integer({ min: 0, max: 2 ** 31 }), fc.nat())
  .map(([questionId, seed, partIndex]): GradingCase => {
    // Questions 4, 7 and 8 cycle through 14, 9 and 5 settings; question 2 draws a network per seed.
    const variantSeed = questionId === 2 ? seed : seed % 70;
    const question = variant(questionId, variantSeed);
    const parts = question.parts.filter((p): p is NumericPart => p.kind === 'numeric');
    return { questionId, variantSeed, part: parts[partIndex % parts.length]! };
  })
  .chain((drawn) => fc.tuple(fc.constant(drawn), wrongAnswer(drawn.part, keyOf(drawn.part).measured)));

/** The case in words, enough to replay it by hand (`engine.question(id, variant)`, the part, the answer). */
export function describeGradingCase(drawn: GradingCase, answer: string): string {
  return `question ${drawn.questionId} variant ${drawn.variantSeed}, part "${drawn.part.id}", answer ${JSON.stringify(answer)}`;
}

/** Grades one case; returns what went wrong, or undefined when it was graded or refused cleanly. */
export function gradeWithoutError(part: NumericPart, answer: string): string | undefined {
  try {
    const grade = gradeNumeric(part, answer, keyOf(part));
    if (!(grade.score >= 0 && grade.score <= 1) || grade.feedback.length === 0) return 'a malformed grade';
    return undefined;
  } catch (error) {
    if (error instanceof QuizError && error.code === 'invalid_answer') return undefined;
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
}

/** Longest one case may take (the graders take milliseconds; "1%" once took 16 minutes). */
export const CASE_LIMIT_MS = 5_000;

/**
 * The property, for `numRuns` random cases, in a watched worker (test/property-watchdog.ts): rejects
 * naming the first case that fails or takes over `CASE_LIMIT_MS`, with the seed that replays it.
 * Resolves to the number of cases run.
 */
export function assertGradingNeverCrashes(numRuns: number, signal?: AbortSignal): Promise<number> {
  const path = process.env.CNNKIT_FC_PATH;
  return runWatched(new URL('./grading-property-worker.mjs', import.meta.url), {
    numRuns,
    seed: propertySeed(),
    ...(path === undefined || path === '' ? {} : { path }),
    caseLimitMs: CASE_LIMIT_MS,
    ...(signal === undefined ? {} : { signal }),
  });
}
