import { describeSpec } from '@cnnkit/architectures';
import { compareWithShapeMath, initBackend } from '@cnnkit/layers-gpu';
import { analyze } from '@cnnkit/shape-math';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildSegmenter, resizeMaps } from '../src/build';
import {
  bilinearKernel,
  bilinearKernelSize,
  describeSegmenter,
  FCN_VARIANTS,
  fcnSpec,
  SegmentationError,
  unetSpec,
} from '../src/index';
import { miniVgg } from './mini-vgg';

beforeAll(async () => {
  await initBackend({ env: {}, wasmThreads: 1 }); // one thread in tests: see vitest.shared.ts
});

describe('bilinear kernels (FCN reference: surgery.py upsample_filt)', () => {
  test.each([
    // size 4: factor 2, center 1.5 → 1 − |i − 1.5| / 2 = [0.25, 0.75, 0.75, 0.25]
    [4, [0.25, 0.75, 0.75, 0.25]],
    // size 3: factor 2, center 1 → [0.5, 1, 0.5]
    [3, [0.5, 1, 0.5]],
    // size 1: factor 1, center 0 → [1]
    [1, [1]],
  ])('size %i is the outer product of %j', (size, profile) => {
    expect(bilinearKernel(size)).toEqual(profile.map((a) => profile.map((b) => a * b)));
  });

  test.each([
    [2, 4],
    [8, 16],
    [16, 32],
    [32, 64],
    [3, 5],
  ])("factor %i needs a %i-wide kernel (2f − f mod 2), FCN-32s's 64 included", (factor, size) => {
    expect(bilinearKernelSize(factor)).toBe(size);
  });

  test.each([2, 8, 32])(
    '×%i: the taps that feed one output pixel sum to 1 (a constant stays constant)',
    (factor) => {
      const kernel = bilinearKernel(bilinearKernelSize(factor));
      for (let rowPhase = 0; rowPhase < factor; rowPhase++) {
        for (let columnPhase = 0; columnPhase < factor; columnPhase++) {
          let sum = 0;
          for (let i = rowPhase; i < kernel.length; i += factor) {
            for (let j = columnPhase; j < kernel.length; j += factor) sum += kernel[i]![j]!;
          }
          expect(sum).toBeCloseTo(1, 12);
        }
      }
    },
  );
});

