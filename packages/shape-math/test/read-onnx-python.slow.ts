import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { readOnnx } from '../src/index';
import { makeLargeOnnxFixtures, PYTHON_MISSING, pythonWithOnnx } from './python-onnx';

/*
 * A ResNet-50 in torchvision's layout (~100 MB), written node by node by python3-onnx when it is
 * installed (make_onnx_fixtures.py --large): BN not folded, the Shape→Gather→Unsqueeze→Concat→
 * Reshape flatten PyTorch writes. Checked against ONNX's shape inference, the script's counts, and
 * torchvision's published figures for resnet50: 25,557,032 parameters and 4.09 GFLOPS (which
 * torchvision counts as multiply-accumulates) — torchvision.models docs, ResNet50_Weights.IMAGENET1K_V1.
 */
const python = pythonWithOnnx();
if (python === undefined) console.warn(`read-onnx-python.slow.ts: ${PYTHON_MISSING}`);
const dir = python === undefined ? undefined : makeLargeOnnxFixtures(python);
afterAll(() => {
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(python === undefined)(
  'readOnnx on a torchvision-layout ResNet-50 written by python3-onnx',
  () => {
    test('shapes, parameters, MACs; the weights are not copied', () => {
      const bytes = readFileSync(join(dir!, 'resnet50.onnx'));
      const expected = JSON.parse(readFileSync(join(dir!, 'resnet50.expected.json'), 'utf8'));
      const before = process.memoryUsage().arrayBuffers;
      const report = readOnnx(bytes, { dynamicDimensions: { batch_size: 1 } });
      const grew = process.memoryUsage().arrayBuffers - before;
      // Every weight stays a view on the file's buffer: far less than one more copy of ~100 MB.
      expect(grew).toBeLessThan(bytes.byteLength / 20);
      expect(report.totals.params.trainable).toBe(25_557_032);
      expect(report.totals.params.nonTrainable).toBe(expected.params.nonTrainable);
      expect(report.totals.initializerElements).toBe(expected.initializerElements);
      expect(report.totals.macs).toBe(expected.macs);
      expect(Math.abs(report.totals.macs / 4.09e9 - 1)).toBeLessThan(0.005);
      const shapes = Object.fromEntries(
        report.nodes.filter((n) => n.name in expected.outputShapes).map((n) => [n.name, n.outputShapes[0]]),
      );
      expect(shapes).toEqual(expected.outputShapes);
      expect(report.outputs[0]!.shape).toEqual([1, 1000]);
    });
  },
);
