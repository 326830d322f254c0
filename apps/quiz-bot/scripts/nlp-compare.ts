/**
 * Which NLP library tags the answers (issue 18): wink-nlp 2.4.0 with wink-eng-lite-web-model 1.8.1
 * against compromise 14.20.0, both shipping their English model inside the npm package. Each one
 * tags the TUNE answers of the free-text parts (held-out rows are filtered out by the frozen rule and
 * never read), the rubric grades them with that tagger, and the script prints verdict agreement
 * with the teacher, tagging time per answer, and the packages' size on disk.
 *
 *   pnpm --filter @cnnkit/quiz-bot exec tsx --conditions=@cnnkit/source scripts/nlp-compare.ts
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nlp from 'compromise';
import { type Tagger, type Token, useTagger } from '../src/grading/claims/nlp';
import { gradeRubric, QUESTIONS, type RubricPart } from '../src/index';

interface Row {
  question: number;
  part: string;
  answer: string;
  verdict: 'correct' | 'partial' | 'wrong';
}
const here = dirname(fileURLToPath(import.meta.url));
const folder = join(here, '../test/fixtures/grading-eval');
const heldOut = (r: Row) =>
  Number.parseInt(
    createHash('sha256').update(`${r.question}|${r.part}|${r.answer}`, 'utf8').digest('hex')[0]!,
    16,
  ) < 8;
const rubricOf = (r: Row) =>
  QUESTIONS.find((q) => q.id === r.question)?.parts.find(
    (p): p is RubricPart => p.id === r.part && p.kind === 'rubric',
  );
const tune = readdirSync(folder)
  .filter((f) => /^q\d+\.jsonl$/.test(f))
  .flatMap((f) => readFileSync(join(folder, f), 'utf8').split('\n').filter(Boolean))
  .map((line) => JSON.parse(line) as Row)
  .filter((r) => !heldOut(r) && rubricOf(r) !== undefined);

/** compromise's tags mapped onto the Universal POS tags the grader reads. */
function udTag(tags: readonly string[]): string {
  const has = (t: string) => tags.includes(t);
  if (has('Auxiliary') || has('Copula') || has('Modal')) return 'AUX';
  if (has('Verb')) return 'VERB';
  if (has('Pronoun')) return 'PRON';
  if (has('ProperNoun')) return 'PROPN';
  if (has('Value') || has('Cardinal')) return 'NUM';
  if (has('Noun')) return 'NOUN';
  if (has('Adjective')) return 'ADJ';
  if (has('Adverb')) return 'ADV';
  if (has('Determiner')) return 'DET';
  if (has('Preposition')) return 'ADP';
  if (has('Conjunction')) return 'CCONJ';
  if (has('Negative')) return 'PART';
  return 'X';
}
const compromiseTagger: Tagger = (text) => {
  const doc = nlp(text);
  doc.compute('root');
  const tokens: Token[] = [];
  for (const sentence of doc.json({ offset: true }) as {
    terms: {
      text: string;
      tags: string[];
      normal: string;
      root?: string;
      offset: { start: number; length: number };
    }[];
  }[])
    for (const term of sentence.terms) {
      if (term.offset.length === 0) continue;
      tokens.push({
        norm: term.text.toLowerCase(),
        lemma: (term.root ?? term.normal).toLowerCase(),
        pos: udTag(term.tags),
        start: term.offset.start,
        end: term.offset.start + term.offset.length,
      });
    }
  return tokens;
};

const verdictOf = (score: number) => (score >= 1 ? 'correct' : score <= 0 ? 'wrong' : 'partial');
const require = createRequire(import.meta.url);
function sizeOf(pkg: string): number {
  // Not every package exports its package.json: walk up from its entry point to its folder.
  let root = dirname(require.resolve(pkg));
  while (
    !existsSync(join(root, 'package.json')) ||
    JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).name !== pkg
  )
    root = dirname(root);
  const walk = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce(
      (sum, e) => sum + (e.isDirectory() ? walk(join(dir, e.name)) : statSync(join(dir, e.name)).size),
      0,
    );
  return walk(root);
}

// The quiz's own tagger (wink-nlp), taken out and put back.
const winkTagger = useTagger(compromiseTagger);
useTagger(winkTagger);
console.log(`${tune.length} TUNE answers to the free-text parts`);
for (const [name, tagger, packages] of [
  ['wink-nlp + wink-eng-lite-web-model', winkTagger, ['wink-nlp', 'wink-eng-lite-web-model']],
  ['compromise', compromiseTagger, ['compromise']],
] as const) {
  const load = performance.now();
  tagger('Warm up the model.');
  const loadMs = performance.now() - load;
  const previous = useTagger(tagger);
  let agree = 0;
  for (const r of tune) if (verdictOf(gradeRubric(rubricOf(r)!, r.answer).score) === r.verdict) agree++;
  const start = performance.now();
  for (let round = 0; round < 5; round++) for (const r of tune) tagger(r.answer);
  const perAnswer = (performance.now() - start) / (5 * tune.length);
  useTagger(previous);
  const mb = packages.reduce((sum, p) => sum + sizeOf(p), 0) / 1e6;
  console.log(
    `${name}: verdict agreement ${agree}/${tune.length} (${((100 * agree) / tune.length).toFixed(1)}%), tagging ${perAnswer.toFixed(2)} ms/answer, first load ${loadMs.toFixed(0)} ms, ${mb.toFixed(1)} MB on disk`,
  );
}
