import { createPostgresStorage } from '../../src/storage/postgres';
import type { Storage } from '../../src/storage/types';
import { TEST_DATABASE_URL, dropSchema, freshSchemaName, requirePostgres } from './pg-test-db';
import { trainingStoreContract } from './training.contract';

// Every test gets its own schema, dropped afterwards.
const schemaOf = new Map<Storage, string>();
beforeAll(requirePostgres);

trainingStoreContract(
  'postgres',
  async () => {
    const schema = freshSchemaName();
    const storage = await createPostgresStorage({ connectionString: TEST_DATABASE_URL, schema });
    schemaOf.set(storage, schema);
    return storage;
  },
  async (storage) => {
    await storage.close();
    await dropSchema(schemaOf.get(storage)!);
  },
);
