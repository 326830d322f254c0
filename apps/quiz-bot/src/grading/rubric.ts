import { QUESTIONS } from '../questions/bank';
import type { Concept, RubricPart } from '../questions/schemas';
import {
  type Analysis,
  analyseAnswer,
  type Clause,
  clauseAfterAnother,
  clauseIndexAt,
  licence,
  negatedGloss,
} from './claims/analysis';
import {
  ADVICE_DENIAL_ADVERBS,
  ADVICE_DENIALS,
  ADVICE_MODALS,
  ADVICE_OPENERS,
  ADVICE_PERSONS,
  ADVISED_VERBS,
  ANALOGY_HEDGES,
  ANALOGY_OPENERS,
  ANALOGY_VERBS,
  MEMORY_COST_VERBS,
  MEMORY_NOUNS,
  MORE_INTENSIFIERS,
  MULTIPLES,
  NO_DIFFICULTY_WORDS,
  normalisedAlternation,
  type PartLexicon,
  partLexicon,
  STANCE_VERBS,
  thirdPerson,
  typedAlternation,
} from './claims/lexicon';
import { meaningsOf, oppositeMeaningsOf } from './claims/meanings';
import { ABSOLUTE, AS_AFTER, MEANS, NEGATIONS, NEGATIVE_PHRASE, NOT_AS } from './claims/negation';
import { finiteVerb, gerund, type Token } from './claims/nlp';
import { paraphrasesOf } from './claims/paraphrases';
import {
  asksForDifficulty,
  definitionOnly,
  framedAsAsked,
  isConsequence,
  type MissingPoints,
  pointsEarned,
  pointsMissing,
  samePoint,
} from './claims/points';
import { type CompiledClaim, compileClaim, findClaims } from './claims/synonyms';
import type { Grade } from './grade';
import { learnedReader } from './reader';

/*
 * Free-text grading that reads meaning, not only keywords, and stays deterministic and fast (plain
 * regular expressions, no model). A concept is credited when one of its phrases is affirmed:
 *   - not negated in its clause ("not fewer parameters", "no upsampling is needed");
 *   - not turned round by a comparative or verb of the other direction ("increase the batch size"
 *     against "smaller batch", "pooling uses more memory" against "less memory");
 *   - not contradicted by an opposite said plainly ("64-bit floats", "pooling preserves resolution");
 *   - said of the right subject where the question pairs them ("ResNet uses inception modules"
 *     does not count for GoogLeNet; "a conv layer has more parameters" counts for pooling).
 * Clauses are cut at punctuation and at conjunctions, so "increase X and use 16-bit floats" keeps
 * its two claims apart.
 */

/** Lower case, accents and punctuation removed, "×" read as "x", single spaces. */
export function normaliseText(text: string): string {
  return ` ${foldText(text)
    .replace(/[^a-z0-9/]+/g, ' ')
    .trim()} `;
}

const ASCII = /^[\x20-\x7e\n\t]*$/;

function foldText(text: string): string {
  // Most answers are plain ASCII: nothing to decompose (the Unicode pass is the costly part).
  // Stryker disable next-line ConditionalExpression: a shortcut only; the Unicode pass gives the same text for ASCII
  if (ASCII.test(text)) return text.toLowerCase();
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/×/g, 'x')
    .toLowerCase();
}

interface Cue {
  readonly index: number;
  readonly end: number;
}

interface Prepared {
  /** The normalised text, as normaliseText gives it. */
  readonly text: string;
  /** Start offsets of the clauses, ascending; a clause runs to the next start. */
  readonly clauseStarts: readonly number[];
  /** Sentences, clauses and tagged words: what the answer asserts. */
  readonly analysis: Analysis;
  /** Sentences in which some concept of the part (or its opposite) is named. */
  readonly mentioned: Set<number>;
  /** Where negations and comparatives are, found once per answer (grading reads them per phrase). */
  readonly negationsBefore: readonly Cue[];
  readonly negationsAfter: readonly Cue[];
  /** Comparatives, found on first need (only rubrics with directed concepts read them). */
  directions?: { readonly less: readonly Cue[]; readonly more: readonly Cue[] };
}

/** Cue patterns start with the space before the word (faster than a lookbehind); the cue is the word. */
const cuesOf = (text: string, pattern: RegExp): Cue[] => {
  const cues: Cue[] = [];
  for (const m of text.matchAll(pattern)) cues.push({ index: m.index + 1, end: m.index + m[0].length });
  return cues;
};

function prepare(answer: string, names?: ReadonlySet<string>): Prepared {
  const analysis = analyseAnswer(answer, names);
  const { text, clauseStarts } = analysis;
  return {
    text,
    clauseStarts,
    analysis,
    mentioned: new Set(),
    negationsBefore: cuesOf(text, NEGATION_BEFORE),
    negationsAfter: cuesOf(text, NEGATION_AFTER),
  };
}

/** The clauses a phrase spans ("low level and high level features are not combined"). */
function spanningClause(prepared: Prepared, from: number, to: number): { start: number; end: number } {
  return { start: clauseAround(prepared, from).start, end: clauseAround(prepared, to - 1).end };
}

function clauseAround(prepared: Prepared, index: number): { start: number; end: number } {
  const starts = prepared.clauseStarts;
  let start = 0;
  let end = prepared.text.length;
  for (let i = 0; i < starts.length; i++) {
    if (starts[i]! <= index) start = starts[i]!;
    else {
      end = starts[i]!;
      break;
    }
  }
  return { start, end };
}

/**
 * Words that negate what follows them in a clause ("not", "no", "without", "don't" after folding);
 * "almost no computation" is little computation, not none denied.
 */
const NEGATION_BEFORE =
  /[ /](?:not(?! only| just| merely| simply)|(?<!(?:almost|nearly|practically|virtually) )no(?! matter| doubt)|never|nowhere near|without|nor|neither|none|nothing|cannot|can t|couldn t|(?:don t|doesn t|isn t|aren t|wasn t|weren t|didn t)(?! just| only| merely| simply)|won t|shouldn t|wouldn t|mustn t|needn t|hasn t|haven t|lacks?|lacking|instead of|in (?:place|lieu) of|rather than|avoid\w*|fails? to|false that|wrong that|myth that|disabl\w*|turn off|switch off|stop using)(?= )/g;
/**
 * A negation after the phrase: "upsampling is not needed", "pooling isn't cheaper", "skips are
 * useless"; "ReLU and dropout already existed" denies that the network brought them in. A negated obligation is no denial of the subject ("a residual unit doesn't have to learn
 * the whole mapping"), nor is a negated word of worthlessness ("skip connections are not optional",
 * "isn't a myth": two negations affirm).
 */
const NEGATION_AFTER =
  / (?:(?:is|are|was|were|be|does|do|did|has|have|will|would|should|can|could) not(?! only| just| have to| need to| optional| unnecessary| useless| pointless| irrelevant| unimportant| negligible| overrated| a myth)|(?:isn t|aren t)(?! optional| unnecessary| useless| pointless| irrelevant| unimportant| negligible| overrated| a myth)|(?:doesn t|don t|won t|didn t|can t|cannot|couldn t)(?! have to| need to)|not (?:needed|required|necessary|used|useful|important|possible|true|the case)|no longer|never|nothing|(?:had |have |has )?already (?:existed|been (?:used|around|known|invented))|(?:was|were) (?:already|nothing new|not new)|existed (?:already|before)|(?:is|are|s) (?:just |only |merely |simply |really )?(?:useless|unnecessary|pointless|irrelevant|wrong|false|untrue|incorrect|overrated|nonsense|hype|(?:a |an )?(?:common |popular |widespread |total |complete )?(?:myth|misconception|mistake|fallacy|lie|story|fairy tale)))(?= )/g;
const PLAIN_NEGATION =
  / (?:not|no|never|without|neither|nor|don t|doesn t|didn t|isn t|aren t|can t|cannot)(?= )/;
/** Before an opposite, these mean it is what the learner moves away from ("16-bit rather than 32-bit"). */
const CONTRAST_BEFORE =
  /(?<= )(?:than|from|replac\w*|chang\w*|convert\w*|over|versus|vs|unlike|compared (?:to|with))(?= )/;

/** A clause that denies a reason, not a fact: "it's not that …", "the point is not that …", "not about …". */
const REASON_DENIED =
  /^ (?:(?:and|but|so) )?(?:(?:it|this|that) (?:is|s|isn t|was|wasn t) (?:not )?(?:that|about)|not (?:that|about)|the (?:point|reason|advantage|idea) (?:is|isn t|s) (?:not )?(?:that|about)?)(?= )/;

/** The start of a comparison, up to three words before a phrase: "the way", "like", "just as". */
const COMPARISON_OPENS = / (?:the way|just as|just like|like|unlike|as)(?: \S+){0,3} $/;
/** The end of such a comparison: up to six words and an auxiliary standing for the verb ("… does"). */
const COMPARISON_ENDS = /^(?: \S+){0,6} (?:does|do|did|would|will|can|could|is|are|was|were) ?$/;

/** "from" and at most two words right before the phrase: the start of a change ("switch from …"). */
const FROM_BEFORE = / from (?:\S+ ){0,2}$/;
/** A change's "from" and then its "to" before the phrase: the phrase is where the change goes. */
const FROM_TO = / from (?:\S+ )+to (?:\S+ ){0,2}$/;

const LESS =
  / (?:more (?:small|little|few|low|shallow|narrow|thin|light|cheap|short)|(?:almost|nearly|practically|virtually|next to) no|(?:hardly|barely|scarcely) any|(?<! (?:not|as|so|too) )(?:few|little|tiny|small|low)|less|fewer|smaller|lower|reduc\w*|decreas\w*|shrink\w*|halv\w*|cut|cuts|cutting|remov\w*|drop\w*|minimi[sz]\w*|limit\w*|cheaper|shallower|narrower|lighter|sav(?:e|es|ing)|prevent\w*|hinder\w*|discourag\w*|fight\w*|combat\w*)(?= )/g;
const MORE =
  / (?:more(?! (?:small|little|few|low|shallow|narrow|thin|light|cheap|short) )|greater|larger|bigger|higher|increas\w*|rais(?:e|es|ing)|grow\w*|doubl\w*|add|adds|added|adding|extra|additional|expand\w*|deeper|wider|heavier|costlier|maximi[sz]\w*|encourag\w*|promot\w*|caus\w*)(?= )/g;
/** Words skipped when measuring how far a comparative is from its noun ("increase the risk of overfitting"). */
const FILLERS = new Set(
  'the a an of its their this that these those to from in on for at risk number amount size use much far even very some as be is are it they them its also quite way'.split(
    ' ',
  ),
);
/** A comparative of a smaller amount inside a phrase. */
const AMOUNT_LESS = / (?:fewer|less) /;
/** A comparative further than this many other words from the phrase is about something else. */
const DIRECTION_REACH = 3;

/** Cues that a subject named next is a comparison, not what the claim is about ("than a conv layer"). */
const NOT_THE_SUBJECT =
  /(?<![a-z])(?:than|unlike|versus|vs|over|instead of|rather than|compared (?:to|with)|like|merg\w*|combin\w*|and|of|from|not|with|to|on|onto|into|extends?|extending|extended|adds? to|inside)(?: (?:a|an|the|with|using|in|every|each|all|existing))* $/;

/**
 * The thing a comparison measures against, named with up to three words of its own before its name
 * ("than a stride-2 conv", "unlike a plain 3x3 convolution"): no subject of the claim either.
 */
const COMPARED_WITH =
  /(?<![a-z])(?:than|unlike|versus|vs|instead of|rather than|compared (?:to|with))(?: \S+){1,3} $/;

interface CompiledConcept {
  readonly concept: Concept;
  readonly patterns: readonly RegExp[];
  readonly undirected: readonly RegExp[];
  readonly opposites: readonly RegExp[];
  readonly claims: readonly CompiledClaim[];
  readonly counterclaims: readonly CompiledClaim[];
  /** The concept's effects (`effects.patterns`) and the other things' names they may be said of. */
  readonly effects: readonly RegExp[];
  readonly effectOf: RegExp | undefined;
}
interface CompiledSubject {
  readonly id: string;
  readonly pattern: RegExp;
}
interface CompiledRubric {
  readonly concepts: readonly CompiledConcept[];
  readonly subjects: readonly CompiledSubject[];
}

const compiledParts = new WeakMap<RubricPart, CompiledRubric>();
// Anchored at a word start, so "stride" does not match inside "bestride".
// The leading space or slash is matched, not looked behind for: phrases start one character in.
const wordStart = (source: string) => new RegExp(`[ /](?:${source})`, 'g');
/** One scan per list: the patterns joined into a single alternation (none when the list is empty). */
const alternation = (sources: readonly string[]): RegExp[] =>
  sources.length === 0 ? [] : [wordStart(sources.map((source) => `(?:${source})`).join('|'))];

/** @internal A part's concepts and subjects as regular expressions and claims, once per part object; exported for tests. */
export function compile(part: RubricPart): CompiledRubric {
  let compiled = compiledParts.get(part);
  if (compiled === undefined) {
    compiled = {
      concepts: part.concepts.map((concept) => ({
        concept,
        patterns: alternation(concept.patterns),
        undirected: alternation(concept.undirected ?? []),
        opposites: alternation(concept.opposites ?? []),
        claims: [
          ...(concept.claims ?? []),
          ...(paraphrasesOf(part.id, concept.id).claims ?? []),
          ...meaningsOf(part.id, concept.id),
        ].map(compileClaim),
        counterclaims: [
          ...(concept.counterclaims ?? []),
          ...(paraphrasesOf(part.id, concept.id).counterclaims ?? []),
          ...oppositeMeaningsOf(part.id, concept.id),
        ].map(compileClaim),
        effects: alternation(concept.effects?.patterns ?? []),
        effectOf:
          concept.effects === undefined
            ? undefined
            : new RegExp(`[ /](?:${concept.effects.notOf.join('|')})`),
      })),
      subjects: (part.subjects?.list ?? []).map((s) => ({
        id: s.id,
        pattern: new RegExp(`[ /](?:${s.patterns.join('|')})(?= )`, 'g'),
      })),
    };
    compiledParts.set(part, compiled);
  }
  return compiled;
}

interface SubjectMention {
  readonly id: string;
  readonly index: number;
  /** Only for the clause it opens (the subject of a relative clause): no later clause reads it back. */
  readonly ownClauseOnly?: true;
}

/** A name's letters and digits, lower case ("AlexNet" → "alexnet", "LeNet-5" → "lenet5"). */
const letters = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Does a name open with `label` as its acronym, in capitals ("SENet" opens with "SE")? */
const acronymOpens = (name: string, label: string) => name.startsWith(label.toUpperCase());

/** Where each subject is named as what a claim is about (not "than X", not "with X's"). */
function subjectMentions(prepared: Prepared, subjects: readonly CompiledSubject[]): SubjectMention[] {
  const all: (SubjectMention & { end: number })[] = [];
  for (const subject of subjects) {
    subject.pattern.lastIndex = 0;
    for (const m of prepared.text.matchAll(subject.pattern))
      all.push({ id: subject.id, index: m.index + 1, end: m.index + m[0].length });
  }
  // "Alex: ReLU, GPUs": a short label before a colon that begins one subject's name, and no
  // other's, is that subject, named as what follows is about. Two letters only when the name opens
  // with them as its acronym ("SE: channel gating" for SENet; not "re:" for ResNet).
  for (const clause of prepared.analysis.clauses) {
    const label = prepared.text.slice(clause.start + 1, clause.end);
    if (!clause.beforeColon || clause.tokens.length !== 1 || label.length < 2) continue;
    const named = subjects.filter((s) =>
      label.length < 3 ? acronymOpens(s.id, label) : letters(s.id).startsWith(label),
    );
    if (named.length === 1 && !all.some((m) => m.index === clause.start + 1))
      all.push({ id: named[0]!.id, index: clause.start + 1, end: clause.end });
  }
  all.sort((a, b) => a.index - b.index);
  const mentions: SubjectMention[] = [];
  all.forEach((mention, k) => {
    const { index } = mention;
    const clause = clauseAround(prepared, index);
    const before = prepared.text.slice(Math.max(clause.start, index - 30), index);
    if (
      (NOT_THE_SUBJECT.test(before) &&
        !opensCoordinateClause(prepared, clause, mention) &&
        !frontedTopicBeforeActor(prepared, clause, mention)) ||
      COMPARED_WITH.test(before)
    )
      return;
    if (complementOfVerb(prepared.analysis, index)) {
      // "it beats a dense net, which assumes …": the object that closes its clause is the subject
      // of the relative clause right after it (that clause only).
      const relative = relativeClauseAfter(prepared, clause, mention.end);
      if (relative !== undefined) mentions.push({ id: mention.id, index: relative, ownClauseOnly: true });
      return;
    }
    // "AlexNet = LeNet but huge": a thing named right after another describes it.
    const previous = all[k - 1];
    if (previous !== undefined && previous.id !== mention.id) {
      const { analysis, text } = prepared;
      const before = clauseIndexAt(analysis, previous.index);
      const here = clauseIndexAt(analysis, index);
      const previousClause = analysis.clauses[before]!;
      // In one clause ("AlexNet LeNet but huge"), or anywhere in the clause after an "=" or ":"
      // when the thing named first is its clause on its own ("AlexNet = a bigger LeNet").
      if (
        (before === here && index - previous.end <= 1) ||
        (here === before + 1 &&
          text.slice(previousClause.start, previousClause.end).trim() ===
            text.slice(previous.index, previous.end))
      )
        return;
    }
    mentions.push({ id: mention.id, index });
  });
  return mentions;
}

/**
 * A thing named as the object of a verb, or after a preposition that follows its clause's verb ("it doesn't throw away the
 * layout the way flattening for a dense net does") is a complement, not what the clause is about.
 * Before the verb it may still set the scene ("In a dense net, every pixel is connected to …").
 */
function complementOfVerb(analysis: Analysis, index: number): boolean {
  const clause = analysis.clauses[clauseIndexAt(analysis, index)]!;
  const at = analysis.origin[index]!;
  const before = clause.tokens.filter((t) => t.end <= at);
  let i = before.length - 1;
  while (i >= 0 && before[i]!.pos === 'DET') i--;
  const head = before[i];
  if (head === undefined) return false;
  // "it uses a fully connected layer": the object of a verb that has its subject before it; not
  // after a verb that takes a whole clause ("weight sharing means a dense net needs …"). (Only the
  // head and articles follow the words before the head: neither is a subject nor a verb.)
  if (head.pos === 'VERB' && !CLAUSAL_VERBS.has(head.lemma))
    return before.some((t) => t.pos === 'PRON' || t.pos === 'NOUN' || t.pos === 'PROPN');
  if (head.pos !== 'ADP') return false;
  // "ReLU was used in AlexNet", "skip connections are introduced by ResNet", "first introduced by
  // ResNet", "common in ResNet": the agent of a passive, or where a state holds, is what the clause
  // is about.
  if (AGENT_PREPOSITIONS.has(head.norm) && agentAfter(before, i, head.norm)) return false;
  return before.some((t) => t.pos === 'VERB' || t.pos === 'AUX');
}
/** Prepositions that name a passive's agent ("introduced by ResNet", "used in AlexNet"). */
const AGENT_PREPOSITIONS = new Set(['by', 'in']);
/** Forms of "be" that make the verb after them a passive. */
const BE_FORMS = new Set(['is', 'are', 'was', 'were', 'be', 'been', 'being']);
/**
 * Does the preposition at `words[at]` name an agent? "by" right after a verb (adverbs such as
 * "heavily" skipped: "introduced by", "first introduced by") always does; "in" does after a form
 * of "be" and a verb or an adjective ("was used in", "are common in"), adverbs between.
 */
