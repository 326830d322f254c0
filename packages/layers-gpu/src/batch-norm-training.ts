import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';

/*
 * Batch normalization in training mode, fused for the wasm backend. tfjs-layers builds it from
 * tfjs-core ops: `moments` (Mean, Sub, Square, Mean), FusedBatchNorm, and on the way back tfjs-core's
 * gradients of each of them: about 30 passes over the activation map per layer, each writing a
 * fresh map (tf.ones, broadcast Multiply and RealDiv, Tile, three Sums...). On a U-Net (depth 4,
 * width 8, batch 8, 256²) those ops were about a third of a training step's kernel time (measured
 * with bench/unet-train-profile.bench.ts). Here the same arithmetic is two passes forward
 * (per-channel sums, then the normalization) and two passes back (two per-channel sums, then dx),
 * reading and writing the wasm heap directly, with double-precision accumulators.
 *
 *   forward:  μ = Σx / N,  σ² = Σ(x − μ)² / N (biased, as tfjs' `moments`),  r = 1/√(σ² + ε),
 *             y = (x − μ)·γ·r + β
 *   backward: dβ = Σdy,  dγ = r·Σdy·(x − μ),
 *             dx = γ·r·(dy − dβ/N − (x − μ)·r·dγ/N)
 * (Ioffe & Szegedy 2015, "Batch Normalization", section 3, with the per-channel sums over the
 * batch and both spatial axes.) The gradient flows to x in full, through μ and σ² as well, which is
 * what tfjs-core's chain of gradients computes term by term.
 */

/** The forward kernel: inputs x, scale, offset; outputs y, mean, variance. */
export const BATCH_NORM_TRAINING_KERNEL = 'CnnkitBatchNormTraining';
/** The backward kernel: inputs dy, x, scale, mean, variance; outputs dx, dScale, dOffset. */
export const BATCH_NORM_TRAINING_GRAD_KERNEL = 'CnnkitBatchNormTrainingGrad';

type HeapBackend = tf.KernelBackend & {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): tf.backend_util.TypedArray;
};
interface KernelCall {
  inputs: tf.NamedTensorInfoMap;
  backend: tf.KernelBackend;
  attrs?: tf.NamedAttrMap;
}

/*
 * The loops below walk the channels in blocks of up to four with the block's sums and constants in
 * local variables: one Float64Array slot per channel read and written per value was 4× slower
 * (measured: 9 ms against 2 ms for the per-channel sums of an 8×256×256×8 map).
 */

/**
 * Per-channel mean and (biased) variance, in double precision. The sums are of x − k with k the
 * first pixel's values: a shift that keeps the one-pass formula Σd²/N − (Σd/N)² from cancelling
 * when |mean| ≫ σ.
 */
function channelMoments(x: Float32Array, channels: number): { mean: Float64Array; variance: Float64Array } {
  const n = x.length / channels;
  const mean = new Float64Array(channels);
  const variance = new Float64Array(channels);
  const length = x.length;
  for (let c0 = 0; c0 < channels; c0 += 4) {
    const width = Math.min(4, channels - c0);
    const k0 = x[c0]!;
    const k1 = width > 1 ? x[c0 + 1]! : 0;
    const k2 = width > 2 ? x[c0 + 2]! : 0;
    const k3 = width > 3 ? x[c0 + 3]! : 0;
    let a0 = 0;
    let a1 = 0;
    let a2 = 0;
    let a3 = 0;
    let q0 = 0;
    let q1 = 0;
    let q2 = 0;
    let q3 = 0;
    if (width === 4) {
      for (let i = c0; i < length; i += channels) {
        const d0 = x[i]! - k0;
        const d1 = x[i + 1]! - k1;
        const d2 = x[i + 2]! - k2;
        const d3 = x[i + 3]! - k3;
        a0 += d0;
        a1 += d1;
        a2 += d2;
        a3 += d3;
        q0 += d0 * d0;
        q1 += d1 * d1;
        q2 += d2 * d2;
        q3 += d3 * d3;
      }
    } else {
      // 1–3 channels left: one at a time (k1..k3 are unused).
      for (let c = c0; c < channels; c++) {
        const k = x[c]!;
        let a = 0;
        let q = 0;
        for (let i = c; i < length; i += channels) {
          const d = x[i]! - k;
          a += d;
          q += d * d;
        }
        const m = a / n;
        mean[c] = k + m;
        variance[c] = Math.max(0, q / n - m * m);
      }
      break;
    }
    const sums = [a0, a1, a2, a3];
    const squares = [q0, q1, q2, q3];
    const shifts = [k0, k1, k2, k3];
    for (let j = 0; j < 4; j++) {
      const m = sums[j]! / n;
      mean[c0 + j] = shifts[j]! + m;
      variance[c0 + j] = Math.max(0, squares[j]! / n - m * m);
    }
  }
  return { mean, variance };
}

