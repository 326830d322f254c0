/**
 * The learned concept reader, measured honestly (issue 18, stop 29): LEAVE-ONE-SET-OUT
 * cross-validation over the thirteen practice sets (every row TUNE, each set written by its own
 * examiner). For each set in turn, the reader is fitted on the other nine, its thresholds tuned by
 * leave-one-set-out inside those nine (never on the tenth), and the tenth's free-text rows graded.
 * Printed per held-out set and in total: the verdict agreement with the teacher (correct / partial /
 * wrong as grading:eval computes it: scripts/grading-eval-set.ts) and the wrong answers graded at
 * full marks, for the rules, the learned reader alone (p ≥ 0.5), and three combinations.
 *
 *   pnpm grading:reader-cv            gold concept labels where every set has them, else silver
 *   pnpm grading:reader-cv --silver   silver labels: the rules' own credits on rows where their verdict agrees
 *   pnpm grading:reader-cv --gold     the concept labellers' labels (test/fixtures/concept-labels/)
 *   pnpm grading:reader-cv --add-floor=0.3   add thresholds from 0.3 up (default ADD_FLOOR, 0.7)
 *   pnpm grading:reader-cv --lambdas=1,3,10,30   the L2 penalties tried (default LAMBDAS)
 *   pnpm grading:reader-cv --curve    the learning curve: fitted on k = 2, 4, 6, 8 of the other sets
 *   pnpm grading:reader-cv --sentences   with the sentence encoder's features (scripts/sentence-features.ts;
 *                                        run `pnpm grading:sentence-features` first to fill its cache):
 *                                        cosines to the rubric's exemplars; --sentences=knn the nearest
 *                                        labelled answers of the training sets instead; --sentences=both
 *
 * Deterministic: the fit is full-batch, the order fixed; nothing is random.
 */
import {
  ADD_FLOOR,
  ADDS,
  aloneVerdict,
  combinedVerdict,
  defaultLabelMode,
  fit,
  type Item,
  LAMBDAS,
  type LabelMode,
  PRACTICE_SETS,
  predict,
  readItems,
  select,
  setName,
  type Tally,
  TRAIN,
  tally,
  VETOES,
  verdictWith,
} from './reader-data';

const mode: LabelMode = process.argv.includes('--silver')
  ? 'silver'
  : process.argv.includes('--gold')
    ? 'gold'
    : defaultLabelMode();
/** `--add-floor=X`: only add thresholds ≥ X are tried (by default ADD_FLOOR, set by the suite's pinned cases). */
const floorArg = process.argv.find((a) => a.startsWith('--add-floor='));
const addFloor = floorArg === undefined ? ADD_FLOOR : Number(floorArg.slice('--add-floor='.length));
const adds = ADDS.filter((a) => a >= addFloor);
/** `--lambdas=1,3,10,30`: the L2 penalties tried instead of LAMBDAS. */
const lambdasArg = process.argv.find((a) => a.startsWith('--lambdas='));
const lambdas: readonly number[] =
  lambdasArg === undefined ? LAMBDAS : lambdasArg.slice('--lambdas='.length).split(',').map(Number);
if (lambdas.length === 0 || lambdas.some((l) => !Number.isFinite(l) || l <= 0)) {
  console.error(
    `${lambdasArg}: the L2 penalties are positive numbers separated by commas (e.g. --lambdas=1,3,10).`,
  );
  process.exit(2);
}
const read = await readItems(mode);
/** `--sentences[=exemplars|knn|both]`: the sentence encoder's features added (stop 31; measured, not shipped). */
const sentencesArg = process.argv.find((a) => a === '--sentences' || a.startsWith('--sentences='));
const sentences = sentencesArg === undefined ? 'none' : (sentencesArg.split('=')[1] ?? 'exemplars');
if (!['none', 'exemplars', 'knn', 'both'].includes(sentences)) {
  console.error(`${sentencesArg}: --sentences takes exemplars, knn or both.`);
  process.exit(2);
}
const sentenceFeatures = sentences === 'none' ? undefined : await import('./sentence-features');
const items =
  sentences === 'exemplars' || sentences === 'both'
    ? sentenceFeatures!.withSentenceFeatures(read, TRAIN.dims)
    : read;
/** The items as a fold sees them: with the nearest-answer features from its training sets only. */
const itemsSeeing = (training: readonly string[]) =>
  sentences === 'knn' || sentences === 'both'
    ? sentenceFeatures!.withNeighbourFeatures(items, (s) => training.includes(s), TRAIN.dims)
    : items;
console.log(
  `learned concept reader, leave-one-set-out over the ${PRACTICE_SETS.length} practice sets (free-text rows only; all tune), ${
    mode === 'silver'
      ? 'SILVER labels (the rules’ own credited concepts on rows where their verdict agrees with the teacher)'
      : 'GOLD labels (the concept labellers’ asserted lists)'
  }${sentences === 'none' ? '' : `, WITH the sentence encoder's features (${sentences})`}: ${items.length} rows, ${items.filter((i) => i.asserted !== undefined).length} labelled; add thresholds tried: ${adds.join(', ')}.`,
);

const cell = (t: Tally) =>
  `${t.agree}/${t.total} ${((100 * t.agree) / t.total).toFixed(1)}% (${t.wrongAtFull})`;

