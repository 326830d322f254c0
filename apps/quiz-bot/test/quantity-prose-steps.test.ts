import { describe, expect, test } from 'vitest';
import {
  chunksOf,
  isUnitWord,
  matchingParenthesis,
  type ProseToken,
  proseTokens,
  splitAsides,
} from '../src/grading/quantity';

/*
 * The prose reader's inner steps, called directly: `splitAsides` (and `matchingParenthesis`),
 * `proseTokens`, `isUnitWord` and `chunksOf`. Through `parseQuantity` most of their rules are never
 * reached, because the strict reading (`parseStated`) reads those answers first (see
 * docs/mutation-testing.md); so each rule is pinned here on the step that applies it. Every
 * expected value is worked out by hand from the rule as its doc comment states it (the walk is in
 * the comment beside the case), never copied from the output. The module is imported alone, so
 * mutation runs stay short.
 */

describe('splitAsides: a bracket after a figure, or with words in it, is an aside', () => {
  test('after a figure: left out of the main text (a space stands in for it), returned as written', () => {
    // "8 " ends with a digit before the "(", so the bracket is an aside; "8 " + " " is left.
    expect(splitAsides('8 (14 - 7 + 1 = 8)')).toStrictEqual({ main: '8  ', asides: ['14 - 7 + 1 = 8'] });
  });

  test('after a figure and its unit word, even with only arithmetic inside', () => {
    // "6 MB ": a digit, a space, one word, a space, then "(": an aside.
    expect(splitAsides('6 MB (2 x 3)')).toStrictEqual({ main: '6 MB  ', asides: ['2 x 3'] });
  });

  test('two words after the figure: the bracket of arithmetic is working, kept in the main text', () => {
    // "6 MB total " has two words after its digit: not "a figure, then its unit".
    expect(splitAsides('6 MB total (2 x 3)')).toStrictEqual({ main: '6 MB total (2 x 3)', asides: [] });
  });

  test('arithmetic first in the text is kept, words after the bracket do not matter', () => {
    expect(splitAsides('(2,800 + 900,600) weights')).toStrictEqual({
      main: '(2,800 + 900,600) weights',
      asides: [],
    });
  });

  test('a percent sign is no figure to hang an aside on; a bracket of arithmetic after it is kept', () => {
    expect(splitAsides('50% (8 / 16)')).toStrictEqual({ main: '50% (8 / 16)', asides: [] });
  });

  test('words inside make an aside anywhere', () => {
    // "the sum " has no digit; "see above" has letters: aside. The rest runs on after its space.
    expect(splitAsides('the sum (see above) is 9')).toStrictEqual({
      main: 'the sum   is 9',
      asides: ['see above'],
    });
  });

  test('"x" and "X" inside are products, not words', () => {
    expect(splitAsides('area = (8 x 8)')).toStrictEqual({ main: 'area = (8 x 8)', asides: [] });
    expect(splitAsides('area = (8 X 8)')).toStrictEqual({ main: 'area = (8 X 8)', asides: [] });
  });

  test('a bracket inside an aside belongs to the aside; the aside ends at its own ")"', () => {
    // depth 1 at "(64", 2 at "(256", back to 1, then 0 at the last ")": one aside, all of it.
    expect(splitAsides('16448 (64 x (256 + 1)) in all')).toStrictEqual({
      main: '16448   in all',
      asides: ['64 x (256 + 1)'],
    });
  });

  test('nested brackets of arithmetic are kept whole', () => {
    expect(splitAsides('(2 x (3 + 4)) = 14')).toStrictEqual({ main: '(2 x (3 + 4)) = 14', asides: [] });
  });

  test('an aside left open runs to the end of the text', () => {
    expect(splitAsides('8 (as 14 - 7 + 1')).toStrictEqual({ main: '8 ', asides: ['as 14 - 7 + 1'] });
  });

  test('a bracket left open is judged by all the text after it (its last letter included)', () => {
    // "total = " ends with "=": no figure. The inside runs to the end, "3 + 4 b", and "b" is a word.
    expect(splitAsides('total = (3 + 4 b')).toStrictEqual({ main: 'total = ', asides: ['3 + 4 b'] });
  });

  test('a closing bracket with none open is kept as text, and does not close the next aside', () => {
    expect(splitAsides('a) 16448 (64 x 257 = 16448)')).toStrictEqual({
      main: 'a) 16448  ',
      asides: ['64 x 257 = 16448'],
    });
  });

  test('two asides, each after its figure', () => {
    expect(splitAsides('8 (a) and 9 (b)')).toStrictEqual({ main: '8   and 9  ', asides: ['a', 'b'] });
  });

  test('a bracket glued to its figure, or to its unit word, is an aside', () => {
    expect(splitAsides('16448(64 x 257)')).toStrictEqual({ main: '16448 ', asides: ['64 x 257'] });
    expect(splitAsides('6 MB(2 x 3)')).toStrictEqual({ main: '6 MB ', asides: ['2 x 3'] });
  });

  test('a bracket glued to a word is judged by what is inside it only', () => {
    // "area" is no figure; "8 x 8" has no word: working, kept.
    expect(splitAsides('area(8 x 8)')).toStrictEqual({ main: 'area(8 x 8)', asides: [] });
  });

  test('no bracket: the text as it is', () => {
    expect(splitAsides('8 by 8')).toStrictEqual({ main: '8 by 8', asides: [] });
  });
});

