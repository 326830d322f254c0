import type SqliteDatabase from 'better-sqlite3';
import type { Compilable, CompiledQuery, QueryResult } from 'kysely';

/** What runs a compiled query: a Kysely database, transaction or connection. */
export interface QueryExecutor {
  executeQuery<R>(query: CompiledQuery<R>): Promise<QueryResult<R>>;
}

/**
 * A query built and compiled once, run many times with new parameter values (issue 20: building
 * the same Kysely queries on every answer was ~12% of the bot's thread under a burst). Its SQL text
 * never changes, so SQLite's statement cache (prepared.ts) and PostgreSQL's named statements
 * (`namedStatements`) prepare it once per connection.
 */
export interface CompiledStatement<P, R> {
  /** The SQL text, in the store's dialect. */
  readonly sql: string;
  /** Runs the statement on `executor` (the database, or a transaction or connection of it). */
  run(executor: QueryExecutor, params: P): Promise<QueryResult<R>>;
  /**
   * Runs it at once, synchronously, where it runs straight on the SQLite connection (see
   * `directRunner`), and returns its result; undefined where it must go through `run` (PostgreSQL,
   * the database while a transaction is open on it), having run nothing. Errors are thrown. Lets
   * the answer's transaction skip an `await` per statement (issue 20: each was a promise and a
   * microtask more on the bot's thread): `stmt.now(trx, p) ?? (await stmt.run(trx, p))`.
   */
  now(executor: QueryExecutor, params: P): QueryResult<R> | undefined;
}

const SENTINEL_PREFIX = '\u0000cnnkit-parameter:';

/**
 * SQLite: the better-sqlite3 connection under a Kysely database, for running compiled statements
 * on it directly (issue 20: Kysely's per-query work was the larger part of the store's cost on the
 * bot's thread). `root` is that Kysely database.
 */
export interface DirectSqlite {
  readonly database: SqliteDatabase.Database;
  readonly root: QueryExecutor;
}

/**
 * Runs `sql` straight on the connection, as Kysely's SQLite driver would (`all` for a statement that
 * returns rows, `run` for the others), when that is safe: on a transaction or connection of the
 * database (its caller holds the connection: nothing else runs on it until it is released), or on
 * the database itself while no transaction is open on the connection (the statement then runs alone,
 * synchronously, as its own transaction, exactly as through Kysely). Otherwise (the database while
 * another caller holds a transaction open) undefined: the caller goes through Kysely, which waits
 * for the connection.
 */
function directRunner(direct: DirectSqlite, sql: string) {
  let statement: SqliteDatabase.Statement | undefined;
  // Whether it returns rows, read once (a native getter, asked for every run before; issue 20).
  let reader = false;
  return <R>(executor: QueryExecutor, parameters: readonly unknown[]): QueryResult<R> | undefined => {
    if (executor === direct.root && direct.database.inTransaction) return undefined;
    if (statement === undefined) {
      statement = direct.database.prepare(sql);
      reader = statement.reader;
    }
    if (reader) return { rows: statement.all(parameters) as R[] };
    const { changes, lastInsertRowid } = statement.run(parameters);
    return { rows: [], numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid) };
  };
}

/**
 * Compiles the query `build` makes once. `build` receives a placeholder per parameter name (a
 * sentinel string standing in for the value, whatever the column's type): every value of the built
 * query must be one of them or a constant, and every named parameter must be used, else this
 * throws (a query that would silently run with a stale value is refused at start-up).
 * `onCompiled` is told the SQL text (PostgreSQL names it then). With `direct` (SQLite), each run
 * goes straight to a statement prepared once on the connection whenever that is safe (see
 * `directRunner`), else through Kysely.
 */
export function compileStatement<P extends object, R>(
  names: readonly (keyof P & string)[],
  build: (params: P) => Compilable<R>,
  onCompiled?: (sql: string) => void,
  direct?: DirectSqlite,
): CompiledStatement<P, R> {
  const placeholders = Object.fromEntries(names.map((name) => [name, `${SENTINEL_PREFIX}${name}`]));
  const compiled: CompiledQuery<R> = build(placeholders as P).compile();
  const slots = compiled.parameters.map((value) =>
    typeof value === 'string' && value.startsWith(SENTINEL_PREFIX)
      ? { name: value.slice(SENTINEL_PREFIX.length) as keyof P & string }
      : { value },
  );
  const unused = names.filter((name) => !slots.some((slot) => 'name' in slot && slot.name === name));
  if (unused.length > 0)
    throw new Error(`compiled query does not use its parameter(s) ${unused.join(', ')}: ${compiled.sql}`);
  onCompiled?.(compiled.sql);
  const runDirect = direct === undefined ? undefined : directRunner(direct, compiled.sql);
  const parametersOf = (params: P) => {
    const parameters = new Array<unknown>(slots.length);
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i]!;
      parameters[i] = 'name' in slot ? params[slot.name] : slot.value;
    }
    return parameters;
  };
  return {
    sql: compiled.sql,
    now(executor, params) {
      return runDirect?.<R>(executor, parametersOf(params));
    },
    run(executor, params) {
      const parameters = parametersOf(params);
      if (runDirect !== undefined) {
        // Errors are thrown as promise rejections, as from Kysely.
        try {
          const result = runDirect<R>(executor, parameters);
          if (result !== undefined) return Promise.resolve(result);
        } catch (error) {
          return Promise.reject(error);
        }
      }
      return executor.executeQuery<R>({ ...compiled, parameters });
    },
  };
}

/** The smallest part of a pg client this needs: its `query`. */
interface QueryingClient {
  query: (...args: never[]) => unknown;
}

/**
 * PostgreSQL: runs the given SQL texts as named prepared statements, so each connection parses and
 * plans them once (postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-EXT-QUERY; node-postgres
 * keeps the names it prepared per connection). Kysely's driver calls `client.query(text, values)`;
 * a text in `texts` is sent as `{ name, text, values }` instead, every other query unchanged. Call it
 * on each new client (the pool's `connect` event).
 */
export function namedStatements(client: QueryingClient, texts: ReadonlyMap<string, string>): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  client.query = (first: unknown, ...rest: unknown[]) => {
    const name = typeof first === 'string' ? texts.get(first) : undefined;
    if (name === undefined || !Array.isArray(rest[0]) || rest.length > 1) return query(first, ...rest);
    return query({ name, text: first, values: rest[0] });
  };
}
