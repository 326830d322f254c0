/**
 * The learned concept reader's data and fitting, shared by its cross-validation (reader-cv.ts) and
 * its training (train-reader.ts): the thirteen practice sets' free-text rows read by the rules (every
 * practice row is TUNE), the concept labels, and the fit with its thresholds tuned by
 * leave-one-set-out inside the sets it is given.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  combine,
  denseWeights,
  type Example,
  features,
  probability,
  quantise,
  type ReaderModel,
  trainLogistic,
} from '../src/grading/reader';
import { type RubricReading, useConceptReader } from '../src/grading/rubric';
import {
  conceptLabelSchema,
  evalEngine,
  gradeRow,
  isFreeText,
  type Outcome,
  type Row,
  readRows,
  type Verdict,
  verdictOf,
} from './grading-eval-set';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '../test/fixtures');

/** The thirteen practice sets, each written by its own examiner ('' is the first, grading-eval-practice/). */
export const PRACTICE_SETS = ['', 'b', 'c', 'e', 'h', 'i', 'k', 'm', 'n', 't', 'v', 'x', 'y'] as const;
export const setName = (set: string) => `practice${set === '' ? '' : `-${set}`}`;

/** Training settings (fixed; no seed is needed: the fit is deterministic full-batch AdaGrad). */
export const TRAIN = { dims: 1 << 15, lambda: 1, rate: 0.2, steps: 120 } as const;
/** The L2 penalties tried, chosen inside the training sets by leave-one-set-out (ties: the first). */
export const LAMBDAS = [1, 3, 10] as const;
/** The thresholds tried: a rule-credited concept is kept when p ≥ veto; another is added when p ≥ add. */
export const VETOES = [0, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5] as const;
export const ADDS = [2, 0.99, 0.97, 0.95, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3] as const;
/**
 * The lowest add threshold tried by default: below it the reader undoes cases the grading suite
 * pins (a denial read back as the point, a story, a keyword list; with 0.3–0.4, 12–16 tests of the
 * suite failed; none at 0.7, nor at 0.6, which leave-one-set-out over the eleven sets chose once it
 * was allowed, stop 33; 0.5 was not tried against the suite). Set from the tests, never from a
 * held-out set.
 */
export const ADD_FLOOR = 0.6;

export interface Item {
  readonly set: string;
  readonly row: Row;
  /** The rules' verdict (through the engine, as grading:eval). */
  readonly rules: Verdict | undefined;
  /** The reading (undefined when the engine refused the answer or crashed: every system agrees with the rules there). */
  readonly reading: RubricReading | undefined;
  /** Hashed features per concept id. */
  readonly x: ReadonlyMap<string, Int32Array>;
  /** Concept ids asserted (labels), or undefined when the row has none to train on. */
  readonly asserted: ReadonlySet<string> | undefined;
}

/** Gold concept labels of a set (test/fixtures/concept-labels/<set>/q<N>.jsonl), by row id and part. */
function goldLabels(set: string): Map<string, Set<string>> | undefined {
  const folder = join(fixtures, 'concept-labels', setName(set));
  if (!existsSync(folder)) return undefined;
  const labels = new Map<string, Set<string>>();
  for (let q = 1; q <= 8; q++) {
    const file = join(folder, `q${q}.jsonl`);
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      const label = conceptLabelSchema.parse(JSON.parse(line));
      labels.set(`${label.id}|${label.part}`, new Set(label.asserted));
    }
  }
  return labels;
}

export type LabelMode = 'silver' | 'gold';

/**
 * Every free-text row of the thirteen practice sets graded by the rules, with its reading and labels.
 * Silver labels: the rules' own credited concepts on rows whose verdict agrees with the teacher's
 * (no label elsewhere). Gold: the concept labellers' `asserted` lists.
 */
