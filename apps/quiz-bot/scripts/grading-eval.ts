/**
 * The grading evaluation (issue 18): every labelled answer in test/fixtures/grading-eval/q<N>.jsonl
 * goes through the engine's own grade function (the path `answer --json` takes; numeric parts build
 * and measure the real model, here in this process, each request measured once), and the grader's
 * verdict is compared with the teacher's.
 *
 * Split: an answer is HELD OUT when the first hex digit of sha256(`${question}|${part}|${answer}`)
 * is 0–7 (the rule the examiner froze before the grader changed); the rest is TUNE. Only TUNE
 * answers are ever printed (`--tune-misses`); held-out rows are reported by id and count only.
 *
 *   pnpm grading:eval                  the confusion matrices, agreement, wrong-at-full-marks, crashes
 *   pnpm grading:eval --tune-misses    also each TUNE disagreement with the answer and the feedback
 *   pnpm grading:eval --tune-only      no held-out figure at all (tuning runs); --free-text: rubric parts only
 *   pnpm grading:eval --fresh          the same report on the examiner's fresh set instead
 *   pnpm grading:eval --practice       the same report on the practice set (every row tune)
 *   pnpm grading:eval --practice=b     the same on practice set b (grading-eval-practice-b/)
 *   pnpm grading:eval --fresh=d        the same on fresh set d (grading-eval-fresh-d/, all held out)
 *   pnpm grading:eval --rules-only     the rules alone: the learned concept reader (src/grading/reader.ts,
 *                                      on by default) off
 *
 * The fresh set (test/fixtures/grading-eval-fresh/, ids f<N>-NNN) was written and labelled by an
 * examiner who read neither the grader nor its rubric. EVERY fresh row is held out: never tune the
 * grader on it, never print its answers (`--tune-misses` prints none of them; `--tune-only` with
 * `--fresh` is refused, as it would show nothing). The split above applies to the first set only.
 *
 * The practice set (test/fixtures/grading-eval-practice/, ids p<N>-NNN) was also written and
 * labelled without reading the grader or its rubric, to practise on: EVERY practice row is TUNE
 * (`--tune-misses` may print any of them). `--practice` with `--fresh` is refused.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useConceptReader } from '../src/grading/rubric';
import { QUESTIONS } from '../src/index';
import {
  evalEngine,
  gradeRow,
  isFreeText,
  isHeldOut,
  type Outcome,
  type Row,
  readRows,
  VERDICTS,
} from './grading-eval-set';

/**
 * Every option the script reads; anything else is refused rather than silently ignored. `--fresh`
 * and `--practice` may name a set (`--fresh=d`); the others take no value.
 */
const SET_OPTIONS = ['fresh', 'practice'] as const;
const FLAGS = ['tune-misses', 'tune-only', 'free-text', 'rules-only'] as const;
for (const arg of process.argv.slice(2).filter((a) => a !== '--')) {
  const [, option, value] = /^--([a-z-]+)(=.*)?$/.exec(arg) ?? [];
  const known =
    option !== undefined &&
    ((SET_OPTIONS as readonly string[]).includes(option) ||
      ((FLAGS as readonly string[]).includes(option) && value === undefined));
  if (!known) {
    console.error(
      `${arg}: not an option of grading:eval; the options are ${SET_OPTIONS.map((o) => `--${o}[=<set>]`).join(', ')}, ${FLAGS.map((o) => `--${o}`).join(', ')}.`,
    );
    process.exit(2);
  }
}
/** `--<flag>` or `--<flag>=<name>`: whether the flag was given, and the set's name ('' for the first). */
function setFlag(flag: string): { given: boolean; name: string } {
  const arg = process.argv.find((a) => a === `--${flag}` || a.startsWith(`--${flag}=`));
  const name = arg?.startsWith(`--${flag}=`) ? arg.slice(flag.length + 3) : '';
  if (arg !== undefined && arg !== `--${flag}` && !/^[a-z0-9]+$/.test(name)) {
    console.error(`${arg}: a set's name is lower-case letters and digits (e.g. --${flag}=b).`);
    process.exit(2);
  }
  return { given: arg !== undefined, name };
}
/**
 * `--fresh`: read the examiner's fresh set (every row held out) instead of the first set;
 * `--fresh=<name>` reads another fresh set, test/fixtures/grading-eval-fresh-<name>/ (also all held out).
 */
