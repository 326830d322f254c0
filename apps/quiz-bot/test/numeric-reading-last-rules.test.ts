import { describe, expect, test } from 'vitest';
import { grade } from './numeric-parts';

/*
 * Issue 18, the last misreadings of a numeric answer (each a rule a teacher would name). Keys:
 * question 2's parameters 903,400 (Géron, ch. 14, exercise 2), question 4's 16,448
 * (2·2·64·64 + 64), ResNet-50's 25,557,032 (torchvision), an output stride of 32 (question 8).
 */
describe('figures after the answer that add up to it are its parts, not other answers', () => {
  test('"16,448, the weights are 16,384 and the biases 64": 16,384 + 64 = 16,448, the answer stands', () => {
    expect(grade(4, 'extra-params', '16,448, the weights are 16,384 and the biases 64').score).toBe(1);
  });
  test('"903,400. Weights 902,000 and biases 700": 902,700 is not 903,400, so two figures are stated', () => {
    // 902,000 + 700 = 902,700 (by hand): no breakdown of 903,400; the answer is refused as two figures.
    expect(() => grade(2, 'params', '903,400. Weights 902,000 and biases 700')).toThrow(
      /two different figures/,
    );
  });
});

describe('a pause (an ellipsis) before a correction ends the statement', () => {
  test('"25.5M… no, 25.6M" is 25.6M', () => {
    // The correction's figure is the answer: 25.6M is 25,557,032 to 0.1 million.
    expect(grade(6, 'resnet50-params', '25.5M… no, 25.6M').score).toBe(1);
  });
  test('"25.6M... no, 2.6M" is 2.6M, wrong', () => {
    // 2.6M is a tenth of 25,557,032: the corrected figure is graded, and it is wrong.
    expect(grade(6, 'resnet50-params', '25.6M... no, 2.6M').score).toBe(0);
  });
});

describe('the output map written as a fraction of the input states the stride', () => {
  test('"H/32 x W/32" is an output stride of 32', () => {
    expect(grade(8, 'output-stride', 'the output is H/32 x W/32').score).toBe(1);
  });
  test('"H/16 × W/16" is 16, wrong', () => {
    expect(grade(8, 'output-stride', 'H/16 × W/16').score).toBe(0);
  });
});