function agentAfter(words: readonly Token[], at: number, preposition: string): boolean {
  let i = at - 1;
  while (i >= 0 && words[i]!.pos === 'ADV') i--;
  const word = words[i];
  if (word === undefined) return false;
  if (preposition === 'by') return word.pos === 'VERB';
  if (word.pos !== 'VERB' && word.pos !== 'ADJ') return false;
  i--;
  while (i >= 0 && words[i]!.pos === 'ADV') i--;
  return BE_FORMS.has(words[i]?.norm ?? '');
}
/** Verbs whose object is a whole clause, with its own subject ("means a dense net needs more"). */
const CLAUSAL_VERBS = new Set(
  'mean imply show say think know believe ensure guarantee suggest see make let find note prove'.split(' '),
);

/**
 * Where the relative clause starts ("which", "who" opening the next clause of the same sentence) when
 * a thing named at normalised offset `end` closes its clause; else undefined.
 */
function relativeClauseAfter(
  prepared: Prepared,
  clause: { start: number; end: number },
  end: number,
): number | undefined {
  const { analysis, text } = prepared;
  if (end < clause.end) return undefined;
  const index = clauseIndexAt(analysis, clause.start);
  const next = analysis.clauses[index + 1];
  if (next === undefined || next.sentence !== analysis.clauses[index]!.sentence) return undefined;
  return /^ (?:which|who) /.test(text.slice(next.start, next.end + 1)) ? next.start + 1 : undefined;
}

/**
 * Is the thing named at `mention` the subject of a clause that "and" opens, with its own verb after
 * the name ("…, and AlexNet introduced batch norm", "Xception introduced X and SENet introduced Y")?
 * Then "and" joins two claims, not two things of one claim ("combines ResNet and Inception").
 */
/** A statement denied as a whole, its "that" clause after ("it's not true that …", "it's a myth that …", "I doubt that …"). */
const STATEMENT_DENIAL =
  / (?:(?:not|\S*n t|never|no longer) (?:\S+ )?(?:true|the case|correct|right|so)|false|wrong|untrue|incorrect|a myth|nonsense|(?:don t|do not|doesn t|does not) (?:think|believe|agree)|doubt|disagree|deny|denies) that /;
/** "and" opening a clause, with the article of the subject named next ("and a dense net …"). */
const COORDINATE_OPENING = /^ and (?:(?:a|an|the|every|each|any) )?$/;
function opensCoordinateClause(
  prepared: Prepared,
  clause: { start: number; end: number },
  mention: { index: number; end: number },
): boolean {
  const { analysis, text } = prepared;
  // ("…, and a dense net flattens the image": the new subject may carry its article.)
  if (!COORDINATE_OPENING.test(text.slice(clause.start, mention.index))) return false;
  const here = clauseIndexAt(analysis, mention.index);
  const previous = analysis.clauses[here - 1];
  // "It's not true that AlexNet used ReLU and ResNet used skips": after a clause that denies a whole
  // statement, or is taken back, "and" carries on the statement denied; its name is left as before.
  // ("AlexNet never used batch norm and ResNet introduced skips" denies only its own clause.)
  if (
    previous !== undefined &&
    (previous.reason !== undefined || STATEMENT_DENIAL.test(text.slice(previous.start, previous.end + 1)))
  )
    return false;
  const words = analysis.clauses[here]!.tokens;
  let after = words.findIndex((t) => t.start >= analysis.origin[mention.end]!);
  // ("and the dense layers at the end are …": a place said of the subject stands before its verb.)
  if (words[after]?.pos === 'ADP') after = afterPlacePhrase(words, after);
  return after >= 0 && (words[after]?.pos === 'VERB' || words[after]?.pos === 'AUX');
}
/**
 * "With a strided conv you'd have more weights to learn", "with pooling, we keep the max": a thing
 * named in a "with" phrase that opens its sentence's clause, before a person as the grammatical
 * subject (you, we, one, I), is the topic the clause speaks of; the person only acts. "with" anywhere
 * else ("a CNN with pooling", "we replace it with a conv") still names no subject.
 */
const FRONTED_WITH = /^ (?:(?:but|and|so|whereas|while|whilst|yet) )?with (?:(?:a|an|the) )?$/;
const ACTOR_OPENS = /^(?: (?:layer|layers))?(?: ,)? (?:you|we|one|i)(?= )/;
function frontedTopicBeforeActor(
  prepared: Prepared,
  clause: { start: number; end: number },
  mention: { index: number; end: number },
): boolean {
  const { analysis, text } = prepared;
  if (!FRONTED_WITH.test(text.slice(clause.start, mention.index))) return false;
  if (ACTOR_OPENS.test(text.slice(mention.end, clause.end + 1))) return true;
  // "With a strided conv, you …": the comma may close the phrase's own clause.
  const here = clauseIndexAt(analysis, mention.index);
  const next = analysis.clauses[here + 1];
  return (
    text.slice(mention.end, clause.end).trim() === '' &&
    next !== undefined &&
    next.sentence === analysis.clauses[here]!.sentence &&
    ACTOR_OPENS.test(text.slice(next.start, next.end + 1))
  );
}
/** The word after a short prepositional phrase starting at `at` ("at the end", "on top"), or -1. */
function afterPlacePhrase(words: readonly Token[], at: number): number {
  let i = at + 1;
  while (i < words.length && PLACE_MODIFIERS.has(words[i]!.pos)) i++;
  if (words[i]?.pos !== 'NOUN') return -1;
  while (words[i]?.pos === 'NOUN') i++;
  return i;
}
const PLACE_MODIFIERS: ReadonlySet<string> = new Set(['DET', 'ADJ', 'NUM']);

/** The subject a claim at `index` is about: named in its clause (before, else after), else the last one named. */
function subjectAt(
  prepared: Prepared,
  mentions: readonly SubjectMention[],
  index: number,
  sameSentence: boolean,
  favoured?: string,
): string | undefined {
  const clause = clauseAround(prepared, index);
  if (sameSentence) {
    // In a contrast, a sentence that names neither thing speaks of the question's own subject:
    // "A dense layer needs 180,000 weights per neuron. So: a tiny fraction of the parameters."
    const { analysis } = prepared;
    const sentence = analysis.clauses[clauseIndexAt(analysis, index)]!.sentence;
    mentions = mentions.filter(
      (m) => analysis.clauses[clauseIndexAt(analysis, m.index)]!.sentence === sentence,
    );
  }
  let before: SubjectMention | undefined;
  let inClauseAfter: SubjectMention | undefined;
  const ownSubject = sameSentence && opensWithSubject(prepared, clause);
  for (const mention of mentions) {
    if (mention.ownClauseOnly === true && mention.index < clause.start) continue;
    if (mention.index <= index) {
      if (
        ownSubject &&
        mention.id !== favoured &&
        mention.index < clause.start &&
        namedInAside(prepared, mention.index)
      )
        continue;
      before = mention;
    } else if (mention.index < clause.end) {
      if (!opensRelativeClause(prepared.analysis, mention.index)) inClauseAfter ??= mention;
    } else break;
  }
  if (before !== undefined && before.index >= clause.start) return before.id;
  return inClauseAfter?.id ?? before?.id;
}

/**
 * "A max pooling layer has no parameters, whereas a strided conv adds weights; and it gives some
 * invariance": a thing named in an aside of contrast ("whereas …", "while …", "unlike …") or in a
 * relative clause ("the weights a dense net would need") is not what a later clause with a subject
 * of its own ("and it gives", "a pattern it learns") speaks of; that is the thing named before it.
 * Only the other thing of the contrast: "…, while a conv layer shares weights, so it has fewer
 * parameters" goes on about ours.
 * A bare verb phrase ("…, and needs more memory") still carries the aside's subject.
 */
const ASIDE_OPENS = /^ (?:(?:and|but) )?(?:whereas|while|whilst|unlike)(?= )/;
function namedInAside(prepared: Prepared, index: number): boolean {
  const clause = clauseAround(prepared, index);
  return (
    ASIDE_OPENS.test(prepared.text.slice(clause.start, clause.end + 1)) ||
    opensRelativeClause(prepared.analysis, index)
  );
}
/** Does the clause open, past its conjunctions, with a pronoun or a noun phrase of its own? */
function opensWithSubject(prepared: Prepared, span: { start: number; end: number }): boolean {
  const { analysis } = prepared;
  const words = analysis.clauses[clauseIndexAt(analysis, span.start)]?.tokens ?? [];
  const first = words.find((t) => t.pos !== 'CCONJ' && t.pos !== 'SCONJ' && t.pos !== 'ADV');
  return first !== undefined && (first.pos === 'PRON' || first.pos === 'DET' || first.pos === 'NOUN');
}

/**
 * Is the thing named at normalised offset `index` the subject of a relative clause that modifies a
 * noun before it ("you save the parameters that a strided conv would need", "… the weights a
 * strided conv would need", with or without "that")? What the relative clause says is said of that
 * noun; the thing it names is no subject of the claim the noun belongs to.
 */
function opensRelativeClause(analysis: Analysis, index: number): boolean {
  const clause = analysis.clauses[clauseIndexAt(analysis, index)]!;
  const at = analysis.origin[index]!;
  const before = clause.tokens.filter((t) => t.end <= at);
  let i = before.length - 1;
  // The name's own modifiers ("the stride-2 conv"), back to its article.
  while (i >= 0 && NAME_MODIFIERS.has(before[i]!.pos)) i--;
  const opener = before[i];
  if (opener === undefined || (opener.pos !== 'DET' && !RELATIVE_PRONOUNS.has(opener.norm))) return false;
  if (!RELATIVE_PRONOUNS.has(opener.norm)) i--;
  if (RELATIVE_PRONOUNS.has(before[i]?.norm ?? '')) i--;
  // The noun the clause modifies: a common noun right before it.
  return before[i]?.pos === 'NOUN';
}
/** Words that open a relative clause after its noun ("the weights that a conv needs"). */
const RELATIVE_PRONOUNS: ReadonlySet<string> = new Set(['that', 'which']);
/** Words of a name's own noun phrase before its head ("the strided 3x3 conv"). */
const NAME_MODIFIERS: ReadonlySet<string> = new Set(['ADJ', 'NUM', 'NOUN', 'PROPN', 'VERB']);

function isNegated(
  prepared: Prepared,
  clause: { start: number; end: number },
  from: number,
  to: number,
  contrasts = true,
): boolean {
  // "it isn't only convolutional layers": "not only" is no negation before another phrase ("not only
  // fewer weights but also …"), but before a phrase that itself says "only", it denies that phrase.
  let count =
    /^only /.test(prepared.text.slice(from, to)) &&
    NOT_RIGHT_BEFORE.test(prepared.text.slice(clause.start, from))
      ? 1
      : 0;
  for (const cue of prepared.negationsBefore)
    if (
      cue.index >= clause.start &&
      (contrasts || !CONTRAST_CUE.test(prepared.text.slice(cue.index - 1, cue.end + 1))) &&
      cue.end < from &&
      // "not need to learn nothing", "doesn't learn nothing": a negation before a phrase that is
      // itself a negation ("nothing", "none") reinforces it (negative concord), as learners write it.
      // ("It's not true that it has nothing to learn" denies a statement: no concord.)
      !(
        CONCORD_CUE.test(prepared.text.slice(cue.index - 1, cue.end + 1)) &&
        NEGATIVE_PHRASE.test(prepared.text.slice(from - 1, to + 1)) &&
        !STATEMENT_DENIED.test(prepared.text.slice(cue.end, from))
      ) &&
      !PRIVATIVE.test(prepared.text.slice(cue.end, from)) &&
      // "a coarse 7x7 map can't label each pixel": an inability said of a degraded thing (coarse,
      // low-resolution, downsampled) is the difficulty itself, stated; not a denial of the task.
      !(
        INABILITY.test(prepared.text.slice(cue.index - 1, cue.end + 40)) &&
        DEGRADED_SUBJECT.test(prepared.text.slice(clause.start, cue.index))
      ) &&
      // "nothing stops you from splitting the model", "it doesn't prevent you from …": a prevention
      // denied says it may be done.
      !preventsBetween(prepared.analysis, cue.end, from) &&
      !meansOfAvoiding(prepared.text, cue, from) &&
      // "can't recover lost detail", "doesn't bring back the discarded information": a loss said as
      // the attribute of the object of another verb is presupposed; what is denied is the verb.
      !(
        LOSS_ATTRIBUTE.test(prepared.text.slice(from - 1, to + 1)) &&
        verbBetween(prepared.analysis, cue.end, from)
      ) &&
      !(
        CONDITION_BEFORE.test(
          prepared.text.slice(Math.max(0, clause.start - 1, cue.index - 40), cue.index - 1),
        ) && CONDITION_CLOSED.test(prepared.text.slice(cue.end, from))
      ) &&
      // "didn't use tanh like LeNet-5 but ReLU": what "but" brings in is said, not denied.
      !prepared.text.slice(cue.end, from).includes(' but ') &&
      !punctuationBetween(prepared.analysis, cue.end, to) &&
      !purposeBetween(prepared.analysis, cue.end, from) &&
      !(
        CONTRAST_CUE.test(prepared.text.slice(cue.index - 1, cue.end + 1)) &&
        (mainClauseBetween(prepared.analysis, cue.end, from) ||
          ADDITIVE_BETWEEN.test(prepared.text.slice(cue.end, from)))
      ) &&
      !subordinateBetween(prepared, cue.end, from, clause.end)
    )
      count++;
  if (
    prepared.negationsAfter.some(
      (cue) =>
        cue.index >= to &&
        cue.index < clause.end &&
        !verbBetween(prepared.analysis, to, cue.index) &&
        // "a coarse map can't label each pixel": the coarseness is stated, not denied.
        !(
          INABILITY.test(prepared.text.slice(cue.index - 1, cue.end + 40)) &&
          DEGRADED_SUBJECT.test(prepared.text.slice(clause.start, cue.index))
        ) &&
        // "the 2D layout isn't thrown away": a denied loss keeps the thing.
        !PRIVATIVE_PASSIVE.test(prepared.text.slice(cue.end, cue.end + 24)) &&
        // "very deep nets no longer fail to train": a negated failure is a success (two negations).
        !FAILURE_AFTER.test(prepared.text.slice(cue.end, cue.end + 24)) &&
        // "spatial and cross-channel patterns are not learned jointly": what is denied is the manner
        // (together), which says they are learned apart.
        !JOINTLY.test(prepared.text.slice(cue.end, clause.end + 1)),
    )
  )
    count++;
  return count % 2 === 1;
}

/**
 * Does a clause cut at punctuation start between normalised offsets (from, to)? A negation's scope
 * ends at its clause's punctuation: in "rather than increasing the batch, reduce it" the claim that
 * runs on to "reduce" takes its polarity from its own predicate, not from the "rather than" before
 * the comma (a conjunction is no such cut: "do not combine low-level and high-level features").
 * @internal Exported for tests (test/rubric-reading-rules.test.ts).
 */
export function punctuationBetween(analysis: Analysis, from: number, to: number): boolean {
  return analysis.clauses.some((c) => !c.soft && c.start > from && c.start < to);
}

/** Nouns of necessity: "need", "reason", "point", "necessity". */
const NECESSITY = new Set(['need', 'reason', 'point', 'necessity']);

/**
 * "which a CNN avoids by sharing kernels", "it avoids that through reusing one filter": the
 * phrase is the means ("by", "through", "via") of the avoiding, which the sentence asserts; what is
 * avoided is the thing before it. ("avoids sharing kernels" avoids the phrase itself.)
 */
function meansOfAvoiding(text: string, cue: Cue, from: number): boolean {
  return (
    AVOIDING.test(text.slice(cue.index - 1, cue.end + 1)) && MEANS_BEFORE.test(text.slice(cue.end, from))
  );
}
const AVOIDING = /^ avoid\w*(?= )/;
/** A means opened right before a phrase, a few words after the verb ("avoids this by simply …"). */
const MEANS_BEFORE = /^(?: \S+){0,4} (?:by|through|via)(?: (?:simply|just|always|instead))? $/;

/**
 * Does a purpose clause open between normalised offsets [from, to): "to" and a verb after a noun or
 * "enough" ("doesn't have enough resolution to label every pixel")? What follows is its own
 * predicate's, which the negation of the verb before does not reach ("doesn't need to upsample"
 * has no noun before its "to", and stays negated).
 * @internal Exported for tests (test/rubric-reading-rules.test.ts).
 */
export function purposeBetween(analysis: Analysis, from: number, to: number): boolean {
  // (A noun of necessity takes its "to" as its complement, no purpose: "no need to keep float32",
  // "no reason to use big batches" deny the keeping and the using.)
  const a = analysis.origin[from]!;
  const b = analysis.origin[Math.max(from, to - 1)]!;
  const words = analysis.clauses[clauseIndexAt(analysis, from)]!.tokens;
  return words.some(
    (t, i) =>
      t.start >= a &&
      t.end <= b &&
      t.norm === 'to' &&
      i > 0 &&
      ((words[i - 1]!.pos === 'NOUN' && !NECESSITY.has(words[i - 1]!.norm)) ||
        words[i - 1]!.norm === 'enough') &&
      (words[i + 1]?.pos === 'VERB' || words[i + 1]?.pos === 'AUX'),
  );
}

/**
 * Is the clause at normalised offset `from` said of both things a contrast pairs? The other thing
 * is named in the clause, or in the clause it continues ("pooling | and a strided conv are …"),
 * and a word puts the two on a par ("both", "equally", "just like", "as well as", "and so is"), or
 * the two are the coordinated subject of the clause's verb ("max pooling | and strided convs are
 * invariant").
 * @internal Exported for tests.
 */
export function saidOfBoth(
  prepared: { readonly text: string; readonly analysis: Analysis },
  subjects: readonly { readonly id: string; readonly pattern: RegExp }[],
  favoured: string | undefined,
  from: number,
): boolean {
  const { analysis, text } = prepared;
  const index = clauseIndexAt(analysis, from);
  const clause = analysis.clauses[index]!;
  const before = analysis.clauses[index - 1];
  const own = text.slice(clause.start, clause.end + 1);
  // The clause goes on from one that only names a thing: "max pooling | and strided convs are …".
  const coordinated =
    clause.soft &&
    /^ and /.test(own) &&
    before !== undefined &&
    before.sentence === clause.sentence &&
    !before.tokens.some((t) => t.pos === 'AUX' || finiteVerb(t));
  // (`search` reads a global pattern from the start and leaves its lastIndex as it was.)
  const names = (span: string) => subjects.some((s) => s.id !== favoured && span.search(s.pattern) >= 0);
  const span = coordinated ? text.slice(before!.start, clause.end + 1) : own;
  if (names(span) && (coordinated || ON_A_PAR.test(span))) return true;
  // "…, just like a strided convolution": the clause after, a comparison that puts the other on a par.
  const after = analysis.clauses[index + 1];
  if (after === undefined || after.sentence !== clause.sentence) return false;
  const next = text.slice(after.start, after.end + 1);
  return PAR_OPENS.test(next) && names(next);
}
/** A clause that opens by putting what follows on a par with the clause before. */
const PAR_OPENS =
  /^ (?:just like|like|just as|as does|as do|the same as|same as|and so (?:is|are|does|do|can)) /;
/** Words that put two things on a par. */
const ON_A_PAR =
  / (?:both|equally|just like|just as|as well as|the same as|and so (?:is|are|does|do|can)|and so can)(?= )/;