const { given: fresh, name: freshName } = setFlag('fresh');
/**
 * `--practice`: read the practice set (every row tune) instead of the first set; `--practice=<name>`
 * reads another practice set, test/fixtures/grading-eval-practice-<name>/ (each written by its own
 * examiner, also every row tune).
 */
const { given: practice, name: practiceName } = setFlag('practice');
if (fresh && practice) {
  console.error('--fresh and --practice name two different sets: give one of them.');
  process.exit(2);
}
const folder = join(
  dirname(fileURLToPath(import.meta.url)),
  fresh
    ? `../test/fixtures/grading-eval-fresh${freshName === '' ? '' : `-${freshName}`}`
    : practice
      ? `../test/fixtures/grading-eval-practice${practiceName === '' ? '' : `-${practiceName}`}`
      : '../test/fixtures/grading-eval',
);
if (!existsSync(folder)) {
  console.error(`${basename(folder)}: no such evaluation set in test/fixtures/.`);
  process.exit(2);
}
const rows: Row[] = readRows(folder);
const showTuneMisses = process.argv.includes('--tune-misses');
/** `--tune-only`: held-out figures are not printed at all (for tuning runs, so they are not looked at). */
const tuneOnly = process.argv.includes('--tune-only');
/** `--free-text`: only the free-text (rubric) parts are graded (no model is built; a tuning run). */
const freeTextOnly = process.argv.includes('--free-text');
if (fresh && tuneOnly) {
  console.error('--fresh with --tune-only shows nothing: every fresh row is held out (never tuned on).');
  process.exit(2);
}

// `--rules-only`: the rules alone (the learned concept reader is on by default).
if (process.argv.includes('--rules-only')) useConceptReader(undefined);
const engine = evalEngine();
const outcomes: Outcome[] = [];
for (const row of rows) {
  // Every fresh row is held out and every practice row is tune, whatever its hash.
  const heldOut = fresh || (!practice && isHeldOut(row));
  if (freeTextOnly && !isFreeText(row)) continue;
  outcomes.push(await gradeRow(engine, row, heldOut));
}

const pct = (agree: number, total: number) =>
  total === 0 ? 'n/a' : `${agree}/${total} (${((100 * agree) / total).toFixed(1)}%)`;
const agreement = (list: readonly Outcome[]) =>
  tuneOnly && list.some((o) => o.heldOut)
    ? '(not shown)'
    : pct(list.filter((o) => o.graded === o.row.verdict).length, list.length);

/** Agreement on a list, split tune / held out (the fresh set is all held out, the practice set all tune). */
const splitAgreement = (list: readonly Outcome[], withAll = true): string =>
  fresh
    ? `held out ${agreement(list)}`
    : practice
      ? `tune ${agreement(list)}`
      : `tune ${agreement(list.filter((o) => !o.heldOut))}, held out ${agreement(list.filter((o) => o.heldOut))}${withAll ? `, all ${agreement(list)}` : ''}`;

if (fresh) {
  console.log(
    `grading eval, FRESH set${freshName === '' ? '' : ` ${freshName}`}: ${rows.length} labelled answers, all held out (written without reading the grader or rubric; never tuned on).`,
  );
} else if (practice) {
  console.log(
    `grading eval, PRACTICE set${practiceName === '' ? '' : ` ${practiceName}`}: ${rows.length} labelled answers, all tune (written without reading the grader or rubric; may be tuned on).`,
  );
} else {
  console.log(
    `grading eval: ${rows.length} labelled answers (${outcomes.filter((o) => !o.heldOut).length} tune, ${outcomes.filter((o) => o.heldOut).length} held out).`,
  );
  console.log(
    'Held out = first hex digit of sha256(`question|part|answer`) is 0-7, a rule frozen before the grader was tuned; only tune answers were looked at.',
  );
}
for (const question of QUESTIONS) {
  const mine = outcomes.filter((o) => o.row.question === question.id && !(tuneOnly && o.heldOut));
  if (mine.length === 0) continue;
  const parts = [...new Set(mine.map((o) => o.row.part))];
  console.log(`\nquestion ${question.id} (${parts.join(', ')}): ${mine.length} answers`);
  console.log(`  teacher \\ grader   ${VERDICTS.map((v) => v.padStart(7)).join(' ')}  crash`);
  for (const teacher of VERDICTS) {
    const line = VERDICTS.map((grader) =>
      String(mine.filter((o) => o.row.verdict === teacher && o.graded === grader).length).padStart(7),
    ).join(' ');
    const crashed = mine.filter((o) => o.row.verdict === teacher && o.crash !== undefined).length;
    console.log(`  ${teacher.padEnd(18)} ${line}  ${String(crashed).padStart(5)}`);
  }
  console.log(`  agreement: ${splitAgreement(mine)}`);
}

