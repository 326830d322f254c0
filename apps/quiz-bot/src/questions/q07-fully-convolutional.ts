import { convOutputLength } from '@cnnkit/shape-math';
import { defineQuestion, withPart } from './define';
import type { Question } from './schemas';

/** Question 7, in the project's own words: text, rubric and variants together. */
/**
 * The first dense layer converted to a 1×1 convolution: wrong (its kernel must cover its whole input
 * map; only the layers above it become 1×1), an opposite of both the kernel-size and the 1×1 points.
 * "Replace the dense layers with 1×1 convs", "the first FC layer becomes / is replaced by / will
 * become / is implemented as a 1×1 conv", "turn the first dense layer into a 1×1".
 */
const FIRST_DENSE_AS_ONE_BY_ONE = [
  '(replace|convert|swap)\\w* (the )?(lowest |first |bottom )?(dense|fully connected|fc) layers? (with|by|into|to|for) (a )?1 ?x ?1',
  '(lowest|first|bottom) (dense|fully connected|fc) layers? (becomes?|will become|turns? into|is turned into|is converted (in)?to|is made into|is replaced (with|by)|is swapped (for|with)|is implemented as) (a )?1 ?x ?1',
  '(turn|make|change)\\w* (the )?(lowest |first |bottom )(dense|fully connected|fc) layers? into (a )?1 ?x ?1',
];

/**
 * Words that place a dense layer above the first one ("the next ones", "the later dense layers"):
 * a 1×1 said after one of them is the right point, not the first layer's mistake.
 */
const ABOVE_THE_FIRST = [
  'next',
  'later',
  'other',
  'others',
  'remaining',
  'rest',
  'following',
  'subsequent',
  'above',
  'after',
  'then',
  'upper',
  'top',
  'second',
  'third',
];
const NOT_ABOVE_THE_FIRST = `(?:(?!(?:${ABOVE_THE_FIRST.join('|')}) )\\w+ )`;

/**
 * The question asks how to convert "a dense layer": a 1×1 given for that one layer (singular, no word
 * that places it above the first) is the first layer's conversion, and so the mistake the teacher
 * names ("convert a dense layer by putting a 1×1 conv before it", "to convert a dense layer use a
 * 1×1 conv"). An FCN said to be built of 1×1 convolutions alone ("it uses 1x1 kernels only") has
 * no layer whose kernel covers its input map: neither its definition nor the 1×1 point.
 */
const ASKED_LAYER_AS_ONE_BY_ONE = [
  `(convert|turn|replace|swap|transform)\\w* (a|the|each|every|any|one) (single )?(dense|fully connected|fc) layer ${NOT_ABOVE_THE_FIRST}{0,7}(a |an )?1 ?x ?1`,
];
const ONLY_ONE_BY_ONE = ['only (uses? )?(a )?1 ?x ?1', '1 ?x ?1 (conv\\w* |kernels? |filters? )?only'];

/**
 * The layers above the first kept dense ("the later dense layers stay dense layers", "the last layer
 * stays fully connected"): an opposite of "the layers above become 1×1". (Not of "only convolutional
 * layers" too: with "so it takes any size" after it, that cancels the size point as well.)
 */
const LATER_DENSE_KEPT = [
  '(later|other|remaining|upper|top|last|final|following) (dense |fully connected |fc )?layers? (stays?|remains?|is kept|are kept|is left|are left) (as )?(an? )?(dense|fully connected|fc)',
];

