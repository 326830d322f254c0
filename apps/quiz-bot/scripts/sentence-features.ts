/**
 * Sentence-encoder features for the learned concept reader, measured offline (issue 18, stop 31):
 * does a sentence encoder trained for paraphrase (the Universal Sentence Encoder lite,
 * ./sentence-encoder.ts) carry a student's own words to the concept they paraphrase, where the
 * reader's lemma features do not?
 *
 * Per (row, concept): the highest cosine between the answer's units (its sentences, and its clauses
 * as the rule reader splits them; separately, the clauses it reads as asserting) and the concept's
 * exemplars. The exemplars are text already in the rubric, never a labelled row's: the concept's
 * label, and every clause or sentence of the part's model answer and explanation in which the
 * rules credit that concept and no other. Features (fixed before any figure was seen): that cosine binned
 * at 0.3, 0.4, …, 0.8 (cumulative), whether the concept has the part's highest cosine, and by a
 * margin of 0.1 over the next; each joined to the concept and also shared by all concepts.
 *
 *   pnpm grading:sentence-features [--model=<folder>]   embed what the cache lacks (practice sets only)
 *   pnpm grading:sentence-features --bench [--backend=cpu]   load and embed times, RSS, a few probes
 *   pnpm grading:sentence-features --auc                 how well the cosine alone separates the labels
 *   pnpm grading:reader-cv --sentences[=knn|both] [--curve]   the reader's cross-validation with the
 *                                                        features (knn: withNeighbourFeatures below)
 *
 * Measured and not kept (README, "A sentence encoder (stop 31)"): 1272–1275/1389 against 1272.
 *
 * The cache (.cache/sentence-embeddings.{json,bin} in apps/quiz-bot, git-ignored) holds each
 * normalised text's unit embedding; the cross-validation reads it and embeds nothing.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashFeature } from '../src/grading/reader';
import { type RubricReading, readRubric } from '../src/grading/rubric';
import { QUESTIONS } from '../src/index';
import type { RubricPart } from '../src/questions/schemas';
import type { Item } from './reader-data';

const cacheFolder = join(dirname(fileURLToPath(import.meta.url)), '../.cache');
const cacheJson = join(cacheFolder, 'sentence-embeddings.json');
const cacheBin = join(cacheFolder, 'sentence-embeddings.bin');
const WIDTH = 512;

/** Text → unit embedding, as cached (read once per process). */
let cacheRead: Map<string, Float32Array> | undefined;
export function readCache(): Map<string, Float32Array> {
  if (cacheRead !== undefined) return cacheRead;
  const cache = new Map<string, Float32Array>();
  if (!existsSync(cacheJson)) return cache;
  cacheRead = cache;
  const texts = JSON.parse(readFileSync(cacheJson, 'utf8')) as string[];
  const bin = readFileSync(cacheBin);
  const all = new Float32Array(bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength));
  for (const [i, t] of texts.entries()) cache.set(t, all.slice(i * WIDTH, (i + 1) * WIDTH));
  return cache;
}

function writeCache(cache: ReadonlyMap<string, Float32Array>): void {
  mkdirSync(cacheFolder, { recursive: true });
  const texts = [...cache.keys()];
  const all = new Float32Array(texts.length * WIDTH);
  for (const [i, t] of texts.entries()) all.set(cache.get(t)!, i * WIDTH);
  writeFileSync(cacheJson, JSON.stringify(texts));
  writeFileSync(cacheBin, Buffer.from(all.buffer));
}

const clean = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The units of a reading: its sentences, its clauses, and (a subset) its asserting clauses. */
export function unitsOf(reading: RubricReading): { all: string[]; asserting: string[] } {
  const { text, sentences, clauses } = reading.analysis;
  const clauseTexts = clauses.map((c) => ({ text: clean(text.slice(c.start, c.end)), asserts: c.asserts }));
  const all = [...new Set([...sentences.map(clean), ...clauseTexts.map((c) => c.text)])].filter(
    (t) => t.length > 0,
  );
  const asserting = [...new Set(clauseTexts.filter((c) => c.asserts).map((c) => c.text))].filter(
    (t) => t.length > 0,
  );
  return { all, asserting };
}

