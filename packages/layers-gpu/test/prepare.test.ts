import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  LayersGpuError,
  ONNX_AGREEMENT_TOLERANCE,
  optimizeForInference,
  prepareInference,
} from '../src/index';
import { createOnnxRunner } from '../src/onnx/index';
import { randomizeBatchNorms, relativeError } from './folding-fixtures';
import { useDefaultBackend } from './helpers';

/*
 * prepareInference chooses the engine; these tests drive each branch of the choice with the real
 * onnxruntime-node (a dev dependency here) and with injected loaders: one that fails as a missing
 * module does, and a stand-in ONNX Runtime whose answers are wrong (what a broken export would give).
 * The reference for every output is tfjs-layers' own `model.predict`.
 */

/** conv → batch norm (with statistics far from the identity) → ReLU → conv: the folded patterns. */
function smallModel(): tfl.LayersModel {
  const input = tfl.input({ shape: [12, 10, 3] });
  let x = tfl.layers.conv2d({ filters: 6, kernelSize: 3, padding: 'same', useBias: false }).apply(input);
  x = tfl.layers.batchNormalization({ axis: -1 }).apply(x);
  x = tfl.layers.activation({ activation: 'relu' }).apply(x);
  x = tfl.layers.conv2d({ filters: 4, kernelSize: 3, strides: 2 }).apply(x);
  const model = tfl.model({ inputs: input, outputs: x as tfl.SymbolicTensor });
  randomizeBatchNorms(model, 1);
  return model;
}

/** A loader that fails the way `import('onnxruntime-node')` does where the package is absent. */
const missingModule = async (specifier: string): Promise<unknown> => {
  const error = new Error(`Cannot find package '${specifier}' imported from prepare.ts`);
  Object.assign(error, { code: 'ERR_MODULE_NOT_FOUND' });
  throw error;
};

/** What a stand-in session's `run` is handed: the feeds and, on wasm, the preallocated outputs. */
type StandInRun = (
  feeds: Record<string, { data: Float32Array }>,
  fetches?: Record<string, { data: Float32Array }>,
) => Promise<unknown>;

/**
 * A stand-in ONNX Runtime module: it opens any model, and each session answers `run` with what the
 * given function returns; tensors are plain records of their type, data and dims.
 */
function standInOrt(run: StandInRun) {
  return async () => ({
    InferenceSession: {
      async create() {
        return { run, async release() {} };
      },
    },
    Tensor: class {
      constructor(
        readonly type: string,
        readonly data: Float32Array,
        readonly dims: readonly number[],
      ) {}
    },
    env: { versions: { common: 'stand-in' } },
  });
}

/** A stand-in ONNX Runtime that opens any model and answers every run with ones of `dims`. */
function wrongOrt(dims: readonly number[]) {
  return standInOrt(async () => {
    const size = dims.reduce((a, b) => a * b, 1);
    const answer = { data: new Float32Array(size).fill(1), dims };
    return new Proxy({}, { get: () => answer });
  });
}

let model: tfl.LayersModel;
let input: tf.Tensor;
let expected: tf.Tensor;
beforeAll(async () => {
  await useDefaultBackend();
  model = smallModel();
  input = tf.randomNormal([2, 12, 10, 3], 0, 1, 'float32', 11);
  expected = model.predict(input) as tf.Tensor;
});
afterAll(() => tf.dispose([input, expected]));

