import * as tf from '@tensorflow/tfjs-core';
import { registerBatchNormTrainingKernels } from './batch-norm-training';

/*
 * The wasm backend of TensorFlow.js 4.x has forward convolutions but no kernel for the gradient
 * of Conv2D's filter, so `model.fit` on a conv net fails there with "kernel not registered".
 * These kernels fill the gap, and replace a few slow wasm kernels that training leans on (the
 * input gradient of Conv2D; Tile, Sum and Mean as batch norm's gradient uses them) by the same
 * arithmetic on faster paths. They are registered by an explicit call (initBackend does it),
 * never as an import side effect.
 */

type KernelInputs = Record<string, tf.TensorInfo> | tf.TensorInfo[];
/** What tfjs hands a kernel function. */
interface KernelCall {
  inputs: KernelInputs;
  backend: tf.KernelBackend;
  attrs?: tf.NamedAttrMap;
}
type Backend = tf.KernelBackend & {
  readSync(dataId: tf.DataId): tf.backend_util.BackendValues;
  write(values: tf.backend_util.BackendValues, shape: number[], dtype: tf.DataType): tf.DataId;
  disposeData(dataId: tf.DataId, force?: boolean): boolean;
};

function runKernel(name: string, backend: Backend, inputs: KernelInputs, attrs: object = {}): tf.TensorInfo {
  const kernel = tf.getKernel(name, 'wasm');
  if (kernel === undefined) throw new Error(`wasm kernel ${name} is not registered`);
  return kernel.kernelFunc({
    inputs: inputs as tf.NamedTensorInfoMap,
    backend,
    attrs: attrs as tf.NamedAttrMap,
  }) as tf.TensorInfo;
}

/** Backend-level helpers that track temporaries so every kernel frees what it made. */
class Scratch {
  private readonly temporaries: tf.TensorInfo[] = [];
  constructor(readonly backend: Backend) {}
  run(name: string, inputs: KernelInputs, attrs: object = {}): tf.TensorInfo {
    const out = runKernel(name, this.backend, inputs, attrs);
    this.temporaries.push(out);
    return out;
  }
  reshape(x: tf.TensorInfo, shape: number[]): tf.TensorInfo {
    return this.run('Reshape', { x }, { shape });
  }
  transpose(x: tf.TensorInfo, perm: number[]): tf.TensorInfo {
    return this.run('Transpose', { x }, { perm });
  }
  slice(x: tf.TensorInfo, begin: number[], end: number[], strides: number[]): tf.TensorInfo {
    return this.run(
      'StridedSlice',
      { x },
      { begin, end, strides, beginMask: 0, endMask: 0, ellipsisMask: 0, newAxisMask: 0, shrinkAxisMask: 0 },
    );
  }
  /** Runs the last step outside the scratch list, so its result survives dispose(). */
  result(name: string, inputs: KernelInputs, attrs: object = {}): tf.TensorInfo {
    return runKernel(name, this.backend, inputs, attrs);
  }
  dispose(): void {
    for (const t of this.temporaries) this.backend.disposeData(t.dataId);
  }
}

function convInfo(
  xShape: number[],
  filterShape: number[],
  attrs: tf.Conv2DBackpropFilterAttrs | tf.Conv2DBackpropInputAttrs,
) {
  if (attrs.dataFormat !== 'NHWC')
    throw new Error(`wasm training kernels support NHWC only, got ${attrs.dataFormat}`);
  return tf.backend_util.computeConv2DInfo(
    xShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    'channelsLast',
  );
}

/**
 * dW[kh, kw, ci, co] = Σ_{b, oh, ow} x_padded[b, oh·sh + kh, ow·sw + kw, ci] · dy[b, oh, ow, co],
 * which is itself a convolution: swap the batch and channel axes of x (ci becomes the batch, b the
 * channels), use dy as a filter of size outH × outW dilated by the stride, and the output is the
 * kh × kw × co gradient for each ci. One forward Conv2D on XNNPACK does all of it; slicing and
 * im2col in wasm are much slower (measured: 4.5 s against 1.1 s on exercise 2's second layer).
 */
