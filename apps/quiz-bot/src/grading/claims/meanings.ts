/*
 * What each concept means, written once per concept as the words it is made of, in no order ("~"
 * claims of ./synonyms: each slot said by its own word of one clause). These are written from the
 * concept itself (Géron, Hands-On Machine Learning, 3rd ed., ch. 14, and the papers it cites), as a
 * teacher would list the ways of saying it: the thing the claim is about and what is said of it,
 * each slot a list of lemmas and synonyms. They are judged like every other claim: asserted in a
 * clause, of the right subject, not negated, not contradicted.
 */

/** Unordered claims, by "<part id>/<concept id>" (each starts with "~"). */
export const MEANINGS: Readonly<Record<string, readonly string[]>> = {
  // Question 1: a CNN against a fully connected network.
  'advantages/fewer-parameters': [
    '~ @less @parameter',
    // The one kernel also said as copies of itself over the image: "copy-pasted", "cloned". (Not
    // "slides": a sliding filter is what finds a feature anywhere, no parameter count.)
    '~ share|shared|shares|sharing|reuse|reused|reuses|reusing|copy-paste*|copypaste*|clone|cloned|clones @parameter|kernel|kernels|filter|filters|detector',
    '~ local|locally|partial|partially|sparse|sparsely connected|connections|connectivity|connect',
  ],
  'advantages/translation': [
    '~ @see @anywhere|elsewhere',
    '~ translation|translational|shift|shifts|position|location invariance|invariant|equivariance|equivariant|insensitive|robust',
    "~ position|location|where|place not|n't|doesnt|never matter|matters",
    '~ position|location|where|place irrelevant|independent',
    // "works wherever the object is", "fires anywhere": what it does, said of every place.
    '~ work|works|fire|fires|trigger|triggers|apply|applies @anywhere',
    // "generalises across positions": what is learned at one place holds at the others.
    '~ generalise|generalize|generalises|generalizes|transfer|transfers across|over positions|locations|places',
    // "moving the object doesn't change the prediction": the thing moved, the answer unharmed.
    // (What is unharmed is the answer: "moving the object doesn't change the weights" is no invariance.)
    '~ move|moves|moved|moving|shift|shifts|shifted|shifting|translate|translated|translating|displace|displaced|relocate|relocated @unchanged change|changes|break|breaks|affect|affects|alter|alters|fool|fools|confuse|confuses|ruin|ruins|hurt|hurts prediction|predictions|output|outputs|class|label|answer|result|detection|classification|recognition',
  ],
  'advantages/spatial-hierarchy': [
    '~ @simple|@local @complex|larger|bigger @combine|into|build|builds|built',
    '~ hierarchy|hierarchical|hierarchically feature|features|pattern|patterns|representation|representations|layer|layers',
    '~ spatial|2d|grid|topology|neighbourhood|neighborhood|neighbouring|neighboring structure|layout|arrangement|geometry|correlation|correlations',
    // By its mechanism: stacked layers see ever larger windows ("the receptive fields grow").
    // "uses local pixel neighbourhoods": the image read patch by patch.
    '~ pixel|pixels neighbourhood|neighbourhoods|neighborhood|neighborhoods|patch|patches',
    // "builds pictures out of local pieces": the whole assembled from small parts.
    '~ @combine local|small|little|tiny pieces|parts|patches|bits',
    '~ receptive field|fields grow|grows|growing|larger|bigger|wider|widen|widens|expand|expands|expanding|increase|increases',
  ],
  'advantages/efficiency': [
    '~ @less overfit*',
    '~ faster|quicker|cheaper|easier train|training|learn|learning|trains',
    '~ @less data|examples|images|samples',
  ],
  // Question 3: the GPU runs out of memory.
  'remedies/batch': [
    '~ @less @batch',
    '~ fewer|less images|examples|samples|pictures per|each|at step|iteration|batch|once|time',
  ],
  'remedies/stride': [
    '~ larger|bigger|increase|raise|longer stride|strides',
    '~ downsample*|downscale*|shrink map|maps',
    '~ pool|pooling @less|downsample*|shrink map|maps|dimension|dimensions|size|resolution',
    // "add a pooling layer early on": the earlier pooling of the remedy.
    '~ pool|pooling|pools|maxpool|maxpooling early|earlier|sooner',
  ],
  // Smaller images, not fewer of them (that is the batch).
  'remedies/smaller-input': [
    '~ smaller|small|lower|low|reduce|reduced|shrink|tiny resolution|image|images|input|inputs|picture|pictures',
    '~ downsample*|downscale*|shrink|crop*|resize* image|images|input|inputs|picture|pictures|resolution',
  ],
  'remedies/smaller-model': [
    '~ remove|drop|delete|cut|fewer|less|prune|strip @layer|neurons|units',
    '~ smaller|simpler|shallower|thinner|narrower|lighter|compact model|network|net|architecture|cnn',
  ],
  'remedies/filters': [
    // "half the number of filters" too.
    '~ remove|drop|delete|cut|fewer|less|prune|strip|half|halve|halved|halving filter|filters|channels|kernels|fmaps',
  ],
  'remedies/precision': [
    '~ 16 bit|bits',
    // "mixed prec": the chat abbreviation of precision.
    '~ half|lower|reduced|mixed precision|prec|floats|float',
    '~ fp16|float16|bf16|bfloat16',
  ],
  'remedies/distribute': ['~ @split @gpu', '~ several|multiple|two|many|second|another|extra @gpu'],
  // "make sure no other process is holding GPU memory": the memory left free for the training.
  'remedies/free-memory': [
    '~ no|nothing other|another|background process|processes|program|programs|app|apps|job|jobs|notebook|notebooks hold|holds|holding|keep|keeps|keeping|occupy|occupies|occupying|hog|hogs|hogging',
    // "kill the other procs on the GPU": the other programs ended, their memory freed.
    '~ kill|close|stop|end|quit|shut other|another|background process|processes|proc|procs|program|programs|app|apps|job|jobs|notebook|notebooks',
  ],
  'remedies/checkpointing': [
    '~ recompute*|recalculat*|regenerat*|recreat* activation|activations|them|forward',
  ],
  'remedies/accumulation': [
    // "grad accum": the chat abbreviation of accumulation.
    '~ accumulate|accumulating|accumulation|accum|sum|summing|average|averaging @gradient',
    '~ update|updates|step @several|every|after batches|steps|micro*',
  ],
  // Question 4: max pooling rather than a strided convolution.
  'why/no-params': [
    '~ no|zero|nothing|without @parameter|weights|learnable|trainable',
    // By its consequence: the parameters a strided convolution would need are saved.
    '~ save|saves|saving|spare|spares|sparing @parameter',
  ],
  'why/compute': [
    '~ @less computation|compute|flops|operations|multiplications|calculations|maths|arithmetic',
  ],
  // "less mem": the chat abbreviation of memory.
  'why/memory': ['~ @less memory|mem|ram|storage|footprint'],
  'why/invariance': [
    '~ shift|shifts|shifted|shifting|nudge|nudges|nudging|nudged|moving|translation|translating pixel|bit|little|small|slightly|tiny @unchanged change|changes|move|moves|affect|affects|alter|alters|mess|messes|ruin|ruins|break|breaks|hurt|hurts',
    '~ invariance|invariant|robust|robustness|tolerant|tolerance|tolerate|tolerates|insensitive|unaffected|ignore|ignores|shrug|shrugs|absorb|absorbs shift|shifts|translation|translations|displacement|displacements|jitter|moves|movement|wiggle|wiggles|wobble|wobbles|position|positions|location|locations|placement',
    // By its mechanism: a feature and its shifted copy fall in the same pooling window, so they
    // give the same output ("both land in the same output cell").
    '~ land|lands|landing|end|ends|fall|falls|go|goes same cell|window|output|unit|region|slot|bin',
  ],
  'why/overfitting': ['~ @less overfit*', '~ regulari*'],
  // Question 5: local response normalization.
  'when/where': [
    '~ @early @layer|conv|convs|convolutional|convolution|convolutions',
    '~ after relu|relus|activation|nonlinearity',
  ],
  'when/inhibition': [
    '~ @inhibit|compete|competition|competes|stop|stops|prevent|prevents|block|blocks @neighbour|adjacent|nearby|surrounding|other',
    '~ lateral inhibition|inhibit|inhibits|inhibited',
    // What inhibition does, in plain words: a verb that makes the others smaller, said of the maps
    // next to it ("shuts up the ones … in the next few channels", "makes smaller the neurons in the
    // near feature maps"): the maps, not a layer, so "the next layer" is no neighbour.
    '~ @inhibit|reduce|reduces|lower|lowers|smaller|weaken|weakens|dampen|dampens|shrink|shrinks near|nearby|next|neighbouring|neighboring|adjacent|surrounding|close map|maps|channel|channels',
  ],
  'when/specialise': [
    '~ speciali* map|maps|feature|features|filters|neurons|channels|detectors',
    '~ wider|broader|larger range|variety|diversity',
    // By what the maps then do: each looks for something else ("they learn to look for other
    // things", "each ends up looking for something different", "the maps differ from each other").
    '~ learn|learns|learning|look|looks|looking|detect|detects|pick|picks|respond|responds|search|searches different|other|distinct|diverse|varied',
    '~ map|maps|channel|channels|filters|neurons|detectors differ|diverge|diversify|decorrelate*',
    // Pushed away from one another ("forces the maps apart", "drives the channels apart").
    '~ map|maps|channel|channels|filters|neurons|detectors apart',
    // By what they stop doing: duplicating one another ("the maps end up less redundant", "stop
    // duplicating each other").
    '~ @less|stop|stops|avoid|avoids|prevent|prevents|reduce|reduces redundant|redundancy|duplicate*|duplicating|overlap|overlapping',
  ],
  'when/generalisation': ['~ generali*', '~ @less overfit*'],
  // Question 6: the classic networks' innovations (each said of its own network).
  'innovations/resnet-depth': [
    '~ 100|101|150|152|200|1000|hundred|hundreds|150+|100+ layers|layer|deep',
    '~ very|extremely|crazy|super|really|insanely|much deep|deeper',
  ],
  'innovations/senet-recalibrate': [
    '~ reweight*|rescale*|recalibrat*|weigh|weighs|weight|weights|scale|scales|boost|boosts channel|channels|maps|map',
    // "a volume knob per channel": each channel turned up or down, the recalibration said by an
    // everyday control.
    '~ knob|knobs|dial|dials|dimmer|dimmers|fader|faders channel|channels',
  ],
  // GoogLeNet's inception module said by what it is: branches of several kernel sizes side by side,
  // their outputs concatenated (Szegedy 2015, fig. 2).
  'innovations/googlenet-inception': [
    '~ parallel|side several|multiple|different|various|many branches|sizes|filters|kernels|convolutions|convs',
    '~ concatenat* branches|sizes|outputs|maps|them',
  ],
  // SENet's block said by where it goes (a small network on each unit): the fresh set's standard
  // counts how or where as SENet's second point.
  'innovations/senet-block': [
    // The block said by its first step, the squeeze: each channel summarised by global average
    // pooling (Hu et al. 2018, fig. 1).
    '~ global|globally average|averaged|avg|mean pool*|summar* channel|channels|each|every|map|maps',
    '~ side|small|little|tiny network|net|block|module on|onto|into|inside|in|per each|every|any unit|units|module|modules|block|blocks',
    // The squeeze said by what it gives: each map averaged down to one number.
    '~ average|averages|averaged|averaging|avg|summarise|summarises|summarize|summarizes|squash|squashes|collapse|collapses map|maps|channel|channels number|scalar|value',
  ],
  // Xception's depthwise separable convolution said by its two steps: a spatial filter per channel,
  // then a 1×1 (pointwise) convolution across the channels.
  'innovations/xception-separable': [
    '~ per-channel|channelwise|channel-wise|depthwise spatial 1x1|pointwise',
  ],
  // Xception's second point said by its two halves and the word that parts them ("spatial vs
  // cross-channel patterns split", "spatial/channel split", "decouples spatial and channel mixing").
  'innovations/xception-separately': [
    '~ spatial channel|channels|cross-channel|crosschannel|depth split|splits|separate|separated|separates|separately|apart|decouple*|independently|factor*|disentangle*',
  ],
  // ResNet's skip connection said by what it does: a block's input added to its output (He et al.
  // 2016, fig. 2), or a path around the block.
  'innovations/resnet-skip': [
    '~ add|adds|added|adding|sum|sums|summed input|inputs|identity output|outputs|result|results',
    // The input taking the way round: "a highway around the block", "jumps past a few layers".
    '~ highway|bypass|detour|jump|jumps|hop|hops|leap|leaps around|past|over block|blocks|layer|layers|it|them',
    // "express lanes": the shortcut said as a road that skips the stops.
    '~ express|fast lane|lanes',
    // "each block only learns a correction to its input": the residual F(x) = H(x) - x said plainly.
    '~ learn|learns|learning|learned|learnt correction|corrections|delta|tweak|tweaks|difference input|inputs|identity',
  ],
  'innovations/xception-skip': ['~ residual|skip|shortcut connection|connections|link|links'],
  // Question 7: fully convolutional networks.
  'what-and-how/only-conv': [
    '~ only|just|entirely|purely|solely|all conv*|convolutional|convolutions',
    '~ no|without|zero dense|fully|fc',
  ],
  'what-and-how/any-size': [
    // "throw any res at it": "res" is chat for resolution.
    '~ any|arbitrary|variable|different|varying|whatever size|sizes|resolution|resolutions|res|dimension|dimensions|shape|shapes',
  ],
  'what-and-how/kernel-size': [
    '~ kernel|filter|window same|equal|equals|match|matches|matching|whole|entire|full size|input|map|maps',
  ],
  'what-and-how/filters-units': [
    '~ filter|filters|kernel|kernels per|each|every|one neuron|neurons|unit|units',
  ],
  'what-and-how/one-by-one': [
    '~ 1x1 conv*|convolution|convolutions|kernel|kernels|layer|layers|filter|filters',
    // A 1×1 convolution said by what it sees: one pixel (all of its channels).
    '~ conv*|convolution|convolutions single|individual|lone pixel|pixels|position|positions|location|spot',
  ],
  'what-and-how/weights-copied': [
    '~ reshape|reshaped|copy|copied|reuse|reused|transfer|transferred weights|parameters',
  ],
  // Question 8: semantic segmentation.
  'difficulty/resolution-lost': [
    // "the spatial information is mostly gone", "the fine detail vanishes".
    '~ spatial|fine|location|position|positional|where information|info|detail|details|resolution gone|vanish*|disappear*',
    '~ @lose|reduce|reduced|reduces|shrink|shrinks|downsample*|destroy* resolution|detail|details|localisation|localization|location|spatial|position',
    '~ coarse|coarser|blurry|rough|lowres|low-resolution|low-res map|maps|features|output|outputs|prediction|predictions|grid|resolution',
    '~ low|lower|reduced|tiny resolution features|maps|map|output|outputs|prediction|predictions',
    // "the res gets nuked by the pooling": the resolution (chat "res") destroyed, said in slang.
    '~ nuke|nukes|nuked|nuking resolution|res|detail|details',
  ],
  'difficulty/per-pixel': [
    '~ @every|individual|single pixel|pixels class|label|labels|classify|classified|labelled|labeled|category|predict|prediction',
  ],
  'difficulty/upsample': ['~ @enlarge back|up|full|original|input resolution|size'],
  'difficulty/skip': [
    '~ skip-conn*|skip-link*|skip-path*|shortcut-conn*|shortcut-link*|shortcut-path*',
    '~ combine|merge|concatenate|fuse|add early|earlier|lower|shallow|encoder|fine features|maps|layers|activations',
  ],
  'difficulty/dilated': ['~ dilated|atrous|dilation conv*|convolution|convolutions|kernel|kernels'],
};

