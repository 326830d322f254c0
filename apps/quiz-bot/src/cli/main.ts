import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { ARCHITECTURE_NAMES, getArchitecture } from '@cnnkit/architectures';
import { CnnkitError, closestKey } from '@cnnkit/shape-math';
import { z } from 'zod';
import { QuizEngine } from '../engine';
import { QuizError } from '../errors';
import { nameKey } from '../identity';
import { QUESTION_IDS, VARIANT_QUESTION_IDS } from '../questions/bank';
import { resolveComputeRequest } from '../resolve';
import { backupSqliteDatabase, defaultSqlitePath, openStore } from '../store/open';
import type { QuizStore } from '../store/store';
import { strictObject } from '../strict';
import { cutGraphemes, withoutInvisible } from '../text';
import type { MeasurementRequestInput } from '../verify/requests';
import {
  committedVerdict,
  demonstrationJson,
  liveVerdict,
  readDemonstration,
  verdictText,
} from '../verify/segmentation-demonstration';
import type { SegmentationPicture } from '../verify/segmentation-picture';
import { MeasurementService, type MeasurementServiceOptions } from '../verify/service';
import { questionView } from '../views/results';
import { formatLeaderboard, formatMeasurement, formatQuestion, formatResult, startSpinner } from './format';
import {
  MEMORY_BUDGET_OPTION,
  memoryBudgetArgSchema,
  memoryBudgetServiceOptions,
} from './memory-budget-option';
import { runInteractive } from './terminal';

