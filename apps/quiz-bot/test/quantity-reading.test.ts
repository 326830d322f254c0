import { describe, expect, test } from 'vitest';
import {
  fitsAtWrittenPrecision,
  LEADING_WORDS,
  parseQuantity,
  type QuantityUnit,
  significantDigitsOf,
  TRAILING_WORDS,
} from '../src/grading/quantity';
import { refusal } from './quantity-refusal';

/*
 * How a learner's figure is read: value, the place value of its last written digit, its
 * significant digits, its unit, and the working written beside it. Every expectation is worked out
 * by hand in the test: the unit factors are the SI prefixes (k = 10^3, M = 10^6, G = 10^9,
 * T = 10^12) and the IEC binary prefixes (Ki = 2^10 = 1,024, Mi = 2^20 = 1,048,576, Gi = 2^30,
 * Ti = 2^40), 1 byte = 8 bits; a count's "k", "M", "bn" are thousand, million, billion.
 */
const EXPECTED: Record<QuantityUnit, string> = {
  count: 'expected a number such as 1234567, 1,234,567, 1 234 567, 1.234567e6, 1.234567M or 1.234567 million',
  bytes:
    'expected a number of bytes such as 1234567 or 1,234,567 bytes, or with a unit: kB, MB, GB (powers of 1000) or KiB, MiB, GiB (powers of 1024)',
  ratio: 'expected a whole number, optionally followed by x',
  pixels: 'expected a whole number, or a square grid written N×N',
};

/** What the reader makes of `text`: its value, the place of its last written digit, its significant digits. */
function expectReading(
  text: string,
  unit: QuantityUnit,
  value: number,
  precision: number,
  digits: number,
): void {
  const parsed = parseQuantity(text, unit);
  expect(parsed.value).toBeCloseTo(value, 9);
  expect(parsed.precision).toBeCloseTo(precision, 9);
  expect(parsed.significantDigits).toBe(digits);
}