/** Negations of a verb that a negative phrase after them reinforces (negative concord). */
const CONCORD_CUE = /^ (?:not|don t|doesn t|didn t|do not|does not|did not)(?= )/;
/** Words after a negation that make it deny a statement ("not true that …", "not the case that …"). */
const STATEMENT_DENIED = / (?:that|true|the case|correct|right|so|because|since|why)(?= )/;

/** "instead of", "in place of", "rather than": a negation of its own complement only. */
const CONTRAST_CUE = /^ (?:instead of|in (?:place|lieu) of|rather than) $/;
/**
 * A word that adds another item to what the clause says ("ReLU instead of tanh plus dropout",
 * "… rather than sigmoid, as well as dropout"): what "instead of" sets aside ends before it.
 */
const ADDITIVE_BETWEEN = / (?:plus|as well as|along with|together with|in addition to|and also)(?= )/;

/**
 * Does a main clause open between normalised offsets [from, to), a subject and its verb ("instead of
 * one label per image | you need one per pixel", "instead of relying on the coarse maps | you add
 * skip connections")? What "instead of" or "rather than" sets aside is its complement, the noun or
 * "-ing" phrase right after it; the claim the main clause makes is said, not set aside. A subject
 * is a pronoun or a noun, its verb the next word (an auxiliary, or a verb that is no "-ing" form).
 * @internal Exported for tests (test/rubric-reading-rules.test.ts).
 */
export function mainClauseBetween(analysis: Analysis, from: number, to: number): boolean {
  const a = analysis.origin[from]!;
  const b = analysis.origin[Math.max(from, to - 1)]!;
  const words = analysis.clauses[clauseIndexAt(analysis, from)]!.tokens;
  return words.some((t, i) => {
    const verb = words[i + 1];
    return (
      t.start >= a &&
      verb !== undefined &&
      verb.end <= b &&
      (t.pos === 'PRON' || t.pos === 'NOUN' || t.pos === 'PROPN') &&
      (verb.pos === 'AUX' || finiteVerb(verb))
    );
  });
}

/**
 * Does a subordinate clause open between normalised offsets [from, to), with its own subject and
 * verb before the clause ends at `end`: "don't use 32-bit floats where 16 bits will do"? What it
 * says is its own predicate's, which the negation of the verb before it does not reach.
 * @internal Exported for tests.
 */
export function subordinateBetween(
  prepared: { readonly text: string; readonly analysis: Analysis },
  from: number,
  to: number,
  end: number,
): boolean {
  const m = SUBORDINATOR.exec(prepared.text.slice(from, to));
  return m !== null && mainClauseBetween(prepared.analysis, from + m.index + m[0].length, end);
}
/** Words that open a subordinate clause of place, time or condition. */
const SUBORDINATOR = / (?:where|when|whenever|wherever|if|as long as)(?= )/;

/**
 * Is there a verb between normalised offsets [from, to)? A negation after a phrase negates it only
 * when the phrase is the subject of the negated predicate ("upsampling is not needed"), not when
 * another verb stands between ("skip connections mean a unit doesn't have to learn the mapping").
 * @internal Exported for tests (test/rubric-reading-rules.test.ts).
 */
export function verbBetween(analysis: Analysis, from: number, to: number): boolean {
  const a = analysis.origin[from]!;
  const b = analysis.origin[Math.max(from, to - 1)]!;
  const clause = analysis.clauses[clauseIndexAt(analysis, from)]!;
  // A "verb" straight before an auxiliary is a plural noun the tagger misread ("16-bit floats do
  // not help"): no verb puts a "do"/"is" right after itself.
  return clause.tokens.some(
    (t, i) => t.start >= a && t.end <= b && t.pos === 'VERB' && clause.tokens[i + 1]?.pos !== 'AUX',
  );
}

/**
 * Is the clause at `from` about another kind of network than the question's ("a dense layer can't
 * take inputs of varying size")? Its subject, the words before its first verb, names one. Denying
 * the concept of that other network is no denial of it for ours.
 */
function otherThingDenied(analysis: Analysis, from: number): boolean {
  const clause = analysis.clauses[clauseIndexAt(analysis, from)]!;
  return saidOfOtherNetwork(clause.tokens, analysis.origin[from]!);
}
/**
 * What the clause after the one at `from` says when it is elliptical, a subject that is no other
 * network and an auxiliary standing for the predicate before: "a CNN does", "but an FCN built only
 * of convolutions can" say of ours what the clause before denied of the other network
 * ('affirms'); "neither does a CNN", "a CNN can't either" deny it of ours too ('denies').
 */
function ellipsisAfter(analysis: Analysis, from: number): 'affirms' | 'denies' | undefined {
  const next = analysis.clauses[clauseIndexAt(analysis, from) + 1];
  if (next === undefined) return undefined;
  const denies = next.tokens.some((t) => NEGATIONS.has(t.norm));
  const words = next.tokens.filter(
    (t) =>
      !NEGATIONS.has(t.norm) &&
      t.norm !== 'either' &&
      t.norm !== 'too' &&
      t.pos !== 'CCONJ' &&
      t.pos !== 'SCONJ' &&
      t.pos !== 'ADV' &&
      t.pos !== 'PART',
  );
  const auxAt = words.findIndex((t) => t.pos === 'AUX' || (denies && t.norm.endsWith("n't")));
  // The auxiliary ends the clause ("a CNN does") or opens it after "neither"/"nor" ("neither does a CNN").
  if (auxAt < 0 || (auxAt !== words.length - 1 && auxAt !== 0)) return undefined;
  const subject = words.filter((_, i) => i !== auxAt);
  const ok =
    subject.length >= 1 &&
    subject.length <= 8 &&
    subject.some((t) => t.pos === 'NOUN' || t.pos === 'PROPN') &&
    subject.every(
      (t, i) =>
        !OTHER_NETWORKS.has(t.norm) &&
        t.pos !== 'PRON' &&
        t.pos !== 'AUX' &&
        // "an FCN built only of convolutions": a participle after the noun it describes.
        (t.pos !== 'VERB' || subject[i - 1]?.pos === 'NOUN' || subject[i - 1]?.pos === 'PROPN'),
    );
  if (!ok) return undefined;
  return denies ? 'denies' : 'affirms';
}
/**
 * The subject stands before the clause's verb and before the phrase itself (at `at`: "several
 * dense layers at the end" names dense layers as what is claimed, not as who claims it).
 */
function saidOfOtherNetwork(tokens: readonly Token[], at: number): boolean {
  const verb = tokens.findIndex((t) => t.pos === 'VERB' || t.pos === 'AUX');
  if (verb < 0) return false;
  return tokens.slice(0, verb).some((t) => t.end <= at && OTHER_NETWORKS.has(t.norm));
}
/**
 * Does the subject of the clause at `from` (its words before the first verb, before the phrase)
 * name a thing another question contrasts (QUESTIONS' subjects: "a CNN" and "a dense net" for
 * question 4, "max pooling" for question 1), in a sentence that names neither of ours? Which one.
 */
function thirdThingSubject(
  part: RubricPart,
  prepared: Prepared,
  mentions: readonly SubjectMention[],
  from: number,
): string | undefined {
  const { analysis, text } = prepared;
  const index = clauseIndexAt(analysis, from);
  const clause = analysis.clauses[index]!;
  const subjectOf = (c: Clause, before: number) => {
    // (A gerund is no finite verb: "max pooling" is often tagged a verb.)
    const verb = c.tokens.find((t) => t.pos === 'AUX' || finiteVerb(t));
    if (verb === undefined || verb.start >= analysis.origin[before]!) return undefined;
    let end = c.start;
    while (end < before && analysis.origin[end]! < verb.start) end++;
    return `${text.slice(c.start, end)} `;
  };
  let subject = subjectOf(clause, from);
  // "… has no parameters and gives some invariance": a clause joined by "and" with no subject of
  // its own shares the one before.
  const previous = analysis.clauses[index - 1];
  if (
    subject !== undefined &&
    /^(?:and|but|or)?$/.test(subject.trim()) &&
    previous?.sentence === clause.sentence
  )
    subject = subjectOf(previous, previous.end);
  const other = subject === undefined ? undefined : otherSubjects(part).find((o) => o.pattern.test(subject));
  if (other === undefined) return undefined;
  // (Not a thing named only in a later clause: "…, and the dense layers at the end keep …" is that
  // clause's subject, and this clause still speaks of the third thing.)
  const oursNamed = mentions.some(
    (m) =>
      analysis.clauses[clauseIndexAt(analysis, m.index)]!.sentence === clause.sentence &&
      m.index < clause.end,
  );
  return oursNamed ? undefined : other.id;
}
/**
 * The things other questions contrast that are parts of one of ours: max pooling and a strided
 * convolution are layers of a CNN (Géron, Hands-On ML, ch. 14: a CNN is built of convolutional and
 * pooling layers). A CNN is no part of either, so the reverse does not hold. What the part does is
 * still no point of the whole (the labelled practice answers n1-012, n1-020: a CNN's fewer weights
 * or detection anywhere credited to its pooling layers is wrong); only the feedback names the part.
 */
const PARTS_OF: Readonly<Record<string, readonly string[]>> = {
  CNN: ['max pooling', 'a strided convolution'],
};
/** Which of the part's subjects `thing` is a layer of, if any. */
function partOf(part: RubricPart, thing: string): string | undefined {
  return part.subjects?.list.find((s) => PARTS_OF[s.id]?.includes(thing))?.id;
}
/** The patterns of the things the other questions contrast, by part. */
const otherSubjectPatterns = new WeakMap<RubricPart, readonly { id: string; pattern: RegExp }[]>();
function otherSubjects(part: RubricPart): readonly { id: string; pattern: RegExp }[] {
  let patterns = otherSubjectPatterns.get(part);
  if (patterns === undefined) {
    patterns = QUESTIONS.flatMap((q) => q.parts)
      .filter((p) => p.kind === 'rubric' && p.id !== part.id && p.subjects?.rule === 'contrast')
      .flatMap((p) => (p.kind === 'rubric' ? (p.subjects?.list ?? []) : []))
      .map((s) => ({ id: s.id, pattern: new RegExp(`[ /](?:${s.patterns.join('|')})(?= )`) }));
    otherSubjectPatterns.set(part, patterns);
  }
  return patterns;
}

/** Words that name the network a question contrasts with its own (dense, a plain classifier, …). */
const OTHER_NETWORKS = new Set(
  'dense fully fc mlp mlps classifier classifiers regular normal standard traditional plain ordinary vanilla'.split(
    ' ',
  ),
);

/** The words before an opposite that make it an aim: "to keep", "in order to", "that keep", "which keeps". */
const PURPOSE = / (?:to|that|which|so as to|in order to)(?: \w+ly)? $/;

/**
 * Is the clause at `from` one short, verbless item of a list ("no parameters, invariance,
 * computation")? Such an item asserts what its own words say and nothing more.
 * @internal Exported for tests (test/rubric-reading-rules.test.ts).
 */
export function termInList(analysis: Analysis, from: number): boolean {
  const index = clauseIndexAt(analysis, from);
  const clause = analysis.clauses[index]!;
  if (clause.tokens.length > 3 || clause.tokens.some((t) => t.pos === 'VERB' || t.pos === 'AUX'))
    return false;
  return analysis.clauses.filter((c) => c.sentence === clause.sentence).length >= 3;
}

/** A phrase in a "without" adjunct: a word of the clause, "without", then at most four words. */
const WITHOUT_ADJUNCT = / \S+ without (?:\S+ ){0,4}$/;

/**
 * One thing per place of the image: "a separate weight for every pixel", "its own detector for each
 * position", "one weight for every pixel", "relearn the pattern for each position", "has to see the
 * object in every position" (an example needed per place, as training data). Not "the same
 * kernel for every position", nor "a kernel reused for every position" (see SHARED); nor one per
 * thing that is no place ("one GPU for each half", "one filter per dense unit" are the points).
 */
const DISTRIBUTIVE =
  / (?:(?:(?:a|an|its own|their own) )?(?:one|separate|new|different|dedicated|extra|distinct|individual|own)(?: \S+){1,4}? (?:for|per) (?:every|each)|(?:re ?learn\w*|re ?train\w*|learn\w* again|duplicat\w*|repeat\w*|(?:have|has|need|needs) to (?:be )?(?:see|seen|shown?|encounter\w*|observ\w*|presented))(?: \S+){0,5}? (?:for|per|at|in) (?:every|each))(?: \S+)? (?:pixel|position|location|place|spot|region|patch|corner|area|point)s?(?= )/g;
/** Words that make a kernel shared, whatever "for every" follows them. */
const SHARED = / (?:same|shar\w*|reus\w*|single|slid\w*|appl\w*)(?= )/;

/**
 * Where the phrase at normalised offsets [from, to) stands to a distributive phrase (DISTRIBUTIVE)
 * of its clause: ending 'inside' it, 'across' its end (it starts inside and runs on), or undefined.
 */
function distributive(
  text: string,
  clause: { start: number; end: number },
  from: number,
  to: number,
): 'inside' | 'across' | undefined {
  for (const m of text.slice(clause.start, clause.end + 1).matchAll(DISTRIBUTIVE)) {
    const at = clause.start + m.index + 1;
    const end = at + m[0].length - 1;
    if (at >= to || end <= from || SHARED.test(m[0])) continue;
    return to <= end ? 'inside' : 'across';
  }
  return undefined;
}

/**
 * A predicate after the phrase that denies it matters at all: "doesn't affect memory", "won't
 * really help", "makes no difference", "has nothing to do with it", "is irrelevant". ("doesn't
 * affect the final accuracy" says something else of the thing, and denies no remedy.)
 */
const RELEVANCE_DENIED =
  / (?:(?:doesn t|does not|don t|do not|didn t|did not|won t|will not|wouldn t|would not|can t|cannot)(?: (?:really|actually|even|at all|much))? (?:(?:affect|influence|impact|change) (?:it|this|that|anything|much|(?:the )?(?:gpu )?(?:memory|ram|vram)(?: use| usage)?)|matter|help|make (?:a|any|much) difference)|(?:has|have|had) (?:nothing|little) to do with|makes? no (?:real )?difference|(?:is|are|s) (?:completely |totally |simply |just )?irrelevant)(?= )/;

/** Does a denial of relevance (RELEVANCE_DENIED) follow the phrase in its clause, normalised offsets [to, end)? */
export function relevanceDenied(text: string, to: number, end: number): boolean {
  return RELEVANCE_DENIED.test(text.slice(to - 1, end + 1));
}

/** A clause cut off at a conjunction or preposition that carries on the predicate before it. */
const CONTINUES_PREDICATE = /^ (?:or|nor|with|using|by|via|through) /;

/**
 * "32-bit floats take twice the memory of 16-bit ones", "full-size images use far more VRAM": the
 * opposite as the subject of what it costs in memory is the reason for the remedy, not advice to
 * take it. ("use 32-bit floats, they take more memory" still advises it: the cost is a clause of
 * its own.)
 */
const COSTS_MORE = new RegExp(
  `^(?: \\S+){0,2} (?:${normalisedAlternation(MEMORY_COST_VERBS.flatMap((verb) => [verb, thirdPerson(verb)]))})(?: up)? (?:(?:${normalisedAlternation(MULTIPLES)}|\\d+x|\\d+ times)(?: as much)?(?: the)?|(?:(?:${normalisedAlternation(MORE_INTENSIFIERS)}) )?more)(?: \\S+)? (?:${normalisedAlternation(MEMORY_NOUNS)})(?= )`,
);

/** A verb of change right after a phrase: what it names is turned into something else. */
const CONVERTED_AWAY =
  /^ (?:(?:are|is|get|gets|can be|will be|must be|should be|then) )?(?:become|becomes|turn into|turns into|turned into|converted|replaced|swapped|rewritten|transformed)(?= )/;

/** A clause that gives the reason for the one before it ("… because it has …", "… since …"). */
const REASON = /^ (?:because|since)(?= )/;

/** A clause that draws a conclusion from the one before it. */
const CONSEQUENCE =
  /^ (?:which is why|that is why|that s why|which means|which makes|so that|so|therefore|hence|thus|and so|and therefore)(?= )/;

/**
 * A condition whose negated predicate is complete ("if that's still not enough, …", "if it doesn't
 * help …", "when the batch doesn't fit …"): a subordinator at most four words before the negation,
 * and one word after it that ends the predicate. What follows is the main clause, which the
 * negation of the condition does not reach ("if that's still not enough renting a bigger GPU").
 */
const CONDITION_BEFORE = / (?:if|when|whenever|once|unless)(?: \S+){1,4}$/;
/** A clause that opens with a condition, after "and"/"but"/"only"/"so" at most ("when the maps are …"). */
const CONDITION_OPENS = /^ (?:(?:and|but|only|so|even) )?(?:if|when|whenever)(?= )/;
const CONDITION_CLOSED = /^ (?:enough|sufficient|possible|available|help|helps|work|works|fit|fits)(?= )/;

/** A negation right before the phrase ("is not | only …", "isn't | only …"), in the normalised text. */
const NOT_RIGHT_BEFORE = / (?:not|isn t|aren t|wasn t|weren t|don t|doesn t|didn t) $/;

/**
 * A negation of ability before a verb of the task of labelling ("can't label", "cannot classify",
 * "couldn't predict"), as the normalised text writes it. (An inability to keep something, "can't
 * keep the resolution", says it is lost: that one stays a negation.)
 */
const INABILITY =
  /^ (?:can t|cannot|couldn t)(?: (?:really|even|possibly|properly|precisely|accurately))? (?:label|classify|predict|segment|assign|locate|tell|delineate|outline)\w*(?= )/;

/** A degraded thing before the verb: "a coarse map", "the low-res output", "downsampled features". */
const DEGRADED_SUBJECT =
  / (?:coarse|coarser|low res\w*|low resolution|lower resolution|downsampled|down sampled|blurry|blurred|pixelated)(?= )/;

/** A verb of failing right after a negation ("no longer fail to train", "never fails to converge"). */
const FAILURE_AFTER = /^ (?:fail|fails|failed|failing) to(?= )/;

/** A participle of losing right after a negation: "isn't thrown away", "is not lost", "aren't ignored". */
const PRIVATIVE_PASSIVE =
  /^ (?:(?:being|getting|been|really|simply|just) )?(?:thrown away|tossed|lost|discarded|destroyed|ignored|wasted|forgotten|dropped|removed|scrambled|sacrificed)(?= )/;

/** A manner of doing things together, up to three words after a negation ("not learned jointly"). */
const JOINTLY =
  /^(?: \S+){0,2} (?:jointly|together|simultaneously|at once|at the same time|in one go|in a single (?:step|kernel|filter|operation))(?= )/;

/** A verb of losing between a negation and the phrase turns it back: "doesn't throw away the 2D layout". */
const PRIVATIVE =
  / (?:ignor\w*|destroy\w*|discard\w*|throw\w* away|threw away|los(?:e|es|ing|t)|forget\w*|forgot|wast\w*|drop\w*|remov\w*|sacrific\w*)(?= )/;

/**
 * A verb of preventing after a negation (at most two words between: "nor degradation stops"), its
 * object and "from" (or a gerund: "stops you going") before the phrase.
 */
const PREVENTS =
  /^ (?:\S+ ){0,2}?(?:really |actually |at all )?(stops?|prevents?|forbids?|blocks?|bars?|hinders?)(?: \S+){1,3}? (?:from|(\S+ing))(?= |$)/d;

/**
 * A prevention (PREVENTS) between normalised offsets [from, to) that is one: "blocks", "bars",
 * "stops" are also nouns ("residual blocks", "skip blocks"), and the tagger often calls even the verb
 * a noun ("nothing stops you"). The preventing word is the negated predicate only when no other
 * verb, auxiliary or adjective stands between the negation and it ("doesn't have skip blocks …",
 * "no residual blocks …" name a thing), and a gerund standing for "from" is no object of a
 * preposition or determiner ("blocks with padding keeping the size": "padding" is a noun).
 * @internal Exported for tests (test/free-text-strict-stop28.test.ts).
 */
