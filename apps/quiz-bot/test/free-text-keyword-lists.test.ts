import { describe, expect, test } from 'vitest';
import { gradeRubric } from '../src/grading/rubric';
import { rubric } from './bank-rubric';

/*
 * Issue 18: "a bare keyword list … asserts nothing", whatever separates its words. The issue quotes
 * the list with spaces ('fewer parameters anywhere hierarchy overfit spatial structure'); the same
 * words with commas, semicolons, one a line or as bullets are the same list. A list of terse
 * points (each item a phrase that says something: "translation invariance", "less overfitting")
 * is not a keyword list and keeps its credit. Every answer was written for this file; the reading
 * is in the comment beside it.
 */

const advantages = rubric(1, 'advantages');
const difficulty = rubric(8, 'difficulty');

describe('a keyword list earns nothing, however it is separated', () => {
  test.each([
    // Four or five items, most of them one bare word ("anywhere", "hierarchy", "overfit"): topics
    // named, nothing said of them. One phrase with a comparative ("fewer parameters") among them
    // does not make the list a claim.
    ['advantages', 'fewer parameters, anywhere, hierarchy, overfit'],
    ['advantages', 'fewer parameters, anywhere, hierarchy, overfit, spatial structure'],
    ['advantages', 'fewer parameters; anywhere; hierarchy; overfit; spatial structure'],
    // The same list one item a line, and as bullets.
    ['advantages', 'fewer parameters\nanywhere\nhierarchy\noverfit'],
    ['advantages', '- fewer parameters\n- anywhere\n- hierarchy\n- overfit\n- spatial structure'],
    // Question 8's list from the issue, with commas.
    ['difficulty', 'pixel, resolution lost, upsampling, skip, dilated'],
  ] as const)('%s: %j → 0', (part, answer) => {
    const grade = gradeRubric(part === 'advantages' ? advantages : difficulty, answer);
    expect(grade.covered).toEqual([]);
    expect(grade.score).toBe(0);
  });
});

describe('terse points are not a keyword list', () => {
  test.each([
    // Each item a phrase that states a point: fewer parameters, translation invariance, a
    // hierarchy of features, less overfitting (the fourth, efficiency, beyond the three asked).
    'Fewer parameters; translation invariance; hierarchy of features; less overfitting.',
    // The same four points one a line.
    'Fewer parameters.\nTranslation invariance.\nFeature hierarchy.\nLess overfitting.',
    // Bullets that each say something (a verb and what it acts on).
    '- far fewer parameters\n- detects features anywhere\n- builds a hierarchy of features',
  ])('%j → full credit', (answer) => {
    const grade = gradeRubric(advantages, answer);
    expect(grade.covered).toEqual(
      expect.arrayContaining(['fewer-parameters', 'translation', 'spatial-hierarchy']),
    );
    expect(grade.score).toBe(1);
  });

  test('points said of a named network ("AlexNet: deeper, stacked convs, ReLU") keep their credit', () => {
    // Question 6: "deeper", "stacked convs" and "ReLU" said of AlexNet; the name ends the label, so
    // "ReLU" is a point said of it, not a bare topic.
    const grade = gradeRubric(
      rubric(6, 'innovations'),
      'AlexNet: deeper, stacked convs, ReLU. GoogLeNet: inception, 1x1 bottlenecks.',
    );
    expect(grade.covered).toEqual(
      expect.arrayContaining([
        'alexnet-size',
        'alexnet-stacked',
        'alexnet-relu',
        'googlenet-inception',
        'googlenet-1x1',
      ]),
    );
  });
});

describe('a participle before its noun is no second verb of a keyword list', () => {
  // Six or more words with no function word and two verbs read as terms ("inhibition neighbours
  // specialise generalise lower layers"). A past participle that opens the subject ("activated
  // neurons") or follows a verb as its object's modifier ("make strided convs") modifies its noun:
  // the clause has one verb and is a sentence. Each answer written for this file; the point it makes
  // is the fresh README's (Q5 point 1, Q8 point 1).
  test.each([
    [5, 'when', 'activated neurons inhibit neighbouring feature maps', 'inhibition'],
    [5, 'when', 'strongly activated neurons inhibit neighbouring maps.', 'inhibition'],
    [8, 'difficulty', 'stacked pooling layers lose pixel detail', 'resolution-lost'],
    [8, 'difficulty', 'strided convs destroy spatial detail quickly', 'resolution-lost'],
  ] as const)('question %i %s: %j asserts %s', (question, part, answer, concept) => {
    expect(gradeRubric(rubric(question, part), answer).covered).toContain(concept);
  });
  test.each([
    // Still terms: two verbs besides the participle ("specialise", "generalise"), or a participle
    // opening a list with no verb after it at all.
    [5, 'when', 'activated neurons neighbouring maps specialise generalise'],
    [3, 'remedies', 'reduced batch size smaller images fewer layers'],
    // A gerund before the participle is a term too ("pooling" is tagged a verb): review 30's lists.
    [8, 'difficulty', 'pooling strided convolutions reduced resolution coarse masks'],
    [8, 'difficulty', 'downsampling strided convolutions reduced resolution coarse masks'],
    [8, 'difficulty', 'pooling strided convs reduced detail blurry masks'],
  ] as const)('question %i %s: %j stays a keyword list (0)', (question, part, answer) => {
    expect(gradeRubric(rubric(question, part), answer).score).toBe(0);
  });
});

describe('three items, two of them lone topic nouns: a keyword list (stop 31)', () => {
  // "lower layers / inhibition / specialization": the place is a phrase, but "inhibition" and
  // "specialization" only name the mechanism and its effect; nothing says who inhibits whom or
  // what specialises. A teacher reads the three as topics (0/3), on one line as one a line.
  test.each([
    [5, 'when', 'lower layers / inhibition / specialization'],
    [5, 'when', 'early layers; inhibition; specialisation'],
    [1, 'advantages', 'fewer params, invariance, hierarchy'],
    [8, 'difficulty', 'resolution, upsampling, skips'],
  ] as const)('question %i (%s): %j → 0', (question, part, answer) => {
    const grade = gradeRubric(rubric(question, part), answer);
    expect(grade.covered).toEqual([]);
    expect(grade.score).toBe(0);
  });

  test.each([
    // A remedy named by itself is no topic: a name ("fp16") or the noun of a verb of doing
    // ("pruning": prune; "upsample" itself). Each item is one of question 3's fixes (or 8's).
    [3, 'remedies', 'smaller batch, fp16, checkpointing', ['batch', 'precision', 'checkpointing']],
    [3, 'remedies', 'smaller batch, pruning, quantization', ['batch', 'smaller-model', 'precision']],
    // "-ization", "-ation", "-ion", "-ism" nouns of such verbs (quantize, distil, compress,
    // parallelize) too: review 31 found them read as topics, every point lost.
    [3, 'remedies', 'smaller batch, quantization, distillation', ['batch', 'precision']],
    [3, 'remedies', 'smaller batch, compression, quantization', ['batch', 'precision']],
    [3, 'remedies', 'smaller batch, parallelism, quantization', ['batch', 'precision']],
    [8, 'difficulty', 'coarse output; upsample + skips', ['resolution-lost', 'upsample', 'skip']],
  ] as const)('question %i (%s): %j keeps its points', (question, part, answer, points) => {
    const grade = gradeRubric(rubric(question, part), answer);
    expect(grade.covered).toEqual(expect.arrayContaining([...points]));
  });
});
