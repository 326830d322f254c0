import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { tensorFilledInPlace } from './wasm-heap';

/*
 * Building ResNet-50 spent most of its time drawing 25 M random weights: tfjs-core's truncatedNormal
 * draws each value through a seedrandom "alea" generator and a method call per value (~3.5 s of the
 * 6 s build on a loaded 2-core machine, `node --cpu-prof`). The variance-scaling initializers every
 * convolution and dense layer uses by default (Glorot, He, LeCun) are drawn here instead, from the
 * same distribution by the same method, in one tight loop:
 *   - normal: standard deviation √scale, values beyond 2 standard deviations rejected and drawn
 *     again (tfjs-core's MPRandGauss with `truncated`), drawn by the ziggurat method (below)
 *     instead of Marsaglia's polar method: the same distribution, without a logarithm per pair;
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

/*
 * The ziggurat of Marsaglia & Tsang (2000, "The Ziggurat Method for Generating Random Variables",
 * J. Stat. Softw. 5(8)), in Doornik's form ZIGNOR (2005, "An Improved Ziggurat Method to Generate
 * Normal Random Samples"): 128 layers of equal area V under the standard normal density, the
 * bottom one ending in the tail beyond R. Most draws cost one comparison; no logarithm, no square
 * root. The tail lies beyond R = 3.44 > 2, so with the truncation at 2 it is never sampled.
 */
const ZIGGURAT_LAYERS = 128;
const ZIGGURAT_R = 3.442619855899;
const ZIGGURAT_V = 9.91256303526217e-3;
const { zigX, zigRatio } = (() => {
  const x = new Float64Array(ZIGGURAT_LAYERS + 1);
  const ratio = new Float64Array(ZIGGURAT_LAYERS);
  let f = Math.exp(-0.5 * ZIGGURAT_R * ZIGGURAT_R);
  x[0] = ZIGGURAT_V / f; // the bottom layer: V / f(R)
  x[1] = ZIGGURAT_R;
  x[ZIGGURAT_LAYERS] = 0;
  for (let i = 2; i < ZIGGURAT_LAYERS; i++) {
    x[i] = Math.sqrt(-2 * Math.log(ZIGGURAT_V / x[i - 1]! + f));
    f = Math.exp(-0.5 * x[i]! * x[i]!);
  }
  for (let i = 0; i < ZIGGURAT_LAYERS; i++) ratio[i] = x[i + 1]! / x[i]!;
  return { zigX: x, zigRatio: ratio };
})();

/*
 * Uniform bits: Marsaglia's xorshift128 (2003, "Xorshift RNGs", J. Stat. Softw. 8(14)), seeded from
 * Math.random, its four words kept in local variables of each fill loop: a closure over them would
 * keep them in a heap context, which made the loop ~4× slower (measured here).
 */
const seedWord = (): number => (Math.random() * 0x100000000) >>> 0;
const TWO_TO_MINUS_24 = 1 / 16777216;
const TWO_TO_MINUS_32 = 1 / 4294967296;

/**
 * Fills `out` with draws of a normal distribution of mean 0 and standard deviation `stddev`,
 * truncated at 2 standard deviations (values beyond are rejected and drawn again), the distribution
 * of tfjs-core's `truncatedNormal`, drawn by the ziggurat method. Each try takes one 32-bit draw:
 * its low 7 bits pick the layer and its high 25 bits the position u in [−1, 1) (disjoint bits, so
 * the two are independent; 25 bits exceed float32's 24-bit significand).
 */
export function fillTruncatedNormal(out: Float32Array, stddev: number): void {
  let x0 = seedWord() || 1;
  let x1 = seedWord();
  let x2 = seedWord();
  let x3 = seedWord();
  const n = out.length;
  let i = 0;
  while (i < n) {
    let t = x0 ^ (x0 << 11);
    x0 = x1;
    x1 = x2;
    x2 = x3;
    x3 = x3 ^ (x3 >>> 19) ^ (t ^ (t >>> 8));
    const r = x3 >>> 0;
    const layer = r & 127;
    const u = (r >>> 7) * TWO_TO_MINUS_24 - 1;
    const x = u * zigX[layer]!;
    if (Math.abs(u) >= zigRatio[layer]!) {
      if (layer === 0) continue; // the tail beyond R (> 2): truncated anyway
      // The wedge between the rectangle and the density: accept with the density's height.
      const f0 = Math.exp(-0.5 * (zigX[layer]! * zigX[layer]! - x * x));
      const f1 = Math.exp(-0.5 * (zigX[layer + 1]! * zigX[layer + 1]! - x * x));
      t = x0 ^ (x0 << 11);
      x0 = x1;
      x1 = x2;
      x2 = x3;
      x3 = x3 ^ (x3 >>> 19) ^ (t ^ (t >>> 8));
      if (f1 + (x3 >>> 0) * TWO_TO_MINUS_32 * (f0 - f1) >= 1) continue;
    }
    if (x >= -2 && x <= 2) out[i++] = x * stddev;
  }
}

/** Fills `out` with draws of U(−limit, limit), the distribution of tfjs-core's `randomUniform`. */
export function fillUniform(out: Float32Array, limit: number): void {
  let x0 = seedWord() || 1;
  let x1 = seedWord();
  let x2 = seedWord();
  let x3 = seedWord();
  for (let i = 0; i < out.length; i++) {
    const t = x0 ^ (x0 << 11);
    x0 = x1;
    x1 = x2;
    x2 = x3;
    x3 = x3 ^ (x3 >>> 19) ^ (t ^ (t >>> 8));
    out[i] = ((x3 >>> 0) * TWO_TO_MINUS_32 * 2 - 1) * limit;
  }
}

/** The fast draw of one unseeded variance-scaling initializer (see the module comment). */
function fastVarianceScaling(config: VarianceScalingConfig): InitializerLike {
  return {
    apply(shape: number[], dtype: tf.DataType = 'float32'): tf.Tensor {
      const [fanIn, fanOut] = fans(shape);
      const over = config.mode === 'fanIn' ? fanIn : config.mode === 'fanOut' ? fanOut : (fanIn + fanOut) / 2;
      const scale = config.scale / Math.max(1, over);
      // Drawn straight into the tensor's memory (the wasm heap; wasm-heap.ts): no array to copy.
      const tensor = tensorFilledInPlace(shape, (values) => {
        if (config.distribution === 'normal') fillTruncatedNormal(values, Math.sqrt(scale));
        else fillUniform(values, Math.sqrt(3 * scale));
      });
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