export function preventsBetween(analysis: Analysis, from: number, to: number): boolean {
  const m = PREVENTS.exec(analysis.text.slice(from, to));
  if (m === null) return false;
  const words = analysis.clauses[clauseIndexAt(analysis, from)]!.tokens;
  const indexAt = (offset: number) => words.findIndex((t) => t.start === analysis.origin[from + offset]);
  const verb = indexAt(m.indices![1]![0]);
  const after = analysis.origin[from]!;
  if (words.some((t, i) => i < verb && t.start >= after && NOT_PREVENTING.has(t.pos))) return false;
  const gerund = m.indices![2];
  if (gerund === undefined) return true;
  const before = words[indexAt(gerund[0]) - 1];
  return before?.pos !== 'ADP' && before?.pos !== 'DET';
}
/** Parts of speech that, between a negation and "blocks"/"stops", make it a noun or another verb's object. */
const NOT_PREVENTING: ReadonlySet<string> = new Set(['VERB', 'AUX', 'ADJ']);

/** A time after a phrase that a negation may be about: "at first", "yet", "right away", "for now". */
const TIMING =
  /^(?: \S+){0,3} (?:at first|initially|yet|right away|straight away|to begin with|to start with|for now)(?= )/;

/** "the locality thing is wrong", "but the invariance part is actually false": a point named by a word, called wrong. */
const POINT_CALLED_WRONG =
  /^ (?:(?:but|though|although|and|well|oh|also) )*the ([a-z]+) (?:thing|part|point|bit|claim|idea|stuff) (?:is|was|s) (?:actually |totally |completely |just |also )?(?:wrong|false|untrue|incorrect|a myth|nonsense|not true)(?= )/;

/** What POINT_CALLED_WRONG needs somewhere in the answer. */
const CALLED_WRONG = / (?:thing|part|point|bit|claim|idea|stuff) (?:is|was|s) /;
/** Each clause that calls a point wrong by one of its words, with that word. */
function pointsCalledWrong(prepared: Prepared): { word: string; clause: Span }[] {
  const found: { word: string; clause: Span }[] = [];
  // Most answers call nothing wrong: one scan of the whole text first.
  if (!CALLED_WRONG.test(prepared.text)) return found;
  for (const clause of prepared.analysis.clauses) {
    const m = POINT_CALLED_WRONG.exec(prepared.text.slice(clause.start, clause.end + 1));
    if (m !== null) found.push({ word: m[1]!, clause: { start: clause.start, end: clause.end } });
  }
  return found;
}

/**
 * The words a concept's phrases are written with: its claims, its patterns (their escapes such as
 * "\b", "\w" left out, so "\bpool\w*" gives "pool", not "bpool") and its meanings (./claims/meanings).
 */
const conceptWords = new WeakMap<Concept, readonly string[]>();
function wordsOf(partId: string, concept: Concept): readonly string[] {
  let words = conceptWords.get(concept);
  if (words === undefined) {
    const source = [
      ...(concept.claims ?? []),
      ...concept.patterns,
      ...(concept.effects?.patterns ?? []),
      ...meaningsOf(partId, concept.id),
    ]
      .join(' ')
      .replace(/\\[a-zA-Z]/g, ' ')
      .toLowerCase();
    words = [...new Set(source.match(/[a-z]{4,}/g) ?? [])];
    conceptWords.set(concept, words);
  }
  return words;
}

/**
 * Does the word that names a point ("the params thing") name one of the concept's words? The
 * concept's words are often stems ("param", "conv", "pool"): a word names a concept word when one
 * begins with the other ("params", "parameter" and "param"), a plural "s" left out.
 */
function namesConcept(word: string, words: readonly string[]): boolean {
  const stem = word.endsWith('s') && word.length > 4 ? word.slice(0, -1) : word;
  return words.some((w) => stem.startsWith(w) || w.startsWith(stem));
}
/** "either", "nor", "too", "also": the word that adds a subject to a denial already made. */
const ADDS_A_SUBJECT = / (?:either|nor|neither|too|also|as well)(?= |$)/;
/** Verbs that carry no predicate of their own: the auxiliaries an elliptical clause keeps. */
const AUXILIARY_LEMMAS: ReadonlySet<string> = new Set([
  'do',
  'be',
  'have',
  'can',
  'will',
  'would',
  'could',
  'may',
  'might',
  'must',
  'shall',
  'should',
]);

/**
 * The later clauses of a denial's sentence that only repeat it of another subject ("…, and nor does a
 * CNN", "…, and a CNN doesn't either"): no verb but an auxiliary. A later clause with a predicate of
 * its own ("…, and they also can't be trained on GPUs") makes a new claim; its "also" adds that claim,
 * not a subject to the denial.
 */
function laterEllipticalClauses(prepared: Prepared, denial: Span): Clause[] {
  const { analysis } = prepared;
  const index = clauseIndexAt(analysis, denial.start);
  const sentence = analysis.clauses[index]!.sentence;
  return analysis.clauses
    .slice(index + 1)
    .filter(
      (c) =>
        c.sentence === sentence && !c.tokens.some((t) => t.pos === 'VERB' && !AUXILIARY_LEMMAS.has(t.lemma)),
    );
}

/** Words that name no one point in "the … thing is wrong" but the whole answer ("the whole thing"). */
const WHOLE = new Set(['whole', 'entire']);

/**
 * Clauses that deny, of an anaphor, what an earlier clause asserted: a negation, then a verb with a
 * pronoun object that ends the clause ("they don't share them", "don't do that"), or "no such" and a
 * noun ("SENet has no such blocks"). The concepts taken back are those credited in an earlier clause
 * of this sentence or the one before whose words hold that verb (its lemma) or that noun; "do" with
 * a pronoun ("don't do that") stands for any predicate.
 */
function takenBackByAnaphora(
  prepared: Prepared,
  covered: readonly Concept[],
  affirmedAt: ReadonlyMap<Concept, readonly Span[]>,
): { concepts: Concept[]; clause: Span }[] {
  const { analysis } = prepared;
  const found: { concepts: Concept[]; clause: Span }[] = [];
  analysis.clauses.forEach((clause, index) => {
    const words = clause.tokens;
    const negation = words.findIndex((t) => NEGATIONS.has(t.norm));
    if (negation < 0) return;
    let repeated: Token | undefined;
    for (let i = negation + 1; i < words.length; i++) {
      const t = words[i]!;
      const next = words[i + 1];
      // The pronoun ends the predicate ("share them.", "do that either"): not a degree ("that many
      // layers", "so big") nor an inverted subject ("nor does it need …").
      const after = words[i + 2];
      if (
        (t.pos === 'VERB' || t.pos === 'AUX') &&
        next !== undefined &&
        ANAPHORS.has(next.norm) &&
        (after === undefined || after.pos === 'ADV')
      ) {
        repeated = t;
        break;
      }
      if (t.norm === 'such' && next?.pos === 'NOUN' && words[i - 1]?.norm === 'no') {
        repeated = next;
        break;
      }
    }
    if (repeated === undefined) return;
    const earlier = analysis.clauses
      .slice(0, index)
      .filter((c) => c.sentence === clause.sentence || c.sentence === clause.sentence - 1);
    const holds = (c: Clause) =>
      repeated.lemma === 'do' || c.tokens.some((t) => t.lemma === repeated.lemma || t.norm === repeated.norm);
    const concepts = covered.filter((concept) =>
      (affirmedAt.get(concept) ?? []).some((span) =>
        earlier.some((c) => c.start < span.end && span.start < c.end && holds(c)),
      ),
    );
    if (concepts.length > 0) found.push({ concepts, clause: { start: clause.start, end: clause.end } });
  });
  return found;
}
/**
 * A judging denial whose subject is a pronoun, and nothing else: "but they do not help", "it isn't
 * needed", "these are useless though". The pronoun opens the clause (after "but", "sadly" …), the
 * negation follows it, and what is left only judges (JUDGES_ONLY: "help", "needed", "really work"…).
 */
const PRONOUN_OPENS =
  /^ (?:(?:but|yet|and|though|although|however|sadly|unfortunately|alas|honestly|actually|still|well|then) )*(?:they|these|those|it|both|all of them|the two|each of them)(?= )/;
const DENIAL_AFTER_PRONOUN =
  /^ (?:(?:is|are|was|were|s|re|do|does|did|will|would|can|could)(?: really| actually| even)? (?:not|never)|isn t|aren t|wasn t|weren t|don t|doesn t|didn t|won t|wouldn t|can t|cannot|couldn t|never|(?:is|are|was|were|s|re|turn(?:ed|s)? out|prove[ds]?|seem(?:ed|s)?)(?: to be)? (?:just |only |simply |really |totally |completely )?(?:useless|unnecessary|pointless|irrelevant|no use|no help|no good))(?= )/;
const CONCEDES_AT_END = / (?:though|anyway|honestly|sadly|unfortunately|really|either)(?: though| anyway)? $/;
const NOMINAL: ReadonlySet<string> = new Set(['NOUN', 'PRON', 'PROPN']);
/** Verbs of an order the tagger may read as a name at the start of a sentence. */
const ORDER_VERBS: ReadonlySet<string> = new Set([
  'use',
  'add',
  'apply',
  'try',
  'put',
  'insert',
  'include',
  'employ',
]);
/** Subjects that say who acts, not what: "we tried skip connections, but they do not help" is about the skips. */
const ACTORS: ReadonlySet<string> = new Set(['i', 'we', 'you', 'one', 'people', 'someone']);

/**
 * Clauses that deny, by a pronoun subject, what the clause before named ("Skip connections were
 * tried, but they do not help", "Use dilated convolutions. They are useless."): the pronoun stands
 * for the subject of the nearest clause before it (in its sentence or the one before), and the
 * denial takes back the concepts credited there. With a coordinated subject ("skip connections and
 * dilated convolutions were tried") all of them; when that clause is an order ("use …") or its
 * subject is a person ("we tried …"), the pronoun stands for what was used: the concepts of the
 * whole clause. A subject that names no concept ("Pooling is cheap, but it doesn't help") takes
 * back nothing.
 */
/**
 * The index of a clause's predicate verb: an auxiliary, or a verb after a noun, a pronoun or a
 * gerund ("skip connections restore", "pooling loses"; the tagger reads "skip" and "dilated" before
 * their nouns as verbs); -1 for none.
 */
const predicateVerb = (tokens: readonly Token[]) =>
  tokens.findIndex(
    (t, i) =>
      t.pos === 'AUX' ||
      (finiteVerb(t) &&
        tokens.slice(0, i).some((u) => NOMINAL.has(u.pos) || (u.pos === 'VERB' && gerund(u)))),
  );
/** A form of "be" or "get" right before a verb, an adverb between at most ("is restored", "gets fully recovered"). */
const PASSIVE_BEFORE = / (?:is|are|was|were|be|been|being|get|gets|got|gotten|getting)(?: \w+ly)? $/;
/** Pronouns that stand for a subject named before them ("…, because they restore the detail"). */
const SUBJECT_PRONOUNS: ReadonlySet<string> = new Set([
  'they',
  'it',
  'these',
  'those',
  'this',
  'which',
  'that',
]);

/**
 * Is the effect said at `from` said of the other things only (`names`: "skip connections from the
 * early encoder layers restore the fine detail")? Its subject is the clause's words before its
 * predicate verb, with subjects joined before it by "and"/"or" that have no verb of their own
 * ("skip connections | and a decoder restore …"); a subject that is only a pronoun or a
 * conjunction ("…, because they restore it", "… and restore it") is the subject of the clause
 * before. Each of the subject's conjuncts must name one of the things in its head phrase (its words
 * before a preposition: "the decoder with skip connections" is the decoder); one that names
 * something else ("a decoder") says the effect of that too.
 */
function effectOfOthers(prepared: Prepared, from: number, names: RegExp): boolean {
  const { analysis } = prepared;
  // "… and it must be recovered": a passive's subject is what comes back, not what brings it back.
  if (PASSIVE_BEFORE.test(prepared.text.slice(Math.max(0, from - 24), from))) return false;
  const subjectOf = (index: number, before?: number): Token[] | undefined => {
    const clause = analysis.clauses[index]!;
    let verb = predicateVerb(clause.tokens);
    // "… and restore it": the effect's own verb, with no subject before it.
    if (verb < 0 && before !== undefined) verb = clause.tokens.findIndex(finiteVerb);
    const end = verb < 0 ? clause.tokens.length : verb;
    if (before !== undefined && (verb < 0 || clause.tokens[verb]!.start > before)) return undefined;
    let subject = clause.tokens.slice(0, end);
    // Subjects joined by "and"/"or" before it, each with no verb of its own.
    for (let i = index; i > 0; i--) {
      const joined = analysis.clauses[i]!;
      const previous = analysis.clauses[i - 1]!;
      if (!joined.soft || joined.tokens[0]?.pos !== 'CCONJ' || previous.sentence !== clause.sentence) break;
      if (predicateVerb(previous.tokens) >= 0) break;
      subject = [...previous.tokens, ...subject];
    }
    return subject;
  };
  const index = clauseIndexAt(analysis, from);
  let subject = subjectOf(index, analysis.origin[from]);
  if (subject === undefined) return false;
  const bare = (words: readonly Token[]) =>
    words.every((t) => t.pos === 'CCONJ' || t.pos === 'SCONJ' || SUBJECT_PRONOUNS.has(t.norm));
  // "…, because they restore the detail", "… and restore it": the subject of the clause before.
  if (
    bare(subject) &&
    index > 0 &&
    analysis.clauses[index - 1]!.sentence >= analysis.clauses[index]!.sentence - 1
  )
    subject = subjectOf(index - 1) ?? [];
  const conjuncts: Token[][] = [[]];
  for (const t of subject)
    if (t.pos === 'CCONJ') conjuncts.push([]);
    else conjuncts[conjuncts.length - 1]!.push(t);
  const heads = conjuncts
    .map((words) => {
      const preposition = words.findIndex((t) => t.pos === 'ADP');
      return words.slice(0, preposition < 0 ? words.length : preposition);
    })
    .filter((words) => words.length > 0);
  // "With skip connections we restore the detail", "Using skip connections to restore the fine
  // detail", "Via skip connections, the network restores …": a remedy named as the means before the
  // effect, in its sentence, is the doer too. Not when anything before the effect in the sentence
  // names an upsampler ("with a decoder and skip connections we restore it": upsampling said).
  const sentence = analysis.clauses[index]!.sentence;
  let start = clauseAround(prepared, from).start;
  for (let i = index; i > 0 && analysis.clauses[i - 1]!.sentence === sentence && start > 0; i--)
    start = clauseAround(prepared, start - 1).start;
  const before = prepared.text.slice(start, from);
  if (UPSAMPLERS.test(before)) return false;
  if (
    heads.length > 0 &&
    heads.every((words) => names.test(normaliseText(words.map((t) => t.norm).join(' '))))
  )
    return true;
  let means = meansPhrases.get(names);
  if (means === undefined) {
    means = new RegExp(
      ` (?:with|using|via|through|over)(?: (?:the|its|their|some))?(?: \\w+)?${names.source}`,
    );
    meansPhrases.set(names, means);
  }
  return means.test(before);
}
/** Per concept's names, the means phrase that names them ("with skip connections"), built once. */
const meansPhrases = new WeakMap<RegExp, RegExp>();
/** Words that name an upsampler ("a decoder", "transposed convolutions", "fractionally strided"). */
const UPSAMPLERS = / (?:decod|upsampl|up sampl|transpos|deconv|unpool|interpolat|upconv|fractional|bilinear)/;

/**
 * An elliptical denial: a clause with no predicate of its own but a negated modal or "none", which
 * stands for the claim before it. "…, but that loses accuracy, so you shouldn't", "…, but I
 * wouldn't" advise against what was just proposed; "… is often cited, but a CNN has none" denies
 * what was just named. The clause must end there: "you shouldn't lose much accuracy" has its own
 * predicate, and "pooling has none of the conv's weights" names its own object. It takes back the
 * concepts credited earlier in its sentence, or in the sentence before when it opens its own.
 */
const ADVICE_AGAINST =
  /^ (?:(?:but|so|and|though|although|yet|then|honestly|really|still|which is why) )*(?:you|i|we|one)(?: (?:really|probably|honestly|just))? (?:shouldn t|should not|wouldn t|would not|mustn t|must not|better not|d better not|had better not|ought not(?: to)?)(?: (?:bother|do (?:it|that|so)|really|though|anyway|honestly))* $/;
/** "…, but a CNN has none": a contrast, a short subject, "has/have none", nothing after. */
const HAS_NONE =
  /^ (?:but|yet|though|although|however|whereas|while)(?: \S+){1,3} (?:has|have|had|got|gets) (?:none|none at all|none of (?:it|that|them|those)) $/;
function takenBackByEllipticalDenial(
  prepared: Prepared,
  covered: readonly Concept[],
  affirmedAt: ReadonlyMap<Concept, readonly Span[]>,
): { concepts: Concept[]; clause: Span }[] {
  const { analysis, text } = prepared;
  const found: { concepts: Concept[]; clause: Span }[] = [];
  analysis.clauses.forEach((clause, index) => {
    const said = text.slice(clause.start, clause.end + 1).replace(/ +$/, ' ');
    if (!ADVICE_AGAINST.test(said) && !HAS_NONE.test(said)) return;
    const opensSentence = index === 0 || analysis.clauses[index - 1]!.sentence !== clause.sentence;
    const sentence = opensSentence ? clause.sentence - 1 : clause.sentence;
    const earlier = analysis.clauses.slice(0, index).filter((c) => c.sentence === sentence);
    // A concept the clause itself asserts ("conv layers have weights, but pooling has none": no
    // parameters) is its claim, not what it takes back.
    const concepts = covered.filter((concept) => {
      const spans = affirmedAt.get(concept) ?? [];
      return (
        !spans.some((span) => clause.start < span.end && span.start < clause.end) &&
        spans.some((span) => earlier.some((c) => c.start < span.end && span.start < c.end))
      );
    });
    if (concepts.length > 0) found.push({ concepts, clause: { start: clause.start, end: clause.end } });
  });
  return found;
}