function conv2DBackpropFilter({ inputs, backend, attrs }: KernelCall): tf.TensorInfo {
  const { x, dy } = inputs as unknown as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const settings = attrs as unknown as tf.Conv2DBackpropFilterAttrs;
  const info = convInfo(x.shape, settings.filterShape, settings);
  const {
    inHeight,
    inWidth,
    outHeight,
    outWidth,
    filterHeight,
    filterWidth,
    strideHeight,
    strideWidth,
    padInfo,
  } = info;
  const scratch = new Scratch(backend as Backend);
  try {
    // Rows the windows reach: (out − 1)·stride + kernel, from the top padding on.
    const reachHeight = (outHeight - 1) * strideHeight + filterHeight;
    const reachWidth = (outWidth - 1) * strideWidth + filterWidth;
    // The padding goes to the convolution (XNNPACK pads as it reads) instead of a padded copy of x.
    const xT = scratch.transpose(x, [3, 1, 2, 0]); // [ci, H, W, b]
    const dyT = scratch.transpose(dy, [1, 2, 0, 3]); // [outH, outW, b, co]
    const conv = scratch.run(
      'Conv2D',
      { x: xT, filter: dyT },
      {
        strides: [1, 1],
        pad: [
          [0, 0],
          [padInfo.top, Math.max(0, reachHeight - inHeight - padInfo.top)],
          [padInfo.left, Math.max(0, reachWidth - inWidth - padInfo.left)],
          [0, 0],
        ],
        dataFormat: 'NHWC',
        dilations: [strideHeight, strideWidth],
      },
    ); // [ci, ≥kh, ≥kw, co]: rows past the reach (unused input) give extra outputs we drop
    const exact =
      conv.shape[1] === filterHeight && conv.shape[2] === filterWidth
        ? conv
        : scratch.slice(
            conv,
            [0, 0, 0, 0],
            [conv.shape[0]!, filterHeight, filterWidth, conv.shape[3]!],
            [1, 1, 1, 1],
          );
    return scratch.result('Transpose', { x: exact }, { perm: [1, 2, 0, 3] });
  } finally {
    scratch.dispose();
  }
}

/**
 * dx[i] = Σ_{o, k : o·s + k − pad = i} dy[o] · w[k]. Split by the phase r = (i + pad) mod s: each
 * phase only meets the taps k ≡ r (mod s), so it is a stride-1 correlation of dy with the flipped
 * sub-kernel w[r::s] (in and out channels swapped). The s_h·s_w phase results are interleaved back
 * into rows and columns. Same multiply count as the forward conv, all on XNNPACK; tfjs' own wasm
 * kernel is a plain loop (4 s against 0.6 s on exercise 2's second layer, measured).
 */
