/*
 * The words of negation and of "none", defined once for the clause reader (./analysis), the
 * claims (./synonyms) and the rubric (../rubric), and the openers of a cause or means that the same
 * readers set beside a negation's scope. Each list is written here as words; the sets and the
 * patterns the readers test are built from them, in the two spellings the readers see: as the
 * tagger writes a word ("doesn't", one token) and as the normalised text has it ("doesn t").
 */

const NOT = 'not';
const NEVER = 'never';
const CANNOT = 'cannot';
const ZERO = 'zero';

/** Negative pronouns: a phrase that is itself a negation ("nothing to learn", "learns nothing"). */
const NEGATIVE_PRONOUNS = ['nothing', 'none'] as const;

/** Words that deny by themselves, as every reader writes them. */
const PLAIN_NEGATIONS = [
  NOT,
  'no',
  NEVER,
  ...NEGATIVE_PRONOUNS,
  'neither',
  'nor',
  'without',
  CANNOT,
] as const;

/** "n't" as the tagger splits it off a verb it does not keep whole. */
const SPLIT_NEGATION = "n't";

/**
 * The verbs a "n't" is contracted onto, as the contraction writes them ("ca" of "can't", "wo" of
 * "won't", "ai" of "ain't"), each with the verb it is: the one list behind every reading of a
 * contraction, whole ("isn't") or written without its apostrophe ("dont", "isnt", "cant", "aint").
 */
const CONTRACTING: ReadonlyMap<string, string> = new Map([
  ['do', 'do'],
  ['does', 'do'],
  ['did', 'do'],
  ['is', 'be'],
  ['are', 'be'],
  ['was', 'be'],
  ['were', 'be'],
  ['has', 'have'],
  ['have', 'have'],
  ['had', 'have'],
  ['should', 'should'],
  ['would', 'would'],
  ['could', 'could'],
  ['must', 'must'],
  ['need', 'need'],
  ['ca', 'can'],
  ['wo', 'will'],
  ['ai', 'be'],
]);
const CONTRACTING_VERBS = [...CONTRACTING.keys()];

/**
 * A verb with its "n't", as the tagger keeps it whole (one token, which it lemmatises unchanged:
 * every contraction of CONTRACTING, "ain't" and "shouldn't" too), and the verb it is: "a max pool
 * isn't invariant" is the claim "is invariant", denied.
 */
export const CONTRACTED_VERB: ReadonlyMap<string, string> = new Map(
  [...CONTRACTING].map(([written, verb]) => [`${written}n't`, verb] as const),
);

/** A verb and its "n't", as the tagger writes them (one token). */
const CONTRACTED_NEGATIONS = [...CONTRACTED_VERB.keys()];

/** Words that say an amount is none ("no weights", "zero parameters", "has none", "without a bias"). */
const AMOUNT_NONE = ['no', ZERO, ...NEGATIVE_PRONOUNS, 'without'] as const;

/** Openers of a cause ("thanks to the skips", "due to pooling"). */
const CAUSE_OPENER_PHRASES = ['thanks to', 'due to', 'because of', 'owing to'] as const;

/** Words of degree that deny all but a trace ("hardly any", "barely", "scarcely"). */
const NEAR_NEGATIONS = ['barely', 'hardly', 'scarcely'] as const;

/** Negative pronouns of person and place. */
const NEGATIVE_PLACES = ['nobody', 'nowhere'] as const;

/** A word as the normalised text writes it: its apostrophe is a space ("doesn't" → "doesn t"). */
const folded = (word: string) => word.replace("'", ' ');
const alternation = (words: readonly string[]) => words.join('|');

/** Words that negate their clause, as the tagger writes them ("doesn't" is one word). */
export const NEGATIONS: ReadonlySet<string> = new Set([
  ...PLAIN_NEGATIONS,
  ...CONTRACTED_NEGATIONS,
  SPLIT_NEGATION,
]);