/**
 * Exemplars per concept id of a rubric part: its label, and each unit of the model answer and the
 * explanation in which the rules credit that concept and no other.
 */
export function exemplarsOf(part: RubricPart): Map<string, string[]> {
  const out = new Map<string, Set<string>>(
    part.concepts.map((c) => [c.id, new Set([clean(c.label.toLowerCase())])]),
  );
  for (const source of [part.modelAnswer, part.explanation]) {
    const { all } = unitsOf(readRubric(part, source));
    for (const unit of all) {
      // Only a unit that makes one point: the model answer's long sentences make several.
      const covered = readRubric(part, unit).covered;
      if (covered.length === 1) out.get(covered[0]!)?.add(unit);
    }
  }
  return new Map([...out].map(([id, set]) => [id, [...set]]));
}

/** Every rubric part of the bank, by "<question>/<part>". */
function rubricParts(): Map<string, RubricPart> {
  const parts = new Map<string, RubricPart>();
  for (const q of QUESTIONS)
    for (const p of q.parts) if (p.kind === 'rubric') parts.set(`${q.id}/${p.id}`, p);
  return parts;
}

/** Every text the features need for some items: their units and every part's exemplars. */
export function textsNeeded(items: readonly Item[]): string[] {
  const texts = new Set<string>();
  for (const item of items) {
    if (item.reading === undefined) continue;
    for (const t of unitsOf(item.reading).all) texts.add(t);
  }
  for (const part of rubricParts().values())
    for (const list of exemplarsOf(part).values()) for (const t of list) texts.add(t);
  return [...texts];
}

/** The bins of a cosine (fixed before measuring). */
export const BINS = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8] as const;
export const MARGIN = 0.1;

function maxCosine(units: readonly Float32Array[], exemplars: readonly Float32Array[]): number {
  let best = -1;
  for (const u of units)
    for (const e of exemplars) {
      let d = 0;
      for (let i = 0; i < WIDTH; i++) d += u[i]! * e[i]!;
      if (d > best) best = d;
    }
  return best;
}

/** The exemplars of a reading's part (memoised by "<question>/<part>"). */
function exemplarsFor(
  reading: RubricReading,
  question: number,
  exemplarCache: Map<string, Map<string, string[]>>,
): Map<string, string[]> {
  const key = `${question}/${reading.part.id}`;
  let exemplars = exemplarCache.get(key);
  if (exemplars === undefined) {
    exemplars = exemplarsOf(rubricParts().get(key) ?? reading.part);
    exemplarCache.set(key, exemplars);
  }
  return exemplars;
}

/** The feature names per concept of a reading (see the file's comment), from cached embeddings. */
export function sentenceFeatureNames(
  reading: RubricReading,
  question: number,
  cache: ReadonlyMap<string, Float32Array>,
  exemplarCache: Map<string, Map<string, string[]>> = new Map(),
): Map<string, string[]> {
  const exemplars = exemplarsFor(reading, question, exemplarCache);
  const vec = (t: string) => {
    const v = cache.get(t);
    if (v === undefined)
      throw new Error(`sentence features: "${t}" is not in the cache (run pnpm grading:sentence-features)`);
    return v;
  };
  const units = unitsOf(reading);
  const kinds = { S: units.all.map(vec), A: units.asserting.map(vec) };
  const out = new Map<string, string[]>();
  const scores = new Map<string, Record<'S' | 'A', number>>();
  for (const c of reading.part.concepts) {
    const ex = (exemplars.get(c.id) ?? []).map(vec);
    scores.set(c.id, { S: maxCosine(kinds.S, ex), A: maxCosine(kinds.A, ex) });
  }
  for (const c of reading.part.concepts) {
    const names: string[] = [];
    const scoped = `${reading.part.id}/${c.id}|`;
    const emit = (name: string) => names.push(`use:${name}`, `${scoped}use:${name}`);
    for (const kind of ['S', 'A'] as const) {
      const s = scores.get(c.id)![kind];
      for (const b of BINS) if (s >= b) emit(`${kind}>=${b}`);
      let other = -1;
      for (const d of reading.part.concepts)
        if (d.id !== c.id) other = Math.max(other, scores.get(d.id)![kind]);
      if (reading.part.concepts.length > 1 && s > other) {
        emit(`${kind}top`);
        if (s - other >= MARGIN) emit(`${kind}margin`);
      }
    }
    out.set(c.id, names);
  }
  return out;
}