function takenBackByPronounSubject(
  prepared: Prepared,
  covered: readonly Concept[],
  affirmedAt: ReadonlyMap<Concept, readonly Span[]>,
  phrasesAt: ReadonlyMap<Concept, readonly Span[]>,
): { concepts: Concept[]; clause: Span }[] {
  const { analysis, text } = prepared;
  const found: { concepts: Concept[]; clause: Span }[] = [];
  analysis.clauses.forEach((clause, index) => {
    const said = text.slice(clause.start, clause.end + 1);
    const opens = PRONOUN_OPENS.exec(said);
    if (opens === null) return;
    const denial = DENIAL_AFTER_PRONOUN.exec(said.slice(opens[0].length));
    // ("…, though", "… anyway": a word of concession at the end judges nothing more.)
    const judged = said.slice(opens[0].length + (denial?.[0].length ?? 0)).replace(CONCEDES_AT_END, ' ');
    if (denial === null || !JUDGES_ONLY.test(judged)) return;
    let first = index - 1;
    if (first < 0 || analysis.clauses[first]!.sentence < clause.sentence - 1) return;
    // "It doesn't matter which one you pick": an "it" that stands for the clause after it judges
    // nothing before it (review 31b).
    const after = analysis.clauses[index + 1];
    if (
      after !== undefined &&
      after.sentence === clause.sentence &&
      /^ (?:which|whether|if|what|how|where|when|that|to) /.test(text.slice(after.start, after.end + 1))
    )
      return;
    // The predicate's verb: an auxiliary, or a verb after a noun, a pronoun or a gerund ("skip
    // connections restore", "pooling loses"; the tagger reads "skip" and "dilated" before their
    // nouns as verbs).
    const verbIn = (c: Clause) => predicateVerb(c.tokens);
    // "…; in classification, it is not needed": a phrase right before the pronoun, in its sentence,
    // that opens with a preposition and has no verb frames the pronoun's clause (another setting):
    // it takes back nothing (review 31b).
    const framing = analysis.clauses[index - 1]!;
    if (
      framing.sentence === clause.sentence &&
      framing.tokens[0]?.pos === 'ADP' &&
      verbIn(framing) < 0 &&
      !/^ (?:but|yet|and|though|although|however) /.test(said)
    )
      return;
    // "… keep the maps large | with skip connections": a phrase that opens with a preposition and has
    // no verb goes on with the clause before it, whose subject the pronoun stands for.
    while (
      first > 0 &&
      analysis.clauses[first]!.tokens[0]?.pos === 'ADP' &&
      verbIn(analysis.clauses[first]!) < 0 &&
      analysis.clauses[first - 1]!.sentence === analysis.clauses[first]!.sentence
    )
      first--;
    const target = analysis.clauses[first]!;
    // "skip connections | and dilated convolutions were tried": subjects joined by "and"/"or" with no
    // verb of their own share the clause's predicate.
    while (
      first > 0 &&
      analysis.clauses[first]!.soft &&
      /^ (?:and|or) /.test(text.slice(analysis.clauses[first]!.start, analysis.clauses[first]!.end + 1)) &&
      analysis.clauses[first - 1]!.sentence === target.sentence &&
      verbIn(analysis.clauses[first - 1]!) < 0
    )
      first--;
    // "we tried upsampling | and skip connections, but they …": a verbless "and"/"or" conjunct at the
    // end shares the verb of the clause before it, and the pronoun stands for both (review 31b).
    let head = target;
    if (
      first === index - 1 &&
      target.soft &&
      verbIn(target) < 0 &&
      /^ (?:and|or) /.test(text.slice(target.start, target.end + 1)) &&
      first > 0 &&
      analysis.clauses[first - 1]!.sentence === target.sentence &&
      verbIn(analysis.clauses[first - 1]!) >= 0
    ) {
      first--;
      head = analysis.clauses[first]!;
    }
    const verb = verbIn(head);
    // "it" stands for one thing: not for subjects joined by "and"/"or", nor a plural noun ("skip
    // connections and upsampling recover it; then it does not matter": the "it" is the loss).
    if (opens[0].endsWith(' it')) {
      const nouns = (verb < 0 ? head.tokens : head.tokens.slice(0, verb)).filter((t) => t.pos === 'NOUN');
      const plural = nouns.some((t) => t.norm !== t.lemma && t.norm.endsWith('s'));
      if (first !== analysis.clauses.indexOf(target) || plural) return;
    }
    const opening = head.tokens.find((t) => t.pos !== 'CCONJ' && t.pos !== 'ADV');
    const next = opening === undefined ? undefined : head.tokens[head.tokens.indexOf(opening) + 1];
    // An order opens with a verb in its base form, not the first word of a compound ("skip
    // connections"); the tagger reads an order's first word as a name at times ("Use dilated …").
    const order =
      opening !== undefined &&
      opening.norm === opening.lemma &&
      (opening.pos === 'VERB' || (opening.pos === 'PROPN' && ORDER_VERBS.has(opening.norm))) &&
      next?.pos !== 'NOUN';
    const subject = verb < 0 ? head.tokens : head.tokens.slice(0, verb);
    const whole = order || subject.some((t) => ACTORS.has(t.norm));
    // The stretch the pronoun stands for, in normalised offsets: the subject, or the whole clause.
    const from = analysis.clauses[first]!.start;
    let to = target.end;
    if (!whole && verb >= 0) {
      const at = head.tokens[verb]!.start;
      to = head.start;
      while (to < head.end && analysis.origin[to]! < at) to++;
    }
    // A concept named in the subject ("skip connections were tried"), not one whose claim the
    // subject only opens ("pooling loses resolution, but it doesn't matter": the pronoun is pooling).
    const concepts = covered.filter((concept) =>
      whole
        ? (affirmedAt.get(concept) ?? []).some((span) => span.start < to && from < span.end)
        : (phrasesAt.get(concept) ?? []).some((span) => span.start >= from && span.end <= to),
    );
    if (concepts.length > 0) found.push({ concepts, clause: { start: clause.start, end: clause.end } });
  });
  return found;
}
/**
 * Is the clause at `from` a label before a colon ("Mixed precision:") whose next clause, in the same
 * sentence, opens with "not" or "no" before any word but an adverb ("not supported", "no, it
 * hurts", "really not an option")? Such a reply denies the labelled point.
 */
function labelDenied(analysis: Analysis, from: number): boolean {
  const index = clauseIndexAt(analysis, from);
  const clause = analysis.clauses[index]!;
  const next = analysis.clauses[index + 1];
  if (!clause.beforeColon || next === undefined || next.sentence !== clause.sentence) return false;
  const at = next.tokens.findIndex((t) => t.pos !== 'ADV' || REPLY_NEGATIONS.has(t.norm));
  const first = next.tokens[at];
  // ("gradient checkpointing: don't keep all activations", "no weights = nothing to train": a
  // negated verb or a negative pronoun after a label says what the label is, it is no reply to it.)
  if (first === undefined || !REPLY_NEGATIONS.has(first.norm)) return false;
  // "no dense net does that": "no" before a noun opens a subject of its own, no reply.
  const after = next.tokens[at + 1];
  return !(first.norm === 'no' && after !== undefined && NOUN_PHRASE.has(after.pos));
}
const NOUN_PHRASE: ReadonlySet<string> = new Set(['NOUN', 'PROPN', 'ADJ', 'NUM']);
/** The negations that reply to a label: "not (supported, an option)", "no". */
const REPLY_NEGATIONS: ReadonlySet<string> = new Set(['not', 'no']);

/** Pronouns that stand for what was said before, as the object of a repeated verb. */
const ANAPHORS: ReadonlySet<string> = new Set(['them', 'it', 'that', 'this', 'those', 'these']);

/** A participle of loss before its noun, opening a phrase ("lost detail", "the discarded information"). */
const LOSS_ATTRIBUTE =
  /^ (?:the |its |their |all the |any )?(?:lost|discarded|destroyed|dropped|removed|forgotten|wasted|thrown away) [a-z]/;

/** @internal How many words of `text` are not fillers ("the", "number", "of", …); exported for tests. */
export const contentWords = (text: string) => {
  let count = 0;
  for (const word of text.split(' ')) if (word !== '' && !FILLERS.has(word)) count++;
  return count;
};

/**
 * The direction of the comparative or verb that governs the phrase: inside it, or the nearest one
 * within a few words in its clause ("increase the batch size", "pooling uses more memory").
 */
/**
 * A relative clause opened right after a phrase, up to its verb ("strides that shrink the maps",
 * "a batch which will reduce …"): its comparative says what the thing does to something else, not
 * which way the thing itself goes (a larger stride is what shrinks the maps).
 */
const RELATIVE_EFFECT = /^ (?:that|which)(?: (?:can|will|would|could|should|may|might|also|then))? $/;

function directionNear(prepared: Prepared, clause: { start: number; end: number }, from: number, to: number) {
  const { text } = prepared;
  prepared.directions ??= { less: cuesOf(text, LESS), more: cuesOf(text, MORE) };
  let best: { direction: 'less' | 'more'; distance: number } | undefined;
  for (const [direction, cues] of [
    ['less', prepared.directions.less],
    ['more', prepared.directions.more],
  ] as const) {
    for (const cue of cues) {
      if (cue.index < clause.start || cue.end > clause.end) continue;
      if (cue.index >= to && RELATIVE_EFFECT.test(text.slice(to, cue.index))) continue;
      const distance =
        cue.index >= from && cue.index < to
          ? -1
          : cue.index < from
            ? contentWords(text.slice(cue.end, from))
            : contentWords(text.slice(to, cue.index));
      if (distance > DIRECTION_REACH) continue;
      if (best === undefined || distance < best.distance) best = { direction, distance };
    }
  }
  return best?.direction;
}

interface Span {
  readonly start: number;
  readonly end: number;
}
/** What one mention of a concept amounts to; the clause is quoted back only when it is not credited. */
type Verdict =
  /**
   * `at`: where the phrase starts (question 6 reads which network's point a sentence describes);
   * `to`: where it ends.
   */
  | { kind: 'affirmed'; clause: Span; at?: number; to?: number }
  /** `purpose`: the opposite is said as an aim ("to keep the resolution", "that keeps it"). */
  | { kind: 'contradicted'; clause: Span; purpose?: boolean }
  /**
   * Denied; `weak` when it is no denial the answer makes of the concept (said of the other subject);
   * `purpose` when said in a "without" adjunct of another claim.
   */
  | { kind: 'negated'; clause: Span; weak?: true; purpose?: boolean }
  | { kind: 'misattributed'; clause: Span; subject: string | undefined; at: number };

const quote = (text: string, clause: { start: number; end: number }) => {
  const words = text.slice(clause.start, clause.end).trim();
  return words.length > 70 ? `${words.slice(0, 67)}…` : words;
};

/**
 * Negated in its clause, or in the clause an "or" continues ("did not use ReLU or dropout"):
 * the clause before is read up to its end.
 */
function negatedAt(
  prepared: Prepared,
  clause: { start: number; end: number },
  from: number,
  to: number,
): boolean {
  const { text } = prepared;
  if (isNegated(prepared, clause, from, to)) return true;
  if (sharedPredicateNegated(prepared, from)) return true;
  if (secondObjectOfDenial(prepared, clause)) return true;
  // An adjunct cut off at its preposition ("do not train | with 32-bit floats") continues the
  // predicate before it, and so does its negation.
  if (!CONTINUES_PREDICATE.test(text.slice(clause.start, clause.start + 12))) return false;
  // "don't fix that with a plain resize alone; you upsample …": a phrase that runs on past the
  // adjunct's punctuation into a clause of its own is said there, out of the negation's reach.
  if (punctuationBetween(prepared.analysis, from, to)) return false;
  // Only an "or" with no punctuation before it continues a plain "not"/"no"/"without"
  // ("did not use ReLU or dropout"), not "16-bit instead of 32-bit, or distribute the CNN".
  const here = prepared.analysis.clauses[clauseIndexAt(prepared.analysis, clause.start)];
  if (here === undefined || !here.soft) return false;
  const previous = clauseAround(prepared, clause.start - 1);
  return (
    PLAIN_NEGATION.test(text.slice(previous.start, previous.end)) &&
    isNegated(prepared, previous, previous.end, previous.end)
  );
}

/**
 * "Don't store weights and activations in float32", "never use large batches and full-size
 * images": an "and" clause with no verb of its own, right after a clause whose verb is denied and
 * which ends on its object, is a second object of that verb, and is denied with it. (Not after a
 * denying article, "it has no weights and less compute": "no" is said of the weights alone; not
 * with a word that turns the other way, "… and fp16 instead".)
 */
function secondObjectOfDenial(prepared: Prepared, clause: { start: number; end: number }): boolean {
  const { analysis, text } = prepared;
  const index = clauseIndexAt(analysis, clause.start);
  const here = analysis.clauses[index]!;
  const previous = analysis.clauses[index - 1];
  const words = text.slice(here.start, here.end + 1);
  if (
    previous === undefined ||
    !here.soft ||
    previous.sentence !== here.sentence ||
    !/^ and /.test(words) ||
    / (?:instead|rather|but|only)(?= )/.test(words) ||
    here.tokens.some((t) => t.pos === 'VERB' || t.pos === 'AUX') ||
    previous.tokens.at(-1)?.pos !== 'NOUN'
  )
    return false;
  return VERB_DENIED.test(text.slice(previous.start, previous.end + 1));
}
/** A clause whose verb is denied: "don't store …", "you should never use …", "do not keep …". */
const VERB_DENIED = new RegExp(
  `^ (?:(?:${normalisedAlternation(ADVICE_OPENERS)}) )?(?:(?:${normalisedAlternation(ADVICE_PERSONS)}) )?(?:(?:${normalisedAlternation(ADVICE_MODALS)}) )?(?:${normalisedAlternation(ADVICE_DENIALS)})(?: (?:${normalisedAlternation(ADVICE_DENIAL_ADVERBS)}))? (?:${normalisedAlternation(ADVISED_VERBS)})(?= )`,
);

/**
 * "Upsampling and skip connections are not needed": a clause with no verb of its own, joined by
 * "and"/"or" (no punctuation between: the next clause is soft) to the clause that completes the
 * subject, shares that clause's predicate, and the predicate's negation ("are pointless", "are not
 * needed").
 */
function sharedPredicateNegated(prepared: Prepared, from: number): boolean {
  const { analysis, text } = prepared;
  const index = clauseIndexAt(analysis, from);
  const here = analysis.clauses[index]!;
  const next = analysis.clauses[index + 1];
  if (
    next === undefined ||
    !next.soft ||
    next.sentence !== here.sentence ||
    !/^ (?:and|or) /.test(text.slice(next.start, next.end + 1)) ||
    here.tokens.some((t) => t.pos === 'AUX' || finiteVerb(t))
  )
    return false;
  // The predicate opens at the clause's first auxiliary ("are") and only judges the subject: its
  // negation ends the clause or is followed by a word of worth ("are not needed", "are pointless");
  // "… do not lose detail" says something else of them. A tagger's "verb" inside the subject
  // ("skip") stands before the auxiliary, and does not count.
  // ("ReLU and dropout already existed": with no auxiliary, the predicate opens at its adverb.)
  const aux = next.tokens.find((t) => t.pos === 'AUX' || (t.pos === 'ADV' && t.norm === 'already'));
  if (aux === undefined) return false;
  // A singular auxiliary agrees with the next clause's own noun, not with a subject of two: "way
  // less params and position doesn't matter" says nothing of the params.
  if (SINGULAR_AUXILIARIES.has(aux.norm)) return false;
  return prepared.negationsAfter.some((cue) => {
    // A cue before the clause stands before its auxiliary, and one after it leaves no judgement to
    // read: the two tests below refuse both.
    const at = analysis.origin[cue.index]!;
    return (
      at >= aux.start &&
      !next.tokens.some((t) => t.start > aux.start && t.start < at && t.pos === 'VERB') &&
      JUDGES_ONLY.test(text.slice(cue.end, next.end + 1))
    );
  });
}
/**
 * Is the clause at `from` a relative clause ("…, which haven't lost the detail", "… that don't
 * reduce the resolution") whose antecedent is
 * the object of a preposition in the clause before ("skip connections from lower layers")? What it
 * denies is said of that thing (the lower layers keep the detail), no denial of the answer's point.
 * (An antecedent that is the clause's subject, "Pooling layers, which don't lose resolution, …", is
 * what the sentence is about, and its denial stands.)
 */
function relativeOfObject(prepared: Prepared, from: number): boolean {
  const { analysis, text } = prepared;
  const { clause, before } = clauseAfterAnother(analysis, from);
  return (
    before !== undefined &&
    /^ (?:which|who|that) /.test(text.slice(clause.start, clause.end + 1)) &&
    / (?:from|of|in|at|on|to|into|with) (?:the |its |their |a |an )?(?:[a-z]+ ){0,2}[a-z]+ ?$/.test(
      text.slice(before.start, clause.start),
    )
  );
}
/**
 * Does [from, to) run from one instruction into the next, across punctuation: both clauses open
 * (after "and", "or", "then") with a verb in its base form ("shrink the images, use a larger stride")?
 */
function acrossInstructions(prepared: Prepared, from: number, to: number): boolean {
  const { analysis } = prepared;
  if (!punctuationBetween(analysis, from, to)) return false;
  // (The tagger reads some orders' verbs as nouns, "use a larger stride": a noun right before a
  // determiner is one.)
  const opensWithOrder = (index: number) => {
    const tokens = analysis.clauses[index]?.tokens ?? [];
    const at = tokens.findIndex((t) => !['and', 'or', 'then', 'also'].includes(t.norm));
    const first = tokens[at];
    return (
      first !== undefined &&
      first.norm === first.lemma &&
      (first.pos === 'VERB' || (first.pos === 'NOUN' && tokens[at + 1]?.pos === 'DET'))
    );
  };
  return opensWithOrder(clauseIndexAt(analysis, from)) && opensWithOrder(clauseIndexAt(analysis, to - 1));
}
/**
 * Does [from, to) run over a clause boundary and end on an adjective that describes the noun right
 * after it, a noun the words of [from, to) do not name ("images … bigger" in "downscale the images,
 * and buy a bigger GPU")? The words at the end are then said of that noun. Only across clauses: in
 * one clause an adjective's place says less ("make the images a bigger size").
 */
function endsOnAnotherNoun(prepared: Prepared, from: number, to: number): boolean {
  const { analysis, text } = prepared;
  if (!analysis.clauses.some((c) => c.start > from && c.start < to)) return false;
  const clause = analysis.clauses[clauseIndexAt(analysis, to - 1)]!;
  const at = analysis.origin[to - 1]!;
  const last = clause.tokens.findIndex((t) => t.start <= at && at < t.end);
  const word = clause.tokens[last];
  const next = clause.tokens[last + 1];
  if (word?.pos !== 'ADJ' || next === undefined || (next.pos !== 'NOUN' && next.pos !== 'PROPN'))
    return false;
  // ("dense ones", "a bigger one": the noun stands for one named before.)
  const named = [...text.slice(from, to).split(' '), 'one', 'ones'];
  return !named.includes(next.norm) && !named.includes(next.lemma);
}
/** A wish denied right before its object: "you don't want the …", "we never need any …". */
const WISH_DENIED =
  / (?:don t|do not|doesn t|does not|didn t|did not|wouldn t|would not|never) (?:want|wants|need|needs|like|likes|expect|expects)(?: (?:the|your|its|their|any|all))? $/;
/** Auxiliaries of one subject ("X and Y" takes "are", "do", "have"). */
const SINGULAR_AUXILIARIES: ReadonlySet<string> = new Set(
  "is isn't isnt was wasn't wasnt does doesn't doesnt has hasn't hasnt".split(' '),
);
/** What may follow a negation that only judges its subject: nothing, or a word of worth. */
const JUDGES_ONLY =
  /^ (?:(?:really|actually|even|that|so|very|at all|either|too) )*(?:(?:needed|necessary|required|useful|helpful|important|relevant|used|worth it|the case|true|a thing|(?:help|fix|solve|work|matter|improve|change)s?(?: anything| much| a thing)?)(?: (?:at all|either|here|anymore|any more))? )?(?:(?:before|earlier) )?$/;

/**
 * "you don't have to keep full precision (fp16)", "no float32, just fp16": a phrase of the concept
 * right after its own opposite, no word between, where the opposite is denied, is what the answer
 * puts in the opposite's place; the denial is the opposite's, not the phrase's. ("don't keep full
 * precision or fp16" has a word between: both are denied.)
 */
function alternativeToDenied(
  prepared: Prepared,
  against: readonly { from: number; to: number }[],
  from: number,
): boolean {
  return against.some(
    (a) =>
      a.to <= from &&
      prepared.text.slice(a.to, from).trim() === '' &&
      negatedAt(prepared, clauseAround(prepared, a.from), a.from, a.to),
  );
}

/**
 * "Translation invariance is something only dense layers have", "only an MLP can do that": the
 * other thing of a contrast named right after "only" (or "solely") in the clause says that ours
 * lacks what the clause gives it, a denial of ours, not just a fact about the other.
 */