/**
 * What each concept's opposite is made of, in no order (unordered counterclaims): said and not
 * negated, it contradicts the concept ("the position matters", "make the batch bigger", "it needs a
 * fixed 224×224 input").
 */
export const OPPOSITE_MEANINGS: Readonly<Record<string, readonly string[]>> = {
  // A parameter count that grows out of hand ("the weight count explodes", "weighed down by its
  // weights"): denied of a CNN or said of the dense net, it is the point.
  'advantages/fewer-parameters': [
    '~ @parameter explode|explodes|exploding|exploded|balloon|balloons|ballooning|skyrocket*',
    '~ weighed|bogged|burdened|bloated @parameter',
    // "wastes weights" (denied of a CNN: "doesn't waste a separate weight on every pixel").
    '~ waste|wastes|wasting|squander|squanders @parameter',
    // A weight paid for each pixel ("you don't pay for a weight per pixel", "doesn't need a
    // separate weight for every pixel"): denied of a CNN or said of the dense net, the point.
    '~ pay|pays|paying|need|needs @parameter per|every|each pixel|pixels|input|inputs',
  ],
  // Throwing away which pixels are neighbours ("doesn't ignore which pixels are next to each other").
  'advantages/spatial-hierarchy': [
    '~ ignore|ignores|disregard|disregards|forget|forgets|discard|discards pixel|pixels next|neighbour|neighbours|neighbor|neighbors|adjacent|nearby|close|together',
    // Blind to the picture's layout ("they aren't blind to the 2D layout of the picture").
    '~ blind layout|structure|arrangement|geometry|topology|neighbourhood|neighborhood|neighbourhoods|neighborhoods',
  ],
  'advantages/translation': [
    '~ position|location|place matter|matters|counts|care|cares',
    // "it matters where the cat is", "where it sits matters"; not "a structure where nearby pixels
    // matter together", whose "where" opens a relative clause about other things.
    'matter|matters|counts|care|cares ... where',
    'where ... it|they|is|are|sits|sit|appears|appear|occurs|occur ... matter|matters|counts|care|cares',
    '~ shifted|moved|translated|displaced miss|missed|misses|fail|fails|lost|break|breaks',
    // "what it detects depends on where it is" (denied: "doesn't depend on where", the point).
    '~ depend|depends|dependent|dependant|tied where|position|positions|location|locations|place',
  ],
  'remedies/batch': ['~ @more @batch'],
  // Images kept at their full size ("don't keep the images at full resolution" denies it: the point).
  'remedies/smaller-input': [
    '~ keep|keeps|use|uses|feed|feeds|need|needs full|original|native|full-resolution|high-resolution resolution|size|images|inputs|pictures',
  ],
  // Letting the neighbours fire freely is no inhibition ("doesn't let the neurons in the
  // neighbouring maps fire as much" denies it: the point).
  'when/inhibition': [
    '~ let|lets|allow|allows|permit|permits @neighbour|surrounding fire|firing|respond|responding|stay|stays|remain|remains',
    // The neighbours inside the neuron's own map: LRN inhibits the same position in the
    // neighbouring maps, not the neighbouring pixels of its own map (Krizhevsky et al. 2012).
    '~ @neighbour|surrounding|nearby pixel|pixels|positions|locations|neurons own map|maps|channel|channels',
  ],
  // Every map learning the same thing (denied: "so that the maps don't all learn the same thing").
  // Not "feature": an unordered slot takes the first word that says it, and in "the feature maps
  // don't all learn the same thing" that is the "feature" of "feature maps", which puts the "don't"
  // inside the match (the claim is then read as no claim); "the same features" is the concept's own
  // counterclaim.
  'when/specialise': [
    // "several of them might learn the same edge": more than one map on one thing is the same.
    '~ all|every|several|many|both learn|learns|detect|detects|pick|picks same|identical thing|things|pattern|patterns|edge|edges',
  ],
  // Other programs left on the GPU (denied: "don't let other programs sit on the GPU's memory").
  // Not "keep": WordNet gives it "hold", and "the memory the other processes hold" is the remedy.
  'remedies/free-memory': [
    '~ leave|leaves|let|lets|allow|allows other|another|background process|processes|program|programs|app|apps|job|jobs|notebook|notebooks',
  ],
  // Invariance said of both ways alike ("a strided conv is equally invariant"): no reason to
  // prefer max pooling.
  'why/invariance': [
    '~ equally|likewise|similarly|identically invariant|invariance|robust|insensitive|tolerant',
  ],
  // Max pooling shrinks the map: it is no way of bringing the resolution back.
  'difficulty/upsample': [
    '~ upsample|upsamples|upsampling|upsampled|upscale|upscales|upscaling|enlarge|enlarges pool|pools|pooling',
  ],
  'what-and-how/any-size': [
    '~ need|needs|require|requires|only|must fixed|specific|#size',
    '~ fixed size|sizes|input|inputs|resolution|dimensions',
  ],
};

/** The unordered counterclaims of a concept of a part (none when the table has no entry). */
export function oppositeMeaningsOf(partId: string, conceptId: string): readonly string[] {
  return OPPOSITE_MEANINGS[`${partId}/${conceptId}`] ?? [];
}

/** The unordered claims of a concept of a part (none when the table has no entry). */
export function meaningsOf(partId: string, conceptId: string): readonly string[] {
  return MEANINGS[`${partId}/${conceptId}`] ?? [];
}
