import { describe, expect, test } from 'vitest';
import { readChoice } from '../src/grading/choice';
import { gradeNumeric, parseQuantity, QUESTIONS } from '../src/index';
import type { ChoicePart } from '../src/questions/schemas';
import { handNumericPart, measuredAs } from './numeric-hand-parts';
import { grade, text } from './numeric-parts';

/*
 * Issue 18, stop 26: figures and choices as students write them, one case per rule. Each expected
 * value is worked out by hand in the comment beside it; the keys are Géron's (ch. 14 exercises):
 * 903,400 parameters, 12,613,600 bytes for inference, 565,613,600 bytes for training, 16,448,
 * ResNet-50's 25,557,032, an 8×8 grid, a factor of 32.
 */

describe("a memory size within 1% of the key is right (the teacher's standard)", () => {
  // 12.5 MB is 0.1136/12.6136 = 0.90% under 12,613,600 bytes: within 1%, though it rounds 12.6 to no
  // figure written to 0.1 MB.
  test('"12.5 MB" is 0.90% off 12.61 MB: right', () => {
    const result = grade(2, 'ram-inference', '12.5 MB');
    expect(result.score).toBe(1);
    expect(result.feedback[0]).toBe(
      'Correct: 12.5 MB is 0.90% off 12,613,600 bytes (12.61 MB, 12.03 MiB): within 1%, close enough for a memory size.',
    );
  });
  // 12.4 MB is 0.2136/12.6136 = 1.69% off: too far.
  test('"12.4 MB" is 1.69% off: wrong', () => {
    expect(grade(2, 'ram-inference', '12.4 MB').score).toBe(0);
  });
  // 526 + 36 = 562 MB is the training batch without the parameters (3.6136 MB): 0.64% off the key,
  // but it is a known mistake's figure, which a teacher who sees it names.
  test('"562 MB" is within 1% but is the parameters left out: wrong, with that said', () => {
    const result = grade(2, 'ram-training', '562 MB');
    expect(result.score).toBe(0);
    expect(text(result)).toContain('parameters must be in memory too');
  });
  // Bits are never within 1% of a size in bytes: 12.6 Mb is 1.575 MB.
  test('"12.6 Mb" (megabits) stays a wrong unit', () => {
    expect(grade(2, 'ram-inference', '12.6 Mb').score).toBe(0);
  });
});

describe('figures in words and slang', () => {
  test.each([
    // "mill" is a million as "mil" is: 25.6 × 10⁶.
    ['25.6 mill', 'count', 25_600_000],
    // "and a half" after a whole number: 12 + 0.5 = 12.5 MB; "twenty-five and a half million" 25.5 × 10⁶.
    ['roughly 12 and a half megs', 'bytes', 12_500_000],
    ['twenty-five and a half million', 'count', 25_500_000],
    // "half a gig" alone: 0.5 × 10⁹ bytes.
    ['half a gig', 'bytes', 500_000_000],
    // Beside a figure, "half a gigabyte" is a comparison: the figure, 565.6 MB, is the answer.
    ['565.6 MB, so roughly half a gigabyte', 'bytes', 565_600_000],
    // "M bytes" is MB: 12.6 × 10⁶.
    ['12.6 M bytes', 'bytes', 12_600_000],
    // A comma after the scale word of a number in words: 903 × 1000 + 400.
    ['Nine hundred and three thousand, four hundred.', 'count', 903_400],
    // "not 100% sure" says how sure, no figure: "eight" is the answer.
    ["I think it's eight but not 100% sure", 'pixels', 8],
  ] as const)('%j as %s is %d', (answer, unit, value) => {
    expect(parseQuantity(answer, unit).value).toBeCloseTo(value, 6);
  });
});

