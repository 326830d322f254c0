import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { rewriteInPlace, tensorFilledInPlace } from '../src/wasm-heap';
import { useDefaultBackend } from './helpers';

beforeAll(useDefaultBackend);
afterAll(() => tf.setBackend('wasm'));

/** The wasm backend's heap buffer (the memory tensors live in). */
const heapBuffer = () => (tf.backend() as unknown as { wasm: { HEAPU8: Uint8Array } }).wasm.HEAPU8.buffer;

describe('tensorFilledInPlace on the wasm backend (in the heap, no copy)', () => {
  test('fill writes straight into the new tensor’s heap memory; the tensor holds what was written', () => {
    expect(tf.getBackend()).toBe('wasm');
    const before = tf.memory().numTensors;
    let seen: Float32Array | undefined;
    const t = tensorFilledInPlace([2, 3, 4], (out) => {
      seen = out;
      for (let i = 0; i < out.length; i++) out[i] = i * 0.5 - 3;
    });
    expect(seen!.buffer).toBe(heapBuffer()); // a view of the heap, not a JavaScript array
    expect(t.shape).toEqual([2, 3, 4]);
    expect(t.dtype).toBe('float32');
    expect(tf.memory().numTensors).toBe(before + 1);
    expect(Array.from(t.dataSync())).toEqual(Array.from({ length: 24 }, (_, i) => i * 0.5 - 3));
    // Kernels read it as any other tensor.
    const sum = tf.sum(t);
    expect(Array.from(sum.dataSync())).toEqual([(0.5 * 23 * 24) / 2 - 3 * 24]);
    tf.dispose([sum, t]);
    expect(tf.memory().numTensors).toBe(before);
  });

  test('a fill that throws leaves no tensor behind', () => {
    const before = tf.memory().numTensors;
    expect(() =>
      tensorFilledInPlace([10], () => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(tf.memory().numTensors).toBe(before);
  });

  test('an empty shape gives an empty tensor', () => {
    const t = tensorFilledInPlace([0, 3], (out) => {
      expect(out.length).toBe(0);
    });
    expect(t.shape).toEqual([0, 3]);
    t.dispose();
  });
});

describe('rewriteInPlace on the wasm backend', () => {
  test('rewrites the tensor’s own heap memory: no new tensor, no new bytes', () => {
    const t = tf.tensor1d([1, 2, 3, 4]);
    const { numTensors, numBytes } = tf.memory();
    let seen: Float32Array | undefined;
    expect(
      rewriteInPlace(t, (values) => {
        seen = values;
        for (let i = 0; i < values.length; i++) values[i] = values[i]! * 10;
      }),
    ).toBe(true);
    expect(seen!.buffer).toBe(heapBuffer());
    expect(Array.from(t.dataSync())).toEqual([10, 20, 30, 40]);
    expect(tf.memory()).toMatchObject({ numTensors, numBytes });
    t.dispose();
  });

  test('a kernel run before the rewrite sees the new values after it (XNNPACK’s packed copy is dropped)', () => {
    // tfjs-backend-wasm caches one XNNPACK operator per filter id, with the filter packed at
    // creation: without dropping it, the second conv below would still use the old filter.
    const x = tf.ones([1, 2, 2, 1]) as tf.Tensor4D;
    const filter = tf.tensor4d([2], [1, 1, 1, 1]);
    const before = tf.conv2d(x, filter, 1, 'valid');
    expect(Array.from(before.dataSync())).toEqual([2, 2, 2, 2]);
    expect(rewriteInPlace(filter, (values) => values.fill(5))).toBe(true);
    const after = tf.conv2d(x, filter, 1, 'valid');
    expect(Array.from(after.dataSync())).toEqual([5, 5, 5, 5]);
    const product = tf.matMul(tf.ones([1, 1]), tf.reshape(filter, [1, 1]));
    expect(Array.from(product.dataSync())).toEqual([5]);
    tf.dispose([x, filter, before, after, product]);
  });

  test('refuses, changing nothing, memory shared with another tensor, or another dtype', () => {
    const t = tf.tensor1d([1, 2]);
    const view = tf.reshape(t, [2, 1]); // the same memory
    expect(rewriteInPlace(t, (values) => values.fill(0))).toBe(false);
    expect(Array.from(view.dataSync())).toEqual([1, 2]);
    view.dispose();
    expect(rewriteInPlace(t, (values) => values.fill(0))).toBe(true);
    const ints = tf.tensor1d([1, 2], 'int32');
    expect(rewriteInPlace(ints, () => expect.fail('not called for int32'))).toBe(false);
    tf.dispose([t, ints]);
  });
});

describe('tensorFilledInPlace on another backend (cpu): a Float32Array that becomes the tensor', () => {
  test('the same values, through tfjs’ own tensor', async () => {
    await import('@tensorflow/tfjs-backend-cpu');
    expect(await tf.setBackend('cpu')).toBe(true);
    const t = tensorFilledInPlace([3], (out) => {
      expect(out.buffer).not.toBeInstanceOf(SharedArrayBuffer);
      out.set([7, 8, 9]);
    });
    expect(Array.from(t.dataSync())).toEqual([7, 8, 9]);
    // rewriteInPlace is for the wasm heap only: elsewhere it refuses and leaves the values.
    expect(rewriteInPlace(t, (values) => values.fill(0))).toBe(false);
    expect(Array.from(t.dataSync())).toEqual([7, 8, 9]);
    t.dispose();
    await tf.setBackend('wasm');
  });
});
