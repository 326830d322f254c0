import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { QuizError, type StorageErrorCode } from '../errors';
import { namedStatements } from './compiled';
import { errorCodes } from './error-codes';
import { migrateToLatest } from './migrations';
import type { Database } from './schema';
import { KyselyQuizStore, type QuizStore, type StoreTestHooks } from './store';

/**
 * Opens (and migrates) PostgreSQL at `url`, for several bot processes or shards. A failure is a
 * QuizError with a `storage_*` code that names the host, never the password.
 */
export async function openPostgres(url: string, hooks: StoreTestHooks | undefined): Promise<QuizStore> {
  const target = describePostgresUrl(url);
  const pool = new pg.Pool({
    connectionString: url,
    max: 5,
    // A black-holed host fails in 10 s with a sentence, instead of hanging.
    connectionTimeoutMillis: 10_000,
    // COUNT and SUM come back as int8; every figure here fits a double exactly.
    types: {
      getTypeParser: (oid: number, format?: string) =>
        oid === 20 ? Number : pg.types.getTypeParser(oid, format as 'text'),
    },
  } as pg.PoolConfig);
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => {});
  // The store's compiled hot-path queries run as named prepared statements: parsed once per
  // connection (issue 20). The names are filled in as the store compiles them, before any runs.
  const named = new Map<string, string>();
  pool.on('connect', (client) => namedStatements(client, named));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    await sql`select 1`.execute(db);
    await migrateToLatest(db as Kysely<unknown>, 'postgres');
  } catch (error) {
    await db.destroy().catch(() => {});
    throw postgresError(error, target);
  }
  return new KyselyQuizStore(db, 'postgres', hooks, (text) => {
    if (!named.has(text)) named.set(text, `cnnkit_q${named.size + 1}`);
  });
}

interface PostgresTarget {
  readonly host: string;
  readonly port: string;
  readonly user: string;
  readonly database: string;
}

/** The parts of a URL that may be shown: never the password. */
function describePostgresUrl(url: string): PostgresTarget {
  if (!/^postgres(ql)?:\/\//.test(url)) {
    throw new QuizError(
      'storage_invalid_url',
      'DATABASE_URL must be a postgres:// or postgresql:// URL; leave it unset for the embedded SQLite database',
    );
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (error) {
    throw new QuizError(
      'storage_invalid_url',
      'DATABASE_URL is not a valid URL: write it as postgres://USER:PASSWORD@HOST:PORT/DATABASE',
      { cause: error },
    );
  }
  return {
    host: parsed.hostname || 'localhost',
    port: parsed.port || '5432',
    user: decodeURIComponent(parsed.username) || '(default user)',
    database: decodeURIComponent(parsed.pathname.replace(/^\//, '')) || '(default database)',
  };
}

function postgresError(error: unknown, target: PostgresTarget): QuizError {
  if (error instanceof QuizError) return error;
  const codes = errorCodes(error);
  const at = `PostgreSQL at ${target.host}:${target.port}`;
  const context = { host: target.host, port: target.port, database: target.database, codes };
  const make = (code: StorageErrorCode, message: string) =>
    new QuizError(code, message, { cause: error, context });
  if (codes.includes('ECONNREFUSED'))
    return make(
      'storage_connection_refused',
      `${at} refused the connection: check that the server is running and that DATABASE_URL names the right host and port`,
    );
  if (codes.includes('ENOTFOUND') || codes.includes('EAI_AGAIN'))
    return make(
      'storage_host_not_found',
      `the PostgreSQL host ${target.host} was not found: check the host name in DATABASE_URL`,
    );
  // SQLSTATE 28P01 invalid_password, 28000 invalid_authorization_specification (postgresql.org/docs/current/errcodes-appendix.html).
  if (codes.includes('28P01') || codes.includes('28000'))
    return make(
      'storage_auth_failed',
      `${at} refused user "${target.user}" (wrong password, or not allowed to connect): check the user and password in DATABASE_URL`,
    );
  // 3D000 invalid_catalog_name: the database does not exist.
  if (codes.includes('3D000'))
    return make(
      'storage_database_missing',
      `the database "${target.database}" does not exist on ${at}: create it (createdb ${target.database}) or fix DATABASE_URL`,
    );
  return make(
    'storage_unreachable',
    `could not use ${at}, database "${target.database}" (${codes[0] ?? 'no error code'}): check that the server is up and reachable, then try again`,
  );
}
