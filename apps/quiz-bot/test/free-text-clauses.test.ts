import { describe, expect, test } from 'vitest';
import { readRubric } from '../src/grading/rubric';
import { covers, rubric } from './bank-rubric';

/*
 * Issue 18: how a clause's polarity is read (negation scope, denials, corrections, comparatives,
 * shorthand). Each row is an answer written for this file (none is from the labelled evaluation
 * set), the concept a careful teacher credits or refuses in it, and why. Each rule's rows were seen
 * to fail with the rule taken out of the grader; the control rows keep a rule from being a blanket
 * refusal.
 */
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

describe("a negation's scope ends at its clause's punctuation", () => {
  test.each([
    // "rather than" governs "increasing the batch"; after the comma, "reduce it" is the claim.
    [3, 'batch', 'Rather than increasing the batch, reduce it, and use half precision.', true],
    // Joined by a conjunction, the negation still governs both halves.
    [1, 'spatial-hierarchy', 'CNNs do not combine low-level and high-level features.', false],
  ] as const)('q%i %s: %j → %s', (question, concept, answer, credited) => {
    expect(covers(question, answer).includes(concept)).toBe(credited);
  });
});

describe('a verbless fragment headed by a noun from outside the field is about that noun', () => {
  test.each([
    // History: the names and the year head the fragment; "for semantic segmentation" qualifies it.
    [
      7,
      'uses',
      'FCNs were introduced by Long, Shelhamer and Darrell in 2015 for semantic segmentation.',
      false,
    ],
    // An order the tagger reads as a noun heads no noun phrase.
    [3, 'precision', '1) delete some layers 2) change float32 to float16', true],
    // Only a name heads such a fragment: slang fillers ("tbh", "lol") and everyday nouns do not.
    [3, 'precision', 'tbh just fp16 + smaller batch lol', true],
    [
      1,
      'translation',
      "The position of the cat in the image doesn't matter, the filter finds it anyway.",
      true,
    ],
    [4, 'no-params', 'The max of each 2x2 window has no weights to learn.', true],
  ] as const)('q%i %s: %j → %s', (question, concept, answer, credited) => {
    expect(covers(question, answer).includes(concept)).toBe(credited);
  });

  test('q7 uses: "FCNs, introduced by Long et al., are used for semantic segmentation." is read as a claim', () => {
    // The verb "are used" makes the sentence a claim, the aside about its authors no head of it: the
    // rules credit the use. Said alone, the use answers neither what an FCN is nor how to convert one
    // (stop 33: question 7's notAlone, the practice sets' label for "FCNs are used for segmentation;
    // they were introduced by Long et al. in 2015"), so the grade credits nothing.
    const answer = 'FCNs, introduced by Long et al., are used for semantic segmentation.';
    expect(readRubric(rubric(7, 'what-and-how'), answer).findings.get('uses')).toBe('credited');
    expect(covers(7, answer)).toEqual([]);
  });
});

describe('negation reaches what its predicate governs, and no further', () => {
  test.each([
    // A purpose clause ("enough resolution to label every pixel") has its own predicate.
    [8, 'per-pixel', "The last feature maps don't have enough resolution to label every pixel.", true],
    // "doesn't need to …": no noun before the "to", the negation reaches the verb after it.
    [3, 'batch', "You don't need to reduce the batch size.", false],
    // An adjunct cut off at its preposition carries on the negated predicate before it.
    [3, 'precision', 'Do not train with 32-bit floats, 16-bit is enough.', true],
    [3, 'precision', 'Do not train with 16-bit floats.', false],
    // "without X you couldn't Y" negates twice: X is what Y needs.
    [8, 'upsample', "Without upsampling you couldn't get a per-pixel output.", true],
    [8, 'upsample', "Upsampling couldn't recover the resolution.", false],
  ] as const)('q%i %s: %j → %s', (question, concept, answer, credited) => {
    expect(covers(question, answer).includes(concept)).toBe(credited);
  });
});

describe('a degree word before a preposition is no noun or verb of its own', () => {
  test.each([
    // wink tags "right" in "right after" as a noun or a verb; it modifies "after".
    [5, 'where', "Put it right after the first conv layers' ReLU.", true],
    [5, 'where', "You don't put it deep in the network but right after the first conv layers' ReLU.", true],
  ] as const)('q%i %s: %j → %s', (question, concept, answer, credited) => {
    expect(covers(question, answer).includes(concept)).toBe(credited);
  });
});

describe('"nowhere near as many" is fewer', () => {
  test.each([
    [1, 'fewer-parameters', 'Thanks to weight sharing a CNN has nowhere near as many parameters.', true],
    [1, 'fewer-parameters', 'Thanks to weight sharing a CNN has as many parameters as a dense net.', false],
  ] as const)('q%i %s: %j → %s', (question, concept, answer, credited) => {
    expect(covers(question, answer).includes(concept)).toBe(credited);
  });
});

describe('a "without" adjunct of another claim says how it works, it denies nothing', () => {
  test.each([
    [
      8,
      'resolution-lost',
      'Pooling loses the spatial resolution. Dilated convolutions enlarge the receptive field without reducing the resolution.',
      true,
    ],
    // Said as the answer's own claim, the same denial still takes the point back.
    [
      8,
      'resolution-lost',
      'Pooling loses the spatial resolution. Pooling does not reduce the resolution.',
      false,
    ],
  ] as const)('q%i %s: %j → %s', (question, concept, answer, credited) => {
    expect(covers(question, answer).includes(concept)).toBe(credited);
  });
});