const USAGE = `cnnkit-quiz: the CNN study-group quiz

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

const OPTIONS = {
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
  question: wholeNumber('--question', Math.min(...QUESTION_IDS), Math.max(...QUESTION_IDS)).optional(),
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
  side: wholeNumber('--side', 1, 4096).optional(),
  quantity: z
    .enum(['params', 'inferenceBytes', 'trainingBytes'], {
      error: '--quantity must be params, inferenceBytes or trainingBytes',
    })
    .optional(),
  batch: wholeNumber('--batch', 1, 4096).optional(),
  'memory-budget': memoryBudgetArgSchema.optional(),
  key: z.string().max(100, '--key is at most 100 characters').optional(),
  guild: z.string().max(40, '--guild is a server id of at most 40 characters').optional(),
  out: z.string().max(1000, '--out is a folder path of at most 1000 characters').optional(),
  live: z.boolean().optional(),
  help: z.boolean().optional(),
});
type Args = z.infer<typeof argsSchema>;

/**
 * A command line the quiz cannot run (exit 2): a cnnkit error like every other, code
 * `invalid_usage`; the message says what was wrong and what is allowed, and `toJSON()` is the one
 * document `--json` prints for it (no help text: a script reads stdout).
 */
class UsageError extends CnnkitError<'invalid_usage', Readonly<Record<string, never>>> {
  override readonly name = 'UsageError';
  constructor(message: string) {
    super({ code: 'invalid_usage', message, details: {} });
  }
}

/**
 * Whether the command line asks for JSON, read from the raw arguments: a usage error is found
 * before (or instead of) the parsed options, and must still answer in JSON (issue 18).
 */
function wantsJson(argv: readonly string[]): boolean {
  const index = argv.indexOf('--');
  return (index < 0 ? argv : argv.slice(0, index)).some((arg) => arg === '--json' || arg === '--json=true');
}

/** A message quoting a user's value, cut so a huge value cannot flood the terminal or a log. */
function truncated(message: string, max = 300): string {
  return message.length <= max
    ? message
    : `${message.slice(0, max)}… (${message.length.toLocaleString('en-US')} characters in all)`;
}

function parse(argv: string[]): { command: string[]; args: Args } {
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

function defaultUser(): string {
  try {
    return userInfo().username || 'me';
  } catch {
    return 'me';
  }
}

/** What a caller of `main` may set besides the arguments (tests: a small, fast question-8 picture). */
export interface CliOptions {
  readonly segmentationPicture?: MeasurementServiceOptions['segmentationPicture'];
  /** Measures instead of a new MeasurementService (tests: the same request table through both adapters). */
  readonly measurer?: Pick<MeasurementService, 'measure' | 'segmentationPicture' | 'close'>;
}

export async function main(
  argv: string[],
  io = { out: process.stdout, err: process.stderr },
  options: CliOptions = {},
): Promise<number> {
  const print = (text: string) => io.out.write(`${text}\n`);
  const json = wantsJson(argv);
  // Messages quote the user's own input (a command, an option, --db, a part): never a control character.
  const complain = (text: string) => io.err.write(withoutInvisible(text, { keepNewlines: true }));
  const usageError = (error: UsageError) => {
    if (json) print(JSON.stringify({ error: error.toJSON() }));
    else complain(`${error.message}\n\n${USAGE}`);
    return 2;
  };
  let command: string[];
  let args: Args;
  try {
    ({ command, args } = parse(argv));
  } catch (error) {
    return usageError(error instanceof UsageError ? error : new UsageError(String(error)));
  }
  if (args.help) {
    print(USAGE);
    return 0;
  }
  // `cnnkit-quiz --question 2 --answer 903400` works without the word "answer".
  const verb = command[0] ?? (args.answer !== undefined ? 'answer' : 'play');
  // The Discord adapter is loaded only when asked: the terminal quiz never loads discord.js.
  if (verb === 'discord') {
    const { runDiscordCommand } = await import('../discord/main');
    return runDiscordCommand({ sub: command[1], guild: args.guild, db: args.db }, io);
  }
  const userName = args.user ?? defaultUser();
  const groupName = args.group ?? 'local';

  let budget: { memoryBudgetBytes?: number };
  try {
    budget = memoryBudgetServiceOptions(args['memory-budget']);
  } catch (error) {
    return usageError(new UsageError((error as Error).message));
  }
  const measurer =
    options.measurer ??
    new MeasurementService({
      ...budget,
      ...(options.segmentationPicture === undefined
        ? {}
        : { segmentationPicture: options.segmentationPicture }),
    });
  let store: QuizStore | undefined;
  // Reading commands open a database this user cannot write read-only, instead of refusing it.
  const engine = async (access: 'read' | 'write' = 'write') => {
    if (args.db === ':memory:')
      throw new QuizError(
        'storage_path_empty',
        '--db :memory: would keep your answers in a database that vanishes on exit: give a file name, or leave --db out',
      );
    store ??= await openStore({
      databaseUrl: process.env.DATABASE_URL,
      sqlitePath: args.db,
      createFolder: args.create === true,
      access,
      onCreated: (path) => complain(`› created a new quiz database at ${path}\n`),
    });
    return new QuizEngine({ store, measurer });
  };
  // `show` and `questions` only read the question bank: they open no database and create no file.
  const readOnlyEngine = () => new QuizEngine({ store: NO_STORE, measurer });
  try {
    switch (verb) {
      case 'play':
        await runInteractive(await engine(), { userName, groupName, input: process.stdin, output: io.out });
        return 0;
      case 'questions': {
        const questions = readOnlyEngine().questions();
        if (args.json)
          print(
            JSON.stringify(
              questions.map((q) => ({
                id: q.id,
                title: q.title,
                difficulty: q.difficulty,
                parts: q.parts.map((p) => ({ id: p.id, kind: p.kind })),
              })),
              null,
              2,
            ),
          );
        else
          for (const q of questions)
            print(
              `${q.id}. ${q.title} ${'★'.repeat(q.difficulty)}  (${q.parts.map((p) => p.id).join(', ')})`,
            );
        return 0;
      }
      case 'show': {
        if (args.question === undefined) throw new UsageError('show needs --question N');
        const question = readOnlyEngine().question(args.question, args.variant);
        // Only what a student may see before answering: no model answer, rubric or measurement.
        if (args.json) print(JSON.stringify(questionView(question), null, 2));
        else
          print(
            `${formatQuestion(question)}\n${question.parts.map((p, i) => `  ${i + 1}. [${p.id}] ${p.prompt}`).join('\n')}`,
          );
        return 0;
      }
      case 'answer': {
        if (args.question === undefined || args.answer === undefined)
          throw new UsageError('answer needs --question N and --answer "…"');
        const userId = nameKey(userName, 'the user name');
        const groupId = nameKey(groupName, 'the group name');
        const quiz = await engine();
        const stop = args.json ? () => {} : startSpinner('checking on the real model…');
        const result = await quiz
          .answer({
            userId,
            displayName: userName,
            groupId,
            groupName,
            questionId: args.question,
            answer: args.answer,
            ...(args.part === undefined ? {} : { partId: args.part }),
            ...(args.variant === undefined ? {} : { variantSeed: args.variant }),
            ...(args.key === undefined ? {} : { idempotencyKey: args.key }),
          })
          .finally(stop);
        if (args.json) {
          print(
            JSON.stringify(
              {
                question: result.question.id,
                part: result.part.id,
                score: result.grade.score,
                correct: result.grade.correct,
                points: result.points,
                streak: result.streak,
                duplicate: result.duplicate,
                repeat: result.repeat,
                nextReviewAt:
                  result.nextReviewAt === undefined ? undefined : new Date(result.nextReviewAt).toISOString(),
                feedback: result.grade.feedback,
                covered: result.grade.covered,
                missed: result.grade.missed,
                measured: result.measurement?.measured,
                theory: result.measurement?.theory,
                backend: result.measurement?.backend,
                engine: result.measurement?.engine,
                correctionsToNotes: result.correctionsToNotes,
                sources: result.sources,
                queuedMs: queuedMsOf(result.measurement),
              },
              null,
              2,
            ),
          );
        } else {
          print(formatResult(result));
          const queuedMs = queuedMsOf(result.measurement) ?? 0;
          if (queuedMs >= 1000)
            print(`(the check waited ${Math.round(queuedMs / 1000)} s in the queue behind other models)`);
        }
        return 0;
      }
      case 'leaderboard': {
        const groupId = nameKey(groupName, 'the group name');
        const rows = await (await engine('read')).leaderboard(groupId, args.period ?? 'all');
        if (args.json) print(JSON.stringify(rows, null, 2));
        else
          print(
            formatLeaderboard(
              rows,
              `Leaderboard of ${withoutInvisible(groupName)} (${args.period === 'week' ? 'this week' : 'all time'})`,
            ),
          );
        return 0;
      }
      case 'review': {
        const userId = nameKey(userName, 'the user name');
        const due = await (await engine('read')).due(userId);
        if (args.json) print(JSON.stringify(due.map((q) => ({ id: q.id, title: q.title }))));
        else
          print(
            due.length === 0
              ? 'Nothing due.'
              : `Due for review: ${due.map((q) => `${q.id}. ${q.title}`).join('; ')}`,
          );
        return 0;
      }
      case 'compute': {
        const request = computeRequest(command[1], args);
        const stop = args.json ? () => {} : startSpinner('building and running the real model…');
        const measurement = await measurer.measure(request).finally(stop);
        const convention =
          command[1] === 'params' && args.arch !== undefined ? conventionOf(args.arch) : undefined;
        if (args.json)
          print(
            JSON.stringify({ ...measurement, ...(convention === undefined ? {} : { convention }) }, null, 2),
          );
        else
          print(
            [formatMeasurement(measurement), ...(convention === undefined ? [] : [`  ${convention}`])].join(
              '\n',
            ),
          );
        return 0;
      }
      case 'backup': {
        const destination = command[1];
        if (destination === undefined)
          throw new UsageError('backup needs a file name: cnnkit-quiz backup FILE');
        if (process.env.DATABASE_URL)
          throw new UsageError('backup copies the SQLite database; for PostgreSQL use pg_dump');
        const source = args.db ?? defaultSqlitePath();
        const { pages } = await backupSqliteDatabase(source, destination);
        if (args.json) print(JSON.stringify({ source, destination, pages }));
        else print(`Backed up ${source} to ${destination} (${pages} pages).`);
        return 0;
      }
      case 'explain': {
        if (args.question === undefined) throw new UsageError('explain needs --question N');
        // Explaining stores nothing: like `show`, it opens no database.
        const question = readOnlyEngine().question(args.question);
        const { writeExplanationPictures, copySegmentationPicture } = await import('../views/explain-files');
        const folder = args.out ?? 'cnnkit-explain';
        const written = writeExplanationPictures(question.id, folder);
        let committed: ReturnType<typeof readDemonstration> | undefined;
        let live: SegmentationPicture | undefined;
        if (question.id === 8) {
          // The committed multi-seed run, at once; a live small run only when asked (--live).
          committed = readDemonstration();
          written.push(copySegmentationPicture(committed.png, folder, 'segmentation-comparison'));
        }
        if (question.id === 8 && args.live) {
          // Progress goes to stderr, and never under --json: stdout stays one JSON document.
          const say = args.json ? () => {} : (text: string) => io.err.write(`${text}\n`);
          let announced = false;
          live = await measurer.segmentationPicture({
            onProgress: (progress) => {
              // Said only when it trains: a cached picture needs no words.
              if (!announced)
                say(
                  '› live small run: training FCN-32s, FCN-8s and U-Net on small synthetic shapes (once: the picture is then cached)',
                );
              announced = true;
              say(`  ${progress.line}`);
            },
          });
          written.push(copySegmentationPicture(live.path, folder, 'segmentation-live'));
        }
        if (args.json) {
          print(
            JSON.stringify(
              {
                question: question.id,
                title: question.title,
                modelAnswers: question.parts.map((p) => ({ part: p.id, answer: p.modelAnswer })),
                correctionsToNotes: question.correctionsToNotes,
                pictures: written,
                ...(committed === undefined
                  ? {}
                  : {
                      segmentation: {
                        ...demonstrationJson(committed.run),
                        verdict: verdictText(committedVerdict(committed.run)),
                      },
                    }),
                ...(live === undefined
                  ? {}
                  : {
                      liveSegmentation: {
                        source: 'live',
                        verdict: verdictText(liveVerdict(live)),
                        rows: live.rows,
                        backend: live.backend,
                        settings: live.settings,
                        cached: live.cached,
                      },
                    }),
              },
              null,
              2,
            ),
          );
          return 0;
        }
        print(`${formatQuestion(question)}\n`);
        for (const part of question.parts) print(`[${part.id}] ${part.modelAnswer}`);
        for (const correction of question.correctionsToNotes) print(`Correction to the notes: ${correction}`);
        if (committed !== undefined) print(`\n${verdictText(committedVerdict(committed.run))}`);
        if (live !== undefined) print(`\n${verdictText(liveVerdict(live))}`);
        print(
          written.length === 0
            ? 'No picture for this question.'
            : `Pictures written:\n${written.map((p) => `  ${p}`).join('\n')}`,
        );
        return 0;
      }
      default:
        throw new UsageError(`unknown command "${cutGraphemes(verb, 40)}"`);
    }
  } catch (error) {
    if (error instanceof UsageError) return usageError(error);
    if (error instanceof QuizError) {
      if (args.json) print(JSON.stringify({ error: error.toJSON() }));
      else complain(`${error.message}\n`);
      return 2;
    }
    complain(`unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    await store?.close();
    await measurer.close();
  }
}

