import type { Analysis } from './analysis';
import { CONTRACTED_NEGATION, CONTRACTED_NOT, INTERIOR_NEGATIONS } from './negation';
import { type Token, tagWords } from './nlp';
import { MIN_TYPO_LENGTH, misspells } from './wordforms';
import { REAL_NEAR_SLOT_WORDS, WORDNET_SYNONYMS } from './wordnet-synonyms';

/*
 * Paraphrases from data: a concept's `claims` are sequences of slots matched on the words' lemmas,
 * in order, inside one clause, each slot within a few words of the one before. A slot lists words
 * separated by "|" ("split|distribute|spread"), a word ending in "*" matches any word it begins
 * ("recalibrat*"), "#size" matches a written image size ("224x224"), and "@name" stands for a shared synonym list below ("@less @parameter": "fewer
 * weights", "less params", "a smaller number of parameters", …). Adding a paraphrase is adding a
 * word to a list, not writing a regular expression.
 */

/** Synonym lists shared by every rubric, named by the "@name" a slot uses. */
export const SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  // "slash", "nuke", "chop": chat for cutting hard ("nuke the batch size"); "smol": chat for small.
  // The third-person verbs too ("batch normalization reduces memory"): a verb of less followed by
  // its own object says how much of that object, not of the claim's thing.
  less: 'few fewer less small smaller little tiny low lower reduce reduced reduces decrease decreases cut cuts halve halves shrink lowers minimal trim drop fraction slash nuke chop smol'.split(
    ' ',
  ),
  /** @less without the words of a count ("fewer images" is how many, not how big). */
  smaller:
    'small smaller little tiny low lower reduce reduced reduces decrease decreases cut cuts halve halves shrink lowers minimal trim drop slash nuke chop smol'.split(
      ' ',
    ),
  /**
   * @less without the words of size: "smaller filters" are filters of a smaller size (a 3x3 kernel),
   * not fewer of them; for a noun counted one by one, only a word of number or cutting says how many.
   */
  fewer:
    'few fewer less reduce reduced reduces decrease decreases cut cuts halve halves lowers minimal trim drop fraction slash nuke chop'.split(
      ' ',
    ),
  more: 'more many big bigger large larger huge increase double raise extra additional add'.split(' '),
  parameter: 'parameter parameters param params weight weights connection connections'.split(' '),
  // "bs": the batch size as written in code and chat ("bs↓", "bs=8").
  batch: 'batch batches minibatch minibatches batchsize bs'.split(' '),
  layer: 'layer layers'.split(' '),
  gpu: 'gpu gpus device devices card cards accelerator accelerators machine machines'.split(' '),
  several: 'several multiple many two 2 3 4 8 more various other different'.split(' '),
  split: 'split distribute spread shard divide parallelize parallelise partition share'.split(' '),
  anywhere: 'anywhere everywhere wherever'.split(' '),
  every: 'every any all each whatever different'.split(' '),
  place:
    'place places position positions location locations spot spots region regions part parts area areas corner'.split(
      ' ',
    ),
  see: 'see detect recognise recognize find spot notice identify catch fire respond pick seen detected recognised recognized found spotted noticed identified caught'.split(
    ' ',
  ),
  feature:
    'feature features pattern patterns eye eyes edge edges thing things object objects shape shapes'.split(
      ' ',
    ),
  combine: 'combine build assemble compose make merge stack grow'.split(' '),
  big: 'big bigger large larger complex whole high higher'.split(' '),
  local: 'small local little simple low tiny'.split(' '),
  lose: 'lose lost loses losing forget forgets forgot blur blurs throw throws discard discards destroy destroys nuke nukes nuked kill kills wipe wipes erase erases trash trashes wreck wrecks wrecked ruin ruins ruined'.split(
    ' ',
  ),
  // Not "restore", "recover", "bring (back)": those say what comes back, not that the maps are made
  // larger ("skip connections restore the fine detail" is the skips' effect; question 8 reads them
  // as upsampling only where no other remedy says them).
  enlarge: 'upsample upsampling upscale upscaling enlarge blow grow scale resize'.split(' '),
  inhibit:
    'inhibit inhibits suppress suppresses quiet quiets shush shushes dampen dampens damp damps silence silences mute mutes shut shuts weaken weakens drown drowns overpower overpowers overshadow overshadows calm calms tame tames'.split(
      ' ',
    ),
  neighbour: 'neighbour neighbours neighbor neighbors neighbouring neighboring adjacent nearby'.split(' '),
  map: 'map maps channel channels'.split(' '),
  output: 'output outputs result max maximum activation'.split(' '),
  unchanged: "not n't doesnt dont wont isnt never barely hardly rarely seldom".split(' '),
  change:
    'change changes move moves moved moving movement movements shift shifts shifted shifting vary varies translation translations nudge nudges nudged nudging jiggle jiggles budge budges jitter jitters jittered wiggle wiggles wiggled wobble wobbles'.split(
      ' ',
    ),
  corner: 'left* right* top* bottom* corner* centre center middle'.split(' '),
  // Not "res": "res blocks" are residual blocks (a claim names "res" where it is the resolution).
  picture: 'picture pictures photo photos image images img imgs pic pics input inputs resolution'.split(' '),
  small: 'small smaller tiny little slight minor few smol'.split(' '),
  gradient: 'gradient gradients grad grads'.split(' '),
  /** What the lower layers of a CNN find (Géron ch. 14: "low-level features … assembled into higher-level features"). */
  simple:
    'edge edges line lines corner corners stroke strokes texture textures blob blobs simple basic primitive low-level lowlevel'.split(
      ' ',
    ),
  /** What the higher layers assemble from them. */
  complex:
    'shape shapes object objects face faces part parts complex whole high-level highlevel abstract eye eyes wheel wheels'.split(
      ' ',
    ),
  early: 'early earlier lower low first shallow bottom initial'.split(' '),
  late: 'later late higher high deeper deep upper top last'.split(' '),
};

