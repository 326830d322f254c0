/**
 * Reproduces the README's comparison: `pnpm --filter @cnnkit/segmentation compare`
 * (`-- --json` for machine-readable output without the progress display, `-- --png file.png` for
 * the side-by-side picture, `-- --epochs 2` etc. to change a setting).
 */
import { parseArgs } from 'node:util';
import {
  compareSegmenters,
  formatComparison,
  progressLine,
  SEGMENTER_NAMES,
  type SegmenterName,
  writeComparisonPng,
} from '../src/index';

function parseArguments() {
  try {
    return parseArgs({
      // pnpm passes the `--` that separates its own options through.
      args: process.argv.slice(2).filter((arg) => arg !== '--'),
      options: {
        json: { type: 'boolean', default: false },
        png: { type: 'string' },
        epochs: { type: 'string' },
        size: { type: 'string' },
        train: { type: 'string' },
        test: { type: 'string' },
        seed: { type: 'string' },
        models: { type: 'string' },
      },
    });
  } catch (error) {
    console.error(
      `${(error as Error).message}: allowed --json, --png FILE, --epochs, --size, --train, --test, --seed, --models`,
    );
    process.exit(2);
  }
}
const { values } = parseArguments();
const number = (text: string | undefined) => (text === undefined ? undefined : Number(text));
const models = values.models?.split(',') as SegmenterName[] | undefined;
if (models?.some((m) => !SEGMENTER_NAMES.includes(m))) {
  console.error(`--models: each must be one of ${SEGMENTER_NAMES.join(', ')}`);
  process.exit(2);
}
const options = Object.fromEntries(
  Object.entries({
    epochs: number(values.epochs),
    size: number(values.size),
    trainCount: number(values.train),
    testCount: number(values.test),
    seed: number(values.seed),
    models,
  }).filter(([, v]) => v !== undefined),
);
const comparison = await compareSegmenters({
  ...options,
  // The progress display goes to stderr, and is silent under --json.
  ...(values.json ? {} : { onProgress: (p) => process.stderr.write(`${progressLine(p)}\n`) }),
});
const png = values.png === undefined ? undefined : await writeComparisonPng(values.png, comparison);
if (values.json) {
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
