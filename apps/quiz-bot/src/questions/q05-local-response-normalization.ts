import { defineQuestion } from './define';

/** Question 5, in the project's own words: text, rubric together. */
export const localResponseNormalization = defineQuestion({
  base: {
    id: 5,
    title: 'Local response normalization',
    difficulty: 2,
    prompt: 'When would you want to add a local response normalization layer?',
    parts: [
      {
        id: 'when',
        kind: 'rubric',
        prompt: 'When, and why? (three points for full credit)',
        required: 3,
        modelAnswer:
          'After the ReLU of early conv layers (as AlexNet did), to make the most strongly activated neurons inhibit the neurons at the same position in neighbouring feature maps (lateral inhibition, as in biological neurons). This competition encourages different feature maps to specialise, pushing them apart to explore a wider range of features, which improves generalisation. Today batch normalization has mostly replaced it.',
        explanation:
          'b_i = a_i / (k + α·Σ_j a_j²)^β, the sum running over the n channels around i at one position; AlexNet used k = 2, n = 5, α = 1e-4, β = 0.75 (layers-gpu implements it as a layer).',
        sources: [
          'Krizhevsky et al. 2012, "ImageNet classification with deep convolutional neural networks", §3.3',
          'Géron, Hands-On ML (3rd ed., 2022), ch. 14 exercise 5',
        ],
        concepts: [
          {
            id: 'specialise',
            label: 'makes feature maps specialise / explore a wider range of features',
            claims: [
              'divers*',
              'different|distinct|varied feature|features|pattern|patterns|detector|detectors',
              'specialis*|specializ*|diverge|diverges',
              '@more variety|kinds|range|diversity|diverse',
              'own thing',
            ],
            // "makes them more alike": the maps drawn together, not apart.
            counterclaims: ['identical', 'same features', 'more alike|similar'],
            direction: 'more',
            patterns: ['speciali[sz]', 'wider range', 'divers', 'different features', 'decorrelat', 'compet'],
            opposites: [
              '(same|identical|similar) features',
              '(all|every) (the )?(feature )?maps? (learn|detect)\\w* (the )?same',
            ],
          },
          {
            id: 'inhibition',
            label: 'strong activations inhibit neighbouring feature maps (lateral inhibition)',
            claims: [
              'compet*',
              '@inhibit @neighbour',
              '@inhibit others|rest|other',
              'divided|divide|normalised|normalized @neighbour',
            ],
            patterns: [
              'inhibi',
              'neighbou?r\\w* (feature )?maps',
              'adjacent (feature )?maps',
              'nearby (feature )?maps',
              'same (position|location) in (neighbou?r|adjacent|nearby)',
              'across (channels|feature maps)',
              'suppress',
            ],
            opposites: [
              'amplif\\w*',
              'excit\\w* (the |their )?neighbou?r',
              // The neighbours raised, not lowered, in either order: "strong neurons excite adjacent
              // maps", "boost the neurons in neighbouring maps", "neighbouring channels amplify each
              // other" name where the effect goes (the concept's patterns) with the wrong effect.
              // ("… excite adjacent maps less" says they are damped: no opposite; so does the degree
              // said before the object, "excite less the adjacent maps", "boost much less their
              // neighbours".)
              '(excit|boost|strengthen|reinforc|enhanc|stimulat|increas|rais)\\w* (?!(much |far |a lot |way |even )?(less|no more|not) )((much |far |even |a lot |way |still )?more )?(the |their |its )?(\\w+ )?((neurons?|activations?|units?) )?((in|of|at) )?(the )?(neighbou?r|adjacent|nearby)(?![a-z]*( (feature )?(maps?|channels?|neurons?))? (less|not|no more))',
              // "not only themselves but also the neighbouring maps", "increase, not decrease, the
              // neighbouring maps": the neighbours raised too, or raised in place of lowered.
              '(excit|boost|strengthen|reinforc|enhanc|stimulat|increas|rais)\\w* not (only|just) .{0,40}\\b(neighbou?r\\w*|adjacent|nearby) (feature )?(maps?|channels?|neurons?|filters?|ones?)',
              '(excit|boost|strengthen|reinforc|enhanc|stimulat|increas|rais)\\w* not (decreas|reduc|lower|inhibit|suppress|dampen|damp)\\w* (the |their |its )?(\\w+ )?(neighbou?r\\w*|adjacent|nearby) (feature )?(maps?|channels?|neurons?|filters?|ones?)',
              '(neighbou?r\\w*|adjacent|nearby) (feature )?(maps?|channels?|neurons?|filters?) (\\w+ )?(excit|boost|strengthen|reinforc|enhanc|stimulat)\\w*(?! less)',
              // "excitation across channels": the neighbours raised, named as a noun.
              '(excitation|cooperation|amplification|boosting|reinforcement) (across|between|among|of) (the )?(neighbou?r\\w* |adjacent |nearby )?(channels|feature maps|maps)',
              // The inhibition turned round: the weak ones inhibit ("weak neurons inhibit the strong
              // ones"), or the strong ones are what is inhibited. Not a passive ("weak neurons get
              // inhibited", "… inhibited by the strong ones").
              // Only an active present verb after the weak noun: a bare participle ("weak neurons end
              // up suppressed", "weak ones suppressed", "become inhibited") is the passive, the weak
              // ones inhibited, which keeps the point. The verb is anchored so that a noun cannot end
              // it: "lateral inhibition: strong neurons inhibit …" names the mechanism.
              '(weak|weaker|weakest|weakly activated) (neurons?|activations?|units?|ones?|cells?|responses?) ((?!(is|are|was|were|be|been|being|get|gets|got|getting)(?= ))\\w+ ){0,2}(inhibit|inhibits|suppress|suppresses|dampen|dampens|damp|damps|silence|silences|quiet|quiets|mute|mutes)\\b(?! by)',
              '\\b(inhibit(s|ed|ing)?|suppress(es|ed|ing)?|dampen(s|ed|ing)?|damp(s|ed|ing)?|silenc(e|es|ed|ing)|quiet(s|ed|ing)?|mut(e|es|ed|ing)) (the )?(strong|stronger|strongest|most active|highly activated) (neurons?|activations?|units?|ones?|cells?|responses?)',
              'within (a|one|the same|each) (single )?(feature )?map',
              'independent\\w* of (the |their )?neighbou?r',
            ],
          },
          {
            id: 'generalisation',
            label: 'improves generalisation',
            claims: ['@less overfit*', 'generalis*|generaliz*'],
            direction: 'less',
            patterns: ['overfit'],
            // Not "accuracy" alone: "dropout gives better test accuracy" is another layer's gain; a
            // gain in accuracy on held-out data said of LRN is read by the paraphrases (./paraphrases).
            undirected: ['generali[sz]'],
            opposites: [
              '(hurts?|harms?|wors\\w*|reduc\\w*|lower\\w*|decreas\\w*|damag\\w*|poor\\w*) (the |its )?(?!no |not |zero |nothing )(\\w+ )?(generali[sz]\\w*|accuracy)',
              'generali[sz]\\w* (gets )?(worse|poor\\w*)',
              // Overfitting named as when to add it makes LRN a remedy for overfitting (a regulariser
              // like dropout), which is not what it is for: the maps' specialisation is.
              '\\b(when|if|whenever|once) (the |your |a )?(network|net|model|cnn|it)? ?(is |starts |starts to |begins to )?overfit',
            ],
          },
          {
            id: 'where',
            label: 'after the ReLU of the early (lower) layers, as in AlexNet',
            claims: [
              'start|beginning|bottom network|net|model|stack',
              'first|early|earliest|lower|low few|first conv|convolutional layers|layer',
              'near|close input',
              'first|early|lower layers|layer',
            ],
            patterns: [
              'alexnet',
              'after (the )?relu',
              'early layers',
              'lower layers',
              'first (conv )?layers',
              'googlenet',
            ],
            opposites: [
              'before (the )?relu',
              // Where it is put ("in the top layers"), not the later layers as what a purpose
              // clause speaks of ("early, so the upper layers have varied features to combine").
              '(in|into|at|to|on|for|near|inside|within|between) (the )?(very )?(last|top|final|late|later|deepest|upper) (few )?(conv )?layers?',
              'output layer',
              'after (the )?(dense|fully connected|classifier)',
            ],
          },
          {
            id: 'superseded',
            label: 'mostly replaced by batch normalization today',
            claims: [
              'obsolete|outdated|deprecated|rarely|seldom',
              'batch|batchnorm|bn replace*|replaced|supersed*',
            ],
            patterns: [
              'replaced by batch ?norm',
              'batch ?norm\\w* (has |have )?(largely |mostly |since |now )?(replac|supersed)',
              'batch ?norm\\w* (is |are )?(used |preferred )?instead',
              'no longer',
              'rarely used',
              'out of fashion',
              'superseded',
              'obsolete',
              'outdated',
            ],
            opposites: [
              'still (widely |commonly |often )?used',
              '(more popular|better) than batch ?norm',
              'replac\\w* batch ?norm',
              'standard (today|nowadays)',
            ],
          },
        ],
      },
      {
        id: 'across',
        kind: 'choice',
        prompt: 'Local response normalization divides each activation by a function of…',
        options: [
          'the activations of the same channel across the whole mini-batch',
          'the activations at the same position in neighbouring channels',
          'all the activations of the same feature map',
          "the layer's own weights",
        ],
        correct: 1,
        modelAnswer:
          'The activations at the same position in the n neighbouring channels (depth radius n/2).',
        explanation:
          'The first option is batch normalization; the third is closer to instance normalization.',
        sources: ['Krizhevsky et al. 2012, §3.3'],
      },
    ],
    correctionsToNotes: [
      'The notes omit where LRN goes (after ReLU in the early layers), its mechanism (lateral inhibition across neighbouring maps) and that batch normalization has largely replaced it.',
    ],
  },
});
