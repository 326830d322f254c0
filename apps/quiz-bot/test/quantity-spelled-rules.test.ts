import { describe, expect, test } from 'vitest';
import { parseQuantity } from '../src/grading/quantity';
import { refusal } from './quantity-refusal';

/*
 * More of the English rules of spelt-out numbers (`spelledNumbers`) and of the prose reader's last
 * step (`readAsTeacher`), each a case the strict reader refuses (no digit in the answer), so only
 * the prose reader reads it. Issue 17, mutation testing (docs/mutation-testing.md). Every figure is
 * worked out by hand beside it. quantity-spelled and quantity-teacher hold the first cases.
 */

describe('a spelt-out number, written as people write it', () => {
  test('numbers hyphened all through ("two-hundred-forty") are one number, its unit after it', () => {
    // 2 · 100 + 40 = 240 MB = 240,000,000 bytes, said to the ten MB (the trailing zero says nothing).
    expect(parseQuantity('two-hundred-forty megabytes', 'bytes')).toMatchObject({
      value: 240_000_000,
      precision: 10_000_000,
    });
  });

  test('a scale hyphened to decimals ("point six-million") is still their scale', () => {
    // (20 + 5).6 million = 25,600,000, said to the tenth of a million (100,000).
    expect(parseQuantity('twenty-five point six-million parameters', 'count')).toMatchObject({
      value: 25_600_000,
      precision: 100_000,
    });
  });

  test('"and" before a tens word after a scale: "two thousand and fifty" is 2,050', () => {
    // 2 · 1,000 + 50 = 2,050, said to the ten (its trailing zero says nothing).
    expect(parseQuantity('two thousand and fifty', 'count')).toMatchObject({ value: 2050, precision: 10 });
  });

  test('after a hundred and a tens word, a teen is another number ("one hundred twenty twelve")', () => {
    // 100 + 20 = 120, then "twelve": a tens word takes one digit after it, never a teen, so the
    // answer says 120 and 12, not 132.
    expect(refusal('one hundred twenty twelve', 'count').message).toMatch(
      /^"one hundred twenty twelve" states two different figures, 120 and 12: /,
    );
  });

  test('"zero" is a number too: a pooling layer has zero parameters', () => {
    // Pooling has no weights: 0, read to the unit.
    expect(parseQuantity('a pooling layer has zero parameters', 'count')).toMatchObject({
      value: 0,
      precision: 1,
    });
  });
});

describe('a final statement that is all working', () => {
  test('"it is eight times eight" states its working and no figure: the working is the answer', () => {
    // 8 · 8 = 64; the reading keeps the working as written.
    expect(parseQuantity('it is eight times eight', 'count')).toMatchObject({ value: 64, written: '8 * 8' });
  });

  test('a working, words, then its figure: the figure is the answer, the working checked against it', () => {
    // 8 · 8 = 64, but the answer says sixty-five: the answer is 65, with the working's slip (64 ≠ 65).
    expect(parseQuantity('eight times eight is sixty-five', 'count')).toMatchObject({
      value: 65,
      written: '65',
      working: [{ text: '8 * 8', value: 64, equals: '65', agrees: false }],
    });
  });
});
