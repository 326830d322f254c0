import { describe, expect, test } from 'vitest';
import { grade } from './numeric-parts';

/*
 * Issue 18 (stop 27, review): readings of this stop's number rules, each a right answer read as written.
 * Key: question 8's output stride, 32 (2^5: stem conv, max pool and conv3–conv5 each stride 2).
 */
describe('the review of the number rules: a right answer is read as written', () => {
  test('"halves" then "32 times smaller": 32 is the factor said, not 2^32', () => {
    // Read as 32 halvings it would be 2^32; "32 times smaller" is the factor itself (and a network
    // that halves its map 32 times is no network: 224 / 2^32 < 1).
    expect(grade(8, 'output-stride', 'Each pool halves the map, so overall 32 times smaller').score).toBe(1);
  });
  test('"16 because …, wait no, 32 since …": the correction is the answer, not part of 16\'s reason', () => {
    expect(
      grade(8, 'output-stride', '16 because of the four pools, wait no, 32 since there are five').score,
    ).toBe(1);
  });
  test('"16 because 4 halvings; actually 32": a correction after the reason is the answer', () => {
    expect(grade(8, 'output-stride', '16 because 4 halvings; actually 32').score).toBe(1);
  });
  test('"16 since conv5 is dilated; no wait, 32": the same with "no wait"', () => {
    expect(grade(8, 'output-stride', '16 since conv5 is dilated; no wait, 32').score).toBe(1);
  });
  test('"32 because the stem, the pool and three stages each halve it": a reason with no correction stays an aside', () => {
    // 2^5 = 32 (by hand): the reason's words ("halve") give no second figure; 32 is the answer.
    expect(
      grade(8, 'output-stride', '32 because the stem, the pool and three stages each halve it').score,
    ).toBe(1);
  });
  test('"8. Because … there is no padding …": a bare "no" in a reason is no correction; the reason stays an aside', () => {
    // Question 7's grid: 448 / 32 = 14, a 7×7 "valid" conv slides 14 − 7 + 1 = 8 times (by hand).
    expect(
      grade(7, 'grid', '8. Because 448/32 = 14 and there is no padding, a 7x7 valid conv gives 14-7+1.')
        .score,
    ).toBe(1);
  });
});