const freeText = (o: Outcome) => isFreeText(o.row);
console.log('\noverall verdict agreement');
for (const [name, list] of [
  ['every part', outcomes],
  ['free-text parts', outcomes.filter(freeText)],
  ['numeric and choice parts', outcomes.filter((o) => !freeText(o))],
] as const) {
  console.log(`  ${name.padEnd(26)} ${splitAgreement(list)}`);
}

// Not keyword matching in disguise: the categories built to fool a word matcher, free-text parts only.
console.log('\nfree-text agreement by category (the adversarial ones first)');
const ADVERSARIAL = [
  'keyword-list',
  'denial',
  'note-to-grader',
  'unrelated-story',
  'question-back',
  'contradiction',
  'negated',
];
const categories = [...new Set(outcomes.filter(freeText).map((o) => o.row.category))].sort(
  (a, b) => (ADVERSARIAL.includes(b) ? 1 : 0) - (ADVERSARIAL.includes(a) ? 1 : 0) || a.localeCompare(b),
);
for (const category of categories) {
  const list = outcomes.filter((o) => freeText(o) && o.row.category === category);
  console.log(`  ${category.padEnd(16)} ${splitAgreement(list, false)}`);
}
if (fresh || practice) {
  // The fresh and practice sets also report the numeric and choice parts by category (near-miss, wrong-unit…).
  console.log('\nnumeric and choice agreement by category');
  const numeric = outcomes.filter((o) => !freeText(o));
  for (const category of [...new Set(numeric.map((o) => o.row.category))].sort()) {
    const list = numeric.filter((o) => o.row.category === category);
    console.log(`  ${category.padEnd(16)} ${splitAgreement(list, false)}`);
  }
}

const fullMarksWrong = outcomes.filter(
  (o) => o.row.verdict === 'wrong' && o.graded === 'correct' && !(tuneOnly && o.heldOut),
);
console.log(
  `\nwrong answers graded at full marks (target: none): ${fullMarksWrong.length === 0 ? 'none' : fullMarksWrong.map((o) => `${o.row.id}${o.heldOut ? ' (held out)' : ''}`).join(', ')}`,
);
// A held-out row is named by its id only: an error message may quote the answer.
const named = (o: Outcome, message: string | undefined) =>
  o.heldOut ? `${o.row.id} (held out)` : `${o.row.id}: ${message}`;
const crashes = outcomes.filter((o) => o.crash !== undefined && !(tuneOnly && o.heldOut));
console.log(
  `crashes (target: none): ${crashes.length === 0 ? 'none' : crashes.map((o) => named(o, o.crash)).join('; ')}`,
);
const refused = outcomes.filter((o) => o.refused !== undefined);
console.log(
  `refused as malformed (graded wrong, as \`answer\` refuses them with exit status 2): ${refused.length === 0 ? 'none' : `${refused.length}: ${refused.map((o) => o.row.id).join(', ')}`}`,
);

if (showTuneMisses) {
  console.log('\nTUNE disagreements (held-out answers are never printed):');
  for (const o of outcomes) {
    if (o.heldOut || o.graded === o.row.verdict) continue;
    console.log(
      `- ${o.row.id} [${o.row.category}] teacher ${o.row.verdict} ${o.row.credit}, grader ${o.graded ?? 'crash'} ${o.score ?? ''}\n    ${JSON.stringify(o.row.answer)}\n    why: ${o.row.why}\n    ${(o.feedback ?? [o.crash]).join(' | ')}`,
    );
  }
}
process.exit(0);
