import type { ChoicePart } from '../questions/schemas';
import { HEDGED_TAKE_BACK_PHRASES, TAKE_BACK_PHRASES, takeBackSource } from './corrections';
import { normaliseText } from './rubric';

/*
 * Reading a choice as a teacher would (issue 18). The pick is a letter (or the option's number)
 * in any common form: "b", "B", "(b)", "b)", "b.", "[b]", "option b", "answer: b", "b, because…",
 * "(b) the activations at…". With no letter, the option's own text, or a paraphrase of it, is the
 * pick: an option is read as pairs of a qualifier and what it qualifies ("same position",
 * "neighbouring channels"), each word mapped to a concept by a synonym list, and a paraphrase
 * names an option when it makes all of that option's pairs and those of no other, or, shorter,
 * only pairs of that option and of no other. Word order
 * matters: "neighbouring positions in the same channel" has the same words as "the same position
 * in neighbouring channels" and is a different option (or none). Two letters, or text that makes
 * two options, are two picks: refused, as an answer with no pick is.
 */

/** Words that qualify a noun, by concept. */
const QUALIFIERS: Record<string, string> = {
  same: 'same',
  identical: 'same',
  neighbouring: 'neighbour',
  neighboring: 'neighbour',
  neighbour: 'neighbour',
  neighbor: 'neighbour',
  neighbours: 'neighbour',
  neighbors: 'neighbour',
  adjacent: 'neighbour',
  nearby: 'neighbour',
  surrounding: 'neighbour',
  // "across channels", "cross-channel", "the other feature maps": more than one channel, the
  // neighbours of the one normalised; "across the batch", "across the map" span all of it (below).
  across: 'across',
  cross: 'across',
  other: 'neighbour',
  whole: 'all',
  entire: 'all',
  all: 'all',
  every: 'all',
  own: 'own',
};

/** Nouns, by concept (the vocabulary of the choice parts; extend it with a new part's words). */
const NOUNS: Record<string, string> = {
  position: 'position',
  positions: 'position',
  location: 'position',
  locations: 'position',
  spot: 'position',
  spots: 'position',
  place: 'position',
  pixel: 'position',
  pixels: 'position',
  point: 'position',
  coordinates: 'position',
  xy: 'position',
  channel: 'channel',
  channels: 'channel',
  'feature map': 'map',
  'feature maps': 'channel',
  maps: 'channel',
  map: 'map',
  depth: 'channel',
  depthwise: 'channel',
  // A filter's (a kernel's) output is one channel: "adjacent filters", "neighbouring kernels".
  filters: 'channel',
  kernels: 'channel',
  'mini batch': 'batch',
  minibatch: 'batch',
  batch: 'batch',
  activations: 'activations',
  activation: 'activations',
  outputs: 'activations',
  weights: 'weights',
  parameters: 'weights',
};

/** Words after a noun that make it a neighbour ("channels around it", "depth neighbours", "maps nearby"). */
const AFTER_NOUN: ReadonlySet<string> = new Set([
  'around',
  'near',
  'beside',
  'nearby',
  'adjacent',
  'neighbours',
  'neighbors',
  'neighbouring',
  'neighboring',
]);

/** How many words a qualifier may stand from its noun ("same (x, y) location", "the same exact spot"). */
const REACH = 3;

