import { CnnkitError, type ModelSpecInput } from '@cnnkit/shape-math';
import { beforeAll, describe, expect, test } from 'vitest';
import {
  assertFitsMemoryBudget,
  BUILD_OPTION_KEYS,
  buildModel,
  initBackend,
  LayersGpuError,
  MAX_WASM_THREADS,
  profileModel,
} from '../src/index';
import { useDefaultBackend } from './helpers';

/*
 * Issue 13: an options object with a misspelt key must not be silently ignored (a budget not
 * applied, a batch size not used); `null` or a non-object gets a sentence of ours, not a TypeError
 * from reading `null.batchSize`. One rule for all: shape-math's checkOptionsObject.
 */

beforeAll(useDefaultBackend);

const tiny: ModelSpecInput = {
  name: 'tiny',
  input: [4, 4, 1],
  layers: [{ kind: 'conv2d', filters: 2, kernelSize: 3 }],
};

async function rejection(run: () => unknown): Promise<LayersGpuError> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(LayersGpuError);
    expect(error).toBeInstanceOf(CnnkitError);
    return error as LayersGpuError;
  }
  throw new Error('expected a LayersGpuError, the options were accepted');
}

describe('buildModel options', () => {
  test('a misspelt key is refused, naming it and the key it most likely meant', async () => {
    // Without the check, the 1-byte budget would be ignored and the model built.
    const error = await rejection(() => buildModel(tiny, { memoryBudget: 1 } as never));
    expect(error.code).toBe('unknown_option');
    expect(error.details).toEqual({ check: 'unrecognized_keys', keys: ['memoryBudget'] });
    expect(error.message).toBe(
      'buildModel options: unknown field "memoryBudget": did you mean "memoryBudgetBytes"? (allowed: memoryBudgetBytes, budgetFor, batchSize, memoryEstimate)',
    );
  });

  test("Keras' snake_case is refused with the camelCase key", async () => {
    const error = await rejection(() => buildModel(tiny, { batch_size: 8 } as never));
    expect(error.message).toContain('unknown field "batch_size": did you mean "batchSize"?');
  });

  test.each([
    [null, 'null'],
    [[], 'an array'],
    [4, 'number'],
  ])('%j as options: our sentence, not a TypeError', async (options, got) => {
    const error = await rejection(() => buildModel(tiny, options as never));
    expect(error.details).toEqual({ check: 'invalid_type', expected: 'object' });
    expect(error.message).toBe(
      `buildModel options: must be an object (allowed keys: ${BUILD_OPTION_KEYS.join(', ')}), got ${got}`,
    );
  });

  test('a value outside the allowed ones is refused instead of falling back to the default', async () => {
    const use = await rejection(() => buildModel(tiny, { budgetFor: 'train' as never }));
    expect(use).toMatchObject({
      code: 'invalid_options',
      path: ['budgetFor'],
      details: { check: 'invalid_value', allowed: ['inference', 'training'] },
    });
    expect(use.message).toBe('buildModel options: budgetFor "train": must be one of inference, training');
    const estimate = await rejection(() => buildModel(tiny, { memoryEstimate: 'wasm' as never }));
    expect(estimate.path).toEqual(['memoryEstimate']);
    const budget = await rejection(() => buildModel(tiny, { memoryBudgetBytes: -1 }));
    expect(budget.message).toBe(
      'buildModel options: memoryBudgetBytes -1: must be a positive number of bytes',
    );
  });

  test('the allowed options still build the model', () => {
    const built = buildModel(tiny, { memoryBudgetBytes: 1e9, budgetFor: 'training', batchSize: 2 });
    expect(built.model.outputs[0]!.shape).toEqual([null, 2, 2, 2]);
    built.model.dispose();
  });

  test('assertFitsMemoryBudget takes the same options under the same rule', async () => {
    const { report, model } = buildModel(tiny);
    model.dispose();
    const error = await rejection(() => assertFitsMemoryBudget(report, { budget_for: 'training' } as never));
    expect(error.message).toContain(
      'assertFitsMemoryBudget options: unknown field "budget_for": did you mean "budgetFor"?',
    );
    const misspelt = await rejection(() => assertFitsMemoryBudget(report, { memoryBudgetByte: 1 } as never));
    expect(misspelt.message).toContain('did you mean "memoryBudgetBytes"?');
    const nullOptions = await rejection(() => assertFitsMemoryBudget(report, null as never));
    expect(nullOptions.details).toEqual({ check: 'invalid_type', expected: 'object' });
  });
});