describe('FCN heads as shape-math specs', () => {
  test.each(FCN_VARIANTS)(
    '%s on VGG16 at 224: full-size logits; the heads show the strides 32 → 16 → 8 → 1',
    (variant) => {
      const spec = fcnSpec(describeSpec('vgg16', { includeTop: false }), { variant, classes: 21 });
      const { report, heads, outputStride } = describeSegmenter(spec);
      expect(report.outputs[0]!.shape).toEqual([224, 224, 21]);
      expect(outputStride).toBe(1);
      const strides = Object.fromEntries(heads.map((h) => [h.layer, h.outputStride]));
      const expected: Record<string, Record<string, number>> = {
        fcn32s: { score_stride32: 32, upscore_final: 1 },
        fcn16s: {
          score_stride32: 32,
          upscore_stride32: 16,
          score_stride16: 16,
          fuse_stride16: 16,
          upscore_final: 1,
        },
        fcn8s: {
          score_stride32: 32,
          upscore_stride32: 16,
          score_stride16: 16,
          fuse_stride16: 16,
          upscore_stride16: 8,
          score_stride8: 8,
          fuse_stride8: 8,
          upscore_final: 1,
        },
      };
      expect(strides).toEqual(expected[variant]);
      // The skips come from VGG's pool4 (stride 16) and pool3 (stride 8), as in the paper.
      const skipInputs = report.layers
        .filter((l) => /^score_stride(8|16)$/.test(l.name))
        .map((l) => l.inputs[0]);
      expect(skipInputs).toEqual(
        variant === 'fcn8s' ? ['block4_pool', 'block3_pool'] : variant === 'fcn16s' ? ['block4_pool'] : [],
      );
      // The final upsampler: FCN-32s 64×64 stride 32, FCN-16s 32×32 stride 16, FCN-8s 16×16 stride 8; no bias.
      const finalKernel = { fcn32s: 64, fcn16s: 32, fcn8s: 16 }[variant];
      const final = report.layers.find((l) => l.name === 'upscore_final')!;
      expect(final.params.total).toBe(finalKernel * finalKernel * 21 * 21);
    },
  );

  test('the torchvision head is FCNHead: 3×3 conv without bias, batch norm, ReLU, dropout 0.1, 1×1 scorer', () => {
    // torchvision/models/segmentation/fcn.py, FCNHead(in_channels, channels): inter = in // 4;
    // Conv2d(in, inter, 3, padding=1, bias=False), BatchNorm2d(inter), ReLU(), Dropout(0.1),
    // Conv2d(inter, channels, 1). On VGG16's 512-channel map with 21 classes, by hand:
    //   head_conv 3·3·512·128 = 589,824; head_bn 4·128 = 512 (γ, β trainable, mean and variance
    //   not); score_stride32 128·21 + 21 = 2,709.
    const spec = fcnSpec(describeSpec('vgg16', { includeTop: false }), { variant: 'fcn32s', classes: 21 });
    const head = analyze(spec).layers.filter(
      (l) => l.name.startsWith('head_') || l.name === 'score_stride32',
    );
    expect(head.map((l) => [l.name, l.kind, l.params.total])).toEqual([
      ['head_conv', 'conv2d', 589_824],
      ['head_bn', 'batchNormalization', 512],
      ['head_relu', 'activation', 0],
      ['head_dropout', 'dropout', 0],
      ['score_stride32', 'conv2d', 2_709],
    ]);
    expect(head[1]!.params.trainable).toBe(256);
    expect(head.map((l) => l.outputShape)).toEqual(
      Array(4)
        .fill([7, 7, 128])
        .concat([[7, 7, 21]]),
    );
  });

  test('a classifier is accepted as it is: its top is dropped', () => {
    const withTop = fcnSpec(describeSpec('vgg16'), { variant: 'fcn8s', classes: 3 });
    const withoutTop = fcnSpec(describeSpec('vgg16', { includeTop: false }), {
      variant: 'fcn8s',
      classes: 3,
    });
    expect(withTop.layers).toEqual(withoutTop.layers);
  });

  test.each(['resnet18', 'resnet50', 'mobilenet', 'seresnet50', 'googlenet'])(
    'FCN-8s on %s at 224 gives 224×224 logits',
    (name) => {
      const spec = fcnSpec(describeSpec(name), { variant: 'fcn8s', classes: 5 });
      expect(analyze(spec).outputs[0]!.shape).toEqual([224, 224, 5]);
    },
  );

  test("AlexNet's valid convs do not map 227 to a stride-32 grid: a coded error says why", () => {
    expect(() => fcnSpec(describeSpec('alexnet'), { variant: 'fcn32s', classes: 5 })).toThrowError(
      expect.objectContaining({
        code: 'misaligned_maps',
        message: expect.stringMatching(/maps 227×227 to 6×6 at output stride 32/),
      }),
    );
  });

  test('ResNet-18 skips come from the ends of its stages (the last layers at strides 16 and 8)', () => {
    const { report } = describeSegmenter(fcnSpec(describeSpec('resnet18'), { variant: 'fcn8s', classes: 5 }));
    const skipInputs = report.layers
      .filter((l) => /^score_stride(8|16)$/.test(l.name))
      .map((l) => l.inputs[0]);
    const strideOf = (name: string) => report.layers.find((l) => l.name === name)!.effectiveStride[0];
    expect(skipInputs.map((name) => strideOf(name!))).toEqual([16, 8]);
    // Each is the last layer of its stride in the backbone: nothing later in the backbone is at that stride.
    for (const name of skipInputs) {
      const index = report.layers.findIndex((l) => l.name === name);
      const backboneEnd = report.layers.findIndex((l) => l.name === 'head_conv');
      const later = report.layers
        .slice(index + 1, backboneEnd)
        .filter((l) => l.effectiveStride[0] === strideOf(name!));
      expect(later).toEqual([]);
    }
  });

  test('skips can be chosen by name, and a wrong stride is refused', () => {
    const vgg = describeSpec('vgg16', { includeTop: false });
    const spec = fcnSpec(vgg, { variant: 'fcn8s', classes: 2, skipLayers: ['block5_conv3', 'block4_conv3'] });
    expect(analyze(spec).outputs[0]!.shape).toEqual([224, 224, 2]);
    expect(() => fcnSpec(vgg, { variant: 'fcn16s', classes: 2, skipLayers: ['block3_pool'] })).toThrowError(
      /must name a backbone layer at output stride 16 \(it is at 8\)/,
    );
  });

  test('bad options are refused with what is allowed', () => {
    const backbone = miniVgg(64);
    expect(() => fcnSpec(backbone, { variant: 'fcn4s' as never, classes: 2 })).toThrowError(
      /must be one of fcn32s, fcn16s, fcn8s/,
    );
    expect(() => fcnSpec(backbone, { variant: 'fcn8s', classes: 0 })).toThrowError(SegmentationError);
  });
});