/** The (qualifier, noun) pairs a text makes, in concepts: "same pixel, adjacent channels" → same·position, neighbour·channel. */
function pairsOf(text: string): Set<string> {
  const words = normaliseText(text)
    .replace(/\bx y\b/g, 'xy')
    .replace(/\bmini batch(es)?\b/g, 'minibatch')
    .replace(/\bfeature (maps?)\b/g, (_, m: string) => `feature_${m}`)
    .trim()
    .split(' ')
    .map((w) => w.replace('_', ' '));
  const pairs = new Set<string>();
  words.forEach((word, i) => {
    // After its noun: "channels around it", "channels next to it", "depth neighbours".
    const noun = NOUNS[word];
    if (
      noun !== undefined &&
      (AFTER_NOUN.has(words[i + 1]!) || `${words[i + 1]} ${words[i + 2]}` === 'next to')
    )
      pairs.add(`neighbour·${noun === 'map' ? 'channel' : noun}`);
    const qualifier = QUALIFIERS[word];
    if (qualifier === undefined) return;
    for (let j = i + 1; j <= i + REACH && j < words.length; j++) {
      if (QUALIFIERS[words[j]!] !== undefined) return;
      const noun = NOUNS[words[j]!];
      if (noun !== undefined) {
        // "the same feature map" is one map (option c); "neighbouring feature maps" are channels.
        // "Across" channels is to their neighbours; across anything else (a batch, a map) is all of it.
        const said = qualifier === 'across' ? (noun === 'channel' ? 'neighbour' : 'all') : qualifier;
        // The whole feature map is all of one map: the same map.
        const one = said === 'all' && noun === 'map' ? 'same' : said;
        pairs.add(`${one}·${noun === 'map' && one !== 'same' ? 'channel' : noun}`);
        return;
      }
    }
  });
  return pairs;
}

/** "one" … "eight", "first" … "eighth", "1st" … "8th": an option's number written as a word. */
const NUMBER_WORDS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight'];
const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth'];
const ORDINAL_NUMERALS = ['1st', '2nd', '3rd', '4th', '5th', '6th', '7th', '8th'];

/** The option index a written mark stands for: a letter, a digit, a number word or an ordinal. */
function indexOfMark(mark: string): number {
  if (/^\d$/.test(mark)) return Number(mark) - 1;
  if (/^[a-h]$/.test(mark)) return mark.charCodeAt(0) - 97;
  for (const list of [NUMBER_WORDS, ORDINALS, ORDINAL_NUMERALS]) {
    const at = list.indexOf(mark);
    if (at >= 0) return at;
  }
  return -1;
}

/**
 * The letters an answer picks, in the forms people write them; an article "a" is not a pick.
 * Marked forms come first: the answer opening with the letter ("b", "b)", "b, because…"), a letter
 * in brackets anywhere ("(b)", "[b]"), or one after "option", "answer", "choice", "pick" (also as
 * a number or number word: "option 2", "option two"). Only when there is none are the weaker forms
 * read: an ordinal naming an option ("the second one", "2nd option", "second"), or a letter b–h
 * standing alone as a word ("I'd go with B"; "a" only as the last word: "I pick a"). So an
 * explanation that mentions another option ("b, because c is batch norm") still picks one.
 */
function lettersOf(answer: string, count: number): number[] {
  const text = answer.normalize('NFKC').trim().toLowerCase();
  const n = Math.min(count, 8);
  const patterns = letterPatternsFor(n);
  const collect = (list: readonly RegExp[], from = text) => {
    const found = new Set<number>();
    // (Global RegExps shared between calls: `matchAll` starts from 0 and leaves no state.)
    for (const pattern of list)
      for (const match of from.matchAll(pattern))
        for (const mark of match.slice(1)) if (mark) found.add(indexOfMark(mark));
    return [...found].filter((i) => i >= 0 && i < count).sort((a, b) => a - b);
  };
  const marked = collect(patterns.marked);
  if (marked.length > 0) return marked;
  // A lone letter past the last option ("e or b") makes the lone letters no pick at all ("i" is the
  // pronoun, and "x"/"y" name coordinates).
  const lone = [...text.matchAll(/(?<![\w.'’-])([a-z])(?![\w'’-]|\.\w)/g)].map((m) => m[1]!);
  if (lone.some((l) => l.charCodeAt(0) - 97 >= n && !['i', 'x', 'y'].includes(l))) return [];
  // "the last one": the last option's ordinal.
  const last = text.replace(
    /\blast\b(?=\s+(?:one|option|choice|answer|alternative)\b|\s*[.!?]*$)/g,
    ORDINALS[n - 1]!,
  );
  const byOrdinal = collect(patterns.byOrdinal, last);
  const byLetter = collect(patterns.byLetter);
  return [...new Set([...byOrdinal, ...byLetter])].sort((a, b) => a - b);
}

