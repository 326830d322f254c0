import { describe, expect, test } from 'vitest';
import { gradeRubric } from '../src/grading/rubric';
import { questionRubric } from './bank-rubric';

/*
 * Stop 32 (questions 1-4): faults of the free-text grader found by the lead's probes (not from any
 * labelled row), each mended as a general rule, with the nearby answers that must not change beside
 * them. Every answer was written for this file; each expectation is read off the sentence by hand in
 * the comment beside it (the concepts are those of src/questions/q0N-*.ts).
 */
const covers = (question: number, answer: string) =>
  gradeRubric(questionRubric(question), answer).covered ?? [];

describe('a bare list of lone topic nouns asserts nothing, whatever its length', () => {
  test.each([
    [5, 'inhibition, specialization'],
    [5, 'Inhibition, specialization'],
    [5, 'Inhibition and specialization.'],
    [5, 'inhibition\nspecialization'],
    [1, 'parameters, hierarchy'],
    [4, 'parameters, invariance'],
    // Three items with the last one's "and": two lone topic nouns, as "lower layers / inhibition /
    // specialization" (stop 31) is.
    [5, 'inhibition, specialization, and lower layers'],
    [1, 'weight sharing, invariance, and hierarchy'],
  ])('question %i, %j: nothing credited', (question, answer) => {
    expect(covers(question, answer)).toEqual([]);
  });

  test.each([
    // Items that say something ("fewer", "no", a two-word term) or name a remedy (an act) stand.
    [1, 'fewer parameters, translation invariance', ['fewer-parameters', 'translation']],
    [4, 'no parameters, invariance', ['no-params', 'invariance']],
    [3, 'smaller batch, pruning', ['batch', 'smaller-model']],
    [5, 'lateral inhibition, feature specialization', ['specialise', 'inhibition']],
    // One lone topic noun of two: the list is not mostly topics ("lower layers" says where).
    [5, 'lower layers, inhibition', ['inhibition', 'where']],
  ])('question %i, %j: credited %j', (question, answer, concepts) => {
    expect([...covers(question, answer)].sort()).toEqual([...concepts].sort());
  });
});
