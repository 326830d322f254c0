import type SqliteDatabase from 'better-sqlite3';

/**
 * A better-sqlite3 database whose `prepare` returns the statement prepared before for the same SQL
 * text (issue 20: preparing a statement per query was ~6% of the bot's thread under a burst). Kysely's
 * SQLite driver calls `prepare(sql)` for every query and runs the statement at once, synchronously,
 * so one statement per text is never used by two queries at the same time. At most `limit` texts are
 * kept (least recently used dropped); Kysely's queries are few and fixed, so the limit is rarely met.
 */
export function withStatementCache(database: SqliteDatabase.Database, limit = 500): SqliteDatabase.Database {
  const statements = new Map<string, SqliteDatabase.Statement>();
  const prepare = database.prepare.bind(database);
  return new Proxy(database, {
    get(target, property, receiver) {
      if (property === 'prepare')
        return (source: string) => {
          let statement = statements.get(source);
          if (statement === undefined) {
            statement = prepare(source);
            if (statements.size >= limit) statements.delete(statements.keys().next().value!);
          } else statements.delete(source);
          statements.set(source, statement);
          return statement;
        };
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