function makeConv2DBackpropInput(original: tf.KernelFunc | undefined) {
  return ({ inputs, backend, attrs }: KernelCall): tf.TensorInfo => {
    const { dy, filter } = inputs as unknown as { dy: tf.TensorInfo; filter: tf.TensorInfo };
    const settings = attrs as unknown as tf.Conv2DBackpropInputAttrs;
    const info = convInfo(settings.inputShape, filter.shape, settings);
    const {
      batchSize,
      inHeight,
      inWidth,
      inChannels,
      outChannels,
      outHeight,
      outWidth,
      filterHeight,
      filterWidth,
      strideHeight,
      strideWidth,
      padInfo,
    } = info;
    const rows = Math.ceil((inHeight + padInfo.top) / strideHeight);
    const cols = Math.ceil((inWidth + padInfo.left) / strideWidth);
    if ((rows < outHeight || cols < outWidth) && original !== undefined) {
      // Windows that reach only into the bottom padding: rare (explicit pads); keep tfjs' kernel.
      return original({
        inputs: inputs as tf.NamedTensorInfoMap,
        backend,
        ...(attrs === undefined ? {} : { attrs }),
      }) as tf.TensorInfo;
    }
    const scratch = new Scratch(backend as Backend);
    try {
      // Stride 1: one correlation, padded so that its output is dx itself (no crop afterwards).
      const above = filterHeight - 1 - padInfo.top;
      const below = inHeight + padInfo.top - outHeight;
      const before = filterWidth - 1 - padInfo.left;
      const after = inWidth + padInfo.left - outWidth;
      if (strideHeight === 1 && strideWidth === 1 && Math.min(above, below, before, after) >= 0) {
        const kernel = scratch.transpose(
          scratch.run('Reverse', { x: filter }, { dims: [0, 1] }),
          [0, 1, 3, 2],
        );
        return scratch.result(
          'Conv2D',
          { x: dy, filter: kernel },
          {
            strides: [1, 1],
            pad: [
              [0, 0],
              [above, below],
              [before, after],
              [0, 0],
            ],
            dataFormat: 'NHWC',
            dilations: [1, 1],
          },
        );
      }
      const phases: tf.TensorInfo[] = [];
      for (let rh = 0; rh < strideHeight; rh++) {
        for (let rw = 0; rw < strideWidth; rw++) {
          const tapsH = Math.max(0, Math.ceil((filterHeight - rh) / strideHeight));
          const tapsW = Math.max(0, Math.ceil((filterWidth - rw) / strideWidth));
          if (tapsH === 0 || tapsW === 0) {
            phases.push(
              scratch.run(
                'Fill',
                {},
                { shape: [batchSize, rows, cols, inChannels], value: 0, dtype: 'float32' },
              ),
            );
            continue;
          }
          const taps = scratch.slice(
            filter,
            [rh, rw, 0, 0],
            [filterHeight, filterWidth, inChannels, outChannels],
            [strideHeight, strideWidth, 1, 1],
          );
          const kernel = scratch.transpose(
            scratch.run('Reverse', { x: taps }, { dims: [0, 1] }),
            [0, 1, 3, 2],
          ); // [tH, tW, co, ci]
          // dy padded by the convolution itself (XNNPACK pads as it reads): no padded copy of dy.
          const pad: [number, number][] = [
            [0, 0],
            [tapsH - 1, rows - outHeight],
            [tapsW - 1, cols - outWidth],
            [0, 0],
          ];
          phases.push(
            scratch.run(
              'Conv2D',
              { x: dy, filter: kernel },
              { strides: [1, 1], pad, dataFormat: 'NHWC', dilations: [1, 1] },
            ),
          );
        }
      }
      // Interleave with two concatenations on inner axes (columns, then rows): each copies whole
      // contiguous blocks, where one 6-D transpose was 5× slower (measured).
      let interleaved: tf.TensorInfo = phases[0]!;
      if (phases.length > 1) {
        const rowsOfPhases: tf.TensorInfo[] = [];
        for (let rh = 0; rh < strideHeight; rh++) {
          const byColumn = phases
            .slice(rh * strideWidth, (rh + 1) * strideWidth)
            .map((p) => scratch.reshape(p, [batchSize, rows, cols, 1, inChannels]));
          const woven = byColumn.length === 1 ? byColumn[0]! : scratch.run('Concat', byColumn, { axis: 3 });
          rowsOfPhases.push(scratch.reshape(woven, [batchSize, rows, 1, cols * strideWidth, inChannels]));
        }
        const woven =
          rowsOfPhases.length === 1 ? rowsOfPhases[0]! : scratch.run('Concat', rowsOfPhases, { axis: 2 });
        interleaved = scratch.reshape(woven, [
          batchSize,
          rows * strideHeight,
          cols * strideWidth,
          inChannels,
        ]);
      }
      const exact =
        interleaved.shape[1] === inHeight &&
        interleaved.shape[2] === inWidth &&
        padInfo.top === 0 &&
        padInfo.left === 0;
      if (exact) return scratch.result('Identity', { x: interleaved });
      // The crop of the padded rows and columns, copied a row (width × channels values) at a time:
      // tfjs' Slice copies one pixel's channels per array view.
      const heap = backend as HeapBackend;
      const out = heap.makeOutput([batchSize, inHeight, inWidth, inChannels], 'float32');
      const source = heap.typedArrayFromHeap(interleaved);
      const target = heap.typedArrayFromHeap(out);
      const sourceRow = interleaved.shape[2]! * inChannels;
      const run = inWidth * inChannels;
      for (let b = 0; b < batchSize; b++)
        copyRuns(
          source,
          (b * interleaved.shape[1]! + padInfo.top) * sourceRow + padInfo.left * inChannels,
          sourceRow,
          target,
          b * inHeight * run,
          run,
          inHeight,
          run,
        );
      return out;
    } finally {
      scratch.dispose();
    }
  };
}

type HeapBackend = Backend & {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): tf.backend_util.TypedArray;
};

/**
 * Tile, as memory copies on the wasm heap. Batch norm's gradient in tfjs-core tiles the per-channel
 * 1/σ over the whole activation ([1,1,1,C] → [B,H,W,C]), and the wasm kernel computes an index per
 * element: 370 ms for 8×256×256×8 values against 10 ms for a Multiply of the same size (measured),
 * 2.3 s of a 7 s U-Net training step. Here each input row is copied once and every repetition is a
 * doubling copyWithin (memmove speed). Strings keep tfjs' kernel.
 */
