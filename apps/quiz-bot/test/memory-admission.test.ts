import { describe as describeArchitecture } from '@cnnkit/architectures';
import { afterEach, describe, expect, test } from 'vitest';
import { calibrationRows } from '../bench/memory-calibration';
import { type MeasurementRequest, QuizError } from '../src/index';
import { chargeWithin, type PassCharge, requestCharge, sequentialBytes } from '../src/verify/admission';
import { buildBytes, PROCESS_BASELINE_BYTES, WORKER_BASELINE_BYTES } from '../src/verify/memory-estimate';
import { type Lane, MeasurementService } from '../src/verify/service';
import type { WorkerReply } from '../src/verify/worker';

const services: MeasurementService[] = [];
afterEach(async () => {
  await Promise.all(services.splice(0).map((s) => s.close()));
});
const service = (options: ConstructorParameters<typeof MeasurementService>[0] = {}) => {
  const made = new MeasurementService(options);
  services.push(made);
  return made;
};
const refusal = (run: () => unknown): QuizError => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(QuizError);
    return error as QuizError;
  }
  throw new Error('expected a refusal');
};
// One process baseline and two workers (one per lane, the default): what no run can use.
const FIXED = PROCESS_BASELINE_BYTES + 2 * WORKER_BASELINE_BYTES;

describe('compute params is charged for building the network, not for a pass at a default side', () => {
  test('vgg16 is admitted under the default 2 GiB budget, charged its build estimate', () => {
    // Issue 22: refused with "needs about 2.40 GB… choose a smaller input side" although the real
    // build peaks at 0.96 GiB. `params` builds the network with its classifier and runs nothing.
    const plan = service().plan({ kind: 'architectureParams', architecture: 'vgg16', count: 'total' });
    const parameterBytes = describeArchitecture('vgg16').totals.parameterBytes;
    // torchvision's VGG16: 138,357,544 parameters × 4 bytes.
    expect(parameterBytes).toBe(138_357_544 * 4);
    expect(plan.bytes).toBe(buildBytes(parameterBytes));
    // The charge covers the measured build (calibration row: RSS growth of a warm process).
    const measured = calibrationRows().find((r) => r.mode === 'build' && r.network === 'vgg16')!;
    expect(plan.bytes).toBeGreaterThanOrEqual(measured.passBytes!);
  });
});

describe('an exercise-2 variant in a 2-byte number format is charged as TensorFlow.js runs it', () => {
  // Issue 17: the service analyses a float16 or bfloat16 variant once, at its own format (2 bytes
  // an element), and the ledger reads that analysis. TensorFlow.js computes every variant in float32,
  // so the pass allocates what the same network's float32 pass does: the same charge, kernel taps
  // (4-byte wasm pointers whatever the format) included. Géron's network: 3×3, stride 2, "same".
  test.each(['float16', 'bfloat16'] as const)(
    "%s: the float32 network's charge, from the one analysis",
    (dtype) => {
      const asFloat32 = service().plan({ kind: 'exercise2', quantity: 'inferenceBytes' });
      const plan = service().plan({ kind: 'exercise2', quantity: 'inferenceBytes', dtype });
      expect(plan.planned!.report.dtype).toBe(dtype);
      expect(plan.planned!.report.bytesPerElement).toBe(2);
      expect(asFloat32.planned!.report.bytesPerElement).toBe(4);
      expect(plan.bytes).toBe(asFloat32.bytes);
      expect(plan.lane).toBe(asFloat32.lane);
      const request = plan.request as Extract<MeasurementRequest, { kind: 'exercise2' }>;
      expect(requestCharge(request, plan.planned).passes).toEqual(
        requestCharge({ ...request, dtype: 'float32' }).passes,
      );
    },
  );
});

