import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Pool } from 'pg';
import { createStorage, SQLITE_FILE_NAME } from '../../src/storage/create';
import { newConversation } from './contract';
import { TEST_DATABASE_URL, adminQuery, dropSchema, freshSchemaName } from './pg-test-db';

describe('createStorage', () => {
  it('uses SQLite at <dataDir>/chat.db when no databaseUrl is set, creating the directory', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'chat-create-'));
    const dataDir = path.join(root, 'nested', 'data');
    try {
      const storage = await createStorage({ dataDir });
      const conv = newConversation();
      await storage.createConversation(conv);
      await storage.close();
      expect(existsSync(path.join(dataDir, SQLITE_FILE_NAME))).toBe(true);
      const again = await createStorage({ dataDir });
      expect(await again.getConversation(conv.id)).toMatchObject({ id: conv.id });
      await again.close();
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('uses PostgreSQL when databaseUrl is set, and writes nothing to dataDir', async () => {
    const schema = freshSchemaName();
    await adminQuery(`CREATE SCHEMA "${schema}"`);
    const dataDir = path.join(os.tmpdir(), `chat-create-unused-${process.pid}`);
    try {
      // The URL's own search_path keeps this run out of the shared `public` schema.
      const url = new URL(TEST_DATABASE_URL);
      url.searchParams.set('options', `-c search_path=${schema}`);
      const storage = await createStorage({ dataDir, databaseUrl: url.toString() });
      const conv = newConversation();
      await storage.createConversation(conv);
      await storage.close();
      expect(existsSync(dataDir)).toBe(false);
      const pool = new Pool({ connectionString: TEST_DATABASE_URL, max: 1 });
      try {
        const { rows } = await pool.query(`SELECT id FROM "${schema}".conversations`);
        expect(rows).toEqual([{ id: conv.id }]);
      } finally {
        await pool.end();
      }
    } finally {
      await dropSchema(schema);
    }
  });
});