/** out[i] = a[c]·u[i] + b[c]·(v[i] − m[c]) + k[c] for every value i of channel c (v may be u). */
function channelAffine(
  out: Float32Array,
  u: Float32Array,
  v: Float32Array,
  channels: number,
  a: Float64Array,
  b: Float64Array,
  m: Float64Array,
  k: Float64Array,
): void {
  const length = out.length;
  for (let c0 = 0; c0 < channels; c0 += 4) {
    if (channels - c0 < 4) {
      for (let c = c0; c < channels; c++) {
        const ac = a[c]!;
        const bc = b[c]!;
        const mc = m[c]!;
        const kc = k[c]!;
        for (let i = c; i < length; i += channels) out[i] = ac * u[i]! + bc * (v[i]! - mc) + kc;
      }
      break;
    }
    const [a0, a1, a2, a3] = [a[c0]!, a[c0 + 1]!, a[c0 + 2]!, a[c0 + 3]!];
    const [b0, b1, b2, b3] = [b[c0]!, b[c0 + 1]!, b[c0 + 2]!, b[c0 + 3]!];
    const [m0, m1, m2, m3] = [m[c0]!, m[c0 + 1]!, m[c0 + 2]!, m[c0 + 3]!];
    const [k0, k1, k2, k3] = [k[c0]!, k[c0 + 1]!, k[c0 + 2]!, k[c0 + 3]!];
    for (let i = c0; i < length; i += channels) {
      out[i] = a0 * u[i]! + b0 * (v[i]! - m0) + k0;
      out[i + 1] = a1 * u[i + 1]! + b1 * (v[i + 1]! - m1) + k1;
      out[i + 2] = a2 * u[i + 2]! + b2 * (v[i + 2]! - m2) + k2;
      out[i + 3] = a3 * u[i + 3]! + b3 * (v[i + 3]! - m3) + k3;
    }
  }
}

/** Per-channel Σdy and Σdy·(x − μ), in double precision. */
function gradientSums(
  dy: Float32Array,
  x: Float32Array,
  mu: Float64Array,
  channels: number,
): { sumDy: Float64Array; sumDyX: Float64Array } {
  const sumDy = new Float64Array(channels);
  const sumDyX = new Float64Array(channels);
  const length = x.length;
  for (let c0 = 0; c0 < channels; c0 += 4) {
    if (channels - c0 < 4) {
      for (let c = c0; c < channels; c++) {
        const mc = mu[c]!;
        let s = 0;
        let p = 0;
        for (let i = c; i < length; i += channels) {
          s += dy[i]!;
          p += dy[i]! * (x[i]! - mc);
        }
        sumDy[c] = s;
        sumDyX[c] = p;
      }
      break;
    }
    const [m0, m1, m2, m3] = [mu[c0]!, mu[c0 + 1]!, mu[c0 + 2]!, mu[c0 + 3]!];
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let p0 = 0;
    let p1 = 0;
    let p2 = 0;
    let p3 = 0;
    for (let i = c0; i < length; i += channels) {
      const g0 = dy[i]!;
      const g1 = dy[i + 1]!;
      const g2 = dy[i + 2]!;
      const g3 = dy[i + 3]!;
      s0 += g0;
      s1 += g1;
      s2 += g2;
      s3 += g3;
      p0 += g0 * (x[i]! - m0);
      p1 += g1 * (x[i + 1]! - m1);
      p2 += g2 * (x[i + 2]! - m2);
      p3 += g3 * (x[i + 3]! - m3);
    }
    sumDy.set([s0, s1, s2, s3], c0);
    sumDyX.set([p0, p1, p2, p3], c0);
  }
  return { sumDy, sumDyX };
}