describe('every unit the reader knows, at its SI or IEC factor', () => {
  test.each([
    // [written, bytes, label, factor, base]
    ['1 byte', 1, 'bytes', 1, undefined],
    ['2 bytes', 2, 'bytes', 1, undefined],
    ['1 b', 1, 'bytes', 1, undefined],
    ['1 kB', 1e3, 'kB', 1e3, 'decimal'],
    ['1 KB', 1e3, 'kB', 1e3, 'decimal'],
    ['1 MB', 1e6, 'MB', 1e6, 'decimal'],
    ['1 GB', 1e9, 'GB', 1e9, 'decimal'],
    ['1 TB', 1e12, 'TB', 1e12, 'decimal'],
    ['1 KiB', 1024, 'KiB', 1024, 'binary'],
    ['1 MiB', 1_048_576, 'MiB', 1_048_576, 'binary'],
    ['1 GiB', 1_073_741_824, 'GiB', 1_073_741_824, 'binary'],
    ['1 TiB', 1_099_511_627_776, 'TiB', 1_099_511_627_776, 'binary'],
    ['1 kilobytes', 1e3, 'kB', 1e3, 'decimal'],
    ['1 megabytes', 1e6, 'MB', 1e6, 'decimal'],
    ['1 gigabytes', 1e9, 'GB', 1e9, 'decimal'],
    ['1 kibibytes', 1024, 'KiB', 1024, 'binary'],
    ['1 mebibytes', 1_048_576, 'MiB', 1_048_576, 'binary'],
    ['1 gibibytes', 1_073_741_824, 'GiB', 1_073_741_824, 'binary'],
  ] as const)('%j is %d bytes (%s)', (text, bytes, label, factor, base) => {
    expect(parseQuantity(text, 'bytes')).toStrictEqual({
      value: bytes,
      precision: factor,
      significantDigits: 1,
      writtenUnit: label,
      written: text,
      unitFactor: factor,
      ...(base === undefined ? {} : { base }),
    });
  });

  test.each([
    // [written, bytes, label, base]: bits ÷ 8.
    ['8 bit', 1, 'bits', undefined],
    ['8 bits', 1, 'bits', undefined],
    ['8 kbit', 1_000, 'kbit', 'decimal'],
    ['8 Mbit', 1_000_000, 'Mbit', 'decimal'],
    ['8 Gbit', 1e9, 'Gbit', 'decimal'],
    ['8 Tbit', 1e12, 'Tbit', 'decimal'],
    ['8 Kibit', 1024, 'Kibit', 'binary'],
    ['8 Mibit', 1_048_576, 'Mibit', 'binary'],
    ['8 Gibit', 1_073_741_824, 'Gibit', 'binary'],
    ['8 kilobits', 1_000, 'kbit', 'decimal'],
    ['8 megabits', 1_000_000, 'Mbit', 'decimal'],
    ['8 gigabits', 1e9, 'Gbit', 'decimal'],
    // A capital prefix and a small b is bits ("100 Mb/s"); a small "mb" or "kb" is bytes.
    ['8 Kb', 1_000, 'kbit', 'decimal'],
    ['8 Mb', 1_000_000, 'Mbit', 'decimal'],
    ['8 Gb', 1e9, 'Gbit', 'decimal'],
    ['8 Tb', 1e12, 'Tbit', 'decimal'],
  ] as const)('%j is %d bytes (%s)', (text, bytes, label, base) => {
    // One written "8" is read to the unit: a precision of one bit unit, 1/8 of the byte figure.
    expect(parseQuantity(text, 'bytes')).toStrictEqual({
      value: bytes,
      precision: bytes / 8,
      significantDigits: 1,
      writtenUnit: label,
      written: text,
      unitFactor: bytes / 8,
      bits: true,
      ...(base === undefined ? {} : { base }),
    });
  });

  test.each([
    ['3 k', 3e3, 'thousand'],
    ['3 thousand', 3e3, 'thousand'],
    ['3 m', 3e6, 'million'],
    ['3 M', 3e6, 'million'],
    ['3 mio', 3e6, 'million'],
    ['3 mil', 3e6, 'million'],
    ['3 million', 3e6, 'million'],
    ['3 millions', 3e6, 'million'],
    // On a count, "b" is a billion, not a byte.
    ['3 b', 3e9, 'billion'],
    ['3 bn', 3e9, 'billion'],
    ['3 billion', 3e9, 'billion'],
    ['3params', 3, ''],
    ['3parameters', 3, ''],
    ['3weights', 3, ''],
  ] as const)('count %j is %d (%s)', (text, value, label) => {
    expect(parseQuantity(text, 'count')).toStrictEqual({
      value,
      precision: value / 3,
      significantDigits: 1,
      writtenUnit: label,
      written: text,
      unitFactor: value / 3,
    });
  });

  test.each([
    ['32', 'ratio', ''],
    ['32x', 'ratio', 'x'],
    ['32 X', 'ratio', 'x'],
    ['32 times', 'ratio', 'x'],
    ['32', 'pixels', ''],
    ['32 px', 'pixels', 'px'],
    ['32 PX', 'pixels', 'px'],
    ['32 pixels', 'pixels', 'pixels'],
  ] as const)('%j as %s: 32, exactly, unit %j', (text, unit, label) => {
    // A stride or a side is a whole number: "32" is thirty-two exactly, not "about 3 tens".
    expect(parseQuantity(text, unit)).toStrictEqual({
      value: 32,
      precision: 1,
      significantDigits: 2,
      writtenUnit: label,
      written: text,
      unitFactor: 1,
    });
  });
});