describe('the pool-versus-conv and FCN-grid measurements are charged for their models (they were charged nothing)', () => {
  test('pool versus conv builds its layers without a pass: charged the build of its weights', () => {
    // 2,048 channels, a 7×7 window: the conv has 7 · 7 · 2,048 · 2,048 weights + 2,048 biases =
    // 205,522,944 parameters (the pooling none), 822 MB of float32 weights.
    const plan = service().plan({ kind: 'poolVersusConv', channels: 2048, window: 7 });
    expect(plan.bytes).toBe(buildBytes(205_522_944 * 4));
    expect(plan.lane).toBe('heavy');
    // Under a 1 GiB budget its 1.3 GB cannot run at all.
    const refused = refusal(() =>
      service({ memoryBudgetBytes: 1024 ** 3 }).plan({ kind: 'poolVersusConv', channels: 2048, window: 7 }),
    );
    expect(refused.code).toBe('model_too_large');
    expect(refused.message).toMatch(/building the two layers/);
  });

  test("the FCN grid at 4,096 px: its largest pass covers the first conv's indirection buffer", () => {
    const charge = requestCharge({ kind: 'fcnGrid', trainSide: 224, testSide: 4096 });
    expect(charge.passes.map((p) => p.label)).toEqual([
      "the classifier's pass at 224 px",
      "the converted network's pass at 224 px",
      "the converted network's pass at 4096 px",
    ]);
    // conv0 (3×3, same padding) on 4,096²: 4,096² × 9 taps × 4-byte pointers = 603,979,776 bytes,
    // and its output 4,096² × 4 channels × 4 bytes = 268,435,456 bytes.
    const large = charge.passes[2]!.tfjsBytes;
    expect(large).toBeGreaterThan(603_979_776 + 268_435_456);
    // The three passes run one after the other on one worker, whose heap keeps what each left:
    // charged their sum (admission.ts, sequentialBytes).
    const [a, b, c] = charge.passes.map((p) => p.tfjsBytes);
    const roomy = service({ memoryBudgetBytes: 4 * 1024 ** 3 });
    expect(roomy.plan({ kind: 'fcnGrid', trainSide: 224, testSide: 4096 }).bytes).toBe(a! + b! + c!);
    // The quiz's own sizes (224 and 448 px) stay cheap and run in the light lane: three passes,
    // each under 64 MiB (the calibration's slack of about 28 MiB a pass included).
    const small = service({ memoryBudgetBytes: 1024 ** 3 }).plan({ kind: 'fcnGrid' });
    expect(small.bytes).toBeLessThan(3 * 64 * 1024 ** 2);
    expect(small.lane).toBe('light');
    expect(
      refusal(() => service({ memoryBudgetBytes: 1024 ** 3 }).plan({ kind: 'fcnGrid', testSide: 4096 })).code,
    ).toBe('model_too_large');
  });
});

describe('the output-stride measurement is charged both its passes, one after the other on one worker', () => {
  // Hand-made passes (MB for readability): a worker's wasm heap keeps what each pass left and a
  // later pass may not reuse it, so passes add up; ONNX Runtime's share is released after each
  // pass, so the largest share of a paying pass is added once.
  const MB = 1e6;
  const pass = (label: string, tfjs: number, onnx: number, onnxPays: boolean): PassCharge => ({
    label,
    tfjsBytes: tfjs * MB,
    onnxBytes: onnx * MB,
    onnxPays,
  });
  const passes = [pass('the pass at 100 px', 300, 400, true), pass('the pass at 164 px', 500, 700, true)];
  const charge = { passes, report: undefined, pastWasmCeiling: false };

  test('sequentialBytes: 300 + 500 = 800 MB; one pass is its own figure; none is 0', () => {
    expect(sequentialBytes(passes)).toBe(800 * MB);
    expect(sequentialBytes(passes.slice(1))).toBe(500 * MB);
    expect(sequentialBytes([])).toBe(0);
  });

  test('chargeWithin: both engines when 800 + max(400, 700) = 1,500 MB fit, else TensorFlow.js alone', () => {
    const label = 'its 2 passes one after the other (the pass at 100 px, then the pass at 164 px)';
    expect(chargeWithin(charge, 1500 * MB)).toEqual({ bytes: 1500 * MB, allowOnnx: true, label });
    expect(chargeWithin(charge, 1500 * MB - 1)).toEqual({ bytes: 800 * MB, allowOnnx: false, label });
    // ONNX Runtime pays on the first pass only: 800 + 400 = 1,200 MB.
    const firstPays = { ...charge, passes: [passes[0]!, { ...passes[1]!, onnxPays: false }] };
    expect(chargeWithin(firstPays, 1200 * MB)).toMatchObject({ bytes: 1200 * MB, allowOnnx: true });
    // One pass is named as itself.
    expect(chargeWithin({ ...charge, passes: [passes[1]!] }, 0).label).toBe('the pass at 164 px');
  });

  test('resnet50 at 512 px: the passes at 512 and 512 + 2 × 32 = 576 px are charged together', () => {
    const request = { kind: 'outputStride', architecture: 'resnet50', inputSide: 512 } as MeasurementRequest;
    const charge = requestCharge(request);
    expect(charge.passes.map((p) => p.label)).toEqual(['the pass at 512 px', 'the pass at 576 px']);
    const [first, second] = charge.passes;
    expect(second!.tfjsBytes).toBeGreaterThan(first!.tfjsBytes);
    // Room for both passes less one byte: refused, although the larger pass alone fits with room to
    // spare, as the second pass does not reuse the heap the first left (admission.ts, sequentialBytes).
    const tight = service({ memoryBudgetBytes: FIXED + first!.tfjsBytes + second!.tfjsBytes - 1 });
    const error = refusal(() => tight.plan(request));
    expect(error.code).toBe('model_too_large');
    expect(error.message).toContain(
      'for its 2 passes one after the other (the pass at 512 px, then the pass at 576 px)',
    );
    expect(error.context).toMatchObject({ estimateBytes: first!.tfjsBytes + second!.tfjsBytes });
    // Room for both exactly: admitted on TensorFlow.js alone, charged the sum.
    const both = service({ memoryBudgetBytes: FIXED + first!.tfjsBytes + second!.tfjsBytes });
    expect(both.plan(request)).toMatchObject({
      bytes: first!.tfjsBytes + second!.tfjsBytes,
      allowOnnx: false,
    });
  });
});

