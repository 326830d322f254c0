// @ts-check
/**
 * Mutation testing (StrykerJS) over cnnkit's rule modules: `pnpm mutation [target...]`.
 *
 * One Stryker run per target (scripts/mutation.mjs sets CNNKIT_MUTATE to its name), each with the
 * narrowest test files that exercise its modules. Not part of CI or `npm test`: a full run takes
 * tens of minutes on a shared two-core machine. See docs/mutation-testing.md.
 *
 * `inPlace`: the vitest projects resolve sibling packages through pnpm's per-package node_modules
 * links and the `@cnnkit/source` export condition; Stryker's sandbox copy does not keep those links,
 * so mutants are written into the checkout and the originals restored at the end. Do not edit or
 * commit the mutated files while a run is going.
 */

/** @type {Record<string, { mutate: string[]; testFiles: string[] }>} */
export const TARGETS = {
  // Output shapes, parameters, MACs, receptive fields (layers.ts), the convolution arithmetic and
  // the memory model.
  'shape-math': {
    mutate: [
      'packages/shape-math/src/conv-arithmetic.ts',
      'packages/shape-math/src/layers.ts',
      'packages/shape-math/src/memory.ts',
    ],
    testFiles: [
      'packages/shape-math/test/conv-arithmetic.test.ts',
      'packages/shape-math/test/conv-arithmetic-edges.test.ts',
      'packages/shape-math/test/layer-table.test.ts',
      'packages/shape-math/test/properties.test.ts',
      'packages/shape-math/test/reference-networks.test.ts',
      'packages/shape-math/test/graph.test.ts',
      'packages/shape-math/test/exercise2.test.ts',
      'packages/shape-math/test/memory-budget.test.ts',
      'packages/shape-math/test/memory-rules.test.ts',
      'packages/shape-math/test/errors.test.ts',
      'packages/shape-math/test/errors-as-data.test.ts',
      'packages/shape-math/test/mutation-survivors.test.ts',
      'packages/shape-math/test/merge-rules.test.ts',
      // Every layer refusal and reported result as data, each case once (docs/mutation-testing.md).
      'packages/shape-math/test/layer-rules-as-data.test.ts',
      'packages/shape-math/test/cropping.test.ts',
      'packages/shape-math/test/spec-extensions.test.ts',
      'packages/shape-math/test/unknown-keys.test.ts',
    ],
  },
  // The inference rewrites (batch-norm folding and friends), each rule and refusal on tiny tfjs
  // models on the cpu backend (a few seconds; inference.test.ts's larger graphs on wasm took 30+ min).
  inference: {
    mutate: ['packages/layers-gpu/src/inference.ts'],
    testFiles: [
      'packages/layers-gpu/test/inference-rules.test.ts',
      // The wasm-only rules (the fold applied while XNNPACK packs, the packing runs, a backend switch,
      // foldInPlace) on tiny models: about a second of tests.
      'packages/layers-gpu/test/inference-wasm-rules.test.ts',
      // The fresh heap announced before packing (warmWasmHeap's argument), with a module mock.
      'packages/layers-gpu/test/inference-wasm-warm.test.ts',
    ],
  },
  // The answer rate limit (token bucket) and the idempotency decision of a repeated answer key.
  'quiz-rules': {
    mutate: ['apps/quiz-bot/src/rate-limit.ts', 'apps/quiz-bot/src/idempotency.ts'],
    testFiles: ['apps/quiz-bot/test/rate-limit.test.ts', 'apps/quiz-bot/test/idempotency.test.ts'],
  },
  // The scoring rules (points, scoring window, hint penalty, streak, review card), one pure
  // function the store applies (issue 17).
  scoring: {
    mutate: ['apps/quiz-bot/src/scoring.ts'],
    testFiles: ['apps/quiz-bot/test/scoring-rules.test.ts'],
  },
  // Answer grading. The numeric side (numeric, quantity, mistakes, gradeChoice) has its own fast
  // files, which import the grading modules directly; numeric-grading and quantity.test (still run
  // by vitest) load the whole app, and the architectures, again for every mutant. The free-text
  // side (claims/*, rubric, choice) runs with the free-text suites, free-text-rules (its rules one
  // case each) and numeric-teacher-reading (choices); none of them builds a model. The whole
  // target is some 3,000 mutants: run it file by file (docs/mutation-testing.md).
  grading: {
    mutate: ['apps/quiz-bot/src/grading/**/*.ts'],
    testFiles: [
      'apps/quiz-bot/test/numeric-rules.test.ts',
      'apps/quiz-bot/test/numeric-mistakes.test.ts',
      'apps/quiz-bot/test/quantity-reading.test.ts',
      // The quantity reader rule by rule (strict working, words around it, prose, statements).
      'apps/quiz-bot/test/quantity-working.test.ts',
      'apps/quiz-bot/test/quantity-words.test.ts',
      'apps/quiz-bot/test/quantity-prose.test.ts',
      'apps/quiz-bot/test/quantity-statements.test.ts',
      // Added with the 2026-12-06 afternoon slices: scientific notation and pieces of a working,
      // the prose reader (answers written as a teacher reads them, spelt-out numbers, chunks), and
      // a strict reading that skipped a piece, read again as prose.
      'apps/quiz-bot/test/quantity-stated.test.ts',
      'apps/quiz-bot/test/quantity-pieces.test.ts',
      'apps/quiz-bot/test/quantity-teacher.test.ts',
      'apps/quiz-bot/test/quantity-spelled.test.ts',
      'apps/quiz-bot/test/quantity-chunks.test.ts',
      'apps/quiz-bot/test/quantity-skipped-working.test.ts',
      // The prose reader's inner steps called directly (asides, tokens, unit words, chunks).
      'apps/quiz-bot/test/quantity-prose-steps.test.ts',
      // Spelt-out numbers written with hyphens, "and" before tens, zero, and a final statement of working.
      'apps/quiz-bot/test/quantity-spelled-rules.test.ts',
      // readAsTeacher: a product of three factors is working; an arrow's re-read keeps the working before it once.
      'apps/quiz-bot/test/quantity-teacher-rules.test.ts',
      // quantity.ts whole file: ", plus N" however spaced, the prose re-read refused, "vs. 16,384".
      'apps/quiz-bot/test/quantity-carry-rules.test.ts',
      'apps/quiz-bot/test/grading.test.ts',
      'apps/quiz-bot/test/free-text.test.ts',
      'apps/quiz-bot/test/free-text-claims.test.ts',
      'apps/quiz-bot/test/free-text-meaning.test.ts',
      'apps/quiz-bot/test/free-text-scope.test.ts',
      'apps/quiz-bot/test/free-text-rules.test.ts',
      // gradeRubric's own rules (credit arithmetic, what is not credited, subjects), one case each.
      'apps/quiz-bot/test/rubric-rules.test.ts',
      // The reading rules of rubric.ts lines 1–420 (subjects, negation reach, lists), one case each.
      'apps/quiz-bot/test/rubric-reading-rules.test.ts',
      // rubric.ts' verdict rules (directionNear … judgeConcept, offTopic), one case each.
      'apps/quiz-bot/test/rubric-verdict-rules.test.ts',
      // The clause, tagging and synonym rules of claims/analysis.ts, nlp.ts and synonyms.ts, one case each.
      'apps/quiz-bot/test/free-text-clause-rules.test.ts',
      'apps/quiz-bot/test/free-text-tagging-rules.test.ts',
      'apps/quiz-bot/test/free-text-synonym-rules.test.ts',
      // How a claim is found (synonyms.ts findClaims and after): each negation word, hyphen parts, quantifiers, clause bounds.
      'apps/quiz-bot/test/free-text-synonym-match-rules.test.ts',
      // wink's offsets and adverbs as nlp.ts assumes them, and the misspelling rule one edit at a time.
      'apps/quiz-bot/test/free-text-tagging-offsets.test.ts',
      'apps/quiz-bot/test/free-text-wordform-rules.test.ts',
      // A swap is one edit only when both letters trade places ("lxaer" is two edits from "layer").
      'apps/quiz-bot/test/free-text-wordform-swap.test.ts',
      // The model loads once, with the part-of-speech step (a fresh module per test).
      'apps/quiz-bot/test/free-text-model-loading.test.ts',
      // Stop 24's reading rules (clause cuts, a passive's agent, participles, paraphrases, Xception's point).
      'apps/quiz-bot/test/free-text-teacher-rules.test.ts',
      'apps/quiz-bot/test/numeric-teacher-reading.test.ts',
      // mistakes.ts' diagnoses added after its last run: their explanations, a total count, a name that is no family + depth.
      'apps/quiz-bot/test/numeric-mistakes-rules.test.ts',
      // numeric.ts' rounding rule for a memory size at its edges: the bound included, a count keeps its digits.
      'apps/quiz-bot/test/numeric-digits-rules.test.ts',
      // choice.ts: a letter beside another option's text (its exact text, or the nouns only that option names).
      'apps/quiz-bot/test/choice-rules.test.ts',
      // claims/analysis.ts at stop 24: the issue 18 suites that grade whole answers through gradeRubric
      // (keyword lists, own paraphrases, stories and labels, known faults; no model built), and the
      // stop-23 rules one case each (names in lists, gerund subjects, scenes, named subjects).
      'apps/quiz-bot/test/free-text-keyword-lists.test.ts',
      'apps/quiz-bot/test/free-text-own-paraphrases.test.ts',
      'apps/quiz-bot/test/free-text-stories-and-labels.test.ts',
      'apps/quiz-bot/test/free-text-known-faults.test.ts',
      'apps/quiz-bot/test/claims-analysis-lists-scenes.test.ts',
      // stop-25 numeric and choice rules, one case each (decimal comma, spelt operators and
      // fractions, working after an arrow, the recalled figure's 1%, choice by elimination).
      'apps/quiz-bot/test/quantity-final-figure-rules.test.ts',
      'apps/quiz-bot/test/numeric-recalled-rules.test.ts',
      'apps/quiz-bot/test/numeric-working-feedback-rules.test.ts',
      // Stop 25's concept data and rules (question 3's remedies, definitions, stories, question 6's feedback).
      'apps/quiz-bot/test/free-text-concepts.test.ts',
      // Stop 25: negation, comparison and denial in their own clause (rubric.ts, claims/analysis.ts).
      'apps/quiz-bot/test/free-text-negation-scope.test.ts',
      // Stop 26: figures and choices as students write them, one case per rule, and the property
      // test of every numeric key (and choice option) in every phrasing.
      'apps/quiz-bot/test/numeric-teacher-words-rules.test.ts',
      'apps/quiz-bot/test/numeric-phrasings.test.ts',
      // Stop 26: concepts said by mechanism, consequence or a denied opposite (the concept data of
      // claims/meanings.ts, paraphrases.ts, synonyms.ts), and synonyms.ts' speed helpers.
      'apps/quiz-bot/test/free-text-mechanism-paraphrases.test.ts',
      // Stop 27: choice.ts' shortcut for a lone letter or digit reads as the full reading does.
      'apps/quiz-bot/test/choice-lone-mark.test.ts',
      // Stop 28: rubric.ts' readings of whose claim it is (reported beliefs, declined changes, a
      // third thing's subject, anaphoric take-backs, labels denied) and review 27 A8/A9.
      'apps/quiz-bot/test/free-text-strict-stop28.test.ts',
      // Stop 28 mend (review 28 #13, #14, #26): a myth corrected only of our thing, endorsed reports,
      // and the clause-bound readings of rubric.ts (denied wishes, relatives, lists of orders).
      'apps/quiz-bot/test/free-text-review28-rubric.test.ts',
      // Stop 29: the learned concept reader (reader.ts: regression, features, combination).
      'apps/quiz-bot/test/reader.test.ts',
      // Stop 31: question 8's two-of-three remedies (points.ts' anyOf, pointsMissing), what comes
      // back said of a remedy, and rubric.ts' judging denials of a pronoun subject.
      'apps/quiz-bot/test/free-text-known-faults-stop31.test.ts',
      'apps/quiz-bot/test/claims-vocabulary-filter.test.ts',
    ],
  },
  // Segmentation metrics (pure, plain arrays) and the dense-to-convolution conversion (small tfjs
  // models, a few seconds). Not boundary-tolerance or the training suites: they build and train
  // models, and every mutant would rerun them (an estimated 1 h 25 min for metrics.ts alone).
  segmentation: {
    mutate: ['packages/segmentation/src/metrics.ts', 'packages/segmentation/src/convert.ts'],
    testFiles: [
      'packages/segmentation/test/metrics.test.ts',
      'packages/segmentation/test/metrics-rules.test.ts',
      'packages/segmentation/test/convert.test.ts',
      'packages/segmentation/test/convert-from-model.test.ts',
      'packages/segmentation/test/convert-logits.test.ts',
      'packages/segmentation/test/convert-rules.test.ts',
    ],
  },
};

