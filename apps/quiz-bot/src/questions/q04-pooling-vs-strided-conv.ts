import { analyze } from '@cnnkit/shape-math';
import { defineQuestion, withPart } from './define';
import type { Question } from './schemas';

/** Question 4, in the project's own words: text, rubric and variants together. */
export const poolingVersusStridedConv = defineQuestion({
  base: {
    id: 4,
    title: 'Max pooling vs strided convolution',
    difficulty: 2,
    prompt: 'Why would you add a max pooling layer rather than a convolutional layer with the same stride?',
    parts: [
      {
        id: 'why',
        kind: 'rubric',
        prompt: 'Give the reasons (two for full credit).',
        required: 2,
        modelAnswer:
          'A max pooling layer has no parameters at all, while a convolutional layer with the same stride has kernel·kernel·channels·filters weights plus biases; pooling also costs less computation and memory (nothing to train, no weight gradients), and taking the maximum keeps the strongest activation while adding a little invariance to small shifts.',
        explanation:
          "The trade-off: a strided conv learns how to downsample and some modern networks (all-convolutional nets, ResNet's projection units) prefer it; pooling is the cheap, parameter-free choice.",
        sources: [
          'Géron, Hands-On ML (3rd ed., 2022), ch. 14 exercise 4',
          'Springenberg et al. 2015, "Striving for simplicity: the all convolutional net"',
        ],
        subjects: {
          rule: 'contrast',
          list: [
            { id: 'max pooling', patterns: ['(max )?pool\\w*( layers?)?'] },
            {
              id: 'a strided convolution',
              patterns: ['(a |the )?(strided )?conv\\w*( layers?)?', '(a |the )?convolution\\w*'],
            },
          ],
        },
        concepts: [
          {
            id: 'no-params',
            label: 'no parameters to learn',
            claims: [
              'parameter-free|parameterfree|weightless',
              'learns|learn|train|trains nothing',
              '0|zero|no @parameter',
              'nothing to learn',
              'learns|learn nothing',
            ],
            counterclaims: [
              'add|adds|have|has|learn|learns|need|needs @parameter|kernel|kernels',
              '@more @parameter',
            ],
            direction: 'less',
            patterns: [
              '(fewer|less|more|extra|additional) (trainable )?(param|weight)',
              'reduc\\w* (the )?(number of )?(param|weight)',
              '(param|weight)s? (count )?(is |are )?(lower|smaller|higher|larger)',
            ],
            undirected: [
              'no (trainable |learn\\w* )?(param|weight)',
              'zero (param|weight)',
              'without (any )?(param|weight)',
              'parameter ?free',
              'nothing to (learn|train)',
              'learns? nothing',
              '(don t|doesn t|do not|does not) (have|need|learn|add|introduce|use|require|contain|bring) (any )?(trainable |learnable |extra |new )?(param|weight)',
              '(has|have) none',
            ],
            opposites: [
              '(has|have|learns?|needs?) (?!no |not |zero |nothing )(\\w+ )?(trainable |learnable )(param|weight)',
              'learns? (its |the )?(?!no |not |zero |nothing )(\\w+ )?weights',
            ],
          },
          {
            id: 'compute',
            label: 'less computation',
            claims: [
              '@less flops|operations|ops|multiplications|computation|compute|math|arithmetic|work',
              'cheap|cheaper|faster|quicker|fast',
            ],
            direction: 'less',
            patterns: [
              'comput',
              'cheaper',
              'fewer (operations|flops|multipl)',
              '(less|more) (work|cost|operations|flops)',
            ],
            undirected: ['faster'],
            opposites: ['slower', 'more expensive', 'costlier', 'same (cost|comput\\w*|speed)'],
          },
          {
            id: 'memory',
            label: 'less memory',
            direction: 'less',
            patterns: ['memory', 'ram'],
            opposites: ['same (?!no |not |zero |nothing )(\\w+ )?(memory|ram)'],
          },
          {
            id: 'invariance',
            label: 'some invariance to small shifts; keeps the strongest activation',
            claims: [
              'robust|tolerant|insensitive|resistant shift|shifts|translation|translations|displacement|displacements|jitter|movement|movements',
              '@output @unchanged @change',
              // "small movements of a feature don't change the max": the shift first, then the unchanged output.
              '@small @change ... @unchanged change|changes|affect|affects|alter|alters @output',
            ],
            counterclaims: [
              'perfectly|completely|fully|totally invarian*',
              'invarian* rotation|rotations|scale|scaling',
            ],
            patterns: [
              // Not "rotation invariant", "rotation and scale invariance": another invariance, not
              // the point (a teacher neither credits it nor counts it against a shift said beside it).
              '(?<!(?:rotation|rotational|rotationally|scale|scaling|rotation and|scale and|rotation or|scale or) )invarian',
              // ... but a shift named in the same phrase keeps it ("translation and rotation invariance",
              // "shift, rotation and scale invariance").
              '(translation|translational|shift|shifts|position|positional) (\\w+ ){0,4}invarian',
              'strongest',
              'max(imum)? (activation|value|response)',
              'most (salient|important|active)',
              'small (shifts|translations)',
            ],
            opposites: [
              '(remov\\w*|destroy\\w*|los(e|es|ing)|reduc\\w*|break\\w*|less) (the |its |some )?(translation |shift )?invarian',
              '(throws? away|discard\\w*|drop\\w*|ignor\\w*|los(e|es|ing)) (the )?(strongest|max\\w*)',
              'sensitive to (small )?(shifts|translations)',
            ],
          },
          {
            id: 'overfitting',
            label: 'less risk of overfitting',
            claims: ['@less overfit*', 'regulari*'],
            direction: 'less',
            patterns: ['overfit'],
          },
        ],
      },
      {
        id: 'extra-params',
        kind: 'numeric',
        unit: 'count',
        rule: 'computed',
        significantDigits: 'all',
        prompt:
          'On a 64-channel feature map, how many more parameters does a 2×2 conv layer with stride 2 (keeping 64 channels) have than a 2×2 max pooling layer with stride 2?',
        modelAnswer:
          '16,448: the conv has 2·2·64·64 = 16,384 weights plus 64 biases; the pooling layer has none.',
        explanation: 'Both halve the height and width; only one of them has to be trained.',
        sources: ['measured: countParams() of a real tfjs maxPooling2d and conv2d on the same input'],
        measure: { kind: 'poolVersusConv', channels: 64, window: 2 },
      },
    ],
    correctionsToNotes: [
      'The notes miss the trade-off: a strided conv can learn a better downsampling, which is why some modern networks use it.',
    ],
  },
  variant: poolVersusConvVariant,
});