describe('numbers in a sentence that are not the answer', () => {
  test.each([
    // A denial with a verb: "doesn't give 14", then the working 14 − 7 + 1 = 8 after "so".
    ["It doesn't give 14: the valid 7×7 conv eats 6 of the 14 cells, so 8.", 'pixels', 8],
    ["it isn't 14, it is 8", 'pixels', 8],
    // A size before the thing it measures names it: "the 200×300 image" is no figure.
    [
      "903400 parameters, and none of them depend on the 200×300 image size, unlike a dense layer's.",
      'count',
      903_400,
    ],
    [
      '448/32 = 14, then the 7×7 conv that replaced the first dense layer gives 14 − 7 + 1 = 8 positions across.',
      'pixels',
      8,
    ],
    // What follows ", each" after a figure describes each thing counted: an aside.
    ['Width: 8 cells, each looking at a 224-pixel window, 32 pixels apart.', 'pixels', 8],
    // "x32" alone after a corrected figure is the factor, no running product (16 × 32).
    ['first I got x16 but then I redid it, so x32', 'ratio', 32],
  ] as const)('%j as %s is %d', (answer, unit, value) => {
    expect(parseQuantity(answer, unit).value).toBe(value);
  });
  // "an 8×8 grid" is a grid, the answer: a size before "grid" names no other thing.
  test('"an 8×8 grid of class predictions" is the grid 8', () => {
    expect(parseQuantity('an 8×8 grid of class predictions', 'pixels').value).toBe(8);
  });
  // "a 16448-parameter layer" states the count: only measures of a thing (pixel, bit…) make a name.
  test('"a 16448-parameter layer" is 16,448', () => {
    expect(parseQuantity('a 16448-parameter layer', 'count').value).toBe(16_448);
  });
});

describe('a choice read as a teacher reads it', () => {
  const part = QUESTIONS.find((q) => q.id === 5)!.parts.find((p) => p.kind === 'choice') as ChoicePart;
  // Options: a) same channel across the whole mini-batch, b) same position in neighbouring
  // channels (the key), c) all the activations of the same feature map, d) the layer's own weights.
  test.each([
    // "across" channels: the neighbouring channels (b).
    ['across channels', 1],
    ['cross-channel, same position', 1],
    // A neighbour word after its noun: "channels around it", "depth neighbours" (b).
    ['the channels around it', 1],
    ['depth neighbours', 1],
    ['the channels near it', 1],
    ['depthwise neighbours', 1],
    // The whole feature map is all of one map (c).
    ['the whole feature map', 2],
    // An ordinal with hedges around it; "the last one" is the fourth (d).
    ['def the second', 1],
    ['the 2nd one i think', 1],
    ['the last one', 3],
    // "a" before a hedge or a question mark is the letter.
    ['a I think', 0],
    ['is it a?', 0],
    // Bare nouns that only one option has: "batch" is a's, "weights" d's.
    ['the batch', 0],
    ['the layer weights', 3],
    // The opening letter with its reason in brackets, another letter named in the reason.
    ['b (I think c is instance norm)', 1],
  ] as const)('%j picks option %i (0 = a)', (answer, index) => {
    expect(readChoice(part, answer)).toEqual({ index });
  });
  test.each([
    // "across the batch" is all of the batch (a's), "channels around it" b's: two options.
    ['across the batch, channels around it'],
    // A noun named to be rejected picks nothing: "not the batch".
    ['not the batch'],
    // A second pick in the brackets: two picks.
    ['b (or c)'],
  ])('%j picks nothing', (answer) => {
    expect(readChoice(part, answer)).toHaveProperty('invalid');
  });
});

