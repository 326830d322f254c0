import { describe, expect, test } from 'vitest';
import { grade, text } from './numeric-parts';

/*
 * Issue 18 (stop 27): self-corrections, running totals said in words and hedges, one case per
 * rule. Keys: question 2's parameters 903,400 and inference RAM 12.6 MB (Géron, ch. 14, exercise
 * 2), question 4's 16,448 (2·2·64·64 + 64), question 8's output stride 32. The standard is the
 * fresh set's (test/fixtures/grading-eval-fresh/README.md): the figure the learner ends on is
 * graded; two candidate figures ("16 or 32?") are no answer, graded wrong (refused).
 */
describe('a statement that opens by adding a figure carries on from the figure before it', () => {
  test('"I first got 902,700, then added the 700 biases": 902,700 + 700 = 903,400', () => {
    expect(grade(2, 'params', 'I first got 902,700, then added the 700 biases').score).toBe(1);
  });
  test('"I first got 902,700, then added the 800 biases": 902,700 + 800 = 903,500, wrong', () => {
    expect(grade(2, 'params', 'I first got 902,700, then added the 800 biases').score).toBe(0);
  });
  test('"902,700; adding the 700 biases gives 903,400": what it gives is what it is set equal to', () => {
    const graded = grade(2, 'params', '902,700; adding the 700 biases gives 903,400');
    expect(graded.score).toBe(1);
    expect(text(graded)).not.toMatch(/does not add up|but they differ/);
  });
  test('"902,700; adding the 700 biases gives 903,500": wrong, and the working is checked', () => {
    // 902,700 + 700 = 903,400 (by hand): the working is right, the figure stated is not.
    const graded = grade(2, 'params', '902,700; adding the 700 biases gives 903,500');
    expect(graded.score).toBe(0);
    expect(text(graded)).toContain('Your working 902,700 + 700 makes 903,400');
  });
});

describe('a figure named as a former attempt is not the answer', () => {
  test('"32, I initially said 16": 16 is what they said before; 32 is the answer', () => {
    expect(grade(8, 'output-stride', '32, I initially said 16').score).toBe(1);
  });
  test('"16, I initially said 32": the former attempt is the right figure, the answer is 16, wrong', () => {
    expect(grade(8, 'output-stride', '16, I initially said 32').score).toBe(0);
  });
  test('"my first guess was 16,384 but it is 16,448": one answer, 16,448', () => {
    expect(grade(4, 'extra-params', 'my first guess was 16,384 but it is 16,448').score).toBe(1);
  });
  test('"16,448; I had 16,384 before adding the biases": the figure had before is left out', () => {
    expect(grade(4, 'extra-params', '16,448; I had 16,384 before adding the biases').score).toBe(1);
  });
  test('"I first got 902,700" with no other figure stays the figure stated (wrong)', () => {
    expect(grade(2, 'params', 'I first got 902,700').score).toBe(0);
  });
});

describe('another figure offered after a dash is a second candidate, not an explanation', () => {
  test('"903,400 — or do you want it without the biases, 902,700?": two candidates, refused', () => {
    expect(() => grade(2, 'params', '903,400 — or do you want it without the biases, 902,700?')).toThrow(
      /two different figures/,
    );
  });
  test('"903,400 — or 903.4k": the same figure twice is one answer', () => {
    expect(grade(2, 'params', '903,400 — or 903.4k').score).toBe(1);
  });
});

describe('a coarse memory size that rounds both the key and a known mistake is the one it is nearer', () => {
  test('"12 MiB": 12,613,600 B is 12.03 MiB (0.24% off 12 MiB), the "valid" padding\'s 12,414,800 B 11.84 MiB', () => {
    // 12 MiB = 12,582,912 B: 30,688 B from the key, 168,112 B from the "valid" padding's figure;
    // within 1% of the key, right by the fresh set's rounding rule.
    expect(grade(2, 'ram-inference', '12 MiB').score).toBe(1);
  });
  test('"11.84 MiB" is the "valid" padding\'s figure itself: wrong, and named', () => {
    // 12,414,800 / 2^20 = 11.84 MiB (by hand).
    const graded = grade(2, 'ram-inference', '11.84 MiB');
    expect(graded.score).toBe(0);
    expect(text(graded)).toContain('"valid"');
  });
});

