import { describeSpec } from '@cnnkit/architectures';
import { compareWithShapeMath, initBackend } from '@cnnkit/layers-gpu';
import { analyze, type ModelReport } from '@cnnkit/shape-math';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildSegmenter } from '../src/build';
import { fcnSpec, SegmentationError, unetSpec } from '../src/index';

beforeAll(async () => {
  await initBackend({ env: {}, wasmThreads: 1 }); // one thread in tests: see vitest.shared.ts
});

/*
 * The papers' own networks, checked against arithmetic written out here by hand (never against
 * the code under test): every size and parameter count below is derived in the comments beside it.
 * A conv with a k×k kernel, c_in input and c_out output channels and a bias has k·k·c_in·c_out + c_out
 * parameters; a "valid" k×k conv maps a side n to n − k + 1; a 2×2 stride-2 pooling halves it; a
 * k×k stride-s transposed conv without padding maps n to (n − 1)·s + k.
 */

function caught(run: () => unknown): SegmentationError {
  try {
    run();
  } catch (error) {
    if (error instanceof SegmentationError) return error;
    throw error;
  }
  throw new Error('expected a SegmentationError, got a result');
}

/** `make()`'s value, computed on the first call. */
function once<T>(make: () => T): () => T {
  let value: { readonly result: T } | undefined;
  return () => {
    value ??= { result: make() };
    return value.result;
  };
}

function row(report: ModelReport, name: string) {
  const found = report.layers.find((layer) => layer.name === name);
  if (found === undefined) throw new Error(`no layer ${name}`);
  return found;
}