describe('the place of the last written digit and the significant digits', () => {
  test.each([
    // [written, unit, value, precision, significant digits]
    ['0', 'count', 0, 1, 1],
    // Zeros alone are a zero read to the unit, not "zero hundreds".
    ['00', 'count', 0, 1, 1],
    ['100', 'count', 100, 100, 1],
    ['904,000', 'count', 904_000, 1_000, 3],
    ['1,000,000', 'count', 1e6, 1e6, 1],
    ['+903,400', 'count', 903_400, 100, 4],
    ['903,400.', 'count', 903_400, 100, 4],
    // 9034 × 10^2, no trailing zero: read to the hundred.
    ['9034e2', 'count', 903_400, 100, 4],
    ['9.034E+5', 'count', 903_400, 100, 4],
    // ".5" million: 5 tenths of a million, read to 100,000.
    ['.5M', 'count', 500_000, 100_000, 1],
    // "0.400": the dot after a zero is a decimal point, three decimals written.
    ['0.400', 'count', 0.4, 0.001, 3],
    // A unit after "903.400" says it is a decimal: 903.400 MB, read to the kilobyte.
    ['903.400 MB', 'bytes', 903_400_000, 1_000, 6],
    ['12.60 MB', 'bytes', 12_600_000, 10_000, 4],
    // 0.0126 GB: leading zeros are not significant; read to 10^-4 GB = 100,000 bytes.
    ['0.0126 GB', 'bytes', 12_600_000, 100_000, 3],
    ['12.6 MB.', 'bytes', 12_600_000, 100_000, 3],
    // The smallest bare byte count read as bytes: 1,000 (to the thousand).
    ['1000', 'bytes', 1_000, 1_000, 1],
    // A whole stride or side is exact, trailing zeros included; a decimal or exponent is not.
    ['0', 'ratio', 0, 1, 1],
    ['100', 'pixels', 100, 1, 3],
    ['32.0', 'ratio', 32, 0.1, 3],
    ['3e1', 'ratio', 30, 10, 1],
    ['2.500', 'ratio', 2.5, 0.001, 4],
  ] as const)('%j as %s: %d, to the nearest %d, %d digits', expectReading);

  test('a square grid is its side: "10x10" and "08x08"', () => {
    expect(parseQuantity('10x10', 'pixels')).toStrictEqual({
      value: 10,
      precision: 1,
      significantDigits: 2,
      writtenUnit: 'grid',
      written: '10x10',
      unitFactor: 1,
    });
    expect(parseQuantity('08x08', 'pixels')).toMatchObject({ value: 8, significantDigits: 1 });
    // Written with "by", or between words: the grid, not the product 64.
    expect(parseQuantity('8 by 8', 'pixels')).toMatchObject({ value: 8, writtenUnit: 'grid' });
    expect(parseQuantity('an 8 × 8 grid', 'pixels')).toMatchObject({ value: 8, writtenUnit: 'grid' });
  });

  test('a whole side or ratio with thousands separators counts its digits, not its commas: "1,024" has 4', () => {
    // 1,024 is four digits (1, 0, 2, 4); the separator is no digit, in any of the forms the reader takes.
    for (const written of ['1,024', '1 024', "1'024", '1_024']) {
      expect(parseQuantity(written, 'pixels')).toMatchObject({ value: 1024, significantDigits: 4 });
    }
    expect(parseQuantity('16,448', 'ratio')).toMatchObject({ value: 16448, significantDigits: 5 });
  });

  test.each([
    '~903,400',
    '≈903,400',
    'about903,400',
    'approx.903,400',
    'Roughly 903,400',
    'the answer is 903,400',
  ])('%j: the words around a figure are dropped', (text) => {
    expect(parseQuantity(text, 'count')).toMatchObject({ value: 903_400, precision: 100 });
  });

  test.each([
    ["It's about 12.6 MB of RAM", 12_600_000],
    ['12.6 MB in all', 12_600_000],
    ['= 12.6 MB', 12_600_000],
    [':12.6 MB', 12_600_000],
  ])('%j is 12.6 MB', (text, bytes) => {
    expect(parseQuantity(text, 'bytes')).toMatchObject({ value: bytes, written: '12.6 MB' });
  });

  test.each([
    ['32-fold', 'ratio'],
    ['32 fold', 'ratio'],
    ['x32', 'ratio'],
    ['×32', 'ratio'],
  ] as const)('%j is a factor of 32', (text, unit) => {
    expect(parseQuantity(text, unit)).toMatchObject({ value: 32, writtenUnit: 'x', written: '32x' });
  });

  test('"a factor of 32" is 32', () => {
    expect(parseQuantity('a factor of 32', 'ratio')).toMatchObject({
      value: 32,
      writtenUnit: '',
      written: '32',
    });
  });
});