describe('what a student writes beside the answer', () => {
  test.each([
    // The question's own batch of 50 images, named beside the figure, is no second figure.
    ['~566 MB for a batch of 50', 'bytes', 566_000_000],
    ['roughly 0.57 GB when training on 50', 'bytes', 570_000_000],
    ['about 566 MB with 50 images', 'bytes', 566_000_000],
    // A dash after the answer opens its explanation, as a colon does: 224 / 7 = 32.
    ['32 — 224 becomes 7', 'ratio', 32],
    ['903,400 — 2,800 for conv1, 180,200 for conv2, 720,400 for conv3', 'count', 903_400],
    // "32x (2^5)": the factor 32, its working in an aside (2^5 = 32), not 32 × 2^5 = 1024.
    ['32x (2^5)', 'ratio', 32],
    // A restatement in a coarser unit: 12.6 MB = 12.02 MiB, "about 12 MiB"; 12.6 MB stands.
    ['12.6 MB, i.e. about 12 MiB', 'bytes', 12_600_000],
    // The grid's cells after it: 64 = 8 × 8 is the area, the grid's side 8 is the answer.
    ['8x8 i.e. 64 windows', 'pixels', 8],
  ] as const)('%j as %s is %d', (answer, unit, value) => {
    expect(parseQuantity(answer, unit).value).toBeCloseTo(value, 6);
  });
  // A later figure that is a different amount is still the answer: 9 MB then 12.6 MB.
  test('"9 MB, no wait, 12.6 MB" is 12.6 MB', () => {
    expect(parseQuantity('9 MB, no wait, 12.6 MB', 'bytes').value).toBe(12_600_000);
  });
  // A range is two candidate figures: refused with that said; "5 - 8", spaced, is a subtraction.
  test('"560-570 MB" is refused as a range', () => {
    expect(() => parseQuantity('about 560-570 MB', 'bytes')).toThrow(
      '"560-570 MB" is a range, 560 to 570 MB, not one figure; give one final figure',
    );
  });
});

describe("the classifier's biases left out is named", () => {
  // torchvision's ResNet-50 has 25,557,032 parameters; its classifier is 2048 × 1000 weights + 1000
  // biases, so leaving the biases out gives 25,557,032 − 1,000 = 25,556,032.
  test('"25,556,032" for ResNet-50: wrong, the 1,000 biases of the classifier named', () => {
    const result = grade(6, 'resnet50-params', '25,556,032');
    expect(result.score).toBe(0);
    expect(text(result)).toContain(
      "That leaves out the classifier's biases: its last dense layer has 1,000, one per class, beside its weights.",
    );
  });
});

describe('non-native ways of writing a figure', () => {
  test.each([
    // Dots between groups of three in a whole count are European thousands: a count has no
    // thousandths. 903.400 → 903,400; 1.000 bytes → 1,000; two dots can only be thousands.
    ['903.400', 'count', 903_400],
    ['16.448 params more', 'count', 16_448],
    ['1.000', 'bytes', 1000],
    ['1.234.567 MB', 'bytes', 1_234_567e6],
    ['565.613.600 bytes', 'bytes', 565_613_600],
    // With a scale or a unit of size after it, the dot is the decimal point, as in English.
    ['16.448k', 'count', 16_448],
    ['12.613 MB', 'bytes', 12_613_000],
    // An exponent after the digits keeps them a decimal: 9.034 × 10⁵.
    ['9.034e5', 'count', 903_400],
    // The French octet: Mo is MB, Go GB, Mio MiB (2²⁰ bytes); "3 mio" for a count is still 3 million.
    ['12,6 Mo', 'bytes', 12_600_000],
    ['0,57 Go', 'bytes', 570_000_000],
    ['12 Mio', 'bytes', 12 * 2 ** 20],
    ['3 mio', 'count', 3_000_000],
    // "903 thousand 400": 903 × 1000 + 400, one figure.
    ['903 thousand 400', 'count', 903_400],
    ['903 thousand and 400', 'count', 903_400],
  ] as const)('%j as %s is %d', (answer, unit, value) => {
    expect(parseQuantity(answer, unit).value).toBeCloseTo(value, 3);
  });
  // The other side of a comparison is zero: 16,448 − 0 more; the figure before it is the answer.
  test('"the conv layer adds 16,448 params, max pooling adds 0" is 16,448', () => {
    expect(parseQuantity('the conv layer adds 16,448 params, max pooling adds 0', 'count').value).toBe(
      16_448,
    );
  });
  // A plain "0" is still an answer (wrong, graded so): no figure before it.
  test('"0" alone is 0', () => {
    expect(parseQuantity('0', 'count').value).toBe(0);
  });
  // "1000-class" and "1000 classes" count the classes, a given: the grid 8 is the answer.
  test.each([['8x8 grid of 1000-class predictions'], ['an 8x8 grid, 1000 classes per cell']])(
    '%j is 8',
    (answer) => {
      expect(parseQuantity(answer, 'pixels').value).toBe(8);
    },
  );
});