function batchNormTraining({ inputs, backend, attrs }: KernelCall): tf.TensorInfo[] {
  const { x, scale, offset } = inputs as { x: tf.TensorInfo; scale: tf.TensorInfo; offset: tf.TensorInfo };
  const epsilon = (attrs as { epsilon: number }).epsilon;
  const heap = backend as HeapBackend;
  const channels = x.shape[x.shape.length - 1]!;
  const y = heap.makeOutput([...x.shape], 'float32');
  const meanOut = heap.makeOutput([channels], 'float32');
  const varianceOut = heap.makeOutput([channels], 'float32');
  // Views taken after every allocation: allocating can grow (and detach) the heap.
  const xs = heap.typedArrayFromHeap(x) as Float32Array;
  const gamma = heap.typedArrayFromHeap(scale);
  const beta = heap.typedArrayFromHeap(offset);
  const { mean, variance } = channelMoments(xs, channels);
  // y = (x − μ)·γr + β: channelAffine with a = 0 (u unused), b = γr, k = β.
  const gammaR = new Float64Array(channels);
  for (let c = 0; c < channels; c++) gammaR[c] = gamma[c]! / Math.sqrt(variance[c]! + epsilon);
  channelAffine(
    heap.typedArrayFromHeap(y) as Float32Array,
    xs,
    xs,
    channels,
    new Float64Array(channels),
    gammaR,
    mean,
    Float64Array.from(beta),
  );
  heap.typedArrayFromHeap(meanOut).set(mean);
  heap.typedArrayFromHeap(varianceOut).set(variance);
  return [y, meanOut, varianceOut];
}

function batchNormTrainingGrad({ inputs, backend, attrs }: KernelCall): tf.TensorInfo[] {
  const { dy, x, scale, mean, variance } = inputs as Record<
    'dy' | 'x' | 'scale' | 'mean' | 'variance',
    tf.TensorInfo
  >;
  const epsilon = (attrs as { epsilon: number }).epsilon;
  const heap = backend as HeapBackend;
  const channels = x.shape[x.shape.length - 1]!;
  const dx = heap.makeOutput([...x.shape], 'float32');
  const dScale = heap.makeOutput([channels], 'float32');
  const dOffset = heap.makeOutput([channels], 'float32');
  const xs = heap.typedArrayFromHeap(x) as Float32Array;
  const g = heap.typedArrayFromHeap(dy) as Float32Array;
  const gamma = heap.typedArrayFromHeap(scale);
  const mu = Float64Array.from(heap.typedArrayFromHeap(mean));
  const sigma2 = heap.typedArrayFromHeap(variance);
  const n = xs.length / channels;
  const { sumDy, sumDyX } = gradientSums(g, xs, mu, channels);
  // dx = a·dy + b·(x − μ) + k, with a = γr, b = −a·r²·Σdy(x − μ)/N, k = −a·Σdy/N.
  const a = new Float64Array(channels);
  const b = new Float64Array(channels);
  const k = new Float64Array(channels);
  const gammaGrad = heap.typedArrayFromHeap(dScale);
  const betaGrad = heap.typedArrayFromHeap(dOffset);
  for (let c = 0; c < channels; c++) {
    const r = 1 / Math.sqrt(sigma2[c]! + epsilon);
    a[c] = gamma[c]! * r;
    b[c] = (-a[c]! * r * r * sumDyX[c]!) / n;
    k[c] = (-a[c]! * sumDy[c]!) / n;
    gammaGrad[c] = r * sumDyX[c]!;
    betaGrad[c] = sumDy[c]!;
  }
  channelAffine(heap.typedArrayFromHeap(dx) as Float32Array, g, xs, channels, a, b, mu, k);
  return [dx, dScale, dOffset];
}

/** Registers the two kernels for the wasm backend (once); returns the names added. */
export function registerBatchNormTrainingKernels(): string[] {
  const added: string[] = [];
  for (const [kernelName, kernelFunc] of [
    [BATCH_NORM_TRAINING_KERNEL, batchNormTraining],
    [BATCH_NORM_TRAINING_GRAD_KERNEL, batchNormTrainingGrad],
  ] as const) {
    if (tf.getKernel(kernelName, 'wasm') !== undefined) continue;
    tf.registerKernel({
      kernelName,
      backendName: 'wasm',
      kernelFunc: kernelFunc as unknown as tf.KernelFunc,
    });
    added.push(kernelName);
  }
  return added;
}

