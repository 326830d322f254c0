/**
 * Free-text grading time by answer length (issue 20: which answers the Discord bot could grade on its
 * own thread when it is idle, the bound of the adaptive placement tried in stop 29b and not kept:
 * bench/discord.bench.ts' header).
 * Reads TUNE rows only: the practice sets (every row tune) and the tune part of the first set (the
 * frozen rule, `isHeldOut` of scripts/grading-eval-set.ts); held-out and fresh rows are never opened.
 * Prints timings only, never an answer.
 *
 *   npx tsx --conditions=@cnnkit/source bench/grading-by-length.bench.ts [--rounds 5]
 *
 * Each answer's time is its fastest of `--rounds` runs (the machine's other load is not the grader's)
 * and its slowest single run is kept apart; per length bucket: count, mean, p50, p99, max of the
 * fastest, and the slowest single run.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isHeldOut, readRows } from '../scripts/grading-eval-set';
import { loadLanguageModel } from '../src/grading/claims/nlp';
import { cleanAnswer, gradeRubric, QUESTIONS, type RubricPart } from '../src/index';

const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 5;
const fixtures = join(dirname(fileURLToPath(import.meta.url)), '../test/fixtures');
const sets = readdirSync(fixtures).filter(
  (f) => f === 'grading-eval' || f.startsWith('grading-eval-practice'),
);
const answers = sets.flatMap((set) =>
  readRows(join(fixtures, set))
    .filter((row) => set !== 'grading-eval' || !isHeldOut(row))
    .flatMap((row) => {
      const part = QUESTIONS.find((q) => q.id === row.question)?.parts.find((p) => p.id === row.part);
      if (part?.kind !== 'rubric') return [];
      let text: string;
      try {
        text = cleanAnswer(row.answer);
      } catch {
        return []; // refused before any grader sees it
      }
      return [{ part: part as RubricPart, text }];
    }),
);

loadLanguageModel();
for (const { part, text } of answers) gradeRubric(part, text); // warm: lexicons built on first use
const best = answers.map(() => Number.POSITIVE_INFINITY);
const worst = answers.map(() => 0);
for (let round = 0; round < rounds; round++)
  answers.forEach(({ part, text }, i) => {
    const start = performance.now();
    gradeRubric(part, text);
    const ms = performance.now() - start;
    best[i] = Math.min(best[i]!, ms);
    worst[i] = Math.max(worst[i]!, ms);
  });

const BUCKETS = [100, 200, 300, 400, 600, 1000, 2000];
const at = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
console.log(
  `free-text grading by answer length (${answers.length} tune answers, ${sets.length} sets, best of ${rounds} runs each)`,
);
let from = 0;
for (const upTo of BUCKETS) {
  const inBucket = answers.flatMap((a, i) => (a.text.length > from && a.text.length <= upTo ? [i] : []));
  const times = inBucket.map((i) => best[i]!).sort((a, b) => a - b);
  const slowest = Math.max(0, ...inBucket.map((i) => worst[i]!));
  const cumulative = answers
    .flatMap((a, i) => (a.text.length <= upTo ? [best[i]!] : []))
    .sort((a, b) => a - b);
  if (times.length > 0)
    console.log(
      `  ${String(from + 1).padStart(4)}–${String(upTo).padEnd(4)} chars: ${String(times.length).padStart(4)} answers, mean ${(times.reduce((s, t) => s + t, 0) / times.length).toFixed(2)} ms, p50 ${at(times, 0.5).toFixed(2)}, p99 ${at(times, 0.99).toFixed(2)}, max ${times[times.length - 1]!.toFixed(2)} ms, slowest single run ${slowest.toFixed(2)} ms; all ≤ ${upTo}: p99 ${at(cumulative, 0.99).toFixed(2)} ms`,
    );
  from = upTo;
}