/*
 * `--curve`: the learning curve instead. For each held-out set, the reader fitted (λ 3) on the first k
 * of the twelve other sets (in PRACTICE_SETS order), k = 2, 4, 6, 8: the reader alone (p ≥ 0.5) and
 * the rules plus what it adds at p ≥ 0.7, summed over the ten held-out sets.
 */
if (process.argv.includes('--curve')) {
  console.log('\ntraining sets   learned alone (λ 3, p ≥ 0.5)   rules + add (p ≥ 0.7)');
  for (const k of [2, 4, 6, 8]) {
    const alone: Tally = { agree: 0, total: 0, wrongAtFull: 0 };
    const add: Tally = { agree: 0, total: 0, wrongAtFull: 0 };
    for (const set of PRACTICE_SETS) {
      const others = PRACTICE_SETS.filter((s) => s !== set).slice(0, k);
      const seen = itemsSeeing(others);
      const test = seen.filter((i) => i.set === set);
      const probs = predict(
        fit(
          seen.filter((i) => (others as readonly string[]).includes(i.set)),
          3,
        ),
        test,
      );
      for (const [sum, t] of [
        [alone, tally(test, (i) => aloneVerdict(i, probs.get(i)))],
        [add, tally(test, (i) => combinedVerdict(i, probs.get(i), 0, 0.7))],
      ] as const) {
        sum.agree += t.agree;
        sum.total += t.total;
        sum.wrongAtFull += t.wrongAtFull;
      }
    }
    console.log(`k = ${k}           ${cell(alone).padEnd(31)}${cell(add)}`);
  }
  process.exit(0);
}

const SYSTEMS = ['rules', 'learned', 'veto', 'add', 'both'] as const;
type System = (typeof SYSTEMS)[number];
const totals = new Map<System, Tally>(SYSTEMS.map((s) => [s, { agree: 0, total: 0, wrongAtFull: 0 }]));
const width = 22;
console.log(
  `\nheld-out set   ${SYSTEMS.map((s) => s.padEnd(width)).join('')}chosen (learned / veto / add / both)`,
);
for (const set of PRACTICE_SETS) {
  const seen = itemsSeeing(PRACTICE_SETS.filter((s) => s !== set));
  const train = seen.filter((i) => i.set !== set);
  const test = seen.filter((i) => i.set === set);
  // Penalty and thresholds chosen inside the other sets (the training sets), per system.
  const both = select(train, VETOES, adds, lambdas);
  const veto = select(train, VETOES, [2], lambdas);
  const add = select(train, [0], adds, lambdas);
  const models = new Map<number, Map<Item, Map<string, number>>>();
  const probsFor = (lambda: number) => {
    let probs = models.get(lambda);
    if (probs === undefined) {
      probs = predict(fit(train, lambda), test);
      models.set(lambda, probs);
    }
    return probs;
  };
  const combined = (chosen: ReturnType<typeof select>['combined']) => (i: Item) =>
    combinedVerdict(i, probsFor(chosen.lambda).get(i), chosen.veto, chosen.add);
  const figures: Record<System, Tally> = {
    rules: tally(test, (i) => i.rules),
    learned: tally(test, (i) => aloneVerdict(i, probsFor(both.alone.lambda).get(i))),
    veto: tally(test, combined(veto.combined)),
    add: tally(test, combined(add.combined)),
    both: tally(test, combined(both.combined)),
  };
  for (const s of SYSTEMS) {
    const t = totals.get(s)!;
    t.agree += figures[s].agree;
    t.total += figures[s].total;
    t.wrongAtFull += figures[s].wrongAtFull;
  }
  console.log(
    `${setName(set).padEnd(15)}${SYSTEMS.map((s) => cell(figures[s]).padEnd(width)).join('')}λ ${both.alone.lambda} / ${veto.combined.veto} λ ${veto.combined.lambda} / ${add.combined.add} λ ${add.combined.lambda} / ${both.combined.veto},${both.combined.add} λ ${both.combined.lambda}`,
  );
}
console.log(`${'total'.padEnd(15)}${SYSTEMS.map((s) => cell(totals.get(s)!).padEnd(width)).join('')}`);
console.log(
  '\nEach cell: verdict agreement with the teacher on the held-out set (wrong answers graded at full marks).',
);
console.log(
  'rules: today’s grader; learned: the model alone (a concept credited at p ≥ 0.5); veto: a rule credit kept unless p < veto;',
);
console.log(
  `add: also a concept the rules found absent at p ≥ add; both: the two. The L2 penalty (λ of ${lambdas.join(', ')}) and thresholds chosen by leave-one-set-out inside the ${PRACTICE_SETS.length - 1} training sets only.`,
);
if (mode === 'gold') {
  // The ceiling of any concept reader: the labellers' own concepts, scored by the grader (its point
  // table and last checks) as if a reader had found exactly them.
  const labels = tally(items, (i) => (i.asserted === undefined ? i.rules : verdictWith(i, i.asserted)));
  console.log(
    `\nthe labels themselves as the reading (any reader's ceiling): ${cell(labels)} of the free-text rows agree with the teacher.`,
  );
}
process.exit(0);
