import * as tf from '@tensorflow/tfjs-core';

/*
 * Float32 tensors written in place, in the wasm backend's heap.
 *
 * `tf.tensor(values)` on the wasm backend mallocs heap memory and copies the JavaScript array into
 * it (`BackendWasm.move`); building ResNet-50 copied its 25.6 M drawn weights that way, one array
 * per layer that the garbage collector then frees. Here the tensor's heap memory is allocated first
 * (`makeOutput` without values, as the backend's own kernels allocate their outputs) and the values
 * are written straight into it through a Float32Array view of the heap.
 *
 * A view is valid only until the heap grows (the next malloc may replace the heap's buffer):
 * `tensorFilledInPlace` allocates first and then fills, with no tfjs call in between. On any other
 * backend it falls back to tfjs' own `tf.tensor`.
 */

/** The parts of tfjs-backend-wasm's BackendWasm used here (public methods, not in tfjs-core's typings). */
interface WasmBackendLike {
  makeOutput(shape: number[], dtype: 'float32'): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): Float32Array;
  wasm: { HEAPU8: Uint8Array };
}

function asWasmBackend(backend: unknown): WasmBackendLike | undefined {
  const candidate = backend as Partial<WasmBackendLike> | null | undefined;
  return typeof candidate?.makeOutput === 'function' &&
    typeof candidate.typedArrayFromHeap === 'function' &&
    candidate.wasm?.HEAPU8 instanceof Uint8Array
    ? (candidate as WasmBackendLike)
    : undefined;
}

/**
 * A new float32 tensor of `shape` whose values `fill` writes. On the wasm backend `fill` gets a
 * view of the tensor's own heap memory (no JavaScript array, no copy); elsewhere a fresh
 * Float32Array that becomes the tensor. `fill` must write every element and must not create or dispose tensors.
 */
export function tensorFilledInPlace(shape: readonly number[], fill: (out: Float32Array) => void): tf.Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  const backend = size > 0 ? asWasmBackend(tf.backend()) : undefined;
  if (backend === undefined) {
    const values = new Float32Array(size);
    fill(values);
    return tf.tensor(values, [...shape], 'float32');
  }
  const info = backend.makeOutput([...shape], 'float32');
  const tensor = tf.engine().makeTensorFromTensorInfo(info);
  try {
    // tfjs' malloc'd memory is not zeroed: `fill` writes every element (its contract), so nothing
    // of a freed tensor shows through.
    fill(backend.typedArrayFromHeap(info));
  } catch (error) {
    tensor.dispose();
    throw error;
  }
  return tensor;
}

/**
 * A float32 tensor's values as a view of the wasm backend's heap (no copy), or undefined on any
 * other backend or dtype, or when the tensor is not on the heap. The view is valid only until the
 * next tfjs call (a malloc may replace the heap's buffer): copy out of it at once.
 */
export function wasmHeapValues(tensor: tf.Tensor): Float32Array | undefined {
  const backend = tensor.dtype === 'float32' ? asWasmBackend(tf.backend()) : undefined;
  if (backend === undefined) return undefined;
  try {
    return backend.typedArrayFromHeap(tensor);
  } catch {
    return undefined; // not (yet) on the wasm heap, e.g. made before a backend switch
  }
}

/** The parts of BackendWasm that say where a tensor's memory is and drop what was derived from it. */
interface WasmDataLike {
  refCount(dataId: object): number;
  dataIdMap: { get(dataId: object): { id: number; memoryOffset: number } | undefined };
  wasm: {
    tfjs: { disposeData(id: number): void; registerTensor(id: number, size: number, offset: number): void };
  };
}

/**
 * Rewrites a float32 tensor's values in place, in the wasm heap: `rewrite` gets a view of the
 * tensor's own memory (no copy, no fresh memory) and changes it. Returns false, having done
 * nothing, when that is not safe: on another backend, another dtype, or when the memory is shared
 * with another tensor (a `clone`, a `reshape`), which would change too.
 *
 * The backend derives state from a tensor's values: XNNPACK operators keyed by the tensor's id,
 * holding weights packed from the old values (tfjs-backend-wasm 4.22: conv2d_impl.cc,
 * batch_mat_mul_impl.cc). After the rewrite the tensor's id is deregistered (which deletes those
 * operators, as `dispose` would, without freeing the memory) and registered again at the same
 * memory, so the next kernel packs the new values. `rewrite` must not create or dispose tensors.
 */
