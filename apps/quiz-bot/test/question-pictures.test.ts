import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { main } from '../src/cli/main';
import { QUESTIONS } from '../src/questions/bank';
import { defineQuestion } from '../src/questions/define';
import { showsSegmentationRun } from '../src/questions/pictures';
import { writeExplanationPictures } from '../src/views/explain-files';
import { picturesFor } from '../src/views/index';

// Issue 17: each question's pictures live with the question (`pictures` in its file under
// src/questions/); the explain adapters and the views ask the question, never its id. So a new
// question with a picture is one file and one line in bank.ts, and no adapter changes.

const folder = mkdtempSync(join(tmpdir(), 'cnnkit-question-pictures-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const src = (dir: string) => fileURLToPath(new URL(`../src/${dir}/`, import.meta.url));
const sources = (dir: string) =>
  readdirSync(src(dir))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => [`${dir}/${f}`, readFileSync(join(src(dir), f), 'utf8')] as const);

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

describe('the adapters and views name no question', () => {
  test.each([...sources('discord/commands'), ...sources('cli/commands'), ...sources('views')])(
    '%s compares no question id with a number',
    (_file, text) => {
      // `question.id === 8`, `questionId !== 2`, `case 6:` (a switch on ids), `question-8-…` file names.
      expect(text).not.toMatch(/\b(?:id|Id)\s*[!=]==?\s*\d/);
      expect(text).not.toMatch(/\bcase\s+\d+\s*:/);
      expect(text).not.toMatch(/question-\d/);
    },
  );
});

describe('the registry drives the pictures', () => {
  const explainJson = async (id: number) => {
    let out = '';
    const io = {
      out: {
        write: (t: string) => {
          out += t;
          return true;
        },
      },
      err: { write: () => true },
    } as unknown as Parameters<typeof main>[1];
    const code = await main(['explain', '-q', String(id), '--out', join(folder, `q${id}`), '--json'], io);
    expect(code).toBe(0);
    return JSON.parse(out) as { pictures: string[] };
  };

  test.each(QUESTIONS.map((q) => [q.id, q] as const))(
    'question %i: `explain` writes one file per picture its question lists, in order',
    async (id, question) => {
      // The expected names come from the question's own list, not from a table of ids.
      const expected = question.pictures.map((p) =>
        join(
          folder,
          `q${id}`,
          `question-${id}-${p.kind === 'blockDiagram' ? p.name : p.kind === 'exercise2FeatureMaps' ? 'exercise2-feature-maps' : 'segmentation-comparison'}.png`,
        ),
      );
      const report = await explainJson(id);
      expect(report.pictures).toEqual(expected);
      for (const path of report.pictures)
        expect([...readFileSync(path).subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    },
    60_000,
  );

  test('the questions that have pictures are the ones whose files list them', () => {
    // A check on the list itself (not the code): the exercise-2 maps for questions 1 and 2, the
    // four block diagrams of question 6, the committed run of question 8.
    expect(QUESTIONS.filter((q) => q.pictures.length > 0).map((q) => [q.id, q.pictures.length])).toEqual([
      [1, 1],
      [2, 1],
      [6, 4],
      [8, 1],
    ]);
    expect(QUESTIONS.filter(showsSegmentationRun).map((q) => q.id)).toEqual([8]);
  });

  test('a new question with a picture is drawn and written without touching an adapter', () => {
    // A question the bank does not know, defined the way a question file defines one.
    const tiny = defineQuestion({
      base: {
        id: 99,
        title: 'A tiny network',
        difficulty: 1,
        prompt: 'What shape does a 3×3 valid convolution give on 10×10×1?',
        parts: [
          {
            id: 'shape',
            kind: 'choice',
            prompt: 'Pick the output shape.',
            options: ['8×8×4', '10×10×4'],
            correct: 0,
            modelAnswer: '8×8×4',
            explanation: 'Valid padding loses k − 1 = 2 pixels per side pair: 10 − 3 + 1 = 8.',
            sources: ['Dumoulin and Visin 2016, relationship 1'],
          },
        ],
        pictures: [
          {
            kind: 'blockDiagram',
            name: 'tiny-net',
            title: 'A 3×3 convolution',
            spec: {
              input: [10, 10, 1],
              layers: [{ kind: 'conv2d', name: 'conv', filters: 4, kernelSize: 3 }],
            },
            source: 'Dumoulin and Visin 2016.',
          },
        ],
      },
    }).base;
    const [picture, ...rest] = picturesFor(tiny);
    expect(rest).toEqual([]);
    // 10 − 3 + 1 = 8 (Dumoulin and Visin 2016, relationship 1): the diagram prints the shape.
    expect(picture!.svg).toContain('8×8×4');
    const written = writeExplanationPictures(tiny, join(folder, 'tiny'));
    expect(written).toEqual([join(folder, 'tiny', 'question-99-tiny-net.png')]);
    expect([...readFileSync(written[0]!).subarray(0, 8)]).toEqual(PNG_SIGNATURE);
  });

  test('a picture spec that does not validate is refused when the question loads', () => {
    expect(() =>
      defineQuestion({
        base: {
          ...QUESTIONS[0]!,
          pictures: [
            {
              kind: 'blockDiagram',
              name: 'broken',
              title: 'Broken',
              spec: { input: [4, 4, 1], layers: [] },
              source: 'none',
            },
          ],
        },
      }),
    ).toThrow(/must be a shape-math model spec that validates/);
  });
});