/** `lettersOf`'s patterns for `n` options (n ≤ 8), strongest forms first. */
interface LetterPatterns {
  /** The marked forms: an opening letter, a letter in brackets, "option b", two picks. */
  readonly marked: readonly RegExp[];
  /** An ordinal naming an option, or alone with its hedges. */
  readonly byOrdinal: readonly RegExp[];
  /** A letter standing alone as a word ("a" only last, or before a hedge). */
  readonly byLetter: readonly RegExp[];
}

const letterPatternsFor = perOptionCount((n): LetterPatterns => {
  const letter = `[a-${String.fromCharCode(96 + n)}]`;
  const number = `[1-${n}]`;
  const words = `${NUMBER_WORDS.slice(0, n).join('|')}`;
  const ordinals = `${ORDINALS.slice(0, n).join('|')}|${ORDINAL_NUMERALS.slice(0, n).join('|')}`;
  const pick = `(${letter}|${number})`;
  // An ordinal alone, with the hedges around it ("def the second", "the 2nd one i think").
  const alone = `^(?:${HEDGES}\\s+)*(?:the\\s+)?(${ordinals})(?:\\s+(?:one|option|choice|answer))?(?:\\s+${HEDGES})*\\s*[.!?]*$`;
  return {
    // "b", "b)", "b.", "b,", "b:" alone or opening the answer; "(b)", "[b]" anywhere; "option b", "answer: b".
    marked: [
      new RegExp(`^${pick}\\s*(?:[).:,\\]-]|$)`, 'g'),
      // "b (I think c is instance norm)": the opening letter, its reason in brackets after it.
      new RegExp(`^${pick}\\s+(?=\\()`, 'g'),
      // "b (or c)", "b (maybe c)": a second pick in the brackets.
      new RegExp(`^${pick}\\s*\\(\\s*(?:or|maybe|perhaps|and)\\s+${pick}\\s*[)?]`, 'g'),
      // "b because …", "B is right": an opening letter other than the article "a", then a word.
      new RegExp(`^([b-${String.fromCharCode(96 + n)}])\\s+(?=[a-z])`, 'g'),
      new RegExp(`[([]${pick}[)\\]]`, 'g'),
      new RegExp(
        `(?:\\b(?:option|answer|choice|pick|number)|\\bno\\.|#)\\s*(?:is\\s*)?[:=]?\\s*(${letter}|${number}|${words})\\b`,
        'g',
      ),
      // "b or c", "b and c", "b/c", "b or c?": two picks.
      new RegExp(`^\\(?${pick}\\)?\\s*(?:or|and|/|,|&)\\s*\\(?${pick}\\)?(?:\\s*[).,:?!]|$)`, 'g'),
      // "b, or maybe a", "b. maybe c", "b? perhaps d": a second candidate offered after the first.
      new RegExp(
        `^${pick}[\\s,;.?!]*(?:or|maybe|perhaps)(?:\\s+(?:maybe|perhaps|possibly))?\\s+(?:([b-${String.fromCharCode(96 + n)}])(?![\\w'’-])|(${number}|a)(?=\\s*(?:$|[.,;:!?)])))`,
        'g',
      ),
    ],
    byOrdinal: [
      new RegExp(`\\b(${ordinals})\\s+(?:one|option|choice|answer|alternative)\\b`, 'g'),
      new RegExp(alone, 'g'),
    ],
    byLetter: [
      new RegExp(`(?<![\\w.'’-])([b-${String.fromCharCode(96 + n)}])(?![\\w'’-]|\\.\\w)`, 'g'),
      // "a" as the last word, or before a hedge only ("a I think", "is it a?").
      new RegExp(`(?<![\\w.'’-])(a)(?:\\s+${HEDGES})*\\s*[.!?]*$`, 'g'),
    ],
  };
});

