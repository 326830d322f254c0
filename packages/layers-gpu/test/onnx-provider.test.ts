import { describe, expect, test } from 'vitest';
import { chooseExecutionProvider, createOnnxSession, type GpuFacts } from '../src/onnx/index';

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
