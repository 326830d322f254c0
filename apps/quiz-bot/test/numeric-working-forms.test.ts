import { describe, expect, test } from 'vitest';
import { parseQuantity } from '../src/grading/quantity';
import { VARIANT_QUESTION_IDS } from '../src/questions/bank';
import { grade, numericPart, text } from './numeric-parts';
import { theoryMeasurement } from './theory';

/*
 * Issue 18: "check the working when it is arithmetic: a wrong sum with a right final figure says
 * so", and a right sum is never told it is wrong. The working is built here from each part's own
 * key (shape-math's theory figure), so every sum below is right by construction; the same working
 * with one term raised is wrong by exactly that much.
 */
const NOTE = /does not add up|but they differ/;
const PARTS = [
  [2, 'params'],
  [2, 'ram-inference'],
  [2, 'ram-training'],
  [4, 'extra-params'],
  [6, 'resnet50-params'],
] as const;
const SEEDS = [undefined, 1, 2, 3, 5];

/** The key as a learner writes it: a count whole, bytes in MB to the tenth. */
const keyOf = (questionId: number, partId: string, seed: number | undefined) => {
  const part = numericPart(questionId, partId, seed);
  const key = theoryMeasurement(part.measure).theory;
  return part.unit === 'bytes' ? { tenths: Math.round(key / 1e5), mb: true } : { tenths: key, mb: false };
};

/**
 * Working that makes `total` from three terms, or from a product and a sum, in several written
 * forms; with `raise` > 0, one term or product is off (by `raise`, or by 64 for one more 64).
 */
function workings(total: number, mb: boolean, raise: number): string[] {
  const a = Math.floor(total / 2);
  const b = Math.floor(total / 3) + raise;
  const c = total - a - Math.floor(total / 3);
  const forms: string[] = [];
  const groupings = mb ? ['none'] : ['comma', 'space', 'none'];
  for (const grouping of groupings)
    for (const units of mb ? ['every', 'last'] : ['none']) {
      const n = (x: number, last = false) =>
        (mb
          ? (x / 10).toFixed(1)
          : grouping === 'none'
            ? String(x)
            : x.toLocaleString('en-US').replace(/,/g, grouping === 'comma' ? ',' : ' ')) +
        (mb && (last || units === 'every') ? ' MB' : '');
      const s = n(a + b);
      forms.push(`${n(a)} + ${n(b)} + ${n(c)} = ${n(total, true)}`);
      forms.push(`${n(a)} + ${n(b)} = ${s}; + ${n(c)} = ${n(total, true)}`);
      forms.push(`${n(a)} + ${n(b)} = ${s}; ${s} + ${n(c)} = ${n(total, true)}`);
      forms.push(`${n(a)} + ${n(b)} = ${s} + ${n(c)} = ${n(total, true)}`);
      // The larger of two layers' figures, then the rest: max(a, a − 1) is a.
      if (a > 1) forms.push(`max(${n(a)}, ${n(a - 1)}) + ${n(b)} + ${n(c)} = ${n(total, true)}`);
      forms.push(`${n(a)} / ${n(b)} / ${n(c)} -> ${n(total, true)}`);
      // The terms listed without a "+", then said to add up to the total (issue 18: a list is working).
      forms.push(`${n(a)}, ${n(b)}, ${n(c)} adds up to ${n(total, true)}`);
      forms.push(`${n(a)}, ${n(b)} and ${n(c)}, for a total of ${n(total, true)}`);
      forms.push(`${n(a)}; ${n(b)}; ${n(c)}, which sums to ${n(total, true)}`);
      forms.push(`${n(a)} & ${n(b)} & ${n(c)} so it all comes to ${n(total, true)}`);
      if (mb) continue;
      // Products then a sum: total = p·64 + r, with 1 <= r <= 64 (a bias-like remainder).
      const r = ((total - 1) % 64) + 1;
      const p = (total - r) / 64;
      for (const times of [' x ', ' × ', '*']) {
        forms.push(`${n(p + Math.sign(raise))}${times}64 + ${n(r)} = ${n(total)}`);
        forms.push(`${n(p)}${times}64 = ${n(p * 64 + raise)}; + ${n(r)} = ${n(total)}`);
      }
    }
  return forms;
}

describe('working built from every numeric key, base and variants', () => {
  const cases = PARTS.flatMap(([q, p]) =>
    SEEDS.filter((seed) => seed === undefined || VARIANT_QUESTION_IDS.includes(q)).map(
      (seed) => [q, p, seed] as const,
    ),
  );
  test.each(cases)(
    'question %i %s, variant %s: a right sum gets no note, a raised term gets one',
    (q, p, seed) => {
      const { tenths, mb } = keyOf(q, p, seed);
      const figure = mb ? `${(tenths / 10).toFixed(1)} MB` : String(tenths);
      // Only a key that the figure alone earns full marks for (a variant whose MB figure rounds
      // ambiguously is left to the single-figure tests).
      if (grade(q, p, figure, seed).score !== 1) return;
      for (const right of workings(tenths, mb, 0)) {
        const graded = grade(q, p, right, seed);
        expect(graded.score, right).toBe(1);
        expect(text(graded), right).not.toMatch(NOTE);
      }
      // The middle term (a third of the total) raised by about a tenth of itself, total / 30 (at least
      // 1): the stated total stays the key.
      const raise = Math.max(1, Math.round(tenths / 30));
      for (const wrong of workings(tenths, mb, raise)) {
        const graded = grade(q, p, wrong, seed);
        expect(graded.score, wrong).toBe(1);
        expect(text(graded), wrong).toMatch(NOTE);
      }
    },
  );
});

