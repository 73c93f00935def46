import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createPostgresStorage } from '../../src/storage/postgres';
import type { Storage } from '../../src/storage/types';

/** The PostgreSQL the storage tests use. CI starts one; locally: trust auth, database `test`. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

/** Runs `sql` on a short-lived admin connection; fails loudly, naming the server and env var. */
export async function adminQuery(sql: string): Promise<void> {
  const client = new Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (err) {
    throw new Error(
      `PostgreSQL is not reachable at ${TEST_DATABASE_URL} (${(err as Error).message}). ` +
        'These tests need it: start PostgreSQL or point TEST_DATABASE_URL at one.',
    );
  }
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Fails the suite with a clear message when PostgreSQL is down, instead of 30 timeouts. */
export async function requirePostgres(): Promise<void> {
  await adminQuery('SELECT 1');
}

/** A schema name no other test run (or concurrent engineer) uses. */
export function freshSchemaName(): string {
  return `test_storage_${process.pid}_${randomBytes(4).toString('hex')}`;
}

export async function dropSchema(schema: string): Promise<void> {
  await adminQuery(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
}

/**
 * `make`/`cleanup` for a contract suite on PostgreSQL: every test gets a fresh schema (reading
 * time from `clock` when given), dropped afterwards, so runs and engineers never see each other.
 * @example const pg = postgresPerTest(); handoffStoreContract('postgres', pg.make, pg.cleanup);
 */
export function postgresPerTest(): {
  make: (clock?: { now: () => number }) => Promise<Storage>;
  cleanup: (storage: Storage) => Promise<void>;
} {
  const schemaOf = new Map<Storage, string>();
  return {
    async make(clock) {
      const schema = freshSchemaName();
      const storage = await createPostgresStorage({ connectionString: TEST_DATABASE_URL, schema, ...(clock ? { now: clock.now } : {}) });
      schemaOf.set(storage, schema);
      return storage;
    },
    async cleanup(storage) {
      await storage.close();
      await dropSchema(schemaOf.get(storage)!);
    },
  };
}