describe('refusals say what was wrong and what is allowed', () => {
  test.each([
    ['', 'count', `the answer is empty: ${EXPECTED.count}`],
    ['about', 'count', `the answer is empty: ${EXPECTED.count}`],
    ['lots', 'count', `"lots" is not a number: ${EXPECTED.count}`],
    ['lots', 'bytes', `"lots" is not a number: ${EXPECTED.bytes}`],
    ['lots', 'ratio', `"lots" is not a number: ${EXPECTED.ratio}`],
    ['lots', 'pixels', `"lots" is not a number: ${EXPECTED.pixels}`],
    ['e5', 'count', `"e5" is not a number: ${EXPECTED.count}`],
    ['M', 'count', `"M" is not a number: ${EXPECTED.count}`],
    ['-5', 'count', `a negative amount cannot be right: ${EXPECTED.count}`],
    // Working that comes out negative: 5 − 8 = −3.
    ['5 - 8', 'count', `a negative amount cannot be right: ${EXPECTED.count}`],
    ['5 / 0', 'count', `"5 / 0" is not a number: ${EXPECTED.count}`],
    ['(3*3', 'count', `"(3*3" is not a number: ${EXPECTED.count}`],
    ['3*3)', 'count', `"3*3)" is not a number: ${EXPECTED.count}`],
    ['1e400', 'count', `the number is too large: ${EXPECTED.count}`],
    ['8x9', 'pixels', `a 8×9 grid is not square; give its side: ${EXPECTED.pixels}`],
    ['12 furlongs', 'bytes', `unknown unit "furlongs": ${EXPECTED.bytes}`],
    ['12 furlongs', 'count', `unknown unit "furlongs": ${EXPECTED.count}`],
    ['32 MB', 'ratio', `unknown unit "MB": ${EXPECTED.ratio}`],
    ['8 cm', 'pixels', `unknown unit "cm": ${EXPECTED.pixels}`],
    ['12.6 MB', 'count', `"MB" is a unit of memory, but this asks for a count: ${EXPECTED.count}`],
    ['5 KiB', 'count', `"KiB" is a unit of memory, but this asks for a count: ${EXPECTED.count}`],
    [
      '12.6',
      'bytes',
      '"12.6" needs a unit: is it bytes, MB or MiB? Write for example 12.6 MB, 12.6 MiB, or the whole number of bytes',
    ],
    // Under 1,000 bytes a bare number is surely in a unit left out.
    [
      '999',
      'bytes',
      '"999" needs a unit: is it bytes, MB or MiB? Write for example 999 MB, 999 MiB, or the whole number of bytes',
    ],
    // Working without a unit: 6 + 3 = 9 bytes is surely not meant; 600 + 400.5 is not whole.
    [
      '6 + 3',
      'bytes',
      '"6 + 3" needs a unit: is it bytes, MB or MiB? Write for example 6 + 3 MB, or the whole number of bytes',
    ],
    [
      '600 + 400.5',
      'bytes',
      '"600 + 400.5" needs a unit: is it bytes, MB or MiB? Write for example 600 + 400.5 MB, or the whole number of bytes',
    ],
  ] as const)('%j as %s: %s', (text, unit, message) => {
    const error = refusal(text, unit);
    expect(error.code).toBe('invalid_answer');
    expect(error.message).toBe(message);
    expect(error.context).toEqual({ answer: text });
  });

  test('a figure is at most 64 characters, a figure with its working 240', () => {
    // 64 ones: read (1.11…e63); 65: refused, and the answer kept in the error is cut to 64.
    expect(parseQuantity('1'.repeat(64), 'count').value).toBeCloseTo(Number('1'.repeat(64)), -50);
    const long = refusal('1'.repeat(65), 'count');
    expect(long.message).toBe(`the answer is 65 characters long, too long for a number: ${EXPECTED.count}`);
    expect(long.context).toEqual({ answer: '1'.repeat(64) });
    // 119 "1+" and "12": 240 characters, 119 + 12 = 131. One more character is refused.
    expect(parseQuantity(`${'1+'.repeat(119)}12`, 'count').value).toBe(131);
    const working = refusal(`${'1+'.repeat(120)}1`, 'count');
    expect(working.message).toBe(
      `the answer is 241 characters long, too long for a figure and its working: ${EXPECTED.count}`,
    );
    expect(working.context).toEqual({ answer: '1+'.repeat(32) });
  });

  test('"0.400" and "2.500" are decimals: a leading zero, or a stride, is never a thousands group', () => {
    expect(parseQuantity('0.400', 'count').value).toBeCloseTo(0.4, 12);
    expect(parseQuantity('2.500', 'ratio').value).toBeCloseTo(2.5, 12);
  });
});

describe('significant digits of a key, and whether it fits the written precision', () => {
  test.each([
    [903_400, 4],
    [12_613_600, 6],
    [565_613_600, 7],
    [32, 2],
    [0.0126, 3],
    [0, 1],
    [-45, 2],
    [1.5e-7, 2],
    [1e21, 1],
  ])('%d has %d significant digits', (value, digits) => {
    expect(significantDigitsOf(value)).toBe(digits);
  });

  test('the key rounded half up to the written step is what was written', () => {
    // 12,650,000 bytes to 0.1 MB: 126.5 tenths, half up to 127: 12.7 MB, not 12.6 MB.
    expect(fitsAtWrittenPrecision(12_650_000, { value: 12_700_000, precision: 100_000 })).toBe(true);
    expect(fitsAtWrittenPrecision(12_650_000, { value: 12_600_000, precision: 100_000 })).toBe(false);
    expect(fitsAtWrittenPrecision(12_649_999, { value: 12_600_000, precision: 100_000 })).toBe(true);
    // 903,450 to the hundred is 903,500.
    expect(fitsAtWrittenPrecision(903_450, { value: 903_400, precision: 100 })).toBe(false);
    expect(fitsAtWrittenPrecision(903_400, { value: 903_400, precision: 100 })).toBe(true);
  });
});

