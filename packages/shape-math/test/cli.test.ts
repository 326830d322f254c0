import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';

const run = promisify(execFile);
const cli = join(import.meta.dirname, '../src/cli.ts');

async function shapeMath(...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', cli, ...args], {
      timeout: 20_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('shape-math command line', () => {
  test('summarises exercise 2 with both memory readings', async () => {
    const { code, stdout } = await shapeMath('summary', '--example', 'exercise2', '--batch', '50');
    expect(code).toBe(0);
    expect(stdout).toContain('Total params: 903,400');
    expect(stdout).toContain('(a) Inference, one instance (minimum): 12,613,600 bytes');
    expect(stdout).toContain('(b) Training, batch 50 (minimum): 565,613,600 bytes');
  });

  test('reads a JSON spec and prints JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shape-math-'));
    const file = join(dir, 'spec.json');
    writeFileSync(
      file,
      JSON.stringify({ input: [28, 28, 1], layers: [{ kind: 'flatten' }, { kind: 'dense', units: 10 }] }),
    );
    const { code, stdout } = await shapeMath('summary', file, '--json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout).totals.params.total).toBe(7_850);
  });

  test('a bad spec exits non-zero with the error, not a stack trace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shape-math-'));
    const file = join(dir, 'bad.json');
    writeFileSync(
      file,
      JSON.stringify({ input: [4, 4, 3], layers: [{ kind: 'conv2d', filters: 2, kernelSize: 5 }] }),
    );
    const { code, stderr } = await shapeMath('summary', file);
    expect(code).toBe(65);
    expect(stderr).toContain('kernelSize 5 at layer 0 ("conv2d_0"): kernel 5×5 does not fit');
    expect(stderr).not.toContain('    at ');
  });

  test('bad options and usage errors', async () => {
    expect((await shapeMath('summary', '--example', 'exercise2', '--batch', 'many')).stderr).toContain(
      'options.batchSize',
    );
    expect((await shapeMath('summary', '--example', 'nope')).code).toBe(64);
    expect((await shapeMath('frobnicate')).code).toBe(64);
    expect((await shapeMath('summary', '--no-such-flag')).code).toBe(64);
  });
});

describe('shape-math summary FILE: a Keras model.json or an .onnx, told apart by content', () => {
  const onnxFixture = join(import.meta.dirname, 'fixtures/onnx/small_cnn.onnx');
  // python3-onnx's figures for this file (fixtures/onnx/small_cnn.expected.json, batch 2).
  const expected = JSON.parse(
    readFileSync(join(import.meta.dirname, 'fixtures/onnx/small_cnn.expected.json'), 'utf8'),
  ) as { params: { trainable: number; nonTrainable: number }; macs: number };

  test('an .onnx with --input in its own NCHW layout: the table, totals and memory', async () => {
    const { code, stdout } = await shapeMath('summary', onnxFixture, '--input', '2x3x32x32');
    expect(code).toBe(0);
    expect(stdout).toContain('/stem/conv/Conv (Conv)                            [2, 8, 32, 32]');
    const total = expected.params.trainable + expected.params.nonTrainable;
    expect(stdout).toContain(`Total params: ${total.toLocaleString('en-US')}`);
    expect(stdout).toContain(`MACs: ${expected.macs.toLocaleString('en-US')}`);
    expect(stdout).toContain('Inference (minimum):');
    const json = await shapeMath('summary', onnxFixture, '--input', '2x3x32x32', '--json');
    expect(JSON.parse(json.stdout).totals.macs).toBe(expected.macs);
  });

  test('an .onnx with an open batch and no --input says how to give it', async () => {
    const { code, stderr } = await shapeMath('summary', onnxFixture);
    expect(code).toBe(65);
    expect(stderr).toContain('"batch_size" are not fixed');
    expect(stderr).toContain('--input 1x3x224x224');
  });

  test('a Keras model.json (tf.keras to_json), with --input replacing its open sizes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shape-math-'));
    const file = join(dir, 'model.json');
    const layers = [
      { class_name: 'InputLayer', config: { batch_input_shape: [null, null, null, 3], name: 'image' } },
      // 3·3·3·4 + 4 = 112 parameters; on 10×10 "valid": 8×8×4.
      { class_name: 'Conv2D', config: { name: 'conv', filters: 4, kernel_size: [3, 3], padding: 'valid' } },
    ];
    writeFileSync(
      file,
      JSON.stringify({ modelTopology: { class_name: 'Sequential', config: { name: 'k', layers } } }),
    );
    const { code, stdout } = await shapeMath('summary', file, '--input', '10x10x3', '--json');
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.totals.params.total).toBe(112);
    expect(report.layers[0].outputShape).toEqual([8, 8, 4]);
    // Four sizes: the batch first, as batch_input_shape writes it.
    const batched = JSON.parse((await shapeMath('summary', file, '--input', '5x10x10x3', '--json')).stdout);
    expect(batched.memory.trainingMinimum.batchSize).toBe(5);
  });
});
