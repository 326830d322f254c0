import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { tensorFilledInPlace } from '../src/wasm-heap';
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

describe('tensorFilledInPlace on another backend (cpu): a Float32Array that becomes the tensor', () => {
  test('the same values, through tfjs’ own tensor', async () => {
    await import('@tensorflow/tfjs-backend-cpu');
    expect(await tf.setBackend('cpu')).toBe(true);
    const t = tensorFilledInPlace([3], (out) => {
      expect(out.buffer).not.toBeInstanceOf(SharedArrayBuffer);
      out.set([7, 8, 9]);
    });
    expect(Array.from(t.dataSync())).toEqual([7, 8, 9]);
    t.dispose();
    await tf.setBackend('wasm');
  });
});
