import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  LayersGpuError,
  ONNX_AGREEMENT_TOLERANCE,
  optimizeForInference,
  prepareInference,
} from '../src/index';
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

/** A stand-in ONNX Runtime that opens any model and answers every run with ones of `dims`. */
function wrongOrt(dims: readonly number[]) {
  return async () => ({
    InferenceSession: {
      async create() {
        return {
          async run() {
            const size = dims.reduce((a, b) => a * b, 1);
            const answer = { data: new Float32Array(size).fill(1), dims };
            return new Proxy({}, { get: () => answer });
          },
          async release() {},
        };
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