describe('working: every step worked out again', () => {
  test('a sum beside its figure, right or not', () => {
    // 2,800 + 180,200 + 720,400 = 903,400; with 720,000 it makes 903,000.
    expect(parseQuantity('2,800 + 180,200 + 720,400 = 903,400', 'count')).toStrictEqual({
      value: 903_400,
      precision: 100,
      significantDigits: 4,
      writtenUnit: '',
      written: '903,400',
      unitFactor: 1,
      working: [
        {
          text: '2,800 + 180,200 + 720,400',
          value: 903_400,
          shown: '903,400',
          equals: '903,400',
          agrees: true,
        },
      ],
    });
    expect(parseQuantity('2,800 + 180,200 + 720,000 = 903,400', 'count').working).toStrictEqual([
      {
        text: '2,800 + 180,200 + 720,000',
        value: 903_000,
        shown: '903,000',
        equals: '903,400',
        agrees: false,
      },
    ]);
  });

  test('the figure first, then its working; two workings: the last is the figure', () => {
    expect(parseQuantity('903,400 = 2,800 + 180,200 + 720,400', 'count')).toMatchObject({
      written: '903,400',
      working: [{ text: '2,800 + 180,200 + 720,400', agrees: true }],
    });
    // 2,800 + 900,600 = 903,400 = 900,000 + 3,400: both exact, they agree.
    expect(parseQuantity('2,800 + 900,600 = 900,000 + 3,400', 'count')).toStrictEqual({
      value: 903_400,
      precision: 1,
      significantDigits: 6,
      writtenUnit: '',
      written: '900,000 + 3,400',
      unitFactor: 1,
      working: [
        {
          text: '2,800 + 900,600',
          value: 903_400,
          shown: '903,400',
          equals: '900,000 + 3,400',
          agrees: true,
        },
      ],
    });
  });

  test('working with no unit beside a figure in MB is read in MB', () => {
    // 6 + 3 + 3.6 = 12.6, read to a tenth: 12.6 MB.
    expect(parseQuantity('6 + 3 + 3.6 = 12.6 MB', 'bytes')).toStrictEqual({
      value: 12_600_000,
      precision: 100_000,
      significantDigits: 3,
      writtenUnit: 'MB',
      written: '12.6 MB',
      unitFactor: 1_000_000,
      base: 'decimal',
      working: [
        {
          text: '6 + 3 + 3.6',
          value: expect.closeTo(12_600_000, 3),
          shown: '12.6',
          equals: '12.6 MB',
          agrees: true,
        },
      ],
    });
    // 6,000,000 + 6,600,000 bytes is nearer 12.6 MB as written than in MB.
    expect(parseQuantity('6,000,000 + 6,600,000 = 12.6 MB', 'bytes').working).toStrictEqual([
      {
        text: '6,000,000 + 6,600,000',
        value: 12_600_000,
        shown: '12,600,000',
        equals: '12.6 MB',
        agrees: true,
      },
    ]);
  });

  test('working in a unit is shown in it, and compared to half a step', () => {
    // 6 + 3 + 3.6 MB = 12.6 MB, 0.1 MB away from 12.7 MB: more than half of 0.1 MB.
    expect(parseQuantity('6 MB + 3 MB + 3.6 MB = 12.7 MB', 'bytes').working).toStrictEqual([
      {
        text: '6 MB + 3 MB + 3.6 MB',
        value: expect.closeTo(12_600_000, 3),
        shown: '12.6 MB',
        equals: '12.7 MB',
        agrees: false,
      },
    ]);
    // 5k + 3k = 8k, each to the thousand.
    expect(parseQuantity('5k + 3k = 8k', 'count').working).toStrictEqual([
      { text: '5k + 3k', value: 8_000, shown: '8 thousand', equals: '8k', agrees: true },
    ]);
    // A factor written with its "x": 4x · 8 = 32, shown without a unit word.
    expect(parseQuantity('4x * 8 = 32x', 'ratio').working).toStrictEqual([
      { text: '4x * 8', value: 32, shown: '32', equals: '32x', agrees: true },
    ]);
  });

  test('two figures set equal agree within half the coarser step', () => {
    // 12.6 MB is 12,550,000 to 12,650,000: 12,613,600 bytes is in it, 12.7 MB is not.
    expect(parseQuantity('12.6 MB = 12,613,600 bytes', 'bytes')).toStrictEqual({
      value: 12_613_600,
      precision: 100,
      significantDigits: 6,
      writtenUnit: 'bytes',
      written: '12,613,600 bytes',
      unitFactor: 1,
      working: [
        { text: '12.6 MB', value: 12_600_000, shown: '12.6 MB', equals: '12,613,600 bytes', agrees: true },
      ],
    });
    expect(parseQuantity('12.7 MB = 12,613,600 bytes', 'bytes').working?.[0]?.agrees).toBe(false);
    // 903,400 and 903k: half of 1,000 is 500, and they are 400 apart. 903,300 (read to the
    // hundred) and 903,400 are 100 apart, more than half of 100; 903,350 is 50 away, within.
    expect(parseQuantity('903,400 = 903k', 'count').working?.[0]?.agrees).toBe(true);
    expect(parseQuantity('903,300 = 903,400', 'count').working?.[0]?.agrees).toBe(false);
    expect(parseQuantity('903,350 = 903,400', 'count').working?.[0]?.agrees).toBe(true);
  });

  test('statements split by ";" or new lines: the last is the answer, each earlier one checked', () => {
    // 10,520,000 × 50 = 526,000,000 and 720,000 × 50 = 36,000,000 bytes; total 565,613,600.
    expect(
      parseQuantity(
        '10,520,000 × 50 = 526,000,000; 720,000 × 50 = 36,000,000\ntotal 565,613,600 bytes',
        'bytes',
      ),
    ).toStrictEqual({
      value: 565_613_600,
      precision: 100,
      significantDigits: 7,
      writtenUnit: 'bytes',
      written: '565,613,600 bytes',
      unitFactor: 1,
      working: [
        { text: '10,520,000 × 50', value: 526e6, shown: '526,000,000', equals: '526,000,000', agrees: true },
        { text: '720,000 × 50', value: 36e6, shown: '36,000,000', equals: '36,000,000', agrees: true },
      ],
    });
  });

  test('an earlier statement that is no figure is left unchecked; the answer must be readable', () => {
    expect(parseQuantity('lots of 5; 903,400', 'count')).toStrictEqual({
      value: 903_400,
      precision: 100,
      significantDigits: 4,
      writtenUnit: '',
      written: '903,400',
      unitFactor: 1,
    });
    // Read as a teacher reads prose (issue 18): the last statement that states a figure is the
    // answer, so "lots of 5" after the working is read as 5 (and graded as 5), not refused.
    expect(parseQuantity('903,400; lots of 5', 'count')).toMatchObject({ value: 5, written: '5' });
  });

  test('working alone is the figure, read to its finest written place', () => {
    // 6 + 3 + 3.6 MB = 12.6 MB, read to 0.1 MB: three digits.
    expect(parseQuantity('6 MB + 3 MB + 3.6 MB', 'bytes')).toStrictEqual({
      value: expect.closeTo(12_600_000, 3),
      precision: 100_000,
      significantDigits: 3,
      writtenUnit: 'MB',
      written: '6 MB + 3 MB + 3.6 MB',
      unitFactor: 1_000_000,
      base: 'decimal',
    });
    // 2·2·64·64 + 64 = 16,448, exact: every one of its 5 digits.
    expect(parseQuantity('2*2*64*64 + 64', 'count')).toStrictEqual({
      value: 16_448,
      precision: 1,
      significantDigits: 5,
      writtenUnit: '',
      written: '2*2*64*64 + 64',
      unitFactor: 1,
    });
    // 50 + 50 Mbit = 100 Mbit = 12,500,000 bytes, read to 10 Mbit (1,250,000 bytes): 2 digits.
    expect(parseQuantity('50 Mbit + 50 Mbit', 'bytes')).toStrictEqual({
      value: 12_500_000,
      precision: 1_250_000,
      significantDigits: 2,
      writtenUnit: 'Mbit',
      written: '50 Mbit + 50 Mbit',
      unitFactor: 125_000,
      base: 'decimal',
      bits: true,
    });
    // 600 + 400 = 1,000 bytes, whole and not under 1,000: read as bytes.
    expect(parseQuantity('600 + 400', 'bytes')).toMatchObject({ value: 1_000, writtenUnit: '' });
  });

  test('the digits of a sum are those of its finest place: 5 MB + 3.9 MB = 8.9 MB, two digits', () => {
    // 8.9 MB read to 0.1 MB is 89 tenths: two significant digits, as "8.9 MB" written alone.
    expect(parseQuantity('5 MB + 3.9 MB', 'bytes')).toMatchObject({
      precision: 100_000,
      significantDigits: 2,
    });
    expect(parseQuantity('8.9 MB', 'bytes').significantDigits).toBe(2);
    // 2.5 + 1 = 3.5, to the tenth: two digits. 565,613,600 − 3,613,600 = 562,000,000 exactly: nine.
    expect(parseQuantity('2.5 + 1', 'count')).toMatchObject({ value: 3.5, significantDigits: 2 });
    expect(parseQuantity('565,613,600 - 3,613,600', 'bytes')).toMatchObject({
      value: 562_000_000,
      precision: 1,
      significantDigits: 9,
    });
  });

  test('a difference is read like a sum, to its finest place: 12.6 MB − 3.6 MB = 9.0 MB, two digits', () => {
    // 9.0 MB to 0.1 MB is 90 tenths: two significant digits (a product's rule would give three).
    expect(parseQuantity('12.6 MB - 3.6 MB', 'bytes')).toMatchObject({
      precision: 100_000,
      significantDigits: 2,
    });
  });

  test('a product is read to the most digits of its inexact factors', () => {
    // 10.52 MB (4 digits) × 50 (exact) = 526 MB, to 4 digits: 0.1 MB.
    expect(parseQuantity('10.52 MB * 50', 'bytes')).toMatchObject({
      value: 526_000_000,
      precision: 100_000,
      significantDigits: 4,
      writtenUnit: 'MB',
    });
    // 2.5 MB (2 digits) × 1.25 (3 digits) = 3.125 MB, to 3 digits: 0.01 MB.
    expect(parseQuantity('2.5 MB * 1.25', 'bytes')).toMatchObject({
      value: 3_125_000,
      precision: 10_000,
      significantDigits: 3,
    });
    // 10 / 4 = 2.5: exact factors, a fraction; six digits, to 10^-5.
    const quotient = parseQuantity('10 / 4', 'count');
    expect(quotient).toMatchObject({ value: 2.5, significantDigits: 6 });
    expect(quotient.precision).toBeCloseTo(1e-5, 12);
    // 903,400 / 4 = 225,850 exactly.
    expect(parseQuantity('903,400 / 4', 'count')).toMatchObject({
      value: 225_850,
      precision: 1,
      significantDigits: 6,
    });
    // 0 × 2.5 = 0: a zero is read to the unit.
    expect(parseQuantity('0 * 2.5', 'count')).toMatchObject({ value: 0, precision: 1, significantDigits: 2 });
  });

  test.each([
    ['(3*3*3+1)*100', 'count', 2_800],
    ['2·2·64·64 + 64', 'count', 16_448],
    ['2⋅2⋅64∙64 + 64', 'count', 16_448],
    ['2×2×64×64+64', 'count', 16_448],
    ['2x2x64x64 + 64', 'count', 16_448],
    ['28 x 99', 'count', 2_772],
    ['903,400 ÷ 4', 'count', 225_850],
    ['565,613,600 − 3,613,600', 'bytes', 562_000_000],
    ['10 – 4', 'count', 6],
    ['(2+2)x8', 'ratio', 32],
    ['2x(2+2)', 'ratio', 8],
    ['.5 + .5', 'count', 1],
    ['1.5e3 + 500', 'count', 2_000],
  ] as const)('%j as %s makes %d', (text, unit, value) => {
    expect(parseQuantity(text, unit).value).toBeCloseTo(value, 9);
  });
});

