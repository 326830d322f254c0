import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { describe, expect, test } from 'vitest';
import { openStore } from '../src/index';
import { migrationContract } from './migrations-contract';
import { storeContract } from './store-contract';

// Slow suite: needs a PostgreSQL server. `npm test` and CI start one on 127.0.0.1 through
// scripts/with-postgres.sh (installing Debian's package if missing) and pass its URL here.
const url = process.env.CNNKIT_PG_URL;

describe('PostgreSQL store (several bot processes or shards)', () => {
  test('a server was provided (run through scripts/with-postgres.sh)', () => {
    expect(url, 'CNNKIT_PG_URL is not set: run the slow suites through scripts/with-postgres.sh').toMatch(
      /^postgres:\/\/.*127\.0\.0\.1/,
    );
  });

  if (url === undefined) return;
  const reset = async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query('drop schema public cascade; create schema public;');
    await client.end();
  };
  storeContract(() => openStore({ databaseUrl: url }), reset, { concurrency: { supported: true } });
  migrationContract({
    dialect: 'postgres',
    raw: async () =>
      new Kysely<unknown>({
        dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }),
      }),
    open: () => openStore({ databaseUrl: url }),
    reset,
  });
});