export async function readItems(mode: LabelMode): Promise<Item[]> {
  const engine = evalEngine();
  let captured: RubricReading | undefined;
  const previous = useConceptReader((reading) => {
    captured = reading;
    return undefined;
  });
  const items: Item[] = [];
  try {
    for (const set of PRACTICE_SETS) {
      const gold = mode === 'gold' ? goldLabels(set) : undefined;
      if (mode === 'gold' && gold === undefined) throw new Error(`no concept labels for ${setName(set)}`);
      for (const row of readRows(join(fixtures, `grading-eval-${setName(set)}`))) {
        if (!isFreeText(row)) continue;
        captured = undefined;
        const outcome: Outcome = await gradeRow(engine, row, false);
        const reading =
          outcome.refused === undefined && outcome.crash === undefined
            ? (captured as RubricReading | undefined)
            : undefined;
        const x = new Map<string, Int32Array>();
        let asserted: Set<string> | undefined;
        if (reading !== undefined) {
          const grade = reading.grade();
          // The reading finishes to the very grade the engine gave (nothing lost between them).
          if (grade.score !== outcome.score) throw new Error(`${row.id}: reading and grade disagree`);
          for (const c of reading.part.concepts) x.set(c.id, features(reading, c.id, TRAIN.dims));
          asserted =
            mode === 'gold'
              ? gold!.get(`${row.id}|${row.part}`)
              : outcome.graded === row.verdict
                ? new Set(grade.covered ?? [])
                : undefined;
        }
        items.push({ set, row, rules: outcome.graded, reading, x, asserted });
      }
    }
  } finally {
    useConceptReader(previous);
  }
  return items;
}

/** The training examples of some items: one per concept of each labelled row. */
function examplesOf(items: readonly Item[]): Example[] {
  const examples: Example[] = [];
  for (const item of items) {
    if (item.reading === undefined || item.asserted === undefined) continue;
    for (const c of item.reading.part.concepts)
      examples.push({ x: item.x.get(c.id)!, y: item.asserted.has(c.id) ? 1 : 0 });
  }
  return examples;
}

/** A model fitted on some items (weights quantised as committed), thresholds unset. */
export function fit(items: readonly Item[], lambda: number = TRAIN.lambda): ReaderModel {
  const { bias, weights } = trainLogistic(examplesOf(items), { ...TRAIN, lambda });
  return { dims: TRAIN.dims, bias: Math.round(bias * 1000) / 1000, ...quantise(weights), veto: 0, add: 2 };
}

/** Each item's probability per concept under a model. */
export function predict(model: ReaderModel, items: readonly Item[]): Map<Item, Map<string, number>> {
  const w = denseWeights(model);
  const out = new Map<Item, Map<string, number>>();
  for (const item of items) {
    const probs = new Map<string, number>();
    for (const [id, x] of item.x) probs.set(id, probability(model.bias, w, x));
    out.set(item, probs);
  }
  return out;
}

/** The verdict of an item when `chosen` are the concepts credited (memoised per chosen set). */
const verdictCache = new WeakMap<Item, Map<string, Verdict>>();
export function verdictWith(item: Item, chosen: ReadonlySet<string> | undefined): Verdict | undefined {
  if (item.reading === undefined || chosen === undefined) return item.rules;
  const key = [...chosen].sort().join(',');
  let cache = verdictCache.get(item);
  if (cache === undefined) {
    cache = new Map();
    verdictCache.set(item, cache);
  }
  let verdict = cache.get(key);
  if (verdict === undefined) {
    verdict = verdictOf(item.reading.grade(() => chosen).score);
    cache.set(key, verdict);
  }
  return verdict;
}

/** A system's figures on some items: agreement with the teacher, and wrong answers graded correct. */
export interface Tally {
  agree: number;
  total: number;
  wrongAtFull: number;
}
export function tally(items: readonly Item[], verdict: (item: Item) => Verdict | undefined): Tally {
  const t: Tally = { agree: 0, total: items.length, wrongAtFull: 0 };
  for (const item of items) {
    const v = verdict(item);
    if (v === item.row.verdict) t.agree++;
    if (item.row.verdict === 'wrong' && v === 'correct') t.wrongAtFull++;
  }
  return t;
}

export const combinedVerdict = (
  item: Item,
  probs: ReadonlyMap<string, number> | undefined,
  veto: number,
  add: number,
) =>
  item.reading === undefined || probs === undefined
    ? item.rules
    : verdictWith(
        item,
        combine(item.reading, (id) => probs.get(id) ?? 0, veto, add),
      );

export interface Tuned {
  readonly veto: number;
  readonly add: number;
}

/** The learned reader alone: the concepts it gives p ≥ 0.5. */
export const aloneVerdict = (item: Item, probs: ReadonlyMap<string, number> | undefined) =>
  item.reading === undefined || probs === undefined
    ? item.rules
    : verdictWith(item, new Set([...probs].filter(([, p]) => p >= 0.5).map(([id]) => id)));

/**
 * The penalty and thresholds chosen inside some sets: for each penalty (LAMBDAS unless given), out-of-fold
 * probabilities by leave-one-set-out over them; the penalty whose best thresholds (or, for the
 * reader alone, p ≥ 0.5) agree with the teacher most, no more wrong answers at full marks than
 * the rules there (ties: the first penalty).
 */
