import { describe, expect, test } from 'vitest';
import { parseQuantity } from '../src/grading/quantity';

/*
 * Issue 18, the numeric reader's rules of this stop, one case per rule: a decimal comma, spelt-out
 * operators, spelt-out fractions, working after an arrow, and which stated value is the answer
 * when a description follows the working. Every expected figure is worked out by hand beside it;
 * the answers are written here, not taken from a labelled set.
 */

describe('a decimal comma: a comma followed by exactly three digits separates thousands, else it is the decimal point', () => {
  test.each([
    // "18,4 MB": eighteen point four megabytes = 18,400,000 bytes, read to 0.1 MB (100,000 bytes).
    ['18,4 MB', 'bytes', 18_400_000, 100_000],
    // Two decimals: 0.75 MB = 750,000 bytes to 0.01 MB (10,000 bytes).
    ['0,75 MB', 'bytes', 750_000, 10_000],
    // Four decimals are no thousands group either: 2,5125 MB = 2,512,500 bytes to 100 bytes.
    ['2,5125 MB', 'bytes', 2_512_500, 100],
    // A count: 1,5 million = 1,500,000 to the hundred thousand.
    ['1,5 million', 'count', 1_500_000, 100_000],
  ] as const)('%j (%s) is %d, to the nearest %d', (answer, unit, value, precision) => {
    const parsed = parseQuantity(answer, unit);
    expect(parsed.value).toBeCloseTo(value, 6);
    expect(parsed.precision).toBeCloseTo(precision, 6);
  });

  test('exactly three digits after the comma: "1,234" is one thousand two hundred and thirty-four', () => {
    expect(parseQuantity('1,234', 'count')).toMatchObject({ value: 1234, precision: 1 });
  });

  test('a decimal comma inside working is read the same way, and the sum is checked', () => {
    // 4 MB + 2,5 MB = 6.5 MB, the figure stated as "6,5 MB": the step agrees.
    expect(parseQuantity('4 MB + 2,5 MB = 6,5 MB', 'bytes')).toMatchObject({
      value: 6_500_000,
      working: [{ text: '4 MB + 2.5 MB', agrees: true }],
    });
  });

  test('a comma followed by a space is punctuation, not a decimal comma', () => {
    // "7, 5": two figures (7 and 5), not 7.5; two different figures in one statement are refused.
    expect(() => parseQuantity('7, 5', 'count')).toThrow('states two different figures, 7 and 5');
  });

  test('a number with a second comma is neither: "1,23,456" stays refused', () => {
    expect(() => parseQuantity('1,23,456', 'count')).toThrow('"1,23,456" is not a number');
  });
});

describe('an operator spelt out between two figures is working, checked like its symbol', () => {
  test.each([
    // 16,384 + 64 = 16,448, not 16,500: the slip is named.
    ['16,384 plus 64 = 16,500', '16,384 + 64', 16_448, false],
    // 32 − 7 = 25, not 24.
    ['32 minus 7 = 24', '32 - 7', 25, false],
    // 64 · 256 = 16,384: it agrees.
    ['64 multiplied by 256 = 16,384', '64 * 256', 16_384, true],
    // 448 / 32 = 14: it agrees.
    ['448 divided by 32 = 14', '448 / 32', 14, true],
  ] as const)('%j: the step %j makes %d', (answer, step, value, agrees) => {
    expect(parseQuantity(answer, 'count').working).toEqual([
      expect.objectContaining({ text: step, value, agrees }),
    ]);
  });

  test('words before a spelt operator label the term: "9 MB for the layers plus 3.5 MB …" is 9 MB + 3.5 MB', () => {
    // 9 MB + 3.5 MB = 12.5 MB, not the 12.6 MB stated: the step is checked and disagrees.
    expect(
      parseQuantity('9 MB for the two largest layers plus 3.5 MB for the weights = 12.6 MB', 'bytes').working,
    ).toEqual([expect.objectContaining({ text: '9 MB + 3.5 MB', value: 12_500_000, agrees: false })]);
  });

  test('"plus" with no figure after it is a word: "roughly 16,448 plus a few" is 16,448', () => {
    // Nothing is added: the one figure stated is the answer, and no step is read.
    const parsed = parseQuantity('roughly 16,448 plus a few', 'count');
    expect(parsed.value).toBe(16_448);
    expect(parsed.working).toBeUndefined();
  });
});

describe('working after an arrow, set equal to the figure, is the last step and is checked', () => {
  test('"4,096 weights, 32 biases -> 4,096 + 32 = 4,182": the sum makes 4,128, the slip is named', () => {
    // 4,096 + 32 = 4,128, not 4,182; the figures before the arrow are what the sum was worked from.
    expect(parseQuantity('4,096 weights, 32 biases -> 4,096 + 32 = 4,182', 'count')).toMatchObject({
      value: 4_182,
      working: [{ text: '4,096 + 32', value: 4_128, equals: '4,182', agrees: false }],
    });
  });

  test('a figure alone after the arrow keeps the older reading: the figures before are its inputs', () => {
    // "4,096 weights and 32 biases -> 4,128": no working to check; 4,128 is the answer.
    expect(parseQuantity('4,096 weights, 32 biases -> 4,128', 'count')).toMatchObject({ value: 4_128 });
  });
});

