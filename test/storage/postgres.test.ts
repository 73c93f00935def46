import { Pool } from 'pg';
import { createPostgresStorage, postgresMigrations } from '../../src/storage/postgres';
import type { Storage } from '../../src/storage/types';
import { msg, newConversation, storageContract } from './contract';
import { TEST_DATABASE_URL, adminQuery, dropSchema, freshSchemaName, requirePostgres } from './pg-test-db';

// Every test gets its own schema, dropped afterwards, so runs (and engineers) never see each other.
const schemaOf = new Map<Storage, string>();

beforeAll(requirePostgres);

storageContract(
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
  { openAnother: async (storage) => createPostgresStorage({ connectionString: TEST_DATABASE_URL, schema: schemaOf.get(storage)! }) },
);

describe('PostgreSQL adapter', () => {
  const schemas: string[] = [];
  const fresh = (): string => {
    const s = freshSchemaName();
    schemas.push(s);
    return s;
  };
  afterAll(async () => {
    for (const s of schemas) await dropSchema(s);
  });

  it('applies migrations exactly once when several nodes start together', async () => {
    const schema = fresh();
    const nodes = await Promise.all(
      [1, 2, 3, 4].map(() => createPostgresStorage({ connectionString: TEST_DATABASE_URL, schema })),
    );
    try {
      const pool = new Pool({ connectionString: TEST_DATABASE_URL, max: 1 });
      try {
        const { rows } = await pool.query(`SELECT version FROM "${schema}".schema_migrations WHERE module = 'core' ORDER BY version`);
        expect(rows.map((r) => r.version)).toEqual(postgresMigrations.map((_, i) => i + 1));
      } finally {
        await pool.end();
      }
      const c = await nodes[0]!.createConversation(newConversation());
      expect(await nodes[3]!.getConversation(c.id)).toMatchObject({ id: c.id, version: 0 });
    } finally {
      await Promise.all(nodes.map((n) => n.close()));
    }
  });

  it('keeps tables in the given schema, not in public', async () => {
    const schema = fresh();
    const storage = await createPostgresStorage({ connectionString: TEST_DATABASE_URL, schema });
    const conv = newConversation();
    try {
      await storage.createConversation(conv);
    } finally {
      await storage.close();
    }
    const pool = new Pool({ connectionString: TEST_DATABASE_URL, max: 1 });
    try {
      const { rows } = await pool.query(`SELECT id FROM "${schema}".conversations`);
      expect(rows).toEqual([{ id: conv.id }]);
    } finally {
      await pool.end();
    }
  });

  it('maps BIGINT columns back to numbers', async () => {
    const storage = await createPostgresStorage({ connectionString: TEST_DATABASE_URL, schema: fresh(), now: () => 1_700_000_000_123 });
    try {
      const c = await storage.createConversation(newConversation());
      const r = await storage.commitTurn({ conversationId: c.id, expectedVersion: 0, messages: [msg('m1')] });
      const got = await storage.getConversation(c.id);
      for (const v of [got!.lastSeq, got!.version, got!.createdAt, r.messages[0]!.seq, r.messages[0]!.createdAt]) {
        expect(typeof v).toBe('number');
      }
      expect(got!.createdAt).toBe(1_700_000_000_123);
    } finally {
      await storage.close();
    }
  });

  it('refuses a schema name that is not a plain identifier', async () => {
    await expect(createPostgresStorage({ connectionString: TEST_DATABASE_URL, schema: 'x"; DROP TABLE y; --' })).rejects.toThrow(
      /invalid PostgreSQL schema name/,
    );
  });

  it('says which server it could not reach, without the password', async () => {
    const err = await createPostgresStorage({
      connectionString: 'postgres://user:s3cret@127.0.0.1:1/nowhere',
      connectTimeoutMs: 2000,
    }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/PostgreSQL at 127\.0\.0\.1:1\/nowhere/);
    expect((err as Error).message).not.toContain('s3cret');
  });

  it('adminQuery helper reaches the test server', async () => {
    await expect(adminQuery('SELECT 1')).resolves.toBeUndefined();
  });
});
