import { describe, expect, test } from 'vitest';
import { likelyMistakes } from '../src/grading/mistakes';
import { type MeasurementRequestInput, measurementRequestSchema } from '../src/verify/requests';

/*
 * The known wrong ways to work a numeric question out (`likelyMistakes`), each figure derived by
 * hand below, never read back from shape-math. Géron, Hands-On ML (3rd ed., 2022), ch. 14
 * exercise 2: a 200×300 RGB image, three 3×3 conv layers, stride 2, "same" padding, 100, 200 and
 * 400 filters.
 *
 * Parameters: (3·3·3 + 1)·100 = 2,800; (3·3·100 + 1)·200 = 180,200; (3·3·200 + 1)·400 = 720,400;
 * total 903,400 (700 of them biases), 3,613,600 bytes at 4 bytes per value.
 * "same" outputs, ceil(side / 2): 100×150×100 = 1,500,000; 50×75×200 = 750,000;
 * 25×38×400 = 380,000 values: 2,630,000 values, 10,520,000 bytes per image. The input is
 * 200×300×3 = 180,000 values, 720,000 bytes.
 * Inference (one image): the largest pair alive at once is conv1 + conv2, 6,000,000 + 3,000,000 =
 * 9,000,000 bytes (input + conv1 is 6,720,000); with the parameters 12,613,600 bytes.
 * Training (50 images): 10,520,000·50 + 720,000·50 + 3,613,600 = 526,000,000 + 36,000,000 +
 * 3,613,600 = 565,613,600 bytes.
 * "valid" outputs, floor((side − 3) / 2) + 1: 99×149×100 = 1,475,100; 49×74×200 = 725,200;
 * 24×36×400 = 345,600 values: 2,545,900 values, 10,183,600 bytes per image. Its largest pair is
 * conv1 + conv2, 2,200,300 values = 8,801,200 bytes.
 */
const request = (input: MeasurementRequestInput) => measurementRequestSchema.parse(input);
const figures = (mistakes: ReturnType<typeof likelyMistakes>) => mistakes.map((m) => [m.id, m.value]);