const format = (n: number) => n.toLocaleString('en-US');

/**
 * Question 4's numeric part on another feature map: channels and window drawn from the seed; the
 * prompt, model answer and explanation say the variant's own numbers (shape-math counts them).
 */
export function poolVersusConvVariant(question: Question, seed: number): Question {
  const channels = [16, 32, 64, 96, 128, 256, 512][seed % 7]!;
  const window = [2, 3][Math.floor(seed / 7) % 2]!;
  const report = analyze({
    name: 'strided_conv',
    input: [window * 4, window * 4, channels],
    layers: [{ kind: 'conv2d', name: 'conv', filters: channels, kernelSize: window, strides: window }],
  });
  const params = report.totals.params.total;
  const weights = window * window * channels * channels;
  const shrink = window === 2 ? 'halve' : `divide by ${window}`;
  return withPart(question, seed, {
    'extra-params': (part) =>
      part.kind !== 'numeric'
        ? part
        : {
            ...part,
            prompt: `On a ${channels}-channel feature map, how many more parameters does a ${window}×${window} conv layer with stride ${window} (keeping ${channels} channels) have than a ${window}×${window} max pooling layer with stride ${window}?`,
            modelAnswer: `${format(params)}: the conv has ${window}·${window}·${channels}·${channels} = ${format(weights)} weights plus ${channels} biases; the pooling layer has none.`,
            explanation: `Both ${shrink} the height and width (stride ${window}); only one of them has to be trained.`,
            measure: { kind: 'poolVersusConv', channels, window },
          },
  });
}
