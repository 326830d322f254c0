import { describe, expect, test } from 'vitest';
import { covers } from './bank-rubric';

/*
 * Stop 34 (questions 1 to 4): faults of the free-text grader, each mended as a general rule of
 * reading, with answers the rule now grades right and the nearby answers it must leave alone. Every
 * answer here was written for this file (none is a row of a labelled set); each expectation is read
 * off the sentence by hand in the comment beside it (the concepts are those of src/questions/q0N-*.ts).
 */

describe('a word of degree says how much of the noun its phrase ends in, past the adjectives', () => {
  test.each([
    // "tiny … window of the image": the window is small, not the image, nor the data.
    'Every neuron looks at a tiny local window of the image.',
    'each filter sees a little local window of the examples',
  ])('%j: no "less data" from a small window', (answer) => {
    expect(covers(1, answer)).not.toContain('efficiency');
  });

  test.each([
    // The adjectives lead to the claim's own noun: fewer images, less data.
    'A CNN gets by with fewer labelled images than a dense net.',
    'Conv nets need less training data.',
  ])('%j: unchanged, less training data', (answer) => {
    expect(covers(1, answer)).toContain('efficiency');
  });
});