describe('matchingParenthesis: the ")" that closes a "("', () => {
  test.each([
    // Counting depth from the "(" at `open`: the first ")" that brings it back to 0.
    ['(a(b)c)d', 0, 6],
    ['(a(b)c)d', 2, 4],
    ['x(a)', 1, 3],
    // A ")" before `open` is not counted.
    ['a) (b)', 3, 5],
    // None closes it: the text's length (the bracket runs to the end).
    ['(a(b)', 0, 5],
    ['((', 0, 2],
  ])('%j from %i: %i', (text, open, expected) => {
    expect(matchingParenthesis(text, open)).toBe(expected);
  });
});

const n = (text: string): ProseToken => ({ kind: 'number', text });
const w = (text: string): ProseToken => ({ kind: 'word', text });
const o = (text: string): ProseToken => ({ kind: 'op', text });
const gap = (text: string): ProseToken => ({ kind: 'gap', text });

describe('proseTokens: numbers, words, operators and marks', () => {
  test('a working with units', () => {
    expect(proseTokens('6 MB + 3 MB = 9 MB')).toStrictEqual([
      n('6'),
      w('MB'),
      o('+'),
      n('3'),
      w('MB'),
      o('='),
      n('9'),
      w('MB'),
    ]);
  });

  test('every operator and bracket is an operator; other marks are gaps', () => {
    expect(proseTokens('- + * / × · ⋅ ∙ ÷ = ( ) ^')).toStrictEqual(
      ['-', '+', '*', '/', '×', '·', '⋅', '∙', '÷', '=', '(', ')', '^'].map(o),
    );
    expect(proseTokens('8, 9% ~ 3')).toStrictEqual([n('8'), gap(','), n('9'), gap('%'), gap('~'), n('3')]);
  });

  test.each([
    // Thousands grouped by commas or spaces, with decimals and an exponent, are one number.
    ['1,234,567', '1,234,567'],
    ['1 024', '1 024'],
    ['16,448.5', '16,448.5'],
    ['16,448.25', '16,448.25'],
    ['1,500e3', '1,500e3'],
    ['1,500e+3', '1,500e+3'],
    ['3e5', '3e5'],
    ['2.5e-3', '2.5e-3'],
    ['12.6', '12.6'],
    ['.5', '.5'],
    ['.25', '.25'],
  ])('%j is the one number %j', (text, number) => {
    expect(proseTokens(text)).toStrictEqual([n(number)]);
  });

  test('a group of three digits after a space is a thousands group only when no digit follows it', () => {
    // "1 2345": "1 234" would leave "5"; four digits are no group, so two numbers.
    expect(proseTokens('1 2345')).toStrictEqual([n('1'), n('2345')]);
    // "1 024 x 1 024": two grouped numbers and the word "x".
    expect(proseTokens('1 024 x 1 024')).toStrictEqual([n('1 024'), w('x'), n('1 024')]);
  });

  test.each(['1,23,456', '12,34', '1,234,56', '1,2345', 'about 1,23,456 weights'])(
    '%j has commas that are no thousands separators: unreadable',
    (text) => {
      expect(proseTokens(text)).toBeUndefined();
    },
  );

  test.each([
    // A label word before the number, in any case.
    ['layer 2 has 8', [w('layer'), w('has'), n('8')]],
    ['Layer 2 has 8', [w('Layer'), w('has'), n('8')]],
    // Denied: "not".
    ['8, not 14', [n('8'), gap(','), w('not')]],
    ['8, NOT 14', [n('8'), gap(','), w('NOT')]],
    // Glued to a word.
    ['conv3 gives 8', [w('conv'), w('gives'), n('8')]],
    ['VGG16', [w('VGG')]],
    // Hyphened after a word: "ResNet-50". The "-" stays (a hyphen with no number after it).
    ['ResNet-50 gives 8', [w('ResNet'), o('-'), w('gives'), n('8')]],
    // Hyphened before a label word: "a 3-layer net", in any case.
    ['a 3-layer net of 8', [w('a'), o('-'), w('layer'), w('net'), w('of'), n('8')]],
    ['a 3-Layer net', [w('a'), o('-'), w('Layer'), w('net')]],
  ])('%j: the number that names something is left out', (text, tokens) => {
    expect(proseTokens(text)).toStrictEqual(tokens);
  });

  test.each([
    // "x32", "X32", "×32": a factor, not a name.
    ['x32', [w('x'), n('32')]],
    ['X32', [w('X'), n('32')]],
    ['×32', [o('×'), n('32')]],
    // A hyphen to a word that is no label: "32-fold".
    ['32-fold', [n('32'), o('-'), w('fold')]],
    // A word then a space: not glued.
    ['is 8', [w('is'), n('8')]],
    // A hyphen then a space: not glued.
    ['a- 5', [w('a'), o('-'), n('5')]],
    // Only the word right before the number labels it; one further back does not.
    ['layer of 8', [w('layer'), w('of'), n('8')]],
    // The glue is read right before the number only: a hyphened name earlier does not reach it.
    ['ResNet-50 has 8', [w('ResNet'), o('-'), w('has'), n('8')]],
    // A number first: nothing before it.
    ['8 MB', [n('8'), w('MB')]],
  ])('%j: the number is a figure', (text, tokens) => {
    expect(proseTokens(text)).toStrictEqual(tokens);
  });
});