describe('prepareInference: one async runner, on the engine it says', () => {
  test('auto, onnxruntime-node installed and the model exports: ONNX Runtime, after agreeing', async () => {
    const runner = await prepareInference(model, { threads: 1 });
    try {
      expect(runner.engine).toBe('onnxruntime');
      expect(runner.reason).toMatch(/agreed with TensorFlow\.js/);
      expect(runner.agreement).toBeLessThanOrEqual(ONNX_AGREEMENT_TOLERANCE);
      const output = await runner.run(input);
      expect(relativeError(expected, output)).toBeLessThanOrEqual(ONNX_AGREEMENT_TOLERANCE);
      output.dispose();
    } finally {
      await runner.dispose();
    }
    await expect(runner.run(input)).rejects.toThrow(/disposed/);
  });

  test('auto without onnxruntime-node: TensorFlow.js (optimizeForInference), saying it is not installed', async () => {
    const runner = await prepareInference(model, { importModule: missingModule });
    try {
      expect(runner.engine).toBe('tfjs');
      expect(runner.reason).toMatch(/onnxruntime-node is not installed/);
      expect(runner.agreement).toBeUndefined();
      const output = await runner.run(input);
      // The inference tests' tolerance for the folded tfjs path (inference.test.ts).
      expect(relativeError(expected, output)).toBeLessThanOrEqual(1e-5);
      output.dispose();
    } finally {
      await runner.dispose();
    }
  });

  test('auto, ONNX Runtime disagreeing: TensorFlow.js, with the worst difference in the reason', async () => {
    const runner = await prepareInference(model, {
      // The probe has batch 1: the stand-in answers with ones of the model's output shape at batch 1.
      importModule: wrongOrt([1, ...expected.shape.slice(1)]),
    });
    try {
      expect(runner.engine).toBe('tfjs');
      expect(runner.reason).toMatch(/disagreed with TensorFlow\.js .* allowed 0\.0001\): TensorFlow\.js/);
      expect(runner.agreement).toBeGreaterThan(ONNX_AGREEMENT_TOLERANCE);
      const output = await runner.run(input);
      expect(relativeError(expected, output)).toBeLessThanOrEqual(1e-5);
      output.dispose();
    } finally {
      await runner.dispose();
    }
  });

  test('auto, a layer the exporter lacks: TensorFlow.js, naming the export failure', async () => {
    const x = tfl.input({ shape: [8, 8, 4] });
    // Permute: a tfjs layer no cnnkit kind builds, so the exporter has no rule for it.
    const y = tfl.layers.permute({ dims: [2, 1, 3] }).apply(x) as tfl.SymbolicTensor;
    const permuting = tfl.model({ inputs: x, outputs: y });
    const runner = await prepareInference(permuting, { threads: 1 });
    try {
      expect(runner.engine).toBe('tfjs');
      expect(runner.reason).toMatch(/could not be run on ONNX Runtime .*Permute/);
    } finally {
      await runner.dispose();
    }
  });

  test('engine "onnxruntime" insists: a missing module or a disagreement is a coded error', async () => {
    await expect(
      prepareInference(model, { engine: 'onnxruntime', importModule: missingModule }),
    ).rejects.toMatchObject({
      code: 'backend_unavailable',
      message: expect.stringMatching(/install the optional peer dependency onnxruntime-node/),
    });
    await expect(
      prepareInference(model, { engine: 'onnxruntime', importModule: wrongOrt([1, 5, 4, 4]) }),
    ).rejects.toMatchObject({ code: 'backend_unavailable', message: expect.stringMatching(/disagreed/) });
  });

  test('engine "tfjs" never loads ONNX Runtime, and runs what optimizeForInference runs', async () => {
    const loaded: string[] = [];
    const runner = await prepareInference(model, {
      engine: 'tfjs',
      importModule: async (specifier) => {
        loaded.push(specifier);
        throw new Error('not to be loaded');
      },
    });
    const direct = optimizeForInference(model);
    try {
      expect(loaded).toEqual([]);
      expect(runner).toMatchObject({ engine: 'tfjs', reason: 'engine "tfjs" was asked for' });
      const output = await runner.run(input);
      const reference = direct.predict(input) as tf.Tensor;
      expect(Array.from(output.dataSync())).toEqual(Array.from(reference.dataSync()));
      tf.dispose([output, reference]);
    } finally {
      direct.dispose();
      await runner.dispose();
    }
  });

  test('foldInPlace reaches optimizeForInference: the model’s batch norm becomes the identity, outputs stay', async () => {
    const own = smallModel();
    const x = tf.randomNormal([2, 12, 10, 3], 0, 1, 'float32', 21);
    const expected = own.predict(x) as tf.Tensor;
    const runner = await prepareInference(own, { engine: 'tfjs', foldInPlace: true });
    try {
      const bn = own.layers.find((layer) => layer.getClassName() === 'BatchNormalization')!;
      expect(Array.from(bn.getWeights()[0]!.dataSync())).toEqual(Array(6).fill(1)); // γ
      const output = await runner.run(x);
      expect(relativeError(expected, output)).toBeLessThan(1e-5);
      output.dispose();
    } finally {
      tf.dispose([x, expected]);
      await runner.dispose();
      own.dispose();
    }
  });

  test('bad options are coded errors naming what is allowed', async () => {
    await expect(prepareInference(model, { engine: 'gpu' as never })).rejects.toThrow(
      'prepareInference options.engine "gpu": must be one of auto, tfjs, onnxruntime',
    );
    await expect(prepareInference(model, { engin: 'tfjs' } as never)).rejects.toBeInstanceOf(LayersGpuError);
    await expect(prepareInference(model, { engin: 'tfjs' } as never)).rejects.toMatchObject({
      code: 'unknown_option',
    });
  });
});

