import * as tf from '@tensorflow/tfjs-core';

/*
 * Float32 tensors written and read in place, in the wasm backend's heap.
 *
 * `tf.tensor(values)` on the wasm backend mallocs heap memory and copies the JavaScript array into
 * it (`BackendWasm.move`); building ResNet-50 copied its 25.6 M drawn weights that way, one array
 * per layer that the garbage collector then frees. Here the tensor's heap memory is allocated first
 * (`makeOutput` without values, as the backend's own kernels allocate their outputs) and the values
 * are written straight into it through a Float32Array view of the heap. Reading works the same way:
 * a view of a tensor's heap memory, without `dataSync`'s copy.
 *
 * A view is valid only until the heap grows (the next malloc may replace the heap's buffer): each
 * function below allocates first and then fills, with no tfjs call in between. On any other
 * backend the same functions fall back to tfjs' own `tf.tensor` / `dataSync`.
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
 * The values of a float32 tensor without copying them: on the wasm backend a view of its heap
 * memory (valid until the next tfjs call that may allocate), elsewhere `dataSync()`'s array.
 * Read it, never write it.
 */
export function float32ValuesInPlace(tensor: tf.Tensor): Float32Array {
  // The backend that holds the tensor's data (tfjs moves data between backends lazily).
  const holder = (tf.engine().state.tensorInfo.get(tensor.dataId) as { backend?: unknown } | undefined)
    ?.backend;
  const backend = tensor.dtype === 'float32' && tensor.size > 0 ? asWasmBackend(holder) : undefined;
  if (backend === undefined) return tensor.dataSync() as Float32Array;
  return backend.typedArrayFromHeap({ dataId: tensor.dataId, shape: tensor.shape, dtype: 'float32' });
}
