import { nameKey } from '../../identity';
import { withoutInvisible } from '../../text';
import type { CliCommand } from '../command';
import { formatLeaderboard } from '../format';

/** `cnnkit-quiz leaderboard [--period week|all]`: the group's ranking (opens the database read-only if need be). */
export const leaderboard: CliCommand = {
  name: 'leaderboard',
  async run({ args, print, engine, groupName }) {
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
  },
};