describe('exercise 2 (Géron ch. 14): each mistake recomputed on the network', () => {
  test('parameters: only the biases left out, 903,400 − 700 = 902,700', () => {
    const mistakes = likelyMistakes(request({ kind: 'exercise2', quantity: 'params' }), 903_400);
    expect(mistakes).toEqual([
      {
        id: 'biases-left-out',
        value: 902_700,
        explanation:
          'That is the count without the biases: each filter also has one bias, so every layer adds (k·k·C_in + 1)·filters.',
      },
    ]);
  });

  test('inference RAM, one image at 32-bit floats (truth 12,613,600 bytes)', () => {
    const mistakes = likelyMistakes(request({ kind: 'exercise2', quantity: 'inferenceBytes' }), 12_613_600);
    expect(figures(mistakes)).toEqual([
      // 903,400 × 4.
      ['parameters-alone', 3_613_600],
      // The largest pair of activations alone: 6,000,000 + 3,000,000.
      ['parameters-left-out', 9_000_000],
      // Every output and the input kept: 10,520,000 + 720,000 + 3,613,600.
      ['all-outputs-kept', 14_853_600],
      // Every output kept, the input not: 10,520,000 + 3,613,600.
      ['all-outputs-kept', 14_133_600],
      // "valid" padding: 8,801,200 + 3,613,600.
      ['valid-padding', 12_414_800],
      // 16-bit floats, 2 bytes a value: 4,500,000 + 1,806,800 (half of each).
      ['half-precision', 6_306_800],
    ]);
    const said = Object.fromEntries(mistakes.map((m) => [m.value, m.explanation]));
    expect(said[3_613_600]).toBe(
      "That is the parameters alone (903,400 × 4 bytes): the layers' outputs must be in memory too.",
    );
    expect(said[9_000_000]).toBe(
      'That is the activations alone: the parameters must be in memory too, so add them (parameters × bytes per value).',
    );
    expect(said[14_853_600]).toBe(
      "That keeps every layer's output (and the input) at once, as training must: for a prediction a layer's output can be released once the next layer has been computed, so only the largest tensors alive together (conv1 and conv2) count, plus the parameters.",
    );
    expect(said[14_133_600]).toBe(
      "That keeps every layer's output at once, as training must: for a prediction a layer's output can be released once the next layer has been computed, so only the largest tensors alive together (conv1 and conv2) count, plus the parameters.",
    );
    expect(said[12_414_800]).toBe(
      'That figure comes from padding 0 ("valid"): with "same" padding the maps are ceil(input / stride) on each side.',
    );
  });

  test('training RAM, a mini-batch of 50 at 32-bit floats (truth 565,613,600 bytes)', () => {
    const mistakes = likelyMistakes(
      request({ kind: 'exercise2', quantity: 'trainingBytes', batchSize: 50 }),
      565_613_600,
    );
    expect(figures(mistakes)).toEqual([
      ['parameters-alone', 3_613_600],
      // 565,613,600 − 3,613,600.
      ['parameters-left-out', 562_000_000],
      // 565,613,600 − 36,000,000.
      ['input-batch-left-out', 529_613_600],
      // 10,520,000 × 50.
      ['outputs-alone', 526_000_000],
      // One image: 10,520,000 + 720,000 + 3,613,600.
      ['batch-left-out', 14_853_600],
      // The largest pair per image, as at inference: 9,000,000 × 50 + 3,613,600.
      ['two-layers-only', 453_613_600],
      // "valid": 10,183,600 × 50 + 36,000,000 + 3,613,600 = 509,180,000 + 39,613,600.
      ['valid-padding', 548_793_600],
      // 16-bit floats: 263,000,000 + 18,000,000 + 1,806,800 (half of each).
      ['half-precision', 282_806_800],
    ]);
    const said = Object.fromEntries(mistakes.map((m) => [m.id, m.explanation]));
    expect(said['parameters-left-out']).toBe(
      'That is activations and inputs alone: the parameters must be in memory too, so add them (parameters × bytes per value).',
    );
    expect(said['input-batch-left-out']).toBe(
      'That leaves out the input batch itself: the 50 images are in memory too (height × width × channels × bytes each).',
    );
    expect(said['outputs-alone']).toBe(
      "That is the layers' outputs alone (10,520,000 bytes per image × 50): the input batch (36,000,000 bytes) and the parameters (3,613,600 bytes) are in memory too.",
    );
    expect(said['batch-left-out']).toBe(
      'That is the figure for one image: training keeps the activations of every image of the mini-batch, so multiply activations and inputs by 50.',
    );
    expect(said['two-layers-only']).toBe(
      "That keeps only the largest tensors alive at once, as a prediction may: training keeps every layer's output of every image for back-propagation (10,520,000 bytes per image), plus the input batch and the parameters.",
    );
  });

  test('a 16-bit network: every figure halves, and the float32 figure is a mistake of its own', () => {
    // float16, 2 bytes per value: parameters 1,806,800 bytes; outputs 5,260,000 bytes per image;
    // input 360,000 bytes. Batch 50: 263,000,000 + 18,000,000 + 1,806,800 = 282,806,800.
    const mistakes = likelyMistakes(
      request({ kind: 'exercise2', quantity: 'trainingBytes', batchSize: 50, dtype: 'float16' }),
      282_806_800,
    );
    expect(figures(mistakes)).toEqual([
      // The same network at 4 bytes per value: the 32-bit training figure.
      ['float32-assumed', 565_613_600],
      ['parameters-alone', 1_806_800],
      ['parameters-left-out', 281_000_000],
      ['input-batch-left-out', 264_806_800],
      ['outputs-alone', 263_000_000],
      // 5,260,000 + 360,000 + 1,806,800.
      ['batch-left-out', 7_426_800],
      // 4,500,000 × 50 + 1,806,800.
      ['two-layers-only', 226_806_800],
      // 5,091,800 × 50 + 18,000,000 + 1,806,800.
      ['valid-padding', 274_396_800],
    ]);
    expect(mistakes[0]!.explanation).toBe(
      'That figure counts 4 bytes per value (32-bit floats); this network uses float16, 2 bytes per value.',
    );
  });

  test('a 16-bit network at inference: the float32 figure is its inference figure', () => {
    // float16 inference: 4,500,000 + 1,806,800 = 6,306,800; at float32 12,613,600.
    const mistakes = likelyMistakes(
      request({ kind: 'exercise2', quantity: 'inferenceBytes', dtype: 'float16' }),
      6_306_800,
    );
    expect(mistakes[0]).toMatchObject({ id: 'float32-assumed', value: 12_613_600 });
  });

  test('a "valid"-padded network: the other padding is "same", and the explanation says so', () => {
    // Truth is the "valid" inference figure, 12,414,800; the "same" one is 12,613,600.
    const mistakes = likelyMistakes(
      request({ kind: 'exercise2', quantity: 'inferenceBytes', network: { padding: 'valid' } }),
      12_414_800,
    );
    expect(mistakes.find((m) => m.id === 'valid-padding')).toEqual({
      id: 'valid-padding',
      value: 12_613_600,
      explanation:
        'That figure comes from "same" padding: with "valid" padding (none) the maps are floor((input − kernel) / stride) + 1.',
    });
  });

  test('a mistake that gives the right figure anyway is left out (1×1 kernels: "valid" = "same")', () => {
    // With a 1×1 kernel, floor((n − 1) / 2) + 1 = ceil(n / 2): both paddings give the same maps,
    // so the "valid" figure is the truth and no diagnosis. Parameters (3+1)·100 + (100+1)·200 +
    // (200+1)·400 = 400 + 20,200 + 80,400 = 101,000, 404,000 bytes; the largest pair is still
    // conv1 + conv2, 9,000,000 bytes: truth 9,404,000.
    const mistakes = likelyMistakes(
      request({ kind: 'exercise2', quantity: 'inferenceBytes', network: { kernelSize: 1 } }),
      9_404_000,
    );
    expect(figures(mistakes)).toEqual([
      ['parameters-alone', 404_000],
      ['parameters-left-out', 9_000_000],
      // 10,520,000 + 720,000 + 404,000 and 10,520,000 + 404,000.
      ['all-outputs-kept', 11_644_000],
      ['all-outputs-kept', 10_924_000],
      // 16-bit floats: 4,500,000 + 202,000 (half of 9,000,000 and 404,000).
      ['half-precision', 4_702_000],
    ]);
  });

  test('one image in training: "the figure for one image" is the truth, and is left out', () => {
    // Batch 1: 10,520,000 + 720,000 + 3,613,600 = 14,853,600, also the per-image figure.
    const ids = likelyMistakes(
      request({ kind: 'exercise2', quantity: 'trainingBytes', batchSize: 1 }),
      14_853_600,
    ).map((m) => m.id);
    expect(ids).not.toContain('batch-left-out');
    expect(ids).toContain('outputs-alone');
  });

  test('two mistakes with one figure: the first is kept, the later one left out', () => {
    // A 4×4 one-channel image, three 1×1 convs of one filter, stride 1, batch 2, 4 bytes a value.
    // Input 4·4·1 = 16 values = 64 bytes; each output 16 values = 64 bytes, 192 bytes per image;
    // parameters 3 × (1·1·1 + 1)·1 = 6, 24 bytes. Truth: 192·2 + 64·2 + 24 = 536.
    // Every pair of consecutive tensors is 128 bytes, so "two layers only" is 128·2 + 24 = 280,
    // the same as "one image" (192 + 64 + 24): listed once, under the first. With 1×1 kernels
    // "valid" is "same": 536, the truth, left out.
    const mistakes = likelyMistakes(
      request({
        kind: 'exercise2',
        quantity: 'trainingBytes',
        batchSize: 2,
        network: { height: 4, width: 4, channels: 1, kernelSize: 1, strides: 1, filters: [1, 1, 1] },
      }),
      536,
    );
    expect(figures(mistakes)).toEqual([
      ['parameters-alone', 24],
      // 536 − 24, 536 − 128, 192 · 2.
      ['parameters-left-out', 512],
      ['input-batch-left-out', 408],
      ['outputs-alone', 384],
      ['batch-left-out', 280],
      // 16-bit floats, 2 bytes a value: 96·2 + 32·2 + 12 = 268.
      ['half-precision', 268],
    ]);
  });

  test('a mistake that cannot be worked out on the network is left out, the others kept', () => {
    // A 2×2 image with 3×3 kernels: "same" works (1×1, 1×1, 1×1 maps), "valid" cannot fit the
    // kernel, so no "valid-padding" diagnosis and no error. Parameters 903,400 × 4 = 3,613,600.
    const mistakes = likelyMistakes(
      request({ kind: 'exercise2', quantity: 'inferenceBytes', network: { height: 2, width: 2 } }),
      1,
    );
    expect(mistakes.map((m) => m.id)).toEqual([
      'parameters-alone',
      'parameters-left-out',
      'all-outputs-kept',
      'all-outputs-kept',
      'half-precision',
    ]);
    expect(mistakes[0]!.value).toBe(3_613_600);
  });
});

