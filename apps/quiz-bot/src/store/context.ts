import type SqliteDatabase from 'better-sqlite3';
import { type Compilable, CompiledQuery, type Kysely } from 'kysely';
import { type CompiledStatement, compileStatement } from './compiled';
import type { DialectName } from './migrations';
import type { Database } from './schema';

/** What every part of the Kysely store shares: the database, its dialect, and how it compiles queries. */
export interface StoreContext {
  readonly db: Kysely<Database>;
  readonly dialect: DialectName;
  /** Compiles a query once for this database (see compiled.ts). */
  compile<P extends object, R>(
    names: readonly (keyof P & string)[],
    build: (params: P) => Compilable<R>,
  ): CompiledStatement<P, R>;
  /**
   * SQLite with its better-sqlite3 connection at hand: BEGIN IMMEDIATE, COMMIT and ROLLBACK
   * prepared once on it, which `writeTransaction` runs straight on the connection it holds.
   */
  readonly transactionStatements?: TransactionStatements;
}

/** The statements that open and close a write transaction, prepared once on a SQLite connection. */
export interface TransactionStatements {
  readonly begin: SqliteDatabase.Statement;
  readonly commit: SqliteDatabase.Statement;
  readonly rollback: SqliteDatabase.Statement;
}

/**
 * A store context on `db`; `onCompiled` is told each compiled SQL text (PostgreSQL names them).
 * `sqlite`, the better-sqlite3 connection under `db`, lets compiled statements run on it directly.
 */
export function storeContext(
  db: Kysely<Database>,
  dialect: DialectName,
  onCompiled?: (sql: string) => void,
  sqlite?: SqliteDatabase.Database,
): StoreContext {
  const direct = sqlite === undefined ? undefined : { database: sqlite, root: db };
  return {
    db,
    dialect,
    compile: (names, build) => compileStatement(names, build, onCompiled, direct),
    ...(sqlite === undefined
      ? {}
      : {
          transactionStatements: {
            begin: sqlite.prepare('begin immediate'),
            commit: sqlite.prepare('commit'),
            rollback: sqlite.prepare('rollback'),
          },
        }),
  };
}

/** Numbers come back as bigint strings or numbers depending on the driver and column. */
export const toNumber = (value: unknown) => Number(value);

// Compiled once, like every query of the answer path.
const BEGIN_IMMEDIATE = CompiledQuery.raw('begin immediate');
const COMMIT = CompiledQuery.raw('commit');
const ROLLBACK = CompiledQuery.raw('rollback');

/**
 * One write transaction. SQLite: BEGIN IMMEDIATE takes the write lock up front, so two processes
 * never both read and then deadlock upgrading to write (SQLITE_BUSY); the loser waits for
 * busy_timeout instead. PostgreSQL: an ordinary transaction, with the rows it changes locked inside.
 * SQLite holds Kysely's connection for the whole transaction (no other query of this store runs on
 * it meanwhile); with `transactionStatements` the BEGIN, COMMIT and ROLLBACK run straight on it, as
 * Kysely's SQLite driver would run them, without Kysely's per-query work (issue 20: two write
 * transactions per Discord answer).
 */
export function writeTransaction<T>(
  context: StoreContext,
  work: (trx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  if (context.dialect === 'postgres') return context.db.transaction().execute(work);
  const statements = context.transactionStatements;
  return context.db.connection().execute(async (connection) => {
    if (statements === undefined) await connection.executeQuery(BEGIN_IMMEDIATE);
    else statements.begin.run();
    try {
      const result = await work(connection);
      if (statements === undefined) await connection.executeQuery(COMMIT);
      else statements.commit.run();
      return result;
    } catch (error) {
      // SQLite has already rolled back after SQLITE_FULL, SQLITE_IOERR and some SQLITE_BUSY:
      // ROLLBACK then fails ("no transaction is active"), and must not hide what happened.
      if (statements === undefined) await connection.executeQuery(ROLLBACK).catch(() => {});
      else
        try {
          statements.rollback.run();
        } catch {}
      throw error;
    }
  });
}