const ONLY_BEFORE = / (?:only|solely)(?: (?:a|an|the))? $/;
function onlyTheOther(
  prepared: Prepared,
  mentions: readonly SubjectMention[],
  clause: Span,
  favoured: string | undefined,
): boolean {
  return mentions.some(
    (m) =>
      m.id !== favoured &&
      m.index >= clause.start &&
      m.index < clause.end &&
      ONLY_BEFORE.test(prepared.text.slice(Math.max(clause.start, m.index - 12), m.index)),
  );
}

/** Each compiled concept's part's other claims (`judgeConcept`). */
const otherClaims = new WeakMap<CompiledConcept, readonly CompiledClaim[]>();

/** Does [from, to) lie inside one of the concept's opposite matches (the mistake it names)? */
function insideOpposite(against: readonly { from: number; to: number }[], from: number, to: number): boolean {
  return against.some((a) => a.from <= from && to <= a.to);
}

function judgeConcept(
  part: RubricPart,
  compiled: CompiledConcept,
  prepared: Prepared,
  mentions: readonly SubjectMention[],
  lexicon: PartLexicon,
): Verdict[] {
  const asserted = (from: number, to: number) =>
    licence(
      prepared.analysis,
      from,
      to,
      lexicon.carriers,
      (word) => lexicon.domain.has(word),
      lexicon.subjects,
    );
  const { text } = prepared;
  const { concept } = compiled;
  const rule = part.subjects?.rule;
  const favoured = part.subjects?.list[0]?.id;
  const verdicts: Verdict[] = [];
  // "dilated convolutions enlarge the receptive field without reducing the resolution": a phrase in
  // a "without" adjunct of another predicate says how that claim works, not what the answer denies.
  const inAdjunct = (from: number) =>
    WITHOUT_ADJUNCT.test(text.slice(clauseAround(prepared, from).start, from));
  const found: { from: number; to: number; directed: boolean }[] = [];
  const lists = [
    [compiled.patterns, concept.direction !== undefined],
    [compiled.undirected, false],
  ] as const;
  for (const [patterns, directed] of lists)
    for (const pattern of patterns)
      for (const m of text.matchAll(pattern))
        found.push({ from: m.index + 1, to: m.index + m[0].length, directed });
  // The claims of the part's other concepts: a noun one of them names is no modifier of this
  // claim's noun ("a larger batch card"). (Gathered once per concept, not per answer: per answer it
  // made question 6's grading a tenth slower.)
  let others = otherClaims.get(compiled);
  if (others === undefined) {
    others = compile(part).concepts.flatMap((c) => (c === compiled ? [] : [...c.claims, ...c.counterclaims]));
    otherClaims.set(compiled, others);
  }
  // "skip connections restore the fine detail": an effect said of the other things only is theirs.
  for (const pattern of compiled.effects)
    for (const m of text.matchAll(pattern))
      if (compiled.effectOf === undefined || !effectOfOthers(prepared, m.index + 1, compiled.effectOf))
        found.push({
          from: m.index + 1,
          to: m.index + m[0].length,
          directed: concept.direction !== undefined,
        });
  // Paraphrases from the concept's synonym data carry their own direction ("@less @parameter").
  for (const claim of compiled.claims)
    for (const at of findClaims(prepared.analysis, claim, others)) found.push({ ...at, directed: false });
  const against: { from: number; to: number }[] = [];
  for (const opposite of compiled.opposites)
    for (const m of text.matchAll(opposite)) against.push({ from: m.index + 1, to: m.index + m[0].length });
  // "has fewer weights" holds the counterclaim's words ("has … weights"), but its comparative goes
  // the concept's own way: it is no counterclaim of "none" (nor, denied, a claim of it).
  for (const claim of compiled.counterclaims)
    for (const at of findClaims(prepared.analysis, claim, others, true))
      if (!(concept.direction === 'less' && AMOUNT_LESS.test(text.slice(at.from - 1, at.to + 1))))
        against.push(at);
  // "a separate weight for every pixel", "relearn a pattern for each position": a phrase of the
  // concept read in a distributive noun phrase says there is one per place, the opposite of one
  // shared by all; it is judged as the concept's opposite.
  // A phrase that starts inside one and runs on past it ("… for each position, so the weight
  // count …") is neither: it is dropped.
  for (let i = found.length - 1; i >= 0; i--) {
    const f = found[i]!;
    const reading = distributive(text, clauseAround(prepared, f.from), f.from, f.to);
    if (reading !== undefined) found.splice(i, 1);
    if (reading === 'inside') against.push({ from: f.from, to: f.to });
  }
  const within = (inner: { from: number; to: number }, outer: { from: number; to: number }) =>
    outer.from <= inner.from && outer.to >= inner.to && (outer.from < inner.from || outer.to > inner.to);
  // A negation belongs to the longest phrase it governs: in "not sensitive to small shifts" it
  // denies "sensitive to small shifts" (the opposite), not the "small shifts" inside it.
  // So does a phrase that starts inside the opposite and runs on past it ("nothing fixes the input
  // size any more": the "nothing" denies "fixes the input size").
  const startsInside = (inner: { from: number; to: number }, outer: { from: number; to: number }) =>
    outer.from < inner.from && inner.from < outer.to && inner.to > outer.to;
  const deniedOpposite = (at: { from: number; to: number }) =>
    against.some(
      (a) =>
        (within(at, a) || startsInside(at, a)) &&
        negatedAt(prepared, clauseAround(prepared, a.from), a.from, a.to),
    );
  for (const { from, to, directed } of found) {
    if (deniedOpposite({ from, to })) continue;
    // "switch from 16-bit floats to 32-bit ones": what a change starts from is what the learner
    // leaves, not what the answer asserts.
    const own = clauseAround(prepared, from);
    if (
      FROM_BEFORE.test(text.slice(Math.max(own.start, from - 25), from)) &&
      / to /.test(text.slice(to, own.end + 1))
    )
      continue;
    // "anywhere near as many", "nowhere near": a degree, not a place.
    if (
      /^ near (?:as|enough|that|so) /.test(text.slice(to, to + 16)) &&
      /(?:any|no)where$/.test(text.slice(from, to))
    )
      continue;
    // A phrase inside a longer claim of the same concept is judged as part of it: "small shifts"
    // in "small shifts don't change the output" is not what the "don't" denies. (A phrase that
    // carries the concept's direction is still read for it: "prevents … from specialising".)
    // (A longer claim that runs on over a clause boundary, "Dense networks treat pixels as unrelated
    // inputs; CNNs know they are neighbours", absorbs nothing: each clause is judged on its own.)
    if (
      !directed &&
      found.some((f) => within({ from, to }, f) && !punctuationBetween(prepared.analysis, f.from, f.to))
    )
      continue;
    // "in one or more layers": a count, not "more layers".
    if (/ (?:one|two|three|\d+) or $/.test(text.slice(Math.max(0, from - 12), from))) continue;
    const clause = spanningClause(prepared, from, to);
    const said = asserted(from, to);
    // "Mixed precision: not supported.", "Fewer filters: not an option.": a label whose answer after
    // the colon is a bare denial (no subject of its own) denies the point the label names.
    if (said.asserted && labelDenied(prepared.analysis, from)) {
      verdicts.push({ kind: 'negated', clause });
      continue;
    }
    prepared.mentioned.add(prepared.analysis.clauses[clauseIndexAt(prepared.analysis, from)]!.sentence);
    // "Some say CNNs need fewer parameters, and they are right": a belief reported of others and
    // then endorsed is the answer's own claim; "…, but that's a myth" denies it.
    const judged =
      !said.asserted && said.reason === 'reported belief' ? reportJudged(prepared, from) : undefined;
    if (!said.asserted && judged !== 'endorsed') {
      const denied = said.reason === 'denied' || judged === 'denied';
      const whose =
        rule === undefined ? undefined : subjectAt(prepared, mentions, from, rule === 'contrast', favoured);
      // "Some say CNNs need more parameters than dense nets. Wrong: …", "… but that's a myth": a
      // statement denied whole whose comparative runs against the concept's direction is the
      // correction of a myth; denying the other degree says the concept's own. Only when the
      // statement is said of OUR thing: "Dense nets need more weights than CNNs. Wrong." denies a
      // true fact of the other thing, and "A strided conv needs more memory. Wrong." says nothing
      // of pooling (review 28 #13).
      if (
        denied &&
        directed &&
        concept.direction !== undefined &&
        rule !== 'owns' &&
        (rule === undefined ||
          (whose === favoured && thirdThingSubject(part, prepared, mentions, from) === undefined)) &&
        directionNear(prepared, clause, from, to) === (concept.direction === 'less' ? 'more' : 'less') &&
        !changeDenied(text, clause, from, to)
      )
        verdicts.push({ kind: 'affirmed', clause, at: from, to });
      // Denied of the other thing the question contrasts, it is no denial of ours (weak). Nor is
      // a phrase inside a match of the concept's own opposite: "turn the dense layer into a 1x1
      // conv, that's a mistake" denies the mistake the opposite names, not the point (weak).
      else if (denied)
        verdicts.push(
          (whose !== undefined && whose !== favoured) || insideOpposite(against, from, to)
            ? { kind: 'negated', clause, weak: true }
            : { kind: 'negated', clause },
        );
      continue;
    }
    const subject =
      rule === undefined
        ? undefined
        : (subjectAt(prepared, mentions, from, rule === 'contrast', favoured) ??
          (rule === 'contrast' ? favoured : undefined));
    const otherSubject = rule === 'contrast' && subject !== favoured;
    // "A CNN has far fewer parameters than a fully connected network" (question 4: pooling against a
    // strided conv): a clause whose subject names a thing another question contrasts, and neither
    // of ours, speaks of a third thing; what it says is no advantage of ours.
    const third = rule === 'contrast' ? thirdThingSubject(part, prepared, mentions, from) : undefined;
    if (third !== undefined) {
      verdicts.push({ kind: 'misattributed', clause, subject: third, at: from });
      continue;
    }
    // "Pooling and a strided conv are equally invariant to shifts": said of both things the question
    // contrasts, it is no advantage of one over the other (neither credited nor held against it).
    if (
      rule === 'contrast' &&
      !otherSubject &&
      saidOfBoth(prepared, compile(part).subjects, favoured, from)
    ) {
      verdicts.push({ kind: 'negated', clause, weak: true });
      continue;
    }
    let negated = negatedAt(prepared, clause, from, to);
    if (negated && alternativeToDenied(prepared, against, from)) negated = false;
    // "many people think pooling has weights", "a common myth is that …": a belief the answer
    // reports of others is not its own claim (unless it denies it: "…, but that's a myth").
    if (!negated && judged !== 'endorsed' && reportedBelief(text, clause, from)) continue;
    // "instead of relying only on the coarse maps, add skip connections", "use ReLU rather than
    // tanh": what "instead of" or "rather than" alone sets aside is the choice the answer does not
    // make, no fact it denies (weak: neither credited nor held against the answer).
    // "not a smaller model at first", "don't remove layers yet": what is denied is when, not whether:
    // the step is put off, and nothing is denied the answer could be held to.
    // "you don't want neighbouring feature maps to be redundant": a denied wish whose object is the
    // phrase and whose infinitive follows it denies what the infinitive says of the phrase
    // ("redundant"), not the phrase itself.
    const setAside =
      negated &&
      (!isNegated(prepared, clause, from, to, false) ||
        TIMING.test(text.slice(to, clause.end + 1)) ||
        (WISH_DENIED.test(text.slice(clause.start, from)) && /^ to /.test(text.slice(to, to + 4))) ||
        relativeOfObject(prepared, from) ||
        // "when the maps are not specialised enough, …", "if the maps aren't diverse": a denial in
        // a condition says when the answer's advice applies, no fact it denies.
        CONDITION_OPENS.test(text.slice(clause.start, from)));
    if (rule === 'owns' && concept.group !== undefined && subject !== concept.group) {
      if (!negated) verdicts.push({ kind: 'misattributed', clause, subject, at: from });
      continue;
    }
    if (directed) {
      // "isn't as prone to overfitting", "doesn't need nearly as many weights": an equality denied
      // says less, and asserts the phrase in that direction.
      // "doesn't overfit as easily": the same, the comparison after the phrase.
      const saysLess =
        negated &&
        (NOT_AS.test(text.slice(clause.start, from)) || AS_AFTER.test(text.slice(to, clause.end + 1)));
      if (saysLess) negated = false;
      const near = saysLess ? 'less' : directionNear(prepared, clause, from, to);
      const expected = otherSubject ? (concept.direction === 'less' ? 'more' : 'less') : concept.direction;
      if (negated) {
        // "doesn't have fewer parameters" denies the concept; "don't keep stride 1" names the
        // thing without its direction, and denies nothing the answer could be held to.
        // "the batch size doesn't affect memory", "… has nothing to do with it": what is denied is
        // that the thing matters at all, in either direction, and that denies the concept too.
        // "not fewer parameters: none at all": a comparative denied where the answer also says the
        // concept outright ("none", "zero", "no": ABSOLUTE) corrects the degree; it denies nothing.
        const outright = found.some(
          (f) =>
            !f.directed && (f.to <= from || f.from >= to) && ABSOLUTE.test(text.slice(f.from - 1, f.to + 1)),
        );
        verdicts.push(
          !setAside &&
            ((near === expected && !outright) ||
              (near === undefined && relevanceDenied(text, to, clause.end)))
            ? { kind: 'negated', clause, purpose: inAdjunct(from) }
            : { kind: 'negated', clause, weak: true },
        );
        continue;
      }
      if (near !== undefined && near !== expected) {
        verdicts.push({ kind: 'contradicted', clause, purpose: inAdjunct(from) });
        continue;
      }
      // "computation", "overfitting" named with no word saying which way ("a CNN overfits",
      // "pooling uses memory", or a list of terms): the concept is a direction ("less
      // overfitting"), and nothing here asserts it. (Said of the other thing in a contrast, "dense
      // nets overfit" is read as the contrast it draws.)
      if (near === undefined && (!otherSubject || termInList(prepared.analysis, from))) continue;
    } else if (otherSubject) {
      // Said of the other thing: in a contrast, denying it of that one affirms it of ours; saying
      // it of that one is no denial the answer makes of ours (weak).
      // ("…, and neither does a CNN": denied of ours as well, and affirmed of neither.)
      // ("Translation invariance is something only dense layers have": "only" the other thing
      // denies it of ours outright.)
      verdicts.push(
        negated && ellipsisAfter(prepared.analysis, from) !== 'denies'
          ? { kind: 'affirmed', clause }
          : !negated && onlyTheOther(prepared, mentions, clause, favoured)
            ? { kind: 'negated', clause }
            : { kind: 'negated', clause, weak: true },
      );
      continue;
    }
    const deniedOfOther = negated && otherThingDenied(prepared.analysis, from);
    // "A dense net has no idea which pixels are neighbours; a CNN does.": denied of the other
    // network, then said of ours by the clause after it, which stands for the same predicate.
    if (deniedOfOther && ellipsisAfter(prepared.analysis, from) === 'affirms') {
      verdicts.push({ kind: 'affirmed', clause });
      continue;
    }
    verdicts.push(
      negated
        ? deniedOfOther || setAside || negatedGloss(prepared.analysis, from)
          ? { kind: 'negated', clause, weak: true }
          : { kind: 'negated', clause, purpose: inAdjunct(from) }
        : { kind: 'affirmed', clause, at: from, to },
    );
  }
  for (const { from, to } of against) {
    // "one GPU" inside "put half the layers on one GPU and the other half on a second GPU": part
    // of a larger claim of the concept, not its opposite. A match that runs on past punctuation
    // into the opposite's clause ("pooling keeps full resolution, so nothing gets lost" read by
    // "pooling … lost") is no such claim: the opposite is said in a clause of its own.
    if (
      found.some((f) => within({ from, to }, f) && !punctuationBetween(prepared.analysis, f.from, from + 1))
    )
      continue;
    // "doesn't flatten the image, so it keeps the 2D neighbourhoods": an opposite read over the
    // sentence that starts where a shorter one does is judged by that one, in its own clause (the
    // negation there reaches it; the punctuation stops it reaching the longer match).
    if (against.some((a) => a.from === from && a.to < to)) continue;
    const clause = clauseAround(prepared, from);
    // "shrink the images, use a larger stride": an opposite whose words are read across the
    // boundary between two instructions of a list ("images … larger") is no claim of either
    // (practice m3-010). ("…; ResNet's skip connections solve it", "…, solved by skip connections":
    // a clause that is no instruction goes on with the claim before it.)
    if (acrossInstructions(prepared, from, to)) continue;
    // "downscale the images, and buy a bigger GPU", "use smaller images; a larger batch is fine": an
    // opposite whose words run into the next clause and end on an adjective before a noun of its own
    // ("a bigger GPU") says that of the noun, not of what the first clause named.
    if (endsOnAnotherNoun(prepared, from, to)) continue;
    // "remove one or more layers": a count, not "more layers".
    if (/ (?:one|two|three|\d+) or $/.test(text.slice(Math.max(0, from - 12), from))) continue;
    // "… the way flattening the image into a dense net does": an opposite inside a comparison that
    // an auxiliary ends (standing for the clause's verb) is what the other thing does.
    if (
      COMPARISON_OPENS.test(text.slice(clause.start, from)) &&
      COMPARISON_ENDS.test(text.slice(to, clause.end))
    )
      continue;
    const denied = negatedAt(prepared, clause, from, to);
    // "People think CNNs need more parameters than dense nets": the opposite said as what others
    // believe is no contradiction the answer makes (denied, "but that's a myth", it is read below).
    // Endorsed ("…, and they are right"), it is the answer's own (review 28 #14).
    const endorsed = reportJudged(prepared, from) === 'endorsed';
    if (!denied && !endorsed && reportedBelief(text, clause, from)) continue;
    if (!denied && calledWrongNext(prepared, from)) continue;
    if (denied) {
      // "don't use such a large mini-batch": denying the opposite asserts a directed concept.
      // So does "the input size is not fixed", "don't use 32-bit floats" for any concept whose
      // opposite is denied in a clause about ours.
      // ("It's not that pooling has fewer parameters": what is denied is that this is the reason,
      // which asserts neither it nor its opposite.)
      // ("I wouldn't add more layers", "don't use larger images": a change denied keeps things as
      // they are; not adding is no removing, so the concept is not asserted.)
      if (
        asserted(from, to).asserted &&
        !otherThingDenied(prepared.analysis, from) &&
        !REASON_DENIED.test(text.slice(clause.start, from)) &&
        !changeDenied(text, clause, from, to)
      )
        verdicts.push({ kind: 'affirmed', clause });
      continue;
    }
    prepared.mentioned.add(prepared.analysis.clauses[clauseIndexAt(prepared.analysis, from)]!.sentence);
    const licensed = asserted(from, to);
    if (!licensed.asserted && !(endorsed && licensed.reason === 'reported belief')) continue;
    // "the dense layers on top become 1x1 convs": what a verb of change turns into something else
    // is what the learner converts away, not what the network keeps.
    if (CONVERTED_AWAY.test(text.slice(to, clause.end + 1))) continue;
    if (COSTS_MORE.test(text.slice(to, clause.end + 1))) continue;
    // "16-bit floats rather than 32-bit", "switch from 32-bit": what the learner moves away from.
    // ("switch from 16-bit to 32-bit": after the "to", the opposite is where the learner goes.)
    const lead = text.slice(Math.max(clause.start, from - 25), from);
    if (CONTRAST_BEFORE.test(lead) && !FROM_TO.test(lead)) continue;
    const subject =
      rule === undefined ? undefined : subjectAt(prepared, mentions, from, rule === 'contrast', favoured);
    // Said of the other thing ("a strided conv has to learn its kernels"): ours is the concept.
    if (rule === 'contrast' && subject !== undefined && subject !== favoured) {
      verdicts.push({ kind: 'affirmed', clause });
      continue;
    }
    if (rule === 'owns' && concept.group !== undefined && subject !== concept.group) continue;
    // "dense layers need a fixed input size": the opposite said of the network the question
    // contrasts with its own is no contradiction of the answer.
    if (rule === undefined && otherThingDenied(prepared.analysis, from)) continue;
    verdicts.push({
      kind: 'contradicted',
      clause,
      purpose: PURPOSE.test(text.slice(clause.start, from)) || inAdjunct(from),
    });
  }
  return verdicts;
}

