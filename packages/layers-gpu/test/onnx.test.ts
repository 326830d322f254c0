import { exercise2Spec, type LayerKind, type LayerSpecInput } from '@cnnkit/shape-math';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, test } from 'vitest';
import {
  buildModel,
  groupedConv2d,
  initBackend,
  LayersGpuError,
  localResponseNormalization,
} from '../src/index';
import { ONNX_FACES } from '../src/onnx/export';
import { createOnnxRunner, ONNX_OPSET, toOnnx } from '../src/onnx/index';
import { modelProtoType } from '../src/onnx/onnx-proto';
import { runScriptInFreshProcess } from './helpers';

/*
 * Tolerance: ONNX Runtime and XNNPACK sum products in different orders (and ORT fuses batch norm
 * into the convolution), so float32 results differ by rounding; relative to the output's scale,
 * 1e-4 is ~1000 ulps of headroom and far below any real error (a wrong transpose gives O(1)).
 */
const RELATIVE_TOLERANCE = 1e-4;

beforeAll(async () => {
  await initBackend({ env: {}, wasmThreads: 1 }); // one thread in tests: see vitest.shared.ts
});

async function agree(model: tfl.LayersModel, input: tf.Tensor) {
  const runner = await createOnnxRunner(model, { threads: 2 });
  try {
    const expected = model.predict(input) as tf.Tensor;
    const actual = await runner.run(input);
    expect(actual.shape).toEqual(expected.shape);
    const e = (await expected.data()) as Float32Array;
    const a = (await actual.data()) as Float32Array;
    let scale = 0;
    let worst = 0;
    for (let i = 0; i < e.length; i++) {
      scale = Math.max(scale, Math.abs(e[i]!));
      worst = Math.max(worst, Math.abs(e[i]! - a[i]!));
    }
    tf.dispose([expected, actual]);
    return { worst: worst / Math.max(scale, 1e-6), runner };
  } finally {
    await runner.release();
  }
}

