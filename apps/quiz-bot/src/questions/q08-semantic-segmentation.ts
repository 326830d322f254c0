import { describe as describeArchitecture } from '@cnnkit/architectures';
import { defineQuestion, withPart } from './define';
import type { Question } from './schemas';

/**
 * The names of question 8's two remedies that keep the resolution, as they appear in the normalised
 * answer (hyphens read as spaces): one list each, read by every rule that needs to know a clause is
 * about the remedy. "à trous" is "with holes" (Chen et al., DeepLab): "holey convs", "gappy kernels".
 */
const SKIP_NAMES = ['skip', 'residual', 'shortcut', 'unet', 'u net'];
const DILATED_NAMES = ['dilat\\w*', 'atrous', 'holey', 'holed', 'gappy', 'spaced out'];
/** The names of what shrinks the maps (pooling, strides), as the answer writes them ("unpooling" is none). */
const SHRINKING_NAMES = ['pool\\w*', 'max pool\\w*', 'stride\\w*', 'strided', 'striding', 'downsampl\\w*'];
/** Layers that neither shrink nor enlarge the maps ("batch norm also helps recover the resolution" is a wrong claim). */
const OTHER_LAYERS = ['batch ?norm\\w*', 'bn', 'dropout', 'relu\\w*', 'activations?'];
/** Not right after a remedy's name (up to four words before): "skip connections keep detail" is no denial of the loss. */
const NOT_SAID_OF_A_REMEDY = `(?<!(?:${[...SKIP_NAMES, ...DILATED_NAMES].join('|')})(?: \\w+){0,4} )`;
/**
 * Not said of a remedy named after it as its means ("the detail is restored by skip connections",
 * "recovered through the skips"): the rest of the verb's word, up to three words, the preposition
 * and up to one word before the remedy's name.
 */
const NOT_DONE_BY_A_REMEDY = `(?!\\w*(?: \\w+){0,3} (?:by|with|through|via|using|from) (?:the |its |their |some )?(?:\\w+ )?(?:${[...SKIP_NAMES, ...DILATED_NAMES].join('|')}))`;
/** Words that deny or avoid what follows them ("no", "never", "don't", "avoid", "without"). */
const TURNED_ROUND =
  '(?:no|not|never|nor|without|avoid\\w*|prevent\\w*|don|doesn|didn|won|cannot|can t|isn|aren)(?= )';
/**
 * What comes back ("restore", "recover", "bring … back"): upsampling's effect when the answer names
 * no other remedy doing it. An effect said of a remedy (its subject, "skip connections from the
 * encoder restore the fine detail", read by the grader from the clause as upsampling's `effects`;
 * or its means, "restored by skip connections") is that remedy's, not upsampling: question 8's
 * remedies are counted two of three, so reading it as upsampling gave a point twice.
 */
const COMES_BACK = `(?:restor|recover|(?:bring|brings|bringing|brought) (?:\\w+ ){0,4}back)${NOT_DONE_BY_A_REMEDY}`;