const names = (process.env.CNNKIT_MUTATE ?? 'shape-math').split(',').filter(Boolean);
for (const name of names) {
  if (!(name in TARGETS)) {
    throw new Error(`unknown mutation target "${name}": use one of ${Object.keys(TARGETS).join(', ')}`);
  }
}
const selected = names.map((name) => TARGETS[name]);
// To iterate on one file: CNNKIT_MUTATE_ONLY=<source files> and CNNKIT_MUTATE_TESTS=<test files>.
const onlyFiles = process.env.CNNKIT_MUTATE_ONLY;
const reportName = onlyFiles
  ? `${names.join('+')}-${onlyFiles
      .split(',')
      .map((file) => file.replace(/^.*\//, '').replace(/\.ts$/, ''))
      .join('+')}`
  : names.join('+');

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'pnpm',
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'vitest.config.ts', related: false },
  mutate: onlyFiles ? onlyFiles.split(',') : selected.flatMap((target) => target.mutate),
  testFiles: process.env.CNNKIT_MUTATE_TESTS?.split(',') ?? selected.flatMap((target) => target.testFiles),
  coverageAnalysis: 'perTest',
  // Suites that compute a report in a describe() body cover the rules while the file loads, so
  // Stryker would rerun every test file for each such mutant (minutes each here). With this, a
  // mutant covered both at load and by tests runs against the tests that cover it, and one covered
  // only at load (a module-level constant) is reported as Ignored, not counted in the score.
  ignoreStatic: true,
  concurrency: Number(process.env.CNNKIT_MUTATE_CONCURRENCY ?? 1),
  inPlace: true,
  // vitest does not typecheck; in place, the default would write `// @ts-nocheck` into every file
  // of the checkout for the run (and restore them, losing their executable bit).
  disableTypeChecks: false,
  tempDirName: '.stryker-tmp',
  timeoutMS: 20_000,
  reporters: ['clear-text', 'progress-append-only', 'html', 'json'],
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true, reportMutants: true },
  htmlReporter: { fileName: `reports/mutation/${reportName}/index.html` },
  jsonReporter: { fileName: `reports/mutation/${reportName}/mutation.json` },
  thresholds: { high: 90, low: 80, break: null },
};
