import { analyze, bytesPerElement, type Dtype, exercise2Spec } from '@cnnkit/shape-math';
import { exercise2Variant } from './exercise2-variant';
import type { NumericPart, Question } from './questions/schemas';
import type { Exercise2Network } from './verify/requests';

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

/** Exercise 2 with everything drawn from a seed: the network (the quiz's own generator), batch and dtype. */
export function exercise2Setting(seed: number): Exercise2Setting {
  const v = exercise2Variant(seed);
  let filters: [number, number, number] = [v.filters[0], v.filters[1], v.filters[2]];
  const network = (): Exercise2Network => ({
    height: v.height,
    width: v.width,
    channels: v.channels,
    kernelSize: v.kernelSize,
    strides: v.strides,
    padding: v.padding,
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

function describeNetwork(s: Exercise2Setting): string {
  const n = s.network;
  const colour = n.channels === 3 ? 'RGB' : n.channels === 1 ? 'grayscale' : `${n.channels}-channel`;
  return `A CNN has three convolutional layers, each with ${n.kernelSize}×${n.kernelSize} kernels, stride ${n.strides} and "${n.padding}" padding. The lowest outputs ${n.filters[0]} feature maps, the middle one ${n.filters[1]}, the top one ${n.filters[2]}. Inputs are ${colour} images of ${n.height}×${n.width} pixels.`;
}

/**
 * Question 2 rewritten for a seed: same parts, new network, batch and number format. The expected
 * values are measured on the variant's real model like the original's.
 */
export function exercise2VariantQuestion(question: Question, seed: number): Question {
  const setting = exercise2Setting(seed);
  const bits = 8 * bytesPerElement(setting.dtype);
  const rewrite = (part: NumericPart): NumericPart => {
    if (part.measure.kind !== 'exercise2') return part;
    const quantity = part.measure.quantity;
    const prompt =
      quantity === 'params'
        ? 'What is the total number of parameters in the CNN?'
        : quantity === 'inferenceBytes'
          ? `With ${bits}-bit ${setting.dtype} numbers, at least how much RAM does it need to make a prediction for a single instance?`
          : `And when training on a mini-batch of ${setting.batchSize} images (${bits}-bit ${setting.dtype}, gradients neglected)?`;
    return {
      ...part,
      prompt,
      modelAnswer: 'Measured on the real model; see the working below.',
      measure: {
        ...part.measure,
        network: setting.network,
        dtype: setting.dtype,
        batchSize: quantity === 'trainingBytes' ? setting.batchSize : 1,
      },
    };
  };
  return {
    ...question,
    title: `${question.title} (variant ${seed})`,
    prompt: describeNetwork(setting),
    parts: question.parts.map((p) => (p.kind === 'numeric' ? rewrite(p) : p)),
    correctionsToNotes: [],
  };
}

/**
 * A variant that changes the numeric part measuring `kind`: `rewrite` gives its new prompt and
 * measurement; the expected value is measured again, like the original's.
 */
function withNumericPart(
  question: Question,
  seed: number,
  kind: NumericPart['measure']['kind'],
  rewrite: () => Pick<NumericPart, 'prompt' | 'measure'>,
): Question {
  return {
    ...question,
    title: `${question.title} (variant ${seed})`,
    parts: question.parts.map((part) =>
      part.kind === 'numeric' && part.measure.kind === kind
        ? { ...part, ...rewrite(), modelAnswer: 'Measured on the real model; see the working below.' }
        : part,
    ),
    correctionsToNotes: [],
  };
}

/** Question 4's numeric part on another feature map: channels and window drawn from the seed. */
function poolVersusConvVariant(question: Question, seed: number): Question {
  const channels = [16, 32, 64, 96, 128, 256, 512][seed % 7]!;
  const window = [2, 3][Math.floor(seed / 7) % 2]!;
  return withNumericPart(question, seed, 'poolVersusConv', () => ({
    prompt: `On a ${channels}-channel feature map, how many more parameters does a ${window}×${window} conv layer with stride ${window} (keeping ${channels} channels) have than a ${window}×${window} max pooling layer with stride ${window}?`,
    measure: { kind: 'poolVersusConv', channels, window },
  }));
}

/** Question 7's numeric part on another image size: the converted FCN's grid is measured again. */
function fcnGridVariant(question: Question, seed: number): Question {
  const testSide = [256, 288, 320, 384, 416, 480, 512, 640, 800][seed % 9]!;
  return withNumericPart(question, seed, 'fcnGrid', () => ({
    prompt: `A classifier trained on 224×224 images has a backbone with output stride 32 (a 7×7 feature map) followed by dense layers. Converted to an FCN, how wide is its output grid on a ${testSide}×${testSide} image?`,
    measure: { kind: 'fcnGrid', trainSide: 224, testSide },
  }));
}

const BACKBONES = [
  ['resnet18', 'ResNet-18'],
  ['resnet50', 'ResNet-50'],
  ['vgg16', 'VGG16'],
  ['mobilenet', 'MobileNet'],
  ['googlenet', 'GoogLeNet'],
] as const;

/** Question 8's numeric part on another backbone: its output stride is measured on the real network. */
function outputStrideVariant(question: Question, seed: number): Question {
  const [architecture, title] = BACKBONES[seed % BACKBONES.length]!;
  return withNumericPart(question, seed, 'outputStride', () => ({
    prompt: `By what factor does ${title} (without its classifier) shrink the height and width of its input?`,
    measure: { kind: 'outputStride', architecture, inputSide: 64 },
  }));
}

/** The questions that have generated variants, by id. */
export const VARIANT_BUILDERS: Readonly<Record<number, (question: Question, seed: number) => Question>> = {
  2: exercise2VariantQuestion,
  4: poolVersusConvVariant,
  7: fcnGridVariant,
  8: outputStrideVariant,
};