describe('U-Net as Ronneberger, Fischer and Brox built it (MICCAI 2015, Fig. 1)', () => {
  // Built inside the tests (lazily, once), so a broken rule fails tests instead of the file's collection.
  const report = once(() =>
    analyze(unetSpec({ input: [572, 572, 1], classes: 2, padding: 'valid', batchNorm: false })),
  );

  /** Hand-derived: [layer, output side, channels, parameters]. */
  const conv = (k: number, cIn: number, cOut: number) => k * k * cIn * cOut + cOut;
  const LAYERS: readonly [string, number, number, number][] = [
    // Contracting path: two valid 3×3 convs (each side − 2), then 2×2 max pooling (side / 2).
    ['enc0_conv1', 572 - 2, 64, conv(3, 1, 64)], // 570; 640
    ['enc0_conv2', 570 - 2, 64, conv(3, 64, 64)], // 568; 36,928
    ['enc0_pool', 568 / 2, 64, 0], // 284
    ['enc1_conv1', 284 - 2, 128, conv(3, 64, 128)], // 282; 73,856
    ['enc1_conv2', 282 - 2, 128, conv(3, 128, 128)], // 280; 147,584
    ['enc1_pool', 280 / 2, 128, 0], // 140
    ['enc2_conv1', 140 - 2, 256, conv(3, 128, 256)], // 138; 295,168
    ['enc2_conv2', 138 - 2, 256, conv(3, 256, 256)], // 136; 590,080
    ['enc2_pool', 136 / 2, 256, 0], // 68
    ['enc3_conv1', 68 - 2, 512, conv(3, 256, 512)], // 66; 1,180,160
    ['enc3_conv2', 66 - 2, 512, conv(3, 512, 512)], // 64; 2,359,808
    ['enc3_pool', 64 / 2, 512, 0], // 32
    ['bottleneck_conv1', 32 - 2, 1024, conv(3, 512, 1024)], // 30; 4,719,616
    ['bottleneck_conv2', 30 - 2, 1024, conv(3, 1024, 1024)], // 28; 9,438,208
    // Expansive path: 2×2 up-conv halving the channels (side · 2), crop the skip to that side
    // (equally on every side: (skip − up) / 2), concatenate, two valid 3×3 convs.
    ['dec3_up', 28 * 2, 512, conv(2, 1024, 512)], // 56; 2,097,664
    ['enc3_crop', 64 - 2 * 4, 512, 0], // 56: (64 − 56) / 2 = 4 per side
    ['dec3_concat', 56, 512 + 512, 0],
    ['dec3_conv1', 56 - 2, 512, conv(3, 1024, 512)], // 54; 4,719,104
    ['dec3_conv2', 54 - 2, 512, conv(3, 512, 512)], // 52; 2,359,808
    ['dec2_up', 52 * 2, 256, conv(2, 512, 256)], // 104; 524,544
    ['enc2_crop', 136 - 2 * 16, 256, 0], // 104: (136 − 104) / 2 = 16 per side
    ['dec2_concat', 104, 256 + 256, 0],
    ['dec2_conv1', 104 - 2, 256, conv(3, 512, 256)], // 102; 1,179,904
    ['dec2_conv2', 102 - 2, 256, conv(3, 256, 256)], // 100; 590,080
    ['dec1_up', 100 * 2, 128, conv(2, 256, 128)], // 200; 131,200
    ['enc1_crop', 280 - 2 * 40, 128, 0], // 200: (280 − 200) / 2 = 40 per side
    ['dec1_concat', 200, 128 + 128, 0],
    ['dec1_conv1', 200 - 2, 128, conv(3, 256, 128)], // 198; 295,040
    ['dec1_conv2', 198 - 2, 128, conv(3, 128, 128)], // 196; 147,584
    ['dec0_up', 196 * 2, 64, conv(2, 128, 64)], // 392; 32,832
    ['enc0_crop', 568 - 2 * 88, 64, 0], // 392: (568 − 392) / 2 = 88 per side
    ['dec0_concat', 392, 64 + 64, 0],
    ['dec0_conv1', 392 - 2, 64, conv(3, 128, 64)], // 390; 73,792
    ['dec0_conv2', 390 - 2, 64, conv(3, 64, 64)], // 388; 36,928
    ['score', 388, 2, conv(1, 64, 2)], // 1×1 conv to the 2 classes; 130
  ];

  test.each(LAYERS)('%s: side %i, %i channels, %i parameters', (name, side, channels, params) => {
    const layer = row(report(), name);
    expect(layer.outputShape).toEqual([side, side, channels]);
    expect(layer.params.total).toBe(params);
  });

  test('572×572×1 → 388×388×2 with 31,030,658 parameters, all trainable, and no other layers', () => {
    expect(report().layers.map((layer) => layer.name)).toEqual(LAYERS.map(([name]) => name));
    expect(report().outputs).toEqual([{ name: 'score', shape: [388, 388, 2] }]);
    // Sum of the column above, grouped by stage:
    //   contracting    640 + 36,928 + 73,856 + 147,584 + 295,168 + 590,080 + 1,180,160 + 2,359,808 = 4,684,224
    //   bottleneck     4,719,616 + 9,438,208                                                        = 14,157,824
    //   expansive      (2,097,664 + 4,719,104 + 2,359,808) + (524,544 + 1,179,904 + 590,080)
    //                + (131,200 + 295,040 + 147,584) + (32,832 + 73,792 + 36,928)                  = 12,188,480
    //   scorer         130
    //   total          4,684,224 + 14,157,824 + 12,188,480 + 130                                    = 31,030,658
    // The 31,031,685 quoted for "U-Net" comes from the widely copied Keras version (zhixuhao/unet):
    // "same" padding and, after the last 64-channel conv, a 3×3 conv to 2 channels (3·3·64·2 + 2 =
    // 1,154) and a 1×1 sigmoid conv to 1 (2 + 1 = 3) instead of the paper's 1×1 conv to 2 classes
    // (130): 31,030,658 − 130 + 1,154 + 3 = 31,031,685. The paper's network is the former.
    expect(report().totals.params).toEqual({ trainable: 31_030_658, nonTrainable: 0, total: 31_030_658 });
    expect(31_030_658 - 130 + 1_154 + 3).toBe(31_031_685);
  });

  test('the defaults are the modern form: "same" padding with batch norm, output at the input size', () => {
    const modern = analyze(unetSpec({ input: [64, 64, 1], classes: 2 }));
    expect(modern.outputs[0]!.shape).toEqual([64, 64, 2]);
    expect(modern.layers.some((layer) => layer.kind === 'batchNormalization')).toBe(true);
    expect(modern.layers.some((layer) => layer.kind === 'cropping2d')).toBe(false);
  });

  test('a side that would not crop evenly is refused with the nearest valid sides', () => {
    // Depth 4: each level needs (n − 4) even and its half the next level's n, so n ≡ 12 (mod 16):
    // 572 = 35·16 + 12; the valid sides around 570 are 556 and 572.
    const error = caught(() => unetSpec({ input: [570, 572, 1], classes: 2, padding: 'valid' }));
    expect(error.code).toBe('misaligned_maps');
    expect(error.message).toContain('input height 570');
    expect(error.message).toContain('the nearest valid sides are 556 and 572');
    expect(error.details).toMatchObject({ axis: 'height', nearestValidSides: [556, 572] });
    expect(
      analyze(unetSpec({ input: [556, 556, 1], classes: 2, padding: 'valid' })).outputs[0]!.shape,
    ).toEqual([
      // 556 is 572 − 16: one fewer pixel at the bottleneck (28 → 27) is 16 fewer at the output.
      372, 372, 2,
    ]);
  });

  test('padding must be "same" or "valid"', () => {
    const error = caught(() => unetSpec({ input: [64, 64, 1], classes: 2, padding: 'full' as never }));
    expect(error.code).toBe('invalid_options');
    expect(error.message).toContain('must be one of same, valid');
  });
});