describe('shapes, comparisons and parts beside the answer', () => {
  test.each([
    // An output shape: the 8×8 grid with its depth (the classes) after it.
    ['8×8×1000', 'pixels', 8],
    ['output: 8 x 8 x num_classes', 'pixels', 8],
    ['(8, 8)', 'pixels', 8],
    ['shape (8, 8, 1000)', 'pixels', 8],
    // A product set equal to a figure stays working: 2 × 2 × 2 = 8.
    ['2x2x2 = 8', 'pixels', 8],
    // A zero set against the figure: 16,448 − 0 more.
    ['16,448 vs 0', 'count', 16_448],
    // A part of the figure before it: "2M of that" is the classifier's share of 25.6M.
    ['about 25.6M params, fc is 2M of that', 'count', 25_600_000],
    ['Total is 903,400 parameters, the biases being 700 of them.', 'count', 903_400],
  ] as const)('%j as %s is %d', (answer, unit, value) => {
    expect(parseQuantity(answer, unit).value).toBe(value);
  });
  // Two sides that differ and are not equal, "(8, 14)", are no square grid: refused as before.
  test('"(8, 14)" is no square grid', () => {
    expect(() => parseQuantity('(8, 14)', 'pixels')).toThrow();
  });
  // Two non-zero figures set against each other are still two figures: refused.
  test('"16,448 vs 16,384" states two figures', () => {
    expect(() => parseQuantity('16,448 vs 16,384', 'count')).toThrow('two different figures');
  });
});

describe('asides, examples and figures set aside', () => {
  test.each([
    // An aside that states the figure more finely: 903k is 903,400 to the thousand; 903,400 is graded.
    ['903k (903,400 exactly)', 'count', 903_400],
    // "rather than", "instead of" set a figure (a whole grid) aside: 8x8 is the answer.
    ['8x8 rather than 14x14', 'pixels', 8],
    ['32 instead of 16', 'ratio', 32],
    // An example after "i.e." that the factor maps between: 224 / 7 = 32.
    ['32x, i.e. 224 → 7', 'ratio', 32],
    // Working left unfinished after the answer: the answer stands.
    ['565.6 MB; ~10.5 MB per image x 50 + inputs + params', 'bytes', 565_600_000],
  ] as const)('%j as %s is %d', (answer, unit, value) => {
    expect(parseQuantity(answer, unit).value).toBe(value);
  });
  // An aside with a different figure is no restatement: the figure outside it stands (903k, too coarse).
  test('"903k (902,700 without biases)" is 903k', () => {
    expect(parseQuantity('903k (902,700 without biases)', 'count')).toMatchObject({
      value: 903_000,
      precision: 1000,
    });
  });
  // Without "i.e." the pair goes on from the figure: "32; 224 -> 8" is 8 (224 / 8 = 28, no illustration).
  test('"32, i.e. 224 -> 8" is 8: 224 / 8 is not 32', () => {
    expect(parseQuantity('32, i.e. 224 -> 8', 'ratio').value).toBe(8);
  });
  // Working unfinished with no answer before it is still refused.
  test('"2,800 + lots" alone is refused', () => {
    expect(() => parseQuantity('2,800 + lots', 'count')).toThrow();
  });
});

describe('a factor said of the area, a second candidate after a comma, a running total in brackets', () => {
  // The area shrinks by the square of the factor on each side: 1024 = 32², so "1024 in area" is
  // 32 a side (right); "32 in area" is √32 = 5.66 a side (wrong).
  test('"1024 in area" is 32 a side: right', () => {
    expect(grade(8, 'output-stride', '1024 in area').score).toBe(1);
  });
  test('"the area shrinks by 32" is 5.66 a side: wrong, and the feedback says so', () => {
    const result = grade(8, 'output-stride', 'the area shrinks by 32');
    expect(result.score).toBe(0);
    expect(result.feedback[0]).toBe(
      'Not quite: you answered 32 of the area (5.66 a side); the answer is 32.',
    );
  });
  // "16, or 32?" offers two candidates in one statement, as "16 or 32?" does: refused.
  test('"16, or 32?" is two candidates', () => {
    expect(() => parseQuantity('16, or 32?', 'ratio')).toThrow('two different figures, 16 and 32');
  });
  // "16,384 (+64 biases = 16,448)": the bracket carries 16,384 on: 16,384 + 64 = 16,448.
  test('"16,384 (+64 biases = 16,448)" is 16,448, its sum checked', () => {
    expect(parseQuantity('16,384 (+64 biases = 16,448)', 'count')).toMatchObject({
      value: 16_448,
      working: [{ text: '16,384 + 64', agrees: true }],
    });
  });
});

