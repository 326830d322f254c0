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
 * Calibration: peak RSS of one image through outputStride on the wasm backend.
 *   issue 12 (/usr/bin/time -v): xception 2682² died at 4.0 GB (peak activations 1,967 MiB);
 *     resnet152 3156²: 3.99 GB (1,824 MiB); vgg16 2019²: 2.65 GB (1,990 MiB);
 *   apps/quiz-bot bench/rss-probe.ts (RSS sampled every 5 ms, from source): mobilenet 1316²:
 *     931 MiB (211 MiB), mobilenet 1704²: 1,409 MiB (354 MiB), resnet50 852²: 978 MiB (133 MiB);
 *     348 MiB before the run.
 * Beyond baseline, slack and weights, the worst case needs 2.17 × its peak activations (mobilenet
 * 1704², whose depthwise layers keep padded copies); big plain stacks need about 1.5 ×. The
 * constants below cover every case with a margin.
 *   Large kernels on large maps (issue 22): the largest convolution's indirection buffer (one 4-byte
 * pointer per output pixel and kernel tap, `memory.inference.kernelTapBytes`) is allocated on top of
 * the activations. Without it, LeNet-5 (no classifier) at 4,052² was estimated at 2,147 MB and
 * peaked at 3,618 MB (apps/quiz-bot bench/memory-calibration.json, VmHWM of a fresh process); the
 * buffer itself, 4,048² × 25 × 4 = 1,639 MB, closes the gap (3,786 MB). Over the 43 passes of that
 * calibration (every registry network, sides up to 4,096) no peak then passes this estimate.
 *   Every convolution's buffer, not the largest (stop 31): the backend keeps each convolution's
 * XNNPACK operator, its indirection buffer included, until the weights are disposed, so a pass
 * ends holding all of them (`memory.inference.allKernelTapBytes`, the same per-layer rule,
 * `indirectionBufferBytes`, as the quiz bot's estimate). Counting only the largest, an exercise-2
 * network of three 7×7 convolutions at stride 1 on a 2,048-px image (1, 2 and 4 filters) was
 * estimated at 1.74 GB and peaked at 2.87 GB (apps/quiz-bot bench/memory-calibration.json, row
 * "exercise2/k7/f1,2,4/s1 2048"); with all three buffers (2.47 GB) it is estimated at 3.39 GB.
 */

/** Bytes the process holds before any model: Node, TensorFlow.js and its wasm module, the worker thread (measured 348 MiB). */
export const WASM_RUNTIME_BASELINE_BYTES = 384 * 1024 ** 2;
/** Heap growth steps and allocator fragmentation: what a small model costs beyond its tensors. */
export const WASM_HEAP_SLACK_BYTES = 256 * 1024 ** 2;
/** Real activation bytes per byte of shape-math's peak (intermediates, padded copies; the convolutions' indirection buffers are counted apart, {@link WASM_KERNEL_TAP_FACTOR}). */
export const WASM_ACTIVATION_FACTOR = 2.5;
/** Weights are held up to three times: the tensor, XNNPACK's packed copy, and a copy while initialising. */
export const WASM_PARAMETER_FACTOR = 3;
/** The indirection buffers count once: their bytes (`memory.inference.allKernelTapBytes`) are what XNNPACK allocates. */
export const WASM_KERNEL_TAP_FACTOR = 1;
/** wasm32 addresses 4 GiB at most; the heap cannot grow past it, whatever the machine has. */
export const WASM_HEAP_CEILING_BYTES = 4 * 1024 ** 3;

/** What `wasmBackendPeak` returns: the wasm heap and process peaks, and whether the heap fits. */
export interface BackendPeak {
  /** Bytes the wasm heap grows to while the model runs once. */
  readonly wasmHeapBytes: number;
  /** Peak resident memory of the whole process: the heap plus the runtime baseline. */
  readonly processBytes: number;
  /** Whether the heap stays under the 4 GiB wasm32 ceiling (with a 10% margin). */
  readonly fitsWasmHeap: boolean;
}

/**
 * The calibrated peak of one inference run on the wasm backend, from shape-math's report (only
 * its memory estimates are read): slack + 3 × parameters + 2.5 × peak activations + every
 * convolution's indirection buffer (`allKernelTapBytes`), plus the process baseline. `checkMemoryBudget(memory, { estimate: 'wasm-process' })` holds
 * it against a budget.
 */
export function wasmBackendPeak(report: Pick<ModelReport, 'memory'>): BackendPeak {
  const { peakActivationBytes, parameterBytes, allKernelTapBytes } = report.memory.inference;
  const wasmHeapBytes = Math.ceil(
    WASM_HEAP_SLACK_BYTES +
      WASM_PARAMETER_FACTOR * parameterBytes +
      WASM_ACTIVATION_FACTOR * peakActivationBytes +
      WASM_KERNEL_TAP_FACTOR * allKernelTapBytes,
  );
  return {
    wasmHeapBytes,
    processBytes: WASM_RUNTIME_BASELINE_BYTES + wasmHeapBytes,
    fitsWasmHeap: wasmHeapBytes <= 0.9 * WASM_HEAP_CEILING_BYTES,
  };
}
