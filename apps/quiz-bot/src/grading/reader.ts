import { partLexicon } from './claims/lexicon';
import { CONTRACTED_NEGATION, INTERIOR_NEGATIONS, NEGATIONS } from './claims/negation';
import type { Token } from './claims/nlp';
import committed from './reader-model.json';
import type { ConceptReader, Finding, RubricReading } from './rubric';

/*
 * The learned concept reader (issue 18, stop 29): per question part and concept, the probability
 * that an answer asserts the concept, from an L2-regularised logistic regression over hashed
 * features of what the rule reader already computes. No NLP library beyond the grader's own, no
 * download: the features are the rule reader's finding for the concept, and each clause's lemma
 * unigrams and bigrams with negation scope marked ("NOT_learn") and its subject, the thing of the
 * part's list each clause is about (the concept's own or another's), and the rules' findings for the
 * part's other concepts, each joined to the concept it is read for. Trained by
 * scripts/train-reader.ts; measured by scripts/reader-cv.ts.
 */

/** A trained reader: hashed dimensions, bias, weights, and how it is combined with the rules. */
export interface ReaderModel {
  /** Number of hashed dimensions (a power of two). */
  readonly dims: number;
  readonly bias: number;
  /** The weights, each a signed byte times `scale`, base64 (one byte per dimension). */
  readonly scale: number;
  readonly weights: string;
  /** Combination thresholds (see {@link combine}). */
  readonly veto: number;
  readonly add: number;
}

const FNV_OFFSET = 0x811c9dc5;
/** FNV-1a over `text`, continued from `h` (a hash of a prefix: the hash of prefix + text). */
function fnv(h: number, text: string): number {
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h;
}

/**
 * FNV-1a, 32 bits, over the name's UTF-16 code units (not UTF-8 bytes: the same as FNV-1a's
 * published vectors for ASCII, different for other text): a stable hash of a feature's name, the
 * same on every platform and run.
 */
export function hashFeature(name: string): number {
  return fnv(FNV_OFFSET, name) >>> 0;
}

const isNegation = (t: Token) =>
  NEGATIONS.has(t.norm) || INTERIOR_NEGATIONS.has(t.norm) || CONTRACTED_NEGATION.test(t.norm);

/**
 * A clause's words as the reader sees them: each lemma, marked NOT_ from a negation to the end of
 * its clause (the negation word itself is kept as "NOT"); punctuation left out.
 */
export function markedLemmas(tokens: readonly Token[]): string[] {
  const out: string[] = [];
  let negated = false;
  for (const t of tokens) {
    if (t.pos === 'PUNCT') continue;
    if (isNegation(t)) {
      negated = true;
      out.push('NOT');
      continue;
    }
    out.push(negated ? `NOT_${t.lemma}` : t.lemma);
  }
  return out;
}

/** The clause's subject: the last noun or pronoun before its first verb (none when it opens with the verb). */
export function clauseSubject(tokens: readonly Token[]): string | undefined {
  let subject: string | undefined;
  for (const t of tokens) {
    if (t.pos === 'VERB' || t.pos === 'AUX') return subject;
    if (t.pos === 'NOUN' || t.pos === 'PROPN' || t.pos === 'PRON') subject = t.lemma;
  }
  return undefined;
}

/**
 * Every feature of one concept of a reading, given to `emit` as its parts: `scoped` true for a name
 * joined to the part and concept ("<part>/<concept>|" before its parts). The rule finding (alone and
 * for this concept); per clause the concept's marked unigrams, bigrams, subject, and the reason a
 * clause asserts nothing; the subject of the part's list the clause is about, as the concept's own
 * or another's, with the clause's words when another's (question 6: whose point a clause makes);
 * the rules' findings for the part's other concepts.
 */
