import { seededRandom } from '@cnnkit/segmentation';
import {
  analyze,
  bytesPerElement,
  type Dtype,
  exercise2Spec,
  formatBytes,
  type ModelReport,
} from '@cnnkit/shape-math';
import { analyzeExercise2 } from '../verify/exercise2-analysis';
import type { Exercise2Network } from '../verify/requests';
import { defineQuestion, withPart } from './define';
import type { NumericPart, Question } from './schemas';

/** The study notes' feature-map slip on question 2, corrected (see the notes' own working). */
const NOTES_MAP_SIZE =
  'The notes compute the feature map with padding 0 and write "28 x 99"; with "same" padding the output is ceil(input/stride): 100×150, then 50×75, then 25×38 (38 = ceil(75/2)). A map size is not a parameter count either: a conv layer has (k·k·C_in + 1)·filters parameters whatever the image size.';

/** Question 2, in the project's own words: text, rubric and variants together. */
export const parametersAndRam = defineQuestion({
  base: {
    id: 2,
    title: 'Parameters and RAM of a three-layer CNN',
    difficulty: 3,
    prompt:
      'A CNN has three convolutional layers, each with 3×3 kernels, stride 2 and "same" padding. The lowest outputs 100 feature maps, the middle one 200, the top one 400. Inputs are RGB images of 200×300 pixels.',
    parts: [
      {
        id: 'params',
        kind: 'numeric',
        unit: 'count',
        rule: 'computed',
        significantDigits: 'all',
        prompt: 'What is the total number of parameters in the CNN?',
        modelAnswer:
          '903,400 parameters: (3·3·3 + 1)·100 = 2,800; (3·3·100 + 1)·200 = 180,200; (3·3·200 + 1)·400 = 720,400.',
        explanation:
          'A conv layer has (kernel height × kernel width × input channels + 1 bias) × filters parameters. The image size does not matter: the weights are shared across positions.',
        sources: [
          'Géron, Hands-On ML (3rd ed., 2022), ch. 14 exercise 2',
          'measured: model.countParams() of the real tfjs model',
        ],
        measure: { kind: 'exercise2', quantity: 'params' },
        notesFigures: [{ answer: '28 x 99', correction: NOTES_MAP_SIZE }],
      },
      {
        id: 'ram-inference',
        kind: 'numeric',
        unit: 'bytes',
        rule: 'computed',
        significantDigits: 3,
        prompt:
          'With 32-bit floats, at least how much RAM does the network need to make a prediction for a single instance?',
        modelAnswer:
          'About 12.6 MB (12,613,600 bytes): with "same" padding and stride 2 the maps are 100×150×100, 50×75×200 and 25×38×400 (ceil(in/stride)); the largest two consecutive layers hold 6,000,000 + 3,000,000 bytes, and the 903,400 parameters take 3,613,600 bytes. Convention: the input (720,000 bytes) is held beside the first layer\'s output while that layer runs; 720,000 + 6,000,000 is less than 6,000,000 + 3,000,000, so Géron\'s "two consecutive layers" gives the same figure.',
        explanation:
          "During inference a layer's output can be released once the next layer has been computed, so at least two consecutive layers must fit at once, plus all parameters. 12,613,600 bytes is 12.03 MiB.",
        sources: [
          'Géron, Hands-On ML (3rd ed., 2022), ch. 14 exercise 2 solution',
          'measured: real output tensors of a forward pass',
        ],
        measure: { kind: 'exercise2', quantity: 'inferenceBytes' },
      },
      {
        id: 'ram-training',
        kind: 'numeric',
        unit: 'bytes',
        rule: 'computed',
        significantDigits: 3,
        prompt: 'And when training on a mini-batch of 50 images?',
        modelAnswer:
          "About 565.6 MB (565,613,600 bytes): every layer's output is kept for back-propagation, 10,520,000 bytes per image × 50 = 526,000,000; the input batch is 720,000 × 50 = 36,000,000; the parameters 3,613,600. Gradients are neglected; real frameworks need more.",
        explanation:
          'Training must keep all activations of every instance for the backward pass, so memory grows with the batch size; reducing the batch is the first remedy of question 3.',
        sources: [
          'Géron, Hands-On ML (3rd ed., 2022), ch. 14 exercise 2 solution',
          'measured: real output tensors of a forward pass, × batch size',
        ],
        measure: { kind: 'exercise2', quantity: 'trainingBytes', batchSize: 50 },
        bookFigures: [
          {
            answer: '564.6 MB',
            source: 'Géron, Hands-On ML (3rd ed.), appendix A, exercise 2 of ch. 14',
            note: "The book rounds each image's activations to 10.5 MB before multiplying by 50 (525 + 36 + 3.6 = 564.6 MB); the exact per-image figure is 10.52 MB, which gives 565.6 MB.",
          },
        ],
      },
    ],
    pictures: [{ kind: 'exercise2FeatureMaps' }],
    correctionsToNotes: [
      NOTES_MAP_SIZE,
      'The notes stop at the parameter count; the two RAM answers (12.6 MB for one prediction, 565.6 MB for a batch of 50) were missing.',
    ],
  },
  variant: exercise2VariantQuestion,
});

