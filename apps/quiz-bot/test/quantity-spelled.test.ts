import { describe, expect, test } from 'vitest';
import { parseQuantity } from '../src/grading/quantity';
import { refusal } from './quantity-refusal';

/*
 * Numbers spelt out (`spelledNumbers`), the English rules one case each: which words continue a
 * number, which end it, "and" after a hundred or a scale, decimals after "point", and a unit said
 * after the number. It imports the grading module alone, so mutation runs stay short. Every figure
 * is worked out by hand beside it. (quantity-prose and quantity-statements hold the first cases.)
 */

/** The refusal of two numbers said one after the other. */
const twoFigures = (said: string, first: string, second: string) =>
  new RegExp(`^"${said}" states two different figures, ${first} and ${second}: `);

describe('a unit said after a spelt-out number stays with it', () => {
  test.each([
    // 12 · 10^6 bytes, to the megabyte.
    ['twelve megabytes', 12_000_000, 1_000_000],
    // 40 MB, said to the ten (a whole number's trailing zero says nothing).
    ['forty megabytes', 40_000_000, 10_000_000],
    // 2 · 100 = 200 kB = 200,000 bytes, to the hundred kB.
    ['two hundred kilobytes', 200_000, 100_000],
    // 2 · 1,000 = 2,000 kB = 2,000,000 bytes, to the thousand kB.
    ['two thousand kilobytes', 2_000_000, 1_000_000],
  ] as const)('%j is %d bytes (to %d)', (said, value, precision) => {
    expect(parseQuantity(said, 'bytes')).toMatchObject({ value, precision });
  });

  test('in an answer with digits, "one" is a pronoun, even in the last statement', () => {
    // Read as 1, it would be a second figure beside 16,448.
    expect(parseQuantity('16448 in each one', 'count').value).toBe(16_448);
  });
});

describe('what continues a number and what ends it', () => {
  test.each(['thirty - two', 'thirty  two'])('spaces and hyphens continue it: %j is 32', (said) => {
    expect(parseQuantity(said, 'count').value).toBe(32);
  });

  test.each([
    // A comma ends the number: two numbers, not 25.
    ['twenty, five', '20', '5'],
    // "and" joins only after a hundred or a scale ("two thousand and five"): not 25.
    ['twenty and five', '20', '5'],
    // A tens word takes one digit after it, not a teen ("twenty ten" is not 30), nor another tens word.
    ['twenty ten', '20', '10'],
    ['twenty thirty', '20', '30'],
    // After its ones, or after a teen, a number is finished: not 28, not 99, not 11.
    ['twenty-five three', '25', '3'],
    ['nineteen eighty', '19', '80'],
    ['five six', '5', '6'],
  ])('%j is two numbers, %s and %s', (said, first, second) => {
    expect(refusal(said, 'count').message).toMatch(twoFigures(said, first, second));
  });

  test.each([
    // 100 + 12 = 112: a teen after a hundred.
    ['one hundred twelve', 112, 1],
    // 2 · 1,000 + 5 = 2,005: "and" after a scale.
    ['two thousand and five', 2_005, 1],
    // "thousand million" is 10^9 (as British English says a billion): 2 · 10^9, to the 10^9.
    ['two thousand million', 2_000_000_000, 1_000_000_000],
  ] as const)('%j is %d (to %d)', (said, value, precision) => {
    expect(parseQuantity(said, 'count')).toMatchObject({ value, precision });
  });
});

describe('decimals after "point" are the digit words zero to nine', () => {
  test.each([
    // 1 + 0.05: "zero" is a digit too; to the hundredth.
    ['one point zero five', 1.05, 0.01],
    // 2 + 0.9: "nine" is the last digit word.
    ['two point nine', 2.9, 0.1],
  ] as const)('%j is %d (to %d)', (said, value, precision) => {
    const parsed = parseQuantity(said, 'count');
    expect(parsed.value).toBeCloseTo(value, 12);
    expect(parsed.precision).toBeCloseTo(precision, 12);
  });

  test('a teen after the decimals is another number: "three point five twelve"', () => {
    expect(refusal('three point five twelve', 'count').message).toMatch(
      twoFigures('three point five twelve', '3.5', '12'),
    );
  });
});
