import { describe as describeArchitecture } from '@cnnkit/architectures';
import { analyze, exercise2Spec } from '@cnnkit/shape-math';
import { describe, expect, test } from 'vitest';
import {
  type ConventionFigure,
  gradeNumeric,
  type Measurement,
  type NumericPart,
  parseQuantity,
  QuizEngine,
} from '../src/index';
import { theoryMeasurement } from './theory';

/*
 * The grader's rules, on figures computed independently by shape-math (the engine tests check the
 * same figures on the real models). Nothing here needs a worker or a database.
 */
const engine = new QuizEngine({
  store: undefined as never,
  measurer: { measure: () => Promise.reject(new Error('not used')) },
});

const numericPart = (questionId: number, partId: string, seed?: number): NumericPart => {
  const part = engine.part(engine.question(questionId, seed), partId);
  if (part.kind !== 'numeric') throw new Error(`${questionId}/${partId} is numeric`);
  return part;
};

/** What the measurement would be, from shape-math alone (`test/theory.ts`). */
const theoryOf = (part: NumericPart): Measurement => theoryMeasurement(part.measure);

const format = (n: number) => n.toLocaleString('en-US');
const grade = (part: NumericPart, answer: string, conventions: ConventionFigure[] = []) =>
  gradeNumeric(part, answer, theoryOf(part), conventions);

describe('a computed count is right when the true value, rounded as written, is what was written', () => {
  const params = numericPart(2, 'params');
  test('shape-math gives 903,400 for exercise 2 (Géron, ch. 14, exercise 2)', () => {
    expect(theoryOf(params).measured).toBe(903_400);
  });

  test.each(['903,400', '903400', '903.4k', '0.9034M', '9.034e5', '903 400 parameters'])(
    '%j: full credit',
    (answer) => {
      const result = grade(params, answer);
      expect(result).toMatchObject({ score: 1, correct: true });
      expect(result.feedback[0]).toMatch(/^Correct: /);
    },
  );

  test.each(['903,401', '904,000', '903,399', '1,203,400'])(
    '%j: wrong, and the first line does not call it correct',
    (answer) => {
      const result = grade(params, answer);
      expect(result.score).toBe(0);
      expect(result.feedback[0]).toBe(`Not quite: you answered ${answer}; the answer is 903,400.`);
      expect(result.feedback.join(' ')).not.toContain('Correct');
    },
  );

  test.each(['0.9M', '903k', '900,000'])(
    '%j: a coarse rounding earns nothing (numeric parts are all-or-nothing) and says the exact figure was asked for',
    (answer) => {
      const result = grade(params, answer);
      expect(result.score).toBe(0);
      expect(result.feedback[0]).toMatch(
        /the exact figure was asked for \(4 significant digits\): 903,400\./,
      );
    },
  );

  // Changed in stop 26 (issue 18, non-native answers): a count has no thousandths, so "903.400"
  // can only be the European 903,400, never a silent 903.4; two dots can only be thousands too.
  test('"903.400" is the European 903,400: full credit, never a silent 903.4', () => {
    expect(grade(params, '903.400')).toMatchObject({ score: 1, correct: true });
    expect(grade(params, '1.234.567').feedback[0]).toBe(
      'Not quite: you answered 1,234,567; the answer is 903,400.',
    );
  });

  test('biases left out: the diagnosis is recomputed on the variant itself', () => {
    // Question 4, variant 5: a 2×2 stride-2 conv on 256 channels. Weights alone: 2·2·256·256.
    const part = numericPart(4, 'extra-params', 5);
    expect(part.prompt).toContain('256-channel');
    const truth = theoryOf(part).measured;
    expect(truth).toBe(2 * 2 * 256 * 256 + 256);
    const result = grade(part, String(2 * 2 * 256 * 256));
    expect(result.score).toBe(0);
    expect(result.feedback[1]).toMatch(
      /without the biases|kernel weights alone .* one bias per filter, 256 more/,
    );
    // And on exercise 2: the three layers' weights without their 700 biases.
    expect(grade(params, '902,700').feedback[1]).toMatch(/without the biases/);
  });
});