/**
 * Normalizes `x` over every axis but the last with its own batch statistics (training mode), on
 * the fused kernels above; returns y and the batch mean and variance (kept: the caller disposes
 * them). Gradients reach x, scale and offset.
 */
function fusedBatchNormInTraining(
  x: tf.Tensor,
  scale: tf.Tensor,
  offset: tf.Tensor,
  epsilon: number,
): { y: tf.Tensor; mean: tf.Tensor; variance: tf.Tensor } {
  let stats: [tf.Tensor, tf.Tensor] | undefined;
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [input, gamma, beta, save] = args as [tf.Tensor, tf.Tensor, tf.Tensor, tf.GradSaveFunc];
    const [y, mean, variance] = tf
      .engine()
      .runKernel(
        BATCH_NORM_TRAINING_KERNEL,
        { x: input, scale: gamma, offset: beta },
        { epsilon },
      ) as tf.Tensor[];
    save([input, gamma, mean!, variance!]);
    // customGrad runs this function inside a tidy: keep the statistics for the moving averages.
    stats = [tf.keep(mean!), tf.keep(variance!)];
    return {
      value: y!,
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
        const [sx, sScale, sMean, sVariance] = saved as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
        return tf
          .engine()
          .runKernel(
            BATCH_NORM_TRAINING_GRAD_KERNEL,
            { dy: dy as tf.Tensor, x: sx, scale: sScale, mean: sMean, variance: sVariance },
            { epsilon },
          ) as tf.Tensor[];
      },
    };
  });
  const y = op(x, scale, offset) as tf.Tensor;
  return { y, mean: stats![0], variance: stats![1] };
}

/** What of tfjs-layers' BatchNormalization this reads (its fields are not in the typings). */
interface BatchNormInternals {
  axis: number;
  center: boolean;
  scale: boolean;
  epsilon: number;
  momentum: number;
  gamma: tfl.LayerVariable | null;
  beta: tfl.LayerVariable | null;
  movingMean: tfl.LayerVariable;
  movingVariance: tfl.LayerVariable;
  call(inputs: tf.Tensor | tf.Tensor[], kwargs: Record<string, unknown>): tf.Tensor | tf.Tensor[];
}

/**
 * Makes a tfjs-layers BatchNormalization layer run its training-mode pass on the fused kernels
 * when the wasm backend is active, the input is float32, the normalized axis is the last one and
 * both scale and center are on (what cnnkit builds); everything else (inference, other backends,
 * other axes) keeps the layer's own code. The moving mean and variance are updated exactly as the
 * layer does it (`moving ← moving − (moving − batch)·(1 − momentum)`). The layer's class, config
 * and weights are unchanged. Returns the layer.
 */
export function fuseBatchNormTraining<L extends tfl.layers.Layer>(layer: L): L {
  const internals = layer as unknown as BatchNormInternals;
  const original = internals.call.bind(layer);
  internals.call = (inputs, kwargs) => {
    const input = Array.isArray(inputs) ? inputs[0] : inputs;
    const training = kwargs?.training === true;
    if (
      !training ||
      input === undefined ||
      (Array.isArray(inputs) && inputs.length !== 1) ||
      tf.getBackend() !== 'wasm' ||
      tf.getKernel(BATCH_NORM_TRAINING_KERNEL, 'wasm') === undefined ||
      input.dtype !== 'float32' ||
      input.rank < 2 ||
      !(internals.axis === -1 || internals.axis === input.rank - 1) ||
      !internals.center ||
      !internals.scale ||
      internals.gamma === null ||
      internals.beta === null
    )
      return original(inputs, kwargs);
    return tf.tidy(() => {
      const { y, mean, variance } = fusedBatchNormInTraining(
        input,
        internals.gamma!.read(),
        internals.beta!.read(),
        internals.epsilon,
      );
      try {
        for (const [variable, value] of [
          [internals.movingMean, mean],
          [internals.movingVariance, variance],
        ] as const) {
          tf.tidy(() => {
            const current = variable.read();
            variable.write(tf.sub(current, tf.mul(tf.sub(current, value), 1 - internals.momentum)));
          });
        }
      } finally {
        tf.dispose([mean, variance]);
      }
      return y;
    });
  };
  return layer;
}
