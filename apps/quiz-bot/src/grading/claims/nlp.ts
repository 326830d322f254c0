import model from 'wink-eng-lite-web-model';
import winkNLP from 'wink-nlp';

/*
 * Tokens, lemmas and parts of speech from wink-nlp and its English "lite web" model, which ship
 * inside their npm packages (nothing is downloaded at run time). The model loads once, on the first
 * free-text answer (about 0.6 s); after that an answer is tagged in a fraction of a millisecond.
 */

/** One word of an answer, as wink-nlp tags it (Universal Dependencies part-of-speech tags). */
export interface Token {
  /** The word as written, lower case. */
  readonly norm: string;
  /** Its lemma ("parameters" → "parameter", "fewer" → "few", "is" → "be"). */
  readonly lemma: string;
  /** Universal part of speech: NOUN, VERB, AUX, ADJ, ADP, DET, PRON, PART, CCONJ, SCONJ, PUNCT, … */
  readonly pos: string;
  /** Offset of the word in the folded answer (see {@link tagWords}). */
  readonly start: number;
  readonly end: number;
}

type Wink = ReturnType<typeof winkNLP>;
let loaded: Wink | undefined;

function wink(): Wink {
  loaded ??= winkNLP(model, ['pos']);
  return loaded;
}

/** Loads the English model now (the first tagging would otherwise pay for it). */
export function loadLanguageModel(): void {
  wink();
}

/**
 * Tags the words of `text` (already folded: accents removed; case kept, since it helps the tagger).
 * Offsets are into `text`. Punctuation comes back as PUNCT tokens.
 */
export function tagWords(text: string): Token[] {
  return tagger(text);
}

/** A function that tags words as {@link tagWords} does. */
export type Tagger = (text: string) => Token[];
let tagger: Tagger = tagWithWink;

/**
 * Replaces the tagger (the comparison of NLP libraries, scripts/nlp-compare.ts, grades the same
 * set with each); returns the one it replaced. The quiz itself always uses wink-nlp.
 */
export function useTagger(next: Tagger): Tagger {
  const previous = tagger;
  tagger = next;
  return previous;
}

function tagWithWink(text: string): Token[] {
  const nlp = wink();
  const its = nlp.its;
  const doc = nlp.readDoc(text);
  const words = doc.tokens().out() as string[];
  // wink-nlp's typings give its.lemma an addons parameter its own ItsFunction type does not accept.
  const lemmas = doc.tokens().out(its.lemma as never) as string[];
  const tags = doc.tokens().out(its.pos) as string[];
  const tokens: Token[] = [];
  let cursor = 0;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    // Each word comes back as written, contractions included ("ca" and "n't" of "can't", "'s"), so
    // it is found at or after the end of the one before (checked on contractions, curly
    // apostrophes, ligatures, addresses and emoticons: free-text-tagging-rules).
    const start = text.indexOf(word, cursor);
    const end = start + word.length;
    cursor = end;
    // Glue what the tokenizer cut inside one written word ("1x1" comes back as "1" and "x1").
    const previous = tokens[tokens.length - 1];
    if (
      previous !== undefined &&
      previous.end === start &&
      /^[\p{L}\p{N}]/u.test(word) &&
      /[\p{L}\p{N}]$/u.test(previous.norm)
    ) {
      tokens[tokens.length - 1] = {
        ...previous,
        norm: previous.norm + word.toLowerCase(),
        lemma: previous.norm + word.toLowerCase(),
        end,
      };
      continue;
    }
    tokens.push({
      norm: word.toLowerCase(),
      lemma: (lemmas[i] ?? word).toLowerCase(),
      pos: tags[i]!,
      start,
      end,
    });
  }
  // "right after the ReLU", "just before the dense layers": wink reads "right" as a noun or verb; a
  // degree word before a preposition modifies it (an adverb), it is no head of its own.
  for (let i = 0; i + 1 < tokens.length; i++) {
    const t = tokens[i]!;
    if (DEGREE_BEFORE_PREPOSITION.has(t.norm) && tokens[i + 1]!.pos === 'ADP')
      tokens[i] = { ...t, pos: 'ADV' };
  }
  retagMissingArticleSubject(tokens);
  retagFloatingQuantifierVerb(tokens);
  retagVerbAfterNot(tokens);
  retagParticipleModifier(tokens);
  return tokens;
}

