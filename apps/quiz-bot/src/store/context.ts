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
  /**
   * SQLite with its connection at hand: the `PRAGMA data_version` read when the write transaction
   * open on the connection began (undefined outside one, and on PostgreSQL). No other connection can
   * commit while this one holds the write lock, so what was read under the same version, here or in
   * an earlier transaction, is unchanged by anyone else (see unpaid-hints.ts).
   */
  readonly transactionDataVersion?: () => number | undefined;
  /**
   * SQLite with its connection at hand: how many write transactions were rolled back whole on the
   * connection (a group commit that failed: every write of it undone, those that had succeeded too).
   */
  readonly transactionsRolledBack?: () => number;
}

/** The statements that open and close a write transaction, prepared once on a SQLite connection. */
export interface TransactionStatements {
  readonly begin: SqliteDatabase.Statement;
  readonly commit: SqliteDatabase.Statement;
  readonly rollback: SqliteDatabase.Statement;
  /** One write of a group commit: a savepoint, kept (released) or undone (rolled back to). */
  readonly savepoint: SqliteDatabase.Statement;
  readonly release: SqliteDatabase.Statement;
  readonly rollbackToSavepoint: SqliteDatabase.Statement;
  /** True while the connection has a transaction open (SQLite ends one by itself after some errors). */
  inTransaction(): boolean;
  /** `PRAGMA data_version`, plucked (sqlite.org/pragma.html#pragma_data_version). */
  readonly dataVersion: SqliteDatabase.Statement;
  /**
   * The data version read when the open write transaction began (undefined outside one), and the
   * count of write transactions rolled back whole.
   */
  readonly open: { version: number | undefined; rolledBack: number };
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
  const open = { version: undefined as number | undefined, rolledBack: 0 };
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
            savepoint: sqlite.prepare('savepoint cnnkit_write'),
            release: sqlite.prepare('release cnnkit_write'),
            rollbackToSavepoint: sqlite.prepare('rollback to cnnkit_write'),
            inTransaction: () => sqlite.inTransaction,
            dataVersion: sqlite.prepare('pragma data_version').pluck(),
            open,
          },
          transactionDataVersion: () => open.version,
          transactionsRolledBack: () => open.rolledBack,
        }),
  };
}

/** Numbers come back as bigint strings or numbers depending on the driver and column. */
export const toNumber = (value: unknown) => Number(value);

// Compiled once, like every query of the answer path.
const BEGIN_IMMEDIATE = CompiledQuery.raw('begin immediate');
const COMMIT = CompiledQuery.raw('commit');
const ROLLBACK = CompiledQuery.raw('rollback');

/** Writes waiting for the next group commit, per SQLite connection (see `writeTransaction`). */
interface GroupCommit {
  readonly writes: {
    readonly work: (trx: Kysely<Database>) => Promise<unknown>;
    readonly resolve: (value: unknown) => void;
    readonly reject: (error: unknown) => void;
  }[];
}
const groupCommits = new WeakMap<TransactionStatements, GroupCommit>();

/**
 * The Kysely bound to the connection under `statements`, made by Kysely's own `connection()` on the
 * first group commit and kept: the SQLite driver has one connection for its whole life (the one the
 * prepared BEGIN and COMMIT already run on), so every later `provideConnection` hands out that same
 * connection, and this Kysely runs on it. Later group commits take the connection (Kysely's lock:
 * no other query of this store runs until it is released) without building a new Kysely, executor
 * and connection provider each time (issue 20: ~1 KB and a few microseconds per answer).
 */
const heldConnections = new WeakMap<TransactionStatements, Kysely<Database>>();

function withConnection(
  context: StoreContext,
  statements: TransactionStatements,
  work: (connection: Kysely<Database>) => Promise<void>,
): Promise<void> {
  const held = heldConnections.get(statements);
  if (held === undefined)
    return context.db.connection().execute((connection) => {
      heldConnections.set(statements, connection);
      return work(connection);
    });
  return context.db.getExecutor().provideConnection(() => work(held));
}

/**
 * Runs the writes of one group commit in one transaction on the connection, each inside its own
 * savepoint: a write that fails is undone alone (rolled back to its savepoint) and rejected with
 * its error; the others are committed together, and each is resolved only once the commit is done.
 * If SQLite ended the transaction by itself (SQLITE_FULL, SQLITE_IOERR…) or the commit fails,
 * nothing was kept: every write is rejected with that error, as a lone transaction would have been.
 */
