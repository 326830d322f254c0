import { afterAll, expect, test } from 'vitest';
import { MeasurementService } from '../src/verify/service';

/** VGG16 at 224 does 1,043 MACs per parameter: ONNX Runtime pays there (onnx-path.ts). About 10 s. */
const service = new MeasurementService();
afterAll(() => service.close());

test("VGG16's output stride through the worker: the first request checks ONNX Runtime against TensorFlow.js, the next runs on it", async () => {
  const first = await service.measure({ kind: 'outputStride', architecture: 'vgg16', inputSide: 224 });
  expect(first.measured).toBe(32);
  expect(first.measured).toBe(first.theory);
  // Pass one: TensorFlow.js computes and ONNX Runtime is checked against it; pass two (288 px) runs on ONNX Runtime.
  expect(first.engine).toBe('mixed');
  expect(first.details.join(' ')).toMatch(
    /agreed with it on vgg16 without its classifier \(worst \d\.\de-\d+/,
  );
  const second = await service.measure({ kind: 'outputStride', architecture: 'vgg16', inputSide: 256 });
  expect(second.engine).toBe('onnxruntime');
  expect(second.measured).toBe(32);
});
