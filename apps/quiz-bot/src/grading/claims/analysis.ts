import {
  CARRIER_VERBS,
  CLAIM_FRAMES,
  FIELD_WORDS,
  ONLY_IDIOMS,
  RELATIVE_NEGATIONS,
  THAT_COMPLEMENT_LEADS,
  typedAlternation,
} from './lexicon';
import { BARE_CONTRACTION, CAUSE_OPENERS, CONTRACTED_VERB, NEGATIONS, NONE } from './negation';
import { finiteVerb, gerund, IMPERATIVES, type Token, tagWords } from './nlp';

/*
 * An answer cut into sentences and clauses, each word tagged, so that the rubric can ask of a phrase
 * it found: does the answer ASSERT this here? Questions, notes to the grader, claims that are then
 * denied ("Fewer parameters? No."), and strings of keywords assert nothing; a phrase asserts in a
 * clause with a predicate (a verb) or in a short fragment that is the phrase itself ("fewer
 * parameters", the way terse answers list points). dependency parsing is not available, so the
 * clause's subject and predicate come from part-of-speech patterns: the subject is what precedes
 * the clause's first verb.
 */

/** A clause of the answer, as the normalised text and the tagged words it covers. */
export interface Clause {
  /** Offsets into the normalised text. */
  readonly start: number;
  readonly end: number;
  /** The clause's words (punctuation left out). */
  readonly tokens: readonly Token[];
  /** Index of its sentence. */
  readonly sentence: number;
  /** Started by a conjunction inside a stretch of text with no punctuation ("… and use fp16"). */
  readonly soft: boolean;
  /** Ended by a colon or "=": a label for what follows ("Alex: ReLU, GPUs", "alexnet = relu"). */
  readonly beforeColon: boolean;
  /** False when the clause asserts nothing (a question, a note to the grader, denied, keywords). */
  asserts: boolean;
  /** Why it asserts nothing, for the feedback. */
  reason?: 'question' | 'note to the grader' | 'denied' | 'keyword list' | 'comparison' | 'reported belief';
}

/** An answer ready for grading. */
export interface Analysis {
  /** The normalised answer: lower case, words separated by single spaces, a space at each end. */
  readonly text: string;
  /** `origin[i]`: offset in the folded answer of the normalised text's character `i`. */
  readonly origin: readonly number[];
  readonly clauses: readonly Clause[];
  /** Start offsets of the clauses in `text`, ascending. */
  readonly clauseStarts: readonly number[];
  /** The sentences' normalised text, in order. */
  readonly sentences: readonly string[];
}

const ASCII = /^[\x20-\x7e\n\t]*$/;

/**
 * A number changed by an arrow ("batch 128 -> 32", "fp32 → fp16", "stride 1->2"): the note says
 * which way it goes, so it reads as "128 down to 32", "1 up to 2" (an arrow between words still
 * ends a clause).
 */
const NUMBER_ARROW = /(?<![\d.])(\d+(?:\.\d+)?)\s*(?:-+>|=>|→)\s*([a-z]*)(\d+(?:\.\d+)?)(?![\d.])/gi;
const readArrows = (text: string) =>
  text.replace(NUMBER_ARROW, (all, from: string, prefix: string, to: string) =>
    Number(to) === Number(from)
      ? all
      : `${from} ${Number(to) < Number(from) ? 'down' : 'up'} to ${prefix}${to}`,
  );

/**
 * Chat spellings between two words: "r" for "are", "bc"/"cuz"/"coz" for "because" ("way less params
 * bc weights r shared"). Only a lone word with a word on each side, so "r = 3" or a list ending in
 * "r" stays as written.
 */
const CHAT_ARE = /(?<=\p{L} )r(?= \p{L})/gu;
const CHAT_BECAUSE = /(?<=\p{L} )(?:bc|cuz|coz)(?= \p{L})/giu;

/** "w/" and "w/o" standing as words. */
const SHORTHAND_WITH = /(?<![\p{L}\p{N}])w\/o?(?![\p{L}\p{N}/])/giu;

/**
 * "no longer" as a negation in time ("the size is no longer fixed", "a shift no longer changes the
 * output"): it denies what follows as "not" does. Before "than" it compares ("no longer than 3
 * pixels") and is kept.
 */
const NO_LONGER = /\bno longer\b(?! than\b)/gi;

/**
 * "neither X nor Y" denies each of the two: read as "no X and no Y" ("pooling has neither weights
 * nor biases" is "no weights and no biases"). A "nor" with no "neither" before it in its sentence is
 * kept.
 */
const NEITHER_NOR = /\bneither\b([^.!?;\n]*?)\bnor\b/gi;

/**
 * A negated verb of having or using whose object is "any …" says there is none of it: "doesn't use
 * any dense layers" is "does use no dense layers", "there aren't any weights" is "there are no
 * weights" (the verb kept, emphatic, so the tagger still reads a verb). Other verbs ("doesn't help
 * any", "doesn't make any difference") and modals ("can't have any") are kept as written.
 */
const NOT_ANY =
  /\b(?:(do|does|did)(?: not|n't)( (?:have|use|need|add|learn|contain|require|store|keep))|(is|are|was|were)(?: not|n't)) any\b/gi;

/**
 * A cost denied is a low cost: "isn't expensive to compute" is "is cheap to compute", "is not
 * computationally costly" is "is computationally cheap" (the verb "be" kept, with a word of degree
 * or domain between).
 */
