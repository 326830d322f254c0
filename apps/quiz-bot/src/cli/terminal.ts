import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import pc from 'picocolors';
import type { QuizEngine } from '../engine';
import { QuizError } from '../errors';
import { nameKey } from '../identity';
import type { Question } from '../questions/schemas';
import { cutGraphemes, withoutInvisible } from '../text';
import { formatLeaderboard, formatPartPrompt, formatQuestion, formatResult, startSpinner } from './format';

export interface InteractiveOptions {
  readonly userName: string;
  readonly groupName: string;
  readonly input: Readable;
  readonly output: Writable;
  /**
   * Ctrl-C on a terminal (readline reads it as a key, so no signal reaches the process). Default:
   * the process is interrupted as by SIGINT, at once, even while a model runs.
   */
  readonly onInterrupt?: (() => void) | undefined;
}

/** The default Ctrl-C: what the shell would have done without readline (exit status 130). */
function interruptProcess(): void {
  process.kill(process.pid, 'SIGINT');
}

/** The menu, from the question list: which ids exist and which have variants is never hard-coded here. */
function menuText(ids: readonly number[], variantIds: readonly number[]): string {
  const range = `${pc.bold(String(ids[0]))}–${pc.bold(String(ids[ids.length - 1]))}`;
  const variants =
    variantIds.length === 0
      ? ''
      : `, ${pc.bold('v')} for a new variant (of question ${variantIds.slice(0, -1).join(', ')}${variantIds.length > 1 ? ' or ' : ''}${variantIds[variantIds.length - 1]})`;
  return `Pick a question ${range}${variants}, ${pc.bold('r')} to review what is due, ${pc.bold('b')} for the leaderboard, ${pc.bold('q')} to quit. Inside a question, ${pc.bold('q')} returns here.`;
}

const BACK_TO_MENU = new Set(['q', 'quit', 'menu', 'back']);

/**
 * The terminal adapter: prompts, colours, a spinner while a model runs, the leaderboard as a
 * table. Reads line by line, so it also works with piped input, and ends cleanly at end of input.
 */
export async function runInteractive(engine: QuizEngine, options: InteractiveOptions): Promise<void> {
  const open = () => {
    const reader = createInterface({
      input: options.input,
      output: options.output,
      terminal: (options.output as NodeJS.WriteStream).isTTY === true,
    });
    // Without a listener, readline only pauses on Ctrl-C: a model run would go on, and the first
    // Ctrl-C would be ignored.
    reader.on('SIGINT', () => {
      options.output.write('^C\n');
      reader.close();
      (options.onInterrupt ?? interruptProcess)();
    });
    return reader;
  };
  let rl = open();
  const say = (text = '') => options.output.write(`${text}\n`);
  // Lines are read through the async iterator, which buffers them: piped input that arrives all
  // at once is answered line by line instead of being dropped while a model runs.
  let lines = rl[Symbol.asyncIterator]();
  const ask = async (prompt: string): Promise<string | undefined> => {
    rl.setPrompt(prompt);
    rl.prompt();
    const next = await lines.next();
    if (next.done) {
      options.output.write('\n');
      // Ctrl-D on a terminal closes the reader but not the terminal: open a new one, so Ctrl-D
      // inside a question returns to the menu. Piped input has really ended.
      if ((options.input as NodeJS.ReadStream).isTTY === true) {
        rl = open();
        lines = rl[Symbol.asyncIterator]();
      }
      return undefined;
    }
    return next.value;
  };
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.min(ms, 30_000)));

  const user = { id: nameKey(options.userName, 'the user name'), name: options.userName };
  const group = { id: nameKey(options.groupName, 'the group name'), name: options.groupName };
  // Names are echoed without their control characters: an escape sequence in a name is not run.
  const shown = { user: withoutInvisible(user.name), group: withoutInvisible(group.name) };
  say(
    pc.bold(
      `cnnkit quiz: convolutional networks, ${engine.questions().length} questions. Playing as ${shown.user} in "${shown.group}".`,
    ),
  );
  say(pc.dim('Numeric answers are checked by building and running the real models.'));

  const ids = engine.questions().map((q) => q.id);
  const variantIds = engine.variantQuestionIds();
  const menu = menuText(ids, variantIds);

  const play = async (question: Question, variantSeed?: number) => {
    say();
    say(formatQuestion(question));
    for (const [index, part] of question.parts.entries()) {
      for (;;) {
        say();
        say(formatPartPrompt(part, index, question.parts.length));
        const answer = await ask(pc.cyan('> '));
        // End of input (Ctrl-D) or "q" inside a question: back to the menu.
        if (answer === undefined || BACK_TO_MENU.has(answer.trim().toLowerCase())) return;
        if (answer.trim() === '') {
          say(pc.dim('(skipped)'));
          break;
        }
        const stop =
          part.kind === 'numeric' ? startSpinner('building and running the real model…') : () => {};
        try {
          const result = await engine
            .answer({
              userId: user.id,
              displayName: user.name,
              groupId: group.id,
              groupName: group.name,
              questionId: question.id,
              partId: part.id,
              answer,
              idempotencyKey: randomUUID(),
              ...(variantSeed === undefined ? {} : { variantSeed }),
            })
            .finally(stop);
          say(formatResult(result));
          break;
        } catch (error) {
          if (!(error instanceof QuizError)) throw error;
          say(pc.yellow(withoutInvisible(error.message, { keepNewlines: true })));
          // After a rate-limit pause the same part is asked again, not skipped.
          if (error.code === 'rate_limited') {
            // A little past the wait: timers may fire a millisecond before the clock agrees.
            await pause(Number(error.context.waitMs ?? 1000) + 25);
            continue;
          }
          // A malformed answer gets another try; anything else moves on.
          if (error.code !== 'invalid_answer' && error.code !== 'answer_too_long') break;
        }
      }
    }
  };

  for (;;) {
    say();
    say(menu);
    // Ctrl-D at the menu quits, as the end of piped input does.
    const choice = (await ask(pc.cyan('> ')))?.trim().toLowerCase();
    if (choice === undefined || choice === 'q' || choice === 'quit' || choice === 'exit') break;
    try {
      if (/^\d+$/.test(choice) && ids.includes(Number(choice))) await play(engine.question(Number(choice)));
      else if (choice === 'v' && variantIds.length > 0) {
        const seed = Math.floor(Math.random() * 1_000_000);
        const id = variantIds[seed % variantIds.length]!;
        await play(engine.question(id, seed), seed);
      } else if (choice === 'r') {
        const due = await engine.due(user.id);
        if (due.length === 0) say('Nothing is due for review. Well done.');
        else await play(due[0]!);
      } else if (choice === 'b') {
        say(formatLeaderboard(await engine.leaderboard(group.id, 'all'), `Leaderboard of ${shown.group}`));
      } else if (choice !== '')
        say(
          pc.yellow(
            `"${cutGraphemes(withoutInvisible(choice), 20)}" is not a choice: ${ids[0]} to ${ids[ids.length - 1]}, v, r, b or q.`,
          ),
        );
    } catch (error) {
      if (!(error instanceof QuizError)) throw error;
      say(pc.yellow(withoutInvisible(error.message, { keepNewlines: true })));
    }
  }
  say('Bye.');
  rl.close();
}
