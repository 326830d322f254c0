import { buildArchitecture } from '@cnnkit/architectures/build';
import { initBackend } from '@cnnkit/layers-gpu';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  type ForwardRunner,
  ONNX_RELATIVE_TOLERANCE,
  OnnxCheckedPath,
  onnxPays,
} from '../src/verify/onnx-path';
import { MeasurementService } from '../src/verify/service';

/**
 * Issue 14: the worker may run forward passes on ONNX Runtime, but only for a network on which it
 * agreed with TensorFlow.js first; without onnxruntime-node, or after a disagreement, TensorFlow.js.
 */
beforeAll(async () => {
  await initBackend({ env: {}, wasmThreads: 1 }); // one thread in tests: see vitest.shared.ts
});

const backbone = (side: number) =>
  buildArchitecture('lenet5', { inputShape: [side, side, 3], includeTop: false });

/** max |a − b| over max |a|: the tolerance's own measure, computed here independently. */
async function relative(expected: tf.Tensor, actual: tf.Tensor): Promise<number> {
  expect(actual.shape).toEqual(expected.shape);
  const e = await expected.data();
  const a = await actual.data();
  let worst = 0;
  let scale = 0;
  for (let i = 0; i < e.length; i++) {
    worst = Math.max(worst, Math.abs(e[i]! - a[i]!));
    scale = Math.max(scale, Math.abs(e[i]!));
  }
  return worst / scale;
}

describe('with onnxruntime-node installed', () => {
  const path = new OnnxCheckedPath();

  test('the first pass of a network runs on both engines and is computed by TensorFlow.js', async () => {
    const built = backbone(64);
    const input = tf.randomNormal([1, 64, 64, 3], 0, 1, 'float32', 3);
    const { output, engine, note } = await path.predict('lenet5', built.model, input);
    expect(engine).toBe('tfjs');
    expect(note).toMatch(
      /^TensorFlow\.js computed this, and ONNX Runtime 1\.\d+\.\d+ \(cpu\) agreed with it on lenet5/,
    );
    const verdict = path.verdictFor('lenet5');
    expect(verdict).toMatchObject({ agreed: true });
    expect((verdict as { worst: number }).worst).toBeLessThanOrEqual(ONNX_RELATIVE_TOLERANCE);
    const direct = built.model.predict(input) as tf.Tensor;
    expect(await output.data()).toEqual(await direct.data());
    tf.dispose([input, output, direct]);
    built.model.dispose();
  });

  test('after agreeing, the same network (at another input size) runs on ONNX Runtime, within the tolerance of TensorFlow.js', async () => {
    const built = backbone(96);
    const input = tf.randomNormal([1, 96, 96, 3], 0, 1, 'float32', 4);
    const { output, engine, note } = await path.predict('lenet5', built.model, input);
    expect(engine).toBe('onnxruntime');
    expect(note).toMatch(/^Ran on ONNX Runtime .* which agreed with TensorFlow\.js on lenet5 within 0\.0001/);
    const direct = built.model.predict(input) as tf.Tensor;
    expect(await relative(direct, output)).toBeLessThanOrEqual(ONNX_RELATIVE_TOLERANCE);
    tf.dispose([input, output, direct]);
    built.model.dispose();
  });
});

