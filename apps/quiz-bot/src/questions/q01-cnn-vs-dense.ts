import { defineQuestion } from './define';

/** Question 1, in the project's own words: text, rubric together. */
export const cnnVersusDense = defineQuestion({
  base: {
    id: 1,
    title: 'CNN vs fully connected network',
    difficulty: 1,
    prompt: 'What are the advantages of a CNN over a fully connected deep network for image classification?',
    parts: [
      {
        id: 'advantages',
        kind: 'rubric',
        prompt: 'Name the advantages (three for full credit).',
        required: 3,
        modelAnswer:
          'A conv layer connects each unit to a small local window and shares one kernel across all positions, so it has far fewer parameters than a dense layer on the same image: faster training, less overfitting, less data needed. Because the same kernel slides everywhere, a feature learned in one place is detected anywhere (translation equivariance; with pooling, some invariance). And the architecture builds in the 2-D structure of images: low layers find small local features and higher layers combine them into larger ones, which a dense network that sees pixels as an unordered vector cannot exploit.',
        explanation:
          'Exercise 2 shows the scale: 903,400 parameters for three conv layers on a 200×300×3 image, while a single dense layer of just 100 units on the same flattened image would have 18,000,100.',
        sources: [
          'Géron, Hands-On ML (3rd ed., 2022), ch. 14',
          'LeCun et al. 1998, "Gradient-based learning applied to document recognition"',
        ],
        subjects: {
          rule: 'contrast',
          list: [
            {
              id: 'CNN',
              patterns: ['cnns?', 'conv\\w*( neural)? ?(net|nets|network|networks|layers?)', 'convolutional'],
            },
            {
              id: 'fully connected network',
              patterns: [
                'dnns?',
                'dense (net|nets|network|networks|layers?)',
                'fully connected( deep)?( (net|nets|network|networks|layers?|dnns?))?',
                'mlps?',
              ],
            },
          ],
        },
        concepts: [
          {
            id: 'fewer-parameters',
            label: 'far fewer parameters (local connections, shared weights)',
            claims: [
              'connect* @local region|regions|patch|patches|window|windows|area|neighbourhood|neighborhood',
              'compact|lightweight|leaner',
              'receptive field',
              '@less @parameter',
              '@parameter @less',
              'share|shares|shared|reuse|reuses|same kernel|kernels|filter|filters|weight|weights',
              'parameter|param|params|weight diet',
              // "the model is way smaller": a smaller model is fewer weights; so are small layers
              // ("conv layers r tiny" beside a dense layer on the whole image).
              'model|models @less',
              '@layer tiny|small|smol|little|compact|lightweight|lean',
            ],
            counterclaims: ['@more @parameter'],
            direction: 'less',
            patterns: ['(fewer|less|more|extra) (trainable )?(param|weight)', 'far less param'],
            undirected: [
              'weight sharing',
              'shar(e|ed|es|ing) (the )?(same )?(weight|kernel|filter|param)',
              'param(eter)? sharing',
              'local(ly)? connect',
              'partially connected',
              'sparse(ly)? connect',
              '(a )?node (is )?only connected',
            ],
            opposites: [
              '(fully|densely) connected to (every|all)',
              // "each neuron is connected to all the pixels": full connectivity without the adverb.
              'connected to (every|all)( of)?( the| its)? (single )?(input |image )?(pixel|input|neuron|unit)',
            ],
          },
          {
            id: 'translation',
            label: 'detects a feature anywhere in the image (translation equivariance/invariance)',
            claims: [
              'position|location|place|where @unchanged matter|matters',
              'regardless|independent|irrespective position|location|place|where',
              'shift|shifted|translated|moved|moves still @see',
              '@see @anywhere',
              '@see @every @place',
              'detector|filter|kernel|feature @every @place',
              '@feature @every @place',
              // "for every place it might show up": said of wherever the thing appears.
              '@every @place appear|appears|show|shows|occur|occurs|pop|pops',
            ],
            patterns: [
              'anywhere',
              'any (location|position|place|where)',
              'translation (in|equi)variance',
              'translation(ally)? (in|equi)variant',
              'shift (in|equi)varian',
              'regardless of (its )?(position|location)',
              'position independent',
            ],
            opposites: [
              'only (at|in) (one|a single|the same|a fixed|its) (place|position|location|spot)',
              '(fixed|tied|bound) to (the |a |one )?(spot|position|location|place)',
              'sensitive to (the )?(position|location|shifts?|translation)',
            ],
          },
          {
            id: 'spatial-hierarchy',
            label: 'uses the 2-D structure of images: small local features combined into larger ones',
            claims: [
              '@neighbour pixel|pixels',
              // "which pixels sit next to each other": adjacency said with "next to / close to each other".
              'pixel|pixels next|close|near|beside other|another',
              // "it learns features that are local".
              'feature|features|pattern|patterns local',
              'edge|edges|line|lines|corner|corners object|objects|face|faces|parts|shapes',
              'spatial|2d|local structure|layout|locality|neighbourhood|correlation',
              '@combine @big @feature',
              '@local @feature @combine',
              '@local @feature * @big',
              'pixel|pixels near|nearby|close|neighbouring|neighboring|adjacent',
              '@local pattern|patterns|feature|features whole|complex|big|bigger|larger',
            ],
            patterns: [
              'spatial (structure|information|relation|locality)',
              'neighbou?r(ing)? pixel',
              'pixels? (are )?organi[sz]ed',
              'hierarch',
              'low(er)? (level|layer).{0,40}high(er)? (level|layer)',
              'small(er)? (local )?features?.{0,40}(larger|bigger|complex)',
              '2d structure',
              'local (pattern|feature)',
            ],
            opposites: [
              '(ignor\\w*|destroy\\w*|discard\\w*|los(e|es|ing)|throws? away) (the )?(2d |spatial )?(structure|spatial|neighbou?r)',
              'unordered (vector|list)',
              // "it throws away which pixels sit next to each other".
              '(ignor\\w*|discard\\w*|throws? away) (which|what) pixels',
              'flatten\\w* (the )?(image|pixels)',
            ],
          },
          {
            id: 'efficiency',
            label: 'so: faster training, less overfitting, less training data needed',
            claims: [
              '@less data|examples|images|samples',
              'generalis*|generaliz* better',
              'regulari*',
              'train|training|trains faster|quicker|fast',
              '@less data',
              '@less overfit*',
            ],
            direction: 'less',
            patterns: [
              'overfit',
              'less (training )?data',
              'fewer (training )?(examples|images|samples)',
              'less memory',
              'less computation',
            ],
            undirected: ['faster (to )?train', 'train(s|ing)? faster', 'generali[sz]e better'],
            opposites: [
              'slower (to )?train',
              'train(s|ing)? slower',
              'generali[sz]e worse',
              '(more|extra) (training )?(data|examples|images|samples)',
            ],
          },
        ],
      },
    ],
    pictures: [{ kind: 'exercise2FeatureMaps' }],
    correctionsToNotes: [],
  },
});
