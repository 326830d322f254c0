import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';

/*
 * Building ResNet-50 spent most of its time drawing 25 M random weights: tfjs-core's truncatedNormal
 * draws each value through a seedrandom "alea" generator and a method call per value (~3.5 s of the
 * 6 s build on a loaded 2-core machine, `node --cpu-prof`). The variance-scaling initializers every
 * convolution and dense layer uses by default (Glorot, He, LeCun) are drawn here instead, from the
 * same distribution by the same method, in one tight loop:
 *   - normal: Marsaglia's polar method, values beyond 2 standard deviations rejected and drawn
 *     again (tfjs-core's MPRandGauss with `truncated`), standard deviation √scale;
 *   - uniform: U(−√(3·scale), √(3·scale)) (tfjs-core's randomUniform);
 * where scale = the initializer's scale over max(1, fan_in | fan_out | their mean) (tfjs-layers'
 * VarianceScaling.apply and computeFans, channels last). An initializer with a seed, or of any other
 * class, keeps tfjs' own draw, so a seeded model is bit-for-bit what tfjs gives.
 *
 * Only the draw changes: the layer keeps its initializer (its config, `getConfig()`, saving and
 * loading are unchanged). The swap lasts for the layer's `build`, when its weights are created.
 */

interface VarianceScalingConfig {
  readonly scale: number;
  readonly mode: 'fanIn' | 'fanOut' | 'fanAvg';
  readonly distribution: 'normal' | 'uniform';
  readonly seed?: number | null;
}

interface InitializerLike {
  apply(shape: number[], dtype?: tf.DataType): tf.Tensor;
  getConfig?(): Record<string, unknown>;
}

/** The config of a variance-scaling initializer without a seed; undefined for anything else. */
function unseededVarianceScaling(value: unknown): VarianceScalingConfig | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const initializer = value as InitializerLike;
  if (typeof initializer.apply !== 'function' || typeof initializer.getConfig !== 'function')
    return undefined;
  const config = initializer.getConfig() as Partial<VarianceScalingConfig>;
  if (
    typeof config.scale !== 'number' ||
    !['fanIn', 'fanOut', 'fanAvg'].includes(String(config.mode)) ||
    !['normal', 'uniform'].includes(String(config.distribution)) ||
    config.seed != null
  )
    return undefined;
  return config as VarianceScalingConfig;
}

/** tfjs-layers' computeFans for channels-last weights: [fan_in, fan_out]. */
export function fans(shape: readonly number[]): [number, number] {
  if (shape.length === 2) return [shape[0]!, shape[1]!];
  if (shape.length >= 3 && shape.length <= 5) {
    const receptiveField = shape.slice(0, -2).reduce((a, b) => a * b, 1);
    return [shape.at(-2)! * receptiveField, shape.at(-1)! * receptiveField];
  }
  const size = Math.sqrt(shape.reduce((a, b) => a * b, 1));
  return [size, size];
}

/**
 * Fills `out` with draws of a normal distribution of mean 0 and standard deviation `stddev`,
 * truncated at 2 standard deviations (values beyond are rejected and drawn again): Marsaglia's polar
 * method, as tfjs-core's MPRandGauss. `random` gives uniform draws in [0, 1).
 */
export function fillTruncatedNormal(
  out: Float32Array,
  stddev: number,
  random: () => number = Math.random,
): void {
  const n = out.length;
  let i = 0;
  while (i < n) {
    let v1: number;
    let v2: number;
    let s: number;
    do {
      v1 = 2 * random() - 1;
      v2 = 2 * random() - 1;
      s = v1 * v1 + v2 * v2;
    } while (s >= 1 || s === 0);
    const mul = Math.sqrt((-2 * Math.log(s)) / s);
    const x = v1 * mul;
    const y = v2 * mul;
    if (x >= -2 && x <= 2) out[i++] = x * stddev;
    if (i < n && y >= -2 && y <= 2) out[i++] = y * stddev;
  }
}

/** The fast draw of one unseeded variance-scaling initializer (see the module comment). */
function fastVarianceScaling(config: VarianceScalingConfig): InitializerLike {
  return {
    apply(shape: number[], dtype: tf.DataType = 'float32'): tf.Tensor {
      const [fanIn, fanOut] = fans(shape);
      const over = config.mode === 'fanIn' ? fanIn : config.mode === 'fanOut' ? fanOut : (fanIn + fanOut) / 2;
      const scale = config.scale / Math.max(1, over);
      const values = new Float32Array(shape.reduce((a, b) => a * b, 1));
      if (config.distribution === 'normal') fillTruncatedNormal(values, Math.sqrt(scale));
      else {
        const limit = Math.sqrt(3 * scale);
        for (let i = 0; i < values.length; i++) values[i] = (2 * Math.random() - 1) * limit;
      }
      const tensor = tf.tensor(values, shape, 'float32');
      if (dtype === 'float32') return tensor;
      const cast = tf.cast(tensor, dtype);
      tensor.dispose();
      return cast;
    },
  };
}

/**
 * Runs `fn` (a layer's first `apply`, which builds it) with the layer's unseeded variance-scaling
 * initializers drawing fast, then puts the layer's own initializer objects back. Same distributions;
 * see the module comment.
 */
export function withFastInitializers<T>(layer: tfl.layers.Layer, fn: () => T): T {
  const fields = layer as unknown as Record<string, unknown>;
  const swapped: [string, unknown][] = [];
  for (const key of Object.keys(fields)) {
    if (!key.endsWith('Initializer')) continue;
    const config = unseededVarianceScaling(fields[key]);
    if (config === undefined) continue;
    swapped.push([key, fields[key]]);
    fields[key] = fastVarianceScaling(config);
  }
  try {
    return fn();
  } finally {
    for (const [key, original] of swapped) fields[key] = original;
  }
}
