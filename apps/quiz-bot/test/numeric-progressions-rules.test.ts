import { describe, expect, test } from 'vitest';
import { grade, text } from './numeric-parts';

/*
 * Issue 18 (stop 27): working read as a teacher reads it, one case per rule. Keys: question 2's
 * inference RAM 12.6 MB and training RAM 565.6 MB (Géron, ch. 14, exercise 2), question 7's grid 8
 * (448 / 32 = 14, 14 − 7 + 1 = 8) and question 8's output stride 32 (2^5).
 */
const NOTE = /does not add up|but they differ/;

describe('three or more figures joined by arrows are a progression: each becomes the next', () => {
  test('"224 → 112 → 56 → 28 → 14 → 7, so 32": no figure is set equal to the next', () => {
    // 224 halved five times is 7 (224/2 = 112, /2 = 56, 28, 14, 7): 32 is the answer, and no step
    // of the progression is a slip.
    const graded = grade(8, 'output-stride', '224 → 112 → 56 → 28 → 14 → 7, so 32');
    expect(graded.score).toBe(1);
    expect(text(graded)).not.toMatch(NOTE);
  });
  test('"2 -> 4 -> 8 -> 16": the progression ends at 16, which is the answer, wrong', () => {
    // Four doublings make 16, not 32.
    expect(grade(8, 'output-stride', '2 -> 4 -> 8 -> 16').score).toBe(0);
  });
  test('a colon after a progression leads on to the answer: "224 -> 112 -> 56 -> 28 -> 14 -> 7: the stride is 32"', () => {
    // The progression ends at the map's size (7), which is no answer: 32 after the colon is.
    expect(grade(8, 'output-stride', '224 -> 112 -> 56 -> 28 -> 14 -> 7: the stride is 32').score).toBe(1);
  });
});

describe("a grid's cells after its side, in the same statement, are its area", () => {
  test('"14 − 7 + 1 = 8 per side, 64 windows in all": 64 = 8², the side 8 is the answer', () => {
    const graded = grade(7, 'grid', '14 − 7 + 1 = 8 per side, 64 windows in all');
    expect(graded.score).toBe(1);
    expect(text(graded)).not.toMatch(NOTE);
  });
  test('"2^5 = 32 on each side, 1024 in area": for a factor too; the area is cut off, not read as a side', () => {
    // 32² = 1024 (by hand): the cells' statement goes, so "area" no longer makes 32 an area (√32).
    expect(grade(8, 'output-stride', '2^5 = 32 on each side, 1024 in area').score).toBe(1);
  });
  test('"64 cells, 8 a side": the cells first, then the side; 64 = 8², the side is the answer', () => {
    expect(grade(7, 'grid', '64 cells, 8 a side').score).toBe(1);
  });
  test('"1024 in area, 32 a side": the area is cut off, so "area" does not make 32 an area (√32)', () => {
    expect(grade(8, 'output-stride', '1024 in area, 32 a side').score).toBe(1);
  });
  test('"64, 8": with no word saying 64 counts cells, two figures, refused', () => {
    expect(() => grade(7, 'grid', '64, 8')).toThrow(/two different figures/);
  });
  test('"14 − 7 + 1 = 8 per side, 63 windows in all": 63 is not 8², so it is the figure stated, wrong', () => {
    expect(grade(7, 'grid', '14 − 7 + 1 = 8 per side, 63 windows in all').score).toBe(0);
  });
});

describe('two sizes said to become one another illustrate the factor before them', () => {
  test('"2 x 2 x 2 x 2 x 2 = 32, so 224 px become 7 px": 224 / 7 = 32, the factor stands', () => {
    expect(grade(8, 'output-stride', '2 x 2 x 2 x 2 x 2 = 32, so 224 px become 7 px').score).toBe(1);
  });
  test('"2^4 = 16, so 224 px become 14 px": 224 / 14 = 16 illustrates 16, which is the answer, wrong', () => {
    expect(grade(8, 'output-stride', '2^4 = 16, so 224 px become 14 px').score).toBe(0);
  });
});

