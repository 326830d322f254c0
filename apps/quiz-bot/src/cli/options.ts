import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { ARCHITECTURE_NAMES } from '@cnnkit/architectures';
import { CnnkitError, closestKey } from '@cnnkit/shape-math';
import { z } from 'zod';
import { REQUEST_LIMITS } from '../limits';
import { FIRST_QUESTION_ID, LAST_QUESTION_ID, QUESTION_IDS, VARIANT_QUESTION_IDS } from '../questions/bank';
import { strictObject } from '../strict';
import { cutGraphemes } from '../text';
import { MEMORY_BUDGET_OPTION, memoryBudgetArgSchema } from './memory-budget-option';

// The terminal's options, parsed in one place for every command (src/cli/commands/*.ts read `Args`).

/** The help text: printed by `--help`, and after a usage error. */
export const USAGE = `cnnkit-quiz: the CNN study-group quiz

  cnnkit-quiz                          play in the terminal (interactive)
  cnnkit-quiz questions                list the ${QUESTION_IDS.length} questions
  cnnkit-quiz show -q 2 [--variant 7]  show a question (questions ${VARIANT_QUESTION_IDS.join(', ')} have endless variants)
  cnnkit-quiz answer -q 2 [--part params] [--variant 7] --answer "903,400"
  cnnkit-quiz leaderboard [--period week|all]
  cnnkit-quiz review                   questions due for review (spaced repetition)
  cnnkit-quiz compute params --arch resnet50 [--count trainable|total]
  cnnkit-quiz compute stride --arch resnet50 [--side 64]      (the product of the layers' strides, measured)
  cnnkit-quiz compute exercise2 --quantity params|inferenceBytes|trainingBytes [--variant 7] [--batch 50 (default)]
  cnnkit-quiz backup FILE              copy the SQLite database to FILE (safe while the quiz runs)
  cnnkit-quiz explain -q 6 [--out DIR]  the model answer and pictures (PNG files; question 8 shows the
                                       committed FCN-32s / FCN-8s / U-Net run; add --live to also train a
                                       small run here, 15–30 s the first time, then cached)
  cnnkit-quiz discord                  run the Discord bot (DISCORD_TOKEN, DISCORD_APPLICATION_ID)
  cnnkit-quiz discord deploy [--guild ID]  register the slash commands (changes only what differs)

options: --user NAME  --group NAME  --db FILE (SQLite; default in your data folder)  --json
         --create     create --db's folder when it does not exist (otherwise refused: a typo?)
         --memory-budget SIZE  most memory the model runs may take, e.g. 512MiB or 2GiB
                      (default: CNNKIT_MEMORY_BUDGET, else 2GiB)
         DATABASE_URL=postgres://… uses PostgreSQL instead of SQLite
`;

/** Every option of every command, for node's `parseArgs` (one table: a command reads what it needs). */
export const OPTIONS = {
  question: { type: 'string', short: 'q' },
  part: { type: 'string', short: 'p' },
  answer: { type: 'string', short: 'a' },
  variant: { type: 'string' },
  user: { type: 'string', short: 'u' },
  group: { type: 'string', short: 'g' },
  db: { type: 'string' },
  create: { type: 'boolean' },
  json: { type: 'boolean' },
  period: { type: 'string' },
  arch: { type: 'string' },
  count: { type: 'string' },
  side: { type: 'string' },
  quantity: { type: 'string' },
  batch: { type: 'string' },
  key: { type: 'string' },
  guild: { type: 'string' },
  out: { type: 'string' },
  live: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  ...MEMORY_BUDGET_OPTION,
} as const;

/** A whole-number option, in the CLI's words: "--batch must be a whole number from 1 to 4,096". */
const wholeNumber = (name: string, min: number, max: number) => {
  const allowed = `${name} must be a whole number from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}`;
  return z
    .string({ error: `${name} needs a value: ${allowed.slice(name.length + 1)}` })
    .regex(/^-?\d{1,12}$/, {
      error: (issue) =>
        `${name} ${JSON.stringify(String(issue.input).slice(0, 20))}: ${allowed.slice(name.length + 1)}`,
    })
    .transform(Number)
    .refine((n) => n >= min && n <= max, {
      error: (issue) => `${name} ${String(issue.input)}: ${allowed.slice(name.length + 1)}`,
    });
};

const nonEmptyName = (name: string) =>
  z.string().refine((value) => value.trim().length > 0, {
    error: `${name} is empty: give a name of 1 to 64 visible characters`,
  });