describe('the words a learner writes around working carry no number', () => {
  // "about 2,800 + 900,600 parameters": the working is the answer, 2,800 + 900,600 = 903,400.
  // The word lists are quantity.ts' own (each word's reading is the rule tested here, not the
  // list); "I" and "RAM" check that case does not matter.
  test.each([...LEADING_WORDS, 'I', 'RAM'])('before: %j', (word) => {
    expect(parseQuantity(`${word} 2,800 + 900,600`, 'count').value).toBe(903_400);
  });

  // A trailing word keeps its meaning with a full stop, comma or "!" after it.
  test.each([...TRAILING_WORDS, 'RAM', 'parameters.', 'total,', 'overall!'])('after: %j', (word) => {
    expect(parseQuantity(`2,800 + 900,600 ${word}`, 'count').value).toBe(903_400);
  });

  test('several at once: "that\'s about 2,800 + 900,600 parameters in total"', () => {
    expect(parseQuantity("that's about 2,800 + 900,600 parameters in total", 'count')).toMatchObject({
      value: 903_400,
      written: '2,800 + 900,600',
    });
  });
});

describe('more of the working reader', () => {
  test.each([
    // [written, unit, value, precision, significant digits]
    // 2e3 is read to the thousand (an exponent is not exact): 2,500 to the thousand, one digit.
    ['2e3 + 500', 'count', 2_500, 1_000, 1],
    // A figure with a unit is read to its last digit: 2 MB + 3 MB = 5 MB, to the megabyte.
    ['2 MB + 3 MB', 'bytes', 5_000_000, 1_000_000, 1],
    // 5 − 5 = 0: zero is an amount (not negative).
    ['5 - 5', 'count', 0, 1, 1],
    // 4 × 0.5 = 2: "x" before ".5" multiplies; 0.5 has one digit, 2 read to one digit.
    ['4 x .5', 'count', 2, 1, 1],
    // 50 Mb (megabits) + 50 Mb = 100 Mbit = 12,500,000 bytes, to 10 Mbit.
    ['50 Mb + 50 Mb', 'bytes', 12_500_000, 1_250_000, 2],
    // 1 MiB + 1 MiB = 2 MiB = 2,097,152 bytes, to the MiB.
    ['1 MiB + 1 MiB', 'bytes', 2_097_152, 1_048_576, 1],
    ['16 px + 16 px', 'pixels', 32, 1, 2],
    ['16 pixels + 16 pixels', 'pixels', 32, 1, 2],
    ['4 times * 8', 'ratio', 32, 1, 2],
    ['903_400', 'count', 903_400, 100, 4],
    ['8 BY 8', 'pixels', 8, 1, 1],
    ['x 32', 'ratio', 32, 1, 2],
    ['32FOLD', 'ratio', 32, 1, 2],
  ] as const)('%j as %s: %d, to %d, %d digits', expectReading);

  test('units in working: bits and bases are kept, and a word that is no unit is refused', () => {
    expect(parseQuantity('50 Mb + 50 Mb', 'bytes')).toMatchObject({
      bits: true,
      base: 'decimal',
      writtenUnit: 'Mbit',
    });
    expect(parseQuantity('1 MiB + 1 MiB', 'bytes')).toMatchObject({ base: 'binary', writtenUnit: 'MiB' });
    expect(refusal('4 cm * 8', 'ratio').message).toBe(`"4 cm * 8" is not a number: ${EXPECTED.ratio}`);
    expect(refusal('x2 * 3', 'ratio').message).toBe(`"x2 * 3" is not a number: ${EXPECTED.ratio}`);
    expect(refusal('2 + MB', 'bytes').message).toBe(`"2 + MB" is not a number: ${EXPECTED.bytes}`);
  });

  test('a segment that is no figure beside the answer is left out', () => {
    expect(parseQuantity('lots = 903,400', 'count')).toStrictEqual({
      value: 903_400,
      precision: 100,
      significantDigits: 4,
      writtenUnit: '',
      written: '903,400',
      unitFactor: 1,
    });
  });

  // 10 / 3 = 3.333…, within half a hundredth of 3.33: they agree.
  test('a working is shown to twelve significant digits: 10 / 3 = 3.33333333333', () => {
    expect(parseQuantity('10 / 3 = 3.33', 'count').working).toStrictEqual([
      { text: '10 / 3', value: 10 / 3, shown: '3.33333333333', equals: '3.33', agrees: true },
    ]);
  });
});