describe('a comma in a running total', () => {
  test('"6+3=9, 9+3.6=12.6 MB": the second step starts from the 9 the first reached', () => {
    // 6 + 3 = 9 and 9 + 3.6 = 12.6 (by hand): both steps add up.
    expect(text(grade(2, 'ram-inference', '6+3=9, 9+3.6=12.6 MB'))).not.toMatch(NOTE);
  });
  test('"6+3=9, 9+3.7=12.6 MB": the second step makes 12.7, and is named', () => {
    expect(text(grade(2, 'ram-inference', '6+3=9, 9+3.7=12.6 MB'))).toContain('9 + 3.7 makes 12.7');
  });
  test('"50 x 11.24 MB = 562 MB, + 3.6 MB = 565.6 MB": ", +" carries on from 562 MB', () => {
    // 50 · 11.24 = 562 and 562 + 3.6 = 565.6 (by hand).
    expect(text(grade(2, 'ram-training', '50 x 11.24 MB = 562 MB, + 3.6 MB = 565.6 MB'))).not.toMatch(NOTE);
  });
});

describe('a size with its unit divided by a bare number is a division, not two answers', () => {
  test('"448 px / 32 = 14 px; 14 − 7 + 1 = 8": 448 / 32 = 14', () => {
    expect(text(grade(7, 'grid', '448 px / 32 = 14 px; 14 − 7 + 1 = 8'))).not.toMatch(NOTE);
  });
  test('"448 px / 32 = 15 px; 15 − 7 + 1 = 9": 448 / 32 makes 14, not 15', () => {
    expect(text(grade(7, 'grid', '448 px / 32 = 15 px; 15 − 7 + 1 = 9'))).toContain('makes 14');
  });
});

describe('after a colon, the total of the figures before it is the answer they make', () => {
  test('"outputs 526 MB, inputs 36 MB, weights 3.6 MB: 565.6 MB": 526 + 36 + 3.6 = 565.6', () => {
    expect(grade(2, 'ram-training', 'outputs 526 MB, inputs 36 MB, weights 3.6 MB: 565.6 MB').score).toBe(1);
  });
  test('"conv1 6 MB, conv2 3 MB, params 3.6 MB: 12.6 MB altogether": a figure said to be the total', () => {
    // 6 + 3 + 3.6 = 12.6 (by hand), and "altogether" says so.
    expect(grade(2, 'ram-inference', 'conv1 6 MB, conv2 3 MB, params 3.6 MB: 12.6 MB altogether').score).toBe(
      1,
    );
  });
  test('"conv1 6 MB, conv2 3 MB, params 3.6 MB: 14.1 MB altogether": the total stated is graded, wrong', () => {
    expect(grade(2, 'ram-inference', 'conv1 6 MB, conv2 3 MB, params 3.6 MB: 14.1 MB altogether').score).toBe(
      0,
    );
  });
  test('"outputs 6 MB, 3 MB and 1.52 MB, two kept at once, weights 3.6 MB: 12.6 MB in total": said to be the total', () => {
    // The figures before the colon make 14.12 MB, not 12.6: only "in total" says 12.6 MB is the answer.
    expect(
      grade(
        2,
        'ram-inference',
        'outputs 6 MB, 3 MB and 1.52 MB, two kept at once, weights 3.6 MB: 12.6 MB in total',
      ).score,
    ).toBe(1);
  });
  test('"12.6 MB: 9 MB for the two largest layers plus 3.6 MB for the weights" still explains 12.6 MB', () => {
    expect(
      grade(2, 'ram-inference', '12.6 MB: 9 MB for the two largest layers plus 3.6 MB for the weights').score,
    ).toBe(1);
  });
});