/**
 * What the answer says of a belief it reports of others ("some say X"), in the clause right after
 * the report: 'endorsed' ("…, and they are right", "that's true", "I agree"), 'denied' ("…, but
 * that's a myth", "Wrong."), or nothing.
 */
function reportJudged(prepared: Prepared, from: number): 'endorsed' | 'denied' | undefined {
  const { analysis, text } = prepared;
  let i = clauseIndexAt(analysis, from);
  while (analysis.clauses[i + 1]?.reason === 'reported belief') i++;
  const next = analysis.clauses[i + 1];
  if (next === undefined) return undefined;
  const said = text.slice(next.start, next.end + 1);
  if (REPORT_ENDORSED.test(said)) return 'endorsed';
  if (REPORT_DENIED.test(said)) return 'denied';
  return undefined;
}
const REPORT_LEAD = '^ (?:(?:and|but|which|well|yet|so|though|however|actually|sadly|of course) )*';
const REPORT_ENDORSED = new RegExp(
  `${REPORT_LEAD}(?:(?:they|he|she|that|this|it|which) (?:are|is|re|s|were|was) (?:(?:quite|absolutely|completely|totally|perfectly|indeed) )?(?:right|correct|true|the case)|(?:i|we) (?:agree|concur)|rightly so|true|correct|right|exactly)(?: |$)`,
);
const REPORT_DENIED = new RegExp(
  `${REPORT_LEAD}(?:(?:they|he|she|that|this|it|which) (?:are|is|re|s|were|was) (?:(?:just|simply|quite|absolutely|completely|totally|dead|plain|plainly) )?(?:wrong|false|untrue|incorrect|mistaken|not true|not right|not the case|(?:a |an )?(?:common |popular |widespread |total |complete )?(?:myth|misconception|mistake|fallacy))|(?:i|we) (?:disagree|don t agree)|wrong|false|not true|not so|nope|no)(?: |$)`,
);

/**
 * Is the claim at `from` called wrong by the clause after it, through a pronoun that stands for it
 * ("you turn the first dense layer into a 1x1 conv - that's wrong", "a common mistake is to …; this
 * is a mistake")? The answer takes its own words back: they are the error it names, no opposite it
 * asserts. (A bare "no" or "wrong" after a clause is not read here: "uses sigmoid, no ReLU" lists.)
 */
function calledWrongNext(prepared: Prepared, from: number): boolean {
  const { analysis, text } = prepared;
  const next = analysis.clauses[clauseIndexAt(analysis, from) + 1];
  return next !== undefined && CALLED_WRONG_BY_PRONOUN.test(text.slice(next.start, next.end + 1));
}
const CALLED_WRONG_BY_PRONOUN = new RegExp(
  `${REPORT_LEAD}(?:that|this|which|it) (?:is|s|was) (?:(?:just|simply|quite|absolutely|completely|totally|dead|plain|plainly) )?(?:wrong|false|untrue|incorrect|mistaken|not true|not right|not the case|(?:a |an )?(?:common |classic |typical )?(?:myth|misconception|mistake|error|fallacy))(?: |$)`,
);

/**
 * Does the clause report, before `from`, a belief of others ("people think", "many students
 * believe", "some say", "a common myth is that", "it is often said that")? Whose claim it is is the
 * subject of the verb of saying: not the answer's.
 */
function reportedBelief(text: string, clause: Span, from: number): boolean {
  return REPORTED.test(text.slice(clause.start, from));
}
const REPORTED = new RegExp(
  [
    '^ (?:(?:but|and|so|though|although|while|whereas|yet) )?(?:(?:many|some|most|a lot of|lots of|plenty of) )?',
    '(?:people|folks|students|beginners|newcomers|others|someone|somebody|some|many|everyone|everybody)',
    '(?: (?:often|usually|still|wrongly|mistakenly|sometimes|commonly))?',
    ' (?:think|thinks|thought|believe|believes|believed|say|says|said|claim|claims|claimed|assume|assumes|assumed|imagine|imagines)',
    '(?= )|^ (?:(?:but|and) )?(?:a |the )?(?:common |popular |widespread |frequent )?(?:myth|misconception|belief|assumption|misunderstanding) is that(?= )',
    '|^ (?:(?:but|and) )?it is (?:often |commonly |widely |sometimes |usually )?(?:said|believed|claimed|assumed|thought) that(?= )',
  ].join(''),
);

/**
 * Is the denied opposite at [from, to) a change the learner decides against: a comparative with no
 * standard ("more layers", "larger images", "a bigger batch", up to two words before the phrase or
 * in it, no "than" after it), denied by the learner of what to do ("I wouldn't add more layers",
 * "don't use larger images", "you shouldn't add extra filters")? Not changing keeps things as they
 * are; not adding is no removing. (Denying a plain degree, "don't use such a big batch", does say
 * the other way; said of the thing, "max pooling doesn't add more parameters" states its degree.)
 */
function changeDenied(text: string, clause: Span, from: number, to: number): boolean {
  const before = text.slice(clause.start, from);
  const lead = / (?:\S+ ){0,2}$/.exec(before)?.[0] ?? ' ';
  return (
    LEARNER_DECLINES.test(before) &&
    CHANGE_OF_DEGREE.test(`${lead}${text.slice(from, to)} `) &&
    !/ than /.test(text.slice(to, clause.end + 1))
  );
}
/** Comparatives of a change of degree, in either direction. */
const CHANGE_OF_DEGREE =
  / (?:more|greater|larger|bigger|higher|deeper|wider|heavier|extra|additional|fewer|less|smaller|lower|shallower|narrower)(?= )/;
/**
 * A clause that opens with the learner declining to act: an imperative denied ("don't", "never")
 * or "I", "you", "we" with a negated modal ("wouldn't", "shouldn't", "won't", "don't").
 */
const LEARNER_DECLINES =
  /^ (?:(?:and|but|so|then|also|just|please) )*(?:(?:i|you|we) )?(?:(?:really|just|definitely|probably|simply|certainly) )?(?:don t|do not|never|wouldn t|would not|shouldn t|should not|won t|will not|mustn t|must not|needn t|need not|d not)(?= )/;

/**
 * Grades free text against a rubric of concepts. The score is the share of required concepts
 * credited, or for grouped rubrics (question 6) the mean over groups of the share of `perGroup`
 * credited in each. The feedback names what was credited, what was contradicted and why, and what
 * is missing.
 */
export function gradeRubric(part: RubricPart, answer: string): Grade {
  return readRubric(part, answer).grade(conceptReader);
}

/**
 * What the rule reader found of one concept in an answer: credited (asserted, and credited after
 * every rule), denied (negated in its clause, or taken back later), opposite (its opposite said),
 * misattributed (said of another subject than the one the point belongs to), mentioned (named, but
 * none of these: in a question, a list of terms, a conclusion drawn from a contradicted claim …),
 * absent (not named at all).
 */
export type Finding = 'credited' | 'denied' | 'opposite' | 'misattributed' | 'mentioned' | 'absent';

/**
 * An answer read by the rules, before the last checks (a list of bare terms, an answer mostly about
 * something else, a definition only) and the score: what a learned reader (./reader) reads beside
 * the rules.
 */
export interface RubricReading {
  readonly part: RubricPart;
  readonly analysis: Analysis;
  /** The rule reader's finding for each concept of the part, by concept id. */
  readonly findings: ReadonlyMap<string, Finding>;
  /** The concepts the rules credit (those found `credited`), in the part's order. */
  readonly covered: readonly string[];
  /**
   * Per clause of `analysis`, the subject of the part's list it is about as the rules find it (named
   * in the clause, else the last one named before); undefined where the part lists none or none is named.
   */
  readonly subjects: readonly (string | undefined)[];
  /**
   * The grade with `reader` choosing the credited concepts (the rules' own when it is undefined or
   * gives undefined); the last checks apply to what it chooses as to the rules' choice.
   */
  grade(reader?: ConceptReader): Grade;
}

/** Chooses the concepts credited from a reading (undefined: the rules' own). */
export type ConceptReader = (reading: RubricReading) => ReadonlySet<string> | undefined;

/**
 * The reader gradeRubric consults: by default the learned reader combined with the rules (./reader:
 * a concept the rules find absent is added when the model is confident; in leave-one-set-out
 * cross-validation over the ten practice sets it agreed with the teacher on more rows than the
 * rules alone, with no more wrong answers at full marks); see {@link useConceptReader}.
 */
let conceptReader: ConceptReader | undefined = learnedReader();

/**
 * Replaces the concept reader gradeRubric consults (undefined: the rules alone); returns the one it
 * replaced. The learned reader's cross-validation (scripts/reader-cv.ts) reads every answer through it.
 */
export function useConceptReader(next: ConceptReader | undefined): ConceptReader | undefined {
  const previous = conceptReader;
  conceptReader = next;
  return previous;
}

/** Reads an answer by the rules: every concept's finding, and a grade to finish (see {@link RubricReading}). */
export function readRubric(part: RubricPart, answer: string): RubricReading {
  const compiled = compile(part);
  const lexicon = partLexicon(part);
  const prepared = prepare(answer, lexicon.names);
  const mentions = compiled.subjects.length === 0 ? [] : subjectMentions(prepared, compiled.subjects);
  const covered: Concept[] = [];
  const problems: string[] = [];
  const affirmedAt = new Map<Concept, Span[]>();
  /** Where each credited concept's phrases are said (those whose place is known). */
  const phrasesAt = new Map<Concept, Span[]>();
  const contradictions: Span[] = [];
  /** The concept each contradiction is of, by the contradicting clause (its own, not its premises). */
  const contradictedBy: { id: string; clause: Span }[] = [];
  /** Concepts credited, then taken back by a later clause. */
  const takenBack = new Set<string>();
  const judged = compiled.concepts.map((entry) => judgeConcept(part, entry, prepared, mentions, lexicon));
  compiled.concepts.forEach((entry, k) => {
    // "uses dilated convolutions to keep the resolution": the opposite of one point given as the
    // purpose ("to …", "that …") of another point asserted in the same clause (a remedy and what it
    // is for) is that point's effect, not a contradiction of the first. When the remedy is denied
    // ("it does not use dilated convolutions to keep the resolution"), the denial's scope is the
    // remedy: its aim is still no claim that the resolution is kept.
    judged[k] = judged[k]!.filter(
      (v) =>
        (v.kind !== 'contradicted' && v.kind !== 'negated') ||
        v.purpose !== true ||
        !compiled.concepts.some(
          (other, j) =>
            j !== k &&
            !samePoint(part.id, entry.concept.id, other.concept.id) &&
            judged[j]!.some(
              (w) =>
                (w.kind === 'affirmed' || (v.kind === 'contradicted' && w.kind === 'negated')) &&
                w.clause.start < v.clause.end &&
                v.clause.start < w.clause.end,
            ),
        ),
    );
  });
  for (const [k, entry] of compiled.concepts.entries()) {
    const verdicts = judged[k]!;
    const affirmed = verdicts.some((v) => v.kind === 'affirmed');
    // Asserted in one clause and denied in another ("it has no weights … actually it has as many as
    // a conv"): the answer holds the concept and its opposite, so it is credited with neither.
    const contradicted =
      verdicts.find((v) => v.kind === 'contradicted') ??
      (affirmed ? verdicts.find((v) => v.kind === 'negated' && v.weak !== true) : undefined);
    if (affirmed && contradicted === undefined) {
      covered.push(entry.concept);
      affirmedAt.set(
        entry.concept,
        verdicts.filter((v) => v.kind === 'affirmed').map((v) => v.clause),
      );
      phrasesAt.set(
        entry.concept,
        verdicts.flatMap((v) =>
          v.kind === 'affirmed' && v.at !== undefined && v.to !== undefined
            ? [{ start: v.at, end: v.to }]
            : [],
        ),
      );
      continue;
    }
    const label = entry.concept.label;
    const said = (v: Verdict) => quote(prepared.text, v.clause);
    if (contradicted !== undefined) {
      problems.push(`"${said(contradicted)}" contradicts: ${label}.`);
      contradictions.push(contradicted.clause);
      contradictedBy.push({ id: entry.concept.id, clause: contradicted.clause });
      // The clauses that asserted it are premises that fall with it ("it has no parameters, so it is
      // cheaper. Though actually it does have weights.").
      for (const v of verdicts) if (v.kind === 'affirmed') contradictions.push(v.clause);
      continue;
    }
    // "SENet: an SE block in every residual unit, squeezing by global average pooling", "ResNet: skip
    // connections": a phrase naming another network's concept while it describes a point of the
    // network it is said of (that point credited in the same sentence, at or before the phrase) is
    // how this network's own innovation works, not a point given to the wrong network.
    const describesOwn = (v: Verdict) =>
      v.kind === 'misattributed' &&
      compiled.concepts.some(
        (other, j) =>
          other.concept.group === v.subject &&
          judged[j]!.some(
            (w) =>
              w.kind === 'affirmed' &&
              w.at !== undefined &&
              w.at <= v.at &&
              sentenceAt(prepared, w.at) === sentenceAt(prepared, v.at),
          ),
      );
    const misattributed = verdicts.find((v) => v.kind === 'misattributed' && !describesOwn(v));
    if (misattributed !== undefined && misattributed.kind === 'misattributed') {
      problems.push(
        misattributed.subject === undefined
          ? `"${said(misattributed)}": say which network this is (${label}).`
          : partOf(part, misattributed.subject) !== undefined
            ? // "Pooling layers make the network invariant to small shifts" (question 1): pooling is a
              // layer of the CNN, so "the wrong thing" would puzzle; the point is the CNN's own
              // mechanism (review 28 #26).
              `"${said(misattributed)}" is said of ${misattributed.subject}, one layer of a ${partOf(part, misattributed.subject)}; the point is what the ${partOf(part, misattributed.subject)} itself does: ${label}.`
            : `"${said(misattributed)}" is said of ${misattributed.subject}, but it belongs to ${entry.concept.group ?? part.subjects?.list[0]?.id}: ${label}.`,
      );
      continue;
    }
    const negated = verdicts.find((v) => v.kind === 'negated');
    if (negated !== undefined) problems.push(`"${said(negated)}" denies: ${label}.`);
  }
  // "Though the locality thing is wrong actually": a point named by one of its words as "the … thing
  // (part, point)" and called wrong takes back what the answer said of it before.
  for (const { word, clause } of pointsCalledWrong(prepared)) {
    for (let i = covered.length - 1; i >= 0; i--) {
      const concept = covered[i]!;
      const spans = affirmedAt.get(concept) ?? [];
      if (!spans.some((span) => span.start < clause.start)) continue;
      if (!WHOLE.has(word) && !namesConcept(word, wordsOf(part.id, concept))) continue;
      covered.splice(i, 1);
      takenBack.add(concept.id);
      problems.push(`"${quote(prepared.text, clause)}" takes back: ${concept.label}.`);
    }
  }
  // "CNNs share weights across the image. Well, they don't exactly share them.": a later clause that
  // denies the same predicate of a pronoun (or "such" and the same noun) takes back the claim.
  // "Skip connections were tried, but they do not help": a judging denial of a pronoun subject takes
  // back what the clause before names as its subject.
  // "…; a dense net doesn't do that", "no dense net does that": said of the other thing the
  // question contrasts, and of none of ours, the denial draws the contrast; it takes nothing back.
  // Decided on the rest of the denial's sentence after the last claim before it, not its own clause:
  // "neither a CNN nor a dense net does that", "…, and nor does a CNN", "… and a CNN doesn't either"
  // put our thing in a clause of its own, and deny it too.
  const ofOtherOnly = (clause: Span) => {
    if (part.subjects?.rule !== 'contrast') return false;
    const sentence = sentenceAt(prepared, clause.start);
    const before = [...affirmedAt.values()]
      .flat()
      .filter((s) => s.end <= clause.start && sentenceAt(prepared, s.start) === sentence);
    const from = before.length === 0 ? clause.start : Math.max(...before.map((s) => s.end));
    let to = clause.end;
    while (to < prepared.text.length && sentenceAt(prepared, to) === sentence) to++;
    if (ADDS_A_SUBJECT.test(prepared.text.slice(from, clause.end))) return false;
    if (
      laterEllipticalClauses(prepared, clause).some((c) =>
        ADDS_A_SUBJECT.test(prepared.text.slice(c.start, c.end)),
      )
    )
      return false;
    const ours = part.subjects.list[0]?.id;
    return (
      mentions.some((m) => m.index >= clause.start && m.index < clause.end && m.id !== ours) &&
      !mentions.some((m) => m.index >= from && m.index < to && m.id === ours)
    );
  };
  // "AlexNet: ReLU, stacked convs (LeNet never did that)": where each concept is a thing's own
  // (question 6), a denial said of another thing the answer names, and not of the concept's owner
  // in the rest of its sentence ("…, and AlexNet didn't either" denies it too), draws the contrast
  // with it; it takes nothing back.
  const deniedOfAnotherOwner = (clause: Span, concept: Concept) => {
    if (part.subjects?.rule !== 'owns' || concept.group === undefined) return false;
    const sentence = sentenceAt(prepared, clause.start);
    let to = clause.end;
    while (to < prepared.text.length && sentenceAt(prepared, to) === sentence) to++;
    const inClause = mentions.filter((m) => m.index >= clause.start && m.index < clause.end);
    return (
      inClause.length > 0 &&
      !mentions.some((m) => m.index >= clause.start && m.index < to && m.id === concept.group)
    );
  };
  for (const { concepts, clause } of [
    ...takenBackByAnaphora(prepared, covered, affirmedAt).filter(({ clause }) => !ofOtherOnly(clause)),
    ...takenBackByPronounSubject(prepared, covered, affirmedAt, phrasesAt),
    ...takenBackByEllipticalDenial(prepared, covered, affirmedAt),
  ]) {
    for (const concept of concepts) {
      if (!covered.includes(concept) || deniedOfAnotherOwner(clause, concept)) continue;
      covered.splice(covered.indexOf(concept), 1);
      takenBack.add(concept.id);
      problems.push(`"${quote(prepared.text, clause)}" takes back: ${concept.label}.`);
    }
  }
  // A conclusion drawn from a claim the answer contradicts ("it also has many more parameters,
  // which is why it generalises better") stands on nothing: credited only where said elsewhere.
  if (contradictions.length > 0) {
    const { analysis, text } = prepared;
    const sentenceOf = (span: Span) => analysis.clauses[clauseIndexAt(analysis, span.start)]!.sentence;
    const shaky = (span: Span) =>
      CONSEQUENCE.test(text.slice(span.start, span.end)) &&
      contradictions.some((c) => sentenceOf(c) === sentenceOf(span) && c.start < span.start);
    // "it reduces overfitting by adding weights": an effect credited to a cause that contradicts its
    // own point (the means, "by"/"through"/"thanks to" …, after it in the same sentence) is not
    // the point made for the right reason.
    const wrongCause = (id: string, span: Span) =>
      contradictedBy.some(
        (c) =>
          samePoint(part.id, id, c.id) &&
          sentenceOf(c.clause) === sentenceOf(span) &&
          c.clause.start >= span.end &&
          MEANS.test(text.slice(c.clause.start, c.clause.end)),
      );
    // "it's cheaper: it has only one weight per channel", "it saves memory because it halves the
    // channels": a claim whose stated reason (the clause after its colon, or a "because"/"since"
    // clause right after it) is a claim the answer gets wrong stands on that wrong reason.
    const falseReason = (span: Span) => {
      const index = clauseIndexAt(analysis, span.start);
      const clause = analysis.clauses[index]!;
      const next = analysis.clauses[index + 1];
      return (
        next !== undefined &&
        next.sentence === clause.sentence &&
        (clause.beforeColon || REASON.test(text.slice(next.start, next.end))) &&
        contradictions.some((c) => c.start < next.end && next.start < c.end)
      );
    };
    for (let i = covered.length - 1; i >= 0; i--) {
      const concept = covered[i]!;
      const spans = affirmedAt.get(concept) ?? [];
      if (spans.every(falseReason)) {
        covered.splice(i, 1);
        problems.push(`given for a reason the answer gets wrong, so not credited: ${concept.label}.`);
      } else if (spans.every(shaky)) {
        covered.splice(i, 1);
        problems.push(`a conclusion drawn from a contradicted claim is not credited: ${concept.label}.`);
      } else if (spans.every((span) => wrongCause(concept.id, span))) {
        covered.splice(i, 1);
        problems.push(`credited to a cause the answer gets wrong, so not credited: ${concept.label}.`);
      }
    }
  }
  // "it has fewer layers, so it trains faster", "it does augmentation inside, so it needs no extra
  // images": a consequence drawn from a premise that speaks of none of the part's points stands on a
  // wrong reason, so it is not credited; said bare, or drawn from a premise that speaks of a point
  // (however the rules read it: a conclusion drawn from a contradicted claim is judged above), it stands.
  for (let i = covered.length - 1; i >= 0; i--) {
    const concept = covered[i]!;
    if (!isConsequence(part.id, concept.id)) continue;
    const founded = (premise: readonly Span[]) =>
      compiled.concepts.some(
        (other, j) =>
          !isConsequence(part.id, other.concept.id) &&
          judged[j]!.some((v) => premise.some((c) => c.start < v.clause.end && v.clause.start < c.end)),
      );
    const spans = affirmedAt.get(concept) ?? [];
    if (
      spans.length > 0 &&
      spans.every((span) => {
        const premise = premiseOf(prepared, span);
        return premise !== undefined && !founded(premise);
      })
    ) {
      covered.splice(i, 1);
      problems.push(
        `drawn from a reason that is none of the points asked for, so not credited: ${concept.label}.`,
      );
    }
  }
  // An answer mostly about something else asserts nothing about the question, whatever words it holds.
  // "convolutional, any size, 7x7 kernel, valid, 1x1": a string of topics, each named, none said.
  const findings = new Map<string, Finding>();
  for (const [k, entry] of compiled.concepts.entries()) {
    const id = entry.concept.id;
    const verdicts = judged[k]!;
    findings.set(
      id,
      covered.includes(entry.concept)
        ? 'credited'
        : verdicts.some((v) => v.kind === 'contradicted')
          ? 'opposite'
          : takenBack.has(id) || verdicts.some((v) => v.kind === 'negated' && v.weak !== true)
            ? 'denied'
            : verdicts.some((v) => v.kind === 'misattributed')
              ? 'misattributed'
              : verdicts.length > 0
                ? 'mentioned'
                : 'absent',
    );
  }
  const ruled = [...covered];
  const ruledProblems = [...problems];
  const reading: RubricReading = {
    part,
    analysis: prepared.analysis,
    findings,
    covered: ruled.map((c) => c.id),
    subjects: prepared.analysis.clauses.map((c) =>
      mentions.length === 0 ? undefined : subjectAt(prepared, mentions, c.start, false),
    ),
    grade(reader) {
      const chosen = reader?.(reading);
      if (chosen === undefined) return finishGrade(part, prepared, lexicon, [...ruled], [...ruledProblems]);
      const mine = part.concepts.filter((c) => chosen.has(c.id));
      const dropped = ruled.filter((c) => !chosen.has(c.id));
      return finishGrade(part, prepared, lexicon, mine, [
        ...ruledProblems,
        ...dropped.map((c) => `the learned reader does not read it as asserted: ${c.label}.`),
      ]);
    },
  };
  return reading;
}

