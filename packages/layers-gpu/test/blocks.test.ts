import { analyze, type LayerSpecInput, type ModelSpecInput } from '@cnnkit/shape-math';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, test } from 'vitest';
import {
  buildModel,
  compareWithShapeMath,
  depthwiseSeparableBlock,
  inceptionModule,
  residualUnit,
  squeezeExcitationBlock,
  xceptionEntryUnit,
  xceptionExitFlow,
  xceptionMiddleUnit,
} from '../src/index';
import { useDefaultBackend } from './helpers';

beforeAll(useDefaultBackend);

/** Builds the block for real, runs it, and checks shapes and parameters against shape-math. */
function checkBlock(input: [number, number, number], layers: LayerSpecInput[]) {
  const spec: ModelSpecInput = { name: 'block', input, layers };
  const built = buildModel(spec);
  expect(compareWithShapeMath(built)).toEqual([]);
  const y = tf.tidy(() => built.model.predict(tf.randomNormal([2, ...input])) as tf.Tensor);
  expect(y.shape).toEqual([2, ...built.report.outputs[0]!.shape]);
  expect(Array.from(y.dataSync()).every(Number.isFinite)).toBe(true);
  y.dispose();
  expect(built.model.countParams()).toBe(built.report.totals.params.total);
  built.model.dispose();
  return built.report;
}

describe('building blocks: the real tfjs block agrees with shape-math, layer by layer', () => {
  test('squeeze-and-excitation block (r = 16): 2C²/r + C/r + C parameters', () => {
    const report = checkBlock(
      [7, 7, 64],
      squeezeExcitationBlock({ name: 'se', input: 'input', channels: 64, ratio: 16 }),
    );
    expect(report.totals.params.total).toBe((2 * 64 * 64) / 16 + 64 / 16 + 64);
  });

  test('inception module 3a: 28×28×192 → 28×28×256', () => {
    const report = checkBlock(
      [28, 28, 192],
      inceptionModule({
        name: 'inception_3a',
        input: 'input',
        filters: {
          branch1x1: 64,
          branch3x3Reduce: 96,
          branch3x3: 128,
          branch5x5Reduce: 16,
          branch5x5: 32,
          poolProjection: 32,
        },
      }),
    );
    expect(report.outputs[0]!.shape).toEqual([28, 28, 256]);
  });

  test('inception module 3a as torchvision builds it (conv + BN + ReLU, 3×3 in the "5×5" branch)', () => {
    const filters = {
      branch1x1: 64,
      branch3x3Reduce: 96,
      branch3x3: 128,
      branch5x5Reduce: 16,
      branch5x5: 32,
      poolProjection: 32,
    };
    const report = checkBlock(
      [28, 28, 192],
      inceptionModule({ name: 'inception_3a', input: 'input', filters, batchNorm: true, branch5x5Kernel: 3 }),
    );
    // Bias-free convs; each BN has 4 parameters per channel (2 trainable, 2 running statistics).
    const convs = 192 * 64 + 192 * 96 + 9 * 96 * 128 + 192 * 16 + 9 * 16 * 32 + 192 * 32;
    const channels = 64 + 96 + 128 + 16 + 32 + 32;
    expect(report.totals.params.trainable).toBe(convs + 2 * channels);
    expect(report.totals.params.total).toBe(convs + 4 * channels);
    expect(report.totals.params.trainable).toBe(155_872);
  });

  test('bottleneck unit with squeeze-and-excitation (SENet, r = 16): the SE block adds 2·C²/r + C/r + C', () => {
    const plain = checkBlock(
      [14, 14, 256],
      residualUnit({
        name: 'unit',
        input: 'input',
        kind: 'bottleneck',
        filters: 64,
        stride: 1,
        shortcut: 'identity',
      }),
    );
    const withSe = checkBlock(
      [14, 14, 256],
      residualUnit({
        name: 'unit',
        input: 'input',
        kind: 'bottleneck',
        filters: 64,
        stride: 1,
        shortcut: 'identity',
        squeezeExcitation: { ratio: 16 },
      }),
    );
    const c = 256;
    expect(withSe.totals.params.total - plain.totals.params.total).toBe((2 * c * c) / 16 + c / 16 + c);
  });

  test.each([
    { kind: 'basic', shortcut: 'identity', stride: 1, preActivation: false, channels: 64 },
    { kind: 'basic', shortcut: 'projection', stride: 2, preActivation: false, channels: 64 },
    { kind: 'bottleneck', shortcut: 'projection', stride: 1, preActivation: false, channels: 64 },
    { kind: 'bottleneck', shortcut: 'identity', stride: 1, preActivation: false, channels: 256 },
    { kind: 'bottleneck', shortcut: 'projection', stride: 2, preActivation: true, channels: 256 },
    { kind: 'basic', shortcut: 'identity', stride: 1, preActivation: true, channels: 64 },
  ] as const)(
    'residual unit: $kind, $shortcut shortcut, stride $stride, pre-activation $preActivation',
    ({ kind, shortcut, stride, preActivation, channels }) => {
      checkBlock(
        [16, 16, channels],
        residualUnit({ name: 'unit', input: 'input', kind, filters: 64, stride, shortcut, preActivation }),
      );
    },
  );

  test('an identity shortcut on a strided unit is refused by shape-math before tfjs sees it', () => {
    expect(() =>
      buildModel({
        input: [16, 16, 64],
        layers: residualUnit({
          name: 'unit',
          input: 'input',
          kind: 'basic',
          filters: 64,
          stride: 2,
          shortcut: 'identity',
        }),
      }),
    ).toThrow(/add needs equal shapes/);
  });

  test('Keras ResNet50 conv2_block1 with biases: 4,160 + 36,928 + 16,640 + 16,640 conv parameters + 4 BN layers', () => {
    // keras.applications.ResNet50 conv2_block1: 1×1 64 (4,160), 3×3 64 (36,928), 1×1 256 (16,640), shortcut 1×1 256 (16,640), 4 BN layers.
    const report = checkBlock(
      [56, 56, 64],
      residualUnit({
        name: 'conv2_block1',
        input: 'input',
        kind: 'bottleneck',
        filters: 64,
        shortcut: 'projection',
        useBias: true,
        strideOn: '1x1',
      }),
    );
    const bn = 4 * (64 + 64 + 256 + 256);
    expect(report.totals.params.total).toBe(4_160 + 36_928 + 16_640 + 16_640 + bn);
  });

  test('MobileNet depthwise separable block', () => {
    checkBlock(
      [14, 14, 32],
      depthwiseSeparableBlock({ name: 'dws', input: 'input', filters: 64, stride: 2 }),
    );
  });

  test('Xception entry, middle and exit units', () => {
    const entry = xceptionEntryUnit({ name: 'block2', input: 'input', filters: 128, reluFirst: false });
    const middle = xceptionMiddleUnit({ name: 'block5', input: 'block2', channels: 128 });
    checkBlock([32, 32, 64], [...entry, ...middle]);
    const exit = checkBlock([8, 8, 728], xceptionExitFlow({ name: 'exit', input: 'input' }));
    expect(exit.outputs[0]!.shape).toEqual([4, 4, 2048]);
  });

  test('Xception middle unit at full width: 3 × (536,536 + 4·728) parameters (Keras block5)', () => {
    const report = analyze({
      input: [19, 19, 728],
      layers: xceptionMiddleUnit({ name: 'block5', input: 'input' }),
    });
    expect(report.totals.params.total).toBe(3 * (536_536 + 4 * 728));
  });
});
