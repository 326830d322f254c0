/**
 * The README's table of networks, generated from the registry and shape-math so it cannot drift:
 * `pnpm --filter @cnnkit/architectures exec tsx scripts/reference-table.ts` prints it, and a test
 * checks that the README holds exactly this.
 */
import { ARCHITECTURE_NAMES, ARCHITECTURES, describe } from '../src/index';

export const TABLE_START = '<!-- reference-table:start -->';
export const TABLE_END = '<!-- reference-table:end -->';

export function referenceTable(): string {
  const rows = ARCHITECTURE_NAMES.map((name) => {
    const a = ARCHITECTURES[name];
    const report = describe(name);
    const ours =
      a.reference.counts === 'trainable' ? report.totals.params.trainable : report.totals.params.total;
    const [h, w, c] = a.defaultInputShape;
    return `| \`${name}\` | ${a.year} | ${ours.toLocaleString('en-US')} | ${a.reference.params.toLocaleString('en-US')} (${a.reference.implementation}, ${a.reference.counts}) | ${(report.totals.macs / 1e9).toPrecision(3)} at ${h}×${w}×${c} | ${a.innovations[0]} |`;
  });
  return [
    TABLE_START,
    '| name | year | params (ours) | reference | GMACs | first innovation |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
    TABLE_END,
  ].join('\n');
}

if (process.argv[1]?.endsWith('reference-table.ts')) console.log(referenceTable());