describe("a figure's own rules, one case each (survivors of the parseFigure run)", () => {
  test('a stride or a grid side is exact: "320" is three hundred and twenty to the unit; a count is not', () => {
    // As a ratio: a whole number read exactly, three significant digits. As a count "320" may be
    // rounded to the ten (its trailing zero says nothing): two digits, to 10.
    expect(parseQuantity('320', 'ratio')).toMatchObject({ value: 320, precision: 1, significantDigits: 3 });
    expect(parseQuantity('320', 'count')).toMatchObject({ value: 320, precision: 10, significantDigits: 2 });
  });

  test('leading zeros are no significant digits: "008" and "008x008" have one', () => {
    expect(parseQuantity('008', 'ratio')).toMatchObject({ value: 8, significantDigits: 1 });
    expect(parseQuantity('008x008', 'pixels')).toMatchObject({
      value: 8,
      significantDigits: 1,
      writtenUnit: 'grid',
    });
  });

  test('a grid is only a whole answer N×N, and only for pixels', () => {
    // As a count, "10x10" is the product 10 × 10 = 100, not a grid side.
    expect(parseQuantity('10x10', 'count')).toMatchObject({ value: 100, writtenUnit: '' });
    expect(refusal('a10x10', 'pixels').message).toBe(`"a10x10" is not a number: ${EXPECTED.pixels}`);
    expect(refusal('10x10b', 'pixels').message).toBe(`"10x10b" is not a number: ${EXPECTED.pixels}`);
    // "x" is a ratio's unit ("8x"), not a side's.
    expect(refusal('8x', 'pixels').message).toBe(`unknown unit "x": ${EXPECTED.pixels}`);
  });

  test('bare bytes: a whole number of at least 1,000 with no unit; a decimal needs a unit', () => {
    expect(parseQuantity('12,613,600', 'bytes')).toMatchObject({ value: 12_613_600, writtenUnit: '' });
    // 1,234.5 is past the 1,000 floor but a fraction of a byte: bytes, MB or MiB?
    expect(refusal('1234.5', 'bytes').message).toBe(
      '"1234.5" needs a unit: is it bytes, MB or MiB? Write for example 1234.5 MB, 1234.5 MiB, or the whole number of bytes',
    );
  });
});