function eachFeature(
  reading: RubricReading,
  conceptId: string,
  emit: (scoped: boolean, ...parts: string[]) => void,
): void {
  const finding: Finding = reading.findings.get(conceptId) ?? 'absent';
  emit(false, `F:${finding}`);
  emit(true, `F:${finding}`);
  const concept = reading.part.concepts.find((c) => c.id === conceptId);
  const own = concept?.group ?? reading.part.subjects?.list[0]?.id;
  for (const [k, clause] of reading.analysis.clauses.entries()) {
    const words = markedLemmas(clause.tokens);
    const about = reading.subjects[k];
    const other = about !== undefined && about !== own;
    if (about !== undefined) emit(true, other ? 'sj:other' : 'sj:own');
    for (const [i, w] of words.entries()) {
      emit(true, 'u:', w);
      if (i > 0) emit(true, 'b:', words[i - 1]!, '_', w);
      if (other) emit(true, 'o:', w);
    }
    const subject = clauseSubject(clause.tokens);
    if (subject !== undefined) emit(true, `s:${subject}`);
    if (!clause.asserts) emit(true, `na:${clause.reason ?? 'other'}`);
  }
  for (const c of reading.part.concepts) {
    const f = reading.findings.get(c.id) ?? 'absent';
    if (c.id !== conceptId && f !== 'absent') emit(true, `of:${c.id}:${f}`);
  }
}

/**
 * The names of the features for one concept of a reading (see {@link eachFeature}). Sorted, no repeats.
 */
export function featureNames(reading: RubricReading, conceptId: string): string[] {
  const key = `${reading.part.id}/${conceptId}|`;
  const names = new Set<string>();
  eachFeature(reading, conceptId, (scoped, ...parts) => names.add((scoped ? key : '') + parts.join('')));
  return [...names].sort();
}

/**
 * The hashed feature indices (ascending, no repeats) of one concept of a reading: the hashes of
 * {@link featureNames}, each name hashed as it is built (the concept's prefix hashed once).
 */