export interface Exercise2Setting {
  readonly network: Exercise2Network;
  readonly batchSize: number;
  readonly dtype: Dtype;
}

const BATCHES = [8, 16, 32, 50, 64, 100] as const;
const DTYPES: readonly Dtype[] = ['float32', 'float32', 'float16', 'bfloat16'];

/**
 * A quiz variant must verify in well under a second on two cores: about 2 GMACs at most (the
 * original exercise is 1.4). Heavier draws (stride 1 on a large image) get narrower layers.
 */
export const MAX_VARIANT_MACS = 2e9;

/**
 * Exercise 2 with everything drawn from a seed: input size, kernel, stride, padding and filters
 * (always valid: the last map is at least 1×1, and light enough to verify), batch and dtype.
 */
export function exercise2Setting(seed: number): Exercise2Setting {
  // mulberry32 from @cnnkit/segmentation (its pure entry): a variant is replayed from its seed.
  const random = seededRandom(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  const kernelSize = pick([1, 3, 5] as const);
  const strides = pick([1, 2, 2, 3] as const);
  const padding = pick(['same', 'same', 'valid'] as const);
  // Big enough for three valid windows: each layer loses at most kernel − 1 before striding.
  const minimum = padding === 'valid' ? (kernelSize - 1) * (1 + strides + strides ** 2) + strides ** 3 : 8;
  const height = Math.max(minimum, pick([32, 64, 100, 128, 150, 200] as const));
  const width = Math.max(minimum, pick([32, 64, 100, 128, 200, 300] as const));
  const base = pick([8, 16, 32, 50, 64, 100] as const);
  const channels = pick([1, 3] as const);
  let filters: [number, number, number] = [base, base * 2, base * 4];
  const network = (): Exercise2Network => ({
    height,
    width,
    channels,
    kernelSize,
    strides,
    padding,
    filters,
  });
  while (filters[0] > 4 && analyze(exercise2Spec(network())).totals.macs > MAX_VARIANT_MACS) {
    filters = [Math.ceil(filters[0] / 2), Math.ceil(filters[1] / 2), Math.ceil(filters[2] / 2)];
  }
  return {
    network: network(),
    batchSize: BATCHES[seed % BATCHES.length]!,
    dtype: DTYPES[Math.floor(seed / BATCHES.length) % DTYPES.length]!,
  };
}

const format = (n: number) => n.toLocaleString('en-US');

/**
 * A memory figure in the decimal unit that fits it (issue 18: "About 0 MB (17,920 bytes)" said
 * nothing): the unit in which it is at least 1 and under 1,000, to three significant figures, or
 * to one decimal from 100 up (565.6 MB, as the book writes it): 17.9 kB, 12.6 MB, 1.23 GB.
 */
export function aboutBytes(bytes: number): string {
  const units = [
    [1e9, 'GB'],
    [1e6, 'MB'],
    [1e3, 'kB'],
  ] as const;
  const [factor, unit] = units.find(([f]) => bytes >= f) ?? [1, 'bytes'];
  const value = bytes / factor;
  const digits =
    value >= 100
      ? { maximumFractionDigits: 1 }
      : { maximumSignificantDigits: 3, minimumSignificantDigits: 3 };
  return `${value.toLocaleString('en-US', { ...digits, useGrouping: false })} ${unit}`;
}

/**
 * Inference RAM of an exercise-2 network by the two conventions in use (issue 18). `inputHeld`:
 * the input stays in memory while the first layer reads it, so the input and the first layer's
 * output are alive together (what shape-math computes and the real forward pass measures).
 * `layersOnly`: Géron's "two consecutive layers", the input not counted. Both add all parameters.
 */
export function inferenceConventions(
  network: Exercise2Network,
  dtype: Dtype,
  /**
   * This network's analysis at `dtype`, when the caller has it (any batch: inference is per image);
   * else the one the service's plan made of this network (at `dtype`, batch 1: a question's
   * inference request), not a second.
   */
  report: ModelReport = analyzeExercise2(network, { dtype }).report,
) {
  const outputs = report.layers.filter((l) => l.kind === 'conv2d').map((l) => l.activationBytes);
  const pairs = outputs.slice(1).map((bytes, i) => outputs[i]! + bytes);
  const parameterBytes = report.memory.inference.parameterBytes;
  return {
    inputHeld: report.memory.inference.bytes,
    layersOnly: Math.max(...pairs, ...outputs) + parameterBytes,
    inputBytes: report.totals.inputBytes,
  };
}

function describeNetwork(s: Exercise2Setting): string {
  const n = s.network;
  const colour = n.channels === 3 ? 'RGB' : n.channels === 1 ? 'grayscale' : `${n.channels}-channel`;
  return `A CNN has three convolutional layers, each with ${n.kernelSize}×${n.kernelSize} kernels, stride ${n.strides} and "${n.padding}" padding. The lowest outputs ${n.filters[0]} feature maps, the middle one ${n.filters[1]}, the top one ${n.filters[2]}. Inputs are ${colour} images of ${n.height}×${n.width} pixels.`;
}

/** The worked answers of a setting, every figure from shape-math on the setting's own network. */
export function exercise2Working(setting: Exercise2Setting) {
  const n = setting.network;
  const report = analyze(exercise2Spec(n), { dtype: setting.dtype, batchSize: setting.batchSize });
  const bytes = bytesPerElement(setting.dtype);
  const bits = bytes * 8;
  const layers = report.layers.filter((l) => l.kind === 'conv2d');
  const inputs = [n.channels, n.filters[0], n.filters[1]];
  const params = report.totals.params.total;
  const perLayer = layers
    .map(
      (l, i) =>
        `(${n.kernelSize}·${n.kernelSize}·${inputs[i]} + 1)·${n.filters[i]} = ${format(l.params.total)}`,
    )
    .join('; ');
  const maps = layers.map((l) => l.outputShape.join('×')).join(', ');
  const rule =
    n.padding === 'same'
      ? `ceil(input / ${n.strides}) with "same" padding`
      : `floor((input − ${n.kernelSize}) / ${n.strides}) + 1 with "valid" padding`;
  const inference = report.memory.inference;
  const training = report.memory.trainingMinimum;
  const live = inference.liveTensorsAtPeak.join(' and ');
  const dtypeWords = setting.dtype === 'float32' ? '32-bit floats' : `${bits}-bit ${setting.dtype} numbers`;
  const conventions = inferenceConventions(n, setting.dtype, report);
  const conventionSentence =
    conventions.layersOnly === conventions.inputHeld
      ? `Convention: the input (${format(conventions.inputBytes)} bytes) is held beside the first layer's output while that layer runs; Géron's "two consecutive layers" (the input not counted) gives the same figure on this network.`
      : `Convention: the input (${format(conventions.inputBytes)} bytes) is held beside the first layer's output while that layer runs, and here that pair is the largest; Géron's "two consecutive layers" (the input not counted) gives ${aboutBytes(conventions.layersOnly)} (${format(conventions.layersOnly)} bytes), also accepted with a note.`;
  return {
    params: {
      modelAnswer: `${format(params)} parameters: ${perLayer}.`,
      explanation:
        'A conv layer has (kernel height × kernel width × input channels + 1 bias) × filters parameters. The image size does not matter: the weights are shared across positions.',
    },
    inference: {
      prompt: `With ${dtypeWords}, at least how much RAM does it need to make a prediction for a single instance?`,
      modelAnswer: `About ${aboutBytes(inference.bytes)} (${format(inference.bytes)} bytes): the maps are ${maps} (${rule}); the largest tensors alive at once, ${live}, hold ${format(inference.peakActivationBytes)} bytes, and the ${format(params)} parameters take ${format(inference.parameterBytes)} bytes (${bytes} bytes each). ${conventionSentence}`,
      explanation: `During inference a layer's output can be released once the next layer has been computed, so at least two consecutive tensors must fit at once, plus all parameters. ${formatBytes(inference.bytes)}.`,
    },
    training: {
      prompt: `And when training on a mini-batch of ${setting.batchSize} images (${dtypeWords}, gradients neglected)?`,
      modelAnswer: `About ${aboutBytes(training.bytes)} (${format(training.bytes)} bytes): every layer's output is kept for back-propagation, ${format(training.activationBytesPerInstance)} bytes per image × ${setting.batchSize} = ${format(training.activationBytes)}; the input batch is ${format(training.inputBytes)}; the parameters ${format(training.parameterBytes)}. Gradients are neglected; real frameworks need more.`,
      explanation: `Training keeps all activations of every image of the batch for the backward pass, so memory grows with the batch size (${setting.batchSize} here). ${formatBytes(training.bytes)}.`,
    },
  };
}

/**
 * Question 2 for a seed: a new network, batch and number format, with its own prompt, model
 * answers and explanations. The expected values are measured on the variant's real model.
 */
export function exercise2VariantQuestion(question: Question, seed: number): Question {
  const setting = exercise2Setting(seed);
  const working = exercise2Working(setting);
  const measure = (part: NumericPart, quantity: 'params' | 'inferenceBytes' | 'trainingBytes') => ({
    ...part.measure,
    kind: 'exercise2' as const,
    quantity,
    network: setting.network,
    dtype: setting.dtype,
    batchSize: quantity === 'trainingBytes' ? setting.batchSize : 1,
  });
  const numeric =
    (rewrite: (part: NumericPart) => Partial<NumericPart>) => (part: Question['parts'][number]) =>
      part.kind === 'numeric' ? { ...part, bookFigures: [], notesFigures: [], ...rewrite(part) } : part;
  return withPart(
    question,
    seed,
    {
      params: numeric((part) => ({ ...working.params, measure: measure(part, 'params') })),
      'ram-inference': numeric((part) => ({
        ...working.inference,
        measure: measure(part, 'inferenceBytes'),
      })),
      'ram-training': numeric((part) => ({ ...working.training, measure: measure(part, 'trainingBytes') })),
    },
    describeNetwork(setting),
  );
}