/** What is said around a pick to say how sure one is ("def", "probably", "i think"): not a pick. */
const HEDGES =
  "(?:def|defo|definitely|prob|probably|maybe|surely|certainly|obviously|i think|i guess|i['’]?d say|i reckon|pretty sure|it['’]?s|it is|gotta be|must be|has to be|i['’]?m going with|i go with|go with|lol|for sure)";

/**
 * Words that set one option against another ("not", "unlike") or give a reason ("because"): such a
 * text may name an option it rejects, or argue for the pick; it does not restate the option picked.
 */
const CONTRAST =
  /\b(?:not|no|never|unlike|rather|instead|isn t|isnt|wrong|but|except|vs|versus|because|since|as|cause|bc|so)\b/;

/**
 * The concepts of the nouns a text names ("the weights of the layer" → weights). One feature map is
 * a map; feature maps, as in `pairsOf`, are channels.
 */
function nounsOf(text: string): Set<string> {
  const words = normaliseText(text)
    .replace(/\bfeature map\b/g, 'feature_map')
    .trim()
    .split(' ');
  return new Set(
    words
      .map((w) => (w === 'feature_map' ? 'map' : NOUNS[w]))
      .filter((noun): noun is string => noun !== undefined),
  );
}

/**
 * The one option that a text beside a letter describes, when it plainly describes another one
 * than the letter (an apposition, not a reason): its exact text, its (qualifier, noun) pairs, or — the loosest reading — only
 * the nouns that set that option apart from the others, none of them the letter's own ("b, the
 * weights of the layer" describes d). A text that sets options against each other ("b, not the
 * weights") or argues ("b, because c is batch norm") is not read this way. Undefined when the text agrees with the letter or names none.
 */
function otherOptionDescribed(part: ChoicePart, answer: string, letter: number): number | undefined {
  const rest = normaliseText(answer)
    .replace(/ (?:option|answer|choice|pick|is|[a-h]|[1-8]) /g, ' ')
    .replace(/ (?:option|answer|choice|pick|is|[a-h]|[1-8]) /g, ' ');
  if (rest.trim() === '' || CONTRAST.test(rest)) return undefined;
  const exact = part.options.findIndex((o) => normaliseText(o) === rest);
  if (exact >= 0) return exact === letter ? undefined : exact;
  const said = pairsOf(rest);
  const made = part.options
    .map((option, index) => ({ index, pairs: [...pairsOf(option)] }))
    .filter(({ pairs }) => pairs.length > 0 && pairs.every((pair) => said.has(pair)))
    .map((m) => m.index);
  if (made.includes(letter)) return undefined;
  if (made.length === 1) return made[0];
  // The nouns that set each option apart: those no other option names.
  const nouns = part.options.map(nounsOf);
  const own = nouns.map((set, i) =>
    [...set].filter((noun) => nouns.every((o, j) => j === i || !o.has(noun))),
  );
  const named = nounsOf(rest);
  if (own[letter]!.some((noun) => named.has(noun))) return undefined;
  const others = own
    .map((set, index) => ({ index, set }))
    .filter(({ index, set }) => index !== letter && set.length > 0 && set.every((noun) => named.has(noun)));
  return others.length === 1 ? others[0]!.index : undefined;
}

/**
 * Choice by elimination (issue 18): the letters an answer rules out, and the answer with those
 * mentions taken away. A letter is ruled out in a list after a negation ("not a, c or d", "not a,
 * not c", "it isn't b") or in a list said to be wrong ("a, c and d are wrong", "b is out"); the
 * letter excepted from all the others ("all but b", "every option except b is wrong") is kept as
 * the pick. An "a" before a word is the article ("not a good idea"), no letter.
 */
interface EliminationPatterns {
  readonly negated: RegExp;
  readonly wrong: RegExp;
  readonly allBut: RegExp;
  readonly mark: RegExp;
}

/**
 * A builder made once per option count, not per answer (every answer of a burst paid its RegExps,
 * issue 20).
 */
function perOptionCount<T>(build: (count: number) => T): (count: number) => T {
  const built = new Map<number, T>();
  return (count) => {
    const cached = built.get(count);
    if (cached !== undefined) return cached;
    const made = build(count);
    built.set(count, made);
    return made;
  };
}

