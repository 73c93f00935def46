import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSqliteStorage } from '../../src/storage/sqlite';
import { conversationListContract } from './conversation-list.contract';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

conversationListContract(
  'sqlite',
  async (clock) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'chat-list-'));
    dirs.push(dir);
    return createSqliteStorage({ file: path.join(dir, 'chat.db'), now: clock.now });
  },
  (s) => s.close(),
);