/** Items with the sentence features added to each concept's hashed features (the reader's dims). */
export function withSentenceFeatures(items: readonly Item[], dims: number): Item[] {
  const cache = readCache();
  const exemplarCache = new Map<string, Map<string, string[]>>();
  return items.map((item) => {
    if (item.reading === undefined) return item;
    const names = sentenceFeatureNames(item.reading, item.row.question, cache, exemplarCache);
    const x = new Map<string, Int32Array>();
    for (const [id, base] of item.x) {
      const set = new Set(base);
      for (const n of names.get(id) ?? []) set.add(hashFeature(n) % dims);
      x.set(id, Int32Array.from(set).sort());
    }
    return { ...item, x };
  });
}

/**
 * How well the highest cosine alone tells a concept asserted from one not (the labels), over the
 * (row, concept) pairs the rules found absent (the only ones the reader may add) and over all: the
 * AUC (the chance an asserted pair scores above a pair not asserted), and the pairs asserted.
 */
/** Neighbours read by the nearest-answer features, and their bins (fixed before measuring). */
export const NEIGHBOURS = 10;
export const SHARE_BINS = [0.3, 0.5, 0.7] as const;

/**
 * The nearest-answer features (`--sentences=knn`): per item, its answer's vector (the mean of its
 * units' embeddings, unit length); per concept, the share of its NEIGHBOURS nearest labelled answers
 * to the same question part that assert the concept, binned at SHARE_BINS, and whether the nearest
 * one does; joined to the concept and shared. The neighbours come only from the `visible` sets
 * other than the item's own (the cross-validation passes its training sets: the held-out set's
 * labels are never read), so no item's features see the labels of the set it is tested on. (Inside
 * a fold, the tuning's own leave-one-set-out over the training sets reuses these features: there a
 * training row's neighbours may include the inner held-out set, which sways only the penalty and
 * threshold chosen, never the outer held-out set.)
 */
export function withNeighbourFeatures(
  items: readonly Item[],
  visible: (set: string) => boolean,
  dims: number,
): Item[] {
  const cache = readCache();
  const vectors = new Map<Item, Float32Array>();
  for (const item of items) {
    if (item.reading === undefined) continue;
    const units = unitsOf(item.reading).all.map((t) => cache.get(t)!);
    if (units.length === 0) continue;
    const v = new Float32Array(WIDTH);
    for (const u of units) for (let i = 0; i < WIDTH; i++) v[i]! += u[i]!;
    let norm = 0;
    for (const x of v) norm += x * x;
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < WIDTH; i++) v[i]! /= norm;
    vectors.set(item, v);
  }
  const byPart = new Map<string, Item[]>();
  for (const item of vectors.keys()) {
    if (item.asserted === undefined || !visible(item.set)) continue;
    const key = `${item.row.question}/${item.row.part}`;
    byPart.set(key, [...(byPart.get(key) ?? []), item]);
  }
  return items.map((item) => {
    const v = vectors.get(item);
    if (item.reading === undefined || v === undefined) return item;
    const scoped = (id: string) => `${item.reading!.part.id}/${id}|`;
    const neighbours = (byPart.get(`${item.row.question}/${item.row.part}`) ?? [])
      .filter((o) => o.set !== item.set)
      .map((o) => ({ o, s: cosineOf(v, vectors.get(o)!) }))
      .sort((a, b) => b.s - a.s)
      .slice(0, NEIGHBOURS);
    const x = new Map<string, Int32Array>();
    for (const [id, base] of item.x) {
      const set = new Set(base);
      const emit = (name: string) => {
        set.add(hashFeature(`knn:${name}`) % dims);
        set.add(hashFeature(`${scoped(id)}knn:${name}`) % dims);
      };
      if (neighbours.length > 0) {
        const share = neighbours.filter((n) => n.o.asserted!.has(id)).length / neighbours.length;
        for (const b of SHARE_BINS) if (share >= b) emit(`share>=${b}`);
        if (neighbours[0]!.o.asserted!.has(id)) emit('nearest');
      }
      x.set(id, Int32Array.from(set).sort());
    }
    return { ...item, x };
  });
}