/** Which reference implementation's count an architecture follows, and how the others differ. */
function conventionOf(name: string): string {
  const reference = getArchitecture(name).reference;
  const others = ARCHITECTURE_NAMES.filter((n) => n !== name && n.split('-')[0] === name.split('-')[0]);
  return `Convention: ${reference.implementation} (${reference.params.toLocaleString('en-US')} parameters, counting ${reference.counts === 'trainable' ? 'trainable weights, as PyTorch does' : 'all weights, as Keras\' "Total params" does'}): ${reference.convention}.${others.length === 0 ? '' : ` Other conventions: ${others.map((n) => `--arch ${n}`).join(', ')}.`}`;
}

/** How long a measurement waited in its lane (the MeasurementService reports it; other measurers may not). */
const queuedMsOf = (measurement: unknown): number | undefined => {
  const value = (measurement as { queuedMs?: unknown } | undefined)?.queuedMs;
  return typeof value === 'number' ? value : undefined;
};

/** Stands in for the store where a command must not open one; any use is a bug. */
const NO_STORE: QuizStore = new Proxy({} as QuizStore, {
  get(_target, property) {
    if (property === 'then') return undefined;
    throw new Error(`read-only command used the store (${String(property)})`);
  },
});

/** The engine's resolver decides defaults and limits; the terminal passes what was typed and names its flags. */
function computeRequest(what: string | undefined, args: Args): MeasurementRequestInput {
  const { arch, count, side, quantity, variant, batch } = args;
  return resolveComputeRequest({ what, arch, count, side, quantity, variant, batch }, (name) => `--${name}`);
}

// Run when executed (the bin shim imports this module), not when imported by tests.
const invokedAsScript =
  process.argv[1] !== undefined && /cnnkit-quiz(\.js)?$|cli\.(js|ts)$|main\.ts$/.test(process.argv[1]);
if (invokedAsScript) {
  // `cnnkit-quiz … | head -1`: the reader has gone, so there is nobody left to tell; stop quietly
  // instead of crashing with EPIPE.
  for (const stream of [process.stdout, process.stderr])
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