/** Question 8, in the project's own words: text, rubric and variants together. */
export const semanticSegmentation = defineQuestion({
  base: {
    id: 8,
    title: 'Semantic segmentation',
    difficulty: 2,
    prompt: 'What is the main technical difficulty of semantic segmentation?',
    parts: [
      {
        id: 'difficulty',
        kind: 'rubric',
        prompt: 'Explain the difficulty and how it is overcome (three points for full credit).',
        required: 3,
        modelAnswer:
          'Every pixel must be classified, but a regular CNN loses spatial resolution as the signal goes up (pooling layers and strides > 1 shrink the maps, e.g. by 32 in ResNet-50), so the fine location information needed at the pixel level is gone by the top. It must be recovered: upsample (transposed convolutions, bilinear upsampling) and add skip connections from lower, higher-resolution layers, as in FCN-8s and U-Net; or keep resolution with dilated convolutions.',
        explanation:
          'There is a tension between "what" (needs large receptive fields and deep, coarse maps) and "where" (needs fine maps).',
        sources: [
          'Long et al. 2015 (FCN)',
          'Ronneberger et al. 2015 (U-Net)',
          'Géron, Hands-On ML (3rd ed., 2022), ch. 14 exercise 8',
        ],
        concepts: [
          {
            id: 'resolution-lost',
            label: 'spatial resolution is lost through pooling and strides',
            claims: [
              'coarse|blurry|low-resolution|lowres map|maps|output|outputs|grid|prediction|predictions',
              '@lose where|location|locations|position|detail|details|resolution',
              'squish*|squash*|halve|halves|compress* grid|map|maps|image|resolution',
              // What pooling and strides do, said of them in one clause ("pooling layers and strides
              // shrink everything", "strided convs are destructive").
              'pool|pooling|pools|stride|strides|strided|striding reduce*|shrink*|shrunk|lower|lowers|lowered|lowering|@lose|destructive|downsampl*|halve*|halving',
              'pool|pooling|stride|strided|striding @layer|conv|convs|convolution|convolutions|operation|operations|step|steps reduce*|shrink*|shrunk|lower|lowers|lowered|lowering|@lose|destructive|downsampl*|halve*|halving',
            ],
            patterns: [
              '(spatial )?(information|resolution|details?)s? (is |are |gets? )?(lost|destroyed|discarded|reduced)',
              'los(e|es|ing|t) (the |much |a lot of |most )?(spatial|resolution|location|detail)',
              '(reduc\\w*|shrink\\w*|lower\\w*|destroy\\w*) (the )?(spatial )?(resolution|size of the (feature )?maps)',
              'downsampl\\w* (the |its )?(image|input|maps?|feature maps?|resolution)',
              'coarse (maps?|output|feature maps?|resolution|predictions?)',
              'most destructive',
            ],
            opposites: [
              // "keep the input's fine spatial detail": whose detail, and how fine, may be said. Not
              // when a remedy that keeps it does ("skip connections keep detail", "dilated
              // convolutions keep the resolution"): the fix for the loss, not a denial of it (stop
              // 29's review). Upsampling restores resolution: "upsampling keeps the resolution" is
              // still read as a denial (a test pins it).
              `${NOT_SAID_OF_A_REMEDY}(preserv\\w*|keeps?|keeping|maintain\\w*|increas\\w*|rais\\w*) (the |all (the )?)?((input|image)s? s? )?(full |fine )?(spatial )?(resolution|information|details?)`,
              '(nothing|no information|no detail|no resolution) (is |gets )?lost',
              // Said of the resolution itself: "the resolution stays the same", "is preserved by pooling".
              '(resolution|information|details?) (is |are |gets |get )?(preserved|kept|maintained|retained|intact|unchanged)',
              '(resolution|information|details?) (stays?|remains?) (the same|unchanged|intact|high|full)',
              'never lost',
            ],
          },
          {
            id: 'per-pixel',
            label: 'every pixel must be classified',
            claims: [
              'pixelwise|pixel-wise|per-pixel|perpixel',
              'dense prediction|predictions',
              'label|classify|class|predict @every pixel',
            ],
            patterns: ['(each|every|per) pixel', 'pixel (level|wise)', 'class of (the |each )?pixels?'],
            opposites: [
              '(one|a single) (label|class|prediction) (per|for the) (whole )?image',
              'image level (label|class)',
            ],
          },
          {
            id: 'upsample',
            label: 'upsampling (transposed convolutions) to recover resolution',
            claims: [
              'deconvolution|deconvolutions|deconv|deconvs|unpool*|bilinear|interpolat*|upconv*|up-conv*',
              '@enlarge back|up',
              'transposed conv*',
            ],
            patterns: ['upsampl', 'up sampl', 'transpose', 'deconvolution'],
            // (Nor is it said of what loses the resolution, or of a layer that keeps the size: "max
            // pooling brings it back", "batch norm helps recover it" are wrong claims, no upsampling.)
            effects: {
              patterns: [COMES_BACK],
              notOf: [...SKIP_NAMES, ...DILATED_NAMES, ...SHRINKING_NAMES, ...OTHER_LAYERS],
            },
            opposites: [
              'upsampl\\w* (?!no |not |zero |nothing )(\\w+ )?(destroy|los|remov|hurt)\\w*',
              // Transposed convolutions used to shrink the maps are no upsampling.
              '(transpose\\w*|deconv\\w*|upsampl\\w*) (\\w+ ){0,3}to (downsampl|shrink)\\w*',
            ],
          },
          {
            id: 'skip',
            label: 'skip connections from lower, finer layers',
            // "skip" only as the first word of its compound ("skip connections", "skip-links"): "skip
            // cables" or "I skipped my connection" are no network's skip connections.
            claims: [
              'u-net|unet|fcn-8s|fcn8s|concatenat*',
              'shortcut|shortcuts',
              'skip-conn*|skip-link*|skip-path*|skip-layer*|skip-architecture*',
            ],
            patterns: ['lower layers', 'u ?net', 'fcn ?8'],
          },
          {
            id: 'dilated',
            label: 'dilated (atrous) convolutions to keep resolution',
            patterns: ['dilat', 'atrous'],
            // "à trous" is "with holes" (Chen et al., DeepLab): "holey convs", "gappy kernels".
            claims: [
              'holey|holed|gappy|spaced-out conv|convs|convolution|convolutions|kernel|kernels|filter|filters',
            ],
            // Its opposite said once for every name of it (the Latin-root one, the French one, and the
            // plain "holey/gappy/spaced-out"): dilated convolutions keep the resolution, so one said to
            // shrink the maps, lose the resolution or downsample is a wrong claim about them.
            // The words between say nothing that turns it round: "dilated convolutions avoid
            // downsampling", "help (no downsampling)", "never shrink the maps" say they keep it.
            // A turning word that denies a shrinking thing is an aside, not a turn: "dilated
            // convolutions, not pooling, reduce the resolution" says they shrink the maps.
            opposites: [
              `(${DILATED_NAMES.join('|')}) ((?!${TURNED_ROUND} (?!pool|stride|max pool))\\w+ ){0,3}(to )?(shrink|reduc|downsampl|lower|los[eit])\\w*`,
            ],
          },
        ],
      },
      {
        id: 'output-stride',
        kind: 'numeric',
        unit: 'ratio',
        rule: 'computed',
        significantDigits: 'all',
        prompt:
          'By what factor does ResNet-50 (without its classifier) shrink the height and width of its input?',
        modelAnswer:
          '32: a 224×224 image becomes a 7×7 map (stride-2 stem conv, max pooling, and three stride-2 stages).',
        explanation: 'That is the resolution a segmentation head has to recover.',
        sources: ['measured: the real ResNet-50 without its top, run on a 64×64 image'],
        measure: { kind: 'outputStride', architecture: 'resnet50', inputSide: 64 },
      },
    ],
    pictures: [{ kind: 'segmentationRun' }],
    correctionsToNotes: [
      'The notes state the problem but not the remedies: upsampling (transposed convolutions), skip connections, dilated convolutions.',
    ],
  },
  variant: outputStrideVariant,
});

