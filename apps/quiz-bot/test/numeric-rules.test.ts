import { formatBytes } from '@cnnkit/shape-math';
import { describe, expect, test } from 'vitest';
import { type ConventionFigure, describeValue, gradeChoice, gradeNumeric } from '../src/grading/grade';
import { type ChoicePart, choicePartSchema, type NumericPart } from '../src/questions/schemas';
import type { MeasurementRequestInput } from '../src/verify/requests';
import { handNumericPart, measuredAs } from './numeric-hand-parts';

/*
 * The numeric grader's rules, each branch with its whole feedback. The keys are Géron's exercise 2
 * (Hands-On ML, 3rd ed., 2022, ch. 14): a 200×300 RGB image, three 3×3 conv layers, stride 2,
 * "same" padding, 100, 200 and 400 filters.
 * - Parameters: (3·3·3 + 1)·100 + (3·3·100 + 1)·200 + (3·3·200 + 1)·400 = 2,800 + 180,200 +
 *   720,400 = 903,400, 3,613,600 bytes at 32-bit floats.
 * - Inference RAM: outputs 100×150×100 and 50×75×200 at 4 bytes, 6,000,000 + 3,000,000 bytes,
 *   plus the parameters: 12,613,600 bytes (12.6 MB). ×8 = 100,908,800 bits; ÷8 = 1,576,700.
 * - Training RAM, batch 50: (10,520,000 + 720,000)·50 + 3,613,600 = 565,613,600 bytes.
 * The diagnoses quoted below are derived in `numeric-mistakes.test.ts`. `formatBytes` only writes
 * a byte count the way every figure is shown (its own tests cover it).
 */
const part = (fields: Record<string, unknown>): NumericPart =>
  handNumericPart({
    prompt: 'How much is it, exactly?',
    sources: ['Géron, Hands-On ML (3rd ed., 2022), ch. 14 exercise 2'],
    ...fields,
  });
const measured = measuredAs;
const AS_PREDICTED = "Measured on the real model (test), as shape-math's theory predicts.";
const MEASURED_TAIL = [AS_PREDICTED, 'How it was measured.'];

const params = part({
  unit: 'count',
  significantDigits: 'all',
  measure: { kind: 'exercise2', quantity: 'params' },
  notesFigures: [{ answer: '28 x 99', correction: 'the maps are 100×150 (ceil(input / stride)).' }],
});
const paramsKey = measured({ kind: 'exercise2', quantity: 'params' }, 903_400);
const gradeParams = (answer: string) => gradeNumeric(params, answer, paramsKey);

const inference = part({
  unit: 'bytes',
  significantDigits: 3,
  measure: { kind: 'exercise2', quantity: 'inferenceBytes' },
});
const inferenceKey = measured({ kind: 'exercise2', quantity: 'inferenceBytes' }, 12_613_600);
const gradeInference = (answer: string) => gradeNumeric(inference, answer, inferenceKey);
const INFERENCE = formatBytes(12_613_600);