/**
 * Words that negate a claim from inside it, as the tagger writes them (a contraction, whole or
 * written without its apostrophe, is told by its form: see ./synonyms).
 */
export const INTERIOR_NEGATIONS: ReadonlySet<string> = new Set([
  ...NEAR_NEGATIONS,
  ...PLAIN_NEGATIONS,
  SPLIT_NEGATION,
  ZERO,
  ...NEGATIVE_PLACES,
]);

/** Words that say there is none of a thing, as the tagger writes them. */
export const NONE: ReadonlySet<string> = new Set([...AMOUNT_NONE, NEVER]);

/** An amount said outright as none in the normalised text: "no weights", "zero parameters", "has none", "weightless". */
export const ABSOLUTE = new RegExp(` (?:${alternation(AMOUNT_NONE)}|0) |[a-z](?:free|less) `);

/**
 * A phrase that is itself a negation by a negative pronoun: "nothing to learn", "learns nothing".
 * ("doesn't have zero parameters" says it has some: a number, or "no", is left to the parity.)
 */
export const NEGATIVE_PHRASE = new RegExp(` (?:${alternation(NEGATIVE_PRONOUNS)})(?= )`);

/**
 * A negation, then "as" or "so" and at most three words before the phrase, in the normalised text:
 * "isn't as prone to [overfitting]", "doesn't need nearly as many [weights]", "not so much
 * [memory]". What it denies is an equality, and that says less. So does a denied "much" or "many"
 * right before the phrase: "doesn't use much [memory]", "doesn't need many [weights]".
 */
export const NOT_AS = new RegExp(
  ` (?:${alternation([NOT, NEVER, ...CONTRACTED_NEGATIONS.map(folded), CANNOT])})(?: (?:need|needs|have|has|use|uses|require|requires|take|takes|get|gets|be|been|cost|costs|add|adds))?(?:(?: (?:nearly|quite|anywhere near|even))? (?:as|so) (?:\\S+ ){0,3}| (?:that )?(?:much|many|a lot of|lots of) )$`,
);

/** "thanks to", "due to", "because of", "owing to": two words, as the tagger writes them. */
export const CAUSE_OPENERS: ReadonlySet<string> = new Set(CAUSE_OPENER_PHRASES);

/** A clause that gives the means or cause of the one before it ("by adding weights", "thanks to …"). */
export const MEANS = new RegExp(`^ (?:by|through|via|${alternation(CAUSE_OPENER_PHRASES)})(?= )`);

/**
 * "as easily", "as much", "so often" right after the phrase a negation denies, in the normalised
 * text: "doesn't [overfit] as easily", "won't [overfit] as much". The equality denied says less, as
 * with NOT_AS (there the comparison comes before the phrase).
 */
export const AS_AFTER =
  /^ (?:nearly |quite |anywhere near )?(?:as|so) (?:much|easily|quickly|readily|badly|often|heavily|fast)(?= )/;

/**
 * A verb and its "n't" written without the apostrophe ("dont", "doesnt", "isnt", "cant", "aint"),
 * as hurried and non-native writers do: the verb is captured, for the "n't" to be put back.
 */
export const BARE_CONTRACTION = new RegExp(`\\b(${alternation(CONTRACTING_VERBS)})nt\\b`, 'gi');

/** An auxiliary with its "not" contracted onto it, as one word: "isn't", "doesnt", "won’t". */
export const CONTRACTED_NOT = new RegExp(`^(?:${alternation(CONTRACTING_VERBS)})n['’]?t$`);

/**
 * A contraction's negation as one word: "n't" as the tokenizer splits it off, a whole word written
 * with it ("doesn’t"), or one of the verbs written without the apostrophe ("dont", "isnt"). Not
 * every word that ends in "nt": "redundant", "important" and "different" are no negation.
 */
export const CONTRACTED_NEGATION = new RegExp(`^(?:[a-z]*n['’]t|(?:${alternation(CONTRACTING_VERBS)})nt)$`);