/** Out-of-fold probabilities already computed, by item list and penalty (the three systems share them). */
const outOfFoldCache = new WeakMap<readonly Item[], Map<number, Map<Item, Map<string, number>>>>();
export function select(
  items: readonly Item[],
  vetoes: readonly number[] = VETOES,
  adds: readonly number[] = ADDS.filter((a) => a >= ADD_FLOOR),
  lambdas: readonly number[] = LAMBDAS,
): {
  combined: Tuned & { lambda: number };
  alone: { lambda: number };
} {
  const rules = tally(items, (i) => i.rules);
  let combined: (Tuned & { lambda: number; agree: number }) | undefined;
  let alone: { lambda: number; agree: number } | undefined;
  let cached = outOfFoldCache.get(items);
  if (cached === undefined) {
    cached = new Map();
    outOfFoldCache.set(items, cached);
  }
  for (const lambda of lambdas) {
    let oof = cached.get(lambda);
    if (oof === undefined) {
      oof = outOfFold(items, lambda);
      cached.set(lambda, oof);
    }
    const tuned = tune(items, oof, vetoes, adds);
    const agree = tally(items, (i) => combinedVerdict(i, oof.get(i), tuned.veto, tuned.add)).agree;
    if (combined === undefined || agree > combined.agree) combined = { ...tuned, lambda, agree };
    const t = tally(items, (i) => aloneVerdict(i, oof.get(i)));
    const ok = t.wrongAtFull <= rules.wrongAtFull ? t.agree : -1;
    if (alone === undefined || ok > alone.agree) alone = { lambda, agree: ok };
  }
  return {
    combined: { veto: combined!.veto, add: combined!.add, lambda: combined!.lambda },
    alone: { lambda: alone!.lambda },
  };
}

/**
 * Thresholds chosen on out-of-fold probabilities (each of the given sets predicted by a model fitted
 * on the others): the pair with the most agreement, no more wrong answers at full marks than the
 * rules there; ties keep the pair closest to the rules (tried first).
 */
export function tune(
  items: readonly Item[],
  outOfFold: ReadonlyMap<Item, Map<string, number>>,
  vetoes: readonly number[] = VETOES,
  adds: readonly number[] = ADDS.filter((a) => a >= ADD_FLOOR),
): Tuned {
  const rules = tally(items, (i) => i.rules);
  let best: Tuned & { agree: number } = { veto: 0, add: 2, agree: rules.agree };
  for (const veto of vetoes)
    for (const add of adds) {
      const t = tally(items, (i) => combinedVerdict(i, outOfFold.get(i), veto, add));
      if (t.wrongAtFull <= rules.wrongAtFull && t.agree > best.agree) best = { veto, add, agree: t.agree };
    }
  return { veto: best.veto, add: best.add };
}

/** Out-of-fold probabilities over some items: each set predicted by a model fitted on the others. */
export function outOfFold(
  items: readonly Item[],
  lambda: number = TRAIN.lambda,
): Map<Item, Map<string, number>> {
  const sets = [...new Set(items.map((i) => i.set))];
  const out = new Map<Item, Map<string, number>>();
  for (const set of sets) {
    const model = fit(
      items.filter((i) => i.set !== set),
      lambda,
    );
    for (const [item, probs] of predict(
      model,
      items.filter((i) => i.set === set),
    ))
      out.set(item, probs);
  }
  return out;
}

/** The committed model: fitted on every practice row, thresholds tuned by leave-one-set-out over the ten sets. */
export interface TrainedReader extends ReaderModel {
  readonly labels: LabelMode;
  /** The L2 penalty chosen (LAMBDAS, by leave-one-set-out over the ten sets). */
  readonly lambda: number;
}
export async function trainReader(mode: LabelMode): Promise<TrainedReader> {
  const items = await readItems(mode);
  const { veto, add, lambda } = select(items).combined;
  const model = fit(items, lambda);
  return { ...model, labels: mode, lambda, veto, add };
}

/** The model as committed: its figures, then the weights' base64 in lines of 100 characters. */
export function modelJson(model: TrainedReader): string {
  const { weights, ...head } = model;
  const lines = weights.match(/.{1,100}/g) ?? [];
  return `${JSON.stringify({ ...head, weights: lines }, null, 2)}\n`;
}

/** Gold labels when every practice set has them, else silver. */
export function defaultLabelMode(): LabelMode {
  return PRACTICE_SETS.every((set) => existsSync(join(fixtures, 'concept-labels', setName(set))))
    ? 'gold'
    : 'silver';
}
