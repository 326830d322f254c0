/**
 * Reproduces the README's comparison: `pnpm --filter @cnnkit/segmentation compare`
 * (`-- --json` for machine-readable output without the progress display, `-- --png file.png` for
 * the side-by-side picture, `-- --epochs 2` etc. to change a setting).
 */

import { compareSegmenters, writeComparisonPng } from '../src/build';
import { formatComparison, progressLine, SegmentationError } from '../src/index';
import { parseCompareArguments } from './compare-arguments';

const parsed = parseCompareArguments(process.argv.slice(2));
if (!parsed.ok) {
  console.error(parsed.message);
  process.exit(2);
}
const { json, png: pngPath, options } = parsed.value;
/** A bad setting the library itself refuses (its SegmentationError) is a usage error too: no stack. */
async function orUsageError<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof SegmentationError) {
      console.error(`error [${error.code}]: ${error.message}`);
      process.exit(error.code === 'invalid_options' ? 2 : 1);
    }
    throw error;
  }
}
const comparison = await orUsageError(() =>
  compareSegmenters({
    ...options,
    // The progress display goes to stderr, and is silent under --json.
    ...(json ? {} : { onProgress: (p) => process.stderr.write(`${progressLine(p)}\n`) }),
  }),
);
const png = pngPath === undefined ? undefined : await writeComparisonPng(pngPath, comparison);
if (json) {
  const { rows, ...rest } = comparison;
  console.log(
    JSON.stringify({
      backend: rest.backend,
      settings: rest.settings,
      rows: rows.map(({ predicted: _, ...row }) => row),
      ...(png === undefined ? {} : { png }),
    }),
  );
} else {
  console.log(comparison.backend);
  console.log(formatComparison(comparison));
  if (png !== undefined) console.log(`picture written to ${png}`);
}
