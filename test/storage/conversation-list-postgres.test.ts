import { createPostgresStorage } from '../../src/storage/postgres';
import type { Storage } from '../../src/storage/types';
import { conversationListContract } from './conversation-list.contract';
import { TEST_DATABASE_URL, dropSchema, freshSchemaName, requirePostgres } from './pg-test-db';

// A fresh schema per test, dropped afterwards (needs the PostgreSQL from TEST_DATABASE_URL).
const schemaOf = new Map<Storage, string>();
beforeAll(requirePostgres);

conversationListContract(
  'postgres',
  async (clock) => {
    const schema = freshSchemaName();
    const storage = await createPostgresStorage({ connectionString: TEST_DATABASE_URL, schema, now: clock.now });
    schemaOf.set(storage, schema);
    return storage;
  },
  async (storage) => {
    await storage.close();
    await dropSchema(schemaOf.get(storage)!);
  },
);
