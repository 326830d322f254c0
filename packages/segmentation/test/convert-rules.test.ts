/*
 * convertDenseToConv's refusals and bookkeeping on a tiny classifier (6×6×2 → conv 3×3 → 4×4×3 →
 * flatten → dense 2): the name option, each model_mismatch (no layer of that name, another number
 * of weight tensors, a weight that cannot fill the conv kernel) as data, and that no tensor is
 * left behind, whether the conversion succeeds or fails. Every shape is derived in the comments.
 * Fast (a few small models), so mutation testing reruns it for every mutant of src/convert.ts.
 */
import { buildModel, initBackend } from '@cnnkit/layers-gpu';
import type { ModelSpecInput } from '@cnnkit/shape-math';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { convertDenseToConv } from '../src/build';
import { refusal } from './refusal';

beforeAll(async () => {
  await initBackend({ env: {}, wasmThreads: 1 }); // one thread in tests: see vitest.shared.ts
});

/** conv 'conv' (3 filters, 3×3, valid) on side×side×2, flatten 'flat', dense 'logits' (2 units). */
function tiny(side: number, conv: { name?: string; useBias?: boolean } = {}): ModelSpecInput {
  return {
    name: 'tiny',
    input: [side, side, 2],
    layers: [
      { kind: 'conv2d', name: conv.name ?? 'conv', filters: 3, kernelSize: 3, useBias: conv.useBias ?? true },
      { kind: 'flatten', name: 'flat' },
      { kind: 'dense', name: 'logits', units: 2 },
    ],
  };
}

describe('convertDenseToConv: options', () => {
  test('the converted model is named `<classifier>_fcn`, or by the name option', () => {
    const classifier = buildModel(tiny(6));
    const byDefault = convertDenseToConv(classifier.model, { spec: tiny(6) });
    expect(byDefault.plan.spec.name).toBe('tiny_fcn');
    const named = convertDenseToConv(classifier.model, { spec: tiny(6), name: 'tiny_dense' });
    expect(named.plan.spec.name).toBe('tiny_dense');
    expect(named.model.name).toBe('tiny_dense');
    // The dense kernel [4·4·3, 2] = [48, 2] became the conv kernel [4, 4, 3, 2].
    expect(named.model.getLayer('logits').getWeights()[0]!.shape).toEqual([4, 4, 3, 2]);
    for (const built of [classifier, byDefault, named]) built.model.dispose();
  });

  test('a misspelt option is refused before anything is built', () => {
    const classifier = buildModel(tiny(6));
    const before = tf.memory().numTensors;
    const error = refusal(() =>
      convertDenseToConv(classifier.model, { spec: tiny(6), inputShape: [8, 8, 2] } as never),
    );
    expect(error.code).toBe('unknown_option');
    expect(error.details).toMatchObject({ where: 'convertDenseToConv', unknownKeys: ['inputShape'] });
    expect(error.message).toMatch(/^convertDenseToConv: /);
    expect(tf.memory().numTensors).toBe(before);
    classifier.model.dispose();
  });
});

describe('convertDenseToConv: a spec that is not the classifier’s (model_mismatch)', () => {
  test('a layer the classifier does not have', () => {
    const classifier = buildModel(tiny(6));
    const before = tf.memory().numTensors;
    const error = refusal(() =>
      convertDenseToConv(classifier.model, { spec: tiny(6, { name: 'conv_renamed' }) }),
    );
    expect(error.code).toBe('model_mismatch');
    // A conv with a bias holds 2 weight tensors (kernel, bias).
    expect(error.message).toBe(
      'layer "conv_renamed" of the converted network has 2 weight tensors, but the classifier has no layer of that name: pass the spec the classifier was built from',
    );
    expect(error.details).toEqual({ layer: 'conv_renamed' });
    // The half-built converted network was disposed: no tensor left behind.
    expect(tf.memory().numTensors).toBe(before);
    classifier.model.dispose();
  });

  test('a layer with another number of weight tensors', () => {
    const classifier = buildModel(tiny(6));
    const before = tf.memory().numTensors;
    // The spec's conv has no bias (1 tensor); the classifier's has one (2 tensors).
    const error = refusal(() => convertDenseToConv(classifier.model, { spec: tiny(6, { useBias: false }) }));
    expect(error.code).toBe('model_mismatch');
    expect(error.message).toBe(
      'layer "conv" of the converted network has 1 weight tensors, but the classifier has 2: pass the spec the classifier was built from',
    );
    expect(error.details).toEqual({ layer: 'conv' });
    expect(tf.memory().numTensors).toBe(before);
    classifier.model.dispose();
  });

  test('a dense kernel that cannot fill the conv kernel', () => {
    // Classifier on 6×6: the conv map is 4×4×3, the dense kernel [48, 2]. A spec on 7×7 gives a
    // 5×5×3 map, so the converted conv kernel is [5, 5, 3, 2] (150 values, not 96).
    const classifier = buildModel(tiny(6));
    const before = tf.memory().numTensors;
    const error = refusal(() => convertDenseToConv(classifier.model, { spec: tiny(7) }));
    expect(error.code).toBe('model_mismatch');
    expect(error.message).toBe(
      'layer "logits": the classifier\'s weight 0 has shape [48, 2], which cannot fill [5, 5, 3, 2]: pass the spec the classifier was built from',
    );
    expect(error.details).toEqual({ layer: 'logits', sourceShape: [48, 2], targetShape: [5, 5, 3, 2] });
    expect(tf.memory().numTensors).toBe(before);
    classifier.model.dispose();
  });
});

test('a conversion leaves no tensor behind once both models are disposed', () => {
  const classifier = buildModel(tiny(6));
  const before = tf.memory().numTensors;
  const fcn = convertDenseToConv(classifier.model, { spec: tiny(6), input: [9, 9, 2] });
  // The converted model holds its own 4 weights: conv kernel and bias, logits kernel and bias.
  expect(tf.memory().numTensors).toBe(before + 4);
  fcn.model.dispose();
  expect(tf.memory().numTensors).toBe(before);
  classifier.model.dispose();
});