const eliminationPatternsFor = perOptionCount((count): EliminationPatterns => {
  const last = String.fromCharCode(96 + Math.min(count, 8));
  const letter = `(?:option\\s+)?[([]?(?:[b-${last}]|a(?=[)\\]]?\\s*(?:$|[,.;:!?/&]|(?:or|and|nor|not|so|then|but|it|is|are)\\b)))[)\\]]?(?![\\w'’-])`;
  const list = `${letter}(?:\\s*(?:,|/|&|\\bor\\b|\\band\\b|\\bnor\\b)\\s*(?:not\\s+)?${letter})*`;
  return {
    negated: new RegExp(
      `\\b(?:not|isn'?t|aren'?t|never|neither|nor|exclude|eliminate|rule out)\\s+(${list})`,
      'g',
    ),
    wrong: new RegExp(
      `(?<![\\w'’-])(${list})\\s+(?:is|are)\\s+(?:all\\s+)?(?:wrong|incorrect|false|out|eliminated|ruled out)\\b`,
      'g',
    ),
    // "all but b", "every option except b (is wrong)": the one letter excepted is the pick, kept.
    allBut: new RegExp(
      `\\b(?:all|everything|every\\s+(?:option|one|other\\s+(?:option|one))|the\\s+others?)\\s+(?:but|except(?:\\s+for)?|apart\\s+from|other\\s+than)\\s+(${letter})(?:\\s+(?:is|are)\\s+(?:all\\s+)?(?:wrong|incorrect|false|out|eliminated|ruled out)\\b)?`,
      'g',
    ),
    // (A mark is one letter standing alone: "or", "and", "not" between them are no marks.)
    mark: new RegExp(`(?<![\\w'’-])([a-${last}])(?![\\w'’-])`, 'g'),
  };
});

function eliminated(answer: string, count: number): { ruledOut: Set<number>; rest: string } {
  // (Global RegExps shared between calls: `replace` and `matchAll` start from 0 and leave no state.)
  const { negated, wrong, allBut, mark: markPattern } = eliminationPatternsFor(count);
  const ruledOut = new Set<number>();
  let rest = answer
    .normalize('NFKC')
    .toLowerCase()
    .replace(allBut, (_, mark: string) => ` ${mark} ; `);
  for (const pattern of [negated, wrong])
    rest = rest.replace(pattern, (_, marks: string) => {
      for (const mark of marks.matchAll(markPattern)) ruledOut.add(mark[1]!.charCodeAt(0) - 97);
      return ' ; ';
    });
  return { ruledOut, rest };
}

/**
 * The option an answer that is nothing but one option's mark picks: one letter (either case) or
 * one digit, of the first min(count, 8) options (of 2 or more); undefined for anything else. What the full reading
 * gives such an answer (issue 20: a button sends its option's number, and most typed answers are
 * one letter; the full reading cost ~0.1 ms of the bot's thread per answer): nothing is ruled out
 * (every elimination pattern needs a word), the first marked pattern of `lettersOf` reads the mark
 * alone, and `otherOptionDescribed` finds no text beside it (`normaliseText` of one mark is " m ",
 * which its own replacements empty).
 */
export function loneMark(answer: string, count: number): number | undefined {
  // (A part has 2 to 8 options; with one, the full reading's patterns do not compile: left to it.)
  if (answer.length !== 1 || count < 2) return undefined;
  const code = answer.charCodeAt(0);
  // From "a", "A" or "1" on; any other character lands below 0 or at 8 and more (i–z, I–` and
  // 9–@ are 8 to 31 past their start), which the range below leaves to the full reading.
  const index = code >= 97 ? code - 97 : code >= 65 ? code - 65 : code - 49;
  return index >= 0 && index < Math.min(count, 8) ? index : undefined;
}

/**
 * Words that take back the pick before them. Strong ones say so whatever came before: "actually
 * no", "no wait", "wait no", "sorry, I mean", "I meant", "scratch that", "or rather", "make that",
 * "correction", "oops", and "no" before a comma or a dash ("b - no, c"; "no doubt" takes nothing back).
 * Weak ones ("actually", "wait", "I mean") also open a reason ("b, actually, since c would be
 * instance norm"): they take back only a bare pick ("d, actually b").
 */
