import type { QuizEngine } from '../engine';
import type { MeasurementService } from '../verify/service';
import type { Args } from './options';

/** Where a command writes: stdout for results, stderr for complaints and progress. */
export interface CliIo {
  readonly out: typeof process.stdout;
  readonly err: typeof process.stderr;
}

/** What the terminal's measurements go through: a MeasurementService, or a test's stand-in. */
export type CliMeasurer = Pick<MeasurementService, 'measure' | 'segmentationPicture' | 'close'>;

/**
 * What every command is given: the parsed options and command words, the output helpers, and the
 * quiz. The dispatcher in `main.ts` builds it once; opening the store, closing it and turning errors
 * into exit codes stay there.
 */
export interface CliContext {
  /** The checked options (see `options.ts`). */
  readonly args: Args;
  /** The command words: `['compute', 'params']`. */
  readonly command: readonly string[];
  readonly io: CliIo;
  /** The player (`--user`, or the account name) and the group (`--group`, or "local"). */
  readonly userName: string;
  readonly groupName: string;
  /** One line to stdout. */
  print(text: string): void;
  /** Text to stderr with every control character removed (it may quote what the user typed). */
  complain(text: string): void;
  readonly measurer: CliMeasurer;
  /** The quiz over the store, opened on first use; `read` opens a database this user cannot write read-only. */
  engine(access?: 'read' | 'write'): Promise<QuizEngine>;
  /** The quiz over the question bank alone: opens no database and creates no file. */
  readOnlyEngine(): QuizEngine;
}

/**
 * One terminal command (one file each under `commands/`, listed in `commands/index.ts`): its word
 * and what it does. `run` resolves to the exit code; a `UsageError` or `QuizError` it throws exits 2.
 */
export interface CliCommand {
  readonly name: string;
  run(ctx: CliContext): Promise<number>;
}
