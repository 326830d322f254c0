import { CnnkitError } from '@cnnkit/shape-math';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildModel, GroupedConv2D, initBackend, LayersGpuError } from '../src/index';
import { useDefaultBackend } from './helpers';

beforeAll(useDefaultBackend);

describe("layers-gpu's errors: cnnkit's one shape, with typed details per code", () => {
  test('an unknown backend name: the code comes from zod’s issue, the allowed names are data', async () => {
    const error = await initBackend({ env: {}, prefer: ['wasm', 'tpu' as never] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CnnkitError);
    expect(error).toMatchObject({
      code: 'unknown_backend',
      path: ['prefer', 1],
      details: { check: 'invalid_value', given: 'tpu', allowed: ['node-gpu', 'node', 'wasm', 'cpu'] },
    });
  });

  test('other bad options are invalid_options with the failed check', async () => {
    const error = await initBackend({ env: {}, prefer: [] }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'invalid_options',
      path: ['prefer'],
      details: { check: 'too_small', minimum: 1 },
    });
  });

  test('GroupedConv2D with groups that do not divide the channels: a coded error, not a plain Error', () => {
    const layer = new GroupedConv2D({ filters: 4, kernelSize: 3, groups: 3 });
    const x = tf.zeros([1, 5, 5, 4]);
    let error: unknown;
    try {
      layer.apply(x);
    } catch (e) {
      error = e;
    }
    x.dispose();
    expect(error).toBeInstanceOf(LayersGpuError);
    expect(error).toMatchObject({ code: 'invalid_groups', details: { groups: 3, channels: 4, filters: 4 } });
  });

  test('over the memory budget: the estimate and the budget as numbers', () => {
    let error: unknown;
    try {
      buildModel(
        { name: 'big', input: [64, 64, 3], layers: [{ kind: 'conv2d', filters: 64, kernelSize: 3 }] },
        { memoryBudgetBytes: 1000 },
      );
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'memory_budget_exceeded', details: { budgetBytes: 1000 } });
    expect((error as LayersGpuError<'memory_budget_exceeded'>).details.estimateBytes).toBeGreaterThan(1000);
  });
});
