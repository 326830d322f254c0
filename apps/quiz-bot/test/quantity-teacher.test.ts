import { describe, expect, test } from 'vitest';
import { parseQuantity } from '../src/grading/quantity';
import { EIGHT_BY_EIGHT_GRID, refusal } from './quantity-refusal';

/*
 * The prose reader's last step (`readAsTeacher`), rule by rule: which statement is the answer,
 * what is left out, the area beside a side, a grid beside its cells, the figure an arrow leads to,
 * and the refusal of two figures. Each answer here has words the strict reading refuses, so the
 * prose reader is the one read. It imports the grading module alone, so mutation runs stay short.
 * Every expected figure is worked out by hand in the comment beside it; none is copied from the
 * reader's output.
 */

describe('"-fold" and spelt-out shares are factors, for a ratio', () => {
  // "N-fold" is the factor N, written with its x: the hyphen and the spaces around it are optional.
  // (With digits, "32-fold", the first reading already reads it; spelt out, only the prose reader.)
  test.each(['a thirty-two-fold reduction', 'a thirty-two fold reduction', 'a thirty-two - fold reduction'])(
    '%j is the factor 32x',
    (answer) => {
      expect(parseQuantity(answer, 'ratio')).toMatchObject({ value: 32, writtenUnit: 'x', written: '32 x' });
    },
  );

  test('a share spelt out is a share of the side only for a ratio', () => {
    // "twelve point five" is 12.5, and 100 / 8 = 12.5 exactly: a factor of 8 per side.
    expect(parseQuantity('twelve point five percent of the side', 'ratio')).toMatchObject({
      value: 8,
      writtenUnit: 'x',
    });
    // As a count, the share is the figure said: 12.5, to the tenth.
    expect(parseQuantity('twelve point five percent of the side', 'count')).toMatchObject({
      value: 12.5,
      precision: 0.1,
    });
  });

  test('one over N with a full stop after it is still the share of a side', () => {
    // 1/32 of the side: a factor of 32. (The full stop keeps the first reading from seeing it.)
    expect(parseQuantity('It shrinks each side to 1/32.', 'ratio')).toMatchObject({
      value: 32,
      writtenUnit: 'x',
    });
    // As a count it is the quotient 1 / 32 = 0.03125.
    expect(parseQuantity('It shrinks each side to 1/32.', 'count').value).toBe(0.031_25);
    // 11/32 is no one over N: the quotient 11 / 32 = 0.34375, for a ratio too.
    expect(parseQuantity('each side shrinks to 11/32.', 'ratio').value).toBe(0.343_75);
  });
});

describe('which statement is the answer, and what is left out', () => {
  test('a last statement whose only number names something states no figure', () => {
    // "layer 2" names a layer; the answer is the figure of the statement before it.
    expect(parseQuantity('16,448 weights; as in layer 2', 'count')).toMatchObject({
      value: 16_448,
      written: '16,448',
    });
  });

  test('a statement or an aside that cannot be read is left out when it is not the last', () => {
    // "1,23,456" is no number (commas that are not thousands separators); 16,448 is the answer.
    expect(parseQuantity('about 1,23,456; so 16448', 'count').value).toBe(16_448);
    expect(parseQuantity('16448 (see 1,23,456)', 'count').value).toBe(16_448);
    // The same before an area: the side cannot be read, so 1024 is not taken for its square.
    expect(parseQuantity('the side 1,23,456; so 1024 positions', 'ratio').value).toBe(1_024);
  });

  test('a working with no figure after it is the figure it makes, exact', () => {
    // 2,800 + 900,600 = 903,400, every digit worked out: to the unit, six digits.
    expect(parseQuantity('it is 2,800 + 900,600 in all', 'count')).toMatchObject({
      value: 903_400,
      precision: 1,
      significantDigits: 6,
      written: '2,800 + 900,600',
    });
  });

  test('a working and a figure with words between them are set equal, and checked', () => {
    // 2,800 + 900,600 = 903,400: agrees.
    expect(parseQuantity('2,800 + 900,600 weights and biases 903,400', 'count')).toMatchObject({
      value: 903_400,
      working: [{ text: '2,800 + 900,600', value: 903_400, equals: '903,400', agrees: true }],
    });
    // 2,800 + 900,500 = 903,300, not 903,400: the slip is named, the figure stated is the answer.
    expect(parseQuantity('2,800 + 900,500 weights and biases 903,400', 'count')).toMatchObject({
      value: 903_400,
      working: [{ text: '2,800 + 900,500', value: 903_300, equals: '903,400', agrees: false }],
    });
  });
});

