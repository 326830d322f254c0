import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, test } from 'vitest';
import {
  chooseExecutionProvider,
  createOnnxRunner,
  createOnnxSession,
  type GpuFacts,
} from '../src/onnx/index';
import { useDefaultBackend } from './helpers';

/*
 * The GPU execution providers cannot run on the CI machine (no GPU), so their choice is a pure
 * function of the machine's facts, and the session's fallback is driven here through a stand-in
 * ONNX Runtime module that records which providers it was asked for.
 */
const NONE: GpuFacts = { nvidiaGpu: false, cudaProvider: false, renderNode: false };

function fakeOrt(failing: readonly string[]) {
  const asked: string[][] = [];
  const module = {
    InferenceSession: {
      async create(_model: Uint8Array, options: { executionProviders: string[] }) {
        asked.push(options.executionProviders);
        const provider = options.executionProviders[0]!;
        if (failing.includes(provider)) throw new Error(`${provider} provider is not available`);
        return { run: async () => ({}), release: async () => {} };
      },
    },
    Tensor: class {},
    env: { versions: { common: '1.30.0' } },
  };
  return { asked, importModule: async () => module };
}

const model = new Uint8Array([8, 7]); // never parsed: the stand-in only records the providers

beforeAll(async () => {
  await useDefaultBackend(); // createOnnxRunner builds a small tfjs model to export
});

describe('chooseExecutionProvider', () => {
  test.each([
    [{ ...NONE }, 'cpu', /no GPU found/],
    [{ ...NONE, cudaProvider: true }, 'cpu', /no GPU found/],
    [{ ...NONE, nvidiaGpu: true, cudaProvider: true }, 'cuda', /NVIDIA GPU and the CUDA provider/],
    [{ ...NONE, nvidiaGpu: true, cudaProvider: true, renderNode: true }, 'cuda', /CUDA/],
    [{ ...NONE, nvidiaGpu: true }, 'webgpu', /without the CUDA provider installed/],
    [{ ...NONE, renderNode: true }, 'webgpu', /a GPU is present: WebGPU/],
  ] as const)('%o → %s', (facts, provider, reason) => {
    const choice = chooseExecutionProvider(facts);
    expect(choice.provider).toBe(provider);
    expect(choice.reason).toMatch(reason);
  });
});

describe('createOnnxSession picks the provider from the facts and falls back to the CPU', () => {
  test('a GPU with CUDA: the session opens on CUDA and says why', async () => {
    const ort = fakeOrt([]);
    const { report } = await createOnnxSession(model, {
      threads: 1,
      gpu: { ...NONE, nvidiaGpu: true, cudaProvider: true },
      importModule: ort.importModule,
    });
    expect(ort.asked).toEqual([['cuda']]);
    expect(report).toMatchObject({ executionProvider: 'cuda', reason: expect.stringMatching(/CUDA/) });
  });

  test('a GPU provider that fails to open: the CPU, with the failure in the reason', async () => {
    const ort = fakeOrt(['webgpu']);
    const { report } = await createOnnxSession(model, {
      threads: 1,
      gpu: { ...NONE, renderNode: true },
      importModule: ort.importModule,
    });
    expect(ort.asked).toEqual([['webgpu'], ['cpu']]);
    expect(report.executionProvider).toBe('cpu');
    expect(report.reason).toMatch(
      /WebGPU, but that provider failed \(webgpu provider is not available\): CPU/,
    );
  });

  test('a forced provider that fails is an error with a stable code, not a silent fallback', async () => {
    const ort = fakeOrt(['cuda']);
    await expect(
      createOnnxSession(model, { threads: 1, executionProvider: 'cuda', importModule: ort.importModule }),
    ).rejects.toMatchObject({ code: 'backend_unavailable', message: expect.stringMatching(/on cuda/) });
    expect(ort.asked).toEqual([['cuda']]);
  });

  test('no GPU: the CPU, without trying another provider', async () => {
    const ort = fakeOrt([]);
    const { report } = await createOnnxSession(model, {
      threads: 1,
      gpu: NONE,
      importModule: ort.importModule,
    });
    expect(ort.asked).toEqual([['cpu']]);
    expect(report.reason).toBe('no GPU found: CPU');
  });
});

describe('spinning: ONNX Runtime’s session.intra_op.allow_spinning', () => {
  /** A stand-in that records the session options it was opened with. */
  function recordingOrt() {
    const opened: Record<string, unknown>[] = [];
    const module = {
      InferenceSession: {
        async create(_model: Uint8Array, options: Record<string, unknown>) {
          opened.push(options);
          return { run: async () => ({}), release: async () => {} };
        },
      },
      Tensor: class {},
      env: { versions: { common: '1.30.0' } },
    };
    return { opened, importModule: async () => module };
  }
  const allowSpinning = (options: Record<string, unknown>) =>
    (options.extra as { session: { intra_op: { allow_spinning: string } } }).session.intra_op.allow_spinning;

  test('createOnnxSession keeps ONNX Runtime’s default (on) unless asked, and says which in the report', async () => {
    const ort = recordingOrt();
    const plain = await createOnnxSession(model, { threads: 1, gpu: NONE, importModule: ort.importModule });
    const off = await createOnnxSession(model, {
      threads: 1,
      gpu: NONE,
      spinning: false,
      importModule: ort.importModule,
    });
    expect(ort.opened.map(allowSpinning)).toEqual(['1', '0']);
    expect([plain.report.spinning, off.report.spinning]).toEqual([true, false]);
  });

  test('createOnnxRunner (and so prepareInference) opens with spinning off unless asked', async () => {
    const input = tfl.input({ shape: [4, 4, 2] });
    const output = tfl.layers.conv2d({ filters: 2, kernelSize: 3 }).apply(input) as tfl.SymbolicTensor;
    const small = tfl.model({ inputs: input, outputs: output });
    const ort = recordingOrt();
    const byDefault = await createOnnxRunner(small, {
      threads: 1,
      gpu: NONE,
      importModule: ort.importModule,
    });
    const asked = await createOnnxRunner(small, {
      threads: 1,
      gpu: NONE,
      spinning: true,
      importModule: ort.importModule,
    });
    expect(ort.opened.map(allowSpinning)).toEqual(['0', '1']);
    expect([byDefault.report.spinning, asked.report.spinning]).toEqual([false, true]);
  });

  test('a spinning that is not a boolean is refused before ONNX Runtime is loaded', async () => {
    const ort = recordingOrt();
    await expect(
      createOnnxSession(model, { threads: 1, spinning: 'no' as never, importModule: ort.importModule }),
    ).rejects.toMatchObject({ code: 'invalid_options', message: 'spinning "no": must be true or false' });
    expect(ort.opened).toEqual([]);
  });
});
