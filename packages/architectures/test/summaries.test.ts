import { inceptionModule } from '@cnnkit/layers-gpu/blocks';
import { analyze, exercise2Spec, formatSummary, type ModelReport } from '@cnnkit/shape-math';
import { expect, describe as suite, test } from 'vitest';
import { describe } from '../src/index';

/*
 * Golden summaries (torchinfo keeps `tests/test_output/*.out` the same way): the whole table is
 * compared with a reviewed file, so any change to a row, a total or the layout shows in the diff.
 * After a deliberate change: `pnpm exec vitest run --project architectures -u`, then review the diff.
 */
const NETWORKS: readonly (readonly [file: string, report: () => ModelReport])[] = [
  ['exercise2.txt', () => analyze(exercise2Spec())],
  ['resnet50.txt', () => describe('resnet50')],
  ['mobilenet.txt', () => describe('mobilenet')],
  [
    // GoogLeNet's inception (3a) on its 28×28×192 input (Szegedy et al. 2015, table 1).
    'inception-3a.txt',
    () =>
      analyze({
        name: 'inception_3a',
        input: [28, 28, 192],
        layers: inceptionModule({
          name: 'inception_3a',
          input: 'input',
          filters: {
            branch1x1: 64,
            branch3x3Reduce: 96,
            branch3x3: 128,
            branch5x5Reduce: 16,
            branch5x5: 32,
            poolProjection: 32,
          },
        }),
      }),
  ],
];

/** The integers of one right-aligned column, read from the printed table by its header. */
function columnIntegers(summary: string, title: string, rows: number): number[] {
  const lines = summary.split('\n');
  const headerAt = lines.findIndex((line) => line.startsWith('Layer (type)'));
  const end = lines[headerAt]!.indexOf(title) + title.length;
  // Header, rule, then one line per layer.
  return lines.slice(headerAt + 2, headerAt + 2 + rows).map((line) => {
    const cell = line.slice(0, end).split(/\s+/).at(-1)!;
    return Number(cell.replaceAll(',', ''));
  });
}

suite.each(NETWORKS)('summary of %s', (file, report) => {
  test('matches its golden file', async () => {
    await expect(formatSummary(report())).toMatchFileSnapshot(`./summaries/${file}`);
  });

  test('the printed per-layer parameters sum to the printed total; MACs and activations sum to the totals', () => {
    const r = report();
    const summary = formatSummary(r);
    const printedTotal = Number(/ Total params: ([\d,]+)/.exec(summary)![1]!.replaceAll(',', ''));
    const perRow = columnIntegers(summary, 'Param #', r.layers.length);
    expect(perRow.every(Number.isSafeInteger)).toBe(true);
    expect(perRow.reduce((a, b) => a + b, 0)).toBe(printedTotal);
    expect(r.layers.reduce((sum, row) => sum + row.macs, 0)).toBe(r.totals.macs);
    expect(r.layers.reduce((sum, row) => sum + row.activationBytes, 0)).toBe(r.totals.activationBytes);
    const printedMacs = Number(/ MACs: ([\d,]+)/.exec(summary)![1]!.replaceAll(',', ''));
    expect(printedMacs).toBe(r.totals.macs);
  });
});