function makeTile(original: tf.KernelFunc | undefined) {
  return ({ inputs, backend, attrs }: KernelCall): tf.TensorInfo => {
    const { x } = inputs as unknown as { x: tf.TensorInfo };
    const { reps } = attrs as unknown as tf.TileAttrs;
    const heap = backend as HeapBackend;
    if (x.dtype === 'string' || typeof heap.makeOutput !== 'function') {
      if (original === undefined) throw new Error('wasm kernel Tile is not registered');
      return original({
        inputs: inputs as tf.NamedTensorInfoMap,
        backend,
        ...(attrs === undefined ? {} : { attrs }),
      }) as tf.TensorInfo;
    }
    // Merge axes that are not repeated into the contiguous run after them: fewer, longer copies.
    const dims: number[] = [];
    const times: number[] = [];
    x.shape.forEach((size, axis) => {
      const rep = reps[axis] ?? 1;
      if (dims.length > 0 && rep === 1 && times[times.length - 1] === 1) dims[dims.length - 1]! *= size;
      else {
        dims.push(size);
        times.push(rep);
      }
    });
    const out = heap.makeOutput(
      x.shape.map((size, axis) => size * (reps[axis] ?? 1)),
      x.dtype,
    );
    const size = out.shape.reduce((a, b) => a * b, 1);
    if (size === 0) return out;
    // Views taken after the allocation: allocating can grow (and detach) the heap.
    const source = heap.typedArrayFromHeap(x);
    const target = heap.typedArrayFromHeap(out);
    tileInto(source, target, dims, times);
    return out;
  };
}

/** Writes `source` (shape `dims`) repeated `times` along each axis into `target`, row-major. */
function tileInto(
  source: tf.backend_util.TypedArray,
  target: tf.backend_util.TypedArray,
  dims: readonly number[],
  times: readonly number[],
): void {
  const rank = dims.length;
  const sourceStride = new Array<number>(rank);
  const targetStride = new Array<number>(rank); // output values per index of the axis
  let s = 1;
  let t = 1;
  for (let axis = rank - 1; axis >= 0; axis--) {
    sourceStride[axis] = s;
    targetStride[axis] = t;
    s *= dims[axis]!;
    t *= dims[axis]! * times[axis]!;
  }
  const repeat = (start: number, length: number, count: number) => {
    const total = length * count;
    for (let filled = length; filled < total; ) {
      const n = Math.min(filled, total - filled);
      target.copyWithin(start + filled, start, start + n);
      filled += n;
    }
  };
  const fill = (axis: number, from: number, to: number): void => {
    const size = dims[axis]!;
    if (axis === rank - 1) target.set(source.subarray(from, from + size), to);
    else
      for (let i = 0; i < size; i++)
        fill(axis + 1, from + i * sourceStride[axis]!, to + i * targetStride[axis]!);
    repeat(to, size * targetStride[axis]!, times[axis]!);
  };
  fill(0, 0, 0);
}

/**
 * Sum and Mean over the leading axes (batch, rows, columns: what every per-channel reduction in
 * batch norm and in a bias gradient asks for), as one matrix product: x viewed as [N, C],
 * transposed, times a column of N ones (or 1/N). tfjs' wasm kernels first transpose the reduced
 * axes to the end and then loop: 10 ms on a fresh 8×256×256×8 map, against 5 ms for the product
 * on XNNPACK (measured). The column must be the product's second operand: XNNPACK repacks that one
 * ("the weights") on every call with a new tensor, and repacking x took 21 ms. Other axes, and
 * integer sums, keep tfjs' kernel.
 */
function makeLeadingAxesReduction(name: 'Sum' | 'Mean', original: tf.KernelFunc | undefined) {
  return ({ inputs, backend, attrs }: KernelCall): tf.TensorInfo => {
    const { x } = inputs as unknown as { x: tf.TensorInfo };
    const { axis, keepDims } = attrs as unknown as tf.SumAttrs;
    const rank = x.shape.length;
    const axes = [...new Set(tf.util.parseAxisParam(axis, x.shape))].sort((a, b) => a - b);
    const leading = axes.length > 0 && axes.length < rank && axes.every((a, i) => a === i);
    const rows = x.shape.slice(0, axes.length).reduce((a, b) => a * b, 1);
    const kept = x.shape.slice(axes.length);
    const columns = kept.reduce((a, b) => a * b, 1);
    if (x.dtype !== 'float32' || !leading || rows < 2 || columns === 0) {
      if (original === undefined) throw new Error(`wasm kernel ${name} is not registered`);
      return original({
        inputs: inputs as tf.NamedTensorInfoMap,
        backend,
        ...(attrs === undefined ? {} : { attrs }),
      }) as tf.TensorInfo;
    }
    const scratch = new Scratch(backend as Backend);
    try {
      const weights = scratch.run(
        'Fill',
        {},
        { shape: [1, rows, 1], value: name === 'Mean' ? 1 / rows : 1, dtype: 'float32' },
      );
      const product = scratch.run(
        'BatchMatMul',
        { a: scratch.reshape(x, [1, rows, columns]), b: weights },
        { transposeA: true, transposeB: false },
      ); // [1, columns, 1]
      const shape = keepDims ? [...axes.map(() => 1), ...kept] : kept;
      return scratch.result('Reshape', { x: product }, { shape });
    } finally {
      scratch.dispose();
    }
  };
}