export function features(reading: RubricReading, conceptId: string, dims: number): Int32Array {
  const key = fnv(FNV_OFFSET, `${reading.part.id}/${conceptId}|`);
  const set = new Set<number>();
  eachFeature(reading, conceptId, (scoped, ...parts) => {
    let h = scoped ? key : FNV_OFFSET;
    for (const p of parts) h = fnv(h, p);
    set.add((h >>> 0) % dims);
  });
  return Int32Array.from(set).sort();
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** One training example: its active (binary) features and whether the concept is asserted. */
export interface Example {
  readonly x: Int32Array;
  readonly y: 0 | 1;
}

export interface TrainOptions {
  readonly dims: number;
  /** L2 penalty on the weights (not the bias), against the summed log loss. */
  readonly lambda: number;
  /** AdaGrad's step size. */
  readonly rate: number;
  readonly steps: number;
}

/**
 * L2-regularised logistic regression, fitted by full-batch AdaGrad from zero weights: every step
 * takes the gradient of Σ logloss + λ/2·|w|² over all examples (in their order; deterministic) and
 * moves each coordinate by rate·g/√(Σg²).
 */
export function trainLogistic(
  examples: readonly Example[],
  options: TrainOptions,
): { bias: number; weights: Float64Array } {
  const { dims, lambda, rate, steps } = options;
  const w = new Float64Array(dims);
  const sumSq = new Float64Array(dims);
  const g = new Float64Array(dims);
  let bias = 0;
  let biasSq = 0;
  for (let step = 0; step < steps; step++) {
    g.fill(0);
    let gb = 0;
    for (const { x, y } of examples) {
      let z = bias;
      for (const i of x) z += w[i]!;
      const err = sigmoid(z) - y;
      gb += err;
      for (const i of x) g[i]! += err;
    }
    for (let i = 0; i < dims; i++) {
      const gi = g[i]! + lambda * w[i]!;
      if (gi === 0) continue;
      sumSq[i]! += gi * gi;
      w[i]! -= (rate * gi) / Math.sqrt(sumSq[i]!);
    }
    if (gb !== 0) {
      biasSq += gb * gb;
      bias -= (rate * gb) / Math.sqrt(biasSq);
    }
  }
  return { bias, weights: w };
}

/** The probability a model gives an example's features. */
export function probability(bias: number, weights: ArrayLike<number>, x: Int32Array): number {
  let z = bias;
  for (const i of x) z += weights[i]!;
  return sigmoid(z);
}

/** Weights quantised to signed bytes (scale: the largest magnitude over 127), as a model stores them. */
export function quantise(weights: Float64Array): { scale: number; weights: string } {
  let max = 0;
  for (const w of weights) max = Math.max(max, Math.abs(w));
  const scale = max === 0 ? 1 : Math.max(1e-6, Math.round((max / 127) * 1e6) / 1e6);
  const bytes = Int8Array.from(weights, (w) => Math.max(-127, Math.min(127, Math.round(w / scale))));
  return { scale, weights: Buffer.from(bytes.buffer).toString('base64') };
}

/** A model's weights as a dense array (from its signed bytes). */
export function denseWeights(model: Pick<ReaderModel, 'dims' | 'scale' | 'weights'>): Float64Array {
  const bytes = new Int8Array(Buffer.from(model.weights, 'base64'));
  if (bytes.length !== model.dims)
    throw new Error(`reader model: ${bytes.length} weights for ${model.dims} dimensions`);
  return Float64Array.from(bytes, (q) => q * model.scale);
}

/**
 * The concepts credited when the rules and the model are read together: a concept the rules credit
 * stays credited unless the model gives it less than `veto`; a concept the rules found absent is
 * credited when the model gives it at least `add`. One the rules found denied, opposite, said of
 * another subject (the features do not say whose point a clause makes) or mentioned and refused (a
 * question, a list of terms, a conclusion from a contradicted claim) stays uncredited: the model
 * adds paraphrases the rules do not know, and does not overrule what they read. (veto 0 and add
 * above 1: the rules alone.)
 */
export function combine(
  reading: RubricReading,
  probabilityOf: (conceptId: string) => number,
  veto: number,
  add: number,
): Set<string> {
  const chosen = new Set<string>();
  // The model reads words, not whose they are: an answer whose every asserting clause is about a
  // method the part never names ("Grad-CAM outputs a heatmap of class scores") gets nothing added.
  const known = partLexicon(reading.part).domain;
  const asserting = reading.analysis.clauses.filter((clause) => clause.asserts);
  if (asserting.length > 0 && asserting.every((clause) => opensWithOtherName(clause.tokens, known)))
    add = Number.POSITIVE_INFINITY;
  const unnamed = ownerNeverNamed(reading);
  for (const c of reading.part.concepts) {
    const finding = reading.findings.get(c.id) ?? 'absent';
    if (finding === 'absent' && unnamed(c.group)) continue;
    // The model is read only where it can change the outcome (its features cost the most here):
    // a credited concept when there is a veto, an absent one always; never the others.
    if (finding === 'credited') {
      if (veto <= 0 || probabilityOf(c.id) >= veto) chosen.add(c.id);
    } else if (finding === 'absent' && probabilityOf(c.id) >= add) chosen.add(c.id);
  }
  return chosen;
}

/**
 * Methods and networks of the field that a student may name beside the asked ones, written as
 * letters and digits only ("Grad-CAM" → "gradcam"). Their outputs and parts share the asked things'
 * words (a heatmap of class scores, 3x3 filters, skip connections), so a clause about one of them
 * must not lend its words to the asked thing.
 */
const OTHER_METHODS: ReadonlySet<string> = new Set(
  (
    'gradcam cam saliency lenet lenet5 vgg vgg16 vgg19 zfnet nin mobilenet mobilenetv2 ' +
    'efficientnet shufflenet squeezenet resnext inception inceptionv3 yolo ssd rcnn fastrcnn ' +
    'fasterrcnn maskrcnn deeplab segnet pspnet vit transformer transformers rnn lstm gan gans ' +
    'autoencoder autoencoders svm'
  ).split(' '),
);

/**
 * Does the clause open (after its determiners) with a method or network of {@link OTHER_METHODS}
 * that `known` (the part's field words: the shared list and its own text's nouns) does not hold
 * ("Grad-CAM gives a map of class scores", "the VGG stacks 3x3 filters")? Then it speaks of that
 * other thing. One the part names is no other thing (question 6 names GoogLeNet's inception
 * modules). Not in the list: question 1's dense nets by any name ("an MLP needs far more weights"
 * is the comparison that question asks for).
 */
export function opensWithOtherName(tokens: readonly Token[], known: ReadonlySet<string>): boolean {
  let i = 0;
  while (i < tokens.length && (tokens[i]!.pos === 'DET' || tokens[i]!.pos === 'PUNCT')) i++;
  // A name may be split by the tagger ("grad", "cam"): its first one to three nouns, joined. (No
  // DenseNet in the list: "a dense net" is question 1's dense network.)
  let joined = '';
  for (let k = i, words = 0; k < tokens.length && words < 3; k++) {
    const t = tokens[k]!;
    if (k > i && t.norm === '-') continue;
    if (k > i && t.pos !== 'PROPN' && t.pos !== 'NOUN') break;
    words++;
    joined += t.norm.replace(/[^a-z0-9]/g, '');
    if (OTHER_METHODS.has(joined) || OTHER_METHODS.has(joined.replace(/s$/, '')))
      return !known.has(t.norm) && !known.has(joined) && !known.has(joined.replace(/s$/, ''));
  }
  return false;
}
/**
 * Where a part's concepts belong to the things it names (question 6: an innovation is a network's,
 * `subjects.rule` "owns"), a thing the answer never names, anywhere, has none of its concepts said:
 * the model adds no concept of a network the answer does not name ("SENet: … ResNet: …" says
 * nothing of AlexNet's dropout, however likely a full answer is to name it). Named anywhere is
 * enough ("I only remember ResNet: skip connections …"), or as a clause's subject the rules read
 * ("Xcep: depthwise sep convs"): whose point a clause makes is the rules' to judge, not this.
 */
function ownerNeverNamed(reading: RubricReading): (group: string | undefined) => boolean {
  const subjects = reading.part.subjects;
  if (subjects?.rule !== 'owns') return () => false;
  let names = ownerNames.get(reading.part);
  if (names === undefined) {
    names = subjects.list.map((s) => ({
      id: s.id,
      pattern: new RegExp(`[ /](?:${s.patterns.join('|')})(?= )`),
    }));
    ownerNames.set(reading.part, names);
  }
  const { text } = reading.analysis;
  // By its name anywhere, or as the rules read a clause's subject (a short label: "Xcep: …").
  const named = new Set<string | undefined>([
    ...names.filter((n) => n.pattern.test(text)).map((n) => n.id),
    ...reading.subjects,
  ]);
  return (group) => group !== undefined && !named.has(group);
}
/** Per part, each owner's name as one pattern (built once). */
const ownerNames = new WeakMap<object, readonly { id: string; pattern: RegExp }[]>();

/** A concept reader (for gradeRubric) from a trained model and its thresholds. */
export function combinedReader(model: ReaderModel): ConceptReader {
  const weights = denseWeights(model);
  return (reading) =>
    combine(
      reading,
      (id) => probability(model.bias, weights, features(reading, id, model.dims)),
      model.veto,
      model.add,
    );
}

/** The committed model (src/grading/reader-model.json, written by `pnpm grading:train-reader`). */
export function committedModel(): ReaderModel {
  return { ...committed, weights: committed.weights.join('') };
}

/** The learned reader as trained and committed, combined with the rules by its tuned thresholds. */
export function learnedReader(): ConceptReader {
  return combinedReader(committedModel());
}