const argsSchema = strictObject({
  question: wholeNumber('--question', FIRST_QUESTION_ID, LAST_QUESTION_ID).optional(),
  part: z.string().max(40, '--part is at most 40 characters: run `show -q N` to see the part ids').optional(),
  answer: z.string().optional(),
  variant: wholeNumber('--variant', 0, 2 ** 31).optional(),
  user: nonEmptyName('--user').optional(),
  group: nonEmptyName('--group').optional(),
  db: z.string().optional(),
  create: z.boolean().optional(),
  json: z.boolean().optional(),
  period: z.enum(['week', 'all'], { error: '--period must be week or all' }).optional(),
  arch: z
    .enum(ARCHITECTURE_NAMES as [string, ...string[]], {
      error: `--arch must be one of ${ARCHITECTURE_NAMES.join(', ')}`,
    })
    .optional(),
  count: z.enum(['trainable', 'total'], { error: '--count must be trainable or total' }).optional(),
  side: wholeNumber('--side', 1, REQUEST_LIMITS.side).optional(),
  quantity: z
    .enum(['params', 'inferenceBytes', 'trainingBytes'], {
      error: '--quantity must be params, inferenceBytes or trainingBytes',
    })
    .optional(),
  batch: wholeNumber('--batch', 1, REQUEST_LIMITS.batch).optional(),
  'memory-budget': memoryBudgetArgSchema.optional(),
  key: z.string().max(100, '--key is at most 100 characters').optional(),
  guild: z.string().max(40, '--guild is a server id of at most 40 characters').optional(),
  out: z.string().max(1000, '--out is a folder path of at most 1000 characters').optional(),
  live: z.boolean().optional(),
  help: z.boolean().optional(),
});
/** The parsed, checked options. */
export type Args = z.infer<typeof argsSchema>;

/**
 * A command line the quiz cannot run (exit 2): a cnnkit error like every other, code
 * `invalid_usage`; the message says what was wrong and what is allowed, and `toJSON()` is the one
 * document `--json` prints for it (no help text: a script reads stdout).
 */
export class UsageError extends CnnkitError<'invalid_usage', Readonly<Record<string, never>>> {
  override readonly name = 'UsageError';
  constructor(message: string) {
    super({ code: 'invalid_usage', message, details: {} });
  }
}

/**
 * Whether the command line asks for JSON, read from the raw arguments: a usage error is found
 * before (or instead of) the parsed options, and must still answer in JSON (issue 18).
 */
export function wantsJson(argv: readonly string[]): boolean {
  const index = argv.indexOf('--');
  return (index < 0 ? argv : argv.slice(0, index)).some((arg) => arg === '--json' || arg === '--json=true');
}

/** A message quoting a user's value, cut so a huge value cannot flood the terminal or a log. */
function truncated(message: string, max = 300): string {
  return message.length <= max
    ? message
    : `${message.slice(0, max)}… (${message.length.toLocaleString('en-US')} characters in all)`;
}

/** The positionals (the command words) and the checked options; a `UsageError` when they cannot run. */
export function parse(argv: string[]): { command: string[]; args: Args } {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>;
  try {
    parsed = parseArgs({
      args: withNegativeValues(argv),
      options: OPTIONS,
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(truncated(unknownOptionMessage(error) ?? (error as Error).message));
  }
  const result = argsSchema.safeParse(parsed.values);
  if (!result.success) throw new UsageError(truncated(result.error.issues.map((i) => i.message).join('; ')));
  return { command: parsed.positionals, args: result.data };
}

/**
 * Node's "Unknown option '--quesiton'" in the quiz's words, with the close option (shape-math's
 * `closestKey`, the one rule for "did you mean"): `unknown option --quesiton: did you mean --question?`.
 */
function unknownOptionMessage(error: unknown): string | undefined {
  if ((error as { code?: unknown }).code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return undefined;
  const match = /Unknown option '(-{1,2})([^']*)'/.exec((error as Error).message);
  if (match === null) return undefined;
  const [, dashes, name] = match as unknown as [string, string, string];
  const options = Object.keys(OPTIONS);
  const suggestion = dashes === '--' ? closestKey(name, options) : undefined;
  return `unknown option ${dashes}${cutGraphemes(name, 40)}${suggestion === undefined ? '' : `: did you mean --${suggestion}?`} (options: ${options.map((o) => `--${o}`).join(', ')})`;
}

/**
 * "--variant -1" reads as an option followed by its value, as a person means it (node's parser
 * would take "-1" for another option); the value is then checked like any other.
 */
function withNegativeValues(argv: string[]): string[] {
  const result: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const next = argv[i + 1];
    const name = arg.startsWith('--') ? arg.slice(2) : undefined;
    const short = Object.entries(OPTIONS).find(([, o]) => 'short' in o && `-${o.short}` === arg)?.[0];
    const option = name ?? short;
    const takesValue =
      option !== undefined && option in OPTIONS && OPTIONS[option as keyof typeof OPTIONS].type === 'string';
    if (takesValue && next !== undefined && /^-\d/.test(next)) {
      result.push(`--${option}=${next}`);
      i++;
    } else result.push(arg);
  }
  return result;
}

/** The player's name when `--user` is left out: the account name, or "me". */
export function defaultUser(): string {
  try {
    return userInfo().username || 'me';
  } catch {
    return 'me';
  }
}