function cosineOf(a: Float32Array, b: Float32Array): number {
  let d = 0;
  for (let i = 0; i < WIDTH; i++) d += a[i]! * b[i]!;
  return d;
}

async function separation(items: readonly Item[]): Promise<void> {
  const cache = readCache();
  const exemplarCache = new Map<string, Map<string, string[]>>();
  const pairs: { s: number; a: number; y: boolean; absent: boolean; top: boolean }[] = [];
  for (const item of items) {
    if (item.reading === undefined || item.asserted === undefined) continue;
    const units = unitsOf(item.reading);
    const exemplars = exemplarsFor(item.reading, item.row.question, exemplarCache);
    const vec = (t: string) => cache.get(t)!;
    const scores = item.reading.part.concepts.map((c) => {
      const ex = (exemplars.get(c.id) ?? []).map(vec);
      return { c, s: maxCosine(units.all.map(vec), ex), a: maxCosine(units.asserting.map(vec), ex) };
    });
    const best = Math.max(...scores.map((x) => x.s));
    for (const { c, s, a } of scores)
      pairs.push({
        s,
        a,
        y: item.asserted.has(c.id),
        absent: (item.reading.findings.get(c.id) ?? 'absent') === 'absent',
        top: s === best,
      });
  }
  const auc = (ps: typeof pairs, key: 's' | 'a') => {
    const pos = ps.filter((p) => p.y).map((p) => p[key]);
    const neg = ps.filter((p) => !p.y).map((p) => p[key]);
    let wins = 0;
    for (const x of pos) for (const y of neg) wins += x > y ? 1 : x === y ? 0.5 : 0;
    return pos.length * neg.length === 0 ? Number.NaN : wins / (pos.length * neg.length);
  };
  for (const [name, ps] of [
    ['all pairs', pairs],
    ['pairs the rules found absent', pairs.filter((p) => p.absent)],
  ] as const) {
    const pos = ps.filter((p) => p.y).length;
    console.log(
      `${name}: ${ps.length}, ${pos} asserted; AUC of the highest cosine: sentences+clauses ${auc(ps, 's').toFixed(3)}, asserting clauses ${auc(ps, 'a').toFixed(3)}; the part's highest cosine: ${ps.filter((p) => p.y && p.top).length} of the asserted, ${ps.filter((p) => !p.y && p.top).length} of the others`,
    );
    for (const b of BINS) {
      const over = ps.filter((p) => p.s >= b);
      console.log(
        `  cosine >= ${b}: ${over.length} pairs, ${over.filter((p) => p.y).length} asserted (${((100 * over.filter((p) => p.y).length) / Math.max(1, over.length)).toFixed(0)}%)`,
      );
    }
  }
}