describe('a computed count (903,400): the key rounded as written, with every digit', () => {
  test.each(['903,400', '903.4k', '0.9034M'])('%j is the figure itself: "Correct: 903,400."', (answer) => {
    expect(gradeParams(answer)).toEqual({
      score: 1,
      correct: true,
      feedback: ['Correct: 903,400.', ...MEASURED_TAIL],
    });
  });

  test('"903k" is a coarse rounding: nothing (numeric parts are all-or-nothing), and the exact figure was asked for', () => {
    expect(gradeParams('903k')).toEqual({
      score: 0,
      correct: false,
      feedback: [
        'Too coarse: 903k is 903,400 rounded to 1 thousand, but the exact figure was asked for (4 significant digits): 903,400.',
        ...MEASURED_TAIL,
      ],
    });
  });

  test('"903,401" is wrong, and no known mistake explains it', () => {
    expect(gradeParams('903,401')).toEqual({
      score: 0,
      correct: false,
      feedback: ['Not quite: you answered 903,401; the answer is 903,400.', ...MEASURED_TAIL],
    });
  });

  test('"902,700" is the count without the 700 biases, and is told so', () => {
    expect(gradeParams('902,700').feedback).toEqual([
      'Not quite: you answered 902,700; the answer is 903,400.',
      'That is the count without the biases: each filter also has one bias, so every layer adds (k·k·C_in + 1)·filters.',
      ...MEASURED_TAIL,
    ]);
  });

  test("the study notes' own figure gets the notes' correction, however the × is written", () => {
    for (const answer of ['28 x 99', '28×99', '28 * 99', '28 X 99']) {
      expect(gradeParams(answer).feedback[1], answer).toBe(
        'That is the study notes\' own figure ("28 x 99"), and it is not right: the maps are 100×150 (ceil(input / stride)).',
      );
    }
  });

  test('a size written for a count is named for what it is (100 × 150 = 15,000)', () => {
    expect(gradeParams('100 x 150').feedback[1]).toBe(
      '100 × 150 reads as a size (height × width), not a count: 15,000 is not the number asked for.',
    );
    // A stride question takes "4 x 4" as a product, not as a size (4 × 4 = 16, the key is 32).
    const stride = part({
      unit: 'ratio',
      significantDigits: 'all',
      measure: { kind: 'outputStride', architecture: 'resnet50' },
    });
    const result = gradeNumeric(
      stride,
      '4 x 4',
      measured({ kind: 'outputStride', architecture: 'resnet50' }, 32),
    );
    expect(result.feedback).toEqual(['Not quite: you answered 4 x 4; the answer is 32.', ...MEASURED_TAIL]);
  });

  test('when the theory differs from the measurement, both are shown', () => {
    const key = measured({ kind: 'exercise2', quantity: 'params' }, 903_400, 903_000);
    expect(gradeNumeric(params, '903,400', key).feedback).toEqual([
      'Correct: 903,400.',
      "Measured on the real model (test): 903,400; shape-math's theory says 903,000.",
      'How it was measured.',
    ]);
  });
});

describe("the digits required: all of a count, or the part's number when the key has as many", () => {
  test('a recalled figure must be within 1% of the key: "30 million" is 17.4% off 25,557,032', () => {
    // torchvision's ResNet-50 has 25,557,032 parameters (its model documentation).
    const resnet = part({
      unit: 'count',
      rule: 'recalled',
      significantDigits: 3,
      measure: { kind: 'architectureParams', architecture: 'resnet50', count: 'trainable' },
    });
    const key = measured(
      { kind: 'architectureParams', architecture: 'resnet50', count: 'trainable' },
      25_557_032,
    );
    expect(gradeNumeric(resnet, '30 million', key)).toEqual({
      score: 0,
      correct: false,
      feedback: [
        // (30 − 25.557032) / 25.557032 = 0.1738…: 17.4%.
        'Too coarse: 30 million is 25,557,032 rounded to 10 million, 17.4% off it; a figure quoted from memory must be within 1% of it (three significant figures are): 25,557,032.',
        ...MEASURED_TAIL,
      ],
    });
    // 26M: (26 − 25.557032) / 25.557032 = 1.733…%: the rounding to the million, but over 1% off.
    expect(gradeNumeric(resnet, '26M', key).feedback[0]).toBe(
      'Too coarse: 26M is 25,557,032 rounded to 1 million, 1.73% off it; a figure quoted from memory must be within 1% of it (three significant figures are): 25,557,032.',
    );
    // Keras counts 25,636,712 (its batch-norm statistics too): another convention, right with a note.
    const keras: ConventionFigure = { name: 'Keras', measured: 25_636_712, note: 'Keras counts them too.' };
    expect(gradeNumeric(resnet, '25,636,712', key, [keras])).toEqual({
      score: 1,
      correct: true,
      feedback: ['Correct, by the Keras convention: 25,636,712.', 'Keras counts them too.', ...MEASURED_TAIL],
    });
    // A convention is held to the same 1%: "40M" is 2.99% off a 41,234,567 convention (and 25,557,032
    // to the ten million is 30M, not 40M): wrong; "41.2M" is 0.08% off it: right.
    const other: ConventionFigure = { name: 'Other', measured: 41_234_567, note: 'Another count.' };
    expect(gradeNumeric(resnet, '40M', key, [other]).score).toBe(0);
    expect(gradeNumeric(resnet, '41.2M', key, [other]).score).toBe(1);
  });

  test('a key with fewer digits than asked needs only its own: an output stride of 8 is "8"', () => {
    // 8 has one significant digit; the part asks for 3: min(3, 1) = 1.
    const stride = part({
      unit: 'ratio',
      significantDigits: 3,
      measure: { kind: 'outputStride', architecture: 'resnet50' },
    });
    const result = gradeNumeric(stride, '8', measured({ kind: 'outputStride', architecture: 'resnet50' }, 8));
    expect(result.feedback[0]).toBe('Correct: 8.');
    expect(result.score).toBe(1);
  });
});

