import type { ModelReport } from './analyze';

/*
 * What running a model really costs on TensorFlow.js' wasm backend, beyond shape-math's minimum
 * (method (a): the activations alive at once plus the parameters). The backend also holds:
 * - a second copy of every conv/dense weight, packed by XNNPACK for its kernels, kept while the
 *   model lives;
 * - per convolution, an indirection buffer (one pointer per output pixel and kernel tap) and
 *   intermediate tensors (padding, batch-norm and activation outputs) freed only after the next
 *   kernel ran;
 * - allocator slack: the wasm heap grows by steps and never shrinks, and freed blocks of one size
 *   are not always reusable for the next.
 * Outside the wasm heap, the process itself (Node, TensorFlow.js, the worker thread) holds a
 * baseline.
 *
 * Calibration (peak RSS, one image, outputStride runs; `pnpm bench` in apps/quiz-bot re-measures):
 *   xception 2682² (peak activations 1,967 MiB): died at 4.0 GB RSS (the 4 GiB ceiling);
 *   resnet152 3156² (1,824 MiB): 3.99 GB;  vgg16 2019² (1,990 MiB): 2.65 GB.
 * The worst case, (RSS − baseline − 2 × parameters) / peak activations, is 1.8 (resnet152);
 * ACTIVATION_FACTOR = 2 keeps a margin over it.
 */

/** Bytes the process holds before any model: Node, TensorFlow.js and its wasm module, the worker thread. */
export const WASM_RUNTIME_BASELINE_BYTES = 320 * 1024 ** 2;
/** Real activation bytes per byte of shape-math's peak (intermediates, indirection buffers, allocator slack). */
export const WASM_ACTIVATION_FACTOR = 2;
/** Weights are held twice: the tensor and XNNPACK's packed copy. */
export const WASM_PARAMETER_FACTOR = 2;
/** wasm32 addresses 4 GiB at most; the heap cannot grow past it, whatever the machine has. */
export const WASM_HEAP_CEILING_BYTES = 4 * 1024 ** 3;

export interface BackendPeak {
  /** Bytes the wasm heap grows to while the model runs once. */
  readonly wasmHeapBytes: number;
  /** Peak resident memory of the whole process: the heap plus the runtime baseline. */
  readonly processBytes: number;
  /** Whether the heap stays under the 4 GiB wasm32 ceiling (with a 10% margin). */
  readonly fitsWasmHeap: boolean;
}

/** The calibrated peak of one inference run on the wasm backend, from shape-math's report. */
export function wasmBackendPeak(report: ModelReport): BackendPeak {
  const { peakActivationBytes, parameterBytes } = report.memory.inference;
  const wasmHeapBytes = WASM_PARAMETER_FACTOR * parameterBytes + WASM_ACTIVATION_FACTOR * peakActivationBytes;
  return {
    wasmHeapBytes,
    processBytes: WASM_RUNTIME_BASELINE_BYTES + wasmHeapBytes,
    fitsWasmHeap: wasmHeapBytes <= 0.9 * WASM_HEAP_CEILING_BYTES,
  };
}
