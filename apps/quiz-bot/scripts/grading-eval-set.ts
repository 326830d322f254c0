/**
 * What the grading evaluation (scripts/grading-eval.ts) and the learned reader's cross-validation
 * (scripts/reader-cv.ts) share: a labelled set's rows, the split, the engine that grades them, and
 * the verdict (correct / partial / wrong, partial = credit strictly between 0 and 1).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Measurer, QuizStore } from '../src/index';
import { QUESTIONS, QuizEngine, QuizError } from '../src/index';
import { measure } from '../src/verify/measure';
import { measurementRequestSchema } from '../src/verify/requests';

export const rowSchema = z.object({
  id: z.string(),
  question: z.number().int(),
  part: z.string(),
  variant: z.number().int().nullable(),
  answer: z.string(),
  category: z.string(),
  verdict: z.enum(['correct', 'partial', 'wrong']),
  credit: z.number().min(0).max(1),
  why: z.string(),
});
export type Row = z.infer<typeof rowSchema>;

/**
 * One concept-level label of a practice (tune) set's free-text row (test/fixtures/concept-labels/<set>/q<N>.jsonl,
 * stop 29): the rubric concepts the answer asserts, those it states wrongly or denies, and the labeller's note.
 * The reader's training (scripts/reader-data.ts) and the labels' own test read them through this one schema.
 */
export const conceptLabelSchema = z.strictObject({
  id: z.string(),
  part: z.string(),
  asserted: z.array(z.string()),
  wrong: z.array(z.string()),
  note: z.optional(z.string().min(1)),
});
export type Verdict = Row['verdict'];
export const VERDICTS: readonly Verdict[] = ['correct', 'partial', 'wrong'];

/** The frozen rule (EVALSET-FORMAT.md): first hex digit of the sha256 is 0–7. */
export function isHeldOut(row: Pick<Row, 'question' | 'part' | 'answer'>): boolean {
  const digest = createHash('sha256')
    .update(`${row.question}|${row.part}|${row.answer}`, 'utf8')
    .digest('hex');
  return Number.parseInt(digest[0]!, 16) < 8;
}

export const verdictOf = (score: number): Verdict =>
  score >= 1 ? 'correct' : score <= 0 ? 'wrong' : 'partial';

/** Every row of a set's folder (q<N>.jsonl, in question order). */
export function readRows(folder: string): Row[] {
  return readdirSync(folder)
    .filter((f) => /^q\d+\.jsonl$/.test(f))
    .sort((a, b) => Number(a.slice(1, -6)) - Number(b.slice(1, -6)))
    .flatMap((f) =>
      readFileSync(join(folder, f), 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => rowSchema.parse(JSON.parse(line))),
    );
}

/**
 * The engine that grades the rows: numeric parts are measured in this process, each distinct
 * request once (the service caches too); grade() reads no store: it grades without recording.
 */
export function evalEngine(): QuizEngine {
  const measured = new Map<string, ReturnType<typeof measure>>();
  const measurer: Measurer = {
    async measure(input) {
      const request = measurementRequestSchema.parse(input);
      const key = JSON.stringify(request);
      let pending = measured.get(key);
      if (pending === undefined) {
        pending = measure(request);
        measured.set(key, pending);
      }
      return { ...(await pending), cached: false };
    },
  };
  return new QuizEngine({ store: {} as QuizStore, measurer });
}

export interface Outcome {
  readonly row: Row;
  readonly heldOut: boolean;
  readonly graded?: Verdict;
  readonly score?: number;
  readonly feedback?: readonly string[];
  readonly crash?: string;
  /** The engine refused the answer as malformed (exit status 2 in `answer --json`): no credit. */
  readonly refused?: string;
}

export function isFreeText(row: Row): boolean {
  return (
    QUESTIONS.find((q) => q.id === row.question)?.parts.find((p) => p.id === row.part)?.kind === 'rubric'
  );
}

/** Grades one row through the engine's own grade function (the path `answer --json` takes). */
export async function gradeRow(engine: QuizEngine, row: Row, heldOut: boolean): Promise<Outcome> {
  try {
    const question = engine.question(row.question, row.variant ?? undefined);
    const part = engine.part(question, row.part);
    const { grade } = await engine.grade(part, row.answer);
    return { row, heldOut, graded: verdictOf(grade.score), score: grade.score, feedback: grade.feedback };
  } catch (error) {
    if (error instanceof QuizError && error.code === 'invalid_answer')
      return { row, heldOut, graded: 'wrong', score: 0, refused: error.message };
    return { row, heldOut, crash: error instanceof Error ? error.message : String(error) };
  }
}
