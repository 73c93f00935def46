import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSqliteStorage } from '../../src/storage/sqlite';
import { casesContract } from './cases.contract';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

casesContract(
  'sqlite',
  async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'chat-cases-'));
    dirs.push(dir);
    return createSqliteStorage({ file: path.join(dir, 'chat.db') });
  },
  async (storage) => storage.close(),
);
