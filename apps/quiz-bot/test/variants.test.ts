import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, exercise2Spec } from '@cnnkit/shape-math';
import { describe, expect, test } from 'vitest';
import {
  exercise2Setting,
  QUESTION_DEFINITIONS,
  QUESTIONS,
  type Question,
  QuizEngine,
  VARIANT_QUESTION_IDS,
} from '../src/index';

const engine = new QuizEngine({
  store: undefined as never,
  measurer: { measure: () => Promise.reject(new Error('not used')) },
});
const format = (n: number) => n.toLocaleString('en-US');
const numericParts = (question: Question) => question.parts.filter((p) => p.kind === 'numeric');
const baseTexts = (id: number) =>
  QUESTIONS.find((q) => q.id === id)!
    .parts.filter((p) => p.kind === 'numeric')
    .flatMap((p) => [p.prompt, p.modelAnswer, p.explanation]);

describe('one file per question, in one typed static list', () => {
  test('the list holds the eight questions in order, and says which have variants', () => {
    expect(QUESTION_DEFINITIONS.map((d) => d.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(VARIANT_QUESTION_IDS).toEqual([2, 4, 7, 8]);
    const files = readdirSync(new URL('../src/questions/', import.meta.url)).filter((f) => /^q\d\d-/.test(f));
    expect(files).toHaveLength(8);
    expect(files).toContain('q02-parameters-and-ram.ts');
  });

  test("the quiz owns exercise 2's variant generator: nothing imports it from @cnnkit/architectures", () => {
    const source = new URL('../src/', import.meta.url).pathname;
    const files = readdirSync(source, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    for (const file of files)
      expect(readFileSync(join(source, file), 'utf8')).not.toMatch(/exercise2Variant\b/);
  });

  test('a question without variants says which have them', () => {
    expect(() => engine.question(3, 1)).toThrow('question 3 has no variants; questions 2, 4, 7, 8 do');
  });
});

describe('every variant in its own words', () => {
  test.each(Array.from({ length: 40 }, (_, seed) => seed))(
    'question 2, variant %i: every figure is its own',
    (seed) => {
      const question = engine.question(2, seed);
      const setting = exercise2Setting(seed);
      const report = analyze(exercise2Spec(setting.network), {
        dtype: setting.dtype,
        batchSize: setting.batchSize,
      });
      const [params, inference, training] = numericParts(question);
      expect(params!.modelAnswer).toMatch(new RegExp(`^${format(report.totals.params.total)} parameters: `));
      const inferenceBytes = report.memory.inference.bytes;
      expect(inference!.modelAnswer).toContain(`(${format(inferenceBytes)} bytes)`);
      expect(inference!.explanation).toContain(`${format(inferenceBytes)} bytes (`);
      if (inferenceBytes >= 2 ** 20)
        expect(inference!.explanation).toContain(`${(inferenceBytes / 2 ** 20).toFixed(2)} MiB`);
      if (inferenceBytes !== 12_613_600) expect(inference!.explanation).not.toContain('12.03 MiB');
      expect(training!.modelAnswer).toContain(`(${format(report.memory.trainingMinimum.bytes)} bytes)`);
      expect(training!.prompt).toContain(`a mini-batch of ${setting.batchSize} images`);
      for (const part of [params!, inference!, training!]) {
        expect(part.modelAnswer).not.toMatch(/see the working/);
        for (const text of [part.modelAnswer, part.explanation]) {
          if (report.totals.params.total !== 903_400) expect(text).not.toContain('903,400');
          if (inferenceBytes !== 12_613_600) expect(text).not.toContain('12,613,600');
        }
      }
      // The maps it names are the ones shape-math computes for this network.
      for (const layer of report.layers)
        expect(inference!.modelAnswer).toContain(layer.outputShape.join('×'));
    },
  );

  test.each([7, 8, 13])('question 4, variant %i (a 3×3 window, stride 3) does not say "halve"', (seed) => {
    const part = numericParts(engine.question(4, seed))[0]!;
    expect(part.prompt).toContain('3×3 conv layer with stride 3');
    expect(part.explanation).toBe(
      'Both divide by 3 the height and width (stride 3); only one of them has to be trained.',
    );
    const channels = [16, 32, 64, 96, 128, 256, 512][seed % 7]!;
    expect(part.modelAnswer).toBe(
      `${format(9 * channels * channels + channels)}: the conv has 3·3·${channels}·${channels} = ${format(9 * channels * channels)} weights plus ${channels} biases; the pooling layer has none.`,
    );
  });

  // Long et al. 2015: the converted classifier slides over the backbone's map, floor(side / 32) − 7 + 1 positions.
  test.each([0, 1, 2, 3, 4, 5, 6, 7, 8])('question 7, variant %i: the working is its own', (seed) => {
    const part = numericParts(engine.question(7, seed))[0]!;
    const side = [256, 288, 320, 384, 416, 480, 512, 640, 800][seed]!;
    const grid = Math.floor(side / 32) - 7 + 1;
    expect(part.modelAnswer).toMatch(
      new RegExp(`^${grid}×${grid}: the backbone gives a ${Math.floor(side / 32)}×`),
    );
    for (const text of baseTexts(7)) if (side !== 448) expect(part.modelAnswer).not.toBe(text);
  });

  // Every classic backbone downsamples five times by 2 (He 2016; Simonyan 2014; Howard 2017; Szegedy 2015).
  test.each([0, 1, 2, 3, 4])('question 8, variant %i names its own backbone', (seed) => {
    const part = numericParts(engine.question(8, seed))[0]!;
    const title = ['ResNet-18', 'ResNet-50', 'VGG16', 'MobileNet', 'GoogLeNet'][seed]!;
    expect(part.prompt).toContain(title);
    expect(part.modelAnswer).toMatch(
      new RegExp(`^32: a 224×224 image becomes a 7×7 map; ${title} downsamples 5 times`),
    );
  });
});
