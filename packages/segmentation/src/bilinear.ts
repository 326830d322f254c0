/*
 * Bilinear upsampling kernels for transposed convolutions, as the FCN reference implementation
 * makes them (`upsample_filt` in shelhamer/fcn.berkeleyvision.org `surgery.py`; Caffe's
 * `BilinearFiller` gives the same values). Pure arithmetic: no TensorFlow.js here.
 */

import { SegmentationError } from './errors';

/** Kernel side for an upsampling factor: `2·factor − factor % 2` (4 for ×2, 16 for ×8, 64 for ×32). */
export function bilinearKernelSize(factor: number): number {
  if (!Number.isInteger(factor) || factor < 1) {
    throw new SegmentationError(
      'invalid_options',
      `upsampling factor ${factor}: must be a positive integer`,
      {
        factor,
      },
    );
  }
  return 2 * factor - (factor % 2);
}

/**
 * The `size`×`size` bilinear interpolation kernel, row by row:
 * `(1 − |i − center| / factor) · (1 − |j − center| / factor)` with `factor = ⌈size / 2⌉` and
 * `center = factor − 1` (odd size) or `factor − 0.5` (even size).
 */
export function bilinearKernel(size: number): number[][] {
  if (!Number.isInteger(size) || size < 1) {
    throw new SegmentationError('invalid_options', `kernel size ${size}: must be a positive integer`, {
      size,
    });
  }
  const factor = Math.floor((size + 1) / 2);
  const center = size % 2 === 1 ? factor - 1 : factor - 0.5;
  const profile = Array.from({ length: size }, (_, i) => 1 - Math.abs(i - center) / factor);
  return profile.map((row) => profile.map((column) => row * column));
}

/**
 * Weights of a transposed conv that upsamples each of `channels` maps on its own (FCN's
 * `interp`): tfjs' kernel layout `[kh, kw, outChannels, inChannels]`, the bilinear kernel on the
 * diagonal (channel c → channel c) and zeros elsewhere, flattened in that order.
 */
export function bilinearTransposedConvWeights(size: number, channels: number): Float32Array {
  const kernel = bilinearKernel(size);
  const weights = new Float32Array(size * size * channels * channels);
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      for (let c = 0; c < channels; c++) {
        weights[((i * size + j) * channels + c) * channels + c] = kernel[i]![j]!;
      }
    }
  }
  return weights;
}