export function rewriteInPlace(tensor: tf.Tensor, rewrite: (values: Float32Array) => void): boolean {
  const backend = tensor.dtype === 'float32' ? asWasmBackend(tf.backend()) : undefined;
  if (backend === undefined) return false;
  const internals = backend as unknown as Partial<WasmDataLike>;
  const data = internals.dataIdMap?.get(tensor.dataId);
  if (
    data === undefined ||
    typeof internals.refCount !== 'function' ||
    internals.refCount(tensor.dataId) !== 1 ||
    typeof internals.wasm?.tfjs?.disposeData !== 'function' ||
    typeof internals.wasm.tfjs.registerTensor !== 'function'
  )
    return false;
  rewrite(backend.typedArrayFromHeap(tensor));
  internals.wasm.tfjs.disposeData(data.id);
  internals.wasm.tfjs.registerTensor(data.id, tensor.size, data.memoryOffset);
  return true;
}

/**
 * The wasm backend's own id of a tensor's memory (what its C++ kernels key their XNNPACK operators
 * on), or undefined on any other backend or when the tensor's data is not held by the wasm backend
 * now. The id changes when the data leaves the backend and comes back (a backend switch moves it),
 * which deletes the operators keyed on the old id.
 */
export function wasmTensorId(tensor: tf.Tensor): number | undefined {
  const internals = asWasmBackend(tf.backend()) as unknown as Partial<WasmDataLike> | undefined;
  return internals?.dataIdMap?.get(tensor.dataId)?.id;
}

/*
 * Fresh heap pages, touched ahead in another thread.
 *
 * The first write to a fresh 4 KiB page of the wasm heap costs a page fault (~10 µs on the VMs this
 * was measured on: 100 MB ≈ 0.29 s), paid by whichever thread writes first. Building a model (its
 * weights) and packing XNNPACK's operators (their copies of the weights) write hundreds of MB of
 * fresh heap on the main thread, one core, while the other cores wait. With the threaded wasm
 * build the heap is a SharedArrayBuffer: `warmWasmHeap(bytes)` grows the heap by what is about to
 * be written (malloc then free: the next allocations reuse that block, in address order, as
 * Emscripten's allocator does; measured) and, when the block reaches past the heap's size before
 * the call (fresh memory; a block inside the heap was written before), hands it to a helper thread
 * (`setPageToucher`, started by wasm-threads.ts), which writes one byte per page with
 * `Atomics.add(…, 0)`: a write, so the page is made present, that changes no value even where the
 * main thread writes the same byte at the same moment. The faults are the same in number; they are
 * taken on another core, ahead of the main thread.
 */

/** Touches the pages of `heap` from `start` to `end` (bytes) in another thread, without waiting. */
export type PageToucher = (heap: SharedArrayBuffer, start: number, end: number) => void;

let pageToucher: PageToucher | undefined;

/** Sets (or, with undefined, removes) the helper that touches fresh heap pages ahead (see above). */
export function setPageToucher(toucher: PageToucher | undefined): void {
  pageToucher = toucher;
}

interface WasmAllocatorLike {
  HEAPU8: Uint8Array;
  _malloc(bytes: number): number;
  _free(pointer: number): void;
}

/**
 * Asks the helper thread to touch the fresh part of the `bytes` of heap the next allocations will
 * use (see above). Returns whether it did: false without a helper (single-threaded build, another
 * backend), when the heap cannot grow that far, or when the block lies within the heap as it was
 * (nothing fresh). No value in the heap changes.
 */
export function warmWasmHeap(bytes: number): boolean {
  if (pageToucher === undefined || !(bytes > 0)) return false;
  const wasm = asWasmBackend(tf.backend())?.wasm as Partial<WasmAllocatorLike> | undefined;
  if (typeof wasm?._malloc !== 'function' || typeof wasm._free !== 'function') return false;
  if (!(wasm.HEAPU8?.buffer instanceof SharedArrayBuffer)) return false;
  // A block within the heap as it was (a long-lived process whose heap has room) lies in memory
  // written before: touching it would gain nothing. One that reaches past it was carved from the
  // top of the heap, fresh but for its start (the top's slack is fresh too, and touching memory
  // written before costs little).
  const heapBytesBefore = wasm.HEAPU8.length;
  const start = wasm._malloc(Math.ceil(bytes));
  if (start === 0) return false;
  wasm._free(start);
  const end = start + Math.ceil(bytes);
  if (end <= heapBytesBefore) return false;
  pageToucher(wasm.HEAPU8.buffer as SharedArrayBuffer, start, end);
  return true;
}