/**
 * The lists of {@link SYNONYMS} whose words say a direction, a degree, a count or a place in the
 * network ("fewer", "more", "not", "several", "early"): a synonym class from a thesaurus never
 * widens them, since a thesaurus neighbour of a direction word may be its opposite.
 */
export const DIRECTED_LISTS: ReadonlySet<string> = new Set([
  'less',
  'fewer',
  'more',
  'unchanged',
  'small',
  'several',
  'every',
  'early',
  'late',
  'big',
  'local',
]);

/** A concept's claims, compiled once: each a list of slots, each slot a list of words. */
export interface CompiledClaim {
  readonly slots: readonly (readonly string[])[];
  /**
   * `far[s]`: slot `s` came after "..." in the claim, so it may stand anywhere later in the same
   * sentence ("@simple ... @complex": "edges -> shapes -> objects"); the claim is then read over
   * the sentence rather than one clause.
   */
  readonly far: readonly boolean[];
  /**
   * A claim written "~ slot slot …" names what the concept is made of, in no order: each slot must
   * be said by its own word of one clause ("the maps are far too coarse", "coarse maps", "the
   * resolution of the maps is lost", "loses resolution"). This is how a concept's meaning is written
   * once, instead of each word order of it.
   */
  readonly unordered: boolean;
  /**
   * A claim written "slot … $" ends its clause: its last slot is the clause's last word ("batch
   * down", "upsample + skips": a note's word with nothing after it), so a word that also opens a
   * phrase ("down the network", "skips the detail") is read only where nothing follows it.
   */
  readonly atEnd: boolean;
}

const cache = new Map<string, CompiledClaim>();

/** Compiles one claim ("@less @parameter"); an unknown "@name" is a programming error, thrown. */
export function compileClaim(source: string): CompiledClaim {
  let claim = cache.get(source);
  if (claim === undefined) {
    const slots: string[][] = [];
    const far: boolean[] = [];
    let gap = false;
    const words = source.trim().split(/\s+/);
    const unordered = words[0] === '~';
    const atEnd = words[words.length - 1] === '$';
    if (atEnd && unordered) throw new Error(`an unordered claim has no end: "${source}"`);
    for (const slot of (unordered ? words.slice(1) : words).slice(0, atEnd ? -1 : undefined)) {
      if (slot === '...') {
        gap = true;
        continue;
      }
      slots.push(
        slot.split('|').flatMap((word) => {
          if (!word.startsWith('@')) return [word];
          const list = SYNONYMS[word.slice(1)];
          if (list === undefined) throw new Error(`unknown synonym list ${word} in claim "${source}"`);
          return list;
        }),
      );
      far.push(gap && slots.length > 1);
      gap = false;
    }
    claim = { slots, far, unordered, atEnd };
    cache.set(source, claim);
  }
  return claim;
}

