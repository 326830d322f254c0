/**
 * How long readOnnx takes on a ResNet-50 .onnx (~100 MB, torchvision's layout, BN not folded),
 * and what it holds beyond the file's own buffer (target: well under a second, no second copy of
 * the weights). The file is written by python3-onnx (test/fixtures/onnx/make_onnx_fixtures.py
 * --large); without it the bench says so and skips. Prints figures; it is not a timed test.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { readOnnx } from '../src/index';
import { makeLargeOnnxFixtures, PYTHON_MISSING, pythonWithOnnx } from '../test/python-onnx';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

const python = pythonWithOnnx();
if (python === undefined) {
  console.log(`@cnnkit/shape-math readOnnx: ${PYTHON_MISSING}`);
} else {
  const dir = makeLargeOnnxFixtures(python);
  try {
    const file = join(dir, 'resnet50.onnx');
    let start = process.hrtime.bigint();
    const bytes = readFileSync(file);
    const readMs = Number(process.hrtime.bigint() - start) / 1e6;
    global.gc?.();
    const before = process.memoryUsage();
    start = process.hrtime.bigint();
    const first = readOnnx(bytes, { dynamicDimensions: { batch_size: 1 } });
    const firstMs = Number(process.hrtime.bigint() - start) / 1e6;
    const after = process.memoryUsage();
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      start = process.hrtime.bigint();
      readOnnx(bytes, { dynamicDimensions: { batch_size: 1 } });
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    const ms = median(times);
    console.log(`@cnnkit/shape-math readOnnx() on Node ${process.version}, ${process.arch}`);
    console.log(
      `ResNet-50 .onnx ${mb(bytes.byteLength)}, ${first.nodes.length} nodes, ${first.totals.params.total.toLocaleString('en-US')} params, ` +
        `${first.totals.macs.toLocaleString('en-US')} MACs`,
    );
    console.log(
      `  reading the file ${readMs.toFixed(0)} ms (fs); readOnnx first call ${firstMs.toFixed(1)} ms, median of 20 ${ms.toFixed(1)} ms, ` +
        `p90 ${[...times].sort((a, b) => a - b)[18]!.toFixed(1)} ms  target < 1000 ms: ${firstMs < 1000 ? 'OK' : 'OVER TARGET'}`,
    );
    const grewBuffers = after.arrayBuffers - before.arrayBuffers;
    console.log(
      `  memory held beyond the file's buffer after one call: array buffers +${mb(grewBuffers)}, JS heap +${mb(after.heapUsed - before.heapUsed)} ` +
        `(a second copy of the weights would be +${mb(bytes.byteLength)}): ${grewBuffers < bytes.byteLength / 20 ? 'OK' : 'COPIED'}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
