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
            claims: [
              '@less images|examples|samples|chunk|chunks|portions|pieces per|each|at batch|step|iteration|once|pass|time',
              // "cut down how many samples go through the net at once" (at once: not the dataset's size)
              'cut|reduce|decrease|lower|limit|halve how samples|images|examples|inputs|pictures ... once|step|iteration|batch|together|simultaneously',
              '@less @batch',
              '@batch @less',
              '@batch size @less',
            ],
            counterclaims: ['@more @batch'],
            direction: 'less',
            patterns: [
              '(smaller|reduc\\w*|decreas\\w*|lower\\w*|fewer|halv\\w*) (the )?(mini ?)?batch',
              '(mini ?)?batch size',
              'fewer images per batch',
            ],
            opposites: [
              '(bigger|larger|more|increas\\w*|doubl\\w*|rais\\w*) (the )?(mini ?)?batch',
              'more images per batch',
            ],
          },
          {
            id: 'stride',
            label: 'reduce dimensionality early with a larger stride (or earlier pooling)',
            claims: [
              'downsampl* map|maps|activations|features',
              // "pool earlier", "add pooling sooner": the maps shrink before the big activations.
              'pool|pooling|downsample|downsampling earlier|sooner|early',
              // "pool aggressively at the start of the network" (at the end, or stopping it, is not: below).
              'pool|pooling|downsample|downsampling aggressively|heavily|start|beginning',
            ],
            counterclaims: [
              'pool|pooling|downsample|downsampling later|late|end',
              'stop|avoid|skip pool|pooling|downsample|downsampling',
            ],
            direction: 'more',
            patterns: ['strides?'],
            undirected: ['reduc\\w* (the )?dimensionality'],
            opposites: ['stride (of )?1 '],
          },
          // Smaller input images are a remedy of their own (the standard of
          // test/fixtures/grading-eval/README.md: "also accepted as distinct remedies: fewer filters
          // per layer, smaller input images"; the fresh set's README lists both apart too).
          {
            id: 'smaller-input',
            label: 'smaller input images',
            claims: [
              'crop*|downscal*|resiz* image|images|input|inputs|picture|pictures|photo|photos',
              // "squish the images down", "scale the pics down": a verb of size with "down" after its object.
              'squish|squash|squeeze|scale|size|shrink image|images|input|inputs|picture|pictures|photo|photos|img|imgs|pic|pics down',
              // A size made smaller, not a count ("fewer images per step" is the batch).
              'small|smaller|little|tiny|low|lower|reduce|reduced|reduces|decrease|decreases|cut|cuts|halve|halves|shrink|lowers|trim|drop|slash|chop|smol resolution|image|images|input|inputs',
              // "lower-res inputs" (not "res" alone: "cut the res blocks" are residual blocks).
              'low-res|lower-res|lowres|lo-res image|images|input|inputs|picture|pictures|photo|photos|version|versions|data',
            ],
            patterns: ['downsampl\\w* (the |your |its )?(input|image|picture|photo)'],
            undirected: [
              'smaller (input )?(images|inputs|resolution)',
              '(reduc|lower|decreas)\\w* (the )?(image|input) (size|resolution)',
              'resiz',
            ],
            opposites: [
              '(increas\\w*|rais\\w*|higher|larger|bigger|doubl\\w*) (the )?(input |image )?(images?|inputs?) ?(size|resolution)?',
              'higher (input |image )?resolution',
              'upsampl',
            ],
          },
          {
            id: 'smaller-model',
            label: 'remove layers (a smaller model)',
            // A kind of layer may stand between the count and "layers" ("so many convolution layers").
            claims: [
              'delete|drop|cut|remove|prune|strip @layer',
              '@less @layer',
              '@less conv*|hidden|dense @layer',
            ],
            counterclaims: ['@more @layer', '@more conv*|hidden|dense @layer'],
            direction: 'less',
            patterns: [
              '(fewer|less|more|additional|extra) (conv\\w* )?(layers|neurons|units)',
              '(smaller|bigger|larger|deeper|wider) (model|network|cnn)',
              '(reduce|decrease|increase)\\w* (the )?(number of )?layers',
            ],
            undirected: ['remove (some )?(of the )?layers', 'shallower', 'prun(e|ing)'],
            opposites: [
              'add\\w* (?!no |not |zero |nothing )(\\w+ )?layers',
              'deeper',
              'wider (network|model)',
            ],
          },
          {
            id: 'filters',
            label: 'fewer filters (feature maps) per layer',
            claims: [
              // How many filters, not how big ("smaller filters" are smaller kernels: @fewer has no words of size).
              '@fewer filter|filters|channels|kernels',
              'delete|drop|cut|remove|prune filter|filters|channels',
            ],
            counterclaims: ['@more filter|filters|channels'],
            direction: 'less',
            patterns: [
              '(fewer|less|more|additional|extra) (conv\\w* )?(filters|feature maps|channels|kernels)',
              '(reduce|decrease|increase)\\w* (the )?(number of )?(filters|feature maps|channels)',
            ],
            opposites: [
              'add\\w* (?!no |not |zero |nothing )(\\w+ )?(filters|feature maps|channels)',
              'wider layers',
            ],
          },
          {
            id: 'precision',
            label: '16-bit floats / mixed precision',
            claims: ['half|mixed|reduced|lower precision', 'fp16|bf16|bfloat16|float16|amp'],
            patterns: [
              '16 ?bit',
              'float ?16',
              'fp16',
              'bfloat',
              'half precision',
              'mixed precision',
              'lower precision',
              'quantiz',
              '8 ?bit (int|integer)',
            ],
            opposites: [
              '(32|64) ?bit',
              'float ?(32|64)',
              'fp ?(32|64)',
              'double precision',
              'full precision',
              '(higher|more) precision',
              'doubles',
            ],
          },
          {
            id: 'distribute',
            label: 'distribute the network over several devices',
            claims: [
              '@split @gpu',
              '@split @several',
              'put|run|train|place @several @gpu',
              '@several @gpu',
              'multi-gpu|multigpu',
            ],
            counterclaims: ['single|one @gpu'],
            patterns: [
              'distribut',
              'multiple (gpus|devices)',
              'several (gpus|devices)',
              'more (gpus|devices)',
              'model parallel',
              'across (gpus|devices)',
            ],
            opposites: [
              '(a )?single (gpu|device)',
              'one (gpu|device)',
              '(fewer|less) (gpus|devices)',
              '(reduc|decreas|lower)\\w* (the )?(number of )?(gpus|devices)',
            ],
          },
          {
            id: 'checkpointing',
            label: 'gradient checkpointing (recompute activations)',
            // Checkpointing the gradients or activations, not saving model checkpoints to disk
            // ("save checkpoints more often" frees no GPU memory).
            patterns: [
              '(gradient|activation|memory)s? checkpoint',
              'checkpointing',
              'recomput',
              'rematerial',
            ],
            opposites: ['(store|keep|cache)\\w* (all )?(the )?activations'],
          },
          {
            id: 'accumulation',
            label: 'gradient accumulation over micro-batches',
            patterns: ['accumulat', 'micro ?batch'],
          },
          // Two remedies that change the hardware's side, not the network (the fresh set's standard,
          // test/fixtures/grading-eval-fresh/README.md: "a GPU with more memory; freeing GPU memory
          // held by other processes"), each its own point.
          {
            id: 'bigger-gpu',
            label: 'a GPU with more memory',
            claims: [
              'bigger|larger|beefier|chunkier|heftier gpu|card|accelerator',
              // "a GPU with more memory": "with …" may open a clause of its own, so read over the sentence.
              'gpu|card|accelerator ... with more|bigger|larger|extra memory|vram|ram',
              'upgrade* gpu|card|hardware|vram',
              'more|extra vram',
            ],
            patterns: ['(bigger|larger|beefier) gpu'],
          },
          {
            id: 'free-memory',
            label: 'free the GPU memory held by other processes',
            claims: [
              // "close the other programs using the GPU", "kill the stale notebook".
              // ("nuke other procs": chat for killing the other processes.)
              'close|kill|stop|quit|terminate|end|shut|nuke other|another|background|idle|stale|zombie|forgotten process|processes|proc|procs|program|programs|app|apps|job|jobs|notebook|notebooks|session|sessions|kernel|kernels',
              // "free the memory the other processes hold".
              'free|release|reclaim|clear memory|vram ... other|another|background|stale|zombie process|processes|program|programs|job|jobs|notebook|notebooks',
              // "some other process is holding GPU memory … kill it".
              'other|another|background|stale|zombie|forgotten process|processes|program|programs|notebook|notebooks|job|jobs ... kill|close|stop|terminate|quit',
              // "a zombie jupyter kernel is eating the vram, kill it": a session left running, by a
              // word that says so (not "other": "use other kernels" are convolution kernels).
              'stale|zombie|forgotten|idle|hung|orphaned|leftover kernel|kernels|session|sessions|run|runs|proc|procs ... kill|close|stop|terminate|quit|shut',
            ],
            // Not "check nvidia-smi" alone: looking at the memory frees none of it.
            patterns: ['(kill|clos)\\w* (the |all )?(other|background|stale) (process|program|job|notebook)'],
          },
        ],
      },
    ],
    correctionsToNotes: [
      "The notes' five are right; gradient checkpointing and gradient accumulation are two more that keep the model unchanged.",
    ],
  },
});