/**
 * The premise a claim's clause is drawn from: the clauses of its sentence before the first one that
 * opens with a conclusion ("so", "which is why", …) at or before it (the sentence before, where that
 * is its first clause: "… . So it trains faster"), or the rest of its sentence after a "because" or
 * "since" clause right after it. Undefined where the claim is drawn from nothing said.
 */
function premiseOf(prepared: Prepared, span: Span): Span[] | undefined {
  const { analysis, text } = prepared;
  const clauses = analysis.clauses;
  const index = clauseIndexAt(analysis, span.start);
  const sentence = clauses[index]!.sentence;
  for (let k = index; k >= 0 && clauses[k]!.sentence === sentence; k--) {
    if (!CONSEQUENCE.test(text.slice(clauses[k]!.start, clauses[k]!.end))) continue;
    const before = clauses.slice(0, k).filter((c) => c.sentence === sentence);
    return before.length > 0 ? before : clauses.filter((c) => c.sentence === sentence - 1);
  }
  const next = clauses[index + 1];
  if (next === undefined || next.sentence !== sentence || !REASON.test(text.slice(next.start, next.end)))
    return undefined;
  return clauses.slice(index + 1).filter((c) => c.sentence === sentence);
}

/** The last checks on the concepts credited, the score and the feedback. */
function finishGrade(
  part: RubricPart,
  prepared: Prepared,
  lexicon: PartLexicon,
  covered: Concept[],
  problems: string[],
): Grade {
  if (covered.length > 0 && topicList(prepared, lexicon)) {
    covered.length = 0;
    problems.unshift('A list of bare terms says nothing about them, so nothing in it is credited.');
  }
  if (covered.length > 0 && offTopic(prepared, lexicon)) {
    covered.length = 0;
    problems.unshift('Most of the answer is about something else, so nothing in it is credited.');
  }
  if (covered.length > 0 && difficultyDenied(part, prepared)) {
    covered.length = 0;
    problems.unshift(
      'It says there is no difficulty, which is what the question asks for, so nothing in it is credited.',
    );
  }
  // "Semantic segmentation classifies each pixel into a class": an answer that only says what the
  // thing is, with no word of what the question asks (a difficulty, a need), answers another question.
  if (
    !framedAsAsked(part.id, prepared.text) &&
    definitionOnly(
      part.id,
      covered.map((c) => c.id),
    )
  ) {
    covered.length = 0;
    problems.unshift(
      'It says what the task is, not what the question asks about it, so nothing in it is credited.',
    );
  }
  const missed = part.concepts.filter((c) => !covered.includes(c));
  let score: number;
  // Question 6: networks whose points are all earned (nothing more to ask of them).
  const fullGroups = new Set<string>();
  if (part.perGroup !== undefined) {
    const groups = [...new Set(part.concepts.map((c) => c.group ?? ''))];
    const perGroup = part.perGroup;
    // Each group's points, counted by the part's point table (one point said two ways counts once).
    const shares = groups.map((g) =>
      Math.min(
        1,
        pointsEarned(
          part.id,
          covered.filter((c) => (c.group ?? '') === g).map((c) => c.id),
        ) / perGroup,
      ),
    );
    score = shares.reduce((a, b) => a + b, 0) / groups.length;
    for (const [i, g] of groups.entries()) if (shares[i] === 1) fullGroups.add(g);
  } else {
    score = Math.min(
      1,
      pointsEarned(
        part.id,
        covered.map((c) => c.id),
      ) / part.required,
    );
  }
  score = Math.round(score * 1000) / 1000;
  const feedback: string[] = [];
  if (covered.length > 0) feedback.push(`You covered: ${covered.map((c) => c.label).join('; ')}.`);
  else feedback.push('None of the expected points was recognised.');
  if (problems.length > 0) feedback.push(`Not credited: ${problems.join(' ')}`);
  if (score < 1) {
    const needed =
      part.perGroup === undefined
        ? `${part.required} for full credit`
        : `${part.perGroup} per network for full credit`;
    // Each point still to make, its concepts as alternatives ("skip connections … or dilated
    // convolutions …"): not a concept whose point is already earned.
    const label = (id: string) => part.concepts.find((c) => c.id === id)!.label;
    const open = missed.filter((c) => !fullGroups.has(c.group ?? '')).map((c) => c.id);
    const points = pointsMissing(
      part.id,
      open,
      covered.map((c) => c.id),
    );
    // "two of: upsampling … or skip connections … or dilated convolutions …" (question 8's remedies).
    const said = ({ need, points: alternatives }: MissingPoints) => {
      const each = alternatives.flat().map(label).join(' or ');
      return need === 1 ? each : `${COUNT_WORDS[need] ?? need} of: ${each}`;
    };
    feedback.push(`Missing (${needed}): ${points.map(said).join('; ')}.`);
  }
  return {
    score,
    correct: score === 1,
    feedback,
    covered: covered.map((c) => c.id),
    missed: missed.map((c) => c.id),
  };
}

/**
 * A part that asks for a difficulty, answered that there is none ("semantic segmentation has no
 * difficulty, it's just …", "so there's no real difficulty", "it isn't hard"): the answer denies
 * what it is asked to explain, and the facts and remedies it names are not offered as the answer.
 * Not under a condition or a supposition ("without pooling there would be no difficulty", "if the
 * maps kept their size it wouldn't be hard"): that says where the difficulty comes from.
 */
function difficultyDenied(part: RubricPart, prepared: Prepared): boolean {
  if (!asksForDifficulty(part.id)) return false;
  const { text, clauseStarts } = prepared;
  return clauseStarts.some((start, i) => {
    const clause = text.slice(start, clauseStarts[i + 1] ?? text.length).trim();
    // The denial opens in this clause; what follows it may run on past the clause ("no problem | with …").
    const words = ` ${text.slice(start).trim()} `;
    const denial = NO_DIFFICULTY.exec(words);
    if (denial === null || denial.index > clause.length) return false;
    // What leads up to the denial in its clause, from the last "so", "but" or "and" on.
    const lead = words
      .slice(0, denial.index + 1)
      .split(/ (?:so|but|and|then|thus|hence) /)
      .pop()!;
    return !SUPPOSED.test(` ${lead}`);
  });
}
/**
 * The task (or "it", "this") said to have no difficulty, or none said to exist: "segmentation has no
 * difficulty", "there's no real problem", "it isn't hard", "nothing hard about it". ("Classifying
 * each pixel is not hard" says which part is easy, not that the task is; "it's not hard to see
 * why" says how plain the reason is; "there's no problem with the labels" puts it elsewhere.)
 */
const NO_DIFFICULTY = (() => {
  const w = NO_DIFFICULTY_WORDS;
  const [subject, hedge, qualifier, noun, elsewhere, degree, adjective, about] = [
    w.subjects,
    w.hedges,
    w.qualifiers,
    w.nouns,
    w.elsewhere,
    w.degrees,
    w.adjectives,
    w.about,
  ].map(typedAlternation);
  const hasNo = `(?:${subject}) (?:(?:${hedge}) )?(?:has|have) no (?:(?:${qualifier}) )?(?:${noun})`;
  const thereIsNo = `there (?:s|is|are) no (?:(?:${qualifier}) )?(?:${noun})(?! (?:${elsewhere}) )`;
  const isNotHard = `(?:${subject}) (?:(?:is|s) not|isn t) (?:(?:${degree}) )?(?:${adjective})(?! to )`;
  const nothingHard = `nothing (?:${adjective}) about (?:${about})`;
  return new RegExp(` (?:${hasNo}|${thereIsNo}|${isNotHard}|${nothingHard})(?= )`);
})();
/** A supposition before the denial ("would", "without", "if", "unless"): where the difficulty comes from. */
const SUPPOSED = / (?:would|wouldn t|without|if|unless|otherwise)(?= )/;

/** How many points a "Missing" line asks for, in words. */
const COUNT_WORDS: readonly string[] = ['none', 'one', 'two', 'three', 'four', 'five'];

/**
 * Most sentences name neither a concept of the part nor anything of the field, or most of the
 * answer's nouns are from outside the field (a baking story that happens to say "smaller batch").
 */
function offTopic(prepared: Prepared, lexicon: PartLexicon): boolean {
  const { sentences, clauses } = prepared.analysis;
  let field = 0;
  let other = 0;
  for (const clause of clauses)
    for (const [i, t] of clause.tokens.entries()) {
      if (t.pos !== 'NOUN') continue;
      // "I skipped my connection", "her resolution": a person's own thing is no word of the field;
      // nor is what belongs to a person's thing from outside the field ("my phone lost its
      // resolution"; not "my network loses its resolution").
      const before = clause.tokens[i - 1]?.norm ?? '';
      let at = before === 'its' ? i - 2 : -1;
      while (at >= 0 && clause.tokens[at]!.pos !== 'NOUN') at--;
      const owner = clause.tokens[at];
      if (
        PERSONAL.has(before) ||
        (owner !== undefined &&
          PERSONAL.has(clause.tokens[at - 1]?.norm ?? '') &&
          !isFieldWord(owner.lemma, lexicon) &&
          !isFieldWord(owner.norm, lexicon))
      )
        other++;
      else if (isFieldWord(t.lemma, lexicon) || isFieldWord(t.norm, lexicon)) field++;
      else if (!NEUTRAL_NOUNS.has(t.lemma)) other++;
    }
  // A story is told by someone: my grandmother, we at the bakery, my holiday photos. (Not an
  // analogy whose subject is the field's own thing: "max pooling is like a bouncer … he …".)
  if (
    other >= 4 &&
    other >= field &&
    / (?:i|my|we|our|me|us|she|her|he|his)(?= )/.test(prepared.text.replace(STANCE, ' ')) &&
    !likenedByAnalogy(prepared.text, lexicon)
  )
    return true;
  if (sentences.length < 2) return false;
  let related = 0;
  let naming = 0;
  sentences.forEach((sentence, i) => {
    if (prepared.mentioned.has(i) || sentence.split(' ').some((word) => isFieldWord(word, lexicon))) {
      related++;
      naming++;
    } else if (namesSomething(clauses, i)) naming++;
  });
  // Only sentences that name something weigh: "it's free.", "that's the whole point", "lol" are
  // about nothing else.
  return related * 2 < naming;
}

/**
 * The writer's stance on a claim ("I think", "if I remember right", "I'd say", "I'm pretty sure"):
 * an "I" there hedges the answer, it tells no story.
 */
const STANCE = new RegExp(
  ` (?:(?:if|as far as) )?i (?:(?:${normalisedAlternation(STANCE_VERBS)})(?: (?:right|rightly|correctly))?|(?:d|would) say|m (?:(?:not|pretty|fairly|quite) )?sure)(?= )`,
  'g',
);

/**
 * Does sentence `i` name something: a noun of its own beyond the words any answer uses ("thing",
 * "point", "way")? "it's free", "that's literally the whole point" name nothing.
 */
function namesSomething(clauses: Analysis['clauses'], i: number): boolean {
  return clauses.some(
    (clause) =>
      clause.sentence === i &&
      clause.tokens.some((t) => (t.pos === 'NOUN' || t.pos === 'PROPN') && !NEUTRAL_NOUNS.has(t.lemma)),
  );
}

/**
 * An analogy whose subject is a thing of the field ("max pooling is like a bouncer", "a filter
 * works kind of like a stencil", "think of the kernel as a stamp"): what the story that follows
 * tells is that thing, not something else.
 */
const ANALOGY = new RegExp(
  `(?: (\\S+) (?:${normalisedAlternation(ANALOGY_VERBS)})(?: (?:${normalisedAlternation(ANALOGY_HEDGES)}))? like| (?:${normalisedAlternation(ANALOGY_OPENERS)})(?: (?:a|an|the))? ((?:\\S+ )?\\S+) as)(?= )`,
  'g',
);
function likenedByAnalogy(text: string, lexicon: PartLexicon): boolean {
  for (const m of text.matchAll(ANALOGY)) {
    const subject = m[1] ?? m[2] ?? '';
    if (subject.split(' ').some((word) => isFieldWord(word, lexicon))) return true;
  }
  return false;
}

/**
 * One sentence of four or more short items (three words at most, no verb, none led by a name the
 * part pairs), most of them one bare word or a figure ("convolutional", "valid", "1x1"): a list of
 * topics. A figure is a term here too, though the clause reader counts it as a number (a terse
 * answer says something of each item: "smaller batch, fp16, fewer layers, bigger stride").
 */
function topicList(prepared: Prepared, lexicon: PartLexicon): boolean {
  const { clauses, sentences } = prepared.analysis;
  if (sentences.length !== 1 || clauses.length < 4) return false;
  if (!clauses.every((c) => c.tokens.length > 0 && c.tokens.length <= 3)) return false;
  if (clauses.some((c) => c.tokens.some((t) => t.pos === 'VERB' || t.pos === 'AUX'))) return false;
  if (clauses.some((c) => lexicon.names.has(c.tokens[0]!.norm))) return false;
  const lone = clauses.filter(
    (c) =>
      (c.tokens.length === 1 &&
        (c.tokens[0]!.pos === 'NUM' || c.tokens[0]!.pos === 'ADJ' || c.tokens[0]!.pos === 'NOUN')) ||
      namedTerm(c.tokens),
  ).length;
  return lone * 2 > clauses.length;
}

/**
 * A term of two or three words that only names a thing ("lateral inhibition", "neighbouring maps",
 * "lower layers"): nouns and names, with modifiers that only say which kind or where (a participle
 * in -ing, a word of position). A comparative of amount, a state ("coarse output"), a direction
 * ("batch size down"), an article or a figure says something of the thing, so the item is a point.
 */
function namedTerm(tokens: readonly Token[]): boolean {
  if (tokens.length < 2) return false;
  const head = tokens[tokens.length - 1]!;
  if (head.pos !== 'NOUN' && head.pos !== 'PROPN') return false;
  return tokens
    .slice(0, -1)
    .every(
      (t) =>
        t.pos === 'NOUN' ||
        t.pos === 'PROPN' ||
        (t.pos === 'ADJ' && (t.norm.endsWith('ing') || POSITION_WORDS.has(t.norm))),
    );
}
/** Adjectives of position that pick out which layers or maps, and say nothing of a change. */
const POSITION_WORDS: ReadonlySet<string> = new Set(
  'lower upper early earlier later first last top bottom lateral'.split(' '),
);

/** Possessives that make the noun after them a person's own thing ("my connection", "his resolution"). */
const PERSONAL = new Set(['my', 'his', 'her']);

/** The sentence a position of the normalised text is in. */
const sentenceAt = (prepared: Prepared, at: number) =>
  prepared.analysis.clauses[clauseIndexAt(prepared.analysis, at)]!.sentence;

const isFieldWord = (word: string, lexicon: PartLexicon) =>
  word.length > 1 &&
  (lexicon.domain.has(word) || (word.endsWith('s') && lexicon.domain.has(word.slice(0, -1))));

/** Nouns any answer may use: they count neither for nor against the field. */
const NEUTRAL_NOUNS = new Set(
  'thing way place time lot kind part point case example idea fact reason advantage benefit problem approach trick method number amount end bit sort type stuff answer question difference word words other others rest one ones'.split(
    ' ',
  ),
);