describe('a ratio: the area beside the side is read past only when it is the square of the side', () => {
  test('an area that is not the square of the side is the final figure', () => {
    // 32² = 1,024, not 1,000: the last statement is another figure, and it is the answer.
    expect(parseQuantity('32 on each side, so 1000 positions', 'ratio').value).toBe(1_000);
  });

  test('for a count, positions in total are the answer, not a consequence of the side', () => {
    // 32 per side makes 32² = 1,024 positions, which a count question asks for.
    expect(parseQuantity('32 per side, so 1024 positions in total', 'count').value).toBe(1_024);
  });
});

describe('a grid beside its cells, for a grid side only', () => {
  test('cells that are not the square of the side are another figure', () => {
    // 16² = 256, not 200: two figures.
    expect(refusal('16x16 grid, 200 cells', 'pixels').message).toMatch(
      /^"16x16 grid, 200 cells" states two different figures, 16 x 16 and 200: /,
    );
    // 16² = 256: the cells are the grid's area; the side 16 is the answer.
    expect(parseQuantity('16x16 grid, 256 cells', 'pixels')).toMatchObject({
      value: 16,
      writtenUnit: 'grid',
      written: '16 x 16',
    });
  });

  test('for a count, a number of cells and a side are two figures', () => {
    // 8² = 64, but a count asks for one figure; only a grid side reads the cells as its area.
    expect(refusal('64 cells, 8 per side', 'count').message).toMatch(
      /^"64 cells, 8 per side" states two different figures, 64 and 8: /,
    );
  });
});

describe('an arrow leads to the answer only when there is a figure after it', () => {
  test('figures after the arrow that still differ are refused, quoting the answer', () => {
    // Everything stated is after the "=": no working before it to set aside; 16,384 ≠ 16,448.
    expect(refusal('total = 16,384 or 16,448', 'count').message).toMatch(
      /^"total = 16,384 or 16,448" states two different figures, 16,384 and 16,448: /,
    );
  });

  test('an arrow with no figure after it leads nowhere: the figures before it are refused', () => {
    expect(refusal('8 or 9 -> not sure', 'pixels').message).toMatch(
      /^"8 or 9 -> not sure" states two different figures, 8 and 9: /,
    );
  });

  test('several figures after the arrow are read together: the grid and its cells', () => {
    // 14 − 7 + 1 = 8, and 8² = 64 cells beside the 8×8 grid: the grid is the answer.
    expect(parseQuantity('14x14 map, 7x7 kernel -> 8x8 with 64 cells', 'pixels')).toMatchObject({
      value: 8,
      writtenUnit: 'grid',
      written: '8 x 8',
    });
  });

  test('an aside beside an arrow is still checked (a fault: it was dropped)', () => {
    // 14 − 7 + 1 = 8 (a 7×7 kernel on a 14×14 map, no padding): the aside agrees with 8.
    expect(parseQuantity('14x14 map, 7x7 kernel -> 8x8 (14 - 7 + 1 = 8)', 'pixels')).toStrictEqual({
      ...EIGHT_BY_EIGHT_GRID,
      working: [{ text: '14 - 7 + 1', value: 8, shown: '8', equals: '8', agrees: true }],
    });
    // 64 · 256 = 16,384, not 16,448: the slip in the aside is named, as it is without the arrow.
    expect(
      parseQuantity('16,448 (64 x 256 = 16,448), 16,384 weights -> 16,448', 'count').working,
    ).toStrictEqual([{ text: '64 x 256', value: 16_384, shown: '16,384', equals: '16,448', agrees: false }]);
  });
});