describe('memory (12,613,600 bytes): three digits, bytes not bits, MB not MiB', () => {
  test('"12.6 MB" is right, rounded to 0.1 MB; "12,613,600 bytes" is the figure itself', () => {
    expect(gradeInference('12.6 MB').feedback[0]).toBe(`Correct: 12.6 MB is ${INFERENCE} rounded to 0.1 MB.`);
    expect(gradeInference('12,613,600 bytes').feedback[0]).toBe(`Correct: ${INFERENCE}.`);
    // A bare whole number of bytes is read to the byte: 12,613,600 rounded to 100 is 12,613,600.
    expect(gradeInference('12613600').feedback[0]).toBe(`Correct: ${INFERENCE}.`);
  });

  test('"13 MB" is too coarse: a memory size needs three significant digits', () => {
    expect(gradeInference('13 MB').score).toBe(0);
    expect(gradeInference('13 MB').feedback[0]).toBe(
      `Too coarse: 13 MB is ${INFERENCE} rounded to 1 MB, but the exact figure was asked for (3 significant digits): ${INFERENCE}.`,
    );
  });

  test('"101 Mbit" is the right amount in bits (12,625,000 bytes, read to 125,000): a wrong unit, nothing', () => {
    expect(gradeInference('101 Mbit')).toEqual({
      score: 0,
      correct: false,
      feedback: [
        `Wrong unit: 101 Mbit is the right amount, but in bits; memory is counted in bytes (1 byte = 8 bits): ${INFERENCE}.`,
        ...MEASURED_TAIL,
      ],
    });
  });

  test('"12.6 Mb" is megabits, 12,600,000 / 8 = 1,575,000 bytes; eight times that fits', () => {
    expect(gradeInference('12.6 Mb').feedback).toEqual([
      `Not quite: you answered 12.6 Mb; the answer is ${INFERENCE}.`,
      `"Mbit" is bits, not bytes: 12.6 Mb is only ${formatBytes(1_575_000)}. A capital B means bytes (MB), a small b bits (Mb); 1 byte = 8 bits.`,
      ...MEASURED_TAIL,
    ]);
  });

  test('"5 Mbit" is bits and not the amount either', () => {
    expect(gradeInference('5 Mbit').feedback).toEqual([
      `Not quite: you answered 5 Mbit; the answer is ${INFERENCE}.`,
      '5 Mbit is in bits; memory is counted in bytes (1 byte = 8 bits).',
      ...MEASURED_TAIL,
    ]);
  });

  test.each([
    // 12,613,600 × 8 = 100,908,800: 100.9 MB; 12,613,600 / 8 = 1,576,700: 1.58 MB.
    '100.9 MB',
    '1.58 MB',
  ])('%j is off by a factor of 8', (answer) => {
    expect(gradeInference(answer).feedback[1]).toBe(
      'Your figure is off by a factor of 8: bits and bytes are mixed up (1 byte = 8 bits, a 32-bit float takes 4 bytes).',
    );
  });

  test('the other unit base: "12.6 MiB" fits MB, "12.03 MB" fits MiB', () => {
    // 12.6 MiB × 2^20 / 10^6 read as MB is 12.6 MB; 12.03 MB × 10^6 / 2^20 is 12.03 MiB
    // (12,613,600 / 1,048,576 = 12.029…).
    expect(gradeInference('12.6 MiB').feedback[1]).toBe(
      `Your number fits the decimal (MB) unit: 1 MB = 1,000,000 bytes but 1 MiB = 1,048,576 bytes, so the answer is ${INFERENCE}.`,
    );
    expect(gradeInference('12.03 MB').feedback[1]).toBe(
      `Your number fits the binary (MiB) unit: 1 MB = 1,000,000 bytes but 1 MiB = 1,048,576 bytes, so the answer is ${INFERENCE}.`,
    );
  });

  test('"17 MB" fits no known mistake: no diagnosis', () => {
    expect(gradeInference('17 MB').feedback).toEqual([
      `Not quite: you answered 17 MB; the answer is ${INFERENCE}.`,
      ...MEASURED_TAIL,
    ]);
    expect(gradeInference('17 MiB').feedback).toEqual([
      `Not quite: you answered 17 MiB; the answer is ${INFERENCE}.`,
      ...MEASURED_TAIL,
    ]);
  });

  test('a known mistake comes first: "14.9 MB" keeps every output (14,853,600 bytes)', () => {
    expect(gradeInference('14.9 MB').feedback[1]).toMatch(
      /^That keeps every layer's output \(and the input\)/,
    );
  });

  test('a network the diagnoses cannot be worked out on is still graded (issue 18)', () => {
    // A 2×2 image cannot take a 3×3 "valid" kernel: no mistake and no convention can be computed.
    const request: MeasurementRequestInput = {
      kind: 'exercise2',
      quantity: 'inferenceBytes',
      network: { height: 2, width: 2, padding: 'valid' },
    };
    const broken = part({ unit: 'bytes', significantDigits: 3, measure: request });
    expect(gradeNumeric(broken, '17 MB', measured(request, 12_613_600)).feedback).toEqual([
      `Not quite: you answered 17 MB; the answer is ${INFERENCE}.`,
      ...MEASURED_TAIL,
    ]);
  });
});

