import { defineQuestion } from './define';

/** Question 3, in the project's own words: text, rubric together. */
export const gpuOutOfMemory = defineQuestion({
  base: {
    id: 3,
    title: 'GPU out of memory',
    difficulty: 1,
    prompt: 'Your GPU runs out of memory while training a CNN. What are five things you could try?',
    parts: [
      {
        id: 'remedies',
        kind: 'rubric',
        prompt: 'Name five remedies.',
        required: 5,
        modelAnswer:
          'Reduce the mini-batch size; reduce dimensionality early with a larger stride (or smaller input images); remove layers or use fewer filters; use 16-bit floats (mixed precision) instead of 32-bit; distribute the CNN across several devices. Also: gradient checkpointing (recompute activations in the backward pass), gradient accumulation over smaller micro-batches.',
        explanation:
          'Training memory is dominated by the activations kept for back-propagation (question 2: 526 MB of 566 MB), which scale with batch size, map size and depth; precision halves every figure.',
        sources: [
          'Géron, Hands-On ML (3rd ed., 2022), ch. 14 exercise 3',
          'Chen et al. 2016, "Training deep nets with sublinear memory cost"',
          'Micikevicius et al. 2018, "Mixed precision training"',
        ],
        concepts: [
          {
            id: 'batch',
            label: 'smaller mini-batch',
            patterns: [
              '(smaller|reduc\\w*|decreas\\w*|lower\\w*|fewer) (the )?(mini ?)?batch',
              '(mini ?)?batch size',
              'fewer images per batch',
            ],
          },
          {
            id: 'stride',
            label: 'reduce dimensionality with a larger stride or smaller inputs',
            patterns: [
              'stride',
              'downsampl',
              'smaller (input )?(images|inputs|resolution)',
              '(reduce|lower)\\w* (the )?(image|input) (size|resolution)',
              'reduce\\w* dimensionality',
              'resiz',
            ],
          },
          {
            id: 'smaller-model',
            label: 'remove layers or use fewer filters',
            patterns: [
              'remove (some )?layers',
              'fewer (layers|filters|feature maps|channels|neurons)',
              'less layers',
              'smaller (model|network)',
              'shallower',
              '(reduce|decrease)\\w* (the )?(number of )?(layers|filters|feature maps)',
            ],
          },
          {
            id: 'precision',
            label: '16-bit floats / mixed precision',
            patterns: [
              '16 ?bit',
              'float ?16',
              'fp16',
              'bfloat',
              'half precision',
              'mixed precision',
              'lower precision',
              'quantiz',
            ],
          },
          {
            id: 'distribute',
            label: 'distribute the network over several devices',
            patterns: [
              'distribut',
              'multiple (gpus|devices)',
              'several (gpus|devices)',
              'more (gpus|devices)',
              'model parallel',
              'across (gpus|devices)',
            ],
          },
          {
            id: 'checkpointing',
            label: 'gradient checkpointing (recompute activations)',
            patterns: ['checkpoint', 'recomput', 'rematerial'],
          },
          {
            id: 'accumulation',
            label: 'gradient accumulation over micro-batches',
            patterns: ['accumulat', 'micro ?batch'],
          },
        ],
      },
    ],
    correctionsToNotes: [
      "The notes' five are right; gradient checkpointing and gradient accumulation are two more that keep the model unchanged.",
    ],
  },
});