describe('a running total whose unit is written only on the last figure', () => {
  test('"6 + 3 = 9 + 3.6 = 12.6 MB" adds up: 9 is read in MB like the figures before it', () => {
    // 6 + 3 = 9 and 9 + 3.6 = 12.6 (by hand); question 2's inference RAM key is 12.6 MB.
    expect(text(grade(2, 'ram-inference', '6 + 3 = 9 + 3.6 = 12.6 MB'))).not.toMatch(NOTE);
  });
  test('"6 + 3 = 9.5 + 3.6 = 12.6 MB": the first step makes 9, not 9.5', () => {
    expect(text(grade(2, 'ram-inference', '6 + 3 = 9.5 + 3.6 = 12.6 MB'))).toContain(
      'Your working does not add up: 6 + 3 makes 9, not 9.5',
    );
  });
});

describe('max(...) in working is the larger of its figures', () => {
  test('"max(6 MB, 3 MB) + 3 MB + 3.6 MB = 12.6 MB" adds up: max(6, 3) = 6, 6 + 3 + 3.6 = 12.6', () => {
    expect(text(grade(2, 'ram-inference', 'max(6 MB, 3 MB) + 3 MB + 3.6 MB = 12.6 MB'))).not.toMatch(NOTE);
  });
  test('"min(6 MB, 3 MB) + 3 MB + 3.6 MB = 12.6 MB": min is the smaller, 3 + 3 + 3.6 = 9.6 MB', () => {
    expect(text(grade(2, 'ram-inference', 'min(6 MB, 3 MB) + 3 MB + 3.6 MB = 12.6 MB'))).toContain(
      'makes 9.6 MB, not 12.6 MB',
    );
  });
});

describe('figures listed with slashes are the terms of the total', () => {
  test('"2,800 / 180,200 / 720,400 -> 903,400": the three layers listed, their sum the key', () => {
    // 2,800 + 180,200 + 720,400 = 903,400 (Géron's per-layer counts, summed by hand).
    expect(text(grade(2, 'params', '2,800 / 180,200 / 720,400 -> 903,400'))).not.toMatch(NOTE);
  });
  test('"2,800 / 180,300 / 720,400 -> 903,400": the listed figures make 903,500', () => {
    // 2,800 + 180,300 + 720,400 = 903,500.
    expect(text(grade(2, 'params', '2,800 / 180,300 / 720,400 -> 903,400'))).toContain(
      'makes 903,500, not 903,400',
    );
  });
  test('"224 / 2 / 2 / 2 / 2 / 2 = 14": a division chain stays a division (224 / 32 = 7)', () => {
    // The quotient 7 is nearer 14 (a factor 2) than the sum 234 is (a factor ~17): a division.
    expect(text(grade(8, 'output-stride', '224 / 2 / 2 / 2 / 2 / 2 = 14; 224 / 7 = 32'))).toContain(
      'makes 7, not 14',
    );
  });
});

describe('a running total that goes on from a product is not a restatement of it', () => {
  test('"14,115 x 64 = 903,360; + 40 = 903,400" is 903,400 (903,360 only rounds like it)', () => {
    // 14,115 · 64 = 903,360 and 903,360 + 40 = 903,400 (by hand): question 2's key, right.
    expect(grade(2, 'params', '14,115 x 64 = 903,360; + 40 = 903,400').score).toBe(1);
  });
  test('"903k; 903,400" still reads the finer figure: a restatement with no working', () => {
    // 903k and 903,400 are the same figure to the thousand; the last, no working, is graded.
    expect(grade(2, 'params', '903k; 903,400').score).toBe(1);
  });
});

/*
 * Questions 7 and 8 (issue 18, stop 27): the grid's width and the output stride, worked out in the
 * forms students write them, for the base question and sampled variants. Each key comes from the
 * part's own request (test/theory.ts): the grid is testSide / 32 − 7 + 1 (a 7×7 "valid" conv on the
 * backbone's map, output stride 32, as the question states), the stride a power of two.
 */