const forms = (t: Token) => [t.lemma, t.norm, t.norm.replace(/[^a-z0-9]/g, '')];
/**
 * Does the word `t` say the slot word `word`? As written, as its lemma, as a form of the slot
 * word's own lemma ("big" for "biggest"), as a WordNet synonym of it, or misspelt ("paramters"; see
 * ./wordforms). "#size" in a slot stands for an image size written with its numbers ("224x224").
 */
const fits = (word: string, t: Token) => {
  if (word === '#size') return isImageSize(t.norm);
  // "isn't", "doesn't": the tagger keeps some contractions whole, and their "n't" is still said.
  if (word === "n't" && CONTRACTED_NOT.test(t.norm)) return true;
  if (word.endsWith('*')) return forms(t).some((f) => f.startsWith(word.slice(0, -1)));
  const said = sayings(word);
  return (
    said.has(t.lemma) ||
    said.has(t.norm) ||
    (!ALPHANUMERIC.test(t.norm) && said.has(t.norm.replace(/[^a-z0-9]/g, ''))) ||
    misspells(t, word, REAL_NEAR_SLOT_WORDS)
  );
};
const ALPHANUMERIC = /^[a-z0-9]*$/;

/*
 * How many words from `words[i]` say a slot word: 1 when the word itself does; for a slot
 * word written with a hyphen ("low-level", "per-pixel", "up-conv*"), its parts said by as many words
 * in a row, each right after the one before (a hyphen or a space between): wink splits some
 * hyphenated words at the hyphen ("low", "-", "level") and keeps others whole ("u-net"), so such a
 * slot word would otherwise never match. Each part is that word as written ("low" is no part said
 * by "small"); 0 when the slot word is not said there. (The first word of a slot that says it
 * decides: {@link slotSpan}.)
 */
/**
 * A slot word's parts at its hyphens, split once per word: undefined for a word with no hyphen or
 * with an empty part ("-" alone, "up-").
 */
function hyphenParts(word: string): readonly string[] | undefined {
  if (!word.includes('-')) return undefined;
  let parts = partsOf.get(word);
  if (parts === undefined) {
    const split = word.split('-');
    parts = split.some((p) => p === '') ? null : split;
    partsOf.set(word, parts);
  }
  return parts ?? undefined;
}
const partsOf = new Map<string, readonly string[] | null>();
/** For a slot word that does not fit `words[i]` itself: how many words say its hyphenated parts, or 0. */
function hyphenSpan(word: string, words: readonly Token[], i: number): number {
  const parts = hyphenParts(word);
  if (parts === undefined || i + parts.length > words.length) return 0;
  for (let k = 0; k < parts.length; k++) {
    const t = words[i + k]!;
    const part = parts[k]!;
    if (k > 0 && t.start - words[i + k - 1]!.end > 1) return 0;
    if (part.endsWith('*') ? !t.norm.startsWith(part.slice(0, -1)) : t.norm !== part) return 0;
  }
  return parts.length;
}
/** Words of degree before a clause-final "more" that repeats its verb ("some more", "a bit more"). */
const DEGREE_BEFORE_MORE: ReadonlySet<string> = new Set(
  'some bit little even still slightly lot much further'.split(' '),
);
/** The words a slot says from `words[i]` (0: none), for the first of its words that fits there. */
const slotSpan = (slot: readonly string[], words: readonly Token[], i: number): number => {
  const matcher = matcherOf(slot);
  const t = words[i]!;
  // "lower the batch size some more", "cut it a bit more": a "more" that ends its clause after a
  // word of degree says the verb again, harder; it is no "more" of its own.
  if (t.norm === 'more' && i === words.length - 1 && DEGREE_BEFORE_MORE.has(words[i - 1]?.norm ?? ''))
    return 0;
  if (!matcher.fits(t)) {
    // No word of the slot says `t` itself: only a hyphenated word said by its parts can be there.
    for (const w of matcher.hyphenated) {
      const n = hyphenSpan(w, words, i);
      if (n > 0) return n;
    }
    return 0;
  }
  if (matcher.hyphenated.length === 0) return 1;
  // The first word of the slot that says `t` (1 word, or its parts) decides, in the slot's order: a
  // hyphenated word whose parts start here says them all, unless a word before it (or the word
  // itself, written whole) says `t` alone. Without such a word, some word of the slot says `t`: 1.
  for (const w of matcher.hyphenated) {
    const n = hyphenSpan(w, words, i);
    if (n === 0) continue;
    const at = slot.indexOf(w);
    for (let k = 0; k <= at; k++) if (fits(slot[k]!, t)) return 1;
    return n;
  }
  return 1;
};