/**
 * Copies `rows` runs of `run` values from `source` (one run every `sourceStride` values from
 * `sourceStart`) to `target` (every `targetStride` from `targetStart`). Short runs (a few channels
 * of an NHWC map) are copied by a plain loop: one `subarray` + `set` per run, as tfjs' wasm Concat
 * and Slice do, costs a view allocation per pixel.
 */
function copyRuns(
  source: tf.backend_util.TypedArray,
  sourceStart: number,
  sourceStride: number,
  target: tf.backend_util.TypedArray,
  targetStart: number,
  targetStride: number,
  rows: number,
  run: number,
): void {
  if (run >= 64) {
    for (let r = 0; r < rows; r++) {
      const from = sourceStart + r * sourceStride;
      target.set(source.subarray(from, from + run), targetStart + r * targetStride);
    }
    return;
  }
  for (let r = 0; r < rows; r++) {
    const from = sourceStart + r * sourceStride;
    const to = targetStart + r * targetStride;
    for (let k = 0; k < run; k++) target[to + k] = source[from + k]!;
  }
}

const sizeOf = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** Calls tfjs' own kernel (kept for the cases a replacement does not cover). */
function callOriginal(name: string, original: tf.KernelFunc | undefined, call: KernelCall) {
  if (original === undefined) throw new Error(`wasm kernel ${name} is not registered`);
  return original({
    inputs: call.inputs as tf.NamedTensorInfoMap,
    backend: call.backend,
    ...(call.attrs === undefined ? {} : { attrs: call.attrs }),
  });
}

/**
 * Concat of numeric tensors: per input, its rows (the axes before `axis`) are copied into their
 * place in the output with `copyRuns`. The U-Net's skip connections concatenate on the channel
 * axis (runs of 8–64 values per pixel) and the input gradient of a strided convolution interleaves
 * its phases the same way; tfjs' wasm kernel makes a view per run. Strings and single non-empty
 * inputs keep tfjs' kernel.
 */
function makeConcat(original: tf.KernelFunc | undefined) {
  return (call: KernelCall): tf.TensorInfo | tf.TensorInfo[] => {
    const list = (Array.isArray(call.inputs) ? call.inputs : Object.values(call.inputs)) as tf.TensorInfo[];
    const heap = call.backend as HeapBackend;
    const nonEmpty = list.filter((t) => sizeOf(t.shape) > 0);
    if (nonEmpty.length < 2 || list[0]!.dtype === 'string' || typeof heap.makeOutput !== 'function')
      return callOriginal('Concat', original, call);
    const shapes = list.map((t) => t.shape);
    const axis = tf.util.parseAxisParam((call.attrs as unknown as tf.ConcatAttrs).axis, shapes[0]!)[0]!;
    tf.backend_util.assertParamsConsistent(shapes, axis);
    const out = heap.makeOutput(tf.backend_util.computeOutShape(shapes, axis), list[0]!.dtype);
    const rows = sizeOf(out.shape.slice(0, axis));
    const runs = nonEmpty.map((t) => sizeOf(t.shape.slice(axis)));
    const width = runs.reduce((a, b) => a + b, 0);
    // Views taken after the allocation: allocating can grow (and detach) the heap.
    const target = heap.typedArrayFromHeap(out);
    let offset = 0;
    nonEmpty.forEach((input, i) => {
      copyRuns(heap.typedArrayFromHeap(input), 0, runs[i]!, target, offset, width, rows, runs[i]!);
      offset += runs[i]!;
    });
    return out;
  };
}

/**
 * SplitV (what Concat's gradient and `tf.split` run) as one pass of `copyRuns` per part. tfjs'
 * wasm kernel slices each part, and its Slice makes a view per pixel when the split is on the
 * channel axis: 8 % of a U-Net training step for 4 calls (measured). Strings keep tfjs' kernel.
 */
