import { questionView } from '../../views/results';
import type { CliCommand } from '../command';
import { formatQuestion } from '../format';
import { UsageError } from '../options';

/** `cnnkit-quiz show -q N [--variant V]`: a question and its parts, as a student sees it. */
export const show: CliCommand = {
  name: 'show',
  async run({ args, print, readOnlyEngine }) {
    if (args.question === undefined) throw new UsageError('show needs --question N');
    const question = readOnlyEngine().question(args.question, args.variant);
    // Only what a student may see before answering: no model answer, rubric or measurement.
    if (args.json) print(JSON.stringify(questionView(question), null, 2));
    else
      print(
        `${formatQuestion(question)}\n${question.parts.map((p, i) => `  ${i + 1}. [${p.id}] ${p.prompt}`).join('\n')}`,
      );
    return 0;
  },
};
