/**
 * The learned concept reader, measured honestly (issue 18, stop 29): LEAVE-ONE-SET-OUT
 * cross-validation over the nine practice sets (every row TUNE, each set written by its own
 * examiner). For each set in turn, the reader is fitted on the other eight, its thresholds tuned by
 * leave-one-set-out inside those eight (never on the ninth), and the ninth's free-text rows graded.
 * Printed per held-out set and in total: the verdict agreement with the teacher (correct / partial /
 * wrong as grading:eval computes it: scripts/grading-eval-set.ts) and the wrong answers graded at
 * full marks, for the rules, the learned reader alone (p ≥ 0.5), and three combinations.
 *
 *   pnpm grading:reader-cv            gold concept labels where every set has them, else silver
 *   pnpm grading:reader-cv --silver   silver labels: the rules' own credits on rows where their verdict agrees
 *   pnpm grading:reader-cv --gold     the concept labellers' labels (test/fixtures/concept-labels/)
 *   pnpm grading:reader-cv --add-floor=0.3   add thresholds from 0.3 up (default ADD_FLOOR, 0.7)
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
const items = await readItems(mode);
console.log(
  `learned concept reader, leave-one-set-out over the ${PRACTICE_SETS.length} practice sets (free-text rows only; all tune), ${
    mode === 'silver'
      ? 'SILVER labels (the rules’ own credited concepts on rows where their verdict agrees with the teacher)'
      : 'GOLD labels (the concept labellers’ asserted lists)'
  }: ${items.length} rows, ${items.filter((i) => i.asserted !== undefined).length} labelled; add thresholds tried: ${adds.join(', ')}.`,
);

const SYSTEMS = ['rules', 'learned', 'veto', 'add', 'both'] as const;
type System = (typeof SYSTEMS)[number];
const totals = new Map<System, Tally>(SYSTEMS.map((s) => [s, { agree: 0, total: 0, wrongAtFull: 0 }]));
const cell = (t: Tally) =>
  `${t.agree}/${t.total} ${((100 * t.agree) / t.total).toFixed(1)}% (${t.wrongAtFull})`;
const width = 22;
console.log(
  `\nheld-out set   ${SYSTEMS.map((s) => s.padEnd(width)).join('')}chosen (learned / veto / add / both)`,
);
for (const set of PRACTICE_SETS) {
  const train = items.filter((i) => i.set !== set);
  const test = items.filter((i) => i.set === set);
  // Penalty and thresholds chosen inside the eight training sets, per system.
  const both = select(train, VETOES, adds);
  const veto = select(train, VETOES, [2]);
  const add = select(train, [0], adds);
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
  `add: also a concept the rules found absent at p ≥ add; both: the two. The L2 penalty (λ of ${LAMBDAS.join(', ')}) and thresholds chosen by leave-one-set-out inside the eight training sets only.`,
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
