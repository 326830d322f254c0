import { describe, expect, test } from 'vitest';
import { gradeRubric } from '../src/grading/rubric';
import { questionRubric } from './bank-rubric';

/*
 * Stop 35, questions 5-8: faults of the free-text grader, each mended as a general rule. Every
 * answer here was written for this file (no labelled set holds it); each expected score is the
 * point table worked by hand: question 7 needs 4 points (only convolutional layers; any input size
 * or a grid of outputs; the first dense layer's kernel as large as its input map, or one filter per
 * unit; the later dense layers as 1×1 convolutions, or the dense weights reshaped), a quarter each.
 */
const grade = (question: number, answer: string) => gradeRubric(questionRubric(question), answer);

describe("question 7: a 1×1 conv given for the dense layer the question asks about is the first layer's mistake", () => {
  test.each([
    // Before the rule the 1×1 earned the later-layers point (0.75).
    [
      'FCN: conv and pooling layers only, so any input size works. To convert a dense layer, replace it with a 1x1 convolution.',
      0.5,
    ],
    // Before: the 1×1 point alone (0.25).
    ['An FCN is a CNN that uses 1x1 filters only.', 0],
  ])('%j earns %d', (answer, score) => {
    const result = grade(7, answer);
    expect(result.score).toBe(score);
    expect(result.covered).not.toContain('one-by-one');
  });

  test('a 1×1 placed above the first dense layer ("the later dense layers") is still the point', () => {
    expect(
      grade(
        7,
        'Convert the first dense layer into a conv whose kernel is as big as its input map with valid padding, and the later dense layers into 1x1 convs; the net is then all conv and takes any size.',
      ).score,
    ).toBe(1);
  });
});

describe('question 7: a conversion the answer itself calls wrong ("that is a mistake") is no opposite it asserts', () => {
  test('the mistake named and set right, then the point: 4 of 4', () => {
    // Before: "convert a dense layer into a 1x1 conv" denied the 1×1 point, and the later layers'
    // 1×1 was lost with it (0.75).
    const result = grade(
      7,
      'You could convert a dense layer into a 1x1 conv - that is a mistake; give it a kernel as large as its input feature map with valid padding instead, and the next dense layers become 1x1 convs. No dense layers remain, so any image size works.',
    );
    expect(result.score).toBe(1);
  });

  test('a draft taken back by "which is wrong" holds nothing against the later layers\' 1×1', () => {
    // Only conv, the kernel and the 1×1 (the any-size clause is not read here, as before the rule).
    const result = grade(
      7,
      'My draft said to turn the dense layer into a 1x1 conv, which is wrong: it needs a kernel the size of its input map, valid padding. The dense layers after it become 1x1 convs, and with only conv layers left any input size works.',
    );
    expect(result.covered).toEqual(expect.arrayContaining(['kernel-size', 'one-by-one']));
  });

  test('near miss: "that is how it works" endorses the 1×1 for the asked layer, which stays wrong', () => {
    const result = grade(
      7,
      'Convert the dense layer into a 1x1 conv; that is how it works. Only conv layers remain, so any image size works.',
    );
    expect(result.score).toBe(0.5);
    expect(result.covered).not.toContain('one-by-one');
  });
});

describe('question 5: "so it overfits less" drawn from a premise that is no point of the part stands on a wrong reason', () => {
  test.each([
    'LRN shuffles the channels at random, so the model overfits less.',
    'LRN adds noise to every activation at random, which is why the net overfits less.',
  ])('%j earns nothing', (answer) => {
    // Before the rule the generalisation point was credited (1 of 3).
    const result = grade(5, answer);
    expect(result.score).toBe(0);
    expect(result.covered).not.toContain('generalisation');
  });

  test('said bare, or drawn from a point of the part, it stands', () => {
    expect(grade(5, 'It helps the net generalise better.').covered).toContain('generalisation');
    // Where (after the ReLU of the first layers), inhibition and generalisation: 3 of 3.
    expect(
      grade(
        5,
        'Put it after the ReLU of the first layers: strong maps damp their neighbours, so the net generalises better.',
      ).score,
    ).toBe(1);
  });
});

describe('"the difficulty is that …" frames the claim: the clause after it keeps its own subject', () => {
  test.each([
    // Before the rule the frame hid the subject: the loss and the remedy were both credited (2 of 3).
    'The problem is that skip connections lose the spatial detail.',
    'The issue is that upsampling loses the resolution.',
  ])('question 8: %j blames a remedy for the loss and earns nothing', (answer) => {
    expect(grade(8, answer).score).toBe(0);
  });

  test('near miss: the loss told of pooling, with two remedies, keeps its 3 of 3', () => {
    expect(
      grade(
        8,
        'The main difficulty is that pooling loses the spatial resolution; transposed convs upsample it back and skip connections add the fine detail.',
      ).score,
    ).toBe(1);
  });
});

describe('question 7: "nothing but" restricts as "only" does, and "fully" alone names no dense layer', () => {
  test.each([
    // Before: "nothing but" read as a denial, only the size point (0.25).
    [
      'Its layers are nothing but convolutions and pooling, which is why the input image can have any size.',
      0.5,
    ],
    // Before: "have a fully convolutional network" read as keeping a fully connected layer (0).
    [
      'Strip out every dense layer and what is left, a fully convolutional network, has none but conv layers.',
      0.25,
    ],
  ])('%j earns %d', (answer, score) => {
    const result = grade(7, answer);
    expect(result.score).toBe(score);
    expect(result.covered).toContain('only-conv');
  });

  test('near miss: a fully connected layer kept at the top still contradicts "only convolutions"', () => {
    const result = grade(7, 'An FCN is nothing but a CNN whose top layers are fully connected.');
    expect(result.covered).not.toContain('only-conv');
    expect(result.score).toBe(0);
  });
});

describe('question 8: transposed convolutions said to shrink the maps are no upsampling', () => {
  test.each([
    // Before: the transposed convolutions earned the upsampling point beside the per-pixel one (0.667).
    'Labels are needed per pixel; the deconv layers shrink everything further.',
    'Each pixel must be classified, but the deconvolution layers shrink the maps even further.',
  ])('%j earns only the difficulty (1 of 3)', (answer) => {
    const result = grade(8, answer);
    expect(result.covered).not.toContain('upsample');
    expect(result.score).toBeCloseTo(1 / 3, 3);
  });

  test('near miss: transposed convolutions that undo the downsampling are the remedy (3 of 3)', () => {
    const result = grade(
      8,
      'Pooling and strides throw away resolution; transposed convolutions undo the downsampling and skip connections bring back fine detail.',
    );
    expect(result.covered).toContain('upsample');
    expect(result.score).toBe(1);
  });
});