describe('a last "a -> b" whose ends are the factor apart illustrates the factor the working reached', () => {
  test('"2^4 = 16; 128 -> 8": 128 / 8 = 16, the sizes a stride of 16 maps between: the answer is 16', () => {
    // 2^4 = 16 (agrees); 128 / 8 = 16: the illustration is no step and no answer.
    expect(parseQuantity('2^4 = 16; 128 -> 8', 'ratio')).toMatchObject({
      value: 16,
      working: [{ text: '2 ^ 4', value: 16, agrees: true }],
    });
  });

  test('a pair that is not the factor apart goes on from the working: "100/10 = 10; 10 -> 4" is 4', () => {
    // 10 / 4 = 2.5, not 10: the pair is the next step of the answer, as before.
    expect(parseQuantity('100/10 = 10; 10 -> 4', 'pixels').value).toBe(4);
  });

  test('with no arithmetic before it, the pair is read as before: "16; 128 -> 8" is 8', () => {
    // 16 is stated, not worked out: nothing was reached by working.
    expect(parseQuantity('16; 128 -> 8', 'ratio').value).toBe(8);
  });
});

describe('a word joined to a name by "_" is part of the name', () => {
  test('"conv4_x 2": the "x" is not a factor sign, so no "2x" is read', () => {
    // The only figure is the stride 2.
    expect(parseQuantity('conv4_x 2', 'ratio')).toMatchObject({ value: 2, writtenUnit: '' });
  });
});

describe('a running total: a piece set equal to working is checked against the figure that working starts from', () => {
  test('"10 + 20 = 30 + 5 = 35": 10 + 20 makes 30, the start of the next step, not a slip against 35', () => {
    expect(parseQuantity('10 + 20 = 30 + 5 = 35', 'count').working).toEqual([
      expect.objectContaining({ text: '10 + 20', value: 30, equals: '30', agrees: true }),
      expect.objectContaining({ text: '30 + 5', value: 35, equals: '35', agrees: true }),
    ]);
  });

  test('a slip in the first step is named against the figure it was set equal to: 10 + 20 is not 31', () => {
    // 10 + 20 = 30, not 31; 31 + 5 = 36, not 35: both slips, each against its own figure.
    expect(parseQuantity('10 + 20 = 31 + 5 = 35', 'count').working).toEqual([
      expect.objectContaining({ text: '10 + 20', value: 30, equals: '31', agrees: false }),
      expect.objectContaining({ text: '31 + 5', value: 36, equals: '35', agrees: false }),
    ]);
  });

  test('a piece that makes the final figure is checked against it: "2 x 3 + 4 = 6 + 4 = 10"', () => {
    // 2 · 3 + 4 = 10, the final figure (not 6, where the next step starts).
    expect(parseQuantity('2 x 3 + 4 = 6 + 4 = 10', 'count').working?.[0]).toMatchObject({
      equals: '10',
      agrees: true,
    });
  });
});

describe('a fraction spelt out is the factor inverted, for a factor (as "1/32" is)', () => {
  test.each([
    // 1/16 of the side: a factor of 16.
    ['one sixteenth', 16],
    // "thirty-second" is 30 + 2: 1/32, a factor of 32, with "a" for "one".
    ['a thirty-second of the input size', 32],
    // "sixty-fourth", spaced: 60 + 4.
    ['the map is one sixty fourth of the side', 64],
    // "quarter" is 1/4.
    ['a quarter', 4],
    // "twentieth", a tens ordinal alone: 20.
    ['a twentieth', 20],
  ] as const)('%j is %d', (answer, factor) => {
    expect(parseQuantity(answer, 'ratio').value).toBe(factor);
  });

  test('an ordinal before a noun names it: "a fifth halving makes it 32" is 32', () => {
    // "a fifth halving" is the fifth of the halvings, not 1/5: the one figure stated is 32.
    expect(parseQuantity('a fifth halving makes it 32', 'ratio').value).toBe(32);
  });

  test('"one twenty-first": a tens word and a unit ordinal, 20 + 1', () => {
    expect(parseQuantity('one twenty-first', 'ratio').value).toBe(21);
  });
});

describe('a figure denied or offered as an alternative', () => {
  test('"not" before an article denies the figure after it: "12.6 MB, not the 9 MB of the layers alone"', () => {
    // 9 MB is denied; the one figure stated is 12.6 MB.
    expect(parseQuantity('12.6 MB, not the 9 MB of the layers alone', 'bytes').value).toBe(12_600_000);
  });

  test('an aside that offers another figure with "or" is a second candidate: refused', () => {
    // 903,400 and 902,700 (the count without the biases) are two different answers.
    expect(() => parseQuantity('903,400 (or 902,700 without the biases)', 'count')).toThrow(
      'offers another figure beside 903,400 ("or 902,700 without the biases")',
    );
  });

  test('an "or" aside that restates the same figure is no second answer: "903,400 (or 903.4k)"', () => {
    expect(parseQuantity('903,400 (or 903.4k)', 'count').value).toBe(903_400);
  });

  test('an aside with two figures of its own offers others all the same: refused', () => {
    // "or 902,700 or 901,600": the aside cannot be read as one figure, and it is not 903,400.
    expect(() => parseQuantity('903,400 (or 902,700 or 901,600)', 'count')).toThrow('offers another figure');
  });
});