/**
 * A slot's words compiled once for speed: does any of them say a word ({@link fits} over the slot,
 * in one pass)? The sayings of its plain words are joined in one set, its misspelling candidates
 * indexed by their first letter; what it answers is exactly `slot.some((w) => fits(w, t))`.
 */
class SlotMatcher {
  private said: Set<string> | undefined;
  private prefixes: string[] = [];
  private size = false;
  private contracted = false;
  private typos = new Map<string, string[]>();
  /** The slot's words written with a hyphen, in the slot's order. */
  readonly hyphenated: readonly string[];

  constructor(private readonly slot: readonly string[]) {
    this.hyphenated = slot.filter((w) => w.includes('-'));
  }

  /** Built on first use: a slot word's sayings may need the tagger (see {@link sayings}). */
  private build(): Set<string> {
    const said = new Set<string>();
    for (const word of this.slot) {
      if (word === '#size') this.size = true;
      else if (word.endsWith('*')) this.prefixes.push(word.slice(0, -1));
      else {
        if (word === "n't") this.contracted = true;
        for (const w of sayings(word)) said.add(w);
        if (word.length >= MIN_TYPO_LENGTH) {
          const first = word[0]!;
          const list = this.typos.get(first);
          if (list === undefined) this.typos.set(first, [word]);
          else list.push(word);
        }
      }
    }
    this.said = said;
    return said;
  }

  /**
   * Could this slot say any word of `words` (`fits` over them, exactly)? Read from the answer's
   * vocabulary instead of word by word: most slots of most claims name no word of a given answer,
   * and a claim with such a slot is never read (`findClaims`).
   */
  fitsAny(words: AnswerWords): boolean {
    if (this.hyphenated.length > 0) return true; // said by its parts: read word by word
    const said = this.said ?? this.build();
    for (const word of said) if (words.forms.has(word)) return true;
    for (const prefix of this.prefixes)
      for (const form of words.forms) if (form.startsWith(prefix)) return true;
    if (this.size && words.tokens.some((t) => isImageSize(t.norm))) return true;
    if (this.contracted && words.tokens.some((t) => CONTRACTED_NOT.test(t.norm))) return true;
    for (const [first, typos] of this.typos)
      for (const t of words.byFirstLetter.get(first) ?? [])
        for (const word of typos) if (misspells(t, word, REAL_NEAR_SLOT_WORDS)) return true;
    return false;
  }

  fits(t: Token): boolean {
    const said = this.said ?? this.build();
    const { norm, lemma } = t;
    if (said.has(lemma) || said.has(norm)) return true;
    // A word with other characters is also read without them ("low-res" → "lowres").
    const plain = ALPHANUMERIC.test(norm) ? undefined : lettersOf(norm);
    if (plain !== undefined && said.has(plain)) return true;
    if (this.size && isImageSize(norm)) return true;
    if (this.contracted && CONTRACTED_NOT.test(norm)) return true;
    for (const prefix of this.prefixes)
      if (lemma.startsWith(prefix) || norm.startsWith(prefix) || plain?.startsWith(prefix) === true)
        return true;
    const typos = norm.length > 0 ? this.typos.get(norm[0]!) : undefined;
    if (typos !== undefined)
      for (const word of typos) if (misspells(t, word, REAL_NEAR_SLOT_WORDS)) return true;
    return false;
  }
}
/** A word's letters and digits ("low-res" → "lowres"), cached: slots ask about the same words often. */
function lettersOf(norm: string): string {
  let plain = plainForms.get(norm);
  if (plain === undefined) {
    plain = norm.replace(/[^a-z0-9]/g, '');
    // The bot runs for days: a vocabulary this large is dropped and rebuilt.
    if (plainForms.size >= PLAIN_FORMS_LIMIT) plainForms.clear();
    plainForms.set(norm, plain);
  }
  return plain;
}
const plainForms = new Map<string, string>();
const PLAIN_FORMS_LIMIT = 50_000;
const matchers = new Map<readonly string[], SlotMatcher>();
function matcherOf(slot: readonly string[]): SlotMatcher {
  let matcher = matchers.get(slot);
  if (matcher === undefined) {
    matcher = new SlotMatcher(slot);
    matchers.set(slot, matcher);
  }
  return matcher;
}
/** Does some word of the slot say `t`? (`slot.some((w) => fits(w, t))`, compiled.) */
const slotFits = (slot: readonly string[], t: Token) => matcherOf(slot).fits(t);