describe('the other questions', () => {
  test('pooling versus a strided conv: the weights without the biases, window·window·C·C', () => {
    // 2·2·64·64 = 16,384 weights; the conv has 16,384 + 64 = 16,448 parameters.
    expect(likelyMistakes(request({ kind: 'poolVersusConv', channels: 64, window: 2 }), 16_448)[0]).toEqual({
      id: 'biases-left-out',
      value: 16_384,
      explanation:
        'That is the kernel weights alone (2·2·64·64): the conv layer also has one bias per filter, 64 more. Max pooling has none.',
    });
    // 3·3·256·256 = 589,824.
    expect(
      likelyMistakes(request({ kind: 'poolVersusConv', channels: 256, window: 3 }), 590_080)[0],
    ).toMatchObject({ value: 589_824 });
  });

  test('a fully convolutional grid: the backbone map, side / 32, without the 7×7 window', () => {
    // 448 / 32 = 14; trained at 224, the 7×7 map became a 7×7 "valid" conv: 14 − 7 + 1 = 8.
    expect(likelyMistakes(request({ kind: 'fcnGrid', trainSide: 224, testSide: 448 }), 8)[0]).toEqual({
      id: 'window-left-out',
      value: 14,
      explanation:
        'That is the backbone\'s map (side / 32). The first dense layer became a 7×7 "valid" conv, which fits map − 7 + 1 times across.',
    });
    // floor(480 / 32) = 15 and floor(256 / 32) = 8.
    expect(likelyMistakes(request({ kind: 'fcnGrid', trainSide: 256, testSide: 480 }), 8)[0]).toMatchObject({
      value: 15,
      explanation: expect.stringContaining('became a 8×8 "valid" conv, which fits map − 8 + 1'),
    });
  });

  test('a figure of zero is no diagnosis (a test side under 32 leaves no map)', () => {
    // floor(16 / 32) = 0.
    expect(likelyMistakes(request({ kind: 'fcnGrid', trainSide: 224, testSide: 16 }), 1)).toEqual([]);
  });

  test('pooling versus a strided conv: one filter per channel, or another kernel than the window', () => {
    // Depthwise: 2·2·64 + 64 = 320. A 3×3 kernel: (3·3·64 + 1)·64 = 36,928; a 1×1: (64 + 1)·64 = 4,160.
    expect(
      figures(likelyMistakes(request({ kind: 'poolVersusConv', channels: 64, window: 2 }), 16_448)),
    ).toEqual([
      ['biases-left-out', 16_384],
      ['depthwise-only', 320],
      ['other-kernel', 36_928],
      ['other-kernel', 4_160],
    ]);
    // A 3×3 window: the 3×3 kernel is the truth, so only the 1×1 one, (256 + 1)·256 = 65,792, is left.
    const window3 = likelyMistakes(request({ kind: 'poolVersusConv', channels: 256, window: 3 }), 590_080);
    expect(window3.filter((m) => m.id === 'other-kernel').map((m) => m.value)).toEqual([65_792]);
  });

  test('a fully convolutional grid: the number of cells where the width was asked', () => {
    // 8 × 8 = 64 cells.
    expect(likelyMistakes(request({ kind: 'fcnGrid', trainSide: 224, testSide: 448 }), 8)[1]).toEqual({
      id: 'cells-counted',
      value: 64,
      explanation: 'That is the number of cells in the grid (8 × 8); the question asks how wide it is: 8.',
    });
  });

  test('an output stride: the factor on the area, stride², where each side was asked', () => {
    // 32 × 32 = 1,024.
    expect(likelyMistakes(request({ kind: 'outputStride', architecture: 'resnet50' }), 32)).toEqual([
      {
        id: 'area-factor',
        value: 1_024,
        explanation:
          'That is the factor on the area (32 × 32 input positions per output position); the height and the width each shrink by 32.',
      },
    ]);
  });

  test("ResNet-50's count: without its classifier, or another ResNet's", () => {
    // torchvision's ResNet-50 has 25,557,032 trainable parameters; its fc layer is 2048·1000 + 1000 =
    // 2,049,000, so without it 23,508,032. Other depths, torchvision's counts (He et al. 2016's
    // networks as torchvision builds them): ResNet-18 11,689,512, ResNet-34 21,797,672,
    // ResNet-101 44,549,160, ResNet-152 60,192,808.
    const mistakes = likelyMistakes(
      request({ kind: 'architectureParams', architecture: 'resnet50', count: 'trainable' }),
      25_557_032,
    );
    // Its classifier's 1,000 biases left out: 25,557,032 − 1,000 = 25,556,032.
    expect(figures(mistakes)).toEqual([
      ['classifier-left-out', 23_508_032],
      ['classifier-biases-left-out', 25_556_032],
      ['other-depth', 11_689_512],
      ['other-depth', 21_797_672],
      ['other-depth', 44_549_160],
      ['other-depth', 60_192_808],
    ]);
    expect(mistakes[0]!.explanation).toBe(
      'That is the network without its classifier (the final dense layer, 2,049,000 parameters): the question counts the whole network.',
    );
  });
});
