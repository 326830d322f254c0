import { analyze } from '@cnnkit/shape-math';
import { expect, describe as suite, test } from 'vitest';
import {
  ARCHITECTURE_NAMES,
  ARCHITECTURES,
  ArchitectureError,
  describe,
  describeSpec,
  getArchitecture,
  googlenetSpec,
} from '../src/index';

/**
 * Parameter counts of the reference implementations (not of our code), each from its source:
 * torchvision's model docs ("Params" column; PyTorch counts parameters(), i.e. BN's running
 * statistics are left out), keras.applications' table ("Total params" of model.summary()), the
 * Caffe bvlc_alexnet model, Cadene's pretrainedmodels se_resnet50, and the exercise's own answer.
 */
const REFERENCE_COUNTS: Record<string, { params: number; counts: 'trainable' | 'total' }> = {
  lenet5: { params: 61_706, counts: 'total' },
  alexnet: { params: 60_965_224, counts: 'total' },
  'alexnet-one-tower': { params: 62_378_344, counts: 'total' },
  // torchvision AlexNet_Weights.IMAGENET1K_V1 meta "num_params": 61100840.
  'alexnet-torchvision': { params: 61_100_840, counts: 'total' },
  vgg16: { params: 138_357_544, counts: 'total' },
  googlenet: { params: 6_624_904, counts: 'trainable' },
  // keras.applications table: InceptionV3, 23,851,784 parameters.
  'inception-v3': { params: 23_851_784, counts: 'total' },
  resnet18: { params: 11_689_512, counts: 'trainable' },
  resnet34: { params: 21_797_672, counts: 'trainable' },
  resnet50: { params: 25_557_032, counts: 'trainable' },
  resnet101: { params: 44_549_160, counts: 'trainable' },
  resnet152: { params: 60_192_808, counts: 'trainable' },
  'resnet50-keras': { params: 25_636_712, counts: 'total' },
  seresnet50: { params: 28_088_024, counts: 'trainable' },
  xception: { params: 22_910_480, counts: 'total' },
  mobilenet: { params: 4_253_864, counts: 'total' },
  exercise2: { params: 903_400, counts: 'total' },
};

suite('every registry entry matches its reference implementation (shape-math, no weights allocated)', () => {
  test('the table above covers the whole registry', () => {
    expect(Object.keys(REFERENCE_COUNTS).sort()).toEqual([...ARCHITECTURE_NAMES].sort());
  });

  test.each(ARCHITECTURE_NAMES)('%s', (name) => {
    const expected = REFERENCE_COUNTS[name]!;
    const architecture = ARCHITECTURES[name];
    expect(architecture.reference.params).toBe(expected.params);
    expect(architecture.reference.counts).toBe(expected.counts);
    const report = describe(name);
    const ours =
      expected.counts === 'trainable' ? report.totals.params.trainable : report.totals.params.total;
    expect(ours).toBe(expected.params);
  });

  // torchvision's docs publish "GFLOPS" that are multiply-accumulates (fvcore's convention).
  test.each([
    ['resnet18', 1.81],
    ['resnet34', 3.66],
    ['resnet50', 4.09],
    ['resnet101', 7.8],
    ['resnet152', 11.51],
    ['googlenet', 1.5],
    ['vgg16', 15.47],
  ] as const)('%s does %f GMACs at 224×224, as torchvision publishes', (name, gmacs) => {
    expect(describe(name).totals.macs / 1e9).toBeCloseTo(gmacs, 1);
    expect(ARCHITECTURES[name].reference.gmacs).toBe(gmacs);
  });
});

