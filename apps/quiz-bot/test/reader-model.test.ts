import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type LabelMode, modelJson, trainReader } from '../scripts/reader-data';

/*
 * The learned concept reader's committed model (src/grading/reader-model.json) is what
 * `pnpm grading:train-reader` writes: the same training runs here (every free-text row of the nine
 * practice sets read by the rules, the fit, the thresholds tuned by leave-one-set-out), and the file
 * must come out byte for byte, so nobody edits the weights by hand. (About 10 s: kept out of the
 * Stryker target, which would rerun it for every mutant.)
 */

describe('the committed model', () => {
  it('is what `pnpm grading:train-reader` writes (nobody edits the weights by hand)', async () => {
    const file = new URL('../src/grading/reader-model.json', import.meta.url);
    const committed = JSON.parse(readFileSync(file, 'utf8')) as { labels: LabelMode };
    // The same training, in this process: every practice set's free-text rows read, fitted, tuned.
    const trained = await trainReader(committed.labels);
    expect(modelJson(trained)).toBe(readFileSync(file, 'utf8'));
  }, 600_000);
});