describe('prepareInference on ONNX Runtime with and without spinning', () => {
  test.each([
    [undefined, 'off'],
    [true, 'on'],
    [false, 'off'],
  ] as const)(
    'spinning %s: the real session opens %s, says so, and agrees with model.predict',
    async (spinning, said) => {
      const runner = await prepareInference(model, {
        threads: 2,
        ...(spinning === undefined ? {} : { spinning }),
      });
      try {
        expect(runner.engine).toBe('onnxruntime');
        expect(runner.reason).toContain(`2 threads, spinning ${said}`);
        const output = await runner.run(input);
        expect(relativeError(expected, output)).toBeLessThanOrEqual(ONNX_AGREEMENT_TOLERANCE);
        output.dispose();
      } finally {
        await runner.dispose();
      }
    },
  );
});

describe('the ONNX runner’s buffers: reused on wasm, never shared between outputs', () => {
  const second = () => tf.randomNormal([2, 12, 10, 3], 0, 1, 'float32', 12);

  test('on wasm, two runs in turn: each output is its own input’s, the first unchanged by the second', async () => {
    const runner = await createOnnxRunner(model, { threads: 1 });
    const other = second();
    const otherExpected = model.predict(other) as tf.Tensor;
    try {
      expect(tf.getBackend()).toBe('wasm');
      const first = await runner.run(input);
      const before = Array.from(first.dataSync());
      const next = await runner.run(other);
      expect(Array.from(first.dataSync())).toEqual(before);
      expect(relativeError(expected, first)).toBeLessThanOrEqual(ONNX_AGREEMENT_TOLERANCE);
      expect(relativeError(otherExpected, next)).toBeLessThanOrEqual(ONNX_AGREEMENT_TOLERANCE);
      // A smaller batch after a larger one: the buffers follow the shape.
      const one = await runner.run(tf.slice(other, [1], [1]));
      expect(one.shape).toEqual([1, ...expected.shape.slice(1)]);
      expect(relativeError(tf.slice(otherExpected, [1], [1]), one)).toBeLessThanOrEqual(
        ONNX_AGREEMENT_TOLERANCE,
      );
      tf.dispose([first, next, one]);
    } finally {
      tf.dispose([other, otherExpected]);
      await runner.release();
    }
  });

  test('on wasm, two runs at once: each gets its own output', async () => {
    const runner = await createOnnxRunner(model, { threads: 1 });
    const other = second();
    const otherExpected = model.predict(other) as tf.Tensor;
    try {
      const [a, b] = await Promise.all([runner.run(input), runner.run(other)]);
      expect(relativeError(expected, a!)).toBeLessThanOrEqual(ONNX_AGREEMENT_TOLERANCE);
      expect(relativeError(otherExpected, b!)).toBeLessThanOrEqual(ONNX_AGREEMENT_TOLERANCE);
      tf.dispose([a!, b!]);
    } finally {
      tf.dispose([other, otherExpected]);
      await runner.release();
    }
  });

  test('on the cpu backend (which keeps the array tf.tensor is given): two runs, two separate outputs', async () => {
    const runner = await createOnnxRunner(model, { threads: 1 });
    await tf.setBackend('cpu');
    try {
      const a = tf.randomNormal([2, 12, 10, 3], 0, 1, 'float32', 11);
      const b = second();
      const first = await runner.run(a);
      const before = Array.from(first.dataSync());
      const next = await runner.run(b);
      expect(Array.from(first.dataSync())).toEqual(before);
      expect(Array.from(next.dataSync())).not.toEqual(before);
      tf.dispose([a, b, first, next]);
    } finally {
      await tf.setBackend('wasm');
      await runner.release();
    }
  });

  test('on wasm: the same input array run after run; runValues the same output array, run a fresh one each time that its tensor keeps', async () => {
    const seen: { input: unknown; output: unknown }[] = [];
    const outputDims = [2, ...expected.shape.slice(1)];
    const recording = standInOrt(async (feeds, fetches) => {
      const output = Object.values(fetches ?? {})[0];
      seen.push({ input: Object.values(feeds)[0]!.data, output: output?.data });
      const data = output?.data ?? new Float32Array(outputDims.reduce((x, y) => x * y, 1));
      data.fill(seen.length);
      return new Proxy({}, { get: () => ({ data, dims: outputDims }) });
    });
    const runner = await createOnnxRunner(model, {
      threads: 1,
      gpu: { nvidiaGpu: false, cudaProvider: false, renderNode: false },
      importModule: recording,
    });
    const values = [await runner.runValues(input), await runner.runValues(input)];
    const outputs = [await runner.run(input), await runner.run(input)];
    expect(seen).toHaveLength(4);
    expect(seen.every((s) => s.input === seen[0]!.input && s.output instanceof Float32Array)).toBe(true);
    // runValues: one reused output array, holding the last run's values (2).
    expect(seen[1]!.output).toBe(seen[0]!.output);
    expect(values[0]!.data).toBe(values[1]!.data);
    expect(values[0]!.data[0]).toBe(2);
    // run: a new array each time, not runValues' one...
    expect(seen[2]!.output).not.toBe(seen[0]!.output);
    expect(seen[3]!.output).not.toBe(seen[2]!.output);
    // ...which the tensor keeps: data() is the very array ONNX Runtime wrote (no copy), each run's own.
    expect(await outputs[0]!.data()).toBe(seen[2]!.output);
    expect(await outputs[1]!.data()).toBe(seen[3]!.output);
    expect(outputs.map((o) => o.dataSync()[0])).toEqual([3, 4]);
    // A later runValues leaves both tensors alone.
    await runner.runValues(input);
    expect(outputs.map((o) => o.dataSync()[0])).toEqual([3, 4]);
    tf.dispose(outputs);
  });

  test('on wasm, run’s tensor works like any other: a wasm op uses it (tfjs moves it into the heap), dispose frees it', async () => {
    const runner = await createOnnxRunner(model, { threads: 1 });
    try {
      expect(tf.getBackend()).toBe('wasm');
      const before = tf.memory().numTensors;
      const output = await runner.run(input);
      expect(tf.memory().numTensors).toBe(before + 1);
      expect(output.shape).toEqual(expected.shape);
      // A wasm op on it, then the tensor itself read back after the move: both model.predict's.
      const doubled = tf.mul(output, 2);
      const expectedDoubled = tf.mul(expected, 2);
      expect(relativeError(expectedDoubled, doubled)).toBeLessThanOrEqual(ONNX_AGREEMENT_TOLERANCE);
      expect(relativeError(expected, output)).toBeLessThanOrEqual(ONNX_AGREEMENT_TOLERANCE);
      tf.dispose([doubled, expectedDoubled, output]);
      expect(tf.memory().numTensors).toBe(before);
    } finally {
      await runner.release();
    }
  });
});

