import { exercise2Spec } from '@cnnkit/shape-math';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { assertFitsMemoryBudget, buildModel, LayersGpuError, profileModel } from '../src/index';
import { useDefaultBackend } from './helpers';

beforeAll(useDefaultBackend);

describe('profileModel on exercise 2 (full size, 200×300×3)', () => {
  test('real outputs match shape-math per layer; theory and measurement are shown side by side; nothing leaks', async () => {
    const built = buildModel(exercise2Spec());
    // Bytes alive before the run: the weights (903,400 float32 parameters) and whatever the backend holds.
    const bytesBefore = tf.memory().numBytes;
    const profile = await profileModel(built.model, { theory: built.report });
    expect(profile.backend).toBe('wasm');
    expect(profile.layers.map((l) => l.outputShape)).toEqual(built.report.layers.map((l) => l.outputShape));
    // The real output tensors hold exactly the bytes shape-math predicts: 6,000,000 + 3,000,000 + 1,520,000.
    expect(profile.layers.map((l) => l.outputBytes)).toEqual([6_000_000, 3_000_000, 1_520_000]);
    expect(profile.layers.map((l) => l.params)).toEqual([2_800, 180_200, 720_400]);
    expect(profile.theory?.inferenceBytes).toBe(12_613_600);
    // The engine's peak, counted independently: the tensors alive at its worst moment are those held
    // before, the random input (200·300·3 float32) and the batch predict slices from it (tfjs-layers'
    // predictLoop copies each batch), and the outputs of conv1 and conv2 while conv2 runs (tfjs-layers
    // fuses conv, bias and relu into one kernel: one tensor per layer).
    expect(bytesBefore - 903_400 * 4).toBeGreaterThanOrEqual(0);
    expect(profile.forward.peakBytes).toBe(bytesBefore + 2 * (200 * 300 * 3 * 4) + 6_000_000 + 3_000_000);
    expect(profile.notes.join(' ')).toContain('12,613,600');
    expect(profile.tensorsAfter).toBe(profile.tensorsBefore);
    built.model.dispose();
  });

  test('a real training step at batch 2 runs on the default backend and leaks nothing', async () => {
    const built = buildModel(exercise2Spec({ height: 40, width: 60 }));
    const profile = await profileModel(built.model, { batchSize: 2, train: true });
    expect(profile.training?.wallMs).toBeGreaterThan(0);
    expect(profile.training!.peakBytes).toBeGreaterThan(profile.forward.peakBytes);
    expect(profile.tensorsAfter).toBe(profile.tensorsBefore);
    built.model.dispose();
  });
});

describe('bad input', () => {
  test('an input of the wrong rank or size is refused with the expected shape', async () => {
    const built = buildModel(exercise2Spec({ height: 20, width: 30 }));
    const wrong = tf.zeros([20, 30, 3]);
    await expect(profileModel(built.model, { input: wrong })).rejects.toThrowErrorMatchingInlineSnapshot(
      `[LayersGpuError: input of shape [20, 30, 3] does not fit the model, which takes [batch, 20, 30, 3]]`,
    );
    const before = tf.memory().numTensors;
    await expect(profileModel(built.model, { batchSize: 0 })).rejects.toMatchObject({
      code: 'invalid_options',
    });
    expect(tf.memory().numTensors).toBe(before);
    wrong.dispose();
    built.model.dispose();
  });

  test('a model over the memory budget is refused before anything is allocated', () => {
    const before = tf.memory();
    const huge = exercise2Spec({ height: 8000, width: 8000, filters: [512, 1024, 2048] });
    let error: unknown;
    try {
      buildModel(huge);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LayersGpuError);
    expect((error as LayersGpuError).code).toBe('memory_budget_exceeded');
    expect((error as Error).message).toMatch(/needs about .* over the budget of 2,147,483,648 bytes/);
    expect(tf.memory().numTensors).toBe(before.numTensors);
    expect(tf.memory().numBytes).toBe(before.numBytes);
  });

  test('the training budget counts the batch', () => {
    const report = buildModel(exercise2Spec({ height: 20, width: 30 })).report;
    expect(() => assertFitsMemoryBudget(report, { budgetFor: 'training', memoryBudgetBytes: 1_000 })).toThrow(
      /for training/,
    );
  });
});
