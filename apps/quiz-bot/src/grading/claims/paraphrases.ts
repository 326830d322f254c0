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

/**
 * Where a thing is moved to, or how far: "to the left", "a few pixels", "a bit", "around",
 * "elsewhere". A claim "@change … still says" reads a move only with one of these after the verb.
 */
const MOVED_BY = '@corner|around|elsewhere|over|across|pixel|pixels|px|bit|little|slightly|sideways';

/** A move (not any change: "change the kernel" moves nothing). */
const MOVE =
  'move|moves|moved|moving|shift|shifts|shifted|shifting|nudge|nudges|nudged|nudging|jiggle|jiggles|jiggled|budge|budges|jitter|jitters|jittered|wiggle|wiggles|wiggled|wobble|wobbles|translate|translates|translated|displace|displaces|displaced';

/** What max pooling gives, or pooling itself, as the subject of its indifference to a move. */
const POOLED =
  'max|maximum|output|outputs|result|activation|pooling|pooled|pool|maxpool|maxpooling|map|maps|it';

/** Indifference to a move, said by a verb ("barely notices", "doesn't react"). */
const INDIFFERENT_VERB =
  'react|reacts|respond|responds|notice|notices|care|cares|mind|minds|budge|budges|freak|freaks|panic|panics|bother|bothers';
const INDIFFERENT = `barely|hardly|never ${INDIFFERENT_VERB}`;

/** The fully convolutional network (or "it", the network of the question) as a subject. */
const FCN = 'fcn|fcns|network|net|model|cnn|convnet|classifier|it|you|we';

/**
 * A count or size lowered, said by "down" with the figure it goes down to ("layers down to 8",
 * "batch down by half") or with nothing after it ("bring the batch down", a note's "img size
 * down"). Not "down" before more words: in "the batch flows down the net" or "bring layers down the
 * stack" it is a preposition, a place. The phrasal verb ("bring|push|cut … down") is read the same
 * way, with the figure or at the end.
 */
function loweredBy(thing: string): string[] {
  const lower = 'bring|get|take|turn|dial|knock|cut|scale|crank|ramp|push';
  return [
    `${lower} ${thing} down to|by`,
    `${lower} ${thing} down $`,
    `${thing} down to|by`,
    `${thing} down $`,
  ];
}