describe('runValues: the output as values, without a tensor', () => {
  test('on ONNX Runtime (wasm): model.predict’s values and shape, in the runner’s own array, overwritten by the next run', async () => {
    const runner = await prepareInference(model, { threads: 1 });
    const other = tf.randomNormal([2, 12, 10, 3], 0, 1, 'float32', 12);
    const otherExpected = model.predict(other) as tf.Tensor;
    try {
      expect(runner.engine).toBe('onnxruntime');
      const first = await runner.runValues(input);
      expect(first.shape).toEqual(expected.shape);
      expect(relativeError(expected, tf.tensor(first.data, [...first.shape]))).toBeLessThanOrEqual(
        ONNX_AGREEMENT_TOLERANCE,
      );
      const kept = Float32Array.from(first.data);
      const next = await runner.runValues(other);
      expect(relativeError(otherExpected, tf.tensor(next.data, [...next.shape]))).toBeLessThanOrEqual(
        ONNX_AGREEMENT_TOLERANCE,
      );
      // The documented reuse: the same array, now holding the second run's values.
      expect(next.data).toBe(first.data);
      expect(Array.from(first.data)).not.toEqual(Array.from(kept));
      // `run` after `runValues`: its tensor is a copy, untouched by a later `runValues`.
      const tensor = await runner.run(input);
      const before = Array.from(tensor.dataSync());
      await runner.runValues(other);
      expect(Array.from(tensor.dataSync())).toEqual(before);
      expect(before).toEqual(Array.from(kept));
      tensor.dispose();
    } finally {
      tf.dispose([other, otherExpected]);
      await runner.dispose();
    }
    await expect(runner.runValues(input)).rejects.toThrow(/disposed/);
  });

  test('on TensorFlow.js (wasm): optimizeForInference’s values and shape in the runner’s own array, the output tensor disposed', async () => {
    const runner = await prepareInference(model, { engine: 'tfjs' });
    const direct = optimizeForInference(model);
    const other = tf.randomNormal([2, 12, 10, 3], 0, 1, 'float32', 12);
    try {
      expect(tf.getBackend()).toBe('wasm');
      const before = tf.memory().numTensors;
      const values = await runner.runValues(input);
      expect(tf.memory().numTensors).toBe(before);
      const reference = direct.predict(input) as tf.Tensor;
      expect(values.shape).toEqual(reference.shape);
      expect(Array.from(values.data)).toEqual(Array.from(reference.dataSync()));
      const next = await runner.runValues(other);
      const otherReference = direct.predict(other) as tf.Tensor;
      expect(next.data).toBe(values.data);
      expect(Array.from(next.data)).toEqual(Array.from(otherReference.dataSync()));
      tf.dispose([reference, otherReference]);
    } finally {
      other.dispose();
      direct.dispose();
      await runner.dispose();
    }
  });
});
