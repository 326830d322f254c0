import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, expect, test, vi } from 'vitest';
import { optimizeForInference } from '../src/index';
import { warmWasmHeap } from '../src/wasm-heap';
import { randomizeBatchNorms } from './folding-fixtures';
import { useDefaultBackend } from './helpers';

/*
 * How much fresh heap optimizeForInference announces before packing (wasm-heap.ts' warmWasmHeap,
 * which has a helper thread touch those pages ahead where the threaded build runs): XNNPACK's packed
 * copy of each filter (4 bytes a weight), plus the transposed copy tfjs-backend-wasm 4.22 keeps of a
 * convolution's filter, but not of a depthwise one's nor of a matrix product's (packConvSteps'
 * comment). warmWasmHeap itself runs as it is; the spy only records its argument. Its own file: the
 * module mock holds for the whole file.
 */
vi.mock('../src/wasm-heap', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../src/wasm-heap')>();
  return { ...actual, warmWasmHeap: vi.fn(actual.warmWasmHeap) };
});

beforeAll(useDefaultBackend);

type Sym = tfl.SymbolicTensor;
const on = (layer: tfl.layers.Layer, x: Sym): Sym => layer.apply(x) as Sym;

test('one call before packing, of 4 bytes per weight, twice for a convolution’s (not a depthwise one’s, nor a 1×1 matrix product’s)', () => {
  const input = tfl.input({ shape: [5, 5, 2] });
  let x = on(tfl.layers.conv2d({ filters: 3, kernelSize: 3, padding: 'same', name: 'c' }), input);
  x = on(tfl.layers.batchNormalization({ name: 'bn' }), x);
  x = on(tfl.layers.depthwiseConv2d({ kernelSize: 3, padding: 'same', name: 'd' }), x);
  x = on(tfl.layers.conv2d({ filters: 2, kernelSize: 1, name: 'p' }), x);
  const model = tfl.model({ inputs: input, outputs: x });
  randomizeBatchNorms(model, 2);
  vi.mocked(warmWasmHeap).mockClear();
  const optimized = optimizeForInference(model);
  // c: 3·3·2·3 = 54 weights, ×2 (packed and transposed); d: 3·3·3·1 = 27; p: 1·1·3·2 = 6.
  // 4 · (54 · 2 + 27 + 6) = 564 bytes.
  expect(vi.mocked(warmWasmHeap).mock.calls).toEqual([[564]]);
  optimized.dispose();
  model.dispose();
});