describe('memory: three significant figures, a unit, bytes not bits, MB not MiB', () => {
  const inference = numericPart(2, 'ram-inference');
  const training = numericPart(2, 'ram-training');

  test.each([
    [inference, '12.6 MB'],
    [inference, '12,613,600 bytes'],
    [inference, '12613600'],
    [inference, '12.03 MiB'],
    [inference, '0.0126 GB'],
    [training, '565.6 MB'],
    [training, '566 MB'],
    [training, '565,613,600'],
  ])('%#: %j is right', (part, answer) => {
    expect(grade(part, answer)).toMatchObject({ score: 1, correct: true });
  });

  test('a bare "12.6" asks for the unit instead of being read as 12.6 bytes', () => {
    expect(() => grade(inference, '12.6')).toThrow('"12.6" needs a unit: is it bytes, MB or MiB?');
    expect(() => grade(inference, '565')).toThrow('needs a unit');
  });

  test('"13 MB" is a coarse rounding: no credit', () => {
    expect(grade(inference, '13 MB').score).toBe(0);
  });

  test('"12.6 Mb" is megabits, an eighth of the bytes meant: wrong, and the grader says why', () => {
    const result = grade(inference, '12.6 Mb');
    expect(result.score).toBe(0);
    expect(result.feedback.join(' ')).toMatch(/"Mbit" is bits, not bytes: 12\.6 Mb is only 1,575,000 bytes/);
    expect(parseQuantity('12.6 Mb', 'bytes')).toMatchObject({ value: 1_575_000, bits: true });
  });

  test('"101 Mbit" is the right amount, in bits: a wrong unit, no credit, memory is counted in bytes', () => {
    const result = grade(inference, '101 Mbit');
    expect(result.score).toBe(0);
    expect(result.feedback[0]).toMatch(/in bits; memory is counted in bytes/);
  });

  test('12.6 MiB: the number fits MB', () => {
    const result = grade(inference, '12.6 MiB');
    expect(result.score).toBe(0);
    expect(result.feedback[1]).toMatch(
      /Your number fits the decimal \(MB\) unit: 1 MB = 1,000,000 bytes but 1 MiB = 1,048,576 bytes/,
    );
  });

  test('near misses are diagnosed from the exercise recomputed under the mistake', () => {
    const report = analyze(exercise2Spec(), { batchSize: 50 });
    const perImage = analyze(exercise2Spec(), { batchSize: 1 }).memory.trainingMinimum.bytes;
    const valid = analyze(exercise2Spec({ padding: 'valid' })).memory.inference.bytes;
    const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
    const cases: [NumericPart, string, RegExp][] = [
      [inference, mb(report.memory.inference.peakActivationBytes), /parameters must be in memory too/],
      [inference, mb(valid), /padding 0 \("valid"\)/],
      [training, '562 MB', /parameters must be in memory too/],
      [
        training,
        mb(report.memory.trainingMinimum.bytes - report.memory.trainingMinimum.inputBytes),
        /leaves out the input batch/,
      ],
      [training, mb(perImage), /the figure for one image/],
      [training, '4.525 GB', /off by a factor of 8: bits and bytes/],
    ];
    for (const [part, answer, why] of cases) {
      const result = grade(part, answer);
      expect(result.score, answer).toBe(0);
      expect(result.feedback[1], answer).toMatch(why);
    }
  });

  test('a 16-bit variant answered with 4 bytes per value is told so, from its own numbers', () => {
    // Variant 17 (seed-drawn): float16, batch 100 (see its prompt); the float32 figure is twice its own.
    const part = numericPart(2, 'ram-training', 17);
    expect(part.prompt).toContain('16-bit float16');
    const request = theoryOf(part).request;
    if (request.kind !== 'exercise2') throw new Error('exercise 2');
    const asFloat32 = analyze(exercise2Spec(request.network), { batchSize: request.batchSize }).memory
      .trainingMinimum.bytes;
    const result = grade(part, `${format(asFloat32)} bytes`);
    expect(result.score).toBe(0);
    expect(result.feedback[1]).toBe(
      'That figure counts 4 bytes per value (32-bit floats); this network uses float16, 2 bytes per value.',
    );
  });

  test("the book's 564.6 MB is accepted, with a note on its rounding", () => {
    const result = grade(training, '564.6 MB');
    expect(result.score).toBe(1);
    expect(result.feedback.join(' ')).toMatch(/rounds each image's activations to 10\.5 MB/);
  });

  test('the feedback prints each figure once', () => {
    const result = grade(inference, '12.6 MB');
    expect(result.feedback[0]).toBe(
      'Correct: 12.6 MB is 12,613,600 bytes (12.61 MB, 12.03 MiB) rounded to 0.1 MB.',
    );
    for (const line of result.feedback) expect(line).not.toMatch(/\([^)]*\([^)]*\)[^)]*\)/);
  });
});

describe('a recalled figure must be within 1%; another convention is right with a note', () => {
  const resnet = numericPart(6, 'resnet50-params');
  const keras = describeArchitecture('resnet50-keras').totals.params.total;
  // Each convention's figure from the Keras-style network it names (trainable, or in total).
  const conventions: ConventionFigure[] = resnet.conventions.map((c) => ({
    name: c.name,
    note: c.note,
    measured:
      c.measure.kind === 'architectureParams'
        ? describeArchitecture(c.measure.architecture as 'resnet50-keras').totals.params[c.measure.count]
        : Number.NaN,
  }));

  test('torchvision counts 25,557,032 and Keras 25,636,712 (their model documentation)', () => {
    expect(theoryOf(resnet).measured).toBe(25_557_032);
    expect(keras).toBe(25_636_712);
  });

  test.each(['25.6M', '25,557,032', '2.56e7'])('%j is right', (answer) => {
    expect(grade(resnet, answer, conventions)).toMatchObject({ score: 1 });
  });

  test("Keras' 25,636,712 is right, with a note on the convention", () => {
    const result = grade(resnet, '25,636,712', conventions);
    expect(result.score).toBe(1);
    expect(result.feedback[0]).toBe('Correct, by the Keras convention: 25,636,712.');
    expect(result.feedback[1]).toMatch(/running mean and variance/);
  });

  test('"30 million" and "26 million" are too coarse (17.4% and 1.73% off); "25 million" is wrong', () => {
    expect(grade(resnet, '30 million', conventions).score).toBe(0);
    expect(grade(resnet, '30 million', conventions).feedback[0]).toMatch(/^Too coarse/);
    expect(grade(resnet, '26 million', conventions).score).toBe(0);
    expect(grade(resnet, '26 million', conventions).feedback[0]).toMatch(/^Too coarse/);
    expect(grade(resnet, '25 million', conventions).score).toBe(0);
  });
});
