/**
 * Free-text grading time per answer (issue 18), on the labelled answers to the free-text parts in
 * test/fixtures/grading-eval (only timings are printed, never an answer). Grading runs on the bot's
 * own thread, so one answer must take a few milliseconds at most: target p99 ≤ 5 ms, mean ≤ 2 ms.
 * The English model (wink-nlp) loads once, on the first free-text answer; its load time is printed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadLanguageModel } from '../src/grading/claims/nlp';
import { learnedReader } from '../src/grading/reader';
import { type ConceptReader, useConceptReader } from '../src/grading/rubric';
import { gradeRubric, QUESTIONS, type RubricPart } from '../src/index';

const folder = join(dirname(fileURLToPath(import.meta.url)), '../test/fixtures/grading-eval');
const answers = readdirSync(folder)
  .filter((f) => /^q\d+\.jsonl$/.test(f))
  .flatMap((f) => readFileSync(join(folder, f), 'utf8').split('\n').filter(Boolean))
  .map((line) => JSON.parse(line) as { question: number; part: string; answer: string })
  .flatMap((row) => {
    const part = QUESTIONS.find((q) => q.id === row.question)?.parts.find((p) => p.id === row.part);
    return part?.kind === 'rubric' ? [{ part: part as RubricPart, answer: row.answer }] : [];
  });

const load = performance.now();
loadLanguageModel();
const loadMs = performance.now() - load;

/**
 * Times every answer with a concept reader set (undefined: the rules alone): warm up (the parts'
 * lexicons are built on first use), then each answer's time is its fastest of five rounds (the
 * machine's other load and the garbage collector add noise that is not the grader's; the slowest
 * single run is printed too).
 */
function timeAll(label: string, reader: ConceptReader | undefined): void {
  const previous = useConceptReader(reader);
  for (const { part, answer } of answers) gradeRubric(part, answer);
  const best = answers.map(() => Number.POSITIVE_INFINITY);
  let slowest = 0;
  for (let round = 0; round < 5; round++)
    answers.forEach(({ part, answer }, i) => {
      const start = performance.now();
      gradeRubric(part, answer);
      const ms = performance.now() - start;
      best[i] = Math.min(best[i]!, ms);
      slowest = Math.max(slowest, ms);
    });
  useConceptReader(previous);
  const times = best;
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  const chars = answers.reduce((sum, a) => sum + a.answer.length, 0) / answers.length;
  const met = (ok: boolean) => (ok ? 'met' : 'NOT met');
  console.log(
    `free-text grading per answer, ${label} (${answers.length} labelled answers, ${Math.round(chars)} characters on average, best of 5 runs each): mean ${mean.toFixed(2)} ms, p50 ${at(0.5).toFixed(2)} ms, p99 ${at(0.99).toFixed(2)} ms, max ${times[times.length - 1]!.toFixed(2)} ms (slowest single run ${slowest.toFixed(2)} ms); target mean ≤ 2 ms: ${met(mean <= 2)}, p99 ≤ 5 ms: ${met(at(0.99) <= 5)}`,
  );
}
// The rules alone, then with the learned concept reader (src/grading/reader.ts), in one process.
timeAll('rules alone', undefined);
timeAll('rules with the learned reader', learnedReader());
console.log(`English model (wink-nlp) loaded in ${loadMs.toFixed(0)} ms, once per process`);
