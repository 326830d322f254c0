import type { RubricPart } from '../../questions/schemas';
import { tagWords } from './nlp';

/*
 * The words a part's claims are made of, taken from data: a list of verbs that can carry any claim
 * (have, use, need, …) and the verbs and nouns of the part's own prompt, model answer and
 * explanation. Nothing here is a pattern for one answer.
 */

/** Verbs that can carry a claim about a CNN whatever the concept ("CNNs have/need/use/give …"). */
const CARRIERS = `be have use need require give provide offer exploit leverage capture keep preserve retain
achieve get gain allow enable let mean lead result bring introduce add learn detect recognise recognize
build employ apply do make benefit rely take involve include support yield produce help come feature
contain reduce lower cut decrease increase improve prevent avoid limit save cost see find consider treat
know understand combine share stack replace switch try go mitigate recover restore lose classify predict
output accept process handle work train encourage inhibit suppress normalize normalise put place become
remain stay end look spot notice identify pick extract create form compose turn convert reshape reuse
copy transfer emit return compute require enforce impose assume exhibit show display suffer drop shrink
discard throw destroy ignore waste spend consume demand run fit store hold occupy split distribute
spread move divide parallelize parallelise shard trade recompute checkpoint accumulate halve switch
opt choose pick prefer go stick tend seem appear act serve operate cause recalibrate rescale reweight
scale squeeze excite extend attach analyse analyze focus merge separate factorise factorize pass feed skip
quiet shush suppress dampen silence swap substitute plug insert invent pioneer popularise popularize
propose adopt utilise utilize incorporate integrate wire bolt buy purchase rent borrow upgrade kill close free release
belong stand debut cover span`.split(/\s+/);

/** The carrier verbs as a set (the clause reader asks whether a word of a terse note is one). */
export const CARRIER_VERBS: ReadonlySet<string> = new Set(CARRIERS);

/**
 * Words of the field: a sentence with none of them (and no concept of the part) is about something
 * else, and a phrase followed by "of" and a noun outside them is about that noun. A paper and its
 * authors stand for the network they describe ("the FCN paper upsampled with transposed convs").
 */
const DOMAIN =
  `cnn cnns convnet convolution convolutional conv convs network networks net nets layer layers neural
neuron neurons unit units gpu gpus cpu device devices pixel pixels image images pool pooling kernel kernels
filter filters feature features tensor tensors train training model models parameter parameters param params
weight weights activation activations memory ram vram batch batches minibatch stride strides relu lrn
normalization normalisation segmentation classification classifier dense connected channel channels map maps
depth resolution upsampling skip connection connections alexnet googlenet resnet senet xception lenet fcn
fcns unet input inputs output outputs gradient gradients float floats precision overfitting invariance
data dataset example examples sample samples location locations position positions structure hierarchy
computation compute operation operations flop flops bit bits byte bytes mb gb accuracy error loss prediction
predictions class classes label labels module modules block blocks inception bottleneck dimension
dimensions dimensionality size sizes dropout augmentation shift shifts translation region regions detail
details information spatial mask masks object objects boundary boundaries edge edges load usage cost
risk speed time vram hardware card cards nvidia smi cuda process processes program programs notebook notebooks
paper papers author authors`.split(/\s+/);

/** The words of the field as a set (the clause reader asks whether a word is one of its nouns). */
export const FIELD_WORDS: ReadonlySet<string> = new Set(DOMAIN);

/** The carriers and the field's words for one part. */
export interface PartLexicon {
  readonly carriers: ReadonlySet<string>;
  readonly domain: ReadonlySet<string>;
  /** The words naming the things the question pairs (cnn, alexnet, …), lower case. */
  readonly subjects: ReadonlySet<string>;
  /** The subjects named by one word ("alexnet", "resnet", "cnn"), lower case. */
  readonly names: ReadonlySet<string>;
}

const lexicons = new WeakMap<RubricPart, PartLexicon>();

