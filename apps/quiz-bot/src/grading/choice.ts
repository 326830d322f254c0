import type { ChoicePart } from '../questions/schemas';
import { normaliseText } from './rubric';

/*
 * Reading a choice as a teacher would (issue 18). The pick is a letter (or the option's number)
 * in any common form: "b", "B", "(b)", "b)", "b.", "[b]", "option b", "answer: b", "b, because…",
 * "(b) the activations at…". With no letter, the option's own text, or a paraphrase of it, is the
 * pick: an option is read as pairs of a qualifier and what it qualifies ("same position",
 * "neighbouring channels"), each word mapped to a concept by a synonym list, and a paraphrase
 * names an option when it makes all of that option's pairs and those of no other. Word order
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
  'mini batch': 'batch',
  minibatch: 'batch',
  batch: 'batch',
  activations: 'activations',
  activation: 'activations',
  outputs: 'activations',
  weights: 'weights',
  parameters: 'weights',
};

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
    const qualifier = QUALIFIERS[word];
    if (qualifier === undefined) return;
    for (let j = i + 1; j <= i + REACH && j < words.length; j++) {
      if (QUALIFIERS[words[j]!] !== undefined) return;
      const noun = NOUNS[words[j]!];
      if (noun !== undefined) {
        // "the same feature map" is one map (option c); "neighbouring feature maps" are channels.
        pairs.add(`${qualifier}·${noun === 'map' && qualifier !== 'same' ? 'channel' : noun}`);
        return;
      }
    }
  });
  return pairs;
}

/** The letters an answer picks, in the forms people write them; an article "a" is not a pick. */
function lettersOf(answer: string, count: number): number[] {
  const text = answer.normalize('NFKC').trim().toLowerCase();
  const last = String.fromCharCode(96 + Math.min(count, 8));
  const letter = `[a-${last}]`;
  const number = `[1-${Math.min(count, 8)}]`;
  const pick = `(${letter}|${number})`;
  const found = new Set<number>();
  const add = (mark: string) => found.add(/\d/.test(mark) ? Number(mark) - 1 : mark.charCodeAt(0) - 97);
  // "b", "b)", "b.", "b,", "b:" alone or opening the answer; "(b)", "[b]" anywhere; "option b", "answer: b".
  const patterns = [
    new RegExp(`^${pick}\\s*(?:[).:,\\]-]|$)`, 'g'),
    new RegExp(`[([]${pick}[)\\]]`, 'g'),
    new RegExp(`\\b(?:option|answer|choice|pick)\\s*(?:is\\s*)?[:=]?\\s*${pick}\\b`, 'g'),
    // "b or c", "b and c", "b/c": two picks.
    new RegExp(`^\\(?${pick}\\)?\\s*(?:or|and|/|,|&)\\s*\\(?${pick}\\)?(?:\\s*[).,:]|$)`, 'g'),
  ];
  for (const pattern of patterns)
    for (const match of text.matchAll(pattern)) for (const mark of match.slice(1)) if (mark) add(mark);
  return [...found].filter((i) => i < count).sort((a, b) => a - b);
}

/** An answer to a choice part, read: the option picked, or why none can be. */
export type ChoiceReading = { readonly index: number } | { readonly invalid: string };

/**
 * Reads which option an answer picks: a letter or number in any common form, else the option's
 * text or a paraphrase of it (see above). Two picks, or none, come back as `invalid` with why.
 */
export function readChoice(part: ChoicePart, answer: string): ChoiceReading {
  const letters = part.options.map((_, i) => String.fromCharCode(97 + i));
  const allowed = `choose one of ${letters.join(', ')} (or 1–${part.options.length})`;
  const picked = lettersOf(answer, part.options.length);
  if (picked.length > 1)
    return { invalid: `it picks ${picked.map((i) => letters[i]).join(' and ')}; ${allowed}` };
  if (picked.length === 1) return { index: picked[0]! };
  const exact = part.options.findIndex((o) => normaliseText(o) === normaliseText(answer));
  if (exact >= 0) return { index: exact };
  const said = pairsOf(answer);
  const made = part.options
    .map((option, index) => ({ index, pairs: [...pairsOf(option)] }))
    .filter(({ pairs }) => pairs.length > 0 && pairs.every((pair) => said.has(pair)));
  if (made.length === 1) return { index: made[0]!.index };
  if (made.length > 1)
    return { invalid: `it describes ${made.map((m) => letters[m.index]).join(' and ')}; ${allowed}` };
  return { invalid: allowed };
}