describe('initBackend options', () => {
  test('a misspelt key is refused before any backend loads', async () => {
    const error = await rejection(() => initBackend({ env: {}, wasmThread: 1 } as never));
    expect(error.details).toEqual({ check: 'unrecognized_keys', keys: ['wasmThread'] });
    expect(error.message).toBe(
      'initBackend options: unknown field "wasmThread": did you mean "wasmThreads"? (allowed: prefer, force, addMissingKernels, wasmThreads, env, importModule)',
    );
  });

  test('Keras-style snake_case is refused with the camelCase key', async () => {
    const error = await rejection(() => initBackend({ env: {}, add_missing_kernels: false } as never));
    expect(error.message).toContain('unknown field "add_missing_kernels": did you mean "addMissingKernels"?');
  });

  test('null as options: our sentence', async () => {
    const error = await rejection(() => initBackend(null as never));
    expect(error.code).toBe('invalid_options');
    expect(error.message).toBe(
      'initBackend options: must be an object (allowed keys: prefer, force, addMissingKernels, wasmThreads, env, importModule), got null',
    );
  });
});

describe('profileModel options', () => {
  test('a misspelt key, a snake_case key and null are refused; the allowed ones still profile', async () => {
    const { model } = buildModel(tiny);
    try {
      const misspelt = await rejection(() => profileModel(model, { trian: true } as never));
      expect(misspelt.message).toBe(
        'profileModel options: unknown field "trian": did you mean "train"? (allowed: batchSize, train, theory, input)',
      );
      const snake = await rejection(() => profileModel(model, { batch_size: 2 } as never));
      expect(snake.details).toEqual({ check: 'unrecognized_keys', keys: ['batch_size'] });
      expect(snake.message).toContain('did you mean "batchSize"?');
      const nullOptions = await rejection(() => profileModel(model, null as never));
      expect(nullOptions.message).toBe(
        'profileModel options: must be an object (allowed keys: batchSize, train, theory, input), got null',
      );
      const profile = await profileModel(model, { batchSize: 2 });
      expect(profile.batchSize).toBe(2);
    } finally {
      model.dispose();
    }
  });
});

describe("initBackend options' values: each message names the option and what it allows", () => {
  test.each([
    [{ wasmThreads: 0 }, ['wasmThreads'], `wasmThreads must be an integer from 1 to ${MAX_WASM_THREADS}`],
    [{ wasmThreads: 2.5 }, ['wasmThreads'], `wasmThreads must be an integer from 1 to ${MAX_WASM_THREADS}`],
    [{ wasmThreads: '2' }, ['wasmThreads'], `wasmThreads must be an integer from 1 to ${MAX_WASM_THREADS}`],
    [{ addMissingKernels: 'yes' }, ['addMissingKernels'], 'addMissingKernels must be true or false'],
    [{ prefer: 'wasm' }, ['prefer'], 'prefer must be a list of backend names (node-gpu, node, wasm, cpu)'],
  ])('%j', async (options, path, message) => {
    const error = await rejection(() => initBackend({ env: {}, ...options } as never));
    expect(error.code).toBe('invalid_options');
    expect(error.path).toEqual(path);
    expect(error.message).toBe(message);
  });
});

describe('building blocks and the ONNX path check their arguments the same way', () => {
  // Without the check a misspelt `strides` would build a stride-1 unit: the wrong network, no error.
  test('a block with a misspelt argument is refused, naming it and the likely one', async () => {
    const { residualUnit, squeezeExcitationBlock, xceptionMiddleUnit } = await import('../src/blocks');
    const unit = await rejection(() =>
      residualUnit({
        name: 'u',
        input: 'input',
        kind: 'basic',
        filters: 8,
        strides: 2,
        shortcut: 'projection',
      } as never),
    );
    expect(unit.code).toBe('unknown_option');
    expect(unit.message).toContain('residualUnit arguments: unknown field "strides": did you mean "stride"?');
    const se = await rejection(() =>
      squeezeExcitationBlock({ name: 's', input: 'x', channels: 8, reduction: 4 } as never),
    );
    expect(se.details).toEqual({ check: 'unrecognized_keys', keys: ['reduction'] });
    const middle = await rejection(() => xceptionMiddleUnit(null as never));
    expect(middle.message).toContain('must be an object');
    // The control: correct arguments still build the block.
    expect(
      residualUnit({
        name: 'u',
        input: 'input',
        kind: 'basic',
        filters: 8,
        stride: 2,
        shortcut: 'projection',
      }).length,
    ).toBeGreaterThan(0);
  });

  test('toOnnx and createOnnxRunner refuse an unknown option before exporting anything', async () => {
    const { toOnnx, createOnnxRunner } = await import('../src/onnx/index');
    const { model } = buildModel(tiny);
    const exported = await rejection(() => toOnnx(model, { graphName: 'x' } as never));
    expect(exported.message).toContain('toOnnx options: unknown field "graphName"');
    const runner = await rejection(() => createOnnxRunner(model, { thread: 1 } as never));
    expect(runner.message).toContain(
      'createOnnxRunner options: unknown field "thread": did you mean "threads"?',
    );
    expect(toOnnx(model, { name: 'tiny' }).bytes.length).toBeGreaterThan(0);
    model.dispose();
  });
});