describe('a number spelt out beside an aside with digits', () => {
  test('"sixteen on each side (a 16×16 map)": the aside\'s digits leave the answer in words, read: 16', () => {
    expect(parseQuantity('sixteen on each side (a 16×16 map)', 'pixels').value).toBe(16);
  });

  test('digits outside the asides keep words as words: "one map of 16 x 16" is 16, not 1', () => {
    expect(parseQuantity('one map of 16 x 16', 'pixels').value).toBe(16);
  });
});

describe('the answer first, then its explanation after a colon', () => {
  test('"2^4 = 16: conv1 has stride 2, the pool stride 2, …": the opening 16 is the answer', () => {
    // 2^4 = 16 (agrees); the strides after the colon explain it and are no later answer.
    expect(
      parseQuantity('2^4 = 16: conv1 has stride 2, the pool stride 2, then two stages halve it', 'ratio'),
    ).toMatchObject({
      value: 16,
      working: [{ text: '2 ^ 4', value: 16, agrees: true }],
    });
  });

  test('an explanation that is all working is set equal to the answer: "12.6 MB: 9 MB plus 3.5 MB" is checked', () => {
    // 9 MB + 3.5 MB = 12.5 MB, not 12.6 MB: the slip is named; 12.6 MB stays the answer.
    expect(parseQuantity('12.6 MB: 9 MB plus 3.5 MB', 'bytes')).toMatchObject({
      value: 12_600_000,
      working: [{ text: '9 MB + 3.5 MB', value: 12_500_000, agrees: false }],
    });
  });

  test('a colon after words leads to the answer: "the kernel eats 6 of them: 8 per side" is 8', () => {
    // "6 of them" is not a figure ending the part before the colon.
    expect(parseQuantity('the kernel eats 6 of them: 8 per side', 'pixels').value).toBe(8);
  });

  test('an explanation that reaches a figure of its own goes on to it: "100/10 = 10: then 10 - 7 + 1 = 4 per side" is 4', () => {
    // 10 − 7 + 1 = 4: the explanation arrives at 4 by "=", the answer.
    expect(parseQuantity('100/10 = 10: then 10 - 7 + 1 = 4 per side', 'pixels').value).toBe(4);
  });
});

describe('more cases of the rules above, each at an edge of its rule', () => {
  test('a running total with units and decimals: 0.72 MB + 6 MB is checked against 6.72 MB, where the next sum starts', () => {
    // 0.72 + 6 = 6.72 MB (agrees); 6.72 + 3.6 = 10.32 MB (agrees): no slip anywhere.
    expect(parseQuantity('0.72 MB + 6 MB = 6.72 MB + 3.6 MB = 10.32 MB', 'bytes').working).toEqual([
      expect.objectContaining({ text: '0.72 MB + 6 MB', equals: '6.72 MB', agrees: true }),
      expect.objectContaining({ text: '6.72 MB + 3.6 MB', equals: '10.32 MB', agrees: true }),
    ]);
  });

  test('an earlier statement of two figures and no arithmetic reaches nothing: "6 MB = 6,000,000 bytes; …"', () => {
    // 6 MB is 6,000,000 bytes (agrees); the last statement's sum 6 + 3 + 3.6 = 12.6 MB is the answer.
    expect(parseQuantity('6 MB = 6,000,000 bytes; 6 MB + 3 MB + 3.6 MB = 12.6 MB', 'bytes').value).toBe(
      12_600_000,
    );
  });

  test('working with no figure set equal to it reaches none: "2^4; 128 -> 8" is 8', () => {
    // Nothing was set equal to 2^4, so no factor was reached for the pair to illustrate.
    expect(parseQuantity('2^4; 128 -> 8', 'ratio').value).toBe(8);
  });

  test('an explanation whose last statement has figures of its own stands before the answer: "8: the 7x7 kernel fits 14 - 7 + 1 times" is 8', () => {
    // The explanation names the 7×7 kernel (a figure) beside its working; it is not set equal to 8.
    expect(parseQuantity('8: the 7x7 kernel fits 14 - 7 + 1 times', 'pixels').value).toBe(8);
  });

  test('"a" before a word that names no fraction stays words: "shrinks it a lot, by 32" is 32', () => {
    expect(parseQuantity('shrinks it a lot, by 32', 'ratio').value).toBe(32);
  });

  test('a tens word before no unit ordinal is no fraction: "one twenty-something of the side" is no one figure', () => {
    // "twenty-something" is no denominator: the words are read as the numbers 1 and 20.
    expect(() => parseQuantity('one twenty-something of the side', 'ratio')).toThrow(
      'two different figures, 1 and 20',
    );
  });
});
