import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { TrainedReader } from '../scripts/reader-data';

/*
 * The learned concept reader's committed model (src/grading/reader-model.json) is what
 * `pnpm grading:train-reader` writes: the same training runs here (every free-text row of the ten
 * practice sets read by the rules, the fit, the thresholds tuned by leave-one-set-out), so nobody
 * edits the weights by hand. (About 25 s: kept out of the Stryker target, which would rerun it for
 * every mutant.) The fit goes through Math.exp over 120 steps: a newer V8 may change a last bit, so
 * the floats are compared to 1e-9 and each quantised weight to one step, not byte for byte.
 */

interface CommittedModel extends Omit<TrainedReader, 'weights'> {
  readonly weights: readonly string[];
}
const signedBytes = (base64: string) => Array.from(new Int8Array(Buffer.from(base64, 'base64')));

describe('the committed model', () => {
  it('is what `pnpm grading:train-reader` writes (nobody edits the weights by hand)', async () => {
    const file = new URL('../src/grading/reader-model.json', import.meta.url);
    const committed = JSON.parse(readFileSync(file, 'utf8')) as CommittedModel;
    // The same training, in a child process (`train-reader.ts --print`): every practice set's
    // free-text rows read, fitted, tuned. (In this process its minute of synchronous work blocked
    // the test worker past vitest's 60 s call timeout on a loaded machine.)
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        '--import',
        'tsx',
        '--conditions=@cnnkit/source',
        'scripts/train-reader.ts',
        '--print',
        `--labels=${committed.labels}`,
      ],
      { cwd: fileURLToPath(new URL('..', import.meta.url)), maxBuffer: 64 * 1024 * 1024 },
    );
    const printed = JSON.parse(stdout) as CommittedModel;
    const trained = { ...printed, weights: printed.weights.join('') };
    const { weights: trainedWeights, bias, scale, ...trainedHead } = trained;
    const {
      weights: committedWeights,
      bias: committedBias,
      scale: committedScale,
      ...committedHead
    } = committed;
    expect(trainedHead).toEqual(committedHead);
    expect(Math.abs(bias - committedBias)).toBeLessThan(1e-9);
    expect(Math.abs(scale - committedScale)).toBeLessThan(1e-9);
    const mine = signedBytes(trainedWeights);
    const theirs = signedBytes(committedWeights.join(''));
    expect(mine.length).toBe(theirs.length);
    const offByMore = mine.flatMap((w, i) => (Math.abs(w - theirs[i]!) > 1 ? [i] : []));
    expect(offByMore).toEqual([]);
    // On Node 20 (the project's engine and its CI) the file is reproduced byte for byte.
    if (process.versions.node.startsWith('20.')) expect(stdout).toBe(readFileSync(file, 'utf8'));
  }, 600_000);
});
