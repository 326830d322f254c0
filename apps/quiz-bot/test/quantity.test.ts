import { describe, expect, test } from 'vitest';
import { parseQuantity } from '../src/index';

describe('numeric answers are read leniently and exactly', () => {
  test.each([
    ['903400', 903_400],
    ['903,400', 903_400],
    ['903 400', 903_400],
    ["903'400", 903_400],
    ['9.034e5', 903_400],
    ['0.9M', 900_000],
    ['0.9 million', 900_000],
    ['903.4k', 903_400],
    ['about 25.6M', 25_600_000],
    ['25,557,032 params', 25_557_032],
    ['1.2bn', 1_200_000_000],
  ])('count %j = %d', (text, value) => {
    expect(parseQuantity(text, 'count').value).toBeCloseTo(value, 6);
  });

  test.each([
    ['12613600', 12_613_600, undefined],
    ['12,613,600 bytes', 12_613_600, undefined],
    ['12.6 MB', 12_600_000, 'decimal'],
    ['12.6MB', 12_600_000, 'decimal'],
    ['12.03 MiB', 12.03 * 2 ** 20, 'binary'],
    ['565.6 mb', 565_600_000, 'decimal'],
    ['0.57 GB', 570_000_000, 'decimal'],
    ['3.5 kB', 3_500, 'decimal'],
    ['1 GiB', 2 ** 30, 'binary'],
    ['≈ 12.6 megabytes', 12_600_000, 'decimal'],
  ])('bytes %j = %d (%s)', (text, value, base) => {
    const parsed = parseQuantity(text, 'bytes');
    expect(parsed.value).toBeCloseTo(value, 3);
    expect(parsed.base).toBe(base);
  });

  test.each([
    ['8x8', 'pixels', 8],
    ['8 × 8', 'pixels', 8],
    ['8', 'pixels', 8],
    ['32x', 'ratio', 32],
    ['32', 'ratio', 32],
  ] as const)('%j as %s = %d', (text, unit, value) => {
    expect(parseQuantity(text, unit).value).toBe(value);
  });

  test.each([
    ['', 'count', 'the answer is empty: expected a number such as 1234567'],
    ['lots', 'count', '"lots" is not a number'],
    ['12.6 MB', 'count', '"MB" is a unit of memory, but this asks for a count'],
    ['12 furlongs', 'bytes', 'unknown unit "furlongs"'],
    ['12.6', 'bytes', '"12.6" needs a unit: is it bytes, MB or MiB?'],
    ['-5', 'count', 'a negative amount cannot be right'],
    ['1e400', 'count', 'the number is too large'],
    ['8x9', 'pixels', 'a 8×9 grid is not square; give its side'],
    ['1'.repeat(100), 'count', 'the answer is 100 characters long, too long for a number'],
    ['1,23,456', 'count', '"1,23,456" is not a number'],
  ] as const)('%j as %s is refused: %s', (text, unit, message) => {
    expect(() => parseQuantity(text, unit)).toThrow(message);
  });

  test.each([
    ['100 Mbit', 12_500_000],
    ['12.6 Mb', 1_575_000],
    ['8 bits', 1],
    ['1 Gbit', 125_000_000],
  ])('bits are read as bits and converted: %j = %d bytes', (text, bytes) => {
    expect(parseQuantity(text, 'bytes')).toMatchObject({ value: bytes, bits: true });
  });

  test.each([
    ['903,400', 'count', 100, 4],
    ['903.4k', 'count', 100, 4],
    ['0.9M', 'count', 100_000, 1],
    ['904,000', 'count', 1000, 3],
    ['12.6 MB', 'bytes', 100_000, 3],
    ['12.60 MB', 'bytes', 10_000, 4],
    ['9.034e5', 'count', 100, 4],
    ['30', 'ratio', 1, 2],
    ['10x10', 'pixels', 1, 2],
  ] as const)(
    '%j as %s is written to the nearest %d (%d significant digits)',
    (text, unit, precision, digits) => {
      const parsed = parseQuantity(text, unit);
      expect(parsed.precision).toBeCloseTo(precision, 6);
      expect(parsed.significantDigits).toBe(digits);
    },
  );

  test('every refusal says what is allowed', () => {
    expect(() => parseQuantity('twelve', 'bytes')).toThrow(
      /expected a number of bytes such as 1234567 .* MB, GB \(powers of 1000\) or KiB, MiB, GiB \(powers of 1024\)/,
    );
  });
});