/**
 * The words that say a slot word, found once per slot word: the word, its own lemma as the tagger
 * gives it out of context ("biggest" → "big", "shushes" → "shush", so that a slot written in one
 * form matches every form of the word), and its synonym class from WordNet (./wordnet-synonyms,
 * built by scripts/build-synonyms.ts: "suppress" for "inhibit", "photograph" for "picture"). Words
 * that say a direction, a degree or a negation ({@link DIRECTED_LISTS}) have no class.
 */
function sayings(word: string): ReadonlySet<string> {
  let said = sayingsOf.get(word);
  if (said === undefined) {
    said = new Set([word, ...(WORDNET_SYNONYMS[word] ?? []).filter((w) => !LIGHT_WORDS.has(w))]);
    // A word of plain letters is always one token at least (wink's tokenizer never drops letters).
    if (/^[a-z]+$/.test(word)) said.add(tagWords(word)[0]!.lemma);
    sayingsOf.set(word, said);
  }
  return said;
}
const sayingsOf = new Map<string, Set<string>>();
/**
 * Words too light to say a slot word by themselves, though WordNet puts them in its class ("thing"
 * for "matter", "put" and "set" for "place"): "the main thing is …" says no "position matters".
 * Not "have": "doesn't have to be re-learned" is "need not be", as WordNet says.
 */
const LIGHT_WORDS: ReadonlySet<string> = new Set(
  'thing things affair stuff put set lay pose get make do take give go come'.split(' ').concat(
    // Verbs a student uses in their own sense that WordNet lists beside a noun of a slot: "spot"
    // (for "blob": "the filter spots a wheel" is no blob assembled into a wheel), "determine",
    // "influence", "regulate" and "mold" (for "shape"), "shot" (for "stroke"), "inch" (for "edge"),
    // "confront" (for "face").
    'spot spots determine influence regulate mold shot inch confront'.split(' '),
  ),
);

/** "224x224", not a kernel's "3x3" or "1x1": both sides at least 16. */
const isImageSize = (word: string) => {
  const m = /^(\d+)x(\d+)$/.exec(word);
  return m !== null && Number(m[1]) >= 16 && Number(m[2]) >= 16;
};

const isNegationWord = (norm: string) => INTERIOR_NEGATIONS.has(norm) || CONTRACTED_NEGATION.test(norm);

/** Tags of a word whose degree a "less" before it lowers: a manner, a time, a place ("less aggressively", "less at the start"). */
const LOWERED = new Set(['ADV', 'ADJ', 'ADP']);
/** "less" before such a word: it says less of it, the opposite of a claim that says it. */
const lowersWhatFollows = (t: Token, next: Token) => t.norm === 'less' && LOWERED.has(next.pos);

/**
 * The last words of a hyphenated modifier made of a noun ("batch-norm-like", "conv-style",
 * "pixel-based"), which the tagger splits off.
 */
const MODIFIER_ENDINGS: ReadonlySet<string> = new Set(['like', 'style', 'type', 'based', 'sized', 'wise']);

/**
 * Does the noun at `i` modify the slot's noun after it, through nouns, adjectives and the endings of
 * a hyphenated modifier only ("graphics card", "batch-norm-like parameters")? Then it is part of
 * that noun's phrase, not an object of its own.
 */