describe('a correction after the figure is no explanation of it', () => {
  // After a colon or a dash, "no wait", "actually", "or rather" correct the figure: the later figure
  // (902,700, the count without biases; 16; 14×14) is the answer, not the first.
  test.each([
    ['903,400 — no wait, 902,700', 'count', 902_700],
    ['903,400: actually 902,700', 'count', 902_700],
    ['32 — or rather 16', 'ratio', 16],
    ['8x8 — no, 14x14', 'pixels', 14],
  ] as const)('%j as %s is %d', (answer, unit, value) => {
    expect(parseQuantity(answer, unit).value).toBe(value);
  });
  // An aside that corrects the figure offers a second one: refused, no full marks for 903,400.
  test('"903,400 (no: 902,700)" offers another figure', () => {
    expect(() => parseQuantity('903,400 (no: 902,700)', 'count')).toThrow('offers another figure');
  });
  // An explanation after the colon is still one: "32: 2^5" reads 32.
  test('"32: five stride-2 stages" is 32', () => {
    expect(parseQuantity('32: five stride-2 stages', 'ratio').value).toBe(32);
  });
});

describe('a figure between two steps of a chain', () => {
  // "448 / 32 = 14, 14 − 7 + 1 = 8": 448 / 32 makes 14 (the figure after it), not 8; every step
  // agrees, and no slip is reported.
  test('"448 / 32 = 14, 14 - 7 + 1 = 8": each step checked against the figure after it', () => {
    const parsed = parseQuantity('448 / 32 = 14, 14 - 7 + 1 = 8', 'pixels');
    expect(parsed.value).toBe(8);
    expect(parsed.working?.every((step) => step.agrees)).toBe(true);
    expect(parsed.working?.find((step) => step.text === '448 / 32')).toMatchObject({ equals: '14' });
  });
  // A step that makes neither the figure after it nor the answer is still a slip: 448 / 32 is 14, not 15.
  test('"448 / 32 = 15, 15 - 7 + 1 = 9" reports 448 / 32 as a slip', () => {
    const parsed = parseQuantity('448 / 32 = 15, 15 - 7 + 1 = 9', 'pixels');
    expect(parsed.working?.find((step) => step.text === '448 / 32')).toMatchObject({ agrees: false });
  });
});

describe('a memory size written to the byte is exact', () => {
  // 12,613,601 bytes has all 8 digits of 12,613,600: it states an exact count, one byte over, so it
  // is held to that (the 1% is for roundings), as "25,556,032" is for ResNet-50.
  test('"12,613,601 bytes" is wrong; "12,600,000 bytes" (0.11% off, a rounding) is right', () => {
    expect(grade(2, 'ram-inference', '12,613,601 bytes').score).toBe(0);
    expect(grade(2, 'ram-inference', '12,600,000 bytes').score).toBe(1);
  });
});

