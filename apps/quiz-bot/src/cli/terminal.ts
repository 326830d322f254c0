import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import pc from 'picocolors';
import type { QuizEngine } from '../engine';
import { QuizError } from '../errors';
import { nameKey } from '../identity';
import type { Question } from '../questions/schemas';
import { formatLeaderboard, formatPartPrompt, formatQuestion, formatResult, startSpinner } from './format';

export interface InteractiveOptions {
  readonly userName: string;
  readonly groupName: string;
  readonly input: Readable;
  readonly output: Writable;
}

const MENU = `Pick a question ${pc.bold('1')}–${pc.bold('8')}, ${pc.bold('v')} for a new variant (of question 2, 4, 7 or 8), ${pc.bold('r')} to review what is due, ${pc.bold('b')} for the leaderboard, ${pc.bold('q')} to quit.`;

/**
 * The terminal adapter: prompts, colours, a spinner while a model runs, the leaderboard as a
 * table. Reads line by line, so it also works with piped input, and ends cleanly at end of input.
 */
export async function runInteractive(engine: QuizEngine, options: InteractiveOptions): Promise<void> {
  const rl = createInterface({
    input: options.input,
    output: options.output,
    terminal: (options.output as NodeJS.WriteStream).isTTY === true,
  });
  const say = (text = '') => options.output.write(`${text}\n`);
  // Lines are read through the async iterator, which buffers them: piped input that arrives all
  // at once is answered line by line instead of being dropped while a model runs.
  const lines = rl[Symbol.asyncIterator]();
  const ask = async (prompt: string): Promise<string | undefined> => {
    rl.setPrompt(prompt);
    rl.prompt();
    const next = await lines.next();
    if (next.done) {
      options.output.write('\n');
      return undefined;
    }
    return next.value;
  };

  const user = { id: nameKey(options.userName, 'the user name'), name: options.userName };
  const group = { id: nameKey(options.groupName, 'the group name'), name: options.groupName };
  say(
    pc.bold(
      `cnnkit quiz: convolutional networks, eight questions. Playing as ${user.name} in "${group.name}".`,
    ),
  );
  say(pc.dim('Numeric answers are checked by building and running the real models.'));

  const play = async (question: Question, variantSeed?: number) => {
    say();
    say(formatQuestion(question));
    for (const [index, part] of question.parts.entries()) {
      for (;;) {
        say();
        say(formatPartPrompt(part, index, question.parts.length));
        const answer = await ask(pc.cyan('> '));
        if (answer === undefined) return;
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
          say(pc.yellow(error.message));
          // A malformed answer gets another try; anything else moves on.
          if (error.code !== 'invalid_answer' && error.code !== 'answer_too_long') break;
        }
      }
    }
  };

  for (;;) {
    say();
    say(MENU);
    const choice = (await ask(pc.cyan('> ')))?.trim().toLowerCase();
    if (choice === undefined || choice === 'q' || choice === 'quit' || choice === 'exit') break;
    try {
      if (/^[1-8]$/.test(choice)) await play(engine.question(Number(choice)));
      else if (choice === 'v') {
        const seed = Math.floor(Math.random() * 1_000_000);
        const id = [2, 4, 7, 8][seed % 4]!;
        await play(engine.question(id, seed), seed);
      } else if (choice === 'r') {
        const due = await engine.due(user.id);
        if (due.length === 0) say('Nothing is due for review. Well done.');
        else await play(due[0]!);
      } else if (choice === 'b') {
        say(formatLeaderboard(await engine.leaderboard(group.id, 'all'), `Leaderboard of ${group.name}`));
      } else if (choice !== '') say(pc.yellow(`"${choice.slice(0, 20)}" is not a choice.`));
    } catch (error) {
      if (!(error instanceof QuizError)) throw error;
      say(pc.yellow(error.message));
    }
  }
  say('Bye.');
  rl.close();
}
