/*
 * Numeric grading time per answer (issue 18): every numeric-part answer of the practice sets (all
 * tune rows), graded against shape-math's theory figure as the grading worker grades it; best of 7
 * runs each, after one warm-up pass (the first wrong answer of a question works its mistakes out).
 *
 *   npx tsx --conditions=@cnnkit/source bench/numeric-grading.bench.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gradeNumeric, QuizEngine } from '../src/index';
import { theoryMeasurement } from '../test/theory';

const engine = new QuizEngine({
  store: undefined as never,
  measurer: { measure: () => Promise.reject(new Error('not used')) },
});
const fixtures = join(dirname(fileURLToPath(import.meta.url)), '../test/fixtures');
const rows = readdirSync(fixtures)
  .filter((dir) => dir.startsWith('grading-eval-practice'))
  .flatMap((dir) =>
    readdirSync(join(fixtures, dir))
      .filter((file) => file.endsWith('.jsonl'))
      .flatMap((file) =>
        readFileSync(join(fixtures, dir, file), 'utf8')
          .split('\n')
          .filter(Boolean),
      ),
  )
  .map(
    (line) => JSON.parse(line) as { question: number; part: string; variant: number | null; answer: string },
  )
  .flatMap((row) => {
    const part = engine.part(engine.question(row.question, row.variant ?? undefined), row.part);
    return part.kind === 'numeric'
      ? [{ part, answer: row.answer, measurement: theoryMeasurement(part.measure) }]
      : [];
  });
const once = (row: (typeof rows)[number]) => {
  try {
    gradeNumeric(row.part, row.answer, row.measurement);
  } catch {
    // A refused answer is graded wrong by the engine; its time counts all the same.
  }
};
for (const row of rows) once(row);
const times = rows
  .map((row) => {
    let best = Number.POSITIVE_INFINITY;
    for (let run = 0; run < 7; run++) {
      const start = performance.now();
      once(row);
      best = Math.min(best, performance.now() - start);
    }
    return best;
  })
  .sort((a, b) => a - b);
const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
const mean = times.reduce((sum, t) => sum + t, 0) / times.length;
console.log(
  `numeric grading per answer (${times.length} practice-set answers, best of 7 runs each): mean ${mean.toFixed(3)} ms, p50 ${at(0.5).toFixed(3)} ms, p99 ${at(0.99).toFixed(3)} ms, max ${times[times.length - 1]!.toFixed(3)} ms`,
);