describe('working for the grid (question 7) and the output stride (question 8), base and variants', () => {
  test.each(SEEDS)(
    'question 7 grid, variant %s: right working gets no note, one changed term gets one',
    (seed) => {
      const part = numericPart(7, 'grid', seed);
      const key = theoryMeasurement(part.measure).theory;
      const side = (part.measure as { testSide: number }).testSide;
      // The backbone's map: side / 32 (the stride the question names); the grid: map − 7 + 1.
      const map = side / 32;
      expect(map - 7 + 1).toBe(key);
      const halvings = [side, side / 2, side / 4, side / 8, side / 16, map].join(' → ');
      const right = [
        `${side}/32 = ${map}; ${map} - 7 + 1 = ${key}`,
        `${side} / 32 = ${map}, then ${map} − 7 + 1 = ${key}`,
        `${side} divided by 32 is ${map}, then ${map} minus 7 plus 1 = ${key}`,
        `H/32 = ${side}/32 = ${map}; ${map} − 7 + 1 = ${key}`,
        `1/32 of the input: ${side}/32 = ${map}, and ${map} - 7 + 1 = ${key}`,
        `${side} x 1/32 = ${map}; ${map} - 7 + 1 = ${key}`,
        `(${side} − 224)/32 + 1 = ${key}`,
        `${side} halved five times is ${map}; ${map} − 7 + 1 = ${key}`,
        `${halvings}; ${map} − 7 + 1 = ${key}`,
        `${side} px / 32 = ${map} px; ${map} px − 7 px + 1 px = ${key}`,
        `${side} px / 32 = ${map}; ${map} − 7 + 1 = ${key} px`,
        `a ${map} × ${map} map and a 7 × 7 kernel: ${map} − 7 + 1 = ${key}`,
        `${map} - 7 + 1 = ${key} per side, ${key * key} windows in all`,
      ];
      for (const answer of right) {
        const graded = grade(7, 'grid', answer, seed);
        expect(graded.score, answer).toBe(1);
        expect(text(graded), answer).not.toMatch(/does not add up|but they differ/);
      }
      // The map one too large in the first step (the final figure still the key).
      for (const answer of [
        `${side}/32 = ${map + 1}; ${map} - 7 + 1 = ${key}`,
        `${side} px / 32 = ${map + 1} px; ${map} px − 7 px + 1 px = ${key}`,
        `(${side} − 224)/32 + 2 = ${key}`,
      ]) {
        const graded = grade(7, 'grid', answer, seed);
        expect(graded.score, answer).toBe(1);
        expect(text(graded), answer).toMatch(/does not add up/);
      }
    },
  );

  test.each(SEEDS)(
    'question 8 output stride, variant %s: right working gets no note, one changed term gets one',
    (seed) => {
      const part = numericPart(8, 'output-stride', seed);
      const key = theoryMeasurement(part.measure).theory;
      // The stride is a power of two: n halvings (2^n = key).
      const n = Math.log2(key);
      expect(2 ** n).toBe(key);
      const twos = (sep: string, count = n) => Array.from({ length: count }, () => '2').join(sep);
      // A 224-pixel input ends as 224 / key pixels (7 for 32).
      const out = 224 / key;
      const halvings = Array.from({ length: n + 1 }, (_, i) => 224 / 2 ** i).join(' → ');
      const right = [
        `${twos(' x ')} = ${key}`,
        `${twos('×')} = ${key}`,
        `${twos('*')} = ${key}`,
        `${twos(' times ')} = ${key}`,
        `2^${n} = ${key}`,
        `halved ${n} times: 2^${n} = ${key}`,
        `224 divided by ${out} = ${key}`,
        `224 / ${out} = ${key}`,
        `the map is H/${key} x W/${key}`,
        `the map is 1/${key} of the input`,
        `${halvings}, so ${key}`,
        `${halvings}: the stride is ${key}`,
        `${twos(' x ')} = ${key}, so 224 px become ${out} px`,
      ];
      for (const answer of right) {
        const graded = grade(8, 'output-stride', answer, seed);
        expect(graded.score, answer).toBe(1);
        expect(text(graded), answer).not.toMatch(/does not add up|but they differ/);
      }
      // One halving fewer, or the wrong input size, with the key still stated.
      for (const answer of [
        `${twos(' x ', n - 1)} = ${key}`,
        `2^${n - 1} = ${key}`,
        `224 / ${out + 1} = ${key}`,
      ]) {
        const graded = grade(8, 'output-stride', answer, seed);
        expect(graded.score, answer).toBe(1);
        expect(text(graded), answer).toMatch(/does not add up/);
      }
    },
  );
});

describe('a list that is no sum is left as written (review 30)', () => {
  // Layer or block numbers before "sum"/"total", or a list of figures the total does not add up to
  // within a tenth (image dimensions multiply: 224 · 224 · 3 = 150,528), are no working: the final
  // figure is graded and no line says the working does not add up.
  test.each([
    'blocks 3 and 4 sum to 720400; answer 903400',
    'layers 1 and 2 total 183000, so the whole net has 903400',
    'per layer 2800, 180200, 720400, total 903400',
  ])('%j: 903,400 with no working note', (answer) => {
    const graded = grade(2, 'params', answer);
    expect(graded.score).toBe(1);
    expect(text(graded)).not.toMatch(NOTE);
  });
  test('"224, 224, 3 comes to 150528" is not read as 224 + 224 + 3 (451, far from 150,528)', () => {
    expect(() => parseQuantity('224, 224, 3 comes to 150528', 'count')).toThrow(/two different figures/);
  });
});
