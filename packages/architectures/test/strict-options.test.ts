import { initBackend } from '@cnnkit/layers-gpu';
import { beforeAll, expect, suite, test } from 'vitest';
import { buildArchitecture } from '../src/build';
import {
  ARCHITECTURE_OPTION_KEYS,
  ArchitectureError,
  architectureOptionsSchema,
  describe,
  describeSpec,
  getArchitecture,
  googlenetSpec,
  resnetSpec,
} from '../src/index';

/*
 * Issue 13: options meant for the network, for shape-math (describe) or for layers-gpu
 * (buildArchitecture) are checked as one object before they are split: a misspelt key is named
 * with the likely right one, whichever package it was meant for, and is never dropped on the way.
 */

beforeAll(() => initBackend({ env: {}, wasmThreads: 1 }));

function caught(run: () => unknown): ArchitectureError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ArchitectureError);
    return error as ArchitectureError;
  }
  throw new Error('expected an ArchitectureError, the options were accepted');
}

suite('describe: the network options and analyze options, as one object', () => {
  test('a misspelt analyze option is refused (it used to reach analyze as a ShapeMathError)', () => {
    const error = caught(() => describe('lenet5', { batch: 8 } as never));
    expect(error.code).toBe('unknown_option');
    expect(error.details).toEqual({ check: 'unrecognized_keys', keys: ['batch'] });
    expect(error.message).toBe(
      'lenet5 options: unknown field "batch": did you mean "batchSize"? (allowed: inputShape, classes, includeTop, classifierActivation, dtype, batchSize, optimizer)',
    );
  });

  test("Keras' snake_case names get the camelCase ones, for either package", () => {
    const error = caught(() => describe('vgg16', { input_shape: [64, 64, 3], batch_size: 2 } as never));
    expect(error.details).toEqual({ check: 'unrecognized_keys', keys: ['input_shape', 'batch_size'] });
    expect(error.message).toContain('unknown field "input_shape": did you mean "inputShape"?');
    expect(error.message).toContain('unknown field "batch_size": did you mean "batchSize"?');
  });

  test.each([
    [null, 'null'],
    [[64, 64, 3], 'an array'],
    ['vgg16', 'string'],
  ])('%j as options: our sentence, not a TypeError', (options, got) => {
    const error = caught(() => describe('lenet5', options as never));
    expect(error.details).toEqual({ check: 'invalid_type', expected: 'object' });
    expect(error.message).toBe(
      `lenet5 options: must be an object (allowed keys: inputShape, classes, includeTop, classifierActivation, dtype, batchSize, optimizer), got ${got}`,
    );
  });

  test('the allowed keys of both still work together', () => {
    const report = describe('lenet5', { classes: 5, batchSize: 4 });
    expect(report.outputs[0]!.shape).toEqual([5]);
  });
});

suite('describeSpec and the options schema', () => {
  test('a misspelt key, a snake_case key and null, under the same rule', () => {
    expect(caught(() => describeSpec('resnet18', { classses: 10 } as never)).message).toBe(
      'resnet18 options: unknown field "classses": did you mean "classes"? (allowed: inputShape, classes, includeTop, classifierActivation)',
    );
    expect(caught(() => describeSpec('resnet18', { include_top: false } as never)).message).toContain(
      'unknown field "include_top": did you mean "includeTop"?',
    );
    expect(caught(() => describeSpec('resnet18', null as never)).message).toBe(
      'resnet18 options: must be an object (allowed keys: inputShape, classes, includeTop, classifierActivation), got null',
    );
  });

  test('the exported schema says the same for null, in our words', () => {
    const result = architectureOptionsSchema.safeParse(null);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(
      `must be an object (allowed keys: ${ARCHITECTURE_OPTION_KEYS.join(', ')}), got null`,
    );
  });

  test('a name that is not a string is an unknown architecture, not a crash', () => {
    const error = caught(() => getArchitecture(null as never));
    expect(error.code).toBe('unknown_architecture');
    expect(error.message).toMatch(/^unknown architecture null \(a object, not a name\): allowed lenet5, /);
  });
});

suite('buildArchitecture: the network options and buildModel options, as one object', () => {
  test('a misspelt build option is refused instead of building without the budget', () => {
    const error = caught(() => buildArchitecture('lenet5', { memoryBudget: 1 } as never));
    expect(error.message).toBe(
      'lenet5 options: unknown field "memoryBudget": did you mean "memoryBudgetBytes"? (allowed: inputShape, classes, includeTop, classifierActivation, memoryBudgetBytes, budgetFor, batchSize, memoryEstimate)',
    );
  });

  test('snake_case and null', () => {
    expect(caught(() => buildArchitecture('lenet5', { include_top: false } as never)).message).toContain(
      'unknown field "include_top": did you mean "includeTop"?',
    );
    expect(caught(() => buildArchitecture('lenet5', null as never)).details).toEqual({
      check: 'invalid_type',
      expected: 'object',
    });
  });

  test('the allowed keys of both still build the model', () => {
    const { model } = buildArchitecture('lenet5', { classes: 3, memoryBudgetBytes: 1e9 });
    expect(model.outputs[0]!.shape).toEqual([null, 3]);
    model.dispose();
  });
});

suite('the exported spec builders', () => {
  const resolved = { inputShape: [224, 224, 3], classes: 1000, includeTop: true } as const;

  test('googlenetSpec refuses a snake_case or misspelt option (instead of leaving the auxiliary heads out) and null', () => {
    expect(
      caught(() => googlenetSpec({ ...resolved, auxiliary_classifiers: true } as never)).message,
    ).toContain(
      'googlenetSpec options: unknown field "auxiliary_classifiers": did you mean "auxiliaryClassifiers"?',
    );
    expect(
      caught(() => googlenetSpec({ ...resolved, auxiliaryClassifier: true } as never)).message,
    ).toContain('did you mean "auxiliaryClassifiers"?');
    expect(caught(() => googlenetSpec(null as never)).details).toEqual({
      check: 'invalid_type',
      expected: 'object',
    });
  });

  test('resnetSpec refuses a snake_case or misspelt config key and null options', () => {
    const config = { name: 'r', kind: 'basic', blocks: [2, 2, 2, 2], convention: 'torchvision' } as const;
    expect(caught(() => resnetSpec({ ...config, se_ratio: 16 } as never, resolved)).message).toContain(
      'resnetSpec config: unknown field "se_ratio": did you mean "seRatio"?',
    );
    expect(caught(() => resnetSpec({ ...config, block: [2, 2, 2, 2] } as never, resolved)).message).toContain(
      'did you mean "blocks"?',
    );
    expect(caught(() => resnetSpec(config, null as never)).details).toEqual({
      check: 'invalid_type',
      expected: 'object',
    });
  });
});
