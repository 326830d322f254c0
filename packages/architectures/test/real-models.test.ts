import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareWithShapeMath, initBackend } from '@cnnkit/layers-gpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildArchitecture, fileSystemIO } from '../src/build';

beforeAll(async () => {
  await initBackend({ env: {}, wasmThreads: 1 }); // one thread in tests: see vitest.shared.ts
});

describe('small networks, built for real on the default backend', () => {
  test('LeNet-5: the real model has 61,706 parameters and classifies a 32×32 digit into 10 probabilities', () => {
    const built = buildArchitecture('lenet5');
    expect(built.model.countParams()).toBe(61_706);
    expect(compareWithShapeMath(built)).toEqual([]);
    const y = tf.tidy(() => {
      const p = built.model.predict(tf.randomUniform([3, 32, 32, 1])) as tf.Tensor;
      return tf.sum(p, 1);
    });
    expect(Array.from(y.dataSync()).map((s) => Math.round(s * 1e4) / 1e4)).toEqual([1, 1, 1]);
    y.dispose();
    built.model.dispose();
  });

  test('exercise 2: the real model has 903,400 parameters and outputs 25×38×400', () => {
    const built = buildArchitecture('exercise2');
    expect(built.model.countParams()).toBe(903_400);
    expect(built.model.outputs[0]!.shape).toEqual([null, 25, 38, 400]);
    built.model.dispose();
  });
});

describe('fileSystemIO: save and load without tfjs-node', () => {
  let directory: string;
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'cnnkit-io-'));
  });
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  test('a model round-trips: same topology, same weights, same predictions', async () => {
    const built = buildArchitecture('lenet5');
    const input = tf.randomUniform([2, 32, 32, 1], 0, 1, 'float32', 7);
    const before = built.model.predict(input) as tf.Tensor;
    const saved = await built.model.save(fileSystemIO(join(directory, 'lenet5')));
    expect(saved.modelArtifactsInfo.weightDataBytes).toBe(61_706 * 4);
    expect((await readdir(join(directory, 'lenet5'))).sort()).toEqual(['model.json', 'weights.bin']);

    const loaded = await tfl.loadLayersModel(fileSystemIO(join(directory, 'lenet5')));
    expect(loaded.countParams()).toBe(61_706);
    const after = loaded.predict(input) as tf.Tensor;
    expect(Array.from(after.dataSync())).toEqual(Array.from(before.dataSync()));
    tf.dispose([input, before, after]);
    built.model.dispose();
    loaded.dispose();
  });

  test('loading a folder without a model says which file is missing', async () => {
    await expect(tfl.loadLayersModel(fileSystemIO(join(directory, 'nothing-here')))).rejects.toThrow(
      /model\.json/,
    );
  });
});