const STRONG_CORRECTION = new RegExp(
  `(?:^|[\\s.,;:!?)\\]—–-])(?:${takeBackSource(TAKE_BACK_PHRASES)}|no\\s*[,—–-])[\\s,.:;!—–-]*`,
  'gi',
);
const WEAK_CORRECTION = new RegExp(
  `(?:^|[\\s.,;:!?)\\]—–-])(?:${takeBackSource(HEDGED_TAKE_BACK_PHRASES)})[\\s,.:;!—–-]*`,
  'gi',
);

/** `correctedTail`'s patterns for an option count: built once per count, not per answer. */
interface CorrectionPatterns {
  /** The tail opens with one option's mark ("a" only before a stop or the end). */
  readonly opensWithMark: RegExp;
  /** Every option the tail names, however weakly (a lone letter; "a" only before a stop or the end). */
  readonly named: RegExp;
  /** The head is a bare pick, nothing else. */
  readonly barePick: RegExp;
}

const correctionPatternsFor = perOptionCount((count): CorrectionPatterns => {
  const n = String.fromCharCode(96 + Math.min(count, 8));
  const digits = Math.min(count, 8);
  return {
    opensWithMark: new RegExp(
      `^\\(?(?:it['’]?s\\s+|option\\s+)?(?:[b-${n}]|[1-${digits}]|a(?=\\)?\\s*(?:$|[.,;:!?])))\\)?(?=[\\s.,;:!?)]|$)`,
      'i',
    ),
    named: new RegExp(`(?<![\\w.'’-])([b-${n}]|a(?=\\)?\\s*(?:$|[.,;:!?])))(?![\\w'’-])`, 'g'),
    barePick: new RegExp(`^\\(?(?:[a-${n}]|[1-${digits}])\\)?[\\s.,;:!?]*$`),
  };
});

/**
 * The text after the last correction, when it is a new pick: it opens with one option's mark, names
 * no other and rules none out ("b. Actually no, a.", "a, sorry I mean b", "b -- scratch that, d").
 * After a weak correction the pick before it must be bare too ("d, actually b"). Undefined otherwise.
 */
function correctedTail(answer: string, count: number): string | undefined {
  const last = (pattern: RegExp) => [...answer.matchAll(pattern)].at(-1);
  const [strong, weak] = [last(STRONG_CORRECTION), last(WEAK_CORRECTION)];
  // (A weak word inside a strong one, "no wait", "sorry I mean", is that strong one.)
  const found =
    strong !== undefined && (weak === undefined || weak.index < strong.index + strong[0].length)
      ? strong
      : weak;
  if (found === undefined) return undefined;
  const head = answer.slice(0, found.index).trim().toLowerCase();
  const tail = answer.slice(found.index + found[0].length).trim();
  // (Global RegExps shared between calls: `matchAll` starts from 0 and leaves no state.)
  const { opensWithMark, named: namedPattern, barePick } = correctionPatternsFor(count);
  if (!opensWithMark.test(tail)) return undefined;
  const named = new Set([...tail.toLowerCase().matchAll(namedPattern)].map((m) => m[1]));
  if (named.size !== 1) return undefined;
  if (eliminated(tail, count).ruledOut.size > 0) return undefined;
  if (found === weak ? !barePick.test(head) : lettersOf(head, count).length === 0) return undefined;
  return tail;
}

/** An answer to a choice part, read: the option picked, or why none can be. */
export type ChoiceReading = { readonly index: number } | { readonly invalid: string };

/**
 * Reads which option an answer picks: a letter or number in any common form, else the option's
 * text or a paraphrase of it (see above). Two picks, or none, come back as `invalid` with why.
 */
export function readChoice(part: ChoicePart, answer: string): ChoiceReading {
  const lone = loneMark(answer, part.options.length);
  return lone === undefined ? readChoiceInFull(part, answer) : { index: lone };
}

