/**
 * Trains the learned concept reader (src/grading/reader.ts) on every free-text row of the thirteen
 * practice sets (all tune) and writes it to src/grading/reader-model.json: the weights, and the
 * thresholds that combine it with the rules, tuned by leave-one-set-out over the thirteen sets.
 * Deterministic (full-batch fit, fixed order): test/reader-model.test.ts checks the committed file is
 * what this script writes.
 *
 *   pnpm grading:train-reader            gold concept labels where every set has them, else silver
 *   pnpm grading:train-reader --silver   silver labels (the rules' own credits where their verdict agrees)
 *   … train-reader.ts --print [--labels=gold|silver]   the model's JSON on stdout, no file written
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultLabelMode, type LabelMode, modelJson, trainReader } from './reader-data';

const labels = /^--labels=(gold|silver)$/.exec(
  process.argv.find((a) => a.startsWith('--labels=')) ?? '',
)?.[1];
const mode = process.argv.includes('--silver')
  ? 'silver'
  : ((labels as LabelMode | undefined) ?? defaultLabelMode());
const model = await trainReader(mode);
const file = join(dirname(fileURLToPath(import.meta.url)), '../src/grading/reader-model.json');
const text = modelJson(model);
if (process.argv.includes('--print')) {
  // The model's JSON on stdout, no file written (test/reader-model.test.ts runs this in a child
  // process, so its minute of training does not block the test worker).
  process.stdout.write(text, () => process.exit(0));
} else {
  writeFileSync(file, text);
  console.log(
    `learned concept reader (${mode} labels): ${model.dims} weights (signed bytes × ${model.scale}), bias ${model.bias}, veto ${model.veto}, add ${model.add}; ${text.length} bytes written to src/grading/reader-model.json`,
  );
  process.exit(0);
}
