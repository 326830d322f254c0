/**
 * The slowest answers the graders meet (issues 18 and 20): random answers, biased to what the
 * readers treat specially (digits, %, x, ^, /, =, units, number words, negations), and long ones up
 * to the 2,000 characters an answer may have, graded on every part of every question (variants
 * included) for `--seconds` seconds. Prints the time percentiles per kind of part and the slowest
 * answers, so a reader that walks far more than the answer's length (as "1%" once did: 10^11 steps,
 * minutes on the bot's thread) shows up here as a figure, not in a timed test.
 *
 *   npx tsx --conditions=@cnnkit/source bench/grading-worst-case.bench.ts [--seconds 60] [--seed 1] [--max-chars N]
 *     (--max-chars: only answers of at most N characters once cleaned: a bound for grading short
 *     answers on the Discord bot's thread is checked with it; bench/grading-by-length.bench.ts)
 */
import fc from 'fast-check';
import {
  cleanAnswer,
  gradeChoice,
  gradeNumeric,
  gradeRubric,
  type Part,
  QUESTION_DEFINITIONS,
  QuizError,
} from '../src/index';
import { theoryMeasurement } from '../test/theory';

const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
};
const seconds = arg('seconds', 60);
const seed = arg('seed', 1);
const maxChars = arg('max-chars', Number.POSITIVE_INFINITY);

const parts: Part[] = QUESTION_DEFINITIONS.flatMap((d) => [
  ...d.base.parts,
  ...(d.variant === undefined ? [] : [0, 1, 2, 3, 4, 5, 6, 7].flatMap((s) => d.variant!(s).parts)),
]);

const pieces = [
  ...'0123456789%x×*^/=+-.,() ~→'.split(''),
  ' per cent',
  ' percent',
  ' of',
  '-fold',
  ' kB',
  ' MB',
  ' MiB',
  ' GB',
  ' bits',
  ' million',
  ' thousand',
  ' k',
  ' M',
  ' one',
  ' thirty-two',
  ' half',
  ' not',
  " don't",
  ' no',
  ' and',
  ' but',
  ' so',
  ' because',
  ' weights',
  ' kernels',
  ' pooling',
  ' stride',
  ' overlap',
  ' small',
  ' none of them',
  ' with',
  '; ',
  '\n',
];
const answer = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((a) => a.join('')),
  fc
    .array(fc.constantFrom(...pieces), { minLength: 200, maxLength: 600 })
    .map((a) => a.join('').slice(0, 2000)),
  fc.string({ minLength: 1000, maxLength: 2000, unit: 'grapheme-ascii' }),
);

const measurements = new Map<string, ReturnType<typeof theoryMeasurement>>();
function grade(part: Part, text: string): void {
  try {
    if (part.kind === 'rubric') gradeRubric(part, text);
    else if (part.kind === 'choice') gradeChoice(part, text);
    else {
      const key = JSON.stringify(part.measure);
      let m = measurements.get(key);
      if (m === undefined) {
        m = theoryMeasurement(part.measure);
        measurements.set(key, m);
      }
      gradeNumeric(part, text, m);
    }
  } catch (error) {
    if (!(error instanceof QuizError)) throw error;
  }
}

// Warm up: every part once (lexicons and the English model load on first use).
for (const part of parts) grade(part, '12');

const times: Record<string, number[]> = { numeric: [], rubric: [], choice: [] };
const slowest: { ms: number; kind: string; question: string; answer: string }[] = [];
const random = fc.sample(fc.tuple(fc.nat(), answer), { numRuns: 1_000_000, seed });
const end = performance.now() + seconds * 1000;
for (const [i, raw] of random) {
  if (performance.now() > end) break;
  const part = parts[i % parts.length]!;
  let text: string;
  try {
    text = cleanAnswer(raw);
  } catch {
    continue; // empty, or over the length allowed: refused before any grader sees it
  }
  if (text.length > maxChars) continue;
  const start = performance.now();
  grade(part, text);
  const ms = performance.now() - start;
  times[part.kind]!.push(ms);
  slowest.push({ ms, kind: part.kind, question: part.id, answer: text });
  slowest.sort((a, b) => b.ms - a.ms);
  slowest.length = Math.min(slowest.length, 8);
}

const pct = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
console.log(
  `grading worst case: ${seconds} s of random answers${Number.isFinite(maxChars) ? ` of at most ${maxChars} characters` : ''}, seed ${seed}`,
);
for (const [kind, list] of Object.entries(times)) {
  const sorted = [...list].sort((a, b) => a - b);
  console.log(
    `  ${kind.padEnd(8)} ${String(sorted.length).padStart(7)} answers  p50 ${pct(sorted, 0.5).toFixed(2)} ms  p99 ${pct(sorted, 0.99).toFixed(2)} ms  p99.9 ${pct(sorted, 0.999).toFixed(2)} ms  max ${(sorted.at(-1) ?? 0).toFixed(1)} ms`,
  );
}
console.log('  slowest answers:');
for (const s of slowest)
  console.log(
    `    ${s.ms.toFixed(1).padStart(8)} ms  ${s.kind} ${s.question}  ${JSON.stringify(s.answer.slice(0, 90))}${s.answer.length > 90 ? ` … (${s.answer.length} chars)` : ''}`,
  );
