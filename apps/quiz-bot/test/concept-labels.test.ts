import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { conceptLabelSchema } from '../scripts/grading-eval-set';
import { QUESTIONS } from '../src/questions/bank';

// Concept-level labels of the practice (tune) sets' free-text rows (stop 29): which rubric concepts
// each answer asserts and which it states wrongly. A reader trained or checked on them must find
// every row it expects, so this checks the files against their source rows and the question bank.
const fixtures = join(__dirname, 'fixtures');
const labelsFolder = join(fixtures, 'concept-labels');
const sourceRowSchema = z.looseObject({ id: z.string(), question: z.number(), part: z.string() });

const readJsonl = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as unknown);

const conceptIds = (question: number, partId: string) => {
  const part = QUESTIONS.find((q) => q.id === question)?.parts.find((p) => p.id === partId);
  return part?.kind === 'rubric' ? new Set(part.concepts.map((c) => c.id)) : undefined;
};

const sets = readdirSync(labelsFolder, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

test('every labelled set is a practice (tune) set: no held-out data is labelled', () => {
  expect(sets.length).toBeGreaterThan(0);
  for (const set of sets) expect(set).toMatch(/^practice(-[a-z])?$/);
});

describe.each(sets)('concept labels of %s', (set) => {
  const files = readdirSync(join(labelsFolder, set)).filter((f) => /^q\d+\.jsonl$/.test(f));
  test('a label file for every question of the set that has free-text rows', () => {
    const withFreeText = readdirSync(join(fixtures, `grading-eval-${set}`))
      .filter((f) => /^q\d+\.jsonl$/.test(f))
      .filter((f) =>
        readJsonl(join(fixtures, `grading-eval-${set}`, f))
          .map((row) => sourceRowSchema.parse(row))
          .some((row) => conceptIds(row.question, row.part) !== undefined),
      );
    expect(files.sort()).toEqual(withFreeText.sort());
  });
  test.each(files)('%s: one label per free-text row, in order, with the part’s concept ids', (file) => {
    const question = Number(file.slice(1, -'.jsonl'.length));
    const source = readJsonl(join(fixtures, `grading-eval-${set}`, file)).map((row) =>
      sourceRowSchema.parse(row),
    );
    const freeText = source.filter((row) => conceptIds(row.question, row.part) !== undefined);
    const labels = readJsonl(join(labelsFolder, set, file)).map((row) => conceptLabelSchema.parse(row));
    expect(labels.map((l) => [l.id, l.part])).toEqual(freeText.map((row) => [row.id, row.part]));
    for (const label of labels) {
      const allowed = conceptIds(question, label.part)!;
      for (const id of [...label.asserted, ...label.wrong])
        expect(allowed, `${label.id}: ${id}`).toContain(id);
      expect(new Set(label.asserted).size, `${label.id}: asserted twice`).toBe(label.asserted.length);
      expect(new Set(label.wrong).size, `${label.id}: wrong twice`).toBe(label.wrong.length);
      expect(
        label.asserted.filter((id) => label.wrong.includes(id)),
        `${label.id}: both asserted and wrong`,
      ).toEqual([]);
    }
  });
});