suite('metadata the quiz relies on', () => {
  test.each(ARCHITECTURE_NAMES)('%s has a paper, innovations in sentences, and a reference', (name) => {
    const a = getArchitecture(name);
    expect(a.name).toBe(name);
    expect(a.paper.title.length).toBeGreaterThan(5);
    expect(a.year).toBeGreaterThanOrEqual(1998);
    expect(a.innovations.length).toBeGreaterThan(0);
    for (const sentence of a.innovations) expect(sentence).toMatch(/^[A-Z0-9'"].{20,}\.$/);
    expect(a.reference.implementation.length).toBeGreaterThan(3);
  });
});

suite('comparisons question 6 asks about come out of the code', () => {
  const params = (name: string) => describe(name).totals.params.total;

  test("GoogLeNet has about a tenth of AlexNet's parameters (and fewer than 1/8)", () => {
    const ratio = params('googlenet') / params('alexnet');
    expect(ratio).toBeGreaterThan(0.08);
    expect(ratio).toBeLessThan(0.125);
  });

  test('ResNet-34 is more than twice as deep as VGG16 with about a sixth of its parameters and under a quarter of its MACs', () => {
    const weightLayers = (name: string) =>
      describe(name).layers.filter((l) => l.kind === 'conv2d' || l.kind === 'dense').length;
    // ResNet-34: 33 convs + 1 dense + 3 projection shortcuts (1×1 convs, not counted in the "34").
    expect(weightLayers('resnet34')).toBe(37);
    expect(weightLayers('vgg16')).toBe(16);
    expect(params('resnet34') / params('vgg16')).toBeLessThan(1 / 6);
    expect(describe('resnet34').totals.macs / describe('vgg16').totals.macs).toBeLessThan(0.25);
  });

  test('SE blocks add about 10% parameters to ResNet-50 (r = 16) and almost no MACs', () => {
    const base = describe('resnet50').totals;
    const se = describe('seresnet50').totals;
    const extra = se.params.trainable / base.params.trainable - 1;
    expect(extra).toBeGreaterThan(0.09);
    expect(extra).toBeLessThan(0.11);
    // The SE blocks' dense layers act on pooled vectors: 2·Σ C²/r MACs, well under 1%.
    const seMacs = describe('seresnet50')
      .layers.filter((l) => l.name.includes('_se'))
      .reduce((sum, l) => sum + l.macs, 0);
    expect(seMacs / se.macs).toBeLessThan(0.01);
  });

  test("keras' 25,636,712 and torchvision's 25,557,032 for ResNet-50 differ by the conv biases and BN's running statistics", () => {
    const keras = describe('resnet50-keras');
    const torch = describe('resnet50');
    const biases = keras.layers
      .filter((l) => l.kind === 'conv2d')
      .reduce((sum, l) => sum + l.outputShape[2]!, 0);
    expect(keras.totals.params.total - torch.totals.params.total).toBe(biases);
    expect(biases).toBe(26_560);
    // PyTorch's parameters() leaves out the moving mean and variance; Keras' "Total params" counts them.
    expect(torch.totals.params.nonTrainable).toBe(53_120);
    expect(keras.totals.params.total - torch.totals.params.trainable).toBe(biases + 53_120);
  });

  test('Xception and MobileNet owe their size to depthwise separable convolutions', () => {
    const kinds = new Set(describe('xception').layers.map((l) => l.kind));
    expect(kinds.has('separableConv2d')).toBe(true);
    expect(describe('mobilenet').layers.some((l) => l.kind === 'depthwiseConv2d')).toBe(true);
  });
});

suite('options', () => {
  test('classes and includeTop change the head only', () => {
    const withTop = describe('resnet18', { classes: 10 });
    const headless = describe('resnet18', { includeTop: false });
    expect(withTop.outputs[0]!.shape).toEqual([10]);
    expect(headless.outputs[0]!.shape).toEqual([7, 7, 512]);
    expect(withTop.totals.params.total - headless.totals.params.total).toBe(512 * 10 + 10);
  });

  test('a larger input changes activations and MACs but not the parameters of a fully convolutional backbone', () => {
    const small = describe('resnet50', { includeTop: false });
    const large = describe('resnet50', { includeTop: false, inputShape: [448, 448, 3] });
    expect(large.totals.params).toEqual(small.totals.params);
    expect(large.outputs[0]!.shape).toEqual([14, 14, 2048]);
    expect(large.totals.macs / small.totals.macs).toBeCloseTo(4, 1);
  });

  test('googlenet can add its two auxiliary classifiers (training only)', () => {
    const withAux = analyze(
      googlenetSpec({
        inputShape: [224, 224, 3],
        classes: 1000,
        includeTop: true,
        auxiliaryClassifiers: true,
      }),
    );
    expect(withAux.outputs.map((o) => o.shape)).toEqual([[1000], [1000], [1000]]);
  });

  test.each(ARCHITECTURE_NAMES)(
    '%s: the smallest accepted input analyses, and one pixel less is refused with the floor named',
    (name) => {
      const a = ARCHITECTURES[name];
      const channels = a.defaultInputShape[2];
      const side = a.minimumInputSide;
      expect(() => describe(name, { inputShape: [side, side, channels] })).not.toThrow();
      if (side > 1) {
        expect(() => describe(name, { inputShape: [side - 1, side, channels] })).toThrow(
          `each side must be at least ${side}`,
        );
      }
    },
  );

  test.each(['alexnet', 'vgg16'] as const)(
    '%s: its floor is exact, shape-math itself refuses one pixel less',
    (name) => {
      const a = ARCHITECTURES[name];
      const side = a.minimumInputSide - 1;
      expect(() =>
        analyze(
          a.spec({
            inputShape: [side, side, 3],
            classes: 1000,
            includeTop: true,
            classifierActivation: 'softmax',
          }),
        ),
      ).toThrow(/does not fit/);
    },
  );
});

suite('one classifier output convention (Keras’ classifierActivation)', () => {
  // exercise 2 has no classifier head (its reference counts the three convs only).
  const classifiers = ARCHITECTURE_NAMES.filter((name) => name !== 'exercise2');

  /** The activation the model's output applies: the dense layer's, or a last activation layer's. */
  function outputActivation(name: string, options: Parameters<typeof describeSpec>[1] = {}) {
    const spec = describeSpec(name, options);
    const last = spec.layers.at(-1)!;
    return 'activation' in last ? last.activation : undefined;
  }

  test.each(classifiers)(
    '%s ends in a softmax by default and in logits when asked, with the same count',
    (name) => {
      expect(outputActivation(name)).toBe('softmax');
      expect(outputActivation(name, { classifierActivation: 'linear' })).toBe('linear');
      expect(outputActivation(name, { classifierActivation: null })).toBe('linear');
      // softmax has no parameters: the count must not move.
      expect(describe(name, { classifierActivation: 'linear' }).totals.params).toEqual(
        describe(name).totals.params,
      );
    },
  );

  test('GoogLeNet’s auxiliary classifiers follow the option', () => {
    const spec = googlenetSpec({
      inputShape: [224, 224, 3],
      classes: 10,
      includeTop: true,
      auxiliaryClassifiers: true,
      classifierActivation: 'linear',
    });
    const heads = spec.layers.filter((layer) => ['aux1', 'aux2', 'predictions'].includes(layer.name ?? ''));
    expect(heads.map((layer) => ('activation' in layer ? layer.activation : undefined))).toEqual([
      'linear',
      'linear',
      'linear',
    ]);
  });

  test('anything else is refused with what is allowed', () => {
    expect(() => describe('resnet18', { classifierActivation: 'sigmoid' as never })).toThrow(
      /classifierActivation must be "softmax", "linear" or null/,
    );
  });
});

suite('bad input gets a clear error', () => {
  test('unknown name lists the allowed ones', () => {
    expect(() => describe('resnet51')).toThrowError(ArchitectureError);
    expect(() => describe('resnet51')).toThrow(
      /unknown architecture "resnet51": allowed lenet5, alexnet, .*resnet50, .*exercise2/,
    );
    // Not fooled by Object.prototype.
    expect(() => describe('toString')).toThrow(/unknown architecture "toString"/);
  });

  test.each([
    [{ classes: 0 }, 'resnet18: classes must be a positive integer'],
    [{ classes: 2.5 }, 'resnet18: classes must be a positive integer'],
    [{ classes: 1e6 }, 'resnet18: classes must be at most 100,000'],
    [
      { inputShape: [224, 224] },
      'resnet18: inputShape must be [height, width, channels] of positive integers',
    ],
    [{ inputShape: [224, -1, 3] }, 'resnet18: inputShape.1 must be a positive integer'],
  ])('%j', (options, message) => {
    expect(() => describeSpec('resnet18', options as never)).toThrow(message);
  });
});

suite('README', () => {
  test('its table of networks is the one the code generates', async () => {
    const { readFile } = await import('node:fs/promises');
    const { referenceTable, TABLE_END, TABLE_START } = await import('../scripts/reference-table');
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    const table = readme.slice(readme.indexOf(TABLE_START), readme.indexOf(TABLE_END) + TABLE_END.length);
    expect(table).toBe(referenceTable());
  });
});

suite('errors as data', () => {
  test('an unknown name carries what was given and the allowed names', () => {
    let error: unknown;
    try {
      describe('resnet51');
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({
      code: 'unknown_architecture',
      details: { given: 'resnet51', allowed: ARCHITECTURE_NAMES },
    });
  });

  test('an input below the network floor: the side given and the minimum as numbers', () => {
    let error: unknown;
    try {
      describe('xception', { inputShape: [64, 64, 3] });
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({
      code: 'invalid_options',
      path: ['inputShape'],
      details: {
        check: 'input_too_small',
        inputSide: 64,
        minimumSide: ARCHITECTURES.xception.minimumInputSide,
      },
    });
  });

  test("a misspelt option (Keras' input_shape) is refused with the right name, never ignored", () => {
    expect(() => describeSpec('resnet50', { input_shape: [64, 64, 3] } as never)).toThrowError(
      /unknown field "input_shape": did you mean "inputShape"\?/,
    );
  });
});
