/**
 * The format checks shared by the labelled grading sets that are written apart from the first one
 * (test/fixtures/grading-eval-fresh/ and grading-eval-practice/, issue 18). Format only: nothing here
 * grades an answer. What it checks: every line parses as a row; ids are `<letter><N>-<3 digits>`,
 * unique and numbered in order; the row's question matches its file; variant is null; the verdict
 * agrees with the credit (correct = 1, wrong = 0, partial strictly between); a free-text credit is a
 * whole number of the part's needed points (rounded to 2 decimals, as the READMEs say); a numeric or
 * choice part is all-or-nothing; and every part of every question has rows.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { QUESTIONS } from '../src/index';

const CATEGORIES = [
  'textbook',
  'terse',
  'slang',
  'paraphrase',
  'working',
  'near-miss',
  'wrong-unit',
  'convention',
  'notes-mistake',
  'wrong-figure',
  'negated',
  'denial',
  'contradiction',
  'keyword-list',
  'unrelated-story',
  'note-to-grader',
  'question-back',
  'partial',
  'wrong-claim',
  'off-topic',
] as const;

/**
 * Points needed for full credit on each free-text part, from the question prompts the students see
 * ("three for full credit", "five remedies", "two each for full marks" for five networks…).
 */
const NEEDED_POINTS: Readonly<Record<string, number>> = {
  '1|advantages': 3,
  '3|remedies': 5,
  '4|why': 2,
  '5|when': 3,
  '6|innovations': 10,
  '7|what-and-how': 4,
  '8|difficulty': 3,
};

const rowSchema = (prefix: string) =>
  z.strictObject({
    id: z.string().regex(new RegExp(`^${prefix}[1-8]-\\d{3}$`)),
    question: z.number().int().min(1).max(8),
    part: z.string().min(1),
    variant: z.null(),
    answer: z.string().min(1),
    category: z.enum(CATEGORIES),
    verdict: z.enum(['correct', 'partial', 'wrong']),
    credit: z.number().min(0).max(1),
    why: z.string().min(1),
  });
type Row = z.infer<ReturnType<typeof rowSchema>>;