/** The lexicon of a part: the shared lists and the verbs and nouns of its own texts (cached). */
export function partLexicon(part: RubricPart): PartLexicon {
  let lexicon = lexicons.get(part);
  if (lexicon === undefined) {
    const carriers = new Set(CARRIERS);
    const domain = new Set(DOMAIN);
    for (const text of [part.prompt, part.modelAnswer, part.explanation]) {
      for (const t of tagWords(text)) {
        if (t.pos === 'VERB') carriers.add(t.lemma);
        if (t.pos === 'NOUN' || t.pos === 'PROPN') {
          domain.add(t.lemma);
          domain.add(t.norm);
        }
      }
    }
    const subjects = new Set<string>();
    const names = new Set<string>();
    for (const subject of part.subjects?.list ?? []) {
      if (/^[a-z0-9]+$/i.test(subject.id)) names.add(subject.id.toLowerCase());
      for (const word of subject.id.toLowerCase().split(/[^a-z0-9]+/)) {
        if (word.length < 2) continue;
        subjects.add(word);
        domain.add(word);
      }
    }
    lexicon = { carriers, domain, subjects, names };
    lexicons.set(part, lexicon);
  }
  return lexicon;
}

/*
 * Word lists that rules elsewhere build into their patterns (with {@link typedAlternation}): the
 * words live here as data, so a new phrasing is a new list entry, not a longer regular expression.
 */

/**
 * A list of words or phrases as one alternation for a pattern over the text as typed: apostrophes
 * optional, other special characters escaped. (Over the normalised text, {@link normalisedAlternation}.)
 */
export function typedAlternation(words: readonly string[]): string {
  return words.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/'/g, "['’]?")).join('|');
}

/**
 * Negations that open a relative clause after "that" ("dilated convolutions that don't reduce the
 * resolution"): the clause's own negation, not the noun's nor the verb's before it.
 */
export const RELATIVE_NEGATIONS: readonly string[] = [
  "don't",
  "doesn't",
  'do not',
  'does not',
  "didn't",
  'did not',
  'never',
  "can't",
  'cannot',
  "won't",
  "aren't",
  "isn't",
  "wasn't",
  "weren't",
];

/**
 * Heads that frame what follows as the answer's difficulty, problem or point ("the difficulty is
 * that …", "the main problem is …"): like "note that", the frame asserts nothing itself, and the
 * clause after it is the claim, with its own subject ("the difficulty is that skip connections lose
 * resolution" says it of skip connections). Read after "the", one adjective allowed, before "is".
 */
export const CLAIM_FRAMES: readonly string[] = [
  'difficulty',
  'problem',
  'issue',
  'challenge',
  'trouble',
  'catch',
  'hard part',
  'tricky part',
  'point',
  'idea',
];

/**
 * Words after which "that" opens a complement, not a relative clause ("if that doesn't work", "I
 * think that …", "more than that"): a "that" after them starts no clause of its own.
 */
export const THAT_COMPLEMENT_LEADS: readonly string[] = [
  'if',
  'when',
  'whenever',
  'although',
  'though',
  'but',
  'and',
  'or',
  'so',
  'because',
  'since',
  'while',
  'unless',
  'once',
  'as',
  'whether',
  'think',
  'thought',
  'say',
  'says',
  'said',
  'know',
  'knew',
  'believe',
  'believed',
  'mean',
  'means',
  'is',
  'was',
  's',
  'than',
  'like',
  'about',
  'of',
  'that',
  'what',
  'how',
  'why',
  'where',
  'given',
];

/**
 * The words of a denial that a task has any difficulty ("segmentation has no real difficulty",
 * "there's no problem", "it isn't that hard", "nothing tricky about it"), read by the rubric's
 * difficulty-denial rule (rubric.ts, NO_DIFFICULTY) for a part whose point table asks for a difficulty.
 */
export const NO_DIFFICULTY_WORDS = {
  /** What is said to have no difficulty: the task, or a pronoun for it. */
  subjects: ['semantic segmentation', 'semantic seg', 'segmentation', 'seg', 'it', 'this', 'the task'],
  /** Words between the subject and "has no" ("it really has no …"). */
  hedges: ['really', 'actually'],
  /** What "no" may qualify ("no real difficulty", "no big problem"). */
  qualifiers: ['real', 'actual', 'big', 'major', 'particular', 'technical', 'special'],
  /** The difficulty itself. */
  nouns: ['difficulty', 'difficulties', 'problem', 'problems', 'challenge', 'challenges'],
  /** A preposition after "there's no problem" that puts the problem elsewhere ("… with the labels"). */
  elsewhere: ['with', 'in', 'for', 'of', 'about'],
  /** Words of degree before the adjective ("it isn't that hard"). */
  degrees: ['really', 'that', 'very', 'particularly'],
  /** The adjectives of difficulty. */
  adjectives: ['hard', 'difficult', 'tricky'],
  /** What "nothing hard about …" is about. */
  about: ['it', 'segmentation'],
} as const;