function modifiesSlotNoun(words: readonly Token[], i: number, slot: readonly string[]): boolean {
  for (let j = i + 1; j < words.length && j <= i + 3; j++) {
    const t = words[j]!;
    if (t.pos === 'NOUN' && slotSpan(slot, words, j) > 0) return true;
    if (t.pos !== 'NOUN' && t.pos !== 'ADJ' && !MODIFIER_ENDINGS.has(t.norm)) return false;
  }
  return false;
}

/** A token with a letter or a digit: a word, not punctuation. */
const WORDLIKE = /[a-z0-9]/;

/** How many words may stand between two slots of a claim. */
const SLOT_GAP = 4;

/** An answer's words as `SlotMatcher.fitsAny` reads them: every form a slot word is matched against. */
interface AnswerWords {
  readonly tokens: readonly Token[];
  /** Each word's lemma, its form as written, and its letters and digits alone. */
  readonly forms: ReadonlySet<string>;
  readonly byFirstLetter: ReadonlyMap<string, readonly Token[]>;
  /** Per slot matcher: can it say some word of the answer? */
  readonly canFit: Map<SlotMatcher, boolean>;
}
const answerWords = new WeakMap<Analysis, AnswerWords>();
function wordsOf(analysis: Analysis): AnswerWords {
  let words = answerWords.get(analysis);
  if (words === undefined) {
    const tokens = analysis.clauses.flatMap((clause) => clause.tokens);
    const forms = new Set<string>();
    const byFirstLetter = new Map<string, Token[]>();
    for (const t of tokens) {
      forms.add(t.lemma);
      forms.add(t.norm);
      forms.add(ALPHANUMERIC.test(t.norm) ? t.norm : lettersOf(t.norm));
      const first = t.norm[0];
      if (first === undefined) continue;
      const list = byFirstLetter.get(first);
      if (list === undefined) byFirstLetter.set(first, [t]);
      else list.push(t);
    }
    words = { tokens, forms, byFirstLetter, canFit: new Map() };
    answerWords.set(analysis, words);
  }
  return words;
}
/** Can every slot of the claim say some word of the answer? Else the claim is nowhere in it. */
function mayBeSaid(analysis: Analysis, claim: CompiledClaim): boolean {
  const words = wordsOf(analysis);
  for (const slot of claim.slots) {
    const matcher = matcherOf(slot);
    let can = words.canFit.get(matcher);
    if (can === undefined) {
      can = matcher.fitsAny(words);
      words.canFit.set(matcher, can);
    }
    if (!can) return false;
  }
  return true;
}

/** @internal Can the slot say some word of the answer, read from its vocabulary (tests). */
export const slotMayBeSaid = (analysis: Analysis, slot: readonly string[]) =>
  mayBeSaid(analysis, { slots: [slot], far: [false], unordered: false, atEnd: false });
/** @internal Does the slot say some word of the answer, read word by word (tests). */
export const slotSaidSomewhere = (analysis: Analysis, slot: readonly string[]) =>
  analysis.clauses.some((clause) => clause.tokens.some((_, i) => slotSpan(slot, clause.tokens, i) > 0));

/**
 * Where a claim is said in the answer: normalised offsets [from, to) of each match, one per clause
 * at most, so the rubric judges it like any other phrase (negation, subject, assertion). `closest`:
 * a claim read over the sentence is matched from its last opening word back (the rubric's
 * opposites: see the loop below).
 */
