import { createPostgresStorage } from '../../src/storage/postgres';
import type { Storage } from '../../src/storage/types';
import { dropSchema, freshSchemaName, requirePostgres, TEST_DATABASE_URL } from './pg-test-db';
import { webhooksContract } from './webhooks.contract';

// A fresh schema per test; "another node" is a second pool on the same schema.
beforeAll(requirePostgres);
const schemaOf = new Map<Storage, string>();
webhooksContract(
  'postgres',
  async (clock) => {
    const schema = freshSchemaName();
    const storage = await createPostgresStorage({ connectionString: TEST_DATABASE_URL, schema, ...(clock ? { now: clock.now } : {}) });
    schemaOf.set(storage, schema);
    return storage;
  },
  async (storage) => {
    await storage.close();
    await dropSchema(schemaOf.get(storage)!);
  },
  async (storage) => createPostgresStorage({ connectionString: TEST_DATABASE_URL, schema: schemaOf.get(storage)! }),
);
