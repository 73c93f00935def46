import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSqliteStorage } from '../../src/storage/sqlite';
import type { Storage } from '../../src/storage/types';
import { webhooksContract } from './webhooks.contract';

// A fresh SQLite file per test; "another node" is a second connection to the same file.
const dirs: string[] = [];
const fileOf = new Map<Storage, string>();
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
webhooksContract(
  'sqlite',
  async (clock) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'chat-webhooks-'));
    dirs.push(dir);
    const file = path.join(dir, 'chat.db');
    const storage = createSqliteStorage({ file, ...(clock ? { now: clock.now } : {}) });
    fileOf.set(storage, file);
    return storage;
  },
  (storage) => storage.close(),
  async (storage) => createSqliteStorage({ file: fileOf.get(storage)! }),
);
