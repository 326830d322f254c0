import { defaultSqlitePath } from '../../store/open';
import { backupSqliteDatabase } from '../../store/sqlite-backup';
import type { CliCommand } from '../command';
import { UsageError } from '../options';

/** `cnnkit-quiz backup FILE`: copy the SQLite database to FILE (safe while the quiz runs). */
export const backup: CliCommand = {
  name: 'backup',
  async run({ args, command, print }) {
    const destination = command[1];
    if (destination === undefined) throw new UsageError('backup needs a file name: cnnkit-quiz backup FILE');
    if (process.env.DATABASE_URL)
      throw new UsageError('backup copies the SQLite database; for PostgreSQL use pg_dump');
    const source = args.db ?? defaultSqlitePath();
    const { pages } = await backupSqliteDatabase(source, destination);
    if (args.json) print(JSON.stringify({ source, destination, pages }));
    else print(`Backed up ${source} to ${destination} (${pages} pages).`);
    return 0;
  },
};