describe('FCN as Long, Shelhamer and Darrell built it (CVPR 2015; reference voc-fcn*s/net.py)', () => {
  // The registry's VGG16 (keras.applications) refuses sides under 32, its own floor; the paper's
  // network takes any size, so the smallest ones get the same layers with another input.
  const vgg16 = (side: number | readonly [number, number]) => {
    const [height, width] = typeof side === 'number' ? [side, side] : side;
    return { ...describeSpec('vgg16'), input: [height, width, 3] as [number, number, number] };
  };
  const fcn8s = once(() => analyze(fcnSpec(vgg16(500), { variant: 'fcn8s', classes: 21, head: 'paper' })));

  // VGG16's conv part (13 convs): the registry's 138,357,544 (keras.applications) minus its three dense
  // layers, fc1 25,088·4,096 + 4,096 = 102,764,544, fc2 4,096·4,096 + 4,096 = 16,781,312 and
  // predictions 4,096·1,000 + 1,000 = 4,097,000: 138,357,544 − 123,642,856 = 14,714,688. Summed per
  // conv: 1,792 + 36,928 + 73,856 + 147,584 + 295,168 + 2·590,080 + 1,180,160 + 2·2,359,808
  // + 3·2,359,808 = 14,714,688.
  const VGG16_CONVS =
    138_357_544 - (25_088 * 4_096 + 4_096) - (4_096 * 4_096 + 4_096) - (4_096 * 1_000 + 1_000);
  const FC6 = 7 * 7 * 512 * 4_096 + 4_096; // 102,764,544: fc6 as a 7×7 conv on pool5's 512 maps
  const FC7 = 4_096 * 4_096 + 4_096; // 16,781,312: fc7 as a 1×1 conv
  const SCORE_FR = 4_096 * 21 + 21; // 86,037
  const SCORE_POOL4 = 512 * 21 + 21; // 10,773
  const SCORE_POOL3 = 256 * 21 + 21; // 5,397
  const UP2 = 4 * 4 * 21 * 21; // 7,056: kernel 4, stride 2, no bias (learned: paper section 4.3)

  test('hand counts: VGG16 convs 14,714,688; FCN-8s 134,376,863 trainable + 112,896 fixed = 134,489,759', () => {
    expect(VGG16_CONVS).toBe(14_714_688);
    // The final ×8 upsampler, kernel 16, no bias: 16·16·21·21 = 112,896. Fixed to bilinear (the
    // reference's lr_mult 0, Caffe's frozen weights; paper section 4.3: "final layer deconvolutional
    // filters are fixed to bilinear interpolation"), so it counts as NON-trainable.
    const upscore8 = 16 * 16 * 21 * 21;
    const trainable = VGG16_CONVS + FC6 + FC7 + SCORE_FR + UP2 + SCORE_POOL4 + UP2 + SCORE_POOL3;
    expect(trainable).toBe(134_376_863);
    expect(fcn8s().totals.params).toEqual({
      trainable,
      nonTrainable: upscore8,
      total: 134_489_759,
    });
    expect(row(fcn8s(), 'fc6').params.total).toBe(FC6);
    expect(row(fcn8s(), 'fc7').params.total).toBe(FC7);
    expect(row(fcn8s(), 'upscore_final').params).toEqual({
      trainable: 0,
      nonTrainable: 112_896,
      total: 112_896,
    });
    expect(row(fcn8s(), 'drop6').kind).toBe('dropout');
    expect(row(fcn8s(), 'drop7').kind).toBe('dropout');
  });

  test.each([
    // variant, final kernel (2·f for factor f), its fixed parameters, trainable part of the head
    ['fcn32s', 64, 64 * 64 * 21 * 21, 0],
    ['fcn16s', 32, 32 * 32 * 21 * 21, UP2 + SCORE_POOL4],
    ['fcn8s', 16, 16 * 16 * 21 * 21, UP2 + SCORE_POOL4 + UP2 + SCORE_POOL3],
  ] as const)(
    '%s: final upsampler kernel %i, %i fixed (non-trainable) parameters, the rest as the hand sum',
    (variant, kernel, fixed, skips) => {
      const spec = fcnSpec(vgg16(500), { variant, classes: 21, head: 'paper' });
      const report = analyze(spec);
      expect(report.totals.params.nonTrainable).toBe(fixed);
      expect(report.totals.params.trainable).toBe(VGG16_CONVS + FC6 + FC7 + SCORE_FR + skips);
      expect(spec.layers.find((layer) => layer.name === 'upscore_final')).toMatchObject({
        kernelSize: kernel,
        useBias: false,
        trainable: false,
      });
    },
  );

  /*
   * Crop offsets by hand, with Caffe's coordinate maps (the reference's crop layer computes them so):
   * a position y of a map sits at input coordinate a·y + b. A window layer (kernel k, stride s,
   * top padding p) maps y to s·y − p + (k − 1)/2 on its input; a transposed conv (kernel k, stride s)
   * maps input x to output s·x + (k − 1)/2, i.e. output y to input (y − (k − 1)/2)/s.
   *   conv1_1, pad 100:      a = 1,  b = −100 + 1 = −99; other 3×3 pad-1 convs leave b as it is
   *   pool1..pool5 (2×2/2):  each b += a·0.5, a ×= 2:  pool3 a = 8, b = −99 + 0.5 + 1 + 2 = −95.5;
   *                          pool4 a = 16, b = −95.5 + 4 = −91.5; pool5 a = 32, b = −91.5 + 8 = −83.5
   *   fc6 (7×7, pad 0):      b = −83.5 + 32·3 = 12.5 (fc7 and score_fr are 1×1: unchanged)
   *   upscore2 (k 4, s 2):   a = 16, b = 12.5 − 32·1.5/2 = −11.5
   *   score_pool4 → upscore2: offset (−11.5 − (−91.5)) / 16 = 5
   *   upscore_pool4:         a = 8, b = −11.5 − 16·1.5/2 = −23.5
   *   score_pool3 → upscore_pool4: offset (−23.5 − (−95.5)) / 8 = 9
   *   upscore8 (k 16, s 8):  a = 1, b = −23.5 − 8·7.5/8 = −31  → final crop offset 31 (FCN-8s)
   *   FCN-16s: upscore16 (k 32, s 16) on fuse_pool4: b = −11.5 − 16·15.5/16 = −27 → offset 27
   *   FCN-32s: upscore (k 64, s 32) on score_fr:      b = 12.5 − 32·31.5/32 = −19 → offset 19
   * These are the offsets in the reference's generated prototxts (voc-fcn8s: 5, 9, 31; voc-fcn16s:
   * 5, 27; voc-fcn32s: 19).
   *
   * Sizes at 500 (Caffe's pooling rounds up): conv1 500 + 200 − 2 = 698; pools 349, 175, 88, 44, 22;
   * fc6 22 − 6 = 16; upscore2 (16 − 1)·2 + 4 = 34, pool4 44 cropped by 5: 44 − 5 − 34 = 5 at the end;
   * upscore_pool4 (34 − 1)·2 + 4 = 70, pool3 88 cropped by 9: 88 − 9 − 70 = 9 at the end;
   * upscore8 (70 − 1)·8 + 16 = 568, cropped by 31: 568 − 31 − 500 = 37 at the end.
   */
  test('500×500 in, 500×500 out, with the reference’s crop offsets and sizes', () => {
    expect(fcn8s().outputs).toEqual([{ name: 'score', shape: [500, 500, 21] }]);
    expect(row(fcn8s(), 'fc6').outputShape).toEqual([16, 16, 4_096]);
    expect(row(fcn8s(), 'upscore_stride32').outputShape).toEqual([34, 34, 21]);
    expect(row(fcn8s(), 'upscore_stride16').outputShape).toEqual([70, 70, 21]);
    expect(row(fcn8s(), 'upscore_final').outputShape).toEqual([568, 568, 21]);
    const spec = fcnSpec(vgg16(500), { variant: 'fcn8s', classes: 21, head: 'paper' });
    const crops = Object.fromEntries(
      spec.layers.filter((layer) => layer.kind === 'cropping2d').map((layer) => [layer.name, layer.cropping]),
    );
    expect(crops).toEqual({
      score_stride16_crop: [
        [5, 5],
        [5, 5],
      ],
      score_stride8_crop: [
        [9, 9],
        [9, 9],
      ],
      score: [
        [31, 37],
        [31, 37],
      ],
    });
    const offsetOf = (variant: 'fcn16s' | 'fcn32s') =>
      fcnSpec(vgg16(500), { variant, classes: 21, head: 'paper' }).layers.find(
        (layer) => layer.name === 'score',
      );
    expect(offsetOf('fcn16s')).toMatchObject({
      cropping: [
        [27, expect.any(Number)],
        [27, expect.any(Number)],
      ],
    });
    expect(offsetOf('fcn32s')).toMatchObject({
      cropping: [
        [19, expect.any(Number)],
        [19, expect.any(Number)],
      ],
    });
  });

  test.each([1, 31, 100, 224, 333, 513, [375, 500]] as const)(
    'any input size comes back at its own size (no multiple of 32 needed): %j',
    (side) => {
      const [height, width] = typeof side === 'number' ? [side, side] : side;
      const report = analyze(
        fcnSpec(vgg16([height, width]), { variant: 'fcn8s', classes: 3, head: 'paper' }),
      );
      expect(report.outputs[0]!.shape).toEqual([height, width, 3]);
    },
  );

  test('the torchvision head stays the default, and refuses 500 (not a multiple of 32)', () => {
    expect(() => fcnSpec(vgg16(500), { variant: 'fcn8s', classes: 21 })).toThrowError(/misaligned|divisible/);
    const torchvision = analyze(fcnSpec(vgg16(224), { variant: 'fcn8s', classes: 21 }));
    expect(torchvision.layers.some((layer) => layer.name === 'head_conv')).toBe(true);
  });

  test('bad options: an unknown head, headFilters with the paper head, a backbone that is not a chain', () => {
    expect(
      caught(() => fcnSpec(vgg16(224), { variant: 'fcn8s', classes: 2, head: 'caffe' as never })).message,
    ).toContain('must be one of torchvision, paper');
    expect(
      caught(() => fcnSpec(vgg16(224), { variant: 'fcn8s', classes: 2, head: 'paper', headFilters: 64 }))
        .message,
    ).toContain('headFilters');
    const error = caught(() =>
      fcnSpec(describeSpec('resnet18'), { variant: 'fcn8s', classes: 2, head: 'paper' }),
    );
    expect(error.code).toBe('invalid_options');
    expect(error.message).toContain('Use head "torchvision"');
  });
});

describe('the paper networks built for real through layers-gpu (small widths)', () => {
  test('valid U-Net, depth 2, width 4, 44×44: tfjs agrees with shape-math layer by layer; 44 → 4', () => {
    // 44 → 42 → 40 → pool 20 → 18 → 16 → pool 8 → 6 → 4 (bottleneck) → up 8 (skip 16 cropped by 4)
    // → 6 → 4 → up 8 (skip 40 cropped by 16) → 6 → 4.
    const built = buildSegmenter(
      unetSpec({
        input: [44, 44, 1],
        classes: 3,
        depth: 2,
        baseFilters: 4,
        padding: 'valid',
        batchNorm: false,
      }),
    );
    expect(compareWithShapeMath(built)).toEqual([]);
    const shape = tf.tidy(() => (built.model.predict(tf.randomUniform([2, 44, 44, 1])) as tf.Tensor).shape);
    expect(shape).toEqual([2, 4, 4, 3]);
    built.model.dispose();
  });
});
