/**
 * The command line of `scripts/compare.ts`, parsed without side effects: either the settings or a
 * usage error that names the argument and says what is allowed (the script prints it and exits 2).
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { type CompareOptions, SEGMENTER_NAMES, type SegmenterName } from '../src/index';

/** One line per option, printed under every usage error. */
export const COMPARE_USAGE = [
  'usage: pnpm --filter @cnnkit/segmentation compare -- [options]',
  '  --json            machine-readable output, no progress display',
  '  --png FILE        write the side-by-side picture to FILE',
  '  --epochs N        training epochs, an integer from 1 to 1000 (default 8)',
  '  --size N          image side, a multiple of 32 from 32 to 1024 (default 64)',
  '  --train N         training images, an integer from 1 to 100000 (default 256)',
  '  --test N          test images, an integer from 1 to 100000 (default 48)',
  '  --seed N          data and weight seed, an integer from 0 to 4294967295 (default 1)',
  `  --models A,B      models to train, each one of ${SEGMENTER_NAMES.join(', ')} (default fcn32s,fcn8s,unet)`,
].join('\n');

/** A whole number written in decimal, within [min, max]; the message says what is allowed. */
const integerText = (min: number, max: number, extra?: { multipleOf: number }) => {
  const allowed = `an integer from ${min} to ${max}${extra === undefined ? '' : `, a multiple of ${extra.multipleOf}`}`;
  return z
    .string()
    .regex(/^\d+$/, { error: `must be ${allowed}` })
    .transform(Number)
    .refine((n) => n >= min && n <= max && (extra === undefined || n % extra.multipleOf === 0), {
      error: `must be ${allowed}`,
    });
};

const argumentsSchema = z.object({
  json: z.boolean(),
  png: z.string().min(1, { error: 'must name a file' }).optional(),
  epochs: integerText(1, 1000).optional(),
  size: integerText(32, 1024, { multipleOf: 32 }).optional(),
  train: integerText(1, 100_000).optional(),
  test: integerText(1, 100_000).optional(),
  seed: integerText(0, 4_294_967_295).optional(),
  models: z
    .string()
    .transform((text) => text.split(',').map((name) => name.trim()))
    .refine((names) => names.every((name) => (SEGMENTER_NAMES as readonly string[]).includes(name)), {
      error: `must be a comma-separated list of ${SEGMENTER_NAMES.join(', ')}`,
    })
    .transform((names) => names as SegmenterName[])
    .optional(),
});

/** What the command line asks for. */
export interface CompareArguments {
  readonly json: boolean;
  readonly png?: string;
  /** Settings for `compareSegmenters` (progress display not included). */
  readonly options: Omit<CompareOptions, 'onProgress'>;
}

/** The parsed command line, or the usage error to print (exit code 2). */
export type ParsedCompareArguments =
  | { readonly ok: true; readonly value: CompareArguments }
  | { readonly ok: false; readonly message: string };

/** Parses the arguments after the script name (pnpm's `--` separator is skipped). */
export function parseCompareArguments(argv: readonly string[]): ParsedCompareArguments {
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({
      args: argv.filter((arg) => arg !== '--'),
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
    }));
  } catch (error) {
    // node:util's messages name the argument ("Unknown option '--epoch'", "Option '--size <value>' argument missing").
    return { ok: false, message: `${(error as Error).message.split('.')[0]}\n${COMPARE_USAGE}` };
  }
  const parsed = argumentsSchema.safeParse(values);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0]);
      return `--${name} ${JSON.stringify(values[name])}: ${issue.message}`;
    });
    return { ok: false, message: `${lines.join('\n')}\n${COMPARE_USAGE}` };
  }
  const { json, png, epochs, size, train, test, seed, models } = parsed.data;
  const options = Object.fromEntries(
    Object.entries({ epochs, size, trainCount: train, testCount: test, seed, models }).filter(
      ([, v]) => v !== undefined,
    ),
  ) as Omit<CompareOptions, 'onProgress'>;
  return { ok: true, value: { json, ...(png === undefined ? {} : { png }), options } };
}