function makeSplitV(original: tf.KernelFunc | undefined) {
  return (call: KernelCall): tf.TensorInfo | tf.TensorInfo[] => {
    const { x } = call.inputs as unknown as { x: tf.TensorInfo };
    const heap = call.backend as HeapBackend;
    if (x.dtype === 'string' || typeof heap.makeOutput !== 'function')
      return callOriginal('SplitV', original, call);
    const { numOrSizeSplits, axis } = call.attrs as unknown as tf.SplitVAttrs;
    const along = tf.util.parseAxisParam(axis, x.shape)[0]!;
    const sizes = tf.backend_util.prepareSplitSize(x, numOrSizeSplits, along);
    const rows = sizeOf(x.shape.slice(0, along));
    const inner = sizeOf(x.shape.slice(along + 1));
    const width = x.shape[along]! * inner;
    const outs = sizes.map((size) =>
      heap.makeOutput(
        x.shape.map((d, i) => (i === along ? size : d)),
        x.dtype,
      ),
    );
    // Views taken after every allocation: allocating can grow (and detach) the heap.
    const source = heap.typedArrayFromHeap(x);
    let offset = 0;
    outs.forEach((out, i) => {
      const run = sizes[i]! * inner;
      if (run > 0 && rows > 0)
        copyRuns(source, offset, width, heap.typedArrayFromHeap(out), 0, run, rows, run);
      offset += run;
    });
    return outs;
  };
}

/** Whether `small` broadcast against `full` repeats it whole along the leading axes (a bias, a scalar). */
function cyclesOver(small: readonly number[], full: readonly number[]): boolean {
  if (small.length > full.length) return false;
  const offset = full.length - small.length;
  let trailing = true; // from the last axis back: equal sizes, then only 1s
  for (let i = full.length - 1; i >= 0; i--) {
    const size = i < offset ? 1 : small[i - offset]!;
    if (trailing && size === full[i]) continue;
    trailing = false;
    if (size !== 1) return false;
  }
  return true;
}

/**
 * Add, Sub, Multiply and RealDiv of float32 tensors where one operand is a per-channel vector (or
 * a scalar) broadcast over the other, e.g. [8] or [1,1,1,8] against [8,256,256,8]: batch norm's
 * forward and gradient do this about 150 times a U-Net step. tfjs' wasm kernel takes a general
 * broadcasting path there, 6–7× slower than the same operation on two full tensors (measured:
 * 60 ms against 8 ms). Here the vector is first repeated to the full shape by doubling memory copies
 * (as in Tile; a JavaScript loop applying the operation measured 15–25 ms), then tfjs' own kernel
 * runs on two tensors of the same shape, so every value is its float32 result. Other shapes and
 * dtypes go to tfjs' kernel directly.
 */
function makeCyclicBinary(name: 'Add' | 'Sub' | 'Multiply' | 'RealDiv', original: tf.KernelFunc | undefined) {
  return (call: KernelCall): tf.TensorInfo | tf.TensorInfo[] => {
    const { a, b } = call.inputs as unknown as { a: tf.TensorInfo; b: tf.TensorInfo };
    const heap = call.backend as HeapBackend;
    const sizeA = sizeOf(a.shape);
    const sizeB = sizeOf(b.shape);
    const aIsFull = sizeA >= sizeB;
    const [full, small] = aIsFull ? [a, b] : [b, a];
    const period = sizeOf(small.shape);
    if (
      a.dtype !== 'float32' ||
      b.dtype !== 'float32' ||
      typeof heap.makeOutput !== 'function' ||
      sizeA === sizeB ||
      period === 0 ||
      !cyclesOver(small.shape, full.shape)
    )
      return callOriginal(name, original, call);
    const repeated = heap.makeOutput([...full.shape], 'float32');
    try {
      // Views taken after the allocation: allocating can grow (and detach) the heap.
      const target = heap.typedArrayFromHeap(repeated);
      target.set(heap.typedArrayFromHeap(small).subarray(0, period));
      for (let filled = period; filled < target.length; filled *= 2)
        target.copyWithin(filled, 0, Math.min(filled, target.length - filled));
      return callOriginal(name, original, {
        ...call,
        inputs: aIsFull ? { a: full, b: repeated } : { a: repeated, b: full },
      });
    } finally {
      heap.disposeData(repeated.dataId);
    }
  };
}

/**
 * MaxPoolGrad when the windows do not overlap (stride ≥ window, as in a U-Net's 2×2 pooling): each
 * window's gradient goes to its first largest input (row-major, strictly greater, as the cpu
 * kernel's `maxPoolPositions` picks it; a window of only NaN or −∞ passes none), everything else is
 * 0. One pass over the input; tfjs' wasm kernel took 0.3 s for an 8×256×256×8 map against 8 ms for
 * a Multiply of the same size (measured on a busy machine). Overlapping windows, where the cpu
 * kernel sums several contributions in double precision, keep tfjs' kernel.
 */