describe('a figure said to be by a convention no part counts by is a remark beside the answer', () => {
  test('"903,400, 902,700 without biases": the count without biases is a remark; 903,400 is the answer', () => {
    expect(grade(2, 'params', '903,400, 902,700 without biases').score).toBe(1);
  });
  test('"902,700, 903,400 without biases": the answer is 902,700, wrong, with its diagnosis', () => {
    const graded = grade(2, 'params', '902,700, 903,400 without biases');
    expect(graded.score).toBe(0);
    expect(text(graded)).toContain('without the biases');
  });
  test('"565.6 MB; 1.13 GB with gradients": gradients are neglected, as in the book', () => {
    expect(grade(2, 'ram-training', '565.6 MB; 1.13 GB with gradients').score).toBe(1);
  });
  test('"565.6 MB; with gradients it would be 1.13 GB": the convention said before the figure', () => {
    expect(grade(2, 'ram-training', '565.6 MB; with gradients it would be 1.13 GB').score).toBe(1);
  });
  test('"902,700; without the biases it is 903,400": the figure beside the remark is graded, wrong', () => {
    expect(grade(2, 'params', '902,700; without the biases it is 903,400').score).toBe(0);
  });
  test('"902,700 without the biases" alone is the figure stated: wrong, named as the count without biases', () => {
    const graded = grade(2, 'params', '902,700 without the biases');
    expect(graded.score).toBe(0);
    expect(text(graded)).toContain('without the biases');
  });
  test('"16,448, or 16,384 without the bias": offered with "or", it is a second candidate, refused', () => {
    expect(() => grade(4, 'extra-params', '16,448, or 16,384 without the bias')).toThrow(
      /two different figures/,
    );
  });
});

describe('a figure for 16-bit floats on a 32-bit question is named as such', () => {
  test('"6.3 MB in float16": wrong (the question asks for 32-bit floats), and the 2 bytes a value are named', () => {
    // 16-bit: 4,500,000 + 1,806,800 = 6,306,800 bytes, 6.3 MB (half of 12,613,600).
    const graded = grade(2, 'ram-inference', '6.3 MB in float16');
    expect(graded.score).toBe(0);
    expect(text(graded)).toContain('2 bytes per value (16-bit floats)');
  });
});

/*
 * Hedges and questions back (the rule, from the fresh set's standard: "Two candidate figures
 * ("16 or 32?") are wrong"): two different figures offered as candidates are no committed answer
 * and are refused (graded wrong), unless one of them is then chosen in a statement that is no
 * question itself; the same figure written twice is one answer; one figure with a question mark
 * ("Is it 32?") states one figure, and is graded as that figure.
 */
describe('a hedge between two figures is no answer unless one is chosen', () => {
  test('"903,400 or maybe 904k?": two candidates, refused', () => {
    expect(() => grade(2, 'params', '903,400 or maybe 904k?')).toThrow(/two different figures/);
  });
  test('"903,400 or maybe 904k? I will go with 903,400": the figure chosen after the question is the answer', () => {
    expect(grade(2, 'params', '903,400 or maybe 904k? I will go with 903,400').score).toBe(1);
  });
  test('"16 or 32? 16.": the figure chosen is graded, wrong', () => {
    expect(grade(8, 'output-stride', '16 or 32? 16.').score).toBe(0);
  });
  test('"16? 32?": two questions, no figure chosen: refused', () => {
    expect(() => grade(8, 'output-stride', '16? 32?')).toThrow(/two different figures/);
  });
  test('"Is it 32? Or 16 with dilation.": another candidate after the question is no choice: refused', () => {
    expect(() => grade(8, 'output-stride', 'Is it 32? Or 16 with dilation.')).toThrow(
      /two different figures/,
    );
  });
  test('"903,400 or maybe 903.4k?": the same figure twice is one answer', () => {
    expect(grade(2, 'params', '903,400 or maybe 903.4k?').score).toBe(1);
  });
  test('"Is it 32?": one figure with a question mark is graded as that figure', () => {
    expect(grade(8, 'output-stride', 'Is it 32?').score).toBe(1);
  });
});

describe("a figure said to be Keras's, beside another, is a remark on that reference", () => {
  // Question 6 names torchvision's ResNet-50 (25,557,032); Keras's ResNet50 has 25,636,712 in all.
  test('"25,557,032 in PyTorch, 25,636,712 in Keras": torchvision\'s count is the answer', () => {
    expect(text(grade(6, 'resnet50-params', '25,557,032 in PyTorch, 25,636,712 in Keras'))).toContain(
      'Correct: 25,557,032',
    );
  });
  test('"60M, Keras 25.6M": the figure beside the Keras remark is graded, wrong', () => {
    expect(grade(6, 'resnet50-params', '60M, Keras 25.6M').score).toBe(0);
  });
});
