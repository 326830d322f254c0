import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-layers'; // registers tfjs-core's gradients (tfjs' own side effect)
import { beforeAll, describe, expect, test } from 'vitest';
import { buildModel, exercise2Network } from './fixtures';
import { useDefaultBackend } from './helpers';

beforeAll(async () => {
  const report = await useDefaultBackend();
  expect(report.backend).toBe('wasm');
});

/** Runs `fn` on the cpu backend (the reference implementation) and returns plain numbers. */
async function onCpu(fn: () => tf.Tensor): Promise<Float32Array> {
  await tf.setBackend('cpu');
  try {
    return tf.tidy(() => fn().dataSync() as Float32Array);
  } finally {
    await tf.setBackend('wasm');
  }
}

function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

describe('wasm gradient kernels agree with the cpu backend', () => {
  test.each([
    { input: [2, 9, 11, 3], kernel: [3, 3, 3, 5], strides: 1, padding: 'same' },
    { input: [2, 9, 11, 3], kernel: [3, 3, 3, 5], strides: 2, padding: 'same' },
    { input: [1, 12, 10, 4], kernel: [5, 3, 4, 2], strides: [2, 3], padding: 'valid' },
    { input: [3, 7, 7, 8], kernel: [1, 1, 8, 16], strides: 1, padding: 'valid' },
    { input: [1, 8, 8, 2], kernel: [7, 7, 2, 3], strides: 1, padding: 'valid' },
    { input: [2, 10, 9, 3], kernel: [4, 2, 3, 5], strides: 3, padding: 'valid' },
    { input: [1, 11, 11, 2], kernel: [4, 4, 2, 3], strides: 2, padding: 'same' },
    { input: [2, 9, 8, 3], kernel: [2, 5, 3, 4], strides: 1, padding: 'same' }, // uneven padding
    { input: [1, 7, 10, 2], kernel: [3, 2, 2, 3], strides: [2, 1], padding: 'same' },
  ] as const)(
    'Conv2DBackpropFilter and Conv2DBackpropInput: input $input, kernel $kernel, strides $strides, $padding',
    async ({ input, kernel, strides, padding }) => {
      const xValues = Array.from(tf.randomNormal(input as unknown as number[]).dataSync());
      const fValues = Array.from(tf.randomNormal(kernel as unknown as number[]).dataSync());
      const gradients = () => {
        const x = tf.tensor4d(xValues, input as unknown as [number, number, number, number]);
        const f = tf.tensor4d(fValues, kernel as unknown as [number, number, number, number]);
        const [dx, df] = tf.grads((a: tf.Tensor, w: tf.Tensor) =>
          tf.sum(tf.square(tf.conv2d(a as tf.Tensor4D, w as tf.Tensor4D, strides as number, padding))),
        )([x, f]);
        return tf.concat([tf.reshape(dx!, [-1]), tf.reshape(df!, [-1])]);
      };
      const onWasm = tf.tidy(() => gradients().dataSync() as Float32Array);
      const reference = await onCpu(gradients);
      expect(onWasm.length).toBe(reference.length);
      const scale = Math.max(...Array.from(reference, Math.abs));
      expect(maxAbsDifference(onWasm, reference) / scale).toBeLessThan(1e-5);
    },
  );

  test('depthwise conv gradients (filter and input)', async () => {
    const xValues = Array.from(tf.randomNormal([2, 8, 8, 3]).dataSync());
    const fValues = Array.from(tf.randomNormal([3, 3, 3, 2]).dataSync());
    const gradients = () => {
      const x = tf.tensor4d(xValues, [2, 8, 8, 3]);
      const f = tf.tensor4d(fValues, [3, 3, 3, 2]);
      const [dx, df] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
        tf.sum(tf.square(tf.depthwiseConv2d(a as tf.Tensor4D, b as tf.Tensor4D, 2, 'same'))),
      )([x, f]);
      return tf.concat([tf.reshape(dx!, [-1]), tf.reshape(df!, [-1])]);
    };
    const onWasm = tf.tidy(() => gradients().dataSync() as Float32Array);
    const reference = await onCpu(gradients);
    expect(maxAbsDifference(onWasm, reference)).toBeLessThan(1e-3);
  });

  test.each([
    { shape: [1, 1, 1, 5], reps: [3, 4, 6, 1], dtype: 'float32' },
    { shape: [2, 3], reps: [2, 3], dtype: 'float32' },
    { shape: [4, 1, 3], reps: [1, 5, 1], dtype: 'int32' },
    { shape: [3, 2, 1, 2], reps: [2, 1, 3, 2], dtype: 'bool' },
    { shape: [7], reps: [1], dtype: 'float32' },
    { shape: [2, 0, 3], reps: [2, 2, 2], dtype: 'float32' },
  ] as const)(
    'Tile $shape × $reps ($dtype) copies exactly what the cpu kernel does',
    async ({ shape, reps, dtype }) => {
      const size = (shape as readonly number[]).reduce((a, b) => a * b, 1);
      const values = Array.from({ length: size }, (_, i) => (dtype === 'bool' ? i % 3 === 0 : i * 7 - 11.5));
      const tiled = () =>
        tf.tile(
          tf.tensor(values as number[], shape as unknown as number[], dtype),
          reps as unknown as number[],
        );
      const onWasm = tf.tidy(() => {
        const y = tiled();
        return { shape: y.shape, values: Array.from(y.dataSync()) };
      });
      await tf.setBackend('cpu');
      let reference: { shape: number[]; values: number[] };
      try {
        reference = tf.tidy(() => {
          const y = tiled();
          return { shape: y.shape, values: Array.from(y.dataSync()) };
        });
      } finally {
        await tf.setBackend('wasm');
      }
      expect(onWasm).toEqual(reference);
    },
  );

  test.each([
    { shape: [4, 6, 5, 3], axis: [0, 1, 2], keepDims: false, dtype: 'float32' },
    { shape: [4, 6, 5, 3], axis: [2, 0, 1], keepDims: true, dtype: 'float32' },
    { shape: [7, 9], axis: [0], keepDims: false, dtype: 'float32' },
    { shape: [4, 6, 5, 3], axis: [1, 2], keepDims: false, dtype: 'float32' },
    { shape: [4, 6, 5, 3], axis: [0, 1, 2, 3], keepDims: false, dtype: 'float32' },
    { shape: [5, 4], axis: [0], keepDims: false, dtype: 'int32' },
  ] as const)(
    'Sum and Mean of $shape over $axis (keepDims $keepDims, $dtype) agree with the cpu kernels',
    async ({ shape, axis, keepDims, dtype }) => {
      const size = (shape as readonly number[]).reduce((a, b) => a * b, 1);
      const values = Array.from({ length: size }, (_, i) => ((i * 37) % 23) - 11);
      const reduced = () => {
        const x = tf.tensor(values, shape as unknown as number[], dtype);
        const sum = tf.sum(x, axis as unknown as number[], keepDims);
        const mean = tf.mean(x, axis as unknown as number[], keepDims);
        return {
          shapes: [sum.shape, mean.shape],
          sum: Array.from(sum.dataSync()),
          mean: Array.from(mean.dataSync()),
        };
      };
      const onWasm = tf.tidy(reduced);
      await tf.setBackend('cpu');
      let reference: ReturnType<typeof reduced>;
      try {
        reference = tf.tidy(reduced);
      } finally {
        await tf.setBackend('wasm');
      }
      expect(onWasm.shapes).toEqual(reference.shapes);
      // Integer-valued sums of at most a few hundred terms are exact in float32 whatever the order.
      expect(onWasm.sum).toEqual(reference.sum);
      expect(maxAbsDifference(onWasm.mean, reference.mean)).toBeLessThan(1e-5);
    },
  );

  /** Runs `fn` on wasm and on cpu; returns both results' shapes and values as plain arrays. */
  async function bothBackends(fn: () => tf.Tensor[]) {
    const read = () =>
      tf.tidy(() => fn().map((t) => ({ shape: t.shape, dtype: t.dtype, values: Array.from(t.dataSync()) })));
    const onWasm = read();
    await tf.setBackend('cpu');
    try {
      return { onWasm, reference: read() };
    } finally {
      await tf.setBackend('wasm');
    }
  }

  test.each([
    {
      shapes: [
        [2, 5, 3, 3],
        [2, 5, 3, 5],
      ],
      axis: 3,
      dtype: 'float32',
    }, // a skip connection, short runs
    {
      shapes: [
        [2, 5, 3, 3],
        [2, 5, 3, 5],
        [2, 5, 3, 1],
      ],
      axis: -1,
      dtype: 'int32',
    },
    {
      shapes: [
        [3, 2, 7],
        [3, 4, 7],
      ],
      axis: 1,
      dtype: 'float32',
    },
    {
      shapes: [
        [2, 70],
        [2, 3],
      ],
      axis: 1,
      dtype: 'float32',
    }, // a run past the loop's length (set)
    {
      shapes: [
        [4, 3],
        [1, 3],
      ],
      axis: 0,
      dtype: 'bool',
    },
    {
      shapes: [
        [2, 0, 3],
        [2, 4, 3],
      ],
      axis: 1,
      dtype: 'float32',
    },
  ] as const)(
    'Concat of $shapes on axis $axis ($dtype) copies exactly what the cpu kernel does',
    async ({ shapes, axis, dtype }) => {
      let next = 0;
      const parts = (shapes as unknown as number[][]).map((shape) =>
        Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () =>
          dtype === 'bool' ? next++ % 3 === 0 : ((next++ * 7) % 19) - 9.5,
        ),
      );
      const { onWasm, reference } = await bothBackends(() => [
        tf.concat(
          parts.map((values, i) =>
            tf.tensor(values as number[], (shapes as unknown as number[][])[i], dtype),
          ),
          axis,
        ),
      ]);
      expect(onWasm).toEqual(reference);
    },
  );

  test.each([
    { shape: [2, 5, 3, 8], split: [3, 5], axis: 3, dtype: 'float32' }, // Concat's gradient, short runs
    { shape: [2, 5, 3, 9], split: 3, axis: -1, dtype: 'int32' },
    { shape: [3, 6, 7], split: [1, -1, 2], axis: 1, dtype: 'float32' },
    { shape: [2, 140], split: [70, 70], axis: 1, dtype: 'float32' }, // runs past the loop's length
    { shape: [5, 3], split: [0, 4, 1], axis: 0, dtype: 'bool' },
  ] as const)(
    'SplitV of $shape into $split on axis $axis ($dtype) copies exactly what the cpu kernel does',
    async ({ shape, split, axis, dtype }) => {
      const size = (shape as readonly number[]).reduce((a, b) => a * b, 1);
      const values = Array.from({ length: size }, (_, i) => (dtype === 'bool' ? i % 4 === 1 : i * 3 - 40.25));
      const { onWasm, reference } = await bothBackends(() =>
        tf.split(
          tf.tensor(values as number[], shape as unknown as number[], dtype),
          split as unknown as number[],
          axis,
        ),
      );
      expect(onWasm).toEqual(reference);
    },
  );

  test.each([
    { a: [2, 5, 3, 7], b: [7] }, // a per-channel vector (batch norm's scale), odd sizes
    { a: [1, 1, 1, 7], b: [2, 5, 3, 7] }, // the vector first (order matters for Sub and RealDiv)
    { a: [3, 4, 5], b: [4, 5] }, // more than the last axis
    { a: [3, 4, 5], b: [] }, // a scalar
    { a: [1], b: [6, 2] },
    { a: [6, 1], b: [1, 5] }, // not a cycle: both broadcast (tfjs' kernel)
    { a: [4, 3], b: [4, 1] }, // not a cycle: a column (tfjs' kernel)
    { a: [4, 3], b: [4, 3] }, // same shapes (tfjs' kernel)
  ] as const)(
    "Add, Sub, Multiply and RealDiv of $a and $b give the cpu kernels' values exactly",
    async ({ a, b }) => {
      const random = (shape: readonly number[]) =>
        Array.from(tf.randomNormal(shape as number[]).dataSync(), (v) => v + Math.sign(v) * 0.25);
      const aValues = random(a);
      const bValues = random(b);
      const { onWasm, reference } = await bothBackends(() => {
        const x = tf.tensor(aValues, a as unknown as number[]);
        const y = tf.tensor(bValues, b as unknown as number[]);
        return [tf.add(x, y), tf.sub(x, y), tf.mul(x, y), tf.div(x, y)];
      });
      expect(onWasm).toEqual(reference);
    },
  );

  test("integer Add and Multiply with a broadcast vector keep tfjs' kernel and its values", async () => {
    const { onWasm, reference } = await bothBackends(() => {
      const x = tf.tensor([1, 2, 3, 4, 5, 6], [2, 3], 'int32');
      const y = tf.tensor([7, -8, 9], [3], 'int32');
      return [tf.add(x, y), tf.mul(x, y), tf.sub(y, x)];
    });
    expect(onWasm).toEqual(reference);
  });

  test.each([
    { input: [2, 8, 10, 3], pool: 2, strides: 2, padding: 'valid' }, // a U-Net's pooling
    { input: [2, 9, 11, 3], pool: 2, strides: 2, padding: 'same' }, // odd sizes: clipped windows
    { input: [1, 10, 9, 2], pool: 2, strides: 2, padding: 'valid' }, // a row and column left out
    { input: [1, 9, 12, 4], pool: [3, 2], strides: [3, 4], padding: 'same' },
    // Overlapping windows keep tfjs' wasm kernel, which gives ties to another input than the cpu one.
  ] as const)(
    'MaxPoolGrad of $input (pool $pool, strides $strides, $padding) with ties agrees exactly with the cpu backend',
    async ({ input, pool, strides, padding }) => {
      const size = (input as readonly number[]).reduce((a, b) => a * b, 1);
      // Rectified values: many windows are all zeros or tie, where the first in row-major order wins.
      const xValues = Array.from(tf.randomNormal([size]).dataSync(), (v, i) =>
        i % 7 === 3 ? Number.NEGATIVE_INFINITY : Math.max(0, Math.round(v * 2) / 2),
      );
      const { onWasm, reference } = await bothBackends(() => {
        const x = tf.tensor4d(xValues, input as unknown as [number, number, number, number]);
        const pooled = () =>
          tf.maxPool(x, pool as unknown as [number, number], strides as unknown as number, padding);
        const weights = tf.reshape(tf.range(1, pooled().size + 1), pooled().shape);
        return [
          tf.grad((a: tf.Tensor) =>
            tf.sum(
              tf.mul(
                tf.maxPool(
                  a as tf.Tensor4D,
                  pool as unknown as [number, number],
                  strides as unknown as number,
                  padding,
                ),
                weights,
              ),
            ),
          )(x),
        ];
      });
      expect(onWasm).toEqual(reference);
    },
  );

  test('the gradient of a channel concatenation (a U-Net skip) agrees with the cpu backend', async () => {
    const a = Array.from(tf.randomNormal([2, 5, 7, 3]).dataSync());
    const b = Array.from(tf.randomNormal([2, 5, 7, 5]).dataSync());
    const w = Array.from(tf.randomNormal([3, 3, 8, 4]).dataSync());
    const { onWasm, reference } = await bothBackends(() =>
      tf.grads((p: tf.Tensor, q: tf.Tensor) =>
        tf.sum(
          tf.square(tf.conv2d(tf.concat([p, q], 3) as tf.Tensor4D, tf.tensor4d(w, [3, 3, 8, 4]), 1, 'same')),
        ),
      )([tf.tensor4d(a, [2, 5, 7, 3]), tf.tensor4d(b, [2, 5, 7, 5])]),
    );
    expect(onWasm.map((g) => g.shape)).toEqual(reference.map((g) => g.shape));
    const flat = (list: typeof onWasm) => list.flatMap((g) => g.values as number[]);
    const scale = Math.max(...flat(reference).map(Math.abs));
    expect(maxAbsDifference(flat(onWasm), flat(reference)) / scale).toBeLessThan(1e-5);
  });

  test('batch-norm gradients (which tile 1/σ over the map) agree with the cpu backend', async () => {
    const shape = [3, 5, 6, 4] as [number, number, number, number];
    const xValues = Array.from(tf.randomNormal(shape).dataSync());
    const dyValues = Array.from(tf.randomNormal(shape).dataSync());
    const gradients = () => {
      const x = tf.tensor4d(xValues, shape);
      const gamma = tf.tensor1d([0.5, 1, 1.5, 2]);
      const beta = tf.tensor1d([0, 0.1, -0.2, 0.3]);
      const dy = tf.tensor4d(dyValues, shape);
      const grads = tf.grads((a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => {
        const { mean, variance } = tf.moments(a, [0, 1, 2]);
        return tf.sum(tf.mul(tf.batchNorm(a, mean, variance, b, g, 1e-3), dy));
      })([x, gamma, beta]);
      return tf.concat(grads.map((g) => tf.reshape(g, [-1])));
    };
    const onWasm = tf.tidy(() => gradients().dataSync() as Float32Array);
    const reference = await onCpu(gradients);
    const scale = Math.max(...Array.from(reference, Math.abs));
    expect(maxAbsDifference(onWasm, reference) / scale).toBeLessThan(1e-5);
  });

  test('Identity shares its input buffer: values kept after the input is disposed, both buffers freed', () => {
    const buffers = tf.engine().backend.numDataIds();
    const x = tf.tensor3d([1.5, -2, 3, 4, 5, 6.25], [1, 2, 3]);
    const y = tf.clone(x); // runs the Identity kernel
    expect(tf.engine().backend.numDataIds()).toBe(buffers + 1); // one buffer, two references
    x.dispose();
    expect(y.shape).toEqual([1, 2, 3]);
    expect(Array.from(y.dataSync())).toEqual([1.5, -2, 3, 4, 5, 6.25]);
    y.dispose();
    expect(tf.engine().backend.numDataIds()).toBe(buffers);
  });

  test('no tensor and no backend buffer is left behind by the gradient kernels', () => {
    const step = () =>
      tf.tidy(() => {
        const x = tf.ones([1, 6, 6, 2]) as tf.Tensor4D;
        tf.grads((a: tf.Tensor, w: tf.Tensor) =>
          tf.sum(tf.conv2d(a as tf.Tensor4D, w as tf.Tensor4D, 2, 'same')),
        )([x, tf.ones([3, 3, 2, 4])]);
        tf.grads((a: tf.Tensor, b: tf.Tensor) =>
          tf.sum(tf.depthwiseConv2d(a as tf.Tensor4D, b as tf.Tensor4D, 1, 'same')),
        )([x, tf.ones([3, 3, 2, 1])]);
      });
    step(); // the engine caches a few constants on first use
    const tensors = tf.memory().numTensors;
    const buffers = tf.engine().backend.numDataIds();
    for (let i = 0; i < 3; i++) step();
    expect(tf.memory().numTensors).toBe(tensors);
    expect(tf.engine().backend.numDataIds()).toBe(buffers);
  });
});

test('a conv net trains on the default backend: the loss goes down', async () => {
  const built = buildModel(exercise2Network({ height: 20, width: 30, classes: 3 }));
  built.model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
  const x = tf.randomNormal([8, 20, 30, 3]);
  const y = tf.oneHot(tf.tensor1d([0, 1, 2, 0, 1, 2, 0, 1], 'int32'), 3);
  const first = (await built.model.trainOnBatch(x, y)) as number;
  let last = first;
  for (let step = 0; step < 15; step++) last = (await built.model.trainOnBatch(x, y)) as number;
  expect(last).toBeLessThan(first);
  tf.dispose([x, y]);
  built.model.dispose();
});
