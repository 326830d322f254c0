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
        concepts: [
          {
            id: 'fewer-parameters',
            label: 'far fewer parameters (local connections, shared weights)',
            patterns: [
              'fewer (param|weight)',
              'less (param|weight)',
              'far less param',
              'weight sharing',
              'shar(e|ed|es|ing) (the )?(same )?(weight|kernel|filter|param)',
              'param(eter)? sharing',
              'local(ly)? connect',
              'partially connected',
              'sparse connect',
            ],
          },
          {
            id: 'translation',
            label: 'detects a feature anywhere in the image (translation equivariance/invariance)',
            patterns: [
              'anywhere',
              'any (location|position|place|where)',
              'translation (in|equi)variance',
              'translation(ally)? (in|equi)variant',
              'shift (in|equi)varian',
              'regardless of (its )?(position|location)',
              'position independent',
            ],
          },
          {
            id: 'spatial-hierarchy',
            label: 'uses the 2-D structure of images: small local features combined into larger ones',
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
          },
          {
            id: 'efficiency',
            label: 'so: faster training, less overfitting, less training data needed',
            patterns: [
              'overfit',
              'faster (to )?train',
              'train(s|ing)? faster',
              'less (training )?data',
              'fewer (training )?(examples|images|samples)',
              'generali[sz]e better',
              'less memory',
              'less computation',
            ],
          },
        ],
      },
    ],
    correctionsToNotes: [],
  },
});
