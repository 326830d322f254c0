import { QuizEngine } from '../engine';
import { QuizError } from '../errors';
import { openStore } from '../store/open';
import type { QuizStore } from '../store/store';
import { cutGraphemes, withoutInvisible } from '../text';
import { MeasurementService, type MeasurementServiceOptions } from '../verify/service';
import type { CliCommand, CliContext, CliIo, CliMeasurer } from './command';
import { CLI_COMMANDS } from './commands';
import { runDiscord } from './commands/discord';
import { memoryBudgetServiceOptions } from './memory-budget-option';
import { type Args, defaultUser, parse, USAGE, UsageError, wantsJson } from './options';

// The terminal's entry: parse the options once (options.ts), pick the command from one table
// (commands/index.ts, one file per command), and turn what it throws into an exit code.

const COMMANDS_BY_NAME: ReadonlyMap<string, CliCommand> = new Map(CLI_COMMANDS.map((c) => [c.name, c]));

/** What a caller of `main` may set besides the arguments (tests: a small, fast question-8 picture). */
export interface CliOptions {
  readonly segmentationPicture?: MeasurementServiceOptions['segmentationPicture'];
  /** Measures instead of a new MeasurementService (tests: the same request table through both adapters). */
  readonly measurer?: CliMeasurer;
}

/**
 * Runs one command line and resolves to its exit code: 0 done, 2 a usage or quiz error (said on
 * stderr, or as `{ "error": … }` on stdout under `--json`), 1 anything unexpected.
 */
export async function main(
  argv: string[],
  io: CliIo = { out: process.stdout, err: process.stderr },
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
  if (verb === 'discord') return runDiscord(command, args, io);

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
  const ctx: CliContext = {
    args,
    command,
    io,
    userName: args.user ?? defaultUser(),
    groupName: args.group ?? 'local',
    print,
    complain,
    measurer,
    // Reading commands open a database this user cannot write read-only, instead of refusing it.
    async engine(access = 'write') {
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
    },
    // `show`, `questions` and `explain` only read the question bank: they open no database and create no file.
    readOnlyEngine: () => new QuizEngine({ store: NO_STORE, measurer }),
  };
  try {
    const found = COMMANDS_BY_NAME.get(verb);
    if (found === undefined) throw new UsageError(`unknown command "${cutGraphemes(verb, 40)}"`);
    return await found.run(ctx);
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

/** Stands in for the store where a command must not open one; any use is a bug. */
const NO_STORE: QuizStore = new Proxy({} as QuizStore, {
  get(_target, property) {
    if (property === 'then') return undefined;
    throw new Error(`read-only command used the store (${String(property)})`);
  },
});

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