describe('a number after a label word with a decimal, commas or a scale is a figure, not a name', () => {
  test('"backbone 23.5M + fc 2.05M ≈ 25.6M": fc 2.05M is the classifier\'s count, a term of the sum', () => {
    // 23.5 + 2.05 = 25.55 million, 25.6M to 0.1 million (by hand); the key 25,557,032 rounds to 25.6M.
    const graded = grade(6, 'resnet50-params', 'backbone 23.5M + fc 2.05M ≈ 25.6M');
    expect(graded.score).toBe(1);
    expect(text(graded)).not.toMatch(NOTE);
  });
  test('"backbone 23.5M + fc 2M = 25.6M": a whole number with a scale after it is a term too, checked', () => {
    // 23.5 + 2 = 25.5 million (by hand), not 25.6: the slip is named; 25.6M itself is right.
    const graded = grade(6, 'resnet50-params', 'backbone 23.5M + fc 2M = 25.6M');
    expect(graded.score).toBe(1);
    expect(text(graded)).toContain('23.5 M + 2 M makes 25.5 million');
  });
  test('"backbone 23,508,032 + fc 2,049,000 = 25,557,032": the sum is checked, and adds up', () => {
    // 23,508,032 + 2,049,000 = 25,557,032 (by hand; torchvision's count).
    const graded = grade(6, 'resnet50-params', 'backbone 23,508,032 + fc 2,049,000 = 25,557,032');
    expect(graded.score).toBe(1);
    expect(text(graded)).not.toMatch(NOTE);
  });
  test('"backbone 23,508,032 + fc 2,049,000 = 25,567,032": the sum makes 25,557,032, and says so', () => {
    expect(text(grade(6, 'resnet50-params', 'backbone 23,508,032 + fc 2,049,000 = 25,567,032'))).toContain(
      'makes 25,557,032',
    );
  });
});

describe('a factor said as halvings, or as two square sizes joined by an arrow', () => {
  test('"it halves the res five times": 2^5 = 32', () => {
    expect(grade(8, 'output-stride', 'it halves the res five times').score).toBe(1);
  });
  test('"it halves the resolution 4 times": 2^4 = 16, wrong', () => {
    expect(grade(8, 'output-stride', 'it halves the resolution 4 times').score).toBe(0);
  });
  test('"5 halvings": 32', () => {
    expect(grade(8, 'output-stride', '5 halvings').score).toBe(1);
  });
  test('"224x224 -> 7x7, a factor of 32": the sides\' quotient, 224 / 7 = 32, no area 224 × 224', () => {
    const graded = grade(8, 'output-stride', '224x224 -> 7x7, a factor of 32');
    expect(graded.score).toBe(1);
    expect(text(graded)).not.toMatch(NOTE);
  });
  test('"from 224x224 to 14x14": 224 / 14 = 16, wrong', () => {
    expect(grade(8, 'output-stride', 'from 224x224 to 14x14').score).toBe(0);
  });
});

describe('a reason given after the answer is an aside: checked, never the answer', () => {
  test('"8. Because 448/32 = 14 and a 7x7 valid conv gives 14-7+1.": the answer is 8', () => {
    // 448 / 32 = 14 (by hand): the reason's working adds up, and 14 is no answer.
    const graded = grade(7, 'grid', '8. Because 448/32 = 14 and a 7x7 valid conv gives 14-7+1.');
    expect(graded.score).toBe(1);
    expect(text(graded)).not.toMatch(NOTE);
  });
  test('"16 since conv5 is dilated, so 32": a reason that goes on to a conclusion is read as written', () => {
    expect(grade(8, 'output-stride', '16 since conv5 is dilated, so 32').score).toBe(1);
  });
  test('"14 because of the 448/32. Actually 8.": a correction after the reason is the answer', () => {
    expect(grade(7, 'grid', '14 because of the 448/32. Actually 8.').score).toBe(1);
  });
});