export function findClaims(
  analysis: Analysis,
  claim: CompiledClaim,
  others: readonly CompiledClaim[] = [],
  closest = false,
): { from: number; to: number }[] {
  const found: { from: number; to: number }[] = [];
  if (!mayBeSaid(analysis, claim)) return found;
  const sentenceWide = claim.far.includes(true);
  for (const clause of sentenceWide ? sentencesOf(analysis) : analysis.clauses) {
    const words = clause.tokens;
    if (claim.unordered) {
      const at = unorderedMatch(words, claim);
      if (at !== undefined) {
        const from = textOffset(analysis, words[at.first]!.start);
        const to = textOffset(analysis, words[at.last]!.end - 1) + 1;
        if (from >= clause.start && to <= clause.end + 1) found.push({ from, to });
      }
      continue;
    }
    // An opposite read over the sentence is read from its last opening word back: its words are the
    // closest said together ("a kernel that has learned a feature finds it anywhere, whereas a DNN
    // would have to learn it separately": the DNN's "learn … separately", not the kernel's "learned").
    for (let k = 0; k < words.length; k++) {
      const start = sentenceWide && closest ? words.length - 1 - k : k;
      const opening = slotSpan(claim.slots[0]!, words, start);
      if (opening === 0) continue;
      let at = start + opening - 1;
      let ok = true;
      for (let s = 1; s < claim.slots.length && ok; s++) {
        ok = false;
        const reach =
          claim.far[s] === true ? words.length - 1 : Math.min(words.length - 1, at + 1 + SLOT_GAP);
        for (let next = at + 1; next <= reach; next++) {
          const n = slotSpan(claim.slots[s]!, words, next);
          if (n > 0) {
            at = next + n - 1;
            ok = true;
            break;
          }
          // "increase the stride of some layers": the word before took its own object, a noun
          // that is no slot of the claim; what follows is not what it says.
          // A noun right before the slot's own noun modifies it ("a larger graphics card", "a
          // bigger video card"): a compound, not an object of its own; unless the part's other
          // claims name it ("a larger batch card", "a larger model card": the batch, the model).
          // "the big one is params": an adjective right before "one" says what that one is (the
          // point the answer makes), not how many of a noun after it.
          if (claim.far[s] !== true && next === at + 1 && standsForNoun(words, at)) break;
          if (
            claim.far[s] !== true &&
            isOtherObject(words[next]!, claim) &&
            (!modifiesSlotNoun(words, next, claim.slots[s]!) ||
              others.some((other) => other.slots.some((slot) => slotFits(slot, words[next]!))))
          )
            break;
        }
      }
      if (!ok) continue;
      if (claim.atEnd && words.slice(at + 1).some((t) => WORDLIKE.test(t.norm))) continue;
      // "has no weights" is not "has … weights": a negation between the slots breaks the claim
      // (unless a slot asks for it: "output doesn't change"); so does a "less" that lowers the
      // manner, time or place after it ("pool less aggressively at the start", "pool less early").
      if (
        words
          .slice(start + 1, at)
          .some(
            (t, k, between) =>
              (isNegationWord(t.norm) || lowersWhatFollows(t, between[k + 1] ?? words[at]!)) &&
              !claim.slots.some((slot) => slotFits(slot, t)),
          )
      )
        continue;
      const from = textOffset(analysis, words[start]!.start);
      const to = textOffset(analysis, words[at]!.end - 1) + 1;
      if (from >= clause.start && to <= clause.end + 1) {
        found.push({ from, to });
        break;
      }
    }
  }
  return found;
}

/** The sentences of an answer as clause-like spans: their clauses' words joined (once per answer). */
function sentencesOf(analysis: Analysis): readonly Span[] {
  let sentences = sentenceSpans.get(analysis);
  if (sentences === undefined) {
    sentences = joinSentences(analysis);
    sentenceSpans.set(analysis, sentences);
  }
  return sentences;
}
interface Span {
  readonly start: number;
  readonly end: number;
  readonly tokens: readonly Token[];
}
const sentenceSpans = new WeakMap<Analysis, readonly Span[]>();
function joinSentences(analysis: Analysis): Span[] {
  const sentences: { start: number; end: number; tokens: Token[] }[] = [];
  let current = -1;
  for (const clause of analysis.clauses) {
    if (clause.sentence !== current) {
      current = clause.sentence;
      sentences.push({ start: clause.start, end: clause.end, tokens: [...clause.tokens] });
    } else {
      const last = sentences[sentences.length - 1]!;
      last.end = clause.end;
      last.tokens.push(...clause.tokens);
    }
  }
  return sentences;
}