/** The table, by "<part id>/<concept id>". */
export const PARAPHRASES: Readonly<Record<string, Paraphrases>> = {
  // Question 1: a CNN against a fully connected network.
  'advantages/translation': {
    claims: [
      // "something learned in one spot carries over to the whole image", "transfers to other
      // locations": what is learned at one place goes on working at every other.
      'carry|transfer|generalise|generalize over|to|across @every|whole|entire|other @place|picture',
      // "works in any position", "applies at other locations": the detector working at every place
      // (not "the whole image": a dense layer also works on the whole image, at once).
      'apply|work|hold over|to|in|on|at|across @every|other @place',
      'same detector|filter|kernel|weights ... @every|all @place',
      'position|location|place ... matter|matters|irrelevant|care',
      // Not "where": "a structure where nearby pixels matter together" opens a relative clause about
      // other things ("where it is doesn't matter" is read by ./meanings, with its negation).
      'all|every|any @place of|in image|picture|photo',
      // "a cat anywhere in the picture still gets detected": the place first, the verb after.
      '@anywhere ... @see',
      'no matter|whatever|whichever where|position|location|place',
      'whether|wherever ... @corner',
      // "… recognised at the bottom-right": a corner named by two words, not a lone "corners".
      '@see ... elsewhere',
      // "still recognises a thing if it moves around": found, then the move that does not stop it.
      '@see ... if|when|even|though|after ... move|moves|moved|shifted|shifts|translated|displaced',
      // "if the cat is moved elsewhere, the same filter finds it".
      '@change ... same filter|filters|kernel|detector|weights|neuron ... @see',
      // "learnt top-left, works bottom-right": one place, then another, the same thing working.
      '@corner ... fire|fires|work|works|apply|applies|@see ... @corner',
      '@see ... top*|bottom*|upper left*|right*|corner*',
      '@see ... other|different @place',
      // "spots that whisker in another photo": found again in an image it was not learnt on.
      '@see ... another|other|different photo|image|picture|pic',
      // "one small detector is swept over the whole picture": the same detector applied everywhere.
      'detector|filter|filters|kernel|kernels|feature ... swept|slid|scanned|sweep|sweeps|slide|slides|scan|scans over|across',
      // "shift the digit a few pixels and the network still says 7": the same answer after a move.
      // The move is said with where it goes or how far ("to the left", "a few pixels", "a bit",
      // "around"): any change before "still says" would credit "change the dataset and the model
      // still outputs ten classes" or "move to a bigger GPU and it still predicts the same".
      `@change ... ${MOVED_BY} ... still|same say|says|said|predict|predicts|predicted|prediction|output|outputs|classify|classifies|call|calls|label|labels|answer|answers`,
      // "shift the dog a bit and it still finds the dog": found again after the move.
      `@change ... ${MOVED_BY} ... still|again @see`,
      // "responds the same way to a shifted object".
      'respond|responds|react|reacts|fire|fires same ... shifted|moved|translated|displaced',
      // "what it learns to spot in one corner it also spots in another": the same detection at one
      // place and then at another, the second place left unnamed.
      '@see ... one @place ... another|elsewhere',
      // "location-independent detection", "shift-invariant features": one hyphenated word.
      // (Prefixes: "shift-invariant-ish", "translation-invariance".)
      'location-independent*|position-independent*|place-independent*|location-invariant*|position-invariant*|shift-invariant*|translation-invariant*|translation-invariance*|translation-equivariant*|location-agnostic*|position-agnostic*',
      // "a cat top-left and a cat bottom-right fire the same filter": the places first.
      '@corner ... fire|fires|trigger|triggers|activate|activates|@see same|identical detector|filter|kernel|neuron|feature|weights',
      // "cat in the corner or in the middle, same filter catches it": the places, then the same
      // detector finding it.
      '@corner ... same|identical detector|filter|kernel|neuron|weights @see',
    ],
    counterclaims: [
      'moving|shifting|translating|shift|shifts|move|moves ... change|changes|alter|alters|break|breaks|ruin|ruins|affect|affects',

      'only @see|work|works|fire|fires ... same|one|single|original|fixed @place',
      'only @see|work|works|fire|fires ... @place where',
      // Fooled by a shift ("they're not fooled when the object is shifted": the point, denied).
      'fooled|confused|tricked|thrown|fool|fools|confuse|confuses ... @change|shifted|moved|displaced',
      // Confined to one place ("a learnt feature isn't confined to one spot", "not tied to where it
      // was learnt": denied, the point; said of a dense net's features, the contrast). These are
      // COUNTERclaims: asserted of a CNN ("a CNN has to relearn it at every position") they earn
      // nothing and contradict the concept; the polarity is set by this list, nowhere else.
      'confined|restricted|limited|tied|stuck|bound|locked|glued to one|a|single|specific|particular|fixed|its|that|the @place|spot|pixel|pixels',
      // "has to learn it again for the right half", "relearns it at each position": a feature learnt
      // anew at each place ("without relearning it", "doesn't have to relearn it": denied, the point).
      'learn|learns|learned|learnt ... again|anew|twice|separately|afresh',
      'relearn*|re-learn*',
    ],
  },
  'advantages/spatial-hierarchy': {
    claims: [
      '@local|little|tiny|small patterns|things|pieces|details|features|neighbourhoods|neighborhoods|regions|patches|parts ... larger|bigger|big|whole|complex|global|entire|higher',
      'pixels near|nearby|close|next ... related|together|belong|correlated|matter',
      'layout|arrangement|structure|geometry|topology of|in image|pixels|picture',
      // Simple things found low down, assembled into bigger ones higher up.
      '@simple ... @complex',
      // "local -> global features": Géron's local-to-global in three words.
      'local|low-level ... global|high-level features|patterns|structure|structures|representations|ones|info|information',
      '@early @layer ... @late @layer',
      // "it respects / exploits the locality of pixels", "respects that nearby pixels belong
      // together": the layout kept and used, said by the verb.
      'respect|respects|respected|exploit|exploits|exploited|leverage|leverages|preserve|preserves|honour|honours|honor|honors ... locality|neighbourhood|neighborhood|nearby|neighbouring|neighboring|adjacent|layout|topology',
      // "a CNN cares about locality", "it takes the layout into account", "it knows which pixels are
      // neighbours": the layout heeded (a dense layer "doesn't care about locality": the contrast).
      'care|cares|cared|caring|aware|account|knows|know|notice|notices about|of|for|into ... locality|neighbourhood|neighborhood|neighbours|neighbors|nearby|neighbouring|neighboring|adjacent|layout|topology|arrangement',
      // "convnets know which pixels are neighbours": the layout known.
      'know|knows|see|sees|tell|tells|understand|understands ... neighbours|neighbors|adjacent|nearby|neighbouring|neighboring',
      // "processes them together in small windows", "keeps neighbouring pixels together".
      'process|processes|processed|look|looks|handle|handles|treat|treats ... together ... small|local|little window|windows|patch|patches|neighbourhood|neighbourhoods|neighborhood|neighborhoods|region|regions',
      'keep|keeps|kept|hold|holds|group|groups neighbouring|neighboring|nearby|adjacent|close|neighbour|neighbor pixels|pixel ... together',
      // "builds larger features from smaller ones": the hierarchy said from the top down.
      '@big feature|features|pattern|patterns|shape|shapes|things ... from|of @local|smaller ones|features|pieces|parts|patterns',
      // "local receptive fields fit the 2D structure of images", "matches how images are built".
      'fit|fits|match|matches|suit|suits|mirror|mirrors|reflect|reflects|correspond|corresponds ... 2d|2-d|spatial|two-dimensional structure|layout|geometry|nature',
      'fit|fits|match|matches|suit|suits|mirror|mirrors|reflect|reflects|correspond|corresponds ... how image|images|picture|pictures|photo|photos are|is built|structured|made|organised|organized',
      // "each layer sees a bigger chunk of the image than the one before", "the receptive field
      // grows with depth": wider context layer by layer.
      '@layer ... see|sees|cover|covers|look|looks|span|spans bigger|larger|wider|more chunk|chunks|part|parts|area|areas|region|regions|patch|patches|piece|pieces|portion|context',
      'receptive field|fields grow|grows|widen|widens|increase|increases|expand|expands',
    ],
    // Throwing the layout away is its opposite: denied of a CNN ("a CNN does not throw that
    // information away"), it is the point; said of a dense net, it is the contrast.
    counterclaims: [
      '@lose|flatten|flattens|ignore|ignores|scramble|scrambles ... spatial|layout|arrangement|structure|neighbourhood|neighborhood|position|positions|information|info',
      // "treats the pixels like a bag of numbers": the pixels with no layout (said of an MLP, the
      // contrast; denied of a CNN, the point).
      'bag|bags|heap|pile|soup|jumble of pixels|numbers|values|inputs',
      // "treats neighbouring pixels as unrelated inputs": said of a dense network or an MLP, the
      // contrast (credited); said of a CNN, wrong. ("A dense net treats …" is not read so yet: the
      // tagger takes "net" before "treats" for the adjective, so the sentence has no subject.)
      'unrelated|independent|separate|unconnected|isolated|disconnected input|inputs|pixels|numbers|values|features',
    ],
  },
  'advantages/fewer-parameters': {
    claims: [
      'same|one|single kernel|filter|filters|weights|numbers|detector ... everywhere|@every|across|all',
      '@less knobs|numbers|weights|things to learn|train|tune|fit|adjust',
      'less|fewer|little|nothing|much to learn',
      'only|just @see|look|looks|connected|connect|sees ... small|little|tiny|local patch|window|neighbourhood|neighborhood|region|area|part',
      '@parameter count|number @less',
      // "parameter efficiency": few parameters for what the network does.
      '@parameter efficiency|efficient|economy|frugal',
      'tiny|small|low|modest @parameter count',
      // "the model file is much smaller", "a CNN checkpoint is way smaller than an MLP's": the stored
      // weights smaller. Not "the network is smaller" alone (smaller than what, and in what?), nor
      // "the feature maps of the network get smaller" (the maps shrink; the weight count is another
      // thing): the stored file, or a comparison with the dense net.
      'file|checkpoint|checkpoints smaller|tinier|lighter|leaner|compact',
      'model|network|net|cnn|convnet|file|checkpoint smaller|tinier|lighter|leaner|compact than ... dense|fully|fc|mlp|mlps|perceptron|perceptrons',
      // "the weight count doesn't explode": its opposite (./meanings) denied.
      '@parameter @unchanged explode|explodes|exploding|balloon|balloons|ballooning|skyrocket*',
    ],
    // "millions of parameters": a count in the millions is many ("a dense layer has millions of
    // weights" is the contrast; "a CNN doesn't need millions of weights" denies it of ours).
    counterclaims: [
      'million|millions|billion|billions|gazillion*|zillion* @parameter',
      // "dense nets blow up in size on images": the weight count exploding (the contrast).
      'blow|blows|blew|blown|explode|explodes|exploded|balloon|balloons|ballooned up|in size',
      // "a ton of weights" ("not a ton of weights": the point).
      'ton|tons|loads|heaps|boatload|boatloads|truckload|truckloads of @parameter',
      // "a separate weight for every pixel", "its own weights per position": one set per place,
      // the opposite of one kernel shared by all.
      'separate|own|distinct|individual|unique|different @parameter for|per|on @every|one pixel|pixels|position|positions|location|locations|input|inputs',
      'separate|own|distinct|individual|unique|different @parameter per pixel|pixels|position|positions|location|locations|input|inputs',
      // "a weight per pixel" (one per place, the same as "its own weight per pixel"): "you don't pay
      // for a weight per pixel" denies it of a CNN, the point.
      'a|one|1 @parameter per|for each|every pixel|pixels|position|positions|location|locations',
      'a|one|1 @parameter per pixel|pixel|position|location',
    ],
  },
  // Question 3: the GPU runs out of memory.
  'remedies/stride': {
    claims: [
      'skip|skips|jump|jumps|step|steps|move|moves|hop|hops more|bigger|larger pixels|positions',

      'bump|crank|up|raise|increase stride|strides',
      'stride|strides 2|two|up|bigger|larger',
      // "stride more aggressively in the first layers": the stride pushed harder.
      'stride|strides more|harder aggressively|aggressive|early|earlier',
      // "a strided conv at the start so the maps shrink fast": the stride put early.
      'strided|stride conv|convs|convolution|convolutions|layer|layers ... start|beginning|front|first|early|earlier',
      '@less|reduce|shrink|cut size|dimension|dimensions|dimensionality|resolution ... feature|activation map|maps',
    ],
    // Pooling layers taken out keep the maps large (more memory): the remedy's opposite.
    counterclaims: [
      'remove|removes|removing|drop|drops|dropping|delete|deletes|deleting|ditch|ditches pool|pooling|pools|maxpool|maxpooling',
    ],
  },
  'remedies/smaller-input': {
    counterclaims: ['bigger|larger|higher @picture', '@picture ... larger|bigger|higher'],
    claims: [
      'downsample*|shrink|reduce|cut|lower|downscale|downsize|downsized|downsizing @picture',
      // Smaller pictures, not fewer of them ("feed fewer images per step" is the batch).
      '@smaller @picture',
      // A count of pixels is a size: "less resolution", "fewer pixels".
      '@less resolution|pixel|pixels',
      '@picture @less',
      'feed|use|train @smaller @picture',
      // "train on random crops", "crop the images": a part of each image, a smaller input.
      // (Patches only of the image, or random ones: "train with patches of the code" is no input.)
      'train|feed|fit|run on|with crop|crops|tile|tiles',
      'train|feed|fit|run on|with random|small|smaller|image|img|picture|photo patches',
      'train|feed|fit|run on|with patches of|from @picture',
      'crop|crops|cropping|tile|tiling @picture',
      // "res" (chat for resolution) lowered: "lower the res", "res down to 128", "img res↓". Not in
      // @picture: "fewer res blocks" are residual blocks (a smaller model), so "res" counts only
      // where it ends its phrase or a figure or a direction follows it.
      '@less|downscale|downsample*|shrink|drop|reduce|lower|cut|halve res $',
      '@less|downscale|downsample*|shrink|drop|reduce|lower|cut|halve res to|from|of|by',
      'res @less|down $',
      'res @less|down to|by',
      // "bring the image size down", "img size down to 128", a note's "img size down".
      ...loweredBy('@picture'),
    ],
  },
  'remedies/smaller-model': {
    // "keep all the layers" is the model left whole ("don't keep all the layers" denies it: the point).
    // "replace the conv layers by dense ones": on an image a dense layer has a weight per pixel, a
    // far larger model (the wrong remedy a teacher names: "dense layers are lighter").
    counterclaims: [
      'keep|keeps all|every @layer',
      'replace|replaces|replacing|swap|swaps|swapping|switch|turn|turns|convert|converts ... conv|convs|convolutional|convolution|convolutions ... by|with|into|for|to dense|fully|fc|mlp',
    ],
    claims: [
      'chop|cut|ditch|drop|remove|delete|lose|strip|axe|throw|toss|scrap|yeet|shed ... block|blocks|layer|layers|neurons|units',
      'take|takes|taking away|off|out ... block|blocks|layer|layers|neurons|units',
      'fewer|less neurons|units',
      'smaller|simpler|slimmer|lighter|shallower|thinner model|network|architecture|net|cnn',
      'ditch|lose|chop|axe|trim|drop|delete|remove|prune @layer',
      // Not "lighter" alone: "lighter versions of them (half precision)" is the floats, not the model.
      'thinner|shallower|slimmer|narrower',
      // "a less deep network": the model made less deep.
      "less|not|n't deep|wide|big|large|complex|heavy network|model|net|cnn|architecture",
      // "bring the layers down", "layers down to 8", a note's "layers down".
      ...loweredBy('@layer'),
    ],
  },
  'remedies/filters': {
    counterclaims: ['keep|keeps all|every filters|channels'],
    claims: [
      // "bring the filters down", "filters down to 32", a note's "filters down".
      ...loweredBy('filters|channels|kernels|fmaps'),
      'chop|cut|ditch|drop|remove|delete|lose|strip|axe|throw|toss|scrap|yeet|shed|trim|prune ... filters|channels|kernels',
      'fewer|less filters|channels|kernels|feature|fmaps|fmap|featuremaps',
      // "halve the number of feature maps", "the channel count down to 32": the count lowered.
      '@less|halve number|count|amount of filters|channels|kernels|feature|fmaps',
      'filter|channel|kernel count|number @less|down',
    ],
  },
  'remedies/precision': {
    claims: [
      '@less|half bits|bytes',

      'half floats|float',
      'fp16|float16|bf16 everything|training|weights|activations',
      'halfprecision|half-precision|float16|fp16|bf16',
      '16 bit|bits',
    ],
  },
  'remedies/distribute': {
    claims: [
      'across|over|onto|between several|two|multiple|many|more @gpu',
      'offload* ... @gpu',
      'spread|split|distribute|shard ... @gpu',
      'second|another|other|2nd @gpu',
      'multi @gpu',
      'model|data parallel*',
      // "half the model on one card and half on another": the parts on different devices.
      'half|part|parts|some ... one @gpu ... another|other|second|rest',
      '@gpu|one ... other|another|second @gpu',
    ],
  },
  'remedies/checkpointing': {
    claims: [
      'instead|rather of|than storing|keeping|caching|saving ... activations',
      'gradient|gradients|activation|activations|memory checkpoint*',
      'checkpoint|checkpoints activation|activations|gradients|layers',
      'checkpointing',
      'recalculat*|regenerat*|recreat*|recomput* activation|activations|them',
      'throw|discard|drop|free activation|activations',
    ],
  },
  'remedies/accumulation': {
    claims: [
      'micro-batch*|microbatch*|micro',
      'several|multiple|many|few steps|batches|micro-batches|microbatches ... before ... update|updating|step',
      'micro-batch*|microbatch*',
      'several|multiple|many|few steps|batches before ... update|updating|step',
      'update|step ... every|after several|multiple|few|n steps|batches',
      'sum|add|accumulat*|collect|average|combine @gradient',
      '@gradient over|across several|multiple|many',
    ],
  },
  // Question 4: max pooling rather than a strided convolution.
  'why/no-params': {
    claims: [
      'no|zero kernels|filters to learn|train',
      // "a hard-coded operation", "just a fixed rule": nothing in it is learned.
      'hard-coded|hardcoded|fixed operation|rule|function|op|formula|recipe',
      // "max pool have not any weight".
      "not|n't any @parameter",
      "n't|not|cannot learn|train anything",
      'nothing to learn|train|fit',
      'parameter-free|parameterless|weight-free|param-free|params-free|parameter-less|weightless',
      // "it has not parameters" (non-native): the negation said with "has".
      'has|have not @parameter',
      // "it saves the parameters a strided conv would need", "spares you the weights": the
      // parameters not spent.
      'save|saves|saved|saving|spare|spares|spared|avoid|avoids|avoided @parameter',
    ],
    counterclaims: [
      '@parameter|kernel|kernels|filter|filters are|is|get|gets learned|learnt|trained|updated',
      'something|anything|stuff to learn|train|fit',
    ],
  },
  'why/memory': {
    claims: [
      '@less footprint',
      'smaller memory|ram footprint',
      '@less memory|ram|vram|storage',
      // "it doesn't use memory for weights", "takes no memory": no memory spent.
      '@unchanged use|uses|need|needs|take|takes|eat|eats|cost|costs|spend|spends ... memory|ram|vram|storage',
    ],
    // Max pooling keeps the number of maps (it shrinks their height and width): "halves the number of
    // feature maps, which saves memory" saves it by a wrong mechanism, and earns nothing.
    counterclaims: [
      // (Not "fewer …": a counterclaim that says "fewer" goes this concept's own way, and is read so.)
      'halve|halves|halved|halving|reduce|reduces|reduced|cut|cuts|decrease|decreases number|count|amount feature|fmaps|@map',
    ],
  },
  'why/invariance': {
    claims: [
      'tolerat*|absorb*|robust*|insensitive|survive* ... moving|moves|move|shift*|translat*|displace*|jitter',
      // "barely reacts to a shift", "doesn't care if the input moves": the indifference first, the move
      // after (the same words as the move-first claims below; here the indifference's own clause
      // gives the subject, so "the strided conv doesn't react to shifts" is read as said of it).
      `barely|hardly|not|n't ${INDIFFERENT_VERB} ... shift*|move*|moving|translat*|wiggl*|jiggl*|nudg*|budg*|wobbl*`,

      'position|where|location ... in|inside|within window ... matter|matters',
      "@small @change ... not|n't|nt|barely|hardly matter|change|affect",
      'where ... in|inside window ... matter|matters',
      'tolerat*|absorb*|ignor*|robust|insensitive @small @change',
      // "wiggle room for tiny shifts", "some slack for small moves": room left for a small shift.
      'room|slack|leeway|margin|tolerance|forgiving ... @small @change',
      // "stops caring if stuff gets nudged a pixel": indifference to a shift, said by "stop".
      'stop|stops|stopped|quit|quits care|caring|minding|reacting|noticing ... @change|shift*|nudg*|move*|moving',
      '@change ... @unchanged change|affect|alter|matter|matters',
      // "jiggle the picture and the pooled map barely notices": the move first, the indifference after,
      // said of what pooling gives (its max, its map, "it"): "… and the strided conv barely notices"
      // is the other thing of the contrast, and "change the kernel" is no move.
      `${MOVE} ... ${POOLED} ${INDIFFERENT}`,
      `${MOVE} ... ${POOLED} does|do|did|will|would|wo n't|not ${INDIFFERENT_VERB}`,
      // "the max stays the same if the input moves a pixel", "shift it a bit and the max stays put".
      '@output stay|stays|remain|remains same|unchanged|stable|put ... @change',
      '@change ... @output stay|stays|remain|remains same|unchanged|stable|put',
      // "less sensitive to the exact position of a feature".
      "less|barely|hardly|not|n't sensitive ... position|positions|location|locations|where|shift*|translat*|move*",
      // "a feature moves a pixel and the max is still the same", "… still gives the same maximum".
      '@change ... @output ... same|unchanged',
      '@change ... same @output',
      // "keeps the strongest activation" (what survives a small shift); not "takes the maximum",
      // which says what max pooling is, not why to prefer it.
      'keep|keeps|pass|passes largest|biggest|strongest|max|maximum|highest',
      // "if the edge moves a pixel, the max is still in that window", "both land in the same pooling
      // cell": after a small move the strongest value stays inside its window (a move, not any change:
      // "change the kernel and the loss still lands in the same region" says nothing of pooling; and
      // what stays is the moved feature or the max, not "the loss").
      `${MOVE} ... max|maximum|peak|strongest|loudest|largest|biggest|highest|activation|value|feature|edge|edges|it|both|they ... still|stay|stays|remain|remains|land|lands|fall|falls in|inside|within same|that|its|one window|group|region|cell|pool|neighbourhood|neighborhood|patch`,
    ],
    // "a small shift changes its output completely".
    counterclaims: [
      '@change ... change|changes|alter|alters|affect|affects|flip|flips|ruin|ruins @output',
      // "big shifts don't change the max", "it's robust to large translations": pooling absorbs only
      // small shifts, so a shift called big is a false claim of the invariance. The whole claim is the
      // (not "any"/"all": "any small change leaves the max unchanged" is the invariance, review 31b)
      // counterclaim: a bare "big shifts" is denied by the "don't" after it, and a denied opposite
      // asserts the concept (why stop 30's counterclaim did not bite).
      'big|bigger|large|larger|huge|major|massive @change ... @unchanged change|changes|affect|affects|alter|alters|matter|matters|move|moves',
      'robust|tolerant|insensitive|resistant|invariant|invariance|immune ... big|bigger|large|larger|huge|major|massive @change',
      // "the max stays the same even if the input shifts a lot": the size of the move after it.
      '@output stay|stays|remain|remains same|unchanged|stable|put ... @change a|by lot|lots|far|much',
    ],
  },
  // Question 5: local response normalization.
  'when/inhibition': {
    counterclaims: [
      'ignore|ignores @neighbour',
      'independent|independently|unaffected @neighbour',
      // "makes neighbouring maps more similar so they agree": the neighbours pulled along with the
      // strong one (excited), not inhibited.
      // In one stretch of words: "inhibit neurons in nearby maps, so the maps become more similar"
      // inhibits, and says the wrong effect of it (a point of its own).
      '@neighbour @map|feature|features|neurons|channels more similar|alike|agree',
    ],
    claims: [
      'strongest|loudest|biggest|most|dominant|active neuron|neurons|unit|units|activation|activations ... @inhibit|damps|damp|dampen|dampens',
      'strongest|loudest|biggest|most|dominant|active neuron|neurons|unit|units|activation|activations ... @inhibit',
      'winner take|takes all',
      // "the loudest one makes the others next to it quieter": the strongest weakening the rest.
      'strongest|loudest|biggest|largest|dominant|highest|strong|big|large ... make|makes|making|render|renders|push|pushes|pushing ... quieter|weaker|softer|dimmer|down',
      'divided|divide|normalised|normalized|scaled by|against ... @neighbour',
    ],
  },
  // "the filter spans the entire input volume", "the kernel covers the whole feature map".
  'what-and-how/kernel-size': {
    claims: [
      'kernel|filter|kernels|filters span*|cover*|entire|whole input|map|maps|volume',
      // Terse notes put "=" (a clause break) between the kernel and its size: "kernel = size of the
      // incoming feature map"; the size is the map it reads, so the claim is read over the sentence.
      'kernel|kernels|filter|filters ... size|sized|big|large|wide|cover|covers|covering|height|width|dimensions|dims|shape incoming|input|previous|last|whole|entire|full feature|map|maps|fmap|fmaps',
      // "kernel = input map size": the same, the size named after the map.
      'kernel|kernels|filter|filters ... incoming|input|previous|whole|entire|full feature|map|maps|fmap|fmaps size|sized',
      // "conv h×w", "kernel h×w" ("×" is read "x"): the kernel written as the map's height by width
      // (two examiners' notes, sets e and m).
      'conv|convs|convolution|kernel|kernels|filter|filters hxw',
      // "valid pad": Keras's padding="valid", no padding, the kernel covering the map. (Not "a valid
      // conv" alone: "replace each dense layer with a 3×3 valid conv" says nothing of the kernel's size.)
      'valid pad|padded|padding',
    ],
  },
  'what-and-how/only-conv': {
    // "every layer is convolutional", "everything is convolutional".
    claims: [
      'every|all|each @layer conv|convs|convolution|convolutions|convolutional',
      'everything conv|convs|convolution|convolutions|convolutional',
      // "swap its dense layers for convolutions": every dense layer (the plural, written so: "layers*"
      // is no form of "layer") made a convolution; "convert a dense layer into a conv" is the recipe.
      'swap|swaps|swapped|replace|replaces|replaced|turn|turns|turned|convert|converts|converted dense|fc|fully layers* ... for|with|by|into|to conv|convs|convolution|convolutions|convolutional',
      // "swap the dense head for convs": the whole classifier on top made convolutional.
      'swap|swaps|swapped|replace|replaces|replaced|turn|turns|turned|convert|converts|converted dense|fc|fully|classification head|heads|top|classifier ... for|with|by|into|to conv|convs|convolution|convolutions|convolutional',
    ],
    // "fully" by itself is no dense layer: "you have a fully convolutional network" is the point, so
    // a fully connected layer is read by its "connected".
    counterclaims: [
      '@layer are|is dense|connected',
      'last|final|top|end @layer are|is dense|connected',
      // "it has a single dense layer", "keeps one fully connected layer at the end".
      'has|have|contain|contains|keep|keeps|use|uses|retain|retains|include|includes single|one|a|an|some|few|last|final|extra dense|connected|fc',
    ],
  },
  'when/specialise': {
    // "LRN makes the maps more similar": the maps pulled together, the opposite of specialising
    // ("keeps the maps from becoming alike" denies it: the point).
    counterclaims: [
      '@map|feature|features|neurons|detectors more similar|alike|correlated|redundant',
      '@map|feature|features agree|align|converge',
      // "they can't all settle on the same feature", "stops every map from learning the same edge":
      // every map learning one feature, the redundancy LRN prevents (denied, the point).
      'all|every|several|many ... learn|learning|learns|settle|settles|detect|detects|pick|picks|converge|converges|latch|latches|end ... same @feature',
    ],
    claims: [
      'each|every map|channel|filter ... own|different|unique',
      'no two maps|channels|filters ... same',
      'learn|learning|learns something|things|features different',
      'explore|learn|cover wider|broader range|variety|set',
      // "each map becomes more different", "the network explores more features", "each grabs its
      // own kind of feature": the maps pushed apart.
      '@map|feature|features|neurons|detectors|filters ... more different|diverse|varied|distinct|unique',
      'explore|explores|learn|learns|cover|covers|find|finds more|other|new|different|varied|diverse feature|features|patterns|things',
      'each|every ... own|different|unique kind|type|sort|niche',
    ],
  },
  // Question 8: semantic segmentation.
  'difficulty/resolution-lost': {
    claims: [
      // "loss of spatial resolution": the loss named as a noun (not the loss function: "of" and
      // what is lost follow it).
      'loss of spatial|fine|resolution|detail|details|localisation|localization|location|position|where',
      // "the net shrinks the pic 32x": the image shrunk by a factor as the net goes (not "shrink the
      // maps" alone: "dilated convolutions are there to shrink the maps" is a wrong claim about them).
      'shrink|shrinks|shrank|shrunk|shrinking @picture|map|maps 2x|4x|8x|16x|32x|64x|times|fold|factor',
      // "squeezed the picture 32 times": the image squeezed down as the net goes.
      'squeeze|squeezes|squeezed|squeezing|squash|squashes|squashed|squashing|crush|crushes|crushed|crushing|compress|compresses|compressed|compressing @picture|map|maps|resolution|spatial|detail|details',
      // By its consequence: the objects' boundaries come out blurry or blocky.
      'boundary|boundaries|edge|edges|border|borders|outline|outlines|contour|contours ... blurry|blocky|coarse|fuzzy|jagged|smeared|pixelated|blobs|blobby',
      '@lose|forget|forgets|forgot where',
      'only knows roughly where',
      '@lose spatial|fine detail|details|information|resolution|localization|localisation',
      'output|outputs|map|maps|prediction|predictions|mask|masks ... coarse|blurry|lowres|low-res|rough|chunky|blocky|pixelated|blobby',
      // "the maps get too small", "the map is nowhere near the input's resolution".
      'output|outputs|map|maps ... too|far|way small|tiny|little|coarse',
      // "the image becomes very small, 32 times": the picture as the network sees it, shrunk.
      '@picture become|becomes|became|get|gets|got very|too|really|so small|tiny|little|coarse',
      // "after the strides the output is tiny", "the prediction is 32 times smaller than the image".
      'output|outputs|map|maps|prediction|predictions tiny|smaller|shrink|shrinks|shrunk',
      // "the feature maps end up tiny".
      'map|maps|output|outputs|prediction|predictions end|ends|ended|wind|winds up tiny|small|little|coarse|minuscule',
      "nowhere|not|n't near|close ... input|original|full|image resolution|size|detail",
      "what ... not|n't where",
    ],
    // Resolution is lost going down (pooling, strides), not by the layers that bring it back, nor
    // by the skip connections that carry the detail across.
    // Said in one clause: "upsampling loses detail", "the skip connections lose the resolution"
    // ("… is upsampled, and the lost detail is brought back through skip connections" says neither).
    counterclaims: [
      // A verb of losing, not "lost": "skip connections bring the lost detail back" is the remedy.
      'upsampl*|deconv*|unpool* lose|loses|losing|destroy|destroys|discard|discards|throw|throws|blur|blurs|erase|erases|kill|kills',
      'transposed|upsampling|deconvolution|unpooling conv|convs|convolution|convolutions|layer|layers lose|loses|losing|destroy|destroys|discard|discards|throw|throws|blur|blurs|erase|erases|kill|kills',
      'skip|shortcut|shortcuts lose|loses|losing|destroy|destroys|discard|discards|throw|throws|blur|blurs|erase|erases|kill|kills',
      'skip|shortcut connection|connections|link|links|path|paths lose|loses|losing|destroy|destroys|discard|discards|throw|throws|blur|blurs|erase|erases|kill|kills',
    ],
  },
  // Question 7: an FCN slides the classifier over the image, one prediction per window position.
  // "the number of filters equals the number of units", "#filters equal to #units", "filter count
  // = unit count, the same": the two counts said equal, by a word of equality (a note's bare "=" is a
  // clause break, and "#filters = 64" names no unit count).
  'what-and-how/filters-units': {
    claims: [
      'number|count of filters|kernels ... equal|equals|same ... unit|units|neuron|neurons',
      'filter|kernel count|number ... equal|equals|same ... unit|units|neuron|neurons',
      'filters|kernels equal|equals ... unit|units|neuron|neurons',
    ],
  },
  'what-and-how/uses': {
    claims: [
      'prediction|predictions|output|outputs|score|scores|label|labels|class|classes|classification|classifications per|each|every window|windows|position|positions|location|locations|patch|patches|crop|crops|cell|cells|region|regions|area|areas|spot|spots|part|parts|tile|tiles',
      // "it gives a map of answers", "the output becomes a grid": predictions laid out over the image,
      // as what the network gives (not "Grad-CAM gives a map of class scores"; a heatmap: below).
      `${FCN}|out ... map|grid|array of|with answers|predictions|scores|classes|labels|outputs|probabilities`,
      'output|outputs|result|prediction|predictions become|becomes|is|are map|grid|heatmap',
      // "slides the classifier over the big image": the classifier applied at every window.
      'slide|slides|sliding|sweep|sweeps|sweeping|scan|scans|scanning classifier|network|net|model|cnn ... over|across',
      // "the FCN outputs a heatmap", "what comes out is a heatmap of class probabilities": the grid of
      // predictions, by its everyday name, as what the converted network gives; the network (or "it",
      // or "what comes out") named before it. Not "heatmap" alone, nor a heatmap any tool outputs:
      // "Grad-CAM outputs a heatmap of class scores to explain the classifier" is about explaining a
      // classifier, not about the FCN's output.
      `${FCN} ... output|outputs|produce|produces|give|gives|get|gets|yield|yields|return|returns|spit|spits|become|becomes|predict|predicts heatmap|heatmaps|heat-map|heat-maps`,
      `${FCN}|out ... heatmap|heatmaps|heat-map|heat-maps of|for class|classes|score|scores|prediction|predictions|probability|probabilities|label|labels`,
    ],
  },
  'difficulty/per-pixel': {
    claims: [
      'pixel-accurate|pixelaccurate|pixel-level|pixellevel|pixel-precise mask|masks|labels|segmentation|map|maps',
      '@every pixel|pixels ... class|label|labelled|labeled|classified|category',
      // "we need a full-size mask".
      'full-size|fullsize|full-resolution|fullresolution mask|masks|segmentation|prediction|predictions|label|labels',
      // "the output has to be as big as the input": a prediction at the input's full size.
      'output|outputs|mask|masks|prediction|predictions ... as|same big|large|size|resolution|detailed ... input|image|original|picture',
    ],
  },
  'advantages/efficiency': {
    claims: [
      '@less examples|images|samples data|needed|required',
      'cheaper|easier|quicker to train',
      '@less examples|images|samples|data needed|required',
    ],
  },
  'remedies/batch': {
    // "keep the batch size the same" is the mini-batch left as it was.
    counterclaims: ['keep|keeps|leave|leaves @batch size|sizes ... same|unchanged'],
    claims: [
      '@less per step|iteration|time',

      // "the batch size, bring it down": the size named. Not "batch" alone: "batch normalization
      // reduces memory" lowers the memory, not the batch (a layer, not the mini-batch).
      '@batch size|sizes ... down|smaller|tiny|halve|halved|shrink|cut|lower|reduce',
      // "bring the batch down", "batch 128 -> 32" (read "batch 128 down to 32"), a note's "batch
      // down".
      ...loweredBy('@batch'),
      'fewer|less|smaller images|samples|examples|pictures at|per once|time|step|iteration|go',
    ],
  },
  'why/compute': {
    claims: [
      'just|only|simply take|takes|taking|pick|picks|picking max|maximum|largest|biggest',
      '@less calculations|multiplications|maths|math|arithmetic|flops',
      // "no multiplications, just comparisons": comparing is all it computes.
      'just|only|simply|merely compare|compares|comparing|comparison|comparisons',
      'no|zero|without multiplication|multiplications|multiplies|mults|macs|flops',
    ],
  },
  'why/overfitting': {
    claims: [
      'regularis*|regulariz*',
      // "less chance to memorise the training set": memorising is overfitting.
      'less|lower|smaller|little|reduced|fewer chance|chances|risk|room|capacity to|for memoris*|memoriz*|overfit*',
    ],
  },
  'when/where': {
    claims: [
      'near|close input|bottom|start',
      'after relu|relus|activation',
      // "early in the net", "low down in the network": the place said of the whole network.
      '@early in|of|down net|network|cnn|stack|model',
    ],
  },
  // Generalising better said by where it shows: "it helps a bit on the test set", "better accuracy
  // on unseen images".
  'when/generalisation': {
    claims: [
      // Said of LRN ("it", "LRN", "the normalisation"): "dropout helps on the test set" is another
      // layer's gain. The gain is on the held-out data ("on the test set", "on unseen images") or in
      // its score ("better test accuracy"), not any help followed by some data: "LRN helps speed up
      // training on new images" is speed.
      'lrn|it|normalization|normalisation|normalizing|normalising ... help|helps|helped|improve|improves|improved|boost|boosts|raise|raises|better ... on|at|with test|validation|unseen|held-out set|sets|data|images|examples',
      'lrn|it|normalization|normalisation|normalizing|normalising ... help|helps|helped|improve|improves|improved|boost|boosts|raise|raises|better|higher|lower test|validation|held-out|top-1|top-5|top1|top5 accuracy|error|score|scores|loss',
    ],
  },
  'when/superseded': {
    claims: [
      'batch norm|normalization|normalisation|batchnorm ... instead|replaced|today|nowadays|now',
      'out of fashion|date|favour|favor',
      'nobody|hardly uses|use',
      // "batch norm took over", "people don't use it anymore": replaced, out of use today.
      'batch|batchnorm|bn ... took|take|takes|taken over',
      '@unchanged|nobody|hardly|rarely use|uses|used ... anymore|nowadays|today',
    ],
  },
  // Question 6: Xception (Chollet 2017) puts depthwise separable convolutions in place of the
  // inception modules ("instead of inception modules" says the replacement, not a denial).
  // SENet's block weighs each channel by how much it matters ("reweights the feature maps
  // channel-wise", "learns how important each channel is").
  // Xception's two halves kept apart, said over a sentence: "it separates the spatial patterns and
  // the patterns between channels"; or its two steps in order, the second said as the one across the
  // channels: "a per-channel spatial filter, then a 1×1 across the channels" (Chollet 2017). ("… then
  // a 1×1 conv" alone names the separable convolution, its other point.)
  'innovations/xception-separately': {
    claims: [
      'separate|separates|separately|split|splits|decouple*|apart ... spatial ... channel|channels|cross-channel',
      'depthwise|per-channel|channelwise|channel-wise ... then|followed ... across|mix|mixes|mixing|combine|combines|combining channel|channels',
    ],
  },
  // Xception's depthwise separable convolution said by its two steps in order, over the sentence:
  // "first a per-channel spatial filter, then a 1×1 conv" (Chollet 2017).
  'innovations/xception-separable': {
    claims: [
      'depthwise|per-channel|channelwise|channel-wise spatial|filter|filters|conv|convs|convolution|convolutions|kernel|kernels ... then|followed 1x1|pointwise',
      // "filter each channel on its own, then mix the channels with 1x1 convs": the two steps said
      // without their names.
      'each|every channel ... alone|separately|individually|independently|own ... then ... mix|mixes|mixing|combine|combines|combining|blend|blends channel|channels',
    ],
  },
  'innovations/senet-recalibrate': {
    claims: [
      'reweight*|re-weight*|rescale*|weigh|weighs @map',
      'important|importance|matter|matters ... @map',
      '@map ... important|importance|matter|matters',
      // "scales each channel", "a weight per channel", "boosts the useful channels": each map given
      // its own gain.
      'scale|scales|scaled|scaling|amplify|amplifies|boost|boosts|dampen|dampens|weight|weights|gain|gains ... each|every|per|individual @map',
      'per-channel|channel-wise|channelwise weight|weights|scale|scales|scaling|gain|gains|attention',
      // "turns up the useful channels and turns down the useless ones": each channel's volume set.
      'turn|turns|turned|dial|dials|dialled|dialed|crank|cranks|cranked up|down ... @map',
    ],
  },
  // AlexNet's size said as a scaling-up or with a plain adjective ("scaled LeNet up massively", "the
  // first big GPU-trained CNN", "more big and deep"); scaled down is its opposite.
  // ResNet's depth said by what made it trainable: "no vanishing gradients even at 152 layers",
  // "the gradients no longer die out" (He et al. 2016: the shortcuts let the gradient flow).
  'innovations/resnet-depth': {
    claims: [
      'no|without|avoid|avoids|fix|fixes|fixed|solve|solves|solved|beat|beats|cure|cures|kill|kills vanishing|exploding|dying @gradient',
      '@gradient ... @unchanged|longer vanish|vanishes|die|dies|disappear|disappears|explode|explodes',
      // "150+ layers", "you can stack hundreds of blocks": the depth by its count (LeNet-5 and
      // AlexNet have under ten layers, GoogLeNet 22, ResNet up to 152).
      'hundred|hundreds|100|100+|150|150+|152|200|1000 @layer|block|blocks|unit|units|deep',
      'stack|stacks|stacked|train|trains|trained ... hundred|hundreds|100|100+|150|150+|152|200|1000',
    ],
  },
  // SENet's block by its two steps (Hu et al. 2018): each map pooled to one number (the squeeze),
  // then a small dense network with a sigmoid (the excitation): "global average pooling, then a
  // tiny MLP with a sigmoid".
  'innovations/senet-block': {
    claims: [
      'global|avg|average ... pool|pooling|pooled|average|averages ... dense|mlp|fc|sigmoid|gate|gating',
      'summarise|summarize|summarises|summarizes|summarising|summarizing|pool|pools|average|averages|squash|squashes each|every|per @map ... dense|mlp|fc|sigmoid|gate|gating',
      // "per-channel gates computed from globally pooled features": the gate named first.
      'gate|gates|gating|score|scores ... from|of|on global|globally|pooled|average|averaged',
      // "adds a little block to every residual unit": a block plugged into the existing units.
      'add|adds|added|insert|inserts|inserted|plug|plugs|plugged|attach|attaches|attached ... block|blocks|module|modules ... residual|inception|unit|units',
    ],
  },
  // GoogLeNet's global average pooling said by what it does: each final map averaged to one number
  // (Lin et al. 2014), in place of the big dense layers.
  'innovations/googlenet-gap': {
    claims: ['average|averages|averaged|averaging each|every|whole|final|last|entire @map|feature'],
  },
  // GoogLeNet's auxiliary classifiers said in plain words: extra classifiers partway through the
  // network (Szegedy et al. 2015, sec. 5).
  'innovations/googlenet-aux': {
    claims: [
      'extra|additional|side|helper|auxiliary|intermediate classifier|classifiers|head|heads|softmax|softmaxes|loss|losses',
      'classifier|classifiers|head|heads|softmax|softmaxes ... halfway|midway|middle|partway|intermediate',
    ],
  },
  'innovations/alexnet-size': {
    claims: [
      'scale|scales|scaled|scaling|blow|blew|blown|pump|pumped ... up',
      'big|huge|large|deep|massive|giant ... cnn|cnns|convnet|network|networks|net|model',
      'more|much|way|very|massively|really big|deep|large|huge',
    ],
    counterclaims: ['scale|scales|scaled|scaling ... down', 'more|much small|shallow|tiny'],
  },
  // GoogLeNet's inception module by its two halves in order: convolutions of several sizes run in
  // parallel ("side by side"), then their outputs concatenated (Szegedy 2015, fig. 2), the sizes
  // named one by one ("1×1, 3×3 and 5×5 convs run side by side and get concatenated").
  'innovations/googlenet-inception': {
    claims: [
      'parallel|side|alongside|simultaneously ... concatenat*|concat|concatted|joined',
      // "1x1, 3x3 and 5x5 filters side by side": several kernel sizes named, run side by side, or on
      // the same input. Not "together": "two 3x3 convs stacked together" is VGG's stacking.
      '1x1|3x3|5x5 ... 3x3|5x5|7x7 ... parallel|side|alongside|simultaneously|branch|branches',
      '1x1|3x3|5x5 ... 3x3|5x5|7x7 ... same input|map|maps|layer|volume',
    ],
  },
  'innovations/xception-merge': {
    claims: ['instead|place of inception|googlenet', 'swap*|ditch*|replac* ... inception'],
  },
  'difficulty/upsample': {
    claims: [
      '@enlarge ... again|back|up|full|original',
      // (Not "bring … back": "skip connections bring the detail back" is theirs; q08's patterns read it.)
      'blow|grow|scale|size ... back|up',
      'full|original|input size|resolution ... back|again',
    ],
    // "upsample with max pooling": pooling shrinks the maps, it is no way of enlarging them (the
    // "with" opens a clause of its own, so the claim is read over the sentence). Not "max" alone:
    // "max unpooling" (SegNet) is an upsampling.
    counterclaims: [
      'upsample|upsamples|upsampled|upsampling|upscale|upscales|upscaled|upscaling ... with|using|via|by|through max|average|avg pool|pooling|pools',
      'upsample|upsamples|upsampled|upsampling|upscale|upscales|upscaled|upscaling ... with|using|via|by|through pool|pooling|pools|maxpool|maxpooling',
      // "transposed convolutions downsample the image": the upsampling layer given the opposite
      // direction (the verb only: "undo the downsampling" is the remedy).
      'transposed|deconvolution|deconvolutions|deconv|deconvs|upsampling conv|convs|convolution|convolutions|layer|layers downsample|downsamples|shrink|shrinks|compress|compresses',
    ],
  },
  'difficulty/skip': {
    // Skip connections against vanishing gradients (ResNet's reason) are about training depth, not
    // about bringing back the detail a segmentation network lost.
    // Nor are they what loses the resolution ("the skip connections lose the spatial resolution, so
    // networks remove them"): that is the downsampling, and the skips bring the detail back.
    counterclaims: [
      'vanishing|exploding ... skip|shortcut|residual',
      // A verb of losing, not "lost": "skip connections bring the lost detail back" is the remedy.
      // "segmentation networks remove the skip connections": the remedy taken away.
      'remove|removes|removed|removing|drop|drops|dropped|dropping|delete|deletes|deleted|discard|discards|discarded|ditch|ditches|ditched skip|shortcut connection|connections|link|links',
      'skip|shortcut connection|connections|link|links are|is|get|gets removed|dropped|deleted|discarded|ditched',
      'skip|shortcut|shortcuts connection|connections|link|links|path|paths lose|loses|losing|destroy|destroys|discard|discards|throw|throws|blur|blurs|erase|erases|kill|kills',
    ],
    claims: [
      // "add skips", "with skips from the encoder", "upsample + skips": "skips" as the noun, the
      // thing added or used, the thing coming from the lower layers, or a note's last word. Not
      // "skips" before an object: "the decoder skips the fine detail" is the verb.
      'add|use|with|plus|need|want skips',
      'skips $',
      'skips from|across|between|to|into',
      'reuse|borrow|copy|bring|pass|feed ... high-resolution|highresolution|fine|finer|sharp|sharper|detailed|crisp features|maps|activations',
      'features|maps|activations from encoder|earlier|early|lower|shallower',
      // "copy the early features over to the decoder": features sent on to the part that upsamples.
      'copy|copies|borrow|borrows|feed|feeds|pass|passes|send|sends|forward|forwards|route|routes ... to|into decoder|upsampler|upsampling|expanding',
      // "shortcuts from the encoder", "links from the early layers": the connections named by where
      // they come from.
      'shortcut|shortcuts|link|links|connection|connections|bridge|bridges from encoder|earlier|early|lower|shallower|first',

      'borrow|copy|feed|sneak|bring|pass|reuse ... early|earlier|lower|shallow|shallower|first layer|layers|maps|features|activations',
      // "wire the early high-res features into the decoder": the same, said as a connection.
      'wire|wiring|route|routing|connect|connecting|link|linking|plug|plugging|pipe|piping ... early|earlier|lower|shallow|shallower|first|encoder ... layer|layers|maps|features|activations',
      // "sharpen it by adding in earlier, higher-res feature maps": the early maps mixed back in.
      'add|adds|adding|added|mix|mixes|mixing|blend|blends|blending ... earlier|early|lower|shallower|higher-res|high-res|finer|sharper ... map|maps|feature|features|activations',
      'combine|merge|fuse ... predictions|maps|outputs ... several|different|multiple|earlier depths|layers|levels|scales',
    ],
  },
  // The dense weights moved into the conv's kernels ("put the dense weights into the conv kernel").
  'what-and-how/weights-copied': {
    claims: [
      // The weights named as the dense layer's own ("put more weights in the conv" is no copy).
      'put|puts|plug|plugs|move|moves|port|ports|paste|pastes|insert|inserts|pour|pours dense|fc|trained|learned|learnt|existing|old|same|its @parameter ... into|in conv|convs|kernel|kernels|filter|filters|convolution',
    ],
  },
  'what-and-how/any-size': {
    // "the input size doesn't matter", "the input size isn't fixed anymore".
    claims: [
      'input|image|images|picture|pictures size|sizes|resolution|shape ... @unchanged matter|matters',
      'input|image|images|picture|pictures size|sizes|resolution|shape ... @unchanged fixed|constrained|restricted|locked',
      // "it doesn't care about the input size": indifference to the size is any size.
      '@unchanged care|cares|mind|minds input|image|images|picture|pictures size|sizes|resolution|shape',
      // "it doesn't care how big the image is".
      '@unchanged care|cares|mind|minds how big|large|small|wide|tall|high',
      // "works on any image at least as big as the training ones": any size above a minimum.
      'any|every|whatever image|images|input|inputs|picture|pictures ... at least|bigger|larger|size|sizes|shape|shapes',
      // "it isn't limited to one input size", "never tied to a single resolution": the counterclaim
      // below, denied by a negation right before it.
      '@unchanged tied|bound|locked|limited|restricted|stuck to one|a|single|specific|particular|certain input|image|size|sizes|resolution',
      // "the input doesn't have to be 224x224 anymore": no size required.
      'input|image|images|picture|pictures|size|sizes|resolution @unchanged have|has|need|needs|must be #size|fixed|exact|specific|particular|same',
    ],
    counterclaims: [
      // "tied to one input size", "locked to a single resolution" ("isn't tied to …" denies it).
      'tied|bound|locked|limited|restricted|stuck|fixed to one|single|fixed|specific|particular|certain|#size input|image|size|sizes|resolution',
      'input|image size|sizes|resolution is|are fixed',
      'only|just works|work|accepts|accept|takes|take|handles|handle ... #size',
      'fixed input|image size|sizes|resolution',
    ],
  },
};

/** The paraphrases of a concept of a part (none when the table has no entry). */
export function paraphrasesOf(partId: string, conceptId: string): Paraphrases {
  return PARAPHRASES[`${partId}/${conceptId}`] ?? {};
}
