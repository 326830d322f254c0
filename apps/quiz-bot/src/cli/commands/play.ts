import type { CliCommand } from '../command';
import { runInteractive } from '../terminal';

/** `cnnkit-quiz` with no command: the interactive quiz in the terminal. */
export const play: CliCommand = {
  name: 'play',
  async run({ engine, userName, groupName, io }) {
    await runInteractive(await engine(), { userName, groupName, input: process.stdin, output: io.out });
    return 0;
  },
};