describe("another counting convention and the book's rounding", () => {
  test('inference RAM where the input is the larger neighbour: Géron\'s "two consecutive layers" is right too', () => {
    // A 3×3 RGB image, three 1×1 convs of one filter, stride 1, float32. Input 27 values = 108
    // bytes; each output 9 values = 36 bytes; parameters (3 + 1) + (1 + 1) + (1 + 1) = 8 = 32
    // bytes. With the input held: 108 + 36 + 32 = 176. Two consecutive layers: 36 + 36 + 32 = 104.
    const request: MeasurementRequestInput = {
      kind: 'exercise2',
      quantity: 'inferenceBytes',
      network: { height: 3, width: 3, channels: 3, kernelSize: 1, strides: 1, filters: [1, 1, 1] },
    };
    const small = part({ unit: 'bytes', significantDigits: 3, measure: request });
    const result = gradeNumeric(small, '104 B', measured(request, 176));
    expect(result).toEqual({
      score: 1,
      correct: true,
      feedback: [
        `Correct, by the Géron ("two consecutive layers", the input not counted) convention: ${formatBytes(104)}.`,
        `This quiz counts the input (108 bytes) beside the first layer's output, since the layer still reads it while writing its output (the real forward pass holds both); on this network that pair is the largest, which gives ${formatBytes(176)}.`,
        ...MEASURED_TAIL,
      ],
    });
    expect(gradeNumeric(small, '176 B', measured(request, 176)).feedback[0]).toBe(
      `Correct: ${formatBytes(176)}.`,
    );
  });

  test('exercise 2 itself has one figure: both conventions give 12,613,600', () => {
    // 720,000 + 6,000,000 < 6,000,000 + 3,000,000: the input is not in the largest pair.
    expect(gradeInference('12.6 MB').feedback).toHaveLength(3);
  });

  test("training RAM: the book's 564.6 MB, as written or rounded, with its note", () => {
    const training = part({
      unit: 'bytes',
      significantDigits: 3,
      measure: { kind: 'exercise2', quantity: 'trainingBytes', batchSize: 50 },
      bookFigures: [
        { answer: '564.6 MB', source: 'the book', note: 'The book rounds each image to 10.5 MB.' },
      ],
    });
    const key = measured({ kind: 'exercise2', quantity: 'trainingBytes', batchSize: 50 }, 565_613_600);
    const exact = formatBytes(565_613_600);
    expect(gradeNumeric(training, '564.6 MB', key)).toEqual({
      score: 1,
      correct: true,
      feedback: [
        `Accepted: 564.6 MB is the book's 564.6 MB (the book); the exact figure is ${exact}.`,
        'The book rounds each image to 10.5 MB.',
        ...MEASURED_TAIL,
      ],
    });
    // 564.6 MB to the megabyte is 565 MB; 565,613,600 bytes would be 566 MB.
    expect(gradeNumeric(training, '565 MB', key).feedback[0]).toBe(
      `Accepted: 565 MB is the book's 564.6 MB rounded to 1 MB (the book); the exact figure is ${exact}.`,
    );
    // 0.5646 GB to the hundredth is 0.56 GB, two digits of the three asked, but three significant
    // digits means within 10^(1-3) = 1% of the figure: 0.56 GB is 0.8% under the book's 564.6 MB,
    // so it is accepted; 0.6 GB (6.3% over) is too coarse: nothing.
    const coarse = gradeNumeric(training, '0.56 GB', key);
    expect(coarse.score).toBe(1);
    expect(coarse.feedback[0]).toMatch(/^Accepted: 0\.56 GB is the book's 564\.6 MB/);
    expect(gradeNumeric(training, '0.6 GB', key).score).toBe(0);
    expect(gradeNumeric(training, '0.6 GB', key).feedback[0]).toMatch(
      /^Too coarse: 0\.6 GB is 565,613,600 bytes .* rounded to 0\.1 GB, but the exact figure was asked for/,
    );
  });
});

describe('the working beside the figure', () => {
  test('a step that differs from a right figure: named, and the last figure is graded', () => {
    expect(gradeParams('904,000 = 903,400').feedback).toEqual([
      'Correct: 903,400.',
      'You set 904,000 equal to 903,400, but they differ; the last figure is what is graded.',
      ...MEASURED_TAIL,
    ]);
  });

  test('a step that differs from a wrong figure: named, with nothing about what is graded', () => {
    expect(gradeParams('904,000 = 903,401').feedback).toEqual([
      'Not quite: you answered 903,401; the answer is 903,400.',
      'You set 904,000 equal to 903,401, but they differ.',
      ...MEASURED_TAIL,
    ]);
  });

  test('a sum that does not add up: 2,800 + 180,200 + 720,000 is 903,000', () => {
    expect(gradeParams('2,800 + 180,200 + 720,000 = 903,400').feedback[1]).toBe(
      'Your working does not add up: 2,800 + 180,200 + 720,000 makes 903,000, not 903,400; the figure you stated is what is graded, so check the arithmetic.',
    );
    expect(gradeParams('2,800 + 180,200 + 720,000 = 903,401').feedback).toEqual([
      'Not quite: you answered 903,401; the answer is 903,400.',
      'Your working does not add up: 2,800 + 180,200 + 720,000 makes 903,000, not 903,401.',
      ...MEASURED_TAIL,
    ]);
  });

  test('right working, wrong figure: the slip is in the last step, said once', () => {
    expect(gradeParams('2,800 + 180,200 + 720,400 = 904,400').feedback).toEqual([
      'Not quite: you answered 904,400; the answer is 903,400.',
      'Your working 2,800 + 180,200 + 720,400 makes 903,400, which is right (903,400): the slip is in the figure you stated, 904,400.',
      ...MEASURED_TAIL,
    ]);
    expect(gradeParams('903,400 = 904,000').feedback).toEqual([
      'Not quite: you answered 904,000; the answer is 903,400.',
      'You wrote 903,400, which is right (903,400), but the last figure, 904,000, is the answer graded.',
      ...MEASURED_TAIL,
    ]);
  });

  test('a too coarse figure is not told that its working was right instead', () => {
    // 903,400 and 903k agree at the thousand; 903k is too coarse, and that is all that is said.
    expect(gradeParams('903,400 = 903k').feedback).toEqual([
      'Too coarse: 903k is 903,400 rounded to 1 thousand, but the exact figure was asked for (4 significant digits): 903,400.',
      ...MEASURED_TAIL,
    ]);
  });
});

describe('working is held to the digits it wrote, as a figure alone is', () => {
  test('"2 MB + 1.9 MB" is 3.9 MB to 0.1 MB: two digits, too coarse for 3,852,345 bytes as "3.9 MB" is', () => {
    // A key of 3,852,345 bytes (a made-up 3-digit memory question): 3.9 MB is it rounded to
    // 0.1 MB, two significant digits of the three asked (39 steps of 0.1 MB), and 1.2% off, outside
    // the 1% that three digits allow: no credit, written alone or summed. 3.85 MB is the figure.
    const request: MeasurementRequestInput = { kind: 'exercise2', quantity: 'inferenceBytes' };
    const memory = part({ unit: 'bytes', significantDigits: 3, measure: request });
    const key = measured(request, 3_852_345);
    expect(gradeNumeric(memory, '3.9 MB', key).score).toBe(0);
    expect(gradeNumeric(memory, '2 MB + 1.9 MB', key).score).toBe(0);
    // The working made the stated figure: no slip in a step is named.
    expect(gradeNumeric(memory, '2 MB + 1.9 MB', key).feedback.join(' ')).not.toMatch(/slip|working/i);
    expect(gradeNumeric(memory, '2 MB + 1.85 MB', key).score).toBe(1);
  });
});

describe('figures are written once, the way every figure is', () => {
  test('a byte count to the byte, with its decimal and binary sizes; a count to two decimals', () => {
    expect(describeValue(12_613_600.4, 'bytes')).toBe(formatBytes(12_613_600));
    expect(describeValue(903_400, 'count')).toBe('903,400');
    expect(describeValue(1_234.5678, 'ratio')).toBe('1,234.57');
  });
});

describe('multiple choice', () => {
  const choice: ChoicePart = choicePartSchema.parse({
    id: 'lrn',
    kind: 'choice',
    prompt: 'Which activations does local response normalization use?',
    modelAnswer: 'b) neighbouring channels',
    explanation: 'The neighbouring channels at the same position.',
    sources: ['Krizhevsky et al. 2012'],
    options: ['the whole layer', 'neighbouring channels', 'the previous layer', 'none'],
    correct: 1,
  });
  const right = { score: 1, correct: true, feedback: ['Correct.'] };

  test.each(['b', 'B', ' b) ', 'b.', '2', 'Neighbouring channels'])('%j is the right option', (answer) => {
    expect(gradeChoice(choice, answer)).toEqual(right);
  });

  test.each(['a', 'c)', '4'])('%j names the right option', (answer) => {
    expect(gradeChoice(choice, answer)).toEqual({
      score: 0,
      correct: false,
      feedback: ['Not this one: the answer is b) neighbouring channels.'],
    });
  });

  test.each(['e', 'h', '5', '8', 'ab', 'b2', '12', '0', 'i', 'something else', '.2', '1a'])(
    '%j is no option: the allowed letters and numbers are listed',
    (answer) => {
      expect(gradeChoice(choice, answer)).toEqual({ invalid: 'choose one of a, b, c, d (or 1–4)' });
    },
  );
});

describe('what each diagnosis is kept for', () => {
  test('a bare count rounded to 100,000 says so without a unit word', () => {
    // 903,400 to the hundred thousand is 900,000: one significant digit of the four asked.
    expect(gradeParams('900,000').feedback[0]).toBe(
      'Too coarse: 900,000 is 903,400 rounded to 100,000, but the exact figure was asked for (4 significant digits): 903,400.',
    );
  });

  test('a working that makes the key up to floating-point noise is the key itself', () => {
    // 9.034 × 100,000 = 903,400 (9.034 * 1e5 is 903,400.0000000001 in binary floating point).
    expect(gradeParams('9.034 * 100000').feedback[0]).toBe('Correct: 903,400.');
  });

  test("the notes' figure is recognised however the notes wrote the ×", () => {
    const notes = part({
      unit: 'count',
      significantDigits: 'all',
      measure: { kind: 'exercise2', quantity: 'params' },
      notesFigures: [{ answer: '28 × 99', correction: 'the maps are 100×150 (ceil(input / stride)).' }],
    });
    expect(gradeNumeric(notes, '28 x 99', paramsKey).feedback[1]).toBe(
      'That is the study notes\' own figure ("28 × 99"), and it is not right: the maps are 100×150 (ceil(input / stride)).',
    );
  });

  test.each(['2 + 100 x 150', '100 x 150 + 2'])('%j is working, not a size', (answer) => {
    // 2 + 15,000 = 15,002: wrong, and not "a size".
    expect(gradeParams(answer).feedback).toEqual([
      `Not quite: you answered ${answer}; the answer is 903,400.`,
      ...MEASURED_TAIL,
    ]);
  });

  test('"13 MiB" is 13 MB in the wrong unit: 12,613,600 bytes is 13 MB to the megabyte', () => {
    // 13 MiB read as MB: 13 × 2^20 × 10^6 / 2^20 = 13,000,000, to 1,000,000: 12.6 → 13 fits. (A
    // key with no known mistakes: exercise 2's 14,133,600-byte mistake is also 13 MiB.)
    const request: MeasurementRequestInput = {
      kind: 'architectureParams',
      architecture: 'resnet50',
      count: 'total',
    };
    const memory = part({ unit: 'bytes', significantDigits: 3, measure: request });
    expect(gradeNumeric(memory, '13 MiB', measured(request, 12_613_600)).feedback[1]).toBe(
      `Your number fits the decimal (MB) unit: 1 MB = 1,000,000 bytes but 1 MiB = 1,048,576 bytes, so the answer is ${INFERENCE}.`,
    );
  });

  test("a step in the learner's unit is shown to its written place: 0.0126 GB is to 0.0001 GB", () => {
    // 12,613,600 bytes to 10^-4 GB (100,000 bytes) is 126 steps: 0.0126 GB, three digits.
    expect(gradeInference('0.0126 GB').feedback[0]).toBe(
      `Correct: 0.0126 GB is ${INFERENCE} rounded to 0.0001 GB.`,
    );
  });

  test.each(['100×150', '100*150', '100X150'])(
    '%j, a size for a count, is named for what it is',
    (answer) => {
      expect(gradeParams(answer).feedback[1]).toBe(
        `${answer.slice(0, 3)} × 150 reads as a size (height × width), not a count: 15,000 is not the number asked for.`,
      );
    },
  );

  test('a count is not told about bits and bytes: 903,400 × 8 = 7,227,200', () => {
    expect(gradeParams('7,227,200').feedback).toEqual([
      'Not quite: you answered 7,227,200; the answer is 903,400.',
      ...MEASURED_TAIL,
    ]);
  });

  test('plain bytes have no unit base to mix up: 12,613,600 / 1.048576 = 12,029,266.36: 12,029,266 bytes', () => {
    expect(gradeInference('12,029,266 bytes').feedback).toEqual([
      `Not quite: you answered 12,029,266 bytes; the answer is ${INFERENCE}.`,
      ...MEASURED_TAIL,
    ]);
  });

  test('a parameter count is not graded by a memory convention', () => {
    // The 3×3 RGB network of the convention test has (3 + 1) + (1 + 1) + (1 + 1) = 8 parameters;
    // its memory conventions (176 and 104 bytes) say nothing about a count: "104" is wrong.
    const request: MeasurementRequestInput = {
      kind: 'exercise2',
      quantity: 'params',
      network: { height: 3, width: 3, channels: 3, kernelSize: 1, strides: 1, filters: [1, 1, 1] },
    };
    const count = part({ unit: 'count', significantDigits: 'all', measure: request });
    expect(gradeNumeric(count, '104', measured(request, 8)).score).toBe(0);
  });
});
