import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { ARCHITECTURE_NAMES } from '@cnnkit/architectures';
import { z } from 'zod';
import { QuizEngine } from '../engine';
import { QuizError } from '../errors';
import { openStore } from '../store/open';
import { exercise2Setting } from '../variants';
import type { MeasurementRequestInput } from '../verify/requests';
import { MeasurementService } from '../verify/service';
import {
  formatLeaderboard,
  formatMeasurement,
  formatQuestion,
  formatResult,
  idFromName,
  startSpinner,
} from './format';
import { runInteractive } from './terminal';

const USAGE = `cnnkit-quiz: the CNN study-group quiz

  cnnkit-quiz                          play in the terminal (interactive)
  cnnkit-quiz questions                list the eight questions
  cnnkit-quiz show -q 2 [--variant 7]  show a question (question 2 has endless variants)
  cnnkit-quiz answer -q 2 [--part params] [--variant 7] --answer "903,400"
  cnnkit-quiz leaderboard [--period week|all]
  cnnkit-quiz review                   questions due for review (spaced repetition)
  cnnkit-quiz compute params --arch resnet50 [--count trainable|total]
  cnnkit-quiz compute stride --arch resnet50 [--side 64]
  cnnkit-quiz compute exercise2 --quantity params|inferenceBytes|trainingBytes [--variant 7] [--batch 50]
  cnnkit-quiz explain -q 6 [--out DIR]  the model answer and pictures (PNG files)
  cnnkit-quiz discord                  run the Discord bot (DISCORD_TOKEN, DISCORD_APPLICATION_ID)
  cnnkit-quiz discord deploy [--guild ID]  register the slash commands (changes only what differs)

options: --user NAME  --group NAME  --db FILE (SQLite; default in your data folder)  --json
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
  help: { type: 'boolean', short: 'h' },
} as const;

const wholeNumber = (name: string) =>
  z
    .string()
    .regex(/^\d{1,10}$/, `${name} must be a whole number`)
    .transform(Number);

const argsSchema = z.object({
  question: wholeNumber('--question').optional(),
  part: z.string().max(40).optional(),
  answer: z.string().optional(),
  variant: wholeNumber('--variant').optional(),
  user: z.string().optional(),
  group: z.string().optional(),
  db: z.string().optional(),
  json: z.boolean().optional(),
  period: z.enum(['week', 'all'], { error: '--period must be week or all' }).optional(),
  arch: z
    .enum(ARCHITECTURE_NAMES as [string, ...string[]], {
      error: `--arch must be one of ${ARCHITECTURE_NAMES.join(', ')}`,
    })
    .optional(),
  count: z.enum(['trainable', 'total'], { error: '--count must be trainable or total' }).optional(),
  side: wholeNumber('--side').optional(),
  quantity: z
    .enum(['params', 'inferenceBytes', 'trainingBytes'], {
      error: '--quantity must be params, inferenceBytes or trainingBytes',
    })
    .optional(),
  batch: wholeNumber('--batch').optional(),
  key: z.string().max(100).optional(),
  guild: z.string().max(40).optional(),
  out: z.string().max(1000).optional(),
  help: z.boolean().optional(),
});
type Args = z.infer<typeof argsSchema>;

class UsageError extends Error {}

function parse(argv: string[]): { command: string[]; args: Args } {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const result = argsSchema.safeParse(parsed.values);
  if (!result.success) throw new UsageError(result.error.issues.map((i) => i.message).join('; '));
  return { command: parsed.positionals, args: result.data };
}

function defaultUser(): string {
  try {
    return userInfo().username || 'me';
  } catch {
    return 'me';
  }
}

export async function main(
  argv: string[],
  io = { out: process.stdout, err: process.stderr },
): Promise<number> {
  const print = (text: string) => io.out.write(`${text}\n`);
  let command: string[];
  let args: Args;
  try {
    ({ command, args } = parse(argv));
  } catch (error) {
    io.err.write(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
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

  const measurer = new MeasurementService();
  let store: Awaited<ReturnType<typeof openStore>> | undefined;
  const engine = async () => {
    store ??= await openStore({ databaseUrl: process.env.DATABASE_URL, sqlitePath: args.db });
    return new QuizEngine({ store, measurer });
  };
  try {
    switch (verb) {
      case 'play':
        await runInteractive(await engine(), { userName, groupName, input: process.stdin, output: io.out });
        return 0;
      case 'questions': {
        const questions = (await engine()).questions();
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
        const question = (await engine()).question(args.question, args.variant);
        if (args.json) print(JSON.stringify(question, null, 2));
        else
          print(
            `${formatQuestion(question)}\n${question.parts.map((p, i) => `  ${i + 1}. [${p.id}] ${p.prompt}`).join('\n')}`,
          );
        return 0;
      }
      case 'answer': {
        if (args.question === undefined || args.answer === undefined)
          throw new UsageError('answer needs --question N and --answer "…"');
        const stop = args.json ? () => {} : startSpinner('checking on the real model…');
        const result = await (await engine())
          .answer({
            userId: idFromName(userName),
            displayName: userName,
            groupId: idFromName(groupName),
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
                feedback: result.grade.feedback,
                covered: result.grade.covered,
                missed: result.grade.missed,
                measured: result.measurement?.measured,
                theory: result.measurement?.theory,
                backend: result.measurement?.backend,
              },
              null,
              2,
            ),
          );
        } else print(formatResult(result));
        return 0;
      }
      case 'leaderboard': {
        const rows = await (await engine()).leaderboard(idFromName(groupName), args.period ?? 'all');
        if (args.json) print(JSON.stringify(rows, null, 2));
        else
          print(
            formatLeaderboard(
              rows,
              `Leaderboard of ${groupName} (${args.period === 'week' ? 'this week' : 'all time'})`,
            ),
          );
        return 0;
      }
      case 'review': {
        const due = await (await engine()).due(idFromName(userName));
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
        if (args.json) print(JSON.stringify(measurement, null, 2));
        else print(formatMeasurement(measurement));
        return 0;
      }
      case 'explain': {
        if (args.question === undefined) throw new UsageError('explain needs --question N');
        const question = (await engine()).question(args.question);
        const { writeExplanationPictures } = await import('../views/explain-files');
        const written = writeExplanationPictures(question.id, args.out ?? 'cnnkit-explain');
        print(`${formatQuestion(question)}\n`);
        for (const part of question.parts) print(`[${part.id}] ${part.modelAnswer}`);
        for (const correction of question.correctionsToNotes) print(`Correction to the notes: ${correction}`);
        print(
          written.length === 0
            ? 'No picture for this question.'
            : `Pictures written:\n${written.map((p) => `  ${p}`).join('\n')}`,
        );
        return 0;
      }
      default:
        throw new UsageError(`unknown command "${verb.slice(0, 40)}"`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err.write(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof QuizError) {
      if (args.json) print(JSON.stringify({ error: error.toJSON() }));
      else io.err.write(`${error.message}\n`);
      return 2;
    }
    io.err.write(`unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    await store?.close();
    await measurer.close();
  }
}

