import { describe, expect, test } from 'vitest';
import { gradeRubric, QUESTIONS, type RubricPart } from '../src/index';

/*
 * Issue 18: how a clause's polarity is read (negation scope, denials, corrections, comparatives,
 * shorthand). Each row is an answer written for this file (none is from the labelled evaluation
 * set), the concept a careful teacher credits or refuses in it, and why. Each rule's rows were seen
 * to fail with the rule taken out of the grader; the control rows keep a rule from being a blanket
 * refusal.
 */
const rubric = (id: number): RubricPart => {
  const part = QUESTIONS.find((q) => q.id === id)!.parts.find((p) => p.kind === 'rubric');
  if (part?.kind !== 'rubric') throw new Error(`question ${id} has a rubric part`);
  return part;
};

const covers = (question: number, answer: string) => gradeRubric(rubric(question), answer).covered ?? [];

describe('a negation belongs to the longest phrase it governs', () => {
  test.each([
    // "not sensitive to small shifts" denies the opposite (sensitivity), so it asserts invariance.
    [4, 'invariance', 'Max pooling is not sensitive to small shifts.', true],
    [4, 'invariance', 'It has no weights, and it is not sensitive to small shifts.', true],
    // Without the negation the same words assert the opposite.
    [4, 'invariance', 'Max pooling is sensitive to small shifts.', false],
  ] as const)('q%i %s: %j → %s', (question, concept, answer, credited) => {
    expect(covers(question, answer).includes(concept)).toBe(credited);
  });
});

describe('a denial takes back what came before, whatever condition trails it', () => {
  test.each([
    // "that's not really true" denies the reported claim; "once you stack …" only says when.
    [
      1,
      'fewer-parameters',
      "People say CNNs have fewer parameters, but that's not really true once you stack enough filters.",
      false,
    ],
    [1, 'fewer-parameters', 'CNNs have fewer parameters once you share the weights.', true],
    // "neither is needed", "none of the two really helps": a pronoun subject that denies them all.
    [8, 'upsample', 'Upsampling and skip connections are often mentioned, but neither is needed.', false],
    [8, 'skip', 'Upsampling and skip connections: none of the two really helps.', false],
    // "neither needs many parameters" says something of them, it denies nothing.
    [
      8,
      'skip',
      'Upsample with transposed convolutions and add skip connections; neither needs many parameters.',
      true,
    ],
    // A concept called "just a story" is denied.
    [1, 'spatial-hierarchy', 'The hierarchy thing is just a story.', false],
  ] as const)('q%i %s: %j → %s', (question, concept, answer, credited) => {
    expect(covers(question, answer).includes(concept)).toBe(credited);
  });
});

describe('a correction withdraws the clause it corrects, and stands itself', () => {
  test.each([
    [3, 'batch', 'Reduce the batch size, or rather increase it.', false],
    [3, 'precision', 'Use 32-bit, I mean 16-bit floats.', true],
  ] as const)('q%i %s: %j → %s', (question, concept, answer, credited) => {
    expect(covers(question, answer).includes(concept)).toBe(credited);
  });
});

describe('comparatives built with "more" and shorthand arrows read the way they point', () => {
  test.each([
    // Non-native "more small" is "smaller".
    [3, 'batch', 'make the batch size more small', true],
    [3, 'batch', 'make the batch size more big', false],
    // "↓batch, ↑stride": arrows for less and more; "−layers" for fewer layers.
    [3, 'batch', '↓batch, ↑stride, fp16', true],
    [3, 'stride', '↓batch, ↑stride, fp16', true],
    [3, 'smaller-model', '↓batch, \u2212layers, fp16', true],
    [3, 'batch', '↑batch, fp16', false],
    // A minus sign in a number is no word.
    [3, 'smaller-model', 'layers: \u22123 dB, fp16', false],
  ] as const)('q%i %s: %j → %s', (question, concept, answer, credited) => {
    expect(covers(question, answer).includes(concept)).toBe(credited);
  });
});
