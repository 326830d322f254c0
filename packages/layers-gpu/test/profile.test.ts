import { exercise2Spec } from '@cnnkit/shape-math';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { assertFitsMemoryBudget, buildModel, LayersGpuError, profileModel } from '../src/index';
import { useDefaultBackend } from './helpers';

beforeAll(useDefaultBackend);

describe('profileModel on exercise 2 (full size, 200×300×3)', () => {
  test('real outputs match shape-math per layer; theory and measurement are shown side by side; nothing leaks', async () => {
    const built = buildModel(exercise2Spec());
    const profile = await profileModel(built.model, { theory: built.report });
    expect(profile.backend).toBe('wasm');
    expect(profile.layers.map((l) => l.outputShape)).toEqual(built.report.layers.map((l) => l.outputShape));
    // The real output tensors hold exactly the bytes shape-math predicts: 6,000,000 + 3,000,000 + 1,520,000.
    expect(profile.layers.map((l) => l.outputBytes)).toEqual([6_000_000, 3_000_000, 1_520_000]);
    expect(profile.layers.map((l) => l.params)).toEqual([2_800, 180_200, 720_400]);
    expect(profile.theory?.inferenceBytes).toBe(12_613_600);
    // The engine's peak holds at least the largest pair of consecutive activations the theory assumes.
    expect(profile.forward.peakBytes).toBeGreaterThanOrEqual(9_000_000);
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