/** `readChoice` without its shortcut for a lone mark (exported for the test that compares the two). */
export function readChoiceInFull(part: ChoicePart, answer: string): ChoiceReading {
  // "b. Actually no, a.", "a, sorry I mean b", "b -- scratch that, d": a pick corrected by a later
  // one is the later one (the numeric reader does the same with "no wait").
  const corrected = correctedTail(answer, part.options.length);
  if (corrected !== undefined) return readChoiceInFull(part, corrected);
  const letters = part.options.map((_, i) => String.fromCharCode(97 + i));
  const allowed = `choose one of ${letters.join(', ')} (or 1–${part.options.length})`;
  const { ruledOut, rest } = eliminated(answer, part.options.length);
  // (`rest` is the answer itself, lower-cased, when nothing is ruled out; `lettersOf` lower-cases.)
  let picked = lettersOf(rest, part.options.length);
  if (ruledOut.size > 0 && picked.length === 0) {
    // Every option but one ruled out ("not a, not c, not d") picks that one; fewer pick none.
    const left = letters.map((_, i) => i).filter((i) => !ruledOut.has(i));
    if (left.length !== 1)
      return {
        invalid: `it rules out ${[...ruledOut]
          .sort()
          .map((i) => letters[i])
          .join(', ')} but picks none; ${allowed}`,
      };
    picked = left;
  }
  if (picked.length > 1)
    return { invalid: `it picks ${picked.map((i) => letters[i]).join(' and ')}; ${allowed}` };
  if (picked.length === 1) {
    // A letter with the text of another option ("b, the weights of the layer") picks two.
    const other = otherOptionDescribed(part, answer, picked[0]!);
    if (other !== undefined)
      return {
        invalid: `its letter picks ${letters[picked[0]!]} but its text describes ${letters[other]}) ${part.options[other]}; ${allowed}`,
      };
    return { index: picked[0]! };
  }
  // The answer normalised once (it was normalised again for every option and twice below).
  const normalised = normaliseText(answer);
  const exact = part.options.findIndex((o) => normaliseText(o) === normalised);
  if (exact >= 0) return { index: exact };
  const said = pairsOf(answer);
  const made = part.options
    .map((option, index) => ({ index, pairs: [...pairsOf(option)] }))
    .filter(({ pairs }) => pairs.length > 0 && pairs.every((pair) => said.has(pair)));
  if (made.length === 1) return { index: made[0]!.index };
  if (made.length > 1)
    return { invalid: `it describes ${made.map((m) => letters[m.index]).join(' and ')}; ${allowed}` };
  // A shorter paraphrase: every pair it makes is one option's, and it touches no other option
  // ("neighbouring channels" is only b's). Word order still decides: "neighbouring positions in the
  // same channel" makes a pair no option has, and picks nothing.
  const touched = part.options
    .map((option, index) => ({ index, pairs: [...pairsOf(option)].filter((pair) => said.has(pair)) }))
    .filter(({ pairs }) => pairs.length > 0);
  if (touched.length === 1 && touched[0]!.pairs.length === said.size) return { index: touched[0]!.index };
  // Bare nouns, no qualifier at all: the nouns that set one option apart name it ("the batch" is
  // a's, "the layer weights" d's), when they name only that one and nothing sets options against
  // each other ("not the batch" names a to reject it). A qualifier that qualifies no noun ("the
  // same really very exact spot") says something unread: no pick.
  const words = normalised.trim().split(' ');
  if (said.size === 0 && !words.some((w) => w in QUALIFIERS) && !CONTRAST.test(normalised)) {
    const named = nounsOf(answer);
    const nouns = part.options.map(nounsOf);
    const naming = nouns
      .map((set, index) => ({
        index,
        own: [...set].filter((noun) => nouns.every((o, j) => j === index || !o.has(noun))),
      }))
      .filter(({ own }) => own.some((noun) => named.has(noun)));
    if (naming.length === 1) return { index: naming[0]!.index };
  }
  return { invalid: allowed };
}
