import { nameKey } from '../../identity';
import type { CliCommand } from '../command';

/** `cnnkit-quiz review`: the questions due for this player (spaced repetition). */
export const review: CliCommand = {
  name: 'review',
  async run({ args, print, engine, userName }) {
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
  },
};