const BACKBONES = [
  ['resnet18', 'ResNet-18'],
  ['resnet50', 'ResNet-50'],
  ['vgg16', 'VGG16'],
  ['mobilenet', 'MobileNet'],
  ['googlenet', 'GoogLeNet'],
] as const;

/**
 * Question 8's numeric part on another backbone, with its own working: shape-math gives the
 * product of its layers' strides; the real network is run to measure it.
 */
export function outputStrideVariant(question: Question, seed: number): Question {
  const [architecture, title] = BACKBONES[seed % BACKBONES.length]!;
  const side = 224;
  const report = describeArchitecture(architecture, { inputShape: [side, side, 3], includeTop: false });
  const stride = report.layers[report.layers.length - 1]!.effectiveStride[0];
  const strided = report.layers.filter(
    (l) => l.effectiveStride[0] > 1 && l.kind !== 'add' && l.kind !== 'concatenate',
  );
  const downsamplings = new Set(strided.map((l) => l.effectiveStride[0])).size;
  return withPart(question, seed, {
    'output-stride': (part) =>
      part.kind !== 'numeric'
        ? part
        : {
            ...part,
            prompt: `By what factor does ${title} (without its classifier) shrink the height and width of its input?`,
            modelAnswer: `${stride}: a ${side}×${side} image becomes a ${side / stride}×${side / stride} map; ${title} downsamples ${downsamplings} times, and the output stride is the product of its layers' strides.`,
            explanation: `That is the resolution a segmentation head on ${title} has to recover.`,
            sources: [`measured: the real ${title} without its top`],
            measure: { kind: 'outputStride', architecture, inputSide: 64 },
          },
  });
}