/** Every problem found in one file's text (an empty list when it is well formed). */
function fileProblems(prefix: string, fileName: string, text: string): string[] {
  const schema = rowSchema(prefix);
  const problems: string[] = [];
  const question = Number(/^q(\d)\.jsonl$/.exec(fileName)?.[1]);
  if (!text.endsWith('\n')) problems.push(`${fileName}: does not end with a newline`);
  const lines = text.split('\n').slice(0, -1);
  lines.forEach((line, index) => {
    const where = `${fileName}:${index + 1}`;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      problems.push(`${where}: not JSON`);
      return;
    }
    const result = schema.safeParse(parsed);
    if (!result.success) {
      problems.push(
        `${where}: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
      return;
    }
    const row: Row = result.data;
    const expectedId = `${prefix}${question}-${String(index + 1).padStart(3, '0')}`;
    if (row.id !== expectedId) problems.push(`${where}: id ${row.id}, expected ${expectedId}`);
    if (row.question !== question) problems.push(`${where}: question ${row.question} in ${fileName}`);
    const verdictOfCredit = row.credit >= 1 ? 'correct' : row.credit <= 0 ? 'wrong' : 'partial';
    if (row.verdict !== verdictOfCredit)
      problems.push(`${where}: verdict ${row.verdict} but credit ${row.credit} (${verdictOfCredit})`);
    const needed = NEEDED_POINTS[`${row.question}|${row.part}`];
    if (needed === undefined) {
      if (row.credit !== 0 && row.credit !== 1)
        problems.push(`${where}: numeric/choice part ${row.part} with credit ${row.credit} (0 or 1 only)`);
    } else {
      const points = row.credit * needed;
      const whole = Math.round(points);
      if (Math.abs(row.credit - Math.round((100 * whole) / needed) / 100) > 1e-9)
        problems.push(`${where}: credit ${row.credit} is not a whole number of ${needed} points`);
    }
  });
  return problems;
}

function readSet(prefix: string, folder: string): { files: string[]; problems: string[]; rows: Row[] } {
  const schema = rowSchema(prefix);
  const files = readdirSync(folder).filter((f) => f.endsWith('.jsonl'));
  const problems: string[] = [];
  const rows: Row[] = [];
  for (const file of files) {
    if (!/^q[1-8]\.jsonl$/.test(file)) problems.push(`${file}: not q<1-8>.jsonl`);
    const text = readFileSync(join(folder, file), 'utf8');
    problems.push(...fileProblems(prefix, file, text));
    for (const line of text.split('\n')) {
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch {
        continue; // reported by fileProblems
      }
      const parsed = schema.safeParse(json);
      if (parsed.success) rows.push(parsed.data);
    }
  }
  return { files, problems, rows };
}

/** What differs between the labelled sets: their name, folder (under test/fixtures), id letter and size. */
export interface EvalSet {
  readonly name: string;
  readonly folder: string;
  readonly idPrefix: string;
  /** The set's own size rule (its README's counts). */
  readonly checkSize: (rows: readonly Row[]) => void;
}

/** The format checks of one labelled set, as a describe block (format only: nothing is graded). */
export function describeEvalSetFormat(set: EvalSet): void {
  describe(`the ${set.name} grading set (format only)`, () => {
    const prefix = set.idPrefix;
    const { files, problems, rows } = readSet(
      prefix,
      join(dirname(fileURLToPath(import.meta.url)), 'fixtures', set.folder),
    );

    test('has one file per question and every line is a well-formed, consistent row', () => {
      expect(files.sort()).toEqual(['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7', 'q8'].map((q) => `${q}.jsonl`));
      expect(problems).toEqual([]);
      set.checkSize(rows);
    });

    test('ids are unique across the set', () => {
      const ids = rows.map((r) => r.id);
      expect(new Set(ids).size).toBe(ids.length);
    });

    test("covers every part of every question, and only the engine's parts", () => {
      const engineParts = QUESTIONS.flatMap((q) => q.parts.map((p) => `${q.id}|${p.id}`)).sort();
      const covered = [...new Set(rows.map((r) => `${r.question}|${r.part}`))].sort();
      expect(covered).toEqual(engineParts);
      // The free-text parts named above are the engine's rubric parts, no more and no fewer.
      const rubricParts = QUESTIONS.flatMap((q) =>
        q.parts.filter((p) => p.kind === 'rubric').map((p) => `${q.id}|${p.id}`),
      ).sort();
      expect(Object.keys(NEEDED_POINTS).sort()).toEqual(rubricParts);
    });

    test('every question has right and wrong answers (the set is not one-sided)', () => {
      for (const q of [1, 2, 3, 4, 5, 6, 7, 8]) {
        const verdicts = new Set(rows.filter((r) => r.question === q).map((r) => r.verdict));
        expect(verdicts.has('correct') && verdicts.has('wrong'), `question ${q}`).toBe(true);
      }
    });

    // The checker itself must catch malformed rows (each planted below must be reported).
    const good = {
      id: `${prefix}1-001`,
      question: 1,
      part: 'advantages',
      variant: null,
      answer: 'fewer parameters',
      category: 'partial',
      verdict: 'partial',
      credit: 0.33,
      why: 'one of three',
    };
    test.each([
      ['a line that is not JSON', `{"id":"${prefix}1-001",`],
      ['a verdict that disagrees with the credit', JSON.stringify({ ...good, verdict: 'correct' })],
      ['a credit that is no whole number of points', JSON.stringify({ ...good, credit: 0.5 })],
      ['an id out of order', JSON.stringify({ ...good, id: `${prefix}1-002` })],
      ['an unknown category', JSON.stringify({ ...good, category: 'clever' })],
      ['a variant', JSON.stringify({ ...good, variant: 3 })],
      ['a missing field', JSON.stringify({ ...good, why: undefined })],
      ['a row of another question', JSON.stringify({ ...good, question: 2 })],
      ['a partial numeric credit', JSON.stringify({ ...good, part: 'params', credit: 0.5 })],
    ])('reports %s', (_name, line) => {
      expect(fileProblems(prefix, 'q1.jsonl', `${line}\n`)).not.toEqual([]);
    });

    test('accepts the well-formed row those are planted from', () => {
      expect(fileProblems(prefix, 'q1.jsonl', `${JSON.stringify(good)}\n`)).toEqual([]);
    });
  });
}
