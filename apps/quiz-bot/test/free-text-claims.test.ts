import { describe, expect, test } from 'vitest';
import { analyseAnswer } from '../src/grading/claims/analysis';
import { gradeRubric } from '../src/index';
import { questionRubric } from './bank-rubric';

/*
 * Issue 18: a concept is credited only where the answer ASSERTS it. The wrong answers below hold the
 * rubric's words (the issue's own examples, and new ones of the same kinds written for this file);
 * a grader that matched words anywhere, a "bag of words", gives each of them credit. The right
 * answers below say the concepts in other words or with negations that are themselves the claim.
 */
const NOTHING_ASSERTED: [string, number, string][] = [
  // Keyword lists: words with no claim between them.
  ['keyword list', 1, 'fewer parameters anywhere hierarchy overfit spatial structure'],
  ['keyword list', 8, 'pixel resolution lost upsampling skip dilated'],
  ['keyword list', 3, 'batch, stride, layers, precision, devices, checkpointing'],
  ['keyword list', 4, 'parameters invariance overfitting computation memory'],
  // The words used to say something false.
  [
    'words in a false sentence',
    1,
    'The hierarchy of fewer parameters overfits anywhere, so spatial structure is irrelevant and dense nets win.',
  ],
  // Each concept named, then denied.
  ['denial', 1, 'Fewer parameters? No. Translation invariance? No. Hierarchy? Also no.'],
  [
    'denial',
    3,
    'People say "use a smaller mini-batch and 16-bit floats", but none of that frees any memory.',
  ],
  ['denial', 8, 'Pooling loses spatial resolution. Not true.'],
  ['denial', 5, 'Some say LRN makes feature maps specialise, but it does not.'],
  // Questions assert nothing.
  ['question back', 4, 'Does max pooling have fewer parameters? Is it cheaper to compute?'],
  // Unrelated stories that happen to hold the words.
  [
    'unrelated story',
    3,
    'Our kitchen was too small, so we baked a smaller batch of dough, used fewer layers of pastry and split the trays across two ovens.',
  ],
  [
    'unrelated story',
    1,
    'My uncle packs his van with fewer parameters than the manual says: shared weights on the roof rack and a hierarchy of boxes stacked anywhere.',
  ],
  // Notes addressed to the grader.
  [
    'note to the grader',
    1,
    'Dear grader, this answer covers fewer parameters, translation invariance and a hierarchy of features, so please give full marks.',
  ],
  [
    'note to the grader',
    8,
    'Note to the marker: I have mentioned upsampling, skip connections and lost resolution.',
  ],
];

describe('answers that hold the words but assert nothing earn nothing', () => {
  test.each(NOTHING_ASSERTED)('%s (question %i): %j', (_, id, answer) => {
    const grade = gradeRubric(questionRubric(id), answer);
    expect(grade.covered).toEqual([]);
    expect(grade.score).toBe(0);
  });
});

describe('an answer asserting a concept and its opposite gets nothing for it', () => {
  test.each([
    [4, 'Max pooling has no parameters, and its many parameters make it flexible.', 'no-params'],
    [3, 'Use a smaller batch size, and also use a bigger batch.', 'batch'],
  ])('question %i: %j', (id, answer, concept) => {
    expect(gradeRubric(questionRubric(id), answer).covered).not.toContain(concept);
  });
});

const ASSERTED: [number, string, string[]][] = [
  // A negation that is the claim itself, with the polarity word of one sentence kept out of the next.
  [
    4,
    'It adds no trainable weights, and taking the max gives some invariance to small shifts.',
    ['no-params', 'invariance'],
  ],
  [4, "Unlike a strided conv, max pooling doesn't add any parameters.", ['no-params']],
  [
    1,
    'A dense network is not translation invariant. A CNN detects a learned feature anywhere in the image.',
    ['translation'],
  ],
  [
    1,
    'A CNN does not need a separate weight for every pixel, so it has far fewer parameters.',
    ['fewer-parameters'],
  ],
  // Géron's own list: "or more layers" is a count in its clause, not a contradiction.
  [
    3,
    'You could reduce the mini-batch size, reduce dimensionality using a larger stride in one or more layers, remove one or more layers, use 16-bit floats instead of 32-bit floats, or distribute the CNN across multiple devices.',
    ['batch', 'stride', 'smaller-model', 'precision', 'distribute'],
  ],
  // Paraphrases from the synonym data.
  [3, 'Split the model across two GPUs.', ['distribute']],
  [3, "Don't use such a large mini-batch, and don't use that many layers.", ['batch', 'smaller-model']],
  [1, 'Way fewer weights, and the same kernel is shared by every position.', ['fewer-parameters']],
  [
    8,
    'The net forgets where things are after pooling, so you have to blow the map back up.',
    ['resolution-lost', 'upsample'],
  ],
  // Terse points, each its own claim.
  [
    3,
    'smaller batch, bigger strides, fewer layers, fp16, multi-GPU',
    ['batch', 'stride', 'smaller-model', 'precision', 'distribute'],
  ],
];

describe('right claims earn credit however they are phrased', () => {
  test.each(ASSERTED)('question %i: %j', (id, answer, covered) => {
    expect(gradeRubric(questionRubric(id), answer).covered).toEqual(expect.arrayContaining(covered));
  });
});

describe('the answer is read as sentences and clauses', () => {
  test('a question, a note to the grader and a denied sentence assert nothing; a claim does', () => {
    const analysis = analyseAnswer(
      'Is pooling cheap? Dear grader, give full marks. Pooling is cheap. No. It has no weights.',
    );
    const bySentence = analysis.clauses.map((c) => [c.sentence, c.asserts, c.reason ?? '']);
    expect(bySentence).toEqual([
      [0, false, 'question'],
      [1, false, 'note to the grader'],
      [1, false, 'note to the grader'],
      [2, false, 'denied'],
      [3, false, 'denied'],
      [4, true, ''],
    ]);
  });
});

describe('comparatives of amount and "not just" (issue 18, second round)', () => {
  // Question 4's no-params concept credits "fewer parameters" (its direction is "less") and holds
  // "has parameters" against it. "has fewer weights" is a comparison, not "has weights": the denied
  // comparison must not read as a denied counterclaim, i.e. as "none".
  test('a denied "fewer" is no claim of "none"', () => {
    expect(
      gradeRubric(questionRubric(4), 'A max pool layer does not have fewer weights.').covered,
    ).not.toContain('no-params');
  });
  test('"has fewer weights" is no counterclaim of "none"', () => {
    // The pattern "fewer … weight" says the concept; with no counterclaim against it, it is credited.
    expect(gradeRubric(questionRubric(4), 'A max pool layer has far fewer weights.').covered).toContain(
      'no-params',
    );
  });
  test('"not fewer: zero" corrects the degree and keeps the point', () => {
    // The denied "fewer weights" stands beside "zero weights", which says the concept outright.
    expect(
      gradeRubric(questionRubric(4), 'A max pool layer does not have fewer weights: it has zero weights.')
        .covered,
    ).toContain('no-params');
  });
  // "doesn't just X" says X and more: no negation of X (as "not just" already was).
  test.each([
    "A max pool layer doesn't just have fewer weights, it has none.",
    "A max pool layer doesn't just have fewer weights than a conv layer.",
    'A max pool layer does not merely have fewer weights than a conv layer.',
  ])('%j is credited', (answer) => {
    expect(gradeRubric(questionRubric(4), answer).covered).toContain('no-params');
  });
});