/** A network with one of every layer kind cnnkit builds, random weights and batch-norm statistics. */
function everyKindModel(): tfl.LayersModel {
  const input = tfl.input({ shape: [17, 19, 6] });
  let x = tfl.layers
    .conv2d({ filters: 8, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' })
    .apply(input) as tfl.SymbolicTensor;
  x = tfl.layers.batchNormalization({}).apply(x) as tfl.SymbolicTensor;
  const grouped = groupedConv2d({ filters: 8, kernelSize: 3, groups: 2, padding: 'same' }).apply(
    x,
  ) as tfl.SymbolicTensor;
  const depthwise = tfl.layers
    .depthwiseConv2d({ kernelSize: 3, depthMultiplier: 2, padding: 'same', activation: 'relu6' })
    .apply(x) as tfl.SymbolicTensor;
  const separable = tfl.layers
    .separableConv2d({ filters: 8, kernelSize: 3, padding: 'same', dilationRate: 2 })
    .apply(x) as tfl.SymbolicTensor;
  x = tfl.layers.add().apply([grouped, separable]) as tfl.SymbolicTensor;
  x = tfl.layers.concatenate().apply([x, depthwise]) as tfl.SymbolicTensor;
  x = localResponseNormalization({ depthRadius: 2, bias: 1, alpha: 1e-2, beta: 0.75 }).apply(
    x,
  ) as tfl.SymbolicTensor;
  // squeeze-and-excitation
  let se = tfl.layers.globalAveragePooling2d({}).apply(x) as tfl.SymbolicTensor;
  se = tfl.layers.dense({ units: 6, activation: 'relu' }).apply(se) as tfl.SymbolicTensor;
  se = tfl.layers.dense({ units: 24, activation: 'sigmoid' }).apply(se) as tfl.SymbolicTensor;
  se = tfl.layers.reshape({ targetShape: [1, 1, 24] }).apply(se) as tfl.SymbolicTensor;
  x = tfl.layers.multiply().apply([x, se]) as tfl.SymbolicTensor;
  // As in ResNet: ReLU, explicit zero padding, then a VALID max pool. ONNX Runtime folds a zero Pad
  // into the next MaxPool's pads (its PadFusion), which pads with −∞ instead of 0: the same result
  // only on non-negative inputs, and it refuses pads as wide as the window (so no SAME pool here).
  x = tfl.layers.activation({ activation: 'relu' }).apply(x) as tfl.SymbolicTensor;
  x = tfl.layers
    .zeroPadding2d({
      padding: [
        [1, 0],
        [0, 2],
      ],
    })
    .apply(x) as tfl.SymbolicTensor;
  x = tfl.layers.maxPooling2d({ poolSize: 3, strides: 2, padding: 'valid' }).apply(x) as tfl.SymbolicTensor;
  x = tfl.layers.maxPooling2d({ poolSize: 2, strides: 1, padding: 'same' }).apply(x) as tfl.SymbolicTensor;
  x = tfl.layers
    .conv2dTranspose({ filters: 5, kernelSize: 3, strides: 2, padding: 'same' })
    .apply(x) as tfl.SymbolicTensor;
  x = tfl.layers
    .conv2dTranspose({ filters: 5, kernelSize: 2, strides: 1, padding: 'valid' })
    .apply(x) as tfl.SymbolicTensor;
  x = tfl.layers.leakyReLU({ alpha: 0.1 }).apply(x) as tfl.SymbolicTensor;
  x = tfl.layers.upSampling2d({ size: [2, 2] }).apply(x) as tfl.SymbolicTensor;
  x = tfl.layers
    .averagePooling2d({ poolSize: 3, strides: 2, padding: 'same' })
    .apply(x) as tfl.SymbolicTensor;
  x = tfl.layers
    .conv2d({ filters: 4, kernelSize: 3, padding: 'valid', activation: 'tanh' })
    .apply(x) as tfl.SymbolicTensor;
  const gmax = tfl.layers.globalMaxPooling2d({}).apply(x) as tfl.SymbolicTensor;
  x = tfl.layers.dropout({ rate: 0.5 }).apply(x) as tfl.SymbolicTensor;
  x = tfl.layers.flatten().apply(x) as tfl.SymbolicTensor;
  x = tfl.layers.concatenate().apply([x, gmax]) as tfl.SymbolicTensor;
  x = tfl.layers.batchNormalization({}).apply(x) as tfl.SymbolicTensor;
  x = tfl.layers.dense({ units: 7 }).apply(x) as tfl.SymbolicTensor;
  x = tfl.layers.activation({ activation: 'softmax' }).apply(x) as tfl.SymbolicTensor;
  const model = tfl.model({ inputs: input, outputs: x });
  // Non-trivial batch-norm statistics, so a wrong mean/variance order shows.
  for (const layer of model.layers) {
    if (layer.getClassName() !== 'BatchNormalization') continue;
    const weights = layer.getWeights();
    layer.setWeights(
      weights.map((w, i) =>
        tf.randomUniform(w.shape, i === 3 ? 0.5 : -0.5, i === 3 ? 2 : 0.5, 'float32', i + 1),
      ),
    );
  }
  return model;
}

describe('toOnnx', () => {
  test('a network with every layer kind gives the same output in ONNX Runtime as in TensorFlow.js', async () => {
    const model = everyKindModel();
    const input = tf.randomNormal([2, 17, 19, 6], 0, 1, 'float32', 3);
    const { worst, runner } = await agree(model, input);
    expect(worst).toBeLessThan(RELATIVE_TOLERANCE);
    expect(runner.exported.parameterCount).toBe(model.countParams());
    expect(Object.keys(runner.exported.operators)).toEqual(
      expect.arrayContaining([
        'Conv',
        'ConvTranspose',
        'LRN',
        'BatchNormalization',
        'Gemm',
        'Mul',
        'Concat',
        'Resize',
        'Pad',
      ]),
    );
    input.dispose();
    model.dispose();
  });

  test('exercise 2 round-trips exactly in shape and parameter count, and agrees', async () => {
    const built = buildModel(exercise2Spec());
    const exported = toOnnx(built.model);
    expect(exported.parameterCount).toBe(903_400);
    expect(exported.parameterCount).toBe(built.report.totals.params.total);
    const decoded = modelProtoType().toObject(modelProtoType().decode(exported.bytes), { longs: Number }) as {
      opset_import: { version: number }[];
      graph: {
        output: { type: { tensor_type: { shape: { dim: { dim_value?: number; dim_param?: string }[] } } } }[];
      };
    };
    expect(decoded.opset_import[0]!.version).toBe(ONNX_OPSET);
    expect(decoded.graph.output[0]!.type.tensor_type.shape.dim).toEqual([
      { dim_param: 'batch' },
      { dim_value: 25 },
      { dim_value: 38 },
      { dim_value: 400 },
    ]);
    const input = tf.randomNormal([1, 200, 300, 3], 0, 1, 'float32', 5);
    const { worst } = await agree(built.model, input);
    expect(worst).toBeLessThan(RELATIVE_TOLERANCE);
    input.dispose();
    built.model.dispose();
  });

  test('a cropped skip (U-Net’s crop-and-copy, Keras’ three cropping forms) agrees in ONNX Runtime', async () => {
    const built = buildModel({
      input: [13, 11, 3],
      layers: [
        { kind: 'conv2d', name: 'skip', filters: 4, kernelSize: 3, activation: 'relu' },
        { kind: 'maxPooling2d', name: 'down', poolSize: 2 },
        { kind: 'conv2d', name: 'deep', filters: 4, kernelSize: 1 },
        { kind: 'conv2dTranspose', name: 'up', filters: 4, kernelSize: 2, strides: 2 },
        // skip 11×9, up 10×8: one row off the bottom, one column off the left.
        {
          kind: 'cropping2d',
          name: 'skip_crop',
          inputs: ['skip'],
          cropping: [
            [0, 1],
            [1, 0],
          ],
        },
        { kind: 'concatenate', name: 'join', inputs: ['up', 'skip_crop'] },
        { kind: 'cropping2d', name: 'every_side', cropping: 1 },
        { kind: 'cropping2d', name: 'per_axis', cropping: [2, 1] },
      ],
    });
    expect(built.report.outputs[0]!.shape).toEqual([4, 4, 8]); // 10 − 2 − 4, 8 − 2 − 2
    const input = tf.randomNormal([2, 13, 11, 3], 0, 1, 'float32', 11);
    const { worst, runner } = await agree(built.model, input);
    expect(worst).toBeLessThan(RELATIVE_TOLERANCE);
    expect(runner.exported.operators.Slice).toBe(3);
    input.dispose();
    built.model.dispose();
  });

  test('each shape-math kind’s ONNX face names every tfjs class its builder makes', () => {
    // One tiny spec per kind (the helpers: explicit padding, keepDims, leakyRelu); the built
    // model's classes must all be in that kind's face, so a face cannot miss a builder's class.
    const specs: { [K in LayerKind]: { input: [number, number, number]; layers: LayerSpecInput[] } } = {
      conv2d: {
        input: [6, 6, 4],
        layers: [
          { kind: 'conv2d', filters: 2, kernelSize: 3, padding: 1, groups: 2 },
          { kind: 'conv2d', filters: 2, kernelSize: 1 },
        ],
      },
      depthwiseConv2d: { input: [6, 6, 2], layers: [{ kind: 'depthwiseConv2d', kernelSize: 3, padding: 1 }] },
      separableConv2d: {
        input: [6, 6, 2],
        layers: [{ kind: 'separableConv2d', filters: 2, kernelSize: 3, padding: 1 }],
      },
      conv2dTranspose: {
        input: [6, 6, 2],
        layers: [{ kind: 'conv2dTranspose', filters: 2, kernelSize: 2, strides: 2 }],
      },
      maxPooling2d: { input: [6, 6, 2], layers: [{ kind: 'maxPooling2d', padding: 1 }] },
      averagePooling2d: { input: [6, 6, 2], layers: [{ kind: 'averagePooling2d', padding: 1 }] },
      globalAveragePooling2d: {
        input: [6, 6, 2],
        layers: [{ kind: 'globalAveragePooling2d', keepDims: true }],
      },
      globalMaxPooling2d: { input: [6, 6, 2], layers: [{ kind: 'globalMaxPooling2d', keepDims: true }] },
      dense: { input: [6, 6, 2], layers: [{ kind: 'flatten' }, { kind: 'dense', units: 2 }] },
      flatten: { input: [6, 6, 2], layers: [{ kind: 'flatten' }] },
      reshape: { input: [6, 6, 2], layers: [{ kind: 'reshape', targetShape: [36, 2] }] },
      zeroPadding2d: { input: [6, 6, 2], layers: [{ kind: 'zeroPadding2d', padding: 1 }] },
      cropping2d: { input: [6, 6, 2], layers: [{ kind: 'cropping2d', cropping: 1 }] },
      batchNormalization: { input: [6, 6, 2], layers: [{ kind: 'batchNormalization' }] },
      localResponseNormalization: { input: [6, 6, 2], layers: [{ kind: 'localResponseNormalization' }] },
      activation: {
        input: [6, 6, 2],
        layers: [
          { kind: 'activation', activation: 'relu' },
          { kind: 'activation', activation: 'leakyRelu' },
        ],
      },
      dropout: { input: [6, 6, 2], layers: [{ kind: 'dropout', rate: 0.5 }] },
      add: {
        input: [6, 6, 2],
        layers: [
          { kind: 'conv2d', name: 'a', filters: 2, kernelSize: 1 },
          { kind: 'add', inputs: ['input', 'a'] },
        ],
      },
      multiply: {
        input: [6, 6, 2],
        layers: [
          { kind: 'conv2d', name: 'a', filters: 2, kernelSize: 1 },
          { kind: 'multiply', inputs: ['input', 'a'] },
        ],
      },
      concatenate: {
        input: [6, 6, 2],
        layers: [
          { kind: 'conv2d', name: 'a', filters: 2, kernelSize: 1 },
          { kind: 'concatenate', inputs: ['input', 'a'] },
        ],
      },
      upSampling2d: { input: [6, 6, 2], layers: [{ kind: 'upSampling2d', size: 2 }] },
      input: {
        input: [6, 6, 2],
        layers: [
          { kind: 'input', name: 'b', shape: [6, 6, 2] },
          { kind: 'add', inputs: ['input', 'b'] },
        ],
      },
    };
    for (const [kind, spec] of Object.entries(specs) as [LayerKind, (typeof specs)[LayerKind]][]) {
      const built = buildModel(spec);
      for (const [specName, layers] of built.layersBySpecName) {
        const specKind = built.report.layers.find((row) => row.name === specName)!.kind;
        for (const layer of layers) {
          expect(Object.keys(ONNX_FACES[specKind]), `${kind}: ${specName}`).toContain(layer.getClassName());
        }
      }
      // Every one of them exports, except a further model input: toOnnx writes one graph input.
      if (kind === 'input') expect(() => toOnnx(built.model)).toThrow(/models with one input/);
      else toOnnx(built.model);
      built.model.dispose();
    }
  });

  test('a layer it cannot export fails with the layer name and kind', () => {
    const input = tfl.input({ shape: [8, 8, 3] });
    const out = tfl.layers.conv2d({ filters: 2, kernelSize: 3 }).apply(input) as tfl.SymbolicTensor;
    const bad = tfl.layers.permute({ dims: [2, 1, 3], name: 'crop_me' }).apply(out) as tfl.SymbolicTensor;
    const model = tfl.model({ inputs: input, outputs: bad });
    let error: unknown;
    try {
      toOnnx(model);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(LayersGpuError);
    expect(error).toMatchObject({
      code: 'unsupported_layer',
      details: { layer: 'crop_me', kind: 'Permute' },
    });
    expect((error as Error).message).toMatch(/^layer "crop_me" \(Permute\) cannot be exported to ONNX/);
    model.dispose();
  });

  test('without onnxruntime-node the runner says to install it', async () => {
    const model = tfl.sequential({ layers: [tfl.layers.dense({ units: 2, inputShape: [3] })] });
    await expect(
      createOnnxRunner(model, {
        importModule: async () => {
          throw new Error("Cannot find package 'onnxruntime-node'");
        },
      }),
    ).rejects.toMatchObject({
      code: 'backend_unavailable',
      message: expect.stringMatching(/install the optional peer dependency onnxruntime-node/),
    });
    model.dispose();
  });
});

describe('the exported file in ONNX Runtime', () => {
  test('opens with no warning or error in ONNX Runtime’s own log (verbose level, in a child process)', () => {
    const script = [
      "import * as ort from 'onnxruntime-node';",
      "import { exercise2Spec, type LayerKind, type LayerSpecInput } from '@cnnkit/shape-math';",
      "import { buildModel, initBackend } from './src/index';",
      "import { toOnnx } from './src/onnx/index';",
      'await initBackend({ env: {}, wasmThreads: 1 });',
      'const bytes = toOnnx(buildModel(exercise2Spec()).model).bytes;',
      // Severity 0 logs everything, so the check below sees the warnings ORT would print.
      'const session = await ort.InferenceSession.create(bytes, { logSeverityLevel: 0, logVerbosityLevel: 0 });',
      'console.log(session.inputNames.join(), session.outputNames.join());',
    ];
    const result = runScriptInFreshProcess('onnx-warnings', script);
    expect(result.stdout.trim()).toBe('input output');
    expect(result.stderr).toMatch(/\[I:onnxruntime/); // the log was captured
    expect(result.stderr.split('\n').filter((line) => /\[(W|E|F):onnxruntime/.test(line))).toEqual([]);
  }, 70_000);
});