async function bench(backend: 'wasm' | 'cpu'): Promise<void> {
  const { loadSentenceEncoder } = await import('./sentence-encoder');
  const rss0 = process.memoryUsage().rss;
  const t0 = performance.now();
  const encoder = await loadSentenceEncoder(undefined, backend);
  const loadMs = performance.now() - t0;
  const rssLoaded = process.memoryUsage().rss;
  const sentences = [
    'pooling has no weights to learn',
    'the max stays the same when a feature moves over by a pixel',
    'a strided conv needs kernel times kernel times channels times filters weights plus a bias each',
    'taking the maximum keeps the strongest activation while adding a little invariance to small shifts and it costs less computation and memory',
  ];
  await encoder.embed([sentences[0]!]);
  const single = sentences.map((s) => {
    const times: number[] = [];
    return { words: s.split(' ').length, times };
  });
  for (let r = 0; r < 5; r++)
    for (const [k, s] of sentences.entries()) {
      const t = performance.now();
      await encoder.embed([s]);
      single[k]!.times.push(performance.now() - t);
    }
  const batch = [...sentences, ...sentences];
  const batchTimes: number[] = [];
  for (let r = 0; r < 5; r++) {
    const t = performance.now();
    await encoder.embed(batch);
    batchTimes.push(performance.now() - t);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(
    `sentence encoder (${backend}): load ${loadMs.toFixed(0)} ms, RSS ${(rss0 / 1e6).toFixed(0)} MB before, +${((rssLoaded - rss0) / 1e6).toFixed(0)} MB on load, ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB after embedding; load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  for (const s of single)
    console.log(`  one sentence of ${s.words} words: median ${median(s.times).toFixed(1)} ms`);
  console.log(`  a batch of 8 (5–22 words): median ${median(batchTimes).toFixed(1)} ms`);
  // Probes written for this check (no labelled row's text): question 4's "no parameters" exemplar
  // against a paraphrase, its opposite, its denial and another concept of the same part.
  const exemplar = 'no parameters to learn';
  const probes = [
    'pooling has nothing to train',
    'pooling just takes the biggest number so there is nothing for backprop to update',
    'a strided conv has weights to learn',
    'pooling does have parameters to learn',
    'pooling needs less memory',
    'pooling keeps the strongest activation',
  ];
  const [e, ...ps] = await encoder.embed([exemplar, ...probes]);
  console.log(`  cosine to "${exemplar}":`);
  for (const [k, p] of probes.entries()) {
    let d = 0;
    for (let i = 0; i < WIDTH; i++) d += e![i]! * ps[k]![i]!;
    console.log(`    ${d.toFixed(3)}  ${p}`);
  }
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv.includes('--bench')) {
    await bench(process.argv.includes('--backend=cpu') ? 'cpu' : 'wasm');
    process.exit(0);
  }
  const { readItems, defaultLabelMode } = await import('./reader-data');
  if (process.argv.includes('--auc')) {
    await separation(await readItems(defaultLabelMode()));
    process.exit(0);
  }
  const { loadSentenceEncoder } = await import('./sentence-encoder');
  const items = await readItems('silver');
  const cache = readCache();
  const missing = textsNeeded(items).filter((t) => !cache.has(t));
  console.log(`${cache.size} texts cached, ${missing.length} to embed`);
  if (missing.length > 0) {
    const encoder = await loadSentenceEncoder();
    const t0 = performance.now();
    // Batches of similar length (the batch is padded to its longest).
    missing.sort((a, b) => a.length - b.length);
    for (let i = 0; i < missing.length; i += 16) {
      const batch = missing.slice(i, i + 16);
      const vectors = await encoder.embed(batch);
      for (const [k, t] of batch.entries()) cache.set(t, vectors[k]!);
      if ((i / 16) % 50 === 0) console.log(`  ${i + batch.length}/${missing.length}`);
    }
    console.log(
      `embedded ${missing.length} texts in ${((performance.now() - t0) / 1000).toFixed(1)} s (load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')})`,
    );
    writeCache(cache);
  }
  process.exit(0);
}
