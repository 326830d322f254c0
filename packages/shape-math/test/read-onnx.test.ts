import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { readOnnx } from '../src/index';
import { caught } from './caught';

/*
 * small_cnn.onnx was written node by node by Debian's python3-onnx (test/fixtures/onnx/
 * make_onnx_fixtures.py), the way PyTorch exports: BN not folded, Constant nodes, a weight shared
 * through an Identity alias, the Shape→Gather→Unsqueeze→Concat→Reshape flatten chain. Its sidecar
 * holds ONNX's own shape inference for every node, and parameters and MACs computed by the script
 * from the initializers numpy holds.
 */
const fixture = (name: string) => new URL(`./fixtures/onnx/${name}`, import.meta.url);
const bytes = new Uint8Array(readFileSync(fixture('small_cnn.onnx')));
const expected = JSON.parse(readFileSync(fixture('small_cnn.expected.json'), 'utf8')) as {
  dynamicDimensions: Record<string, number>;
  params: { trainable: number; nonTrainable: number };
  initializerElements: number;
  macs: number;
  outputShapes: Record<string, number[]>;
  graphOutputs: number[][];
};

describe('readOnnx on a graph python3-onnx wrote', () => {
  const report = readOnnx(bytes, { dynamicDimensions: expected.dynamicDimensions });

  test("every node's output shape is ONNX's own shape inference", () => {
    const ours = Object.fromEntries(
      report.nodes.filter((n) => n.name in expected.outputShapes).map((n) => [n.name, n.outputShapes[0]]),
    );
    expect(ours).toEqual(expected.outputShapes);
    expect(Object.keys(ours).length).toBe(Object.keys(expected.outputShapes).length);
    expect(report.outputs.map((o) => o.shape)).toEqual(expected.graphOutputs);
  });

  test('parameters from the initializers (the shared fc weight counted at both heads), MACs, sizes', () => {
    expect(report.totals.params).toEqual({
      ...expected.params,
      total: expected.params.trainable + expected.params.nonTrainable,
    });
    expect(report.totals.initializerElements).toBe(expected.initializerElements);
    expect(report.totals.macs).toBe(expected.macs);
    expect(report.totals.flops).toBe(2 * expected.macs);
    // The flatten chain's values are shape arithmetic, not activations.
    const shape = report.nodes.find((n) => n.opType === 'Shape')!;
    expect(shape.activationBytes).toBe(0);
    // Activation bytes are each output's float32 elements; the input batch is 2×3×32×32.
    expect(report.totals.inputBytes).toBe(2 * 3 * 32 * 32 * 4);
    const stem = report.nodes.find((n) => n.name === '/stem/conv/Conv')!;
    expect(stem.activationBytes).toBe(2 * 8 * 32 * 32 * 4);
    expect(report.memory.peakActivationBytes).toBeGreaterThanOrEqual(stem.activationBytes);
  });

  test('the batch scales activations and MACs, not parameters', () => {
    const one = readOnnx(bytes, { dynamicDimensions: { batch_size: 1 } });
    expect(one.totals.macs * 2).toBe(report.totals.macs);
    expect(one.totals.params).toEqual(report.totals.params);
    expect(readOnnx(bytes, { inputShapes: { input: [1, 3, 32, 32] } }).totals).toEqual(one.totals);
  });
});

test('the other ops (Split, Tile, Mean, Where, Expand, ReduceMean, MatMul, Slice, ConstantOfShape, ArgMax, Equal) agree with ONNX', () => {
  // more_ops.onnx and its sidecar: make_onnx_fixtures.py, shapes from ONNX's shape inference.
  const graph = readOnnx(new Uint8Array(readFileSync(fixture('more_ops.onnx'))));
  const facts = JSON.parse(readFileSync(fixture('more_ops.expected.json'), 'utf8'));
  const shapes = Object.fromEntries(
    graph.nodes.filter((n) => n.name in facts.outputShapes).map((n) => [n.name, n.outputShapes[0]]),
  );
  expect(shapes).toEqual(facts.outputShapes);
  expect(graph.nodes.find((n) => n.opType === 'Split')!.outputShapes).toEqual([
    [2, 2, 4, 4],
    [2, 4, 4, 4],
  ]);
  expect(graph.totals.params).toEqual({ ...facts.params, total: facts.params.trainable });
  expect(graph.totals.macs).toBe(facts.macs);
  expect(graph.outputs.map((o) => o.shape)).toEqual(facts.graphOutputs);
});

test("ceil_mode pooling drops a window that would start in the right padding (PyTorch's rule)", () => {
  // pool_ceil.expected.json: computed by make_onnx_fixtures.py with torch.nn.MaxPool2d's formula.
  const pool = readOnnx(new Uint8Array(readFileSync(fixture('pool_ceil.onnx'))));
  const { outputShapes } = JSON.parse(readFileSync(fixture('pool_ceil.expected.json'), 'utf8'));
  expect(Object.fromEntries(pool.nodes.map((n) => [n.name, n.outputShapes[0]]))).toEqual(outputShapes);
});

describe('readOnnx: what it cannot read', () => {
  test('an open dimension without a size names it and the option', () => {
    const error = caught(() => readOnnx(bytes));
    expect(error.code).toBe('invalid_model_file');
    expect(error.details).toEqual({ format: 'onnx', dimensions: ['batch_size'] });
    expect(error.message).toMatch(/\{ dynamicDimensions: \{ "batch_size": 1 \} \}/);
  });

  test('every unsupported op type is listed in one error', () => {
    // Same-length renames of two op_type fields (tag 0x22, then the length) keep the protobuf valid.
    const text = Buffer.from(bytes)
      .toString('latin1')
      .replace('\x22\x09HardSwish', '\x22\x09HardSwisX')
      .replace('\x22\x03LRN', '\x22\x03LRX');
    const renamed = new Uint8Array(Buffer.from(text, 'latin1'));
    const nodeOf = (opType: string) =>
      readOnnx(bytes, { dynamicDimensions: { batch_size: 1 } }).nodes.find((n) => n.opType === opType)!.name;
    const error = caught(() => readOnnx(renamed, { dynamicDimensions: { batch_size: 1 } }));
    expect(error.code).toBe('unsupported_op');
    expect(error.issues.map((i) => i.details)).toEqual([
      { nodeName: nodeOf('HardSwish'), opType: 'HardSwisX', reason: `1 node ("${nodeOf('HardSwish')}")` },
      { nodeName: nodeOf('LRN'), opType: 'LRX', reason: `1 node ("${nodeOf('LRN')}")` },
    ]);
  });

  test.each([
    ['a truncated file', bytes.subarray(0, 500), /not an ONNX model/],
    ['a JSON file', new TextEncoder().encode('{"class_name": "Sequential"}'), /not an ONNX model/],
  ])('%s: invalid_model_file', (_, input, message) => {
    const error = caught(() => readOnnx(input, { dynamicDimensions: { batch_size: 1 } }));
    expect(error.code).toBe('invalid_model_file');
    expect(error.message).toMatch(message);
  });
});
