/*
 * Shape arithmetic as small plain functions, as tfjs-layers' conv_utils.ts does it.
 * Formulas:
 * - TensorFlow `same`:  out = ceil(in / stride), padding split with the extra row at the end
 *   (tf.nn convolution docs, "Notes on padding").
 * - TensorFlow `valid`: out = floor((in - dilatedKernel) / stride) + 1.
 * - PyTorch explicit:   out = floor((in + padBefore + padAfter - dilatedKernel) / stride) + 1
 *   (torch.nn.Conv2d docs, "Shape").
 * - Transposed conv:    Keras `deconv_output_length` for `same`/`valid`, PyTorch ConvTranspose2d
 *   for explicit padding: (in - 1) * stride - 2 * pad + dilation * (kernel - 1) + outputPadding + 1.
 */

import { CnnkitError } from './cnnkit-error';

/** TensorFlow's padding modes. */
export type PaddingMode = 'same' | 'valid';
/** Explicit zero padding before and after one axis. */
export type AxisPadding = readonly [before: number, after: number];

/** Span of a dilated kernel: `dilation * (kernel - 1) + 1`. */
export function dilatedKernelSize(kernel: number, dilation = 1): number {
  return dilation * (kernel - 1) + 1;
}

/** Why a conv arithmetic function refused its arguments, with the numbers, as data. */
export type ConvArithmeticProblem =
  | {
      readonly code: 'not_an_integer';
      readonly what: string;
      readonly value: number;
      readonly minimum: 0 | 1;
    }
  | { readonly code: 'kernel_too_large'; readonly span: number; readonly largestAllowed: number }
  | {
      readonly code: 'output_padding_too_large';
      readonly outputPadding: number;
      readonly stride: number;
      readonly dilation: number;
    }
  | { readonly code: 'empty_output'; readonly length: number };

/**
 * Conv arithmetic's refusal, in the one error family of cnnkit (`isCnnkitError` is true): `code` is
 * the problem's code and `details` (also `problem`) its numbers, so callers branch on data instead
 * of reading the message. (Before 1.0 it extended RangeError; see the changeset's migration note.)
 */
export class ConvArithmeticError extends CnnkitError<ConvArithmeticProblem['code'], ConvArithmeticProblem> {
  override readonly name = 'ConvArithmeticError';
  constructor(problem: ConvArithmeticProblem, message: string) {
    super({ code: problem.code, message, details: problem });
  }

  /** The problem as data: the same object as `details`. */
  get problem(): ConvArithmeticProblem {
    return this.details;
  }
}

function assertPositiveInteger(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new ConvArithmeticError(
      { code: 'not_an_integer', what, value, minimum: 1 },
      `${what} ${value}: must be a positive integer`,
    );
  }
}

function assertNonNegativeInteger(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new ConvArithmeticError(
      { code: 'not_an_integer', what, value, minimum: 0 },
      `${what} ${value}: must be a non-negative integer`,
    );
  }
}

/**
 * Padding TensorFlow applies for `same` on one axis, as [before, after]; the odd extra row
 * goes after (bottom/right), which is where TensorFlow and PyTorch differ for even kernels.
 */
export function samePadding(inputLength: number, kernel: number, stride = 1, dilation = 1): AxisPadding {
  const outputLength = Math.ceil(inputLength / stride);
  const total = Math.max((outputLength - 1) * stride + dilatedKernelSize(kernel, dilation) - inputLength, 0);
  const before = Math.floor(total / 2);
  return [before, total - before];
}

/**
 * Output length of a convolution or pooling window along one axis.
 * Throws a RangeError when the window does not fit: the result is never 0, negative or NaN.
 */
export function convOutputLength(
  inputLength: number,
  kernel: number,
  padding: PaddingMode | AxisPadding,
  stride = 1,
  dilation = 1,
): number {
  assertPositiveInteger(inputLength, 'input length');
  assertPositiveInteger(kernel, 'kernel size');
  assertPositiveInteger(stride, 'stride');
  assertPositiveInteger(dilation, 'dilation');
  if (padding === 'same') return Math.ceil(inputLength / stride);
  const [before, after] = padding === 'valid' ? [0, 0] : padding;
  assertNonNegativeInteger(before, 'padding');
  assertNonNegativeInteger(after, 'padding');
  const span = dilatedKernelSize(kernel, dilation);
  const padded = inputLength + before + after;
  if (padded < span) {
    throw new ConvArithmeticError(
      { code: 'kernel_too_large', span, largestAllowed: padded },
      `kernel span ${span} is larger than the padded input length ${padded}: use "same" padding, more padding or a smaller kernel`,
    );
  }
  return Math.floor((padded - span) / stride) + 1;
}

/** Output length of a transposed convolution along one axis (Keras for same/valid, PyTorch for explicit). */
export function transposedConvOutputLength(
  inputLength: number,
  kernel: number,
  padding: PaddingMode | number,
  stride = 1,
  dilation = 1,
  outputPadding?: number,
): number {
  assertPositiveInteger(inputLength, 'input length');
  assertPositiveInteger(kernel, 'kernel size');
  assertPositiveInteger(stride, 'stride');
  assertPositiveInteger(dilation, 'dilation');
  if (outputPadding !== undefined) {
    assertNonNegativeInteger(outputPadding, 'output padding');
    if (outputPadding >= stride && outputPadding >= dilation) {
      throw new ConvArithmeticError(
        { code: 'output_padding_too_large', outputPadding, stride, dilation },
        `output padding ${outputPadding}: must be smaller than the stride (${stride}) or the dilation (${dilation})`,
      );
    }
  }
  const span = dilatedKernelSize(kernel, dilation);
  let length: number;
  if (typeof padding === 'number') {
    assertNonNegativeInteger(padding, 'padding');
    length = (inputLength - 1) * stride - 2 * padding + span + (outputPadding ?? 0);
  } else if (outputPadding === undefined) {
    length = padding === 'same' ? inputLength * stride : inputLength * stride + Math.max(span - stride, 0);
  } else {
    const pad = padding === 'same' ? Math.floor(span / 2) : 0;
    length = (inputLength - 1) * stride + span - 2 * pad + outputPadding;
  }
  if (length < 1) {
    throw new ConvArithmeticError(
      { code: 'empty_output', length },
      `transposed convolution output length ${length}: padding ${padding} removes the whole output`,
    );
  }
  return length;
}
