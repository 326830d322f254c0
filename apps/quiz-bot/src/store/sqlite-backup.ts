import { existsSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { QuizError } from '../errors';
import { innermostMessage } from './error-codes';
import { sqliteError, sqliteFault } from './sqlite-errors';
import { assertIntact } from './sqlite-integrity';
import { canWrite, writeBlocker } from './sqlite-path';

/**
 * Copies a SQLite quiz database while it may be in use, through SQLite's online backup API
 * (sqlite.org/backup.html): the copy is a consistent snapshot even with writers running. The
 * source is checked first (a damaged file is not copied over a good backup), and an existing
 * destination is never overwritten.
 */
export async function backupSqliteDatabase(source: string, destination: string): Promise<{ pages: number }> {
  if (destination === '' || source === '') {
    throw new QuizError('storage_path_empty', 'backup needs a file name: cnnkit-quiz backup FILE');
  }
  if (existsSync(destination)) {
    throw new QuizError(
      'storage_backup_failed',
      `${destination} already exists: choose a new file name (a backup never overwrites a file)`,
      { context: { path: destination } },
    );
  }
  if (!existsSync(dirname(destination))) {
    throw new QuizError(
      'storage_folder_missing',
      `the folder ${dirname(destination)} for the backup does not exist: create it first or choose another path`,
      { context: { path: destination } },
    );
  }
  if (!existsSync(source)) {
    throw new QuizError(
      'storage_cannot_open',
      `there is no quiz database at ${source} to back up: check --db`,
      { context: { path: source } },
    );
  }
  // The destination is checked here, so its faults name it, never the source.
  if (!canWrite(dirname(destination))) {
    throw new QuizError(
      'storage_backup_failed',
      `cannot write the backup ${destination}: its folder ${dirname(destination)} is read-only for this user (or on a read-only disk); choose a folder you can write to`,
      { context: { path: destination } },
    );
  }
  let sqlite: SqliteDatabase.Database | undefined;
  try {
    try {
      sqlite = new SqliteDatabase(source, {
        fileMustExist: true,
        readonly: writeBlocker(source, true) !== undefined,
      });
      sqlite.pragma('busy_timeout = 5000');
      assertIntact(sqlite, source);
    } catch (error) {
      throw sqliteError(error, source);
    }
    try {
      const result = await sqlite.backup(destination);
      return { pages: result.totalPages };
    } catch (error) {
      // A half-written copy is no backup.
      rmSync(destination, { force: true });
      throw (
        sqliteFault(error, destination, `the backup ${destination} could not be written`, 5000) ??
        new QuizError(
          'storage_backup_failed',
          `the backup ${destination} could not be written (SQLite: ${innermostMessage(error).slice(0, 200)}): check that its folder is writable and has room`,
          { cause: error, context: { path: destination } },
        )
      );
    }
  } finally {
    sqlite?.close();
  }
}