function makeMaxPoolGrad(original: tf.KernelFunc | undefined) {
  return (call: KernelCall): tf.TensorInfo | tf.TensorInfo[] => {
    const { dy, input } = call.inputs as unknown as { dy: tf.TensorInfo; input: tf.TensorInfo };
    const { filterSize, strides, pad, dimRoundingMode } = call.attrs as unknown as tf.MaxPoolGradAttrs;
    const heap = call.backend as HeapBackend;
    const info = tf.backend_util.computePool2DInfo(
      input.shape as [number, number, number, number],
      filterSize,
      strides,
      1,
      pad,
      dimRoundingMode,
    );
    const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, strideHeight, strideWidth } = info;
    const windowHeight = info.effectiveFilterHeight;
    const windowWidth = info.effectiveFilterWidth;
    if (
      input.dtype !== 'float32' ||
      typeof heap.makeOutput !== 'function' ||
      strideHeight < windowHeight ||
      strideWidth < windowWidth
    )
      return callOriginal('MaxPoolGrad', original, call);
    const out = heap.makeOutput([...input.shape], 'float32');
    // Views taken after the allocation: allocating can grow (and detach) the heap.
    const x = heap.typedArrayFromHeap(input);
    const g = heap.typedArrayFromHeap(dy);
    const dx = heap.typedArrayFromHeap(out);
    dx.fill(0);
    const rowStride = inWidth * inChannels;
    for (let b = 0; b < batchSize; b++) {
      for (let oh = 0; oh < outHeight; oh++) {
        const top = oh * strideHeight - info.padInfo.top;
        const rowFrom = Math.max(0, top);
        const rowTo = Math.min(inHeight, top + windowHeight);
        for (let ow = 0; ow < outWidth; ow++) {
          const left = ow * strideWidth - info.padInfo.left;
          const colFrom = Math.max(0, left);
          const colTo = Math.min(inWidth, left + windowWidth);
          const gradientAt = ((b * outHeight + oh) * outWidth + ow) * inChannels;
          for (let d = 0; d < inChannels; d++) {
            let max = Number.NEGATIVE_INFINITY;
            let at = -1;
            for (let r = rowFrom; r < rowTo; r++) {
              for (let c = colFrom, i = (b * inHeight + r) * rowStride + c * inChannels + d; c < colTo; c++) {
                if (x[i]! > max) {
                  max = x[i]!;
                  at = i;
                }
                i += inChannels;
              }
            }
            // 0 + g as the cpu kernel sums (a −0 gradient becomes +0 there too).
            if (at >= 0) dx[at] = 0 + g[gradientAt + d]!;
          }
        }
      }
    }
    return out;
  };
}

/**
 * Identity shares the input's buffer (one more reference) instead of copying it, as the cpu
 * backend's kernel and the wasm backend's own Reshape do: tensors are never written in place.
 * tfjs-core's gradients call it about 560 times a U-Net training step, 86 of them on maps of 4 M
 * values. Strings keep tfjs' kernel.
 */
function makeIdentity(original: tf.KernelFunc | undefined) {
  return (call: KernelCall): tf.TensorInfo | tf.TensorInfo[] => {
    const { x } = call.inputs as unknown as { x: tf.TensorInfo };
    const backend = call.backend as Backend & { incRef?(dataId: tf.DataId): void };
    if (x.dtype === 'string' || typeof backend.incRef !== 'function')
      return callOriginal('Identity', original, call);
    backend.incRef(x.dataId);
    return { dataId: x.dataId, shape: [...x.shape], dtype: x.dtype };
  };
}

/**
 * Runs a kernel the wasm backend lacks on the cpu backend's implementation, copying the inputs
 * over and the outputs back. Correct but not fast; used for the depthwise gradients, which cost
 * k² multiplies per value, far less than a full convolution.
 */
function delegateToCpu(kernelName: string, cpuBackend: Backend): tf.KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const wasm = backend as Backend;
    const cpuKernel = tf.getKernel(kernelName, 'cpu');
    if (cpuKernel === undefined) throw new Error(`cpu kernel ${kernelName} is not registered`);
    const cpuInputs: Record<string, tf.TensorInfo> = {};
    for (const [key, info] of Object.entries(inputs as Record<string, tf.TensorInfo>)) {
      cpuInputs[key] = {
        dataId: cpuBackend.write(wasm.readSync(info.dataId), info.shape, info.dtype),
        shape: info.shape,
        dtype: info.dtype,
      };
    }
    try {
      const result = cpuKernel.kernelFunc({
        inputs: cpuInputs,
        backend: cpuBackend,
        ...(attrs === undefined ? {} : { attrs }),
      });
      const outputs = Array.isArray(result) ? result : [result];
      const copied = outputs.map((out) => {
        const dataId = wasm.write(cpuBackend.readSync(out.dataId), out.shape, out.dtype);
        cpuBackend.disposeData(out.dataId);
        return { dataId, shape: out.shape, dtype: out.dtype };
      });
      return Array.isArray(result) ? copied : copied[0]!;
    } finally {
      for (const info of Object.values(cpuInputs)) cpuBackend.disposeData(info.dataId);
    }
  };
}

