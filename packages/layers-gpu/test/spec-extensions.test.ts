import { analyze, type ModelSpecInput } from '@cnnkit/shape-math';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildModel, compareWithShapeMath, initBackend } from '../src/index';

beforeAll(async () => {
  await initBackend({ env: {}, wasmThreads: 1 }); // one thread in tests: see vitest.shared.ts
});

// The spec kinds the model readers need (issue 21), built for real: tfjs agrees with shape-math.
describe('buildModel: upSampling2d, several inputs, shared weights', () => {
  const spec: ModelSpecInput = {
    name: 'extensions',
    input: [8, 8, 3],
    layers: [
      { kind: 'input', name: 'guide', shape: [16, 16, 3] },
      { kind: 'conv2d', name: 'encode', filters: 4, kernelSize: 3, padding: 'same', inputs: ['input'] },
      { kind: 'upSampling2d', name: 'up', size: 2, interpolation: 'bilinear' },
      {
        kind: 'conv2d',
        name: 'encode_guide',
        filters: 4,
        kernelSize: 3,
        padding: 'same',
        inputs: ['guide'],
        sharesWeightsOf: 'encode',
      },
      { kind: 'add', name: 'sum', inputs: ['up', 'encode_guide'] },
    ],
  };

  test('each layer matches shape-math, the shared conv has one set of weights, the model has two inputs', () => {
    const built = buildModel(spec);
    expect(compareWithShapeMath(built)).toEqual([]);
    expect(built.model.inputs.map((i) => i.shape)).toEqual([
      [null, 8, 8, 3],
      [null, 16, 16, 3],
    ]);
    // 3·3·3·4 + 4 = 112 once: tfjs' own count equals shape-math's.
    expect(built.model.countParams()).toBe(112);
    expect(analyze(spec).totals.params.total).toBe(112);
    const out = built.model.predict([tf.ones([1, 8, 8, 3]), tf.ones([1, 16, 16, 3])]) as tf.Tensor;
    expect(out.shape).toEqual([1, 16, 16, 4]);
    tf.dispose(out);
    built.model.dispose();
  });

  test('compareWithShapeMath sees a "shared" layer that holds its own weights', () => {
    const built = buildModel(spec);
    const fake = new Map(built.layersBySpecName);
    fake.set('encode_guide', [built.layersBySpecName.get('up')![0]!]);
    expect(compareWithShapeMath({ ...built, layersBySpecName: fake })).toContainEqual(
      expect.objectContaining({ layer: 'encode_guide', field: 'params' }),
    );
    built.model.dispose();
  });
});