export const fullyConvolutional = defineQuestion({
  base: {
    id: 7,
    title: 'Fully convolutional networks',
    difficulty: 3,
    prompt:
      'What is a fully convolutional network? How can you convert a dense layer into a convolutional layer?',
    parts: [
      {
        id: 'what-and-how',
        kind: 'rubric',
        prompt: 'Define an FCN and explain the conversion (four points for full credit).',
        required: 4,
        modelAnswer:
          'An FCN has only convolutional and pooling layers (no dense layers), so it accepts images of any size (above a minimum) and outputs a grid of predictions instead of one vector, looking at the image once: useful for detection and semantic segmentation. To convert the lowest dense layer, replace it with a conv layer whose kernel is as large as its input feature map, with one filter per dense unit, "valid" padding and stride 1; the dense weights can be reshaped and copied in. Dense layers above it become 1×1 convolutions.',
        explanation:
          "On the training image size the converted network gives exactly the dense network's output (a 1×1 grid); on a larger image it slides that classifier over the image at the backbone's output stride.",
        sources: [
          'Long, Shelhamer, Darrell 2015, "Fully convolutional networks for semantic segmentation"',
          'Géron, Hands-On ML (3rd ed., 2022), ch. 14 exercise 7',
        ],
        concepts: [
          {
            id: 'only-conv',
            label: 'only convolutional (and pooling) layers, no dense layers',
            claims: ['only|just|purely|entirely conv*', 'dense|fc rip*|strip*|remov*|gone|dropped'],
            patterns: [
              'only conv',
              'no (dense|fully connected)',
              'without (any )?(dense|fully connected)',
              'convolutional and pooling layers',
              'composed (only )?of conv',
              'all (layers are )?conv',
              // "only" after what it restricts: "convs only", "conv and pool only".
              'conv\\w*( and pool\\w*)? (layers )?only',
            ],
            opposites: [
              'only (of )?(dense|fully connected)',
              '(has|have|contains?|keeps?|ends? with|uses?) (?!no |not |zero |nothing )(\\w+ )?(dense|fully connected) layers?',
              '(dense|fully connected) layers? (at the end|on top)',
              ...ONLY_ONE_BY_ONE,
            ],
          },
          {
            id: 'any-size',
            label: 'accepts images of any size',
            claims: [
              '@every size|sizes|shape|shapes|resolution|resolutions|dimension|dimensions',
              'arbitrary|variable|varying|flexible size|sizes|input|inputs|resolution|shape',
            ],
            patterns: [
              'any (input )?(size|width|height|resolution)',
              'arbitrary (input )?(size|resolution)',
              'variable (input )?size',
              'different (input )?sizes',
            ],
            opposites: [
              'fixed (input |image )?size',
              'only (one|a single|a fixed|the training) (input |image )?(size|resolution)',
              'same size as (the )?training',
            ],
          },
          {
            id: 'kernel-size',
            label: 'kernel as large as the dense layer\'s input map, "valid" padding',
            claims: ['kernel|filter|kernels|filters equal|same|matches|match|as input|map|maps|feature'],
            patterns: [
              'kernel (size )?(equal|same|as large|the size)',
              'size of (the )?(input|feature map)',
              'valid padding',
              'padding valid',
              'whole (input|feature map)',
              // The sizes said by example: "a 7x7 kernel, since the last feature map is 7x7" (the same
              // N×N for the kernel and the map it covers, in either order; named groups, since a concept's
              // patterns are joined into one alternation).
              '(?<kernelSide>\\d+) ?x ?\\k<kernelSide> (conv\\w* )?(kernel|filter)s?\\b[^.;!?]{0,60}?(map|input|output|activation)s? (is |are |of |has |size |sized |of size )*\\k<kernelSide> ?x ?\\k<kernelSide>\\b',
              '(map|input|output|activation)s? (\\w+ ){0,4}?(is |are |of |has |size |sized |of size )+(?<mapSide>\\d+) ?x ?\\k<mapSide>\\b[^.;!?]{0,60}?\\k<mapSide> ?x ?\\k<mapSide> (conv\\w* )?(kernel|filter)',
            ],
            opposites: [
              '(same|zero) padding',
              'padding (same|zero)',
              'kernel (must be |is |should be )?smaller than',
              ...FIRST_DENSE_AS_ONE_BY_ONE,
            ],
          },
          {
            id: 'filters-units',
            label: 'one filter per dense unit',
            claims: ['filter|filters neuron|neurons|unit|units'],
            patterns: [
              '(one )?filters? (per|for each|equal to the number of) (neuron|unit)',
              'number of (neurons|units)',
              'as many filters as',
            ],
            opposites: [
              '(one|a single) filter (in total|only|overall)',
              'one filter per (pixel|channel|class|image)',
            ],
          },
          {
            id: 'one-by-one',
            label: 'the dense layers above become 1×1 convolutions',
            claims: [
              'conv|convolution|convs 1x1',
              'dense|other layer|layers 1x1',
              // "a stack of 1-pixel-wide filters": a 1×1 kernel said by its width.
              '1-pixel|one-pixel|1-pixel-wide|one-pixel-wide|single-pixel|pixel-wide|pointwise filter|filters|kernel|kernels|conv|convs',
            ],
            patterns: ['1 ?x ?1', 'one by one'],
            opposites: [
              ...FIRST_DENSE_AS_ONE_BY_ONE,
              ...ASKED_LAYER_AS_ONE_BY_ONE,
              ...ONLY_ONE_BY_ONE,
              ...LATER_DENSE_KEPT,
              '1 ?x ?1 (conv\\w* )?(is |are )?(useless|impossible|not possible)',
            ],
          },
          {
            id: 'weights-copied',
            label: 'the dense weights can be reshaped and reused',
            claims: [
              'reuse|reused|copy|copied|reshape|reshaped|transfer|transferred|keep|kept|load|loaded @parameter',
            ],
            patterns: ['reshap', 'copy', 'copied', 'reuse', 'same weights', 'transfer the weights'],
            opposites: [
              'retrain\\w* (?!no |not |zero |nothing )(\\w+ )?from scratch',
              'new (random )?weights',
              'random(ly)? (initiali[sz]\\w*|weights)',
              'weights (are |get )?(lost|discarded|thrown away)',
            ],
          },
          {
            id: 'uses',
            label: 'outputs a grid: detection, semantic segmentation',
            patterns: [
              'segmentation',
              'detection',
              'grid',
              'once',
              'dense prediction',
              '(predictions?|class(es)?|labels?|outputs?|scores?) (per|for each|for every) pixel',
            ],
            opposites: [
              '(a )?single (class )?(vector|prediction|output|label)',
              'one (prediction|label|class) per image',
              'more than once',
              'several times',
            ],
          },
        ],
      },
      {
        id: 'grid',
        kind: 'numeric',
        unit: 'pixels',
        rule: 'computed',
        significantDigits: 'all',
        prompt:
          'A classifier trained on 224×224 images has a backbone with output stride 32 (a 7×7 feature map) followed by dense layers. Converted to an FCN, how wide is its output grid on a 448×448 image?',
        modelAnswer:
          '8×8: the backbone gives a 14×14 map, and the 7×7 "valid" conv that replaced the first dense layer fits 14 − 7 + 1 = 8 times across.',
        explanation:
          'Each output cell is the classifier applied to a 224×224 window, the windows 32 pixels apart.',
        sources: ['measured: a real classifier converted to a FCN, weights copied, run on a 448×448 image'],
        measure: { kind: 'fcnGrid', trainSide: 224, testSide: 448 },
      },
    ],
    correctionsToNotes: [
      'The notes do not say the dense weights can be reshaped and copied into the conv layer, nor what the output grid is on a larger image.',
    ],
  },
  variant: fcnGridVariant,
});