const DELEGATED_TO_CPU = [
  'DepthwiseConv2dNativeBackpropFilter',
  'DepthwiseConv2dNativeBackpropInput',
] as const;

/**
 * Registers, for the wasm backend, the training kernels it lacks; returns the names added
 * (none when they are already there, e.g. a later tfjs version that ships them).
 */
export async function registerWasmTrainingKernels(): Promise<string[]> {
  const added: string[] = [];
  if (tf.getKernel('Conv2DBackpropFilter', 'wasm') === undefined) {
    tf.registerKernel({
      kernelName: 'Conv2DBackpropFilter',
      backendName: 'wasm',
      kernelFunc: conv2DBackpropFilter as tf.KernelFunc,
    });
    added.push('Conv2DBackpropFilter');
  }
  const inputGradient = tf.getKernel('Conv2DBackpropInput', 'wasm');
  if (inputGradient === undefined || !replacedInputGradient.has(inputGradient.kernelFunc)) {
    // tfjs ships a loop-based kernel here; ours runs the same arithmetic as a forward conv.
    if (inputGradient !== undefined) tf.unregisterKernel('Conv2DBackpropInput', 'wasm');
    const replacement = makeConv2DBackpropInput(inputGradient?.kernelFunc) as tf.KernelFunc;
    replacedInputGradient.add(replacement);
    tf.registerKernel({ kernelName: 'Conv2DBackpropInput', backendName: 'wasm', kernelFunc: replacement });
    added.push('Conv2DBackpropInput');
  }
  // Forward kernels that batch norm's gradient and the skip connections lean on (each comment
  // above says what was measured).
  const faster = {
    Tile: makeTile,
    Sum: (original: tf.KernelFunc | undefined) => makeLeadingAxesReduction('Sum', original),
    Mean: (original: tf.KernelFunc | undefined) => makeLeadingAxesReduction('Mean', original),
    Concat: makeConcat,
    SplitV: makeSplitV,
    Multiply: (original: tf.KernelFunc | undefined) => makeCyclicBinary('Multiply', original),
    Add: (original: tf.KernelFunc | undefined) => makeCyclicBinary('Add', original),
    Sub: (original: tf.KernelFunc | undefined) => makeCyclicBinary('Sub', original),
    RealDiv: (original: tf.KernelFunc | undefined) => makeCyclicBinary('RealDiv', original),
    MaxPoolGrad: makeMaxPoolGrad,
    Identity: makeIdentity,
  };
  for (const [name, make] of Object.entries(faster)) {
    const current = tf.getKernel(name, 'wasm');
    if (current !== undefined && replacedForward.has(current.kernelFunc)) continue;
    if (current !== undefined) tf.unregisterKernel(name, 'wasm');
    const replacement = make(current?.kernelFunc) as tf.KernelFunc;
    replacedForward.add(replacement);
    // The original's setup (binding its wasm function) must still run if the backend starts later.
    tf.registerKernel({
      kernelName: name,
      backendName: 'wasm',
      kernelFunc: replacement,
      ...(current?.setupFunc === undefined ? {} : { setupFunc: current.setupFunc }),
    });
    added.push(name);
  }
  // Batch normalization's training pass as two fused kernels (batch-norm-training.ts).
  added.push(...registerBatchNormTrainingKernels());
  const missing = DELEGATED_TO_CPU.filter((name) => tf.getKernel(name, 'wasm') === undefined);
  if (missing.length > 0) {
    // Importing the cpu package registers its kernels (the only way tfjs offers); we keep our own instance.
    const { MathBackendCPU } = await import('@tensorflow/tfjs-backend-cpu');
    const cpuBackend = new MathBackendCPU() as unknown as Backend;
    for (const name of missing) {
      tf.registerKernel({
        kernelName: name,
        backendName: 'wasm',
        kernelFunc: delegateToCpu(name, cpuBackend),
      });
      added.push(name);
    }
  }
  return added;
}

const replacedInputGradient = new WeakSet<tf.KernelFunc>();
const replacedForward = new WeakSet<tf.KernelFunc>();
