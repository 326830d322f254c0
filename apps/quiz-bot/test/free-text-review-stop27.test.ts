import { describe, expect, test } from 'vitest';
import { covered } from './bank-rubric';

/*
 * Stop 27 (issue 18), from the review of the stop's concept data: a claim must say the concept, not
 * only share a word with it. Each sentence is written for this file from question 7's prompt and
 * Géron ch. 14 (the first dense layer becomes a convolution whose kernel is as large as its input
 * feature map, with "valid" padding).
 */

describe("question 7: the converted kernel's size is said, not a word of it", () => {
  test('"a 3x3 valid conv" says nothing of the kernel being as large as the map', () => {
    // 3×3 is not the input map's size; "valid" here names the padding of a small kernel.
    expect(covered(7, 'what-and-how', 'replace each dense layer with a 3x3 valid conv')).not.toContain(
      'kernel-size',
    );
  });
  test('"kernel = input map size": the size named after the map is the kernel size', () => {
    expect(covered(7, 'what-and-how', 'first dense -> conv, kernel = input map size')).toContain(
      'kernel-size',
    );
  });
});

describe('a denied statement, with the denial contracted', () => {
  test('"It isn\'t true that AlexNet used ReLU and ResNet used skip connections" credits neither network', () => {
    // "It is not true that …" denies the whole statement (both clauses); "isn't" is the same words.
    // Written from question 6's prompt (AlexNet's ReLU, ResNet's skip connections: Géron ch. 14).
    expect(
      covered(6, 'innovations', "It isn't true that AlexNet used ReLU and ResNet used skip connections"),
    ).toEqual([]);
    expect(
      covered(6, 'innovations', 'It is not true that AlexNet used ReLU and ResNet used skip connections'),
    ).toEqual([]);
  });
});
