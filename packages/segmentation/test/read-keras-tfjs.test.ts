import { initBackend } from '@cnnkit/layers-gpu';
import { analyze, readKerasModel } from '@cnnkit/shape-math';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, test } from 'vitest';

/*
 * Topologies written by tfjs-layers itself (`model.toJSON()`), built here with tf.layers directly,
 * not through cnnkit: readKerasModel must give tfjs' own countParams(), its non-trainable weights
 * and its output shapes. No model is run; only tfjs' bookkeeping is read.
 */

beforeAll(async () => {
  await initBackend({ env: {}, wasmThreads: 1 }); // one thread in tests: see vitest.shared.ts
});

function tfjsFacts(model: tfl.LayersModel) {
  const size = (w: { shape: readonly (number | null)[] }) =>
    w.shape.reduce<number>((a, b) => a * (b ?? 1), 1);
  return {
    total: model.countParams(),
    nonTrainable: model.nonTrainableWeights.reduce((sum, w) => sum + size(w), 0),
    outputs: model.outputs.map((o) => o.shape.slice(1)),
  };
}

/** The model.json `model.save()` writes: the topology and the weights manifest (shapes, no data needed). */
async function savedModelJson(model: tfl.LayersModel): Promise<object> {
  let json: object | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      json = {
        format: 'layers-model',
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }],
      };
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  return json!;
}

function readFacts(modelJson: unknown) {
  const report = analyze(readKerasModel(modelJson));
  return {
    total: report.totals.params.total,
    nonTrainable: report.totals.params.nonTrainable,
    outputs: report.outputs.map((o) => o.shape),
  };
}

describe('readKerasModel on topologies tfjs-layers wrote', () => {
  test('a Sequential model of every image layer kind, with their attributes', async () => {
    const model = tfl.sequential({
      layers: [
        tfl.layers.zeroPadding2d({
          inputShape: [30, 26, 3],
          padding: [
            [1, 2],
            [0, 3],
          ],
        }),
        tfl.layers.conv2d({
          filters: 8,
          kernelSize: [3, 5],
          strides: [2, 1],
          padding: 'same',
          useBias: false,
        }),
        tfl.layers.batchNormalization({ center: false }),
        tfl.layers.reLU({ maxValue: 6 }),
        tfl.layers.separableConv2d({ filters: 12, kernelSize: 3, depthMultiplier: 2, dilationRate: 2 }),
        tfl.layers.leakyReLU(),
        tfl.layers.depthwiseConv2d({ kernelSize: 3, padding: 'same', activation: 'relu6' }),
        tfl.layers.averagePooling2d({ poolSize: 3, strides: 2, padding: 'same' }),
        tfl.layers.conv2dTranspose({ filters: 5, kernelSize: 4, strides: 2, padding: 'same' }),
        tfl.layers.upSampling2d({ size: [2, 3], interpolation: 'bilinear' }),
        tfl.layers.maxPooling2d({ poolSize: 2 }),
        tfl.layers.dropout({ rate: 0.3 }),
        tfl.layers.flatten(),
        tfl.layers.dense({ units: 7, activation: 'softmax' }),
      ],
    });
    // model.json as model.save() writes it: its weight shapes supply the depth multiplier that
    // tfjs' SeparableConv2D leaves out of its config (the topology alone says 1).
    expect(readFacts(await savedModelJson(model))).toEqual(tfjsFacts(model));
    const fromTopologyOnly = analyze(readKerasModel(model.toJSON()));
    expect(fromTopologyOnly.layers[4]).toMatchObject({
      kind: 'separableConv2d',
      params: { total: 9 * 8 + 8 * 12 + 12 },
    });
  });

  test('the topology alone (model.toJSON()) reads the same when it says everything', () => {
    const model = tfl.sequential({
      layers: [
        tfl.layers.conv2d({
          inputShape: [12, 12, 3],
          filters: 4,
          kernelSize: 3,
          dilationRate: 2,
          padding: 'same',
        }),
        tfl.layers.separableConv2d({ filters: 6, kernelSize: 3 }),
        tfl.layers.globalAveragePooling2d({}),
        tfl.layers.dense({ units: 2, useBias: false }),
      ],
    });
    expect(readFacts(model.toJSON())).toEqual(tfjsFacts(model));
  });

  test('a functional model with two inputs, a shared layer, a nested model called twice and two outputs', () => {
    const towerInput = tfl.input({ shape: [16, 16, 3] });
    const towerOutput = tfl.layers
      .batchNormalization()
      .apply(tfl.layers.conv2d({ filters: 4, kernelSize: 3, activation: 'relu' }).apply(towerInput));
    const tower = tfl.model({
      inputs: towerInput,
      outputs: towerOutput as tfl.SymbolicTensor,
      name: 'tower',
    });
    const left = tfl.input({ shape: [16, 16, 3], name: 'left' });
    const right = tfl.input({ shape: [16, 16, 3], name: 'right' });
    const a = tower.apply(left) as tfl.SymbolicTensor;
    const b = tower.apply(right) as tfl.SymbolicTensor;
    const shared = tfl.layers.conv2d({ filters: 6, kernelSize: 1, name: 'shared_1x1' });
    const sa = shared.apply(a) as tfl.SymbolicTensor;
    const sb = shared.apply(b) as tfl.SymbolicTensor;
    const merged = tfl.layers.concatenate({ axis: -1 }).apply([sa, sb]) as tfl.SymbolicTensor;
    const product = tfl.layers.multiply().apply([sa, sb]) as tfl.SymbolicTensor;
    const pooled = tfl.layers.globalMaxPooling2d({}).apply(merged) as tfl.SymbolicTensor;
    const scores = tfl.layers.dense({ units: 3 }).apply(pooled) as tfl.SymbolicTensor;
    const model = tfl.model({ inputs: [left, right], outputs: [scores, product] });
    const facts = readFacts(model.toJSON());
    expect(facts).toEqual(tfjsFacts(model));
    // Without sharing, the tower and the 1×1 conv would count twice: the reader did share them.
    const towerParams = 3 * 3 * 3 * 4 + 4 + 4 * 4;
    expect(facts.total).toBe(towerParams + (4 * 6 + 6) + (12 * 3 + 3));
  });

  test('a channels_first model is converted to channels-last counts and shapes', () => {
    const model = tfl.sequential({
      layers: [
        tfl.layers.conv2d({
          inputShape: [3, 20, 12],
          filters: 6,
          kernelSize: 3,
          dataFormat: 'channelsFirst',
        }),
        tfl.layers.maxPooling2d({ poolSize: 2, dataFormat: 'channelsFirst' }),
        tfl.layers.flatten(),
        tfl.layers.dense({ units: 4 }),
      ],
    });
    expect(readFacts(model.toJSON())).toEqual(tfjsFacts(model));
    const spec = readKerasModel(model.toJSON());
    expect(spec.input).toEqual([20, 12, 3]);
  });
});