/** An "-ing" form, not a verb whose own name ends so ("bring the detail back", "sing"). */
export const gerund = (t: Token) => t.norm.endsWith('ing') && !ING_VERBS.has(t.lemma);
/** A verb that can be a clause's predicate: tagged a verb and no gerund ("max pooling" is often tagged a verb). */
export const finiteVerb = (t: Token) => t.pos === 'VERB' && !gerund(t);
/** Verbs whose own base form ends in "-ing". */
const ING_VERBS: ReadonlySet<string> = new Set([
  'bring',
  'sing',
  'swing',
  'ring',
  'spring',
  'sting',
  'cling',
  'fling',
]);

/** Gerunds that name the means, like "with" ("a model using dilated convolutions"). */
const MEANS_GERUNDS = new Set(['using', 'applying', 'employing', 'adding']);

/**
 * "models using dilated convolutions were tried", "a net with stacked pooling layers": a past
 * participle after a preposition or a gerund of means, before a noun (or a gerund and its noun), is
 * that noun's modifier, not the clause's verb (wink reads "dilated" as a verb there). Not after
 * any gerund: in "pooling reduced resolution" the participle is the verb.
 */
function retagParticipleModifier(tokens: Token[]): void {
  for (let i = 1; i + 1 < tokens.length; i++) {
    const word = tokens[i]!;
    const before = tokens[i - 1]!;
    const next = tokens[i + 1]!;
    if (
      word.pos === 'VERB' &&
      word.norm.endsWith('ed') &&
      (before.pos === 'ADP' || MEANS_GERUNDS.has(before.norm)) &&
      (next.pos === 'NOUN' || (gerund(next) && tokens[i + 2]?.pos === 'NOUN'))
    )
      tokens[i] = { ...word, pos: 'ADJ' };
  }
}

/** Tags of a word that opens a verb's object ("so many", "the", "any", "32", "them"). */
const OBJECT_START = new Set(['DET', 'ADV', 'ADJ', 'NUM', 'PRON']);

/**
 * "not use so many layers", "never store the activations": a negation with no auxiliary, as a
 * non-native or hurried writer puts it before a verb, which wink then reads as a noun. A noun in
 * its base form right after "not" or "never", followed by the start of an object, is that verb.
 * ("not parameters but activations", "not memory but time": a plural, or no object after, stays a noun.)
 */
function retagVerbAfterNot(tokens: Token[]): void {
  for (let i = 0; i + 2 < tokens.length; i++) {
    const word = tokens[i + 1]!;
    if (
      (tokens[i]!.norm === 'not' || tokens[i]!.norm === 'never') &&
      word.pos === 'NOUN' &&
      isBaseForm(word) &&
      OBJECT_START.has(tokens[i + 2]!.pos) &&
      // "It's not memory that runs out": after a copula, "not" denies a noun phrase (the focus of a
      // cleft, a predicate noun), and the word after it stays a noun; so before "that", "which",
      // "who" or "either" ("… is not resolution either", "not memory which …").
      !COPULAS.has(tokens[i - 1]?.norm ?? '') &&
      !NOT_AN_OBJECT.has(tokens[i + 2]!.norm)
    )
      tokens[i + 1] = { ...word, pos: 'VERB' };
  }
}

/** Forms of "be" (as the tagger writes them, "'s" of "it's" included) after which "not" denies a noun. */
const COPULAS = new Set([
  'is',
  "'s",
  '’s',
  'are',
  "'re",
  '’re',
  'was',
  'were',
  'am',
  "'m",
  'be',
  'been',
  'being',
]);
/** Words that open a relative clause or end a denial, never a verb's object ("not memory that …"). */
const NOT_AN_OBJECT = new Set(['that', 'which', 'who', 'either']);

/**
 * Verbs of orders and remedies ("use", "shrink", "split", "recompute"), which terse notes write
 * with no subject ("because shrink maps", "if use checkpointing"): such a word after a subordinator
 * is the clause's verb, never its subject. The clause reader (./analysis) reads them as orders.
 */
export const IMPERATIVES: ReadonlySet<string> = new Set(
  'split spread distribute use reduce remove shrink lower cut decrease drop halve switch train run put store add apply replace stack try make keep avoid move recompute checkpoint accumulate trade downsample upsample feed shard cast convert swap crop resize prune trim reweight rescale recalibrate kill close terminate quit release free'.split(
    ' ',
  ),
);