function computeRequest(what: string | undefined, args: Args): MeasurementRequestInput {
  switch (what) {
    case 'params':
      if (args.arch === undefined)
        throw new UsageError(`compute params needs --arch (${ARCHITECTURE_NAMES.join(', ')})`);
      return { kind: 'architectureParams', architecture: args.arch, count: args.count ?? 'trainable' };
    case 'stride':
      if (args.arch === undefined) throw new UsageError('compute stride needs --arch');
      return {
        kind: 'outputStride',
        architecture: args.arch,
        ...(args.side === undefined ? {} : { inputSide: args.side }),
      };
    case 'exercise2': {
      const setting = args.variant === undefined ? undefined : exercise2Setting(args.variant);
      return {
        kind: 'exercise2',
        quantity: args.quantity ?? 'params',
        ...(setting === undefined
          ? {}
          : { network: setting.network, dtype: setting.dtype, batchSize: setting.batchSize }),
        ...(args.batch === undefined ? {} : { batchSize: args.batch }),
      };
    }
    default:
      throw new UsageError('compute what? params, stride or exercise2');
  }
}

// Run when executed (the bin shim imports this module), not when imported by tests.
const invokedAsScript =
  process.argv[1] !== undefined && /cnnkit-quiz(\.js)?$|cli\.(js|ts)$|main\.ts$/.test(process.argv[1]);
if (invokedAsScript) {
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