async function runGroupCommit(
  context: StoreContext,
  statements: TransactionStatements,
  writes: GroupCommit['writes'],
): Promise<void> {
  const outcomes: ({ value: unknown } | { error: unknown })[] = [];
  try {
    await withConnection(context, statements, async (connection) => {
      statements.begin.run();
      // Read once per group commit, with the write lock held: every write of it sees this version.
      statements.open.version = Number(statements.dataVersion.get());
      // A lone write (an answer with nothing beside it in its turn: the usual case) needs no
      // savepoint: undoing it alone is undoing the whole transaction (issue 20: one statement less).
      const lone = writes.length === 1;
      try {
        for (const write of writes) {
          if (!lone) statements.savepoint.run();
          let outcome: { value: unknown } | { error: unknown };
          try {
            outcome = { value: await write.work(connection) };
          } catch (error) {
            outcome = { error };
          }
          outcomes.push(outcome);
          // SQLite already ended the whole transaction (SQLITE_FULL, SQLITE_IOERR, some SQLITE_BUSY),
          // or a lone write failed: the transaction is rolled back whole, and it gets its own error.
          if ('error' in outcome && (lone || !statements.inTransaction())) throw outcome.error;
          if (lone) continue;
          if ('error' in outcome) statements.rollbackToSavepoint.run();
          statements.release.run();
        }
        statements.commit.run();
      } catch (error) {
        // Whole: what every write of this group commit did is gone (or SQLite already undid it).
        statements.open.rolledBack++;
        if (statements.inTransaction())
          try {
            statements.rollback.run();
          } catch {}
        throw error;
      } finally {
        statements.open.version = undefined;
      }
    });
  } catch (error) {
    // Nothing was kept: a write that failed on its own keeps its own error, the others get this one.
    writes.forEach((write, i) => {
      const outcome = outcomes[i];
      write.reject(outcome !== undefined && 'error' in outcome ? outcome.error : error);
    });
    return;
  }
  writes.forEach((write, i) => {
    const outcome = outcomes[i]!;
    if ('error' in outcome) write.reject(outcome.error);
    else write.resolve(outcome.value);
  });
}

/**
 * One write transaction. SQLite: BEGIN IMMEDIATE takes the write lock up front, so two processes
 * never both read and then deadlock upgrading to write (SQLITE_BUSY); the loser waits for
 * busy_timeout instead. PostgreSQL: an ordinary transaction, with the rows it changes locked inside.
 * SQLite holds Kysely's connection for the whole transaction (no other query of this store runs on
 * it meanwhile); with `transactionStatements` the BEGIN, COMMIT and ROLLBACK run straight on it, as
 * Kysely's SQLite driver would run them, without Kysely's per-query work (issue 20: two write
 * transactions per Discord answer), and the writes asked for in one turn of the event loop share
 * one transaction (a group commit, `runGroupCommit`): each in its own savepoint, undone alone if it
 * fails, each promise settled only after the commit.
 */
export function writeTransaction<T>(
  context: StoreContext,
  work: (trx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  if (context.dialect === 'postgres') return context.db.transaction().execute(work);
  const statements = context.transactionStatements;
  if (statements !== undefined) {
    // Group commit (issue 20): the writes asked for in one turn of the event loop (a burst's answers)
    // share one transaction and one commit, each in its own savepoint, from the turn's end.
    let group = groupCommits.get(statements);
    if (group === undefined) {
      const started: GroupCommit = { writes: [] };
      group = started;
      groupCommits.set(statements, started);
      setImmediate(() => {
        groupCommits.delete(statements);
        void runGroupCommit(context, statements, started.writes);
      });
    }
    const writes = group.writes;
    return new Promise<T>((resolve, reject) => {
      writes.push({ work, resolve: resolve as (value: unknown) => void, reject });
    });
  }
  // Without the connection at hand (a store opened on another Kysely database): through Kysely.
  return context.db.connection().execute(async (connection) => {
    await connection.executeQuery(BEGIN_IMMEDIATE);
    try {
      const result = await work(connection);
      await connection.executeQuery(COMMIT);
      return result;
    } catch (error) {
      // SQLite has already rolled back after SQLITE_FULL, SQLITE_IOERR and some SQLITE_BUSY:
      // ROLLBACK then fails ("no transaction is active"), and must not hide what happened.
      await connection.executeQuery(ROLLBACK).catch(() => {});
      throw error;
    }
  });
}