describe('edges of the stop-26 rules (found by Stryker on the changed lines)', () => {
  const part = QUESTIONS.find((q) => q.id === 5)!.parts.find((p) => p.kind === 'choice') as ChoicePart;
  test.each([
    // "the ones around": a neighbour word after no noun makes no pair; "same position" alone is b's.
    ['same position, the ones around', 1],
    // "next to" after a noun, as "around" is.
    ['the channels next to it', 1],
    // One feature map next to another is a neighbouring channel (b).
    ['the feature map next to it', 1],
    // "across the batch" is all of the batch: with "the same channel", both of a's pairs.
    ['the same channel across the batch', 0],
    // Bare nouns: "activations" is every option's but d's, "batch" a's alone: a.
    ['the activations of the batch', 0],
  ] as const)('%j picks option %i (0 = a)', (answer, index) => {
    expect(readChoice(part, answer)).toEqual({ index });
  });
  // Neighbouring positions are no option's pair: nothing, even with "around" after the noun.
  test('"the positions around it" picks nothing', () => {
    expect(readChoice(part, 'the positions around it')).toHaveProperty('invalid');
  });
  // An ordinal and a letter are two picks, named in the options' order.
  test('"the fourth one, b" picks b and d', () => {
    expect(readChoice(part, 'the fourth one, b')).toEqual({
      invalid: 'it picks b and d; choose one of a, b, c, d (or 1–4)',
    });
  });
  // 100.0 Mbit is 12.5 MB, 0.9% under the key, but in bits: bits are never a memory size.
  test('"100.0 Mbit" is wrong although 12.5 MB would be right', () => {
    expect(grade(2, 'ram-inference', '100.0 Mbit').score).toBe(0);
  });
  // 559.5 MB is 6.11/565.61 = 1.08% off the key but 5.1/564.6 = 0.90% off the book's figure.
  test('"559.5 MB" is within 1% of the book\'s 564.6 MB only: accepted, with that said', () => {
    const result = grade(2, 'ram-training', '559.5 MB');
    expect(result.score).toBe(1);
    expect(result.feedback[0]).toMatch(
      /^Accepted: 559\.5 MB is within 1% of the book's 564\.6 MB \(0\.90% off;/,
    );
  });
});

describe('the 1% rule for memory, by hand-written parts', () => {
  const request = { kind: 'exercise2', quantity: 'inferenceBytes' } as const;
  const key = measuredAs(request, 12_613_600);
  const memoryPart = (significantDigits: 3 | 'all') =>
    handNumericPart({ unit: 'bytes', significantDigits, measure: request });
  // A size asked to the byte ('all' digits) is no rounding: 12.6 MB is 0.11% off 12,613,600 bytes
  // but too coarse, as a hand-computable count is.
  test('a size asked exactly: "12.6 MB" is too coarse, though within 1%', () => {
    expect(gradeNumeric(memoryPart('all'), '12.6 MB', key).score).toBe(0);
  });
  // 12.65 MB is 12,650,000 bytes exactly, another convention's figure, and 0.29% off the key: the
  // convention it states is named (not "within 1%" of the key).
  test("a figure that is a convention's, and within 1% of the key, is named as that convention's", () => {
    const other = { name: 'Other', measured: 12_650_000, note: 'another convention' };
    expect(gradeNumeric(memoryPart(3), '12.65 MB', key, [other]).feedback[0]).toBe(
      'Correct, by the Other convention: 12,650,000 bytes (12.65 MB, 12.06 MiB).',
    );
  });
  // 20.0 MB is within 1% of both 20,100,000 (0.50% off) and 20,000,000 (its exact figure): the
  // convention it states exactly is named, though the other comes first.
  test('of two conventions, the one a figure states exactly is named', () => {
    const near = { name: 'Near', measured: 20_100_000, note: 'near' };
    const exact = { name: 'Exact', measured: 20_000_000, note: 'exact' };
    expect(gradeNumeric(memoryPart(3), '20.0 MB', key, [near, exact]).feedback[0]).toBe(
      'Correct, by the Exact convention: 20,000,000 bytes (20.00 MB, 19.07 MiB).',
    );
  });
});

describe('the same answer written two ways, with a slash between', () => {
  test.each([
    // 12.6 MB and 12.03 MiB (12,614,369 bytes) are one size: the last form is read, no quotient (≈ 1).
    ['12.6 MB / 12.03 MiB', 'bytes', 12.03 * 2 ** 20],
    ['~25.6M / 25,557,032', 'count', 25_557_032],
    // A grid and its cells: 64 = 8 × 8, the grid's side is the answer.
    ['8x8 / 64 cells', 'pixels', 8],
    // A factor and its area: 1024 = 32², read as 32 a side.
    ['32x / 1024x in area', 'ratio', 32],
    // No spaces and no unit: a division, as before.
    ['448/32 = 14', 'pixels', 14],
  ] as const)('%j as %s is %d', (answer, unit, value) => {
    expect(parseQuantity(answer, unit).value).toBeCloseTo(value, 2);
  });
});