const NOT_COSTLY =
  /\b(is|are|was|were)(?: not|n't)((?: (?:very|that|too|so|particularly|really|computationally))?) (?:expensive|costly)\b/gi;

/**
 * A denied "free" is a cost, said as a concession: "gradient checkpointing isn't free" is "is
 * costly" (it recomputes), and denies the remedy no more than "is costly" does. ("not free of",
 * "not free to", "not free from" are kept.)
 */
const NOT_FREE = /\b(is|are|was|were|'s|’s)(?: not|n't) free\b(?! (?:of|from|to)\b)/gi;

/**
 * Prepositions that open a place, a time or a means ("within the map", "across maps"). "to" opens a
 * place only before a noun phrase's determiner or a number ("to every pixel", "to a small patch",
 * "to 3 maps"): before a verb it is an infinitive ("just to be clear", "only to be sure"), an aside,
 * no place.
 */
const PLACE =
  '(?:within|in|inside|on|at|to(?= (?:a|an|the|every|each|all|any|one|some|its|their|this|that|these|those|\\d+)\\b)|across|over|between|among|from|through|into|along|after|before|by|via|per)';
/**
 * "not V <where> X but <where> Y": what is denied is the where, not the verb. "They don't compete
 * within a map but across maps" is read as "They compete across maps, not within a map" (the gloss
 * after the comma sets the other place aside), "isn't lost in the decoder but in the encoder" as
 * "is lost in the encoder, not in the decoder"; the verb may have an object of up to three words.
 * Both sides start with a preposition; "doesn't have weights but has biases" is kept. The
 * correction may say "only" instead of "but", comma or not: "neurons aren't connected to every
 * pixel, only to a small patch" is "are connected only to a small patch, not to every pixel".
 */
const NOT_HERE_BUT_THERE = new RegExp(
  `\\b(?:(?:do|does|did)|(is|are|was|were))(?: not|n't) (\\w+(?: (?!${PLACE} )\\w+){0,2}) (${PLACE} (?:(?! [-–—]+ )[^,;:.!?])*?)(?:,? but(?: (only|just|merely))?|(?:,| [-–—]+) (only|just|merely)) (${PLACE} [^,;:.!?]*)`,
  'gi',
);

/**
 * A double negative says the thing: "you're not unable to detect it" is "you're able to detect it",
 * "it isn't incapable of …" is "it is capable of …". ("can't not inhibit" is read already: two
 * negations in one clause cancel.)
 */
const NOT_UNABLE = /(\b(?:is|are|was|were|am)|'re|'m)(?: not|n't) (?:un(able)|in(capable))\b/gi;

/**
 * "there's not a single parameter", "it is not even one layer deep": "not" with "a single", "one
 * single" or "even one" after a form of "be" is the determiner "no", said with emphasis ("there's no
 * parameter"). After "doesn't have" the "not" is the verb's, and is kept.
 */
const NOT_A_SINGLE =
  /\b(there(?:'s|’s| is| are| was| were)|is|are|was|were) not (?:a single|one single|even one|even a single)\b/gi;

/**
 * A denied mixing is a separation: "Xception doesn't mix spatial and channel filtering" is "does
 * separate …", "the two aren't entangled" is "are separated" (the verb "do" or "be" kept, for the
 * tagger to read a verb), and a bare "… and not mixed with" is "kept separate from". "Don't mix up"
 * (confuse) is kept. A separation needs two things to keep apart, both named in the clause ("X and
 * Y", "X with Y", "X from Y", "the two", "both"): "the pointwise convs don't mix the channels
 * together" names one thing, and denies its mixing without saying what is kept apart (said of a 1x1
 * conv it is false, and no separation is read).
 */
const NOT_MIXED =
  /\b(?:(do|does|did)(?: not|n't) (?:mix|blend|entangle|conflate|intermix)(?= [^,;:.!?]*?\b(?:and|with|from)\b)|(is|are|was|were)(?: not|n't) (?:mixed|blended|entangled|conflated|intermixed)(?:(?<=\b(?:and|both|two)\b[^,;:.!?]*)|(?= (?:with|from)\b))|(?<=\band )not (?:mixed|blended|entangled|conflated|intermixed)(?= (?:with|from)\b))\b(?! up\b)/gi;

/**
 * A "without" of manner or certainty ("without a doubt", "without question", "without fail"): no
 * thing whose absence is a condition. The "without" rewrites below skip it.
 */
const WITHOUT_IDIOM_WORDS = String.raw`(?:a |any |the )?(?:doubt|doubts|question|hesitation|hesitating|fail|exception|exaggeration|exaggerating|further ado|shadow|saying|thinking)\b`;
const WITHOUT_IDIOM = `(?! ${WITHOUT_IDIOM_WORDS})`;
/**
 * "Without a doubt", "without question", "without fail": a speaker's certainty, no "without" that
 * denies what follows ("Without question max pooling has parameters" asserts the parameters).
 */
const CERTAINTY_IDIOM = new RegExp(String.raw`\bwithout ${WITHOUT_IDIOM_WORDS}`, 'gi');
/**
 * A counterfactual "without", opening its clause: "Without weight sharing, a CNN would need as many
 * weights as a dense net", "skip connections; without them 152 layers wouldn't train". What it
 * says is what the thing brings: it is read as said "with" it, the modal's polarity turned ("With
 * weight sharing, a CNN would not need …", "with them 152 layers would train"). Only with a modal
 * of the unreal (would, could, might) within ten words (denied, when no comma closes the "without"
 * phrase), and a verb after it other than "be":
 * "without any weights, it can't overfit" and "without any weights, it is cheap" say how it is,
 * and are kept; so is "without the bottleneck, the modules would be too expensive", whose denied
 * "be" would read as a denial of its subject. A "without" of manner or certainty ("without a doubt",
 * "without question", "without hesitation", "without fail") names nothing whose absence is
 * imagined, and a modal of saying or thinking ("I would say", "I'd argue") hedges the speaker's
 * own claim: neither is a counterfactual, and both are kept ("Without a doubt, I would say a CNN
 * has far fewer parameters" asserts the fewer parameters).
 */
const WITHOUT_THEN_MODAL = new RegExp(
  String.raw`(^|[.,;:!?]\s*|\n\s*)without${WITHOUT_IDIOM}((?: [^,;:.!?+\s]+){1,6}?)(,?)((?: [^,;:.!?+\s]+){0,4}?) (would|could|might)(n't|n’t| not)?(?= (?!be\b|have been\b|still\b|even\b|(?:say|think|argue|guess|suggest|recommend|claim|bet|agree|expect)\b)[a-z])`,
  'gi',
);
/**
 * "Without LRN, several maps learn the same edge": a "without" phrase of up to four words opening
 * its sentence, closed by a comma, is a condition of the clause after it, as it is with no comma
 * ("without LRN several maps learn the same edge"): the comma is dropped so that the two are read
 * as one clause and the claims written with "without" see it (read before, the comma cut the
 * condition off). Only before a determiner, which opens the next noun phrase: "without
 * weights, pooling adds nothing" keeps its comma, as "weights pooling" would be read as one noun. A
 * counterfactual with a modal is turned first, by WITHOUT_THEN_MODAL; the idioms of manner or
 * certainty are kept.
 */
const WITHOUT_COMMA = new RegExp(
  String.raw`(^|[.;:!?]\s*|\n\s*)(without${WITHOUT_IDIOM}(?: [^,;:.!?+\s]+){1,4}),(?= (?:the|a|an|several|many|some|each|every|all|most|both|two|its|their|this|these|those|no)\b)`,
  'gi',
);
/** A modal of the unreal with its polarity turned ("would" → "would not", "couldn't" → "could"). */
const turnModal = (modal: string, negation: string | undefined) =>
  negation === undefined ? `${modal} not` : modal;

/**
 * A denied "full" resolution, size or precision is a reduced one: "the last maps are not at full
 * resolution" is "are at reduced resolution", "the images don't have to be full size" is "can be
 * reduced size", "is no longer full resolution" (read "not" above) the same. Only after a form of
 * "be": "don't keep the input at full resolution" is an order the rubric reads as it is.
 */
const NOT_FULL =
  /\b(?:(is|are|was|were|am|be|'s|’s|'re|’re)(?: not|n't)|(?:do|does|did)(?: not|n't) (?:have|need) to be)( at)? full[- ](resolution|size|precision|scale)\b/gi;

/**
 * A denied sufficiency: "upsampling alone doesn't bring back fine detail", "upsampling isn't enough
 * to restore the detail", "skips on their own can't recover it". What is denied is that the thing
 * does it by itself, not that it does it: read as "upsampling does bring back fine detail, but not
 * alone", "upsampling helps to restore the detail, but not alone" (the thing's part stated, the
 * "alone" set aside in a verbless gloss).
 */
const NOT_ALONE =
  /\b([a-z0-9-]+) (alone|by itself|on its own|by themselves|on their own) (?:(does|do|will|can)(?: not|n't|not)|(wo|ca)n't) ([^,;:.!?]+)/gi;
/**
 * The same said as an order: "don't upsample from the final map alone", "do not use the skips on
 * their own". What is denied is doing it by that alone: read as "upsample from the final map, but
 * not alone". Only with the "alone" closing the clause (up to six words after the verb).
 */
const NOT_ALONE_ORDER =
  /\b(?:don't|do not) ([a-z-]+)((?: [^\s,;:.!?]+){0,6}) (alone|by itself|on its own|by themselves|on their own)(?=\s*(?:[,;:.!?]|$))/gi;
const NOT_ENOUGH =
  /\b([a-z0-9-]+) (?:(alone|by itself|on its own|by themselves|on their own) )?(?:is|are)(?: not|n't) enough(?: (alone|by itself|on its own|by themselves|on their own))? to ([^,;:.!?]+)/gi;

/** An idiom of restriction ("nothing but"), read "only" (ONLY_IDIOMS). */
const ONLY_IDIOM = new RegExp(String.raw`\b(?:${typedAlternation(ONLY_IDIOMS)})\b`, 'gi');

/**
 * Every rewrite below reads a negation: "not", "n't", "no longer", "neither" or "without" (a
 * speed-only guard: an answer with none is left as it is). No second list of the rewrites' other
 * words is kept (a rewrite added with its word forgotten there would silently never run); the
 * rewrites are linear regular expressions, and running them all costs nothing measurable.
 */
const NEGATION_CUE = /\b(?:not|neither|without|longer)\b|n['’]t\b/i;

/**
 * "X stops Y from V-ing", "keeps Y from V-ing", "prevents Y from V-ing": what X does is that Y does
 * not V. Read as "X makes Y not V-ing" ("LRN stops the maps from learning the same feature" is "LRN
 * makes the maps not learning the same feature"), the verb of making in the tense written, so that
 * the claim "Y V" is read denied, of Y, and caused by X. The object is up to five words with no
 * punctuation. After a negation ("nothing stops you from …", "doesn't keep it from …") it is kept:
 * there the V is allowed, not denied.
 */
const KEEPS_FROM =
  /(?<!\b(?:nothing|nobody|not|never|n't|n’t|cannot) )\b(stop|stops|stopped|stopping|keep|keeps|kept|keeping|prevent|prevents|prevented|preventing)((?: (?!from\b)[^\s,;:.!?]+){1,5}) from (\w+ing)\b/gi;
/**
 * The same under a negation: "X doesn't stop Y from V-ing" and "nothing stops Y from V-ing" let Y
 * go on V-ing ("Pooling doesn't stop a small shift from changing the output" denies the invariance;
 * read with its "not", the rewrite above would deny twice).
 */
const NOT_KEPT_FROM =
  /\b(?:(?:do|does|did|would|will|can|could)(?:n't|n’t| not)|won't|won’t|cannot|can't|can’t|never) (?:stop|keep|prevent)((?: (?!from\b)[^\s,;:.!?]+){1,5}) from (\w+ing)\b/gi;
const NOTHING_KEEPS_FROM =
  /\b(?:nothing|nobody) (?:stops|stopped|keeps|kept|prevents|prevented)((?: (?!from\b)[^\s,;:.!?]+){1,5}) from (\w+ing)\b/gi;
/** The verb of making in the tense and person of the one it stands for ("stops" → "makes"). */
const makingAs = (verb: string) => {
  const lower = verb.toLowerCase();
  const made =
    lower === 'kept' || lower.endsWith('ed')
      ? 'made'
      : lower.endsWith('ing')
        ? 'making'
        : lower.endsWith('s')
          ? 'makes'
          : 'make';
  return verb[0] === verb[0]!.toUpperCase() ? `M${made.slice(1)}` : made;
};

/** "needn't" is "don't need to" ("you needn't train in float32"). */
const NEEDNT = /\bneedn't\b/gi;

/**
 * Accents removed, "×" read as "x", a number's arrow as "down to"/"up to" and an ampersand between
 * words as "and"; the case is kept (it helps the tagger).
 */
export function foldCase(answer: string): string {
  const arrowsRead = answer.includes('>') || answer.includes('→') ? readArrows(answer) : answer;
  // "weight sharing & local connections": the tagger drops a lone "&", which left two noun phrases
  // side by side, read as a keyword list that asserts nothing.
  const anded = arrowsRead
    .replace(/(?<=\S)\s+&\s+(?=\S)/g, ' and ')
    // "skips+very deep", "relu+dropout": a "+" glued between two words joins two points of a list, as
    // a spaced one does (a clause boundary); not between figures ("2+3") nor in "c++".
    .replace(/(?<=\p{L})\+(?=\p{L})/gu, ' and ')
    // A curly apostrophe inside a word is the straight one ("don’t" is "don't"; same length).
    .replace(/(?<=\p{L})[’‘](?=\p{L})/gu, "'");
  // Note-taking shorthand: "w/" is "with", "w/o" is "without" ("micro-batches w/ accumulation").
  const shorthandRead = anded
    .replace(ONLY_IDIOM, (idiom) => (idiom[0] === 'N' ? 'Only' : 'only'))
    .replace(SHORTHAND_WITH, (w) => (w.length === 3 ? 'without' : 'with'))
    .replace(CHAT_ARE, 'are')
    .replace(CHAT_BECAUSE, 'because');
  // "dont", "doesnt", "cant": a negation written without its apostrophe is read as written with it.
  const contracted = shorthandRead
    .replace(CERTAINTY_IDIOM, (idiom) => (idiom[0] === 'W' ? 'Certainly' : 'certainly'))
    .replace(BARE_CONTRACTION, (_, verb: string) => `${verb}n't`)
    .replace(NOT_KEPT_FROM, (_, object: string, doing: string) => `lets${object} go on ${doing}`)
    .replace(NOTHING_KEEPS_FROM, (_, object: string, doing: string) => `so${object} can go on ${doing}`)
    .replace(
      KEEPS_FROM,
      (_, verb: string, object: string, doing: string) => `${makingAs(verb)}${object} not ${doing}`,
    );
  const text = NEGATION_CUE.test(contracted)
    ? contracted
        .replace(NOT_MIXED, (_, doVerb: string | undefined, be: string | undefined) =>
          doVerb ? `${doVerb} separate` : be ? `${be} separated` : 'kept separate',
        )
        .replace(NOT_A_SINGLE, (_, be: string) => `${be} no`)
        .replace(
          WITHOUT_THEN_MODAL,
          (
            all: string,
            before: string,
            what: string,
            comma: string,
            subject: string,
            modal: string,
            not?: string,
          ) =>
            // With no comma, only a denied modal marks the counterfactual ("without LRN the maps might
            // learn the same edge" is left to the claims written with "without").
            comma === '' && not === undefined
              ? all
              : `${before}${before === '' ? 'With' : 'with'}${what}${comma}${subject} ${turnModal(modal, not)}`,
        )
        .replace(WITHOUT_COMMA, (_, before: string, phrase: string) => `${before}${phrase}`)
        .replace(NO_LONGER, 'not')
        .replace(NEITHER_NOR, (_, between: string) => `no${between}and no`)
        .replace(NOT_ANY, (_, verb: string | undefined, next: string | undefined, be: string | undefined) =>
          verb ? `${verb}${next} no` : `${be} no`,
        )
        .replace(NOT_COSTLY, (_, be: string, degree: string) => `${be}${degree} cheap`)
        .replace(NOT_FREE, (_, be: string) => `${be} costly`)
        .replace(NEEDNT, "don't need to")
        .replace(
          NOT_ALONE,
          (
            _,
            thing: string,
            alone: string,
            aux: string | undefined,
            contracted: string | undefined,
            rest: string,
          ) =>
            `${thing} ${aux ?? (contracted?.toLowerCase() === 'wo' ? 'will' : 'can')} ${rest}, but not ${alone}`,
        )
        .replace(
          NOT_ENOUGH,
          (_, thing: string, before: string | undefined, after: string | undefined, rest: string) =>
            `${thing} helps to ${rest}, but not ${before ?? after ?? 'alone'}`,
        )
        .replace(NOT_ALONE_ORDER, (order: string, verb: string, rest: string, alone: string) => {
          const done = `${verb}${rest}, but not ${alone}`;
          return order[0] === order[0]!.toUpperCase() ? `${done[0]!.toUpperCase()}${done.slice(1)}` : done;
        })
        .replace(
          NOT_FULL,
          (_, be: string | undefined, at = '', what: string) => `${be ?? 'can be'}${at} reduced ${what}`,
        )
        .replace(NOT_UNABLE, (_, be: string, able = '', capable = '') => `${be} ${able}${capable}`)
        .replace(
          NOT_HERE_BUT_THERE,
          (
            _,
            be: string | undefined,
            verb: string,
            here: string,
            butOnly: string | undefined,
            only: string | undefined,
            there: string,
          ) =>
            `${be ? `${be} ` : ''}${verb} ${(butOnly ?? only) === undefined ? '' : `${butOnly ?? only} `}${there}, not ${here}`,
        )
    : contracted;
  if (ASCII.test(text)) return text;
  const folded = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/×/g, 'x')
    // Shorthand read as the words it stands for: "↓batch, ↑stride, −layers" is "less batch, more
    // stride, fewer layers" (a minus sign only before a word, never in a number).
    .replace(/↓/g, ' less ')
    .replace(/↑/g, ' more ')
    .replace(/\u2212(?=\p{L})/gu, ' fewer ');
  // Lower-casing must keep offsets: where it would not, tag the lower-case text instead.
  return folded.toLowerCase().length === folded.length ? folded : folded.toLowerCase();
}

/**
 * Where a sentence ends: . ! ? followed by a space or the end, or a line break. The dot of "e.g."
 * and "i.e." ends no sentence: what follows is an example or a gloss of the same sentence (a clause
 * boundary, see HARD_BOUNDARY).
 */
const SENTENCE_END = /(?<!(?:^|\s|\()(?:e\.g|i\.e))[.!?]+(?=\s|$|["')\]])|\n+/g;
/**
 * Punctuation that ends a clause inside a sentence (a dot inside "0.5" does not), the "=" and "+"
 * of notes ("max pool = zero params + less compute"), the numbers of a numbered list ("1) … 2) …")
 * and brackets around two words or more ("downsample sooner (bigger strides early) so …" says two
 * things; "dilated (atrous) convolutions" is one: a one-word gloss is no clause of its own).
 * A colon cuts, except between two digits ("a 3:1 ratio"); "e.g." and "i.e." cut too (their
 * dots end no sentence), and their words are left out. A slash with a space either side separates
 * the points of a list ("smaller batch / smaller inputs / fewer layers") as a semicolon does, and so
 * does a pipe ("AlexNet -> ReLU | GoogLeNet -> inception"); one
 * inside a word ("fp16/bf16", "w/o") does not. An order to mind what follows, opening the sentence
 * ("Note that …", "Remember that …", "Keep in mind that …"), is left out: the clause after it is
 * the claim, with its own subject and verb. (The closing bracket's look-behind, which reads back
 * through the sentence, runs only where a closing bracket stands: a speed-only guard.)
 */
const HARD_BOUNDARY_MARKS =
  /[;!?]+|(?<!\d):+|:+(?!\d)|(?<=^|\s|\()(?:e\.g|i\.e)\.?,?(?=\s)|,(?=\s|$)|\s*[([](?=[^()[\]]*\S\s+\S[^()[\]]*[)\]])\s*|(?=[)\]])(?<=[([][^()[\]]*\S\s+\S[^()[\]]*)[)\]]\s*|\s[-–—]+\s|\s\/\s|\s\|+\s|-+>|=>|→|\s=+\s|\s\+\s|(?<=^|\s)\d{1,2}[).](?=\s)|^\s*(?:please )?(?:note|notice|remember|recall|keep in mind|bear in mind|be aware|don[’']?t forget|do not forget) that(?=\s)/g;
/** "The difficulty is that …", "the main problem is …" opening a sentence: a frame (CLAIM_FRAMES), left out. */
const CLAIM_FRAME = String.raw`^\s*the (?:[a-z]+ )?(?:${typedAlternation(CLAIM_FRAMES)}) is(?: that)?(?=\s)`;
const HARD_BOUNDARY = new RegExp(`${HARD_BOUNDARY_MARKS.source}|${CLAIM_FRAME}`, 'g');
/**
 * Conjunctions that start a new clause; the conjunction belongs to the clause it starts. Not after
 * a "not" ("not because it has no parameters"): the negation is of the clause the conjunction opens.
 * "that" before a negation opens a clause of its own too ("dilated convolutions that don't reduce
 * the resolution": the relative clause's negation is not the noun's, nor the verb's before it).
 * A comparison whose verb is a stand-in auxiliary at the end of its stretch ("… the way a dense net
 * does", "… unlike a conv output is") starts a clause too, comma or not: it says what another thing
 * does (see COMPARISON), and its subject is no subject of the claim before it.
 */
const SOFT_BOUNDARY = new RegExp(
  [
    String.raw`(?<!\b(?:one|two|three|four|\d+|not))\s+(?=(?:but|and|or|nor|so|while|whereas|although|though|yet|because|since|if|when|which|unless|however|then|instead|using|with|by|via|through)\s)`,
    // "that" + a negation: a relative clause of its own (the words: lexicon.ts).
    `(?<!\\b(?:${typedAlternation(THAT_COMPLEMENT_LEADS)}))\\s+(?=that\\s+(?:${typedAlternation(RELATIVE_NEGATIONS)})\\s)`,
    String.raw`\s+(?=(?:the way|just as|unlike|like)\s+(?:[\w'’-]+\s+){1,6}(?:does|do|did|is|are|was|were|would|will|can|could|has|have|had)\W*$)`,
  ].join('|'),
  'gi',
);

/** A clause or sentence that only denies what came before it ("No.", "that is false", "also no"). */
const DENIAL =
  /^ (?:but )?(?:(?:that|this|it|which|all of (?:that|this)|none of (?:that|this)|these|those)(?: is| s| are| was)? )?(?:also |simply |just |absolutely |of course |actually |completely |totally )?(?:no|nope|nah|not really|not true|not at all|false|wrong|untrue|incorrect|a myth|myths|a story|a fairy tale|hype|not the case|nonsense|rubbish|never|none|neither|not so|nothing new|not new|old news|not novel)(?: either| too| of them| at all)?(?: though| anyway| actually| really| honestly| sadly| unfortunately)? $/;

/**
 * The writer disowning what came before ("I disagree with both", "I don't think so", "I doubt it"):
 * like a denial, it takes back the clause or sentence before it.
 */
const DISOWNS =
  /^ (?:but |and |though |however |personally )?(?:i|we) (?:(?:strongly |completely |totally )?disagree|(?:don t|do not) (?:think|believe|buy|agree)|doubt|reject)(?: (?:with|that|it|this|so|them|both|all|any|either|of|the|claims?|statements?|ideas?|at|all))* $/;
/**
 * The writer disowning what the clause itself goes on to say ("I disagree with the claim that …",
 * "I doubt that …", "I reject the idea that …"): the claim is taken back, and nothing before it.
 * ("I don't think X has weights" is left to the negation: it says that X has none.)
 */
const DISOWNS_WHAT_FOLLOWS =
  /^ (?:but |and |though |however |personally )?(?:i|we) (?:(?:strongly |completely |totally )?disagree with|(?:don t|do not) (?:agree with|buy)|reject|doubt|dispute) (?:(?:the|this|that|any) (?:claim|idea|statement|notion|view|assertion|story)s? )?that (?=\w)/;
/**
 * "none of that helps", "neither of them works", "but neither is needed": a clause that takes back
 * everything before it. "None of that" (what was said) takes it all back whatever follows; "none of
 * them", "neither of these", "none of the kernels" only alone or with a predicate that judges them
 * (true, needed, helps, works…): "small kernels, and none of them overlap" says something of the
 * kernels, and takes nothing back.
 */
const DENIES_ALL =
  /^ (?:but |yet |and |though |however )?(?:none of (?:that|this|it)(?= )|(?:none|neither) of (?:these|those|them)(?: at all| either)? $|(?:neither|none) (?:of (?:the )?\w+ )?(?=(?:(?:is|are|was|were|will be|would be)(?: really| actually| even)? (?:needed|necessary|required|true|right|correct|useful|helpful|important|relevant|the case)|(?:really |actually )?(?:helps?|works?|matters?|applies|apply)) ))/;
/**
 * A clause that corrects the one before it ("reduce the batch, or rather increase it", "use 32-bit,
 * I mean 16-bit floats", "…; on second thought, they have more"): what it replaces is withdrawn;
 * the correction itself is read as said.
 */
const RETRACTS =
  /^ (?:(?:actually|so|and|ok|okay|hmm|oh) )*(?:or rather|rather(?! than)|i mean|no wait|wait no|scratch that|strike that|scrap that|forget that|correction|sorry i mean|(?:but |well |or )?on (?:second thoughts?|reflection|closer inspection)|(?:oops|my mistake|my bad)(?: i mean)?)(?= )/;
/**
 * A belief reported of others, which the writer names in order to set it aside ("people think a
 * CNN needs more weights", "many assume CNNs win because they are deeper"): it asserts nothing,
 * for the claim or against it, and neither do the clauses joined to it with no punctuation between
 * ("… because they're deeper"). What the writer then says stands on its own.
 */
const REPORTED_BELIEF =
  /^ (?:but |and |yet |so )?(?:(?:many|some|most|a lot of) )?(?:people|folks|everyone|everybody|beginners|newcomers|many|some)(?: often| usually| sometimes| commonly| typically| wrongly| mistakenly| still)? (?:think|say|believe|assume|claim|expect)(?: that)? (?=\w)/;

/** A clause that opens an exception ("except the weights it learns", "apart from the kernel"). */
const EXCEPTION = /^ (?:except(?: for)?|apart from|other than|aside from|besides|save for|barring)(?= )/;
/**
 * A pronoun and an auxiliary affirmed, standing for the predicate before ("except it does", "well,
 * it does have some", "but they actually do"): said after a negation, it takes the negation back.
 */
const AFFIRMS_BACK =
  /^ (?:(?:but|well|except|though|although|actually|oh|hmm|yet|in fact) )*(?:it|they|that|this) (?:actually |really |still |definitely |certainly )?(?:does|do|did|is|are|can|has|have)(?: (?:have|use|need|learn)(?: some| them| one| a few)?)?(?: actually| though| really| after all| too)? $/;

/**
 * "…, though really it's the final layers", "…, but in fact pooling keeps it": a contrast that says
 * what is really so. In the same sentence it corrects the clause before it; after a full stop it
 * may answer any point of the sentence before, and is left to what it says.
 */
const CORRECTS_IN_SENTENCE =
  /^ (?:oh |well )?(?:but|though|although|yet) (?:actually|really|in fact|in reality|in truth)(?= )/;
/**
 * What a denial may trail ("that's not true once you stack enough filters", "…, because …"): a
 * subordinate clause that says when or why, left out when the clause is tested for a denial.
 */
const TRAILING_SUBORDINATE = / (?:once|as soon as|given that|considering|especially|at least) .*$/;
/** "but it doesn't", "which is not true": a pronoun, a verb, a negation and nothing else. */
const EMPTY_DENIAL =
  /^ (?:but |yet |and |though |although |however )?(?:in fact |actually |really |of course )?(?:that|this|it|which|they|these|those) (?:is|s|are|was|were|does|do|did|has|have|will|would|can)?(?: not| nt)? ?(?:not|doesn t|don t|isn t|aren t|wasn t|didn t|won t|can t|cannot|never|true|false|wrong|untrue|incorrect|a myth|the case|really|at all|so|nothing of the (?:sort|kind)|no such thing|anything of the (?:sort|kind)|anything like that|though|anyway|honestly|sadly|unfortunately| )* $/;

/**
 * A clause of comparison that stands for the predicate before it: "the way", "like", "just as",
 * "unlike" and another thing, ended by an auxiliary that stands in for the verb ("the way
 * flattening does", "as a dense net would", "like an MLP is").
 */
const COMPARISON =
  /^ (?:and |but )?(?:(?:just|much|exactly|the same) )?(?:(?:the way|like|as|unlike)(?: \S+)+ (?:does|do|did|would|will|can|could|is|are|was|were|has|have|had) $|(?:as|like) (?:when|if|in|with|for) )/;
/** A clause ended by the start of a comparison whose "when" follows: "… as", "… as it is", "… like they do". */
const COMPARISON_OPENED =
  / (?:as|like)(?: (?:it|they|this|that) (?:is|are|was|were|does|do|did|would be))? $/;

/** Words of hesitation that may stand before a denial ("Well, not really."; "Hmm, no."; "Then again, no."). */
const HESITATIONS: ReadonlySet<string> = new Set(
  'well hmm hm um umm erm uh ok okay actually honestly so but and wait yeah eh then again'.split(' '),
);
/**
 * A clause that takes back what came before it, as a denial does: "or maybe not", "I take that
 * back", "just kidding", "that's what I thought", "in reality it's the opposite", "which is a common
 * misconception".
 */
const TAKEN_BACK =
  /^ (?:(?:but|and|or|though|well) )?(?:or (?:maybe |perhaps |possibly |probably )?not(?: really| at all)?|(?:i )?(?:take|takes) (?:that|it|this|all that) back|i retract (?:that|it|this)|(?:just |i m |i am |only )?(?:kidding|joking)|jk|(?:or at least )?(?:that|this) (?:s|is|was) what i (?:thought|used to think|believed|assumed)|(?:in (?:reality|fact|truth) |actually |really )?(?:it s|it is|that s|that is) (?:actually |really )?the (?:exact |complete )?(?:opposite|reverse|other way (?:a)?round)|the (?:opposite|reverse) is (?:true|the case)|(?:which|that|this) (?:is|s) (?:a |an )?(?:common |popular |widespread |classic )?(?:misconception|fallacy|mistake|misunderstanding))(?: (?:though|anyway|actually|really))? $/;

/**
 * A pronoun and a verb deny only with a word that denies, or after "but" ("…, but it does"):
 * "which is" (cut off before "then recovered") and "that is true" take nothing back.
 */
const DENYING_WORD =
  / (?:not|nt|doesn t|don t|isn t|aren t|wasn t|didn t|won t|can t|cannot|never|false|wrong|untrue|incorrect|a myth|nothing of the (?:sort|kind)|no such thing)(?= )/;

/**
 * Words that address the grader or describe the answer rather than the subject: such a sentence
 * asserts nothing about CNNs ("Dear grader, this answer covers fewer parameters…", "To whoever
 * marks this: …").
 */
const TO_THE_GRADER =
  / (?:grader|graders|marker|examiner|teacher|professor|instructor|tutor|rubric|keywords?|full (?:marks|credit|points|score)|(?:this|my|the above|the) answer (?:covers|covered|mentions|mentioned|includes|included|contains|discusses|names|lists|has|addresses)|(?:please|kindly) (?:give|award|grant|mark|accept)|award (?:me|this|full)|give (?:me|this answer) (?:full|all|the)|(?:i|we) (?:have |already |clearly )*(?:mentioned|covered|listed|named|discussed|addressed|written about)|ignore (?:the |all |any )?(?:previous|above|earlier)|as an ai|(?:whoever|anyone|someone|the person|whoever s) (?:is )?(?:marks?|marking|grades?|grading|checks?|checking|corrects?|correcting|reads?|reading) (?:this|these|my|it))(?= )/;

/** Parts of speech that make a string of words a sentence rather than a list of keywords. */
const FUNCTION_TAGS = new Set(['DET', 'ADP', 'AUX', 'PRON', 'PART', 'CCONJ', 'SCONJ']);

interface Range {
  start: number;
  end: number;
}

function cut(range: Range, text: string, pattern: RegExp): Range[] {
  const pieces: Range[] = [];
  let from = range.start;
  for (const m of text.slice(range.start, range.end).matchAll(pattern)) {
    const at = range.start + m.index;
    pieces.push({ start: from, end: at });
    from = at + m[0].length;
  }
  pieces.push({ start: from, end: range.end });
  return pieces;
}

/**
 * A preposition that may open a clause of its own ("…, with fewer parameters", "… by using fp16"),
 * or "using" as one: after a verb it is that verb's ("stop | using float32" is one clause, and
 * "stop" reaches float32).
 */
const PREPOSITION_OPENING = /^(?:with|by|via|through|using)\s/;
/** "so" before a word of degree ("so few", "so many", "so much", "so small"): an adverb, not the conjunction. */
const DEGREE_SO =
  /^so\s+(?:few|many|much|little|big|small|large|huge|tiny|deep|shallow|heavy|light|cheap|expensive|fast|slow|quick|quickly|easy|easily|hard|well|badly|good|bad|high|low|long|short|important|useful|powerful|efficient|costly)\s/;

/**
 * Pieces cut at a conjunction or preposition that belong to the clause before them are joined back:
 *   - a preposition right after a verb, or after a verb and its particle ("end up | with"), is that
 *     verb's complement: "I disagree | with the claim that …", "pooling comes | with no weights" and
 *     "it doesn't end up | with millions of parameters" are one clause each, so that what the verb
 *     says (and its negation) reaches what it says it of;
 *   - "which" as a determiner right after a verb (or a noun of knowing: "no idea which …") opens an
 *     indirect question, the verb's object, not a relative clause: "it doesn't care | which pixels
 *     are neighbours" (a relative "which" is a pronoun: "… pooling which is cheap"; after another
 *     noun wink may tag it a determiner too: "blocks which recalibrate channels");
 *   - "so" before a word of degree after a verb is an adverb: "there are | so many filters", "it has
 *     | so few parameters" (the conjunction follows a clause: "weights are shared so few are needed");
 *     so is it after a word of necessity: "it is not necessary | so many weights".
 */
function verbComplements(pieces: Range[], lower: string, tokens: readonly Token[]): Range[] {
  const joined: Range[] = [];
  for (const piece of pieces) {
    const before = joined[joined.length - 1];
    if (before !== undefined && joinsBack(before, piece, lower, tokens)) {
      before.end = piece.end;
      continue;
    }
    joined.push({ ...piece });
  }
  return joined;
}

/** Subordinators that open a clause before the main one ("since it has no weights, it …"). */
const SUBORDINATE_OPENERS: ReadonlySet<string> = new Set(
  'since because if when whenever once as while although though unless'.split(' '),
);
/** Pronouns that open a main clause as its subject ("it adds nothing", "there is nothing"). */
const SUBJECT_PRONOUNS: ReadonlySet<string> = new Set('it they we you i there'.split(' '));
/** Pronouns whose verb has no "-s" in the present ("they work", "you train"). */
const PLURAL_PRONOUNS: ReadonlySet<string> = new Set('they we you i'.split(' '));

/**
 * "since it has no weights it adds nothing to train", "because there are no weights there is
 * nothing to learn": a subordinate clause written before the main one with no comma. After the
 * subordinate clause's own verb, a subject pronoun followed by a finite verb (past an adverb:
 * "it still works") starts the main clause, and the piece is cut there, as a comma would cut it:
 * each clause's negations are its own ("no weights" and "nothing to train" are two claims of none,
 * not a double negative). A pronoun before a bare verb is an object ("because it lets it run").
 */
function mainAfterSubordinate(pieces: Range[], lower: string, tokens: readonly Token[]): Range[] {
  const out: Range[] = [];
  for (const piece of pieces) {
    const opener = /^\s*([a-z]+)/.exec(lower.slice(piece.start, piece.start + 12))?.[1];
    const own = SUBORDINATE_OPENERS.has(opener ?? '')
      ? tokens.filter((t) => t.start >= piece.start && t.start < piece.end)
      : [];
    const at = SUBORDINATE_OPENERS.has(own[0]?.norm ?? '') ? mainSubjectAt(own) : -1;
    if (at < 0) {
      out.push(piece);
      continue;
    }
    out.push({ start: piece.start, end: own[at]!.start }, { start: own[at]!.start, end: piece.end });
  }
  return out;
}

/** Index in `words` (a subordinate clause and what follows) of the main clause's subject pronoun, or -1. */
function mainSubjectAt(words: readonly Token[]): number {
  const verbAt = words.findIndex((t, i) => i > 1 && (t.pos === 'VERB' || t.pos === 'AUX'));
  if (verbAt < 0) return -1;
  for (let i = verbAt + 2; i + 1 < words.length; i++) {
    const subject = words[i]!;
    if (subject.pos !== 'PRON' || !SUBJECT_PRONOUNS.has(subject.norm)) continue;
    const before = words[i - 1]!;
    if (before.pos === 'ADP' || before.pos === 'PART' || before.pos === 'SCONJ' || before.pos === 'CCONJ')
      continue;
    let v = i + 1;
    if (words[v]!.pos === 'ADV' && v + 1 < words.length) v++;
    const verb = words[v]!;
    const finite =
      verb.pos === 'AUX' ||
      (finiteVerb(verb) && (verb.norm !== verb.lemma || PLURAL_PRONOUNS.has(subject.norm)));
    if (finite) return i;
  }
  return -1;
}

/**
 * Words of necessity: "so many" after one is how many are needed ("it is not necessary so many
 * weights", "not needed so much memory"), not the conjunction ("weights are shared so few are needed").
 */
const NECESSITY: ReadonlySet<string> = new Set(['necessary', 'needed', 'required', 'essential']);

/** Nouns of knowing whose indirect question follows them ("no idea which pixels are neighbours"). */
const KNOWING = new Set(['idea', 'clue', 'notion', 'sense', 'knowledge']);

function joinsBack(before: Range, piece: Range, lower: string, tokens: readonly Token[]): boolean {
  const opening = lower.slice(piece.start, piece.end).trimStart();
  const preposition = PREPOSITION_OPENING.test(opening);
  const which = /^which\s/.test(opening);
  const degree = DEGREE_SO.test(opening);
  if (!preposition && !which && !degree) return false;
  const own: Token[] = [];
  let next: Token | undefined;
  for (const t of tokens) {
    if (t.end > piece.start) {
      next = t;
      break;
    }
    if (t.start >= before.start) own.push(t);
  }
  let last = own[own.length - 1];
  if (last === undefined) return false;
  // A verb's particle ("end up", "come out") stands between the verb and its complement.
  const particle = (last.pos === 'ADP' || last.pos === 'ADV') && own[own.length - 2]?.pos === 'VERB';
  if (degree)
    return (
      last.pos === 'AUX' ||
      NECESSITY.has(last.norm) ||
      (last.pos === 'VERB' && !(last.norm.endsWith('ed') && last.lemma !== last.norm))
    );
  if (particle) last = own[own.length - 2]!;
  // "no idea which pixels …": the question a noun of knowing asks.
  if (which) return next?.pos === 'DET' && (finiteVerb(last) || KNOWING.has(last.lemma));
  return finiteVerb(last);
}

/**
 * Cuts the answer into sentences and clauses, tags its words and marks what asserts nothing.
 * `names`: the one-word names of the things the question pairs (AlexNet, ResNet, …; none by
 * default): an item of a list that opens with one ("resnet residual skips") is a terse point
 * about it, not a keyword.
 */
export function analyseAnswer(answer: string, names: ReadonlySet<string> = NO_NAMES): Analysis {
  let folded = foldCase(answer);
  let tagged = tagWords(folded);
  // "use float16 instead float32": "instead" right before a noun phrase is "instead of" (what is
  // replaced, a contrast), as a hurried writer drops the "of"; before a verb or a clause ("instead
  // use fp16", "instead the model is split") it stays an adverb. Tagged again only when it happens.
  const insteadAt = bareInstead(folded, tagged);
  if (insteadAt.length > 0) {
    for (const at of insteadAt.reverse()) folded = `${folded.slice(0, at)}of ${folded.slice(at)}`;
    tagged = tagWords(folded);
  }
  const lower = folded.toLowerCase();
  const tokens = tagged.filter((t) => /[\p{L}\p{N}]/u.test(t.norm));

  const sentenceRanges: (Range & { question: boolean })[] = [];
  let from = 0;
  for (const m of lower.matchAll(SENTENCE_END)) {
    sentenceRanges.push({ start: from, end: m.index, question: m[0].includes('?') });
    from = m.index + m[0].length;
  }
  sentenceRanges.push({ start: from, end: lower.length, question: false });

  let text = ' ';
  const origin: number[] = [-1];
  const clauses: Clause[] = [];
  const clauseStarts: number[] = [];
  const sentences: string[] = [];
  let tokenCursor = 0;
  for (const sentenceRange of sentenceRanges) {
    const sentenceIndex = sentences.length;
    const sentenceStart = text.length - 1;
    let clauseCount = 0;
    for (const hard of cut(sentenceRange, lower, HARD_BOUNDARY)) {
      for (const piece of mainAfterSubordinate(
        verbComplements(cut(hard, lower, SOFT_BOUNDARY), lower, tokens),
        lower,
        tokens,
      )) {
        // A conjunction right after punctuation (", or distribute …") opens a clause cut at the
        // punctuation: only one with words before it in the same stretch is soft.
        const soft = /\S/.test(lower.slice(hard.start, piece.start));
        // Normalise the piece, remembering where each character came from.
        const start = text.length - 1;
        let wrote = false;
        let pendingSpace = false;
        for (let i = piece.start; i < piece.end; i++) {
          const c = lower[i]!;
          if (/[a-z0-9/]/.test(c)) {
            if (pendingSpace && wrote) {
              text += ' ';
              origin.push(i - 1);
            }
            text += c;
            origin.push(i);
            wrote = true;
            pendingSpace = false;
          } else pendingSpace = true;
        }
        if (!wrote) continue;
        text += ' ';
        origin.push(piece.end);
        while (tokenCursor < tokens.length && tokens[tokenCursor]!.start < piece.start) tokenCursor++;
        const words: Token[] = [];
        let t = tokenCursor;
        while (t < tokens.length && tokens[t]!.start < piece.end) words.push(tokens[t++]!);
        const opening = words[0];
        if (opening !== undefined && omittedSubjectVerb(words)) words[0] = asVerb(opening);
        const verbAt = subjectVerbReadAsNoun(words);
        if (verbAt >= 0) words[verbAt] = { ...words[verbAt]!, pos: 'VERB' };
        clauses.push({
          start,
          end: text.length - 1,
          tokens: words,
          sentence: sentenceIndex,
          soft,
          // "alexnet = relu + dropout": a label before "=" as before a colon.
          beforeColon: lower[piece.end] === ':' || /^\s=/.test(lower.slice(piece.end, piece.end + 2)),
          asserts: true,
        });
        clauseStarts.push(start);
        clauseCount++;
      }
    }
    if (clauseCount === 0) continue;
    sentences.push(text.slice(sentenceStart, text.length - 1));
    const own = clauses.slice(clauses.length - clauseCount);
    if (sentenceRange.question) for (const c of own) mark(c, 'question');
    else if (TO_THE_GRADER.test(` ${sentences[sentenceIndex]!.trim()} `))
      for (const c of own) mark(c, 'note to the grader');
  }
  // "it doesn't throw away which pixels are neighbours, the way flattening the image into a dense
  // net does": a clause of comparison after a denied claim, ended by a stand-in for the claim's
  // verb, says what ANOTHER thing does that ours does not; it asserts nothing of the question's own
  // subject, for it or against it. (After a claim that is not denied, "as AlexNet did" says the
  // same of another thing, and stands.)
  for (let i = 1; i < clauses.length; i++) {
    const before = clauses[i - 1]!;
    const own = text.slice(clauses[i]!.start, clauses[i]!.end + 1);
    if (
      clauses[i]!.sentence === before.sentence &&
      before.tokens.some((t) => NEGATIONS.has(t.norm)) &&
      (COMPARISON.test(own) ||
        // "… isn't thrown away as it is | when the image is flattened": the "when" of the comparison.
        (/^ (?:when|if) /.test(own) && COMPARISON_OPENED.test(text.slice(before.start, before.end + 1))))
    )
      mark(clauses[i]!, 'comparison');
  }
  // A denial takes back the clause before it, or the whole sentence before when it stands alone.
  for (let i = 0; i < clauses.length; i++) {
    const clause = clauses[i]!;
    const whole = text.slice(clause.start, clause.end + 1);
    // "…; well, not lost": past a clause of hesitation only, the clause the echo repeats.
    let echoed = i - 1;
    while (echoed > 0 && clauses[echoed]!.tokens.every((t) => HESITATIONS.has(t.norm))) echoed--;
    if (echoed >= 0 && echoDenial(clause, clauses[echoed]!)) {
      mark(clauses[echoed]!, 'denied');
      mark(clause, 'denied');
      continue;
    }
    // "It goes in the early layers, though really it's the final layers": within one sentence, a
    // "but"/"though" that says what is really so corrects the clause before it.
    // (It may deny as well: "…, but in fact it is not the case" is read on as a denial below.)
    if (CORRECTS_IN_SENTENCE.test(whole) && i > 0 && clauses[i - 1]!.sentence === clause.sentence)
      mark(clauses[i - 1]!, 'denied');
    if (RETRACTS.test(whole) && i > 0) {
      // Only the clause right before is withdrawn; the correction stands.
      mark(clauses[i - 1]!, 'denied');
      continue;
    }
    if (REPORTED_BELIEF.test(whole)) {
      mark(clause, 'reported belief');
      for (let j = i + 1; j < clauses.length; j++) {
        const next = clauses[j]!;
        const between = lower.slice(origin[clauses[j - 1]!.end]!, origin[next.start + 1]!);
        if (!next.soft || /[^\s\p{L}\p{N}]/u.test(between)) break;
        mark(next, 'reported belief');
      }
      continue;
    }
    if (DISOWNS_WHAT_FOLLOWS.test(whole)) {
      // Its own claim, and the clauses joined to it by "and"/"or" with no punctuation between
      // ("… that X and Y"; not "…, and it gives Y").
      mark(clause, 'denied');
      for (let j = i + 1; j < clauses.length; j++) {
        const next = clauses[j]!;
        const between = lower.slice(origin[clauses[j - 1]!.end]!, origin[next.start + 1]!);
        if (
          !next.soft ||
          /[^\s\p{L}\p{N}]/u.test(between) ||
          !/^ (?:and|or|nor) /.test(text.slice(next.start, next.end + 1))
        )
          break;
        mark(next, 'denied');
      }
      continue;
    }
    // "Max pooling has no parameters, except the weights it learns": an exception to a "no" says
    // there are some, which takes the "no" back.
    const before = clauses[i - 1];
    if (
      EXCEPTION.test(whole) &&
      before !== undefined &&
      before.sentence === clause.sentence &&
      before.tokens.some((t) => NONE.has(t.norm))
    ) {
      mark(before, 'denied');
      continue;
    }
    const said = whole.replace(TRAILING_SUBORDINATE, ' ');
    // "… has no parameters. Except it does.", "…, well, it does have some": an auxiliary that
    // stands for the predicate before, affirmed, takes back a claim that was a negation.
    let denied = i - 1;
    while (denied > 0 && clauses[denied]!.tokens.every((t) => HESITATIONS.has(t.norm))) denied--;
    const affirmsBack =
      AFFIRMS_BACK.test(said) && denied >= 0 && clauses[denied]!.tokens.some((t) => NEGATIONS.has(t.norm));
    if (
      !affirmsBack &&
      !DENIAL.test(said) &&
      !TAKEN_BACK.test(whole) &&
      !(EMPTY_DENIAL.test(said) && (DENYING_WORD.test(said) || /^ (?:but|yet|though|however) /.test(said))) &&
      !DISOWNS.test(said) &&
      !DENIES_ALL.test(said)
    )
      continue;
    mark(clause, 'denied');
    const first = clauses.findIndex((c) => c.sentence === clause.sentence);
    // "Well, not really": a denial after nothing but a word of hesitation stands alone.
    const hesitation = clauses.slice(first, i).every((c) => c.tokens.every((t) => HESITATIONS.has(t.norm)));
    if (first < i && !hesitation) {
      // "…; it has no weights, which is wrong": a relative denial reaches back only to the semicolon
      // or colon before it (the clauses there are other claims of the same sentence).
      let from = first;
      if (/^ (?:which|that) /.test(whole))
        for (let j = i - 1; j > first; j--)
          if (/[;:]\s*$/.test(lower.slice(0, origin[clauses[j]!.start + 1]!))) {
            from = j;
            break;
          }
      for (let j = from; j < i; j++) mark(clauses[j]!, 'denied');
    } else {
      // "Pooling loses resolution. Or does it? Not really.": past a short question that only
      // echoes the claim ("or does it?", "really?"), the denial answers the sentence before it.
      const previous = clauses.filter((c) => c.sentence === clause.sentence - 1);
      const echo =
        previous.length > 0 &&
        previous.every((c) => c.reason === 'question' && c.tokens.every((t) => ECHO_QUESTION.has(t.norm)));
      const target = clause.sentence - (echo ? 2 : 1);
      // "FCN: only convolutions, so it takes any size. Actually no, it still needs the same size":
      // a denial followed in its own sentence by the correction takes back the last claim before
      // it, the one the correction replaces; the sentence's earlier claims stand.
      const corrected = clauses[i + 1]?.sentence === clause.sentence && !echo;
      const denied = clauses.filter((c) => c.sentence === target);
      for (const c of corrected ? denied.slice(-1) : denied) mark(c, 'denied');
    }
  }
  // "xception depthwise separable convs": a name and a short point said of it, with no other name
  // in it and no keyword string of its own.
  const named = (c: Clause) =>
    c.tokens.length >= 2 &&
    c.tokens.length <= 5 &&
    names.has(c.tokens[0]!.norm) &&
    !c.tokens.slice(1).some((t) => names.has(t.norm)) &&
    !isKeywordString(c.tokens.slice(1));
  for (const clause of clauses)
    if (isKeywordString(clause.tokens) && !named(clause)) mark(clause, 'keyword list');
  // A lone common noun that names a topic ("inhibition", "hierarchy"), not a name, not a remedy
  // named by itself (the noun of a verb of doing: "pruning", "distribution"), nor a label.
  // A capitalised word opening its sentence ("Inhibition, specialization") is tagged as a name; the
  // last item may open with its conjunction ("…, and specialization").
  const topicNoun = (c: Clause, from = c.tokens[0]?.pos === 'CCONJ' ? 1 : 0) =>
    c.tokens.length === from + 1 &&
    (c.tokens[from]!.pos === 'NOUN' ||
      (c.tokens[from]!.pos === 'PROPN' &&
        from === 0 &&
        /^[a-z]+$/.test(c.tokens[0]!.norm) &&
        clauses.find((other) => other.sentence === c.sentence) === c)) &&
    !c.beforeColon &&
    !names.has(c.tokens[from]!.norm) &&
    !namesAnAction(c.tokens[from]!);
  // A sentence of three or more bare terms ("batch, stride, layers, floats") is a list of keywords;
  // so is a list of four or more short items with no function word, one of them a lone verb that
  // says nothing by itself ("lower layers, inhibit, neighbouring feature maps, specialize").
  const isList = (own: readonly Clause[]) => {
    // Two lone topic nouns ("inhibition, specialization", "parameters, hierarchy") name topics as
    // three do: most items of the list are topics, whatever its length; only when they are the whole
    // answer ("After the ReLU in the early layers. Inhibition and specialization." names them as
    // "Benefits: inhibition and specialization." does).
    if (own.length === 2) return own.length === clauses.length && own.every((c) => topicNoun(c));
    if (own.length < 3 || !own.every((c) => c.tokens.length <= 3)) return false;
    // "alexnet relu + gpus, googlenet inception blocks, resnet residual skips": items led by names.
    if (own.filter(named).length * 2 >= own.length) return false;
    // "alexnet = relu+dropout, googlenet = inception blocks, …": items labelled by two names or
    // more are points said of those networks. (One label is not enough: "AlexNet: ReLU, dropout,
    // inception, skips, SE" lists the topics of every network under the first one's name.)
    const label = (c: Clause) => c.beforeColon && c.tokens.length === 1 && names.has(c.tokens[0]!.norm);
    if (own.filter(label).length >= 2) return false;
    const bare = own.every((c) => c.tokens.every(isBareTerm));
    // Three lone bare nouns ("parameters, invariance, hierarchy") already name topics and say
    // nothing of them; three terse points that each say something ("smaller batch; fp16; fewer
    // layers"; "faster", an adverb that compares), a term of two words ("translation
    // equivariance") and the points after a label ("Alex: ReLU, GPUs") stand.
    const loneNoun = (c: Clause) =>
      c.tokens.length === 1 &&
      (c.tokens[0]!.pos === 'NOUN' || c.tokens[0]!.pos === 'PROPN') &&
      !c.beforeColon &&
      !names.has(c.tokens[0]!.norm);
    if (own.length === 3) {
      if (bare && own.every(loneNoun)) return true;
      // Two of the three are lone common nouns ("lower layers / inhibition / specialization",
      // "fewer params, invariance, hierarchy"): the list names topics, whatever its third item
      // says. A remedy named by itself is no topic: a name ("fp16"), or the noun of a verb of
      // doing ("smaller batch, pruning, distribution": prune, distribute).
      const commonNouns = own.filter((c) => topicNoun(c)).length;
      return (
        commonNouns >= 2 &&
        own.every(
          (c) =>
            !c.beforeColon &&
            !c.tokens.some((t, k) => FUNCTION_TAGS.has(t.pos) && !(k === 0 && t.pos === 'CCONJ')),
        )
      );
    }
    // "fewer parameters, anywhere, hierarchy, overfit": when most items are one bare word each, the
    // list names topics; one phrase with a comparative does not make it a claim. A name is a point
    // said of a subject, not a topic ("AlexNet: deeper, stacked convs, ReLU"), and a function word
    // makes the items sentences ("alexnet = lenet but huge, relu, dropout").
    const lone = own.filter((c) => {
      const only = c.tokens.length === 1 ? c.tokens[0]! : undefined;
      return (
        only !== undefined && only.pos !== 'PROPN' && !names.has(only.norm) && isBareTerm(only, 0, c.tokens)
      );
    }).length;
    const wordsOnly = own.every((c) => !c.tokens.some((t) => FUNCTION_TAGS.has(t.pos)));
    const fragments = wordsOnly && own.some((c) => isLoneVerb(c.tokens));
    return bare || fragments || (wordsOnly && lone * 2 > own.length);
  };
  // "Sparse connectivity, weight sharing and equivariance.": three or more bare terms of up to three
  // words each, the last joined by "and" or "or", and not a verb among them, name topics as a list
  // does ("smaller batch, fp16 and fewer layers" says something of each: a comparative is no bare
  // term; so does "AlexNet ReLU, GoogLeNet inception and ResNet skips", items led by names).
  const coordinatedTerms = (own: readonly Clause[]) => {
    const last = own[own.length - 1];
    if (own.length < 2 || last === undefined || !last.soft || last.tokens[0]?.pos !== 'CCONJ') return false;
    // "Inhibition and specialization": two lone topic nouns joined name topics as a list of them
    // does, when they are the whole answer (as above).
    if (own.length === 2) return own.length === clauses.length && topicNoun(own[0]!) && topicNoun(last);
    return own.every((c) => {
      const words = c === last ? c.tokens.slice(1) : c.tokens;
      return (
        words.length >= 1 &&
        words.length <= 3 &&
        !c.beforeColon &&
        !names.has(words[0]!.norm) &&
        words.every(
          (t, k) =>
            isBareTerm(t, k, words) &&
            // A verb only as a word of a term ("weight sharing", "skip connections"), never as a
            // predicate ("and stop early").
            (!finiteVerb(t) || words[k + 1]?.pos === 'NOUN'),
        )
      );
    });
  };
  for (let i = 0; i < sentences.length; i++) {
    const own = clauses.filter((c) => c.sentence === i);
    if (isList(own) || coordinatedTerms(own)) for (const c of own) mark(c, 'keyword list');
  }
  // The same list written one item a line ("fewer parameters\nanywhere\nhierarchy\noverfit", or
  // bullets): a run of sentences that are one short item each is read as one list.
  const items = (i: number) => clauses.filter((c) => c.sentence === i);
  for (let i = 0; i < sentences.length; ) {
    let j = i;
    while (j < sentences.length && items(j).length === 1 && items(j)[0]!.tokens.length <= 3) j++;
    const run = clauses.filter((c) => c.sentence >= i && c.sentence < j);
    // Three or more bare terms one a line ("weight sharing / local receptive fields / pooling", a
    // bullet each) name topics, whatever their length, as the same on one line of four would; a
    // kernel size on a line of its own ("1x1") is such a term too.
    const bareLines =
      run.length >= 3 &&
      run.every(
        (c) =>
          !c.beforeColon &&
          c.tokens.every((t, k, w) => isBareTerm(t, k, w) || KERNEL_SIZE.test(t.norm)) &&
          !named(c),
      );
    if (bareLines || isList(run)) for (const c of run) mark(c, 'keyword list');
    i = Math.max(j, i + 1);
  }
  return { text, origin, clauses, clauseStarts, sentences };
}

/** The words of a question that only echoes the claim before it ("Or does it?", "Really?", "Is that so?"). */
const ECHO_QUESTION: ReadonlySet<string> = new Set(
  'or does do did is are was were it they that this really true right sure so'.split(' '),
);

/** Words that may stand around an echoed denial's "not" ("well, not really lost"). */
const ECHO_FILLERS: ReadonlySet<string> = new Set([
  ...HESITATIONS,
  ...'no really exactly quite actually at all even'.split(' '),
]);

/**
 * Does the clause take back the one before it by echoing it denied ("resolution is lost; well, not
 * lost", "they overlap. Hmm, not overlap, really")? A clause of "not" (after words of hesitation
 * only) and one to three words, no auxiliary, every one of them a word of the clause before it:
 * it repeats what was said in order to deny it. ("…, not a dense one" names something else, and
 * is a gloss: see negatedGloss.)
 */
function echoDenial(clause: Clause, before: Clause): boolean {
  const words = clause.tokens;
  let i = 0;
  while (i < words.length && words[i]!.norm !== 'not' && HESITATIONS.has(words[i]!.norm)) i++;
  if (words[i]?.norm !== 'not') return false;
  const echoed = words.slice(i + 1).filter((t) => !ECHO_FILLERS.has(t.norm));
  return (
    echoed.length >= 1 &&
    echoed.length <= 3 &&
    echoed.every(
      (t) => t.pos !== 'AUX' && before.tokens.some((b) => b.norm === t.norm || b.lemma === t.lemma),
    )
  );
}

const NO_NAMES: ReadonlySet<string> = new Set();
/** A size written as two numbers with an "x" ("1x1", "3x3"): a term when it stands alone. */
const KERNEL_SIZE = /^\d+x\d+$/;

/**
 * Does the clause open with a verb whose subject is left out, as terse notes do ("exploits local
 * spatial structure", "shares the weights")? A verb that carries claims (./lexicon) with a
 * third-person -s, which the tagger read as a noun, followed by an article or an adjective (a
 * plural noun is followed by neither: the adjective goes before it) and at least one more word.
 */
const omittedSubjectVerb = (words: readonly Token[]) =>
  words.length >= 3 &&
  (words[0]!.pos === 'NOUN' || words[0]!.pos === 'PROPN') &&
  /^[a-z]+[^s]s$/.test(words[0]!.norm) &&
  CARRIER_VERBS.has(words[0]!.norm.slice(0, -1)) &&
  (words[1]!.pos === 'ADJ' || (words[1]!.pos === 'DET' && ARTICLES.has(words[1]!.lemma))) &&
  !isComparative(words[1]!);

/** Determiners that open a subject ("the same detector", "each filter", "one kernel"). */
const SUBJECT_DETERMINERS = new Set([
  'the',
  'a',
  'an',
  'each',
  'every',
  'this',
  'that',
  'one',
  'these',
  'those',
]);
/** Words that open a clause of their own inside a clause ("… fires wherever the pattern shows up"). */
const INNER_CLAUSE_OPENERS = new Set(
  'wherever where when whenever if because since while as that which who until unless once'.split(' '),
);

/**
 * "The same detector fires wherever the pattern shows up", "the kernel slides over the image", "the
 * filters slide over it": a determiner, its adjectives and a noun, then a word the tagger read as a
 * second noun that agrees with the first as its verb would (an "-s" form after a singular noun, a
 * base form after a plural one), with no verb before it and none after it in the same clause (one
 * after "wherever", "when", "that" … belongs to a clause of its own). That word is the subject's
 * verb, not a compound with it; a word of the field stays a noun ("the feature maps at the same
 * position", "the input images"), and so does one followed by a noun or an adjective. The index of
 * the word to read as a verb, or -1.
 */
function subjectVerbReadAsNoun(words: readonly Token[]): number {
  let i = 0;
  while (i < words.length && (words[i]!.pos === 'CCONJ' || words[i]!.pos === 'ADV')) i++;
  if (!SUBJECT_DETERMINERS.has(words[i]?.norm ?? '') || words[i]!.pos !== 'DET') return -1;
  i++;
  while (i < words.length && (words[i]!.pos === 'ADJ' || words[i]!.pos === 'NUM')) i++;
  const subject = words[i];
  const verb = words[i + 1];
  if (subject?.pos !== 'NOUN' || verb?.pos !== 'NOUN') return -1;
  if (FIELD_WORDS.has(verb.norm) || FIELD_WORDS.has(verb.lemma)) return -1;
  const plural = subject.norm !== subject.lemma && subject.norm.endsWith('s');
  const sForm = verb.norm !== verb.lemma && /^[a-z]+s$/.test(verb.norm);
  const base = verb.norm === verb.lemma && /^[a-z]+$/.test(verb.norm) && !/(?:ing|ed)$/.test(verb.norm);
  if (plural ? !base : !sForm) return -1;
  const next = words[i + 2];
  if (next !== undefined && (next.pos === 'NOUN' || next.pos === 'PROPN' || next.pos === 'ADJ')) return -1;
  for (const t of words.slice(i + 2)) {
    if (INNER_CLAUSE_OPENERS.has(t.norm)) break;
    if (t.pos === 'VERB' || t.pos === 'AUX') return -1;
  }
  return i + 1;
}

/** The word read as a verb, its lemma the -s dropped ("exploits" → "exploit"). */
const asVerb = (t: Token): Token => ({ ...t, pos: 'VERB', lemma: t.norm.slice(0, -1) });

/** Tags of the word that makes a bare "instead" an "instead of" (the head or start of a noun phrase). */
const NOUN_PHRASE_START = new Set(['NOUN', 'PROPN', 'NUM', 'X', 'ADJ']);

/**
 * Offsets in `text` of the words right after an "instead" that is followed, past spaces only, by a
 * noun phrase and not by "of" ("instead float32"): where an "of" is missing. An order the tagger
 * read as a noun ("instead use fp16") is no noun phrase.
 */
function bareInstead(text: string, tokens: readonly Token[]): number[] {
  const at: number[] = [];
  for (let i = 0; i + 1 < tokens.length; i++) {
    const next = tokens[i + 1]!;
    if (
      tokens[i]!.norm === 'instead' &&
      NOUN_PHRASE_START.has(next.pos) &&
      !IMPERATIVES.has(next.lemma) &&
      /^ +$/.test(text.slice(tokens[i]!.end, next.start))
    )
      at.push(next.start);
  }
  return at;
}

/**
 * A word that only names a term: no comparative, number or function word, and no verb that
 * tells to do something ("use", "reduce"); "skip connections", "transposed convolution" and a
 * lone "floats" or "overfitting" are terms.
 */
const isBareTerm = (t: Token, i: number, words: readonly Token[]) =>
  !isComparative(t) &&
  !FUNCTION_TAGS.has(t.pos) &&
  t.pos !== 'NUM' &&
  // An order opening the clause is no term, however the tagger read it ("Use" tagged as a name).
  !(i === 0 && (IMPERATIVES.has(t.norm) || IMPERATIVES.has(t.lemma))) &&
  // A verb with a third-person -s opening a clause of three words or more is its predicate, the
  // subject left out ("exploits local spatial structure").
  !(i === 0 && t.pos === 'VERB' && words.length >= 3 && /[^s]s$/.test(t.norm)) &&
  (t.pos !== 'VERB' || words.length === 1 || gerund(t) || (i === 0 && !IMPERATIVES.has(t.lemma)));
/**
 * "upsample", "pruning", "distribution", "quantization", "compression": a verb of doing or its
 * noun, which names a remedy ("specialization", "inhibition" name no act one does to a model).
 */
const namesAnAction = (noun: Token) => {
  if (isAction(noun.norm) || isAction(noun.lemma)) return true; // "upsample + skips"
  for (const [suffix, ends] of NOUN_ENDINGS) {
    if (!noun.norm.endsWith(suffix)) continue;
    const stem = noun.norm.slice(0, -suffix.length);
    if (stem.length > 1 && ends.some((end) => isAction(stem + end))) return true;
  }
  return false;
};
const isAction = (verb: string) => IMPERATIVES.has(verb) || ACTIONS.has(verb);
/** Verbs of doing to a model that name remedies as nouns, beside IMPERATIVES' orders. */
const ACTIONS: ReadonlySet<string> = new Set(
  'quantize quantise distil distill compress parallelize parallelise offload sparsify factorize factorise'.split(
    ' ',
  ),
);
/** A verb's noun endings, each with the verb endings it may stand for ("-ization": "-ize"). */
const NOUN_ENDINGS: readonly (readonly [string, readonly string[]])[] = [
  ['ization', ['ize']],
  ['isation', ['ise']],
  ['ation', ['ate', 'e', '']],
  ['ings', ['', 'e']],
  ['ing', ['', 'e']],
  ['ions', ['', 'e']],
  ['ion', ['', 'e']],
  ['ments', ['']],
  ['ment', ['']],
  ['ism', ['ize', 'ise']],
];
/** A clause that is one verb and nothing else, not an order ("inhibit", "specialize"; not "recompute"). */
const isLoneVerb = (words: readonly Token[]) =>
  words.length === 1 && finiteVerb(words[0]!) && !IMPERATIVES.has(words[0]!.lemma);
/** "fewer", "smaller", "more", "deeper": a word that compares. */
const isComparative = (t: Token) =>
  COMPARATIVES.has(t.norm) ||
  ((t.pos === 'ADJ' || t.pos === 'ADV') && t.norm.endsWith('er') && t.lemma !== t.norm);
const COMPARATIVES = new Set([
  'more',
  'less',
  'fewer',
  'most',
  'least',
  'no',
  'zero',
  'only',
  // "no dense layers, just global average pooling": "just" before a noun phrase says "only" (what
  // is left once the denied thing is taken out: the "not X but Y" of a list).
  'just',
  'any',
  'every',
]);

/**
 * Words strung together without a function word, such as "parameters invariance overfitting
 * computation": four or more terms with nothing that compares or counts, or six or more words with
 * no verb that has something after it.
 */
function isKeywordString(words: readonly Token[]): boolean {
  if (words.some((t) => FUNCTION_TAGS.has(t.pos))) return false;
  // "weight sharing gives far fewer parameters" is a sentence: a verb with something after it; so is
  // an order (the verb's base form) that opens the clause, whatever the tagger read it as ("Close
  // other processes holding GPU memory"; not "reduced …", "replacing …").
  const predicate = words.some(
    (t, i) =>
      ((i > 0 && finiteVerb(t)) || (i === 0 && IMPERATIVES.has(t.norm))) &&
      ['NOUN', 'ADJ', 'ADV', 'NUM', 'PROPN'].includes(words[i + 1]?.pos ?? ''),
  );
  // So is "separable convs replacing inception modules": the participle of a verb of doing after a
  // noun, with its object after it (a relative clause cut short), is that noun's predicate.
  if (
    words.some(
      (t, i) =>
        i > 0 &&
        t.pos === 'VERB' &&
        gerund(t) &&
        // (A verb the lemmatiser does not know keeps its "-ing": "reweighting".)
        (IMPERATIVES.has(t.lemma) ||
          IMPERATIVES.has(t.norm.slice(0, -3)) ||
          IMPERATIVES.has(`${t.norm.slice(0, -3)}e`)) &&
        words[i - 1]!.pos === 'NOUN' &&
        (words[i + 1]?.pos === 'NOUN' || words[i + 1]?.pos === 'ADJ'),
    )
  )
    return false;
  // Two or more verbs with not one function word between them are terms, not predicates
  // ("inhibition neighbours specialise generalise lower layers").
  // (A past participle before its noun modifies that noun: at the clause's opening it is the subject's
  // ("activated neurons inhibit neighbouring maps", "stacked pooling layers lose detail"), right after
  // a verb the object's ("… make strided convs heavier"). Those are sentences with one verb. After a
  // noun it is the verb itself: "pooling reduced resolution".)
  const nounAt = (j: number) =>
    words[j]?.pos === 'NOUN' ||
    words[j]?.pos === 'PROPN' ||
    (words[j] !== undefined && gerund(words[j]!) && words[j + 1]?.pos === 'NOUN');
  const opensAsModifier = (i: number) =>
    words[i]!.norm.endsWith('ed') &&
    nounAt(i + 1) &&
    (i === 0 ||
      (i === 1 && words[0]!.pos === 'ADV') ||
      // (Not after a gerund: "pooling strided convolutions …" names two things, no verb and its object.)
      finiteVerb(words[i - 1]!));
  const verbs = words.filter((t, i) => finiteVerb(t) && !opensAsModifier(i)).length;
  // "depthwise separable convs everywhere": a noun phrase and the adverb that says where it is used
  // is a terse point, not four terms.
  const placed =
    words.length >= 4 &&
    words.length <= 5 &&
    USED_WHERE.has(words[words.length - 1]!.norm) &&
    words.slice(0, -1).every((t) => NOUN_CHUNK.has(t.pos)) &&
    words.slice(0, -1).some((t) => t.pos === 'ADJ' || t.pos === 'NUM' || t.pos === 'X');
  return (
    (words.length >= 6 && (!predicate || verbs >= 2)) ||
    (words.length >= 4 && words.every(isBareTerm) && !placed)
  );
}

/** Adverbs that say where or how widely a thing is used ("… convs everywhere", "… throughout"). */
const USED_WHERE = new Set(['everywhere', 'throughout', 'instead', 'only', 'mostly', 'heavily', 'again']);

function mark(clause: Clause, reason: NonNullable<Clause['reason']>): void {
  if (!clause.asserts) return;
  clause.asserts = false;
  clause.reason = reason;
}

/**
 * Is the clause at normalised offset `from` a verbless "not …" gloss on what the clause before it
 * names ("a kernel as big as the incoming map (not a 1×1 one)", "…, not a dense one")? Its
 * negation is of that one thing, as opposed to another: it denies nothing the answer says of the
 * subject in general. (A sentence that opens with "not" is no gloss: "Not fewer parameters.")
 */
export function negatedGloss(analysis: Analysis, from: number): boolean {
  const { clause, before } = clauseAfterAnother(analysis, from);
  return (
    before !== undefined &&
    !clause.soft &&
    clause.tokens[0]?.norm === 'not' &&
    !clause.tokens.some((t) => t.pos === 'VERB' || t.pos === 'AUX')
  );
}

/**
 * The clause holding normalised offset `from`, and the clause before it when both are in one
 * sentence (a gloss, a relative clause, an aside is read against that one).
 */
export function clauseAfterAnother(analysis: Analysis, from: number): { clause: Clause; before?: Clause } {
  const index = clauseIndexAt(analysis, from);
  const clause = analysis.clauses[index]!;
  const before = analysis.clauses[index - 1];
  return before !== undefined && before.sentence === clause.sentence ? { clause, before } : { clause };
}

/** The clause holding normalised offset `index`. */
export function clauseIndexAt(analysis: Analysis, index: number): number {
  const starts = analysis.clauseStarts;
  let found = 0;
  for (let i = 0; i < starts.length; i++) {
    if (starts[i]! <= index) found = i;
    else break;
  }
  return found;
}

/**
 * Is the word a verb? wink tags some sentence-initial imperatives ("Split", "Spread") PROPN, and some
 * verbs after a relative pronoun NOUN ("blocks that recalibrate"): a word the part knows as a verb
 * counts when no article or adjective stands before it.
 */
function isVerb(words: readonly Token[], i: number, carriers: ReadonlySet<string>): boolean {
  const t = words[i]!;
  // "downsampling nukes the detail": a gerund opening the clause is its subject, and the -s word
  // after it, before an article or a modifier, is its verb (wink reads it as a noun or a verb).
  if (gerundSubject(words)) {
    if (i === 0) return false;
    if (i === 1) return true;
  }
  if (t.pos === 'VERB' || t.pos === 'AUX') {
    // "an SE block", "the pooling": a word after an article, with only modifiers between, is a noun.
    for (let j = i - 1; j >= Math.max(0, i - 3); j--) {
      const w = words[j]!;
      if (w.pos === 'DET' && ARTICLES.has(w.lemma)) return false;
      // "the first one become …": "one" heads its noun phrase, and the verb comes after it.
      if ((w.pos !== 'ADJ' && w.pos !== 'X' && w.pos !== 'NUM') || ONE.has(w.norm)) break;
    }
    return true;
  }
  // An order opens the clause: "Store tensors as …", "Split the model …" (tagged PROPN or NOUN).
  if (i === 0 && (t.pos === 'PROPN' || t.pos === 'NOUN') && IMPERATIVES.has(t.lemma) && words.length > 1)
    return words[1]!.pos !== 'AUX' && words[1]!.pos !== 'VERB';
  if (t.pos !== 'NOUN' && t.pos !== 'PROPN') return false;
  const before = words[i - 1];
  return (
    knownVerb(t.lemma, carriers) &&
    before !== undefined &&
    (before.pos === 'PRON' ||
      ['that', 'which', 'who', 'to'].includes(before.lemma) ||
      // "the loudest neuron shushes": a known verb with a third-person -s after a noun.
      ((before.pos === 'NOUN' || before.pos === 'PROPN') &&
        t.norm.endsWith('s') &&
        knownVerb(t.norm, carriers)))
  );
}
const gerundSubject = (words: readonly Token[]) =>
  words.length > 2 &&
  words[0]!.pos === 'VERB' &&
  gerund(words[0]!) &&
  (words[1]!.pos === 'NOUN' || words[1]!.pos === 'VERB') &&
  words[1]!.norm.endsWith('s') &&
  !words[1]!.norm.endsWith('ss') &&
  ['DET', 'PRON', 'ADJ', 'ADV'].includes(words[2]!.pos);
const ARTICLES = new Set([
  'a',
  'an',
  'the',
  'this',
  'that',
  'these',
  'those',
  'its',
  'their',
  'every',
  'each',
]);
/** A set of the words of a space-separated list (the lists below are data, one line each). */
const wordSet = (words: string): ReadonlySet<string> => new Set(words.split(' '));
/** "One" as the head of its noun phrase ("the first one"). */
const ONE = wordSet('one ones');

/**
 * A carrier verb, also in an inflection the lemmatiser did not know ("recalibrates"), or with its
 * "n't" ("a max pool isn't invariant" is the claim "is invariant", denied, as "is not" is).
 */
const knownVerb = (written: string, carriers: ReadonlySet<string>) => {
  const lemma = CONTRACTED_VERB.get(written.replace('’', "'")) ?? written;
  return (
    carriers.has(lemma) ||
    (lemma.endsWith('s') && carriers.has(lemma.slice(0, -1))) ||
    (lemma.endsWith('es') && carriers.has(lemma.slice(0, -2))) ||
    (lemma.endsWith('d') && carriers.has(lemma.slice(0, -1))) ||
    (lemma.endsWith('ed') && carriers.has(lemma.slice(0, -2)))
  );
};
/** Nouns that announce a point rather than name another thing ("a trick for …", "the fix with …"). */
const GENERIC_HEADS = wordSet(
  'way trick solution fix approach method reason key goal purpose answer option remedy technique step',
);
/** Verbs that say what to turn into what, which the tagger often reads as nouns at a clause's start. */
const VERBS_OF_CHANGE = wordSet('change go turn set swap move');
const NOUN_CHUNK = new Set(['NOUN', 'PROPN', 'ADJ', 'NUM', 'X']);
const CONTENT_TAGS = new Set(['NOUN', 'PROPN', 'VERB', 'ADJ', 'NUM', 'ADV', 'X']);

/** What a phrase found at normalised offsets [from, to) amounts to in its clause. */
export type Licence = { readonly asserted: true } | { readonly asserted: false; readonly reason: string };

/**
 * Does the answer assert the phrase found at normalised offsets [from, to)? Yes when its clause
 * asserts at all and the phrase is the clause's claim:
 *   - it contains the clause's verb ("reduce the batch size", "resolution gets lost");
 *   - or it follows a verb that can carry it (`carriers`: have, use, need, give, …, and the verbs of
 *     the part's own model answer) — "CNNs have fewer parameters"; not "… overfits anywhere";
 *   - or it is the whole subject of the clause ("fewer parameters are needed"), not a word inside a
 *     larger subject ("the hierarchy of fewer parameters overfits"); a possessor and the things the
 *     question pairs (`subjects`: "GoogLeNet's inception modules") may stand beside it;
 *   - or the clause has no verb and is the phrase itself, give or take two words (a terse point).
 * A phrase followed by "of" and a noun from outside the subject is about that noun ("a smaller
 * batch of dough").
 */
export function licence(
  analysis: Analysis,
  from: number,
  to: number,
  carriers: ReadonlySet<string>,
  domain: (word: string) => boolean,
  subjects: ReadonlySet<string>,
): Licence {
  const clause = analysis.clauses[clauseIndexAt(analysis, from)]!;
  if (!clause.asserts) return { asserted: false, reason: clause.reason ?? 'no claim' };
  const a = analysis.origin[from]!;
  const b = analysis.origin[Math.max(from, to - 1)]!;
  const words = clause.tokens;
  const inside = (t: Token) => t.end > a && t.start <= b;
  let first = words.findIndex(inside);
  let last = -1;
  for (let i = words.length - 1; i >= 0; i--)
    if (inside(words[i]!)) {
      last = i;
      break;
    }
  if (first < 0) return { asserted: true };
  const verbs = words.map((_, i) => isVerb(words, i, carriers));
  const phraseLast = last;
  // "The max pooling pump has no parameters", "a fully convolutional toaster … accepts bread of any
  // size": the clause is about a thing from outside the field that the field's words only name.
  const thing = namedSubject(analysis, clause, verbs, carriers, domain);
  if (thing !== undefined) return { asserted: false, reason: `said of a ${thing}` };
  // "At the swimming pool the max depth has …", "At the bakery, the smallest batch …": a sentence set
  // somewhere outside the field tells a story there, whatever field words it uses.
  const place = sceneOf(analysis, clause, domain);
  if (place !== undefined) return { asserted: false, reason: `set at a ${place}` };
  // A phrase found inside a noun chunk stands for the chunk ("inception" in "inception modules").
  const chunk = (i: number) => !verbs[i] && NOUN_CHUNK.has(words[i]!.pos);
  while (first > 0 && chunk(first - 1) && chunk(first)) first--;
  while (last < words.length - 1 && chunk(last + 1) && chunk(last)) last++;
  // "an upsampling DVD player", "a skip connection cable": after an article, the phrase names what
  // kind of thing a noun from outside the field is, and asserts nothing about a network (without
  // one, "skip connections ftw" is a terse point with a chat word after it).
  const named = words[first - 1]?.pos === 'DET' ? namedThing(words, phraseLast, carriers, domain) : undefined;
  if (named !== undefined) return { asserted: false, reason: `names a ${named}` };
  // "… batch of dough": the phrase is about something else.
  const after = words.slice(last + 1, last + 4);
  if (after[0]?.lemma === 'of') {
    const noun = after.slice(1).find((t) => t.pos === 'NOUN' || t.pos === 'PROPN');
    if (noun !== undefined && !domain(noun.lemma) && !domain(noun.norm))
      return { asserted: false, reason: `about ${noun.norm}` };
  }
  for (let i = first; i <= last; i++) if (verbs[i]) return { asserted: true };

  // "the hierarchy of fewer parameters …": a phrase inside another noun's "of" is not the claim
  // (unless a verb carries it: "processes images of any size").
  const owner = words[first - 2];
  const insideOf =
    words[first - 1]?.lemma === 'of' &&
    owner !== undefined &&
    (owner.pos === 'NOUN' || owner.pos === 'PROPN') &&
    !SUBJECT_HEADS.has(owner.lemma) &&
    !QUANTITIES.has(owner.lemma) &&
    !INPUTS.has(owner.lemma) &&
    !subjects.has(owner.norm);
  if (!verbs.includes(true)) {
    // "about 10x fewer thanks to its inception modules": a verbless point that names its cause
    // asserts the cause ("thanks to", "due to", "because of", "owing to", past a determiner).
    if (causeBefore(words, first)) return { asserted: true };
    if (insideOf) return { asserted: false, reason: `said of "${owner!.norm}"` };
    // A fragment headed by a name from outside the field is about that name, and the phrase after
    // it only qualifies it ("…, Shelhamer and Darrell in 2015 for semantic segmentation").
    const head = words.find((t) => CONTENT_TAGS.has(t.pos));
    if (
      head !== undefined &&
      words.indexOf(head) < first &&
      // A name (slang fillers such as "lol", "tbh" are tagged as common nouns, and head nothing).
      head.pos === 'PROPN' &&
      !domain(head.lemma) &&
      !domain(head.norm) &&
      !SUBJECT_HEADS.has(head.lemma) &&
      !GENERIC_HEADS.has(head.lemma) &&
      !subjects.has(head.norm) &&
      // An order the tagger read as a noun ("change float32 to float16") heads no noun phrase.
      !IMPERATIVES.has(head.lemma) &&
      !knownVerb(head.lemma, carriers) &&
      !VERBS_OF_CHANGE.has(head.lemma)
    )
      return { asserted: false, reason: `about ${head.norm}` };
    // "depthwise separable convolutions in place of inception modules": what the point replaces,
    // after "instead of", "in place of" or "rather than", is its contrast, not more words of another claim.
    let end = words.length;
    for (let i = last + 1; i < words.length - 1; i++)
      if (
        (words[i + 1]!.lemma === 'of' &&
          (words[i]!.lemma === 'instead' || (words[i]!.lemma === 'place' && words[i - 1]?.lemma === 'in'))) ||
        (words[i]!.lemma === 'rather' && words[i + 1]!.lemma === 'than')
      ) {
        end = words[i]!.lemma === 'place' ? i - 1 : i;
        break;
      }
    let extra = 0;
    for (let i = 0; i < end; i++)
      if ((i < first || i > last) && CONTENT_TAGS.has(words[i]!.pos) && !FILLER.has(words[i]!.lemma)) extra++;
    return extra <= 2 ? { asserted: true } : { asserted: false, reason: 'no claim' };
  }
  let verbBefore = -1;
  for (let i = first - 1; i >= 0; i--)
    if (verbs[i]) {
      verbBefore = i;
      break;
    }
  if (verbBefore >= 0) {
    // The nearest verb before the phrase, past auxiliaries and "to": "is able to detect", "helps reduce".
    for (let i = verbBefore; i >= 0; i--) {
      if (!verbs[i] && words[i]!.lemma !== 'to' && words[i]!.pos !== 'ADV' && words[i]!.pos !== 'PART') break;
      if (verbs[i] && knownVerb(words[i]!.lemma, carriers)) return { asserted: true };
    }
    return { asserted: false, reason: `not what "${words[verbBefore]!.norm}" says` };
  }
  if (insideOf) return { asserted: false, reason: `said of "${owner!.norm}"` };
  // The phrase stands before the clause's first verb: it must be the whole subject, or one of a
  // coordination ("squeeze and excitation blocks", "weight sharing and local connections reduce …").
  const verbAt = verbs.indexOf(true);
  // "After the ReLU of early conv layers, …": a clause that opens with a preposition opens with an
  // adverbial, not a subject; nothing before its verb is another thing the phrase is said of.
  if (words[0]!.pos === 'ADP' && first > 0) return { asserted: true };
  let lo = first;
  let hi = last;
  while (lo > 1 && words[lo - 1]!.pos === 'CCONJ' && chunk(lo - 2)) {
    lo -= 2;
    while (lo > 0 && chunk(lo - 1)) lo--;
  }
  while (hi < verbAt - 2 && words[hi + 1]!.pos === 'CCONJ' && chunk(hi + 2)) {
    hi += 2;
    while (hi < verbAt - 1 && chunk(hi + 1)) hi++;
  }
  for (let i = 0; i < verbAt; i++) {
    if (i >= lo && i <= hi) continue;
    const t = words[i]!;
    // A possessor ("GoogLeNet's inception modules") or one of the things the question pairs is no other subject;
    // nor is the network's own input ("images of any size can be processed").
    if (words[i + 1]?.norm === "'s" || subjects.has(t.norm) || INPUTS.has(t.lemma)) continue;
    if ((t.pos === 'NOUN' || t.pos === 'PROPN') && !SUBJECT_HEADS.has(t.lemma))
      return { asserted: false, reason: `said of "${t.norm}"` };
  }
  return { asserted: true };
}

/** Does "thanks to", "due to", "because of" or "owing to" stand right before `words[first]` (past a determiner)? */
function causeBefore(words: readonly Token[], first: number): boolean {
  let i = first - 1;
  if (words[i]?.pos === 'DET' || words[i]?.pos === 'PRON') i--;
  const pair = `${words[i - 1]?.norm} ${words[i]?.norm}`;
  return CAUSE_OPENERS.has(pair);
}

/**
 * The noun a phrase ending at `words[last]` modifies when that noun is from outside the field
 * ("upsampling DVD player" → "player", "skip cables" → "cables"), else undefined. The nouns right
 * after the phrase, up to a verb the part knows, make one compound whose last noun is its head; a
 * head of the field ("skip connections", "pooling layers") or one that only says what kind of
 * step it is ("an upsampling stage", "the pooling trick") leaves the phrase a claim.
 */
function namedThing(
  words: readonly Token[],
  last: number,
  carriers: ReadonlySet<string>,
  domain: (word: string) => boolean,
): string | undefined {
  // A phrase that ends in an adverb ("fewer parameters overall") has ended its noun phrase.
  if (!NOUN_CHUNK.has(words[last]!.pos) && words[last]!.pos !== 'VERB') return undefined;
  let head: Token | undefined;
  for (let i = last + 1; i < words.length; i++) {
    const t = words[i]!;
    if ((t.pos !== 'NOUN' && t.pos !== 'PROPN') || knownVerb(t.lemma, carriers) || CHAT_WORDS.has(t.norm))
      break;
    head = t;
  }
  if (head === undefined || head.pos !== 'NOUN' || !foreignNoun(head, domain)) return undefined;
  return head.norm;
}
/**
 * The thing a clause is said of when it is one from outside the field named with the field's words
 * ("the max pooling pump", "a fully convolutional toaster", "the upsampling DVD player"): the noun
 * right before the clause's first verb heads a compound, and an earlier word of that compound is
 * of the field. A clause with no subject of its own after "and"/"but" shares the one before it.
 */
function namedSubject(
  analysis: Analysis,
  clause: Clause,
  verbs: readonly boolean[],
  carriers: ReadonlySet<string>,
  domain: (word: string) => boolean,
): string | undefined {
  let words = clause.tokens;
  // The clause's verb, not a gerund the tagger read as one ("the max pooling pump has …").
  const finite = (list: readonly Token[], isVerbAt: (i: number) => boolean) =>
    list.findIndex((t, i) => isVerbAt(i) && !gerund(t));
  let verbAt = finite(words, (i) => verbs[i] === true);
  if (verbAt <= 0 || (verbAt === 1 && words[0]!.pos === 'CCONJ')) {
    // "… and accepts bread": the subject of the clause before, in the same sentence.
    const index = analysis.clauses.indexOf(clause);
    const before = analysis.clauses[index - 1];
    if (!clause.soft || before === undefined || before.sentence !== clause.sentence) return undefined;
    words = before.tokens;
    verbAt = finite(words, (i) => isVerb(words, i, carriers));
    if (verbAt <= 0) return undefined;
  }
  const head = words[verbAt - 1]!;
  if (head.pos !== 'NOUN' || gerund(head) || !foreignNoun(head, domain)) return undefined;
  const ofField = (t: Token) => domain(t.lemma) || domain(t.norm) || t.norm.split('-').some(domain);
  for (let i = verbAt - 2; i >= 0; i--) {
    const t = words[i]!;
    // "small translations of the lane ropes are invariant": the field word is a property of the
    // foreign thing its "of" names, and the clause is about that thing.
    if (t.lemma === 'of' || (t.pos === 'DET' && words[i - 1]?.lemma === 'of')) {
      const owner = words[t.lemma === 'of' ? i - 1 : i - 2];
      return owner !== undefined && NOUN_CHUNK.has(owner.pos) && ofField(owner) ? head.norm : undefined;
    }
    if (t.pos !== 'NOUN' && t.pos !== 'PROPN' && t.pos !== 'ADJ' && t.pos !== 'VERB' && t.pos !== 'X') break;
    if (ofField(t)) return head.norm;
  }
  return undefined;
}
/** Prepositions that open a scene ("at the pool", "in my kitchen"), not a method ("by", "with"). */
const SCENE_OPENERS = wordSet('at in on inside during near outside');
/** Nouns a scene may hold that leave the sentence about the field ("in practice", "in the paper"). */
const NEUTRAL_SCENES = wordSet(
  'practice theory general short hand end start beginning top bottom middle place paper papers book books notes lecture lectures slides course class world life words terms sum summary turn addition contrast comparison principle' +
    // The writer's own work, where the field's things happen ("In my project I used float16, …").
    ' project projects work job lab experiment experiments assignment homework team company code codebase setup pipeline exam',
);
/**
 * Where the clause's sentence is set when it opens, at this clause or before it, with a
 * preposition and a noun phrase from outside the field ("at the bakery", "at the swimming pool":
 * a field noun after a modifier from outside it names a foreign thing too): that noun, else
 * undefined. "In practice", "in the lower layers", "on the GPU" are no such place.
 */
function sceneOf(analysis: Analysis, clause: Clause, domain: (word: string) => boolean): string | undefined {
  // The sentence's first clause: a scene is set where the sentence opens, not inside it.
  const words = analysis.clauses.find((c) => c.sentence === clause.sentence)?.tokens ?? [];
  if (words[0]?.pos !== 'ADP' || !SCENE_OPENERS.has(words[0].lemma)) return undefined;
  let nouns = 0;
  let foreign: string | undefined;
  let foreignModifier = false;
  for (let i = 1; i < words.length; i++) {
    const t = words[i]!;
    if (t.pos === 'DET' || t.pos === 'PRON' || t.pos === 'NUM') {
      if (nouns > 0) break;
      continue;
    }
    if (t.pos === 'ADJ' && t.norm.endsWith('ing') && !domain(t.norm) && !domain(t.lemma)) {
      foreignModifier = true;
      continue;
    }
    if (t.pos === 'ADJ' || t.pos === 'X') continue;
    if (t.pos !== 'NOUN') break;
    nouns++;
    if ((foreignModifier || foreignNoun(t, domain)) && t.norm.length > 2 && !NEUTRAL_SCENES.has(t.lemma))
      foreign = t.norm;
  }
  return foreign;
}

/** A noun from outside the field, and no word that only says what kind of step or part it is. */
const foreignNoun = (head: Token, domain: (word: string) => boolean) =>
  !(
    domain(head.lemma) ||
    domain(head.norm) ||
    (head.norm.endsWith('s') && domain(head.norm.slice(0, -1))) ||
    KINDS_OF_STEP.has(head.lemma) ||
    SUBJECT_HEADS.has(head.lemma) ||
    GENERIC_HEADS.has(head.lemma) ||
    QUANTITIES.has(head.lemma) ||
    FILLER.has(head.lemma) ||
    CHAT_WORDS.has(head.norm) ||
    ABSTRACT_NOUN.test(head.lemma) ||
    PLAIN_NOUNS.has(head.lemma)
  );
/** Abstract nouns ("detection", "response", "robustness"): a quality or an act, never a device. */
const ABSTRACT_NOUN = /(?:tion|sion|ness|ity|ment|ance|ence|ism|ure|ship|ing|ics|ogy)$/;
/** Nouns any answer may use of a network's insides ("the dense stuff", "the strongest signal"). */
const PLAIN_NOUNS = wordSet(
  'thing things stuff bit bits signal signals value values number numbers score scores response responses piece pieces side sides spot area window windows patch patches neighbourhood neighborhood grid cell cells baby thingy thingies thingie doohickey whatever gizmo trick tricks magic sauce vibe vibes boi bois guy guys folks norm norms bn backprop backpropagation descent optimizer optimiser lr epoch epochs softmax logit logits receptive field fields',
);

/** Chat words the tagger reads as nouns ("… the where-info lol"): they end a compound, never head it. */
const CHAT_WORDS = wordSet(
  'lol lmao rofl tbh imo imho btw fwiw idk ok okay yeah yep ya bro bruh dude fam fr ngl af lowkey highkey smh irl ez gg pls plz thx ty brrr ftw fml omg wtf ikr',
);
/** Nouns that say what kind of step or part of a network a phrase names ("an upsampling stage"). */
const KINDS_OF_STEP = wordSet(
  'step stage path pathway branch head part process operation op scheme mechanism strategy design architecture decoder encoder backbone component piece version variant style type design trick procedure pass phase route link links shortcut path paths level levels info',
);

/** Nouns that measure what their "of" holds ("the risk of overfitting", "a lot of memory"). */
const QUANTITIES = wordSet(
  'risk number amount lot lots size count chance danger problem issue degree level bit deal tenth fraction half loss reduction',
);
/**
 * What a network takes in ("images of any size work", "inputs of varying size are fine"):
 * what their "of" says is a property of the network's own data, not of another thing.
 */
const INPUTS = wordSet('image input picture photo');
/** Words that do not count against a terse point ("far fewer parameters", "much less memory"). */
const FILLER = wordSet('far much very also so just only even really quite lot lots way');
/** Nouns a subject may hold beside the phrase ("the use of weight sharing", "CNN weight sharing"). */
const SUBJECT_HEADS = wordSet(
  'use cnn cnns convnet convnets network networks net nets layer layers model models kind sort form idea concept advantage benefit result effect property fact point case thing one',
);