/** The normalised text's offset of a character of the folded answer. */
function textOffset(analysis: Analysis, folded: number): number {
  const { origin } = analysis;
  let lo = 1;
  let hi = origin.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (origin[mid]! < folded) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Each slot of an unordered claim said by its own word of the clause, with no negation between the
 * first and the last of them that no slot asks for: the span [first, last] of the words, or
 * undefined.
 */
function unorderedMatch(
  words: readonly Token[],
  claim: CompiledClaim,
): { first: number; last: number } | undefined {
  const used = new Set<number>();
  for (const slot of claim.slots) {
    let n = 0;
    const i = words.findIndex((_, k) => {
      if (used.has(k)) return false;
      n = slotSpan(slot, words, k);
      // A hyphenated list word said by its parts ("low-level") is whole: its "low" quantifies nothing.
      if (n === 1 && quantifiesOther(words, k, claim)) return false;
      for (let j = k + 1; j < k + n; j++) if (used.has(j)) return false;
      return n > 0;
    });
    if (i < 0) return undefined;
    for (let j = i; j < i + n; j++) used.add(j);
  }
  const first = Math.min(...used);
  const last = Math.max(...used);
  const negated = words
    .slice(first + 1, last)
    .some(
      (t, k, between) =>
        (isNegationWord(t.norm) || lowersWhatFollows(t, between[k + 1] ?? words[last]!)) &&
        !claim.slots.some((slot) => slotFits(slot, t)),
    );
  return negated ? undefined : { first, last };
}

/**
 * Words that say how much of the noun after them ("less memory", "more weights", "fewer images"):
 * the words of the direction lists of {@link SYNONYMS}.
 */
const QUANTIFIERS: ReadonlySet<string> = new Set(['less', 'more'].flatMap((name) => SYNONYMS[name] ?? []));

/**
 * "a 7x7 kernel uses less memory": the quantifier at `k` says how much of the noun right after it,
 * a noun no slot of the claim names, so it is not said of the claim's thing ("less … kernels").
 * So does one whose adjectives lead to such a noun: "a tiny local window of the image" is a small
 * window, not a small image ({@link phraseHead}).
 */
const quantifiesOther = (words: readonly Token[], k: number, claim: CompiledClaim) => {
  if (!QUANTIFIERS.has(words[k]!.norm)) return false;
  const next = words[k + 1];
  if (next === undefined) return false;
  if (isOtherObject(next, claim)) return true;
  const head = phraseHead(words, k + 1);
  return head !== undefined && isOtherObject(words[head]!, claim);
};

/**
 * The head of the noun phrase that starts at `i` with adjectives: the last noun of the nouns that
 * follow them ("tiny local window" → "window", "fewer labelled training images" → "images");
 * undefined where no noun follows the adjectives ("smaller and faster").
 */
function phraseHead(words: readonly Token[], i: number): number | undefined {
  let j = i;
  while (j < words.length && words[j]!.pos === 'ADJ') j++;
  if (j === i || words[j]?.pos !== 'NOUN') return undefined;
  while (words[j + 1]?.pos === 'NOUN') j++;
  return j;
}

/** Nouns that measure what follows them ("a smaller number of parameters"): no object of their own. */
const MEASURES = new Set(
  'number amount size count fraction share lot lots bit part parts half tenth percent stuff thing things one ones couple handful bunch pair few'.split(
    ' ',
  ),
);

/**
 * Chat spellings of possessives that the tagger reads as nouns ("downscale ur imgs"): they stand
 * before the object, they are none.
 */
const CHAT_DETERMINERS = new Set('ur yr ure urs'.split(' '));

/**
 * Chat modifiers that the tagger reads as nouns: "way" as an intensifier ("the model is way
 * smaller", "way fewer weights") and "lil" for "little" ("the same lil filter"). They qualify the
 * word after them; they are no object.
 */
const CHAT_MODIFIERS = new Set('way lil'.split(' '));

/** The pronoun "one" after an adjective ("the big one", "a smaller one"): a noun phrase of its own. */
const standsForNoun = (words: readonly Token[], k: number) =>
  words[k]!.pos === 'ADJ' && ONE.has(words[k + 1]?.norm ?? '');
const ONE: ReadonlySet<string> = new Set(['one', 'ones']);

/** A noun, not a measure, that no slot of the claim names: the object of the slot before it. */
const isOtherObject = (t: Token, claim: CompiledClaim) =>
  t.pos === 'NOUN' &&
  !MEASURES.has(t.lemma) &&
  !CHAT_DETERMINERS.has(t.norm) &&
  !CHAT_MODIFIERS.has(t.norm) &&
  !claim.slots.some((slot) => slotFits(slot, t));
