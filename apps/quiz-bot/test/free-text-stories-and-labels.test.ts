import { describe, expect, test } from 'vitest';
import { gradeRubric } from '../src/grading/rubric';
import { rubric } from './bank-rubric';

/*
 * Issue 18: a story about things outside the field asserts nothing, even with field words, and a
 * short label before a colon names what follows. Every answer below was written for this file
 * from the questions' prompts (none is taken from an evaluation set); the expected credit is read
 * off the sentence by hand in the comment beside it.
 */

const why = rubric(4, 'why');
const innovations = rubric(6, 'innovations');

describe('a story set outside the field asserts nothing (question 4: pooling vs a strided conv)', () => {
  test.each([
    // Set at a swimming pool: "pool" and "depth" are field words, but the sentence is about a pool
    // where people swim. Nothing is said of max pooling.
    'At the swimming pool the lifeguard has no parameters, and small shifts of the swimmers barely change the max depth.',
    // Set at an ice rink (the scene is its own clause, cut off by the comma).
    'At the ice rink, the skaters have no weights and are robust to small shifts.',
  ])('%s → 0', (answer) => {
    const grade = gradeRubric(why, answer);
    expect(grade.covered).toEqual([]);
    expect(grade.score).toBe(0);
  });

  test('a field word that is a property of a foreign thing says nothing of pooling', () => {
    // "small translations of the curtains are invariant": the clause is about curtains.
    const grade = gradeRubric(why, 'Small translations of the curtains are invariant.');
    expect(grade.covered).not.toContain('invariance');
  });

  test.each([
    // "In practice" and "in the early layers" open the sentence but set no scene outside the field:
    // both points (no parameters; small shifts barely change the output) are asserted of pooling.
    'In practice, max pooling has no parameters, and small shifts of the input barely change its output.',
    'In the early layers, pooling needs no weights and is robust to small shifts.',
  ])('%s → full credit (both reasons)', (answer) => {
    const grade = gradeRubric(why, answer);
    expect(grade.covered).toEqual(expect.arrayContaining(['no-params', 'invariance']));
    expect(grade.score).toBe(1);
  });
});

describe('a short label before a colon is the subject of what follows (question 6)', () => {
  test('"Alex: ReLU and dropout" is AlexNet; "Google: …" is GoogLeNet', () => {
    // Two networks, two points each: AlexNet (ReLU; dropout), GoogLeNet (inception modules;
    // 1×1 bottlenecks) = 4 of the 10 points → 0.4.
    const grade = gradeRubric(
      innovations,
      'Alex: ReLU and dropout. Google: inception modules and 1x1 bottlenecks.',
    );
    expect(grade.covered).toEqual(
      expect.arrayContaining([
        'alexnet-relu',
        'alexnet-regularisation',
        'googlenet-inception',
        'googlenet-1x1',
      ]),
    );
    expect(grade.score).toBe(0.4);
  });

  test('a label that begins no network name names nothing', () => {
    // "Also:" begins no subject's name: ReLU is not attributed to any network.
    const grade = gradeRubric(innovations, 'Also: ReLU and dropout.');
    expect(grade.covered).not.toContain('alexnet-relu');
  });
});

describe('a list whose items open with a network name is terse points, not keywords (question 6)', () => {
  test('"alexnet relu + gpus, googlenet inception blocks, resnet residual skips" → 0.4', () => {
    // AlexNet: ReLU, GPUs (2 points); GoogLeNet: inception (1); ResNet: residual skip connections
    // (1): 4 of the 10 points → 0.4.
    const grade = gradeRubric(
      innovations,
      'alexnet relu + gpus, googlenet inception blocks, resnet residual skips',
    );
    expect(grade.covered).toEqual(
      expect.arrayContaining(['alexnet-relu', 'alexnet-gpu', 'googlenet-inception', 'resnet-skip']),
    );
    expect(grade.score).toBe(0.4);
  });

  test('the names alone assert nothing', () => {
    expect(gradeRubric(innovations, 'alexnet, googlenet, resnet, senet, xception').score).toBe(0);
  });

  test('a name before a keyword string does not make it a point', () => {
    // Question 1's subject "CNN" leads a string of six keywords (the issue's keyword list): nothing.
    const grade = gradeRubric(
      rubric(1, 'advantages'),
      'CNN fewer parameters anywhere hierarchy overfit spatial structure',
    );
    expect(grade.score).toBe(0);
  });
});