describe('the refusal of two figures', () => {
  test('is an invalid answer carrying the answer as written, cut to 64 characters', () => {
    const raw = 'the output side is 8 or maybe 9, I could not decide which of the two';
    const error = refusal(raw, 'pixels');
    expect(error.code).toBe('invalid_answer');
    // The first 64 of its 68 characters.
    expect(error.context).toStrictEqual({
      answer: 'the output side is 8 or maybe 9, I could not decide which of the',
    });
  });

  test('an answer of 40 characters is quoted whole', () => {
    // 40 characters: the cut starts at 41.
    expect(refusal('the side is 8 or 9 after the last layers', 'pixels').message).toMatch(
      /^"the side is 8 or 9 after the last layers" states two different figures, 8 and 9: /,
    );
  });
});

describe('a running total carries on from the one figure the statement before arrived at', () => {
  // Géron's training figure (ch. 14 ex. 2): 11.24 MB per image, × 50 images = 562 MB.
  const times50 = { text: '11.24 MB x 50', value: 562_000_000, shown: '562 MB' };

  test('from a statement that states one figure and no "=" (a fault: these were refused)', () => {
    expect(parseQuantity('per image: 11.24 MB; x50 gives 562 MB', 'bytes')).toMatchObject({
      value: 562_000_000,
      working: [{ ...times50, equals: '562 MB', agrees: true }],
    });
    expect(parseQuantity('11.24 MB per image; x50 gives 562 MB', 'bytes').working).toStrictEqual([
      { ...times50, equals: '562 MB', agrees: true },
    ]);
    // 11.24 · 50 = 562, not 565.6 (to the tenth of a MB): the carried working is checked.
    expect(parseQuantity('11.24 MB per image; x50 gives 565.6 MB', 'bytes').working).toStrictEqual([
      { ...times50, equals: '565.6 MB', agrees: false },
    ]);
  });

  test('from the figure after the last "=", with words after it', () => {
    // 10.52 + 0.72 = 11.24 (MB), then 11.24 MB · 50 = 562 MB.
    expect(parseQuantity('10.52 + 0.72 = 11.24 MB of RAM; x50 gives 562 MB', 'bytes').working).toStrictEqual([
      { text: '10.52 + 0.72', value: 11_240_000, shown: '11.24', equals: '11.24 MB', agrees: true },
      { ...times50, equals: '562 MB', agrees: true },
    ]);
  });

  test('the figure carried keeps its unit written against it, and a word that is no unit stays behind', () => {
    // "11.24MB" with no space is 11.24 MB all the same: 11.24 MB · 50 = 562 MB.
    expect(parseQuantity('11.24MB per image; x50 gives 562 MB', 'bytes').working).toStrictEqual([
      { ...times50, equals: '562 MB', agrees: true },
    ]);
    // "weights" names what is counted: 16,384 · 2 = 32,768, carried without it.
    expect(parseQuantity('16,384 weights; x2 gives 32,768', 'count').working).toStrictEqual([
      { text: '16,384 x 2', value: 32_768, shown: '32,768', equals: '32,768', agrees: true },
    ]);
  });

  test('never from two numbers, nor from none: which one carries would be a guess', () => {
    // 3.6 MB or 11.24 MB? Neither is carried, so the running total alone is no figure.
    expect(refusal('3.6 MB and 11.24 MB; x50 gives 562 MB', 'bytes').message).toMatch(
      /^"x50 gives 562 MB" is not a number: /,
    );
    // Nothing after the "=": nothing to carry.
    expect(refusal('16,384 + 64 = ?; x2 gives 32,896', 'count').message).toMatch(
      /^"x2 gives 32,896" is not a number: /,
    );
  });
});