describe('U-Net as a shape-math spec', () => {
  /** Parameters counted by hand from the architecture: 3×3 convs with BN (4 per channel), 2×2 up-convs, 1×1 scorer. */
  function unetParams(channels: number, classes: number, depth: number, base: number): number {
    const conv = (cin: number, cout: number) => 9 * cin * cout + 4 * cout; // no bias; BN: γ, β, mean, variance
    let total = 0;
    let cin = channels;
    for (let level = 0; level <= depth; level++) {
      const f = base * 2 ** level;
      total += conv(cin, f) + conv(f, f);
      cin = f;
    }
    for (let level = depth - 1; level >= 0; level--) {
      const f = base * 2 ** level;
      total += 4 * (2 * f) * f + f; // up-conv 2×2 from 2f to f, with bias
      total += conv(2 * f, f) + conv(f, f); // after concatenation: f + f channels
    }
    return total + f1(base, classes);
  }
  const f1 = (base: number, classes: number) => base * classes + classes;

  test.each([
    [4, 64],
    [3, 16],
    [2, 8],
  ])('depth %i, width %i: parameters as counted by hand, output the input size', (depth, base) => {
    const spec = unetSpec({ input: [64, 64, 3], classes: 4, depth, baseFilters: base });
    const report = analyze(spec);
    expect(report.totals.params.total).toBe(unetParams(3, 4, depth, base));
    expect(report.outputs[0]!.shape).toEqual([64, 64, 4]);
    const bottleneck = report.layers.find((l) => l.name === 'bottleneck_conv2')!;
    expect(bottleneck.effectiveStride).toEqual([2 ** depth, 2 ** depth]);
  });

  test('an input side not divisible by 2^depth is refused', () => {
    expect(() => unetSpec({ input: [100, 100, 3], classes: 2, depth: 3 })).toThrowError(
      expect.objectContaining({ code: 'misaligned_maps', message: expect.stringMatching(/divisible by 8/) }),
    );
  });
});

describe('built for real through layers-gpu', () => {
  test.each(FCN_VARIANTS)('%s on a small backbone: tfjs agrees with shape-math layer by layer', (variant) => {
    const built = buildSegmenter(fcnSpec(miniVgg(64), { variant, classes: 3 }));
    expect(compareWithShapeMath(built)).toEqual([]);
    const out = tf.tidy(() => (built.model.predict(tf.randomUniform([2, 64, 64, 3])) as tf.Tensor).shape);
    expect(out).toEqual([2, 64, 64, 3]);
    // The final upsampling stays bilinear (frozen), the intermediate ones learn.
    expect(built.model.getLayer('upscore_final').trainable).toBe(false);
    built.model.dispose();
  });

  test('U-Net (depth 2, width 4): tfjs agrees with shape-math', () => {
    const built = buildSegmenter(unetSpec({ input: [32, 32, 3], classes: 3, depth: 2, baseFilters: 4 }));
    expect(compareWithShapeMath(built)).toEqual([]);
    built.model.dispose();
  });

  test('the bilinear transposed conv (×8, 16×16 kernel, "same") equals bilinear resizing with half-pixel centres inside the map', () => {
    const built = buildSegmenter(fcnSpec(miniVgg(64), { variant: 'fcn32s', classes: 2 }));
    const upsample = built.model.getLayer('upscore_final');
    // A smooth 2×2 score map is too small; check a ×8 layer on its own with the same weights.
    const factor = 8;
    const size = bilinearKernelSize(factor);
    const kernel = tf.tensor4d(
      bilinearKernel(size).flatMap((row) => row.flatMap((v) => [v, 0, 0, v])),
      [size, size, 2, 2],
    );
    const [fromDeconv, fromResize] = tf.tidy(() => {
      const maps = tf.randomUniform([1, 6, 6, 2], -1, 1, 'float32', 9) as tf.Tensor4D;
      const deconv = tf.conv2dTranspose(maps, kernel, [1, 48, 48, 2], factor, 'same');
      const resized = resizeMaps(maps, [48, 48], 'bilinear');
      // Away from the border (where the deconv fades to zero padding) both interpolate the same way.
      const inner = (t: tf.Tensor4D) =>
        tf.slice(t, [0, factor, factor, 0], [1, 48 - 2 * factor, 48 - 2 * factor, 2]);
      return [inner(deconv), inner(resized)];
    });
    const difference = tf.tidy(() => tf.max(tf.abs(tf.sub(fromDeconv, fromResize))).dataSync()[0]!);
    expect(difference).toBeLessThan(1e-5);
    // And the built model's final layer holds exactly that kernel on its diagonal.
    const weights = upsample.getWeights()[0]!;
    expect(weights.shape).toEqual([64, 64, 2, 2]);
    const held = weights.arraySync() as number[][][][];
    const reference = bilinearKernel(64);
    expect(held[10]![37]![1]![1]).toBeCloseTo(reference[10]![37]!, 6);
    expect(held[10]![37]![0]![1]).toBe(0);
    tf.dispose([kernel, fromDeconv, fromResize]);
    built.model.dispose();
  });

  test('nearest resize copies each score to an f×f block', () => {
    const out = tf.tidy(() =>
      resizeMaps(tf.tensor4d([1, 2, 3, 4], [1, 2, 2, 1]), [4, 4], 'nearest').arraySync(),
    );
    expect(out[0]!.map((row) => row.map((v) => v[0]))).toEqual([
      [1, 1, 2, 2],
      [1, 1, 2, 2],
      [3, 3, 4, 4],
      [3, 3, 4, 4],
    ]);
  });
});