describe('fallbacks to TensorFlow.js', () => {
  test('onnxruntime-node absent: TensorFlow.js, with the reason, and no second attempt to load it', async () => {
    let loads = 0;
    const path = new OnnxCheckedPath({
      importModule: async (specifier) => {
        loads++;
        throw Object.assign(new Error(`Cannot find package '${specifier}'`), {
          code: 'ERR_MODULE_NOT_FOUND',
        });
      },
    });
    const built = backbone(32);
    for (let i = 0; i < 2; i++) {
      const input = tf.ones([1, 32, 32, 3]);
      const { output, engine, note } = await path.predict('lenet5', built.model, input);
      expect(engine).toBe('tfjs');
      expect(note).toMatch(
        /^TensorFlow\.js computed this: ONNX Runtime is not available here \(.*onnxruntime-node/,
      );
      tf.dispose([input, output]);
    }
    expect(loads).toBe(1);
    built.model.dispose();
  });

  test('an engine that disagrees is never used for that network', async () => {
    let opened = 0;
    // A runner off by 1 % of the output's scale: a wrong export would be off by far more.
    const skewed = async (model: tfl.LayersModel): Promise<ForwardRunner> => {
      opened++;
      return {
        description: 'a skewed engine',
        run: async (input) =>
          tf.tidy(() => {
            const out = model.predict(input) as tf.Tensor;
            return tf.add(out, tf.mul(tf.max(tf.abs(out)), 0.01));
          }),
        release: async () => {},
      };
    };
    const path = new OnnxCheckedPath({ createRunner: skewed });
    const built = backbone(32);
    for (let i = 0; i < 2; i++) {
      const input = tf.ones([1, 32, 32, 3]);
      const { output, engine, note } = await path.predict('lenet5', built.model, input);
      expect(engine).toBe('tfjs');
      expect(note).toMatch(
        /a skewed engine disagreed with it on lenet5 \(worst 1\.0e-2 of the output's scale/,
      );
      tf.dispose([input, output]);
    }
    expect(opened).toBe(1);
    expect(path.verdictFor('lenet5')).toMatchObject({ agreed: false });
    built.model.dispose();
  });
});

describe('ONNX Runtime only where it pays for exporting the weights', () => {
  // The three cases measured by bench/verify-engines.bench.ts (TensorFlow.js / ONNX Runtime with the
  // export, ms): the rule must pick the engine that was faster on each.
  test.each([
    ['ResNet-50 at 224 (554 / 1,418 ms)', { macs: 4_087_136_256, params: 23_561_152 }, false],
    ['ResNet-50 at 448 (2,243 / 926 ms)', { macs: 16_348_545_024, params: 23_561_152 }, true],
    ['VGG16 at 224 (1,069 / 591 ms)', { macs: 15_346_630_656, params: 14_714_688 }, true],
    ['a tiny network (fast anyway)', { macs: 50_000_000, params: 10_000 }, false],
  ])('%s → ONNX Runtime %s', (_name, cost, expected) => {
    expect(onnxPays(cost)).toBe(expected);
  });

  test('a pass that does not pay never loads ONNX Runtime', async () => {
    const built = backbone(32);
    const { engine, note, loads } = await predictWithoutOnnx(built, {
      macs: built.report.totals.macs,
      params: built.report.totals.params.total,
    });
    expect(engine).toBe('tfjs');
    expect(note).toMatch(/would cost more than its faster run saves/);
    expect(loads).toBe(0);
  });
});

describe('the memory budget holds with a second engine', () => {
  // Issue 12's guarantee: ONNX Runtime holds its own weights and activations beside TensorFlow.js,
  // which the ledger counts only when it admitted the pass with both engines: otherwise it stays on tfjs.
  test('a pass the budget did not admit with both engines never loads ONNX Runtime, however much it would pay', async () => {
    const paying = { macs: 1e12, params: 1 };
    expect(onnxPays(paying)).toBe(true);
    const { engine, note, loads } = await predictWithoutOnnx(backbone(32), {
      ...paying,
      admittedWithBothEngines: false,
    });
    expect(engine).toBe('tfjs');
    expect(note).toMatch(/the memory budget did not admit this pass with both engines/);
    expect(loads).toBe(0);
  });
});

/** One pass of a 32×32 lenet5 through a path whose ONNX runner counts its loads and never opens. */
async function predictWithoutOnnx(
  built: ReturnType<typeof backbone>,
  cost: Parameters<OnnxCheckedPath['predict']>[3],
): Promise<{ engine: string; note: string; loads: number }> {
  let loads = 0;
  const path = new OnnxCheckedPath({
    createRunner: async () => {
      loads++;
      throw new Error('must not be called');
    },
  });
  const input = tf.ones([1, 32, 32, 3]);
  const { output, engine, note } = await path.predict('lenet5', built.model, input, cost);
  tf.dispose([input, output]);
  built.model.dispose();
  return { engine, note, loads };
}

describe('through the measurement worker', () => {
  const service = new MeasurementService();
  afterAll(() => service.close());

  test('a small network stays on TensorFlow.js, and the measurement says which engine measured and why', async () => {
    const small = await service.measure({ kind: 'outputStride', architecture: 'lenet5', inputSide: 64 });
    expect(small.measured).toBe(4);
    expect(small.engine).toBe('tfjs');
    expect(small.details.join(' ')).toMatch(/would cost more than its faster run saves/);
    // Parameter counts build the model and run nothing.
    const params = await service.measure({
      kind: 'architectureParams',
      architecture: 'lenet5',
      count: 'total',
    });
    expect(params.engine).toBe('tfjs');
  });
});