/*
 * Words of two clause patterns of the rubric (../rubric builds them with `normalisedAlternation`): what a thing
 * costs in memory ("32-bit floats take twice the memory"), and advice denied ("don't store …").
 */

/** Verbs that say what something costs in memory ("takes", "eats up", "occupies"), base forms. */
export const MEMORY_COST_VERBS = [
  'take',
  'use',
  'need',
  'eat',
  'cost',
  'require',
  'occupy',
  'consume',
] as const;

/** Words of a multiple ("twice the memory", "double the memory"); "3x" and "4 times" are numbers. */
export const MULTIPLES = ['twice', 'double', 'two times'] as const;

/** Words that make a "more" large ("far more memory", "a lot more RAM"). */
export const MORE_INTENSIFIERS = ['much', 'far', 'a lot', 'way'] as const;

/** Nouns of memory as a quantity ("more RAM", "twice the storage"). */
export const MEMORY_NOUNS = ['memory', 'mem', 'ram', 'vram', 'space', 'bytes', 'storage'] as const;

/** Openers of advice ("and", "so", "then", …) before "you don't …". */
export const ADVICE_OPENERS = ['and', 'so', 'then', 'also', 'but'] as const;

/** Who is advised ("you", "we", "i"). */
export const ADVICE_PERSONS = ['you', 'we', 'i'] as const;

/** Modals before a denial of advice ("you should never …", "you really don't …"). */
export const ADVICE_MODALS = ['should', 'must', 'can', 'need to', 'really'] as const;

/** Denials of advice, as the normalised text writes them ("don't" → "don t"). */
export const ADVICE_DENIALS = [
  "don't",
  'do not',
  'never',
  "shouldn't",
  'should not',
  "mustn't",
  'must not',
] as const;

/** Words between a denial and its verb ("don't ever …", "never just …"). */
export const ADVICE_DENIAL_ADVERBS = ['ever', 'really', 'just'] as const;

/** Verbs of what a learner does with a network or its data ("don't store …", "never go with …"). */
export const ADVISED_VERBS = [
  'use',
  'store',
  'keep',
  'feed',
  'train',
  'run',
  'hold',
  'save',
  'load',
  'put',
  'pick',
  'choose',
  'go with',
  'stick with',
] as const;

/**
 * "nothing but", "nothing except", "none but": idioms of restriction that say "only" ("an FCN uses
 * nothing but convolutions" is "uses only convolutions"). Read as "only", since their negative
 * pronoun otherwise reads as a denial of what they restrict.
 */
export const ONLY_IDIOMS = ['nothing but', 'nothing except', 'nothing other than', 'none but'] as const;

/** A verb's third person singular ("takes", "occupies"): the spelling rule for the verbs above. */
export const thirdPerson = (verb: string): string =>
  /[^aeiou]y$/.test(verb) ? `${verb.slice(0, -1)}ies` : `${verb}s`;

/**
 * Words and phrases as one alternation for a pattern over the normalised text: an apostrophe is a
 * space there ("don't" → "don t"). The words are plain letters and spaces; nothing is escaped.
 * (Over the text as typed, {@link typedAlternation}.)
 */
export const normalisedAlternation = (words: readonly string[]): string =>
  words.map((word) => word.replace("'", ' ')).join('|');

/*
 * Words of an analogy ("max pooling is like a bouncer", "think of a filter as a stamp"): the rubric
 * reads its story as said of the field's thing that it likens (../rubric, `likenedByAnalogy`).
 */

/** Verbs that liken their subject to something ("is like", "works like", "acts kind of like"). */
export const ANALOGY_VERBS = [
  'is',
  's',
  'are',
  're',
  'works',
  'work',
  'acts',
  'act',
  'behaves',
  'behave',
] as const;

/** Hedges between the verb and "like" ("is basically like", "works kind of like"). */
export const ANALOGY_HEDGES = [
  'basically',
  'just',
  'kind of',
  'sort of',
  'kinda',
  'sorta',
  'a bit',
  'a lot',
] as const;

/** Openers that liken the thing after them to what follows "as" ("think of a filter as …"). */
export const ANALOGY_OPENERS = ['think of', 'imagine', 'picture'] as const;

/** Verbs of the writer's stance after "I" ("I think", "I guess", "if I remember right"). */
export const STANCE_VERBS = [
  'think',
  'believe',
  'guess',
  'suppose',
  'reckon',
  'remember',
  'recall',
  'know',
] as const;