describe('ONNX Runtime beside TensorFlow.js (stop 31: its activations charged the step peak, not the whole pass again)', () => {
  test('ResNet-50 at 852 px: charged over the 1.56 GB the real service peaked at (stop 30, memory-estimate.ts)', () => {
    const charge = requestCharge({ kind: 'outputStride', architecture: 'resnet50', inputSide: 852 });
    const { bytes, allowOnnx } = chargeWithin(charge, Number.MAX_SAFE_INTEGER);
    expect(allowOnnx).toBe(true);
    // 1.56 GB rounded: the peak was under 1,565,000,000 bytes. The charge: both passes, ONNX
    // Runtime's larger share, and the baselines of the process and the one worker that ran it.
    expect(bytes + PROCESS_BASELINE_BYTES + WORKER_BASELINE_BYTES).toBeGreaterThanOrEqual(1_565_000_000);
  });
});

describe('a refusal names the largest side the budget admits', () => {
  test.each(['lenet5', 'alexnet', 'vgg16'])(
    '%s at 4096 px under 1 GiB: the named side is admitted, one more is not',
    (architecture) => {
      const quiz = service({ memoryBudgetBytes: 1024 ** 3 });
      const error = refusal(() => quiz.plan({ kind: 'outputStride', architecture, inputSide: 4096 }));
      const match = /the largest this budget admits for \S+ is (\d+)$/.exec(error.message);
      expect(match, error.message).not.toBeNull();
      const side = Number(match![1]);
      expect(error.context).toMatchObject({ largestAdmittedSide: side });
      expect(() => quiz.plan({ kind: 'outputStride', architecture, inputSide: side })).not.toThrow();
      expect(() => quiz.plan({ kind: 'outputStride', architecture, inputSide: side + 1 })).toThrow(QuizError);
    },
  );

  test('a budget that leaves no room for any side says so', () => {
    const error = refusal(() =>
      service({ memoryBudgetBytes: FIXED + 1024 }).plan({
        kind: 'outputStride',
        architecture: 'vgg16',
        inputSide: 64,
      }),
    );
    expect(error.message).toMatch(/no input side of vgg16 fits this budget$/);
  });
});

/** A worker stand-in the test drives: each run waits until the test finishes it. */
function controllableWorker() {
  const runs: { lane: Lane; request: MeasurementRequest; finish: () => void }[] = [];
  const runOnWorker = (lane: Lane, request: MeasurementRequest) =>
    new Promise<WorkerReply>((resolve) => {
      runs.push({
        lane,
        request,
        finish: () =>
          resolve({
            ok: true,
            measurement: {
              request,
              measured: 1,
              theory: 1,
              unit: 'ratio',
              details: [],
              backend: 'test',
              engine: 'tfjs',
              elapsedMs: 1,
            },
            wasmHeapBytes: 0,
          }),
      });
    });
  return { runs, runOnWorker };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the budget bounds the process: both lanes share one ledger', () => {
  const heavyRequest = { kind: 'outputStride', architecture: 'alexnet', inputSide: 1500 } as const;
  const lightRequest = { kind: 'outputStride', architecture: 'lenet5', inputSide: 600 } as const;

  test('a light run that does not fit beside a heavy one waits for it, and is told so', async () => {
    const probe = service();
    const h = probe.plan(heavyRequest);
    const l = probe.plan(lightRequest);
    expect([h.lane, l.lane]).toEqual(['heavy', 'light']);
    const worker = controllableWorker();
    // Each fits alone; together they pass the budget by one byte.
    const quiz = service({
      memoryBudgetBytes: FIXED + h.bytes + l.bytes - 1,
      runOnWorker: worker.runOnWorker,
    });
    const queued: { lane: Lane }[] = [];
    const heavyRun = quiz.measure(heavyRequest);
    await tick();
    const lightRun = quiz.measure(lightRequest, { onQueued: (info) => queued.push(info) });
    await tick();
    expect(worker.runs.map((r) => r.lane)).toEqual(['heavy']);
    expect(queued).toEqual([{ lane: 'light', ahead: 1 }]);
    expect(quiz.memory().usedBytes).toBe(FIXED + h.bytes);
    worker.runs[0]!.finish();
    await heavyRun;
    await tick();
    expect(worker.runs.map((r) => r.lane)).toEqual(['heavy', 'light']);
    worker.runs[1]!.finish();
    expect((await lightRun).queuedMs).toBeGreaterThan(0);
    expect(quiz.memory().usedBytes).toBe(FIXED);
  });

  test('with room for both they run side by side', async () => {
    const probe = service();
    const h = probe.plan(heavyRequest);
    const l = probe.plan(lightRequest);
    const worker = controllableWorker();
    const quiz = service({ memoryBudgetBytes: FIXED + h.bytes + l.bytes, runOnWorker: worker.runOnWorker });
    const runs = [quiz.measure(heavyRequest), quiz.measure(lightRequest)];
    await tick();
    expect(worker.runs.map((r) => r.lane)).toEqual(['heavy', 'light']);
    expect(quiz.memory().usedBytes).toBe(FIXED + h.bytes + l.bytes);
    for (const run of worker.runs) run.finish();
    await Promise.all(runs);
  });
});
