/*
 * More ways of saying each concept, beside the `claims` its question defines: written from what the
 * concept means (Géron, Hands-On Machine Learning, 3rd ed., ch. 14, and the papers it cites), in the
 * slot language of ./synonyms (a slot of words, "@list" for a shared synonym list, "..." for "later
 * in the same sentence"). Keyed by "<part id>/<concept id>". Each entry is a way of asserting the
 * concept, judged like any other claim (asserted, subject, negation, contradiction); none is a
 * student's sentence.
 */

/** Extra claims and counterclaims for a concept. */
export interface Paraphrases {
  /** Ways of asserting the concept. */
  readonly claims?: readonly string[];
  /** Ways of asserting its opposite. */
  readonly counterclaims?: readonly string[];
}

/** The table, by "<part id>/<concept id>". */
export const PARAPHRASES: Readonly<Record<string, Paraphrases>> = {
  // Question 1: a CNN against a fully connected network.
  'advantages/translation': {
    claims: [
      // "a cat anywhere in the picture still gets detected": the place first, the verb after.
      '@anywhere ... @see',
      'no matter|whatever|whichever where|position|location|place',
      'whether|wherever ... @corner',
      '@see ... elsewhere|@corner',
      '@see ... other|different @place',
    ],
    counterclaims: [
      'only @see|work|works|fire|fires ... same|one|single|original|fixed @place',
      'only @see|work|works|fire|fires ... @place where',
    ],
  },
  'advantages/spatial-hierarchy': {
    claims: [
      // Simple things found low down, assembled into bigger ones higher up.
      '@simple ... @complex',
      '@early @layer ... @late @layer',
    ],
  },
  'advantages/fewer-parameters': {
    claims: ['@parameter count|number @less', 'tiny|small|low|modest @parameter count'],
  },
  // Question 3: the GPU runs out of memory.
  'remedies/stride': {
    claims: ['@less @picture', '@picture @less', 'feed|use|train @less @picture'],
  },
  'remedies/smaller-model': {
    claims: [
      'ditch|lose|chop|axe|trim|drop|delete|remove|prune @layer|filters|channels',
      'thinner|shallower|slimmer|narrower|lighter',
    ],
  },
  'remedies/precision': {
    claims: ['halfprecision|half-precision|float16|fp16|bf16', '16 bit|bits'],
  },
  'remedies/distribute': {
    claims: [
      'second|another|other|2nd @gpu',
      'multi @gpu',
      'model|data parallel*',
      '@gpu|one ... other|another|second @gpu',
    ],
  },
  'remedies/checkpointing': {
    claims: [
      'recalculat*|regenerat*|recreat*|recomput* activation|activations|them',
      'throw|discard|drop|free activation|activations',
    ],
  },
  'remedies/accumulation': {
    claims: [
      'sum|add|accumulat*|collect|average|combine @gradient',
      '@gradient over|across several|multiple|many',
    ],
  },
  // Question 4: max pooling rather than a strided convolution.
  'why/no-params': {
    claims: ['nothing to learn|train|fit', 'parameter-free|parameterless|weight-free'],
    counterclaims: ['something|anything|stuff to learn|train|fit'],
  },
  'why/memory': {
    claims: ['@less memory|ram|vram|storage'],
  },
  'why/invariance': {
    claims: [
      'tolerat*|absorb*|ignor*|robust|insensitive @small @change',
      '@change ... @unchanged change|affect|alter|matter|matters',
      'keep|keeps|pick|picks|take|takes|select|selects|pass|passes largest|biggest|strongest|max|maximum|highest',
    ],
    // "a small shift changes its output completely".
    counterclaims: ['@change ... change|changes|alter|alters|affect|affects|flip|flips|ruin|ruins @output'],
  },
  // Question 5: local response normalization.
  'when/inhibition': {
    counterclaims: ['ignore|ignores @neighbour', 'independent|independently|unaffected @neighbour'],
  },
  'what-and-how/only-conv': {
    counterclaims: ['@layer are|is dense|fully', 'last|final|top|end @layer are|is dense|fully'],
  },
  'when/specialise': {
    claims: ['explore|learn|cover wider|broader range|variety|set'],
  },
  // Question 8: semantic segmentation.
  'difficulty/resolution-lost': {
    claims: [
      '@lose spatial|fine detail|details|information|resolution|localization|localisation',
      'output|outputs|map|maps|prediction|predictions ... coarse|blurry|lowres|low-res|rough',
      "what ... not|n't where",
    ],
    // Resolution is lost going down (pooling, strides), not by the layers that bring it back.
    counterclaims: ['upsampl*|deconv*|transposed|unpool* ... @lose'],
  },
  'difficulty/per-pixel': {
    claims: ['@every pixel|pixels ... class|label|labelled|labeled|classified|category'],
  },
};

/** The paraphrases of a concept of a part (none when the table has no entry). */
export function paraphrasesOf(partId: string, conceptId: string): Paraphrases {
  return PARAPHRASES[`${partId}/${conceptId}`] ?? {};
}
