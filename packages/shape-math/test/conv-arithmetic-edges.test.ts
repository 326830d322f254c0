import { describe, expect, test } from 'vitest';
import { ConvArithmeticError, convOutputLength, transposedConvOutputLength } from '../src/index';

/*
 * Edges of the one-axis arithmetic that mutation testing found untested (issue 17): the boundaries
 * of each refusal, the problem each refusal carries as data, and the transposed-convolution branches
 * with an explicit output padding. Expected lengths are worked out by hand from the formulas named.
 */
function problemOf(run: () => unknown): ConvArithmeticError['problem'] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConvArithmeticError);
    return (error as ConvArithmeticError).problem;
  }
  throw new Error('expected a ConvArithmeticError');
}

describe('refused arguments carry what was wrong as data', () => {
  test.each([
    ['input length', () => convOutputLength(0, 3, 'valid'), 0],
    ['kernel size', () => convOutputLength(5, 2.5, 'valid'), 2.5],
    ['stride', () => convOutputLength(5, 3, 'valid', 0), 0],
    ['dilation', () => convOutputLength(5, 3, 'valid', 1, -1), -1],
    ['input length', () => transposedConvOutputLength(-2, 3, 'same'), -2],
    ['kernel size', () => transposedConvOutputLength(2, 0, 'same'), 0],
    ['stride', () => transposedConvOutputLength(2, 3, 'same', 1.5), 1.5],
    ['dilation', () => transposedConvOutputLength(2, 3, 'same', 1, 0), 0],
  ])('%s %s must be a positive integer', (what, run, value) => {
    expect(problemOf(run)).toEqual({ code: 'not_an_integer', what, value, minimum: 1 });
  });

  test.each([
    ['padding', () => convOutputLength(5, 3, [-1, 0]), -1],
    ['padding', () => convOutputLength(5, 3, [0, 0.5]), 0.5],
    ['padding', () => transposedConvOutputLength(5, 3, -1), -1],
    ['output padding', () => transposedConvOutputLength(5, 3, 'same', 2, 1, -1), -1],
  ])('%s %s must be a non-negative integer', (what, run, value) => {
    expect(problemOf(run)).toEqual({ code: 'not_an_integer', what, value, minimum: 0 });
  });

  test('the messages say which value was wrong and what is allowed', () => {
    expect(() => convOutputLength(5, 3, [-1, 0])).toThrow('padding -1: must be a non-negative integer');
    expect(() => convOutputLength(5, 3, 'valid', 0)).toThrow('stride 0: must be a positive integer');
  });

  test('zero padding is allowed: [0, 0] explicit equals "valid"', () => {
    // floor((5 + 0 + 0 − 3) / 1) + 1 = 3.
    expect(convOutputLength(5, 3, [0, 0])).toBe(3);
  });

  test('a kernel wider than the padded input: span and largest allowed span as data', () => {
    // span 2·(3 − 1) + 1 = 5 on 3 + 0 + 1 = 4 padded positions.
    expect(problemOf(() => convOutputLength(3, 3, [0, 1], 1, 2))).toEqual({
      code: 'kernel_too_large',
      span: 5,
      largestAllowed: 4,
    });
  });
});

describe('transposed convolution', () => {
  test('explicit padding, PyTorch ConvTranspose2d: (in − 1)·s − 2·p + d·(k − 1) + output_padding + 1', () => {
    // in 4, k 3, s 2, p 2: 3·2 − 4 + 2 + 0 + 1 = 5.
    expect(transposedConvOutputLength(4, 3, 2, 2)).toBe(5);
    // in 1, k 1, p 0: 0 − 0 + 0 + 1 = 1, the smallest output there is (allowed).
    expect(transposedConvOutputLength(1, 1, 0)).toBe(1);
  });

  test('an output the padding removes entirely is refused with its length', () => {
    // in 1, k 1, s 1, p 1: 0 − 2 + 0 + 0 + 1 = −1.
    expect(problemOf(() => transposedConvOutputLength(1, 1, 1))).toEqual({
      code: 'empty_output',
      length: -1,
    });
    expect(() => transposedConvOutputLength(1, 1, 1)).toThrow(
      'transposed convolution output length -1: padding 1 removes the whole output',
    );
  });

  test('"same"/"valid" with an output padding, Keras deconv_output_length: (in − 1)·s + k − 2·pad + op', () => {
    // same pads k // 2. in 5, k 3, s 2, op 0: 4·2 + 3 − 2·1 + 0 = 9 (without op it would be 5·2 = 10).
    expect(transposedConvOutputLength(5, 3, 'same', 2, 1, 0)).toBe(9);
    // same, k 5 (pad 2), op 1: 4·2 + 5 − 4 + 1 = 10.
    expect(transposedConvOutputLength(5, 5, 'same', 2, 1, 1)).toBe(10);
    // valid pads 0. in 5, k 3, s 2, op 1: 4·2 + 3 − 0 + 1 = 12.
    expect(transposedConvOutputLength(5, 3, 'valid', 2, 1, 1)).toBe(12);
  });

  test('the output padding must be smaller than the stride or the dilation (PyTorch ConvTranspose2d)', () => {
    // stride 1, dilation 1, op 1: smaller than neither → refused, with the three numbers.
    expect(problemOf(() => transposedConvOutputLength(5, 3, 'valid', 1, 1, 1))).toEqual({
      code: 'output_padding_too_large',
      outputPadding: 1,
      stride: 1,
      dilation: 1,
    });
    // stride 1, dilation 2, op 1: smaller than the dilation → allowed. 4·1 + 5 + 1 = 10 (span 5, valid).
    expect(transposedConvOutputLength(5, 3, 'valid', 1, 2, 1)).toBe(10);
    // stride 2, dilation 1, op 1: smaller than the stride → allowed. 4·2 + 3 + 1 = 12.
    expect(transposedConvOutputLength(5, 3, 'valid', 2, 1, 1)).toBe(12);
  });
});