describe('isUnitWord: a unit kept with the number before it', () => {
  test.each([
    ['MB', 'a byte unit'],
    ['kib', 'a binary byte unit, any case'],
    ['bits', 'a bit unit'],
    ['Kibit', 'a bit unit, any case'],
    ['Mb', 'megabits as usually written'],
    ['million', "a count's scale"],
    ['K', "a count's scale, any case"],
    ['x', 'a factor'],
    ['times', 'a factor'],
    ['PX', 'pixels'],
    ['Pixels', 'pixels'],
  ])('%j is a unit (%s)', (word) => {
    expect(isUnitWord(word)).toBe(true);
  });

  test.each([
    ['params', 'what is counted'],
    ['Parameters', 'what is counted'],
    ['weights', 'what is counted'],
    ['cats', 'no unit'],
    ['of', 'no unit'],
    ['fold', 'no unit'],
  ])('%j is no unit (%s)', (word) => {
    expect(isUnitWord(word)).toBe(false);
  });
});

describe('chunksOf: each run of figures and arithmetic is a chunk', () => {
  test('a working with its units, one chunk', () => {
    expect(chunksOf('6 MB + 3 MB = 9 MB')).toStrictEqual(['6 MB + 3 MB = 9 MB']);
  });

  test('words between figures end a chunk; numbers that name something are left out', () => {
    // "8", then "or" (no operator, no unit, nothing labelled): the chunk ends; "9" starts one.
    expect(chunksOf('about 8 or 9')).toStrictEqual(['8', '9']);
    expect(chunksOf('layer 2 outputs 6 MB')).toStrictEqual(['6 MB']);
    expect(chunksOf('16,448, not 16,384')).toStrictEqual(['16,448']);
    // Two numbers side by side are two figures.
    expect(chunksOf('8 9')).toStrictEqual(['8', '9']);
  });

  test('no digit, no chunk', () => {
    expect(chunksOf('no figure here')).toStrictEqual([]);
    expect(chunksOf('')).toStrictEqual([]);
  });

  test('"by", "x" and "times" between numbers are products, in any case', () => {
    expect(chunksOf('8 by 8')).toStrictEqual(['8 x 8']);
    expect(chunksOf('8 BY 8')).toStrictEqual(['8 x 8']);
    expect(chunksOf('8 x 8')).toStrictEqual(['8 x 8']);
    expect(chunksOf('2 times 3')).toStrictEqual(['2 * 3']);
    expect(chunksOf('2 Times 3')).toStrictEqual(['2 * 3']);
    // "by 32" with no figure before it: the factor alone.
    expect(chunksOf('divided by 32')).toStrictEqual(['32']);
    // "by" with no number after it ends the figure.
    expect(chunksOf('8 by hand')).toStrictEqual(['8']);
  });

  test('a unit word after a number stays with it; other words end the chunk', () => {
    expect(chunksOf('16 k params')).toStrictEqual(['16 k']);
    expect(chunksOf('8 pixels wide')).toStrictEqual(['8 pixels']);
    expect(chunksOf('32 times smaller')).toStrictEqual(['32 times']);
    // "x" after a number with no number next is kept as its unit ("32x").
    expect(chunksOf('8 x')).toStrictEqual(['8 x']);
    // A unit word with no number before it is only a word.
    expect(chunksOf('MB: 8')).toStrictEqual(['8']);
  });

  test('an "x" with no number after it is the unknown, or a word: it starts nothing', () => {
    expect(chunksOf('x = 8')).toStrictEqual(['8']);
    expect(chunksOf('8 for x')).toStrictEqual(['8']);
  });

  test('"x" before a number with nothing before it starts a factor ("x50 = 562 MB"), in any case', () => {
    expect(chunksOf('x50 = 562 MB')).toStrictEqual(['x 50 = 562 MB']);
    expect(chunksOf('X50 = 562 MB')).toStrictEqual(['x 50 = 562 MB']);
    expect(chunksOf('11.24 MB x50 = 562 MB')).toStrictEqual(['11.24 MB x 50 = 562 MB']);
  });

  test('words after an operator name the next term: the operator waits for its number', () => {
    expect(chunksOf('6 MB + params 3.6 MB')).toStrictEqual(['6 MB + 3.6 MB']);
    // Issue 18's own example (with "=" for the arrow, as statementsOf writes it).
    expect(chunksOf('layer 1 outputs 6 MB + layer 2 outputs 3 MB + params 3.6 MB = 12.6 MB')).toStrictEqual([
      '6 MB + 3 MB + 3.6 MB = 12.6 MB',
    ]);
  });

  test.each(['+', '-', '*', '/', '×', '·', '⋅', '∙', '÷'])(
    'words between a term and "%s" label the term: the working runs on across them',
    (op) => {
      // "4", "cats" (labelled: an operator and a number follow), the operator, "2 = 8".
      expect(chunksOf(`4 cats ${op} 2 = 8`)).toStrictEqual([`4 ${op} 2 = 8`]);
    },
  );

  test('words before an "=" inside a sum or difference label its last term', () => {
    expect(chunksOf('10.52 MB of activations + 0.72 MB input = 11.24 MB')).toStrictEqual([
      '10.52 MB + 0.72 MB = 11.24 MB',
    ]);
    expect(chunksOf('12 MB total - 1 MB cache = 11 MB')).toStrictEqual(['12 MB - 1 MB = 11 MB']);
    expect(chunksOf('3 * 4 cells = 12')).toStrictEqual(['3 * 4 = 12']);
    expect(chunksOf('448 / 32 rows = 14')).toStrictEqual(['448 / 32 = 14']);
  });

  test('words before an "=" after a figure or a grid end it: what follows is another figure', () => {
    // No sum or difference begun: "16 MB" and "16 MB" are two statements of a figure.
    expect(chunksOf('16 MB total = 16 MB')).toStrictEqual(['16 MB', '16 MB']);
    // A grid and its cells (the grid rule of readAsTeacher reads them).
    expect(chunksOf('8 x 8 cells = 64')).toStrictEqual(['8 x 8', '64']);
  });

  test('only arithmetic operators (and "=" in a sum) let labels run on: "^" does not', () => {
    // "cats" before "^": not a label, so the chunk ends; "^" with nothing before it starts nothing.
    expect(chunksOf('2 + 3 cats ^ 2')).toStrictEqual(['2 + 3', '2']);
  });

  test('words with no operator and number after them end the chunk', () => {
    // "+" with no number after it: "total" labels nothing, the figure ends at "MB".
    expect(chunksOf('8 MB total + more')).toStrictEqual(['8 MB']);
    // "+" then no number: not a label, and the working is unfinished (below); "=" then a word.
    expect(chunksOf('8 MB total = about')).toStrictEqual(['8 MB']);
    // An operator with a number after it, but not right after the words: "(" is no operator here.
    expect(chunksOf('8 cats (3)')).toStrictEqual(['8', '(3)']);
  });

  test('a working left unfinished cannot be read', () => {
    expect(chunksOf('2,800 + lots')).toBeUndefined();
    expect(chunksOf('8 *')).toBeUndefined();
    // An operator before another operator or an "x": no number follows it.
    expect(chunksOf('8 + -3')).toBeUndefined();
    expect(chunksOf('6 MB + x2')).toBeUndefined();
    expect(chunksOf('6 MB + X2')).toBeUndefined();
    // A malformed number.
    expect(chunksOf('1,23,456 weights')).toBeUndefined();
  });

  test('"=" or "-" after a figure with no number after them is no working: the figure stands', () => {
    expect(chunksOf('8 = done')).toStrictEqual(['8']);
    // "32-fold": a hyphen.
    expect(chunksOf('32-fold')).toStrictEqual(['32']);
    // "32-bit floats": a number hyphened to a measure names the float type, as "a 3-layer net"
    // names a net: no figure at all (issue 18, "a 224-pixel window, 32 pixels apart").
    expect(chunksOf('32-bit floats')).toStrictEqual([]);
    // A dash at the end.
    expect(chunksOf('8 -')).toStrictEqual(['8']);
    expect(chunksOf('a 3-layer net of 8')).toStrictEqual(['8']);
  });

  test('a "-" before a number with no figure before it is a sign', () => {
    expect(chunksOf('-5 MB')).toStrictEqual(['- 5 MB']);
    expect(chunksOf('it is -5')).toStrictEqual(['- 5']);
    // After a figure and a mark: a new chunk, signed.
    expect(chunksOf('8, -5')).toStrictEqual(['8', '- 5']);
    // After "(": the sign stays inside the bracket.
    expect(chunksOf('(-3 + 5)')).toStrictEqual(['(- 3 + 5)']);
  });

  test('any other operator with no figure before it is dropped: "÷32" (divided by 32) states 32', () => {
    expect(chunksOf('÷ 32')).toStrictEqual(['32']);
    expect(chunksOf('/32')).toStrictEqual(['32']);
    // Inside a bracket as well: the bracket runs on.
    expect(chunksOf('(÷ 32)')).toStrictEqual(['(32)']);
  });

  test('brackets: arithmetic inside them runs on; the spaces around a bracket are dropped', () => {
    expect(chunksOf('(2,800 + 900,600) weights')).toStrictEqual(['(2,800 + 900,600)']);
    expect(chunksOf('(6 + 3) MB')).toStrictEqual(['(6 + 3)MB']);
    expect(chunksOf('(6 + 3) * 2 = 18')).toStrictEqual(['(6 + 3)* 2 = 18']);
    // An operator before "(": a number (the bracket's) follows it.
    expect(chunksOf('2 * (3 + 4) = 14')).toStrictEqual(['2 *(3 + 4)= 14']);
    // A "(" right after a figure starts a new chunk.
    expect(chunksOf('8 (3)')).toStrictEqual(['8', '(3)']);
  });

  test('a mark ends a chunk, unless an operator waits for its number', () => {
    // "8", ":" (a gap), then "MB" with nothing before it: not 8's unit.
    expect(chunksOf('8: MB')).toStrictEqual(['8']);
    // "6 +", "," then "3": the "+" still waits for its number.
    expect(chunksOf('6 +, 3 = 9')).toStrictEqual(['6 + 3 = 9']);
  });
});