/** The measured classifier's backbone: five 2×2 max poolings (stride 32), each "valid". */
const backboneSide = (side: number) => {
  let s = side;
  for (let stage = 0; stage < 5; stage++) s = convOutputLength(s, 2, 'valid', 2);
  return s;
};

/** Question 7's numeric part on another image size, with its own working; the grid is measured again. */
export function fcnGridVariant(question: Question, seed: number): Question {
  const testSide = [256, 288, 320, 384, 416, 480, 512, 640, 800][seed % 9]!;
  const trainMap = backboneSide(224);
  const map = backboneSide(testSide);
  const grid = map - trainMap + 1;
  return withPart(question, seed, {
    grid: (part) =>
      part.kind !== 'numeric'
        ? part
        : {
            ...part,
            prompt: `A classifier trained on 224×224 images has a backbone with output stride 32 (a ${trainMap}×${trainMap} feature map) followed by dense layers. Converted to an FCN, how wide is its output grid on a ${testSide}×${testSide} image?`,
            modelAnswer: `${grid}×${grid}: the backbone gives a ${map}×${map} map (${testSide} / 32, rounded down), and the ${trainMap}×${trainMap} "valid" conv that replaced the first dense layer fits ${map} − ${trainMap} + 1 = ${grid} times across.`,
            explanation: `Each output cell is the classifier applied to a 224×224 window of the ${testSide}×${testSide} image, the windows 32 pixels apart.`,
            sources: [
              `measured: a real classifier converted to a FCN, weights copied, run on a ${testSide}×${testSide} image`,
            ],
            measure: { kind: 'fcnGrid', trainSide: 224, testSide },
          },
  });
}