/** Subordinators after which a clause's subject comes first ("when the object moves"). */
const SUBORDINATORS = new Set([
  'when',
  'whenever',
  'if',
  'once',
  'while',
  'unless',
  'until',
  'because',
  'since',
]);
/** Tags of the word after a verb in its base form that a non-native writer's clause goes on with ("move little bit"). */
const AFTER_BARE_VERB = new Set(['ADJ', 'ADV', 'ADP']);
/** Tags of the word after an "-s" verb that its clause goes on with ("moves a little", "shifts by one"). */
const AFTER_S_VERB = new Set(['ADJ', 'ADV', 'ADP', 'DET']);
const isBaseForm = (t: Token) => t.norm === t.lemma && !/(?:ing|ed)$/.test(t.norm);

/**
 * "when object moves a little", "if image shifts by one pixel", "when object move little bit": a
 * subject written without its article right after a subordinator, which wink tags as a verb and
 * its verb as a noun. A base-form "verb" right after the subordinator, then a noun in the "-s" form
 * (or in its base form, followed by an adjective, adverb or preposition), is a noun and its verb.
 * ("if reduce batch size" keeps its order: "batch" is followed by a noun.)
 */
function retagMissingArticleSubject(tokens: Token[]): void {
  for (let i = 0; i + 2 < tokens.length; i++) {
    const subject = tokens[i + 1]!;
    const verb = tokens[i + 2]!;
    if (
      !SUBORDINATORS.has(tokens[i]!.norm) ||
      subject.pos !== 'VERB' ||
      !isBaseForm(subject) ||
      // "because shrink maps", "if use checkpointing": a note's order with no subject keeps its verb.
      IMPERATIVES.has(subject.lemma)
    )
      continue;
    const next = tokens[i + 3]?.pos ?? '';
    // An "-s" form is a verb only where the clause goes on as a verb's would ("moves a little",
    // "shifts by one pixel"); before a noun, or with nothing after, it may be a plural object.
    const sForm = verb.pos === 'NOUN' && verb.norm === `${verb.lemma}s` && AFTER_S_VERB.has(next);
    const bare = verb.pos === 'NOUN' && isBaseForm(verb) && AFTER_BARE_VERB.has(next);
    // A verb read as the verb must be finite: "-ing" and "-ed" forms are an object or a modifier.
    const finite = verb.pos === 'VERB' && !/(?:ing|ed)$/.test(verb.norm);
    if (!sForm && !bare && !finite) continue;
    tokens[i + 1] = { ...subject, pos: 'NOUN' };
    if (verb.pos === 'NOUN') tokens[i + 2] = { ...verb, pos: 'VERB' };
  }
}

/** Quantifiers that float after the noun they count ("the two pixels both land …"). */
const FLOATING_QUANTIFIERS = new Set(['both', 'all', 'each']);
/** Nouns of a share of a thing, which follow "each" as its noun ("each half", "each one"). */
const PARTS = new Set(
  'half halves part parts one ones rest third thirds quarter quarters portion portions'.split(' '),
);

/**
 * "the two pixels both land in the same cell": a quantifier right after a noun or pronoun counts it,
 * and the word after it, read as a noun before a preposition, is the clause's verb.
 */
function retagFloatingQuantifierVerb(tokens: Token[]): void {
  for (let i = 1; i + 2 < tokens.length; i++) {
    const before = tokens[i - 1]!.pos;
    const word = tokens[i + 1]!;
    if (
      FLOATING_QUANTIFIERS.has(tokens[i]!.norm) &&
      (before === 'NOUN' || before === 'PRON') &&
      word.pos === 'NOUN' &&
      // "across two cards each half on its own card": a word that counts a part (half, one, rest)
      // reads as a noun after the quantifier, never as a verb.
      !PARTS.has(word.norm) &&
      tokens[i + 2]!.pos === 'ADP' &&
      tokens[i + 2]!.norm !== 'of'
    )
      tokens[i + 1] = { ...word, pos: 'VERB' };
  }
}

/**
 * Words that modify a following preposition ("right after", "straight into") and that wink does not
 * always tag as adverbs there. "just", "directly", "immediately" and "shortly" are not listed: wink
 * tags them ADV before a preposition in every sentence tried (free-text-tagging-rules).
 */
const DEGREE_BEFORE_PREPOSITION = new Set(['right', 'straight']);
